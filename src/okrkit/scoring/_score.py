"""One :class:`Score`, and the scores of many positions of a scorecard made together.

:meth:`Scorecard.__getitem__ <okrkit.scoring.Scorecard.__getitem__>` makes one score;
:attr:`~okrkit.scoring.Scorecard.key_results`, :attr:`~okrkit.scoring.Scorecard.objectives`
and the reports make hundreds of thousands. Both go through :func:`scores_at`, which
reads each column once for all the positions asked for and finds each band once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from okrkit.graph import NodeKind
from okrkit.model import Status
from okrkit.scoring._bands import band_code, band_label
from okrkit.scoring._forecasts import Forecast, Forecasts
from okrkit.scoring._plan import Plan
from okrkit.scoring._status import STATUSES
from okrkit.scoring._strategies import ScoringStrategy

__all__ = ["Score", "score_at", "scores_at"]

_KR = NodeKind.KEY_RESULT
_OBJECTIVE = NodeKind.OBJECTIVE


@attrs.frozen(kw_only=True)
class Score:
    """The score of one key result or objective on the scoring date.

    Attributes:
        id: The key result's or objective's id.
        kind: Key result or objective.
        value: What rolls up: the score, clamped to [0, 1] unless the strategy says not.
        raw: The raw progress, overshoot kept (1.25 at 125%).
        band: The 0.0-1.0 band of the value, as a code that is the same in every
            language: ``"off_track"`` (0.0-0.3), ``"progress"`` (0.4-0.6) or
            ``"delivered"`` (0.7-1.0); :attr:`band_label` is its name for a person.
        status: Done, on track, at risk, off track or not started; achieved or missed
            once the cycle has ended.
        expected: The progress expected by now.
        confidence: The latest confidence (1-5), or for an objective the weighted mean
            of what counts toward it.
        zone: The zone under the zones strategy, else ``None``.
        computed: When an owner's final grade stands in for the score (after the
            cycle), the score okrkit computed; else ``None``.
        reason: The reason given with that final grade, else ``None``.
        forecast: For a key result, where its check-ins project it by its due date or
            the cycle's end (see :meth:`Scorecard.forecast`); else ``None``.
    """

    id: str
    kind: NodeKind
    value: float
    raw: float
    band: str
    status: Status
    expected: float
    confidence: float | None
    zone: str | None = None
    computed: float | None = None
    reason: str | None = None
    forecast: Forecast | None = None

    @property
    def band_label(self) -> str:
        """The name of :attr:`band` for a person, in the locale active when read."""
        return band_label(self.band)


def score_at(
    position: int,
    *,
    plan: Plan,
    columns: Mapping[str, Any],
    strategy: ScoringStrategy,
    computed: Mapping[int, float],
    raws: Callable[[], Any],
    forecasts: Callable[[], Forecasts],
) -> Score:
    """The :class:`Score` of one plan position (``card[id]``), read value by value."""
    value = float(columns["value"][position])
    confidence = float(columns["confidence"][position])
    return _score(
        position,
        plan,
        columns,
        strategy,
        computed,
        forecasts() if position < plan.count else None,
        value,
        float(raws()[position]),
        band_code(min(1.0, max(0.0, value))),
        int(columns["status"][position]),
        float(columns["expected"][position]),
        confidence,
    )


def scores_at(
    positions: Sequence[int],
    *,
    plan: Plan,
    columns: Mapping[str, Any],
    strategy: ScoringStrategy,
    computed: Mapping[int, float],
    raws: Callable[[], Any],
    forecasts: Callable[[], Forecasts],
) -> list[Score]:
    """The :class:`Score` of each plan position in ``positions``, in that order.

    The same scores as :func:`score_at` gives one by one, each column read once for
    all of them and each band found once. ``raws`` and ``forecasts`` give the
    scorecard's raw progress and forecasts (made on first use); forecasts are asked for
    only when a key result is among ``positions``.
    """
    at = np.asarray(positions, dtype=np.intp)
    values = columns["value"][at].tolist()
    expected = columns["expected"][at].tolist()
    confidences = columns["confidence"][at].tolist()
    statuses = columns["status"][at].tolist()
    raw = raws()[at].tolist()
    projections = forecasts() if bool((at < plan.count).any()) else None
    bands: dict[float, str] = {}
    made = []
    for n, position in enumerate(positions):
        value = values[n]
        grade = min(1.0, max(0.0, value))
        rounded = round(grade + 1e-9, 1)  # band_code's own rounding: one band per key
        band = bands.get(rounded)
        if band is None:
            band = bands[rounded] = band_code(grade)
        made.append(
            _score(
                position,
                plan,
                columns,
                strategy,
                computed,
                projections,
                value,
                raw[n],
                band,
                statuses[n],
                expected[n],
                confidences[n],
            )
        )
    return made


def _score(  # noqa: PLR0917 - one score's columns, by position for speed
    position: int,
    plan: Plan,
    columns: Mapping[str, Any],
    strategy: ScoringStrategy,
    computed: Mapping[int, float],
    projections: Forecasts | None,
    value: float,
    raw: float,
    band: str,
    status: int,
    expected: float,
    confidence: float,
) -> Score:
    is_kr = position < plan.count
    zone = None
    forecast: Forecast | None = None
    if is_kr:
        zoner = getattr(strategy, "zone", None)
        if callable(zoner):
            latest = float(columns["latest"][position])
            zone = zoner(plan.key_results[position].metric, None if math.isnan(latest) else latest)
        if projections is not None:
            forecast = projections.at(position)
    reason = None
    if position in computed:
        final = int(np.flatnonzero(plan.final_positions == position)[0])
        reason = plan.final_reasons[final]
    return Score(
        id=plan.ids[position],
        kind=_KR if is_kr else _OBJECTIVE,
        value=value,
        raw=raw,
        band=band,
        status=STATUSES[status],
        expected=expected,
        confidence=None if math.isnan(confidence) else confidence,
        zone=zone,
        computed=computed.get(position),
        reason=reason,
        forecast=forecast,
    )
