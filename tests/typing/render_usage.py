"""Render reports as a user would; `mypy --strict tests/typing` must accept it.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group

import okrkit
from okrkit.report import (
    CycleReview,
    ScorecardReport,
    WeeklyDigest,
    build_digest,
    build_review,
    build_scorecard,
    render,
    to_markdown,
    to_rich,
    to_text,
)
from okrkit.report.markdown import escape_markdown


def wiki_page(report: ScorecardReport | WeeklyDigest | CycleReview, folder: Path) -> Path:
    """Write a report as a Vietnamese Markdown page, with a heading of our own above it."""
    path = folder / "okr.md"
    heading = f"> {escape_markdown('Team notes: <draft>')}\n\n"
    path.write_text(heading + to_markdown(report, locale="vi"), encoding="utf-8")
    return path


def mail_body(report: WeeklyDigest) -> str:
    """The digest as plain text for an e-mail, 72 cells wide."""
    return to_text(report, locale="en", width=72)


def show(report: CycleReview) -> None:
    """Print the review in colour in a terminal."""
    group: Group = to_rich(report, locale="vi")
    Console().print(group)


def every_format() -> dict[str, str]:
    """The example's scorecard, digest and review in each format."""
    okrs = okrkit.load("examples/acme.yaml")
    reports = {
        "scorecard": build_scorecard(okrs, as_of="2026-03-20"),
        "digest": build_digest(okrs, as_of="2026-03-20"),
        "review": build_review(okrs),
    }
    return {
        f"{kind}.{name}": render(report, name, locale="vi")
        for kind, report in reports.items()
        for name in ("text", "md", "html")
    }
