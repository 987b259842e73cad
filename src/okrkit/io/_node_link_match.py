"""What :func:`~okrkit.io.from_node_link` checks last: the data's graph is the set's own.

Node-link data lists nodes and edges beside the entities that imply them. Once the
entities pass the rules of :class:`~okrkit.OKRSet`, the graph they imply is the
reference: a node or edge that differs from it, or is missing, is a problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrkit.errors import Message, Problem, Shown
from okrkit.i18n import N_

if TYPE_CHECKING:
    from okrkit.graph import AlignmentGraph

__all__ = ["mismatches"]

Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, dict[str, Any]]


def mismatches(expected: AlignmentGraph, nodes: list[Node], edges: list[Edge]) -> list[Problem]:
    """Every node and edge that differs from the ``expected`` graph's, or is missing."""
    g = expected.nx
    problems: list[Problem] = []
    for index, (node, data) in enumerate(nodes):
        if node not in g or g.nodes[node] != data:
            message = Message(
                N_(
                    "node {id} differs from what the objectives and initiatives say; "
                    "a key result must be the one in its objective"
                ),
                id=Shown(node),
            )
            problems.append(Problem("graph.mismatch", message, path=f"nodes[{index}]"))
    listed = {node for node, _data in nodes}
    problems.extend(
        Problem(
            "graph.mismatch", Message(N_("node {id} is missing"), id=Shown(node)), path="nodes"
        )
        for node in g.nodes
        if node not in listed
    )
    for index, (source, target, data) in enumerate(edges):
        if not g.has_edge(source, target) or g.edges[source, target] != data:
            message = Message(
                N_(
                    "edge {source} -> {target} differs from what the objectives, "
                    "initiatives and dependencies say"
                ),
                source=Shown(source),
                target=Shown(target),
            )
            problems.append(Problem("graph.mismatch", message, path=f"edges[{index}]"))
    given = {(source, target) for source, target, _data in edges}
    problems.extend(
        Problem(
            "graph.mismatch",
            Message(
                N_("edge {source} -> {target} ({kind}) is missing"),
                source=Shown(source),
                target=Shown(target),
                kind=data["kind"].label_message,
            ),
            path="edges",
        )
        for source, target, data in g.edges(data=True)
        if (source, target) not in given
    )
    return problems
