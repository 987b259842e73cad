"""Reading the cells of an imported column: ids, days, numbers, confidences and texts.

Each reader takes a whole column (a list of cells, or a typed numpy array) and returns
it typed, at C speed where the cells allow: a column's distinct cells are read once
(an import repeats its key results, days and confidences on every row) and mapped back
onto the rows with ``map``; numbers are read with ``float`` over the column. A cell that
cannot be read is told to :class:`BadRows`, with why and how to fix it; only the first
reason of each row is kept.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from okrkit.checkins._columns import EPOCH_ORDINAL
from okrkit.checkins._sources import Column, Spans
from okrkit.errors import HINT_LIMIT, Message, Shown, Suggestions, shorten
from okrkit.errors._message import Spelled
from okrkit.i18n import N_
from okrkit.model._checks import is_valid_id

__all__ = ["BadRows", "Hints", "cells_of", "is_missing", "mapped", "read_days", "read_ids"]

_T = TypeVar("_T")
_ISO = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?\Z"
)
_SLASHED = re.compile(r"[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}\Z")


class BadRows:
    """The rows of an import that cannot be kept: the first reason of each, by row.

    Rows are positions in the source's data (0 for the first data row); each reason
    names the field whose cell is wrong. A reason is worded only when it is shown
    (:meth:`message`): an import of 100,000 bad rows words the few its error lists.
    """

    __slots__ = ("reasons",)

    def __init__(self) -> None:
        self.reasons: dict[int, tuple[str, Callable[[int], Message]]] = {}

    def add(self, row: int, field: str, message: Message) -> None:
        """Refuse ``row`` for ``message`` about ``field``, unless it is refused already."""
        if row not in self.reasons:
            self.reasons[row] = (field, lambda _row: message)

    def add_all(
        self, rows: npt.NDArray[np.int64], field: str, message_of: Callable[[int], Message]
    ) -> None:
        """Refuse each of ``rows``, worded by ``message_of(row)`` when shown."""
        reason = (field, message_of)
        for row in rows.tolist():
            self.reasons.setdefault(row, reason)

    def message(self, row: int) -> tuple[str, Message]:
        """The field and the words of ``row``'s reason."""
        field, message_of = self.reasons[row]
        return field, message_of(row)

    def mask(self, count: int) -> npt.NDArray[np.bool_]:
        """Which of ``count`` rows are refused."""
        mask = np.zeros(count, dtype=bool)
        mask[np.fromiter(self.reasons, dtype=np.int64, count=len(self.reasons))] = True
        return mask


class _Opaque:
    """A cell that cannot be a dictionary key (a list in a frame): read as itself, once."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return shorten(self.value)


def cells_of(column: Column) -> list[Any]:
    """The cells of ``column`` as a list of Python objects (categories decoded)."""
    if isinstance(column, tuple):
        categories = [*column[0], None]  # code -1, for none, reads the last: None
        return [categories[code] for code in np.asarray(column[1]).tolist()]
    if isinstance(column, Spans):
        return column.cells()
    return column.tolist() if isinstance(column, np.ndarray) else list(column)


def mapped(cells: list[Any], read: Callable[[Any], _T]) -> tuple[list[Any], dict[Any, _T]]:
    """Read each distinct cell once; return the cells (made hashable) and what each reads as."""
    try:
        found = dict.fromkeys(cells)
    except TypeError:  # an unhashable cell
        cells = [cell if isinstance(cell, Hashable) else _Opaque(cell) for cell in cells]
        found = dict.fromkeys(cells)
    return cells, {cell: read(cell) for cell in found}


def is_missing(cell: object) -> bool:
    """Whether ``cell`` holds nothing: None, blank text, NaN, NaT or pandas' NA."""
    return (
        cell is None
        or (isinstance(cell, str) and not cell.strip())
        or (isinstance(cell, float) and math.isnan(cell))
        or (isinstance(cell, np.datetime64) and np.isnat(cell))
        or type(cell).__name__ in {"NaTType", "NAType"}
    )


# -- key results ----------------------------------------------------------------------


