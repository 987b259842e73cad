"""Scoring strategies: how a key result's value becomes a score, and scores combine."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Literal, Protocol, get_args, runtime_checkable

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.errors import Problem, ValidationError
from okrkit.i18n import N_, gettext
from okrkit.model import Metric, MetricKind
from okrkit.scoring._arrays import KIND_CODE, History, MetricArrays, round12, round12_array
from okrkit.scoring._options import one_of

__all__ = [
    "Grade",
    "Linear",
    "ScoringStrategy",
    "Stepped",
    "Zones",
    "progress",
]

Floats = npt.NDArray[np.float64]
_INCREASE, _DECREASE, _AT_LEAST, _AT_MOST, _MILESTONE = (KIND_CODE[kind] for kind in MetricKind)

ThresholdMethod = Literal["met", "share", "distance"]
Combiner = Literal["weighted", "minimum"]


@runtime_checkable
class ScoringStrategy(Protocol):
    """**Protocol:** how key results are scored and scores combine.

    An implementer must guarantee:

    - :meth:`score` returns the *raw* progress of a key result: 0.0 at its start, 1.0
      at its target, possibly below 0 or above 1 (overshoot); moving the value toward
      the target must never lower it; without a value it returns 0.0;
    - :meth:`combine` returns a number between the smallest and the largest score it
      is given (so combining values in [0, 1] stays in [0, 1]), does not depend on the
      order of the pairs, and does not change when every weight is multiplied by the
      same positive number;
    - :attr:`cap` says whether what rolls up is the raw progress clamped to [0, 1]
      (``True``, the default everywhere) or the raw progress itself.

    okrkit checks the first two promises at run time and raises
    :class:`~okrkit.errors.StrategyError`, naming the strategy, when a score is not a
    finite number or a combination falls outside its inputs' range.

    Optional, for speed on large sets (the built-in strategies have all three):

    - ``score_array(metrics, values, history)``: the raw scores of many key results
      at once, equal to :meth:`score` of each; ``metrics`` is a
      :class:`~okrkit.scoring.MetricArrays`, ``values`` a float array with NaN for
      "no value", ``history`` a :class:`~okrkit.scoring.History`. Without it okrkit
      calls :meth:`score` once per key result;
    - ``combine_array(scores, weights, groups, size)``: :meth:`combine` of every group
      at once (``groups[i]`` is the group of pair ``i``, ``size`` the number of
      groups); without it okrkit calls :meth:`combine` once per parent;
    - ``is_weighted_mean``: ``True`` when :meth:`combine` is the weighted mean of the
      scores, which lets :meth:`~okrkit.scoring.Scorecard.leverage` rank every key
      result in one pass instead of one roll-up each.
    """

    @property
    def cap(self) -> bool:
        """Whether the value that rolls up is clamped to [0, 1]."""
        ...

    def score(
        self, metric: Metric, value: float | None, *, history: Sequence[float] = ()
    ) -> float:
        """The raw progress of a key result whose latest value is ``value``.

        Args:
            metric: The key result's metric.
            value: Its latest value as of the scoring date, or ``None`` without one.
            history: Every value reported up to the scoring date, oldest first.
        """
        ...

    def combine(self, scores: Sequence[tuple[float, float]]) -> float:
        """Combine ``(score, weight)`` pairs of children into their parent's score."""
        ...


def progress(metric: Metric, value: float) -> float:
    """Linear progress of an increase or decrease metric.

    The formula is (value - start) / (target - start), for both directions.

    Examples:
        >>> progress(Metric(kind="decrease", start=1.4, target=0.8), 1.1)
        0.5
    """
    start, target = metric.start, metric.target
    if start is None or target is None:
        raise ValidationError(
            Problem(
                "value.invalid",
                N_("linear progress needs a start and a target (got a metric of kind {kind})"),
                {"kind": str(metric.kind)},
            )
        )
    # Rounded to 12 decimals so that decimal inputs give the decimal answer people
    # expect (1.4 -> 0.8 at 1.1 is 0.5, not 0.49999999999999983); rounding keeps order.
    return round12((value - start) / (target - start))


