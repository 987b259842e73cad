"""Localisation: the one door every user-facing string and number goes through.

Strings are marked with :func:`_` (gettext) where they are written, so that babel's
extractor finds them all, and translated into the active locale when they are used.
Numbers, percentages, money, dates and durations shown to a person are formatted by
babel for the active locale.

okrkit ships complete translations for Vietnamese (``vi``) and English (``en``); any
other locale babel knows is accepted, formats numbers and dates its own way, and
reads the English messages.

The active locale is, in order: the innermost :func:`use_locale` block, the process
default set with :func:`set_locale`, the ``OKRKIT_LOCALE`` environment variable, the
POSIX locale variables (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), and finally English.

Examples:
    >>> with use_locale("vi"):
    ...     format_number(1500000.5), gettext("on track")
    ('1.500.000,5', 'đúng tiến độ')
    >>> format_number(1500000.5, locale="en")
    '1,500,000.5'
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import gettext as _gettext
import io
import os
import re
from contextlib import ContextDecorator
from importlib import resources
from types import TracebackType
from typing import TYPE_CHECKING

from okrkit.errors import LocaleError

if TYPE_CHECKING:
    from babel import Locale

    from okrkit.model import Metric

__all__ = [
    "DEFAULT_LOCALE",
    "DOMAIN",
    "N_",
    "SHIPPED_LOCALES",
    "LocaleError",
    "format_currency",
    "format_date",
    "format_duration",
    "format_number",
    "format_percent",
    "format_value",
    "get_locale",
    "gettext",
    "ngettext",
    "set_locale",
    "use_locale",
]

DEFAULT_LOCALE = "en"
"""The locale used when nothing else chooses one."""

SHIPPED_LOCALES = ("en", "vi")
"""The languages okrkit ships complete message catalogues for."""

DOMAIN = "okrkit"
"""The gettext domain of okrkit's message catalogues."""

_ENV_VARS = ("OKRKIT_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG")
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "okrkit_locale", default=None
)
_process_default: str | None = None


# -- choosing the locale -------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _parse(identifier: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(identifier.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise LocaleError(identifier) from None


def _normalise(identifier: str) -> str:
    """Check ``identifier`` and return babel's spelling of it (``vi-VN`` -> ``vi_VN``)."""
    return str(_parse(identifier))


def _from_environment() -> str | None:
    return _parse_environment(tuple(os.environ.get(name, "") for name in _ENV_VARS))


@functools.lru_cache(maxsize=32)
def _parse_environment(raw: tuple[str, ...]) -> str | None:
    """The locale the environment variables ask for (cached: called per message)."""
    for name, given in zip(_ENV_VARS, raw, strict=True):
        value = given.strip()
        if not value:
            continue
        if name != "OKRKIT_LOCALE":
            # POSIX values look like vi_VN.UTF-8 or vi_VN@euro; C and POSIX mean "none".
            value = value.split(".")[0].split("@")[0].split(":")[0]
            if value in ("C", "POSIX", ""):
                continue
        try:
            return _normalise(value)
        except LocaleError:
            if name == "OKRKIT_LOCALE":
                raise
            continue
    return None


def get_locale() -> str:
    """Return the active locale identifier, such as ``"vi"`` or ``"en_US"``.

    Examples:
        >>> with use_locale("vi_VN"):
        ...     get_locale()
        'vi_VN'
    """
    return _current.get() or _process_default or _from_environment() or DEFAULT_LOCALE


def set_locale(locale: str | None) -> None:
    """Set the process-wide default locale; ``None`` goes back to the environment.

    :func:`use_locale` blocks still win inside them.

    Raises:
        LocaleError: when babel does not know ``locale``.
    """
    global _process_default  # noqa: PLW0603 - the one process-wide setting
    _process_default = None if locale is None else _normalise(locale)


class use_locale(ContextDecorator):  # noqa: N801 - reads as a function, like contextlib's
    """Use ``locale`` inside a ``with`` block or a decorated function.

    The choice is kept in a context variable, so threads and asyncio tasks each keep
    their own.

    Examples:
        >>> @use_locale("vi")
        ... def status_word():
        ...     return gettext("at risk")
        >>> status_word()
        'có rủi ro'

    Raises:
        LocaleError: when babel does not know ``locale``.
    """

    def __init__(self, locale: str) -> None:
        self.locale = _normalise(locale)
        self._tokens: list[contextvars.Token[str | None]] = []

    def __enter__(self) -> str:
        self._tokens.append(_current.set(self.locale))
        return self.locale

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _current.reset(self._tokens.pop())


# -- messages ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _translations(language: str) -> _gettext.NullTranslations:
    """The catalogue of one language: the compiled .mo, else the .po compiled in memory."""
    from babel.support import Translations

    folder = resources.files("okrkit") / "locales" / language / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    if mo.is_file() and not _newer(po, mo):
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if po.is_file():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return Translations(buffer, domain=DOMAIN)
    return _gettext.NullTranslations()


def _newer(first: object, second: object) -> bool:
    """Whether file ``first`` was changed after ``second`` (a .po edited since its .mo)."""
    try:
        return os.stat(str(first)).st_mtime > os.stat(str(second)).st_mtime
    except OSError:
        return False


