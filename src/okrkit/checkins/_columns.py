"""Turning what callers hand over (lists, numpy arrays, check-ins) into typed columns.

Everything here is vectorised where the input allows it: numpy arrays are taken as
they are, lists are converted once, and no ``CheckIn`` object is made per row.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from okrkit.errors import Message, Problem, ValidationError
from okrkit.errors._message import as_found
from okrkit.i18n import N_
from okrkit.model import Confidence
from okrkit.model._checks import is_storable, is_valid_id
from okrkit.model._words import surrogate_message, unprintable_id

__all__ = [
    "EPOCH_ORDINAL",
    "Sparse",
    "confidence_column",
    "day_column",
    "factorize",
    "sparse_column",
    "value_column",
]

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
"""The proleptic ordinal of numpy's datetime64 epoch."""

_LEVELS = {member.name.lower(): int(member) for member in Confidence}
_LEVELS.update({"red": 1, "yellow": 3, "green": 5})
_LEVELS.update({str(int(member)): int(member) for member in Confidence})

Sparse = tuple[npt.NDArray[np.int64], tuple[str, ...]]
"""Text kept only for the rows that have some: their row numbers and the texts."""


def _bad(
    code: str, message: Message, row: int | None = None, entity_id: str | None = None
) -> ValidationError:
    path = None if row is None else f"checkins[{row}]"
    return ValidationError(Problem(code, message, path=path, entity_id=entity_id))


def factorize(key_results: Any) -> tuple[list[str], npt.NDArray[np.int32]]:
    """Distinct key result ids, in order of first appearance, and each row's code.

    Rows usually come grouped by key result, so runs of one id are found by column and
    only each run's id is hashed.
    """
    column = np.empty(len(key_results), dtype=object)
    column[:] = key_results.tolist() if isinstance(key_results, np.ndarray) else key_results
    index: dict[str, int] = {}
    setdefault = index.setdefault
    if len(column):
        change = np.empty(len(column), dtype=bool)
        change[0] = True
        np.not_equal(column[1:], column[:-1], out=change[1:])
        starts = np.flatnonzero(change)
        lengths = np.diff(np.append(starts, len(column)))
    else:
        starts = lengths = np.zeros(0, dtype=np.int64)
    try:
        run_codes = [setdefault(ident, len(index)) for ident in column[starts].tolist()]
    except TypeError:  # an unhashable entry
        run_codes, index = [], {}
    ids = list(index)
    bad = [ident for ident in ids if not is_valid_id(ident)]
    if bad or (not ids and len(key_results)):
        value = bad[0] if bad else next(iter(key_results))
        row = next(
            (i for i, ident in enumerate(key_results) if ident is value or ident == value), 0
        )
        raise _bad(
            "id.invalid",
            unprintable_id("'key_result'", value)
            or Message(
                N_("a check-in's key result must be an id without spaces (got {value})"),
                value=as_found(value),
            ),
            row,
        )
    return ids, np.repeat(np.asarray(run_codes, dtype=np.int32), lengths)


def _ordinal(day: Any, row: int) -> int:
    if type(day) is int or isinstance(day, np.integer):
        return int(day)
    if isinstance(day, dt.datetime):
        return day.date().toordinal()
    if isinstance(day, dt.date):
        return day.toordinal()
    if isinstance(day, str):
        try:
            return dt.date.fromisoformat(day.strip()).toordinal()
        except ValueError:
            pass
    raise _bad(
        "field.format",
        Message(
            N_("a check-in's day must be a date written as YYYY-MM-DD (got {value})"),
            value=as_found(day),
        ),
        row,
    )


def day_column(days: Any) -> npt.NDArray[np.int32]:
    """Days as proleptic ordinals, from dates, ordinals, ISO text or datetime64."""
    if not isinstance(days, np.ndarray):
        items = days if isinstance(days, list) else list(days)
        try:  # dates, datetimes and Timestamps, each read in C
            ordinals = np.fromiter(map(dt.date.toordinal, items), np.int64, len(items))
        except TypeError:
            days = np.asarray(items)
    if isinstance(days, np.ndarray):
        found = days
        if found.dtype.kind == "M":
            ordinals = found.astype("datetime64[D]").astype(np.int64) + EPOCH_ORDINAL
        elif found.dtype.kind in "iu":
            ordinals = found.astype(np.int64)
        else:
            items = found.tolist()
            try:
                ordinals = np.fromiter(
                    (_ordinal(d, i) for i, d in enumerate(items)), dtype=np.int64, count=len(items)
                )
            except OverflowError as exc:
                raise _bad("value.range", Message(N_("a check-in's day is out of range"))) from exc
    outside = (ordinals < 1) | (ordinals > dt.date.max.toordinal())
    if outside.any():
        raise _bad(
            "value.range",
            Message(N_("a check-in's day is out of range")),
            int(np.flatnonzero(outside)[0]),
        )
    return ordinals.astype(np.int32)


