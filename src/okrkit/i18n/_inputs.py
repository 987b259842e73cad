"""What the formatters accept: numbers, currency codes and dates, checked at the door.

A formatter given something else (``None`` for a key result with no check-in, text
such as ``"12"``, a currency code such as ``"XXXX"``) raises okrkit's error naming the
argument and the value, not babel's ``decimal.InvalidOperation`` from deep inside, and
never shows a wrong value: babel would show ``None`` as a date as today.
"""

from __future__ import annotations

import datetime as dt
import decimal
import numbers
import re
from typing import Any

from okrkit.errors import Message, Shown, UsageError, shorten
from okrkit.i18n._dates import parse_date
from okrkit.i18n._locale import N_, _

__all__ = ["checked_currency", "checked_date", "checked_number"]


def checked_number(value: object, argument: str = "value") -> Any:
    """``value`` as a number babel formats, or a :class:`UsageError` naming ``argument``.

    An int, a float or a :class:`~decimal.Decimal` is kept as it is; any other real
    number (numpy's, a fraction) becomes an int or a float. Text, even "12", is
    refused: a number read from text is read by :func:`~okrkit.i18n.parse_amount`.
    """
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    raise UsageError(
        Message(
            N_("{argument!r} must be a number, such as 1500 (got {value})"),
            argument=argument,
            value=Shown(value),
        )
    )


def checked_currency(currency: object) -> str | None:
    """``currency`` as an upper-case ISO 4217 code, or a :class:`UsageError` naming it."""
    if currency is None:
        return None
    if isinstance(currency, str) and re.fullmatch("[A-Za-z]{3}", currency):
        return currency.upper()
    raise UsageError(
        _("'currency' must be an ISO 4217 code such as 'VND' (got {value})").format(
            value=shorten(currency)
        )
    )


def checked_date(value: object) -> dt.date:
    """``value`` as a date: a date (or a datetime) as it is, ISO text read, else refused."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value, locale="en")  # ISO 8601 only, in every locale
    raise UsageError(
        Message(
            N_("'value' must be a date, such as date(2026, 3, 31) or '2026-03-31' (got {value})"),
            value=Shown(value),
        )
    )
