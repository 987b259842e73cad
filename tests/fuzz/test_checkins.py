"""``CheckInLog.from_columns`` and ``from_rows`` on random columns: an ``OKRError`` or a log."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.hostile import hostile_numbers, hostile_texts, hostile_values, no_escape
from okrkit.checkins import CheckInLog

pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr"
)  # a failing input is large

_IDS = st.one_of(
    st.sampled_from(["kr-1", "kr-2", "kr-3"]), hostile_texts(), hostile_values(raw=False)
)
_DAYS = st.one_of(
    st.dates(),
    st.dates().map(dt.date.isoformat),
    st.integers(-(2**40), 2**40),
    st.integers(1, 3_652_059),
    st.datetimes(),
    hostile_values(raw=False),
)
_VALUES = st.one_of(st.floats(-1e6, 1e6), hostile_numbers(raw=False), hostile_values(raw=False))
_CONFIDENCES = st.one_of(
    st.integers(-3, 8),
    st.sampled_from(["red", "Green", " 3 ", "high", "6"]),
    hostile_values(raw=False),
)
_TEXTS = st.one_of(st.none(), st.just("lan"), hostile_texts(), hostile_values(raw=False))


def _array(column: list[Any], kind: str) -> Any:
    """``column`` as a numpy array of ``kind``, or as it is when numpy refuses it."""
    try:
        return np.array(column, dtype=kind)
    except (TypeError, ValueError, OverflowError):
        return column


@st.composite
def columns(draw: st.DrawFn) -> tuple[Any, ...]:
    """Columns of about one length (sometimes not), as lists, arrays or mappings."""
    count = draw(st.integers(0, 12))

    def column(values: st.SearchStrategy[Any]) -> list[Any]:
        size = count if draw(st.integers(0, 9)) else draw(st.integers(0, 14))
        return draw(st.lists(values, min_size=size, max_size=size))

    key_results = column(_IDS)
    days: Any = column(_DAYS)
    values: Any = column(_VALUES)
    if draw(st.booleans()):
        days = _array(days, draw(st.sampled_from(["datetime64[D]", "int64", "object", "U"])))
        values = _array(values, draw(st.sampled_from(["float64", "object", "int64"])))
    confidences = draw(st.none() | st.just(column(_CONFIDENCES)))
    notes: Any = draw(st.none() | st.just(column(_TEXTS)))
    if draw(st.booleans()):
        notes = draw(st.dictionaries(st.integers(-3, count + 3), _TEXTS, max_size=3))
    authors = draw(st.none() | st.just(column(_TEXTS)))
    return key_results, days, values, confidences, notes, authors


def _read(log: CheckInLog, subject: object) -> None:
    """A log that was built can be read: every row, lookups, the columns."""
    for row in range(min(len(log), 20)):
        no_escape(partial(log.checkin, row), subject)
    for ident in log.ids()[:5]:
        no_escape(partial(log.latest, ident, as_of=dt.date.max), subject)
        no_escape(partial(log.history, ident), subject)
    no_escape(lambda: log == CheckInLog.from_checkins(list(log)), subject)


class TestCheckInLog:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(found=columns())
    def test_from_columns(self, found: tuple[Any, ...]) -> None:
        """Random columns give a ValidationError or a log whose rows can all be read."""
        log = no_escape(lambda: CheckInLog.from_columns(*found), found)
        if log is not None:
            _read(log, found)

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(
        rows=st.lists(
            st.one_of(
                st.tuples(_IDS, _DAYS, _VALUES),
                st.lists(st.one_of(_IDS, _DAYS, _VALUES, _CONFIDENCES, _TEXTS), max_size=8),
                hostile_values(raw=False),
            ),
            max_size=8,
        ),
        known=st.none() | st.lists(_IDS, max_size=3),
    )
    def test_from_rows(self, rows: list[Any], known: list[Any] | None) -> None:
        """Random rows (of any length, or not rows at all) give an OKRError or a log."""
        log = no_escape(lambda: CheckInLog.from_rows(rows, known=known), rows)
        if log is not None:
            _read(log, rows)
