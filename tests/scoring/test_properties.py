"""Invariants of scoring and roll-up, for every metric kind and strategy."""

from __future__ import annotations

import datetime as dt
import random

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from okrkit import Alignment, KeyResult, Metric, MetricKind, OKRSet
from okrkit.scoring import Grade, Linear, Stepped, Zones, rollup
from okrkit.testing import metrics, okr_sets

STRATEGIES = [
    Linear(),
    Linear(threshold_method="share"),
    Linear(threshold_method="distance"),
    Linear(combiner="minimum"),
    Grade(),
    Zones(),
    Stepped(),
]
AS_OF = dt.date(2099, 12, 31)  # after every generated cycle


def target_of(metric: Metric) -> float:
    """The value at which a key result is met."""
    return 1.0 if metric.kind is MetricKind.MILESTONE else float(metric.target or 0.0)


def start_of(metric: Metric) -> float:
    """A value at which a key result has made no progress."""
    kind = metric.kind
    if kind is MetricKind.MILESTONE:
        return 0.0
    if kind in (MetricKind.INCREASE, MetricKind.DECREASE):
        return float(metric.start or 0.0)
    target = float(metric.target or 0.0)
    miss = abs(target) + 1.0
    return target - miss if kind is MetricKind.AT_LEAST else target + miss


def all_key_results(okrs: OKRSet) -> list[KeyResult]:
    """Every key result of a set."""
    return list(okrs.key_results)


class TestKeyResultScores:
    @settings(max_examples=5 * settings.default.max_examples)
    @given(
        metric=metrics(),
        data=st.data(),
        strategy=st.sampled_from(STRATEGIES),
    )
    def test_moving_toward_the_target_never_lowers_the_score(
        self, metric: Metric, data: st.DataObject, strategy: object
    ) -> None:
        """For every metric kind and strategy, a value nearer the target scores no less."""
        far = start_of(metric)
        goal = target_of(metric)
        low, high = sorted((far, goal))
        span = high - low or 1.0
        a = data.draw(st.floats(low - span, high + span, allow_nan=False))
        b = data.draw(st.floats(low - span, high + span, allow_nan=False))
        if metric.kind is MetricKind.MILESTONE:
            a, b = sorted(data.draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=2, max_size=2)))
        # Order the pair so that ``nearer`` is at least as close to the target side.
        upward = goal >= far
        further, nearer = (min(a, b), max(a, b)) if upward else (max(a, b), min(a, b))
        history = data.draw(
            st.lists(st.floats(low - span, high + span, allow_nan=False), max_size=4)
        )
        worse = strategy.score(metric, further, history=[*history, further])  # type: ignore[attr-defined]
        better = strategy.score(metric, nearer, history=[*history, nearer])  # type: ignore[attr-defined]
        assert better >= worse - 1e-9


class TestRollup:
    @given(okrs=okr_sets(max_objectives=6, max_checkins=12), strategy=st.sampled_from(STRATEGIES))
    def test_every_rolled_up_value_is_between_0_and_1(
        self, okrs: OKRSet, strategy: object
    ) -> None:
        """Whatever the data and strategy, what rolls up stays in [0, 1]."""
        card = rollup(okrs, as_of=AS_OF, strategy=strategy)  # type: ignore[arg-type]
        assert all(0.0 <= card.value(i) <= 1.0 for i in card)

    @given(okrs=okr_sets(min_objectives=1, max_objectives=6))
    def test_all_at_target_is_one_and_all_at_start_is_zero(self, okrs: OKRSet) -> None:
        """Every key result at target rolls up to 1.0 at every level; at start, to 0.0."""
        assume(all(o.key_results for o in okrs.objectives))
        card = rollup(okrs, as_of=AS_OF)
        krs = all_key_results(okrs)
        at_target = card.what_if({kr.id: target_of(kr.metric) for kr in krs})
        at_start = card.what_if({kr.id: start_of(kr.metric) for kr in krs})
        for ident in card:
            assert at_target.value(ident) == 1.0, ident
            assert at_start.value(ident) == 0.0, ident

    @given(okrs=okr_sets(max_objectives=6, max_checkins=12), seed=st.integers(0, 10**6))
    def test_order_of_checkins_and_children_does_not_matter(self, okrs: OKRSet, seed: int) -> None:
        """Shuffling check-ins, objectives and key results changes no score."""
        rng = random.Random(seed)
        checkins = list(okrs.checkins)
        rng.shuffle(checkins)
        objectives = [
            attrs.evolve(o, key_results=rng.sample(o.key_results, len(o.key_results)))
            for o in rng.sample(okrs.objectives, len(okrs.objectives))
        ]
        shuffled = attrs.evolve(okrs, objectives=objectives, checkins=checkins)
        first = rollup(okrs, as_of=AS_OF)
        second = rollup(shuffled, as_of=AS_OF)
        assert {i: first.value(i) for i in first} == {i: second.value(i) for i in second}
        assert {i: first[i].status for i in first} == {i: second[i].status for i in second}

    @given(
        okrs=okr_sets(max_objectives=6, max_checkins=12), factor=st.sampled_from([0.5, 2.0, 8.0])
    )
    def test_scaling_every_weight_changes_nothing(self, okrs: OKRSet, factor: float) -> None:
        """Multiplying every key-result and link weight by one constant changes no score."""

        def scaled_links(links: tuple[Alignment, ...]) -> tuple[Alignment, ...]:
            return tuple(attrs.evolve(link, weight=link.weight * factor) for link in links)

        objectives = [
            attrs.evolve(
                o,
                aligned_to=scaled_links(o.aligned_to),
                key_results=[
                    attrs.evolve(
                        kr, weight=kr.weight * factor, aligned_to=scaled_links(kr.aligned_to)
                    )
                    for kr in o.key_results
                ],
            )
            for o in okrs.objectives
        ]
        heavier = attrs.evolve(okrs, objectives=objectives)
        first, second = rollup(okrs, as_of=AS_OF), rollup(heavier, as_of=AS_OF)
        assert {i: first.value(i) for i in first} == {i: second.value(i) for i in second}

    @given(okrs=okr_sets(max_objectives=6, max_checkins=12), strategy=st.sampled_from(STRATEGIES))
    def test_what_if_with_current_values_is_the_same_scorecard(
        self, okrs: OKRSet, strategy: object
    ) -> None:
        """Reporting the values already reported changes nothing."""
        card = rollup(okrs, as_of=AS_OF, strategy=strategy)  # type: ignore[arg-type]
        current = {
            kr.id: latest.value
            for kr in okrs.key_results
            if (latest := card.log.latest(kr.id, AS_OF)) is not None
        }
        assert card.what_if(current) == card
