"""The end-of-cycle review as HTML: final grades, the cycle in numbers, what drove it.

The retrospective questions close the page, each over an empty box for the answer.
"""

from __future__ import annotations

from okrkit.i18n import _, gettext
from okrkit.model import Status
from okrkit.report._compose_review import BAND_RANGES, grade_headers
from okrkit.report._data import Band
from okrkit.report._html_digest import named
from okrkit.report._html_kit import (
    BAND_COLOURS,
    DASH,
    Formats,
    badge,
    empty,
    esc,
    report_title,
    section,
    table,
)
from okrkit.report._review_data import CycleReview, Driver, Grade, ReviewStats
from okrkit.report._svg import donut

__all__ = ["review_page"]


def _owner_grade(item: Grade) -> str:
    if not item.owner_set:
        return DASH
    if item.reason and item.reason.strip():
        given = _("yes")
        return f"{esc(given)}: {esc(item.reason)}"
    unexplained = _("yes, with no reason given")
    return f'<span class="flag">{esc(unexplained)}</span>'


def _grade_row(item: Grade, formats: Formats) -> str:
    result = Status.ACHIEVED if item.achieved else Status.MISSED
    title = named(item.title, item.id)
    return (
        f'<tr class="{"objective-row" if item.is_objective else "key-result-row"}">'
        f'<td class="title">{title if item.is_objective else "↳ " + title}</td>'
        f"<td>{esc(item.ambition.label)}</td>"
        f'<td class="num"><b>{esc(formats.grade(item.grade))}</b></td>'
        f'<td class="num">{esc(formats.grade(item.computed))}</td>'
        f'<td class="num">{esc(formats.grade(item.bar))}</td>'
        f"<td>{badge(result.value, result.label)}</td>"
        f"<td>{badge(item.band.value, item.band.label, 'b')}</td>"
        f"<td>{_owner_grade(item)}</td></tr>"
    )


def _grades(review: CycleReview, formats: Formats) -> str:
    if not review.grades:
        return empty(_("No objective was graded."))
    rows = (_grade_row(item, formats) for item in review.grades)
    return table(grade_headers(), rows, "grades")


def _numbers(stats: ReviewStats, formats: Formats) -> str:
    """The figures, a donut of the objectives by band, and the bands' table."""
    achieved = _("{achieved} of {total} ({share})").format(
        achieved=formats.number(stats.achieved),
        total=formats.number(stats.objectives),
        share=formats.pct(stats.share_achieved),
    )
    graded, reached = _("Objectives graded"), _("Achieved")
    figures = (
        f'<ul class="figures"><li><span class="k">{esc(graded)}</span>'
        f'<span class="v">{esc(formats.number(stats.objectives))}</span></li>'
        f'<li><span class="k">{esc(reached)}</span><span class="v">{esc(achieved)}</span>'
        "</li></ul>"
    )
    parts = [
        (member.value, member.label, stats.bands.get(member, 0), BAND_COLOURS[member.value])
        for member in Band
    ]
    rows = (
        f"<tr><td>{badge(member.value, member.label, 'b')}</td>"
        f'<td class="num">{esc(" – ".join(formats.number(end) for end in BAND_RANGES[member]))}'
        f'</td><td class="num">{esc(formats.number(stats.bands.get(member, 0)))}</td></tr>'
        for member in Band
    )
    bands = table((_("Band"), _("Grades"), _("Objectives")), rows)
    ring = donut(_("Objectives by band"), parts, formats)
    return (
        f'<div class="summary"><div class="figures-box">{figures}{bands}</div>'
        f'<ul class="donuts"><li>{ring}</li></ul></div>'
    )


def _statistics(stats: ReviewStats, formats: Formats) -> str:
    confidence = (
        table(
            (_("Team"), _("Net confidence")),
            (
                f'<tr><td class="title">{named(item.name, item.id)}</td>'
                f'<td class="num">{esc(formats.signed(item.value / 100))}</td></tr>'
                for item in stats.net_confidence
            ),
        )
        if stats.net_confidence
        else empty(_("None."))
    )
    without = (
        "<ul>"
        + "".join(f"<li>{named(name, ident)}</li>" for ident, name in stats.without_okrs)
        + "</ul>"
        if stats.without_okrs
        else empty(_("None."))
    )
    by_team, missing = _("Net confidence by team"), _("Teams without OKRs")
    return (
        f"{_numbers(stats, formats)}<h3>{esc(by_team)}</h3>{confidence}"
        f"<h3>{esc(missing)}</h3>{without}"
    )


def _driver(driver: Driver, formats: Formats) -> str:
    grade = formats.grade(driver.grade)
    heading = f"<h3>{named(driver.title, driver.id)}: <b>{esc(grade)}</b></h3>"
    if not driver.contributions:
        return heading + empty(_("No key result contributed."))
    rows = (
        f'<tr><td class="title">{named(title, ident)}</td>'
        f'<td class="num">{esc(formats.grade(share))}'
        f'<div class="bar"><span class="fill s-done" style="width:{_width(share)}%"></span></div>'
        "</td></tr>"
        for ident, title, share in driver.contributions
    )
    return heading + table((_("Key result"), _("Contribution")), rows)


def _width(share: float) -> str:
    return f"{min(max(share, 0.0), 1.0) * 100:.1f}"


def _questions(review: CycleReview) -> str:
    answer = esc(_("Answer:"))
    items = "".join(
        f'<li><p>{esc(gettext(question))}</p><div class="answer" aria-label="{answer}"></div></li>'
        for question in review.questions
    )
    return f'<ol class="questions">{items}</ol>'


def review_page(review: CycleReview, formats: Formats) -> tuple[str, str, str]:
    """The review's title, its subtitle, and the body of its page."""
    subtitle = _("As of {day}").format(day=formats.day(review.as_of))
    drivers = "".join(_driver(driver, formats) for driver in review.drivers) or empty(
        _("No objective was graded.")
    )
    body = "".join(
        (
            section(_("Final grades"), _grades(review, formats), ident="grades"),
            section(_("The cycle in numbers"), _statistics(review.stats, formats), ident="stats"),
            section(_("What drove the score"), drivers, ident="drivers"),
            section(_("Retrospective"), _questions(review), ident="retrospective"),
        )
    )
    return report_title(_("End-of-cycle review"), (review.cycle,)), subtitle, body
