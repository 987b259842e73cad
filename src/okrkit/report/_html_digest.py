"""The weekly digest as HTML: one section for each thing a team looks at every week.

The sections and their order are those of the text and Markdown digests; a contents
list at the top counts what each section holds, and a section with nothing in it
says so.
"""

from __future__ import annotations

from collections.abc import Callable

from okrkit.i18n import _, format_duration, ngettext
from okrkit.report._digest_data import Lever, WeeklyDigest
from okrkit.report._html_kit import (
    DASH,
    Formats,
    badge,
    contents,
    empty,
    esc,
    nothing_this_week,
    report_title,
    section,
    table,
)

__all__ = ["digest_page", "named"]


def named(title: str, ident: str) -> str:
    """A title cell's content: the title, then the id in small type."""
    return f'{esc(title)} <span class="id">{esc(ident)}</span>'


def _moved(digest: WeeklyDigest, formats: Formats) -> str:
    rows = (
        f'<tr><td class="title">{named(m.title, m.id)}</td>'
        f'<td class="num">{esc(formats.value(m.metric, m.before))} → '
        f"<b>{esc(formats.value(m.metric, m.after))}</b></td>"
        f'<td class="num">{esc(formats.pct(m.score_before))} → '
        f"<b>{esc(formats.pct(m.score_after))}</b></td>"
        f'<td class="num">{esc(formats.signed(m.score_after - m.score_before))}</td></tr>'
        for m in digest.moved
    )
    return table((_("Key result"), _("Before → after"), _("Score"), _("Change")), rows)


def _slipped(digest: WeeklyDigest, formats: Formats) -> str:
    del formats  # statuses only
    kinds = {True: _("objective"), False: _("key result")}
    rows = (
        f'<tr><td class="title">{named(s.title, s.id)}</td>'
        f"<td>{esc(kinds[s.is_objective])}</td>"
        f"<td>{badge(s.before.value, s.before.label)} → {badge(s.after.value, s.after.label)}"
        "</td></tr>"
        for s in digest.slipped
    )
    return table((_("Objective or key result"), _("Kind"), _("Status")), rows)


def _stale(digest: WeeklyDigest, formats: Formats) -> str:
    never = _("never")
    rows = (
        f'<tr><td class="title">{named(s.title, s.id)}</td>'
        f"<td>{esc(', '.join(s.owners)) or DASH}</td>"
        f'<td class="num">{esc(never if s.last_on is None else formats.day(s.last_on))}</td>'
        f'<td class="num">{esc(format_duration(s.days))}</td></tr>'
        for s in digest.stale
    )
    head = (_("Key result"), _("Owners"), _("Last check-in"), _("Without a check-in for"))
    return table(head, rows)


def _confidence(digest: WeeklyDigest, formats: Formats) -> str:
    rows = (
        f'<tr><td class="title">{named(c.title, c.id)}</td>'
        f'<td class="num">{esc(formats.confidence(c.before))} → '
        f"<b>{esc(formats.confidence(c.after))}</b></td></tr>"
        for c in digest.confidence_falls
    )
    return table((_("Key result"), _("Confidence")), rows)


def _forecasts(digest: WeeklyDigest, formats: Formats) -> str:
    rows = (
        f'<tr><td class="title">{named(f.title, f.id)}</td><td>{esc(f.ambition.label)}</td>'
        f'<td class="num"><span class="flag">{esc(formats.pct(f.forecast))}</span></td>'
        f'<td class="num">{esc(formats.pct(f.bar))}</td></tr>'
        for f in digest.forecast_misses
    )
    return table((_("Objective"), _("Ambition"), _("Forecast"), _("Bar")), rows)


def _blocked(digest: WeeklyDigest, formats: Formats) -> str:
    del formats  # statuses and text only
    rows = (
        f'<tr><td class="title">{named(b.dependent_title, b.dependent)}</td>'
        f'<td class="title">{named(b.on_title, b.on)}</td>'
        f"<td>{badge(b.status.value, b.status.label)}</td>"
        f"<td>{esc(b.note) if b.note.strip() else DASH}</td></tr>"
        for b in digest.blocked
    )
    return table((_("Depends"), _("On"), _("Status"), _("Note")), rows)


def _lever(lever: Lever, formats: Formats) -> str:
    rows = (
        f'<tr><td class="title">{named(title, ident)}</td>'
        f'<td class="num">{esc(formats.signed(gain))}</td></tr>'
        for ident, title, gain in lever.key_results
    )
    body = (
        table((_("Key result"), _("Gain if it reaches its target")), rows)
        if lever.key_results
        else empty(_("No key result would lift this objective further."))
    )
    return f'<div class="lever"><h3>{named(lever.title, lever.id)}</h3>{body}</div>'


def _levers(digest: WeeklyDigest, formats: Formats) -> str:
    return "".join(_lever(lever, formats) for lever in digest.levers)


_Render = Callable[[WeeklyDigest, Formats], str]
_SECTIONS: tuple[tuple[str, _Render], ...] = (
    ("moved", _moved),
    ("slipped", _slipped),
    ("stale", _stale),
    ("confidence_falls", _confidence),
    ("forecast_misses", _forecasts),
    ("blocked", _blocked),
    ("levers", _levers),
)


def _heading(name: str, digest: WeeklyDigest) -> str:
    """A section's heading, in the active locale (the text digest's words)."""
    if name == "stale":
        return ngettext(
            "No check-in for more than {n} day",
            "No check-in for more than {n} days",
            digest.stale_days,
        ).format(n=digest.stale_days)
    headings = {
        "moved": _("What moved"),
        "slipped": _("What slipped to at risk or off track"),
        "confidence_falls": _("Falling confidence"),
        "forecast_misses": _("Forecasts that miss their bar"),
        "blocked": _("Dependencies blocked by an at-risk key result"),
        "levers": _("The key results that would lift each company objective most"),
    }
    return headings[name]


def digest_page(digest: WeeklyDigest, formats: Formats) -> tuple[str, str, str]:
    """The digest's title, its subtitle, and the body of its page."""
    subtitle = _("The week from {since} to {as_of}").format(
        since=formats.day(digest.since), as_of=formats.day(digest.as_of)
    )
    items = []
    sections = []
    for name, render in _SECTIONS:
        heading = _heading(name, digest)
        count = len(getattr(digest, name))
        items.append(
            f'<li><a href="#{name}">{esc(heading)}</a> '
            f'<span class="count">{esc(formats.number(count))}</span></li>'
        )
        body = render(digest, formats) if count else nothing_this_week()
        sections.append(section(heading, body, count=count, css=name, ident=name))
    title = report_title(_("Weekly OKR digest"), digest.cycles)
    return title, subtitle, contents(items) + "".join(sections)
