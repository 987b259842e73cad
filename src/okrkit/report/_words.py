"""The words and numbers every text report shares, in the active locale.

Scores and paces are shown as whole percentages (``68%``), grades on source 003's
0.0-1.0 scale with two decimals (``0,68``), confidences out of five (``3,6/5``), dates
as business prose writes them (``20/3/2026`` in Vietnamese), and a key result's values
by its metric's unit. Statuses and bands carry a tone for renderers with colour; the
word itself is always shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from okrkit.i18n import _, format_day, format_number, format_percent, format_value
from okrkit.model import Metric, Status
from okrkit.report._blocks import Line, Span, join, plain, user
from okrkit.report._data import Band, ForecastLine, KeyResultLine, Trend

__all__ = [
    "ARROW",
    "DASH",
    "band",
    "confidence",
    "day",
    "forecast",
    "grade",
    "names",
    "percent",
    "progress",
    "score_with_band",
    "signed_percent",
    "signed_points",
    "status",
    "value",
]

ARROW = " → "
"""Between a value before and after, or a start, the latest value and a target."""

DASH = "—"
"""Shown where there is no value."""

_STATUS_TONES = {
    Status.ON_TRACK: "good",
    Status.DONE: "good",
    Status.ACHIEVED: "good",
    Status.AT_RISK: "warn",
    Status.OFF_TRACK: "bad",
    Status.MISSED: "bad",
    Status.NOT_STARTED: "muted",
}
_BAND_TONES = {Band.DELIVERED: "good", Band.PROGRESS: "warn", Band.OFF_TRACK: "bad"}


def percent(fraction: float) -> str:
    """A score or pace as a whole percentage: ``0.678`` is ``68%``."""
    return format_percent(fraction, decimals=0)


def signed_percent(fraction: float) -> str:
    """A change of score in percentage points, with its sign: ``+12.5 pts``, ``-5 pts``.

    A score that goes from 50% to 75% gained 25 points, not 25% (that would be 50%
    of 50%): the sources' own confusion, which the reports do not repeat.
    """
    return signed_points(fraction, format_number)


def signed_points(fraction: float, number: Callable[[float], str]) -> str:
    """``fraction`` (a change of a 0-1 score) as signed points, ``number`` formatting."""
    points = round(fraction * 100, 1)
    shown = _("{points} pts").format(points=number(abs(points)))
    if points > 0:
        return "+" + shown
    return "-" + shown if points < 0 else shown


def grade(value: float) -> str:
    """A grade on the 0.0-1.0 scale, to two decimals: ``0,68`` in Vietnamese."""
    return format_number(round(value, 2))


def day(value: dt.date) -> str:
    """A date as business prose writes it: ``20/3/2026`` in Vietnamese."""
    return format_day(value)


def value(metric: Metric, number: float | None) -> str:
    """A key result's value, by its metric's unit; a dash when there is none."""
    return DASH if number is None else format_value(metric, number)


def status(of: Status) -> Line:
    """A status's word, with its tone."""
    return plain(of.label, tone=_STATUS_TONES.get(of))


def band(of: Band) -> Line:
    """A band's word, with its tone."""
    return plain(of.label, tone=_BAND_TONES[of])


def names(of: Iterable[str]) -> Line:
    """People's or teams' names, comma separated; a dash when there are none."""
    shown = [user(name) for name in of]
    return join(shown) if shown else plain(DASH)


def confidence(level: float | None, trend: Trend | None = None) -> Line:
    """A confidence out of five, one decimal at most, with its trend when known."""
    if level is None:
        return plain(DASH)
    shown = _("{confidence}/5").format(confidence=format_number(round(level, 1)))
    if trend is None:
        return plain(shown)
    tone = {Trend.FALLING: "bad", Trend.RISING: "good"}.get(trend)
    return (Span(shown + " ("), Span(trend.label, tone=tone), Span(")"))


def score_with_band(score: float, of: Band) -> Line:
    """A score as a percentage, with its band in brackets."""
    return (Span(percent(score) + " ("), *band(of), Span(")"))


def forecast(line: ForecastLine | None, metric: Metric | None = None) -> Line:
    """A forecast: the projected value (for a key result), the score and its band."""
    if line is None:
        return plain(DASH)
    shown = score_with_band(line.score, line.band)
    if metric is not None and line.value is not None:
        projected = round(line.value, 1 if abs(line.value) < 100 else 0)
        return (Span(value(metric, projected) + ARROW), *shown)
    return shown


def progress(line: KeyResultLine) -> str:
    """Start -> latest (and its date) -> target, each by the metric's unit."""
    metric = line.metric
    if metric.kind == "milestone":
        start, target = value(metric, 0), value(metric, 1)
    else:
        start, target = value(metric, line.start), value(metric, line.target)
    if line.latest is None or line.latest_on is None:
        latest = _("no check-in yet")
    else:
        latest = _("{value} ({day})").format(
            value=value(metric, line.latest), day=day(line.latest_on)
        )
    return ARROW.join((start, latest, target))
