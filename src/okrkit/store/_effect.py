"""The check-ins in effect of a workspace, as a store reads them and keeps them.

:func:`read_effect` reads, for every key result a workspace ever coded, the row in
effect of each day (see :mod:`okrkit.store._checkin_table`); :meth:`Effect.log`
makes a :class:`~okrkit.CheckInLog` of some key results' rows; :meth:`Effect.after`
brings an effect up to date after the store's own write, without reading it again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.checkins import CheckInLog
from okrkit.store._checkin_table import BATCH_BITS, NUMBERS, Inserted, in_effect

__all__ = ["Effect", "Texts", "log_of", "read_effect"]

Texts = dict[int, str]
"""Notes or authors of check-in rows, by ``seq``."""


def _texts(connection: sqlite3.Connection, seqs: npt.NDArray[np.int64], column: str) -> Texts:
    """``column`` (note or author) of the rows ``seqs`` (sorted) that have one, by seq."""
    if not len(seqs):
        return {}
    found = connection.execute(
        f"SELECT seq, {column} FROM checkins WHERE {column} IS NOT NULL AND seq BETWEEN ? AND ?",
        (int(seqs[0]), int(seqs[-1])),
    )
    out: Texts = {}
    for seq, text in found:
        row = int(np.searchsorted(seqs, seq))
        if row < len(seqs) and seqs[row] == seq:
            out[seq] = text
    return out


def _by_row(texts: Texts, seqs: npt.NDArray[np.int64]) -> dict[int, str]:
    """The ``texts`` (by seq, ascending) of the rows ``seqs`` (sorted), by row."""
    if not texts or not len(seqs):
        return {}
    keys = np.fromiter(texts, dtype=np.int64, count=len(texts))
    at = np.minimum(np.searchsorted(seqs, keys), len(seqs) - 1)
    hit = np.flatnonzero(seqs[at] == keys)
    found = list(texts.values())
    return dict(zip(at[hit].tolist(), [found[i] for i in hit.tolist()], strict=True))


@attrs.frozen(eq=False)
class Effect:
    """The check-ins in effect of one workspace, of every key result it ever coded.

    What :func:`log_of` reads, kept so that a store can hold it between reads and
    bring it up to date after its own writes (:meth:`after`).

    Attributes:
        known: Each key result code's id.
        numbers: The rows in effect, sorted by ``seq``.
        notes: The notes of those rows, by ``seq`` (ascending).
        authors: Their authors, by ``seq`` (ascending).
        latest: The latest ``recorded_at`` of any batch (0 for none).
    """

    known: dict[int, str]
    numbers: npt.NDArray[Any]
    notes: Texts
    authors: Texts
    latest: int

    def log(self, key_results: Iterable[str]) -> CheckInLog:
        """The check-ins in effect of ``key_results``, as a log."""
        wanted = set(key_results)
        known = self.known
        codes = np.array(
            sorted(c for c, ident in known.items() if ident in wanted), dtype=np.int64
        )
        if not len(codes):
            return CheckInLog()
        numbers = self.numbers[np.isin(self.numbers["code"], codes)]
        seqs = numbers["seq"]
        return CheckInLog.from_codes(
            [known[int(c)] for c in codes],
            np.searchsorted(codes, numbers["code"]),
            numbers["day"].astype(np.int32),
            numbers["value"],
            numbers["conf"],
            _by_row(self.notes, seqs),
            _by_row(self.authors, seqs),
        )

    def after(
        self,
        log: CheckInLog,
        inserted: Inserted,
        codes: Mapping[str, int],
        batch: int,
        recorded_at: int,
    ) -> Effect:
        """This effect once :func:`insert_new` inserted ``inserted`` of ``log``.

        Exact only when ``batch`` is the newest batch and no batch was recorded after
        ``recorded_at``: each inserted row then takes effect over the one it replaced.
        """
        rows, replaced = inserted
        # Each row's seq is the batch and the row's place in the input: placed by that
        # place (a permutation), the rows come in the order of their seqs, with no sort.
        positions = log.source_positions()
        row_at = np.full(len(log), -1, dtype=np.int64)
        row_at[positions[rows]] = rows
        rows = row_at[row_at >= 0]
        seqs = (batch << BATCH_BITS) | positions[rows]
        code_of = np.array(list(map(codes.__getitem__, log.ids())), dtype=np.int64)
        added = np.empty(len(rows), dtype=NUMBERS)
        added["seq"], added["code"] = seqs, code_of[log.codes[rows]]
        added["day"], added["value"] = log.days[rows], log.values[rows]
        added["conf"] = log.confidences[rows]
        gone = replaced[replaced >= 0]
        kept = self.numbers[~np.isin(self.numbers["seq"], gone)] if len(gone) else self.numbers
        seq_of = np.full(len(log), -1, dtype=np.int64)
        seq_of[rows] = seqs
        return Effect(
            known={**self.known, **{code: ident for ident, code in codes.items()}},
            numbers=np.concatenate([kept, added]) if len(kept) else added,
            notes=_joined(self.notes, gone, log.notes(), seq_of),
            authors=_joined(self.authors, gone, log.authors(), seq_of),
            latest=max(self.latest, recorded_at),
        )


def _joined(
    texts: Texts,
    gone: npt.NDArray[np.int64],
    by_row: Mapping[int, str],
    seq_of: npt.NDArray[np.int64],
) -> Texts:
    """``texts`` without the seqs ``gone``, and the inserted rows' ``by_row`` added."""
    if len(gone):
        old = set(gone.tolist())
        texts = {seq: text for seq, text in texts.items() if seq not in old}
    added = sorted((seq, text) for row, text in by_row.items() if (seq := int(seq_of[row])) >= 0)
    return {**texts, **dict(added)} if added else texts


def read_effect(connection: sqlite3.Connection, workspace: int, upto: int | None) -> Effect:
    """The check-ins of ``workspace`` in effect (at ``upto``), read from the table."""
    known = dict(
        connection.execute(
            "SELECT code, key_result FROM key_result_codes WHERE workspace = ?", (workspace,)
        ).fetchall()
    )
    # A scan of the table (the "+" keeps SQLite off the index) reads fastest.
    rows = connection.execute(
        "SELECT seq, code, day, value, confidence FROM checkins "
        "WHERE +code IN (SELECT code FROM key_result_codes WHERE workspace = ?)",
        (workspace,),
    )
    numbers = in_effect(connection, np.fromiter(rows, dtype=NUMBERS), upto)
    numbers = numbers[np.argsort(numbers["seq"])]
    seqs = numbers["seq"]
    (latest,) = connection.execute("SELECT ifnull(max(recorded_at), 0) FROM batches").fetchone()
    return Effect(
        known=known,
        numbers=numbers,
        notes=_texts(connection, seqs, "note"),
        authors=_texts(connection, seqs, "author"),
        latest=latest,
    )


def log_of(
    connection: sqlite3.Connection,
    workspace: int,
    key_results: Iterable[str],
    upto: int | None = None,
) -> CheckInLog:
    """The check-ins in effect of ``key_results`` (recorded by ``upto``), as a log."""
    return read_effect(connection, workspace, upto).log(key_results)
