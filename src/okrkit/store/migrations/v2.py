"""Schema version 2: where check-ins came from. Never edit: add a migration instead.

An import names its source (a file, a database, a sheet); each batch of check-ins
keeps it, so that ``okrkit history`` can say where a value came from. Batches written
before (by version 1) have none.
"""

from __future__ import annotations

__all__ = ["STATEMENTS"]

STATEMENTS = ("ALTER TABLE batches ADD COLUMN source TEXT",)
"""The statements that bring a version 1 store to version 2, run in order."""
