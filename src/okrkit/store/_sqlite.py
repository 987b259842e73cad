"""The embedded store: :class:`SQLiteStore`, on the standard library's ``sqlite3``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt

from okrkit.errors import Message, Problem, Shown, UnknownIdError, UsageError, ValidationError
from okrkit.i18n import N_
from okrkit.model import OKRSet
from okrkit.store import _checkin_table as table
from okrkit.store._base import Connected
from okrkit.store._clock import as_of_stamp, from_stamp, to_stamp
from okrkit.store._effect import log_of
from okrkit.store._protocol import Change
from okrkit.store._records import Key, Record, orders_of, saved_over
from okrkit.store._select import as_log, cycle_part
from okrkit.store._versions import (
    changed_orders,
    entity_history,
    insert_orders,
    insert_versions,
    read_orders,
    read_versions,
)

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
    from okrkit.model import CheckIn, DateLike

__all__ = ["SQLiteStore"]

_T = TypeVar("_T")
_ATTEMPTS = 2  # a write that found the store locked for the whole timeout is tried again


class SQLiteStore(Connected):
    """A store in one SQLite file: OKR sets by workspace, check-ins, and their history.

    Implements :class:`~okrkit.store.Store`. The file is made when missing, brought
    up to the current schema when older, and kept in WAL mode: readers never wait for
    a writer, and every write is one ``BEGIN IMMEDIATE`` transaction, written whole
    and synced to disk before the call returns, or not at all. Several processes may
    write at once; each waits up to ``timeout`` seconds for the others.

    A store object belongs to the thread that made it; open one per thread or
    process. Close it (or use it as a context manager) when done.

    Args:
        path: The store file.
        timeout: Seconds to wait for another process's write to finish.

    Raises:
        WriteError: when the file cannot be created or written.
        LoadError: when the path is a folder, the file is not an okrkit store (or is
            damaged), or was written by a newer okrkit.

    Examples:
        >>> import pathlib, tempfile
        >>> import okrkit
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> store = SQLiteStore(pathlib.Path(tempfile.mkdtemp()) / "okrkit.db")
        >>> changes = store.save(okrs, author="lan")
        >>> store.append_checkins([okrkit.CheckIn(key_result="kr-velocity",
        ...     on="2026-03-30", value=33)], author="lan")
        1
        >>> [c.field for c in store.history("kr-velocity")][-1]
        '2026-03-30'
        >>> store.close()
    """

    def save(
        self,
        okrset: OKRSet,
        *,
        workspace: str = "default",
        author: str | None = None,
        at: dt.datetime | None = None,
    ) -> tuple[Change, ...]:
        """Record ``okrset``: its entities and check-ins; return the changes recorded.

        Each entity that is new or differs from its current version gets a new version,
        with one change per field that differs. An entity the store holds and
        ``okrset`` leaves out is **not** removed (use :meth:`retire`): a save adds and
        updates only. Check-ins are added as by :meth:`append_checkins`. Saving a set
        equal to what :meth:`load` returns records nothing and returns ``()``.

        Raises:
            ValidationError: when the workspace, with this set saved into it, would
                break a model rule (an id used by two kinds of entity, a key result
                whose recorded check-ins its new metric refuses, ...); nothing is
                recorded.
            UsageError: for something other than an :class:`OKRSet`, or a naive ``at``
                that is not a datetime.
        """
        if not isinstance(okrset, OKRSet):
            raise UsageError(
                Message(N_("'okrset' must be an OKRSet (got {value})"), value=Shown(okrset))
            )
        stamp = to_stamp(at)
        batch = table.Batch(recorded_at=stamp, recorded_by=author)

        def body() -> tuple[Change, ...]:
            ws = self._workspace(workspace, create=True)
            versions = read_versions(self._connection, ws, None)
            live = {k: record for k, (record, retired) in versions.items() if not retired}
            when = from_stamp(stamp)
            changes, rows = saved_over(okrset, live, workspace=workspace, at=when, author=author)
            orders = changed_orders(
                read_orders(self._connection, ws, None), orders_of(okrset), live
            )
            if not rows and not orders and not len(okrset.checkins):
                return ()
            try:
                after = self._assembled(
                    live, {**read_orders(self._connection, ws, None), **orders}
                )
            except ValidationError as exc:  # paths name the workspace's set, as saved
                located = [p.located(file=str(self._path)) for p in exc.problems]
                raise ValidationError(located) from None
            changed_krs = [ident for kind, ident in rows if kind == "key_result"]
            if changed_krs:  # their recorded check-ins must suit their new metrics
                after.with_checkins(log_of(self._connection, ws, changed_krs))
            insert_versions(
                self._connection, ws, [(k, live[k], False) for k in rows], at=stamp, author=author
            )
            insert_orders(self._connection, ws, orders, stamp)
            added = self._add_checkins(ws, after, okrset.checkins, batch)
            changes += table.changes_of(
                self._connection, workspace, okrset.checkins, added, at=when, author=author
            )
            return tuple(changes)

        return self._transaction(body, write=True)

    def retire(
        self,
        entity_id: str,
        *,
        workspace: str = "default",
        author: str | None = None,
        at: dt.datetime | None = None,
    ) -> tuple[Change, ...]:
        """Retire an entity: it drops out of :meth:`load`, and its history stays.

        Retiring an objective retires its key results too; a key result's check-ins
        stay in its history. ``entity_id`` is a dependency's ``"DEPENDENT -> ON"``.

        Raises:
            UnknownIdError: when no live entity has that id, with the closest ids.
            ValidationError: when something live still needs the entity (an objective
                in a cycle, a key result driven by an initiative, an owner who wrote
                check-ins); nothing is retired.
        """
        stamp = to_stamp(at)

        def body() -> tuple[Change, ...]:
            ws = self._workspace(workspace)
            versions = read_versions(self._connection, ws, None)
            live = {k: record for k, (record, retired) in versions.items() if not retired}
            keys = [key for key in live if key[1] == entity_id]
            if not keys:
                raise UnknownIdError.among(entity_id, Message(N_("entity")), [i for _k, i in live])
            if keys[0][0] == "objective":
                keys += [
                    key
                    for key, record in live.items()
                    if key[0] == "key_result" and record["objective"] == entity_id
                ]
            when = from_stamp(stamp)
            records = [(key, live.pop(key)) for key in keys]
            try:
                self._assembled(live, read_orders(self._connection, ws, None))
            except ValidationError as exc:
                raise self._still_needed(entity_id, exc) from None
            if keys[0][0] == "owner":
                self._check_authored(ws, entity_id, live)
            insert_versions(
                self._connection, ws, [(k, r, True) for k, r in records], at=stamp, author=author
            )
            return tuple(
                Change(workspace, kind, ident, None, record, None, when, author)
                for (kind, ident), record in records
            )

        return self._transaction(body, write=True)

    def _still_needed(self, entity_id: str, exc: ValidationError) -> ValidationError:
        lead = Problem(
            "store.in_use",
            Message(
                N_(
                    "{id!r} cannot be retired while live entities refer to it; retire or change "
                    "them first"
                ),
                id=Shown(entity_id),
            ),
            entity_id=entity_id,
            file=str(self._path),
        )
        return ValidationError([lead, *exc.problems])

    def _check_authored(self, workspace: int, owner: str, live: dict[Key, Record]) -> None:
        krs = [ident for kind, ident in live if kind == "key_result"]
        log = log_of(self._connection, workspace, krs)
        count = sum(1 for author in log.authors().values() if author == owner)
        if count:
            raise ValidationError(
                Problem(
                    "store.in_use",
                    Message(
                        N_(
                            "{owner!r} wrote {count} check-ins that are kept; an owner who wrote "
                            "check-ins cannot be retired"
                        ),
                        owner=Shown(owner),
                        count=count,
                    ),
                    entity_id=owner,
                )
            )

    # -- reading ---------------------------------------------------------------------------

    def load(
        self,
        *,
        workspace: str = "default",
        cycle: str | None = None,
        as_of: DateLike | dt.datetime | None = None,
    ) -> OKRSet:
        """The workspace's OKR set as recorded (by ``as_of``), or its part about ``cycle``.

        With ``cycle``: that cycle's objectives with their key results, what they align
        to, every cycle and owner, the initiatives and dependencies that touch them,
        and their check-ins (see :func:`okrkit.store._select.select_cycle`).
        ``as_of`` (a date means the end of that day, UTC) gives the set as it was
        recorded by then: entity versions and check-ins recorded up to that time.

        Raises:
            UnknownIdError: for a workspace that holds nothing (by ``as_of``), naming
                the workspaces there are; for an unknown ``cycle``.
        """
        upto = as_of_stamp(as_of)

        def body() -> OKRSet:
            ws = self._workspace(workspace)
            marks = self._marks(ws)
            entities = self._entities(ws, upto, marks)
            if not entities.cycles and not entities.owners:
                error = UnknownIdError(workspace, Message(N_("workspace")))
                error.args = (
                    Message(
                        N_("the workspace {name} of {file} held nothing by {date}"),
                        name=Shown(workspace),
                        file=self._path,
                        date=from_stamp(upto or 0).date(),
                    ),
                )
                raise error
            part = entities if cycle is None else OKRSet(**cycle_part(entities, cycle))
            krs = [kr.id for kr in part.key_results]
            if upto is not None:
                log = log_of(self._connection, ws, krs, upto)
            elif cycle is None:
                log = self._live_log(marks, entities)
            else:
                log = self._in_effect(marks).log(krs)
            return part.with_checkins(log) if len(log) else part

        return self._transaction(body, write=False)

    def checkins(
        self, *, workspace: str = "default", as_of: DateLike | dt.datetime | None = None
    ) -> CheckInLog:
        """Every check-in in effect of the workspace's live key results, as a log.

        Read by column into numpy: no :class:`~okrkit.CheckIn` is made per row.
        """
        upto = as_of_stamp(as_of)

        def body() -> CheckInLog:
            ws = self._workspace(workspace)
            marks = self._marks(ws)
            entities = self._entities(ws, upto, marks)
            if upto is None:
                return self._live_log(marks, entities)
            return log_of(self._connection, ws, [kr.id for kr in entities.key_results], upto)

        return self._transaction(body, write=False)

    def history(self, entity_id: str, *, workspace: str = "default") -> tuple[Change, ...]:
        """Every recorded change of one entity, oldest first.

        For a key result, each check-in recorded for it too, a replaced value as ``old``.

        Raises:
            UnknownIdError: when the workspace never held ``entity_id``, with the
                closest ids.
        """

        def body() -> tuple[Change, ...]:
            ws = self._workspace(workspace)
            changes = entity_history(self._connection, ws, workspace, entity_id)
            code = table.codes_of(self._connection, ws, [entity_id], create=False)
            if code:
                changes += table.history_of(
                    self._connection, workspace, code[entity_id], entity_id
                )
            if not changes:
                known = [
                    i
                    for (i,) in self._connection.execute(
                        "SELECT DISTINCT entity_id FROM versions WHERE workspace = ?", (ws,)
                    )
                ]
                raise UnknownIdError.among(entity_id, Message(N_("entity")), known)
            return tuple(sorted(changes, key=lambda change: change.at))

        return self._transaction(body, write=False)

    # -- check-ins -------------------------------------------------------------------------

    def append_checkins(
        self,
        checkins: CheckInLog | Iterable[CheckIn],
        *,
        workspace: str = "default",
        author: str | None = None,
        at: dt.datetime | None = None,
        source: str | None = None,
    ) -> int:
        """Add check-ins in one transaction; return how many rows were added.

        Every check-in is validated first, against the workspace's live key results
        (known and not retired, a value its metric accepts, one a day per key result,
        a known author); any problem raises, and nothing is added. A check-in identical
        to the one in effect for its key result and day is not added again; a different
        one replaces it (both stay in :meth:`history`).

        Args:
            checkins: A log, or any iterable of :class:`~okrkit.CheckIn`.
            workspace: The workspace.
            author: Who recorded them (the check-ins' own authors are kept as given).
            at: When they were recorded (now by default; a naive datetime is UTC).
            source: Where they came from, such as the imported file's name; shown by
                :meth:`history` and ``okrkit history``.

        Raises:
            ValidationError: listing every problem, with each check-in's row number.
            UnknownIdError: for a workspace that holds nothing.
        """
        log = as_log(checkins)
        batch = table.Batch(recorded_at=to_stamp(at), recorded_by=author, source=source)

        def body() -> int:
            ws = self._workspace(workspace)
            rows, _replaced = self._add_checkins(ws, self._entities(ws, None), log, batch)
            return len(rows)

        return self._transaction(body, write=True) if len(log) else 0

    def _add_checkins(
        self, workspace: int, entities: OKRSet, log: CheckInLog, batch: table.Batch
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Validate ``log`` against ``entities``, then insert what it changes as ``batch``."""
        nothing = np.zeros(0, dtype=np.int64)
        if not len(log):
            return nothing, nothing
        entities.with_checkins(log)  # every problem, with row numbers, before any write
        (newest,) = self._connection.execute("SELECT ifnull(max(id), 0) FROM batches").fetchone()
        ident, new = batch.open(self._connection)
        if not new:  # an earlier attempt of this very write was committed
            return nothing, nothing
        codes = table.codes_of(self._connection, workspace, log.ids(), create=True)
        inserted = table.insert_new(self._connection, log, codes, ident)
        if not len(inserted[0]):  # nothing new: the write leaves no trace
            self._connection.execute("DELETE FROM batches WHERE id = ?", (ident,))
        else:
            self._after_commit = lambda: self._keep_effect(
                (workspace, newest), log, inserted, codes, ident, batch.recorded_at
            )
        return inserted

    def _keep_effect(  # noqa: PLR0917 - what one committed write of check-ins did
        self,
        before: tuple[int, int],
        log: CheckInLog,
        inserted: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
        codes: dict[str, int],
        batch: int,
        recorded_at: int,
    ) -> None:
        """Bring the kept check-ins in effect up to date after batch ``batch`` committed.

        Only when they were current when the write began (``before``: its workspace and
        the newest batch then) and the batch is recorded no earlier than every other (a
        back-dated row may not take effect); otherwise they are dropped and read again.
        """
        kept, self._effect = self._effect, None
        if kept is None or kept[0] != before or batch <= before[1]:
            return
        if recorded_at < kept[1].latest:
            return
        try:
            self._effect = (
                (before[0], batch),
                kept[1].after(log, inserted, codes, batch, recorded_at),
            )
        except Exception:  # noqa: BLE001 - the write is committed; a read builds it again
            self._effect = None
