"""A check-in log to and from pandas DataFrames and Arrow tables (optional extras)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from okrkit.checkins._columns import EPOCH_ORDINAL
from okrkit.errors import Problem, ValidationError, import_extra
from okrkit.i18n import _

if TYPE_CHECKING:
    from okrkit.checkins._log import CheckInLog

__all__ = ["COLUMNS", "arrow_columns", "frame_columns", "frame_of", "table_of"]

COLUMNS = ("key_result", "on", "value", "confidence", "note", "author")
"""The columns of a check-in frame or table; the last three may be left out."""


def _sparse_column(log: CheckInLog, rows: Any, texts: tuple[str, ...]) -> list[str | None]:
    out: list[str | None] = [None] * len(log)
    for row, text in zip(rows.tolist(), texts, strict=True):
        out[row] = text
    return out


def frame_of(log: CheckInLog) -> Any:
    """The log as a pandas DataFrame, one row per check-in (see :data:`COLUMNS`)."""
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
            "note": _sparse_column(
                log, np.array(list(notes), dtype=np.int64), tuple(notes.values())
            ),
            "author": _sparse_column(
                log, np.array(list(authors), dtype=np.int64), tuple(authors.values())
            ),
        }
    )


def _missing(columns: Any, source: str) -> None:
    absent = [name for name in COLUMNS[:3] if name not in columns]
    if absent:
        raise ValidationError(
            Problem(
                message=_("the {source} has no column {names}; it needs {needed}").format(
                    source=source, names=", ".join(absent), needed=", ".join(COLUMNS[:3])
                )
            )
        )


def frame_columns(frame: Any) -> dict[str, Any]:
    """The columns of a check-in DataFrame, ready for ``from_columns`` or ``from_codes``."""
    import_extra("pandas", "pandas")
    _missing(frame.columns, _("data frame"))
    out: dict[str, Any] = {}
    key_results = frame["key_result"]
    if hasattr(key_results, "cat"):
        out["ids"] = [str(name) for name in key_results.cat.categories]
        out["codes"] = key_results.cat.codes.to_numpy()
    else:
        out["key_results"] = key_results.to_numpy(dtype=object)
    days = frame["on"]
    out["days"] = (
        days.to_numpy().astype("datetime64[D]")
        if days.dtype.kind == "M"
        else days.to_numpy(dtype=object)
    )
    out["values"] = frame["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    if "confidence" in frame:
        out["confidences"] = frame["confidence"].to_numpy(dtype=object, na_value=None)
    for name in ("note", "author"):
        if name in frame:
            out[f"{name}s"] = frame[name].to_numpy(dtype=object, na_value=None).tolist()
    return out


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


def arrow_columns(table: Any) -> dict[str, Any]:
    """The columns of a check-in Arrow table, ready for ``from_columns`` or ``from_codes``."""
    pa: Any = import_extra("pyarrow", "arrow")
    _missing(table.column_names, _("Arrow table"))
    out: dict[str, Any] = {}
    key_results = table.column("key_result").combine_chunks()
    if pa.types.is_dictionary(key_results.type):
        out["ids"] = [str(name) for name in key_results.dictionary.to_pylist()]
        out["codes"] = key_results.indices.to_numpy(zero_copy_only=False)
    else:
        out["key_results"] = key_results.to_pylist()
    days = table.column("on").combine_chunks()
    if pa.types.is_date32(days.type) and days.null_count == 0:
        out["days"] = days.cast(pa.int32()).to_numpy() + EPOCH_ORDINAL
    else:
        out["days"] = days.to_pylist()
    out["values"] = table.column("value").to_pylist()
    if "confidence" in table.column_names:
        out["confidences"] = table.column("confidence").to_pylist()
    for name in ("note", "author"):
        if name in table.column_names:
            out[f"{name}s"] = table.column(name).to_pylist()
    return out
