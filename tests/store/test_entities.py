"""A store's first read of a set's entities: the versions and orders in effect, assembled.

The load reads the records in effect in one query and one parse; these tests hold it to
what reading every row in order, one record at a time, gives (the way it was first
written, kept here as the reference), over histories with retired, moved and re-dated
entities, and over damaged rows.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from builders import kr, objective
from okrkit import Alignment, Cycle, Dependency, Initiative, OKRSet, Owner
from okrkit.store import SQLiteStore
from okrkit.store._clock import to_stamp
from okrkit.store._records import assemble, assemble_kinds
from okrkit.store._versions import read_list_orders, read_live, read_orders, read_versions

T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 2, 2, 9, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
STAMPS = [None, to_stamp(T0) - 1, to_stamp(T0), to_stamp(T1), to_stamp(T2)]


def full_set(*objectives: Any, **fields: Any) -> OKRSet:
    """A set of one cycle and two owners holding ``objectives`` and ``fields``."""
    base: dict[str, Any] = {
        "cycles": [Cycle.quarter(2026, 1)],
        "owners": [Owner(id="team", name="Team", kind="team"), Owner(id="ann", name="Ann")],
        "objectives": objectives,
    }
    return OKRSet(**{**base, **fields})


def history(store: SQLiteStore) -> OKRSet:
    """Save, change, move, retire and back-date entities; the set in effect now."""
    first = full_set(
        objective("o1", kr("k1"), kr("k2")),
        objective("o2", kr("k3"), aligned_to=["o1"]),
        initiatives=[Initiative(id="i1", title="Build", owner="team", drives=["k1"])],
        dependencies=[Dependency(dependent="k3", on="k1")],
    )
    store.save(first, at=T1)
    moved = full_set(
        objective("o2", kr("k3"), kr("k2", title="Moved"), aligned_to=["o1"]),
        objective("o1", kr("k1", target=20)),
        initiatives=first.initiatives,
        dependencies=first.dependencies,
    )
    store.save(moved, at=T2)
    store.retire("i1", at=T2)
    # Recorded last, but valid from before the others: (valid_from, seq) decides.
    store.save(full_set(objective("o1", kr("k1"), title="Back-dated")), at=T0)
    store.save(full_set(objective("o9", kr("k9"))), at=T2)
    store.retire("o9", at=T2)
    return store.load()


def reference_live(connection: sqlite3.Connection, workspace: int, upto: int | None) -> Any:
    """The live records by kind then id, read row by row in order, one parse each."""
    query = "SELECT kind, entity_id, data, retired FROM versions WHERE workspace = ?"
    params: list[Any] = [workspace]
    if upto is not None:
        query += " AND valid_from <= ?"
        params.append(upto)
    found: dict[tuple[str, str], tuple[Any, bool]] = {}
    for kind, ident, data, retired in connection.execute(
        query + " ORDER BY valid_from, seq", params
    ):
        found[kind, ident] = (json.loads(data), bool(retired))
    kinds: dict[str, dict[str, Any]] = {}
    for (kind, ident), (record, retired) in found.items():
        if not retired:
            kinds.setdefault(kind, {})[ident] = record
    return kinds


def nonempty(kinds: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``kinds`` without its empty kinds."""
    return {kind: records for kind, records in kinds.items() if records}


def result(read: Callable[[], object]) -> object:
    """What ``read`` gives, or the type and message of the ValueError it raises."""
    try:
        return read()
    except ValueError as exc:
        return type(exc), str(exc)


def outcome(fields: dict[str, Any]) -> object:
    """The set ``fields`` make, or the message of the error they raise."""
    try:
        return OKRSet(**fields)
    except ValueError as exc:
        return str(exc)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    """A store holding :func:`history`, closed after the test."""
    with SQLiteStore(tmp_path / "okrkit.db") as opened:
        history(opened)
        yield opened


def workspace_of(store: SQLiteStore) -> int:
    """The id of the store's default workspace."""
    return store._workspace("default")


class TestReadLive:
    @pytest.mark.parametrize("upto", STAMPS)
    def test_the_records_a_row_by_row_read_gives(self, store: SQLiteStore, upto: int | None):
        """read_live gives the records in effect, by kind: what reading every row gives."""
        connection, ws = store._connection, workspace_of(store)
        assert nonempty(read_live(connection, ws, upto)) == reference_live(connection, ws, upto)

    @pytest.mark.parametrize("upto", STAMPS)
    def test_read_versions_agrees(self, store: SQLiteStore, upto: int | None):
        """read_versions, parsed in one go, gives what a record-by-record parse gives."""
        connection, ws = store._connection, workspace_of(store)
        live: dict[str, dict[str, Any]] = {}
        for (kind, ident), (record, retired) in read_versions(connection, ws, upto).items():
            if not retired:
                live.setdefault(kind, {})[ident] = record
        assert live == reference_live(connection, ws, upto)

    @pytest.mark.parametrize("upto", STAMPS)
    def test_orders_by_kind_are_read_orders(self, store: SQLiteStore, upto: int | None):
        """read_list_orders is read_orders grouped by kind, and both are the last rows."""
        connection, ws = store._connection, workspace_of(store)
        expected: dict[str, dict[str, Any]] = {}
        query = "SELECT kind, parent, ids FROM orders WHERE workspace = ?"
        query += "" if upto is None else f" AND valid_from <= {upto}"
        for kind, parent, ids in connection.execute(query + " ORDER BY valid_from, seq", [ws]):
            expected.setdefault(kind, {})[parent] = json.loads(ids)
        assert read_list_orders(connection, ws, upto) == expected
        grouped: dict[str, dict[str, Any]] = {}
        for (kind, parent), ids in read_orders(connection, ws, upto).items():
            grouped.setdefault(kind, {})[parent] = ids
        assert grouped == expected

    def test_the_load_is_the_history(self, store: SQLiteStore, tmp_path: Path):
        """The set loaded is the one saved last, the back-dated save under the later ones."""
        okrs = store.load()
        assert [o.id for o in okrs.objectives] == ["o2", "o1"]
        assert [k.id for k in okrs.objectives[0].key_results] == ["k3", "k2"]
        assert okrs.objectives[1].title == "Objective o1"
        assert okrs.key_result("k1").metric.target == 20
        assert okrs.initiatives == ()
        assert store.load(as_of=T1).objectives[0].title == "Objective o1"


