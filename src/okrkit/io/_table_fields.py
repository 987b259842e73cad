"""Finding and reading the fields of a batch of check-in table rows with numpy.

A batch is one UTF-8 buffer of table text, ending with a line of :data:`WIDTH` spaces.
:class:`Fields` finds where its lines and fields start and end; :func:`fast_rows`
checks and converts the dates, values and confidences of every well-formed row at
once, and :func:`texts_of` decodes their authors and notes. The rest is left for
:func:`okrkit.io._tables.parse_row` (see :mod:`okrkit.io._table_rows`).
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from typing import Any

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from okrkit.io._tables import RowError, quoted_note

__all__ = ["WIDTH", "Fields", "fast_rows", "texts_of"]

WIDTH = 32
"""The longest value the vectorised path reads; longer ones take the slow path."""
_EPOCH = dt.date(1970, 1, 1).toordinal()
_DIGITS = np.array([0, 1, 2, 3, 5, 6, 8, 9])
_GAPS = np.zeros(256, dtype=bool)
_GAPS[[9, 10, 32]] = True  # tab, line break, space: what parts the fields
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
_NEWLINE, _QUOTE, _DASH, _DOT, _ZERO = 10, 34, 45, 46, 48


class Fields:
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


def fast_rows(
    buf: npt.NDArray[np.uint8],
    found: Fields,
    days: npt.NDArray[np.int32],
    values: npt.NDArray[np.float64],
    levels: npt.NDArray[np.int8],
) -> npt.NDArray[np.bool_]:
    """Read the date, value and confidence of every well-formed row of a batch at once.

    Fills ``days``, ``values`` and ``levels`` for those rows, notes in ``found`` the
    lines with an author or a note, and returns which lines were read; every other line
    is left for :func:`parse_row`, which words the problem.
    """
    done = np.zeros(len(found.per_line), dtype=bool)
    lines = np.flatnonzero(found.per_line >= 2)
    count = found.per_line[lines]
    first = found.first[lines]
    windows = sliding_window_view(buf, WIDTH)  # buf ends with WIDTH spaces
    ok, year, month, day = _dates(windows, found, first)
    value_at = found.starts[first + 1]
    width = found.ends[first + 1] - value_at
    ok &= width <= WIDTH
    level = _optional_fields(buf, found, first, count, ok)
    if not ok.any():
        return done
    parsed = _values(windows, value_at[ok], width[ok])
    finite = np.isfinite(parsed)
    ok[ok] = finite
    read = lines[ok]
    values[read] = parsed[finite]
    levels[read] = np.where(count[ok] >= 3, level[ok], 0)
    days[read] = _ordinals(year[ok], month[ok], day[ok])
    done[read] = True
    _text_spans(buf, found, lines[ok], count[ok], first[ok])
    return done


def _dates(
    windows: npt.NDArray[np.uint8], found: Fields, first: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any]]:
    """Which first fields are valid YYYY-MM-DD dates, and their year, month and day."""
    date_at = found.starts[first]
    ok = found.ends[first] - date_at == 10
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
    return ok, year, month, day


def _optional_fields(
    buf: npt.NDArray[np.uint8],
    found: Fields,
    first: npt.NDArray[np.int64],
    count: npt.NDArray[np.int64],
    ok: npt.NDArray[np.bool_],
) -> npt.NDArray[np.int64]:
    """Each row's confidence (0: none), clearing ``ok`` where it or the author is odd.

    A confidence is one digit 1-5 or ``-``; an author that starts with a quote is a
    note written one field early, which :func:`parse_row` words.
    """
    starts, ends = found.starts, found.ends
    third = np.where(count >= 3, first + 2, first)
    level_byte = buf[starts[third]].astype(np.int64)
    level = np.where(level_byte == _DASH, 0, level_byte - _ZERO)
    ok &= (count < 3) | ((ends[third] - starts[third] == 1) & (level >= 0) & (level <= 5))
    ok &= (count < 3) | (level > 0) | (level_byte == _DASH)
    fourth = np.where(count >= 4, first + 3, first)
    ok &= (count < 4) | (buf[starts[fourth]] != _QUOTE)
    return level


def _values(
    windows: npt.NDArray[np.uint8], value_at: npt.NDArray[np.int64], width: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """The numbers of the value fields at ``value_at``, NaN where there is none."""
    span = int(width.max())
    picked = np.where(np.arange(span) < width[:, None], windows[value_at, :span], np.uint8(0))
    return _decimals(picked)


def _text_spans(
    buf: npt.NDArray[np.uint8],
    found: Fields,
    lines: npt.NDArray[np.int64],
    count: npt.NDArray[np.int64],
    first: npt.NDArray[np.int64],
) -> None:
    """Note in ``found`` where the author and the note of each row read start and end."""
    starts, ends = found.starts, found.ends
    fourth = np.where(count >= 4, first + 3, first)
    no_author = (ends[fourth] - starts[fourth] == 1) & (buf[starts[fourth]] == _DASH)
    with_author = (count >= 4) & ~no_author
    found.author = np.stack(
        (lines[with_author], starts[fourth[with_author]], ends[fourth[with_author]])
    )
    with_note = count >= 5
    note_lines = lines[with_note]
    found.note = np.stack(
        (
            note_lines,
            starts[first[with_note] + 4],
            ends[found.first[note_lines] + found.per_line[note_lines] - 1],
        )
    )


def texts_of(
    raw: bytes,
    found: Fields,
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
