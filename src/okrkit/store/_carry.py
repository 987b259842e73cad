"""Carry-forward: what is unfinished at the end of one cycle is copied into the next.

Google's OKR playbook: at the end of a cycle, unfinished key results (and their
objectives) move into the next cycle, with their history left behind. The rules, in
the order they are applied (docs/cycles.md tells them with examples):

- a key result stays behind when its score at ``as_of`` reaches 1.0 (done), when it
  or its objective has a final grade, or when a copy of it is in the target cycle
  already (carried); every other key result of the source cycle moves;
- an objective moves with the key results of it that move, or, when it has no key
  result at all, when it has no final grade;
- a copy gets a new id, ``carried_from`` set to the original's id, its metric's start
  set to the last value reported by ``as_of``, no check-ins, no due date and no
  planned values (both were dates of the old cycle), and no final grade;
- a copy's alignment links follow the parents that moved to their copies; a link to a
  parent that stayed is kept when the parent's cycle overlaps the target cycle, else
  dropped and told in ``notes``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import attrs

from okrkit.errors import (
    Message,
    Problem,
    Shown,
    UnknownIdError,
    UsageError,
    ValidationError,
)
from okrkit.graph import NodeKind
from okrkit.i18n import N_
from okrkit.model import (
    Alignment,
    Cycle,
    DateLike,
    KeyResult,
    MetricKind,
    Objective,
    OKRSet,
    as_date,
)
from okrkit.model._rules import cycles_do_not_overlap
from okrkit.store._carry_result import CarryForward, Moved, Stayed, Why

__all__ = ["carry_forward", "next_id"]

_QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")
_YEAR = re.compile(r"[0-9]{4}")
_DONE = 1.0 - 1e-12  # the scorecard's own tolerance for "done"


def next_id(ident: str, source: str, target: str) -> str:
    """The default id of a copy: a ``-{source}`` ending becomes ``-{target}``.

    An id without that ending gets ``-{target}`` added.

    Examples:
        >>> next_id("kr-sales-2026-Q1", "2026-Q1", "2026-Q2")
        'kr-sales-2026-Q2'
        >>> next_id("kr-sales", "2026-Q1", "2026-Q2")
        'kr-sales-2026-Q2'
    """
    ending = f"-{source}"
    if ident.endswith(ending) and len(ident) > len(ending):
        ident = ident[: -len(ending)]
    return f"{ident}-{target}"


def carry_forward(
    okrset: OKRSet,
    *,
    source: str,
    target: str | Cycle,
    as_of: DateLike | None = None,
    strategy: str = "linear",
    new_id: Callable[[str], str] | None = None,
) -> CarryForward:
    """Copy the unfinished key results and objectives of cycle ``source`` into ``target``.

    Pure: ``okrset`` is not changed; save :attr:`CarryForward.okrset` to keep the
    result, or only read :attr:`~CarryForward.moved` and :attr:`~CarryForward.stayed`
    for a dry run. Carrying the same set into the same target twice is a no-op: what
    has a copy there already stays (``Why.CARRIED``), so the second result's set is the
    first's. Carry forward before closing the source cycle: closing grades everything,
    and a graded key result stays behind.

    Args:
        okrset: The OKR set.
        source: The id of the cycle to carry from.
        target: The cycle to carry into: a cycle of the set, a :class:`Cycle`, or a
            quarter or year id such as ``"2026-Q2"`` or ``"2027"``, made and added
            when the set has no such cycle.
        as_of: The day that decides what is done and which value a copy starts from;
            the source cycle's last day by default.
        strategy: The scoring strategy that decides what is done.
        new_id: Makes a copy's id from the original's; :func:`next_id` by default.

    Raises:
        UnknownIdError: for a source (or target id) that is no cycle of the set.
        ValidationError: when target and source are the same cycle, when a copy's id is
            taken, or when a :class:`Cycle` given as target differs from the set's
            cycle of that id; nothing is copied then.

    Examples:
        >>> import okrkit
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> result = carry_forward(okrs, source="2026-Q1", target="2026-Q2")
        >>> copy = result.okrset.key_result("kr-velocity-2026-Q2")
        >>> copy.carried_from, copy.metric.start, result.okrset.objective_of(copy.id).id
        ('kr-velocity', 31.0, 'obj-eng-delivery-2026-Q2')
        >>> [(s.id, s.why.value) for s in result.stayed][:1]
        [('kr-co-renewal', 'done')]
    """
    origin = okrset.cycle(source)
    cycle, added = _target_cycle(okrset, target)
    if cycle.id == origin.id:
        raise ValidationError(
            Problem(
                "carry.conflict",
                N_("cannot carry cycle {cycle!r} into itself; name the next cycle as target"),
                {"cycle": Shown(cycle.id)},
                entity_id=cycle.id,
            )
        )
    carrier = _Carrier(okrset, origin, cycle, as_of=as_of, strategy=strategy)
    carrier.sort()
    names = new_id or (lambda ident: next_id(ident, origin.id, cycle.id))
    carrier.name(names)
    new = carrier.build(added)
    return CarryForward(
        okrset=new,
        source=origin.id,
        target=cycle,
        moved=tuple(carrier.moved),
        stayed=tuple(carrier.stayed),
        notes=tuple(carrier.notes),
    )


def _target_cycle(okrset: OKRSet, target: object) -> tuple[Cycle, bool]:
    """The target cycle, and whether it must be added to the set."""
    if isinstance(target, Cycle):
        if target.id not in okrset:
            return target, True
        if okrset.get(target.id) != target:
            raise ValidationError(
                Problem(
                    "carry.conflict",
                    Message(
                        N_(
                            "the OKR set already has a cycle {cycle!r} with other dates or name; "
                            "pass its id to carry into it, or give the new cycle another id"
                        ),
                        cycle=Shown(target.id),
                    ),
                    entity_id=target.id,
                )
            )
        return target, False
    if not isinstance(target, str):
        raise UsageError(
            Message(
                N_("'target' must be a cycle id or a Cycle (got {value})"), value=Shown(target)
            )
        )
    if target in okrset:
        return okrset.cycle(target), False
    quarter = _QUARTER.fullmatch(target)
    if quarter:
        return Cycle.quarter(int(quarter[1]), int(quarter[2])), True
    if _YEAR.fullmatch(target):
        return Cycle.year(int(target)), True
    raise UnknownIdError.among(
        target,
        Message(N_("cycle (or quarter id such as 2026-Q2)")),
        [c.id for c in okrset.cycles],
    )


class _Carrier:
    """The work of one carry-forward: sorting, naming, then copying."""

    def __init__(
        self,
        okrset: OKRSet,
        origin: Cycle,
        target: Cycle,
        *,
        as_of: DateLike | None,
        strategy: str,
    ) -> None:
        self.okrset = okrset
        self.target = target
        self.day = origin.end if as_of is None else as_date(as_of)
        self.card = okrset.score(as_of=self.day, strategy=strategy)
        self.objectives = [o for o in okrset.objectives if o.cycle == origin.id]
        # Originals with a copy in the target cycle already: original id -> copy id.
        self.earlier = _copies_in(okrset, target.id)
        self.moving: list[tuple[Objective, bool, list[KeyResult]]] = []
        self.ids: dict[str, str] = {}
        self.moved: list[Moved] = []
        self.stayed: list[Stayed] = []
        self.notes: list[Problem] = []

    # -- what moves --------------------------------------------------------------------

    def stay(self, entity: Objective | KeyResult, why: Why) -> None:
        kind = NodeKind.OBJECTIVE if isinstance(entity, Objective) else NodeKind.KEY_RESULT
        self.stayed.append(Stayed(id=entity.id, kind=kind, why=why))

    def sort(self) -> None:
        """Sort every objective and key result of the source cycle: moves or stays."""
        for objective in self.objectives:
            if objective.final_grade is not None:
                self.stay(objective, Why.GRADED)
                for kr in objective.key_results:
                    self.stay(kr, Why.DONE if self.is_done(kr) else Why.GRADED)
                continue
            at, krs = len(self.stayed), []
            for kr in objective.key_results:
                if kr.final_grade is not None:
                    self.stay(kr, Why.GRADED)
                elif self.is_done(kr):
                    self.stay(kr, Why.DONE)
                elif kr.id in self.earlier:
                    self.stay(kr, Why.CARRIED)
                else:
                    krs.append(kr)
            copied = objective.id in self.earlier
            if copied or (objective.key_results and not krs):
                self.stay(objective, Why.CARRIED if copied else Why.DONE)
                self.stayed.insert(at, self.stayed.pop())  # listed before its key results
            if krs or not (copied or objective.key_results):
                self.moving.append((objective, not copied, krs))

    def is_done(self, kr: KeyResult) -> bool:
        return self.card.value(kr.id) >= _DONE

    # -- new ids -----------------------------------------------------------------------

    def name(self, new_id: Callable[[str], str]) -> None:
        """Give every copy its id; refuse ids taken in the set or given twice."""
        problems: list[Problem] = []
        given: dict[str, str] = {}
        for objective, new, krs in self.moving:
            for ident in ([objective.id] if new else []) + [kr.id for kr in krs]:
                copy = new_id(ident)
                if copy in self.okrset:
                    message = Message(
                        N_(
                            "the copy of {id!r} would get the id {new!r}, which the OKR set "
                            "already uses; rename that entity first"
                        ),
                        id=Shown(ident),
                        new=Shown(copy),
                    )
                    problems.append(Problem("carry.conflict", message, entity_id=ident))
                elif copy in given:
                    message = Message(
                        N_(
                            "the copies of {id!r} and {other!r} would both get the id {new!r}; "
                            "rename one of them first"
                        ),
                        id=Shown(ident),
                        other=Shown(given[copy]),
                        new=Shown(copy),
                    )
                    problems.append(Problem("carry.conflict", message, entity_id=ident))
                given[copy] = ident
                self.ids[ident] = copy
        if problems:
            raise ValidationError(problems)

    # -- the copies --------------------------------------------------------------------

    def build(self, add_cycle: bool) -> OKRSet:
        """The new set, with every copy; the same set when nothing moves."""
        if not self.moving:
            return self.okrset
        parents = {**self.earlier, **self.ids}
        joining: dict[str, list[KeyResult]] = {}
        copies: list[Objective] = []
        for objective, new, krs in self.moving:
            if new:  # listed before its key results
                self.moved.append(
                    Moved(id=objective.id, new_id=self.ids[objective.id], kind=NodeKind.OBJECTIVE)
                )
            kr_copies = [self.copy_key_result(kr, parents) for kr in krs]
            if new:
                copies.append(self.copy_objective(objective, kr_copies, parents))
            else:
                joining[self.earlier[objective.id]] = kr_copies
        objectives = [
            attrs.evolve(o, key_results=(*o.key_results, *joining[o.id])) if o.id in joining else o
            for o in self.okrset.objectives
        ]
        cycles = self.okrset.cycles
        if add_cycle:
            cycles = (*cycles, self.target)
        return attrs.evolve(self.okrset, cycles=cycles, objectives=(*objectives, *copies))

    def copy_objective(
        self, objective: Objective, key_results: list[KeyResult], parents: dict[str, str]
    ) -> Objective:
        ident = self.ids[objective.id]
        return attrs.evolve(
            objective,
            id=ident,
            cycle=self.target.id,
            key_results=tuple(key_results),
            aligned_to=self.links(objective.aligned_to, ident, parents),
            final_grade=None,
            carried_from=objective.id,
        )

    def copy_key_result(self, kr: KeyResult, parents: dict[str, str]) -> KeyResult:
        ident = self.ids[kr.id]
        start = self.start(kr)
        metric = kr.metric if start == kr.metric.start else attrs.evolve(kr.metric, start=start)
        self.moved.append(Moved(id=kr.id, new_id=ident, kind=NodeKind.KEY_RESULT, start=start))
        return attrs.evolve(
            kr,
            id=ident,
            metric=metric,
            due=None,
            plan=(),
            final_grade=None,
            aligned_to=self.links(kr.aligned_to, ident, parents),
            carried_from=kr.id,
        )

    def start(self, kr: KeyResult) -> float | None:
        """The copy's start: the last value reported by the day, where the metric allows."""
        metric = kr.metric
        latest: float | None = self.okrset.checkins.value_at(kr.id, self.day)
        if latest is None or metric.kind is MetricKind.MILESTONE:
            return metric.start
        target = metric.target
        reached = target is not None and (
            (metric.kind is MetricKind.INCREASE and latest >= target)
            or (metric.kind is MetricKind.DECREASE and latest <= target)
        )
        if reached:  # not done under this strategy, yet a start there would be no metric
            self.notes.append(
                Problem(
                    "carry.note",
                    Message(
                        N_(
                            "{id!r} reported {value}, at or past its target, yet is not done; "
                            "its copy keeps the start {start}"
                        ),
                        id=Shown(kr.id),
                        value=latest,
                        start=metric.start or 0.0,
                    ),
                    entity_id=kr.id,
                )
            )
            return metric.start
        return latest

    def links(
        self, links: Iterable[Alignment], ident: str, parents: dict[str, str]
    ) -> tuple[Alignment, ...]:
        """A copy's links: to the parents' copies, or kept where the cycles overlap."""
        kept = []
        for link in links:
            if link.parent in parents:
                kept.append(attrs.evolve(link, parent=parents[link.parent]))
                continue
            cycle = self.cycle_of(link.parent)
            apart = cycles_do_not_overlap(ident, self.target, link.parent, cycle)
            if apart is None:
                kept.append(link)
            else:
                self.notes.append(
                    Problem(
                        "carry.note",
                        Message(N_("{reason}; the copy is made without this link"), reason=apart),
                        entity_id=ident,
                    )
                )
        return tuple(kept)

    def cycle_of(self, ident: str) -> Cycle:
        entity = self.okrset.get(ident)
        if isinstance(entity, KeyResult):
            entity = self.okrset.objective_of(ident)
        assert isinstance(entity, Objective)  # a parent is an objective or a key result
        return self.okrset.cycle(entity.cycle)


def _copies_in(okrset: OKRSet, cycle: str) -> dict[str, str]:
    """Objectives and key results of ``cycle`` carried from elsewhere: original -> copy."""
    found: dict[str, str] = {}
    for objective in okrset.objectives:
        if objective.cycle != cycle:
            continue
        if objective.carried_from is not None:
            found[objective.carried_from] = objective.id
        for kr in objective.key_results:
            if kr.carried_from is not None:
                found[kr.carried_from] = kr.id
    return found