def _active_translations() -> _gettext.NullTranslations:
    try:
        language = _parse(get_locale()).language
    except LocaleError:
        # A wrong OKRKIT_LOCALE is reported by get_locale(); messages, including
        # that report itself, fall back to English meanwhile.
        return _gettext.NullTranslations()
    return _translations(language)


def gettext(message: str) -> str:
    """Translate ``message`` into the active locale.

    Args:
        message: The English message, written as a literal where it is used so that
            extraction finds it.

    Returns:
        The translated message, or ``message`` itself when the locale has none.

    Examples:
        >>> gettext("on track")
        'on track'
    """
    return _active_translations().gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count.

    Examples:
        >>> ngettext("{n} key result", "{n} key results", 2).format(n=2)
        '2 key results'
    """
    return _active_translations().ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction without translating it yet.

    Use it where a message is defined before the locale is known (a table of
    labels at import time); translate it with :func:`gettext` where it is shown.

    Examples:
        >>> N_("at risk")
        'at risk'
    """
    return message


# -- numbers and dates ---------------------------------------------------------------------


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


def format_percent(fraction: float, *, locale: str | None = None, decimals: int = 1) -> str:
    """Format a fraction as a percentage: ``0.356`` is 35.6%.

    Args:
        fraction: The share, where 1.0 is 100%.
        locale: The locale, or the active one.
        decimals: The most decimals to show (trailing zeros are dropped).

    Examples:
        >>> format_percent(0.356, locale="en"), format_percent(0.5, locale="vi")
        ('35.6%', '50%')
    """
    from babel.numbers import format_percent as babel_format_percent

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


def format_currency(
    amount: float, currency: str | None = None, *, locale: str | None = None
) -> str:
    r"""Format an amount of money; the currency defaults to the locale's (VND for vi).

    Examples:
        >>> format_currency(1500000, locale="vi")
        '1.500.000\xa0₫'
        >>> format_currency(4000, "USD", locale="en"), format_currency(4000.5, "USD", locale="en")
        ('$4,000', '$4,000.50')
    """
    from babel.numbers import format_currency as babel_format_currency

    locale = locale or get_locale()
    code = currency or _default_currency(locale)
    if float(amount).is_integer():
        # Whole amounts read better without ",00": 4.000 US$, not 4.000,00 US$.
        pattern = _parse(locale).currency_formats["standard"].pattern
        whole = re.sub(r"\.0+", "", pattern)
        return babel_format_currency(
            amount, code, locale=locale, format=whole, currency_digits=False
        )
    return babel_format_currency(amount, code, locale=locale)


def format_date(value: dt.date, *, locale: str | None = None, format: str = "medium") -> str:  # noqa: A002
    """Format a date for a person, in ``locale`` or the active locale.

    Args:
        value: The date.
        locale: The locale, or the active one.
        format: ``short``, ``medium`` (the default), ``long`` or ``full``, or a
            CLDR pattern.

    Examples:
        >>> format_date(dt.date(2026, 3, 31), locale="en")
        'Mar 31, 2026'
        >>> format_date(dt.date(2026, 3, 31), locale="vi")
        '31 thg 3, 2026'
    """
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=format, locale=locale or get_locale())


_DURATION_UNITS = {
    "day": "duration-day",
    "week": "duration-week",
    "month": "duration-month",
    "quarter": "duration-quarter",
    "year": "duration-year",
}


def format_duration(
    value: float | dt.timedelta, unit: str = "day", *, locale: str | None = None
) -> str:
    """Format a length of time: ``12`` days is "12 ngày" in Vietnamese.

    Args:
        value: A number of ``unit``, or a :class:`datetime.timedelta` (read in days).
        unit: ``day`` (the default), ``week``, ``month``, ``quarter`` or ``year``.
        locale: The locale, or the active one.

    Examples:
        >>> format_duration(12, locale="vi"), format_duration(3, "month", locale="en")
        ('12 ngày', '3 months')
    """
    from babel.units import format_unit

    if isinstance(value, dt.timedelta):
        value = value.total_seconds() / 86400
        unit = "day"
    try:
        measure = _DURATION_UNITS[unit]
    except KeyError:
        raise ValueError(
            _("unknown unit {unit!r}; use one of {known}").format(
                unit=unit, known=", ".join(_DURATION_UNITS)
            )
        ) from None
    locale = locale or get_locale()
    text = format_unit(value, measure, length="long", locale=locale)
    if measure in text:
        # Some locales (Vietnamese among them) have only the short form in CLDR.
        text = format_unit(value, measure, length="short", locale=locale)
    return text


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
        >>> days = Metric(kind="decrease", start=30, target=12, unit="duration_days")
        >>> format_value(days, 12, locale="vi")
        '12 ngày'
    """
    from okrkit.model import MetricKind, Unit

    locale = locale or get_locale()
    if metric.kind is MetricKind.MILESTONE:
        with use_locale(locale):
            return gettext("done") if value >= 1 else gettext("not done")
    if metric.unit is Unit.PERCENT:
        return format_percent(value / 100, locale=locale, decimals=2)
    if metric.unit is Unit.CURRENCY:
        return format_currency(value, metric.currency, locale=locale)
    if metric.unit is Unit.DURATION_DAYS:
        return format_duration(value, locale=locale)
    number = format_number(value, locale=locale)
    if metric.unit is Unit.SCORE and metric.scale is not None:
        return f"{number}/{format_number(metric.scale[1], locale=locale)}"
    return number
