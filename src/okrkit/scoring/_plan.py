"""The scoring plan: an OKR set laid out as integer index arrays, made once and kept.

Every key result and objective gets a position (key results first, then objectives);
what counts toward what becomes three arrays (child, parent, weight); and the parents
are grouped in levels by height, so that a roll-up is one vectorised step per level,
bottom up. The plan is made from the objectives alone, never from networkx, and kept
on the OKR set (or graph) until it changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.model import Ambition, Cycle, KeyResult, Objective, OKRSet
from okrkit.model._loops import heights
from okrkit.scoring._arrays import MetricArrays
from okrkit.scoring._layout import (
    ID,
    KEY_RESULTS,
    Drivers,
    Floats,
    Ints,
    drivers_of,
    finals,
    id_rank,
    links,
    metric_arrays,
    periods,
    phased,
)

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
    from okrkit.graph import AlignmentGraph

__all__ = ["Drivers", "Level", "Plan", "compile_plan", "plan_of"]


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


def compile_plan(
    objectives: Iterable[Objective],
    cycles: Mapping[str, Cycle],
    drivers: Drivers | Mapping[str, Drivers] = "both",
) -> Plan:
    """Lay out ``objectives`` (with their key results) for scoring under ``drivers``."""
    objectives = tuple(objectives)
    key_results = tuple(chain.from_iterable(map(KEY_RESULTS, objectives)))
    count = len(key_results)
    ids = (*map(ID, key_results), *map(ID, objectives))
    index = dict(zip(ids, range(len(ids)), strict=True))
    sizes = list(map(len, map(KEY_RESULTS, objectives)))
    objective_of = np.repeat(np.arange(count, len(ids), dtype=np.int64), sizes)
    metrics, kr_weights, special = metric_arrays(key_results)
    entities: tuple[KeyResult | Objective, ...] = (*special, *objectives)
    link_child, link_parent, link_weight = links(entities, index)
    use_krs, skip_links, fallbacks = drivers_of(objectives, count, link_parent, drivers)
    # What counts: the key results of the objectives that count theirs, and the links
    # into parents that count their children.
    kept = ~np.isin(link_parent, skip_links)
    own = np.repeat(use_krs, sizes)
    child = np.concatenate([np.flatnonzero(own), link_child[kept]]).astype(np.int64)
    parent = np.concatenate([objective_of[own], link_parent[kept]]).astype(np.int64)
    weight = np.concatenate([kr_weights[own], link_weight[kept]])
    size = len(ids)
    levels = _levels(child, parent, weight, id_rank(ids), count)
    cycle_start, cycle_end, period_end = periods(objectives, special, index, cycles, sizes)
    aspirational_objectives = np.fromiter(
        (o.ambition is Ambition.ASPIRATIONAL for o in objectives), bool, len(objectives)
    )
    final_positions, final_values, final_reasons = finals(entities, index)
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
        has_children=np.bincount(parent, minlength=size) > 0,
        has_objective_children=np.bincount(parent[child >= count], minlength=size) > 0,
        cycle_start=cycle_start,
        cycle_end=cycle_end,
        period_end=period_end,
        aspirational=np.concatenate(
            [np.repeat(aspirational_objectives, sizes), aspirational_objectives]
        ),
        final_positions=final_positions,
        final_values=final_values,
        final_reasons=final_reasons,
        phased=phased(special, objective_of, objectives, cycles, index),
        fallbacks=tuple(fallbacks),
    )


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
            return compile_plan(graph.objectives, graph.cycles, drivers)

    if isinstance(drivers, Mapping):
        return build()
    cached: Plan = source.derived(("scoring-plan", drivers), build)
    return cached
