"""Opening a store file: checks that it is an okrkit store, WAL mode, and migrations.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id`` marks
the file as okrkit's. A new (empty) file gets the whole schema; an older one gets the
migrations it lacks, in order, in one transaction; a file written by a newer okrkit,
or by something else, is refused with a :class:`~okrkit.errors.LoadError` that names
it. Every OS or SQLite failure becomes one okrkit error naming the file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from okrkit.errors import LoadError, Message, OKRError, Problem, WriteError
from okrkit.i18n import N_
from okrkit.store.migrations import MIGRATIONS

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "connect", "failure", "migrate"]

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this okrkit writes; it opens stores of any version up to it."""

APPLICATION_ID = 0x4F4B5231
"""``"OKR1"``: the application id in the header of every okrkit store."""


def failure(path: Path, exc: sqlite3.Error) -> OKRError:
    """The okrkit error for a SQLite failure on the store at ``path``.

    A file that is not a database, or is damaged, cannot be read (:class:`LoadError`);
    anything else (read-only, a full disk, a lock held too long) cannot be written
    (:class:`WriteError`).
    """
    code = _primary(exc)
    if code in {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT} or "not a database" in str(exc):
        return LoadError(
            Problem(
                "file.unreadable",
                N_(
                    "not an okrkit store, or a damaged one; pass the path of a store, or of a "
                    "file to create"
                ),
                file=str(path),
            )
        )
    if code in {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}:
        message = Message(
            N_(
                "cannot write the store {file}: another process held it too long; try again, "
                "or open it with a longer timeout"
            ),
            file=str(path),
        )
    else:
        message = Message(
            N_("cannot write the store {file}: {reason}"), file=str(path), reason=_reason(exc)
        )
    return WriteError(message, file=str(path))


# SQLite's reasons in okrkit's words, by primary result code: SQLite's own text is English.
_REASONS = {
    sqlite3.SQLITE_READONLY: N_(
        "the store is read-only; check who may write the file and its folder"
    ),
    sqlite3.SQLITE_CANTOPEN: N_(
        "the file cannot be opened; check the path, and who may write the file and its folder"
    ),
    sqlite3.SQLITE_PERM: N_("permission denied; check who may read and write this file or folder"),
    sqlite3.SQLITE_FULL: N_("the disk is full; free some space and try again"),
    sqlite3.SQLITE_IOERR: N_("the disk could not be read or written; check the disk"),
    sqlite3.SQLITE_NOMEM: N_("there is not enough memory; close some programs and try again"),
    sqlite3.SQLITE_NOLFS: N_("the file is larger than the disk allows"),
    sqlite3.SQLITE_TOOBIG: N_("a value is too large for the store"),
}


def _primary(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code of ``exc`` (its extended code less the detail)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _reason(exc: sqlite3.Error) -> Message:
    """Why SQLite refused, in okrkit's words; any other refusal by its code alone."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]  # okrkit's own, such as a file system without WAL mode
    code = _primary(exc)
    if code is None:
        return Message(N_("the database refused, without saying why"))
    words = _REASONS.get(code)
    if words is not None:
        return Message(words)
    return Message(N_("the database refused (SQLite error code {code})"), code=str(code))


def _refuse(path: Path, message: Message) -> LoadError:
    return LoadError(Problem("file.unreadable", message, file=str(path)))


def connect(path: Path, timeout: float) -> sqlite3.Connection:
    """Open (or create) the store at ``path``, check it, and bring it up to date.

    Raises:
        WriteError: when the folder does not exist, or the file cannot be created or
            written (read-only, permission denied).
        LoadError: when the path is a folder, the file is not an okrkit store (or is
            damaged), or its schema is newer than this okrkit knows.
    """
    shown = str(path)
    if "\0" in shown:
        raise WriteError(
            Message(
                N_("cannot open the store {file!r}: a path cannot hold a NUL character"),
                file=shown.replace("\0", "\\0"),
            ),
            file=shown,
        )
    if path.is_dir():
        raise _refuse(
            path,
            Message(
                N_("this is a folder; give the path of a store file, such as {example}"),
                example=path / "okrkit.db",
            ),
        )
    if not path.parent.is_dir():
        raise WriteError(
            Message(
                N_("cannot create the store {file}: the folder {folder} does not exist"),
                file=path,
                folder=path.parent,
            ),
            file=shown,
        )
    try:
        connection = sqlite3.connect(
            path, timeout=timeout, isolation_level=None, check_same_thread=True
        )
    except sqlite3.Error as exc:
        raise failure(path, exc) from None
    try:
        connection.execute(f"PRAGMA busy_timeout = {max(0, int(timeout * 1000))}")
        connection.execute("PRAGMA foreign_keys = ON")
        _check_header(connection, path)
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError(Message(N_("the file system does not allow WAL mode")))
        connection.execute("PRAGMA synchronous = FULL")
        migrate(connection, path)
    except sqlite3.Error as exc:
        connection.close()
        raise failure(path, exc) from None
    except OKRError:
        connection.close()
        raise
    return connection


def _check_header(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is another program's database, or newer than this okrkit."""
    app = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if app == 0 and version == 0:
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables == 0:
            return  # a new, empty file: migrate() gives it the schema
    if app != APPLICATION_ID:
        raise _refuse(
            path,
            Message(
                N_(
                    "this SQLite database is not an okrkit store; pass the path of a store, or of "
                    "a new file for okrkit to create"
                )
            ),
        )
    if version > SCHEMA_VERSION:
        raise _refuse(
            path,
            Message(
                N_(
                    "the store has schema version {version}, newer than this okrkit knows "
                    "({known}); upgrade okrkit to open it"
                ),
                version=version,
                known=SCHEMA_VERSION,
            ),
        )


def migrate(connection: sqlite3.Connection, path: Path) -> int:
    """Run the migrations the store lacks, in order, in one transaction.

    Another process may be migrating the same file at the same moment: the version is
    read again once the write lock is held, so each migration runs once.

    Returns:
        The version the store had before.
    """
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return version
    connection.execute("BEGIN IMMEDIATE")
    try:
        _check_header(connection, path)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return version
