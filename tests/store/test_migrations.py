"""A store written by every earlier schema version opens, migrated, with all its data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import okrkit
from okrkit import CheckIn, OKRSet
from okrkit.store import SCHEMA_VERSION, SQLiteStore
from okrkit.store._records import orders_of, records_of
from okrkit.store.migrations import MIGRATIONS

STAMP = 1_767_600_000_000_000  # 2026-01-05 08:00 UTC, in microseconds


def write_old_store(path: Path, version: int, okrs: OKRSet) -> None:
    """Write ``okrs`` into a new store with the DDL of ``version``, as that version did.

    Only what version 1 knew is written: entity versions, list orders, key result codes,
    one batch, and its check-ins.
    """
    connection = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:version]:
        for statement in statements:
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.execute("BEGIN")
    connection.execute("INSERT INTO workspaces (id, name) VALUES (1, 'default')")
    for (kind, ident), record in records_of(okrs):
        connection.execute(
            "INSERT INTO versions (workspace, kind, entity_id, parent, data, valid_from, author) "
            "VALUES (1, ?, ?, ?, ?, ?, 'lan')",
            (kind, ident, record.get("objective"), json.dumps(record), STAMP),
        )
    for (kind, parent), ids in orders_of(okrs).items():
        connection.execute(
            "INSERT INTO orders (workspace, kind, parent, ids, valid_from) VALUES (1, ?, ?, ?, ?)",
            (kind, parent, json.dumps(ids), STAMP),
        )
    codes = {}
    for ident in okrs.checkins.ids():
        cursor = connection.execute(
            "INSERT INTO key_result_codes (workspace, key_result) VALUES (1, ?)", (ident,)
        )
        codes[ident] = cursor.lastrowid
    connection.execute(
        "INSERT INTO batches (id, uid, recorded_at, recorded_by) VALUES (1, ?, ?, 'lan')",
        (b"0123456789abcdef", STAMP),
    )
    for row, checkin in enumerate(okrs.checkins):
        connection.execute(
            "INSERT INTO checkins (seq, code, day, value, confidence, note, author) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (1 << 32) | row,
                codes[checkin.key_result],
                checkin.on.toordinal(),
                checkin.value,
                int(checkin.confidence or 0),
                checkin.note or None,
                checkin.author,
            ),
        )
    connection.execute("COMMIT")
    connection.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
class TestMigrations:
    def test_everything_is_found(self, tmp_path: Path, examples_dir: Path, version: int):
        """The example written by an older version loads whole, and the store is migrated."""
        okrs = okrkit.load(examples_dir / "acme.en.yaml")
        path = tmp_path / "old.db"
        write_old_store(path, version, okrs)
        with SQLiteStore(path) as store:
            assert store.schema_version == SCHEMA_VERSION
            assert store.load() == okrs
            assert store.save(okrs) == ()
            history = store.history("kr-velocity")
            assert history[0].author == "lan"
            assert history[0].is_added

    def test_new_features_work_on_old_data(self, tmp_path: Path, examples_dir: Path, version: int):
        """After migrating, check-ins can be appended with their source, next to the old ones."""
        okrs = okrkit.load(examples_dir / "acme.en.yaml")
        path = tmp_path / "old.db"
        write_old_store(path, version, okrs)
        with SQLiteStore(path) as store:
            added = store.append_checkins(
                [CheckIn(key_result="kr-velocity", on="2026-03-30", value=33)], source="sheet.csv"
            )
            assert added == 1
            sources = [
                c.new.get("source") for c in store.history("kr-velocity") if c.kind == "checkin"
            ]
            assert sources[-1] == "sheet.csv"
            assert sources[0] is None
            assert len(store.checkins()) == len(okrs.checkins) + 1


def test_migrating_is_one_transaction(tmp_path: Path):
    """A migration that fails leaves the store at its old version, unchanged."""
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    # A table in the way of version 2's change makes that migration fail.
    connection.execute("ALTER TABLE batches ADD COLUMN source TEXT")
    connection.close()
    with pytest.raises(okrkit.OKRError):
        SQLiteStore(path)
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 1
