"""The scoring plan: an OKR set laid out as integer index arrays, made once and kept.

Every key result and objective gets a position (key results first, then objectives);
what counts toward what becomes three arrays (child, parent, weight); and the parents
are grouped in levels by height, so that a roll-up is one vectorised step per level,
bottom up. The plan is made from the objectives alone, never from networkx, and kept
on the OKR set (or graph) until it changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain, compress
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.model import Ambition, Cycle, KeyResult, LinkKind, Objective, OKRSet
from okrkit.model._loops import heights
from okrkit.scoring._arrays import KIND_CODE, MetricArrays

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
    from okrkit.graph import AlignmentGraph

__all__ = ["Drivers", "Level", "Plan", "compile_plan", "plan_of"]

Drivers = Literal["both", "key_results", "children"]
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@attrs.frozen(eq=False)
class Level:
    """The parents of one height, and the links into them, sorted by parent.

    Attributes:
        parents: The parents' positions.
        child: Each link's child position.
        group: Each link's parent, as an index into :attr:`parents`.
        weight: Each link's weight.
        own: The key results among :attr:`parents` that also have a score of their
            own, as indices into :attr:`parents`.
    """

    parents: Ints
    child: Ints
    group: Ints
    weight: Floats
    own: Ints

    def pairs(
        self, values: Floats, kr_weights: Floats, started: npt.NDArray[np.bool_]
    ) -> tuple[Floats, Floats, Ints]:
        """What each parent combines, as (score, weight, parent) columns.

        Every link into a parent, then a key result parent's own score (by its own
        weight) where it has started.
        """
        scores, weights, groups = values[self.child], self.weight, self.group
        mine = self.parents[self.own]
        with_own = started[mine] & (kr_weights[mine] > 0)
        if with_own.any():
            scores = np.concatenate([scores, values[mine[with_own]]])
            weights = np.concatenate([weights, kr_weights[mine[with_own]]])
            groups = np.concatenate([groups, self.own[with_own]])
        return scores, weights, groups


@attrs.frozen(eq=False)
class Plan:
    """One OKR set (or graph) laid out for scoring; see the module docstring."""

    ids: tuple[str, ...]
    index: dict[str, int]
    key_results: tuple[KeyResult, ...]
    objectives: tuple[Objective, ...]
    metrics: MetricArrays
    kr_weights: Floats
    #: For each key result, the position of its objective.
    objective_of: Ints
    #: The counted links: child, parent, weight (all levels).
    child: Ints
    parent: Ints
    weight: Floats
    levels: tuple[Level, ...]
    #: Every link that could count, whatever the drivers: key result -> objective and
    #: each contributes link (for finding contributors).
    all_child: Ints
    all_parent: Ints
    has_children: npt.NDArray[np.bool_]
    has_objective_children: npt.NDArray[np.bool_]
    #: Per position: the first and last day of its cycle, and for a key result the
    #: last day of its own period (its due date or the cycle's end), as ordinals.
    cycle_start: Ints
    cycle_end: Ints
    period_end: Ints
    aspirational: npt.NDArray[np.bool_]
    #: Positions with a final grade, the grade, and its reason.
    final_positions: Ints
    final_values: Floats
    final_reasons: tuple[str, ...]
    #: Key results with phased targets: position -> (days, values) from start to end.
    phased: dict[int, tuple[Ints, Floats]]
    #: Objectives scored from the other kind of driver, for want of the chosen one.
    fallbacks: tuple[str, ...]
    # The last log's id table and the code of each key result in it (see codes_in).
    _codes: list[tuple[tuple[str, ...], Ints]] = attrs.field(factory=list, init=False, repr=False)

    def codes_in(self, log: CheckInLog) -> Ints:
        """Each key result's code in ``log`` (-1 without a check-in), kept for the next call.

        Logs that share an id table (a log and what ``append`` made of it without new
        key results) share the codes, so a re-score after ``with_checkins`` skips this.
        """
        ids = log.ids()
        if self._codes and self._codes[0][0] is ids:
            return self._codes[0][1]
        codes = log.codes_of(self.ids[: self.count])
        codes.flags.writeable = False
        self._codes[:] = [(ids, codes)]
        return codes

    @property
    def count(self) -> int:
        """The number of key results (the first positions)."""
        return len(self.key_results)

    def __len__(self) -> int:
        return len(self.ids)


_KEY_RESULTS = attrgetter("key_results")
_ID = attrgetter("id")
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


def compile_plan(
    objectives: Iterable[Objective],
    cycles: Mapping[str, Cycle],
    drivers: Drivers | Mapping[str, Drivers] = "both",
) -> Plan:
    """Lay out ``objectives`` (with their key results) for scoring under ``drivers``."""
    objectives = tuple(objectives)
    key_results = tuple(chain.from_iterable(map(_KEY_RESULTS, objectives)))
    count = len(key_results)
    ids = (*map(_ID, key_results), *map(_ID, objectives))
    index = dict(zip(ids, range(len(ids)), strict=True))
    sizes = list(map(len, map(_KEY_RESULTS, objectives)))
    objective_of = np.repeat(np.arange(count, len(ids), dtype=np.int64), sizes)
    metrics, kr_weights, special = _metric_arrays(key_results)
    entities: tuple[KeyResult | Objective, ...] = (*special, *objectives)
    link_child, link_parent, link_weight = _links(entities, index)
    use_krs, skip_links, fallbacks = _drivers(objectives, count, link_parent, drivers)
    kept = ~np.isin(link_parent, skip_links)
    own_mask = np.repeat(use_krs, sizes)
    child = np.concatenate([np.flatnonzero(own_mask), link_child[kept]]).astype(np.int64)
    parent = np.concatenate([objective_of[own_mask], link_parent[kept]]).astype(np.int64)
    weight = np.concatenate([kr_weights[own_mask], link_weight[kept]])
    size = len(ids)
    has_children = np.bincount(parent, minlength=size) > 0
    has_objective_children = np.bincount(parent[child >= count], minlength=size) > 0
    # Links are summed in the order of their child's id, so that the scores never
    # depend on the order objectives, key results and links were given in.
    rank = np.empty(size, dtype=np.int64)
    rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(size)
    levels = _levels(child, parent, weight, rank, count)

    cycle_start, cycle_end, period_end = _periods(objectives, special, index, cycles, sizes)
    aspirational_objectives = np.fromiter(
        (o.ambition is Ambition.ASPIRATIONAL for o in objectives),
        dtype=bool,
        count=len(objectives),
    )
    finals = [
        (index[e.id], e.final_grade.value, e.final_grade.reason)
        for e in entities
        if e.final_grade is not None
    ]
    return Plan(
        ids=ids,
        index=index,
        key_results=key_results,
        objectives=objectives,
        metrics=metrics,
        kr_weights=kr_weights,
        objective_of=objective_of,
        child=child,
        parent=parent,
        weight=weight,
        levels=levels,
        all_child=np.concatenate([np.arange(count, dtype=np.int64), link_child]),
        all_parent=np.concatenate([objective_of, link_parent]),
        has_children=has_children,
        has_objective_children=has_objective_children,
        cycle_start=cycle_start,
        cycle_end=cycle_end,
        period_end=period_end,
        aspirational=np.concatenate(
            [np.repeat(aspirational_objectives, sizes), aspirational_objectives]
        ),
        final_positions=np.fromiter((p for p, _v, _r in finals), np.int64, len(finals)),
        final_values=np.fromiter((v for _p, v, _r in finals), np.float64, len(finals)),
        final_reasons=tuple(r for _p, _v, r in finals),
        phased=_phased(special, objective_of, objectives, cycles, index),
        fallbacks=tuple(fallbacks),
    )


def _metric_arrays(
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


def _links(
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


def _drivers(
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


def _levels(
    child: Ints, parent: Ints, weight: Floats, rank: Ints, count: int
) -> tuple[Level, ...]:
    """Group the links by their parent's height, lowest first (Kahn's order, by column).

    Within a level the links are sorted by parent, then by the rank of the child's id.
    """
    height = heights(child, parent, len(rank))  # the set has no loops: none is -1
    out: list[Level] = []
    if not len(parent):
        return ()
    edge_height = height[parent]
    order = np.lexsort((rank[child], parent, edge_height))
    bounds = np.searchsorted(edge_height[order], np.arange(1, int(edge_height.max()) + 2))
    for h in range(len(bounds) - 1):
        edges = order[bounds[h] : bounds[h + 1]]
        if not len(edges):
            continue
        parents, group = np.unique(parent[edges], return_inverse=True)
        own = np.flatnonzero(parents < count)
        out.append(
            Level(
                parents=parents,
                child=child[edges],
                group=group.astype(np.int64),
                weight=weight[edges],
                own=own,
            )
        )
    return tuple(out)


def _periods(
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


def _phased(
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


def plan_of(source: OKRSet | AlignmentGraph, drivers: Drivers | Mapping[str, Drivers]) -> Plan:
    """The plan of an OKR set or alignment graph, made once per drivers setting and kept.

    A per-objective ``drivers`` mapping is laid out afresh each time.
    """
    if isinstance(source, OKRSet):
        okrs = source

        def build() -> Plan:
            return compile_plan(okrs.objectives, {c.id: c for c in okrs.cycles}, drivers)

    else:
        graph = source

        def build() -> Plan:
            return compile_plan(graph.objectives(), graph.cycles, drivers)

    if isinstance(drivers, Mapping):
        return build()
    cached: Plan = source.derived(("scoring-plan", drivers), build)
    return cached
