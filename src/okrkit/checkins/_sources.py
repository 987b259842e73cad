"""A source's cells by column, and reading them from CSV text.

A :class:`Table` is what every importer hands on: the headers, each data row's number
as the user sees it (a CSV line, a spreadsheet row, a frame's 1-based row), and the
cells of any column, asked for by position. :func:`csv_table` makes one from CSV text:
a plain file (no quotes, one delimiter count on every line, the common export) is
measured in one go, at C speed, each column a :class:`Spans` of its bytes that the
readers take as it is (ISO days, confidences) or as text; anything else is read by the
standard :mod:`csv` module, row by row.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs
import numpy as np
import numpy.typing as npt

from okrkit._files import limit_error, read_bounded
from okrkit.errors import LoadError, Message, Problem, Shown, UsageError
from okrkit.errors._message import Spelled
from okrkit.i18n import N_

__all__ = ["DELIMITERS", "Spans", "Table", "csv_table", "file_name", "read_text", "too_big"]

DELIMITERS = (",", ";", "\t", "|")
"""The delimiters a CSV file's header line is sniffed for, most common first."""


@attrs.frozen
class Spans:
    """A column of plain CSV text as the spans of its cells in the text's bytes.

    Read without making a string a cell where the bytes allow (:meth:`fixed`), as text
    otherwise (:meth:`cells`). Each cell ends at a delimiter or a line end, so
    ``data[ends]`` is never past the data.

    Attributes:
        data: The text's bytes (UTF-8), ending with a line end.
        starts: Where each cell starts in ``data``.
        ends: Where each cell ends: at its delimiter or line end.
    """

    data: npt.NDArray[np.uint8]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.starts)

    def lengths(self) -> npt.NDArray[np.int64]:
        """Each cell's length in bytes."""
        return self.ends - self.starts

    def fixed(self, width: int) -> npt.NDArray[np.uint8] | None:
        """The cells' bytes as rows of ``width``, or ``None`` unless every cell has ``width``."""
        if len(self) and (self.lengths() != width).any():
            return None
        rows: npt.NDArray[np.uint8] = self.data[self.starts[:, None] + np.arange(width)]
        return rows

    def cell(self, row: int) -> str:
        """The text of one cell."""
        return self.data[self.starts[row] : self.ends[row]].tobytes().decode("utf-8")

    def cells(self) -> list[str]:
        """The text of every cell."""
        if not len(self):
            return []
        lengths = self.lengths() + 1  # each cell with its delimiter, made a line end
        after = np.cumsum(lengths)
        index = np.arange(int(after[-1])) + np.repeat(self.starts - (after - lengths), lengths)
        joined = self.data[index]
        joined[after - 1] = ord("\n")
        text: str = joined.tobytes().decode("utf-8")
        return text.split("\n")[:-1]

    def word(self, skip: int = 0) -> npt.NDArray[np.uint64]:
        """Each cell's 8 bytes after its first ``skip``, those past its end set to 0xFF."""
        return _words(self.data, self.starts + skip, self.lengths() - skip)

    def distinct(self, longest: int = 32) -> tuple[list[str], npt.NDArray[np.int64]] | None:
        """The distinct cells in the order first met, and each cell's position among them.

        Grouped by their bytes, decoding only the distinct cells; ``None`` for no cells,
        or a cell longer than ``longest`` bytes. A cell is read as words of 8 bytes, the
        bytes past its end set to 0xFF, which UTF-8 text never holds; a run of equal
        cells, as an export repeats them, is sorted as one.
        """
        lengths = self.lengths()
        widest = int(lengths.max()) if len(self) else longest + 1
        if widest > longest:
            return None
        words = [self.word(8 * k) for k in range(max(1, -(-widest // 8)))]
        heads = np.flatnonzero(_changes(words))
        keys = [word[heads] for word in words]
        order = np.lexsort(keys[::-1])  # stable: each group's first head is its first row
        new = _changes([key[order] for key in keys])
        group = np.empty(len(heads), dtype=np.int64)
        group[order] = np.cumsum(new) - 1
        firsts = heads[order[new]]
        by_first = np.argsort(firsts)
        position = np.empty(len(firsts), dtype=np.int64)
        position[by_first] = np.arange(len(firsts))
        runs = np.diff(heads, append=len(self))
        chosen = firsts[by_first]
        cells = Spans(self.data, self.starts[chosen], self.ends[chosen]).cells()
        return cells, np.repeat(position[group], runs)


def _changes(words: list[npt.NDArray[np.uint64]]) -> npt.NDArray[np.bool_]:
    """Where a row's words differ from the row's before (the first row too)."""
    change = np.ones(len(words[0]), dtype=bool)
    if len(change) > 1:
        change[1:] = words[0][1:] != words[0][:-1]
        for word in words[1:]:
            change[1:] |= word[1:] != word[:-1]
    return change


def _words(
    data: npt.NDArray[np.uint8], at: npt.NDArray[np.int64], left: npt.NDArray[np.int64]
) -> npt.NDArray[np.uint64]:
    """The 8 bytes from each of ``at`` as a word, those from its ``left``-th on set to 0xFF."""
    size = len(data)
    start = max(0, size - 8)
    tail = np.zeros(16, dtype=np.uint8)
    tail[: size - start] = data[start:]
    over = at > size - 8
    words = np.empty(len(at), dtype=np.uint64)
    if size >= 8:
        every = np.ndarray((size - 7,), dtype="<u8", buffer=data, strides=(1,))
        words[~over] = every[at[~over]]
    ends = np.ndarray((9,), dtype="<u8", buffer=tail, strides=(1,))
    words[over] = ends[np.clip(at[over] - start, 0, 8)]
    count = np.clip(left, 0, 8).astype(np.uint64)
    keep = np.where(
        count == 8, np.uint64(2**64 - 1), (np.uint64(1) << (count * np.uint64(8))) - np.uint64(1)
    )
    kept: npt.NDArray[np.uint64] = (words & keep) | ~keep
    return kept


Column = Sequence[Any] | npt.NDArray[Any] | tuple[Sequence[Any], npt.NDArray[Any]] | Spans
"""A column's cells: a list, a numpy array, ``(categories, codes)``, or :class:`Spans`."""


@attrs.frozen
class Table:
    """A source's headers and, on demand, its cells by column.

    Attributes:
        headers: The column names, in order.
        rows: Each data row's number as the user sees it.
        column: The cells of the column at a position.
        file: The file read, or a name in angle brackets for data in memory.
        header_line: The line or row of the headers, when there is one.
        refused: Rows refused before their cells are read: ``{row: why}``.
    """

    headers: list[str]
    rows: npt.NDArray[np.int64]
    column: Callable[[int], Column]
    file: str
    header_line: int | None = None
    refused: dict[int, Message] = attrs.field(factory=dict)


def file_name(source: object) -> str:
    """How messages name a file or an open stream."""
    if isinstance(source, str | os.PathLike):
        return os.fsdecode(source).replace("\0", "\\0")
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def too_big(file: str, size: int, unit: str = "bytes") -> LoadError:
    """The error for a file past the limit ``size`` of :class:`okrkit.Limits`."""
    problem = (
        Message(N_("the file holds more than {size} bytes"), size=size)
        if unit == "bytes"
        else Message(N_("the text holds {size} {unit}"), size=size, unit=Message(N_("characters")))
    )
    return limit_error(problem, "size", size, file=file)


def read_bytes(path: Path, size: int) -> bytes:
    """The bytes of ``path``, refused past ``size`` (a regular file before it is read)."""
    return read_bounded(path, size, file_name(path))


def read_text(source: str | os.PathLike[str] | TextIO, encoding: str, size: int) -> str:
    """The text of a file or a text stream, at most ``size`` bytes (characters for a stream).

    Raises:
        LoadError: for a missing or unreadable file, one past the size, or bytes that
            are not text in ``encoding`` (at the line of the first bad byte).
        UsageError: for an unknown encoding, or a stream opened in binary mode.
    """
    name = file_name(source)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(
            Message(
                N_("unknown encoding {value!r}; use one such as 'utf-8' or 'cp1258'"),
                value=Shown(encoding),
            )
        ) from None
    if not isinstance(source, str | os.PathLike):
        text = source.read(size + 1)
        if not isinstance(text, str):
            raise UsageError(Message(N_("open the file in text mode ('r'), or pass its path")))
        if len(text) > size:
            raise too_big(name, size, unit="characters")
        return text.removeprefix("\ufeff")
    data = read_bytes(Path(source), size)
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise LoadError(
            Problem(
                "file.encoding",
                Message(
                    N_("the file is not {encoding} text (byte {position}); {advice}"),
                    encoding=encoding,
                    position=exc.start,
                    advice=Spelled(  # the command has no --encoding: UTF-8 it is
                        Message(N_("save it as UTF-8, or name its encoding with encoding=...")),
                        Message(N_("save it as UTF-8")),
                    ),
                ),
                file=name,
                line=data.count(b"\n", 0, exc.start) + 1,
            )
        ) from exc


def sniff(text: str) -> str:
    """The delimiter of CSV text: the one of :data:`DELIMITERS` its first line has most of."""
    first = text[: text.find("\n")] if "\n" in text else text
    counts = [first.count(candidate) for candidate in DELIMITERS]
    return DELIMITERS[counts.index(max(counts))] if max(counts) else ","


def csv_table(text: str, file: str, delimiter: str | None) -> Table:
    """The table of CSV ``text``: line 1 the headers, then one check-in a line.

    Blank lines are skipped. The delimiter is sniffed from the first line unless given.

    Raises:
        LoadError: for text that is not CSV (an unclosed quote) or a field longer than
            the :mod:`csv` module's field limit, at its line; or an empty file.
        UsageError: for a delimiter that is not one character.
    """
    if delimiter is not None and (len(delimiter) != 1 or delimiter in '"\r\n'):
        raise UsageError(
            Message(
                N_("the delimiter must be one character, such as ',' or ';' (got {value!r})"),
                value=Shown(delimiter),
            )
        )
    mark = delimiter or sniff(text)
    return _split(text, file, mark) or _parsed(text, file, mark)


def _split(text: str, file: str, mark: str) -> Table | None:
    """The table of plain CSV text, measured at once; ``None`` when the text needs a parser."""
    if '"' in text or not mark.isascii():
        return None
    if "\r" in text:  # Windows line ends; a lone carriage return is left to the parser
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    end = text.find("\n")
    if end <= 0:
        return None
    headers = text[:end].split(mark)
    width = len(headers)
    body = text[end + 1 : -1 if text.endswith("\n") else None]
    if not body:  # a single blank line is one only when there is a single column
        empty = Table(headers, np.zeros(0, dtype=np.int64), lambda _at: [], file, 1)
        return None if width == 1 else empty
    data = np.frombuffer(f"{body}\n".encode(), dtype=np.uint8)
    del body
    line_end = data == ord("\n")
    bounds = np.flatnonzero(line_end | (data == ord(mark)))
    count = int(np.count_nonzero(line_end))
    del line_end
    if len(bounds) != width * count:
        return None
    kinds = data[bounds].reshape(count, width)
    if (kinds[:, -1] != ord("\n")).any() or (kinds[:, :-1] != ord(mark)).any():
        return None  # a line with more or fewer delimiters than the headers
    ends = bounds[width - 1 :: width]
    longest = np.diff(ends, prepend=-1)  # each line with its line end
    if (longest == width).any() or int(longest.max()) > csv.field_size_limit():
        return None  # blank lines (only delimiters), left to the parser, which skips them
    firsts = np.concatenate(([0], ends[:-1] + 1))

    def column(at: int) -> Spans:
        starts = firsts if at == 0 else bounds[at - 1 :: width] + 1
        return Spans(data, starts, bounds[at::width])

    return Table(headers, np.arange(2, count + 2, dtype=np.int64), column, file, 1)


def _parsed(text: str, file: str, mark: str) -> Table:
    """The table of CSV text read by the :mod:`csv` module, row by row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=mark, strict=True)
    headers: list[str] | None = None
    header_line = None
    records: list[list[str]] = []
    lines: list[int] = []
    refused: dict[int, Message] = {}
    line = 0
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if headers is None:
                headers, header_line = record, start
                continue
            if len(record) > len(headers) and any(cell.strip() for cell in record[len(headers) :]):
                refused[len(records)] = Message(
                    N_(
                        "the row has {count} cells, more than the {width} headers; quote a cell "
                        "that holds the delimiter {mark!r}"
                    ),
                    count=len(record),
                    width=len(headers),
                    mark=Shown(mark),
                )
            records.append(record)
            lines.append(start)
    except csv.Error as exc:
        raise LoadError(
            Problem("file.syntax", _csv_message(exc), file=file, line=line + 1)
        ) from exc
    if headers is None:
        raise LoadError(
            Problem(
                "file.empty",
                Message(
                    N_(
                        "the file is empty; its first line names the columns, such as "
                        "key_result,on,value"
                    )
                ),
                file=file,
            )
        )

    def column(at: int) -> list[str]:
        return [record[at] if at < len(record) else "" for record in records]

    return Table(headers, np.array(lines, dtype=np.int64), column, file, header_line, refused)


def _csv_message(exc: csv.Error) -> Message:
    """Why the csv module refused the text, in okrkit's words (never the module's)."""
    reason = str(exc)
    if "field limit" in reason:
        return Message(
            N_(
                "a cell here is longer than {limit} characters; no check-in needs that much, "
                "so check the file (an unclosed quote?)"
            ),
            limit=csv.field_size_limit(),
        )
    if "end of data" in reason:
        return Message(N_("a quoted cell is not closed; close the quote, or remove it"))
    if "expected after" in reason:
        return Message(
            N_(
                "text follows the quote that closes a cell; put the whole cell in quotes, "
                'and write a quote inside it as ""'
            )
        )
    return Message(
        N_("this is not CSV okrkit can read; check the quotes and the delimiter of this line")
    )
