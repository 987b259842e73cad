"""Check-ins from where the numbers are: CSV, Excel, Parquet, DataFrames and Arrow tables.

:class:`Importing` gives :class:`~okrkit.checkins.CheckInLog` its ``from_csv``,
``from_excel``, ``from_parquet``, ``from_frame`` and ``from_arrow``. Each finds the
columns (:mod:`okrkit.checkins._headers`), reads the source into a table
(:mod:`~okrkit.checkins._sources`, :mod:`~okrkit.checkins._sheets`) and checks every row
into a log, all or nothing (:mod:`~okrkit.checkins._validate`).

The readers are imported on first use, so that ``import okrkit`` stays light. Files
are read under the size limit of :class:`okrkit.Limits`, which okrkit.io (a
layer above) defines and lends here when okrkit is imported (:func:`lend_limits`), as
the layers above lend the model their work.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TextIO, cast

from okrkit.checkins._read import Reading
from okrkit.errors import Message, Shown, UsageError
from okrkit.i18n import N_
from okrkit.model import Cycle

if TYPE_CHECKING:
    from okrkit.checkins._log import CheckInLog
    from okrkit.checkins._sources import Table
    from okrkit.checkins._validate import Options
    from okrkit.io import Limits

__all__ = ["Importing", "lend_limits"]

_LENT: dict[str, type[Limits]] = {}


def lend_limits(limits: type[Limits]) -> None:
    """Give the importers :class:`okrkit.Limits`; called by ``okrkit/_api.py``."""
    _LENT["limits"] = limits


def _size(limits: Limits | None) -> int:
    """The most bytes a file may hold: ``limits.size``, or the default Limits' size."""
    if limits is None:
        default = _LENT.get("limits")
        if default is None:  # only while okrkit itself is being imported: a bug
            raise UsageError(Message(N_("okrkit.io has not been loaded yet; import okrkit first")))
        return default().size
    size = getattr(limits, "size", None)
    if type(size) is not int:
        raise UsageError(
            Message(N_("'limits' must be an okrkit.Limits (got {value})"), value=Shown(limits))
        )
    return size


