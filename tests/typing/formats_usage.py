"""Dates, amounts and cycle names as a user formats and reads them; `mypy --strict` checks it.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from okrkit import Cycle
from okrkit.errors import ParameterError
from okrkit.i18n import (
    COMPACT_FROM,
    VIETNAMESE_DATE,
    format_amount,
    format_date,
    format_quarter,
    format_year,
    parse_amount,
    use_locale,
)


def title_amount(revenue: float) -> str:
    """A revenue target for a title: "5,5 tỷ đồng" in Vietnamese."""
    with use_locale("vi"):
        return format_amount(revenue, "VND")


def table_amount(revenue: Decimal) -> str:
    """Every digit, for a table."""
    return format_amount(revenue, "USD", compact=False, locale="en")


def read_revenue(typed: str) -> Decimal | None:
    """What a person typed, or None when it is no amount in đồng."""
    try:
        amount: Decimal = parse_amount(typed, "VND", locale="vi")
    except ParameterError:
        return None
    return amount


def in_words(amount: Decimal) -> bool:
    """Whether format_amount may write ``amount`` in words of its unit."""
    return amount >= COMPACT_FROM


def header(day: dt.date, cycle: Cycle) -> str:
    """A report header: the cycle's name and a date as the locale writes one."""
    pattern: str = VIETNAMESE_DATE
    return f"{cycle.name} · {format_date(day)} · {format_date(day, format=pattern)}"


def names() -> tuple[str, str]:
    """The names a quarter and a year get in Vietnamese."""
    return format_quarter(2026, 1, locale="vi"), format_year(2026, locale="vi")
