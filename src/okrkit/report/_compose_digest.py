"""Lay the weekly digest out: a section per list, a line when a list is empty."""

from __future__ import annotations

from okrkit.i18n import _, format_duration, ngettext
from okrkit.report._blocks import (
    Block,
    Document,
    Line,
    Note,
    Section,
    Span,
    Table,
    plain,
    user,
)
from okrkit.report._digest_data import Lever, WeeklyDigest
from okrkit.report._words import (
    ARROW,
    DASH,
    confidence,
    day,
    names,
    percent,
    signed_percent,
    status,
    value,
)

__all__ = ["compose_digest", "named"]


def named(title: str, ident: str) -> Line:
    """A title followed by its id in brackets."""
    return (*user(title), Span(" ("), *user(ident), Span(")"))


def nothing() -> Note:
    """The line shown under a section with nothing in it."""
    return Note(plain(_("Nothing this week.")))


def _section(heading: str, table: Table, depth: int = 0) -> Section:
    blocks: tuple[Block, ...] = (table,) if table.rows else (nothing(),)
    return Section(heading=plain(heading), blocks=blocks, depth=depth)


def compose_digest(digest: WeeklyDigest, title: Line) -> Document:
    """The digest as a document: the week, then a section per list."""
    subtitle = plain(
        _("The week from {since} to {as_of}").format(
            since=day(digest.since), as_of=day(digest.as_of)
        )
    )
    sections = [
        _section(_("What moved"), _moved(digest)),
        _section(_("What slipped to at risk or off track"), _slipped(digest)),
        _section(
            ngettext(
                "No check-in for more than {n} day",
                "No check-in for more than {n} days",
                digest.stale_days,
            ).format(n=digest.stale_days),
            _stale(digest),
        ),
        _section(_("Falling confidence"), _confidence_falls(digest)),
        _section(_("Forecasts that miss their bar"), _forecast_misses(digest)),
        _section(_("Dependencies blocked by an at-risk key result"), _blocked(digest)),
    ]
    levers = Section(
        heading=plain(_("The key results that would lift each company objective most")),
        blocks=() if digest.levers else (nothing(),),
    )
    sections.append(levers)
    sections.extend(_lever(lever) for lever in digest.levers)
    return Document(title=title, subtitle=(subtitle,), sections=tuple(sections))


def _moved(digest: WeeklyDigest) -> Table:
    return Table(
        headers=(_("Key result"), _("Before → after"), _("Score"), _("Change")),
        rows=tuple(
            (
                named(item.title, item.id),
                plain(value(item.metric, item.before) + ARROW + value(item.metric, item.after)),
                plain(percent(item.score_before) + ARROW + percent(item.score_after)),
                plain(signed_percent(item.score_after - item.score_before)),
            )
            for item in digest.moved
        ),
        numeric=(False, False, True, True),
    )


def _slipped(digest: WeeklyDigest) -> Table:
    return Table(
        headers=(_("Objective or key result"), _("Kind"), _("Status")),
        rows=tuple(
            (
                named(item.title, item.id),
                plain(_("objective") if item.is_objective else _("key result")),
                (*status(item.before), Span(ARROW), *status(item.after)),
            )
            for item in digest.slipped
        ),
    )


def _stale(digest: WeeklyDigest) -> Table:
    return Table(
        headers=(_("Key result"), _("Owners"), _("Last check-in"), _("Without a check-in for")),
        rows=tuple(
            (
                named(item.title, item.id),
                names(item.owners),
                plain(_("never") if item.last_on is None else day(item.last_on)),
                plain(format_duration(item.days), tone="warn"),
            )
            for item in digest.stale
        ),
        numeric=(False, False, False, True),
    )


def _confidence_falls(digest: WeeklyDigest) -> Table:
    return Table(
        headers=(_("Key result"), _("Confidence")),
        rows=tuple(
            (
                named(item.title, item.id),
                (*confidence(item.before), Span(ARROW), *confidence(item.after)),
            )
            for item in digest.confidence_falls
        ),
    )


def _forecast_misses(digest: WeeklyDigest) -> Table:
    return Table(
        headers=(_("Objective"), _("Ambition"), _("Forecast"), _("Bar")),
        rows=tuple(
            (
                named(item.title, item.id),
                plain(item.ambition.label),
                plain(percent(item.forecast), tone="bad"),
                plain(percent(item.bar)),
            )
            for item in digest.forecast_misses
        ),
        numeric=(False, False, True, True),
    )


def _blocked(digest: WeeklyDigest) -> Table:
    return Table(
        headers=(_("Depends"), _("On"), _("Status"), _("Note")),
        rows=tuple(
            (
                named(item.dependent_title, item.dependent),
                named(item.on_title, item.on),
                status(item.status),
                user(item.note) if item.note.strip() else plain(DASH),
            )
            for item in digest.blocked
        ),
    )


def _lever(lever: Lever) -> Section:
    table = Table(
        headers=(_("Key result"), _("Gain if it reaches its target")),
        rows=tuple(
            (named(title, ident), plain(signed_percent(gain)))
            for ident, title, gain in lever.key_results
        ),
        numeric=(False, True),
    )
    blocks: tuple[Block, ...] = (
        (table,)
        if table.rows
        else (Note(plain(_("No key result would lift this objective further."))),)
    )
    return Section(heading=named(lever.title, lever.id), blocks=blocks, depth=1)
