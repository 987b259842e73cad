"""Localisation: the one door every user-facing string and number goes through.

Strings are marked with :func:`_` (gettext) where they are written, so that babel's
extractor finds them all, and translated into the active locale when they are used.
Numbers, percentages, money, dates and durations shown to a person are formatted by
babel for the active locale, with a small Vietnamese layer on top where CLDR's
Vietnamese is not what Vietnamese business text writes: dates as ``27/3/2026``
(:func:`format_date`, read back by :func:`parse_date`), amounts in words as
``5,5 tỷ đồng`` (:func:`format_amount`, read back by :func:`parse_amount`), cycles
named ``Quý 1/2026`` and ``Năm 2026`` (:func:`format_quarter`, :func:`format_year`).

okrkit ships complete translations for Vietnamese (``vi``) and English (``en``); any
other locale babel knows is accepted, formats numbers and dates its own way, and
reads the English messages. The Vietnamese follows one glossary (:data:`GLOSSARY`,
:func:`term`): one term per OKR concept, such as "liên kết" for alignment, and tone
marks placed the modern way, "hóa" and "tùy" (:func:`modern_spelling`).

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

from okrkit.errors import LocaleError
from okrkit.errors._message import lend as _lend
from okrkit.i18n._amounts import COMPACT_FROM, COMPACT_UNTIL, format_amount, parse_amount
from okrkit.i18n._dates import parse_date, reads_day_first
from okrkit.i18n._formats import (
    VIETNAMESE_DATE,
    MeasuredValue,
    format_currency,
    format_date,
    format_day,
    format_duration,
    format_number,
    format_percent,
    format_quarter,
    format_value,
    format_year,
)
from okrkit.i18n._glossary import GLOSSARY, Term, term
from okrkit.i18n._locale import (
    DEFAULT_LOCALE,
    DOMAIN,
    N_,
    SHIPPED_LOCALES,
    get_locale,
    gettext,
    held_locale,
    ngettext,
    set_locale,
    use_locale,
)
from okrkit.i18n._locale import (
    _translations as _translations,  # for tests that clear its cache
)
from okrkit.i18n._spelling import SPELLINGS, modern_spelling, old_spellings

_ = gettext
"""The usual short name of :func:`gettext`, for ``from okrkit.i18n import _``."""

# okrkit.errors words its messages when they are shown: it formats their numbers and
# dates with these, in the locale then active (gettext is lent by okrkit.i18n._locale).
_lend(format_number=format_number, format_date=format_date, in_locale=use_locale)

__all__ = [
    "COMPACT_FROM",
    "COMPACT_UNTIL",
    "DEFAULT_LOCALE",
    "DOMAIN",
    "GLOSSARY",
    "N_",
    "SHIPPED_LOCALES",
    "SPELLINGS",
    "VIETNAMESE_DATE",
    "LocaleError",
    "MeasuredValue",
    "Term",
    "format_amount",
    "format_currency",
    "format_date",
    "format_day",
    "format_duration",
    "format_number",
    "format_percent",
    "format_quarter",
    "format_value",
    "format_year",
    "get_locale",
    "gettext",
    "held_locale",
    "modern_spelling",
    "ngettext",
    "old_spellings",
    "parse_amount",
    "parse_date",
    "reads_day_first",
    "set_locale",
    "term",
    "use_locale",
]
