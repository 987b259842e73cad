"""Scoring: strategies, their registry, and the roll-up into a scorecard.

Examples:
    >>> import okrkit, datetime as dt
    >>> card = okrkit.load("examples/acme.en.yaml").score(as_of=dt.date(2026, 3, 15))
    >>> round(card.value("kr-bugs-feature"), 2), card["kr-bugs-feature"].status.value
    (0.75, 'on_track')
"""

from __future__ import annotations

from okrkit.errors import UnknownStrategyError
from okrkit.scoring._arrays import KIND_CODE, History, MetricArrays
from okrkit.scoring._bands import band_label, band_of
from okrkit.scoring._export import (
    BAND_CODES,
    ZONE_CODES,
    band_code,
    scorecard_schema,
    strategy_name,
)
from okrkit.scoring._forecasts import Forecast, Forecasts
from okrkit.scoring._plan import Drivers
from okrkit.scoring._registry import (
    ENTRY_POINT_GROUP,
    available,
    get,
    register,
    strategy_label,
)
from okrkit.scoring._rollup import rollup
from okrkit.scoring._score import Score
from okrkit.scoring._scorecard import Scorecard
from okrkit.scoring._status import STATUSES, Pace
from okrkit.scoring._strategies import (
    Grade,
    Linear,
    ScoringStrategy,
    Stepped,
    Zones,
    progress,
)

__all__ = [
    "BAND_CODES",
    "ENTRY_POINT_GROUP",
    "KIND_CODE",
    "STATUSES",
    "ZONE_CODES",
    "Drivers",
    "Forecast",
    "Forecasts",
    "Grade",
    "History",
    "Linear",
    "MetricArrays",
    "Pace",
    "Score",
    "Scorecard",
    "ScoringStrategy",
    "Stepped",
    "UnknownStrategyError",
    "Zones",
    "available",
    "band_code",
    "band_label",
    "band_of",
    "get",
    "progress",
    "register",
    "rollup",
    "scorecard_schema",
    "strategy_label",
    "strategy_name",
]
