"""Reading check-in tables many rows at once, straight into numpy columns.

Each batch of tables becomes one UTF-8 buffer; numpy finds the fields, and checks and
converts the dates, values and confidences of every well-formed row at once. Authors
and notes are decoded row by row (they become text anyway). Rows that fail a check go
through :func:`okrkit.io._tables.parse_row`, which words the problem.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from okrkit.io._tables import RowError, parse_row, quoted_note

__all__ = ["Columns", "Sparse", "parse_tables"]

_EPOCH = dt.date(1970, 1, 1).toordinal()
_BATCH = 1 << 20  # characters of table text read at once: bounds the temporary arrays
_WIDTH = 32  # the longest value the vectorised path reads; longer ones take the slow path
_DIGITS = np.array([0, 1, 2, 3, 5, 6, 8, 9])
_GAPS = np.zeros(256, dtype=bool)
_GAPS[[9, 10, 32]] = True  # tab, line break, space: what parts the fields
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
_NEWLINE, _QUOTE, _DASH, _DOT, _ZERO = 10, 34, 45, 46, 48


class Sparse(Mapping[int, str]):
    """Texts of a few rows, kept as two lists (cheaper than a dict): ``{row: text}``."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.texts: list[str] = []

    def __getitem__(self, row: int) -> str:
        at = bisect.bisect_left(self.rows, row)
        if at < len(self.rows) and self.rows[at] == row:
            return self.texts[at]
        raise KeyError(row)

    def __iter__(self) -> Iterator[int]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def items(self) -> Any:
        """Each row with its text, in row order."""
        return zip(self.rows, self.texts, strict=True)


class Columns:
    """The columns read, and the problems of the rows that could not be read."""

    def __init__(self, size: int) -> None:
        self.codes = np.empty(size, dtype=np.int32)
        self.days = np.empty(size, dtype=np.int32)
        self.values = np.empty(size, dtype=np.float64)
        self.confidences = np.empty(size, dtype=np.int8)
        self.notes = Sparse()
        self.authors = Sparse()
        self.count = 0
        # (code, row index in its table, line offset in its table, message)
        self.bad: list[tuple[int, int, int, str]] = []
        # For each table with blank lines between rows, or rows left out: the row index
        # and line offset of each row read. In every other table both are the row's
        # place among the rows read.
        self.irregular: dict[int, tuple[list[int], list[int]]] = {}

    def joined(self) -> tuple[npt.NDArray[Any], ...]:
        """The code, day, value and confidence columns of the rows read."""
        count = self.count
        return (
            self.codes[:count],
            self.days[:count],
            self.values[:count],
            self.confidences[:count],
        )


