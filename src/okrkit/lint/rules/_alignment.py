"""Alignment, initiatives and dependencies: how the set's pieces hold together."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.i18n import N_, _
from okrkit.lint._diagnostic import Finding, Severity
from okrkit.lint._rule import LintContext
from okrkit.lint.rules._base import Rule
from okrkit.lint.rules._shared import objectives
from okrkit.model import InitiativeStatus, KeyResult, Level, Objective, OKRSet

__all__ = ["DependencyUnanswered", "KeyResultNoInitiative", "LevelInverted", "Unaligned"]

_RANK = {Level.COMPANY: 0, Level.DEPARTMENT: 1, Level.TEAM: 2, Level.INDIVIDUAL: 3}


def _objective(okrs: OKRSet, ident: str) -> Objective:
    """The objective ``ident`` names, or the one holding key result ``ident``."""
    found = okrs.get(ident)
    return found if isinstance(found, Objective) else okrs.objective_of(ident)


class KeyResultNoInitiative(Rule):
    """OKR301: a key result that no initiative drives.

    Source 002: a key result with no initiative behind it should be dropped, since
    nothing will move it. The rule runs only on a set that lists initiatives (a set
    without any does not track its work in okrkit, and every key result would be
    flagged); there, a key result counts as driven by an initiative that is not
    ``dropped``. A note by default: a set may list only its main initiatives.

    Example: a set with initiatives, and one key result that none of them ``drives``.

    Fix: add the initiative that will move it, name it in an initiative's ``drives``,
    or drop the key result.
    """

    code = "OKR301"
    name = "kr-no-initiative"
    severity = Severity.INFO
    description = N_("Some initiative drives each key result (when the set lists initiatives).")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result that no live initiative of the set drives."""
        okrs = context.okrs
        if not okrs.initiatives:
            return
        driven = {
            kr
            for initiative in okrs.initiatives
            if initiative.status is not InitiativeStatus.DROPPED
            for kr in initiative.drives
        }
        message = _("no initiative drives the key result, so nothing is set to move it")
        hint = _("add the initiative that will move it, or drop the key result")
        for kr in okrs.key_results:
            if kr.id in driven:
                continue
            yield Finding(entity_id=kr.id, message=message, hint=hint)


