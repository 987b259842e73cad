"""Opening a store: a new file, WAL mode, and one clear error for every path that will not do."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from forbidden import may_create_in, unlock
from okrkit import Cycle, LoadError, OKRSet, Owner, WriteError
from okrkit.errors import UsageError
from okrkit.store import SCHEMA_VERSION, SQLiteStore
from okrkit.store._schema import APPLICATION_ID


class TestNewStore:
    def test_a_missing_file_is_made(self, tmp_path: Path):
        """A path that does not exist becomes a store at the current schema, in WAL mode."""
        path = tmp_path / "new.db"
        with SQLiteStore(path) as store:
            assert store.schema_version == SCHEMA_VERSION
            assert store.path == path
        with sqlite3.connect(path) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID

    def test_opened_twice(self, tmp_path: Path):
        """Two store objects on one file see each other's writes."""
        path = tmp_path / "okrkit.db"
        okrs = OKRSet(
            cycles=[Cycle.year(2026)], owners=[Owner(id="lan", name="Lan")], objectives=[]
        )
        with SQLiteStore(path) as one, SQLiteStore(path) as two:
            one.save(okrs)
            assert two.load() == okrs

    def test_closed(self, tmp_path: Path):
        """A closed store says so."""
        store = SQLiteStore(tmp_path / "okrkit.db")
        store.close()
        with pytest.raises(UsageError, match="closed"):
            store.workspaces()


class TestBadPaths:
    def test_missing_folder(self, tmp_path: Path):
        """A store in a folder that does not exist is a WriteError naming the folder."""
        path = tmp_path / "nowhere" / "okrkit.db"
        with pytest.raises(WriteError, match="nowhere") as caught:
            SQLiteStore(path)
        assert caught.value.file == str(path)
        assert not path.parent.exists()

    def test_a_folder(self, tmp_path: Path):
        """A folder is a LoadError naming it."""
        with pytest.raises(LoadError, match="folder") as caught:
            SQLiteStore(tmp_path)
        assert caught.value.file == str(tmp_path)

    def test_a_damaged_file(self, tmp_path: Path):
        """A file that is not a database is a LoadError naming it, and is left as it was."""
        path = tmp_path / "okrkit.db"
        garbage = os.urandom(4096)
        path.write_bytes(garbage)
        with pytest.raises(LoadError) as caught:
            SQLiteStore(path)
        assert caught.value.file == str(path)
        assert path.read_bytes() == garbage

    def test_another_programs_database(self, tmp_path: Path):
        """A SQLite database that is not okrkit's is refused, untouched."""
        path = tmp_path / "other.db"
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE notes (text TEXT)")
        with pytest.raises(LoadError, match="not an okrkit store"):
            SQLiteStore(path)
        with sqlite3.connect(path) as connection:
            tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
        assert tables == [("notes",)]

    def test_a_newer_schema(self, tmp_path: Path):
        """A store written by a newer okrkit is refused with the versions named."""
        path = tmp_path / "okrkit.db"
        SQLiteStore(path).close()
        with sqlite3.connect(path) as connection:
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        with pytest.raises(LoadError, match=str(SCHEMA_VERSION + 1)):
            SQLiteStore(path)

    @pytest.mark.skipif(os.name != "posix", reason="file modes as POSIX has them")
    def test_read_only(self, tmp_path: Path):
        """A store that cannot be written is a WriteError naming it."""
        folder = tmp_path / "locked"
        folder.mkdir()
        path = folder / "okrkit.db"
        SQLiteStore(path).close()
        path.chmod(0o444)
        folder.chmod(0o500)
        try:
            if may_create_in(folder):
                pytest.skip("this process may write anywhere (root)")
            with pytest.raises(WriteError) as caught, SQLiteStore(path) as store:
                store.save(OKRSet(cycles=[], owners=[], objectives=[]))
            assert caught.value.file == str(path)
        finally:
            unlock(tmp_path)
            path.chmod(0o644)
