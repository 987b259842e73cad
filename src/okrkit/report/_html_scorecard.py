"""The scorecard as HTML: team donuts, then a card for each objective.

A donut of key results by status for each team comes first; then each objective, in
alignment order, as a card: its figures, a progress bar, a burn-up chart, and the
table of its key results.
"""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.i18n import _, ngettext
from okrkit.model import Level, Status
from okrkit.report._data import ForecastLine, KeyResultLine, ObjectiveLine, ScorecardReport, Trend
from okrkit.report._html_kit import (
    DASH,
    STATUS_COLOURS,
    Formats,
    badge,
    contents,
    empty,
    esc,
    report_title,
    section,
    table,
)
from okrkit.report._scorecard import bar_of
from okrkit.report._svg import burnup_chart, burnup_legend, donut, progress_bar

__all__ = ["MAX_BURNUP_CHARTS", "scorecard_page"]

MAX_BURNUP_CHARTS = 500
"""The most burn-up charts one scorecard page draws, the highest objectives first.

A chart is about a kilobyte of SVG; past a few hundred a page is slow to open on a
phone, and no one reads them all. Beyond the limit, objectives (the deepest in the
alignment first, then the last in the page) keep their figures and progress bar and
go without a chart.
"""

_UNITS = (Level.DEPARTMENT, Level.TEAM)
_ARROWS = {Trend.RISING: "↑", Trend.STEADY: "→", Trend.FALLING: "↓"}


def _confidence(value: float | None, trend: Trend | None, formats: Formats) -> str:
    if value is None:
        return DASH
    shown = esc(formats.confidence(value))
    if trend is None:
        return shown
    return f'{shown} <span class="note">{_ARROWS[trend]} {esc(trend.label)}</span>'


def _score(score: float, line: KeyResultLine | ObjectiveLine, formats: Formats) -> str:
    return f"{esc(formats.pct(score))} {badge(line.band.value, line.band.label, 'b')}"


def _forecast(forecast: ForecastLine | None, formats: Formats) -> str:
    if forecast is None:
        return DASH
    by = _("by {day}").format(day=formats.day(forecast.on))
    band = badge(forecast.band.value, forecast.band.label, "b")
    return f'{esc(formats.pct(forecast.score))} {band} <span class="note">{esc(by)}</span>'


def _figure(label: str, value: str) -> str:
    return f'<li><span class="k">{esc(label)}</span>{value}</li>'


def _progress(line: KeyResultLine, formats: Formats) -> str:
    """Start -> latest -> target by the metric's unit, the latest in bold, its day below."""
    metric = line.metric
    if metric.kind == "milestone":
        start, target = formats.value(metric, 0.0), formats.value(metric, 1.0)
    else:
        start, target = formats.value(metric, line.start), formats.value(metric, line.target)
    if line.latest is None or line.latest_on is None:
        latest = esc(_("no check-in yet"))
    else:
        latest = (
            f"<b>{esc(formats.value(metric, line.latest))}</b>"
            f' <span class="note">({esc(formats.day(line.latest_on))})</span>'
        )
    return f"{esc(start)} → {latest} → {esc(target)}"


def _key_result_row(line: KeyResultLine, formats: Formats) -> str:
    grade = ""
    if line.final_grade is not None:
        text = _("final grade {grade}").format(grade=formats.grade(line.final_grade))
        reason = f": {esc(line.reason)}" if line.reason else ""
        grade = f'<p class="note">{esc(text)}{reason}</p>'
    forecast = _forecast(line.forecast, formats)
    if line.forecast is not None and line.forecast.value is not None:
        projected = formats.projected(line.metric, line.forecast.value)
        forecast = f"{esc(projected)} → {forecast}"
    return (
        f'<tr><td class="title">{esc(line.title)} <span class="id">{esc(line.id)}</span>{grade}'
        f"</td><td>{esc(', '.join(line.owners)) or DASH}</td>"
        f'<td class="values">{_progress(line, formats)}</td>'
        f'<td class="num">{_score(line.score, line, formats)}'
        f"{progress_bar(line.score, line.expected, line.status.value, formats)}</td>"
        f"<td>{badge(line.status.value, line.status.label)}</td>"
        f'<td class="num">{esc(formats.pct(line.expected))}</td>'
        f'<td class="num">{_confidence(line.confidence, line.trend, formats)}</td>'
        f'<td class="num">{forecast}</td></tr>'
    )


def _key_result_table(lines: tuple[KeyResultLine, ...], formats: Formats) -> str:
    if not lines:
        return empty(_("No key results."))
    head = (
        _("Key result"),
        _("Owners"),
        _("Start → latest → target"),
        _("Score"),
        _("Status"),
        _("Expected pace"),
        _("Confidence"),
        _("Forecast"),
    )
    return table(head, (_key_result_row(line, formats) for line in lines), "key-results")


def _meta(line: ObjectiveLine, anchors: dict[str, tuple[int, str]], cycles: int) -> str:
    """Who and where: id, level, ambition, owner, cycle (when several), what it aligns to."""
    owner, cycle, aligned = _("Owner"), _("Cycle"), _("Aligned to")
    meta = [
        f'<span class="id">{esc(line.id)}</span>',
        esc(line.level.label),
        esc(line.ambition.label),
        f"{esc(owner)}: {esc(line.owner)}",
    ]
    if cycles > 1:
        meta.append(f"{esc(cycle)}: {esc(line.cycle)}")
    if line.parent is not None:
        number, title = anchors.get(line.parent, (-1, line.parent))
        target = esc(title) if number < 0 else f'<a href="#o-{number}">{esc(title)}</a>'
        meta.append(f"{esc(aligned)}: {target}")
    return " · ".join(meta)


