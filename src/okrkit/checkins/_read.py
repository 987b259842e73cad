"""Reading a check-in log: its columns, lookups as of a date, and the sequence protocol."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Self, overload

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.checkins._store import DAY_BITS, Store, frozen, sparse_get
from okrkit.errors import Problem
from okrkit.model import CheckIn, Confidence, DateLike, as_date
from okrkit.model._listing import deprecated_call

__all__ = ["Reading", "Series"]


@attrs.frozen
class Series:
    """One key result's check-ins, oldest first, by column (read-only numpy views).

    Attributes:
        days: The check-in dates as proleptic ordinals (``date.toordinal()``).
        values: The reported values.
        confidences: The confidence of each check-in, 0 where none was given.
    """

    days: npt.NDArray[np.int32]
    values: npt.NDArray[np.float64]
    confidences: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return len(self.days)

    def index_at(self, day: int) -> int:
        """The index of the last check-in on or before ordinal ``day``, or -1."""
        return int(np.searchsorted(self.days, day, side="right")) - 1


class Reading(Store):
    """What every check-in log can answer; see :class:`CheckInLog`."""

    __slots__ = ()

    # -- columns -------------------------------------------------------------------------

    @property
    def codes(self) -> npt.NDArray[np.int32]:
        """Each row's key result, as a position in :meth:`ids` (read-only)."""
        return self._codes

    @property
    def days(self) -> npt.NDArray[np.int32]:
        """Each row's day as a proleptic ordinal (read-only)."""
        return self._days

    @property
    def values(self) -> npt.NDArray[np.float64]:
        """Each row's value (read-only)."""
        return self._values

    @property
    def confidences(self) -> npt.NDArray[np.int8]:
        """Each row's confidence, 1-5, or 0 for none (read-only)."""
        return self._confidences

    @property
    def offsets(self) -> npt.NDArray[np.int64]:
        """Where each key result's rows start: ``offsets[c]:offsets[c + 1]`` (read-only)."""
        return self._offsets

    def ids(self) -> tuple[str, ...]:
        """The ids of the key results with at least one check-in, sorted."""
        return self._ids

    def key_results(self) -> list[str]:
        """Deprecated: the ids of the key results with check-ins; use :meth:`ids`."""
        return deprecated_call(
            "CheckInLog.key_results()", "CheckInLog.ids()", lambda: list(self._ids)
        )

    def rows_as_of(
        self, codes: npt.NDArray[np.integer[Any]], as_of: DateLike
    ) -> npt.NDArray[np.int64]:
        """For each code, the row of its last check-in on or before ``as_of``, or -1.

        One vectorised search over the sorted log; a code of -1 gives -1.
        """
        day = as_date(as_of).toordinal()
        codes = np.asarray(codes, dtype=np.int64)
        present = codes >= 0
        wanted = (np.where(present, codes, 0) << DAY_BITS) | day
        rows = np.searchsorted(self._keys, wanted, side="right") - 1
        starts = self._offsets[np.where(present, codes, 0)] if len(self._offsets) else rows
        return np.where(present & (rows >= starts), rows, -1)

    def _copy(self) -> Self:
        """A new log object sharing this one's columns."""
        copy = object.__new__(type(self))
        for name in Store.__slots__:
            object.__setattr__(copy, name, getattr(self, name))
        return copy

    def with_diagnostics(self, diagnostics: Iterable[Problem]) -> Self:
        """A copy of this log (sharing its columns) with these :attr:`diagnostics`."""
        copy = self._copy()
        copy.diagnostics = tuple(diagnostics)
        return copy

    def relocated(self, positions: npt.NDArray[np.integer[Any]]) -> Self:
        """A copy whose row ``i`` of the input is said to come from ``positions[i]``."""
        copy = self._copy()
        copy._origin = frozen(np.asarray(positions, dtype=np.int64)[self.source_positions()])
        return copy

    def note(self, row: int) -> str:
        """The note of ``row``, or ``""``."""
        return sparse_get(self._note_rows, self._notes, row) or ""

    def author(self, row: int) -> str | None:
        """The author of ``row``, or ``None``."""
        return sparse_get(self._author_rows, self._authors, row)

    def notes(self) -> dict[int, str]:
        """Every note, by row."""
        return dict(zip(self._note_rows.tolist(), self._notes, strict=True))

    def authors(self) -> dict[int, str]:
        """Every author, by row."""
        return dict(zip(self._author_rows.tolist(), self._authors, strict=True))

    # -- reading -------------------------------------------------------------------------

    def checkin(self, row: int) -> CheckIn:
        """The check-in at ``row``, as a :class:`~okrkit.CheckIn`."""
        level = int(self._confidences[row])
        return CheckIn(
            key_result=self._ids[self._codes[row]],
            on=dt.date.fromordinal(int(self._days[row])),
            value=float(self._values[row]),
            confidence=Confidence(level) if level else None,
            note=self.note(row),
            author=self.author(row),
        )

    @overload
    def __getitem__(self, row: int) -> CheckIn: ...
    @overload
    def __getitem__(self, row: slice) -> list[CheckIn]: ...
    def __getitem__(self, row: int | slice) -> CheckIn | list[CheckIn]:
        if isinstance(row, slice):
            return [self.checkin(i) for i in range(*row.indices(len(self)))]
        size = len(self)
        if not -size <= row < size:
            raise IndexError(row)
        return self.checkin(row % size)

    def __iter__(self) -> Iterator[CheckIn]:
        for row in range(len(self)):
            yield self.checkin(row)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._index
        if isinstance(item, CheckIn):
            code = self._index.get(item.key_result)
            if code is None:
                return False
            start, stop = int(self._offsets[code]), int(self._offsets[code + 1])
            return any(self.checkin(row) == item for row in range(start, stop))
        return False

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Reading):
            return (
                self._ids == other._ids
                and np.array_equal(self._keys, other._keys)
                and np.array_equal(self._values, other._values)
                and np.array_equal(self._confidences, other._confidences)
                and np.array_equal(self._note_rows, other._note_rows)
                and self._notes == other._notes
                and np.array_equal(self._author_rows, other._author_rows)
                and self._authors == other._authors
            )
        if isinstance(other, Sequence) and not isinstance(other, str):
            from okrkit.checkins._log import CheckInLog

            return len(self) == len(other) and self == CheckInLog.from_checkins(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(
                (
                    self._ids,
                    self._keys.tobytes(),
                    self._values.tobytes(),
                    self._confidences.tobytes(),
                    self._notes,
                    self._authors,
                )
            )
        return self._hash

    def __repr__(self) -> str:
        return f"<CheckInLog: {len(self)} check-ins of {len(self._ids)} key results>"

    def series(self, key_result: str) -> Series | None:
        """The columns of one key result's check-ins, or ``None`` without any."""
        code = self._index.get(key_result)
        if code is None:
            return None
        rows = slice(int(self._offsets[code]), int(self._offsets[code + 1]))
        return Series(self._days[rows], self._values[rows], self._confidences[rows])

    def history(self, key_result: str) -> tuple[CheckIn, ...]:
        """Every check-in of ``key_result``, oldest first."""
        code = self._index.get(key_result)
        if code is None:
            return ()
        start, stop = int(self._offsets[code]), int(self._offsets[code + 1])
        return tuple(self.checkin(row) for row in range(start, stop))

    def _row_at(self, key_result: str, on: DateLike) -> int:
        code = self._index.get(key_result)
        if code is None:
            return -1
        return int(self.rows_as_of(np.array([code]), on)[0])

    def latest(self, key_result: str, as_of: DateLike | None = None) -> CheckIn | None:
        """The last check-in on or before ``as_of`` (today by default), or ``None``.

        ``as_of`` may be a date, a datetime, ISO text or a pandas ``Timestamp``.
        """
        row = self._row_at(key_result, dt.date.today() if as_of is None else as_of)
        return None if row < 0 else self.checkin(row)

    def value_at(self, key_result: str, on: DateLike) -> float | None:
        """The value of ``key_result`` on day ``on``: its last check-in up to then."""
        row = self._row_at(key_result, on)
        return None if row < 0 else float(self._values[row])
