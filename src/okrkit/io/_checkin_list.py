"""The older list form of the ``checkins`` section, read straight into columns.

Each entry is a mapping (``key_result``, ``on``, ``value``, ``confidence``, ``note``,
``author``), as people and older okrkit versions wrote it. Entries are checked one by
one without a :class:`~okrkit.CheckIn` each; every problem keeps its path,
``checkins[N].field``. See :mod:`okrkit.io._checkins` for the section as a whole.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from okrkit.checkins import CheckInLog
from okrkit.errors import Message, Problem, Shown, ValidationError
from okrkit.errors._message import as_found
from okrkit.i18n import N_
from okrkit.model import Confidence
from okrkit.model._checks import is_valid_id

__all__ = ["read_entries"]

_FIELDS = ("key_result", "on", "value", "confidence", "note", "author")
_REQUIRED = ("key_result", "on", "value")
_KNOWN, _NEEDED = frozenset(_FIELDS), frozenset(_REQUIRED)


class _Entries:
    """The columns of the readable entries of the list form, and the problems of the rest."""

    def __init__(self) -> None:
        self.key_results: list[str] = []
        self.days: list[int] = []
        self.values: list[float] = []
        self.confidences: list[int] = []
        self.notes: dict[int, str] = {}
        self.authors: dict[int, str] = {}
        self.entries: list[int] = []
        self.problems: list[Problem] = []

    def problem(
        self, index: int, field: str | None, code: str, message: Message, ident: str | None
    ) -> None:
        """Record a problem of entry ``index`` (of its ``field``, when given)."""
        path = f"checkins[{index}]" + (f".{field}" if field else "")
        self.problems.append(Problem(code, message, entity_id=ident, path=path))

    def value(self, index: int, item: Mapping[Any, Any], ident: str | None) -> float | None:
        """The entry's value, or ``None`` after recording why there is none."""
        if "value" not in item:
            return None
        value = item["value"]
        number = _number(value)
        if number is None:
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                code, message = (
                    "field.type",
                    Message(
                        N_("'{field}' must be a number (got {value!r})"),
                        field="value",
                        value=as_found(value),
                    ),
                )
            else:
                code, message = (
                    "value.range",
                    Message(
                        N_("'{field}' must be a finite number, not NaN or infinity (got {value})"),
                        field="value",
                        value=value,
                    ),
                )
            self.problem(index, "value", code, message, ident)
        return number

    def add(self, index: int, item: Any) -> None:
        """Add the entry as a row of the columns, or the problems that keep it out."""
        if not isinstance(item, Mapping):
            self.problem(
                index,
                None,
                "field.type",
                Message(
                    N_("must be the fields of {kind}, written as key: value (got {value})"),
                    kind=Message(N_("a check-in")),
                    value=as_found(item),
                ),
                None,
            )
            return
        before = len(self.problems)
        ident = _identifier(item.get("key_result"))
        if not _KNOWN >= item.keys() >= _NEEDED:
            self.keys(index, item, ident)
        if "key_result" in item and ident is None:
            self.problem(
                index, "key_result", "id.invalid", _bad_id("key_result", item["key_result"]), None
            )
        day = _day(item["on"]) if "on" in item else None
        if "on" in item and day is None:
            self.problem(
                index,
                "on",
                "field.format",
                Message(
                    N_("'{field}' must be a date written as YYYY-MM-DD (got {value!r})"),
                    field="on",
                    value=Shown(item["on"]),
                ),
                ident,
            )
        number = self.value(index, item, ident)
        level, note, author_id = self.extras(index, item, ident)
        if len(self.problems) > before:
            return
        assert ident is not None
        assert day is not None
        assert number is not None
        row = len(self.values)
        self.key_results.append(ident)
        self.days.append(day)
        self.values.append(number)
        self.confidences.append(level)
        self.entries.append(index)
        if note:
            self.notes[row] = note
        if author_id is not None:
            self.authors[row] = author_id

    def keys(self, index: int, item: Mapping[Any, Any], ident: str | None) -> None:
        """Record the entry's unknown keys and missing required keys."""
        for key in item:
            if key not in _FIELDS:
                self.problem(
                    index,
                    str(key),
                    "key.unknown",
                    Message(
                        N_("unknown key {key!r}; the keys of {kind} are: {known}"),
                        key=Shown(key),
                        kind=Message(N_("a check-in")),
                        known=", ".join(_FIELDS),
                    ),
                    ident,
                )
        for key in _REQUIRED:
            if key not in item:
                self.problem(
                    index,
                    key,
                    "key.missing",
                    Message(N_("required key {key!r} is missing; add it"), key=Shown(key)),
                    ident,
                )

    def extras(
        self, index: int, item: Mapping[Any, Any], ident: str | None
    ) -> tuple[int, str, str | None]:
        """The entry's optional confidence (0: none), note and author, each checked."""
        level = 0
        if item.get("confidence") is not None:
            try:
                level = int(Confidence.parse(item["confidence"]))
            except ValidationError:
                self.problem(
                    index,
                    "confidence",
                    "value.range",
                    Message(
                        N_(
                            "'confidence' must be 1-5 or one of red, yellow, green (got {value!r})"
                        ),
                        value=Shown(item["confidence"]),
                    ),
                    ident,
                )
        note = item.get("note", "")
        if isinstance(note, int | float) and not isinstance(note, bool):
            note = str(note)
        if not isinstance(note, str):
            self.problem(
                index,
                "note",
                "field.type",
                Message(
                    N_("'{field}' must be text (got {value!r})"),
                    field="note",
                    value=as_found(note),
                ),
                ident,
            )
        author = item.get("author")
        author_id = None if author is None else _identifier(author)
        if author is not None and author_id is None:
            self.problem(index, "author", "id.invalid", _bad_id("author", author), ident)
        return level, note, author_id


def _identifier(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return value if is_valid_id(value) else None


def _bad_id(field: str, value: Any) -> Message:
    return Message(
        N_(
            "'{field}' must be a non-empty id without spaces, such as 'kr-growth-1' "
            "(got {value!r})"
        ),
        field=field,
        value=as_found(value),
    )


def _day(value: Any) -> int | None:
    if isinstance(value, dt.datetime):
        return value.date().toordinal()
    if isinstance(value, dt.date):
        return value.toordinal()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).toordinal()
        except ValueError:
            return None
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int past a float's range
        return None
    return number if math.isfinite(number) else None


def read_entries(raw: list[Any]) -> tuple[CheckInLog, list[Problem], npt.NDArray[np.int64] | None]:
    """Read the list form into a log.

    Returns:
        The log of every readable entry; the problems of the others, each with its
        path (``checkins[N].field``); and, when some entries were left out, the index
        in ``raw`` of each row of the log (``None`` when row and index agree).
    """
    found = _Entries()
    for index, item in enumerate(raw):
        found.add(index, item)
    try:
        log = CheckInLog.from_columns(
            found.key_results,
            np.asarray(found.days, dtype=np.int32),
            np.asarray(found.values, dtype=np.float64),
            np.asarray(found.confidences, dtype=np.int8),
            found.notes,
            found.authors,
        )
    except ValidationError as exc:  # pragma: no cover - every row was checked above
        return CheckInLog(), list(exc.problems), None
    entries = None if len(found.entries) == len(raw) else np.asarray(found.entries)
    return log, found.problems, entries
