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
from okrkit.store._records import CLASSES, Key, Kinds, Record, changes_between

__all__ = [
    "Versions",
    "changed_orders",
    "entity_history",
    "insert_orders",
    "insert_versions",
    "read_list_orders",
    "read_live",
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
        "SELECT kind, entity_id, data, retired, json_valid(data) FROM versions "
        "WHERE workspace = ?",
        [workspace],
        upto,
    )
    rows = connection.execute(query, params).fetchall()
    found: Versions = {}
    for (kind, ident, _data, retired, _valid), record in zip(
        rows, _parsed(rows, dict), strict=True
    ):
        found[kind, ident] = (record, bool(retired))
    return found


# The rows in effect of a table of versions (or orders), one JSON object per kind that
# maps each entity id (or parent) to its record (or list of ids), made by joining the
# texts, and whether each text is JSON on its own: a row is in effect when no row for
# the same thing is later (by valid_from, seq).
_IN_EFFECT = (
    "SELECT kind, '{{' || group_concat(json_quote({key}) || ':' || {text}, ',') || '}}', "
    "count(*), min(json_valid({text})) FROM {table} AS v "
    "WHERE workspace = ?{upto}{live} AND NOT EXISTS (SELECT 1 FROM {table} AS later "
    "WHERE later.workspace = v.workspace "
    "AND later.{key} = v.{key} AND later.kind = v.kind{later_upto} "
    "AND later.valid_from >= v.valid_from "
    "AND (later.valid_from > v.valid_from OR later.seq > v.seq)) GROUP BY kind"
)


def _in_effect(
    connection: sqlite3.Connection,
    workspace: int,
    upto: int | None,
    *,
    table: str,
    key: str,
    text: str,
    shape: type,
) -> dict[str, dict[str, Any]] | None:
    """The ``text`` of each row in effect, parsed, by kind then ``key``.

    ``None`` when a text is not one JSON ``shape`` (a damaged file): the caller then
    reads row by row, as before, for the same results and errors.
    """
    query = _IN_EFFECT.format(
        table=table,
        key=key,
        text=text,
        live=" AND NOT retired" if table == "versions" else "",
        upto="" if upto is None else " AND valid_from <= ?",
        later_upto="" if upto is None else " AND later.valid_from <= ?",
    )
    params = [workspace] if upto is None else [workspace, upto, upto]
    found: dict[str, dict[str, Any]] = {}
    for kind, joined, count, valid in connection.execute(query, params):
        if not valid:  # some text is not JSON on its own: joined, it could seem to be
            return None
        try:
            values = json.loads(joined)
        except (TypeError, ValueError):
            return None
        if (
            type(values) is not dict
            or len(values) != count
            or not all(type(value) is shape for value in values.values())
        ):
            return None
        found[kind] = values
    return found


def read_live(connection: sqlite3.Connection, workspace: int, upto: int | None) -> Kinds:
    """Each live entity's record in effect (at ``upto``, or now), by kind then id.

    What :func:`read_versions` gives, the retired left out, with every kind present.
    """
    kinds: Kinds = {kind: {} for kind in CLASSES}
    found = _in_effect(
        connection, workspace, upto, table="versions", key="entity_id", text="data", shape=dict
    )
    if found is not None and found.keys() <= kinds.keys():  # else fail as below
        kinds.update(found)
        return kinds
    for (kind, ident), (record, retired) in read_versions(connection, workspace, upto).items():
        if not retired:
            kinds[kind][ident] = record
    return kinds


def read_list_orders(
    connection: sqlite3.Connection, workspace: int, upto: int | None
) -> dict[str, dict[str, list[str]]]:
    """What :func:`read_orders` gives, by kind then parent."""
    found = _in_effect(
        connection, workspace, upto, table="orders", key="parent", text="ids", shape=list
    )
    if found is not None:
        return found
    by_kind: dict[str, dict[str, list[str]]] = {}
    for (kind, parent), ids in read_orders(connection, workspace, upto).items():
        by_kind.setdefault(kind, {})[parent] = ids
    return by_kind


def _parsed(rows: list[Any], shape: type) -> list[Any]:
    """The JSON texts of ``rows`` (third column; the last: whether it is JSON), parsed.

    Texts that are each JSON (as SQLite's ``json_valid`` tells) are joined and parsed
    at once. Should any not be one ``shape`` (dict or list), as written (a damaged
    file), each is parsed on its own, so that the error is the one a text-by-text read
    raises.
    """
    texts = [row[2] for row in rows]
    values = None
    if all(row[-1] for row in rows):
        try:
            values = json.loads(f"[{','.join(texts)}]")
        except (TypeError, ValueError):  # JSON that SQLite reads and Python does not
            values = None
    if (
        type(values) is not list
        or len(values) != len(texts)
        or not all(type(value) is shape for value in values)
    ):
        values = [json.loads(text) for text in texts]
    return values


def read_orders(
    connection: sqlite3.Connection, workspace: int, upto: int | None
) -> dict[Key, list[str]]:
    """The order of each list in effect (at ``upto``, or now), by (kind, parent)."""
    query, params = _upto(
        "SELECT kind, parent, ids, json_valid(ids) FROM orders WHERE workspace = ?",
        [workspace],
        upto,
    )
    rows = connection.execute(query, params).fetchall()
    return {
        (kind, parent): ids
        for (kind, parent, _text, _valid), ids in zip(rows, _parsed(rows, list), strict=True)
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
