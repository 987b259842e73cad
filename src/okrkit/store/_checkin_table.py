"""The check-in table of a SQLite store, read and written by column.

Rows are numbers: a key result's integer code (``key_result_codes``), the day as an
ordinal, the value, the confidence (0 for none); notes and authors only where a row
has one. When and by whom a row was recorded, and where it came from, is kept once
per write, in ``batches``. Reading goes straight into numpy arrays and
:meth:`CheckInLog.from_codes`: no :class:`~okrkit.CheckIn` is made per row.

For a key result and a day, the row recorded last (by its batch's ``recorded_at``,
then ``seq``) is the one in effect; the rows it replaced stay, for the history.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.checkins import CheckInLog
from okrkit.checkins._store import DAY_BITS
from okrkit.store._clock import from_stamp
from okrkit.store._protocol import Change
from okrkit.store._select import match_keys

__all__ = [
    "BATCH_BITS",
    "NUMBERS",
    "Batch",
    "Inserted",
    "changes_of",
    "codes_of",
    "history_of",
    "in_effect",
    "insert_new",
]

BATCH_BITS = 32
"""A check-in's ``seq`` is its batch's id shifted left this far, plus its row."""

NUMBERS = np.dtype([("seq", "i8"), ("code", "i8"), ("day", "i8"), ("value", "f8"), ("conf", "i1")])
_ONE_OF_EACH = "(SELECT value FROM json_each(?))"
_REBUILD_FROM = 100_000
"""A write of at least this many rows, and no fewer than the table holds, rebuilds its
indexes after inserting instead of updating them row by row."""
Inserted = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]
"""The rows of a log inserted, and the ``seq`` each replaced (-1 for none)."""


@attrs.frozen
class Batch:
    """One write of check-ins: made before its transaction, so a retry is the same write.

    Attributes:
        uid: 16 random bytes naming the write.
        recorded_at: When (microseconds since the epoch, UTC).
        recorded_by: Who, when known.
        source: Where the check-ins came from, when known.
    """

    uid: bytes = attrs.field(factory=lambda: os.urandom(16))
    recorded_at: int = 0
    recorded_by: str | None = None
    source: str | None = None

    def open(self, connection: sqlite3.Connection) -> tuple[int, bool]:
        """The batch's id, and whether it is new (not written by an earlier attempt)."""
        cursor = connection.execute(
            "INSERT OR IGNORE INTO batches (uid, recorded_at, recorded_by, source) "
            "VALUES (?, ?, ?, ?)",
            (self.uid, self.recorded_at, self.recorded_by, self.source),
        )
        new = cursor.rowcount == 1
        found = connection.execute("SELECT id FROM batches WHERE uid = ?", (self.uid,))
        ident: int = found.fetchone()[0]
        return ident, new


def codes_of(
    connection: sqlite3.Connection, workspace: int, ids: Iterable[str], *, create: bool
) -> dict[str, int]:
    """The integer code of each key result id (given a new one when ``create``).

    New codes are what SQLite would give (one more than the largest yet), in the order
    the ids come: a log's rows then reach the ``(code, day)`` index in ascending order,
    which SQLite inserts fastest. They are made here, in the write's transaction, so they
    need no reading back.
    """
    wanted = list(dict.fromkeys(ids))
    rows = connection.execute(
        "SELECT key_result, code FROM key_result_codes WHERE workspace = ? "
        f"AND key_result IN {_ONE_OF_EACH}",
        (workspace, json.dumps(wanted)),
    )
    found: dict[str, int] = dict(rows.fetchall())
    if create and len(found) < len(wanted):
        (top,) = connection.execute("SELECT ifnull(max(code), 0) FROM key_result_codes").fetchone()
        missing = [ident for ident in wanted if ident not in found]
        connection.execute(
            "INSERT INTO key_result_codes (code, workspace, key_result) "
            "SELECT ? + key, ?, value FROM json_each(?)",
            (top + 1, workspace, json.dumps(missing)),
        )
        made = dict(zip(missing, range(top + 1, top + 1 + len(missing)), strict=True))
        found.update(made)
    return found


def _batch_times(connection: sqlite3.Connection) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Every batch's id (sorted) and its ``recorded_at``."""
    rows = connection.execute("SELECT id, recorded_at FROM batches ORDER BY id")
    found = np.fromiter(rows, dtype=[("id", "i8"), ("at", "i8")])
    return found["id"], found["at"]


