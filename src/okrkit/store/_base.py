"""What every SQLite store operation stands on: the connection, transactions, workspaces."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

from okrkit.errors import Shown, UnknownIdError, UsageError
from okrkit.i18n import _
from okrkit.model import OKRSet
from okrkit.store._records import Key, Record, assemble
from okrkit.store._schema import connect, failure
from okrkit.store._versions import read_orders, read_versions

__all__ = ["Connected"]

_T = TypeVar("_T")
_ATTEMPTS = 2  # a write that found the store locked for the whole timeout is tried again


class Connected:
    """An open store file, its transactions and its workspaces; see :class:`SQLiteStore`."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        self._path = Path(path)
        self._connection = connect(self._path, timeout)
        self._cache: tuple[tuple[int, int, int], OKRSet] | None = None

    @property
    def path(self) -> Path:
        """The store file."""
        return self._path

    @property
    def schema_version(self) -> int:
        """The schema version of the file (this okrkit's ``SCHEMA_VERSION`` once open)."""
        version: int = self._run(
            lambda: self._connection.execute("PRAGMA user_version").fetchone()[0]
        )
        return version

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self._path)!r})"

    # -- transactions ----------------------------------------------------------------------

    def _run(self, body: Callable[[], _T]) -> _T:
        """Run ``body``, turning SQLite's errors into okrkit's."""
        try:
            return body()
        except sqlite3.ProgrammingError as exc:
            raise self._closed() from exc
        except sqlite3.Error as exc:
            raise failure(self._path, exc) from None

    def _closed(self) -> UsageError:
        return UsageError(_("the store {file} is closed; open it again").format(file=self._path))

    def _transaction(self, body: Callable[[], _T], *, write: bool) -> _T:
        """Run ``body`` in one transaction: committed whole, or rolled back and raised.

        A read sees one snapshot of the store throughout. A write that found the store
        locked for the whole timeout is tried again, once.
        """
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                return self._attempt(body, write)
            except sqlite3.OperationalError as exc:
                busy = getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY
                if not (write and busy and attempt < _ATTEMPTS):
                    raise failure(self._path, exc) from None
            except sqlite3.ProgrammingError as exc:
                raise self._closed() from exc
            except sqlite3.Error as exc:
                raise failure(self._path, exc) from None
        raise AssertionError  # pragma: no cover - the loop returns or raises

    def _attempt(self, body: Callable[[], _T], write: bool) -> _T:
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            result = body()
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return result

    # -- workspaces ------------------------------------------------------------------------

    def workspaces(self) -> tuple[str, ...]:
        """The names of the workspaces that hold anything, sorted."""
        rows = self._transaction(
            lambda: self._connection.execute(
                "SELECT name FROM workspaces AS w WHERE EXISTS "
                "(SELECT 1 FROM versions AS v WHERE v.workspace = w.id) ORDER BY name"
            ).fetchall(),
            write=False,
        )
        return tuple(name for (name,) in rows)

    def _workspace(self, name: str, *, create: bool = False) -> int:
        """The id of workspace ``name``; made when ``create``, else UnknownIdError."""
        if not isinstance(name, str) or not name.strip():
            raise UsageError(
                _("'workspace' must be a name (got {value!r})").format(value=Shown(name))
            )
        if create:
            self._connection.execute("INSERT OR IGNORE INTO workspaces (name) VALUES (?)", (name,))
        row = self._connection.execute(
            "SELECT w.id FROM workspaces AS w WHERE w.name = ? AND EXISTS "
            "(SELECT 1 FROM versions AS v WHERE v.workspace = w.id)",
            (name,),
        ).fetchone()
        if row is None and create:
            row = self._connection.execute(
                "SELECT id FROM workspaces WHERE name = ?", (name,)
            ).fetchone()
        if row is None:
            raise self._no_workspace(name)
        found: int = row[0]
        return found

    def _no_workspace(self, name: str) -> UnknownIdError:
        known = [
            n
            for (n,) in self._connection.execute(
                "SELECT name FROM workspaces AS w WHERE EXISTS "
                "(SELECT 1 FROM versions AS v WHERE v.workspace = w.id) ORDER BY name"
            )
        ]
        error = UnknownIdError(name, _("workspace"), known)
        if known:
            message = _("no workspace {name} in the store {file}; its workspaces are: {known}")
        else:
            message = _("the store {file} is empty: save an OKR set into it first")
        error.args = (message.format(name=Shown(name), file=self._path, known=", ".join(known)),)
        return error

    # -- entities --------------------------------------------------------------------------

    def _entities(self, workspace: int, upto: int | None) -> OKRSet:
        """The workspace's live entities (at ``upto``) as a set without check-ins."""
        marks = self._connection.execute(
            "SELECT (SELECT ifnull(max(seq), 0) FROM versions WHERE workspace = ?), "
            "(SELECT ifnull(max(seq), 0) FROM orders WHERE workspace = ?)",
            (workspace, workspace),
        ).fetchone()
        key = (workspace, *marks)
        if upto is None and self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        versions = read_versions(self._connection, workspace, upto)
        live = {k: record for k, (record, retired) in versions.items() if not retired}
        okrset = self._assembled(live, read_orders(self._connection, workspace, upto))
        if upto is None:
            self._cache = (key, okrset)
        return okrset

    def _assembled(self, live: dict[Key, Record], orders: dict[Key, list[str]]) -> OKRSet:
        return OKRSet(**assemble(live, orders, source=str(self._path)))