def read_ids(
    column: Column,
    bad: BadRows,
    known: frozenset[str] | None,
) -> tuple[list[str], npt.NDArray[np.int32]]:
    """Each row's key result: the distinct ids, and each row's position among them.

    ``column`` is a column of ids, or ``(categories, codes)`` as a categorical column
    has them (code -1 for none). A row without an id, with one that is no id, or with
    an id not in ``known`` is refused; unknown ids get a "did you mean" hint.
    """
    if isinstance(column, tuple):
        categories, codes = [*cells_of(column[0]), None], np.asarray(column[1], dtype=np.int64)
        codes = np.where(codes < 0, len(categories) - 1, codes)
    else:
        grouped = column.distinct() if isinstance(column, Spans) else None
        if grouped is not None:
            categories, codes = grouped
        else:
            cells, index = mapped(cells_of(column), lambda _cell: 0)
            categories = list(index)
            index = dict(zip(categories, range(len(categories)), strict=True))
            codes = np.fromiter(map(index.__getitem__, cells), np.int64, len(cells))
        if _all_known(categories, known):
            return categories, codes.astype(np.int32)
    ids: list[str] = []
    messages: dict[int, Message] = {}
    hints = Hints(known)
    for code, cell in enumerate(categories):
        ident = cell.strip() if isinstance(cell, str) else cell
        ids.append(ident if isinstance(ident, str) else "")
        if is_missing(cell):
            messages[code] = Message(N_("the key result is missing"))
        elif not is_valid_id(ident):
            messages[code] = Message(
                N_(
                    "{value} is not a key result id: an id is text without spaces, such as "
                    "'kr-revenue'"
                ),
                value=Shown(cell),
            )
        elif known is not None and ident not in known:
            messages[code] = hints.unknown(ident)
    if messages:
        wrong = np.flatnonzero(np.isin(codes, np.fromiter(messages, np.int64, len(messages))))
        bad.add_all(wrong, "key_result", lambda row: messages[int(codes[row])])
    # One code per id: " kr-1" and "kr-1" are one key result.
    unique: dict[str, int] = {}
    same = np.fromiter((unique.setdefault(i, len(unique)) for i in ids), np.int64, len(ids))
    return list(unique), same[codes].astype(np.int32)


def _all_known(cells: list[Any], known: frozenset[str] | None) -> bool:
    """Whether the distinct ``cells`` are all ids, in ``known`` when given, none spaced.

    Then each cell is its own id (an id has no space to strip), and none is refused.
    """
    if not all(type(cell) is str for cell in cells):
        return False
    joined = "".join(cells)  # printable and without a space: so is every cell
    return (
        all(cells)
        and joined.isprintable()
        and " " not in joined
        and (known is None or known.issuperset(cells))
    )


class Hints:
    """The ids of ``known`` close to an unknown one; for the first few unknown ids only.

    An import of 100,000 rows naming a key result or an author that is not in the set
    looks for "did you mean" hints :data:`~okrkit.errors.HINT_LIMIT` times, not once a row.
    """

    def __init__(self, known: frozenset[str] | None) -> None:
        self.known = known
        self.index: Suggestions | None = None
        self.left = HINT_LIMIT

    def close(self, ident: str) -> str | None:
        """The known ids that look like ``ident``, quoted and joined; ``None`` for none."""
        if self.left <= 0 or not self.known:
            return None
        self.left -= 1
        self.index = self.index or Suggestions(sorted(self.known))
        return ", ".join(map(shorten, self.index.closest(ident))) or None

    def unknown(self, ident: str) -> Message:
        """The message for the unknown key result ``ident``."""
        close = self.close(ident)
        if close:
            return Message(
                N_("no key result {id!r} in the set; did you mean {close}?"),
                id=Shown(ident),
                close=close,
            )
        return Message(
            N_("no key result {id!r} in the set; add the key result first"), id=Shown(ident)
        )


# -- days -----------------------------------------------------------------------------


