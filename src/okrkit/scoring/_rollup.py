"""Roll-up: score every key result, then every objective and parent up to the company.

The work is split in two. A *plan* is made once per graph (and drivers setting) and
kept until the graph changes: every key result and objective gets a position, the
metrics' numbers and the children of every node are laid out in lists, and the nodes
are put in an order where each comes after everything that counts toward it. Scoring
on a date is then one pass over the key results and one over that order, on plain
lists.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from math import fsum
from typing import Any, Literal

import attrs

from okrkit.checkins import CheckInLog
from okrkit.errors import OKRError
from okrkit.graph import AlignmentGraph, NodeKind
from okrkit.i18n import _
from okrkit.model import (
    Ambition,
    CheckIn,
    Cycle,
    KeyResult,
    LinkKind,
    MetricKind,
    Objective,
    OKRSet,
    Status,
)
from okrkit.scoring._registry import get
from okrkit.scoring._strategies import Linear, ScoringStrategy, _Settings, band_of

__all__ = ["Drivers", "Forecast", "Pace", "Score", "Scorecard", "rollup"]

Drivers = Literal["both", "key_results", "children"]
ObjectiveStatus = Literal["pace", "worst"]

_KR = NodeKind.KEY_RESULT
_OBJECTIVE = NodeKind.OBJECTIVE
_CONTRIBUTES = LinkKind.CONTRIBUTES
_MOVING = (MetricKind.INCREASE, MetricKind.DECREASE)
_THRESHOLD_KINDS = (MetricKind.AT_LEAST, MetricKind.AT_MOST)
_SEVERITY = {
    Status.OFF_TRACK: 0,
    Status.AT_RISK: 1,
    Status.NOT_STARTED: 2,
    Status.ON_TRACK: 3,
    Status.DONE: 4,
}


@attrs.frozen(kw_only=True)
class Pace:
    """How far behind the expected progress is at risk, and how far off track.

    Expected progress is the share of the period elapsed at the scoring date (the
    cycle, or for a key result with a due date, the cycle's start to that date). With
    ``method="gap"`` (the default) the thresholds are on progress minus expected:
    above ``at_risk`` (-0.2) is on track, above ``off_track`` (-0.4) at risk, the rest
    off track. With ``method="ratio"`` they are on progress divided by expected:
    defaults 0.95 and 0.75.
    """

    method: Literal["gap", "ratio"] = "gap"
    at_risk: float | None = None
    off_track: float | None = None

    def thresholds(self) -> tuple[float, float]:
        """The at-risk and off-track thresholds, with the method's defaults."""
        defaults = (-0.2, -0.4) if self.method == "gap" else (0.95, 0.75)
        return (
            defaults[0] if self.at_risk is None else self.at_risk,
            defaults[1] if self.off_track is None else self.off_track,
        )

    def status(self, value: float, expected: float) -> Status:
        """On track, at risk or off track, for ``value`` against ``expected``."""
        at_risk, off_track = self.thresholds()
        if self.method == "gap":
            measure = value - expected
            if measure > at_risk + 1e-12:
                return Status.ON_TRACK
            return Status.AT_RISK if measure > off_track + 1e-12 else Status.OFF_TRACK
        if expected <= 0:
            return Status.ON_TRACK
        ratio = value / expected
        if ratio >= at_risk - 1e-12:
            return Status.ON_TRACK
        return Status.AT_RISK if ratio >= off_track - 1e-12 else Status.OFF_TRACK


@attrs.frozen(kw_only=True)
class Forecast:
    """Where a key result is heading: a least-squares line through its check-ins.

    Attributes:
        on: The day projected to (the due date or the cycle's end).
        value: The projected value on that day.
        low: The low end of the band (about 95%, from the residuals).
        high: The high end of the band.
        score: The raw score the projected value would give.
    """

    on: dt.date
    value: float
    low: float
    high: float
    score: float


@attrs.frozen(kw_only=True)
class Score:
    """The score of one key result or objective on the scoring date.

    Attributes:
        id: The key result's or objective's id.
        kind: Key result or objective.
        value: What rolls up: the score, clamped to [0, 1] unless the strategy says not.
        raw: The raw progress, overshoot kept (1.25 at 125%).
        band: The 0.0-1.0 band (off track, progress, delivered) of the value.
        status: Done, on track, at risk, off track or not started.
        expected: The progress expected by now.
        confidence: The latest confidence (1-5), or the weighted mean for an objective.
        zone: The zone under the zones strategy, else ``None``.
        computed: When an owner's final grade stands in for the score (after the
            cycle), the score okrkit computed; else ``None``.
        reason: The reason given with that final grade, else ``None``.
        forecast: For a key result, where its check-ins project it by its due date or
            the cycle's end (see :meth:`Scorecard.forecast`); else ``None``.
    """

    id: str
    kind: NodeKind
    value: float
    raw: float
    band: str
    status: Status
    expected: float
    confidence: float | None
    zone: str | None = None
    computed: float | None = None
    reason: str | None = None
    forecast: Forecast | None = None


@attrs.frozen
class _Plan:
    """The layout of one graph for scoring; see the module docstring."""

    ids: list[str]
    index: dict[str, int]
    key_results: list[KeyResult]
    objectives: list[Objective]
    starts: list[float]
    spans: list[float]
    moving: list[bool]
    # For each node that something counts toward, in bottom-up order:
    # (node, child positions, child weights, own weight or 0 for "no own score").
    steps: list[tuple[int, list[int], list[float], float]]
    has_children: list[bool]
    # Per position: whether some objective counts toward it.
    has_objective_children: list[bool]
    # Per position: (last day of the cycle, final grade, reason) where one is set.
    finals: dict[int, tuple[int, float, str]]
    # Per key result position with phased targets: (days, values) from start to end.
    phased: dict[int, tuple[list[int], list[float]]]


def _plan(  # noqa: PLR0915 - one layout pass, read top to bottom
    graph: AlignmentGraph, drivers: Drivers | Mapping[str, Drivers]
) -> _Plan:
    key_results: list[KeyResult] = []
    objectives: list[Objective] = []
    for _node, data in graph._networkx().nodes(data=True):
        kind = data["kind"]
        if kind is _KR:
            key_results.append(data["entity"])
        elif kind is _OBJECTIVE:
            objectives.append(data["entity"])
    ids = [kr.id for kr in key_results] + [o.id for o in objectives]
    index = {ident: position for position, ident in enumerate(ids)}
    count = len(key_results)
    starts: list[float] = []
    spans: list[float] = []
    moving: list[bool] = []
    for kr in key_results:
        metric = kr.metric
        if metric.kind in _MOVING and metric.start is not None and metric.target is not None:
            starts.append(metric.start)
            spans.append(metric.target - metric.start)
            moving.append(True)
        else:
            starts.append(0.0)
            spans.append(1.0)
            moving.append(False)

    per_objective = drivers if isinstance(drivers, Mapping) else None

    def mode_of(objective_id: str) -> str:
        if per_objective is not None:
            return per_objective.get(objective_id, "both")
        return str(drivers)

    children: list[list[tuple[int, float]]] = [[] for _ in ids]
    for position, objective in enumerate(objectives, start=count):
        if objective.key_results and mode_of(objective.id) != "children":
            children[position].extend((index[kr.id], kr.weight) for kr in objective.key_results)
    entities: list[KeyResult | Objective] = [*key_results, *objectives]
    for entity in entities:
        for link in entity.aligned_to:
            if link.kind is not _CONTRIBUTES or link.parent not in index:
                continue
            parent = index[link.parent]
            if parent >= count and mode_of(link.parent) == "key_results":
                continue
            children[parent].append((index[entity.id], link.weight))

    has_children = [bool(found) for found in children]
    has_objective_children = [any(child >= count for child, _w in found) for found in children]
    order: list[int] = []
    placed = [False] * len(ids)
    for root in range(len(ids)):
        if placed[root] or not has_children[root]:
            continue
        stack = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if placed[node]:
                continue
            placed[node] = True
            stack.append((node, True))
            stack.extend(
                (child, False)
                for child, _weight in children[node]
                if not placed[child] and has_children[child]
            )
    steps = [
        (
            node,
            [child for child, _w in children[node]],
            [weight for _c, weight in children[node]],
            key_results[node].weight if node < count else 0.0,
        )
        for node in order
    ]
    cycles = graph.cycles
    finals: dict[int, tuple[int, float, str]] = {}
    phased: dict[int, tuple[list[int], list[float]]] = {}
    for objective in objectives:
        cycle = cycles[objective.cycle]
        end = cycle.end.toordinal()
        if objective.final_grade is not None:
            grade = objective.final_grade
            finals[index[objective.id]] = (end, grade.value, grade.reason)
        for kr in objective.key_results:
            position = index[kr.id]
            if kr.final_grade is not None:
                finals[position] = (end, kr.final_grade.value, kr.final_grade.reason)
            metric = kr.metric
            if kr.plan and metric.start is not None and metric.target is not None:
                finish = (kr.due or cycle.end).toordinal()
                points = sorted((step.on.toordinal(), step.value) for step in kr.plan)
                points = [(cycle.start.toordinal(), metric.start), *points]
                if points[-1][0] < finish:
                    points.append((finish, metric.target))
                phased[position] = ([d for d, _v in points], [v for _d, v in points])
    return _Plan(
        finals=finals,
        phased=phased,
        ids=ids,
        index=index,
        key_results=key_results,
        objectives=objectives,
        starts=starts,
        spans=spans,
        moving=moving,
        steps=steps,
        has_children=has_children,
        has_objective_children=has_objective_children,
    )


def _plan_for(graph: AlignmentGraph, drivers: Drivers | Mapping[str, Drivers]) -> _Plan:
    if isinstance(drivers, Mapping):
        return _plan(graph, drivers)
    return graph._derived(("scoring-plan", drivers), lambda: _plan(graph, drivers))


def _target_value(kr: KeyResult) -> float | None:
    metric = kr.metric
    if metric.kind is MetricKind.MILESTONE:
        return 1.0
    return metric.target


def _elapsed(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    span = (end - start).days
    if span <= 0:
        return 1.0 if as_of >= end else 0.0
    return min(1.0, max(0.0, (as_of - start).days / span))


class Scorecard:
    """Every key result's and objective's score on one date, under one strategy.

    Built by :func:`rollup` (or :meth:`okrkit.OKRSet.score`); never changes. Index it by
    id for a :class:`Score`; iterate it for the ids.
    """

    def __init__(
        self,
        *,
        graph: AlignmentGraph,
        log: CheckInLog,
        as_of: dt.date,
        strategy: ScoringStrategy,
        options: Mapping[str, Any],
        plan: _Plan,
        values: list[float],
        own_raws: list[float],
        latest: list[float | None],
        statuses: list[Status],
        expected: list[float],
        confidences: list[float | None],
        computed: dict[int, float] | None = None,
    ) -> None:
        self.graph = graph
        self.log = log
        self.as_of = as_of
        self.strategy = strategy
        self._options = dict(options)
        self._plan = plan
        self._values = values
        self._own_raws = own_raws
        self._latest = latest
        self._statuses = statuses
        self._expected = expected
        self._confidences = confidences
        self._raws: dict[int, float] = {}
        self._computed = computed or {}

    def __contains__(self, ident: object) -> bool:
        return ident in self._plan.index

    def __iter__(self) -> Iterator[str]:
        return iter(self._plan.ids)

    def __len__(self) -> int:
        return len(self._plan.ids)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scorecard):
            return NotImplemented
        return (
            self.as_of == other.as_of
            and self.strategy == other.strategy
            and self._plan.ids == other._plan.ids
            and self._values == other._values
            and self._statuses == other._statuses
            and self._expected == other._expected
            and self._confidences == other._confidences
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Scorecard as of {self.as_of.isoformat()}: {len(self)} scores>"

    def _position(self, ident: str) -> int:
        try:
            return self._plan.index[ident]
        except KeyError:
            raise KeyError(ident) from None

    def __getitem__(self, ident: str) -> Score:
        position = self._position(ident)
        is_kr = position < len(self._plan.key_results)
        value = self._values[position]
        zone = None
        zoner = getattr(self.strategy, "zone", None)
        if is_kr and callable(zoner):
            zone = zoner(self._plan.key_results[position].metric, self._latest[position])
        return Score(
            id=ident,
            kind=_KR if is_kr else _OBJECTIVE,
            value=value,
            raw=self.raw(ident),
            band=band_of(min(1.0, max(0.0, value))),
            status=self._statuses[position],
            expected=self._expected[position],
            confidence=self._confidences[position],
            zone=zone,
            computed=self._computed.get(position),
            reason=self._plan.finals[position][2] if position in self._computed else None,
            forecast=self.forecast(ident) if is_kr else None,
        )

    def value(self, ident: str) -> float:
        """The value that rolls up for ``ident`` (without building a :class:`Score`)."""
        return self._values[self._position(ident)]

    def raw(self, ident: str) -> float:
        """The raw progress of ``ident``: overshoot kept, children combined unclamped."""
        position = self._position(ident)
        plan = self._plan
        count = len(plan.key_results)
        if not plan.has_children[position]:
            return self._own_raws[position] if position < count else 0.0
        if position not in self._raws:
            for node, kids, weights, own_weight in plan.steps:
                if node in self._raws:
                    continue
                pairs = [
                    (self._raws[k] if plan.has_children[k] else self._leaf_raw(k), w)
                    for k, w in zip(kids, weights, strict=True)
                ]
                if own_weight and self._latest[node] is not None:
                    pairs.append((self._own_raws[node], own_weight))
                self._raws[node] = self.strategy.combine(pairs)
        return self._raws[position]

    def _leaf_raw(self, position: int) -> float:
        return self._own_raws[position] if position < len(self._plan.key_results) else 0.0

    def key_results(self) -> list[Score]:
        """The scores of every key result, in graph order."""
        return [self[kr.id] for kr in self._plan.key_results]

    def objectives(self) -> list[Score]:
        """The scores of every objective, in graph order."""
        return [self[o.id] for o in self._plan.objectives]

    def what_if(self, values: Mapping[str, float]) -> Scorecard:
        """The scorecard as if ``values`` had been reported for those key results.

        Examples:
            >>> import okrkit, datetime as dt
            >>> card = okrkit.load("examples/acme.en.yaml").score(as_of=dt.date(2026, 3, 15))
            >>> better = card.what_if({"kr-velocity": 35})
            >>> better.value("kr-velocity"), better.value("obj-eng-delivery") > card.value(
            ...     "obj-eng-delivery")
            (1.0, True)
        """
        return rollup(
            self.graph,
            self.log,
            as_of=self.as_of,
            strategy=self.strategy,
            overrides={**self._options.get("overrides", {}), **values},
            **{k: v for k, v in self._options.items() if k != "overrides"},
        )

    def leverage(self, objective: str) -> list[tuple[str, float]]:
        """Rank the key results below ``objective`` by how much each would lift it.

        Each key result's gain is how much the objective's score would rise if that key
        result reached its target; the largest gain comes first.

        Returns:
            ``(key result id, gain)`` pairs; a gain of 0 means reaching that target
            would not move the objective (already done, or not counted).
        """
        base = self.value(objective)
        gains = []
        for ident in self.graph.contributors(objective):
            entity = self.graph.entity(ident)
            if not isinstance(entity, KeyResult):
                continue
            target = _target_value(entity)
            if target is None:
                continue
            gains.append((ident, self.what_if({ident: target}).value(objective) - base))
        gains.sort(key=lambda pair: (-pair[1], pair[0]))
        return gains

    def net_confidence(self, owner: str) -> float | None:
        """Percent of ``owner``'s key results on track minus percent off track.

        Counts the key results of the objectives ``owner`` owns; ``None`` when it owns
        none. Done key results count as on track.
        """
        index = self._plan.index
        statuses = [
            self._statuses[index[kr.id]]
            for o in self.graph.by_owner(owner)
            for kr in o.key_results
        ]
        if not statuses:
            return None
        on = sum(1 for s in statuses if s in (Status.ON_TRACK, Status.DONE))
        off = sum(1 for s in statuses if s is Status.OFF_TRACK)
        return 100.0 * (on - off) / len(statuses)

    def forecast(self, key_result: str) -> Forecast | None:
        """A least-squares projection of ``key_result`` to its due date or cycle end.

        Uses the check-ins up to the scoring date; ``None`` with fewer than two. With
        exactly two the line fits them exactly and the band has no width.
        """
        entity = self.graph.entity(key_result)
        if not isinstance(entity, KeyResult):
            raise OKRError(_("{id!r} is not a key result").format(id=key_result))
        series = self.log.series(key_result)
        if series is None:
            return None
        upto = series.index_at(self.as_of.toordinal()) + 1
        if upto < 2:
            return None
        xs = [float(d) for d in series.days[:upto]]
        ys = list(series.values[:upto])
        n = len(xs)
        mean_x, mean_y = math.fsum(xs) / n, math.fsum(ys) / n
        sxx = math.fsum((x - mean_x) ** 2 for x in xs)
        if sxx == 0:
            return None
        slope = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
        objective = self.graph.objective_of(key_result)
        end = entity.due or self.graph.cycles[objective.cycle].end
        x0 = float(end.toordinal())
        projected = mean_y + slope * (x0 - mean_x)
        residual = (
            math.fsum(
                (y - (mean_y + slope * (x - mean_x))) ** 2 for x, y in zip(xs, ys, strict=True)
            )
            / (n - 2)
            if n > 2
            else 0.0
        )
        half = 1.96 * math.sqrt(residual * (1 + 1 / n + (x0 - mean_x) ** 2 / sxx))
        return Forecast(
            on=end,
            value=projected,
            low=projected - half,
            high=projected + half,
            score=self.strategy.score(entity.metric, projected),
        )


def rollup(
    graph: AlignmentGraph | OKRSet,
    checkins: CheckInLog | Iterable[CheckIn] | None = None,
    *,
    as_of: dt.date | None = None,
    strategy: str | ScoringStrategy = "linear",
    drivers: Drivers | Mapping[str, Drivers] = "both",
    pace: Pace | None = None,
    objective_status: ObjectiveStatus = "pace",
    overrides: Mapping[str, float] | None = None,
) -> Scorecard:
    """Score every key result and roll the scores up to the company objectives.

    Pure: reads the graph and the check-ins, changes neither, keeps full precision.

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
      objective id; ``supports`` links never count; a child aligned to several parents
      counts in each;
    - status: done at 1.0 (an aspirational objective is also done at 0.7 once its cycle
      has ended), not started without a check-in, else by ``pace`` against the expected
      progress (aspirational objectives are expected to reach 0.7, not 1.0); an
      objective's status comes from its own score (``objective_status="pace"``) or is
      the worst of its key results' (``"worst"``).

    Args:
        graph: The alignment graph, or an OKR set (its graph and check-ins).
        checkins: The check-in log, or check-ins to build one from.
        as_of: The scoring date; today by default.
        strategy: A strategy or its name (see :func:`okrkit.scoring.available`).
        drivers: What drives objectives (see above).
        pace: The status thresholds; :class:`Pace` defaults.
        objective_status: ``"pace"`` or ``"worst"``.
        overrides: Values to use instead of the check-ins, by key result id
            (:meth:`Scorecard.what_if` uses it).

    Examples:
        >>> import okrkit, datetime as dt
        >>> card = okrkit.load("examples/acme.en.yaml").score(as_of=dt.date(2026, 3, 15))
        >>> card["kr-velocity"].status.value
        'off_track'
    """
    if isinstance(graph, OKRSet):
        if checkins is None:
            checkins = CheckInLog.from_okrset(graph)
        graph = graph.graph
    log = checkins if isinstance(checkins, CheckInLog) else CheckInLog(checkins or ())
    as_of = as_of or dt.date.today()
    chosen = get(strategy)
    pace = pace or Pace()
    overrides = dict(overrides or {})
    options: dict[str, Any] = {
        "drivers": drivers,
        "pace": pace,
        "objective_status": objective_status,
        "overrides": overrides,
    }
    plan = _plan_for(graph, drivers)
    # The passes below allocate many small lists and no reference cycles; pausing the
    # cycle collector keeps it from rescanning the whole graph again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        values, own_raws, latest, confidences = _score_key_results(
            plan, log, as_of, chosen, overrides
        )
        computed = _roll_up(plan, chosen, values, latest, as_of)
        statuses, expected = _judge(
            plan, graph.cycles, as_of, pace, objective_status, values, latest, confidences
        )
    finally:
        if collecting:
            gc.enable()
    return Scorecard(
        graph=graph,
        log=log,
        as_of=as_of,
        strategy=chosen,
        options=options,
        plan=plan,
        values=values,
        own_raws=own_raws,
        latest=latest,
        statuses=statuses,
        expected=expected,
        confidences=confidences,
        computed=computed,
    )


def _score_key_results(
    plan: _Plan,
    log: CheckInLog,
    as_of: dt.date,
    strategy: ScoringStrategy,
    overrides: Mapping[str, float],
) -> tuple[list[float], list[float], list[float | None], list[float | None]]:
    """Each key result's own score from its latest check-in: one pass over lists."""
    day = as_of.toordinal()
    count = len(plan.key_results)
    size = len(plan.ids)
    values = [0.0] * size
    own_raws = [0.0] * count
    latest: list[float | None] = [None] * size
    confidences: list[float | None] = [None] * size
    series_of = log._series.get
    score = strategy.score
    cap = strategy.cap
    # okrkit's own linear scoring, inlined for moving metrics: same numbers, no calls.
    fast = type(strategy) is Linear
    ids, starts, spans, moving, krs = (
        plan.ids,
        plan.starts,
        plan.spans,
        plan.moving,
        plan.key_results,
    )
    for position in range(count):
        ident = ids[position]
        value: float | None = None
        history: Any = ()
        series = series_of(ident)
        if series is not None:
            found = bisect_right(series.days, day) - 1
            if found >= 0:
                value = series.values[found]
                level = series.confidences[found]
                if level:
                    confidences[position] = float(level)
                if not moving[position]:
                    history = series.values[: found + 1]
        if overrides and ident in overrides:
            value = float(overrides[ident])
            if not moving[position]:
                # The reported value takes the place of the latest one.
                history = (*history[:-1], value)
        if fast and moving[position]:
            raw = 0.0 if value is None else round((value - starts[position]) / spans[position], 12)
        else:
            raw = score(krs[position].metric, value, history=history)
        own_raws[position] = raw
        values[position] = (0.0 if raw < 0.0 else 1.0 if raw > 1.0 else raw) if cap else raw
        latest[position] = value
    return values, own_raws, latest, confidences


def _apply_finals(
    plan: _Plan, as_of: dt.date, values: list[float], positions: Iterable[int]
) -> dict[int, float]:
    """Put the owners' final grades in place of the computed scores, after the cycle.

    Returns the computed scores that were replaced, by position.
    """
    day = as_of.toordinal()
    replaced: dict[int, float] = {}
    for position in positions:
        final = plan.finals.get(position)
        if final is not None and day > final[0]:
            replaced[position] = values[position]
            values[position] = final[1]
    return replaced


def _roll_up(
    plan: _Plan,
    strategy: ScoringStrategy,
    values: list[float],
    latest: list[float | None],
    as_of: dt.date,
) -> dict[int, float]:
    """Combine bottom-up in the plan's order, in place.

    After a cycle, owners' final grades stand in for the computed scores; returns the
    computed scores they replaced, by position.
    """
    combine = strategy.combine
    finals = plan.finals
    count = len(plan.key_results)
    # Leaf key results first; a key result with children gets its final grade after
    # they are combined, so its own computed score still counts in that combination.
    leaves = [p for p in finals if p < count and not plan.has_children[p]]
    replaced = _apply_finals(plan, as_of, values, leaves)
    cap = strategy.cap
    weighted = isinstance(strategy, _Settings) and strategy.combiner == "weighted"
    for node, kids, weights, own_weight in plan.steps:
        if weighted:
            numerator = [values[k] * w for k, w in zip(kids, weights, strict=True)]
            denominator = list(weights)
            if own_weight and latest[node] is not None:
                numerator.append(values[node] * own_weight)
                denominator.append(own_weight)
            combined = fsum(numerator) / fsum(denominator)
        else:
            pairs = list(zip([values[k] for k in kids], weights, strict=True))
            if own_weight and latest[node] is not None:
                pairs.append((values[node], own_weight))
            combined = combine(pairs)
        values[node] = (
            (0.0 if combined < 0.0 else 1.0 if combined > 1.0 else combined) if cap else combined
        )
        if node in finals:
            replaced.update(_apply_finals(plan, as_of, values, (node,)))
    replaced.update(
        _apply_finals(plan, as_of, values, [p for p in finals if p >= count and p not in replaced])
    )
    return replaced


def _judge(  # noqa: PLR0917 - an internal step of rollup(), called once
    plan: _Plan,
    cycles: Mapping[str, Cycle],
    as_of: dt.date,
    pace: Pace,
    objective_status: ObjectiveStatus,
    values: list[float],
    latest: list[float | None],
    confidences: list[float | None],
) -> tuple[list[Status], list[float]]:
    """Expected progress, status and confidence of every key result and objective."""
    size = len(plan.ids)
    statuses = [Status.NOT_STARTED] * size
    expected = [0.0] * size
    judge = pace.status
    done, not_started = Status.DONE, Status.NOT_STARTED
    index, has_children = plan.index, plan.has_children
    elapsed_of: dict[str, float] = {}
    worst = objective_status == "worst"
    for position, objective in enumerate(plan.objectives, start=len(plan.key_results)):
        cycle = cycles[objective.cycle]
        elapsed = elapsed_of.get(cycle.id)
        if elapsed is None:
            elapsed = elapsed_of[cycle.id] = _elapsed(cycle.start, cycle.end, as_of)
        kr_statuses: list[Status] = []
        weighted = total = 0.0
        for kr in objective.key_results:
            at = index[kr.id]
            steps = plan.phased.get(at)
            if steps is not None:
                kr_expected = _planned_progress(kr, steps, as_of)
            else:
                kr_expected = _elapsed(cycle.start, kr.due, as_of) if kr.due else elapsed
            expected[at] = kr_expected
            value = values[at]
            if latest[at] is None and not has_children[at]:
                status = not_started
            elif value >= 1.0 - 1e-12:
                status = done
            else:
                status = judge(value, kr_expected)
            statuses[at] = status
            kr_statuses.append(status)
            level = confidences[at]
            if level is not None:
                weighted += level * kr.weight
                total += kr.weight
        confidences[position] = weighted / total if total else None
        aspirational = objective.ambition is Ambition.ASPIRATIONAL
        own_expected = (0.7 if aspirational else 1.0) * elapsed
        expected[position] = own_expected
        value = values[position]
        started = [s for s in kr_statuses if s is not not_started]
        if worst and kr_statuses:
            statuses[position] = (
                min(started, key=_SEVERITY.__getitem__) if started else not_started
            )
        elif value >= 1.0 - 1e-12 or (aspirational and as_of > cycle.end and value >= 0.7 - 1e-12):
            statuses[position] = done
        elif not started and not plan.has_objective_children[position]:
            statuses[position] = not_started
        else:
            statuses[position] = judge(value, own_expected)
    return statuses, expected


def _planned_progress(
    kr: KeyResult, steps: tuple[list[int], list[float]], as_of: dt.date
) -> float:
    """The progress the key result's plan expects by ``as_of`` (straight between steps)."""
    days, planned = steps
    day = as_of.toordinal()
    if day <= days[0]:
        value = planned[0]
    elif day >= days[-1]:
        value = planned[-1]
    else:
        right = bisect_right(days, day)
        d0, d1 = days[right - 1], days[right]
        v0, v1 = planned[right - 1], planned[right]
        value = v0 + (v1 - v0) * (day - d0) / (d1 - d0)
    start, target = kr.metric.start, kr.metric.target
    if start is None or target is None or target == start:
        return 0.0
    return min(1.0, max(0.0, (value - start) / (target - start)))
