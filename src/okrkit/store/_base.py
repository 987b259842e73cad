"""What every SQLite store operation stands on: the connection, transactions, workspaces."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

from okrkit.checkins import CheckInLog
from okrkit.errors import Message, Shown, UnknownIdError, UsageError
from okrkit.i18n import N_
from okrkit.model import OKRSet
from okrkit.store._effect import Effect, read_effect
from okrkit.store._records import Key, Record, assemble, assemble_kinds
from okrkit.store._schema import connect, failure
from okrkit.store._versions import read_list_orders, read_live

__all__ = ["Connected"]

_T = TypeVar("_T")
Marks = tuple[int, int, int, int]
"""A workspace, its newest version and order rows, and the newest batch of check-ins."""
_ATTEMPTS = 2  # a write that found the store locked for the whole timeout is tried again


class Connected:
    """An open store file, its transactions and its workspaces; see :class:`SQLiteStore`."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        self._path = Path(path)
        self._connection = connect(self._path, timeout)
        self._cache: tuple[tuple[int, int, int], OKRSet] | None = None
        # The check-ins in effect of one workspace, by (workspace, newest batch id), and
        # the log of its live key results, by (workspace, *marks): see _marks.
        self._effect: tuple[tuple[int, int], Effect] | None = None
        self._log: tuple[Marks, CheckInLog] | None = None
        self._after_commit: Callable[[], None] | None = None

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
        return UsageError(
            Message(N_("the store {file} is closed; open it again"), file=self._path)
        )

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
        """One try of ``body``; what it left in ``_after_commit`` runs once committed."""
        connection = self._connection
        self._after_commit = None
        connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            result = body()
            connection.execute("COMMIT")
        except BaseException:
            self._after_commit = None
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        then, self._after_commit = self._after_commit, None
        if then is not None:
            then()
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
                Message(N_("'workspace' must be a name (got {value!r})"), value=Shown(name))
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
        error = UnknownIdError(name, Message(N_("workspace")), known)
        if known:
            message = N_("no workspace {name} in the store {file}; its workspaces are: {known}")
        else:
            message = N_("the store {file} is empty: save an OKR set into it first")
        error.args = (
            Message(message, name=Shown(name), file=str(self._path), known=", ".join(known)),
        )
        return error

    # -- entities --------------------------------------------------------------------------

    def _marks(self, workspace: int) -> Marks:
        """What the caches are keyed by (see :data:`Marks`); one cheap query."""
        versions, orders, batch = self._connection.execute(
            "SELECT (SELECT ifnull(max(seq), 0) FROM versions WHERE workspace = ?), "
            "(SELECT ifnull(max(seq), 0) FROM orders WHERE workspace = ?), "
            "(SELECT ifnull(max(id), 0) FROM batches)",
            (workspace, workspace),
        ).fetchone()
        return workspace, versions, orders, batch

    def _entities(self, workspace: int, upto: int | None, marks: Marks | None = None) -> OKRSet:
        """The workspace's live entities (at ``upto``) as a set without check-ins."""
        key = (marks or self._marks(workspace))[:3]
        if upto is None and self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        kinds = read_live(self._connection, workspace, upto)
        orders = read_list_orders(self._connection, workspace, upto)
        okrset = OKRSet(**assemble_kinds(kinds, orders, source=str(self._path), owned=True))
        if upto is None:
            self._cache = (key, okrset)
        return okrset

    # -- check-ins in effect -----------------------------------------------------------------

    def _in_effect(self, marks: Marks) -> Effect:
        """The workspace's check-ins in effect now, kept while no batch is added."""
        key = (marks[0], marks[3])
        if self._effect is not None and self._effect[0] == key:
            return self._effect[1]
        self._effect = None
        effect = read_effect(self._connection, marks[0], None)
        self._effect = (key, effect)
        return effect

    def _live_log(self, marks: Marks, entities: OKRSet) -> CheckInLog:
        """The check-ins in effect now of ``entities``' key results (live at ``marks``)."""
        if self._log is not None and self._log[0] == marks:
            return self._log[1]
        log = self._in_effect(marks).log([kr.id for kr in entities.key_results])
        self._log = (marks, log)
        return log

    def _assembled(self, live: dict[Key, Record], orders: dict[Key, list[str]]) -> OKRSet:
        return OKRSet(**assemble(live, orders, source=str(self._path)))
