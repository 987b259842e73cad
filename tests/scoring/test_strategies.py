"""Scoring strategies: worked examples for every strategy and metric kind, and the registry."""

from __future__ import annotations

import pytest

from okrkit import Metric
from okrkit.scoring import (
    Grade,
    Linear,
    ScoringStrategy,
    Stepped,
    UnknownStrategyError,
    Zones,
    available,
    band_of,
    get,
    register,
)

INCREASE = Metric(kind="increase", start=27, target=35)  # type: ignore[arg-type]
DECREASE = Metric(kind="decrease", start=1.4, target=0.8)  # type: ignore[arg-type]
AT_LEAST = Metric(kind="at_least", target=99.9, unit="percent")  # type: ignore[arg-type]
AT_MOST = Metric(kind="at_most", target=2, unit="count")  # type: ignore[arg-type]
MILESTONE = Metric(kind="milestone")  # type: ignore[arg-type]


class TestLinear:
    @pytest.mark.parametrize(
        ("metric", "value", "expected"),
        [
            (INCREASE, 31, 0.5),
            (INCREASE, 27, 0.0),
            (INCREASE, 35, 1.0),
            (DECREASE, 1.1, 0.5),
            (DECREASE, 0.8, 1.0),
            (MILESTONE, 0, 0.0),
            (MILESTONE, 1, 1.0),
        ],
    )
    def test_worked_examples(self, metric: Metric, value: float, expected: float) -> None:
        """Linear progress, decreasing metrics included (1.4 -> 0.8 at 1.1 is 0.5)."""
        assert Linear().score(metric, value) == expected

    def test_overshoot_kept_raw(self) -> None:
        """A decrease from 100 to 60 reaching 50 is 1.25 raw; under-shoot goes negative."""
        metric = Metric(kind="decrease", start=100, target=60)  # type: ignore[arg-type]
        assert Linear().score(metric, 50) == 1.25
        assert Linear().score(metric, 110) == -0.25

    def test_no_value_scores_zero(self) -> None:
        """A key result without a check-in scores 0."""
        assert Linear().score(INCREASE, None) == 0.0

    def test_threshold_met(self) -> None:
        """'met': exactly on the line counts as held."""
        assert Linear().score(AT_LEAST, 99.9) == 1.0
        assert Linear().score(AT_LEAST, 99.8) == 0.0
        assert Linear().score(AT_MOST, 2) == 1.0
        assert Linear().score(AT_MOST, 3) == 0.0

    def test_threshold_share(self) -> None:
        """'share': the share of check-ins that held the line."""
        strategy = Linear(threshold_method="share")
        assert strategy.score(AT_MOST, 3, history=[1, 2, 3, 4]) == 0.5

    def test_threshold_distance(self) -> None:
        """'distance': how far the value misses the line, relative to the target."""
        strategy = Linear(threshold_method="distance")
        assert strategy.score(AT_MOST, 3) == 0.5
        assert strategy.score(AT_MOST, 1) == 1.0
        assert strategy.score(AT_LEAST, 0) == 0.0

    def test_combiners(self) -> None:
        """Weighted mean by default; 'minimum' takes the weakest link."""
        pairs = [(1.0, 1.0), (0.4, 3.0)]
        assert Linear().combine(pairs) == pytest.approx(0.55)
        assert Linear(combiner="minimum").combine(pairs) == 0.4
        assert Linear().combine([]) == 0.0


class TestGrade:
    @pytest.mark.parametrize(
        ("value", "grade", "band"),
        [
            (100, 1.0, "delivered"),
            (66, 0.7, "delivered"),
            (35, 0.4, "progress"),
            (30, 0.3, "off track"),
        ],
    )
    def test_source_003_grades(self, value: float, grade: float, band: str) -> None:
        """Grades round to one decimal: 1.0 done, 0.7 good progress, 0.3 off track."""
        metric = Metric(kind="increase", start=0, target=100)  # type: ignore[arg-type]
        assert Grade().score(metric, value) == grade
        assert band_of(grade) == band

    def test_grade_is_clamped(self) -> None:
        """A grade never leaves 0.0-1.0."""
        metric = Metric(kind="decrease", start=100, target=60)  # type: ignore[arg-type]
        assert Grade().score(metric, 20) == 1.0
        assert Grade().score(metric, 140) == 0.0


class TestZones:
    @pytest.mark.parametrize(
        ("value", "score", "zone"),
        [(20, 0.2, "fail"), (45, 0.45, "commit"), (70, 0.7, "target"), (100, 1.0, "stretch")],
    )
    def test_zones(self, value: float, score: float, zone: str) -> None:
        """Commit at 30% of the way to the stretch, target at 70%."""
        metric = Metric(kind="increase", start=0, target=70, stretch=100)  # type: ignore[arg-type]
        assert Zones().score(metric, value) == pytest.approx(score)
        assert Zones().zone(metric, value) == zone

    def test_target_without_stretch_is_the_70_percent_point(self) -> None:
        """Without a stretch, meeting the target scores 0.7."""
        assert Zones().score(INCREASE, 35) == pytest.approx(0.7)


class TestStepped:
    def test_steps(self) -> None:
        """The highest step reached gives the score."""
        metric = Metric(kind="increase", start=0, target=10)  # type: ignore[arg-type]
        assert [Stepped().score(metric, v) for v in (2, 3, 8, 10)] == [0.0, 0.3, 0.7, 1.0]
        custom = Stepped(steps=((0.5, 0.5), (1.0, 1.0)))
        assert custom.score(metric, 6) == 0.5

    def test_steps_must_not_fall(self) -> None:
        """More progress never gives a lower step score."""
        with pytest.raises(ValueError, match="must not give a lower score"):
            Stepped(steps=((0.5, 0.8), (1.0, 0.6)))


class Halves:
    """A third-party strategy: every key result scores half its linear progress."""

    cap = True

    def score(self, metric: Metric, value: float | None, *, history: object = ()) -> float:
        """Half of linear progress."""
        return Linear().score(metric, value) / 2

    def combine(self, scores: list[tuple[float, float]]) -> float:
        """The weighted mean."""
        return Linear().combine(scores)


class TestRegistry:
    def test_built_in_names(self) -> None:
        """The four built-in strategies are available by name."""
        assert available()[:4] == ["linear", "grade", "zones", "stepped"]
        assert isinstance(get("zones"), Zones)

    def test_unknown_name_lists_known(self) -> None:
        """An unknown name lists the names that exist."""
        with pytest.raises(UnknownStrategyError, match="use one of linear, grade, zones, stepped"):
            get("lineer")

    def test_register_and_path(self) -> None:
        """Your own strategies register by name, or load from 'module:attribute'."""
        strategy = Halves()
        assert isinstance(strategy, ScoringStrategy)
        register("halves", strategy)
        assert get("halves") is strategy
        assert isinstance(get(f"{__name__}:Halves"), Halves)
        with pytest.raises(ValueError, match="built-in"):
            register("linear", strategy)
        with pytest.raises(ValueError, match="not a scoring strategy"):
            register("nothing", object())  # type: ignore[arg-type]
        with pytest.raises(UnknownStrategyError, match="cannot import"):
            get("no.such.module:thing")
