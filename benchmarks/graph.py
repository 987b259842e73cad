"""Building the alignment graph of a large organisation, against bare networkx.

Generates an organisation of N objectives (100,000 by default) with 4 key results
each, every objective aligned to one parent, then times, in the same run:

- ``AlignmentGraph.from_okrset(okrs)``: okrkit's graph, typed nodes and edges;
- the baseline: adding the same nodes and edges, with the same attributes, to a bare
  ``networkx.DiGraph`` with ``add_nodes_from`` / ``add_edges_from``.

It prints both times and their ratio (the issue asks for at most 2.0).

Run: ``python benchmarks/graph.py [--objectives N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
from typing import Any

import networkx as nx
from _timing import best_of

from okrkit import Cycle, KeyResult, Metric, Objective, OKRSet, Owner
from okrkit.graph import AlignmentGraph, EdgeKind, NodeKind
from okrkit.model import LinkKind


def organisation(objectives: int, key_results: int = 4) -> OKRSet:
    """A tree of objectives ten wide, each with ``key_results`` key results."""
    cycle = Cycle.quarter(2026, 1)
    owners = [Owner(id=f"team-{i}", name=f"Team {i}", kind="team") for i in range(100)]  # type: ignore[arg-type]
    metric = Metric(kind="increase", start=0.0, target=100.0)  # type: ignore[arg-type]
    objs = []
    for o in range(objectives):
        krs = tuple(
            KeyResult(id=f"kr-{o}-{k}", title="Raise the metric", metric=metric)
            for k in range(key_results)
        )
        objs.append(
            Objective(
                id=f"obj-{o}",
                title=f"Objective {o}",
                owner=f"team-{o % 100}",
                cycle=cycle,
                level="company" if o == 0 else "team",  # type: ignore[arg-type]
                aligned_to=(f"obj-{(o - 1) // 10}",) if o else (),
                key_results=krs,
            )
        )
    return OKRSet(cycles=[cycle], owners=owners, objectives=objs)


def bare(okrs: OKRSet) -> nx.DiGraph[str]:
    """The baseline: the same nodes and edges on a plain networkx graph."""
    g: nx.DiGraph[str] = nx.DiGraph()
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for objective in okrs.objectives:
        nodes.append((objective.id, {"kind": NodeKind.OBJECTIVE, "entity": objective}))
        for kr in objective.key_results:
            nodes.append((kr.id, {"kind": NodeKind.KEY_RESULT, "entity": kr}))
            edges.append((objective.id, kr.id, {"kind": EdgeKind.HAS_KEY_RESULT}))
        edges.extend(
            (
                objective.id,
                link.parent,
                {"kind": EdgeKind.ALIGNS_TO, "link": LinkKind.CONTRIBUTES, "weight": 1.0},
            )
            for link in objective.aligned_to
        )
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    okrs = organisation(args.objectives)
    graph = AlignmentGraph.from_okrset(okrs)
    assert graph.nx.number_of_nodes() == bare(okrs).number_of_nodes()
    assert graph.nx.number_of_edges() == bare(okrs).number_of_edges()
    ours, _result = best_of(args.repeat, lambda: AlignmentGraph.from_okrset(okrs))
    baseline, _result = best_of(args.repeat, lambda: bare(okrs))
    print(
        f"{len(okrs.objectives)} objectives, {len(graph)} nodes, "
        f"{graph.nx.number_of_edges()} edges"
    )
    print(f"AlignmentGraph.from_okrset   {ours:8.3f} s")
    print(f"bare networkx.DiGraph        {baseline:8.3f} s")
    print(f"ratio                        {ours / baseline:8.2f}  (at most 2.0)")


if __name__ == "__main__":
    main()
