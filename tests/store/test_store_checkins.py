"""Check-ins in a store: validated whole, never doubled, read by column, with their source."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from builders import kr, objective
from okrkit import CheckIn, Cycle, OKRSet, Owner, ValidationError, WriteError
from okrkit.checkins import CheckInLog
from okrkit.store import SQLiteStore

DAY = dt.date(2026, 1, 9)


def rows_in(path: Path) -> int:
    """How many check-in rows the store file holds, counted by SQL."""
    with sqlite3.connect(path) as connection:
        found: int = connection.execute("SELECT count(*) FROM checkins").fetchone()[0]
    return found


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    """A store holding two key results, k1 and k2, and the owner lan."""
    okrs = OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="lan", name="Lan")],
        objectives=[objective("o1", kr("k1"), kr("k2"), owner="lan")],
    )
    with SQLiteStore(tmp_path / "okrkit.db") as opened:
        opened.save(okrs, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        yield opened


class TestAppend:
    def test_rows_added(self, store: SQLiteStore):
        """append_checkins returns how many rows it added, and load() has them."""
        added = store.append_checkins(
            [
                CheckIn(key_result="k1", on=DAY, value=2, confidence="green", note="ok"),
                CheckIn(key_result="k2", on=DAY, value=3, author="lan"),
            ],
            author="lan",
        )
        assert added == 2
        log = store.load().checkins
        assert log.latest("k1", DAY).confidence == 5
        assert log.latest("k1", DAY).note == "ok"
        assert log.latest("k2", DAY).author == "lan"

    def test_bad_rows_are_listed_and_nothing_is_written(self, store: SQLiteStore):
        """An unknown key result and a bad value are both reported by row; no row is written."""
        good = CheckIn(key_result="k1", on=DAY, value=1)
        unknown = CheckIn(key_result="k9", on=DAY, value=1)
        stranger = CheckIn(key_result="k2", on=DAY, value=1, author="nobody")
        with pytest.raises(ValidationError) as caught:
            store.append_checkins([good, unknown, stranger])
        paths = {problem.path for problem in caught.value.problems}
        assert {"checkins[1].key_result", "checkins[2].author"} <= paths
        assert rows_in(store.path) == 0

    def test_a_retired_key_result_takes_no_check_ins(self, store: SQLiteStore):
        """Check-ins for a retired key result are refused."""
        store.retire("k2")
        with pytest.raises(ValidationError, match="k2"):
            store.append_checkins([CheckIn(key_result="k2", on=DAY, value=1)])

    def test_the_same_check_in_twice_is_one_row(self, store: SQLiteStore):
        """Appending an identical check-in again adds nothing."""
        entry = CheckIn(key_result="k1", on=DAY, value=4, note="same")
        assert store.append_checkins([entry]) == 1
        assert store.append_checkins([entry]) == 0
        assert rows_in(store.path) == 1

    def test_a_new_value_for_a_day_replaces_it(self, store: SQLiteStore):
        """A different value for the same day takes effect; the history keeps both."""
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=4)], author="lan")
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=5)], author="an")
        assert store.checkins().value_at("k1", DAY) == 5.0
        (first, second) = [c for c in store.history("k1") if c.kind == "checkin"]
        assert (first.old, first.new["value"]) == (None, 4.0)
        assert (second.old["value"], second.new["value"], second.author) == (4.0, 5.0, "an")

    def test_two_values_for_one_day_in_one_batch(self, store: SQLiteStore):
        """One batch may not hold two check-ins of a key result on one day."""
        with pytest.raises(ValidationError):
            store.append_checkins(
                [
                    CheckIn(key_result="k1", on=DAY, value=1),
                    CheckIn(key_result="k1", on=DAY, value=2),
                ]
            )
        assert rows_in(store.path) == 0

    def test_source_is_kept(self, store: SQLiteStore):
        """The source of an import is in the history of each of its check-ins."""
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=1)], source="sales.csv")
        (change,) = [c for c in store.history("k1") if c.kind == "checkin"]
        assert change.new["source"] == "sales.csv"
        assert change.field == DAY.isoformat()

    def test_nothing_to_append(self, store: SQLiteStore):
        """An empty batch adds nothing."""
        assert store.append_checkins([]) == 0


class TestRead:
    def test_read_by_column(self, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch):
        """checkins() builds the log from columns: no CheckIn object is made per row."""
        days = np.arange(DAY.toordinal(), DAY.toordinal() + 50, dtype=np.int32)
        log = CheckInLog.from_columns(
            ["k1"] * 50, days, np.linspace(0, 10, 50), notes={3: "a note"}, authors={7: "lan"}
        )
        store.append_checkins(log)

        def made(*_args: object) -> None:
            raise AssertionError("a CheckIn was made")

        monkeypatch.setattr(CheckIn, "__attrs_post_init__", made)
        assert store.checkins() == log

    def test_as_of(self, store: SQLiteStore):
        """checkins(as_of=...) holds what was recorded by then."""
        at = dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC)
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=1)], at=at)
        store.append_checkins(
            [CheckIn(key_result="k1", on=DAY, value=2)], at=at + dt.timedelta(days=1)
        )
        assert store.checkins(as_of="2026-01-31").value_at("k1", DAY) is None
        assert store.checkins(as_of="2026-02-01").value_at("k1", DAY) == 1.0
        assert store.checkins().value_at("k1", DAY) == 2.0


def index_sql(path: Path) -> list[tuple[str, str]]:
    """The check-in table's indexes as the store file's schema lists them."""
    with sqlite3.connect(path) as connection:
        found = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'checkins' "
            "ORDER BY name"
        ).fetchall()
    connection.close()
    return found


def days_of(key_result: str, count: int, *, skip: int = 0) -> CheckInLog:
    """``count`` daily check-ins of ``key_result`` from the cycle's first day (+ ``skip``)."""
    start = dt.date(2026, 1, 1).toordinal() + skip
    return CheckInLog.from_columns(
        [key_result] * count,
        np.arange(start, start + count, dtype=np.int32),
        np.arange(count, dtype=np.float64),
    )