class TestDamagedRows:
    """A row whose text is not one JSON object or list fails, or reads, as before."""

    @pytest.mark.parametrize(
        "data",
        [
            '{"id": "k1", "objective": "o1"',  # cut short
            '{"id": "k1", "title": "a"}, {"id": "k1"}',  # two records in one row
            '[{"id": "k1"}]',  # not an object
            "",
        ],
    )
    def test_a_damaged_record(self, store: SQLiteStore, data: str):
        """The load raises what a record-by-record read raises, or gives what it gives."""
        connection, ws = store._connection, workspace_of(store)
        connection.execute(
            "UPDATE versions SET data = ? WHERE seq = (SELECT seq FROM versions "
            "WHERE entity_id = 'k1' ORDER BY valid_from DESC, seq DESC LIMIT 1)",
            (data,),
        )
        expected = result(lambda: reference_live(connection, ws, None))
        assert result(lambda: nonempty(read_live(connection, ws, None))) == expected

    def test_halves_that_join_into_records(self, store: SQLiteStore):
        """Two rows that are JSON only once joined still fail as each row alone does."""
        connection, ws = store._connection, workspace_of(store)
        rows = connection.execute(
            "SELECT seq FROM versions WHERE kind = 'owner' ORDER BY seq LIMIT 2"
        ).fetchall()
        for (seq,), text in zip(rows, ['{"id": "team"', '"name": "T"}, {}'], strict=True):
            connection.execute("UPDATE versions SET data = ? WHERE seq = ?", (text, seq))
        with pytest.raises(json.JSONDecodeError):
            read_live(connection, ws, None)
        with pytest.raises(json.JSONDecodeError):
            read_versions(connection, ws, None)

    def test_a_damaged_order(self, store: SQLiteStore):
        """An order that is not a list is read as it is, as a row-by-row read does."""
        connection, ws = store._connection, workspace_of(store)
        connection.execute("UPDATE orders SET ids = '\"o1\"' WHERE kind = 'objective'")
        assert read_list_orders(connection, ws, None)["objective"][""] == "o1"
        assert read_orders(connection, ws, None)["objective", ""] == "o1"


class TestAssembleKinds:
    def test_owned_records_give_the_same_set(self, store: SQLiteStore):
        """Records given away (changed in place, let go) make the set copies make."""
        connection, ws = store._connection, workspace_of(store)
        orders = read_list_orders(connection, ws, None)
        copied = assemble_kinds(read_live(connection, ws, None), orders, source="s")
        kinds = read_live(connection, ws, None)
        owned = assemble_kinds(kinds, orders, source="s", owned=True)
        assert owned == copied
        assert all(not records for records in kinds.values())

    def test_copies_leave_the_records_alone(self, store: SQLiteStore):
        """Without ``owned`` the records are left as they were, as a save needs them."""
        connection, ws = store._connection, workspace_of(store)
        kinds = read_live(connection, ws, None)
        before = json.dumps(kinds, sort_keys=True)
        assemble_kinds(kinds, read_list_orders(connection, ws, None), source="s")
        assert json.dumps(kinds, sort_keys=True) == before

    @pytest.mark.parametrize("kind", ["objective", "key_result"])
    def test_an_order_that_lists_an_entity_twice(self, store: SQLiteStore, kind: str):
        """A damaged order naming an id twice gives what copies give."""
        connection, ws = store._connection, workspace_of(store)
        orders = read_list_orders(connection, ws, None)
        parent = "" if kind == "objective" else "o2"
        orders[kind][parent] = [*orders[kind][parent], orders[kind][parent][0]]
        live = {
            (kind, ident): record
            for kind, records in read_live(connection, ws, None).items()
            for ident, record in records.items()
        }
        flat = {(k, p): ids for k, lists in orders.items() for p, ids in lists.items()}
        copied = assemble(live, flat, source="s")
        owned = assemble_kinds(read_live(connection, ws, None), orders, source="s", owned=True)
        assert owned == copied
        assert outcome(owned) == outcome(copied)

    def test_a_set_the_store_was_given(self, tmp_path: Path):
        """A set saved whole loads back equal, check-ins aside."""
        okrs = full_set(
            objective("o1", kr("k1"), kr("k2", weight=2)),
            objective("o2", kr("k3"), aligned_to=[Alignment(parent="o1", weight=2)]),
        )
        with SQLiteStore(tmp_path / "s.db") as store:
            store.save(okrs)
            assert store.load() == attrs.evolve(okrs, checkins=())
