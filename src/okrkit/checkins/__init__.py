"""The check-in log: every key result's values over time, stored by column.

A :class:`CheckInLog` keeps every check-in in numpy columns (key result code, day,
value, confidence), sorted once by key result and day; notes and authors are kept
only for the rows that have them. "The value as of a date" is one vectorised search
over the sorted log. An :class:`~okrkit.OKRSet` holds one as its ``checkins``; build
one yourself from check-ins, rows, columns, a pandas DataFrame or an Arrow table, or
import one from a CSV, Excel or Parquet file, every row checked (docs/import.md).

Examples:
    >>> import datetime as dt
    >>> import okrkit
    >>> okrs = okrkit.load("examples/acme.en.yaml")
    >>> log = okrs.checkins
    >>> log.value_at("kr-velocity", dt.date(2026, 2, 1))
    28.0
    >>> log.latest("kr-velocity", as_of=dt.date(2026, 3, 31)).on
    datetime.date(2026, 3, 27)
"""

from __future__ import annotations

from okrkit.checkins._log import CheckInLog, Series
from okrkit.model._hooks import lend

__all__ = ["CheckInLog", "Series"]

# The model sits below this layer: OKRSet(checkins=[CheckIn, ...]) builds its log with
# the class lent here (see okrkit/model/_hooks.py).
lend(checkin_log=CheckInLog)