def in_effect(
    connection: sqlite3.Connection, numbers: npt.NDArray[Any], upto: int | None
) -> npt.NDArray[Any]:
    """The rows in effect (at ``upto``): for each (code, day), the last recorded."""
    if not len(numbers):
        return numbers
    ids, times = _batch_times(connection)
    at = times[np.searchsorted(ids, numbers["seq"] >> BATCH_BITS)]
    if upto is not None:
        numbers, at = numbers[at <= upto], at[at <= upto]
    order = np.lexsort((numbers["seq"], at, numbers["day"], numbers["code"]))
    ranked = numbers[order]
    last = np.ones(len(ranked), dtype=bool)
    last[:-1] = (ranked["code"][1:] != ranked["code"][:-1]) | (
        ranked["day"][1:] != ranked["day"][:-1]
    )
    return ranked[last]


def _latest_rows(connection: sqlite3.Connection, codes: Sequence[int]) -> npt.NDArray[Any]:
    """The rows in effect now for key results ``codes`` (read through the index)."""
    rows = connection.execute(
        f"SELECT seq, code, day, value, confidence FROM checkins WHERE code IN {_ONE_OF_EACH}",
        (json.dumps(list(codes)),),
    )
    return in_effect(connection, np.fromiter(rows, dtype=NUMBERS), None)


def _identical(
    connection: sqlite3.Connection,
    recorded: npt.NDArray[Any],
    log: CheckInLog,
    rows: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    """Whether each ``recorded`` row says what ``log``'s row ``rows[i]`` says."""
    same: npt.NDArray[np.bool_] = (recorded["value"] == log.values[rows]) & (
        recorded["conf"] == log.confidences[rows]
    )
    texts: dict[int, tuple[str | None, str | None]] = {}
    codes = json.dumps(np.unique(recorded["code"]).tolist())
    for seq, note, author in connection.execute(
        "SELECT seq, note, author FROM checkins WHERE (note IS NOT NULL OR author IS NOT NULL) "
        f"AND code IN {_ONE_OF_EACH}",
        (codes,),
    ):
        texts[seq] = (note, author)
    notes, authors = log.notes(), log.authors()
    seqs = recorded["seq"].tolist()
    for i in np.flatnonzero(same).tolist():
        row = int(rows[i])
        note, author = texts.get(seqs[i], (None, None))
        same[i] = (note or "") == notes.get(row, "") and author == authors.get(row)
    return same


def _insert(
    connection: sqlite3.Connection,
    log: CheckInLog,
    rows: npt.NDArray[np.int64],
    seqs: npt.NDArray[np.int64],
    row_codes: npt.NDArray[np.int64],
) -> None:
    """Insert ``log``'s ``rows`` as ``seqs``: numbers only, then notes and authors.

    Most check-ins have neither a note nor an author: binding two NULLs per row costs
    sqlite3's executemany about 40 % more, so those rows go in with five columns and
    only the rows with a text with all seven.
    """
    notes, authors = log.notes(), log.authors()
    columns: list[npt.NDArray[Any]]
    if len(rows) == len(log):  # rows are sorted and distinct: every row, in order
        columns = [seqs, row_codes, log.days, log.values, log.confidences]
    else:
        columns = [seqs, row_codes[rows], log.days[rows], log.values[rows], log.confidences[rows]]
    texted = {*notes, *authors}
    if not texted:
        plain = columns
    else:
        texts = np.isin(rows, np.fromiter(texted, dtype=np.int64, count=len(texted)))
        plain = [column[~texts] for column in columns]
    # seq is the table's rowid: inserted in ascending order, SQLite appends to its B-tree
    # instead of splitting pages all over it (three times faster for a million rows
    # that a file lists by day rather than by key result).
    if len(plain[0]) > 1 and bool((plain[0][1:] < plain[0][:-1]).any()):
        order = np.argsort(plain[0], kind="stable")
        plain = [column[order] for column in plain]
    rebuild = _indexes_to_rebuild(connection, len(rows))
    for name, _sql in rebuild:
        connection.execute(f'DROP INDEX "{name}"')
    connection.executemany(
        "INSERT OR IGNORE INTO checkins (seq, code, day, value, confidence) "
        "VALUES (?, ?, ?, ?, ?)",
        zip(*(column.tolist() for column in plain), strict=True),
    )
    for _name, sql in rebuild:  # the very statements that made them, in the same transaction
        connection.execute(sql)
    if not texted:
        return
    connection.executemany(
        "INSERT OR IGNORE INTO checkins (seq, code, day, value, confidence, note, author) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (seq, code, day, value, level, notes.get(row), authors.get(row))
            for seq, code, day, value, level, row in zip(
                *(column[texts].tolist() for column in [*columns, rows]), strict=True
            )
        ),
    )


def _indexes_to_rebuild(connection: sqlite3.Connection, adding: int) -> list[tuple[str, str]]:
    """The check-in table's indexes (name, SQL) to drop before adding ``adding`` rows.

    Sorting a million rows into a new index once costs about half of updating it row by
    row, so a write at least as large as the table (a first import) rebuilds them; the
    drop and the rebuild are in the write's transaction, so a failure leaves them as
    they were. Smaller writes leave the indexes alone.
    """
    if adding < _REBUILD_FROM:
        return []
    (present,) = connection.execute("SELECT count(*) FROM checkins").fetchone()
    if present > adding:
        return []
    return [
        (str(name), str(sql))
        for name, sql in connection.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = 'checkins' AND sql IS NOT NULL"
        )
    ]


