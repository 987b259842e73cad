"""Times in a store: whole microseconds since 1970-01-01 UTC.

A naive datetime is read as UTC; a date given as ``as_of`` means the end of that day,
UTC; ISO text is read as a date when it has no time, else as a datetime.
"""

from __future__ import annotations

import datetime as dt

from okrkit.errors import Message, Shown, UsageError
from okrkit.i18n import N_
from okrkit.model import as_date

__all__ = ["as_of_stamp", "from_stamp", "now", "to_stamp"]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_DAY = 86_400_000_000


def now() -> dt.datetime:
    """The current time, UTC."""
    return dt.datetime.now(dt.UTC)


def to_stamp(at: dt.datetime | None, name: str = "at") -> int:
    """``at`` (now when ``None``) as microseconds since the epoch, UTC.

    Raises:
        UsageError: when ``at`` is not a datetime.

    Examples:
        >>> to_stamp(dt.datetime(1970, 1, 1, 0, 0, 1))
        1000000
    """
    if at is None:
        at = now()
    if not isinstance(at, dt.datetime):
        raise UsageError(
            Message(N_("{name!r} must be a datetime (got {value!r})"), name=name, value=Shown(at))
        )
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return (at - _EPOCH) // dt.timedelta(microseconds=1)


def as_of_stamp(as_of: object) -> int | None:
    """The last microsecond that ``as_of`` takes in: a date's end of day, UTC.

    Examples:
        >>> as_of_stamp(None) is None, as_of_stamp("1970-01-01")
        (True, 86399999999)
    """
    if as_of is None:
        return None
    if isinstance(as_of, str) and len(as_of.strip()) > 10:
        try:
            return to_stamp(dt.datetime.fromisoformat(as_of.strip()), "as_of")
        except ValueError:
            pass  # as_date() says what is wrong with it
    if isinstance(as_of, dt.datetime):
        return to_stamp(as_of, "as_of")
    day = as_date(as_of)
    return (day.toordinal() - dt.date(1970, 1, 1).toordinal() + 1) * _DAY - 1


def from_stamp(stamp: int) -> dt.datetime:
    """Microseconds since the epoch as an aware UTC datetime."""
    return _EPOCH + dt.timedelta(microseconds=stamp)
