"""Roll-up: score every key result, then every objective and parent up to the company.

Scoring on a date is a few vectorised steps over the plan (see ``_plan``): the latest
value of every key result from one search over the sorted check-in log, the
strategy's scores of all of them at once, then one weighted combination per level of
the plan, bottom up, then status, expected progress and confidence by column.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from okrkit.checkins import CheckInLog
from okrkit.errors import Message, Shown, StrategyError
from okrkit.i18n import N_
from okrkit.model import CheckIn, DateLike, OKRSet, as_date
from okrkit.scoring._arrays import History
from okrkit.scoring._options import (
    check_choice,
    checked_drivers,
    checked_values,
    unknown_objectives,
)
from okrkit.scoring._plan import Drivers, Plan, plan_of
from okrkit.scoring._registry import get
from okrkit.scoring._scorecard import Scorecard
from okrkit.scoring._status import (
    OBJECTIVE_STATUSES,
    ObjectiveStatus,
    Pace,
    PaceMethod,
    confidences,
    expected,
    pace_of,
    statuses,
)
from okrkit.scoring._strategies import ScoringStrategy

if TYPE_CHECKING:
    from okrkit.graph import AlignmentGraph

__all__ = ["rollup", "score_plan"]

Floats = npt.NDArray[np.float64]
_TOLERANCE = 1e-9


def rollup(
    graph: OKRSet | AlignmentGraph,
    checkins: CheckInLog | Iterable[CheckIn] | None = None,
    *,
    as_of: DateLike | None = None,
    strategy: str | ScoringStrategy = "linear",
    drivers: Drivers | Mapping[str, Drivers] = "both",
    pace: Pace | PaceMethod | None = None,
    objective_status: ObjectiveStatus = "pace",
    overrides: Mapping[str, float] | None = None,
) -> Scorecard:
    """Score every key result and roll the scores up to the company objectives.

    Pure: reads the set (or graph) and the check-ins, changes neither, keeps full
    precision.

    Roll-up rules:

    - a key result scores from its latest check-in on or before ``as_of`` by the
      strategy; what rolls up is clamped to [0, 1] unless the strategy's ``cap`` is
      off; objectives and key results aligned to a key result with a ``contributes``
      link count toward it (by the link's weight), beside its own score (by its own
      weight);
    - an objective combines, by the strategy's combiner, its own key results (by their
      weights) and the objectives and key results aligned to it with a ``contributes``
      link (by the link's weight) - ``drivers="both"``, the default; ``"key_results"``
      or ``"children"`` keep one side only, for every objective or, as a mapping, per
      objective id; an objective with no driver of the chosen kind is scored from the
      other kind, and the scorecard's ``diagnostics`` say so; ``supports`` links never
      count; a child aligned to several parents counts in each;
    - after a cycle, an owner's final grade stands in for the computed score;
    - status during the cycle: done at 1.0, not started without a check-in, else by
      ``pace`` against the expected progress (aspirational objectives and their key
      results are expected to reach 0.7, not 1.0); an objective's status comes from its
      own score (``objective_status="pace"``) or is the worst of its key results'
      (``"worst"``). Once the cycle has ended the status is final: achieved or missed,
      committed against 1.0 and aspirational against 0.7.

    Args:
        graph: An OKR set (scored with its own check-ins unless ``checkins`` is given)
            or an alignment graph.
        checkins: The check-in log, or check-ins to build one from.
        as_of: The scoring date: a date, a datetime, ISO text or a pandas
            ``Timestamp``; today by default.
        strategy: A strategy or its name (see :func:`okrkit.scoring.available`).
        drivers: What drives objectives (see above).
        pace: The status thresholds: a :class:`Pace`, or the name of its method
            (``"gap"`` or ``"ratio"``) for that method's defaults; :class:`Pace`
            defaults when ``None``.
        objective_status: ``"pace"`` or ``"worst"``.
        overrides: Values to use instead of the check-ins, by key result id
            (:meth:`Scorecard.what_if` uses it).

    Raises:
        StrategyError: when the strategy breaks its protocol's promises.
        ValidationError: for a ``drivers``, ``pace`` or ``objective_status`` that is
            none of the values above (a ``drivers`` mapping naming anything but an
            objective of the set included), an unknown key result or a value that is
            not a finite number in ``overrides``, or a bad date.
        UsageError: for a ``pace`` that is neither a :class:`Pace` nor a method's name.

    Examples:
        >>> import okrkit
        >>> card = okrkit.load("examples/acme.en.yaml").score(as_of="2026-03-15")
        >>> card["kr-velocity"].status.value
        'off_track'
    """
    if isinstance(graph, OKRSet) and checkins is None:
        log = graph.checkins
    elif isinstance(checkins, CheckInLog):
        log = checkins
    else:
        log = CheckInLog.from_checkins(checkins or ())
    day = dt.date.today() if as_of is None else as_date(as_of)
    drivers = checked_drivers(drivers)
    check_choice("objective_status", objective_status, OBJECTIVE_STATUSES)
    options: dict[str, Any] = {
        "drivers": drivers,
        "pace": pace_of(pace),
        "objective_status": objective_status,
    }
    plan = plan_of(graph, drivers)
    if isinstance(drivers, Mapping):
        unknown_objectives(plan, drivers)
    checked = checked_values(plan, {} if overrides is None else overrides, "rollup(overrides=...)")
    return score_plan(plan, log, day, get(strategy), options, source=graph, overrides=checked)


def score_plan(
    plan: Plan,
    log: CheckInLog,
    as_of: dt.date,
    strategy: ScoringStrategy,
    options: Mapping[str, Any],
    *,
    source: Any,
    overrides: Mapping[str, float],
) -> Scorecard:
    """Score a laid-out plan on one date: the work of :func:`rollup`.

    ``overrides`` are checked already (:func:`~okrkit.scoring._options.checked_values`).
    """
    day = as_of.toordinal()
    latest, rows, history = _latest(plan, log, day, overrides)
    started = ~np.isnan(latest)
    own_raw = own_scores(strategy, plan, latest, history)
    values = np.zeros(len(plan))
    values[: plan.count] = np.clip(own_raw, 0.0, 1.0) if strategy.cap else own_raw
    computed = combine_levels(plan, strategy, values, started, day)
    levels = _at(log.confidences, rows, 0).astype(np.float64)
    own_confidence = np.where(levels > 0, levels, np.nan)
    hoped = expected(plan, day)
    judged = statuses(
        plan,
        day,
        pace=options["pace"],
        objective_status=options["objective_status"],
        values=values,
        started=started,
        expected=hoped,
    )
    return Scorecard(
        plan=plan,
        log=log,
        as_of=as_of,
        strategy=strategy,
        options={**options, "overrides": overrides},
        source=source,
        columns={
            "value": values,
            "own_raw": own_raw,
            "latest": latest,
            "status": judged,
            "expected": hoped,
            "confidence": confidences(plan, own_confidence, started),
        },
        computed=computed,
        history=history,
    )


def _latest(
    plan: Plan, log: CheckInLog, day: int, overrides: Mapping[str, float]
) -> tuple[Floats, npt.NDArray[np.int64], History]:
    """Each key result's latest value (NaN without one), its log row, its history."""
    codes = plan.codes_in(log)
    rows = log.rows_as_of(codes, dt.date.fromordinal(day))
    found = rows >= 0
    latest = _at(log.values, rows, np.nan)
    starts = np.where(found, log.offsets[np.maximum(codes, 0)], 0)
    stops = np.where(found, rows, 0)
    if overrides:
        positions = np.fromiter((plan.index[i] for i in overrides), np.int64, len(overrides))
        latest[positions] = np.fromiter(overrides.values(), np.float64, len(overrides))
    return latest, rows, History(values=log.values, starts=starts, stops=stops)


def _at(column: npt.NDArray[Any], rows: npt.NDArray[np.int64], fill: float) -> npt.NDArray[Any]:
    """``column[rows]``, with ``fill`` where a row is -1 (and for an empty column)."""
    if not len(column):
        return np.full(len(rows), fill)
    return np.where(rows >= 0, column[np.maximum(rows, 0)], fill)


def own_scores(strategy: ScoringStrategy, plan: Plan, latest: Floats, history: History) -> Floats:
    """The strategy's raw score of every key result, checked to be finite."""
    vectorised = getattr(strategy, "score_array", None)
    if callable(vectorised):
        raw = np.asarray(vectorised(plan.metrics, latest, history), dtype=np.float64)
        if raw.shape != latest.shape:
            raise StrategyError(
                Message(
                    N_(
                        "scoring strategy {strategy!r} returned {got} scores for {count} "
                        "key results"
                    ),
                    strategy=Shown(strategy),
                    got=raw.size,
                    count=latest.size,
                ),
                strategy=repr(strategy),
            )
    else:
        raw = _scores_one_by_one(strategy, plan, latest, history)
    bad = ~np.isfinite(raw)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise _not_a_score(strategy, plan.ids[position], raw[position])
    return raw


def _not_a_score(strategy: ScoringStrategy, ident: str, value: object) -> StrategyError:
    return StrategyError(
        Message(
            N_(
                "scoring strategy {strategy!r} scored key result {id!r} as {value}; a score "
                "must be a finite number, not NaN or infinity"
            ),
            strategy=Shown(strategy),
            id=Shown(ident),
            value=Shown(value),
        ),
        strategy=repr(strategy),
    )


def _scores_one_by_one(
    strategy: ScoringStrategy, plan: Plan, latest: Floats, history: History
) -> Floats:
    """The documented fallback for a strategy with only the scalar ``score``."""
    out = np.zeros(len(latest))
    metrics = plan.metrics.metrics
    for position, value in enumerate(latest.tolist()):
        given = None if math.isnan(value) else value
        earlier = history.of(position) if given is not None else ()
        score = strategy.score(
            metrics[position], given, history=(*earlier, given) if given is not None else ()
        )
        try:
            out[position] = score
        except (TypeError, ValueError, OverflowError):
            raise _not_a_score(strategy, plan.ids[position], score) from None
    return out


def _apply_finals(
    plan: Plan, values: Floats, day: int, where: npt.NDArray[np.bool_], computed: dict[int, float]
) -> None:
    """Put owners' final grades, after their cycle, in place of the computed scores."""
    positions = plan.final_positions
    active = where[positions] & (day > plan.cycle_end[positions])
    for position, grade in zip(
        positions[active].tolist(), plan.final_values[active].tolist(), strict=True
    ):
        computed[position] = float(values[position])
        values[position] = grade


def combine_levels(
    plan: Plan,
    strategy: ScoringStrategy,
    values: Floats,
    started: npt.NDArray[np.bool_],
    day: int | None,
    *,
    cap: bool | None = None,
) -> dict[int, float]:
    """Combine ``values`` bottom up, level by level, in place.

    With a ``day``, owners' final grades stand in for the computed scores after their
    cycle (a key result with children gets its grade after they are combined, so its
    own computed score still counts in that combination); returns the computed scores
    they replaced, by position.
    """
    computed: dict[int, float] = {}
    capped = strategy.cap if cap is None else cap
    if day is not None and len(plan.final_positions):
        _apply_finals(plan, values, day, ~plan.has_children, computed)
    at_level = np.zeros(len(plan), dtype=bool)
    for level in plan.levels:
        scores, weights, groups = level.pairs(values, plan.kr_weights, started)
        combined = _combine(strategy, scores, weights, groups, len(level.parents))
        values[level.parents] = np.clip(combined, 0.0, 1.0) if capped else combined
        if day is not None and len(plan.final_positions):
            at_level[:] = False
            at_level[level.parents] = True
            _apply_finals(plan, values, day, at_level, computed)
    return computed


def _combine(
    strategy: ScoringStrategy, scores: Floats, weights: Floats, groups: Any, size: int
) -> Floats:
    """Combine every group, through ``combine_array`` or ``combine``, and check it."""
    vectorised = getattr(strategy, "combine_array", None)
    if callable(vectorised):
        with np.errstate(over="ignore", invalid="ignore"):
            combined = np.asarray(vectorised(scores, weights, groups, size), dtype=np.float64)
    else:
        order = np.argsort(groups, kind="stable")
        bounds = np.searchsorted(groups[order], np.arange(size + 1))
        pairs = list(zip(scores[order].tolist(), weights[order].tolist(), strict=True))
        combined = np.array(
            [strategy.combine(pairs[bounds[g] : bounds[g + 1]]) for g in range(size)],
            dtype=np.float64,
        )
    counted = weights > 0
    low = np.full(size, np.inf)
    high = np.full(size, -np.inf)
    np.minimum.at(low, groups[counted], scores[counted])
    np.maximum.at(high, groups[counted], scores[counted])
    some = np.isfinite(low)
    with np.errstate(invalid="ignore", over="ignore"):
        slack = _TOLERANCE * np.maximum(
            1.0, np.maximum(np.abs(low), np.abs(high)), where=some, out=np.ones(size)
        )
    bad = ~np.isfinite(combined) | (some & ((combined < low - slack) | (combined > high + slack)))
    if bad.any():
        group = int(np.flatnonzero(bad)[0])
        raise StrategyError(
            Message(
                N_(
                    "scoring strategy {strategy!r} combined scores from {low} to {high} into "
                    "{value}; a combination must lie between its smallest and largest score"
                ),
                strategy=Shown(strategy),
                low=low[group] if some[group] else "-",
                high=high[group] if some[group] else "-",
                value=combined[group],
            ),
            strategy=repr(strategy),
        )
    return combined