def insert_new(
    connection: sqlite3.Connection, log: CheckInLog, codes: Mapping[str, int], batch: int
) -> Inserted:
    """Insert the rows of ``log`` that change something, as batch ``batch``.

    A row identical to the one in effect for its key result and day is left out; a
    different one is inserted and takes effect. Each row's ``seq`` is the batch's id
    and its place in ``log`` as given: a row already written (by an attempt that did
    commit) is not doubled.

    Returns:
        The rows of ``log`` inserted, and for each the ``seq`` of the row it replaced
        (-1 for none).
    """
    code_of = np.array([codes[i] for i in log.ids()], dtype=np.int64)
    row_codes = code_of[log.codes]
    keys = (row_codes << DAY_BITS) | log.days.astype(np.int64)
    recorded = _latest_rows(connection, code_of.tolist())
    found = match_keys((recorded["code"] << DAY_BITS) | recorded["day"], keys)
    replaced = np.append(recorded["seq"], -1)[found]  # found -1 picks the -1 at the end
    new = found < 0
    hits = np.flatnonzero(~new)
    if len(hits):
        new[hits[~_identical(connection, recorded[found[hits]], log, hits)]] = True
    rows = np.flatnonzero(new)
    _insert(connection, log, rows, (batch << BATCH_BITS) | log.source_positions()[rows], row_codes)
    return rows, replaced[rows]


def batch_size(connection: sqlite3.Connection, batch: int) -> int:
    """How many check-ins batch ``batch`` wrote."""
    found: int = connection.execute(
        "SELECT count(*) FROM checkins WHERE seq BETWEEN ? AND ?",
        (batch << BATCH_BITS, ((batch + 1) << BATCH_BITS) - 1),
    ).fetchone()[0]
    return found


def _record(row: Sequence[Any]) -> dict[str, Any]:
    """A check-in row as plain data: the day, the value, and what else it has."""
    day, value, confidence, note, author, source = row
    extra = {"confidence": confidence or None, "note": note, "author": author, "source": source}
    return {
        "on": dt.date.fromordinal(day).isoformat(),
        "value": value,
        **{name: field for name, field in extra.items() if field is not None},
    }


def changes_of(
    connection: sqlite3.Connection,
    workspace: str,
    log: CheckInLog,
    inserted: Inserted,
    *,
    at: dt.datetime,
    author: str | None,
) -> list[Change]:
    """The changes that inserting rows of ``log`` made (as :func:`insert_new` returns)."""
    rows, replaced = inserted
    old: dict[int, dict[str, Any]] = {}
    wanted = [seq for seq in replaced.tolist() if seq >= 0]
    if wanted:
        found = connection.execute(
            "SELECT c.seq, c.day, c.value, c.confidence, c.note, c.author, b.source "
            f"FROM checkins AS c JOIN batches AS b ON b.id = c.seq >> {BATCH_BITS} "
            f"WHERE c.seq IN {_ONE_OF_EACH}",
            (json.dumps(wanted),),
        )
        old = {seq: _record(fields) for seq, *fields in found}
    ids = log.ids()
    changes = []
    for row, seq in zip(rows.tolist(), replaced.tolist(), strict=True):
        record = _record(
            (
                int(log.days[row]),
                float(log.values[row]),
                int(log.confidences[row]),
                log.note(row) or None,
                log.author(row),
                None,
            )
        )
        kr = ids[int(log.codes[row])]
        changes.append(
            Change(workspace, "checkin", kr, record["on"], old.get(seq), record, at, author)
        )
    return changes


def history_of(
    connection: sqlite3.Connection, workspace: str, code: int, key_result: str
) -> list[Change]:
    """Every check-in recorded for one key result, as changes, in recorded order."""
    rows = connection.execute(
        "SELECT c.day, c.value, c.confidence, c.note, c.author, b.source, b.recorded_at, "
        f"b.recorded_by FROM checkins AS c JOIN batches AS b ON b.id = c.seq >> {BATCH_BITS} "
        "WHERE c.code = ? ORDER BY b.recorded_at, c.seq",
        (code,),
    )
    before: dict[int, dict[str, Any]] = {}
    changes = []
    for *fields, recorded_at, recorded_by in rows:
        record = _record(fields)
        changes.append(
            Change(
                workspace,
                "checkin",
                key_result,
                record["on"],
                before.get(fields[0]),
                record,
                from_stamp(recorded_at),
                recorded_by,
            )
        )
        before[fields[0]] = record
    return changes
