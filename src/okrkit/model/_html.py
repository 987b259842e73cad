"""Compact HTML tables of an OKR set, an objective and a key result, for Jupyter.

What ``_repr_html_`` returns: a short heading and one table of at most
:data:`MAX_ROWS` rows, then a line saying how many more there are. Every user string
(ids, titles, names) is escaped with :func:`html.escape`; every label is translated
and every number and date formatted in the active locale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from okrkit.i18n import _, format_day, format_number, format_value, ngettext
from okrkit.model._objective import KeyResult, Objective

if TYPE_CHECKING:
    from okrkit.model._okrset import OKRSet

__all__ = [
    "MAX_ROWS",
    "code",
    "heading",
    "key_result_html",
    "more",
    "named",
    "objective_html",
    "okrset_html",
    "table",
]

MAX_ROWS = 50
"""The most rows a table shows; a line under it counts the rest."""

_STYLE = "border-collapse:collapse;text-align:left"


def code(ident: str) -> str:
    """An id, escaped, in ``<code>``."""
    return f"<code>{escape(ident)}</code>"


def named(ident: str, title: str) -> str:
    """An id and a title, both escaped, for one table cell."""
    return f"{code(ident)} {escape(title)}"


def heading(label: str, text: str = "") -> str:
    """A bold translated ``label``, then ``text`` (escaped), as a paragraph."""
    after = f" {escape(text)}" if text else ""
    return f"<p><strong>{escape(label)}</strong>{after}</p>"


def more(hidden: int) -> str:
    """The line under a table that stops at :data:`MAX_ROWS`; empty when none is hidden."""
    if hidden <= 0:
        return ""
    line = ngettext("and {count} more row", "and {count} more rows", hidden)
    return f"<p><em>{escape(line.format(count=format_number(hidden)))}</em></p>"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, total: int) -> str:
    """A table of ``headers`` (escaped here) over cells that are HTML already.

    Takes at most :data:`MAX_ROWS` of ``rows``; ``total`` is how many there are in all.
    """
    head = "".join(f"<th>{escape(label)}</th>" for label in headers)
    body = []
    for count, cells in enumerate(rows):
        if count == MAX_ROWS:
            break
        body.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return (
        f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{more(total - MAX_ROWS)}"
    )


def _wrap(*parts: str) -> str:
    return '<div class="okrkit">' + "".join(parts) + "</div>"


def okrset_html(okrs: OKRSet) -> str:
    """The set: a count of what it holds, then one row per objective."""
    owners = {owner.id: owner.name for owner in okrs.owners}
    cycles = {cycle.id: cycle.name for cycle in okrs.cycles}
    objectives = okrs.objectives
    counts = ", ".join(
        (
            ngettext("{count} objective", "{count} objectives", len(objectives)).format(
                count=format_number(len(objectives))
            ),
            ngettext("{count} key result", "{count} key results", len(okrs.key_results)).format(
                count=format_number(len(okrs.key_results))
            ),
            ngettext("{count} check-in", "{count} check-ins", len(okrs.checkins)).format(
                count=format_number(len(okrs.checkins))
            ),
        )
    )
    rows = (
        (
            named(o.id, o.title),
            escape(o.level.label),
            escape(owners.get(o.owner, o.owner)),
            escape(cycles.get(o.cycle, o.cycle)),
            escape(format_number(len(o.key_results))),
        )
        for o in objectives
    )
    headers = (_("Objective"), _("Level"), _("Owner"), _("Cycle"), _("Key results"))
    return _wrap(heading(_("OKR set:"), counts), table(headers, rows, total=len(objectives)))


def _number_or_dash(kr: KeyResult, value: float | None) -> str:
    return "–" if value is None else escape(format_value(kr.metric, value))


def objective_html(objective: Objective) -> str:
    """The objective's fields, then one row per key result."""
    facts = " · ".join(
        (
            code(objective.id),
            escape(objective.level.label),
            escape(objective.ambition.label),
            escape(_("owner {id}").format(id=objective.owner)),
            escape(_("cycle {id}").format(id=objective.cycle)),
        )
    )
    rows = (
        (
            named(kr.id, kr.title),
            escape(kr.metric.kind.label),
            _number_or_dash(kr, kr.metric.start),
            _number_or_dash(kr, kr.metric.target),
            escape(format_number(kr.weight)),
            "" if kr.due is None else escape(format_day(kr.due)),
        )
        for kr in objective.key_results
    )
    headers = (_("Key result"), _("Kind"), _("Start"), _("Target"), _("Weight"), _("Due"))
    return _wrap(
        heading(_("Objective:"), objective.title),
        f"<p>{facts}</p>",
        table(headers, rows, total=len(objective.key_results)),
    )


def key_result_html(kr: KeyResult) -> str:
    """The key result's fields, one a row."""
    metric = kr.metric
    facts: list[tuple[str, str]] = [
        (_("Id"), code(kr.id)),
        (_("Kind"), escape(metric.kind.label)),
        (_("Start"), _number_or_dash(kr, metric.start)),
        (_("Target"), _number_or_dash(kr, metric.target)),
    ]
    if metric.stretch is not None:
        facts.append((_("Stretch"), _number_or_dash(kr, metric.stretch)))
    facts += [
        (_("Unit"), escape(metric.unit.label if metric.currency is None else metric.currency)),
        (_("Owners"), ", ".join(code(owner) for owner in kr.owners) or "–"),
        (_("Weight"), escape(format_number(kr.weight))),
    ]
    if kr.due is not None:
        facts.append((_("Due"), escape(format_day(kr.due))))
    rows = ((f"<strong>{escape(label)}</strong>", cell) for label, cell in facts)
    head = f'<table style="{_STYLE}"><tbody>'
    body = "".join(f"<tr><td>{label}</td><td>{cell}</td></tr>" for label, cell in rows)
    return _wrap(heading(_("Key result:"), kr.title), head + body + "</tbody></table>")