class Importing(Reading):
    """The importers of :class:`~okrkit.checkins.CheckInLog`; see docs/import.md.

    Every importer takes the same keywords:

    - ``columns``: which of the source's columns holds each field (``key_result``,
      ``on``, ``value``, ``confidence``, ``note``, ``author``), such as
      ``{"key_result": "KR", "value": "Giá trị"}``. A field not named is found by its
      own name or a common English or Vietnamese header (``kr``, ``date``, ``ngày``,
      ``giá trị``, ``độ tự tin``, ``ghi chú``, ...), case ignored.
    - ``decimal``: ``"."`` (the default) or ``","`` for values written ``3,5``.
    - ``day_format``: a ``strptime`` format such as ``"%d/%m/%Y"`` for days not written
      ``YYYY-MM-DD``; day-first and month-first are never guessed.
    - ``known``: the ids of the key results that may be checked in; others are refused,
      with a "did you mean" hint. ``cycles``: each key result's cycle; a check-in dated
      outside it is refused.
    - ``authors``: the ids of the owners who may be a check-in's author, such as
      ``[owner.id for owner in okrs.owners]``; a row whose author is none of them is
      refused, with a "did you mean" hint (an OKR set refuses such an author too).
    - ``skip_bad``: keep the good rows, and report each bad one in :attr:`diagnostics`,
      instead of refusing the whole import. Every refused row is a bad row: a key
      result not ``known``, an author not in ``authors``, a day outside ``cycles``.

    Messages advise a Python caller in keywords (``skip_bad=True``); the ``okrkit``
    command shows the same advice as its options (``--skip-bad``), see
    :class:`okrkit.errors._message.Spelled`.

    Rows are numbered as the user sees them: a CSV file's line (the headers on line 1),
    a spreadsheet's row, a frame's or a Parquet file's 1-based row.

    Raises (every importer):
        ValidationError: listing every bad row with its number and why (a
            :class:`~okrkit.errors.LoadError` for a file, naming it), unless
            ``skip_bad``; or for a required column not found.
        LoadError: for a file that cannot be read, or is past ``limits.size``.
        MissingExtraError: when the source needs an extra that is not installed.
    """

    __slots__ = ()

    @classmethod
    def from_csv(
        cls,
        source: str | os.PathLike[str] | TextIO,
        *,
        columns: Mapping[str, str] | None = None,
        delimiter: str | None = None,
        decimal: str = ".",
        day_format: str | None = None,
        known: Iterable[str] | None = None,
        authors: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
        skip_bad: bool = False,
        encoding: str = "utf-8-sig",
        limits: Limits | None = None,
    ) -> CheckInLog:
        r"""Read check-ins from a CSV file (or a text stream), every row checked.

        The first line names the columns. ``delimiter`` is sniffed from it (``,``,
        ``;``, tab or ``|``) unless given; ``encoding`` is the file's (UTF-8, a BOM
        allowed, by default); ``limits`` bounds the file's size (``okrkit.Limits()``'s
        by default). The other keywords (``columns``, ``decimal``, ``day_format``,
        ``known``, ``authors``, ``cycles``, ``skip_bad``) are those of :class:`Importing`.

        Examples:
            >>> import io
            >>> from okrkit.checkins import CheckInLog
            >>> text = "KR;Ngày;Giá trị\nkr-1;2026-01-09;3,5\nkr-1;2026-01-16;4\n"
            >>> log = CheckInLog.from_csv(io.StringIO(text), decimal=",")
            >>> log.value_at("kr-1", "2026-01-31")
            4.0
        """
        from okrkit.checkins._sources import csv_table, file_name, read_text

        text = read_text(source, encoding, _size(limits))
        table = csv_table(text, file_name(source), delimiter)
        options = _options(columns, decimal, day_format, known, authors, cycles, skip_bad)
        return _imported(cls, table, options)

    @classmethod
    def from_excel(
        cls,
        source: str | os.PathLike[str],
        *,
        sheet: str | int | None = None,
        columns: Mapping[str, str] | None = None,
        decimal: str = ".",
        day_format: str | None = None,
        known: Iterable[str] | None = None,
        authors: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
        skip_bad: bool = False,
        limits: Limits | None = None,
    ) -> CheckInLog:
        """Read check-ins from a sheet of an Excel workbook (``.xlsx``), every row checked.

        ``sheet`` is a sheet's name or 0-based position (the first by default); its
        first row with a cell names the columns. Date cells are read as days, number
        cells as numbers. Needs the ``excel`` extra (openpyxl). The other keywords are
        those of :meth:`from_csv`.
        """
        from okrkit.checkins._sheets import excel_table

        table = excel_table(source, sheet, _size(limits))
        options = _options(columns, decimal, day_format, known, authors, cycles, skip_bad)
        return _imported(cls, table, options)

    @classmethod
    def from_parquet(
        cls,
        source: str | os.PathLike[str],
        *,
        columns: Mapping[str, str] | None = None,
        decimal: str = ".",
        day_format: str | None = None,
        known: Iterable[str] | None = None,
        authors: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
        skip_bad: bool = False,
        limits: Limits | None = None,
    ) -> CheckInLog:
        """Read check-ins from a Parquet file, every row checked; only the columns used.

        Reads what :meth:`to_arrow` writes, and any table with the columns named as in
        :class:`Importing`. Needs the ``arrow`` extra (pyarrow).
        """
        from okrkit.checkins._sheets import parquet_table

        table = parquet_table(source, _size(limits))
        options = _options(columns, decimal, day_format, known, authors, cycles, skip_bad)
        return _imported(cls, table, options)

    @classmethod
    def from_frame(
        cls,
        frame: Any,
        *,
        columns: Mapping[str, str] | None = None,
        decimal: str = ".",
        day_format: str | None = None,
        known: Iterable[str] | None = None,
        authors: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
        skip_bad: bool = False,
    ) -> CheckInLog:
        """Build a log from a pandas DataFrame, every row checked (rows numbered from 1).

        Reads the columns of :meth:`to_frame`, or any named as in :class:`Importing`;
        a categorical key result is read by its codes, datetime and number columns as
        they are. Needs the ``pandas`` extra.

        Examples:
            >>> import pandas as pd
            >>> from okrkit.checkins import CheckInLog
            >>> frame = pd.DataFrame({"KR": ["kr-1"], "Ngày": ["2026-01-09"], "Giá trị": [3]})
            >>> CheckInLog.from_frame(frame).history("kr-1")[0].value
            3.0
        """
        from okrkit.checkins._frames import frame_table

        options = _options(columns, decimal, day_format, known, authors, cycles, skip_bad)
        return _imported(cls, frame_table(frame), options)

    @classmethod
    def from_arrow(
        cls,
        table: Any,
        *,
        columns: Mapping[str, str] | None = None,
        decimal: str = ".",
        day_format: str | None = None,
        known: Iterable[str] | None = None,
        authors: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
        skip_bad: bool = False,
    ) -> CheckInLog:
        """Build a log from a pyarrow Table, every row checked (rows numbered from 1).

        Reads the columns of :meth:`to_arrow`, or any named as in :class:`Importing`;
        a dictionary-encoded key result is read by its codes, dates as they are. Needs
        the ``arrow`` extra.
        """
        from okrkit.checkins._frames import arrow_table

        options = _options(columns, decimal, day_format, known, authors, cycles, skip_bad)
        return _imported(cls, arrow_table(table), options)


def _options(  # noqa: PLR0917 - the keywords every importer takes, in their order
    columns: Mapping[str, str] | None,
    decimal: str,
    day_format: str | None,
    known: Iterable[str] | None,
    authors: Iterable[str] | None,
    cycles: Mapping[str, Cycle] | None,
    skip_bad: bool,
) -> Options:
    """The importers' keywords, checked (see :class:`Importing`)."""
    from okrkit.checkins._validate import Options

    return Options(
        columns=columns,
        decimal=decimal,
        day_format=day_format,
        known=known,
        authors=authors,
        cycles=cycles,
        skip_bad=skip_bad,
    )


def _imported(cls: type[Importing], table: Table, options: Options) -> CheckInLog:
    """The log of ``table``, made by ``cls``: :class:`CheckInLog`, which mixes this in."""
    from okrkit.checkins._validate import imported

    return imported(cast("type[CheckInLog]", cls), table, options)
