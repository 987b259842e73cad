"""Build the scorecard report: every objective in alignment order, scored on one date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from okrkit.errors import UsageError
from okrkit.i18n import _, held_locale
from okrkit.model import Ambition, KeyResult, Objective, OKRSet, Status
from okrkit.model._checks import as_date
from okrkit.report._burnup import WEEK, burnup_table
from okrkit.report._data import (
    Band,
    ForecastLine,
    KeyResultLine,
    ObjectiveLine,
    ScorecardReport,
    Trend,
)
from okrkit.scoring import Score, Scorecard

__all__ = [
    "alignment_order",
    "as_okrset",
    "bar_of",
    "build_scorecard",
    "forecast_line",
    "names_of",
    "objective_forecasts",
    "trend_of",
]


def as_okrset(source: Any, workspace: str = "default") -> OKRSet:
    """``source`` itself when it is an :class:`~okrkit.OKRSet`, else a store's set.

    Raises:
        UsageError: for anything else.
    """
    if isinstance(source, OKRSet):
        return source
    load = getattr(source, "load", None)
    if callable(load):
        loaded = load(workspace=workspace)
        if isinstance(loaded, OKRSet):
            return loaded
    raise UsageError(
        _("a report is built from an OKR set or a store, not {kind}").format(
            kind=type(source).__name__
        )
    )


def bar_of(ambition: Ambition) -> float:
    """What a grade is judged against: 1.0 committed, 0.7 aspirational (source 003)."""
    return 0.7 if ambition is Ambition.ASPIRATIONAL else 1.0


def names_of(okrs: OKRSet) -> dict[str, str]:
    """Each owner's name by id."""
    return {owner.id: owner.name for owner in okrs.owners}


def trend_of(before: float | None, after: float | None) -> Trend | None:
    """How a confidence moved from ``before`` to ``after``; ``None`` when one is missing."""
    if before is None or after is None:
        return None
    if after > before + 1e-9:
        return Trend.RISING
    if after < before - 1e-9:
        return Trend.FALLING
    return Trend.STEADY


def parent_objective(okrs: OKRSet, objective: Objective) -> str | None:
    """The objective ``objective`` is aligned to first, directly or through a key result."""
    for link in objective.aligned_to:
        entity = okrs.get(link.parent)
        if isinstance(entity, Objective):
            return entity.id
        if isinstance(entity, KeyResult):
            return okrs.objective_of(entity.id).id
    return None


def alignment_order(okrs: OKRSet) -> Iterator[tuple[Objective, str | None, int]]:
    """Each objective with its parent and depth: a root, then what is aligned below it.

    Roots come in the set's order, and so do the children of each objective; the walk
    keeps its own stack, so a deep alignment cannot exhaust Python's recursion.
    """
    parents = {o.id: parent_objective(okrs, o) for o in okrs.objectives}
    children: dict[str | None, list[Objective]] = {}
    for objective in okrs.objectives:
        children.setdefault(parents[objective.id], []).append(objective)
    stack = [(o, 0) for o in reversed(children.get(None, []))]
    seen: set[str] = set()
    while stack:
        objective, depth = stack.pop()
        if objective.id in seen:
            continue
        seen.add(objective.id)
        yield objective, parents[objective.id], depth
        stack.extend((child, depth + 1) for child in reversed(children.get(objective.id, [])))


def _key_result_line(kr: KeyResult, card: Scorecard, names: Mapping[str, str]) -> KeyResultLine:
    score = card[kr.id]
    series = card.log.series(kr.id)
    latest = latest_on = None
    confidences: list[int] = []
    if series is not None:
        upto = series.index_at(card.as_of.toordinal()) + 1
        if upto:
            latest = float(series.values[upto - 1])
            latest_on = dt.date.fromordinal(int(series.days[upto - 1]))
            confidences = [int(c) for c in series.confidences[:upto] if c]
    return KeyResultLine(
        id=kr.id,
        title=kr.title,
        owners=tuple(names.get(owner, owner) for owner in kr.owners),
        metric=kr.metric,
        start=kr.metric.start,
        latest=latest,
        latest_on=latest_on,
        target=kr.metric.target,
        score=score.value,
        band=Band.of(score.value),
        status=score.status,
        expected=score.expected,
        confidence=confidences[-1] if confidences else None,
        trend=trend_of(*confidences[-2:]) if len(confidences) > 1 else None,
        forecast=forecast_line(card, kr, score),
        final_grade=None if kr.final_grade is None else kr.final_grade.value,
        reason=None if kr.final_grade is None else kr.final_grade.reason,
    )


_FINISHED = (Status.DONE, Status.ACHIEVED, Status.MISSED)


def _significant(value: float, digits: int = 3) -> float:
    """``value`` rounded to ``digits`` significant digits: a projection is no finer."""
    return float(f"{value:.{digits}g}")


