"""Use the forecasts API as a user would; `mypy --strict tests/typing`.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt

import okrkit
from okrkit.scoring import Forecast, Forecasts


def projected(okrs: okrkit.OKRSet, day: dt.date) -> dict[str, float]:
    """Every key result's projected value, for those that have one."""
    forecasts: Forecasts = okrs.score(as_of=day).forecasts()
    found: npt.NDArray[np.bool_] = forecasts.found
    values = forecasts.values.tolist()
    return {ident: values[row] for row, ident in enumerate(forecasts.ids) if found[row]}


def first(okrs: okrkit.OKRSet, day: dt.date) -> Forecast | None:
    """The first key result's forecast, read from the columns or one by one."""
    card = okrs.score(as_of=day)
    forecasts = card.forecasts()
    if not len(forecasts):
        return None
    by_row = forecasts.at(0)
    assert by_row == card.forecast(forecasts.ids[0])
    return by_row


def due(forecasts: Forecasts) -> list[dt.date]:
    """The day each key result is projected to."""
    return [dt.date.fromordinal(day) for day in forecasts.days.tolist()]