def _objective_card(
    index: int,
    line: ObjectiveLine,
    *,
    report: ScorecardReport,
    anchors: dict[str, tuple[int, str]],
    formats: Formats,
    chart: bool,
) -> str:
    forecast = _forecast(line.forecast, formats)
    if line.forecast is not None and line.forecast.misses:
        short = _("short of {bar}").format(bar=formats.pct(bar_of(line.ambition)))
        forecast += f' <span class="flag">{esc(short)}</span>'
    figures = "".join(
        (
            _figure(_("Score"), f'<span class="v">{_score(line.score, line, formats)}</span>'),
            _figure(_("Status"), badge(line.status.value, line.status.label)),
            _figure(
                _("Expected pace"), f'<span class="v">{esc(formats.pct(line.expected))}</span>'
            ),
            _figure(_("Forecast"), forecast),
            _figure(_("Confidence"), _confidence(line.confidence, line.trend, formats)),
        )
    )
    drawn = ""
    points = report.burnup.get(line.id, ()) if chart else ()
    if points:
        period = report.periods.get(line.id)
        svg = burnup_chart(line.title, points, period, bar_of(line.ambition), formats)
        drawn = f'<div class="chart">{svg}{burnup_legend()}</div>'
    return (
        f'<article class="objective depth-{min(line.depth, 4)}" id="o-{index}">'
        f'<h3>{esc(line.title)}</h3><p class="meta">{_meta(line, anchors, len(report.cycles))}'
        f'</p><div class="summary"><div class="figures-box"><ul class="figures">{figures}</ul>'
        f"{progress_bar(line.score, line.expected, line.status.value, formats)}</div>"
        f"{drawn}</div>{_key_result_table(line.key_results, formats)}</article>"
    )


def team_donuts(report: ScorecardReport, formats: Formats) -> str:
    """One donut per team: the key results of its objectives, by status.

    Teams are the owners of department and team objectives; a set without any (only
    company or individual objectives) gets a donut per owner instead.
    """
    names: dict[str, str] = {}
    counts: dict[str, dict[Status, int]] = {}
    units = [line for line in report.objectives if line.level in _UNITS]
    for line in units or report.objectives:
        names.setdefault(line.owner_id, line.owner)
        mine = counts.setdefault(line.owner_id, {})
        for kr in line.key_results:
            mine[kr.status] = mine.get(kr.status, 0) + 1
    shown = [status for status in Status if any(status in c for c in counts.values())]
    figures = [
        "<li>"
        + donut(
            names[owner_id],
            [
                (status.value, status.label, mine.get(status, 0), STATUS_COLOURS[status.value])
                for status in shown
            ],
            formats,
        )
        + "</li>"
        for owner_id, mine in counts.items()
        if mine
    ]
    if not figures:
        return ""
    body = f'<ul class="donuts">{"".join(figures)}</ul>'
    return section(_("Key results by status, per team"), body, ident="teams")


def _charted(report: ScorecardReport) -> set[str]:
    """The objectives that get a burn-up chart: the highest in the alignment first."""
    if len(report.objectives) <= MAX_BURNUP_CHARTS:
        return {line.id for line in report.objectives}
    order = sorted(range(len(report.objectives)), key=lambda i: report.objectives[i].depth)
    return {report.objectives[i].id for i in order[:MAX_BURNUP_CHARTS]}


def _cards(report: ScorecardReport, formats: Formats) -> Iterator[str]:
    anchors = {line.id: (i, line.title) for i, line in enumerate(report.objectives)}
    charted = _charted(report)
    for index, line in enumerate(report.objectives):
        yield _objective_card(
            index,
            line,
            report=report,
            anchors=anchors,
            formats=formats,
            chart=line.id in charted,
        )


def scorecard_page(report: ScorecardReport, formats: Formats) -> tuple[str, str, str]:
    """The scorecard's title, its subtitle, and the body of its page."""
    key_results = sum(len(line.key_results) for line in report.objectives)
    subtitle = " · ".join(
        (
            _("As of {day}").format(day=formats.day(report.as_of)),
            ngettext("{n} objective", "{n} objectives", len(report.objectives)).format(
                n=formats.number(len(report.objectives))
            ),
            ngettext("{n} key result", "{n} key results", key_results).format(
                n=formats.number(key_results)
            ),
        )
    )
    roots = [
        f'<li><a href="#o-{i}">{esc(line.title)}</a> '
        f"{esc(formats.pct(line.score))} {badge(line.status.value, line.status.label)}</li>"
        for i, line in enumerate(report.objectives)
        if line.depth == 0
    ]
    nav = contents(roots)
    cards = "".join(_cards(report, formats)) or empty(_("No objectives."))
    body = "".join(
        (
            nav if roots else "",
            team_donuts(report, formats),
            section(_("Objectives"), cards, count=len(report.objectives), ident="objectives"),
        )
    )
    return report_title(_("OKR scorecard"), report.cycles), subtitle, body
