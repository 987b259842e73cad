"""Numbers, percentages, money, dates, durations and metric values, by babel."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math
import re
from collections.abc import Callable
from typing import ParamSpec, Protocol, TypeVar

from okrkit.errors import Message, ParameterError, UsageError, shorten
from okrkit.i18n._inputs import checked_currency, checked_date, checked_number
from okrkit.i18n._locale import N_, _, _parse, get_locale, gettext, use_locale

__all__ = [
    "MeasuredValue",
    "format_currency",
    "format_date",
    "format_day",
    "format_duration",
    "format_number",
    "format_percent",
    "format_quarter",
    "format_value",
    "format_year",
]

# -- numbers and dates ---------------------------------------------------------------------

NOT_A_NUMBER = "–"
"""What the formatters show for NaN or infinity: an en dash, never "NaN%" or "∞"."""


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _wide(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a babel formatter with room for every digit of any float.

    babel rounds through :mod:`decimal`, whose default precision (28 digits) cannot
    quantize a number such as 1e25 to three decimals and raises ``InvalidOperation``.
    """

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with decimal.localcontext(prec=400):  # a float has at most 309 integer digits
            return function(*args, **kwargs)

    return wrapper


def _is_finite(value: object) -> bool:
    """Tell whether ``value`` is a finite number (anything else is left to babel)."""
    try:
        return math.isfinite(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return True


@_wide
def format_number(value: float, *, locale: str | None = None) -> str:
    """Format a number for a person, in ``locale`` or the active locale.

    Whole numbers are shown without a fractional part; others keep up to three
    decimals. NaN and infinity are shown as an en dash (–).

    Raises:
        UsageError: when ``value`` is not a number (``None``, text such as ``"12"``);
            a :class:`TypeError`.

    Examples:
        >>> format_number(27.0), format_number(float("nan"))
        ('27', '–')
    """
    from babel.numbers import format_decimal

    value = checked_number(value)
    if not _is_finite(value):
        return NOT_A_NUMBER

    return format_decimal(value, locale=locale or get_locale())


@_wide
def format_percent(fraction: float, *, locale: str | None = None, decimals: int = 1) -> str:
    """Format a fraction as a percentage: ``0.356`` is 35.6%.

    Args:
        fraction: The share, where 1.0 is 100%; NaN or infinity shows as
            an en dash (–), never "NaN%".
        locale: The locale, or the active one.
        decimals: The most decimals to show (trailing zeros are dropped).

    Raises:
        UsageError: when ``fraction`` is not a number (a :class:`TypeError`).

    Examples:
        >>> format_percent(0.356, locale="en"), format_percent(0.5, locale="vi")
        ('35.6%', '50%')
        >>> format_percent(float("nan"))
        '–'
    """
    from babel.numbers import format_percent as babel_format_percent

    fraction = checked_number(fraction, "fraction")
    if not _is_finite(fraction):
        return NOT_A_NUMBER

    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "") + "%"
    return babel_format_percent(fraction, format=pattern, locale=locale or get_locale())


def _default_currency(locale: str) -> str:
    from babel.numbers import get_territory_currencies

    parsed = _parse(locale)
    if parsed.language == "vi":
        return "VND"
    if parsed.territory:
        currencies = get_territory_currencies(parsed.territory)
        if currencies:
            return currencies[0]
    return "USD"


@_wide
def format_currency(
    amount: float, currency: str | None = None, *, locale: str | None = None
) -> str:
    r"""Format an amount of money; the currency defaults to the locale's (VND for vi).

    Raises:
        UsageError: when ``amount`` is not a number, or ``currency`` not a three-letter
            ISO 4217 code (a :class:`TypeError`), as for
            :func:`~okrkit.i18n.format_amount`.

    Examples:
        >>> format_currency(1500000, locale="vi")
        '1.500.000\xa0₫'
        >>> format_currency(4000, "USD", locale="en"), format_currency(4000.5, "USD", locale="en")
        ('$4,000', '$4,000.50')
    """
    from babel.numbers import format_currency as babel_format_currency

    amount = checked_number(amount, "amount")
    code = checked_currency(currency)
    if not _is_finite(amount):
        return NOT_A_NUMBER
    locale = locale or get_locale()
    code = code or _default_currency(locale)
    if float(amount).is_integer():
        # Whole amounts read better without ",00": 4.000 US$, not 4.000,00 US$.
        pattern = _parse(locale).currency_formats["standard"].pattern
        whole = re.sub(r"\.0+", "", pattern)
        return babel_format_currency(
            amount, code, locale=locale, format=whole, currency_digits=False
        )
    return babel_format_currency(amount, code, locale=locale)