def read_days(column: Column, bad: BadRows, day_format: str | None) -> npt.NDArray[np.int32]:
    """Each row's day as a proleptic ordinal (0 for a refused row).

    Dates and datetimes are taken as they are; text is read as ``YYYY-MM-DD`` (a time
    after it is ignored), or with ``day_format`` (``strptime`` codes) when given.
    Day-first or month-first text is never guessed: the row is refused with a hint.
    """
    if isinstance(column, np.ndarray) and column.dtype.kind == "M":
        missing = np.isnat(column)
        days = column.astype("datetime64[D]").astype(np.int64) + EPOCH_ORDINAL
        outside = ~missing & ((days < 1) | (days > dt.date.max.toordinal()))
        bad.add_all(np.flatnonzero(missing), "on", lambda _row: Message(N_("the day is missing")))
        bad.add_all(
            np.flatnonzero(outside), "on", lambda _row: Message(N_("the day is out of range"))
        )
        return np.where(missing | outside, 0, days).astype(np.int32)
    if isinstance(column, Spans) and day_format is None:
        iso = _iso_days(column)
        if iso is not None:
            return iso
    cells, read = mapped(cells_of(column), lambda cell: _day(cell, day_format))
    lookup = {cell: day if isinstance(day, int) else 0 for cell, day in read.items()}
    days = np.fromiter(map(lookup.__getitem__, cells), np.int64, len(cells))
    bad.add_all(np.flatnonzero(days == 0), "on", lambda row: _why(read[cells[row]]))
    return days.astype(np.int32)


def _iso_days(column: Spans) -> npt.NDArray[np.int32] | None:
    """Each cell's day, when every cell is a real ``YYYY-MM-DD`` day; else ``None``.

    What :func:`_day` reads such a cell as, without making a string of it.
    """
    cells = column.fixed(10)
    if cells is None:
        return None
    digits = cells - ord("0")  # below "0" wraps round, past 9
    if (cells[:, [4, 7]] != ord("-")).any() or (digits[:, [0, 1, 2, 3, 5, 6, 8, 9]] > 9).any():
        return None

    def number(*places: int) -> npt.NDArray[np.int32]:
        value = np.zeros(len(cells), dtype=np.int32)
        for place in places:
            value = value * 10 + digits[:, place]
        return value

    year, month, day = number(0, 1, 2, 3), number(5, 6), number(8, 9)
    if len(cells) and (year.min() < 1 or month.min() < 1 or month.max() > 12 or day.min() < 1):
        return None
    months = (year - 1970) * 12 + month - 1
    first = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    following = (months + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    if (day > following - first).any():
        return None
    return (first + day - 1 + EPOCH_ORDINAL).astype(np.int32)


def _why(day: int | Message) -> Message:
    """The message of a cell :func:`_day` refused (a day read is never asked for)."""
    assert isinstance(day, Message)
    return day


def _day(cell: object, day_format: str | None) -> int | Message:
    """``cell`` as an ordinal, or the message that says why it is no day."""
    if is_missing(cell):
        return Message(N_("the day is missing"))
    if isinstance(cell, dt.datetime):
        return cell.date().toordinal()
    if isinstance(cell, dt.date):
        return cell.toordinal()
    if isinstance(cell, np.datetime64):
        day = int(cell.astype("datetime64[D]").astype(np.int64)) + EPOCH_ORDINAL
        return (
            day if 1 <= day <= dt.date.max.toordinal() else Message(N_("the day is out of range"))
        )
    if not isinstance(cell, str):
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            return Message(
                N_(
                    "{value} is a number, not a day; format the cell as a date, or write the "
                    "day as YYYY-MM-DD"
                ),
                value=Shown(cell),
            )
        return Message(N_("{value} is not a day; write it as YYYY-MM-DD"), value=Shown(cell))
    text = cell.strip()
    if day_format is not None:
        try:
            return dt.datetime.strptime(text, day_format).date().toordinal()
        except ValueError:
            if not _ISO.match(text):
                return Message(
                    N_("{value} does not match the day format {format!r}"),
                    value=Shown(text),
                    format=Shown(day_format),
                )
    found = _ISO.match(text)
    if found is not None:
        try:
            return dt.date(*map(int, found.groups())).toordinal()
        except ValueError:
            return Message(N_("{value} is not a real day of the calendar"), value=Shown(text))
    if _SLASHED.match(text):
        return Message(
            N_(
                "{value} is not written YYYY-MM-DD, and okrkit does not guess whether the day or "
                "the month comes first; give the format: {day_format} for days such as 31/12/2026"
            ),
            value=Shown(text),
            day_format=Spelled("day_format='%d/%m/%Y'", "--day-format %d/%m/%Y"),
        )
    return Message(N_("{value} is not a day; write it as YYYY-MM-DD"), value=Shown(text))
