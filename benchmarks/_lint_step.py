"""The lint step of issue 13: ``okrkit.lint(okrs)`` against ``okrs.score()``.

"Linting a 20,000-objective set takes at most 2 times the time of scoring it." Both
runs start from a set freshly loaded from the session's JSON file (the load itself is
not timed, for either), so that neither reuses what the other made: okrkit's run is
``okrkit.lint(okrs)`` with every rule and no ``as_of`` (the rules judged on a date do
not run); the baseline is ``okrs.score(as_of=...)``, the cold score. The note gives the
ratio with ``as_of`` too (every rule, the date rules reading one shared scorecard), and
the slowest rules, each timed alone on a loaded set, for whoever must make one faster.

The step runs at a fifth of ``--size`` (20,000 objectives at the default 100,000).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import okrkit
from benchmarks._org import AS_OF
from benchmarks._session import Session
from benchmarks._timing import quiet_heap
from okrkit.lint import available, lint


def _best_fresh(repeat: int, source: Path, work: Callable[[okrkit.OKRSet], Any]) -> float:
    """The best time of ``work(okrs)``, each run on a set freshly loaded from ``source``."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        okrs = okrkit.load(source)
        with quiet_heap():
            start = time.perf_counter()
            work(okrs)
            best = min(best, time.perf_counter() - start)
        del okrs
    return best


def rule_times(source: Path) -> list[tuple[str, float]]:
    """Each rule's time alone (with ``as_of``), slowest first, on one loaded set.

    The set is rebuilt without its file, so that each time is the rule's own, not the
    lookup of the lines of what it found (one pass over the file per call).
    """
    loaded = okrkit.load(source)
    okrs = okrkit.OKRSet(
        cycles=loaded.cycles,
        owners=loaded.owners,
        objectives=loaded.objectives,
        initiatives=loaded.initiatives,
        dependencies=loaded.dependencies,
        checkins=loaded.checkins,
    )
    lint(okrs, as_of=AS_OF)  # what rules share (the graph, the scorecard) is made once
    times = []
    for code in available():
        start = time.perf_counter()
        lint(okrs, rules=[code], as_of=AS_OF)
        times.append((code, time.perf_counter() - start))
    return sorted(times, key=lambda item: -item[1])


def lint_step(session: Session, measure: Any) -> None:
    """Time lint against the cold score of the same freshly loaded set."""
    source = session.path("json")
    measure.baseline = _best_fresh(session.repeat, source, lambda okrs: okrs.score(as_of=AS_OF))
    measure.ours = _best_fresh(session.repeat, source, lint)
    dated = _best_fresh(session.repeat, source, lambda okrs: lint(okrs, as_of=AS_OF))
    found = len(lint(okrkit.load(source), as_of=AS_OF))
    slowest = ", ".join(f"{code} {seconds:.2f}" for code, seconds in rule_times(source)[:3])
    measure.note = (
        f"with as_of {dated:.2f} s ({dated / measure.baseline:.2f}x); "
        f"{found:,} diagnostics; slowest s: {slowest}"
    )
