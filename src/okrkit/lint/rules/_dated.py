"""Rules about where key results are heading: forecasts, check-ins, "keep" lines."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterator
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from okrkit.i18n import N_, _, format_day, format_number, format_value, ngettext
from okrkit.lint._config import Option
from okrkit.lint._diagnostic import Finding
from okrkit.lint._rule import LintContext
from okrkit.lint.rules._base import Rule
from okrkit.lint.rules._shared import statuses
from okrkit.model import Ambition, Cycle, MetricKind, Objective, OKRSet, Status

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
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
    due date or the cycle's end by a line through its check-ins (all at once, by
    :meth:`okrkit.scoring.Scorecard.forecasts`), and the objective is scored as if those
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
    options = MappingProxyType(
        {
            "committed": Option(float, least=0, most=1),
            "aspirational": Option(float, least=0, most=1),
        }
    )
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
        projections = _Projections(card)
        projected: dict[str, float] = {}
        judged: list[Objective] = []
        for objective in okrs.objectives:
            if objective.cycle not in running or not objective.key_results:
                continue
            found = projections.of(objective)
            if found is not None:
                projected.update(found)
                judged.append(objective)
        if not judged:
            return
        future = card.what_if(projected) if projected else card
        # Many objectives share a rounded value and every one a line: format each once.
        number = functools.cache(format_number)
        labels = {ambition: ambition.label for ambition in Ambition}
        message = _(
            "the {ambition} objective is forecast to score {value} by the end of the cycle, "
            "below {line}"
        )
        hint = _(
            "change the initiatives behind the weakest key results, or agree a new target now"
        )
        for objective in judged:
            value, line = round(future.value(objective.id), 2), lines[objective.ambition]
            if value >= line:
                continue
            yield Finding(
                entity_id=objective.id,
                message=message.format(
                    ambition=labels[objective.ambition], value=number(value), line=number(line)
                ),
                hint=hint,
            )


class _Projections:
    """Every key result's projected value and status, read once from the scorecard."""

    def __init__(self, card: Scorecard) -> None:
        forecasts = card.forecasts()
        self._row = {ident: row for row, ident in enumerate(forecasts.ids)}
        self._values = forecasts.values.tolist()
        self._statuses = card.statuses()

    def of(self, objective: Objective) -> dict[str, float] | None:
        """Each unfinished key result's projected value, ``None`` if one has none."""
        values: dict[str, float] = {}
        for kr in objective.key_results:
            row = self._row[kr.id]
            if self._statuses[row] in _FINISHED:
                continue
            value = self._values[row]
            if math.isnan(value):
                return None
            values[kr.id] = value
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
    options = MappingProxyType({"days": Option(int, least=1)})
    needs_as_of = True
    description = N_("A key result is checked in at least every 14 days while its cycle runs.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each unfinished key result of a running cycle with no recent check-in."""
        okrs, as_of = context.okrs, context.as_of
        assert as_of is not None  # needs_as_of
        limit = int(context.option("days", 14))
        running = _running(okrs, as_of)
        waiting = [
            (kr.id, cycle)
            for objective in okrs.objectives
            if (cycle := running.get(objective.cycle)) is not None
            for kr in objective.key_results
        ]
        if not waiting:
            return
        last = _last_checkins(okrs.checkins, [ident for ident, _cycle in waiting], as_of)
        status = statuses(context)
        stale = _Stale()
        for (ident, cycle), day in zip(waiting, last, strict=True):
            since = cycle.start if day < 0 else dt.date.fromordinal(day)
            age = (as_of - since).days
            if age <= limit or status[ident] in _FINISHED:
                continue
            yield stale(ident, age, None if day < 0 else since)


def _last_checkins(log: CheckInLog, idents: list[str], as_of: dt.date) -> list[int]:
    """The day (an ordinal) of each key result's last check-in on or before ``as_of``, or -1.

    One vectorised search of the log (:meth:`~okrkit.checkins.CheckInLog.rows_as_of`).
    """
    if not len(log):
        return [-1] * len(idents)
    code = {ident: position for position, ident in enumerate(log.ids())}
    codes = np.fromiter((code.get(ident, -1) for ident in idents), np.int64, len(idents))
    rows = log.rows_as_of(codes, as_of)
    days: list[int] = np.where(rows >= 0, log.days[np.maximum(rows, 0)], -1).tolist()
    return days


class _Stale:
    """OKR402's findings, each message worded once per age and last check-in day."""

    def __init__(self) -> None:
        self._hint = _("record a check-in with the current value and how confident the owner is")
        self._said: dict[tuple[int, dt.date | None], str] = {}

    def __call__(self, ident: str, age: int, last: dt.date | None) -> Finding:
        message = self._said.get((age, last))
        if message is None:
            message = self._said[age, last] = _stale_message(age, last)
        return Finding(entity_id=ident, message=message, hint=self._hint)


def _stale_message(age: int, last: dt.date | None) -> str:
    if last is None:
        return ngettext(
            "the key result has had no check-in since its cycle began {days} day ago",
            "the key result has had no check-in since its cycle began {days} days ago",
            age,
        ).format(days=format_number(age))
    return ngettext(
        "the last check-in was on {day}, {days} day ago",
        "the last check-in was on {day}, {days} days ago",
        age,
    ).format(day=format_day(last), days=format_number(age))


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
