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

from okrkit.errors import LocaleError
from okrkit.i18n._formats import (
    MeasuredValue,
    format_currency,
    format_date,
    format_day,
    format_duration,
    format_number,
    format_percent,
    format_value,
)
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

_ = gettext
"""The usual short name of :func:`gettext`, for ``from okrkit.i18n import _``."""

__all__ = [
    "DEFAULT_LOCALE",
    "DOMAIN",
    "N_",
    "SHIPPED_LOCALES",
    "LocaleError",
    "MeasuredValue",
    "format_currency",
    "format_date",
    "format_day",
    "format_duration",
    "format_number",
    "format_percent",
    "format_value",
    "get_locale",
    "gettext",
    "held_locale",
    "ngettext",
    "set_locale",
    "use_locale",
]
