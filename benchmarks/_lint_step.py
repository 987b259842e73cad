"""The lint step of issue 13: ``okrkit.lint(okrs)`` against ``okrs.score()``.

"Linting a 20,000-objective set takes at most 2 times the time of scoring it." The
session's set gives every key result the same title, which would hide what a rule
spends on each title; so the step first writes its own JSON copy of the session's set
(outside any timing) in which every objective and key result title is distinct and
varied: a title of ``tests/lint_corpus/corpus.csv`` (Vietnamese and English, outcomes
and activities) with a number appended, and, in one objective of 25, a second key result
that nearly repeats the first (a duplicate for OKR206 to find). Both runs start from a set
freshly loaded from that copy (the load itself is not timed, for either), so that
neither reuses what the other made: okrkit's run is
``okrkit.lint(okrs)`` with every rule and no ``as_of`` (the rules judged on a date do
not run); the baseline is ``okrs.score(as_of=...)``, the cold score. The note gives the
ratio with ``as_of`` too (every rule, the date rules reading one shared scorecard), and
the slowest rules, each timed alone on a loaded set, for whoever must make one faster.

The step runs at a fifth of ``--size`` (20,000 objectives at the default 100,000).
"""

from __future__ import annotations

import csv
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import okrkit
from benchmarks._org import AS_OF
from benchmarks._session import Session
from benchmarks._timing import quiet_heap
from okrkit.lint import available, lint

CORPUS = Path(__file__).parent.parent / "tests" / "lint_corpus" / "corpus.csv"
"""Real key result titles, in Vietnamese and English, that the titles are drawn from."""


def distinct_titles(
    okrs: okrkit.OKRSet, seed: int = 13, *, duplicate_every: int = 25
) -> okrkit.OKRSet:
    """``okrs`` with every objective and key result title distinct and varied.

    Each title is one of the corpus's (chosen at random, the same for a seed) with the
    entity's number appended; in one objective of ``duplicate_every`` the second key
    result takes the first's title with another number: a near duplicate (OKR206).
    """
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        titles = [row["title"] for row in csv.DictReader(handle)]
    pick = random.Random(seed).choice
    objectives = []
    number = 0
    for o, objective in enumerate(okrs.objectives):
        key_results = []
        for k, kr in enumerate(objective.key_results):
            number += 1
            base = pick(titles)
            if k == 1 and o % duplicate_every == 0 and key_results:
                base = key_results[0].title.rsplit(" ", 1)[0]
            key_results.append(attrs.evolve(kr, title=f"{base} {number}"))
        title = f"{pick(titles)} {o + 1}"
        objectives.append(attrs.evolve(objective, title=title, key_results=key_results))
    return attrs.evolve(okrs, objectives=objectives)


def titled_copy(session: Session) -> Path:
    """The session's set with distinct titles (:func:`distinct_titles`), as a JSON file."""
    path = session.folder / f"org-{session.objectives}-titled.json"
    if not path.exists():
        okrkit.dump(distinct_titles(session.built), path)
    return path


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
    # What the set keeps (its scoring plan, its graph) is made once, here; what one run
    # shares (the scorecard, the folded titles) each rule timed alone makes for itself.
    lint(okrs, as_of=AS_OF)
    times = []
    for code in available():
        start = time.perf_counter()
        lint(okrs, rules=[code], as_of=AS_OF)
        times.append((code, time.perf_counter() - start))
    return sorted(times, key=lambda item: -item[1])


def lint_step(session: Session, measure: Any) -> None:
    """Time lint against the cold score of the same freshly loaded set."""
    source = titled_copy(session)
    measure.baseline = _best_fresh(session.repeat, source, lambda okrs: okrs.score(as_of=AS_OF))
    measure.ours = _best_fresh(session.repeat, source, lint)
    dated = _best_fresh(session.repeat, source, lambda okrs: lint(okrs, as_of=AS_OF))
    found = len(lint(okrkit.load(source), as_of=AS_OF))
    slowest = ", ".join(f"{code} {seconds:.2f}" for code, seconds in rule_times(source)[:3])
    measure.note = (
        f"with as_of {dated:.2f} s ({dated / measure.baseline:.2f}x); "
        f"{found:,} diagnostics; slowest s: {slowest}"
    )
