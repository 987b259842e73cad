"""Dates as people type them: ``2026-03-31`` everywhere, ``31/3/2026`` in Vietnamese too.

okrkit writes a date for a Vietnamese reader as ``31/3/2026`` (day, month, year; see
:func:`~okrkit.i18n.format_date`), so a Vietnamese user types dates that way back:
:func:`parse_date` reads ``31/3/2026``, ``31/03/2026``, ``31-3-2026`` and ``31.3.2026``
in Vietnamese, as well as ISO 8601's ``2026-03-31``. In English, and in every other
locale, it reads ISO dates only: ``3/5/2026`` is the 3rd of May in much of the world
and March 5 in the United States, and a date read the wrong way would go unnoticed.
"""

from __future__ import annotations

import datetime as dt
import re

from okrkit.errors import Message, ParameterError, Shown, UsageError, shorten
from okrkit.i18n._locale import N_, _, _parse, get_locale

__all__ = ["parse_date", "reads_day_first"]

# Day, month and year, one separator between them: 31/3/2026, 31-03-2026, 31.3.2026.
_DAY_FIRST = re.compile(
    r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4})"
)
_LONGEST_TEXT = 64
_DAY_FIRST_LANGUAGES = frozenset({"vi"})


def reads_day_first(locale: str | None = None) -> bool:
    """Whether :func:`parse_date` reads ``31/3/2026`` (day/month/year) in ``locale``.

    True in Vietnamese, where okrkit writes dates that way; false elsewhere, where only
    ISO dates (``2026-03-31``) are read.

    Examples:
        >>> reads_day_first("vi"), reads_day_first("vi_VN"), reads_day_first("en")
        (True, True, False)
    """
    return _parse(locale or get_locale()).language in _DAY_FIRST_LANGUAGES


def parse_date(text: str, *, locale: str | None = None) -> dt.date:
    """Read a date as a person types it in ``locale``.

    ISO 8601 (``2026-03-31``) is read in every locale; in Vietnamese, day/month/year
    too (``31/3/2026``, ``31/03/2026``, with ``/``, ``-`` or ``.`` between), as okrkit
    writes dates for a Vietnamese reader. Other locales read ISO dates only, where
    ``3/5/2026`` could be March 5 or May 3 (see :func:`reads_day_first`).

    Args:
        text: What was typed; spaces around it are ignored.
        locale: The locale, or the active one.

    Returns:
        The date.

    Raises:
        ParameterError: for text that is not a date of the calendar in the locale's
            forms (a :class:`ValueError`); its message quotes the text and shows the
            forms that are read.
        UsageError: when ``text`` is not a string (a :class:`TypeError`).

    Examples:
        >>> parse_date("20/3/2026", locale="vi"), parse_date("2026-03-20", locale="en")
        (datetime.date(2026, 3, 20), datetime.date(2026, 3, 20))
        >>> parse_date("20/3/2026", locale="en")
        Traceback (most recent call last):
        ...
        okrkit.errors.ParameterError: '20/3/2026' is not a date; write it as YYYY-MM-DD, such as 2026-03-31 (a date such as 3/5/2026 could be March 5 or May 3, so it is not read)
    """  # noqa: E501
    if not isinstance(text, str):
        raise UsageError(
            _("'text' must be text such as '2026-03-31' (got {value})").format(value=shorten(text))
        )
    day_first = reads_day_first(locale)
    typed = text.strip()
    shape = _DAY_FIRST.fullmatch(typed) if len(typed) <= _LONGEST_TEXT else None
    if len(typed) <= _LONGEST_TEXT:
        try:
            return dt.date.fromisoformat(typed)
        except ValueError:
            pass
    if shape is not None and day_first:
        try:
            return dt.date(int(shape["year"]), int(shape["month"]), int(shape["day"]))
        except ValueError:
            pass
    if day_first:
        message = N_(
            "{value} is not a date; write it as day/month/year, such as 31/3/2026, or as "
            "YYYY-MM-DD, such as 2026-03-31"
        )
    elif shape is not None:  # say why 3/5/2026 is not read
        message = N_(
            "{value} is not a date; write it as YYYY-MM-DD, such as 2026-03-31 (a date such "
            "as 3/5/2026 could be March 5 or May 3, so it is not read)"
        )
    else:
        message = N_("{value} is not a date; write it as YYYY-MM-DD, such as 2026-03-31")
    raise ParameterError(Message(message, value=Shown(text)))
