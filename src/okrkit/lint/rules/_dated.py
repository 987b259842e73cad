"""Rules about where key results are heading: forecasts, check-ins, "keep" lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from okrkit.i18n import N_, _, format_day, format_number, format_value, ngettext
from okrkit.lint._diagnostic import Finding
from okrkit.lint._rule import LintContext
from okrkit.lint.rules._base import Rule
from okrkit.model import Ambition, Cycle, MetricKind, Objective, OKRSet, Status

if TYPE_CHECKING:
    from okrkit.scoring import Scorecard

__all__ = ["CheckInStale", "ForecastShort", "KeepAlreadyBroken"]

_FINISHED = (Status.DONE, Status.ACHIEVED)


def _running(okrs: OKRSet, as_of: dt.date) -> dict[str, Cycle]:
    """The cycles of ``okrs`` that run on ``as_of``, by id."""
    return {cycle.id: cycle for cycle in okrs.cycles if cycle.contains(as_of)}


class ForecastShort(Rule):
    """OKR401: an objective whose key results are heading below what it promises.

    A committed objective is expected to reach 1.0, an aspirational one about 0.7
    (source 002); this rule warns when the forecast falls below ``committed`` (1.0) or
    ``aspirational`` (0.4), while the cycle runs. Each key result is projected to its
    due date or the cycle's end by a line through its check-ins
    (:meth:`okrkit.scoring.Scorecard.forecast`), and the objective is scored as if those
    values were reported (:meth:`~okrkit.scoring.Scorecard.what_if`). An objective is
    judged only when each of its key results has a forecast (two check-ins or more) or
    is done already.

    Options: ``committed`` (1.0) and ``aspirational`` (0.4): the forecast score below
    which each kind of objective is flagged.

    Fix: change the initiatives that move the weakest key results, or talk about the
    target now rather than at the end of the cycle.
    """

    code = "OKR401"
    name = "forecast-short"
    needs_as_of = True
    description = N_(
        "A committed objective is forecast to reach 1.0, an aspirational one at least 0.4."
    )

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each objective of a running cycle forecast below its ambition's line."""
        okrs, as_of = context.okrs, context.as_of
        assert as_of is not None  # needs_as_of
        lines = {
            Ambition.COMMITTED: float(context.option("committed", 1.0)),
            Ambition.ASPIRATIONAL: float(context.option("aspirational", 0.4)),
        }
        running = _running(okrs, as_of)
        card = context.scorecard()
        projected: dict[str, float] = {}
        judged: list[Objective] = []
        for objective in okrs.objectives:
            if objective.cycle not in running or not objective.key_results:
                continue
            found = _projection(card, objective)
            if found is not None:
                projected.update(found)
                judged.append(objective)
        if not judged:
            return
        future = card.what_if(projected) if projected else card
        for objective in judged:
            value, line = round(future.value(objective.id), 2), lines[objective.ambition]
            if value >= line:
                continue
            yield Finding(
                entity_id=objective.id,
                message=_(
                    "the {ambition} objective is forecast to score {value} by the end of "
                    "the cycle, below {line}"
                ).format(
                    ambition=objective.ambition.label,
                    value=format_number(value),
                    line=format_number(line),
                ),
                hint=_(
                    "change the initiatives behind the weakest key results, or agree a new "
                    "target now"
                ),
            )


def _projection(card: Scorecard, objective: Objective) -> dict[str, float] | None:
    """Each key result's projected value, or ``None`` when one cannot be projected."""
    values: dict[str, float] = {}
    for kr in objective.key_results:
        if card[kr.id].status in _FINISHED:
            continue
        forecast = card.forecast(kr.id)
        if forecast is None:
            return None
        values[kr.id] = forecast.value
    return values


class CheckInStale(Rule):
    """OKR402: a key result without a check-in for more than ``days`` days.

    Sources 002 and 003: check in weekly (every two weeks at most). While its cycle
    runs, a key result that is not done yet is flagged when its last check-in on or
    before ``as_of`` is more than ``days`` days old, or when it has none and the cycle
    started more than ``days`` days ago.

    Options: ``days`` (14).

    Fix: record a check-in with the current value and the owner's confidence.
    """

    code = "OKR402"
    name = "checkin-stale"
    needs_as_of = True
    description = N_("A key result is checked in at least every 14 days while its cycle runs.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each unfinished key result of a running cycle with no recent check-in."""
        okrs, as_of = context.okrs, context.as_of
        assert as_of is not None  # needs_as_of
        limit = int(context.option("days", 14))
        running = _running(okrs, as_of)
        card = context.scorecard()
        today = as_of.toordinal()
        for objective in okrs.objectives:
            cycle = running.get(objective.cycle)
            if cycle is None:
                continue
            for kr in objective.key_results:
                series = okrs.checkins.series(kr.id)
                row = -1 if series is None else series.index_at(today)
                if series is None or row < 0:
                    since, checked = cycle.start, False
                else:
                    since, checked = dt.date.fromordinal(int(series.days[row])), True
                age = (as_of - since).days
                if age <= limit or card[kr.id].status in _FINISHED:
                    continue
                yield _stale(kr.id, age, since if checked else None)


def _stale(ident: str, age: int, last: dt.date | None) -> Finding:
    if last is None:
        message = ngettext(
            "the key result has had no check-in since its cycle began {days} day ago",
            "the key result has had no check-in since its cycle began {days} days ago",
            age,
        ).format(days=format_number(age))
    else:
        message = ngettext(
            "the last check-in was on {day}, {days} day ago",
            "the last check-in was on {day}, {days} days ago",
            age,
        ).format(day=format_day(last), days=format_number(age))
    return Finding(
        entity_id=ident,
        message=message,
        hint=_("record a check-in with the current value and how confident the owner is"),
    )


class KeepAlreadyBroken(Rule):
    """OKR403: a "keep" key result whose start already breaks the line it keeps.

    An ``at_least`` key result keeps a value at or above its target; one that starts
    below it (start 88%, "keep renewals at 90% or more") is really an increase, and an
    ``at_most`` one that starts above its target is really a decrease. Reading it as a
    "keep" hides the work: the score is 0 until the line is crossed.

    Fix: make it an ``increase`` (or ``decrease``) from the start to the target.
    """

    code = "OKR403"
    name = "keep-already-broken"
    description = N_("A key result that keeps a line does not start on the wrong side of it.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each at_least key result starting below its target, at_most above it."""
        for kr in context.okrs.key_results:
            metric = kr.metric
            start, target = metric.start, metric.target
            if start is None or target is None:
                continue
            if metric.kind is MetricKind.AT_LEAST and start < target:
                kind = MetricKind.INCREASE
            elif metric.kind is MetricKind.AT_MOST and start > target:
                kind = MetricKind.DECREASE
            else:
                continue
            yield Finding(
                entity_id=kr.id,
                message=_(
                    "the key result keeps {target} ({kind}) but starts at {start}, on the "
                    "wrong side of its line"
                ).format(
                    target=format_value(metric, target),
                    kind=metric.kind.label,
                    start=format_value(metric, start),
                ),
                hint=_("change its kind to {kind}, from {start} to {target}").format(
                    kind=kind.label,
                    start=format_value(metric, start),
                    target=format_value(metric, target),
                ),
            )
