"""The ``checkins`` section of a file, read straight into a check-in log.

Two forms are read, neither through a :class:`~okrkit.CheckIn` per row:

- the table form okrkit writes, a mapping from key result id to a text table
  (see :mod:`okrkit.io._tables`);
- the older list of mappings (``key_result``, ``on``, ``value``, ``confidence``,
  ``note``, ``author``), as people and older okrkit versions wrote it (read by
  :mod:`okrkit.io._checkin_list`).

Every problem keeps where it is: for a table, the key result and the row, so the line
can be found later; for the list, the path ``checkins[N].field``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from okrkit.checkins import CheckInLog
from okrkit.errors import Message, Problem, Shown
from okrkit.errors._message import as_found
from okrkit.i18n import N_
from okrkit.io._checkin_list import read_entries
from okrkit.io._lines import PathKey
from okrkit.io._table_rows import parse_tables
from okrkit.model._checks import is_valid_id

__all__ = ["Anchor", "CheckinSection", "read_checkins"]

Anchor = tuple[PathKey, int | None]
"""Where to look for a problem's line: a path, and the row's line offset in the
text block at that path (``None`` when the path's own line is the answer)."""

MAX_PER_TABLE = 10
"""The most problems reported for one key result's table; the rest are counted."""

_Located = tuple[Problem, Anchor | None]

_INPUT_PATH = re.compile(r"checkins\[(\d+)\]")


@dataclasses.dataclass
class CheckinSection:
    """The section as read: the log of every readable row, and the problems of the rest.

    Attributes:
        log: The check-ins that could be read (none when the section is missing).
        problems: Each problem with where to find its line (``None``: from its path).
    """

    log: CheckInLog
    problems: list[_Located]
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
        args = self._relocated(problem.args)
        if self.ids is None:
            path, anchor = self._path(int(match.group(1)))
            return dataclasses.replace(problem, path=path + rest, args=args), anchor
        code, row, offset = self._row(int(match.group(1)))
        ident = self.ids[code]
        if rest == ".key_result":  # the table's key names the key result
            return (
                dataclasses.replace(problem, path=f"checkins.{ident}", args=args),
                (("checkins", ident), None),
            )
        return (
            dataclasses.replace(problem, path=f"checkins.{ident}[{row}]{rest}", args=args),
            (("checkins", ident), offset),
        )

    def _relocated(self, args: Mapping[str, object]) -> dict[str, object]:
        """``args`` with each ``checkins[N]`` they name written as the file writes it."""

        def moved(value: object) -> object:
            if isinstance(value, str):
                return _INPUT_PATH.sub(lambda m: self._path(int(m.group(1)))[0], value)
            if isinstance(value, Message):
                return Message(value.template, **self._relocated(value.args))
            return value

        return {name: moved(value) for name, value in args.items()}

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
        log, problems, entries = read_entries(raw)
        return CheckinSection(log, [(problem, None) for problem in problems], entries=entries)
    problem = Problem(
        "field.type",
        Message(
            N_(
                "must hold, for each key result id, a table of check-ins (kr-id: |), or be a "
                "list of check-ins (got {value})"
            ),
            value=as_found(raw),
        ),
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
    tables, problems = _tables_of(raw)
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
    problems.extend(_row_problems(columns.bad, ids))
    return CheckinSection(
        log, problems, ids=ids, first_rows=first_rows, irregular=columns.irregular
    )


def _tables_of(raw: Mapping[Any, Any]) -> tuple[list[tuple[str, str]], list[_Located]]:
    """Each table's key result id and text, and the problems of the keys and values."""
    problems: list[_Located] = []
    tables: list[tuple[str, str]] = []
    for key, value in raw.items():
        ident = _table_id(key)
        if ident is None:
            problems.append(
                (
                    Problem(
                        "id.invalid",
                        Message(
                            N_(
                                "{value!r} is not a key result id: an id has no spaces, such "
                                "as 'kr-velocity'"
                            ),
                            value=Shown(key),
                        ),
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
                        "field.type",
                        Message(
                            N_(
                                "the check-ins of {id!r} must be a text table, one check-in a "
                                "line such as '2026-01-09 28' (got {value!r})"
                            ),
                            id=Shown(ident),
                            value=Shown(text),
                        ),
                        entity_id=ident,
                        path=f"checkins.{ident}",
                    ),
                    (("checkins", ident), None),
                )
            )
            continue
        tables.append((ident, text))
    return tables, problems


def _row_problems(bad: list[tuple[int, int, int, Message]], ids: list[str]) -> list[_Located]:
    """The rows that could not be read, at most :data:`MAX_PER_TABLE` a table."""
    problems: list[_Located] = []
    per_table: dict[int, int] = {}
    for code, row, offset, message in bad:
        seen = per_table[code] = per_table.get(code, 0) + 1
        if seen > MAX_PER_TABLE:
            continue
        ident = ids[code]
        problems.append(
            (
                Problem("checkin.row", message, entity_id=ident, path=f"checkins.{ident}[{row}]"),
                (("checkins", ident), offset),
            )
        )
    for code, seen in per_table.items():
        if seen > MAX_PER_TABLE:
            ident = ids[code]
            problems.append(
                (
                    Problem(
                        "checkin.row",
                        Message(
                            N_(
                                "{count} more rows of {id!r} cannot be read; fix the rows above "
                                "and load again to see them"
                            ),
                            count=seen - MAX_PER_TABLE,
                            id=Shown(ident),
                        ),
                        entity_id=ident,
                        path=f"checkins.{ident}",
                        unlisted=seen - MAX_PER_TABLE,
                    ),
                    (("checkins", ident), None),
                )
            )
    return problems
