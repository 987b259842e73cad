"""The changes to an alignment graph, each checked first (``graph/_checks.py``), then made whole.

The entities on the nodes are kept in step with the edges: an objective's
``aligned_to`` and ``key_results``, a key result's ``aligned_to`` (in its own node and
in its objective's copy), an initiative's ``drives``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from okrkit.graph import _alignment as algo
from okrkit.graph import _checks as checks
from okrkit.graph._kinds import EdgeKind, NodeKind
from okrkit.model import (
    Alignment,
    Dependency,
    Initiative,
    KeyResult,
    LinkKind,
    Objective,
    OKRSet,
)

if TYPE_CHECKING:
    from okrkit.graph._graph import AlignmentGraph

__all__ = ["add_initiative", "add_objective", "align", "assemble", "depends_on", "fill", "remove"]

Entity = Objective | KeyResult | Initiative

_HAS = EdgeKind.HAS_KEY_RESULT
_ALIGNS = EdgeKind.ALIGNS_TO
_DRIVES = EdgeKind.DRIVES
_DEPENDS = EdgeKind.DEPENDS_ON
_OBJECTIVE = NodeKind.OBJECTIVE
_KEY_RESULT = NodeKind.KEY_RESULT
_INITIATIVE = NodeKind.INITIATIVE


def _alignment_edges(
    child: str, links: Iterable[Alignment]
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for link in links:
        yield (child, link.parent, {"kind": _ALIGNS, "link": link.kind, "weight": link.weight})


def fill(graph: AlignmentGraph, okrset: OKRSet) -> None:
    """Put a whole OKR set into an empty graph, in one pass.

    The set has checked every rule already (a dependency along an alignment link
    included), so nothing is checked again.
    """
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for objective in okrset.objectives:
        nodes.append((objective.id, {"kind": _OBJECTIVE, "entity": objective}))
        for kr in objective.key_results:
            nodes.append((kr.id, {"kind": _KEY_RESULT, "entity": kr}))
            edges.append((objective.id, kr.id, {"kind": _HAS}))
    nodes.extend(
        (initiative.id, {"kind": _INITIATIVE, "entity": initiative})
        for initiative in okrset.initiatives
    )
    for objective in okrset.objectives:
        edges.extend(_alignment_edges(objective.id, objective.aligned_to))
        for kr in objective.key_results:
            edges.extend(_alignment_edges(kr.id, kr.aligned_to))
    for initiative in okrset.initiatives:
        edges.extend((initiative.id, kr_id, {"kind": _DRIVES}) for kr_id in initiative.drives)
    edges.extend(
        (dep.dependent, dep.on, {"kind": _DEPENDS, "note": dep.note})
        for dep in okrset.dependencies
    )
    graph._g.add_nodes_from(nodes)
    graph._g.add_edges_from(edges)
    graph._dependencies = {(dep.dependent, dep.on): dep for dep in okrset.dependencies}


def assemble(
    graph: AlignmentGraph,
    nodes: Iterable[tuple[str, dict[str, Any]]],
    edges: Iterable[tuple[str, str, dict[str, Any]]],
    dependencies: Iterable[Dependency],
) -> None:
    """Put exactly these nodes, edges and dependencies into an empty graph, unchecked."""
    graph._g.add_nodes_from(nodes)
    graph._g.add_edges_from(edges)
    graph._dependencies = {(d.dependent, d.on): d for d in dependencies}


def add_objective(graph: AlignmentGraph, objective: Objective) -> None:
    """Add an objective, its key results and their links, or refuse and change nothing."""
    checks.writable(graph)
    checks.check_objective(graph, objective)
    g = graph._g
    g.add_node(objective.id, kind=_OBJECTIVE, entity=objective)
    for kr in objective.key_results:
        g.add_node(kr.id, kind=_KEY_RESULT, entity=kr)
        g.add_edge(objective.id, kr.id, kind=_HAS)
    g.add_edges_from(_alignment_edges(objective.id, objective.aligned_to))
    for kr in objective.key_results:
        g.add_edges_from(_alignment_edges(kr.id, kr.aligned_to))


def add_initiative(graph: AlignmentGraph, initiative: Initiative) -> None:
    """Add an initiative and its links to the key results it drives."""
    checks.writable(graph)
    checks.check_initiative(graph, initiative)
    graph._g.add_node(initiative.id, kind=_INITIATIVE, entity=initiative)
    graph._g.add_edges_from(
        (initiative.id, kr_id, {"kind": _DRIVES}) for kr_id in initiative.drives
    )


def align(
    graph: AlignmentGraph, child: str, parent: str, kind: LinkKind | str, weight: float
) -> None:
    """Align ``child`` to ``parent``, in the edge and in the child's ``aligned_to``."""
    checks.writable(graph)
    checks.need(graph, child, _OBJECTIVE, _KEY_RESULT)
    checks.need(graph, parent, _OBJECTIVE, _KEY_RESULT)
    link = Alignment(parent=parent, kind=kind, weight=weight)
    checks.check_alignment(graph, child, parent)
    entity = graph._g.nodes[child]["entity"]
    updated = attrs.evolve(entity, aligned_to=(*entity.aligned_to, link))
    graph._g.add_edge(child, parent, kind=_ALIGNS, link=link.kind, weight=link.weight)
    _replace(graph, child, updated)


