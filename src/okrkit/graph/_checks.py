"""The checks an alignment graph runs before a change, each refusing with AlignmentError.

A check reads the graph and changes nothing, so a refused change leaves the graph as it
was. Where the model has the same rule (``model/_rules.py``, ``model/_loops.py``), the
check calls the model's function: the same mistake, made in a file or on a graph, gets
the same message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from okrkit.errors import AlignmentError, Shown, ValidationError
from okrkit.graph import _alignment as algo
from okrkit.graph._kinds import NodeKind
from okrkit.i18n import N_, _
from okrkit.model import Alignment, Cycle, Dependency, Initiative, KeyResult, Objective
from okrkit.model._loops import alignment_loop, alignment_loops
from okrkit.model._rules import (
    aligned_to_own_objective,
    cycles_do_not_overlap,
    due_outside_cycle,
    id_taken,
    unknown_id,
)

if TYPE_CHECKING:
    from okrkit.graph._graph import AlignmentGraph

__all__ = [
    "check_alignment",
    "check_dependency",
    "check_initiative",
    "check_objective",
    "cycle_of",
    "need",
    "writable",
]

_OBJECTIVE = NodeKind.OBJECTIVE
_KEY_RESULT = NodeKind.KEY_RESULT
_INITIATIVE = NodeKind.INITIATIVE


def writable(graph: AlignmentGraph) -> None:
    """Count a change (what was derived goes stale), or refuse it on a read-only view."""
    graph._version += 1
    if graph._read_only:
        raise AlignmentError(
            _(
                "this graph is a read-only view; change a copy made with "
                "AlignmentGraph.from_okrset(...) or graph.copy()"
            )
        )


def need(graph: AlignmentGraph, ident: str, *kinds: NodeKind) -> NodeKind:
    """The kind of node ``ident``, which must be in the graph and of one of ``kinds``."""
    if ident not in graph._g:
        raise AlignmentError(
            _("{id!r} is not in the graph; add it first").format(id=Shown(ident)), ids=[ident]
        )
    kind = cast(NodeKind, graph._g.nodes[ident]["kind"])
    if kinds and kind not in kinds:
        raise AlignmentError(
            _("{id!r} is of kind {kind}; this needs: {wanted}").format(
                id=Shown(ident),
                kind=kind.label,
                wanted=" / ".join(k.label for k in kinds),
            ),
            ids=[ident],
        )
    return kind


def cycle_of(graph: AlignmentGraph, node: str) -> Cycle | None:
    """The cycle of an objective, or of a key result's objective."""
    entity = graph._g.nodes[node]["entity"]
    if isinstance(entity, KeyResult):
        owner = algo.objective_of(graph._g, node)
        entity = graph._g.nodes[owner]["entity"] if owner is not None else None
    return graph._cycles.get(entity.cycle) if isinstance(entity, Objective) else None


# -- one rule each ------------------------------------------------------------------------------


def _check_overlap(graph: AlignmentGraph, child: str, cycle: Cycle | None, parent: str) -> None:
    parent_cycle = cycle_of(graph, parent)
    if cycle is None or parent_cycle is None:
        return
    message = cycles_do_not_overlap(child, cycle, parent, parent_cycle)
    if message is not None:
        raise AlignmentError(message, ids=[child, parent])


def _check_owner(graph: AlignmentGraph, owner: str, ident: str) -> None:
    if owner not in graph._owners:
        raise AlignmentError(
            unknown_id(owner, N_("owner"), graph._owners, "owners"), ids=[ident, owner]
        )


def _check_cycle(graph: AlignmentGraph, objective: Objective) -> Cycle:
    cycle = graph._cycles.get(objective.cycle)
    if cycle is None:
        raise AlignmentError(
            unknown_id(objective.cycle, N_("cycle"), graph._cycles, "cycles"),
            ids=[objective.id, objective.cycle],
        )
    return cycle


def _check_new_ids(graph: AlignmentGraph, kind: NodeKind, ids: Sequence[str]) -> None:
    """Refuse an id the graph holds, or one used twice in ``ids`` (an entity, its parts).

    The message names where the id is first used in the graph's OKR set
    (:meth:`~AlignmentGraph.to_okrset`), as a file would.
    """
    seen: dict[str, int] = {}
    for position, ident in enumerate(ids):
        if ident in graph._g or ident in graph._cycles or ident in graph._owners:
            first = _place(graph, ident)
        elif ident in seen:
            first = _new_place(graph, kind, seen[ident])
        else:
            seen[ident] = position
            continue
        raise AlignmentError(id_taken(ident, first), ids=[ident])


def _place(graph: AlignmentGraph, ident: str) -> str:
    """Where ``ident`` sits in the graph's OKR set, as a path such as ``objectives[2]``."""
    for section, known in (("cycles", graph._cycles), ("owners", graph._owners)):
        if ident in known:
            return f"{section}[{list(known).index(ident)}]"
    g = graph._g
    kind = g.nodes[ident]["kind"]
    if kind is _KEY_RESULT:
        owner = algo.objective_of(g, ident)
        if owner is None:  # pragma: no cover - only views lose objectives, and never change
            return "?"
        parts = [kr.id for kr in g.nodes[owner]["entity"].key_results]
        return f"{_place(graph, owner)}.key_results[{parts.index(ident)}]"
    same = [node for node, data in g.nodes(data=True) if data["kind"] is kind]
    section = "objectives" if kind is _OBJECTIVE else "initiatives"
    return f"{section}[{same.index(ident)}]"


