"""A source's cells by column, and reading them from CSV text.

A :class:`Table` is what every importer hands on: the headers, each data row's number
as the user sees it (a CSV line, a spreadsheet row, a frame's 1-based row), and the
cells of any column, asked for by position. :func:`csv_table` makes one from CSV text:
a plain file (no quotes, one delimiter count on every line, the common export) is
split in one go, at C speed; anything else is read by the standard :mod:`csv` module,
row by row.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.errors import LoadError, Problem, Shown, UsageError, shorten
from okrkit.i18n import _

__all__ = ["DELIMITERS", "Table", "csv_table", "file_name", "read_text", "too_big"]

DELIMITERS = (",", ";", "\t", "|")
"""The delimiters a CSV file's header line is sniffed for, most common first."""

Column = Sequence[Any] | npt.NDArray[Any] | tuple[Sequence[Any], npt.NDArray[Any]]
"""A column's cells: a list, a numpy array, or ``(categories, codes)``."""


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
    refused: dict[int, str] = attrs.field(factory=dict)


def file_name(source: object) -> str:
    """How messages name a file or an open stream."""
    if isinstance(source, str | os.PathLike):
        return os.fsdecode(source).replace("\0", "\\0")
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def too_big(file: str, size: int, unit: str = "bytes") -> LoadError:
    """The error for a file past the size limit of :class:`okrkit.Limits`."""
    problem = (
        _("the file holds more than {size} bytes").format(size=size)
        if unit == "bytes"
        else _("the text holds {size} {unit}").format(size=size, unit=_("characters"))
    )
    return LoadError(
        Problem(
            message=_(
                "{problem} (past the limit {name}={limit}; if the file is genuine, "
                "read it with limits=okrkit.Limits({name}=...))"
            ).format(problem=problem, name="size", limit=size),
            file=file,
        )
    )


def read_bytes(path: Path, size: int) -> bytes:
    """The bytes of ``path``, refused past ``size`` (a regular file before it is read)."""
    name = file_name(path)
    try:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            past = stat.S_ISREG(status.st_mode) and status.st_size > size
            data = b"" if past else handle.read(size + 1)  # refused below, unread
    except FileNotFoundError as exc:
        raise LoadError(Problem(message=_("no such file; check the path"), file=name)) from exc
    except ValueError as exc:  # a NUL in the path
        raise LoadError(
            Problem(
                message=_(
                    "the path holds a NUL character (\\0), which no file name can hold; "
                    "check the path"
                ),
                file=name,
            )
        ) from exc
    except OSError as exc:
        raise LoadError(
            Problem(
                message=_("cannot read the file: {reason}").format(reason=exc.strerror or exc),
                file=name,
            )
        ) from exc
    if past or len(data) > size:
        raise too_big(name, size)
    return data


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
            _("unknown encoding {value!r}; use one such as 'utf-8' or 'cp1258'").format(
                value=Shown(encoding)
            )
        ) from None
    if not isinstance(source, str | os.PathLike):
        text = source.read(size + 1)
        if not isinstance(text, str):
            raise UsageError(_("open the file in text mode ('r'), or pass its path"))
        if len(text) > size:
            raise too_big(name, size, unit="characters")
        return text.removeprefix("\ufeff")
    data = read_bytes(Path(source), size)
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise LoadError(
            Problem(
                message=_(
                    "the file is not {encoding} text (byte {position}); save it as UTF-8, "
                    "or name its encoding with encoding=..."
                ).format(encoding=encoding, position=exc.start),
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
            _("the delimiter must be one character, such as ',' or ';' (got {value!r})").format(
                value=Shown(delimiter)
            )
        )
    mark = delimiter or sniff(text)
    return _split(text, file, mark) or _parsed(text, file, mark)


def _split(text: str, file: str, mark: str) -> Table | None:
    """The table of plain CSV text, split at once; ``None`` when the text needs a parser."""
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
    body = text[end + 1 :].removesuffix("\n")
    if f"\n{mark * (len(headers) - 1)}\n" in f"\n{body}\n":
        return None  # blank lines, left to the parser, which skips them
    data = np.frombuffer(body.encode("utf-8"), dtype=np.uint8)
    if not len(data):
        return Table(headers, np.zeros(0, dtype=np.int64), lambda _at: [], file, 1)
    ends = np.append(np.flatnonzero(data == 10), len(data))
    marks = np.flatnonzero(data == ord(mark))
    per_line = np.diff(np.searchsorted(marks, ends), prepend=0)
    longest = int(np.diff(ends, prepend=-1).max())
    if (per_line != len(headers) - 1).any() or longest > csv.field_size_limit():
        return None
    del data, marks
    fields = body.replace("\n", mark).split(mark)
    width, count = len(headers), len(ends)
    if len(fields) != width * count:
        return None
    return Table(
        headers, np.arange(2, count + 2, dtype=np.int64), lambda at: fields[at::width], file, 1
    )


def _parsed(text: str, file: str, mark: str) -> Table:
    """The table of CSV text read by the :mod:`csv` module, row by row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=mark, strict=True)
    headers: list[str] | None = None
    header_line = None
    records: list[list[str]] = []
    lines: list[int] = []
    refused: dict[int, str] = {}
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
                refused[len(records)] = _(
                    "the row has {count} cells, more than the {width} headers; quote a cell "
                    "that holds the delimiter {mark!r}"
                ).format(count=len(record), width=len(headers), mark=Shown(mark))
            records.append(record)
            lines.append(start)
    except csv.Error as exc:
        raise LoadError(Problem(message=_csv_message(exc), file=file, line=line + 1)) from exc
    if headers is None:
        raise LoadError(
            Problem(
                message=_(
                    "the file is empty; its first line names the columns, such as "
                    "key_result,on,value"
                ),
                file=file,
            )
        )

    def column(at: int) -> list[str]:
        return [record[at] if at < len(record) else "" for record in records]

    return Table(headers, np.array(lines, dtype=np.int64), column, file, header_line, refused)


def _csv_message(exc: csv.Error) -> str:
    reason = str(exc)
    if "field limit" in reason:
        return _(
            "a cell here is longer than {limit} characters; no check-in needs that much, "
            "so check the file (an unclosed quote?)"
        ).format(limit=csv.field_size_limit())
    return _("this is not CSV the csv module can read: {reason}").format(
        reason=shorten(reason, 200)
    )
