"""The tables of Excel workbooks and Parquet files.

Each is read with its optional extra (openpyxl, pyarrow), imported when used.
A workbook and a Parquet file are measured before they are read, against the same size
limit as every file okrkit reads: the uncompressed size of the workbook's parts, the
uncompressed size of the Parquet row groups.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from okrkit.checkins._frames import arrow_cells
from okrkit.checkins._sources import Column, Table, file_name, too_big
from okrkit.errors import (
    LoadError,
    Message,
    Problem,
    Shown,
    UsageError,
    did_you_mean,
    import_extra,
    os_reason,
    shorten,
)
from okrkit.i18n import N_

__all__ = ["excel_table", "parquet_table"]


def _unreadable(file: str, kind: Message, exc: BaseException) -> LoadError:
    """The error for a file its reader refuses; the reader's own words stay in the cause.

    The OS's reason is given, in okrkit's words (:func:`~okrkit.errors.os_reason`); a
    library's is not.
    """
    if isinstance(exc, OSError) and exc.errno is not None:
        message = Message(
            N_("cannot read the file as {kind}: {reason}"), kind=kind, reason=os_reason(exc)
        )
    else:
        message = Message(
            N_("cannot read the file as {kind}; check that it is one, and not damaged"),
            kind=kind,
        )
    return LoadError(Problem("file.unreadable", message, file=file))


def _exists(path: Path, file: str, size: int) -> None:
    """Refuse a missing file, or one past ``size`` bytes, before a parser opens it."""
    try:
        measured = path.stat().st_size
    except FileNotFoundError:
        raise LoadError(
            Problem("file.missing", Message(N_("no such file; check the path")), file=file)
        ) from None
    except (OSError, ValueError) as exc:
        raise _unreadable(file, Message(N_("a file")), exc) from exc
    if measured > size:
        raise too_big(file, size)


# -- Excel ----------------------------------------------------------------------------


def excel_table(source: str | os.PathLike[str], sheet: str | int | None, size: int) -> Table:
    """The table of a sheet of an ``.xlsx`` workbook: the first row with a cell, then data.

    ``sheet`` is a sheet's name, its 0-based position (as a number, or as text when no
    sheet has that name), or ``None`` for the first. Rows
    are numbered as the spreadsheet numbers them; empty rows are skipped.
    """
    openpyxl: Any = import_extra("openpyxl", "excel")
    path, file = Path(source), file_name(source)
    _exists(path, file, size)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise _unreadable(file, Message(N_("an Excel workbook (.xlsx)")), exc) from exc
    try:
        if unpacked > size:  # a zip bomb is refused before its parts are read
            raise too_big(file, size)
        records, numbers = _sheet_rows(_sheet(book, sheet, file))
    finally:
        book.close()
    if not records:
        raise LoadError(Problem("file.empty", Message(N_("the sheet is empty")), file=file))
    headers = ["" if cell is None else str(cell) for cell in records[0]]

    def column(at: int) -> list[Any]:
        return [record[at] if at < len(record) else None for record in records[1:]]

    return Table(headers, np.array(numbers[1:], dtype=np.int64), column, file, numbers[0])


def _sheet(book: Any, sheet: str | int | None, file: str) -> Any:
    names: list[str] = list(book.sheetnames)
    if sheet is None:
        return book.worksheets[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if 0 <= sheet < len(names):
            return book.worksheets[sheet]
    elif isinstance(sheet, str):
        if sheet in names:
            return book[sheet]
        if sheet.isdigit() and int(sheet) < len(names):  # a position given as text
            return book.worksheets[int(sheet)]
    else:
        raise UsageError(
            Message(
                N_("'sheet' must be a sheet's name or position (got {value})"), value=Shown(sheet)
            )
        )
    close = did_you_mean(str(sheet), names)
    args: dict[str, object] = {"sheet": Shown(sheet), "names": ", ".join(map(shorten, names))}
    if close:
        args["close"] = ", ".join(map(shorten, close))
        message = N_(
            "no sheet {sheet} in the workbook (its sheets: {names}); did you mean {close}?"
        )
    else:
        message = N_("no sheet {sheet} in the workbook (its sheets: {names})")
    raise LoadError(Problem("key.unknown", message, args, file=file))


def _sheet_rows(sheet: Any) -> tuple[list[tuple[Any, ...]], list[int]]:
    """The rows of a sheet that hold a cell, and their numbers."""
    records: list[tuple[Any, ...]] = []
    numbers: list[int] = []
    for number, record in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        if any(cell is not None and cell != "" for cell in record):
            records.append(record)
            numbers.append(number)
    return records, numbers


# -- Parquet ------------------------------------------------------------------------


def parquet_table(source: str | os.PathLike[str], size: int) -> Table:
    """The table of a Parquet file; its rows numbered from 1."""
    pq: Any = import_extra("pyarrow.parquet", "arrow")
    path, file = Path(source), file_name(source)
    _exists(path, file, size)
    try:
        parquet = pq.ParquetFile(path)
        metadata = parquet.metadata
        unpacked = sum(
            metadata.row_group(group).total_byte_size for group in range(metadata.num_row_groups)
        )
    except Exception as exc:
        raise _unreadable(file, Message(N_("a Parquet file")), exc) from exc
    if unpacked > size:
        raise too_big(file, size)
    headers = [str(name) for name in parquet.schema_arrow.names]
    count = int(metadata.num_rows)

    def column(at: int) -> Column:
        try:
            read = parquet.read(columns=[headers[at]]).column(0)
        except Exception as exc:
            raise _unreadable(file, Message(N_("a Parquet file")), exc) from exc
        return arrow_cells(read)

    return Table(headers, np.arange(1, count + 1, dtype=np.int64), column, file)
