"""Build the end-of-cycle review: final grades, the cycle in numbers, what drove it.

A cycle is reviewed as closed: owners' final grades stand in for the computed scores
and statuses are final (achieved or missed) from the day after the cycle's last day,
so a review on the last day itself scores the set on the next day, with the check-ins
up to the last day only. A review on a later date scores on that date; one before the
cycle's end is a preview, scored as things stand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from okrkit.checkins import CheckInLog
from okrkit.errors import Problem, Shown, UsageError, ValidationError, shorten
from okrkit.i18n import N_, _, held_locale
from okrkit.model import Cycle, Level, Objective, OKRSet, OwnerKind, Status, as_date
from okrkit.report._data import Band
from okrkit.report._review_data import CycleReview, Driver, Grade, OwnerCount, ReviewStats
from okrkit.report._scorecard import alignment_order, as_okrset, bar_of
from okrkit.scoring import Scorecard, rollup

__all__ = ["build_review"]

_DAY = dt.timedelta(days=1)
_UNITS = (OwnerKind.DEPARTMENT, OwnerKind.TEAM)
_GOOD = (Status.ON_TRACK, Status.DONE, Status.ACHIEVED)
_BAD = (Status.OFF_TRACK, Status.MISSED)


@held_locale()
def build_review(
    source: Any,
    *,
    cycle: str | Cycle | None = None,
    as_of: Any = None,
    strategy: Any = "linear",
    workspace: str = "default",
    **options: Any,
) -> CycleReview:
    """The end-of-cycle review of one cycle of ``source``.

    Args:
        source: An :class:`~okrkit.OKRSet`, or a store (anything with
            ``load(workspace=...)``).
        cycle: The cycle, by id, by name or as a :class:`~okrkit.Cycle` of the set;
            by default the latest cycle that has ended by ``as_of`` (today when
            ``as_of`` is not given); when none has, the one running on that day (a
            preview), else the last cycle.
        as_of: The report's date; the cycle's last day by default.
        strategy: The scoring strategy, by name or object, as for
            :meth:`~okrkit.OKRSet.score`.
        workspace: The store's workspace, when ``source`` is a store.
        **options: Passed on to the scoring (``pace``, ``drivers``, ...).

    Returns:
        The review as data:

        - ``grades``: the cycle's objectives in alignment order, each followed by its
          key results. A grade is the owner's final grade where one was set (with its
          reason), else okrkit's score; ``computed`` is okrkit's score either way. A
          key result is judged by its objective's ambition: committed against 1.0,
          aspirational against 0.7 (``achieved`` when the grade reaches the bar);
        - ``stats``: how many objectives were graded and achieved, how many fell in
          each band (every band present), the net confidence of each department and
          team that owns an objective or key result of the cycle (percent of those
          key results on track, done or achieved, minus percent off track or missed:
          :meth:`~okrkit.scoring.Scorecard.net_confidence` counted over the cycle's
          key results), highest first, and the departments and teams that own no
          objective in the cycle, in the file's order;
        - ``drivers``: for each objective with key results, company objectives first
          and then in alignment order, what each key result brought to it (its weight
          times its grade over the key results' total weight), largest first.

    Raises:
        UnknownIdError: for a cycle the set does not have.
        ValidationError: for a date that cannot be read, a date before the cycle's
            start, or a set without cycles.
        UsageError: when ``source`` is neither an OKR set nor a store, or ``cycle`` is
            neither text nor a cycle.

    Examples:
        >>> import okrkit
        >>> from okrkit.report import build_review
        >>> review = build_review(okrkit.load("examples/acme.en.yaml"), cycle="2026-Q1")
        >>> review.as_of.isoformat(), review.grades[0].id, review.grades[0].bar
        ('2026-03-31', 'obj-co-growth', 0.7)
    """
    okrs = as_okrset(source, workspace)
    day = None if as_of is None else as_date(as_of, "as_of")
    chosen = _cycle_of(okrs, cycle, day)
    day = chosen.end if day is None else day
    if day < chosen.start:
        message = N_(
            "a review of cycle {cycle} needs a date on or after its start ({start}); "
            "give a later 'as_of', or leave it out for the cycle's end"
        )
        args = {"cycle": Shown(chosen.name), "start": chosen.start}
        raise ValidationError(Problem("date.outside_cycle", message, args))
    card = _closed(okrs, chosen, day, strategy, options)
    objectives = [o for o, _parent, _depth in alignment_order(okrs) if o.cycle == chosen.id]
    grades = _grades(objectives, card)
    return CycleReview(
        as_of=day,
        cycle=chosen.name,
        cycle_id=chosen.id,
        grades=grades,
        stats=_stats(okrs, objectives, grades, card),
        drivers=_drivers(objectives, grades),
    )


def _cycle_of(okrs: OKRSet, cycle: object, as_of: dt.date | None) -> Cycle:
    """The cycle asked for, else the latest ended by ``as_of``, the running one, the last."""
    if isinstance(cycle, Cycle):
        cycle = cycle.id
    if isinstance(cycle, str):
        for found in okrs.cycles:
            if cycle in (found.id, found.name):
                return found
        return okrs.cycle(cycle)  # raises, with the ids it knows
    if cycle is not None:
        raise UsageError(
            _("'cycle' must be a cycle of the set, or its id or name (got {value})").format(
                value=shorten(cycle)
            )
        )
    if not okrs.cycles:
        raise ValidationError(
            Problem("value.invalid", N_("the OKR set has no cycle to review; add a cycle to it"))
        )
    day = dt.date.today() if as_of is None else as_of
    pool = (
        [c for c in okrs.cycles if c.end <= day]
        or [c for c in okrs.cycles if c.contains(day)]
        or list(okrs.cycles)
    )
    # The latest end wins; between equal ends, the one listed last.
    return max(enumerate(pool), key=lambda pair: (pair[1].end, pair[0]))[1]


def _closed(
    okrs: OKRSet, cycle: Cycle, as_of: dt.date, strategy: Any, options: dict[str, Any]
) -> Scorecard:
    """The set scored for the review: as closed when ``as_of`` is the cycle's last day."""
    if as_of != cycle.end:
        return okrs.score(as_of=as_of, strategy=strategy, **options)
    log: CheckInLog = okrs.checkins
    late = log.days == (as_of + _DAY).toordinal()
    if late.any():  # the next day's check-ins come after the review's date: left out
        keep = ~late
        log = CheckInLog.from_codes(
            log.ids(), log.codes[keep], log.days[keep], log.values[keep], log.confidences[keep]
        )
    return rollup(okrs, log, as_of=as_of + _DAY, strategy=strategy, **options)


def _grade(entity: Any, objective: Objective, card: Scorecard, *, is_objective: bool) -> Grade:
    """One line of the grades: the owner's grade where set, else the score."""
    score = card[entity.id]
    final = entity.final_grade
    grade = score.value if final is None else final.value
    bar = bar_of(objective.ambition)
    return Grade(
        id=entity.id,
        title=entity.title,
        is_objective=is_objective,
        ambition=objective.ambition,
        grade=grade,
        computed=score.value if score.computed is None else score.computed,
        owner_set=final is not None,
        reason=None if final is None else final.reason,
        bar=bar,
        achieved=grade + 1e-9 >= bar,
        band=Band.of(grade),
        objective=None if is_objective else objective.id,
    )


def _grades(objectives: Sequence[Objective], card: Scorecard) -> tuple[Grade, ...]:
    """Each objective's grade, followed by its key results' grades."""
    grades = []
    for objective in objectives:
        grades.append(_grade(objective, objective, card, is_objective=True))
        grades.extend(
            _grade(kr, objective, card, is_objective=False) for kr in objective.key_results
        )
    return tuple(grades)


def _stats(
    okrs: OKRSet, objectives: Sequence[Objective], grades: Sequence[Grade], card: Scorecard
) -> ReviewStats:
    """The cycle in numbers."""
    graded = [grade for grade in grades if grade.is_objective]
    bands = dict.fromkeys(Band, 0)
    for grade in graded:
        bands[grade.band] += 1
    owning = {objective.owner for objective in objectives}
    return ReviewStats(
        objectives=len(graded),
        achieved=sum(1 for grade in graded if grade.achieved),
        bands=bands,
        net_confidence=_net_confidence(okrs, objectives, card),
        without_okrs=tuple(
            (owner.id, owner.name)
            for owner in okrs.owners
            if owner.kind in _UNITS and owner.id not in owning
        ),
    )


def _net_confidence(
    okrs: OKRSet, objectives: Sequence[Objective], card: Scorecard
) -> tuple[OwnerCount, ...]:
    """Each department's and team's net confidence over the cycle's key results."""
    statuses = dict(zip(card.ids(), card.statuses(), strict=True))
    found: dict[str, list[Status]] = {}
    for objective in objectives:
        for kr in objective.key_results:
            for ident in dict.fromkeys((objective.owner, *kr.owners)):
                found.setdefault(ident, []).append(statuses[kr.id])
    counts = []
    for owner in okrs.owners:
        mine = found.get(owner.id)
        if owner.kind not in _UNITS or not mine:
            continue
        good = sum(1 for status in mine if status in _GOOD)
        bad = sum(1 for status in mine if status in _BAD)
        counts.append(
            OwnerCount(id=owner.id, name=owner.name, value=100.0 * (good - bad) / len(mine))
        )
    counts.sort(key=lambda count: -count.value)
    return tuple(counts)


def _drivers(objectives: Sequence[Objective], grades: Sequence[Grade]) -> tuple[Driver, ...]:
    """What each key result brought to its objective, company objectives first."""
    by_id = {(grade.id, grade.is_objective): grade for grade in grades}
    ordered = [o for o in objectives if o.level is Level.COMPANY]
    ordered += [o for o in objectives if o.level is not Level.COMPANY]
    drivers = []
    for objective in ordered:
        if not objective.key_results:
            continue
        total = sum(kr.weight for kr in objective.key_results)
        shares = [
            (kr.id, kr.title, kr.weight * by_id[kr.id, False].grade / total)
            for kr in objective.key_results
        ]
        shares.sort(key=lambda share: -share[2])
        drivers.append(
            Driver(
                id=objective.id,
                title=objective.title,
                grade=by_id[objective.id, True].grade,
                contributions=tuple(shares),
            )
        )
    return tuple(drivers)
