"""The report-html step of issue 12: the HTML scorecard of a set against ``okrkit score``.

okrkit's run is ``okrkit report FILE --kind scorecard --format html -o OUT``, run
in-process through click's ``CliRunner`` like the baseline: load the JSON file the
session wrote, ``build_scorecard`` as of the benchmark's date (with the weekly burn-up
points of every objective), ``to_html``, and write the page. Where its time goes (the
note's split) comes from one more run of the same steps through the library, untimed
for the ratio.
The baseline is what ``okrkit score FILE`` does: the same load, a score, and the tree of
every objective and key result printed to a console, run in-process through click's
``CliRunner`` (whose output is a string, as when ``okrkit score`` is piped).

Both start from the file each run (the cold path). The issue's limit is 3 times, for a
set of 20,000 objectives: the step runs at a fifth of ``--size`` (20,000 at the default
100,000), like import-checkins.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner

import okrkit
from benchmarks._org import AS_OF
from benchmarks._session import Session, StepFailedError
from benchmarks._timing import quiet_heap
from okrkit.cli import main as okrkit_command
from okrkit.report import build_scorecard, to_html


def html_scorecard(source: Path, out: Path, parts: dict[str, float]) -> int:
    """okrkit's run: load, build the scorecard report, render it as HTML, write it."""
    start = time.perf_counter()
    okrs = okrkit.load(source)
    loaded = time.perf_counter()
    report = build_scorecard(okrs, as_of=AS_OF)
    built = time.perf_counter()
    page = to_html(report)
    rendered = time.perf_counter()
    out.write_text(page, encoding="utf-8")
    parts["load"] = loaded - start
    parts["build"] = built - loaded
    parts["html"] = rendered - built
    parts["write"] = time.perf_counter() - rendered
    return len(page.encode("utf-8"))


def report_command(source: Path, out: Path) -> int:
    """okrkit's run: ``okrkit report FILE --format html -o OUT --as-of DATE``."""
    args = ["report", str(source), "--format", "html", "-o", str(out), "--as-of", str(AS_OF)]
    done = CliRunner().invoke(okrkit_command, args)
    if done.exit_code:
        raise StepFailedError(f"okrkit report exited with {done.exit_code}: {done.output[-200:]}")
    return out.stat().st_size


def score_command(source: Path) -> int:
    """The baseline: ``okrkit score FILE --as-of DATE``, its output captured as text."""
    done = CliRunner().invoke(okrkit_command, ["score", str(source), "--as-of", str(AS_OF)])
    if done.exit_code:
        raise StepFailedError(f"okrkit score exited with {done.exit_code}: {done.output[-200:]}")
    return len(done.output)


def _best(repeat: int, run: Any) -> tuple[float, Any]:
    """The best time of ``run()`` over ``repeat`` runs, and its last result."""
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        with quiet_heap():
            start = time.perf_counter()
            result = run()
            best = min(best, time.perf_counter() - start)
    return best, result


def report_html(session: Session, measure: Any) -> None:
    """Time the HTML scorecard against ``okrkit score`` on the session's JSON file."""
    source = session.path("json")
    measure.baseline, printed = _best(session.repeat, lambda: score_command(source))
    out = session.folder / f"scorecard-{session.objectives}.html"
    parts: dict[str, float] = {}
    measure.ours, size = _best(session.repeat, lambda: report_command(source, out))
    html_scorecard(source, out, parts)  # where the time goes, outside the timing
    split = ", ".join(f"{name} {seconds:.1f}" for name, seconds in parts.items())
    del printed  # the tree's length: its run printed it all
    measure.note = f"{size / 1e6:,.0f} MB page; s: {split}"