def _combine(kind: Combiner, scores: Sequence[tuple[float, float]]) -> float:
    counted = [(score, weight) for score, weight in scores if weight > 0]
    if not counted:
        return 0.0
    if kind == "minimum":
        return min(score for score, _weight in counted)
    total = math.fsum(weight for _score, weight in counted)
    return math.fsum(score * weight for score, weight in counted) / total


def _threshold(
    method: ThresholdMethod, metric: Metric, value: float, history: Sequence[float]
) -> float:
    """Score an at_least / at_most metric by one of three documented methods."""
    target = metric.target if metric.target is not None else 0.0
    upward = metric.kind is MetricKind.AT_LEAST

    def held(v: float) -> bool:
        # Hitting the line exactly counts as holding it.
        return v >= target if upward else v <= target

    if method == "met":
        return 1.0 if held(value) else 0.0
    if method == "share":
        values = list(history) or [value]
        return sum(1 for v in values if held(v)) / len(values)
    scale = abs(target) or 1.0
    miss = (target - value) if upward else (value - target)
    return 1.0 - max(0.0, miss) / scale


def _raw(
    method: ThresholdMethod, metric: Metric, value: float | None, history: Sequence[float]
) -> float:
    if value is None:
        return 0.0
    kind = metric.kind
    if kind is MetricKind.MILESTONE:
        return 1.0 if value >= 1 else 0.0
    if kind in (MetricKind.AT_LEAST, MetricKind.AT_MOST):
        return _threshold(method, metric, value, history)
    return progress(metric, value)


@attrs.frozen(kw_only=True)
class _Settings:
    """What every built-in strategy can be set to: see :class:`Linear`."""

    threshold_method: ThresholdMethod = attrs.field(
        default="met", validator=one_of(get_args(ThresholdMethod))
    )
    combiner: Combiner = attrs.field(default="weighted", validator=one_of(get_args(Combiner)))
    cap: bool = True

    def combine(self, scores: Sequence[tuple[float, float]]) -> float:
        """The weighted mean of the scores, or their minimum."""
        return _combine(self.combiner, scores)

    @property
    def is_weighted_mean(self) -> bool:
        """Whether :meth:`combine` is the weighted mean (``combiner="weighted"``)."""
        return self.combiner == "weighted"

    def combine_array(
        self,
        scores: Floats,
        weights: Floats,
        groups: npt.NDArray[np.int64],
        size: int,
    ) -> Floats:
        """:meth:`combine` of every group at once; a group with no weight gives 0.0."""
        counted = weights > 0
        scores, weights, groups = scores[counted], weights[counted], groups[counted]
        if self.combiner == "minimum":
            out = np.full(size, np.inf)
            np.minimum.at(out, groups, scores)
            out[np.isinf(out) & (out > 0)] = 0.0
            return out
        total = np.bincount(groups, weights=weights, minlength=size)
        summed = np.bincount(groups, weights=scores * weights, minlength=size)
        return np.divide(summed, total, out=np.zeros(size), where=total > 0)

    def _raw_array(self, metrics: MetricArrays, values: Floats, history: History) -> Floats:
        """The raw linear score of every key result: :func:`_raw` for arrays."""
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            return self._raw_array_of(metrics, values, history)

    def _raw_array_of(self, metrics: MetricArrays, values: Floats, history: History) -> Floats:
        kinds = metrics.kinds
        out = np.zeros(len(values))
        have = ~np.isnan(values)
        moving = have & ((kinds == _INCREASE) | (kinds == _DECREASE))
        span = metrics.targets[moving] - metrics.starts[moving]
        out[moving] = round12_array((values[moving] - metrics.starts[moving]) / span)
        milestone = have & (kinds == _MILESTONE)
        out[milestone] = (values[milestone] >= 1).astype(np.float64)
        threshold = have & ((kinds == _AT_LEAST) | (kinds == _AT_MOST))
        if threshold.any():
            out[threshold] = self._threshold_array(metrics, values, history, threshold)
        return out

    def _threshold_array(
        self,
        metrics: MetricArrays,
        values: Floats,
        history: History,
        mask: npt.NDArray[np.bool_],
    ) -> Floats:
        targets = np.nan_to_num(metrics.targets[mask], nan=0.0)
        upward = metrics.kinds[mask] == _AT_LEAST
        latest = values[mask]

        def held(found: Floats, line: Floats, up: npt.NDArray[np.bool_]) -> Floats:
            return np.where(up, found >= line, found <= line).astype(np.float64)

        if self.threshold_method == "met":
            return held(latest, targets, upward)
        if self.threshold_method == "share":
            owner, earlier = history.rows(mask)
            counts = np.bincount(owner, minlength=int(mask.sum())).astype(np.float64)
            hits = np.bincount(
                owner, weights=held(earlier, targets[owner], upward[owner]), minlength=len(counts)
            )
            return (hits + held(latest, targets, upward)) / (counts + 1.0)
        scale = np.where(np.abs(targets) > 0, np.abs(targets), 1.0)
        miss = np.where(upward, targets - latest, latest - targets)
        return 1.0 - np.maximum(0.0, miss) / scale


