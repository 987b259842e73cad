"""A graph lists and exports the same way in every run, whatever Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import okrkit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "acme.en.yaml"

SCRIPT = f"""
import okrkit
from okrkit.graph import to_dot, to_graphml, to_mermaid

graph = okrkit.load({str(EXAMPLE)!r}).graph
for part in (
    graph,
    graph.for_owner("dept-sales"),
    graph.for_owner("dept-product"),
    graph.for_owner("team-growth"),
    graph.for_cycle("2026-Q1"),
):
    print([o.id for o in part.objectives], [k.id for k in part.key_results])
    print(list(part.nx.nodes), list(part.nx.edges), part.dependencies())
    print(to_mermaid(part), to_dot(part), to_graphml(part))
"""


def run(seed: str) -> str:
    """What the script prints under ``PYTHONHASHSEED=seed``."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


class TestHashSeed:
    def test_views_and_exports_do_not_change_with_the_seed(self) -> None:
        """Owner and cycle views and the text exports come out the same under two seeds."""
        first = run("1")
        assert "obj-sales-growth" in first
        assert run("2") == first

    def test_a_view_lists_objectives_in_the_graph_order(self) -> None:
        """A unit's view lists its objectives in the order the graph holds them."""
        graph = okrkit.load(EXAMPLE).graph
        for owner in ("dept-sales", "dept-product", "team-growth"):
            expected = [o.id for o in graph.by_owner(owner, include_units_below=True)]
            view = graph.for_owner(owner)
            assert [o.id for o in view.objectives] == expected
            order = list(graph.nx.nodes)
            assert sorted(view.nx.nodes, key=order.index) == list(view.nx.nodes)