def value_column(values: Any) -> npt.NDArray[np.float64]:
    """Values as float64; every one must be a finite number (booleans read as 1 and 0)."""
    try:
        out = np.array(values, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        out = _float_column(values)
    finite = np.isfinite(out)
    if not finite.all():
        row = int(np.flatnonzero(~finite)[0])
        raise _bad("value.range", _finite_message(float(out[row])), row)
    return out


def _finite_message(value: object) -> Message:
    return Message(
        N_("a check-in's value must be a finite number, not NaN or infinity (got {value})"),
        value=as_found(value),
    )


def _float_column(values: Any) -> npt.NDArray[np.float64]:
    """Values numpy would not take at once, one by one, naming the first bad row."""
    out = []
    for row, value in enumerate(values):
        try:
            out.append(float(value))
        except OverflowError:  # an int beyond float's range
            raise _bad("value.range", _finite_message(value), row) from None
        except (TypeError, ValueError):
            raise _bad(
                "field.type",
                Message(
                    N_("a check-in's value must be a number (got {value})"), value=as_found(value)
                ),
                row,
            ) from None
    return np.array(out, dtype=np.float64)


def _level(value: Any, row: int) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        found = _LEVELS.get(value.strip().lower())
        if found is not None:
            return found
    elif not isinstance(value, bool) and isinstance(value, int | np.integer) and 1 <= value <= 5:
        return int(value)
    elif isinstance(value, float) and math.isnan(value):  # NaN stands for "none" in frames
        return 0
    raise _bad(
        "value.range",
        Message(
            N_("'confidence' must be 1-5 or one of red, yellow, green (got {value})"),
            value=as_found(value),
        ),
        row,
    )


def confidence_column(confidences: Any, count: int) -> npt.NDArray[np.int8]:
    """Confidences as int8, 0 where none was given."""
    if confidences is None:
        return np.zeros(count, dtype=np.int8)
    if isinstance(confidences, np.ndarray) and confidences.dtype.kind in "iu":
        bad = (confidences < 0) | (confidences > 5)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise _bad(
                "value.range",
                Message(
                    N_("'confidence' must be 1-5 or one of red, yellow, green (got {value})"),
                    value=as_found(confidences[row]),
                ),
                row,
            )
        return confidences.astype(np.int8)
    try:  # numbers, with None (or NaN) for none, read in C
        numbers = np.array(confidences, dtype=np.float64)
    except (TypeError, ValueError):
        numbers = None
    if numbers is not None and numbers.shape == (count,):
        given = ~np.isnan(numbers)
        bad = given & ((numbers != np.round(numbers)) | (numbers < 1) | (numbers > 5))
        if not bad.any():
            return np.where(given, numbers, 0.0).astype(np.int8)
    return np.fromiter(
        (_level(value, row) for row, value in enumerate(confidences)), dtype=np.int8, count=count
    )


def sparse_column(
    texts: Iterable[str | None] | Mapping[int, str] | None,
    field: str | Message,
    *,
    ids: bool = False,
) -> Sparse:
    """Keep only the rows whose text is set: row numbers and texts.

    A mapping is read by column (its keys and values at once); a column is filtered
    for the rows with text. With ``ids`` each distinct text is checked to be an id.
    """
    if texts is None:
        return np.zeros(0, dtype=np.int64), ()
    if isinstance(texts, Mapping):
        rows = np.fromiter(texts.keys(), dtype=np.int64, count=len(texts))
        found = list(texts.values())
    else:
        column = list(texts)
        kept = [row for row, text in enumerate(column) if not _blank(text)]
        rows = np.asarray(kept, dtype=np.int64)
        found = [column[row] for row in kept]
    if not all(type(text) is str and text for text in found):
        keep = [i for i, text in enumerate(found) if not _blank(text)]
        rows, found = rows[keep], [found[i] for i in keep]
    wrong = next((i for i, text in enumerate(found) if not isinstance(text, str)), None)
    if wrong is not None:
        raise _bad(
            "field.type",
            Message(
                N_("a check-in's {field} must be text (got {value})"),
                field=field,
                value=as_found(found[wrong]),
            ),
            int(rows[wrong]),
        )
    if not ids:
        bad = next((i for i, text in enumerate(found) if not is_storable(text)), None)
        if bad is not None:
            raise _bad("field.format", surrogate_message(field), int(rows[bad]))
    for text in dict.fromkeys(found) if ids else ():  # in row order: the first bad one
        if not is_valid_id(text):
            raise _bad(
                "id.invalid",
                unprintable_id(field, text)
                or Message(
                    N_("a check-in's {field} must be an id without spaces (got {value})"),
                    field=field,
                    value=as_found(text),
                ),
                int(rows[found.index(text)]),
            )
    if len(rows) > 1 and bool((np.diff(rows) < 0).any()):
        order = np.argsort(rows, kind="stable")
        return rows[order], tuple(found[i] for i in order.tolist())
    return rows, tuple(found)


def _blank(text: object) -> bool:
    return text is None or text == "" or (isinstance(text, float) and math.isnan(text))
