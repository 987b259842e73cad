"""The steps of issue 8, each timed against its baseline in the same run.

A step fills in a :class:`Measure` for one session (one size): okrkit's number, the
baseline's, and a note. A step that raises keeps what it measured before (the baseline
first, where it can) and the error goes into its row.
"""

from __future__ import annotations

import functools
import gc
import json
import subprocess
import sys
import traceback
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

import okrkit
from benchmarks._import_step import import_checkins
from benchmarks._lint_step import lint_step
from benchmarks._org import AS_OF, RESCORE_AS_OF, okrset_from_rows
from benchmarks._pandas import compute, ingest
from benchmarks._report_step import report_html
from benchmarks._session import Session, StepFailedError, describe
from benchmarks._timing import best_of
from okrkit.graph import AlignmentGraph, EdgeKind, NodeKind

# The bytes of one check-in in numpy columns: key result code (int32), day (int32),
# value (float64) and confidence (int8).
COLUMN_BYTES = 4 + 4 + 8 + 1


@dataclass
class Measure:
    """What one step measured at one size."""

    ours: float | None = None
    baseline: float | None = None
    error: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Step:
    """One row of the table: what okrkit runs, against what, and the issue's limit."""

    name: str
    run: Callable[[Session, Measure], None]
    ours: str
    baseline: str
    limit: float | None
    unit: str = "s"
    scale: int = 1
    """The step runs at the size divided by this (YAML is slow for its baseline too)."""
    sized: bool = True
    """False for a step that does not depend on the size (import): run once."""

    def measure(self, session: Session) -> Measure:
        """Run the step on ``session``; an error is kept in the measure, not raised."""
        measure = Measure()
        try:
            self.run(session, measure)
        except Exception as error:  # noqa: BLE001 - a failing okrkit call is reported in its row
            if not isinstance(error, StepFailedError):  # its traceback is printed already
                traceback.print_exc()
            measure.error = describe(error)
        return measure


def _score_cold(session: Session, measure: Measure) -> None:
    measure.baseline, expected = session.pandas(AS_OF)
    measure.ours = session.runs.time("cold")
    measure.note = session.check("score-cold", session.runs.results["cold"], expected)


def _rows_to_scorecard(session: Session, measure: Measure) -> None:
    rows = session.rows
    measure.baseline, expected = best_of(session.repeat, lambda: compute(ingest(rows), AS_OF))
    measure.ours, card = best_of(session.repeat, lambda: okrset_from_rows(rows).score(as_of=AS_OF))
    measure.note = session.check("rows-to-scorecard", card, expected)


def _rescore(session: Session, measure: Measure) -> None:
    measure.baseline, expected = session.pandas(RESCORE_AS_OF)
    measure.ours = session.runs.time("rescore")
    measure.note = session.check("rescore", session.runs.results["rescore"], expected)


def _leverage(session: Session, measure: Measure) -> None:
    measure.baseline = session.runs.time("cold")
    measure.ours = session.runs.time("leverage")


def _parse_seconds(repeat: int, parse: Callable[[str], object], path: Path) -> float:
    """The best time of parsing the text of ``path`` (read outside the timing)."""
    text = path.read_text(encoding="utf-8")
    seconds, _data = best_of(repeat, lambda: parse(text))
    return seconds


def _load_json(session: Session, measure: Measure) -> None:
    path = session.path("json")
    measure.note = f"{path.stat().st_size / 1e6:,.0f} MB file"
    measure.baseline = _parse_seconds(session.repeat, json.loads, path)
    measure.ours = session.runs.time("load")


def _load_yaml(session: Session, measure: Measure) -> None:
    path = session.path("yaml")
    measure.note = f"{path.stat().st_size / 1e6:,.0f} MB file; a tenth of the size"
    # The C loader alone; without libyaml, yaml has no CSafeLoader and the row says so.
    parse = functools.partial(yaml.load, Loader=yaml.CSafeLoader)
    measure.baseline = _parse_seconds(session.repeat, parse, path)
    measure.ours, _okrs = best_of(session.repeat, lambda: okrkit.load(path))