def parse_tables(tables: list[tuple[int, str]]) -> Columns:
    """Read tables, given as ``(code, text)``, into columns, in order.

    Each row's position in the columns is its place counting the readable rows of all
    tables in the order given; rows that cannot be read are left out and listed in
    :attr:`Columns.bad`. The list is emptied as the tables are read, so that each text
    can be let go once read.
    """
    out = Columns(sum(text.count("\n") + 1 for _code, text in tables))
    # A batch's temporary arrays take some twenty times its text: small batches for
    # small files, so that reading never needs much more than the file itself.
    limit = min(_BATCH, max(_BATCH // 16, sum(len(text) for _code, text in tables) // 32))
    batch: list[tuple[int, str]] = []
    size = 0
    for index, (code, text) in enumerate(tables):
        tables[index] = (code, "")
        batch.append((code, text))
        size += len(text)
        if size >= limit:
            _parse_batch(batch, out)
            batch, size = [], 0
    if batch:
        _parse_batch(batch, out)
    tables.clear()
    return out


def _parse_batch(batch: list[tuple[int, str]], out: Columns) -> None:
    texts = [text for _code, text in batch]
    lines_per_table = np.fromiter(
        (text.count("\n") + 1 for text in texts), dtype=np.int64, count=len(texts)
    )
    # A last blank line of spaces, counted in the last table, lets every field be read
    # as a window of _WIDTH bytes without running off the end.
    texts.append(" " * _WIDTH)
    lines_per_table[-1] += 1
    raw = "\n".join(texts).encode("utf-8", "surrogatepass")
    del texts
    buf = np.frombuffer(raw, dtype=np.uint8)
    table_of_line = np.repeat(np.arange(len(batch), dtype=np.int32), lines_per_table)
    found = _Fields(buf)
    lines = len(found.per_line)
    days = np.zeros(lines, dtype=np.int32)
    values = np.zeros(lines, dtype=np.float64)
    levels = np.zeros(lines, dtype=np.int8)
    done = _fast_rows(buf, found, days, values, levels)
    notes: dict[int, str] = {}
    authors: dict[int, str] = {}
    _texts(raw, found, done, notes, authors)
    slow = np.flatnonzero(~done & (found.per_line > 0)).tolist()
    first_line = np.cumsum(lines_per_table) - lines_per_table
    for line in slow:
        text = raw[found.line_starts[line] : found.line_ends[line]].decode(
            "utf-8", "surrogatepass"
        )
        try:
            day, value, level, author, note = parse_row(text)
        except RowError as exc:
            table = int(table_of_line[line])
            offset = line - int(first_line[table])
            row = int(np.count_nonzero(found.per_line[first_line[table] : line]))
            out.bad.append((batch[table][0], row, offset, str(exc)))
            continue
        done[line] = True
        days[line], values[line], levels[line] = day, value, level
        if note:
            notes[line] = note
        if author is not None:
            authors[line] = author
    _irregular(batch, found.per_line > 0, done, table_of_line, lines_per_table, out)
    kept = np.flatnonzero(done)
    position = np.full(lines, -1, dtype=np.int64)
    begin, end = out.count, out.count + len(kept)
    position[kept] = np.arange(begin, end)
    codes = np.fromiter((code for code, _text in batch), dtype=np.int32, count=len(batch))
    out.codes[begin:end] = codes[table_of_line[kept]]
    out.days[begin:end] = days[kept]
    out.values[begin:end] = values[kept]
    out.confidences[begin:end] = levels[kept]
    for found_texts, sparse in ((notes, out.notes), (authors, out.authors)):
        lines_with = sorted(found_texts)
        sparse.rows.extend(position[lines_with].tolist())
        sparse.texts.extend(found_texts[line] for line in lines_with)
    out.count = end


def _irregular(  # noqa: PLR0917 - the per-line facts of one batch
    batch: list[tuple[int, str]],
    filled: npt.NDArray[np.bool_],
    done: npt.NDArray[np.bool_],
    table_of_line: npt.NDArray[np.int32],
    lines_per_table: npt.NDArray[np.int64],
    out: Columns,
) -> None:
    """Note the row index and line offset of each row read in tables where they differ."""
    first_line = np.cumsum(lines_per_table) - lines_per_table
    before: npt.NDArray[np.int64] = np.cumsum(filled) - filled  # filled lines before each
    row: npt.NDArray[np.int64] = before - before[first_line][table_of_line]
    offset = np.arange(len(filled)) - first_line[table_of_line]
    odd = filled & (~done | (row != offset))
    for table in np.unique(table_of_line[odd]).tolist():
        start = int(first_line[table])
        end = start + int(lines_per_table[table])
        lines = np.flatnonzero(done[start:end]) + start
        out.irregular[batch[table][0]] = (row[lines].tolist(), offset[lines].tolist())


class _Fields:
    """Where the lines and the fields of a batch start and end, in bytes."""

    def __init__(self, buf: npt.NDArray[np.uint8]) -> None:
        ends = np.flatnonzero(buf == _NEWLINE)
        self.line_starts = np.concatenate(([0], ends + 1))
        self.line_ends = np.concatenate((ends, [len(buf)]))
        gap = _GAPS[buf]
        opening = ~gap
        opening[1:] &= gap[:-1]
        self.starts = np.flatnonzero(opening)
        closing = opening
        np.invert(gap, out=closing)
        closing[:-1] &= gap[1:]
        self.ends = np.flatnonzero(closing) + 1
        del gap, opening, closing
        self.per_line = np.bincount(
            np.searchsorted(self.line_ends, self.starts), minlength=len(self.line_starts)
        )
        self.first = np.cumsum(self.per_line) - self.per_line
        # (line, start, end) of each author and each note read at once
        self.author: npt.NDArray[np.int64] = np.zeros((3, 0), dtype=np.int64)
        self.note: npt.NDArray[np.int64] = np.zeros((3, 0), dtype=np.int64)


def _fast_rows(
    buf: npt.NDArray[np.uint8],
    found: _Fields,
    days: npt.NDArray[np.int32],
    values: npt.NDArray[np.float64],
    levels: npt.NDArray[np.int8],
) -> npt.NDArray[np.bool_]:
    """Read the date, value and confidence of every well-formed row of a batch at once.

    Fills ``days``, ``values`` and ``levels`` for those rows, notes in ``found`` the
    lines with an author or a note, and returns which lines were read; every other line
    is left for :func:`parse_row`, which words the problem.
    """
    per_line = found.per_line
    done = np.zeros(len(per_line), dtype=bool)
    lines = np.flatnonzero(per_line >= 2)
    count = per_line[lines]
    first = found.first[lines]
    starts, ends = found.starts, found.ends
    windows = sliding_window_view(buf, _WIDTH)  # buf ends with _WIDTH spaces
    date_at = starts[first]
    ok = ends[first] - date_at == 10
    digits = windows[date_at, :10].view(np.int8) - _ZERO
    ok &= ((digits[:, _DIGITS] >= 0) & (digits[:, _DIGITS] <= 9)).all(axis=1)
    ok &= (digits[:, 4] == _DASH - _ZERO) & (digits[:, 7] == _DASH - _ZERO)
    digits = digits.astype(np.int32)
    year = digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]
    month = digits[:, 5] * 10 + digits[:, 6]
    day = digits[:, 8] * 10 + digits[:, 9]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    ok &= (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    ok &= day <= _MONTH_DAYS[np.clip(month, 0, 12)] + ((month == 2) & leap)
    value_at = starts[first + 1]
    width = ends[first + 1] - value_at
    ok &= width <= _WIDTH
    third = np.where(count >= 3, first + 2, first)
    level_byte = buf[starts[third]].astype(np.int64)
    level = np.where(level_byte == _DASH, 0, level_byte - _ZERO)
    ok &= (count < 3) | ((ends[third] - starts[third] == 1) & (level >= 0) & (level <= 5))
    ok &= (count < 3) | (level > 0) | (level_byte == _DASH)
    fourth = np.where(count >= 4, first + 3, first)
    no_author = (ends[fourth] - starts[fourth] == 1) & (buf[starts[fourth]] == _DASH)
    ok &= (count < 4) | (buf[starts[fourth]] != _QUOTE)
    if not ok.any():
        return done
    lines, value_at, width = lines[ok], value_at[ok], width[ok]
    span = int(width.max())
    picked = np.where(np.arange(span) < width[:, None], windows[value_at, :span], np.uint8(0))
    parsed = _decimals(picked)
    finite = np.isfinite(parsed)
    ok[ok] = finite
    lines = lines[finite]
    values[lines] = parsed[finite]
    levels[lines] = np.where(count[ok] >= 3, level[ok], 0)
    days[lines] = _ordinals(year[ok], month[ok], day[ok])
    done[lines] = True
    with_author = ok & (count >= 4) & ~no_author
    found.author = np.stack(
        (lines[with_author[ok]], starts[fourth[with_author]], ends[fourth[with_author]])
    )
    with_note = ok & (count >= 5)
    note_lines = lines[with_note[ok]]
    found.note = np.stack(
        (
            note_lines,
            starts[first[with_note] + 4],
            found.ends[found.first[note_lines] + per_line[note_lines] - 1],
        )
    )
    return done


def _texts(
    raw: bytes,
    found: _Fields,
    done: npt.NDArray[np.bool_],
    notes: dict[int, str],
    authors: dict[int, str],
) -> None:
    """Decode the authors and notes of the rows read at once.

    Each text is cut and decoded in C (``map`` over slices), authors interned so that
    each name is kept once. A row whose note is quoted and not one JSON string is
    handed back to the slow path, which words the problem.
    """
    lines, starts, ends = found.author
    if len(lines):
        cut = _decoded(raw, starts.tolist(), ends.tolist())
        authors.update(zip(lines.tolist(), map(sys.intern, cut), strict=True))
    lines, starts, ends = found.note
    if not len(lines):
        return
    texts = list(map(str.strip, _decoded(raw, starts.tolist(), ends.tolist())))
    note_lines = lines.tolist()
    for index in [i for i, text in enumerate(texts) if not text or text[0] == '"']:
        if not texts[index]:
            continue
        try:
            texts[index] = quoted_note(texts[index])
        except RowError:
            done[note_lines[index]] = False
            authors.pop(note_lines[index], None)
            texts[index] = ""
    notes.update((line, text) for line, text in zip(note_lines, texts, strict=True) if text)


def _decoded(raw: bytes, starts: list[int], ends: list[int]) -> list[str]:
    """The texts at ``raw[start:end]``, decoded from UTF-8 in C."""
    try:
        return list(map(bytes.decode, map(raw.__getitem__, map(slice, starts, ends))))
    except UnicodeDecodeError:  # a lone surrogate, written with surrogatepass
        return [
            raw[start:end].decode("utf-8", "surrogatepass")
            for start, end in zip(starts, ends, strict=True)
        ]


def _decimals(picked: npt.NDArray[np.uint8]) -> npt.NDArray[np.float64]:
    """The numbers written in each row of ``picked`` (zero-padded bytes), NaN for none.

    numpy reads the whole column at once, exactly as :func:`float` reads each text; only
    a batch holding something that is not a number is read again row by row, so that
    those rows (and only those) become NaN.
    """
    texts = np.ascontiguousarray(picked).view(f"S{picked.shape[1]}").ravel()
    try:
        return texts.astype(np.float64)
    except ValueError:
        return np.array([_float_or_nan(text) for text in texts.tolist()], dtype=np.float64)


def _float_or_nan(text: bytes) -> float:
    try:
        return float(text)
    except ValueError:
        return math.nan


def _ordinals(
    year: npt.NDArray[np.int64], month: npt.NDArray[np.int64], day: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Proleptic ordinals (``date.toordinal()``) of valid dates, vectorised."""
    year = year - (month <= 2)
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    of_era_days = of_era * 365 + of_era // 4 - of_era // 100 + of_year
    ordinals: npt.NDArray[np.int64] = era * 146097 + of_era_days - 719468 + _EPOCH
    return ordinals
