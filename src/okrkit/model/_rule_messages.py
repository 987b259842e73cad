"""The rule messages of an OKR set, each written once.

OKRSet validation (:mod:`okrkit.model._rules`) and the alignment graph's changes both
call these, so one mistake gets one message wherever it is made. Each returns the
message, or ``None`` when the rule holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from okrkit.errors import Shown, Suggestions, did_you_mean, shorten
from okrkit.i18n import _
from okrkit.model._entities import Cycle
from okrkit.model._objective import KeyResult

__all__ = [
    "Candidates",
    "aligned_to_own_objective",
    "cycles_do_not_overlap",
    "due_outside_cycle",
    "hint_for",
    "id_taken",
    "unknown_id",
    "unknown_parent",
]


Candidates = Iterable[str] | Suggestions | None
"""Where a "did you mean" hint looks: ids, an index of them, or ``None`` for no hint."""


def hint_for(ident: str, candidates: Candidates, otherwise: str) -> str:
    """The hint "did you mean 'x'?" for the closest of ``candidates``, else ``otherwise``."""
    close = [] if candidates is None else did_you_mean(ident, candidates, count=1)
    return _("did you mean {close}?").format(close=shorten(close[0])) if close else otherwise


def unknown_id(ident: str, label: str, candidates: Candidates, section: str) -> str:
    """``ident`` names no entity of its kind: ``label`` (an ``N_`` word), kept in ``section``."""
    hint = hint_for(
        ident, candidates, _("add it to '{section}' or fix the id").format(section=section)
    )
    return _("unknown {label} {id}; {hint}").format(label=_(label), id=shorten(ident), hint=hint)


def unknown_parent(ident: str, candidates: Candidates) -> str:
    """An alignment names ``ident``, which is no objective or key result of ``candidates``."""
    hint = hint_for(ident, candidates, _("name an objective or key result of this OKR set"))
    return _("unknown parent {id}; {hint}").format(id=shorten(ident), hint=hint)


def id_taken(ident: str, first: str) -> str:
    """A second entity with id ``ident``, first used at path ``first``."""
    return _(
        "id {id!r} is already used at {first}; ids must be unique in an OKR set, "
        "so rename one of them"
    ).format(id=Shown(ident), first=first)


def due_outside_cycle(kr: KeyResult, cycle: Cycle) -> str | None:
    """A key result due on a day outside its objective's cycle."""
    if kr.due is None or cycle.contains(kr.due):
        return None
    return _(
        "'due' {due} falls outside cycle {cycle!r} ({start} to {end}); "
        "pick a date inside the cycle"
    ).format(
        due=kr.due.isoformat(),
        cycle=Shown(cycle.id),
        start=cycle.start.isoformat(),
        end=cycle.end.isoformat(),
    )


def aligned_to_own_objective(kr: str, parents: Iterable[str], objective: str) -> str | None:
    """Key result ``kr`` aligned to ``objective``, which holds it and so counts it already."""
    if objective not in parents:
        return None
    return _(
        "key result {id!r} already counts toward its own objective {parent!r}; remove that link"
    ).format(id=Shown(kr), parent=Shown(objective))


def cycles_do_not_overlap(
    child: str, cycle: Cycle, parent: str, parent_cycle: Cycle
) -> str | None:
    """``child`` in ``cycle`` aligned to ``parent`` in a cycle that shares no day with it."""
    if cycle.overlaps(parent_cycle):
        return None
    return _(
        "{id!r} in cycle {cycle!r} cannot align to {parent!r} in cycle "
        "{parent_cycle!r}: the cycles do not overlap"
    ).format(
        id=Shown(child),
        cycle=Shown(cycle.id),
        parent=Shown(parent),
        parent_cycle=Shown(parent_cycle.id),
    )
