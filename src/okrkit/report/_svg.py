"""Inline charts for the HTML report: progress bars, burn-up charts, status donuts.

Each chart is text to put straight into the page: an inline ``<svg>`` (or, for a
progress bar, a few ``<span>`` elements), with no script, no external reference and
no font of its own. Every user string in a chart is escaped (its ``<title>`` and its
labels), every number and date formatted by okrkit.i18n through :class:`Formats`. The
colours come from the Okabe-Ito palette, and a chart never says anything by colour
alone: lines differ by dash too, and each colour has a labelled legend entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from okrkit.i18n import _
from okrkit.report._html_kit import BLUE, Formats, esc

__all__ = ["burnup_chart", "burnup_legend", "donut", "progress_bar"]

# The burn-up chart's box, in SVG user units (the svg scales to its container).
_WIDTH, _HEIGHT = 320, 150
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 10, 26


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def progress_bar(score: float, expected: float, status: str, formats: Formats) -> str:
    """A bar filled to ``score`` with a tick at the expected pace (``status`` colours it).

    The bar's accessible label says both numbers in words; the tick is a black line
    with a white edge, seen on any fill.
    """
    fill = f"{_clamp(score) * 100:.1f}"
    pace = f"{_clamp(expected) * 100:.1f}"
    label = _("score {score}, expected pace {expected}").format(
        score=formats.pct(score), expected=formats.pct(expected)
    )
    return (
        f'<div class="bar" role="img" aria-label="{esc(label)}" title="{esc(label)}">'
        f'<span class="fill s-{esc(status)}" style="width:{fill}%"></span>'
        f'<span class="pace" style="left:{pace}%"></span></div>'
    )


def _x(day: dt.date, start: dt.date, end: dt.date) -> float:
    span = max((end - start).days, 1)
    share = min(max((day - start).days / span, 0.0), 1.0)
    return _LEFT + share * (_WIDTH - _LEFT - _RIGHT)


def _y(value: float) -> float:
    return _TOP + (1.0 - _clamp(value)) * (_HEIGHT - _TOP - _BOTTOM)


def burnup_chart(
    title: str,
    points: Sequence[tuple[dt.date, float]],
    period: tuple[dt.date, dt.date] | None,
    bar: float,
    formats: Formats,
) -> str:
    """An objective's score week by week, against the expected pace over its cycle.

    Args:
        title: The objective's title (escaped here).
        points: ``(day, score)`` pairs, oldest first.
        period: The cycle's start and end; without it the chart spans the points and
            draws no pace line.
        bar: Where the pace line ends at the cycle's end: 1.0 for a committed
            objective, 0.7 for an aspirational one (okrkit's expected progress).
        formats: The page's formats.

    Returns:
        An ``<svg>`` element, or "" when there is no point to draw.
    """
    if not points:
        return ""
    start, end = period if period is not None else (points[0][0], points[-1][0])
    bottom = _HEIGHT - _BOTTOM
    grid = []
    for level in (0.0, 0.5, 1.0):
        y = f"{_y(level):.1f}"
        grid.append(
            f'<line x1="{_LEFT}" y1="{y}" x2="{_WIDTH - _RIGHT}" y2="{y}" class="grid"/>'
            f'<text x="{_LEFT - 4}" y="{y}" class="ylabel">{esc(formats.pct(level))}</text>'
        )
    line = " ".join(f"{_x(day, start, end):.1f},{_y(value):.1f}" for day, value in points)
    last_day, last_value = points[-1]
    pace = ""
    if period is not None:
        pace = (
            f'<line x1="{_LEFT}" y1="{_y(0):.1f}" x2="{_WIDTH - _RIGHT}" '
            f'y2="{_y(bar):.1f}" class="pace-line"/>'
        )
    name = _("Burn-up: {title}").format(title=title)
    return (
        f'<svg class="burnup" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img">'
        f"<title>{esc(name)}</title>{''.join(grid)}{pace}"
        f'<polyline points="{line}" class="score-line"/>'
        f'<circle cx="{_x(last_day, start, end):.1f}" cy="{_y(last_value):.1f}" r="3" '
        f'fill="{BLUE}"/>'
        f'<text x="{_LEFT}" y="{bottom + 16}" class="xlabel">{esc(formats.day(start))}</text>'
        f'<text x="{_WIDTH - _RIGHT}" y="{bottom + 16}" class="xlabel end">'
        f"{esc(formats.day(end))}</text></svg>"
    )


def burnup_legend() -> str:
    """The legend under burn-up charts: the score's solid line, the pace's dashed one."""
    score, pace = _("score"), _("expected pace")
    return (
        f'<p class="legend"><span class="key score-key"></span>{esc(score)}'
        f'<span class="key pace-key"></span>{esc(pace)}</p>'
    )


def donut(
    title: str,
    parts: Sequence[tuple[str, str, int, str]],
    formats: Formats,
) -> str:
    """A ring split by count, its total in the middle, and a legend with every count.

    Args:
        title: What it counts, for the chart's ``<title>`` and heading (escaped here).
        parts: ``(code, label, count, colour)`` of each part, in legend order; the
            legend leaves out the parts with a count of 0 (unless all are).
        formats: The page's formats.

    Returns:
        A ``<figure>`` with the ring and its legend.
    """
    total = sum(count for _code, _label, count, _colour in parts)
    rings = []
    offset = 0.0
    for code, _label, count, colour in parts:
        if not count or not total:
            continue
        share = 100.0 * count / total
        rings.append(
            f'<circle class="ring-{esc(code)}" cx="21" cy="21" r="15.9155" fill="none" '
            f'stroke="{colour}" stroke-width="6" stroke-dasharray="{share:.3f} '
            f'{100 - share:.3f}" stroke-dashoffset="{25 - offset:.3f}"/>'
        )
        offset += share
    legend = "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>'
        f"{esc(label)} <b>{esc(formats.number(count))}</b></li>"
        for _code, label, count, colour in parts
        if count or not total
    )
    return (
        f'<figure class="donut"><figcaption>{esc(title)}</figcaption>'
        f'<svg viewBox="0 0 42 42" role="img"><title>{esc(title)}</title>'
        '<circle cx="21" cy="21" r="15.9155" fill="none" stroke="#e6e6e6" stroke-width="6"/>'
        f"{''.join(rings)}"
        f'<text x="21" y="21" class="total">{esc(formats.number(total))}</text></svg>'
        f"<ul>{legend}</ul></figure>"
    )