def forecast_line(card: Scorecard, kr: KeyResult, score: Score) -> ForecastLine | None:
    """A key result's forecast as a report shows it.

    The least-squares projection of :meth:`~okrkit.scoring.Scorecard.forecast`, with
    what a reader knows better: a key result that is done, achieved or missed, or whose
    due date has passed, stays where it is (its latest value and score); a projection
    of a metric that cannot go below zero stops at zero; the value is rounded to three
    significant digits and its score, clamped to [0, 1], recomputed from it.
    """
    forecast = score.forecast
    if forecast is None:
        return None
    if score.status in _FINISHED or forecast.on <= card.as_of:
        latest = card.log.latest(kr.id, card.as_of)
        if latest is not None:
            return ForecastLine(
                score=score.value, band=Band.of(score.value), on=forecast.on, value=latest.value
            )
    value = forecast.value
    metric = kr.metric
    if (metric.start or 0) >= 0 and (metric.target or 0) >= 0:
        value = max(value, 0.0)
    value = _significant(value)
    projected = min(max(float(card.strategy.score(metric, value)), 0.0), 1.0)
    return ForecastLine(score=projected, band=Band.of(projected), on=forecast.on, value=value)


def objective_forecasts(
    card: Scorecard, forecasts: Mapping[str, ForecastLine], objectives: Iterable[Objective]
) -> dict[str, ForecastLine]:
    """Each objective's forecast: the roll-up of every key result's projected value.

    ``forecasts`` holds the forecast of every key result of the set that has one
    (:func:`forecast_line`); the set is scored once more as if each had reached its
    projected value (:meth:`~okrkit.scoring.Scorecard.what_if`), and an objective whose
    own key results have at least one forecast gets that score, projected to the latest
    of their days. It misses when it falls short of the ambition's bar (:func:`bar_of`).
    """
    projected = card.what_if({i: f.value for i, f in forecasts.items() if f.value is not None})
    found: dict[str, ForecastLine] = {}
    for objective in objectives:
        days = [forecasts[kr.id].on for kr in objective.key_results if kr.id in forecasts]
        if not days:
            continue
        value = projected.value(objective.id)
        found[objective.id] = ForecastLine(
            score=value,
            band=Band.of(value),
            on=max(days),
            misses=value + 1e-9 < bar_of(objective.ambition),
        )
    return found


@held_locale()
def build_scorecard(
    source: Any,
    *,
    as_of: Any = None,
    strategy: Any = "linear",
    workspace: str = "default",
    burnup: bool = True,
    **options: Any,
) -> ScorecardReport:
    """The scorecard of ``source`` as of a date: every objective over its key results.

    Args:
        source: An :class:`~okrkit.OKRSet`, or a store (anything with
            ``load(workspace=...)``, such as :class:`~okrkit.store.SQLiteStore`).
        as_of: The report's date (a ``date`` or ISO text); today by default.
        strategy: The scoring strategy, by name or object, as for
            :meth:`~okrkit.OKRSet.score`.
        workspace: The store's workspace, when ``source`` is a store.
        burnup: Whether to score each objective at weekly points for its burn-up
            chart (one re-score of the set per week; the HTML report draws it).
        **options: Passed on to the strategy.

    Returns:
        The report as data; render it with :func:`okrkit.report.render`.

    Examples:
        >>> import okrkit
        >>> from okrkit.report import build_scorecard
        >>> report = build_scorecard(okrkit.load("examples/acme.en.yaml"), as_of="2026-03-20")
        >>> report.objectives[0].level.value, report.objectives[0].depth
        ('company', 0)
    """
    okrs = as_okrset(source, workspace)
    day = dt.date.today() if as_of is None else as_date(as_of)
    card = okrs.score(as_of=day, strategy=strategy, **options)
    week_before = okrs.score(as_of=day - WEEK, strategy=strategy, **options)
    names = names_of(okrs)
    cycles = {cycle.id: cycle.name for cycle in okrs.cycles}
    lines = {
        kr.id: _key_result_line(kr, card, names) for o in okrs.objectives for kr in o.key_results
    }
    forecasts = {i: line.forecast for i, line in lines.items() if line.forecast is not None}
    projected = objective_forecasts(card, forecasts, okrs.objectives)
    objectives = []
    for objective, parent, depth in alignment_order(okrs):
        score = card[objective.id]
        own = tuple(lines[kr.id] for kr in objective.key_results)
        objectives.append(
            ObjectiveLine(
                id=objective.id,
                title=objective.title,
                level=objective.level,
                ambition=objective.ambition,
                owner=names.get(objective.owner, objective.owner),
                owner_id=objective.owner,
                cycle=cycles.get(objective.cycle, objective.cycle),
                parent=parent,
                depth=depth,
                score=score.value,
                band=Band.of(score.value),
                status=score.status,
                expected=score.expected,
                confidence=score.confidence,
                trend=trend_of(week_before[objective.id].confidence, score.confidence),
                forecast=projected.get(objective.id),
                key_results=own,
            )
        )
    used = {objective.cycle for objective in okrs.objectives}
    spans = {cycle.id: cycle for cycle in okrs.cycles}
    return ScorecardReport(
        as_of=day,
        strategy=str(getattr(card.strategy, "name", strategy)),
        cycles=tuple(cycle.name for cycle in okrs.cycles if cycle.id in used),
        objectives=tuple(objectives),
        burnup={
            ident: tuple(points)
            for ident, points in burnup_table(
                okrs, as_of=day, strategy=strategy, **options
            ).items()
        }
        if burnup
        else {},
        periods={
            o.id: (spans[o.cycle].start, spans[o.cycle].end)
            for o in okrs.objectives
            if o.cycle in spans
        },
    )