class TestLargeWrites:
    """A write as large as the table rebuilds its index once instead of row by row."""

    @pytest.fixture(autouse=True)
    def small_threshold(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Count 20 rows as large, so that the tests stay small."""
        monkeypatch.setattr("okrkit.store._checkin_table._REBUILD_FROM", 20)

    @staticmethod
    def statements(store: SQLiteStore) -> list[str]:
        """The SQL the store runs from now on, as SQLite traces it."""
        seen: list[str] = []
        store._connection.set_trace_callback(seen.append)
        return seen

    def test_first_import_rebuilds_the_same_index(self, store: SQLiteStore):
        """The index is dropped and made again by its own SQL; reads by key result work."""
        before = index_sql(store.path)
        seen = self.statements(store)
        assert store.append_checkins(days_of("k1", 60)) == 60
        assert any(s.startswith("DROP INDEX") for s in seen)
        assert index_sql(store.path) == before
        assert store.load().checkins.value_at("k1", dt.date(2026, 1, 30)) == 29.0
        assert len([c for c in store.history("k1") if c.kind == "checkin"]) == 60

    def test_small_write_into_a_larger_table_keeps_the_index(self, store: SQLiteStore):
        """A write smaller than the threshold, or than the table, updates the index in place."""
        store.append_checkins(days_of("k1", 60))
        seen = self.statements(store)
        store.append_checkins(days_of("k2", 40))  # above 20, but the table holds 60
        store.append_checkins(days_of("k2", 10, skip=40))  # below the threshold
        assert not any("INDEX" in s for s in seen)
        assert rows_in(store.path) == 110

    def test_a_failed_write_leaves_the_index(self, store: SQLiteStore):
        """A write that fails after dropping the index rolls back to the index and no rows."""
        before = index_sql(store.path)
        real = store._connection

        class Failing:
            def __getattr__(self, name: str) -> object:
                return getattr(real, name)

            def executemany(self, *_args: object) -> None:
                error = sqlite3.OperationalError("disk I/O error")
                error.sqlite_errorcode = sqlite3.SQLITE_IOERR_WRITE  # as SQLite sets it
                raise error

        store._connection = Failing()  # type: ignore[assignment]
        try:
            with pytest.raises(WriteError, match="the disk could not be read or written"):
                store.append_checkins(days_of("k1", 60))
        finally:
            store._connection = real
        assert index_sql(store.path) == before
        assert rows_in(store.path) == 0
        assert store.append_checkins(days_of("k1", 60)) == 60
