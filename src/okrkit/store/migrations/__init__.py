"""The store's schema, one version at a time; each module here is one migration.

``v1`` is the first design and ``v2`` the changes after it. A migration is never edited
once released: a store written by any earlier version is brought up to date by running
the later migrations in order (see :func:`okrkit.store._schema.migrate`). To change the
schema, add ``vN.py`` with its ``STATEMENTS`` and list it in :data:`MIGRATIONS`.
"""

from __future__ import annotations

from okrkit.store.migrations import v1, v2

__all__ = ["MIGRATIONS"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (v1.STATEMENTS, v2.STATEMENTS)
"""The statements of each migration: ``MIGRATIONS[n - 1]`` brings version n - 1 to n."""
