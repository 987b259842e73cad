"""Status, expected progress and confidence of every key result and objective, by column."""

from __future__ import annotations

import bisect
import math
from typing import Any, Literal, get_args

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.errors import Message, Problem, Shown, UsageError, ValidationError
from okrkit.i18n import N_
from okrkit.model import Status
from okrkit.scoring._options import check_choice, one_of
from okrkit.scoring._plan import Plan

__all__ = [
    "OBJECTIVE_STATUSES",
    "PACE_METHODS",
    "STATUSES",
    "ObjectiveStatus",
    "Pace",
    "PaceMethod",
    "confidences",
    "expected",
    "pace_of",
    "statuses",
]

ObjectiveStatus = Literal["pace", "worst"]
PaceMethod = Literal["gap", "ratio"]
OBJECTIVE_STATUSES: tuple[str, ...] = get_args(ObjectiveStatus)
"""How an objective's status is judged: ``objective_status=``."""
PACE_METHODS: tuple[str, ...] = get_args(PaceMethod)
"""The methods of :class:`Pace`, which ``pace=`` also takes by name."""
Floats = npt.NDArray[np.float64]
Codes = npt.NDArray[np.int8]

STATUSES: tuple[Status, ...] = (
    Status.NOT_STARTED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.DONE,
    Status.ACHIEVED,
    Status.MISSED,
)
"""Every status, in the order of its code in a scorecard's status column."""
_NOT_STARTED, _ON_TRACK, _AT_RISK, _OFF_TRACK, _DONE, _ACHIEVED, _MISSED = range(7)
# Worst first, for objective_status="worst"; not started ranks above the troubled ones.
_SEVERITY = np.array([2, 3, 1, 0, 4, 4, 0], dtype=np.int8)
_BY_SEVERITY = np.array([_OFF_TRACK, _AT_RISK, _NOT_STARTED, _ON_TRACK, _DONE], dtype=np.int8)
_EPSILON = 1e-12


