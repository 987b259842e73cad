"""Lay the end-of-cycle review out: grades, the cycle in numbers, drivers, questions."""

from __future__ import annotations

from okrkit.i18n import _, format_number, gettext
from okrkit.model import Status
from okrkit.report._blocks import (
    Block,
    Bullets,
    Document,
    Fields,
    Line,
    Note,
    Questions,
    Section,
    Span,
    Table,
    plain,
    strong,
)
from okrkit.report._compose_digest import named
from okrkit.report._data import Band
from okrkit.report._review_data import CycleReview, Driver, Grade, ReviewStats
from okrkit.report._words import DASH, band, day, grade, percent, signed_percent, status

__all__ = ["BAND_RANGES", "compose_review", "grade_headers"]

BAND_RANGES = {Band.OFF_TRACK: (0.0, 0.3), Band.PROGRESS: (0.4, 0.6), Band.DELIVERED: (0.7, 1.0)}
"""The grades of each band, as source 003 draws them."""


def compose_review(review: CycleReview, title: Line) -> Document:
    """The review as a document: grades, statistics, drivers and the retrospective."""
    subtitle = plain(_("As of {day}").format(day=day(review.as_of)))
    sections = [
        Section(heading=plain(_("Final grades")), blocks=(_grades(review.grades),)),
        *_statistics(review.stats),
        Section(
            heading=plain(_("What drove the score")),
            blocks=() if review.drivers else (Note(plain(_("No objective was graded."))),),
        ),
        *(_driver(driver) for driver in review.drivers),
        Section(
            heading=plain(_("Retrospective")),
            blocks=(
                Questions(
                    items=tuple(gettext(question) for question in review.questions),
                    answer=_("Answer:"),
                ),
            ),
        ),
    ]
    return Document(title=title, subtitle=(subtitle,), sections=tuple(sections))


def _grades(grades: tuple[Grade, ...]) -> Block:
    if not grades:
        return Note(plain(_("No objective was graded.")))
    rows = []
    for item in grades:
        name = named(item.title, item.id)
        if item.is_objective:
            name = tuple(Span(span.text, user=span.user, strong=True) for span in name)
        else:
            name = (Span("↳ "), *name)
        rows.append(
            (
                name,
                plain(item.ambition.label),
                plain(grade(item.grade), tone="good" if item.achieved else "bad"),
                plain(grade(item.computed)),
                plain(grade(item.bar)),
                status(Status.ACHIEVED if item.achieved else Status.MISSED),
                band(item.band),
                _owner_grade(item),
            )
        )
    return Table(
        headers=grade_headers(),
        rows=tuple(rows),
        numeric=(False, False, True, True, True),
    )


def grade_headers() -> tuple[str, ...]:
    """The columns of the final grades' table, in the active locale (every renderer's)."""
    return (
        _("Objective or key result"),
        _("Ambition"),
        _("Final grade"),
        _("Computed"),
        _("Bar"),
        _("Result"),
        _("Band"),
        _("Set by the owner"),
    )


def _owner_grade(item: Grade) -> Line:
    if not item.owner_set:
        return plain(DASH)
    if item.reason and item.reason.strip():
        return (Span(_("yes") + ": "), Span(item.reason, user=True))
    return plain(_("yes, with no reason given"), tone="warn")


def _statistics(stats: ReviewStats) -> list[Section]:
    fields = Fields(
        rows=(
            (
                (_("Objectives graded"), plain(format_number(stats.objectives))),
                (
                    _("Achieved"),
                    plain(
                        _("{achieved} of {total} ({share})").format(
                            achieved=format_number(stats.achieved),
                            total=format_number(stats.objectives),
                            share=percent(stats.share_achieved),
                        )
                    ),
                ),
            ),
        )
    )
    bands = Table(
        headers=(_("Band"), _("Grade range"), _("Number of objectives")),
        rows=tuple(
            (
                band(member),
                plain(" – ".join(format_number(end) for end in BAND_RANGES[member])),
                plain(format_number(stats.bands.get(member, 0))),
            )
            for member in Band
        ),
        numeric=(False, False, True),
    )
    confidence: Block = (
        Table(
            headers=(_("Team or department"), _("Net confidence")),
            rows=tuple(
                (named(item.name, item.id), plain(signed_percent(item.value / 100)))
                for item in stats.net_confidence
            ),
            numeric=(False, True),
        )
        if stats.net_confidence
        else Note(plain(_("None.")))
    )
    without: Block = (
        Bullets(items=tuple(named(name, ident) for ident, name in stats.without_okrs))
        if stats.without_okrs
        else Note(plain(_("None.")))
    )
    return [
        Section(heading=plain(_("The cycle in numbers")), blocks=(fields,)),
        Section(heading=plain(_("Objectives by band")), blocks=(bands,), depth=1),
        Section(heading=plain(_("Net confidence by team")), blocks=(confidence,), depth=1),
        Section(heading=plain(_("Teams without OKRs")), blocks=(without,), depth=1),
    ]


def _driver(driver: Driver) -> Section:
    heading = (*named(driver.title, driver.id), Span(": "), *strong(grade(driver.grade)))
    blocks: tuple[Block, ...] = (
        (
            Table(
                headers=(_("Key result"), _("Contribution")),
                rows=tuple(
                    (named(title, ident), plain(grade(share)))
                    for ident, title, share in driver.contributions
                ),
                numeric=(False, True),
            ),
        )
        if driver.contributions
        else (Note(plain(_("No key result contributed."))),)
    )
    return Section(heading=heading, blocks=blocks, depth=1)