@attrs.frozen(kw_only=True)
class Linear(_Settings):
    """Linear progress, the default: (value - start) / (target - start).

    The formula every OKR tool uses, and the one that scores decreasing metrics
    right: bugs per feature from 1.4 down to 0.8 at 1.1 is 0.5. A milestone scores 0 or
    1. ``at_least`` / ``at_most`` key results score by ``threshold_method``:

    - ``met`` (the default): 1 if the latest value holds the line, else 0; exactly on
      the line counts as held (one tool compares strictly; okrkit does not);
    - ``share``: the share of check-ins up to the scoring date that held the line;
    - ``distance``: 1 minus how far the latest value misses the line, relative to the
      target (0 when it misses by the whole target or more).

    Overshoot stays on the raw score (1.25 at 125%); what rolls up is clamped to
    [0, 1] unless ``cap=False``. Children combine by weighted mean (``combiner=
    "weighted"``) or take the weakest (``"minimum"``). Any other ``threshold_method``
    or ``combiner`` raises :class:`~okrkit.errors.ValidationError`, naming the ones
    there are.

    Examples:
        >>> Linear().score(Metric(kind="increase", start=27, target=35), 31)
        0.5
        >>> Linear().score(Metric(kind="decrease", start=100, target=60), 50)
        1.25
    """

    def score(
        self, metric: Metric, value: float | None, *, history: Sequence[float] = ()
    ) -> float:
        """The raw linear progress (see the class)."""
        return _raw(self.threshold_method, metric, value, history)

    def score_array(self, metrics: MetricArrays, values: Floats, history: History) -> Floats:
        """:meth:`score` of many key results at once (NaN in ``values``: no value)."""
        return self._raw_array(metrics, values, history)


@attrs.frozen(kw_only=True)
class Grade(_Settings):
    """Google-style grading: linear progress on 0.0-1.0, rounded to one decimal.

    A key result's grade is its clamped linear progress rounded half up to one decimal,
    read in source 003's bands (:func:`band_of`): 1.0 done, 0.7 good progress, 0.3 off
    track.

    Examples:
        >>> Grade().score(Metric(kind="increase", start=0, target=100), 66)
        0.7
    """

    def score(
        self, metric: Metric, value: float | None, *, history: Sequence[float] = ()
    ) -> float:
        """The rounded, clamped linear progress."""
        raw = min(1.0, max(0.0, _raw(self.threshold_method, metric, value, history)))
        return math.floor(raw * 10 + 0.5 + 1e-9) / 10

    def score_array(self, metrics: MetricArrays, values: Floats, history: History) -> Floats:
        """:meth:`score` of many key results at once (NaN in ``values``: no value)."""
        raw = np.clip(self._raw_array(metrics, values, history), 0.0, 1.0)
        return np.floor(raw * 10 + 0.5 + 1e-9) / 10


_ZONES = ((1.0, N_("stretch")), (0.7, N_("target")), (0.3, N_("commit")))


