"""Reading check-in tables many rows at once, straight into numpy columns.

Each batch of tables becomes one UTF-8 buffer; numpy finds the fields, and checks and
converts the dates, values and confidences of every well-formed row at once (see
:mod:`okrkit.io._table_fields`). Authors and notes are decoded row by row (they become
text anyway). Rows that fail a check go through :func:`okrkit.io._tables.parse_row`,
which words the problem.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from okrkit.errors import Message, UnknownIdError
from okrkit.i18n import N_
from okrkit.io._table_fields import WIDTH, Fields, fast_rows, texts_of
from okrkit.io._tables import RowError, parse_row

__all__ = ["Columns", "Sparse", "parse_tables"]

_BATCH = 1 << 20  # characters of table text read at once: bounds the temporary arrays


class Sparse(Mapping[int, str]):
    """Texts of a few rows, kept as two lists (cheaper than a dict): ``{row: text}``."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.texts: list[str] = []

    def __getitem__(self, row: int) -> str:
        at = bisect.bisect_left(self.rows, row)
        if at < len(self.rows) and self.rows[at] == row:
            return self.texts[at]
        # The mapping protocol's KeyError (Mapping.get relies on it), as okrkit's own.
        raise UnknownIdError(str(row), Message(N_("check-in row")))

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
        self.bad: list[tuple[int, int, int, Message]] = []
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
    # as a window of WIDTH bytes without running off the end.
    texts.append(" " * WIDTH)
    lines_per_table[-1] += 1
    raw = "\n".join(texts).encode("utf-8", "surrogatepass")
    del texts
    buf = np.frombuffer(raw, dtype=np.uint8)
    table_of_line = np.repeat(np.arange(len(batch), dtype=np.int32), lines_per_table)
    found = Fields(buf)
    lines = len(found.per_line)
    days = np.zeros(lines, dtype=np.int32)
    values = np.zeros(lines, dtype=np.float64)
    levels = np.zeros(lines, dtype=np.int8)
    done = fast_rows(buf, found, days, values, levels)
    notes: dict[int, str] = {}
    authors: dict[int, str] = {}
    texts_of(raw, found, done, notes, authors)
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
            out.bad.append((batch[table][0], row, offset, exc.message))
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
