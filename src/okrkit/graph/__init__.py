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

import importlib
from typing import TYPE_CHECKING, Any

from okrkit.graph._kinds import DependencyInfo, EdgeKind, NodeKind

if TYPE_CHECKING:
    from okrkit.graph._alignment import (
        ancestors,
        contributors,
        descendants,
        impact_path,
        objective_of,
        parents,
    )
    from okrkit.graph._export import (
        from_node_link,
        to_dot,
        to_graphml,
        to_mermaid,
        to_node_link,
    )
    from okrkit.graph._graph import AlignmentGraph

# networkx is imported on first use of a name that needs it, so that the layers that
# only need the kinds (scoring's Score.kind) never load it.
_LAZY = {
    "AlignmentGraph": "_graph",
    "ancestors": "_alignment",
    "contributors": "_alignment",
    "descendants": "_alignment",
    "impact_path": "_alignment",
    "objective_of": "_alignment",
    "parents": "_alignment",
    "from_node_link": "_export",
    "to_dot": "_export",
    "to_graphml": "_export",
    "to_mermaid": "_export",
    "to_node_link": "_export",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
