"""Reading the cells of an imported column: values, confidences, notes and authors.

As :mod:`okrkit.checkins._cells`, which reads the key results and days: a column at
once where its cells allow (``float`` mapped over the column, each distinct
confidence read once), one cell at a time only to say why a row is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from okrkit.checkins._cells import BadRows, Hints, cells_of, is_missing, mapped
from okrkit.checkins._headers import normal_header
from okrkit.checkins._sources import Column, Spans
from okrkit.errors import Message, Problem, Shown
from okrkit.errors._message import Spelled
from okrkit.i18n import N_
from okrkit.model import Confidence
from okrkit.model._checks import is_storable, is_valid_id

__all__ = [
    "author_problem",
    "read_levels",
    "read_texts",
    "read_values",
    "refuse_strangers",
]

_LEVELS = {normal_header(member.name): int(member) for member in Confidence}
_LEVELS.update({str(level): level for level in range(1, 6)})
_GROUPED_COMMA = re.compile(
    r"[+-]?(?:[0-9]{1,3}(?:[. \u00a0\u202f][0-9]{3})+|[0-9]+)(?:,[0-9]+)?\Z"
)
_GROUPS = str.maketrans("", "", ". \u00a0\u202f")
_EXACT = 15
"""The most digits a plain decimal of a CSV file is read with at once (any fewer than 16)."""
_POWERS = np.array([float(10**place) for place in range(_EXACT + 1)])


def read_values(column: Column, bad: BadRows, decimal: str) -> npt.NDArray[np.float64]:
    """Each row's value as a float (NaN for a refused row); ``decimal`` is "." or ",".

    Numbers are taken as they are; text is read with ``float``, after taking out the
    thousands groups and turning the comma into a point when ``decimal`` is ",".
    Missing, NaN and infinite values are refused, and so are booleans (a spreadsheet's
    TRUE is no measurement: a milestone's value is written 1 or 0).
    """
    cell_at: Callable[[int], Any]
    if isinstance(column, np.ndarray) and column.dtype.kind == "b":
        values = np.full(len(column), np.nan)
        cell_at = column.__getitem__
    elif isinstance(column, np.ndarray) and column.dtype.kind in "fiu":
        values = column.astype(np.float64)  # a copy: the caller's array stays as it was
        cell_at = column.__getitem__
    elif isinstance(column, Spans) and decimal == ".":
        values, cell_at = _span_values(column), column.cell
    else:
        cells = cells_of(column)
        fast = _fast_values(cells, decimal)
        if fast is None:
            fast = np.fromiter((_value(cell, decimal) for cell in cells), np.float64, len(cells))
        values, cell_at = fast, cells.__getitem__
    wrong = ~np.isfinite(values)
    if wrong.any():
        rows = np.flatnonzero(wrong)
        bad.add_all(rows, "value", lambda row: _value_message(cell_at(row), decimal))
        values[rows] = np.nan
    return values


def _span_values(column: Spans) -> npt.NDArray[np.float64]:
    """Each cell as :func:`_value` reads it with a decimal point (NaN for none).

    A plain decimal (``-12.5``: a minus, digits, a point between digits, at most
    :data:`_EXACT` digits) is read from the bytes at once: its digits as a whole number,
    exact in a float, over a power of ten, also exact, make one correctly rounded division,
    the float that ``float`` reads. Any other cell is read by :func:`_value`.
    """
    lengths = column.lengths()
    width = min(int(lengths.max(initial=0)), _EXACT + 2)
    if not width:
        return np.full(len(column), np.nan)
    at = np.minimum(column.starts[:, None] + np.arange(width), len(column.data) - 1)
    chars = column.data[at]
    inside = np.arange(width) < lengths[:, None]
    digit = ((chars - ord("0")) <= 9) & inside  # below "0" wraps round, past 9
    point = (chars == ord(".")) & inside
    minus = np.zeros_like(inside)
    minus[:, 0] = chars[:, 0] == ord("-")
    between = np.pad(digit, ((0, 0), (1, 1)))
    counted = digit.sum(axis=1)
    plain = (
        (lengths <= width)
        & ((digit | point | minus) == inside).all(axis=1)
        & (point.sum(axis=1) <= 1)
        & ~(point & ~(between[:, :-2] & between[:, 2:])).any(axis=1)
        & (counted >= 1)
        & (counted <= _EXACT)
    )
    whole = np.zeros(len(column), dtype=np.int64)
    places = np.zeros(len(column), dtype=np.int64)
    after = np.zeros(len(column), dtype=bool)
    for place in range(width):
        whole = np.where(digit[:, place], whole * 10 + (chars[:, place] - ord("0")), whole)
        after |= point[:, place]
        places += digit[:, place] & after
    values: npt.NDArray[np.float64] = whole / _POWERS[np.minimum(places, _EXACT)]
    values = np.where(minus[:, 0], -values, values)
    if not plain.all():
        cells = column.cells()
        others = np.flatnonzero(~plain)
        values[others] = [_value(cells[row], ".") for row in others.tolist()]
    return values


def _fast_values(cells: list[Any], decimal: str) -> npt.NDArray[np.float64] | None:
    """The whole column read by ``float`` at once, or ``None`` if some cell needs care."""
    if decimal == ",":
        if not all(type(cell) is str for cell in cells):
            return None
        joined = "\n".join(cells)
        if "." in joined or " " in joined or "\u00a0" in joined or "\u202f" in joined:
            return None
        count = len(cells)
        cells = joined.replace(",", ".").split("\n")
        if len(cells) != count:  # a cell held a line break
            return None
    elif any(type(cell) is bool for cell in cells):  # float(True) is 1.0: no value
        return None
    try:
        return np.fromiter(map(float, cells), np.float64, len(cells))
    except (TypeError, ValueError, OverflowError):
        return None


def _value(cell: object, decimal: str) -> float:
    """``cell`` as a finite number, or NaN when it is none."""
    if isinstance(cell, str):
        text = cell.strip()
        if decimal == ",":
            if not _GROUPED_COMMA.match(text):
                return math.nan
            text = text.translate(_GROUPS).replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return math.nan
    elif isinstance(cell, bool | np.bool_):
        return math.nan  # a yes/no cell is no value (see read_values)
    elif isinstance(cell, int | float | np.number) or type(cell).__name__ == "Decimal":
        try:
            number = float(cell)  # type: ignore[arg-type]
        except OverflowError:
            return math.nan
    else:
        return math.nan
    return number if math.isfinite(number) else math.nan


def _value_message(cell: object, decimal: str) -> Message:
    """Why ``cell`` is no value, and how to write one."""
    if isinstance(cell, np.generic):  # shown as Python shows it: inf, not np.float64(inf)
        cell = cell.item()
    if is_missing(cell):
        return Message(N_("the value is missing"))
    if isinstance(cell, bool):
        return Message(
            N_(
                "{value} is a yes/no cell, not a number; write the value itself, or 1 (done) "
                "and 0 (not yet) for a milestone"
            ),
            value=Shown(cell),
        )
    if not isinstance(cell, str):
        if isinstance(cell, int | float | np.number) and not isinstance(cell, bool):
            return Message(
                N_("the value must be a finite number, not NaN or infinity (got {value})"),
                value=Shown(cell),
            )
        return Message(N_("{value} is not a number, such as 28 or 29.5"), value=Shown(cell))
    text = cell.strip()
    if decimal == "." and "," in text:
        return Message(
            N_(
                "{value} is not a number with a decimal point; if the file writes 3,5 for "
                "three and a half, pass {decimal}"
            ),
            value=Shown(cell),
            decimal=Spelled("decimal=','", "--decimal ,"),
        )
    try:
        infinite = not math.isfinite(float(text))
    except ValueError:
        infinite = False
    if infinite:
        return Message(
            N_("the value must be a finite number, not NaN or infinity (got {value})"),
            value=Shown(cell),
        )
    if decimal == ",":
        return Message(
            N_("{value} is not a number written with a decimal comma, such as 3,5"),
            value=Shown(cell),
        )
    return Message(N_("{value} is not a number, such as 28 or 29.5"), value=Shown(cell))


# -- confidences and texts --------------------------------------------------------------


def read_levels(column: Column, bad: BadRows) -> npt.NDArray[np.int8]:
    """Each row's confidence, 1-5, or 0 for none or a refused row.

    Takes 1-5 (whole numbers, or their text), the names of :class:`~okrkit.Confidence`
    and the traffic lights as :meth:`Confidence.parse <okrkit.Confidence.parse>` reads
    them: red, yellow, green, đỏ, vàng, xanh, with or without tone marks.
    """
    if isinstance(column, Spans):
        digits = _digit_levels(column)
        if digits is not None:
            return digits
    cells, read = mapped(cells_of(column), _level)
    levels = np.fromiter(map(read.__getitem__, cells), np.int64, len(cells))
    bad.add_all(
        np.flatnonzero(levels < 0),
        "confidence",
        lambda row: Message(
            N_("{value} is not a confidence: write 1-5, or red, yellow, green (đỏ, vàng, xanh)"),
            value=Shown(cells[row]),
        ),
    )
    return np.maximum(levels, 0).astype(np.int8)


def _digit_levels(column: Spans) -> npt.NDArray[np.int8] | None:
    """The levels when every cell is empty or one digit 1-5 (as :func:`_level` reads them)."""
    lengths = column.lengths()
    if len(lengths) and lengths.max() > 1:
        return None
    first = column.data[column.starts]  # an empty cell's is its delimiter
    empty = lengths == 0
    if not ((empty | ((first >= ord("1")) & (first <= ord("5")))).all()):
        return None
    return np.where(empty, 0, first - ord("0")).astype(np.int8)


def _level(cell: object) -> int:
    """``cell`` as a confidence, 0 for none, -1 for none of the accepted ones."""
    if is_missing(cell):
        return 0
    if isinstance(cell, str):
        found = _LEVELS.get(normal_header(cell))
        if found is not None:
            return found
        with contextlib.suppress(ValueError):  # the traffic lights, as Confidence reads them
            return int(Confidence.parse(cell))
        try:
            cell = float(cell)
        except ValueError:
            return -1
    if isinstance(cell, int | float | np.number) and not isinstance(cell, bool):
        number = float(cell)
        if number.is_integer() and 1 <= number <= 5:
            return int(number)
    return -1


def read_texts(column: Column, field: str, bad: BadRows) -> dict[int, str]:
    """The rows with a note (``field`` "note") or an author ("author"): ``{row: text}``.

    Text is stripped; a number or a date in a note is kept as its text. An author must
    be an id; a note must hold no lone surrogate.
    """
    cells = cells_of(column)
    found: dict[int, str] = {}
    for row, cell in enumerate(cells):
        if not cell or is_missing(cell):
            continue
        text = cell.strip() if isinstance(cell, str) else cell
        if field == "author":
            if is_valid_id(text):
                found[row] = text
            else:
                bad.add(row, field, _author_message(cell))
        elif isinstance(text, str | int | float | dt.date) and not isinstance(text, bool):
            text = str(text)
            if is_storable(text):
                found[row] = text
            else:
                bad.add(
                    row,
                    field,
                    Message(N_("the note holds a lone surrogate, which is no character")),
                )
        else:
            bad.add(row, field, Message(N_("{value} is not text"), value=Shown(cell)))
    return found


def _author_message(cell: object) -> Message:
    return Message(
        N_("{value} is not an owner id: an id is text without spaces, such as 'lan'"),
        value=Shown(cell),
    )


def _unknown_author(ident: str, hints: Hints) -> Message:
    """The message for an author that is no owner of the set, with a "did you mean"."""
    close = hints.close(ident)
    if close:
        return Message(
            N_("the author {id!r} is not an owner of the set; did you mean {close}?"),
            id=Shown(ident),
            close=close,
        )
    return Message(
        N_("the author {id!r} is not an owner of the set; add the owner first, or fix the author"),
        id=Shown(ident),
    )


def refuse_strangers(authors: Mapping[int, str], owners: frozenset[str], bad: BadRows) -> None:
    """Refuse each row whose author (of :func:`read_texts`) is not one of ``owners``.

    Each distinct unknown author is worded once, a "did you mean" for the first few.
    """
    unknown = set(authors.values()) - owners
    if not unknown:
        return
    hints = Hints(owners)
    messages: dict[str, Message] = {}
    for row, author in authors.items():
        if author in unknown:
            message = messages.get(author)
            if message is None:
                message = messages[author] = _unknown_author(author, hints)
            bad.add(row, "author", message)


def author_problem(author: str, owners: Iterable[str], *, path: str) -> Problem | None:
    """Why ``author`` cannot be a check-in's author in a set of ``owners``, or ``None``.

    As an import refuses a row's author: not an id (``id.invalid``), or no owner's
    (``id.unknown``, with a "did you mean"). ``path`` says where the author was given,
    such as ``--author lann`` on the command line.

    Examples:
        >>> print(author_problem("lann", ["lan", "minh"], path="--author lann"))
        --author lann: the author 'lann' is not an owner of the set; did you mean 'lan'?
        >>> author_problem("lan", ["lan", "minh"], path="--author lan") is None
        True
    """
    if not is_valid_id(author):
        return Problem("id.invalid", _author_message(author), path=path)
    known = frozenset(owners)
    if author in known:
        return None
    return Problem("id.unknown", _unknown_author(author, Hints(known)), path=path)
