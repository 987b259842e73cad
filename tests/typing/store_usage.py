"""Use okrkit.store as a user would; `mypy --strict tests/typing` must accept it.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import okrkit
from okrkit import CheckIn, OKRSet
from okrkit.checkins import CheckInLog
from okrkit.store import SCHEMA_VERSION, Change, SQLiteStore, Store


def record(store: Store, okrs: OKRSet, author: str) -> tuple[Change, ...]:
    """Save a set into any store, as of now, and return what changed."""
    return store.save(okrs, workspace="sales", author=author, at=dt.datetime.now(dt.UTC))


def last_quarter(store: Store) -> OKRSet:
    """The 2026-Q1 part of the set, as it was recorded by the end of March."""
    return store.load(workspace="sales", cycle="2026-Q1", as_of=dt.date(2026, 3, 31))


def weekly(store: SQLiteStore, rows: Iterable[CheckIn]) -> int:
    """Append a week's check-ins, naming where they came from."""
    return store.append_checkins(rows, workspace="sales", author="lan", source="week.csv")


def who_changed(store: Store, entity_id: str) -> list[tuple[str | None, str | None]]:
    """Who changed which field of one entity."""
    return [(change.author, change.field) for change in store.history(entity_id)]


def main(folder: Path) -> None:
    """Open a store, use it, and close it."""
    okrs = okrkit.load("examples/acme.en.yaml")
    with SQLiteStore(folder / "okrkit.db", timeout=5.0) as store:
        changes = record(store, okrs, "lan")
        added: int = weekly(
            store, [CheckIn(key_result="kr-velocity", on=dt.date(2026, 3, 30), value=33)]
        )
        log: CheckInLog = store.checkins(workspace="sales")
        retired: tuple[Change, ...] = store.retire("kr-velocity", workspace="sales")
        names: tuple[str, ...] = store.workspaces()
        version: int = store.schema_version
        at: dt.datetime = changes[0].at
        print(added, len(log), len(retired), names, version == SCHEMA_VERSION, at)
        print(last_quarter(store), who_changed(store, "kr-velocity"), store.path)