@attrs.frozen(kw_only=True)
class Zones(_Settings):
    """Three-zone scoring (puzzle/okr, after Google): fail, commit, target, stretch.

    Progress runs from the start (0.0) to the stretch value (1.0): the commit line is
    30% of the way and the target 70%, so a key result that meets its target scores
    0.7. Without a stretch, the target is taken as the 70% point. Other metric kinds
    score as :class:`Linear`.

    Examples:
        >>> metric = Metric(kind="increase", start=0, target=70, stretch=100)
        >>> Zones().score(metric, 70), Zones().zone(metric, 45)
        (0.7, 'commit')
    """

    def score(
        self, metric: Metric, value: float | None, *, history: Sequence[float] = ()
    ) -> float:
        """Progress toward the stretch value."""
        if value is None or metric.kind not in (MetricKind.INCREASE, MetricKind.DECREASE):
            return _raw(self.threshold_method, metric, value, history)
        start = metric.start if metric.start is not None else 0.0
        target = metric.target if metric.target is not None else start
        stretch = metric.stretch if metric.stretch is not None else start + (target - start) / 0.7
        return round12((value - start) / (stretch - start))

    def score_array(self, metrics: MetricArrays, values: Floats, history: History) -> Floats:
        """:meth:`score` of many key results at once (NaN in ``values``: no value)."""
        out = self._raw_array(metrics, values, history)
        kinds = metrics.kinds
        moving = ~np.isnan(values) & ((kinds == _INCREASE) | (kinds == _DECREASE))
        if not moving.any():
            return out
        start = np.nan_to_num(metrics.starts[moving], nan=0.0)
        target = np.where(np.isnan(metrics.targets[moving]), start, metrics.targets[moving])
        stretch = np.where(
            np.isnan(metrics.stretches[moving]),
            start + (target - start) / 0.7,
            metrics.stretches[moving],
        )
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            out[moving] = round12_array((values[moving] - start) / (stretch - start))
        return out

    def zone(self, metric: Metric, value: float | None) -> str:
        """The zone of ``value``: fail, commit, target or stretch."""
        raw = self.score(metric, value)
        for floor, label in _ZONES:
            if raw >= floor - 1e-9:
                return gettext(label)
        return gettext("fail")


@attrs.frozen(kw_only=True)
class Stepped(_Settings):
    """Fixed scores at thresholds of progress.

    A key result scores the highest step it has reached.

    ``steps`` are ``(progress, score)`` pairs; the default reads 30% of the way as
    0.3, 70% as 0.7 and the target as 1.0, and anything below 30% as 0.0.

    Examples:
        >>> Stepped().score(Metric(kind="increase", start=0, target=10), 8)
        0.7
    """

    steps: tuple[tuple[float, float], ...] = ((0.3, 0.3), (0.7, 0.7), (1.0, 1.0))

    def __attrs_post_init__(self) -> None:
        ordered = tuple(sorted((float(p), float(s)) for p, s in self.steps))
        for low, high in itertools.pairwise(ordered):
            if high[1] < low[1]:
                raise ValidationError(
                    Problem(
                        "value.order",
                        N_(
                            "steps must not give a lower score for more progress: the score "
                            "{high_score:g} at progress {high:g} is below {low_score:g} at "
                            "progress {low:g}"
                        ),
                        {
                            "high": high[0],
                            "high_score": high[1],
                            "low": low[0],
                            "low_score": low[1],
                        },
                        path="steps",
                    )
                )
        object.__setattr__(self, "steps", ordered)

    def score(
        self, metric: Metric, value: float | None, *, history: Sequence[float] = ()
    ) -> float:
        """The score of the highest step reached."""
        raw = _raw(self.threshold_method, metric, value, history)
        reached = 0.0
        for floor, step_score in self.steps:
            if raw >= floor - 1e-9:
                reached = step_score
        return reached

    def score_array(self, metrics: MetricArrays, values: Floats, history: History) -> Floats:
        """:meth:`score` of many key results at once (NaN in ``values``: no value)."""
        raw = self._raw_array(metrics, values, history)
        reached = np.zeros(len(raw))
        for floor, step_score in self.steps:
            reached = np.where(raw >= floor - 1e-9, step_score, reached)
        return reached
