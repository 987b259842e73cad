"""Lay a report out as a :class:`~okrkit.report._blocks.Document`, in the active locale.

:func:`compose` takes any of the three reports; the scorecard is laid out here, the
weekly digest and the end-of-cycle review in their own modules. Every label goes
through gettext and every number and date through :mod:`okrkit.i18n`'s formatters as
the document is built, so the renderers only draw it.
"""

from __future__ import annotations

from typing import Any

from okrkit.errors import UsageError
from okrkit.i18n import _, ngettext
from okrkit.report._blocks import (
    Document,
    Fields,
    Line,
    Section,
    Span,
    Table,
    join,
    plain,
    user,
)
from okrkit.report._data import KeyResultLine, ObjectiveLine, ScorecardReport
from okrkit.report._digest_data import WeeklyDigest
from okrkit.report._review_data import CycleReview
from okrkit.report._scorecard import bar_of
from okrkit.report._words import (
    confidence,
    day,
    forecast,
    names,
    percent,
    progress,
    score_with_band,
    status,
)

__all__ = ["compose", "cycles_title", "kind_name"]

REPORTS = (ScorecardReport, WeeklyDigest, CycleReview)
"""The reports the text renderers draw."""


def kind_name(report: Any) -> str:
    """The report's kind, as a person calls it, in the active locale.

    Raises:
        UsageError: when ``report`` is not one of okrkit's reports.
    """
    if isinstance(report, ScorecardReport):
        return _("OKR scorecard")
    if isinstance(report, WeeklyDigest):
        return _("Weekly OKR digest")
    if isinstance(report, CycleReview):
        return _("End-of-cycle review")
    raise UsageError(
        _(
            "render a scorecard, a weekly digest or a cycle review (build one with "
            "build_scorecard, build_digest or build_review), not {kind}"
        ).format(kind=type(report).__name__)
    )


def cycles_title(kind: str, cycles: tuple[str, ...]) -> Line:
    """A report's title: its kind, then the names of its cycles."""
    if not cycles:
        return plain(kind)
    return (Span(kind + ": "), *join(user(cycle) for cycle in cycles))


def compose(report: Any) -> Document:
    """Lay ``report`` out as a document, in the active locale.

    Raises:
        UsageError: when ``report`` is not a scorecard, a digest or a review.
    """
    kind = kind_name(report)
    if isinstance(report, WeeklyDigest):
        from okrkit.report._compose_digest import compose_digest

        return compose_digest(report, cycles_title(kind, report.cycles))
    if isinstance(report, CycleReview):
        from okrkit.report._compose_review import compose_review

        return compose_review(report, cycles_title(kind, (report.cycle,)))
    return _compose_scorecard(report, cycles_title(kind, report.cycles))


# -- the scorecard ---------------------------------------------------------------------------


def _compose_scorecard(report: ScorecardReport, title: Line) -> Document:
    key_results = sum(len(line.key_results) for line in report.objectives)
    counts = ", ".join(
        (
            ngettext("{n} objective", "{n} objectives", len(report.objectives)).format(
                n=len(report.objectives)
            ),
            ngettext("{n} key result", "{n} key results", key_results).format(n=key_results),
        )
    )
    subtitle = plain(_("As of {day}").format(day=day(report.as_of)) + " · " + counts)
    titles = {line.id: line.title for line in report.objectives}
    several_cycles = len(report.cycles) > 1
    sections = tuple(
        Section(
            heading=user(line.title),
            blocks=(
                _objective_fields(line, titles, several_cycles),
                _key_result_table(line.key_results),
            ),
            depth=line.depth,
        )
        for line in report.objectives
    )
    return Document(title=title, subtitle=(subtitle,), sections=sections)


def _objective_fields(line: ObjectiveLine, titles: dict[str, str], cycle: bool) -> Fields:
    """The objective's own numbers, in three rows: who, how it stands, where it goes."""
    who: list[tuple[str, Line]] = [
        (_("ID"), user(line.id)),
        (_("Level"), plain(line.level.label)),
        (_("Ambition"), plain(line.ambition.label)),
        (_("Owner"), user(line.owner)),
    ]
    if cycle:
        who.append((_("Cycle"), user(line.cycle)))
    if line.parent is not None:
        who.append((_("Aligned to"), user(titles.get(line.parent, line.parent))))
    standing = (
        (_("Score"), score_with_band(line.score, line.band)),
        (_("Status"), status(line.status)),
        (_("Expected pace"), plain(percent(line.expected))),
    )
    outlook = (
        (_("Forecast"), _objective_forecast(line)),
        (_("Confidence"), confidence(line.confidence, line.trend)),
    )
    return Fields(rows=(tuple(who), standing, outlook))


def _objective_forecast(line: ObjectiveLine) -> Line:
    """The forecast with its day, and what it falls short of when it misses."""
    if line.forecast is None:
        return forecast(None)
    shown = (
        *forecast(line.forecast),
        Span(" " + _("by {day}").format(day=day(line.forecast.on))),
    )
    if not line.forecast.misses:
        return shown
    short = _("short of {bar}").format(bar=percent(bar_of(line.ambition)))
    return (*shown, Span(", "), Span(short, tone="bad"))


def _key_result_table(lines: tuple[KeyResultLine, ...]) -> Table:
    headers = (
        _("Key result"),
        _("Owners"),
        _("Start → latest → target"),
        _("Score"),
        _("Status"),
        _("Confidence"),
        _("Forecast"),
    )
    rows = tuple(
        (
            (*user(line.title), Span(" ("), *user(line.id), Span(")")),
            names(line.owners),
            plain(progress(line)),
            score_with_band(line.score, line.band),
            status(line.status),
            confidence(line.confidence, line.trend),
            forecast(line.forecast, line.metric),
        )
        for line in lines
    )
    return Table(
        headers=headers, rows=rows, numeric=(False, False, False, True), name=_("Key results")
    )