def bare_graph(okrs: okrkit.OKRSet) -> nx.DiGraph[str]:
    """The baseline: the nodes and edges of okrkit's graph on a plain networkx graph."""
    graph: nx.DiGraph[str] = nx.DiGraph()
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
                {"kind": EdgeKind.ALIGNS_TO, "link": link.kind, "weight": link.weight},
            )
            for link in objective.aligned_to
        )
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def _graph(session: Session, measure: Measure) -> None:
    okrs = session.built
    measure.baseline, bare = best_of(session.repeat, lambda: bare_graph(okrs))
    measure.ours, ours = best_of(session.repeat, lambda: AlignmentGraph.from_okrset(okrs))
    shapes = {
        "okrkit": (ours.nx.number_of_nodes(), ours.nx.number_of_edges()),
        "bare": (bare.number_of_nodes(), bare.number_of_edges()),
    }
    if shapes["okrkit"] != shapes["bare"]:
        session.mismatches.append(f"graph at {session.objectives:,} objectives: {shapes}")
        measure.note = "MISMATCH in nodes or edges"


def import_seconds(module: str, repeat: int) -> float:
    """The best cumulative time of ``import module`` in a fresh interpreter (-X importtime)."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"import {module} failed: {done.stderr.strip()[-300:]}")
        # Lines read "import time: <self us> | <cumulative us> | <module>", nested
        # modules indented; the top one is the last line naming the module itself.
        found = [
            int(cumulative)
            for _self, cumulative, name in (
                line.removeprefix("import time:").split("|")
                for line in done.stderr.splitlines()
                if line.startswith("import time:") and line.count("|") == 2
            )
            if name.strip() == module and cumulative.strip().isdigit()
        ]
        if not found:
            raise RuntimeError(f"{module} was imported before the -c code ran")
        best = min(best, found[-1] / 1e6)
    return best


def _import(session: Session, measure: Measure) -> None:
    measure.baseline = import_seconds("json", session.repeat)
    measure.ours = import_seconds("okrkit", session.repeat)


def _memory(session: Session, measure: Measure) -> None:
    path = session.path("json")
    measure.baseline = session.checkins * COLUMN_BYTES / session.key_results
    gc.collect()
    tracemalloc.start()
    try:
        okrs = okrkit.load(path)
        card = okrs.score(as_of=AS_OF)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del okrs, card
    measure.ours = peak / session.key_results
    measure.note = f"peak of load + score; {kept / session.key_results:,.0f} B kept after"


STEPS = (
    Step("score-cold", _score_cold, "okrs.score() on a fresh load", "pandas compute", 1.5),
    Step(
        "rows-to-scorecard",
        _rows_to_scorecard,
        "objects + CheckInLog.from_columns + OKRSet + score",
        "pandas ingest + compute",
        2.0,
    ),
    Step("rescore", _rescore, "second okrs.score(), other date", "pandas compute", 1.0),
    Step("leverage", _leverage, "card.leverage(company objective)", "one cold score", 3.0),
    Step("load-json", _load_json, "okrkit.load(.json)", "json.loads(text)", 4.0),
    Step("load-yaml", _load_yaml, "okrkit.load(.yaml)", "yaml.load, CSafeLoader", 1.5, scale=10),
    Step("graph", _graph, "AlignmentGraph.from_okrset", "bare networkx.DiGraph", 2.0),
    Step("import", _import, "import okrkit", "import json", None, sized=False),
    Step(
        "memory",
        _memory,
        "peak bytes of load + score per key result",
        "check-in columns per key result",
        2048,
        unit="B/KR",
    ),
    # 52 check-ins an objective: a fifth of the size is a million check-ins at 100,000.
    Step(
        "import-checkins",
        import_checkins,
        "from_csv + store.append_checkins + store.load + score",
        "pandas.read_csv + DataFrame.to_sql (sqlite3)",
        3.0,
        scale=5,
    ),
    # Issue 12: the HTML scorecard of 20,000 objectives (a fifth of the default size).
    Step(
        "report-html",
        report_html,
        "load + build_scorecard + to_html + write (okrkit report --format html)",
        "okrkit score FILE (load + score + tree), CliRunner",
        3.0,
        scale=5,
    ),
    # Issue 13: lint 20,000 objectives in at most twice the time of scoring them.
    Step(
        "lint",
        lint_step,
        "okrkit.lint(okrs), every rule, on a fresh load",
        "okrs.score() on a fresh load",
        2.0,
        scale=5,
    ),
)
