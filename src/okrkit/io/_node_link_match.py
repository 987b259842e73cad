"""What :func:`~okrkit.io.from_node_link` checks last: the data's graph is the set's own.

Node-link data lists nodes and edges beside the entities that imply them. Once the
entities pass the rules of :class:`~okrkit.OKRSet`, the graph they imply is the
reference: a node or edge that differs from it, or is missing, is a problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrkit.errors import Problem, shorten
from okrkit.i18n import _

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
            message = _(
                "node {id} differs from what the objectives and initiatives say; "
                "a key result must be the one in its objective"
            ).format(id=shorten(node))
            problems.append(Problem(message=message, path=f"nodes[{index}]"))
    listed = {node for node, _data in nodes}
    problems.extend(
        Problem(message=_("node {id} is missing").format(id=shorten(node)), path="nodes")
        for node in g.nodes
        if node not in listed
    )
    for index, (source, target, data) in enumerate(edges):
        if not g.has_edge(source, target) or g.edges[source, target] != data:
            message = _(
                "edge {source} -> {target} differs from what the objectives, "
                "initiatives and dependencies say"
            ).format(source=shorten(source), target=shorten(target))
            problems.append(Problem(message=message, path=f"edges[{index}]"))
    given = {(source, target) for source, target, _data in edges}
    problems.extend(
        Problem(
            message=_("edge {source} -> {target} ({kind}) is missing").format(
                source=shorten(source), target=shorten(target), kind=data["kind"].label
            ),
            path="edges",
        )
        for source, target, data in g.edges(data=True)
        if (source, target) not in given
    )
    return problems
