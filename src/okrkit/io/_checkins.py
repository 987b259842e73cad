"""The ``checkins`` section of a file, read straight into a check-in log.

Two forms are read, neither through a :class:`~okrkit.CheckIn` per row:

- the table form okrkit writes, a mapping from key result id to a text table
  (see :mod:`okrkit.io._tables`);
- the older list of mappings (``key_result``, ``on``, ``value``, ``confidence``,
  ``note``, ``author``), as people and older okrkit versions wrote it.

Every problem keeps where it is: for a table, the key result and the row, so the line
can be found later; for the list, the path ``checkins[N].field``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import numbers
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from okrkit.checkins import CheckInLog
from okrkit.errors import Problem, ValidationError
from okrkit.i18n import _
from okrkit.io._lines import PathKey
from okrkit.io._table_rows import parse_tables
from okrkit.model import Confidence
from okrkit.model._checks import is_valid_id

__all__ = ["Anchor", "CheckinSection", "read_checkins"]

Anchor = tuple[PathKey, int | None]
"""Where to look for a problem's line: a path, and the row's line offset in the
text block at that path (``None`` when the path's own line is the answer)."""

MAX_PER_TABLE = 10
"""The most problems reported for one key result's table; the rest are counted."""

_FIELDS = ("key_result", "on", "value", "confidence", "note", "author")
_REQUIRED = ("key_result", "on", "value")
_INPUT_PATH = re.compile(r"checkins\[(\d+)\]")


@dataclasses.dataclass
class CheckinSection:
    """The section as read: the log of every readable row, and the problems of the rest.

    Attributes:
        log: The check-ins that could be read (none when the section is missing).
        problems: Each problem with where to find its line (``None``: from its path).
    """

    log: CheckInLog
    problems: list[tuple[Problem, Anchor | None]]
    ids: list[str] | None = None
    first_rows: npt.NDArray[np.int64] | None = None
    irregular: dict[int, tuple[list[int], list[int]]] = dataclasses.field(default_factory=dict)
    entries: npt.NDArray[np.int64] | None = None

    def relocate(self, problem: Problem) -> tuple[Problem, Anchor | None]:
        """Point a problem the OKR set found at the row as the file wrote it.

        The set names rows by their place in the log's input (``checkins[N]``); this
        gives the path in the file and where to find its line.
        """
        match = _INPUT_PATH.match(problem.path or "")
        if match is None:
            return problem, None
        rest = (problem.path or "")[match.end() :]
        message = _INPUT_PATH.sub(lambda m: self._path(int(m.group(1)))[0], problem.message)
        if self.ids is None:
            path, anchor = self._path(int(match.group(1)))
            return dataclasses.replace(problem, path=path + rest, message=message), anchor
        code, row, offset = self._row(int(match.group(1)))
        ident = self.ids[code]
        if rest == ".key_result":  # the table's key names the key result
            return (
                dataclasses.replace(problem, path=f"checkins.{ident}", message=message),
                (("checkins", ident), None),
            )
        return (
            dataclasses.replace(problem, path=f"checkins.{ident}[{row}]{rest}", message=message),
            (("checkins", ident), offset),
        )

    def _path(self, position: int) -> tuple[str, Anchor | None]:
        if self.ids is None:
            index = position if self.entries is None else int(self.entries[position])
            return f"checkins[{index}]", None
        code, row, _offset = self._row(position)
        return f"checkins.{self.ids[code]}[{row}]", None

    def _row(self, position: int) -> tuple[int, int, int]:
        """The table, row index and line offset of the row at ``position`` of the log."""
        assert self.first_rows is not None
        code = int(np.searchsorted(self.first_rows, position, side="right")) - 1
        read = position - int(self.first_rows[code])
        if code in self.irregular:
            rows, offsets = self.irregular[code]
            return code, rows[read], offsets[read]
        return code, read, read


def read_checkins(raw: Any) -> CheckinSection:
    """Read the ``checkins`` section in either form; every problem is kept in the result."""
    if raw is None:
        return CheckinSection(CheckInLog(), [])
    if isinstance(raw, Mapping):
        return _read_tables(raw)
    if isinstance(raw, list):
        return _read_entries(raw)
    problem = Problem(
        message=_(
            "must be a mapping from key result id to a table of check-ins, or a list of "
            "check-ins (got {value!r})"
        ).format(value=raw),
        path="checkins",
    )
    return CheckinSection(CheckInLog(), [(problem, None)])


# -- the table form --------------------------------------------------------------------


def _table_id(key: Any) -> str | None:
    if isinstance(key, str):
        return key if is_valid_id(key) else None
    if isinstance(key, int) and not isinstance(key, bool):
        return str(key)
    if isinstance(key, dt.date):
        return key.isoformat()
    return None


def _read_tables(raw: Mapping[Any, Any]) -> CheckinSection:
    """Read the table form; ``raw`` is emptied as its tables are read."""
    problems: list[tuple[Problem, Anchor | None]] = []
    tables: list[tuple[str, str]] = []
    for key, value in raw.items():
        ident = _table_id(key)
        if ident is None:
            problems.append(
                (
                    Problem(
                        message=_(
                            "{value!r} is not a key result id: an id has no spaces, such "
                            "as 'kr-velocity'"
                        ).format(value=key),
                        path=f"checkins.{key}",
                    ),
                    (("checkins", str(key)), None),
                )
            )
            continue
        text = "" if value is None else value
        if not isinstance(text, str):
            problems.append(
                (
                    Problem(
                        message=_(
                            "the check-ins of {id!r} must be a text table, one check-in a "
                            "line such as '2026-01-09 28' (got {value!r})"
                        ).format(id=ident, value=text),
                        entity_id=ident,
                        path=f"checkins.{ident}",
                    ),
                    (("checkins", ident), None),
                )
            )
            continue
        tables.append((ident, text))
    ids = [ident for ident, _text in tables]
    coded = [(code, text) for code, (_ident, text) in enumerate(tables)]
    del tables
    if isinstance(raw, dict):
        raw.clear()  # each table's text is let go once read
    columns = parse_tables(coded)
    codes, days, values, confidences = columns.joined()
    log = CheckInLog.from_codes(
        ids, codes, days, values, confidences, columns.notes, columns.authors
    )
    first_rows = np.searchsorted(codes, np.arange(len(ids) + 1)).astype(np.int64)
    per_table: dict[int, int] = {}
    for code, row, offset, message in columns.bad:
        seen = per_table[code] = per_table.get(code, 0) + 1
        if seen > MAX_PER_TABLE:
            continue
        ident = ids[code]
        problems.append(
            (
                Problem(message=message, entity_id=ident, path=f"checkins.{ident}[{row}]"),
                (("checkins", ident), offset),
            )
        )
    for code, seen in per_table.items():
        if seen > MAX_PER_TABLE:
            ident = ids[code]
            problems.append(
                (
                    Problem(
                        message=_(
                            "{count} more rows of {id!r} cannot be read; fix the rows above "
                            "and load again to see them"
                        ).format(count=seen - MAX_PER_TABLE, id=ident),
                        entity_id=ident,
                        path=f"checkins.{ident}",
                    ),
                    (("checkins", ident), None),
                )
            )
    return CheckinSection(
        log, problems, ids=ids, first_rows=first_rows, irregular=columns.irregular
    )


# -- the list form ---------------------------------------------------------------------


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
        self.problems: list[tuple[Problem, Anchor | None]] = []

    def problem(self, index: int, field: str | None, message: str, ident: str | None) -> None:
        path = f"checkins[{index}]" + (f".{field}" if field else "")
        self.problems.append((Problem(message=message, entity_id=ident, path=path), None))

    def value(self, index: int, item: Mapping[Any, Any], ident: str | None) -> float | None:
        """The entry's value, or ``None`` after recording why there is none."""
        if "value" not in item:
            return None
        value = item["value"]
        number = _number(value)
        if number is None:
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                message = _("'{field}' must be a number (got {value!r})").format(
                    field="value", value=value
                )
            else:
                message = _(
                    "'{field}' must be a finite number, not NaN or infinity (got {value})"
                ).format(field="value", value=value)
            self.problem(index, "value", message, ident)
        return number

    def add(self, index: int, item: Any) -> None:
        if not isinstance(item, Mapping):
            shape = _("a list") if isinstance(item, list) else repr(item)
            self.problem(
                index,
                None,
                _("must be a mapping of keys to values for a {kind} (got {value})").format(
                    kind="CheckIn", value=shape
                ),
                None,
            )
            return
        before = len(self.problems)
        ident = _identifier(item.get("key_result"))
        for key in item:
            if key not in _FIELDS:
                self.problem(
                    index,
                    str(key),
                    _("unknown key {key!r}; the keys of a {kind} are: {known}").format(
                        key=key, kind="CheckIn", known=", ".join(_FIELDS)
                    ),
                    ident,
                )
        for key in _REQUIRED:
            if key not in item:
                self.problem(
                    index, key, _("required key {key!r} is missing; add it").format(key=key), ident
                )
        if "key_result" in item and ident is None:
            self.problem(index, "key_result", _bad_id("key_result", item["key_result"]), None)
        day = _day(item["on"]) if "on" in item else None
        if "on" in item and day is None:
            self.problem(
                index,
                "on",
                _("'{field}' must be a date written as YYYY-MM-DD (got {value!r})").format(
                    field="on", value=item["on"]
                ),
                ident,
            )
        number = self.value(index, item, ident)
        level = 0
        if item.get("confidence") is not None:
            try:
                level = int(Confidence.parse(item["confidence"]))
            except ValueError:
                self.problem(
                    index,
                    "confidence",
                    _(
                        "'confidence' must be 1-5 or one of red, yellow, green (got {value!r})"
                    ).format(value=item["confidence"]),
                    ident,
                )
        note = item.get("note", "")
        if isinstance(note, int | float) and not isinstance(note, bool):
            note = str(note)
        if not isinstance(note, str):
            self.problem(
                index,
                "note",
                _("'{field}' must be text (got {value!r})").format(field="note", value=note),
                ident,
            )
        author = item.get("author")
        author_id = None if author is None else _identifier(author)
        if author is not None and author_id is None:
            self.problem(index, "author", _bad_id("author", author), ident)
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


def _identifier(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return value if is_valid_id(value) else None


def _bad_id(field: str, value: Any) -> str:
    return _(
        "'{field}' must be a non-empty id without spaces, such as 'kr-growth-1' (got {value!r})"
    ).format(field=field, value=value)


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
    number = float(value)
    return number if math.isfinite(number) else None


def _read_entries(raw: list[Any]) -> CheckinSection:
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
        return CheckinSection(CheckInLog(), [(problem, None) for problem in exc.problems])
    entries = None if len(found.entries) == len(raw) else np.asarray(found.entries)
    return CheckinSection(log, found.problems, entries=entries)