VIETNAMESE_DATE = "d/M/yyyy"
"""How Vietnamese text writes a date, ``27/3/2026``: the vi layer over CLDR's medium style."""


def format_date(
    value: dt.date | str,
    *,
    locale: str | None = None,
    format: str | None = None,  # noqa: A002 - babel's own name for it
) -> str:
    """Format a date as text shows it: ``31/3/2026`` in Vietnamese, ``Mar 31, 2026`` in English.

    The one function for a date shown to a person, in a header, a table, a title or
    a sentence. Vietnamese business writing puts a date as d/M/yyyy, and "ngày"
    before it in a sentence ("trước ngày 31/5/2026"); the translation of the
    sentence writes that word. CLDR's Vietnamese medium style ("31 thg 3, 2026")
    reads as a machine's, so it is not the default. Every other locale gets
    babel's medium style.

    Args:
        value: The date, or its ISO 8601 text (``"2026-03-31"``). ``None`` is refused,
            never read as today: a missing date is for the caller to show as such.
        locale: The locale, or the active one.
        format: ``None`` for the style above; ``short``, ``medium``, ``long``,
            ``full`` or a CLDR pattern for babel's.

    Raises:
        UsageError: when ``value`` is neither a date nor text (``None``, a number);
            a :class:`TypeError`.
        ParameterError: for text that is not an ISO date (a :class:`ValueError`).

    Examples:
        >>> format_date(dt.date(2026, 3, 31), locale="vi"), format_date(dt.date(2026, 3, 31), locale="en")
        ('31/3/2026', 'Mar 31, 2026')
        >>> format_date(dt.date(2026, 3, 31), locale="vi", format="long")
        '31 tháng 3, 2026'
        >>> format_date("2026-03-31", locale="vi")
        '31/3/2026'
    """  # noqa: E501
    from babel.dates import format_date as babel_format_date

    value = checked_date(value)
    chosen = locale or get_locale()
    pattern = format
    if pattern is None:
        pattern = VIETNAMESE_DATE if _parse(chosen).language == "vi" else "medium"
    return babel_format_date(value, format=pattern, locale=chosen)


format_day = format_date
"""Another name of :func:`format_date`, which okrkit's own modules used for dates in sentences."""


# -- cycle names ---------------------------------------------------------------------------


def format_quarter(year: int, quarter: int, *, locale: str | None = None) -> str:
    """The name of a calendar quarter: ``Quý 1/2026`` in Vietnamese, ``Q1 2026`` in English.

    :meth:`okrkit.Cycle.quarter` names its cycle with it, in the active locale.

    Examples:
        >>> format_quarter(2026, 1, locale="vi"), format_quarter(2026, 1, locale="en")
        ('Quý 1/2026', 'Q1 2026')
    """
    with use_locale(locale or get_locale()):
        # TRANSLATORS: the name of a calendar quarter, such as "Q1 2026"; the year is
        # written without grouping.
        return gettext("Q{quarter} {year}").format(quarter=quarter, year=year)


def format_year(year: int, *, locale: str | None = None) -> str:
    """The name of a calendar year: ``Năm 2026`` in Vietnamese, ``2026`` in English.

    :meth:`okrkit.Cycle.year` names its cycle with it, in the active locale.

    Examples:
        >>> format_year(2026, locale="vi"), format_year(2026, locale="en")
        ('Năm 2026', '2026')
    """
    with use_locale(locale or get_locale()):
        # TRANSLATORS: the name of a calendar year as a cycle of OKRs, "2026" in
        # English; the year is written without grouping.
        return gettext("{year}").format(year=year)


_DURATION_UNITS = {
    "minute": "duration-minute",
    "hour": "duration-hour",
    "day": "duration-day",
    "week": "duration-week",
    "month": "duration-month",
    "quarter": "duration-quarter",
    "year": "duration-year",
}

# The vi layer over CLDR's units: CLDR has only the short Vietnamese form, which says
# "tiếng" for an hour, the spoken word; titles, tables and business writing say "giờ".
_VIETNAMESE_UNITS = {"duration-hour": "{0} giờ"}

# A metric's duration units (okrkit.Unit's values), by the unit format_duration counts.
_DURATION_OF_UNIT = {
    "duration_minutes": "minute",
    "duration_hours": "hour",
    "duration_days": "day",
}


