"""Burn-up series: scores at weekly points from a cycle's start to the report's date.

Each point is a full score of the set on that day (``okrs.score(as_of=day)``): the
scoring plan is made once and kept on the set, so each re-score costs one roll-up.
:func:`burnup_table` scores each day once for every objective or key result asked
for, so a report of many objectives re-scores the set once a week, not once a week
per objective.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from okrkit.errors import UnknownIdError
from okrkit.i18n import _
from okrkit.model import KeyResult, Objective, OKRSet, as_date

__all__ = ["WEEK", "burnup_points", "burnup_table", "scored_entity", "weekly_days"]

WEEK = dt.timedelta(days=7)
"""The step between two burn-up points."""


def weekly_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """``start``, every 7 days after it while before ``end``, then ``end`` itself.

    Empty when ``end`` is before ``start``.

    Examples:
        >>> [day.isoformat() for day in weekly_days(dt.date(2026, 1, 1), dt.date(2026, 1, 20))]
        ['2026-01-01', '2026-01-08', '2026-01-15', '2026-01-20']
    """
    days = []
    day = start
    while day < end:
        days.append(day)
        day += WEEK
    if end >= start:
        days.append(end)
    return days


def scored_entity(okrs: OKRSet, ident: str) -> Objective | KeyResult:
    """The objective or key result ``ident`` of ``okrs``.

    Raises:
        UnknownIdError: when ``ident`` is neither, suggesting the ids that look alike.
    """
    entity = okrs.get(ident) if ident in okrs else None
    if isinstance(entity, Objective | KeyResult):
        return entity
    candidates = [o.id for o in okrs.objectives] + [kr.id for kr in okrs.key_results]
    raise UnknownIdError.among(ident, _("key result or objective"), candidates)


def _cycle_of(okrs: OKRSet, ident: str) -> str:
    """The cycle of objective or key result ``ident``."""
    entity = scored_entity(okrs, ident)
    if isinstance(entity, Objective):
        return entity.cycle
    return okrs.objective_of(ident).cycle


def burnup_table(
    okrs: OKRSet,
    ids: Iterable[str] | None = None,
    *,
    as_of: Any = None,
    strategy: Any = "linear",
    **options: Any,
) -> dict[str, list[tuple[dt.date, float]]]:
    """The burn-up points of several objectives (or key results), scoring each day once.

    Args:
        okrs: The OKR set.
        ids: Objective or key result ids; every objective of the set by default.
        as_of: The last day (a ``date`` or ISO text); today by default. Points stop at
            the cycle's end when ``as_of`` is later.
        strategy: The scoring strategy, as for :meth:`~okrkit.OKRSet.score`.
        **options: Passed on to the strategy.

    Returns:
        For each id, ``(day, score)`` pairs from its cycle's start, a week apart, and
        a last one on ``as_of`` (or the cycle's end); empty before the cycle starts.

    Raises:
        UnknownIdError: for an id that is neither an objective nor a key result.

    Examples:
        >>> import okrkit
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> table = burnup_table(okrs, ["obj-co-growth", "kr-velocity"], as_of="2026-01-20")
        >>> [day.isoformat() for day, _score in table["kr-velocity"]]
        ['2026-01-01', '2026-01-08', '2026-01-15', '2026-01-20']
    """
    last = dt.date.today() if as_of is None else as_date(as_of)
    wanted = [o.id for o in okrs.objectives] if ids is None else list(dict.fromkeys(ids))
    cycles = {cycle.id: cycle for cycle in okrs.cycles}
    cycle_of = {ident: _cycle_of(okrs, ident) for ident in wanted}
    days_of = {
        cycle_id: weekly_days(cycles[cycle_id].start, min(last, cycles[cycle_id].end))
        for cycle_id in set(cycle_of.values())
    }
    by_day: dict[dt.date, list[str]] = {}
    for ident in wanted:
        for day in days_of[cycle_of[ident]]:
            by_day.setdefault(day, []).append(ident)
    points: dict[str, list[tuple[dt.date, float]]] = {ident: [] for ident in wanted}
    for day in sorted(by_day):
        card = okrs.score(as_of=day, strategy=strategy, **options)
        for ident in by_day[day]:
            points[ident].append((day, card.value(ident)))
    return points


def burnup_points(
    okrs: OKRSet,
    objective_id: str,
    *,
    as_of: Any = None,
    strategy: Any = "linear",
    **options: Any,
) -> list[tuple[dt.date, float]]:
    """An objective's score at weekly points from its cycle's start up to ``as_of``.

    The points a burn-up chart draws (:func:`okrkit.report.plot_burnup`, the HTML
    report): the cycle's start, every 7 days after it, and ``as_of`` itself (or the
    cycle's end, when ``as_of`` is later); none before the cycle starts. Each score
    is ``okrs.score(as_of=day).value(objective_id)``.

    Raises:
        UnknownIdError: when the set has no objective ``objective_id``.

    Examples:
        >>> import okrkit
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> points = burnup_points(okrs, "obj-eng-delivery", as_of="2026-03-20")
        >>> len(points), points[0][0].isoformat(), points[-1][0].isoformat()
        (13, '2026-01-01', '2026-03-20')
        >>> points[-1][1] == okrs.score(as_of="2026-03-20").value("obj-eng-delivery")
        True
    """
    okrs.objective(objective_id)
    table = burnup_table(okrs, [objective_id], as_of=as_of, strategy=strategy, **options)
    return table[objective_id]
