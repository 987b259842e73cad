"""The storage under a check-in log: sorted numpy columns, built and checked by column."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import repeat
from typing import TYPE_CHECKING, Any, Self, cast

import numpy as np
import numpy.typing as npt

from okrkit.checkins._columns import Sparse
from okrkit.errors import Message, Problem, Shown, UsageError, ValidationError
from okrkit.i18n import N_
from okrkit.model import Cycle

if TYPE_CHECKING:
    from okrkit.checkins._log import CheckInLog

__all__ = ["DAY_BITS", "Store", "frozen"]

DAY_BITS = 22  # every proleptic ordinal up to date.max fits in 22 bits
"""How far a key result's code is shifted left in a row's sort key."""
_NO_ROWS = np.zeros(0, dtype=np.int64)


def frozen(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Make ``array`` read-only and return it."""
    array.flags.writeable = False
    return array


def _ids_of(known: Iterable[str]) -> set[str]:
    """The set of ``known`` key result ids; a ``UsageError`` when one cannot be an id."""
    try:
        return set(known)
    except TypeError as exc:  # an unhashable entry: a list or a mapping, not an id
        raise UsageError(
            Message(N_("'known' must hold key result ids (got {value})"), value=Shown(known))
        ) from exc


class Store:
    """The columns of a check-in log and how they are built; see :class:`CheckInLog`."""

    __slots__ = (
        "_author_rows",
        "_authors",
        "_codes",
        "_confidences",
        "_days",
        "_hash",
        "_ids",
        "_index",
        "_keys",
        "_note_rows",
        "_notes",
        "_offsets",
        "_origin",
        "_values",
        "diagnostics",
    )

    _ids: tuple[str, ...]
    _index: dict[str, int]
    _codes: npt.NDArray[np.int32]
    _days: npt.NDArray[np.int32]
    _values: npt.NDArray[np.float64]
    _confidences: npt.NDArray[np.int8]
    _keys: npt.NDArray[np.int64]
    _offsets: npt.NDArray[np.int64]
    _note_rows: npt.NDArray[np.int64]
    _notes: tuple[str, ...]
    _author_rows: npt.NDArray[np.int64]
    _authors: tuple[str, ...]
    # Each row's place in the input, or None when the rows are in input order.
    _origin: npt.NDArray[np.int64] | None
    _hash: int | None
    diagnostics: tuple[Problem, ...]
    """Check-ins dated outside their key result's cycle: kept, and reported here."""

    @classmethod
    def _assemble(  # noqa: PLR0917 - the one place every constructor ends
        cls,
        ids: list[str],
        codes: npt.NDArray[np.int32],
        days: npt.NDArray[np.int32],
        values: npt.NDArray[np.float64],
        confidences: npt.NDArray[np.int8],
        notes: Sparse,
        authors: Sparse,
        origin: npt.NDArray[np.int64] | None,
        known: Iterable[str] | None,
        cycles: Mapping[str, Cycle] | None,
    ) -> Self:
        """Sort typed columns by key result id, day and value, and check them."""
        used = np.flatnonzero(np.bincount(codes, minlength=len(ids)) > 0)
        names = np.empty(len(used), dtype=object)
        names[:] = [ids[i] for i in used.tolist()]
        # Sorted by id, each id once (an appended log may name one twice). numpy's
        # strings drop trailing NULs, so an id holding one is sorted by Python instead.
        if any("\0" in name for name in names.tolist()):
            ordered = sorted(set(names.tolist()))
            at = {name: i for i, name in enumerate(ordered)}
            inverse = np.array([at[name] for name in names.tolist()], dtype=np.int64)
            by_name = tuple(ordered)
        else:
            unique, inverse = np.unique(names.astype(str), return_inverse=True)
            by_name = tuple(unique.tolist())
        rank = np.full(len(ids), -1, dtype=np.int32)
        rank[used] = inverse.ravel()
        log = cls._sorted(
            by_name,
            dict(zip(by_name, range(len(by_name)), strict=True)),
            rank[codes],
            days,
            values,
            confidences,
            notes,
            authors,
            origin,
        )
        return log._checked(known, cycles)

    @classmethod
    def _sorted(  # noqa: PLR0917 - an internal step of _assemble and append
        cls,
        ids: tuple[str, ...],
        index: dict[str, int],
        codes: npt.NDArray[np.int32],
        days: npt.NDArray[np.int32],
        values: npt.NDArray[np.float64],
        confidences: npt.NDArray[np.int8],
        notes: Sparse,
        authors: Sparse,
        origin: npt.NDArray[np.int64] | None,
    ) -> Self:
        """Sort rows whose codes are already positions in the sorted ``ids``.

        Rows that come sorted (a file okrkit wrote, a query with ORDER BY) are taken as
        they are: no sort and no copy.
        """
        keys = codes.astype(np.int64) << DAY_BITS
        keys |= days
        log = cls.__new__(cls)
        log._ids = ids
        log._index = index
        log._offsets = frozen(
            np.concatenate(([0], np.cumsum(np.bincount(codes, minlength=len(ids))))).astype(
                np.int64
            )
        )
        log._hash = None
        log.diagnostics = ()
        steps = np.diff(keys)
        if not (steps <= 0).any():  # already in order, no two on one day
            del steps
            log._keys, log._codes, log._days = frozen(keys), frozen(codes), frozen(days)
            log._values, log._confidences = frozen(values), frozen(confidences)
            log._note_rows, log._notes = notes
            log._author_rows, log._authors = authors
            log._origin = origin
            return log
        del steps
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        if bool((ordered[1:] == ordered[:-1]).any()):
            # Two on one day: the larger value reads as the later, whatever the order.
            order = np.lexsort((values, keys))
            ordered = keys[order]
        log._keys = frozen(ordered)
        del keys
        log._codes = frozen(codes[order])
        log._days = frozen(days[order])
        log._values = frozen(values[order])
        log._confidences = frozen(confidences[order])
        if len(notes[0]) or len(authors[0]):
            new_row = np.empty(len(order), dtype=np.int64)
            new_row[order] = np.arange(len(order))
            log._note_rows, log._notes = _moved(notes, new_row)
            log._author_rows, log._authors = _moved(authors, new_row)
        else:
            log._note_rows, log._notes = notes
            log._author_rows, log._authors = authors
        log._origin = frozen(order if origin is None else origin[order])
        return log

    def _checked(self, known: Iterable[str] | None, cycles: Mapping[str, Cycle] | None) -> Self:
        """Refuse unknown key results; report check-ins outside their cycles."""
        if known is not None:
            allowed = known if isinstance(known, set | frozenset | Mapping) else _ids_of(known)
            unknown = [code for code, ident in enumerate(self._ids) if ident not in allowed]
            if unknown:
                raise ValidationError(
                    Problem(
                        "id.unknown",
                        Message(
                            N_("check-in for unknown key result {id!r}; add the key result first"),
                            id=Shown(self._ids[code]),
                        ),
                        entity_id=self._ids[code],
                        path=self.where(int(self._offsets[code])),
                    )
                    for code in unknown
                )
        if cycles:
            self.diagnostics = self._outside(cycles)
        return self

    def _outside(self, cycles: Mapping[str, Cycle]) -> tuple[Problem, ...]:
        from okrkit.model._checkin_rules import outside_cycles

        return outside_cycles(cast("CheckInLog", self), [cycles.get(i) for i in self._ids])

    def _merged(self, other: CheckInLog) -> Self:
        """This log and ``other``'s rows together (see :meth:`CheckInLog.append`)."""
        notes = _joined(
            (self._note_rows, self._notes), (other._note_rows, other._notes), len(self)
        )
        authors = _joined(
            (self._author_rows, self._authors), (other._author_rows, other._authors), len(self)
        )
        origin = np.concatenate([self.source_positions(), other.source_positions() + len(self)])
        mapped = self.codes_of(other._ids)
        if (mapped >= 0).all():  # no new key result: the codes stay as they are
            codes = mapped.astype(np.int32)[other._codes]
            keys = (codes.astype(np.int64) << DAY_BITS) | other._days
            at = np.searchsorted(self._keys, keys, side="left")
            clash = (at < len(self._keys)) & (self._keys[np.minimum(at, len(self) - 1)] == keys)
            if not clash.any() and bool((np.diff(keys) > 0).all()):
                return self._inserted(other, codes, keys, at, notes, authors, origin)
            merged = self._sorted(
                self._ids,
                self._index,
                np.concatenate([self._codes, mapped.astype(np.int32)[other._codes]]),
                np.concatenate([self._days, other._days]),
                np.concatenate([self._values, other._values]),
                np.concatenate([self._confidences, other._confidences]),
                notes,
                authors,
                origin,
            )
        else:
            ids = [*self._ids, *other._ids]
            merged = self._assemble(
                ids,
                np.concatenate([self._codes, other._codes + len(self._ids)]),
                np.concatenate([self._days, other._days]),
                np.concatenate([self._values, other._values]),
                np.concatenate([self._confidences, other._confidences]),
                notes,
                authors,
                origin,
                None,
                None,
            )
        merged.diagnostics = (*self.diagnostics, *other.diagnostics)
        return merged

    def _inserted(  # noqa: PLR0917 - an internal step of append
        self,
        other: CheckInLog,
        codes: npt.NDArray[np.int32],
        keys: npt.NDArray[np.int64],
        at: npt.NDArray[np.int64],
        notes: Sparse,
        authors: Sparse,
        origin: npt.NDArray[np.int64],
    ) -> Self:
        """``other``'s rows put in their places: no sort, one copy of each column."""
        # Row i of the old log moves down by the number of new rows placed before it.
        new_row = np.arange(len(self), dtype=np.int64) + np.searchsorted(
            at, np.arange(len(self)), side="right"
        )
        placed = at + np.arange(len(at), dtype=np.int64)
        moved = np.empty(len(self) + len(other), dtype=np.int64)
        moved[: len(self)] = new_row
        moved[len(self) :] = placed
        log = object.__new__(type(self))
        log._ids, log._index = self._ids, self._index
        log._keys = frozen(np.insert(self._keys, at, keys))
        log._codes = frozen(np.insert(self._codes, at, codes))
        log._days = frozen(np.insert(self._days, at, other._days))
        log._values = frozen(np.insert(self._values, at, other._values))
        log._confidences = frozen(np.insert(self._confidences, at, other._confidences))
        log._offsets = frozen(
            self._offsets + np.searchsorted(codes, np.arange(len(self._ids) + 1), side="left")
        )
        log._note_rows, log._notes = _moved(notes, moved)
        log._author_rows, log._authors = _moved(authors, moved)
        order = np.empty(len(moved), dtype=np.int64)
        order[moved] = np.arange(len(moved))
        log._origin = frozen(origin[order])
        log._hash = None
        log.diagnostics = (*self.diagnostics, *other.diagnostics)
        return log

    def __len__(self) -> int:
        return len(self._values)

    def codes_of(self, ids: Iterable[str]) -> npt.NDArray[np.int64]:
        """The code of each id in ``ids``, or -1 for a key result with no check-in."""
        return np.array(list(map(self._index.get, ids, repeat(-1))), dtype=np.int64)

    def where(self, row: int) -> str:
        """Where a row came from, as a path: ``checkins[N]``, N its place in the input."""
        return f"checkins[{row if self._origin is None else int(self._origin[row])}]"

    def source_positions(self) -> npt.NDArray[np.int64]:
        """Each row's place in the input the log was built from (read-only)."""
        if self._origin is None:
            return frozen(np.arange(len(self._values), dtype=np.int64))
        return self._origin


def _moved(sparse: Sparse, new_row: npt.NDArray[np.int64]) -> Sparse:
    rows, texts = sparse
    if not len(rows):
        return _NO_ROWS, ()
    moved = new_row[rows]
    order = np.argsort(moved, kind="stable")
    return frozen(moved[order]), tuple(texts[i] for i in order.tolist())


def _joined(first: Sparse, second: Sparse, shift: int) -> Sparse:
    return (
        np.concatenate([first[0], second[0] + shift]),
        (*first[1], *second[1]),
    )


def sparse_get(rows: npt.NDArray[np.int64], texts: tuple[str, ...], row: int) -> str | None:
    at = int(np.searchsorted(rows, row))
    if at < len(rows) and rows[at] == row:
        return texts[at]
    return None
