"""Graph algorithms over an alignment graph's networkx ``DiGraph``, graph first.

"Up" means toward what a node counts for: a key result counts toward its objective
(the reverse of the ``has_key_result`` edge), and a child counts toward each parent it
``aligns_to``. The alignment graph keeps "up" acyclic.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from okrkit.graph._kinds import EdgeKind, NodeKind
from okrkit.model import LinkKind

__all__ = [
    "ancestors",
    "children",
    "contributors",
    "descendants",
    "down",
    "impact_path",
    "objective_of",
    "parents",
    "path_up",
    "reaches_up",
    "up",
]

_HAS = EdgeKind.HAS_KEY_RESULT
_ALIGNS = EdgeKind.ALIGNS_TO


def objective_of(G: nx.DiGraph[str], key_result: str) -> str | None:  # noqa: N803 - networkx style
    """The id of the objective that holds ``key_result``."""
    for source, data in G.pred[key_result].items():
        if data["kind"] is _HAS:
            return str(source)
    return None


def parents(
    G: nx.DiGraph[str],  # noqa: N803
    node: str,
    *,
    include_supports: bool = True,
) -> Iterator[str]:
    """The objectives and key results ``node`` aligns to, in link order."""
    return _aligned(G.succ[node], include_supports)


def children(
    G: nx.DiGraph[str],  # noqa: N803
    node: str,
    *,
    include_supports: bool = True,
) -> Iterator[str]:
    """The objectives and key results aligned to ``node`` directly, in link order."""
    return _aligned(G.pred[node], include_supports)


def _aligned(links: Mapping[str, Mapping[str, Any]], include_supports: bool) -> Iterator[str]:
    """The nodes at the other end of alignment ``links`` (a node's succ or pred)."""
    for other, data in links.items():
        if data["kind"] is _ALIGNS and (include_supports or data["link"] is LinkKind.CONTRIBUTES):
            yield str(other)


def up(G: nx.DiGraph[str], node: str, *, include_supports: bool = True) -> Iterator[str]:  # noqa: N803
    """Everything ``node`` counts toward directly: its objective, then its parents."""
    if G.nodes[node]["kind"] is NodeKind.KEY_RESULT:
        owner = objective_of(G, node)
        if owner is not None:
            yield owner
    yield from parents(G, node, include_supports=include_supports)


def down(G: nx.DiGraph[str], node: str, *, include_supports: bool = True) -> Iterator[str]:  # noqa: N803
    """Everything that counts toward ``node`` directly: its key results and children."""
    for target, data in G.succ[node].items():
        if data["kind"] is _HAS:
            yield str(target)
    yield from children(G, node, include_supports=include_supports)


def reaches_up(G: nx.DiGraph[str], start: str, goal: str) -> bool:  # noqa: N803
    """Whether ``goal`` is ``start`` or lies above it."""
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in up(G, node):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def path_up(G: nx.DiGraph[str], start: str, goal: str) -> list[str]:  # noqa: N803
    """One shortest upward path from ``start`` to ``goal``, both included.

    ``[start, goal]`` when ``goal`` does not lie above ``start``.
    """
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [node]
            while (before := previous[path[-1]]) is not None:
                path.append(before)
            return path[::-1]
        for nxt in up(G, node):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return [start, goal]


def ancestors(G: nx.DiGraph[str], node: str, *, include_supports: bool = True) -> list[str]:  # noqa: N803
    """Every objective and key result above ``node``, nearest first."""
    return _walk(G, node, up, include_supports)


def descendants(G: nx.DiGraph[str], node: str, *, include_supports: bool = True) -> list[str]:  # noqa: N803
    """Every objective and key result below ``node``, nearest first."""
    return _walk(G, node, down, include_supports)


def contributors(G: nx.DiGraph[str], objective: str) -> list[str]:  # noqa: N803
    """Every key result and objective that counts toward ``objective`` (contributes links)."""
    return _walk(G, objective, down, False)


def _walk(G: nx.DiGraph[str], node: str, step: object, include_supports: bool) -> list[str]:  # noqa: N803
    seen = {node}
    order: list[str] = []
    frontier = [node]
    while frontier:
        following: list[str] = []
        for current in frontier:
            for nxt in step(G, current, include_supports=include_supports):  # type: ignore[operator]
                if nxt not in seen:
                    seen.add(nxt)
                    order.append(nxt)
                    following.append(nxt)
        frontier = following
    return order


def impact_path(G: nx.DiGraph[str], key_result: str) -> list[str]:  # noqa: N803
    """The chain from a key result up to the top, the key result first.

    From a key result the chain goes to its objective; from an objective to its first
    contributing parent (or, without one, its first supporting parent); from a key
    result reached as a parent, to that key result's objective. It ends at an
    objective aligned to nothing, normally a company objective.
    """
    path = [key_result]
    node = key_result
    seen = {node}
    while True:
        if G.nodes[node]["kind"] is NodeKind.KEY_RESULT:
            nxt = objective_of(G, node)
        else:
            nxt = next(parents(G, node, include_supports=False), None)
            if nxt is None:
                nxt = next(parents(G, node), None)
        if nxt is None or nxt in seen:
            return path
        seen.add(nxt)
        path.append(nxt)
        node = nxt
