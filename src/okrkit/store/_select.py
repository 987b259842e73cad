"""Parts of an OKR set: one cycle's objectives, some check-ins, check-ins merged in.

What a store and a file share: ``load(cycle=...)`` returns the same part of a set
whether it comes from a store or a file, and appending check-ins follows one rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.checkins import CheckInLog
from okrkit.checkins._store import DAY_BITS
from okrkit.model import CheckIn, Objective, OKRSet

if TYPE_CHECKING:
    from okrkit.model import Initiative

__all__ = ["as_log", "cycle_part", "match_keys", "merge_checkins", "select_cycle", "take_rows"]


_SHRINKING = ("objectives", "initiatives", "dependencies")
"""The fields of a set that the part about one cycle may hold fewer of."""


def as_log(checkins: CheckInLog | Iterable[CheckIn]) -> CheckInLog:
    """``checkins`` as a check-in log (a log is returned as it is)."""
    if isinstance(checkins, CheckInLog):
        return checkins
    return CheckInLog.from_checkins(checkins)


def take_rows(log: CheckInLog, keep: npt.NDArray[np.bool_]) -> CheckInLog:
    """The rows of ``log`` where ``keep`` is true, as a new log (by column)."""
    if keep.all():
        return log
    new_row = np.cumsum(keep) - 1
    notes = {int(new_row[r]): t for r, t in log.notes().items() if keep[r]}
    authors = {int(new_row[r]): t for r, t in log.authors().items() if keep[r]}
    return CheckInLog.from_codes(
        log.ids(),
        log.codes[keep],
        log.days[keep],
        log.values[keep],
        log.confidences[keep],
        notes,
        authors,
    )


def _objectives_of_cycle(okrset: OKRSet, cycle: str) -> set[str]:
    """The ids of ``cycle``'s objectives and of every objective they need to be valid.

    Those are the objectives they align to (or whose key results they align to), and
    the objectives of every key result that an initiative touching them drives, and
    so on until nothing is added.
    """
    chosen = {o.id for o in okrset.objectives if o.cycle == cycle}
    drives: dict[str, list[Initiative]] = {}
    for initiative in okrset.initiatives:
        for kr in initiative.drives:
            drives.setdefault(kr, []).append(initiative)
    todo = list(chosen)
    while todo:
        objective = okrset.objective(todo.pop())
        needed = [link.parent for link in objective.aligned_to]
        for result in objective.key_results:
            needed.extend(link.parent for link in result.aligned_to)
            for initiative in drives.get(result.id, ()):
                needed.extend(initiative.drives)
        for ident in needed:
            entity = okrset.get(ident)
            owner = entity if isinstance(entity, Objective) else okrset.objective_of(ident)
            if owner.id not in chosen:
                chosen.add(owner.id)
                todo.append(owner.id)
    return chosen


def cycle_part(okrset: OKRSet, cycle: str) -> dict[str, Any]:
    """The fields of the part of ``okrset`` about ``cycle``, check-ins left out.

    See :func:`select_cycle`; this is it without the check-ins, for a caller (the
    store) that reads only the check-ins it needs.

    Raises:
        UnknownIdError: when the set has no cycle ``cycle``.
    """
    okrset.cycle(cycle)
    chosen = _objectives_of_cycle(okrset, cycle)
    objectives = tuple(o for o in okrset.objectives if o.id in chosen)
    items = set(chosen)
    items.update(kr.id for o in objectives for kr in o.key_results)
    return {
        "schema_version": okrset.schema_version,
        "locale": okrset.locale,
        "cycles": okrset.cycles,
        "owners": okrset.owners,
        "objectives": objectives,
        "initiatives": tuple(i for i in okrset.initiatives if items.intersection(i.drives)),
        "dependencies": tuple(
            d for d in okrset.dependencies if d.dependent in items and d.on in items
        ),
    }


def select_cycle(okrset: OKRSet, cycle: str) -> OKRSet:
    """The part of ``okrset`` about ``cycle``, every entity in it unchanged.

    It holds every cycle and owner; ``cycle``'s objectives with their key results; the
    objectives those align to (a quarter's objectives to the year's); the initiatives
    that drive any of their key results, with the objectives of the other key results
    those drive; the dependencies between objectives and key results it holds; and the
    check-ins of its key results. Saving the part back changes nothing.

    Raises:
        UnknownIdError: when the set has no cycle ``cycle``, with the closest ids.

    Examples:
        >>> import okrkit
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> part = select_cycle(okrs, okrs.cycles[0].id)
        >>> {o.cycle for o in part.objectives} <= {c.id for c in okrs.cycles}
        True
    """
    fields = cycle_part(okrset, cycle)
    if all(len(fields[name]) == len(getattr(okrset, name)) for name in _SHRINKING):
        return okrset
    krs = {kr.id for o in fields["objectives"] for kr in o.key_results}
    log: CheckInLog = okrset.checkins
    wanted = np.array([ident in krs for ident in log.ids()], dtype=bool)
    keep = wanted[log.codes] if len(log) else np.zeros(0, dtype=bool)
    return OKRSet(**fields, checkins=take_rows(log, keep))


def match_keys(
    old_keys: npt.NDArray[np.int64], new_keys: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """For each new key, the position of the same key among ``old_keys``, or -1.

    Keys are a key result's code shifted left and or'ed with the day; ``old_keys`` are
    sorted, each once; a new key of -1 (a key result with nothing recorded) gives -1.
    """
    if not len(old_keys) or not len(new_keys):
        return np.full(len(new_keys), -1, dtype=np.int64)
    at = np.minimum(np.searchsorted(old_keys, new_keys), len(old_keys) - 1)
    return np.where((new_keys >= 0) & (old_keys[at] == new_keys), at, -1).astype(np.int64)


def _keys(log: CheckInLog, index: dict[str, int]) -> npt.NDArray[np.int64]:
    """Each row's key (code in ``index`` shifted, or'ed with the day), -1 when unknown."""
    mapped = np.array([index.get(i, -1) for i in log.ids()], dtype=np.int64)
    codes = mapped[log.codes] if len(log) else np.zeros(0, dtype=np.int64)
    return np.where(codes >= 0, (codes << DAY_BITS) | log.days.astype(np.int64), -1)


def merge_checkins(okrset: OKRSet, checkins: CheckInLog | Iterable[CheckIn]) -> tuple[OKRSet, int]:
    """``okrset`` with ``checkins`` added, and how many were added.

    A check-in identical to the set's for its key result and day is not added again;
    a different one for that day replaces it. The new check-ins are validated as
    :meth:`OKRSet.with_checkins` validates them.

    Raises:
        ValidationError: listing every problem of the new check-ins; nothing is added.
    """
    new = as_log(checkins)
    old: CheckInLog = okrset.checkins
    index = {ident: code for code, ident in enumerate(old.ids())}
    old_keys = _keys(old, index)
    found = match_keys(old_keys, _keys(new, index))
    same = np.zeros(len(new), dtype=bool)
    for row in np.flatnonzero(found >= 0).tolist():
        was, now = old.checkin(int(found[row])), new.checkin(row)
        same[row] = was == now
    replaced = np.zeros(len(old), dtype=bool)
    replaced[found[(found >= 0) & ~same]] = True
    # Rows keep the numbers they were given with, for the messages of with_checkins.
    kept = take_rows(new, ~same).relocated(new.source_positions()[~same])
    if not len(kept):
        return okrset, 0
    base = attrs.evolve(okrset, checkins=take_rows(old, ~replaced)) if replaced.any() else okrset
    return base.with_checkins(kept), len(kept)