def _new_place(graph: AlignmentGraph, kind: NodeKind, position: int) -> str:
    """Where the ``position``-th id of a new entity (0) or its key results goes."""
    count = sum(1 for _node, data in graph._g.nodes(data=True) if data["kind"] is kind)
    base = f"{'objectives' if kind is _OBJECTIVE else 'initiatives'}[{count}]"
    return base if position == 0 else f"{base}.key_results[{position - 1}]"


def _check_parents(
    graph: AlignmentGraph,
    child: str,
    links: Iterable[Alignment],
    cycle: Cycle,
    own: set[str],
) -> None:
    """Each parent is in the graph (or is ``own``), in a cycle that overlaps ``cycle``."""
    for link in links:
        if link.parent not in own:
            need(graph, link.parent, _OBJECTIVE, _KEY_RESULT)
            _check_overlap(graph, child, cycle, link.parent)


# -- one change each ----------------------------------------------------------------------------


def check_objective(graph: AlignmentGraph, objective: Objective) -> None:
    """Refuse an objective that :meth:`AlignmentGraph.add_objective` cannot add whole."""
    if not isinstance(objective, Objective):
        raise AlignmentError(
            _("add_objective takes an Objective (got {value!r})").format(value=Shown(objective))
        )
    krs = objective.key_results
    _check_new_ids(graph, _OBJECTIVE, [objective.id, *(kr.id for kr in krs)])
    cycle = _check_cycle(graph, objective)
    _check_owner(graph, objective.owner, objective.id)
    own = {objective.id, *(kr.id for kr in krs)}
    _check_parents(graph, objective.id, objective.aligned_to, cycle, own)
    for kr in krs:
        for owner in kr.owners:
            _check_owner(graph, owner, kr.id)
        late = due_outside_cycle(kr, cycle)
        if late is not None:
            raise AlignmentError(late, ids=[kr.id])
        mine = aligned_to_own_objective(kr.id, (a.parent for a in kr.aligned_to), objective.id)
        if mine is not None:
            raise AlignmentError(mine, ids=[kr.id, objective.id])
        _check_parents(graph, kr.id, kr.aligned_to, cycle, own)
    # Links to the graph cannot close a loop (nothing there points to a new id), so
    # only the objective's own links can.
    for loop in alignment_loops([objective]):
        raise AlignmentError(alignment_loop(loop), ids=loop[:-1])


def check_initiative(graph: AlignmentGraph, initiative: Initiative) -> None:
    """Refuse an initiative that :meth:`AlignmentGraph.add_initiative` cannot add."""
    if not isinstance(initiative, Initiative):
        raise AlignmentError(
            _("add_initiative takes an Initiative (got {value!r})").format(value=Shown(initiative))
        )
    _check_new_ids(graph, _INITIATIVE, [initiative.id])
    _check_owner(graph, initiative.owner, initiative.id)
    for kr_id in initiative.drives:
        need(graph, kr_id, _KEY_RESULT)


def _check_not_linked(graph: AlignmentGraph, child: str, parent: str) -> None:
    if graph._g.has_edge(child, parent):
        raise AlignmentError(
            _("{child!r} is already linked to {parent!r}").format(
                child=Shown(child), parent=Shown(parent)
            ),
            ids=[child, parent],
        )


def check_alignment(graph: AlignmentGraph, child: str, parent: str) -> None:
    """Refuse a link :meth:`AlignmentGraph.align` cannot add (``need`` ran already)."""
    g = graph._g
    _check_not_linked(graph, child, parent)
    if g.nodes[child]["kind"] is _KEY_RESULT:
        owner = algo.objective_of(g, child)
        mine = aligned_to_own_objective(child, [parent], owner) if owner is not None else None
        if mine is not None:
            raise AlignmentError(mine, ids=[child, parent])
    if algo.reaches_up(g, parent, child):
        loop = [child, *algo.path_up(g, parent, child)]
        raise AlignmentError(alignment_loop(loop), ids=loop)
    _check_overlap(graph, child, cycle_of(graph, child), parent)


def check_dependency(graph: AlignmentGraph, dependent: str, on: str, note: str) -> Dependency:
    """The dependency :meth:`AlignmentGraph.depends_on` would record, or a refusal."""
    need(graph, dependent, _OBJECTIVE, _KEY_RESULT)
    need(graph, on, _OBJECTIVE, _KEY_RESULT)
    try:
        dependency = Dependency(dependent=dependent, on=on, note=note)
    except ValidationError as exc:
        raise AlignmentError(str(exc), ids=[dependent, on]) from exc
    _check_not_linked(graph, dependent, on)
    return dependency
