"""The alignment graph: how every team's and person's work climbs to the company.

:class:`AlignmentGraph` wraps a networkx ``DiGraph`` with typed, checked changes and
queries; the functions below export it. The algorithms behind the queries take the
networkx graph first, like networkx's own (:func:`ancestors`, :func:`impact_path`, ...).

Examples:
    >>> import okrkit
    >>> graph = okrkit.load("examples/acme.en.yaml").graph
    >>> [o.id for o in graph.roots()]
    ['obj-co-growth', 'obj-co-loyal', 'obj-co-foundation']
"""

from __future__ import annotations

from okrkit.graph._alignment import (
    ancestors,
    contributors,
    descendants,
    impact_path,
    objective_of,
    parents,
)
from okrkit.graph._export import from_node_link, to_dot, to_graphml, to_mermaid, to_node_link
from okrkit.graph._graph import AlignmentGraph
from okrkit.graph._kinds import DependencyInfo, EdgeKind, NodeKind

__all__ = [
    "AlignmentGraph",
    "DependencyInfo",
    "EdgeKind",
    "NodeKind",
    "ancestors",
    "contributors",
    "descendants",
    "from_node_link",
    "impact_path",
    "objective_of",
    "parents",
    "to_dot",
    "to_graphml",
    "to_mermaid",
    "to_node_link",
]
