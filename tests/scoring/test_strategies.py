"""Scoring strategies: worked examples for every strategy and metric kind, and the registry."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata

import pytest

from okrkit import Metric
from okrkit._registry import Registry
from okrkit.errors import RegistryError
from okrkit.i18n import N_, use_locale
from okrkit.scoring import (
    ENTRY_POINT_GROUP,
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
from okrkit.scoring._registry import STRATEGIES

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

    def test_unknown_name_suggests_the_closest(self) -> None:
        """A misspelt name gets a did-you-mean hint, in the active locale."""
        with pytest.raises(UnknownStrategyError, match=r"did you mean 'linear'\?"):
            get("lineer")
        with use_locale("vi"), pytest.raises(LookupError, match="có phải ý bạn là 'zones'"):
            get("zone")

    def test_a_class_is_not_registered(self) -> None:
        """register() wants an instance: a class is refused, not kept in its place."""
        with pytest.raises(RegistryError, match="is not a scoring strategy"):
            register("halves-class", Halves)  # type: ignore[arg-type]
        assert "halves-class" not in available()

    def test_a_fitting_class_passed_is_made(self) -> None:
        """A strategy class passed to get() is made with no arguments."""
        assert isinstance(get(Halves), Halves)  # type: ignore[arg-type]


MADE: list[str] = []


class NotAStrategy:
    """A class with a score() but no combine(): get() must never make one."""

    def __init__(self) -> None:
        MADE.append("NotAStrategy")

    def score(self) -> float:
        """Not a strategy's score."""
        return 0.0


HALVES = Halves()


def make_halves() -> Halves:
    """A factory function, as a plugin's entry point may name."""
    MADE.append("make_halves")
    return Halves()


def make_nothing() -> object:
    """A factory that returns something that is not a strategy."""
    MADE.append("make_nothing")
    return object()


@pytest.fixture(autouse=True)
def _nothing_made() -> Iterator[None]:
    MADE.clear()
    yield
    MADE.clear()


class TestPaths:
    def test_an_unrelated_class_is_never_made(self) -> None:
        """'okrkit:OKRSet' and a class that only looks alike are refused unmade."""
        with pytest.raises(UnknownStrategyError, match="'okrkit:OKRSet' is not a scoring"):
            get("okrkit:OKRSet")
        with pytest.raises(UnknownStrategyError, match="it needs score\\(\\), combine\\(\\)"):
            get(f"{__name__}:NotAStrategy")
        assert MADE == []

    def test_a_function_is_never_called(self) -> None:
        """A path may come from a command line: a function it names is not called."""
        with pytest.raises(UnknownStrategyError, match="is not a scoring strategy"):
            get(f"{__name__}:make_halves")
        assert MADE == []

    def test_an_instance_is_used_as_it_is(self) -> None:
        """A path to a strategy instance gives that instance."""
        assert get(f"{__name__}:HALVES") is HALVES

    def test_a_registry_of_a_base_class_makes_only_its_subclasses(self) -> None:
        """With a plain class as the protocol, a path's class must be a subclass."""
        linears: Registry[Linear] = Registry(
            kind="linear strategy", protocol=Linear, requirement="", built_in={}, group="none"
        )
        assert isinstance(linears.get("okrkit.scoring:Linear"), Linear)
        with pytest.raises(UnknownStrategyError, match=r"'okrkit\.scoring:Grade' is not a linear"):
            linears.get("okrkit.scoring:Grade")


def entry_point(name: str, attribute: str) -> metadata.EntryPoint:
    """An entry point of okrkit's scoring group naming ``attribute`` of this module."""
    return metadata.EntryPoint(name=name, value=f"{__name__}:{attribute}", group=ENTRY_POINT_GROUP)


PLUGINS = [
    entry_point("instance", "HALVES"),
    entry_point("class", "Halves"),
    entry_point("factory", "make_halves"),
    entry_point("bad-factory", "make_nothing"),
    entry_point("bad-class", "NotAStrategy"),
    entry_point("missing", "no_such_name"),
    entry_point("instance", "make_nothing"),  # a second plugin of one name: the first wins
]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Installed plugins faked through importlib.metadata; lists each read of a group."""
    groups: list[str] = []

    def entry_points(*, group: str) -> list[metadata.EntryPoint]:
        groups.append(group)
        return [entry for entry in PLUGINS if entry.group == group]

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    return groups


def fresh() -> Registry[ScoringStrategy]:
    """A scoring registry that has not read its entry points yet."""
    return Registry(
        kind=N_("scoring strategy"),
        protocol=ScoringStrategy,
        requirement=N_("it needs score(), combine() and cap"),
        built_in={"linear": Linear()},
        group=ENTRY_POINT_GROUP,
    )


class TestEntryPoints:
    def test_instance_class_and_factory(self, reads: list[str]) -> None:
        """An entry point may name an instance, a class or a factory function."""
        registry = fresh()
        assert registry.get("instance") is HALVES
        assert isinstance(registry.get("class"), Halves)
        assert isinstance(registry.get("factory"), Halves)
        assert MADE == ["make_halves"]

    def test_listed_after_the_built_in_names(self, reads: list[str]) -> None:
        """available() lists plugins after the built-in names, each name once."""
        names = fresh().available()
        assert names[:2] == ["linear", "instance"]
        assert names.count("instance") == 1

    def test_read_once_and_loaded_once(self, reads: list[str]) -> None:
        """The group is read once per registry, and each entry point loaded once."""
        registry = fresh()
        registry.available()
        first = registry.get("factory")
        assert registry.get("factory") is first
        registry.available()
        with pytest.raises(UnknownStrategyError):
            registry.get("nothing-of-that-name")
        assert reads == [ENTRY_POINT_GROUP]
        assert MADE == ["make_halves"]

    def test_a_factory_must_give_a_strategy(self, reads: list[str]) -> None:
        """What a factory returns is checked; the error names the entry point."""
        with pytest.raises(RegistryError, match=r"entry point 'bad-factory' .*make_nothing"):
            fresh().get("bad-factory")

    def test_a_class_that_does_not_fit_is_never_made(self, reads: list[str]) -> None:
        """A class that is not a strategy is refused before it is made."""
        with pytest.raises(RegistryError, match="entry point 'bad-class'") as caught:
            fresh().get("bad-class")
        assert isinstance(caught.value, ValueError)
        assert MADE == []

    def test_an_entry_point_that_cannot_load(self, reads: list[str]) -> None:
        """An entry point naming nothing is a RegistryError that names it."""
        with pytest.raises(RegistryError, match="cannot load entry point 'missing'"):
            fresh().get("missing")

    def test_scoring_get_finds_plugins(
        self, reads: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """okrkit.scoring.get and available see the installed plugins."""
        monkeypatch.setattr(STRATEGIES, "_entry_points", None)
        monkeypatch.setattr(STRATEGIES, "_loaded", {})
        assert "factory" in available()
        assert isinstance(get("factory"), Halves)
        assert reads == [ENTRY_POINT_GROUP]
