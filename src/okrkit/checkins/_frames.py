"""A check-in log to pandas DataFrames and Arrow tables, and their tables to import.

Both are optional extras, imported when used. Reading, a frame or a table becomes a
:class:`~okrkit.checkins._sources.Table` whose columns stay typed numpy arrays where
they are typed (dates, numbers, categorical codes), for the checks of
:mod:`okrkit.checkins._validate`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from okrkit.checkins._columns import EPOCH_ORDINAL
from okrkit.checkins._sources import Column, Table
from okrkit.errors import Message, Shown, UsageError, import_extra
from okrkit.i18n import N_

if TYPE_CHECKING:
    from okrkit.checkins._log import CheckInLog

__all__ = [
    "COLUMNS",
    "arrow_cells",
    "arrow_table",
    "frame_of",
    "frame_table",
    "series_cells",
    "table_of",
]

COLUMNS = ("key_result", "on", "value", "confidence", "note", "author")
"""The columns of a check-in frame or table; the last three may be left out."""


def _sparse_column(log: CheckInLog, rows: Any, texts: tuple[str, ...]) -> list[str | None]:
    out: list[str | None] = [None] * len(log)
    for row, text in zip(rows.tolist(), texts, strict=True):
        out[row] = text
    return out


def frame_of(log: CheckInLog) -> Any:
    """The log as a pandas DataFrame, one row per check-in (see :data:`COLUMNS`).

    ``key_result`` is categorical (the log's key results, in its order), ``on``
    ``datetime64[s]``, ``value`` float64, ``confidence`` nullable ``Int8`` and
    ``note`` and ``author`` nullable strings.
    """
    pd: Any = import_extra("pandas", "pandas")
    days = (log.days.astype(np.int64) - EPOCH_ORDINAL).astype("datetime64[D]")
    levels = log.confidences
    notes, authors = log.notes(), log.authors()
    return pd.DataFrame(
        {
            "key_result": pd.Categorical.from_codes(log.codes, categories=list(log.ids())),
            "on": days.astype("datetime64[s]"),
            "value": np.array(log.values),
            "confidence": pd.arrays.IntegerArray(np.array(levels), levels == 0),
            # Text in pandas' nullable string dtype (pd.NA where none was given), as in
            # every okrkit frame, whichever pandas version infers what from a list.
            "note": pd.array(
                _sparse_column(log, np.array(list(notes), dtype=np.int64), tuple(notes.values())),
                dtype=pd.StringDtype(),
            ),
            "author": pd.array(
                _sparse_column(
                    log, np.array(list(authors), dtype=np.int64), tuple(authors.values())
                ),
                dtype=pd.StringDtype(),
            ),
        }
    )


def table_of(log: CheckInLog) -> Any:
    """The log as a pyarrow Table (see :data:`COLUMNS`); key results dictionary-coded."""
    pa: Any = import_extra("pyarrow", "arrow")
    levels = log.confidences
    notes, authors = log.notes(), log.authors()
    return pa.table(
        {
            "key_result": pa.DictionaryArray.from_arrays(
                pa.array(log.codes, type=pa.int32()), pa.array(list(log.ids()), type=pa.string())
            ),
            "on": pa.array((log.days.astype(np.int64) - EPOCH_ORDINAL).astype(np.int32)).cast(
                pa.date32()
            ),
            "value": pa.array(log.values, type=pa.float64()),
            "confidence": pa.array(levels, type=pa.int8(), mask=levels == 0),
            "note": pa.array(
                _sparse_column(log, np.array(list(notes), dtype=np.int64), tuple(notes.values())),
                type=pa.string(),
            ),
            "author": pa.array(
                _sparse_column(
                    log, np.array(list(authors), dtype=np.int64), tuple(authors.values())
                ),
                type=pa.string(),
            ),
        }
    )


# -- reading ---------------------------------------------------------------------------


def arrow_table(table: Any) -> Table:
    """The table of a pyarrow Table; its rows numbered from 1."""
    pa: Any = import_extra("pyarrow", "arrow")
    if not isinstance(table, pa.Table):
        raise UsageError(Message(N_("expected a pyarrow Table (got {value})"), value=Shown(table)))
    headers = [str(name) for name in table.column_names]
    return Table(
        headers,
        np.arange(1, table.num_rows + 1, dtype=np.int64),
        lambda at: arrow_cells(table.column(at)),
        "<Arrow table>",
    )


def arrow_cells(chunked: Any) -> Column:
    """An Arrow column's cells: typed numpy where Arrow types them, else Python objects."""
    pa: Any = import_extra("pyarrow", "arrow")
    array = chunked.combine_chunks() if hasattr(chunked, "combine_chunks") else chunked
    kind = array.type
    if pa.types.is_dictionary(kind):
        codes: npt.NDArray[Any] = array.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        categories: list[Any] = array.dictionary.to_pylist()
        return categories, codes
    typed = (
        (
            (pa.types.is_date(kind) or pa.types.is_timestamp(kind))
            and getattr(kind, "tz", None) is None  # aware datetimes: each read as its own date
        )
        or pa.types.is_floating(kind)
        or pa.types.is_integer(kind)
    )
    if typed:
        cells: npt.NDArray[Any] = array.to_numpy(zero_copy_only=False)
        return cells
    listed: list[Any] = array.to_pylist()
    return listed


def frame_table(frame: Any) -> Table:
    """The table of a pandas DataFrame; its rows numbered from 1, by position."""
    pd: Any = import_extra("pandas", "pandas")
    if not isinstance(frame, pd.DataFrame):
        raise UsageError(
            Message(N_("expected a pandas DataFrame (got {value})"), value=Shown(frame))
        )
    headers = [str(name) for name in frame.columns]
    return Table(
        headers,
        np.arange(1, len(frame) + 1, dtype=np.int64),
        lambda at: series_cells(frame.iloc[:, at]),
        "<data frame>",
    )


def series_cells(series: Any) -> Column:
    """A pandas Series' cells: categories and codes, typed numpy, or Python objects."""
    if hasattr(series, "cat"):
        codes: npt.NDArray[Any] = series.cat.codes.to_numpy()
        return list(series.cat.categories), codes
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "Mfiub":
        cells: npt.NDArray[Any] = series.to_numpy()
        return cells
    objects: list[Any] = series.to_numpy(dtype=object, na_value=None).tolist()
    return objects