def _threshold(_pace: Pace, attribute: attrs.Attribute[Any], value: object) -> None:
    """A threshold is ``None`` (the method's default) or a finite number."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        template = N_("'{field}' must be a number (got {value})")
        code = "field.type"
    elif not math.isfinite(value):
        template = N_("'{field}' must be a finite number, not NaN or infinity (got {value})")
        code = "value.range"
    else:
        return
    message = Message(template, field=attribute.name, value=Shown(value))
    raise ValidationError(Problem(code, message))


@attrs.frozen(kw_only=True)
class Pace:
    """How far behind the expected progress is at risk, and how far off track.

    Expected progress is the share of the period elapsed at the scoring date (the
    cycle, or for a key result with a due date, the cycle's start to that date). With
    ``method="gap"`` (the default) the thresholds are on progress minus expected:
    above ``at_risk`` (-0.2) is on track, above ``off_track`` (-0.4) at risk, the rest
    off track. With ``method="ratio"`` they are on progress divided by expected:
    defaults 0.95 and 0.75.

    Scoring also takes a method's name for its pace: ``pace="ratio"`` is
    ``Pace(method="ratio")``.

    Raises:
        ValidationError: for a method other than ``"gap"`` or ``"ratio"``, or a
            threshold that is not a finite number.

    Examples:
        >>> Pace(method="ratio").thresholds()
        (0.95, 0.75)
    """

    method: PaceMethod = attrs.field(default="gap", validator=one_of(PACE_METHODS))
    at_risk: float | None = attrs.field(default=None, validator=_threshold)
    off_track: float | None = attrs.field(default=None, validator=_threshold)

    def thresholds(self) -> tuple[float, float]:
        """The at-risk and off-track thresholds, with the method's defaults."""
        defaults = (-0.2, -0.4) if self.method == "gap" else (0.95, 0.75)
        return (
            defaults[0] if self.at_risk is None else self.at_risk,
            defaults[1] if self.off_track is None else self.off_track,
        )

    def status(self, value: float, expected: float) -> Status:
        """On track, at risk or off track, for ``value`` against ``expected``."""
        code = self.status_array(np.array([value]), np.array([expected]))[0]
        return STATUSES[int(code)]

    def status_array(self, values: Floats, expected: Floats) -> Codes:
        """:meth:`status` of many values at once, as codes into :data:`STATUSES`."""
        at_risk, off_track = self.thresholds()
        if self.method == "gap":
            measure = values - expected
            on, risky = measure > at_risk + _EPSILON, measure > off_track + _EPSILON
        else:
            ahead = expected <= 0
            ratio = np.divide(values, expected, out=np.ones_like(values), where=~ahead)
            on = ahead | (ratio >= at_risk - _EPSILON)
            risky = ratio >= off_track - _EPSILON
        return np.where(on, _ON_TRACK, np.where(risky, _AT_RISK, _OFF_TRACK)).astype(np.int8)


def pace_of(pace: object) -> Pace:
    """The :class:`Pace` that scoring's ``pace=`` names.

    ``None`` is the default pace; a method's name (``"gap"``, ``"ratio"``) is that
    method with its default thresholds.

    Raises:
        ValidationError: for a name that is not a method of :class:`Pace`.
        UsageError: for anything else that is not a :class:`Pace`.

    Examples:
        >>> pace_of("ratio")
        Pace(method='ratio', at_risk=None, off_track=None)
    """
    if pace is None:
        return Pace()
    if isinstance(pace, Pace):
        return pace
    if isinstance(pace, str):
        check_choice("pace", pace, PACE_METHODS)
        return Pace(method=pace)  # type: ignore[arg-type] # checked just above
    raise UsageError(
        Message(
            N_(
                "'pace' must be a Pace object or the name of its method, one of {choices} "
                "(got {value})"
            ),
            choices=", ".join(PACE_METHODS),
            value=Shown(pace),
        )
    )


def _elapsed(start: npt.NDArray[np.int64], end: npt.NDArray[np.int64], day: int) -> Floats:
    span = (end - start).astype(np.float64)
    share = np.divide(day - start, span, out=np.zeros(len(span)), where=span > 0)
    return np.where(span > 0, np.clip(share, 0.0, 1.0), (day >= end).astype(np.float64))


def expected(plan: Plan, day: int) -> Floats:
    """The progress expected of every position by ``day``.

    A key result is expected to move straight from its cycle's start to its due date
    (or the cycle's end), or along its phased targets; an objective by its cycle's end.
    Both are expected to reach 1.0, or 0.7 under an aspirational objective (a key
    result's phased targets, being the owner's own plan, are followed as they are).
    """
    out = _elapsed(plan.cycle_start, plan.period_end, day)
    out *= np.where(plan.aspirational, 0.7, 1.0)
    metrics = plan.metrics
    for position, (days, planned) in plan.phased.items():
        value = _planned(days.tolist(), planned.tolist(), day)
        start, target = metrics.starts[position], metrics.targets[position]
        out[position] = (
            0.0 if target == start else min(1.0, max(0.0, (value - start) / (target - start)))
        )
    return out


def _planned(days: list[int], planned: list[float], day: int) -> float:
    """The planned value on ``day``: straight between the plan's steps."""
    if day <= days[0]:
        return planned[0]
    if day >= days[-1]:
        return planned[-1]
    right = bisect.bisect_right(days, day)
    d0, d1 = days[right - 1], days[right]
    v0, v1 = planned[right - 1], planned[right]
    return v0 + (v1 - v0) * (day - d0) / (d1 - d0)


def statuses(
    plan: Plan,
    day: int,
    *,
    pace: Pace,
    objective_status: ObjectiveStatus,
    values: Floats,
    started: npt.NDArray[np.bool_],
    expected: Floats,
) -> Codes:
    """The status code of every position (see :func:`~okrkit.scoring.rollup`).

    ``started`` says, per key result, whether it has a value (a check-in or a
    what-if value).
    """
    count = plan.count
    done = values >= 1.0 - _EPSILON
    judged = pace.status_array(values, expected)
    out = np.where(done, _DONE, judged).astype(np.int8)
    kr_out = out[:count]
    kr_out[~started & ~plan.has_children[:count]] = _NOT_STARTED
    objectives = slice(count, len(plan))
    kr_started = kr_out != _NOT_STARTED
    size = len(plan.objectives)
    local = plan.objective_of - count
    any_started = np.bincount(local, weights=kr_started, minlength=size) > 0
    if objective_status == "worst":
        has_krs = np.bincount(local, minlength=size) > 0
        severity = np.where(kr_started, _SEVERITY[kr_out], 99)
        worst = np.full(size, 99, dtype=np.int64)
        np.minimum.at(worst, local, severity)
        picked = np.where(worst == 99, _NOT_STARTED, _BY_SEVERITY[np.minimum(worst, 4)])
        out[objectives] = np.where(has_krs, picked, out[objectives])
    else:
        idle = ~any_started & ~plan.has_objective_children[count:] & ~done[count:]
        out[objectives] = np.where(idle, _NOT_STARTED, out[objectives])
    ended = day > plan.cycle_end
    line = np.where(plan.aspirational, 0.7, 1.0) - _EPSILON
    final = np.where(values >= line, _ACHIEVED, _MISSED).astype(np.int8)
    return np.where(ended, final, out).astype(np.int8)


def confidences(plan: Plan, own: Floats, started: npt.NDArray[np.bool_]) -> Floats:
    """Every position's confidence: a key result's latest, else the weighted mean below.

    An objective (or a key result with children) takes the weighted mean of the
    confidences of what counts toward it (its key results and the objectives and key
    results aligned to it, by the same weights as its score), with a key result's own
    confidence beside its children's; NaN where none has one.
    """
    out = np.full(len(plan), np.nan)
    out[: plan.count] = own
    for level in plan.levels:
        found = out[level.child]
        have = ~np.isnan(found)
        weights = np.where(have, level.weight, 0.0)
        size = len(level.parents)
        total = np.bincount(level.group, weights=weights, minlength=size)
        summed = np.bincount(
            level.group, weights=np.where(have, found, 0.0) * weights, minlength=size
        )
        mine = level.parents[level.own]
        own_value = out[mine]
        own_weight = np.where(~np.isnan(own_value) & started[mine], plan.kr_weights[mine], 0.0)
        total[level.own] += own_weight
        summed[level.own] += np.where(own_weight > 0, own_value, 0.0) * own_weight
        out[level.parents] = np.divide(summed, total, out=np.full(size, np.nan), where=total > 0)
    return out
