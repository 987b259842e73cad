"""The rule messages of an OKR set, each written once.

OKRSet validation (:mod:`okrkit.model._rules`) and the alignment graph's changes both
call these, so one mistake gets one message wherever it is made. Each returns the
message, or ``None`` when the rule holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from okrkit.errors import Message, Shown, Suggestions, did_you_mean
from okrkit.i18n import N_
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


def hint_for(ident: str, candidates: Candidates, otherwise: Message) -> Message:
    """The hint "did you mean 'x'?" for the closest of ``candidates``, else ``otherwise``."""
    close = [] if candidates is None else did_you_mean(ident, candidates, count=1)
    return Message(N_("did you mean {close}?"), close=Shown(close[0])) if close else otherwise


def unknown_id(ident: str, label: str, candidates: Candidates, section: str) -> Message:
    """``ident`` names no entity of its kind: ``label`` (an ``N_`` word), kept in ``section``."""
    hint = hint_for(
        ident, candidates, Message(N_("add it to '{section}' or fix the id"), section=section)
    )
    return Message(
        N_("unknown {label} {id}; {hint}"), label=Message(label), id=Shown(ident), hint=hint
    )


def unknown_parent(ident: str, candidates: Candidates) -> Message:
    """An alignment names ``ident``, which is no objective or key result of ``candidates``."""
    hint = hint_for(
        ident, candidates, Message(N_("name an objective or key result of this OKR set"))
    )
    return Message(N_("unknown parent {id}; {hint}"), id=Shown(ident), hint=hint)


def id_taken(ident: str, first: str) -> Message:
    """A second entity with id ``ident``, first used at path ``first``."""
    return Message(
        N_(
            "id {id!r} is already used at {first}; ids must be unique in an OKR set, "
            "so rename one of them"
        ),
        id=Shown(ident),
        first=first,
    )


def due_outside_cycle(kr: KeyResult, cycle: Cycle) -> Message | None:
    """A key result due on a day outside its objective's cycle."""
    if kr.due is None or cycle.contains(kr.due):
        return None
    return Message(
        N_(
            "'due' {due} falls outside cycle {cycle!r} ({start} to {end}); "
            "pick a date inside the cycle"
        ),
        due=kr.due,
        cycle=Shown(cycle.id),
        start=cycle.start,
        end=cycle.end,
    )


def aligned_to_own_objective(kr: str, parents: Iterable[str], objective: str) -> Message | None:
    """Key result ``kr`` aligned to ``objective``, which holds it and so counts it already."""
    if objective not in parents:
        return None
    return Message(
        N_(
            "key result {id!r} already counts toward its own objective {parent!r}; "
            "remove that link"
        ),
        id=Shown(kr),
        parent=Shown(objective),
    )


def cycles_do_not_overlap(
    child: str, cycle: Cycle, parent: str, parent_cycle: Cycle
) -> Message | None:
    """``child`` in ``cycle`` aligned to ``parent`` in a cycle that shares no day with it."""
    if cycle.overlaps(parent_cycle):
        return None
    return Message(
        N_(
            "{id!r} in cycle {cycle!r} cannot align to {parent!r} in cycle "
            "{parent_cycle!r}: the cycles do not overlap"
        ),
        id=Shown(child),
        cycle=Shown(cycle.id),
        parent=Shown(parent),
        parent_cycle=Shown(parent_cycle.id),
    )
