"""Charts for notebooks: a key result's progress, an objective's burn-up.

Each function returns a :class:`matplotlib.figure.Figure` drawn on the Agg canvas,
never through pyplot, so nothing touches matplotlib's global state and a script,
a server or a notebook can make as many figures as it likes. In Jupyter a figure
shows itself; elsewhere save it with ``figure.savefig("chart.png")``.

matplotlib is the optional ``plot`` extra, imported when a chart is drawn. Titles,
axis labels, legends, dates and numbers are in the active locale (the one active when
the chart is made). The user's own text (titles) is escaped for matplotlib's mathtext,
so a ``$`` in a title stays a dollar sign.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from typing import Any

from okrkit.errors import import_extra
from okrkit.i18n import _, format_day, format_percent, format_value, get_locale
from okrkit.model import Ambition, KeyResult, MetricKind, Objective, OKRSet, as_date
from okrkit.report._burnup import burnup_points, burnup_table, scored_entity

__all__ = ["plot_burnup", "plot_progress"]

_SIZE = (8.0, 4.5)
_LEGEND_WIDTH = 48


def _text(text: str, width: int | None = None) -> str:
    """The user's ``text`` as matplotlib shows it literally, cut to ``width`` if given."""
    if width is not None and len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    text = text.replace("$", r"\$")
    # matplotlib leaves a legend entry out when its label starts with "_".
    return " " + text if text.startswith("_") else text


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.canvas.print_figure(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _show_in_ipython(figure_class: type) -> None:
    """In IPython or Jupyter, let a figure show itself as a PNG when it is a cell's value.

    pyplot's inline backend does this for its own figures, and only once pyplot is
    imported; these figures never go through pyplot. A shell that already shows
    figures its own way is left as it is.
    """
    ipython = sys.modules.get("IPython")
    shell = getattr(ipython, "get_ipython", lambda: None)()
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", {})
    png = formatters.get("image/png")
    if png is None:
        return
    try:
        png.lookup_by_type(figure_class)
    except KeyError:
        png.for_type(figure_class, _png)


def _figure() -> tuple[Any, Any]:
    """A new figure on an Agg canvas, and its one axes."""
    figure_module: Any = import_extra("matplotlib.figure", "plot")
    agg: Any = import_extra("matplotlib.backends.backend_agg", "plot")
    _show_in_ipython(figure_module.Figure)
    figure = figure_module.Figure(figsize=_SIZE, layout="constrained")
    agg.FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _dates_axis(axes: Any, locale: str) -> None:
    """Dates along the x axis, each written as the locale writes a day."""
    dates: Any = import_extra("matplotlib.dates", "plot")
    ticker: Any = import_extra("matplotlib.ticker", "plot")
    axes.xaxis.set_major_locator(dates.AutoDateLocator(minticks=3, maxticks=7))
    axes.xaxis.set_major_formatter(
        ticker.FuncFormatter(lambda x, _pos: format_day(dates.num2date(x).date(), locale=locale))
    )
    axes.set_xlabel(_("Date"))


def _values_axis(axes: Any, write: Callable[[float], str]) -> None:
    ticker: Any = import_extra("matplotlib.ticker", "plot")
    axes.yaxis.set_major_formatter(ticker.FuncFormatter(lambda y, _pos: write(y)))


def _finish(figure: Any, axes: Any, title: str) -> Any:
    axes.set_title(_text(title, 90))
    axes.grid(visible=True, alpha=0.3)
    axes.legend(loc="best", fontsize="small")
    return figure


def _as_of(value: Any) -> dt.date:
    return dt.date.today() if value is None else as_date(value)


def _pace(okrs: OKRSet, kr: KeyResult) -> list[tuple[dt.date, float]]:
    """The line a key result is expected to follow: start to target over its period.

    Through its planned values when it has a plan; empty when it has no start (a
    milestone, a level to hold).
    """
    metric = kr.metric
    start, target = metric.start, metric.target
    if metric.kind not in (MetricKind.INCREASE, MetricKind.DECREASE):
        return []
    if start is None or target is None:  # pragma: no cover - the model requires both
        return []
    cycle = okrs.cycle(okrs.objective_of(kr.id).cycle)
    finish = kr.due or cycle.end
    points = [(cycle.start, start), *sorted((step.on, step.value) for step in kr.plan)]
    if points[-1][0] < finish:
        points.append((finish, target))
    return points


def _key_result_chart(okrs: OKRSet, kr: KeyResult, as_of: dt.date) -> Any:
    locale = get_locale()
    metric = kr.metric
    figure, axes = _figure()
    checkins = [c for c in okrs.checkins_for(kr.id) if c.on <= as_of]
    axes.plot(
        [c.on for c in checkins],
        [c.value for c in checkins],
        marker="o",
        label=_("Check-ins"),
    )
    pace = _pace(okrs, kr)
    if pace:
        axes.plot(
            [day for day, _v in pace],
            [value for _d, value in pace],
            linestyle="--",
            color="grey",
            label=_("Expected pace"),
        )
    if metric.start is not None:
        axes.axhline(metric.start, linestyle=":", color="tab:orange", label=_("Start"))
    target = 1.0 if metric.is_milestone else metric.target
    if target is not None:
        axes.axhline(target, linestyle="-.", color="tab:green", label=_("Target"))
    if metric.is_milestone:
        axes.set_yticks([0.0, 1.0])
    _dates_axis(axes, locale)
    _values_axis(axes, lambda y: format_value(metric, y, locale=locale))
    axes.set_ylabel(metric.currency or metric.unit.label)
    return _finish(figure, axes, kr.title)


def _objective_chart(okrs: OKRSet, objective: Objective, as_of: dt.date) -> Any:
    locale = get_locale()
    figure, axes = _figure()
    table = burnup_table(okrs, [kr.id for kr in objective.key_results], as_of=as_of)
    for kr in objective.key_results:
        points = table[kr.id]
        axes.plot(
            [day for day, _v in points],
            [value for _d, value in points],
            marker=".",
            label=_text(kr.title, _LEGEND_WIDTH),
        )
    _pace_line(axes, okrs.cycle(objective.cycle), _bar(objective.ambition)[0])
    _dates_axis(axes, locale)
    _values_axis(axes, lambda y: format_percent(y, locale=locale))
    axes.set_ylabel(_("Progress"))
    return _finish(figure, axes, objective.title)


def _pace_line(axes: Any, cycle: Any, bar: float) -> None:
    """The expected pace of a score: 0 at the cycle's start, ``bar`` at its end.

    ``bar`` is what the objective's ambition asks (1.0 committed, 0.7 aspirational),
    the pace the scorecard's expected progress follows.
    """
    axes.plot(
        [cycle.start, cycle.end],
        [0.0, bar],
        linestyle="--",
        color="grey",
        label=_("Expected pace"),
    )


def plot_progress(okrs: OKRSet, key_result_or_objective_id: str, *, as_of: Any = None) -> Any:
    """A chart of a key result's values, or of an objective's key results' progress.

    For a key result: its check-ins up to ``as_of`` against its start, its target and
    the expected pace (from the start on the cycle's first day to the target on its
    due date or the cycle's end, through any planned values). For an objective: the
    score of each of its key results at weekly points (see
    :func:`~okrkit.report.burnup_table`) against the expected pace from 0 to what the
    objective's ambition asks (100% committed, 70% aspirational).

    Args:
        okrs: The OKR set.
        key_result_or_objective_id: The key result's or objective's id.
        as_of: The last day drawn (a ``date`` or ISO text); today by default.

    Returns:
        A :class:`matplotlib.figure.Figure`.

    Raises:
        UnknownIdError: when the set has no such key result or objective.
        MissingExtraError: when matplotlib is not installed (the ``plot`` extra).

    Examples:
        >>> import okrkit
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> figure = plot_progress(okrs, "kr-velocity", as_of="2026-03-20")
        >>> [line.get_label() for line in figure.axes[0].get_lines()]
        ['Check-ins', 'Expected pace', 'Start', 'Target']
    """
    day = _as_of(as_of)
    entity = scored_entity(okrs, key_result_or_objective_id)
    if isinstance(entity, KeyResult):
        return _key_result_chart(okrs, entity, day)
    return _objective_chart(okrs, entity, day)


def plot_burnup(okrs: OKRSet, objective_id: str, *, as_of: Any = None) -> Any:
    """An objective's burn-up: its score each week of the cycle, against the pace.

    Draws :func:`~okrkit.report.burnup_points` (the score at the cycle's start, every
    week after it and on ``as_of``), the expected pace from 0 at the cycle's start to
    100% at its end, and the bar the objective is judged against: 100% for a
    committed objective, 70% for an aspirational one.

    Args:
        okrs: The OKR set.
        objective_id: The objective's id.
        as_of: The last day drawn (a ``date`` or ISO text); today by default.

    Returns:
        A :class:`matplotlib.figure.Figure`.

    Raises:
        UnknownIdError: when the set has no objective ``objective_id``.
        MissingExtraError: when matplotlib is not installed (the ``plot`` extra).

    Examples:
        >>> import okrkit
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> figure = plot_burnup(okrs, "obj-co-growth", as_of="2026-03-20")
        >>> [line.get_label() for line in figure.axes[0].get_lines()]
        ['Score', 'Expected pace', 'Aspirational target (70%)']
    """
    day = _as_of(as_of)
    objective = okrs.objective(objective_id)
    points = burnup_points(okrs, objective_id, as_of=day)
    locale = get_locale()
    figure, axes = _figure()
    axes.plot(
        [when for when, _v in points],
        [value for _d, value in points],
        marker="o",
        label=_("Score"),
    )
    bar, label = _bar(objective.ambition)
    _pace_line(axes, okrs.cycle(objective.cycle), bar)
    axes.axhline(bar, linestyle="-.", color="tab:green", label=label)
    axes.set_ylim(-0.02, 1.05)
    _dates_axis(axes, locale)
    _values_axis(axes, lambda y: format_percent(y, locale=locale))
    axes.set_ylabel(_("Score"))
    return _finish(figure, axes, objective.title)


def _bar(ambition: Ambition) -> tuple[float, str]:
    """Where the target line of a burn-up goes, and its label."""
    if ambition is Ambition.ASPIRATIONAL:
        label = _("Aspirational target ({share})").format(share=format_percent(0.7))
        return 0.7, label
    return 1.0, _("Committed target ({share})").format(share=format_percent(1.0))
