"""Read-only views of part of an alignment graph: one unit's objectives, one cycle's.

A view keeps the nodes it was made with; links and entities among them follow later
changes to the graph it views. It lists its nodes in that graph's order: networkx's
own subgraph filter keeps its nodes in a set and, for a small view, lists them in the
set's order, which changes from run to run with ``PYTHONHASHSEED``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, KeysView
from typing import TYPE_CHECKING

import networkx as nx

from okrkit.errors import AlignmentError, Shown
from okrkit.graph._queries import by_cycle, by_owner, initiatives_for
from okrkit.i18n import _
from okrkit.model import Objective

if TYPE_CHECKING:
    from okrkit.graph._graph import AlignmentGraph

__all__ = ["copy", "for_cycle", "for_owner", "read_only_view"]


class _Nodes:
    """A node filter for :func:`networkx.subgraph_view` that lists nodes in graph order.

    networkx reads ``nodes`` to list a small view quickly (and to count it); keeping
    them as a dict's keys, in the graph's order, makes that listing the graph's order.
    """

    __slots__ = ("nodes",)

    def __init__(self, g: nx.DiGraph[str], wanted: Iterable[str]) -> None:
        keep = set(wanted)
        self.nodes: KeysView[str] = dict.fromkeys(n for n in g if n in keep).keys()

    def __call__(self, node: str) -> bool:
        return node in self.nodes


def _view(graph: AlignmentGraph, nodes: Iterable[str]) -> AlignmentGraph:
    view = type(graph)(cycles=graph._cycles.values(), owners=graph._owners.values())
    view._g = nx.subgraph_view(graph._g, filter_node=_Nodes(graph._g, nodes))
    view._dependencies = {
        pair: dep for pair, dep in graph._dependencies.items() if view._g.has_edge(*pair)
    }
    view._read_only = True
    view._cacheable = False  # it follows changes to the graph it views
    return view


def _with_parts(graph: AlignmentGraph, objectives: Iterable[Objective]) -> Iterator[str]:
    """The objectives' ids, their key results' and those of the initiatives driving them."""
    for objective in objectives:
        yield objective.id
        for kr in objective.key_results:
            yield kr.id
            yield from (i.id for i in initiatives_for(graph, kr.id))


def for_owner(graph: AlignmentGraph, owner: str, include_units_below: bool) -> AlignmentGraph:
    """A read-only view of one unit's objectives, their key results and initiatives."""
    objectives = by_owner(graph, owner, include_units_below)
    return _view(graph, _with_parts(graph, objectives))


def for_cycle(graph: AlignmentGraph, cycle: str) -> AlignmentGraph:
    """A read-only view of one cycle's objectives, key results and initiatives."""
    if cycle not in graph._cycles:
        raise AlignmentError(
            _("the graph knows no cycle {cycle!r}").format(cycle=Shown(cycle)), ids=[cycle]
        )
    return _view(graph, _with_parts(graph, by_cycle(graph, cycle)))


def copy(graph: AlignmentGraph) -> AlignmentGraph:
    """An independent, editable copy of ``graph`` (of a view, too)."""
    other = type(graph)(cycles=graph._cycles.values(), owners=graph._owners.values())
    other._g = nx.DiGraph(graph._g)
    other._dependencies = {
        pair: dep for pair, dep in graph._dependencies.items() if other._g.has_edge(*pair)
    }
    return other


def read_only_view(graph: AlignmentGraph) -> AlignmentGraph:
    """A read-only view of the graph's current nodes."""
    return _view(graph, graph._g.nodes)
