"""Loops in alignments and in the owners' tree: found by column, named one by one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from okrkit.errors import Message, Problem
from okrkit.i18n import N_
from okrkit.model._entities import Owner
from okrkit.model._objective import Objective

__all__ = [
    "alignment_cycles",
    "alignment_loop",
    "alignment_loops",
    "by_source",
    "edges_from",
    "find_cycles",
    "heights",
    "owner_cycles",
]

Ints = npt.NDArray[np.int64]


def find_cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Return one list of ids per cycle in a directed graph given as adjacency lists."""
    white, grey, black = 0, 1, 2
    colour: dict[str, int] = {}
    found: list[list[str]] = []
    for root in edges:
        if colour.get(root, white) != white:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(edges.get(root, ())))]
        on_path = [root]
        colour[root] = grey
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = black
                stack.pop()
                on_path.pop()
                continue
            state = colour.get(child, white)
            if state == grey:
                found.append([*on_path[on_path.index(child) :], child])
            elif state == white:
                colour[child] = grey
                on_path.append(child)
                stack.append((child, iter(edges.get(child, ()))))
    return found


def _may_loop(edges: Mapping[str, Sequence[str]]) -> bool:
    """Tell, by column, whether a directed graph might hold a loop.

    Peels the nodes that nothing points to, layer by layer (Kahn's order); when every
    node is peeled there is no loop, and the slower :func:`_find_cycles` that names
    each loop is not needed.
    """
    index: dict[str, int] = {}
    sources: list[int] = []
    targets: list[int] = []
    for node, ups in edges.items():
        here = index.setdefault(node, len(index))
        for up in ups:
            sources.append(here)
            targets.append(index.setdefault(up, len(index)))
    if not targets:
        return False
    found = heights(np.array(sources), np.array(targets), len(index))
    return bool((found < 0).any())


def by_source(source: Ints, size: int) -> tuple[Ints, Ints]:
    """Edges grouped by their source node: the edge order, and where each node's start."""
    order = np.argsort(source, kind="stable")
    return order, np.searchsorted(source[order], np.arange(size + 1))


def edges_from(order: Ints, starts: Ints, nodes: Ints) -> Ints:
    """Every edge leaving ``nodes``, given edges grouped by :func:`by_source`."""
    counts = starts[nodes + 1] - starts[nodes]
    first = np.repeat(starts[nodes] - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    found: Ints = order[first + np.arange(int(counts.sum()))]
    return found


def heights(source: Ints, target: Ints, size: int) -> Ints:
    """Each node's height in a directed graph of ``size`` nodes, by column.

    Peels the nodes no edge points to, layer by layer (Kahn's order): a node's height
    is the layer it is peeled in, 0 for those with nothing below them. A node on a
    loop, or above one, is never peeled and gets -1.
    """
    height = np.full(size, -1, dtype=np.int64)
    waiting = np.bincount(target, minlength=size)
    order, starts = by_source(source, size)
    frontier = np.flatnonzero(waiting == 0)
    level = 0
    while len(frontier):
        height[frontier] = level
        reached = target[edges_from(order, starts, frontier)]
        np.subtract.at(waiting, reached, 1)
        reached = np.unique(reached)
        frontier = reached[waiting[reached] == 0]
        level += 1
    return height


def alignment_cycles(objectives: Sequence[Objective | None]) -> list[Problem]:
    """Report alignment loops: a key result counts toward its objective, links go up."""
    return [
        Problem("alignment.loop", alignment_loop(loop), entity_id=loop[0])
        for loop in alignment_loops(objectives)
    ]


def alignment_loop(loop: Sequence[str]) -> Message:
    """The message for an alignment loop, given as ids from one back to itself."""
    return Message(
        N_(
            "alignment loop {loop}; a parent cannot count toward its own child, "
            "so remove one of these links"
        ),
        loop=" -> ".join(loop),
    )


def alignment_loops(objectives: Sequence[Objective | None]) -> list[list[str]]:
    """Every alignment loop among ``objectives``, each from one id back to itself.

    A key result counts toward its objective, and links go up. A key result that is
    neither aligned nor aligned to can be on no loop, so only the others are looked at.
    """
    valid = [o for o in objectives if isinstance(o, Objective)]
    targets = {link.parent for o in valid for link in o.aligned_to}
    targets.update(link.parent for o in valid for kr in o.key_results for link in kr.aligned_to)
    edges: dict[str, list[str]] = {}
    for objective in valid:
        edges.setdefault(objective.id, []).extend(link.parent for link in objective.aligned_to)
        for kr in objective.key_results:
            if kr.aligned_to or kr.id in targets:
                up = edges.setdefault(kr.id, [])
                up.append(objective.id)
                up.extend(link.parent for link in kr.aligned_to)
    if not _may_loop(edges):
        return []
    return find_cycles(edges)


def owner_cycles(owners: Sequence[Owner | None]) -> list[Problem]:
    edges = {
        owner.id: [owner.parent]
        for owner in owners
        if isinstance(owner, Owner) and owner.parent is not None
    }
    return [
        Problem(
            "owner.loop",
            Message(
                N_(
                    "owners form a loop {loop}; each unit needs a parent above it, "
                    "so remove one 'parent'"
                ),
                loop=" -> ".join(loop),
            ),
            entity_id=loop[0],
        )
        for loop in find_cycles(edges)
    ]