@_wide
def format_duration(
    value: float | dt.timedelta, unit: str = "day", *, locale: str | None = None
) -> str:
    """Format a length of time: ``12`` days is "12 ngày" in Vietnamese.

    Vietnamese says "giờ" for hours ("36 giờ"), as business writing does, where CLDR's
    short form says "tiếng".

    Args:
        value: A number of ``unit``, or a :class:`datetime.timedelta` (read in days).
        unit: ``minute``, ``hour``, ``day`` (the default), ``week``, ``month``,
            ``quarter`` or ``year``.
        locale: The locale, or the active one.

    Raises:
        UsageError: when ``value`` is neither a number nor a timedelta (a
            :class:`TypeError`).
        ParameterError: for an unknown ``unit`` (a :class:`ValueError`).

    Examples:
        >>> format_duration(12, locale="vi"), format_duration(3, "month", locale="en")
        ('12 ngày', '3 months')
        >>> format_duration(36, "hour", locale="vi"), format_duration(1.5, "hour", locale="vi")
        ('36 giờ', '1,5 giờ')
    """
    from babel.numbers import format_decimal
    from babel.units import format_unit

    if isinstance(value, dt.timedelta):
        value = value.total_seconds() / 86400
        unit = "day"
    number = checked_number(value)
    try:
        measure = _DURATION_UNITS[unit]
    except (KeyError, TypeError):
        raise ParameterError(
            _("unknown unit {unit}; use one of {known}").format(
                unit=shorten(unit), known=", ".join(_DURATION_UNITS)
            )
        ) from None
    if not _is_finite(number):
        return NOT_A_NUMBER
    locale = locale or get_locale()
    own = _VIETNAMESE_UNITS.get(measure) if _parse(locale).language == "vi" else None
    if own is not None:
        return own.format(format_decimal(number, locale=locale))
    text = format_unit(number, measure, length="long", locale=locale)
    if measure in text:
        # Some locales (Vietnamese among them) have only the short form in CLDR.
        text = format_unit(number, measure, length="short", locale=locale)
    return text


class MeasuredValue(Protocol):
    """**Protocol:** what :func:`format_value` reads of a metric.

    :class:`okrkit.Metric` follows it; so does any object with these attributes,
    which lets this module format values without importing the model above it.
    """

    @property
    def kind(self) -> str:
        """How the value counts as progress: ``"milestone"`` reads done or not done."""
        ...

    @property
    def unit(self) -> str:
        """``"percent"``, ``"count"``, ``"currency"``, a duration or ``"score"``.

        A duration counts days (``"duration_days"``), hours or minutes.
        """
        ...

    @property
    def currency(self) -> str | None:
        """The ISO 4217 code of a currency value, such as ``"VND"``."""
        ...

    @property
    def scale(self) -> tuple[float, float] | None:
        """The ``(low, high)`` bounds of a score, such as ``(0, 10)``."""
        ...


def format_value(metric: MeasuredValue, value: float, *, locale: str | None = None) -> str:
    r"""Format a key result's value by its metric's unit, for a person to read.

    Percent values are percentage points (35 means 35%); money uses the metric's
    currency; durations count days; a milestone reads done or not done.

    Raises:
        UsageError: when ``value`` is not a number (a :class:`TypeError`). ``None``,
            the value of a key result with no check-in yet, is refused too: test for it
            and show your own words for a missing value (okrkit's reports show "—").

    Examples:
        >>> from okrkit.model import Metric
        >>> share = Metric(kind="increase", start=0, target=50, unit="percent")
        >>> format_value(share, 35, locale="en")
        '35%'
        >>> money = Metric(kind="increase", start=0, target=3e9, unit="currency", currency="VND")
        >>> format_value(money, 1500000, locale="vi")
        '1.500.000\xa0₫'
        >>> days = Metric(kind="decrease", start=30, target=12, unit="duration_days")
        >>> format_value(days, 12, locale="vi")
        '12 ngày'
    """
    # The model's MetricKind and Unit are StrEnums: they equal their string values.
    if value is None:
        raise UsageError(
            Message(
                N_(
                    "'value' is empty (None), as for a key result with no check-in yet; "
                    "test for None and show a missing value your own way, such as a dash"
                )
            )
        )
    value = checked_number(value)
    if not _is_finite(value):
        return NOT_A_NUMBER
    locale = locale or get_locale()
    if metric.kind == "milestone":
        with use_locale(locale):
            return gettext("done") if value >= 1 else gettext("not done")
    if metric.unit == "percent":
        return format_percent(value / 100, locale=locale, decimals=2)
    if metric.unit == "currency":
        return format_currency(value, metric.currency, locale=locale)
    if metric.unit in _DURATION_OF_UNIT:
        return format_duration(value, _DURATION_OF_UNIT[metric.unit], locale=locale)
    number = format_number(value, locale=locale)
    if metric.unit == "score" and metric.scale is not None:
        return f"{number}/{format_number(metric.scale[1], locale=locale)}"
    return number
