"""The check-ins a store keeps between reads: never stale, equal to what a fresh read gives."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from builders import kr, objective
from okrkit import CheckIn, Cycle, OKRSet, Owner
from okrkit.checkins import CheckInLog
from okrkit.store import SQLiteStore
from okrkit.store import _checkin_table as table

DAY = dt.date(2026, 1, 9)
AT = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)

# Appends one check-in of k2 on DAY with value argv[2], in a process of its own.
APPENDER = textwrap.dedent(
    """
    import datetime as dt, sys
    from okrkit import CheckIn
    from okrkit.store import SQLiteStore

    with SQLiteStore(sys.argv[1], timeout=60) as store:
        store.append_checkins(
            [CheckIn(key_result="k2", on=dt.date(2026, 1, 9), value=float(sys.argv[2]))]
        )
    """
)


def day(n: int) -> dt.date:
    """The ``n``-th day after DAY."""
    return DAY + dt.timedelta(days=n)


def same_log(got: CheckInLog, fresh: CheckInLog) -> None:
    """``got`` says what ``fresh`` says, row for row, with the same input places."""
    assert got == fresh
    assert list(got) == list(fresh)
    assert got.ids() == fresh.ids()
    assert got.notes() == fresh.notes()
    assert got.authors() == fresh.authors()
    assert np.array_equal(got.source_positions(), fresh.source_positions())


def assert_fresh(store: SQLiteStore) -> None:
    """Every read of ``store`` equals the same read by a new store on the same file."""
    with SQLiteStore(store.path) as fresh:
        same_log(store.checkins(), fresh.checkins())
        same_log(store.load().checkins, fresh.load().checkins)
        assert store.load() == fresh.load()
        same_log(store.load(cycle="2026-Q2").checkins, fresh.load(cycle="2026-Q2").checkins)
        same_log(store.load(cycle="2026-Q1").checkins, fresh.load(cycle="2026-Q1").checkins)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    """A store holding k1, k2 (2026-Q1) and k3 (2026-Q2), and the owner lan."""
    okrs = OKRSet(
        cycles=[Cycle.quarter(2026, 1), Cycle.quarter(2026, 2)],
        owners=[Owner(id="lan", name="Lan"), Owner(id="team", name="Team")],
        objectives=[
            objective("o1", kr("k1"), kr("k2"), owner="lan"),
            objective("o2", kr("k3", target=100), cycle="2026-Q2"),
        ],
    )
    with SQLiteStore(tmp_path / "okrkit.db") as opened:
        opened.save(okrs, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        opened.load()  # the check-ins in effect are kept from here on
        yield opened


class TestOwnAppends:
    def test_appends_without_replacements(self, store: SQLiteStore):
        """Appends of new days only: every read equals a fresh one."""
        store.append_checkins([CheckIn(key_result="k1", on=day(i), value=i) for i in range(5)])
        assert_fresh(store)
        store.append_checkins(
            [
                CheckIn(key_result="k3", on=dt.date(2026, 4, 2), value=7, note="late"),
                CheckIn(key_result="k2", on=day(1), value=3, author="lan"),
                CheckIn(key_result="k1", on=day(9), value=9),
            ]
        )
        assert_fresh(store)
        assert len(store.checkins()) == 8

    def test_appends_with_replacements(self, store: SQLiteStore):
        """Rows replacing the ones in effect, identical ones and new ones: as a fresh read."""
        store.append_checkins(
            [
                CheckIn(key_result="k1", on=day(0), value=1, note="first"),
                CheckIn(key_result="k1", on=day(1), value=2, author="lan"),
                CheckIn(key_result="k2", on=day(0), value=3),
            ]
        )
        store.load()
        added = store.append_checkins(
            [
                CheckIn(key_result="k2", on=day(0), value=3),  # identical: not added
                CheckIn(key_result="k1", on=day(0), value=1),  # the note dropped
                CheckIn(key_result="k1", on=day(1), value=5, note="new"),
                CheckIn(key_result="k1", on=day(2), value=6),
            ]
        )
        assert added == 3
        assert_fresh(store)
        assert store.checkins().latest("k1", day(1)).note == "new"
        assert store.checkins().latest("k1", day(0)).note == ""

    def test_a_back_dated_append(self, store: SQLiteStore):
        """An append recorded before the rows it meets does not take effect over them."""
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=2)], at=AT)
        store.load()
        store.append_checkins(
            [CheckIn(key_result="k1", on=DAY, value=8), CheckIn(key_result="k2", on=DAY, value=1)],
            at=AT - dt.timedelta(days=1),
        )
        assert_fresh(store)
        assert store.checkins().latest("k1", DAY).value == 2

    def test_save_with_checkins(self, store: SQLiteStore):
        """A save that adds check-ins keeps the reads equal to fresh ones."""
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=2)])
        okrs = store.load()
        store.save(okrs.with_checkins([CheckIn(key_result="k2", on=DAY, value=4)]))
        assert_fresh(store)

    def test_a_rolled_back_write_leaves_nothing_kept(
        self, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
    ):
        """A write that fails after inserting its rows changes neither the file nor the reads."""
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=2)])
        before = store.checkins()

        def broken(*args: object, **kwargs: object) -> list[object]:
            raise RuntimeError("after the insert")

        monkeypatch.setattr(table, "changes_of", broken)
        okrs = store.load()
        with pytest.raises(RuntimeError):
            store.save(okrs.with_checkins([CheckIn(key_result="k2", on=DAY, value=4)]))
        monkeypatch.undo()
        same_log(store.checkins(), before)
        assert_fresh(store)
        # Another write takes the batch id the failed one had: its rows are read.
        store.append_checkins([CheckIn(key_result="k2", on=DAY, value=5)])
        assert_fresh(store)

    def test_retire_drops_the_key_result_from_the_reads(self, store: SQLiteStore):
        """After an append, retiring a key result: its check-ins leave load() and checkins()."""
        store.append_checkins(
            [CheckIn(key_result="k1", on=DAY, value=2), CheckIn(key_result="k2", on=DAY, value=1)]
        )
        store.load()
        store.retire("k2")
        assert_fresh(store)
        assert store.checkins().ids() == ("k1",)


class TestOtherWriters:
    def test_another_connection_appends_in_between(self, store: SQLiteStore):
        """Rows another store object appends between two reads are in the second read."""
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=2)])
        store.load()
        with SQLiteStore(store.path) as other:
            other.append_checkins(
                [
                    CheckIn(key_result="k1", on=DAY, value=3),
                    CheckIn(key_result="k2", on=DAY, value=4),
                ]
            )
        assert store.checkins().latest("k1", DAY).value == 3
        assert_fresh(store)
        store.append_checkins([CheckIn(key_result="k2", on=DAY, value=6)])
        assert_fresh(store)

    def test_another_process_appends_in_between(self, store: SQLiteStore):
        """Rows another process appends between this store's own appends are read."""
        store.append_checkins([CheckIn(key_result="k2", on=DAY, value=1)])
        store.load()
        child = subprocess.run(
            [sys.executable, "-c", APPENDER, str(store.path), "7"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert child.returncode == 0, child.stderr
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=2)])
        assert store.checkins().latest("k2", DAY).value == 7
        assert_fresh(store)

    def test_another_workspace_appends_in_between(self, store: SQLiteStore):
        """An append into another workspace leaves this workspace's reads right."""
        okrs = store.load()
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=2)])
        store.save(okrs, workspace="other")
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=9)], workspace="other")
        store.append_checkins([CheckIn(key_result="k1", on=day(1), value=3)])
        assert_fresh(store)
        assert store.checkins(workspace="other").latest("k1", DAY).value == 9


class TestKept:
    def test_own_append_is_not_read_again(
        self, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
    ):
        """After this store's own append, reads use the kept check-ins brought up to date."""
        from okrkit.store import _base

        reads: list[int] = []
        real = _base.read_effect

        def counted(*args: object, **kwargs: object) -> object:
            reads.append(1)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(_base, "read_effect", counted)
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=2)])
        store.append_checkins([CheckIn(key_result="k1", on=DAY, value=3, note="again")])
        store.load()
        store.load(cycle="2026-Q1")
        assert store.checkins().latest("k1", DAY).note == "again"
        assert reads == []
        with SQLiteStore(store.path) as other:
            other.append_checkins([CheckIn(key_result="k2", on=DAY, value=1)])
        store.checkins()
        assert reads == [1]
