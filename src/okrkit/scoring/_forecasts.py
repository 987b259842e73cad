"""Forecasts: a least-squares line through each key result's check-ins, all at once.

:func:`forecasts_of` fits every key result of a plan in one vectorised pass over the
check-in log's columns: the rows of each key result up to the scoring date are picked
out of the log (sorted by key result, then day), and grouped sums give each line's
means, slope and residuals. :class:`Forecasts` keeps the result by column;
:meth:`Forecasts.at` makes one :class:`Forecast` from it.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.model import MetricKind
from okrkit.scoring._arrays import KIND_CODE, History

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
    from okrkit.scoring._plan import Plan
    from okrkit.scoring._strategies import ScoringStrategy

__all__ = ["Forecast", "Forecasts", "forecasts_of"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
_Array = TypeVar("_Array", bound=npt.NDArray[Any])

_MILESTONE = KIND_CODE[MetricKind.MILESTONE]
_Z95 = 1.96  # the normal quantile of a two-sided 95% band


@attrs.frozen(kw_only=True)
class Forecast:
    """Where a key result is heading: a least-squares line through its check-ins.

    Attributes:
        on: The day projected to (the due date or the cycle's end).
        value: The projected value on that day.
        low: The low end of the band (about 95%, from the residuals).
        high: The high end of the band.
        score: The raw score the projected value would give.
    """

    on: dt.date
    value: float
    low: float
    high: float
    score: float


@attrs.frozen(kw_only=True, eq=False)
class Forecasts:
    """The forecast of every key result of a scorecard, by column (read-only arrays).

    Row ``i`` is the scorecard's key result ``ids[i]`` (the key results of
    :meth:`~okrkit.scoring.Scorecard.ids`, in that order). Where a key result has no
    forecast (fewer than two check-ins up to the scoring date, a milestone, or every
    check-in on one day) its value, low, high and score are NaN. Made by
    :meth:`~okrkit.scoring.Scorecard.forecasts`.

    Attributes:
        ids: The key results' ids.
        days: The day each is projected to (its due date or its cycle's end), as a
            proleptic ordinal (``date.toordinal()``).
        values: The projected values.
        lows: The low ends of the bands (about 95%, from the residuals).
        highs: The high ends of the bands.
        scores: The raw score each projected value would give under the strategy.

    Examples:
        >>> import okrkit
        >>> card = okrkit.load("examples/acme.en.yaml").score(as_of="2026-03-20")
        >>> forecasts = card.forecasts()
        >>> row = forecasts.ids.index("kr-velocity")
        >>> bool(forecasts.values[row] == card.forecast("kr-velocity").value)
        True
    """

    ids: tuple[str, ...]
    days: Ints
    values: Floats
    lows: Floats
    highs: Floats
    scores: Floats

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def found(self) -> npt.NDArray[np.bool_]:
        """Whether each key result has a forecast."""
        found: npt.NDArray[np.bool_] = ~np.isnan(self.values)
        return found

    def at(self, row: int) -> Forecast | None:
        """The :class:`Forecast` of key result number ``row``, or ``None`` without one."""
        value = float(self.values[row])
        if math.isnan(value):
            return None
        return Forecast(
            on=dt.date.fromordinal(int(self.days[row])),
            value=value,
            low=float(self.lows[row]),
            high=float(self.highs[row]),
            score=float(self.scores[row]),
        )


def _rows(plan: Plan, log: CheckInLog, as_of: dt.date) -> tuple[Ints, Ints, Ints]:
    """Which log rows each key result's line goes through.

    Returns:
        Each key result's number of check-ins up to ``as_of`` (0 for a milestone), and
        for every such check-in, in key result order, whose it is and its log row.
    """
    codes = plan.codes_in(log)
    last = log.rows_as_of(codes, as_of)
    first = np.where(last >= 0, log.offsets[np.maximum(codes, 0)] if len(log) else 0, 0)
    counts = np.where((last >= 0) & (plan.metrics.kinds != _MILESTONE), last - first + 1, 0)
    counts = counts.astype(np.int64)
    owner = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    begins = np.cumsum(counts) - counts
    rows = np.repeat(first - begins, counts) + np.arange(int(counts.sum()), dtype=np.int64)
    return counts, owner, rows


def forecasts_of(
    plan: Plan, log: CheckInLog, as_of: dt.date, strategy: ScoringStrategy
) -> Forecasts:
    """Fit a line through each key result's check-ins up to ``as_of`` and project it.

    For a key result with ``n`` check-ins (days ``x``, values ``y``) the line is the
    least-squares fit ``y = mean_y + slope (x - mean_x)``; it is projected to the key
    result's due date (or its cycle's end) ``x0``, with a band of
    ``1.96 sqrt(s2 (1 + 1/n + (x0 - mean_x)^2 / sxx))``, ``s2`` the residuals' sum of
    squares over ``n - 2`` (0 with two check-ins: the line goes through both). The
    score is the strategy's raw score of the projected value, as if it were the only
    value reported (``score_array`` when the strategy has it, else ``score`` one by one).
    """
    size = plan.count
    counts, owner, rows = _rows(plan, log, as_of)
    n = counts.astype(np.float64)
    # Days relative to each key result's first check-in: small integers, summed exactly.
    first_day = np.zeros(size, dtype=np.int64)
    has_rows = counts > 0
    first_day[has_rows] = log.days[rows[np.cumsum(counts)[has_rows] - counts[has_rows]]]
    xs = (log.days[rows] - first_day[owner]).astype(np.float64)
    ys = log.values[rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_x = np.bincount(owner, weights=xs, minlength=size) / n
        mean_y = np.bincount(owner, weights=ys, minlength=size) / n
        dx, dy = xs - mean_x[owner], ys - mean_y[owner]
        sxx = np.bincount(owner, weights=dx * dx, minlength=size)
        slope = np.bincount(owner, weights=dx * dy, minlength=size) / sxx
        fitted = (counts >= 2) & (sxx > 0)
        slope = np.where(fitted, slope, np.nan)
        x0 = (plan.period_end[:size] - first_day).astype(np.float64)
        values = np.where(fitted, mean_y + slope * (x0 - mean_x), np.nan)
        misses = dy - slope[owner] * dx
        squares = np.bincount(owner, weights=misses * misses, minlength=size)
        spread = np.where(counts > 2, squares / (n - 2), 0.0)
        half = _Z95 * np.sqrt(spread * (1 + 1 / n + (x0 - mean_x) ** 2 / sxx))
    return Forecasts(
        ids=plan.ids[:size],
        days=_frozen(plan.period_end[:size].astype(np.int64)),
        values=_frozen(values),
        lows=_frozen(values - half),
        highs=_frozen(values + half),
        scores=_frozen(_scores(plan, strategy, values)),
    )


def _scores(plan: Plan, strategy: ScoringStrategy, values: Floats) -> Floats:
    """The strategy's raw score of each projected value, NaN where there is none."""
    found = ~np.isnan(values)
    vectorised = getattr(strategy, "score_array", None)
    if callable(vectorised):
        scored = np.asarray(
            vectorised(plan.metrics, values, History.empty(len(values))), dtype=np.float64
        )
        return np.where(found, scored, np.nan)
    out = np.full(len(values), np.nan)
    metrics = plan.metrics.metrics
    for row in np.flatnonzero(found).tolist():
        out[row] = strategy.score(metrics[row], float(values[row]))
    return out


def _frozen(array: _Array) -> _Array:
    array.flags.writeable = False
    return array
