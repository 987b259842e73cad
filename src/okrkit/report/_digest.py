"""Build the weekly digest: what changed in a week, and what needs attention.

The set is scored twice, when the week began (``since``) and on the report's date
(``as_of``); the scoring plan is kept on the set, so the second score costs one
roll-up. Each list of the digest compares the two, or reads the check-in log, and
comes in a fixed order (see :func:`build_digest`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from okrkit.checkins import CheckInLog, Series
from okrkit.errors import Message, Problem, Shown, UsageError, ValidationError
from okrkit.i18n import N_, held_locale
from okrkit.model import (
    Cycle,
    KeyResult,
    Level,
    LinkKind,
    MetricKind,
    Objective,
    OKRSet,
    Status,
    as_date,
)
from okrkit.report._burnup import WEEK
from okrkit.report._digest_data import (
    BlockedDependency,
    ConfidenceDrop,
    ForecastMiss,
    Lever,
    Movement,
    Slip,
    Stale,
    WeeklyDigest,
)
from okrkit.report._scorecard import (
    alignment_order,
    as_okrset,
    bar_of,
    forecast_line,
    names_of,
    objective_forecasts,
)
from okrkit.scoring import Scorecard

__all__ = ["TROUBLED", "build_digest"]

TROUBLED: tuple[Status, ...] = (Status.AT_RISK, Status.OFF_TRACK)
"""The statuses a digest calls troubled: at risk, and off track (worse)."""

_SEVERITY = {Status.AT_RISK: 1, Status.OFF_TRACK: 2}
# A metric that must hold a line keeps needing check-ins once it holds it.
_HOLDING = (MetricKind.AT_LEAST, MetricKind.AT_MOST)
_GAIN = 1e-12  # a leverage gain at or below this is rounding, not a gain


@held_locale()
def build_digest(
    source: Any,
    *,
    as_of: Any = None,
    since: Any = None,
    stale_days: int = 14,
    strategy: Any = "linear",
    workspace: str = "default",
    **options: Any,
) -> WeeklyDigest:
    """The weekly digest of ``source``: what changed after ``since``, up to ``as_of``.

    Args:
        source: An :class:`~okrkit.OKRSet`, or a store (anything with
            ``load(workspace=...)``).
        as_of: The report's date (a ``date`` or ISO text); today by default.
        since: The day the week began: changes are those dated after it, up to and
            including ``as_of``; 7 days before ``as_of`` by default.
        stale_days: A key result of a running cycle is stale after more days than this
            without a check-in.
        strategy: The scoring strategy, by name or object, as for
            :meth:`~okrkit.OKRSet.score`.
        workspace: The store's workspace, when ``source`` is a store.
        **options: Passed on to the scoring (``pace``, ``drivers``, ...).

    Returns:
        The digest as data. Its lists, each in a fixed order:

        - ``moved``: key results with a check-in after ``since`` whose latest value
          differs from the one at ``since``; largest change of score first, then in
          file order;
        - ``slipped``: key results and objectives that were not as bad at ``since``
          and are at risk or off track on ``as_of`` (on track, not started or done to
          at risk or off track; at risk to off track); objectives in alignment order,
          each followed by its own key results;
        - ``stale``: key results of the cycles running on ``as_of`` with no check-in
          for more than ``stale_days`` days (counted from the cycle's start when none);
          longest silence first, then in file order. Left out: a key result that has
          reached its target for good (done, unless it must hold a line: at least or
          at most), and one with no check-in of its own that others count toward;
        - ``confidence_falls``: key results whose latest confidence on ``as_of`` is
          lower than the latest at ``since``; largest fall first, then in file order;
        - ``forecast_misses``: objectives of the running cycles whose forecast (as the
          scorecard's) falls short of 1.0 committed, 0.7 aspirational; alignment order;
        - ``blocked``: dependencies whose other side is at risk or off track on
          ``as_of``; in the file's order;
        - ``levers``: for each company objective of the running cycles, in alignment
          order, the three key results whose reaching their target would lift it most
          (gains above 0 only; an objective nothing would lift is left out).

    Raises:
        ValidationError: for a date that cannot be read, ``since`` after ``as_of``, or
            a negative ``stale_days``.
        UsageError: when ``source`` is neither an OKR set nor a store, or
            ``stale_days`` is not a whole number.

    Examples:
        >>> import okrkit
        >>> from okrkit.report import build_digest
        >>> digest = build_digest(okrkit.load("examples/acme.en.yaml"), as_of="2026-03-20")
        >>> digest.since.isoformat(), [slip.id for slip in digest.slipped]
        ('2026-03-13', ['obj-linh-first-contact', 'kr-co-engagement'])
    """
    okrs = as_okrset(source, workspace)
    day = dt.date.today() if as_of is None else as_date(as_of, "as_of")
    start = day - WEEK if since is None else as_date(since, "since")
    _check(start, day, stale_days)
    after = okrs.score(as_of=day, strategy=strategy, **options)
    before = okrs.score(as_of=start, strategy=strategy, **options)
    running = [cycle for cycle in okrs.cycles if cycle.contains(day)]
    ordered = [objective for objective, _parent, _depth in alignment_order(okrs)]
    running_ids = {cycle.id for cycle in running}
    current = [objective for objective in ordered if objective.cycle in running_ids]
    return WeeklyDigest(
        as_of=day,
        since=start,
        cycles=tuple(cycle.name for cycle in running),
        moved=_moved(okrs.key_results, before, after),
        slipped=_slipped(ordered, before, after),
        stale=_stale(okrs, after, running, stale_days),
        stale_days=stale_days,
        confidence_falls=_confidence_falls(okrs.key_results, after.log, start, day),
        forecast_misses=_forecast_misses(okrs, after, current),
        blocked=_blocked(okrs, after),
        levers=_levers(okrs, after, current),
    )


def _check(since: dt.date, as_of: dt.date, stale_days: object) -> None:
    """Refuse a week that ends before it begins, and a threshold that is not days."""
    message = N_("'stale_days' must be a whole number of days, 0 or more (got {value})")
    if isinstance(stale_days, bool) or not isinstance(stale_days, int):
        raise UsageError(Message(message, value=Shown(stale_days)))
    if stale_days < 0:
        raise ValidationError(Problem("value.range", message, {"value": stale_days}))
    if since > as_of:
        raise ValidationError(
            Problem(
                "value.order",
                N_(
                    "'since' ({since}) must not be after 'as_of' ({as_of}); give an earlier "
                    "'since', or leave it out for the week before 'as_of'"
                ),
                {"since": since, "as_of": as_of},
            )
        )


def _statuses(card: Scorecard) -> dict[str, Status]:
    return dict(zip(card.ids(), card.statuses(), strict=True))


def _moved(
    key_results: Iterable[KeyResult], before: Scorecard, after: Scorecard
) -> tuple[Movement, ...]:
    """Key results with a check-in in the week whose value is not what it was."""
    log = after.log
    then, now = before.as_of.toordinal(), after.as_of.toordinal()
    found = []
    for kr in key_results:
        series = log.series(kr.id)
        if series is None:
            continue
        old_row, new_row = series.index_at(then), series.index_at(now)
        if new_row == old_row:  # no check-in after `since`
            continue
        value = float(series.values[new_row])
        old = None if old_row < 0 else float(series.values[old_row])
        if old is not None and value == old:
            continue
        found.append(
            Movement(
                id=kr.id,
                title=kr.title,
                metric=kr.metric,
                before=old,
                after=value,
                score_before=before.value(kr.id),
                score_after=after.value(kr.id),
            )
        )
    found.sort(key=lambda move: -abs(move.score_after - move.score_before))
    return tuple(found)


def _slipped(
    objectives: Sequence[Objective], before: Scorecard, after: Scorecard
) -> tuple[Slip, ...]:
    """What worsened to at risk or off track: each objective, then its key results."""
    was, now = _statuses(before), _statuses(after)
    found = []
    for objective in objectives:
        items = [(objective.id, objective.title, True)]
        items += [(kr.id, kr.title, False) for kr in objective.key_results]
        for ident, title, is_objective in items:
            old, new = was[ident], now[ident]
            if _SEVERITY.get(new, 0) > _SEVERITY.get(old, 0):
                found.append(
                    Slip(id=ident, title=title, is_objective=is_objective, before=old, after=new)
                )
    return tuple(found)


def _fed(okrs: OKRSet) -> set[str]:
    """The ids of the key results that some objective or key result counts toward."""
    links = [link for o in okrs.objectives for link in o.aligned_to]
    links += [link for kr in okrs.key_results for link in kr.aligned_to]
    return {link.parent for link in links if link.kind is LinkKind.CONTRIBUTES}


def _stale(
    okrs: OKRSet, card: Scorecard, running: Sequence[Cycle], stale_days: int
) -> tuple[Stale, ...]:
    """Key results of the running cycles silent for more than ``stale_days`` days."""
    cycles = {cycle.id: cycle for cycle in running}
    statuses, names, fed = _statuses(card), names_of(okrs), _fed(okrs)
    day = card.as_of
    found = []
    for objective in okrs.objectives:
        cycle = cycles.get(objective.cycle)
        if cycle is None:
            continue
        for kr in objective.key_results:
            if statuses[kr.id] is Status.DONE and kr.metric.kind not in _HOLDING:
                continue
            series = card.log.series(kr.id)
            row = -1 if series is None else series.index_at(day.toordinal())
            if row < 0 and kr.id in fed:
                continue
            last = (
                None if series is None or row < 0 else dt.date.fromordinal(int(series.days[row]))
            )
            days = (day - (cycle.start if last is None else last)).days
            if days > stale_days:
                found.append(
                    Stale(
                        id=kr.id,
                        title=kr.title,
                        owners=tuple(names.get(owner, owner) for owner in kr.owners),
                        last_on=last,
                        days=days,
                    )
                )
    found.sort(key=lambda item: -item.days)
    return tuple(found)


def _last_confidence(series: Series, day: dt.date) -> int | None:
    """The latest confidence given on or before ``day``, or ``None``."""
    given = series.confidences[: series.index_at(day.toordinal()) + 1]
    rows = np.flatnonzero(given)
    return int(given[rows[-1]]) if len(rows) else None


def _confidence_falls(
    key_results: Iterable[KeyResult], log: CheckInLog, since: dt.date, as_of: dt.date
) -> tuple[ConfidenceDrop, ...]:
    """Key results whose latest confidence is lower than it was at ``since``."""
    found = []
    for kr in key_results:
        series = log.series(kr.id)
        if series is None:
            continue
        old, new = _last_confidence(series, since), _last_confidence(series, as_of)
        if old is not None and new is not None and new < old:
            found.append(ConfidenceDrop(id=kr.id, title=kr.title, before=old, after=new))
    found.sort(key=lambda drop: drop.after - drop.before)
    return tuple(found)


def _forecast_misses(
    okrs: OKRSet, card: Scorecard, objectives: Sequence[Objective]
) -> tuple[ForecastMiss, ...]:
    """The objectives whose forecast, as the scorecard's, falls short of their bar."""
    if not objectives:
        return ()
    forecasts = {}
    for kr in okrs.key_results:
        line = forecast_line(card, kr, card[kr.id])
        if line is not None:
            forecasts[kr.id] = line
    projected = objective_forecasts(card, forecasts, objectives)
    return tuple(
        ForecastMiss(
            id=objective.id,
            title=objective.title,
            ambition=objective.ambition,
            forecast=projected[objective.id].score,
            bar=bar_of(objective.ambition),
        )
        for objective in objectives
        if objective.id in projected and projected[objective.id].misses
    )


def _title(okrs: OKRSet, ident: str) -> str:
    entity = okrs.get(ident)
    return entity.title if isinstance(entity, (Objective, KeyResult)) else ident


def _blocked(okrs: OKRSet, card: Scorecard) -> tuple[BlockedDependency, ...]:
    """The dependencies, in the file's order, whose other side is troubled."""
    statuses = _statuses(card)
    return tuple(
        BlockedDependency(
            dependent=dependency.dependent,
            dependent_title=_title(okrs, dependency.dependent),
            on=dependency.on,
            on_title=_title(okrs, dependency.on),
            status=statuses[dependency.on],
            note=dependency.note,
        )
        for dependency in okrs.dependencies
        if statuses[dependency.on] in TROUBLED
    )


def _levers(okrs: OKRSet, card: Scorecard, objectives: Sequence[Objective]) -> tuple[Lever, ...]:
    """For each company objective, the three key results that would lift it most."""
    found = []
    for objective in objectives:
        if objective.level is not Level.COMPANY:
            continue
        ranked = [(i, gain) for i, gain in card.leverage(objective.id) if gain > _GAIN][:3]
        if ranked:
            found.append(
                Lever(
                    id=objective.id,
                    title=objective.title,
                    key_results=tuple((i, okrs.key_result(i).title, gain) for i, gain in ranked),
                )
            )
    return tuple(found)
