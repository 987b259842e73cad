"""Schema version 1: the first design of the store. Never edit: add a migration instead.

Times are whole microseconds since 1970-01-01 UTC; days are proleptic ordinals
(``date.toordinal()``); entity data is JSON made by okrkit.io's converter.
"""

from __future__ import annotations

__all__ = ["STATEMENTS"]

STATEMENTS = (
    # 0x4F4B5231 is "OKR1": how okrkit knows one of its stores (sqlite's header field).
    "PRAGMA application_id = 1330336305",
    """
    CREATE TABLE workspaces (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    )
    """,
    # One row per version of an entity; the entity's current version is its last by
    # (valid_from, seq). A retired version keeps the last data.
    """
    CREATE TABLE versions (
        seq INTEGER PRIMARY KEY,
        workspace INTEGER NOT NULL REFERENCES workspaces (id),
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        parent TEXT,
        data TEXT NOT NULL,
        valid_from INTEGER NOT NULL,
        author TEXT,
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
    )
    """,
    "CREATE INDEX versions_by_entity ON versions (workspace, entity_id, valid_from)",
    # The order of each list of a set (cycles, owners, ..., one objective's key
    # results), as a JSON list of ids, from valid_from on.
    """
    CREATE TABLE orders (
        seq INTEGER PRIMARY KEY,
        workspace INTEGER NOT NULL REFERENCES workspaces (id),
        kind TEXT NOT NULL,
        parent TEXT NOT NULL DEFAULT '',
        ids TEXT NOT NULL,
        valid_from INTEGER NOT NULL
    )
    """,
    "CREATE INDEX orders_by_list ON orders (workspace, kind, parent, valid_from)",
    # Each key result checked in gets an integer code, so that check-ins are numbers.
    """
    CREATE TABLE key_result_codes (
        code INTEGER PRIMARY KEY,
        workspace INTEGER NOT NULL REFERENCES workspaces (id),
        key_result TEXT NOT NULL,
        UNIQUE (workspace, key_result)
    )
    """,
    # One row per write of check-ins (an append, a save): when, by whom. uid is made
    # by the writer before its transaction, so a retried write finds its batch done.
    """
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        uid BLOB NOT NULL UNIQUE,
        recorded_at INTEGER NOT NULL,
        recorded_by TEXT
    )
    """,
    # Check-ins. seq, the row's unique id, is its batch's id shifted left 32 bits plus
    # its place in the batch: a retried write inserts the same seqs, which INSERT OR
    # IGNORE cannot double. For a key result and a day, the row whose batch was
    # recorded last (by recorded_at, then seq) is the one in effect.
    """
    CREATE TABLE checkins (
        seq INTEGER PRIMARY KEY,
        code INTEGER NOT NULL REFERENCES key_result_codes (code),
        day INTEGER NOT NULL,
        value REAL NOT NULL,
        confidence INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        author TEXT
    )
    """,
    "CREATE INDEX checkins_by_day ON checkins (code, day)",
)
"""The statements that make a new, empty store (schema version 1), run in order."""
