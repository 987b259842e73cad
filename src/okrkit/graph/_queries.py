"""Queries on an alignment graph, the graph first, each listing in the graph's order.

Every listing follows the order entities were added (or links made), never the order
of a set, so the same graph lists the same way in every run. The walks themselves are
in ``graph/_alignment.py``, on the networkx graph; these add the checks and entities.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from okrkit.errors import AlignmentError, Shown
from okrkit.graph import _alignment as algo
from okrkit.graph._checks import need
from okrkit.graph._kinds import DependencyInfo, EdgeKind, NodeKind
from okrkit.i18n import _
from okrkit.model import Initiative, KeyResult, Level, Objective
from okrkit.model._checks import member_of

if TYPE_CHECKING:
    from okrkit.graph._graph import AlignmentGraph

__all__ = [
    "ancestors",
    "by_cycle",
    "by_level",
    "by_owner",
    "children",
    "contributors",
    "dependencies",
    "descendants",
    "entities",
    "impact_path",
    "initiatives_for",
    "objective_of",
    "orphans",
    "parents",
    "roots",
    "units_below",
]

_OBJECTIVE = NodeKind.OBJECTIVE
_KEY_RESULT = NodeKind.KEY_RESULT
_ITEMS = (_OBJECTIVE, _KEY_RESULT)


def entities(graph: AlignmentGraph, kind: NodeKind) -> list[Any]:
    """The entities of one kind, in the order added."""
    return [data["entity"] for _node, data in graph._g.nodes(data=True) if data["kind"] is kind]


def objective_of(graph: AlignmentGraph, key_result: str) -> Objective:
    """The objective that holds ``key_result``."""
    need(graph, key_result, _KEY_RESULT)
    owner = algo.objective_of(graph._g, key_result)
    if owner is None:  # only in a view that left the objective out
        raise AlignmentError(
            _("the objective of {id!r} is not in this view").format(id=Shown(key_result)),
            ids=[key_result],
        )
    return cast(Objective, graph._g.nodes[owner]["entity"])


def parents(graph: AlignmentGraph, ident: str, include_supports: bool) -> list[str]:
    """The ids ``ident`` aligns to directly, in link order."""
    need(graph, ident, *_ITEMS)
    return list(algo.parents(graph._g, ident, include_supports=include_supports))


def children(graph: AlignmentGraph, ident: str, include_supports: bool) -> list[str]:
    """The ids aligned directly to ``ident``, in link order."""
    need(graph, ident, *_ITEMS)
    return list(algo.children(graph._g, ident, include_supports=include_supports))


def ancestors(graph: AlignmentGraph, ident: str, include_supports: bool) -> list[str]:
    """Everything ``ident`` counts toward, nearest first."""
    need(graph, ident, *_ITEMS)
    return algo.ancestors(graph._g, ident, include_supports=include_supports)


def descendants(graph: AlignmentGraph, ident: str, include_supports: bool) -> list[str]:
    """Everything that counts toward ``ident``, nearest first."""
    need(graph, ident, *_ITEMS)
    return algo.descendants(graph._g, ident, include_supports=include_supports)


def contributors(graph: AlignmentGraph, objective: str) -> list[str]:
    """What counts toward ``objective`` through ``contributes`` links."""
    need(graph, objective, _OBJECTIVE)
    return algo.contributors(graph._g, objective)


def impact_path(graph: AlignmentGraph, key_result: str) -> list[str]:
    """The chain from ``key_result`` to the top."""
    need(graph, key_result, _KEY_RESULT)
    return algo.impact_path(graph._g, key_result)


def roots(graph: AlignmentGraph) -> list[Objective]:
    """Objectives aligned to nothing, in the order added."""
    g = graph._g
    return [o for o in entities(graph, _OBJECTIVE) if next(algo.parents(g, o.id), None) is None]


def orphans(graph: AlignmentGraph) -> list[Objective]:
    """Roots below company level."""
    return [o for o in roots(graph) if o.level is not Level.COMPANY]


def initiatives_for(graph: AlignmentGraph, key_result: str) -> list[Initiative]:
    """The initiatives that drive ``key_result``, in the order their links were made."""
    need(graph, key_result, _KEY_RESULT)
    g = graph._g
    return [
        g.nodes[source]["entity"]
        for source, data in g.pred[key_result].items()
        if data["kind"] is EdgeKind.DRIVES
    ]


def units_below(graph: AlignmentGraph, owner: str) -> dict[str, None]:
    """``owner`` and every unit and person below it in the owner tree, top down."""
    below = {owner: None}
    frontier = {owner}
    while frontier:
        found = [
            unit.id
            for unit in graph._owners.values()
            if unit.parent in frontier and unit.id not in below
        ]
        below.update(dict.fromkeys(found))
        frontier = set(found)
    return below


def by_owner(graph: AlignmentGraph, owner: str, include_units_below: bool) -> list[Objective]:
    """Objectives owned by ``owner`` (and by the units below it), in the order added."""
    if owner not in graph._owners:
        raise AlignmentError(
            _("the graph knows no owner {owner!r}").format(owner=Shown(owner)), ids=[owner]
        )
    owners = units_below(graph, owner) if include_units_below else {owner: None}
    return [o for o in entities(graph, _OBJECTIVE) if o.owner in owners]


def by_level(graph: AlignmentGraph, level: Level | str) -> list[Objective]:
    """Objectives of one level, in the order added."""
    wanted = member_of(Level, level, "level")
    return [o for o in entities(graph, _OBJECTIVE) if o.level is wanted]


def by_cycle(graph: AlignmentGraph, cycle: str) -> list[Objective]:
    """Objectives of one cycle, in the order added."""
    return [o for o in entities(graph, _OBJECTIVE) if o.cycle == cycle]


def dependencies(graph: AlignmentGraph) -> list[DependencyInfo]:
    """Every dependency whose two sides are in the graph, in the order added."""
    g = graph._g
    return [
        DependencyInfo(
            dependent=dep.dependent,
            on=dep.on,
            note=dep.note,
            dependent_owners=_owners_of(graph, dep.dependent),
            on_owners=_owners_of(graph, dep.on),
        )
        for dep in graph._dependencies.values()
        if dep.dependent in g and dep.on in g
    ]


def _owners_of(graph: AlignmentGraph, ident: str) -> tuple[str, ...]:
    """A key result's own owners, or its objective's owner; an objective's owner."""
    g = graph._g
    entity = g.nodes[ident]["entity"]
    if isinstance(entity, KeyResult):
        if entity.owners:
            return entity.owners
        owner = algo.objective_of(g, ident)
        return (g.nodes[owner]["entity"].owner,) if owner is not None else ()
    return (entity.owner,)
