"""Closing a cycle: every key result and objective of it gets a final grade.

An owner's grade, with its reason, wins. The rest are graded from the scorecard on
``as_of`` (the cycle's last day by default), with a reason that says so and when.
Key results are graded first; an objective's grade from the score is the roll-up of
its key results' final grades (an owner's grade counts, as the scorecard counts it
after the cycle) with every value as it was on ``as_of``. What already has a final
grade keeps it unless a grade is given for it now, so closing a closed cycle again
changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

import attrs

from okrkit.checkins import CheckInLog
from okrkit.errors import Message, Problem, Shown, ValidationError, did_you_mean
from okrkit.graph import NodeKind
from okrkit.i18n import N_, _, format_day
from okrkit.model import (
    Ambition,
    DateLike,
    FinalGrade,
    KeyResult,
    Objective,
    OKRSet,
    Status,
    as_date,
)
from okrkit.scoring import Scorecard, rollup

__all__ = ["Closed", "GradeLike", "Graded", "close_cycle"]

GradeLike = FinalGrade | float | tuple[float, str]
"""A grade as an owner gives it: a :class:`~okrkit.FinalGrade`, a number, or
``(number, reason)``."""

_EPSILON = 1e-12  # the scorecard's own tolerance


@attrs.frozen(kw_only=True)
class Graded:
    """A key result or objective given its final grade by :func:`close_cycle`.

    Attributes:
        id: Its id.
        kind: Key result or objective.
        grade: The final grade: its value and reason.
        by_owner: ``True`` when the owner gave it, ``False`` when it came from the score.
        status: Achieved or missed: the grade against 1.0 for a committed objective
            and its key results, against 0.7 for an aspirational one.
    """

    id: str
    kind: NodeKind
    grade: FinalGrade
    by_owner: bool
    status: Status

    @property
    def value(self) -> float:
        """The grade's value, 0.0 to 1.0."""
        return self.grade.value

    @property
    def reason(self) -> str:
        """The grade's reason."""
        return self.grade.reason


@attrs.frozen(kw_only=True)
class Closed:
    """What :func:`close_cycle` did.

    Attributes:
        okrset: The new set, every key result and objective of the cycle with a final
            grade; the very same set when nothing was graded.
        cycle: The id of the cycle closed.
        as_of: The day the scores were read on.
        graded: What was graded now, each objective before its key results; empty when
            the cycle was closed already and no grade was given.
    """

    okrset: OKRSet
    cycle: str
    as_of: dt.date
    graded: tuple[Graded, ...]


def close_cycle(
    okrset: OKRSet,
    cycle: str,
    *,
    grades: Mapping[str, GradeLike] | None = None,
    as_of: DateLike | None = None,
    strategy: str = "linear",
) -> Closed:
    """Give every key result and objective of ``cycle`` a final grade.

    Pure: ``okrset`` is not changed; save :attr:`Closed.okrset` to keep the grades.

    Args:
        okrset: The OKR set.
        cycle: The id of the cycle to close.
        grades: The owners' grades by key result or objective id: a
            :class:`~okrkit.FinalGrade`, a number (its reason then says it was given at
            closing), or ``(number, reason)``.
        as_of: The day the scores are read on; the cycle's last day by default.
        strategy: The scoring strategy of the grades from the score.

    Raises:
        UnknownIdError: when the set has no cycle ``cycle``.
        ValidationError: listing every grade for an id that is no key result or
            objective of the cycle, and every grade that is no grade (outside 0.0-1.0,
            no reason); nothing is graded then.

    Examples:
        >>> import okrkit
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> with okrkit.i18n.use_locale("en"):
        ...     closed = close_cycle(okrs, "2026-Q1", grades={"kr-velocity": (0.8, "Late CI")})
        >>> velocity = next(g for g in closed.graded if g.id == "kr-velocity")
        >>> velocity.value, velocity.reason, velocity.by_owner, velocity.status.value
        (0.8, 'Late CI', True, 'missed')
        >>> closed.okrset.key_result("kr-bugs-feature").final_grade.reason
        'graded from the score on Mar 31, 2026'
    """
    closing = okrset.cycle(cycle)
    day = closing.end if as_of is None else as_date(as_of)
    objectives = [o for o in okrset.objectives if o.cycle == closing.id]
    given = _owner_grades(grades or {}, objectives, closing.id, day)
    reason = _("graded from the score on {date}").format(date=format_day(day))  # data
    card = okrset.score(as_of=day, strategy=strategy)
    found: dict[str, Graded] = {}
    for objective in objectives:
        for kr in objective.key_results:
            grade = given.get(kr.id)
            if grade is None and kr.final_grade is None:
                grade = FinalGrade(value=_clamped(card.value(kr.id)), reason=reason)
            if grade is not None:
                found[kr.id] = _graded(kr, grade, kr.id in given, objective.ambition)
    step = _with_grades(
        okrset, {**{k: g.grade for k, g in found.items()}, **_only_objectives(given, objectives)}
    )
    missing = [o for o in objectives if o.id not in given and o.final_grade is None]
    rolled = _graded_card(step, closing.end, day, strategy) if missing else None
    for objective in objectives:
        grade = given.get(objective.id)
        if grade is None and objective.final_grade is None and rolled is not None:
            grade = FinalGrade(value=_clamped(rolled.value(objective.id)), reason=reason)
        if grade is not None:
            found[objective.id] = _graded(
                objective, grade, objective.id in given, objective.ambition
            )
    order = [i for o in objectives for i in (o.id, *(kr.id for kr in o.key_results))]
    graded = tuple(found[ident] for ident in order if ident in found)
    new = _with_grades(okrset, {g.id: g.grade for g in graded}) if graded else okrset
    return Closed(okrset=new, cycle=closing.id, as_of=day, graded=graded)


