"""The pieces every HTML report is made of: escaping, cached formats, badges, tables.

Every piece of user text (titles, names, notes, reasons, ids, cycle names) passes
through :func:`esc` on its way into the page, in element content, attribute values and
SVG ``<title>``/``<text>`` alike. Every number and date passes through okrkit.i18n's
formatters; :class:`Formats` keeps what it formatted, so that a report of 20,000
objectives asks babel for "67.8%" once, not once for each key result at that score.
"""

from __future__ import annotations

import datetime as dt
import decimal
import html
import math
import re
from collections.abc import Iterable
from typing import Any

from okrkit.i18n import (
    _,
    format_day,
    format_number,
    format_percent,
    format_value,
)
from okrkit.model import Metric
from okrkit.report._words import signed_points

__all__ = [
    "BAND_COLOURS",
    "DASH",
    "STATUS_COLOURS",
    "Formats",
    "badge",
    "contents",
    "empty",
    "esc",
    "nothing_this_week",
    "report_title",
    "section",
    "table",
]

# The Okabe-Ito palette, which people with any common colour-vision deficiency tell
# apart; every colour in a report also comes with its text label.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"

STATUS_COLOURS = {
    "not_started": GREY,
    "on_track": BLUISH_GREEN,
    "at_risk": ORANGE,
    "off_track": VERMILLION,
    "done": BLUE,
    "achieved": BLUE,
    "missed": REDDISH_PURPLE,
}
"""The colour of each status, by its code."""

DASH = "—"
"""Shown where there is no value, as in the text reports."""

BAND_COLOURS = {"off_track": VERMILLION, "progress": YELLOW, "delivered": BLUISH_GREEN}
"""The colour of each grade band, by its code."""

_STEPS = {places: decimal.Decimal(1).scaleb(-places) for places in range(4)}
"""The quantum of a percentage rounded to 0, 1, 2 or 3 decimals."""

# Removed from user text: C0 and C1 controls (a tab or line break becomes a space
# first), and the characters that reorder text for display (bidi overrides, isolates).
_BREAK = re.compile("\r\n|[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)


def esc(text: object) -> str:
    r"""``text`` as HTML text: escaped, on one line, without control characters.

    Safe in element content and in a double- or single-quoted attribute value, in
    HTML and in inline SVG alike.

    Examples:
        >>> esc('<script>alert("1")</script>\r\nnext')
        '&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; next'
    """
    value = str(text)
    if _UNSAFE.search(value):
        value = _CONTROL.sub("", _BREAK.sub(" ", value))
        value = _SURROGATE.sub("\ufffd", value)
    return html.escape(value, quote=True)


class Formats:
    """Numbers and dates for one page, formatted by okrkit.i18n and kept for reuse.

    The same forms as the text and Markdown reports: scores and paces as whole
    percentages, changes with their sign and one decimal, grades on the 0.0-1.0 scale
    with two decimals, values by their metric's unit. Call it inside the locale the
    page is written in; each instance serves one page.
    """

    def __init__(self) -> None:
        self._percents: dict[tuple[decimal.Decimal, int], str] = {}
        self._exact: dict[tuple[float, int], str] = {}
        self._values: dict[tuple[Any, ...], str] = {}
        self._days: dict[dt.date, str] = {}
        self._numbers: dict[float, str] = {}

    def pct(self, fraction: float, decimals: int = 0) -> str:
        """``fraction`` as a percentage: ``0.678`` is "68%" (``decimals`` at most).

        The same text as :func:`~okrkit.i18n.format_percent`, which rounds the exact
        decimal of the float half to even; the percentage rounded that way is the key.
        """
        exact = self._exact.get((fraction, decimals))
        if exact is not None:
            return exact
        if not math.isfinite(fraction):
            return format_percent(fraction)
        rounded = (decimal.Decimal(repr(float(fraction))) * 100).quantize(
            _STEPS[decimals], rounding=decimal.ROUND_HALF_EVEN
        )
        key = (rounded, decimals)
        found = self._percents.get(key)
        if found is None:
            found = self._percents[key] = format_percent(float(rounded) / 100, decimals=decimals)
        self._exact[fraction, decimals] = found
        return found

    def signed(self, fraction: float) -> str:
        """A change of score in percentage points with its sign: "+12.5 pts", "0 pts"."""
        return signed_points(fraction, lambda points: self.number(points, 1))

    def number(self, value: float, digits: int = 2) -> str:
        """``value`` rounded to ``digits`` decimals, in the locale's digits."""
        key = round(value, digits)
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = format_number(key)
        return found

    def grade(self, value: float) -> str:
        """A grade on the 0.0-1.0 scale, to two decimals: "0,68" in Vietnamese."""
        return self.number(value, 2)

    def value(self, metric: Metric, value: float | None) -> str:
        """A key result's value by its metric's unit; a dash for none."""
        if value is None:
            return DASH
        key = (metric.kind, metric.unit, metric.currency, metric.scale, value)
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = format_value(metric, value)
        return found

    def projected(self, metric: Metric, value: float) -> str:
        """A projected value, rounded as the text reports round it (1 decimal below 100)."""
        return self.value(metric, round(value, 1 if abs(value) < 100 else 0))

    def day(self, value: dt.date | None) -> str:
        """A date as business prose writes it (``20/3/2026`` in Vietnamese)."""
        if value is None:
            return DASH
        found = self._days.get(value)
        if found is None:
            found = self._days[value] = format_day(value)
        return found

    def confidence(self, value: float) -> str:
        """A confidence out of five, one decimal at most: "3,6/5"."""
        return _("{confidence}/5").format(confidence=self.number(value, 1))


def badge(code: str, label: str, kind: str = "s") -> str:
    """A coloured label: its text says what the colour says (``kind`` s: status, b: band)."""
    return f'<span class="badge {kind}-{code}">{esc(label)}</span>'


def table(head: Iterable[str], rows: Iterable[str], css: str = "") -> str:
    """A table in a wrapper that scrolls sideways on a narrow screen.

    ``head`` holds the column labels (escaped here); ``rows`` are ``<tr>`` elements
    made by the caller, their text escaped already.
    """
    heads = "".join(f'<th scope="col">{esc(label)}</th>' for label in head)
    return (
        f'<div class="scroll"><table class="{css}"><thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def empty(text: str) -> str:
    """A paragraph that says a section has nothing in it."""
    return f'<p class="empty">{esc(text)}</p>'


def section(
    title: str,
    body: str,
    *,
    count: int | None = None,
    css: str = "",
    ident: str | None = None,
) -> str:
    """A section of the page: a heading (with a count when given) over its body.

    ``css`` (a class) and ``ident`` (an anchor) are okrkit's own names, never user text.
    """
    counted = "" if count is None else f' <span class="count">{esc(format_number(count))}</span>'
    anchor = "" if ident is None else f' id="{ident}"'
    return f'<section class="{css}"{anchor}><h2>{esc(title)}{counted}</h2>{body}</section>'


def nothing_this_week() -> str:
    """The line a digest section shows when it has nothing."""
    return empty(_("Nothing this week."))


def report_title(kind: str, cycles: tuple[str, ...]) -> str:
    """A report's title, as the text reports write it: its kind, then its cycles."""
    return f"{kind}: {', '.join(cycles)}" if cycles else kind


def contents(items: list[str]) -> str:
    """A page's contents: ``<li>`` items (made by the caller) in a labelled ``<nav>``."""
    label = _("Contents")
    return f'<nav aria-label="{esc(label)}"><ul>{"".join(items)}</ul></nav>'
