"""The entity tables of a SQLite store: versions of records, and the order of lists.

An entity's version in effect at a time is its last by (``valid_from``, ``seq``) up
to then; a retired version keeps the last record, so that the history can show what
was retired. A list's order is kept the same way, one row per change of order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from okrkit.store._clock import from_stamp
from okrkit.store._protocol import Change
from okrkit.store._records import Key, Record, changes_between

__all__ = [
    "Versions",
    "changed_orders",
    "entity_history",
    "insert_orders",
    "insert_versions",
    "read_orders",
    "read_versions",
]

Versions = dict[Key, tuple[Record, bool]]
"""Each entity's record in effect, and whether it is retired, by (kind, id)."""


def _upto(query: str, params: list[Any], upto: int | None) -> tuple[str, list[Any]]:
    if upto is not None:
        query += " AND valid_from <= ?"
        params.append(upto)
    return query + " ORDER BY valid_from, seq", params


def read_versions(connection: sqlite3.Connection, workspace: int, upto: int | None) -> Versions:
    """Each entity's version in effect (at ``upto``, or now)."""
    query, params = _upto(
        "SELECT kind, entity_id, data, retired FROM versions WHERE workspace = ?",
        [workspace],
        upto,
    )
    found: Versions = {}
    for kind, ident, data, retired in connection.execute(query, params):
        found[kind, ident] = (json.loads(data), bool(retired))
    return found


def read_orders(
    connection: sqlite3.Connection, workspace: int, upto: int | None
) -> dict[Key, list[str]]:
    """The order of each list in effect (at ``upto``, or now), by (kind, parent)."""
    query, params = _upto(
        "SELECT kind, parent, ids FROM orders WHERE workspace = ?", [workspace], upto
    )
    return {
        (kind, parent): json.loads(ids) for kind, parent, ids in connection.execute(query, params)
    }


def insert_versions(
    connection: sqlite3.Connection,
    workspace: int,
    rows: Iterable[tuple[Key, Record, bool]],
    *,
    at: int,
    author: str | None,
) -> None:
    """Add a version row for each (key, record, retired)."""
    connection.executemany(
        "INSERT INTO versions (workspace, kind, entity_id, parent, data, valid_from, author, "
        "retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                workspace,
                kind,
                ident,
                record.get("objective") if kind == "key_result" else None,
                json.dumps(record, ensure_ascii=False),
                at,
                author,
                int(retired),
            )
            for (kind, ident), record, retired in rows
        ],
    )


def changed_orders(
    before: Mapping[Key, list[str]],
    saved: Mapping[Key, list[str]],
    live: Mapping[Key, Record],
) -> dict[Key, list[str]]:
    """The lists whose order a save changes, with their new order.

    A saved list comes first, in the saved order; what the list held before and the
    save left out follows, in its old order, while it is live and still belongs there
    (a key result moved to another objective leaves its old objective's list).
    """
    saved_ids = {(kind, ident) for (kind, _parent), ids in saved.items() for ident in ids}
    changed: dict[Key, list[str]] = {}
    for key in dict.fromkeys([*before, *saved]):
        kind, parent = key
        old = before.get(key, [])
        new = list(saved.get(key, []))
        for ident in old:
            record = live.get((kind, ident))
            belongs = record is not None and (
                kind != "key_result" or record.get("objective") == parent
            )
            if belongs and (kind, ident) not in saved_ids:
                new.append(ident)
        if new != old:
            changed[key] = new
    return changed


def insert_orders(
    connection: sqlite3.Connection, workspace: int, orders: Mapping[Key, list[str]], at: int
) -> None:
    """Add an order row for each changed list."""
    connection.executemany(
        "INSERT INTO orders (workspace, kind, parent, ids, valid_from) VALUES (?, ?, ?, ?, ?)",
        [
            (workspace, kind, parent, json.dumps(ids, ensure_ascii=False), at)
            for (kind, parent), ids in orders.items()
        ],
    )


def entity_history(
    connection: sqlite3.Connection, workspace: int, name: str, entity_id: str
) -> list[Change]:
    """Every change of the entity ``entity_id``, oldest first."""
    rows = connection.execute(
        "SELECT kind, data, retired, valid_from, author FROM versions "
        "WHERE workspace = ? AND entity_id = ? ORDER BY valid_from, seq",
        (workspace, entity_id),
    )
    before: dict[str, Record | None] = {}
    changes: list[Change] = []
    for kind, data, retired, valid_from, author in rows:
        record = None if retired else json.loads(data)
        changes.extend(
            changes_between(
                (kind, entity_id),
                before.get(kind),
                record,
                workspace=name,
                at=from_stamp(valid_from),
                author=author,
            )
        )
        before[kind] = record
    return changes
