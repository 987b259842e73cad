"""How an OKR set's objectives and key results become the plan's columns.

Each function makes one group of columns of :class:`~okrkit.scoring.Plan` in one pass
over the entities: attribute getters and ``map`` run in C, which counts at 400,000 key
results. :func:`~okrkit.scoring._plan.compile_plan` puts them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain, compress
from operator import attrgetter
from typing import Literal

import numpy as np
import numpy.typing as npt

from okrkit.model import Cycle, KeyResult, LinkKind, Objective
from okrkit.scoring._arrays import KIND_CODE, MetricArrays

__all__ = [
    "ID",
    "KEY_RESULTS",
    "Drivers",
    "Floats",
    "Ints",
    "drivers_of",
    "finals",
    "id_rank",
    "links",
    "metric_arrays",
    "periods",
    "phased",
]

Drivers = Literal["both", "key_results", "children"]
"""What drives an objective's score: its own key results, the objectives and key results
aligned to it, or both (the default); see :func:`~okrkit.scoring.rollup`."""
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

KEY_RESULTS = attrgetter("key_results")
ID = attrgetter("id")
_METRIC = attrgetter("metric")
_WEIGHT = attrgetter("weight")
_KIND = attrgetter("kind")
_ENDS = attrgetter("start", "target")
_STRETCH = attrgetter("stretch")
# What makes a key result need a second look: all empty or None for most.
_EXTRAS = attrgetter("aligned_to", "due", "final_grade", "plan")


def _numbers(values: Iterable[float | None], count: int) -> Floats:
    """``count`` optional numbers as floats, None as NaN (fast when there is no None)."""
    values = tuple(values)
    try:
        return np.fromiter(values, np.float64, count)
    except TypeError:  # a None among them
        return np.array(values, dtype=np.float64)


def _mode(drivers: Drivers | Mapping[str, Drivers], objective: str) -> str:
    if isinstance(drivers, Mapping):
        return drivers.get(objective, "both")
    return str(drivers)


def metric_arrays(
    key_results: tuple[KeyResult, ...],
) -> tuple[MetricArrays, Floats, list[KeyResult]]:
    """The metrics' numbers (None as NaN), the weights, and the key results to look at again.

    Those are the few with a due date, a final grade, a plan or links.
    """
    # Attribute getters and map run in C: at 400,000 key results every pass counts.
    count = len(key_results)
    metric_list = tuple(map(_METRIC, key_results))
    ends = _numbers(chain.from_iterable(map(_ENDS, metric_list)), 2 * count).reshape(count, 2)
    metrics = MetricArrays(
        metrics=metric_list,
        kinds=np.fromiter(map(KIND_CODE.__getitem__, map(_KIND, metric_list)), np.int8, count),
        starts=ends[:, 0].copy(),
        targets=ends[:, 1].copy(),
        stretches=_numbers(map(_STRETCH, metric_list), count),
    )
    weights = np.fromiter(map(_WEIGHT, key_results), np.float64, count)
    special = list(compress(key_results, map(any, map(_EXTRAS, key_results))))
    return metrics, weights, special


def links(
    entities: Iterable[KeyResult | Objective], index: Mapping[str, int]
) -> tuple[Ints, Ints, Floats]:
    """The contributes links between entities in ``index``: child, parent, weight."""
    below: list[int] = []
    above: list[int] = []
    weights: list[float] = []
    contributes = LinkKind.CONTRIBUTES
    for entity in entities:
        for link in entity.aligned_to:
            up = index.get(link.parent)
            if link.kind is not contributes or up is None:
                continue
            below.append(index[entity.id])
            above.append(up)
            weights.append(link.weight)
    return (
        np.array(below, dtype=np.int64),
        np.array(above, dtype=np.int64),
        np.array(weights, dtype=np.float64),
    )


def drivers_of(
    objectives: tuple[Objective, ...],
    count: int,
    link_parent: Ints,
    drivers: Drivers | Mapping[str, Drivers],
) -> tuple[npt.NDArray[np.bool_], Ints, list[str]]:
    """Which objectives count their key results, whose links are skipped, the fallbacks.

    A fallback is an objective scored from the other kind of driver, for want of the
    chosen one.
    """
    fallbacks: list[str] = []
    use_krs = np.ones(len(objectives), dtype=bool)
    skip_links: list[int] = []
    if drivers == "both":
        return use_krs, np.zeros(0, dtype=np.int64), fallbacks
    linked = set(link_parent.tolist())
    for number, objective in enumerate(objectives):
        mode = _mode(drivers, objective.id)
        position = count + number
        has_links = position in linked
        if mode == "children" and not has_links and objective.key_results:
            fallbacks.append(objective.id)
            use_krs[number] = True
        elif mode == "key_results" and not objective.key_results and has_links:
            fallbacks.append(objective.id)
        else:
            use_krs[number] = mode != "children"
            if mode == "key_results":
                skip_links.append(position)
    return use_krs, np.array(skip_links, dtype=np.int64), fallbacks


def id_rank(ids: tuple[str, ...]) -> Ints:
    """Each position's rank in the order of the ids.

    Links are summed in the order of their child's id, so that the scores never depend
    on the order objectives, key results and links were given in.
    """
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(len(ids))
    return rank


def finals(
    entities: Iterable[KeyResult | Objective], index: Mapping[str, int]
) -> tuple[Ints, Floats, tuple[str, ...]]:
    """The positions with a final grade, their grades and the reasons given."""
    finals = [
        (index[e.id], e.final_grade.value, e.final_grade.reason)
        for e in entities
        if e.final_grade is not None
    ]
    return (
        np.array([p for p, _v, _r in finals], dtype=np.int64),
        np.array([v for _p, v, _r in finals], dtype=np.float64),
        tuple(r for _p, _v, r in finals),
    )


def periods(
    objectives: tuple[Objective, ...],
    special: list[KeyResult],
    index: Mapping[str, int],
    cycles: Mapping[str, Cycle],
    sizes: list[int],
) -> tuple[Ints, Ints, Ints]:
    bounds = {ident: (c.start.toordinal(), c.end.toordinal()) for ident, c in cycles.items()}
    starts = np.fromiter((bounds[o.cycle][0] for o in objectives), np.int64, len(objectives))
    ends = np.fromiter((bounds[o.cycle][1] for o in objectives), np.int64, len(objectives))
    kr_starts, kr_ends = np.repeat(starts, sizes), np.repeat(ends, sizes)
    period = kr_ends.copy()
    for kr in special:
        if kr.due is not None:
            period[index[kr.id]] = kr.due.toordinal()
    return (
        np.concatenate([kr_starts, starts]),
        np.concatenate([kr_ends, ends]),
        np.concatenate([period, ends]),
    )


def phased(
    special: list[KeyResult],
    objective_of: Ints,
    objectives: tuple[Objective, ...],
    cycles: Mapping[str, Cycle],
    index: Mapping[str, int],
) -> dict[int, tuple[Ints, Floats]]:
    phased: dict[int, tuple[Ints, Floats]] = {}
    count = len(objective_of)
    for kr in special:
        metric = kr.metric
        if not kr.plan or metric.start is None or metric.target is None:
            continue
        position = index[kr.id]
        cycle = cycles[objectives[int(objective_of[position]) - count].cycle]
        finish = (kr.due or cycle.end).toordinal()
        points = sorted((step.on.toordinal(), step.value) for step in kr.plan)
        points = [(cycle.start.toordinal(), metric.start), *points]
        if points[-1][0] < finish:
            points.append((finish, metric.target))
        phased[position] = (
            np.array([d for d, _v in points], dtype=np.int64),
            np.array([v for _d, v in points], dtype=np.float64),
        )
    return phased
