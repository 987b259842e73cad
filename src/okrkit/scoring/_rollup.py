"""Roll-up: score every key result, then every objective and parent up to the company."""

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
from okrkit.graph import AlignmentGraph, EdgeKind, NodeKind
from okrkit.i18n import _
from okrkit.model import (
    Ambition,
    CheckIn,
    KeyResult,
    LinkKind,
    MetricKind,
    Objective,
    OKRSet,
    Status,
)
from okrkit.scoring._registry import get
from okrkit.scoring._strategies import Grade, Linear, ScoringStrategy, Stepped, Zones, band_of

_BUILT_IN_TYPES = (Linear, Grade, Zones, Stepped)

__all__ = ["Drivers", "Forecast", "Pace", "Score", "Scorecard", "rollup"]

Drivers = Literal["both", "key_results", "children"]
ObjectiveStatus = Literal["pace", "worst"]

_HAS = EdgeKind.HAS_KEY_RESULT
_ALIGNS = EdgeKind.ALIGNS_TO
_KR = NodeKind.KEY_RESULT
_OBJECTIVE = NodeKind.OBJECTIVE
_CONTRIBUTES = LinkKind.CONTRIBUTES
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


class Scorecard:
    """Every key result's and objective's score on one date, under one strategy.

    Built by :func:`rollup` (or :meth:`okrkit.OKRSet.score`); never changes. Index it by
    id for a :class:`Score`.
    """

    def __init__(
        self,
        *,
        graph: AlignmentGraph,
        log: CheckInLog,
        as_of: dt.date,
        strategy: ScoringStrategy,
        options: Mapping[str, Any],
        values: dict[str, float],
        raws: dict[str, float],
        terms: dict[str, list[tuple[str, float]]],
        statuses: dict[str, Status],
        expected: dict[str, float],
        confidences: dict[str, float | None],
        latest: dict[str, float | None],
    ) -> None:
        self.graph = graph
        self.log = log
        self.as_of = as_of
        self.strategy = strategy
        self._options = dict(options)
        self._values = values
        self._own_raws = raws
        # Leaves now; key results with children and objectives are combined when asked.
        self._raws = {kr: raw for kr, raw in raws.items() if kr not in terms}
        self._terms = terms
        self._statuses = statuses
        self._expected = expected
        self._confidences = confidences
        self._latest = latest

    def __contains__(self, ident: object) -> bool:
        return ident in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scorecard):
            return NotImplemented
        return (
            self.as_of == other.as_of
            and self.strategy == other.strategy
            and self._values == other._values
            and self._statuses == other._statuses
            and self._expected == other._expected
            and self._confidences == other._confidences
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Scorecard as of {self.as_of.isoformat()}: {len(self)} scores>"

    def __getitem__(self, ident: str) -> Score:
        if ident not in self._values:
            raise KeyError(ident)
        kind = self.graph.kind(ident)
        value = self._values[ident]
        zone = None
        zoner = getattr(self.strategy, "zone", None)
        if kind is _KR and callable(zoner):
            entity = self.graph.entity(ident)
            if isinstance(entity, KeyResult):
                zone = zoner(entity.metric, self._latest.get(ident))
        return Score(
            id=ident,
            kind=kind,
            value=value,
            raw=self.raw(ident),
            band=band_of(min(1.0, max(0.0, value))),
            status=self._statuses[ident],
            expected=self._expected[ident],
            confidence=self._confidences[ident],
            zone=zone,
        )

    def value(self, ident: str) -> float:
        """The value that rolls up for ``ident`` (without building a :class:`Score`)."""
        return self._values[ident]

    def raw(self, ident: str) -> float:
        """The raw progress of ``ident``: overshoot kept, children combined unclamped."""
        found = self._raws.get(ident)
        if found is not None:
            return found
        stack = [(ident, False)]
        while stack:
            node, expanded = stack.pop()
            if node in self._raws:
                continue
            children = self._terms.get(node, ())
            if not expanded:
                stack.append((node, True))
                stack.extend((child, False) for child, _w in children if child not in self._raws)
                continue
            pairs = [(self._raws[child], weight) for child, weight in children]
            entity = self.graph.entity(node)
            if isinstance(entity, KeyResult) and self._latest.get(node) is not None:
                pairs.append((self._own_raws[node], entity.weight))
            self._raws[node] = self.strategy.combine(pairs) if pairs else 0.0
        return self._raws[ident]

    def key_results(self) -> list[Score]:
        """The scores of every key result, in graph order."""
        return [self[kr.id] for kr in self.graph.key_results() if kr.id in self._values]

    def objectives(self) -> list[Score]:
        """The scores of every objective, in graph order."""
        return [self[o.id] for o in self.graph.objectives() if o.id in self._values]

    def what_if(self, values: Mapping[str, float]) -> Scorecard:
        """The scorecard as if ``values`` had been reported for those key results today.

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
        base = self._values[objective]
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
        ids = [kr.id for o in self.graph.by_owner(owner) for kr in o.key_results]
        if not ids:
            return None
        on = sum(1 for i in ids if self._statuses[i] in (Status.ON_TRACK, Status.DONE))
        off = sum(1 for i in ids if self._statuses[i] is Status.OFF_TRACK)
        return 100.0 * (on - off) / len(ids)

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

    g = graph._networkx()  # read only here; a view would cost a third of the time
    # The passes below allocate many small lists and no reference cycles; pausing the
    # cycle collector keeps it from rescanning the whole graph again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        values, raws, latest, confidences = _score_key_results(g, log, as_of, chosen, overrides)
        rolled, terms = _roll_up(g, chosen, drivers, values, raws, latest, overrides)
        statuses, expected, objective_confidence = _judge(
            g, graph.cycles, as_of, pace, objective_status, rolled, terms, latest, confidences
        )
    finally:
        if collecting:
            gc.enable()
    confidences.update(objective_confidence)
    return Scorecard(
        graph=graph,
        log=log,
        as_of=as_of,
        strategy=chosen,
        options=options,
        values=rolled,
        raws=raws,
        terms=terms,
        statuses=statuses,
        expected=expected,
        confidences=confidences,
        latest=latest,
    )


def _score_key_results(
    g: Any,
    log: CheckInLog,
    as_of: dt.date,
    strategy: ScoringStrategy,
    overrides: Mapping[str, float],
) -> tuple[dict[str, float], dict[str, float], dict[str, float | None], dict[str, float | None]]:
    """Each key result's own score from its latest check-in: one pass, no sorting."""
    day = as_of.toordinal()
    score_kr = strategy.score
    cap = strategy.cap
    # okrkit's own linear scoring, inlined for the common metrics: same numbers, no calls.
    linear = type(strategy) is Linear
    moving = (MetricKind.INCREASE, MetricKind.DECREASE)
    series_of = log._series.get
    values: dict[str, float] = {}
    raws: dict[str, float] = {}
    latest: dict[str, float | None] = {}
    confidences: dict[str, float | None] = {}
    for node, data in g._node.items():
        if data["kind"] is not _KR:
            continue
        metric = data["entity"].metric
        value: float | None = None
        confidence: float | None = None
        position = -1
        series = series_of(node)
        if series is not None:
            position = bisect_right(series.days, day) - 1
            if position >= 0:
                value = series.values[position]
                level = series.confidences[position]
                confidence = float(level) if level else None
        if node in overrides:
            value = float(overrides[node])
        kind = metric.kind
        if linear and kind in moving:
            if value is None:
                raw = 0.0
            else:
                start = metric.start
                raw = round((value - start) / (metric.target - start), 12)
        else:
            history: Any = ()
            if kind in _THRESHOLD_KINDS and series is not None and position >= 0:
                history = series.values[: position + 1]
            if node in overrides and kind in _THRESHOLD_KINDS:
                # The reported value takes the place of the latest one.
                history = (*history[:-1], value)
            raw = score_kr(metric, value, history=history)
        raws[node] = raw
        values[node] = (0.0 if raw < 0.0 else 1.0 if raw > 1.0 else raw) if cap else raw
        latest[node] = value
        confidences[node] = confidence
    return values, raws, latest, confidences


def _roll_up(  # noqa: PLR0915, PLR0917 - one hot pass, kept flat for speed
    g: Any,
    strategy: ScoringStrategy,
    drivers: Drivers | Mapping[str, Drivers],
    values: Mapping[str, float],
    raws: Mapping[str, float],
    latest: Mapping[str, float | None],
    overrides: Mapping[str, float],
) -> tuple[dict[str, float], dict[str, list[tuple[str, float]]]]:
    """Combine bottom-up: each node after everything that counts toward it.

    Returns the rolled-up values, and for each node the (child, weight) terms that
    count toward it.
    """
    node_data: dict[str, dict[str, Any]] = g._node
    combine = strategy.combine
    cap = strategy.cap
    per_objective = drivers if isinstance(drivers, Mapping) else None
    default_mode = "both" if per_objective is not None else drivers

    # Who counts toward whom, with what weight, read from the entities (which the
    # graph keeps in step with its edges): one pass, no edge dictionaries.
    terms: dict[str, list[tuple[str, float]]] = {}
    for node, data in node_data.items():
        kind = data["kind"]
        if kind is NodeKind.INITIATIVE:
            continue
        entity = data["entity"]
        if kind is _OBJECTIVE and entity.key_results:
            mode = per_objective.get(node, "both") if per_objective is not None else default_mode
            if mode != "children":
                own = [(kr.id, kr.weight) for kr in entity.key_results]
                found = terms.get(node)
                if found is None:
                    terms[node] = own
                else:
                    found.extend(own)
        for link in entity.aligned_to:
            if link.kind is not _CONTRIBUTES:
                continue
            parent = link.parent
            if parent not in node_data:  # outside a view
                continue
            if node_data[parent]["kind"] is _OBJECTIVE:
                mode = (
                    per_objective.get(parent, "both")
                    if per_objective is not None
                    else default_mode
                )
                if mode == "key_results":
                    continue
            found = terms.get(parent)
            if found is None:
                terms[parent] = [(node, link.weight)]
            else:
                found.append((node, link.weight))
    weighted = isinstance(strategy, _BUILT_IN_TYPES) and strategy.combiner == "weighted"

    # Key results nothing counts toward are leaves: their own score stands.
    rolled: dict[str, float] = {kr: value for kr, value in values.items() if kr not in terms}
    for root, root_data in node_data.items():
        if root in rolled or root_data["kind"] is NodeKind.INITIATIVE:
            continue
        stack = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            if node in rolled:
                continue
            children = terms.get(node, ())
            if not expanded:
                stack.append((node, True))
                stack.extend((child, False) for child, _w in children if child not in rolled)
                continue
            if not children:
                rolled[node] = 0.0
                continue
            own_value = node_data[node]["kind"] is _KR and (
                latest[node] is not None or node in overrides
            )
            if weighted:
                numerator = [rolled[child] * weight for child, weight in children]
                denominator = [weight for _child, weight in children]
                if own_value:
                    own_weight = node_data[node]["entity"].weight
                    numerator.append(values[node] * own_weight)
                    denominator.append(own_weight)
                combined = fsum(numerator) / fsum(denominator)
            else:
                pairs = [(rolled[child], weight) for child, weight in children]
                if own_value:
                    pairs.append((values[node], node_data[node]["entity"].weight))
                combined = combine(pairs)
            rolled[node] = min(1.0, max(0.0, combined)) if cap else combined
    return rolled, terms


def _judge(  # noqa: PLR0917 - one pass over the objectives, in one place
    g: Any,
    cycles: Mapping[str, Any],
    as_of: dt.date,
    pace: Pace,
    objective_status: ObjectiveStatus,
    rolled: Mapping[str, float],
    terms: Mapping[str, list[tuple[str, float]]],
    latest: Mapping[str, float | None],
    confidences: Mapping[str, float | None],
) -> tuple[dict[str, Status], dict[str, float], dict[str, float | None]]:
    """Expected progress, status and confidence of every key result and objective."""
    statuses: dict[str, Status] = {}
    expected: dict[str, float] = {}
    objective_confidence: dict[str, float | None] = {}
    judge = pace.status
    node_data = g._node

    def node_kind(ident: str) -> NodeKind:
        return node_data[ident]["kind"]  # type: ignore[no-any-return]

    done = Status.DONE
    not_started = Status.NOT_STARTED
    elapsed_of: dict[str, float] = {}

    for node, data in g._node.items():
        if data["kind"] is not _OBJECTIVE:
            continue
        objective: Objective = data["entity"]
        cycle = cycles[objective.cycle]
        elapsed = elapsed_of.get(cycle.id)
        if elapsed is None:
            elapsed = elapsed_of[cycle.id] = _elapsed(cycle.start, cycle.end, as_of)
        kr_statuses: list[Status] = []
        weighted = total = 0.0
        for kr in objective.key_results:
            kr_id = kr.id
            kr_expected = _elapsed(cycle.start, kr.due, as_of) if kr.due else elapsed
            expected[kr_id] = kr_expected
            value = rolled[kr_id]
            if latest[kr_id] is None and kr_id not in terms:
                status = not_started
            elif value >= 1.0 - 1e-12:
                status = done
            else:
                status = judge(value, kr_expected)
            statuses[kr_id] = status
            kr_statuses.append(status)
            kr_confidence = confidences[kr_id]
            if kr_confidence is not None:
                weighted += kr_confidence * kr.weight
                total += kr.weight
        objective_confidence[node] = weighted / total if total else None
        aspirational = objective.ambition is Ambition.ASPIRATIONAL
        own_expected = (0.7 if aspirational else 1.0) * elapsed
        expected[node] = own_expected
        value = rolled[node]
        started = [s for s in kr_statuses if s is not Status.NOT_STARTED]
        if objective_status == "worst" and kr_statuses:
            statuses[node] = (
                min(started, key=_SEVERITY.__getitem__) if started else Status.NOT_STARTED
            )
        elif value >= 1.0 - 1e-12 or (aspirational and as_of > cycle.end and value >= 0.7 - 1e-12):
            statuses[node] = done
        elif not started and not any(
            node_kind(child) is _OBJECTIVE for child, _w in terms.get(node, ())
        ):
            statuses[node] = not_started
        else:
            statuses[node] = judge(value, own_expected)
    return statuses, expected, objective_confidence
