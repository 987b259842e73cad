"""The alignment graph: how every team's and person's work climbs to the company.

:class:`AlignmentGraph` wraps a networkx ``DiGraph`` with typed, checked changes and
queries; the functions below export it as GraphML, DOT or Mermaid (node-link JSON is
:func:`okrkit.io.to_node_link`). The algorithms behind the queries take the networkx
graph first, like networkx's own (:func:`ancestors`, :func:`impact_path`, ...).

Examples:
    >>> import okrkit
    >>> graph = okrkit.load("examples/acme.en.yaml").graph
    >>> [o.id for o in graph.roots()]
    ['obj-co-growth', 'obj-co-loyal', 'obj-co-foundation']
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from okrkit.graph._kinds import DependencyInfo, EdgeKind, NodeKind
from okrkit.i18n import _

if TYPE_CHECKING:
    from okrkit.graph._alignment import (
        ancestors,
        contributors,
        descendants,
        impact_path,
        objective_of,
        parents,
    )
    from okrkit.graph._export import to_dot, to_graphml, to_mermaid
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
    "to_dot": "_export",
    "to_graphml": "_export",
    "to_mermaid": "_export",
}

# Names that moved to a layer above, kept here for one release with a warning. The
# graph never imports that layer: the layer fills this in as it is imported, and
# ``import okrkit`` imports it (okrkit.io registers to_node_link and from_node_link).
_MOVED: dict[str, tuple[Any, str]] = {}


def _forward(name: str, value: Any, new_home: str) -> None:
    """Let ``okrkit.graph.<name>`` reach ``value`` for one release, warning of ``new_home``.

    For the layers above the graph, which register the names they took over.
    """
    _MOVED[name] = (value, new_home)


def __getattr__(name: str) -> Any:
    moved = _MOVED.get(name)
    if moved is not None:
        value, new_home = moved
        warnings.warn(
            _("okrkit.graph.{name} is deprecated: it moved to {new_home}; use that").format(
                name=name, new_home=new_home
            ),
            DeprecationWarning,
            stacklevel=2,
        )
        return value
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
    "impact_path",
    "objective_of",
    "parents",
    "to_dot",
    "to_graphml",
    "to_mermaid",
]