def depends_on(graph: AlignmentGraph, dependent: str, on: str, note: str) -> None:
    """Record that ``dependent`` waits on ``on``."""
    checks.writable(graph)
    dependency = checks.check_dependency(graph, dependent, on, note)
    graph._g.add_edge(dependent, on, kind=_DEPENDS, note=dependency.note)
    graph._dependencies[(dependent, on)] = dependency


def remove(graph: AlignmentGraph, ident: str) -> set[str]:
    """Remove ``ident`` and what cannot stand without it; see AlignmentGraph.remove."""
    checks.writable(graph)
    kind = checks.need(graph, ident)
    g = graph._g
    removed = [ident]
    if kind is _OBJECTIVE:
        removed.extend(str(t) for t, d in g.succ[ident].items() if d["kind"] is _HAS)
    gone = set(removed)
    updates: dict[str, Entity] = {}
    for node in removed:
        for source, data in g.pred[node].items():
            if source in gone or data["kind"] is _DEPENDS:  # a dependency is the graph's
                continue
            entity = updates.get(source, g.nodes[source]["entity"])
            updates[source] = _without(entity, data["kind"], node)
    for pair in [p for p in graph._dependencies if p[0] in gone or p[1] in gone]:
        del graph._dependencies[pair]
    g.remove_nodes_from(removed)
    # Objectives first: a key result's update is then patched into the objective's
    # updated copy, rather than overwritten by it.
    for node, entity in sorted(updates.items(), key=lambda i: isinstance(i[1], KeyResult)):
        _replace(graph, node, entity)
    return gone


def _without(entity: Any, kind: EdgeKind, node: str) -> Any:
    """``entity`` without its link of ``kind`` to the removed ``node``."""
    if kind is _ALIGNS:
        links = tuple(a for a in entity.aligned_to if a.parent != node)
        return attrs.evolve(entity, aligned_to=links)
    if kind is _DRIVES:
        return attrs.evolve(entity, drives=tuple(d for d in entity.drives if d != node))
    krs = tuple(k for k in entity.key_results if k.id != node)  # kind is has_key_result
    return attrs.evolve(entity, key_results=krs)


def _replace(graph: AlignmentGraph, node: str, entity: Entity) -> None:
    """Put a changed entity on its node, and into its objective for a key result."""
    g = graph._g
    g.nodes[node]["entity"] = entity
    if isinstance(entity, KeyResult):
        owner = algo.objective_of(g, node)
        if owner is not None:
            objective = g.nodes[owner]["entity"]
            krs = tuple(entity if k.id == node else k for k in objective.key_results)
            g.nodes[owner]["entity"] = attrs.evolve(objective, key_results=krs)
