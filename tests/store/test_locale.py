"""A store keeps the locale of the set saved into it, with its history."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import okrkit
from okrkit import LoadError, OKRSet
from okrkit.store import SQLiteStore

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "acme.yaml"
JAN, FEB, MAR = (dt.datetime(2026, month, 1, tzinfo=dt.UTC) for month in (1, 2, 3))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    """An empty store."""
    with SQLiteStore(tmp_path / "s.db") as opened:
        yield opened


@pytest.fixture(scope="module")
def example() -> OKRSet:
    """The Vietnamese example, which says ``locale: vi``."""
    return okrkit.load(EXAMPLE)


class TestLocale:
    def test_saved_and_loaded(self, store: SQLiteStore, example: OKRSet) -> None:
        """The set's locale comes back; saving the same set again records nothing."""
        store.save(example)
        assert store.load().locale == "vi"
        assert store.load() == example
        assert store.save(store.load()) == ()

    def test_a_cycle_keeps_it(self, store: SQLiteStore, example: OKRSet) -> None:
        """Loading one cycle keeps the set's locale."""
        store.save(example)
        assert store.load(cycle="2026-Q1").locale == "vi"

    def test_changed_and_removed_with_history(self, store: SQLiteStore, example: OKRSet) -> None:
        """A later save changes or removes the locale; loading as of a time sees the old one."""
        store.save(example, at=JAN)
        store.save(attrs.evolve(example, locale="en"), at=FEB)
        assert store.load().locale == "en"
        store.save(attrs.evolve(example, locale=None), at=MAR)
        assert store.load().locale is None
        assert store.load(as_of=FEB + dt.timedelta(days=1)).locale == "en"
        assert store.load(as_of=JAN + dt.timedelta(days=1)).locale == "vi"

    def test_workspaces_keep_their_own(self, store: SQLiteStore, example: OKRSet) -> None:
        """Each workspace has the locale of the set saved into it."""
        store.save(example, workspace="hanoi")
        store.save(attrs.evolve(example, locale="en"), workspace="london")
        assert store.load(workspace="hanoi").locale == "vi"
        assert store.load(workspace="london").locale == "en"

    def test_a_damaged_locale_names_the_store(self, tmp_path: Path, example: OKRSet) -> None:
        """A locale the store holds and babel does not know is a LoadError naming the store."""
        path = tmp_path / "s.db"
        with SQLiteStore(path) as store:
            store.save(example)
        with sqlite3.connect(path) as connection:
            connection.execute("UPDATE orders SET ids = '[\"klingon\"]' WHERE kind = 'locale'")
        connection.close()
        with SQLiteStore(path) as store, pytest.raises(LoadError) as excinfo:
            store.load()
        assert excinfo.value.file == str(path)
        assert "klingon" in str(excinfo.value)