def _clamped(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


def _graded(
    entity: Objective | KeyResult, grade: FinalGrade, by_owner: bool, ambition: Ambition
) -> Graded:
    line = (0.7 if ambition is Ambition.ASPIRATIONAL else 1.0) - _EPSILON
    return Graded(
        id=entity.id,
        kind=NodeKind.OBJECTIVE if isinstance(entity, Objective) else NodeKind.KEY_RESULT,
        grade=grade,
        by_owner=by_owner,
        status=Status.ACHIEVED if grade.value >= line else Status.MISSED,
    )


def _only_objectives(
    given: Mapping[str, FinalGrade], objectives: list[Objective]
) -> dict[str, FinalGrade]:
    return {o.id: given[o.id] for o in objectives if o.id in given}


def _owner_grades(
    grades: Mapping[str, GradeLike], objectives: list[Objective], cycle: str, day: dt.date
) -> dict[str, FinalGrade]:
    """The owners' grades as :class:`FinalGrade` objects, each id checked."""
    members = [i for o in objectives for i in (o.id, *(kr.id for kr in o.key_results))]
    known = set(members)
    problems: list[Problem] = []
    found: dict[str, FinalGrade] = {}
    default = _("graded by the owner on {date}").format(date=format_day(day))  # data
    for ident, value in grades.items():
        path = f"grades[{ident!r}]"
        if ident not in known:
            close = did_you_mean(str(ident), members, count=1)
            hint = (
                Message(N_("did you mean {close}?"), close=Shown(close[0]))
                if close
                else Message(
                    N_("name a key result or objective of cycle {cycle!r}"), cycle=Shown(cycle)
                )
            )
            problems.append(
                Problem(
                    "id.unknown",
                    Message(
                        N_("{id} is no key result or objective of cycle {cycle!r}; {hint}"),
                        id=Shown(ident),
                        cycle=Shown(cycle),
                        hint=hint,
                    ),
                    entity_id=str(ident),
                    path=path,
                )
            )
            continue
        try:
            found[ident] = _as_grade(value, default)
        except ValidationError as exc:
            problems.extend(
                dataclasses.replace(p.located(path_prefix=path), entity_id=ident)
                for p in exc.problems
            )
    if problems:
        raise ValidationError(problems)
    return found


def _as_grade(value: object, default_reason: str) -> FinalGrade:
    if isinstance(value, FinalGrade):
        return value
    if isinstance(value, tuple):
        if len(value) != 2:
            raise ValidationError(
                Problem(
                    "field.type",
                    N_("a grade must be a number, or a number and a reason (got {value})"),
                    {"value": Shown(value)},
                )
            )
        number, reason = value
        return FinalGrade(value=number, reason=reason)
    return FinalGrade(value=value, reason=default_reason)  # type: ignore[arg-type]


def _with_grades(okrset: OKRSet, grades: Mapping[str, FinalGrade]) -> OKRSet:
    """``okrset`` with these final grades set on its objectives and key results."""
    if not grades:
        return okrset
    objectives = []
    for objective in okrset.objectives:
        krs = tuple(
            attrs.evolve(kr, final_grade=grades[kr.id]) if kr.id in grades else kr
            for kr in objective.key_results
        )
        grade = grades.get(objective.id, objective.final_grade)
        if krs == objective.key_results and grade is objective.final_grade:
            objectives.append(objective)
        else:
            objectives.append(attrs.evolve(objective, key_results=krs, final_grade=grade))
    return attrs.evolve(okrset, objectives=objectives)


def _graded_card(okrset: OKRSet, end: dt.date, day: dt.date, strategy: str) -> Scorecard:
    """The scorecard with final grades standing in, every value as it was on ``day``.

    The scorecard puts final grades in place of scores after a cycle's end; scored on
    the day after it, from the check-ins up to ``day`` only, it rolls the grades up.
    """
    if day > end or end == dt.date.max:
        return okrset.score(as_of=day, strategy=strategy)
    log = okrset.checkins
    upto = log.days <= day.toordinal()
    if not upto.all():
        log = CheckInLog.from_codes(log.ids(), log.codes[upto], log.days[upto], log.values[upto])
    return rollup(okrset, log, as_of=end + dt.timedelta(days=1), strategy=strategy)
