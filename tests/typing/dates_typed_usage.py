"""Dates as a user reads them back from what a person typed; `mypy --strict` checks it.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import datetime as dt

from okrkit.errors import ParameterError
from okrkit.i18n import format_date, parse_date, reads_day_first


def read_day(typed: str, locale: str) -> dt.date | None:
    """What a person typed (``20/3/2026`` in Vietnamese), or None when it is no date."""
    try:
        day: dt.date = parse_date(typed, locale=locale)
    except ParameterError:
        return None
    return day


def hint(locale: str) -> str:
    """How to ask for a date in ``locale``: the way okrkit writes it, when it is read back."""
    example = dt.date(2026, 3, 31)
    if reads_day_first(locale):
        return format_date(example, locale=locale)
    return example.isoformat()


def round_trip(day: dt.date) -> bool:
    """A Vietnamese date, written then read, is the same day."""
    return parse_date(format_date(day, locale="vi"), locale="vi") == day
