"""Write HTML reports as a user would; `mypy --strict tests/typing` must accept it.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

from pathlib import Path

import okrkit
from okrkit.report import (
    CycleReview,
    ScorecardReport,
    WeeklyDigest,
    build_digest,
    build_review,
    build_scorecard,
    render,
    to_html,
)
from okrkit.report.html import MAX_BURNUP_CHARTS


def publish(report: ScorecardReport | WeeklyDigest | CycleReview, folder: Path) -> Path:
    """Write a report as one Vietnamese web page with a title of our own."""
    path = folder / "okr.html"
    page: str = to_html(report, locale="vi", title="OKR của Acme")
    path.write_text(page, encoding="utf-8")
    return path


def every_page(file: Path, folder: Path) -> list[Path]:
    """The scorecard, digest and review of a file, as HTML in the active locale."""
    okrs = okrkit.load(file)
    scorecard = build_scorecard(okrs, as_of="2026-03-20", burnup=len(okrs.objectives) < 5000)
    pages: list[tuple[str, str]] = [
        ("scorecard", to_html(scorecard)),
        ("digest", render(build_digest(okrs, as_of="2026-03-20"), "html")),
        ("review", to_html(build_review(okrs, cycle="2026-Q1"), locale="en")),
    ]
    paths = []
    for name, page in pages:
        path = folder / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


def charted(report: ScorecardReport) -> int:
    """How many burn-up charts the page of ``report`` draws."""
    return min(len(report.burnup), MAX_BURNUP_CHARTS)