class Unaligned(Rule):
    """OKR302: an objective below the company level aligned to nothing.

    Source 002: every department, team and individual objective connects to the
    company's. Flagged: a department, team or individual objective with no
    ``aligned_to`` of its own or on any of its key results, in a set that holds a
    higher-level objective of an overlapping cycle (a file of one team's OKRs alone
    has nothing to align to, and is not flagged).

    Fix: set ``aligned_to`` to the objective or key result above that it serves.
    """

    code = "OKR302"
    name = "unaligned"
    description = N_("Every objective below the company level is aligned to one above it.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each unaligned non-company objective that had something to align to."""
        okrs = context.okrs
        cycles = {cycle.id: cycle for cycle in okrs.cycles}
        highest: dict[str, int] = {}  # cycle id -> the highest level (lowest rank) in it
        for objective in okrs.objectives:
            rank = _RANK[objective.level]
            highest[objective.cycle] = min(rank, highest.get(objective.cycle, rank))
        for objective in okrs.objectives:
            if objective.level is Level.COMPANY or _is_aligned(objective):
                continue
            rank, cycle = _RANK[objective.level], cycles[objective.cycle]
            if not any(
                top < rank and cycles[other].overlaps(cycle) for other, top in highest.items()
            ):
                continue
            yield Finding(
                entity_id=objective.id,
                message=_(
                    "the {level} objective is aligned to nothing, so nobody sees what it "
                    "serves above it"
                ).format(level=objective.level.label),
                hint=_("set 'aligned_to' to the objective or key result above that it serves"),
            )


def _is_aligned(objective: Objective) -> bool:
    return bool(objective.aligned_to) or any(kr.aligned_to for kr in objective.key_results)


class DependencyUnanswered(Rule):
    """OKR303: a cross-team dependency that the other side's OKRs do not answer.

    Source 002: when a department needs another's help, the other must know, and
    plan for it. A dependency is cross-team when the objectives on its two sides have
    different owners. Its other side (``on``) answers it when it is a key result, or
    an objective with at least one key result, of a cycle that overlaps the waiting
    side's, and, when both sides have a due date, due no later than the waiting side.
    Flagged otherwise: the help is not measured, or comes in another cycle, or too late.

    Fix: give the other side a key result that delivers what is needed, in the same
    cycle and before it is needed.
    """

    code = "OKR303"
    name = "dependency-unanswered"
    description = N_("The other side of a cross-team dependency has a key result that answers it.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each cross-team dependency whose ``on`` side does not answer it."""
        okrs = context.okrs
        names = {owner.id: owner.name for owner in okrs.owners}
        for dependency in okrs.dependencies:
            waiting, other = okrs.get(dependency.dependent), okrs.get(dependency.on)
            waiting_objective = _objective(okrs, dependency.dependent)
            other_objective = _objective(okrs, dependency.on)
            if waiting_objective.owner == other_objective.owner:
                continue
            reason = _unanswered(okrs, waiting, other, waiting_objective, other_objective)
            if reason is None:
                continue
            yield Finding(
                entity_id=dependency.dependent,
                message=_("{dependent} waits on {on}, but {reason}").format(
                    dependent=dependency.dependent, on=dependency.on, reason=reason
                ),
                hint=_(
                    "agree with {owner} on a key result that delivers what is needed, in "
                    "the same cycle and before it is needed"
                ).format(owner=names.get(other_objective.owner, other_objective.owner)),
            )


def _unanswered(
    okrs: OKRSet,
    waiting: object,
    other: object,
    waiting_objective: Objective,
    other_objective: Objective,
) -> str | None:
    """Why ``other`` does not answer ``waiting``, or ``None`` when it does."""
    if isinstance(other, Objective) and not other.key_results:
        return _("the other side has no key result that measures the help")
    here, there = okrs.cycle(waiting_objective.cycle), okrs.cycle(other_objective.cycle)
    if not here.overlaps(there):
        return _("the other side plans it for another cycle ({cycle})").format(cycle=there.name)
    if (
        isinstance(waiting, KeyResult)
        and isinstance(other, KeyResult)
        and waiting.due is not None
        and other.due is not None
        and other.due > waiting.due
    ):
        return _("the other side is due after the date it is needed by")
    return None


class LevelInverted(Rule):
    """OKR304: an objective aligned under an objective of a lower level.

    Levels run company, department, team, individual; an objective serves one at its
    own level or above. The model accepts a company objective under an individual's
    (alignment is a graph, not a tree of levels); the linter calls it an error, as it
    is almost always a link drawn the wrong way round.

    Example: a department objective with ``aligned_to`` naming a team's key result.

    Fix: reverse the link (the lower objective aligns to the higher), or correct the
    level.
    """

    code = "OKR304"
    name = "level-inverted"
    severity = Severity.ERROR
    description = N_("An objective is aligned under one of its own level or higher.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each objective aligned to an objective (or its key result) of a lower level."""
        okrs, holders = context.okrs, objectives(context)
        for objective in okrs.objectives:
            if not _is_aligned(objective):
                continue
            for parent_id in _parents(objective):
                parent = holders.get(parent_id)
                if parent is None:  # not in the set: let the model say so
                    parent = _objective(okrs, parent_id)
                if _RANK[parent.level] <= _RANK[objective.level]:
                    continue
                yield Finding(
                    entity_id=objective.id,
                    message=_(
                        "the {level} objective is aligned under {parent}, a {parent_level} "
                        "objective, which is lower"
                    ).format(
                        level=objective.level.label,
                        parent=parent.id,
                        parent_level=parent.level.label,
                    ),
                    hint=_("reverse the link, so that the lower objective aligns to the higher"),
                )
                break


def _parents(objective: Objective) -> list[str]:
    """What ``objective`` or its key results are aligned to, in order, once each."""
    links = [link.parent for link in objective.aligned_to]
    links += [link.parent for kr in objective.key_results for link in kr.aligned_to]
    return list(dict.fromkeys(links))
