"""Localisation: the one door every user-facing string and number goes through.

Strings are marked with :func:`_` (gettext) where they are written, so that
babel's extractor finds them all; numbers and dates shown to a person are
formatted by babel for the active locale.

The active locale comes from the ``OKRKIT_LOCALE`` environment variable and
falls back to English (``en``).

Examples:
    >>> format_number(1500000.5, locale="vi")
    '1.500.000,5'
    >>> format_number(1500000.5, locale="en")
    '1,500,000.5'
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrkit.model import Metric

__all__ = [
    "DEFAULT_LOCALE",
    "N_",
    "format_date",
    "format_number",
    "format_value",
    "get_locale",
    "gettext",
    "ngettext",
]

DEFAULT_LOCALE = "en"
"""The locale used when nothing else chooses one."""

_ENV_VAR = "OKRKIT_LOCALE"

# Message catalogues arrive with the localisation layer; until then every
# message is its own (English) translation.
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def gettext(message: str) -> str:
    """Translate ``message`` into the active locale.

    Args:
        message: The English message, written as a literal where it is used so
            that extraction finds it.

    Returns:
        The translated message, or ``message`` itself when no translation exists.

    Examples:
        >>> gettext("on track")
        'on track'
    """
    return _translations.gettext(message)


_ = gettext


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction without translating it yet.

    Use it where a message is defined before the locale is known (a table of
    labels at import time); translate it with :func:`gettext` where it is shown.

    Examples:
        >>> N_("at risk")
        'at risk'
    """
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count.

    Examples:
        >>> ngettext("{n} key result", "{n} key results", 2).format(n=2)
        '2 key results'
    """
    return _translations.ngettext(singular, plural, n)


def get_locale() -> str:
    """Return the active locale identifier (``OKRKIT_LOCALE``, else ``en``).

    Examples:
        >>> isinstance(get_locale(), str)
        True
    """
    return os.environ.get(_ENV_VAR) or DEFAULT_LOCALE


def format_number(value: float, *, locale: str | None = None) -> str:
    """Format a number for a person, in ``locale`` or the active locale.

    Whole numbers are shown without a fractional part; others keep up to three
    decimals.

    Examples:
        >>> format_number(27.0)
        '27'
    """
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale or get_locale())


def format_date(value: dt.date, *, locale: str | None = None) -> str:
    """Format a date for a person, in ``locale`` or the active locale.

    Examples:
        >>> format_date(dt.date(2026, 3, 31), locale="en")
        'Mar 31, 2026'
    """
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format="medium", locale=locale or get_locale())


def format_value(metric: Metric, value: float, *, locale: str | None = None) -> str:
    r"""Format a key result's value by its metric's unit, for a person to read.

    Percent values are percentage points (35 means 35%); money uses the metric's
    currency; durations count days; a milestone reads done or not done.

    Examples:
        >>> from okrkit.model import Metric
        >>> share = Metric(kind="increase", start=0, target=50, unit="percent")
        >>> format_value(share, 35, locale="en")
        '35%'
        >>> money = Metric(kind="increase", start=0, target=3e9, unit="currency", currency="VND")
        >>> format_value(money, 1500000, locale="vi")
        '1.500.000\xa0₫'
    """
    from babel.numbers import format_currency, format_decimal, format_percent

    from okrkit.model import MetricKind, Unit

    locale = locale or get_locale()
    if metric.kind is MetricKind.MILESTONE:
        return gettext("done") if value >= 1 else gettext("not done")
    if metric.unit is Unit.PERCENT:
        return format_percent(value / 100, format="#,##0.##%", locale=locale)
    if metric.unit is Unit.CURRENCY and metric.currency:
        return format_currency(value, metric.currency, locale=locale)
    number = format_decimal(value, locale=locale)
    if metric.unit is Unit.DURATION_DAYS:
        return ngettext("{n} day", "{n} days", 1 if value == 1 else 2).format(n=number)
    if metric.unit is Unit.SCORE and metric.scale is not None:
        return f"{number}/{format_decimal(metric.scale[1], locale=locale)}"
    return number
