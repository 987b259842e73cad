"""What a store is: the :class:`Store` protocol, and :class:`Change`, one recorded change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import attrs

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
    from okrkit.model import CheckIn, DateLike, OKRSet

__all__ = ["KINDS", "Change", "Store"]

KINDS = ("cycle", "owner", "objective", "key_result", "initiative", "dependency", "checkin")
"""The kinds of entity a store keeps, in the order a set lists them (check-ins last)."""


@attrs.frozen
class Change:
    """One recorded change: who changed what, when, with the old and the new value.

    Attributes:
        workspace: The workspace of the store the change was made in.
        kind: ``"cycle"``, ``"owner"``, ``"objective"``, ``"key_result"``,
            ``"initiative"``, ``"dependency"`` or ``"checkin"``.
        entity_id: The id of the entity; a dependency's id is ``"DEPENDENT -> ON"``,
            and a check-in's is its key result's id.
        field: The field that changed (``"title"``, ``"metric"``, a key result's
            ``"objective"``, ...), or ``None`` when the entity was added or retired as
            a whole. For a check-in, the day it reports (ISO text).
        old: The value before, as plain JSON data; ``None`` for an added entity.
        new: The value after, as plain JSON data; ``None`` for a retired entity.
        at: When the change was recorded (UTC, aware).
        author: Who recorded it, when known.

    Examples:
        >>> import datetime as dt
        >>> change = Change("default", "key_result", "kr-1", "title", "Old", "New",
        ...     dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc), "lan")
        >>> change.is_added, change.is_retired
        (False, False)
    """

    workspace: str
    kind: str
    entity_id: str
    field: str | None
    old: object
    new: object
    at: dt.datetime
    author: str | None = None

    @property
    def is_added(self) -> bool:
        """Whether the whole entity was added (or brought back after being retired)."""
        return self.field is None and self.old is None

    @property
    def is_retired(self) -> bool:
        """Whether the whole entity was retired."""
        return self.field is None and self.new is None


@runtime_checkable
class Store(Protocol):
    """**Protocol:** somewhere OKR sets, their check-ins and their history live.

    :class:`~okrkit.store.SQLiteStore` is the embedded implementation; another backend
    (PostgreSQL, a web service) implements these seven methods. What an implementer
    must guarantee:

    - Every write is one transaction: it happens whole or not at all, and invalid
      input (an unknown key result, a set that would break a model rule) raises an
      okrkit error before anything is written.
    - Nothing is deleted. :meth:`save` adds and updates entities and never removes one
      that the given set leaves out; :meth:`retire` is the only way to take an entity
      out of what :meth:`load` returns, and its history stays.
    - :meth:`save` of a set equal to what :meth:`load` returns records nothing.
    - Check-ins appended concurrently, from several processes, are neither lost nor
      doubled; appending a check-in identical to the one recorded for its key result
      and day adds nothing, and a different value for that day replaces it (both stay
      in :meth:`history`).
    - ``as_of`` gives the set as it was recorded by then: a date means the end of that
      day, UTC; a naive datetime is read as UTC.
    - Workspaces are separate: no call reads or changes another workspace's data.
    """

    def save(
        self,
        okrset: OKRSet,
        *,
        workspace: str = "default",
        author: str | None = None,
        at: dt.datetime | None = None,
    ) -> tuple[Change, ...]:
        """Record ``okrset`` (entities and check-ins); return the changes recorded."""
        ...

    def load(
        self,
        *,
        workspace: str = "default",
        cycle: str | None = None,
        as_of: DateLike | dt.datetime | None = None,
    ) -> OKRSet:
        """The set as recorded (by ``as_of``), or the part of it about ``cycle``."""
        ...

    def append_checkins(
        self,
        checkins: CheckInLog | Iterable[CheckIn],
        *,
        workspace: str = "default",
        author: str | None = None,
        at: dt.datetime | None = None,
    ) -> int:
        """Add check-ins in one transaction; return how many rows were added."""
        ...

    def checkins(
        self, *, workspace: str = "default", as_of: DateLike | dt.datetime | None = None
    ) -> CheckInLog:
        """Every check-in of the workspace's live key results (recorded by ``as_of``)."""
        ...

    def history(self, entity_id: str, *, workspace: str = "default") -> tuple[Change, ...]:
        """Every recorded change of one entity (and a key result's check-ins), oldest first."""
        ...

    def retire(
        self,
        entity_id: str,
        *,
        workspace: str = "default",
        author: str | None = None,
        at: dt.datetime | None = None,
    ) -> tuple[Change, ...]:
        """Retire an entity (an objective with its key results); return the changes."""
        ...

    def workspaces(self) -> tuple[str, ...]:
        """The names of the workspaces that hold anything, sorted."""
        ...
