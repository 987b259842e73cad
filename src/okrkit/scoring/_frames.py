"""A scorecard as a pandas DataFrame: one row per key result and objective, by id.

pandas is an optional extra, imported when a frame is asked for. The columns are
read straight from the scorecard's arrays; statuses and bands are categoricals of
their stable codes (never translated words), so a frame means the same in every
locale.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from okrkit.errors import import_extra
from okrkit.graph import NodeKind
from okrkit.model import Level
from okrkit.scoring._export import BAND_CODES, band_code
from okrkit.scoring._status import STATUSES

if TYPE_CHECKING:
    from okrkit.scoring._scorecard import Scorecard

__all__ = ["SCORECARD_COLUMNS", "band_codes", "scorecard_frame"]

SCORECARD_COLUMNS = (
    "kind",
    "title",
    "objective",
    "level",
    "owner",
    "value",
    "raw",
    "expected",
    "status",
    "band",
    "confidence",
    "forecast_value",
    "forecast_score",
)
"""The columns of :meth:`okrkit.scoring.Scorecard.to_frame`, in order; the index is ``id``."""


def band_codes(values: Any) -> Any:
    """The band of each value, as an index into :data:`BAND_CODES`.

    :func:`~okrkit.scoring._export.band_code` of each value clamped to [0, 1], as a
    :class:`~okrkit.scoring.Score`'s band is.

    Examples:
        >>> [BAND_CODES[i] for i in band_codes([0.72, 0.45, 0.34, 1.3])]
        ['delivered', 'progress', 'off_track', 'delivered']
    """
    position = {code: at for at, code in enumerate(BAND_CODES)}
    return np.array(
        [
            position[band_code(min(1.0, max(0.0, value)))]
            for value in np.asarray(values, dtype=np.float64).tolist()
        ],
        dtype=np.int8,
    )


def _forecasts(card: Scorecard) -> tuple[Any, Any]:
    """Each row's projected value and its score, NaN for objectives and where none.

    The key results' come from :meth:`~okrkit.scoring.Scorecard.forecasts`, one fit for all.
    """
    forecasts = card.forecasts()
    missing = np.full(len(card) - len(forecasts), math.nan)
    return (
        np.concatenate([forecasts.values, missing]),
        np.concatenate([forecasts.scores, missing]),
    )


def _entities(card: Scorecard) -> tuple[list[str], list[str], list[str], list[str]]:
    """Each row's title, objective id, objective level and objective owner.

    A key result's objective, level and owner are its objective's, so that a frame
    groups by team or level without a join.
    """
    plan = card._plan
    titles, objectives, levels, owners = [], [], [], []
    for position, kr in enumerate(plan.key_results):
        parent = plan.objectives[int(plan.objective_of[position]) - plan.count]
        titles.append(kr.title)
        objectives.append(parent.id)
        levels.append(parent.level.value)
        owners.append(parent.owner)
    for objective in plan.objectives:
        titles.append(objective.title)
        objectives.append(objective.id)
        levels.append(objective.level.value)
        owners.append(objective.owner)
    return titles, objectives, levels, owners


def scorecard_frame(card: Scorecard) -> Any:
    """Every score of ``card`` as a DataFrame indexed by id (see :data:`SCORECARD_COLUMNS`).

    Needs the ``pandas`` extra.
    """
    pd: Any = import_extra("pandas", "pandas")
    ids = list(card.ids())
    # The scorecard's own columns: this module is its to_frame(), moved out for length.
    count = card._plan.count
    columns = card._columns
    values = np.array(columns["value"], dtype=np.float64)
    raws = np.array([card.raw(ident) for ident in ids], dtype=np.float64)
    kinds = np.where(np.arange(len(ids)) < count, 0, 1).astype(np.int8)
    forecast_values, forecast_scores = _forecasts(card)
    titles, objectives, levels, owners = _entities(card)
    return pd.DataFrame(
        {
            "kind": pd.Categorical.from_codes(
                kinds, categories=[NodeKind.KEY_RESULT.value, NodeKind.OBJECTIVE.value]
            ),
            "title": pd.array(titles, dtype=pd.StringDtype()),
            "objective": pd.array(objectives, dtype=pd.StringDtype()),
            "level": pd.Categorical(levels, categories=[level.value for level in Level]),
            "owner": pd.Categorical(owners),
            "value": values,
            "raw": raws,
            "expected": np.array(columns["expected"], dtype=np.float64),
            "status": pd.Categorical.from_codes(
                np.array(columns["status"], dtype=np.int8),
                categories=[status.value for status in STATUSES],
            ),
            "band": pd.Categorical.from_codes(band_codes(values), categories=list(BAND_CODES)),
            "confidence": np.array(columns["confidence"], dtype=np.float64),
            "forecast_value": np.array(forecast_values, dtype=np.float64),
            "forecast_score": np.array(forecast_scores, dtype=np.float64),
        },
        index=pd.Index(ids, name="id", dtype=pd.StringDtype()),
        columns=list(SCORECARD_COLUMNS),
    )
