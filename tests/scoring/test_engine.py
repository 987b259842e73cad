"""The columnar scoring engine: its promises, its checks and the traps it must not fall in."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import math
import types
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import builders
import okrkit
from builders import objective
from okrkit import CheckIn, Cycle, Metric, MetricKind, Objective, OKRSet, Owner
from okrkit.errors import StrategyError, UsageError, ValidationError
from okrkit.i18n import use_locale
from okrkit.scoring import (
    Grade,
    History,
    Linear,
    MetricArrays,
    Score,
    Stepped,
    Zones,
    rollup,
)
from okrkit.testing import metrics, okr_sets

Q1 = Cycle.quarter(2026, 1)
MID_MARCH = dt.date(2026, 3, 15)
STRATEGIES = [
    Linear(),
    Linear(threshold_method="share"),
    Linear(threshold_method="distance"),
    Grade(),
    Zones(),
    Stepped(),
]


# Key results increase from 0 to 100 here, so that values read as percentages.
kr = functools.partial(builders.kr, target=100)


def okr_set(objectives: list[Objective], values: dict[str, float], confidence: int = 3) -> OKRSet:
    """A set whose key results each have one check-in on 1 March."""
    return OKRSet(
        cycles=[Q1],
        owners=[
            Owner(id="team", name="Team", kind="team"),  # type: ignore[arg-type]
            Owner(id="lan", name="Lan", parent="team"),
        ],
        objectives=objectives,
        checkins=[
            CheckIn(key_result=k, on=dt.date(2026, 3, 1), value=v, confidence=confidence)
            for k, v in values.items()
        ],
    )


class TestDates:
    @pytest.mark.parametrize(
        "as_of",
        ["2026-03-15", dt.datetime(2026, 3, 15, 18, 5), pd.Timestamp("2026-03-15"), MID_MARCH],
    )
    def test_as_of_in_every_spelling(self, as_of: object) -> None:
        """score() takes ISO text, datetimes and pandas Timestamps as well as dates."""
        okrs = okr_set([objective("o", kr("a"))], {"a": 50})
        card = okrs.score(as_of=as_of)
        assert card.as_of == MID_MARCH
        assert card == okrs.score(as_of=MID_MARCH)

    def test_bad_as_of_is_refused(self) -> None:
        """Text that is not a date raises a ValidationError, not an AttributeError."""
        with pytest.raises(ValidationError, match="'as_of' must be a date"):
            okr_set([objective("o", kr("a"))], {"a": 50}).score(as_of="next Friday")


class TestLookups:
    def test_an_unknown_id_names_the_closest(self) -> None:
        """card[id] for an unknown id raises UnknownIdError (a KeyError) with a hint."""
        card = okr_set([objective("o", kr("velocity"))], {"velocity": 50}).score(as_of=MID_MARCH)
        with pytest.raises(okrkit.UnknownIdError, match="did you mean 'velocity'") as caught:
            card["velocty"]
        assert isinstance(caught.value, KeyError)

    def test_columns_and_statuses(self) -> None:
        """ids(), values() and statuses() line up with the scores."""
        card = okr_set([objective("o", kr("a"), kr("b"))], {"a": 100, "b": 0}).score(
            as_of=MID_MARCH
        )
        assert card.ids() == ("a", "b", "o")
        assert card.values().tolist() == [1.0, 0.0, 0.5]
        assert card.statuses()[0] is okrkit.Status.DONE
        assert [card[i].status for i in card.ids()] == list(card.statuses())


class TestAspiration:
    def test_key_results_of_an_aspirational_objective_are_expected_to_reach_seventy(
        self,
    ) -> None:
        """During the cycle an aspirational objective and its key results pace toward 0.7."""
        okrs = okr_set([objective("asp", kr("a"), ambition="aspirational")], {"a": 60})
        card = okrs.score(as_of=dt.date(2026, 3, 31))
        assert card["a"].expected == pytest.approx(0.7)
        assert card["asp"].expected == pytest.approx(0.7)
        assert card["a"].status is okrkit.Status.ON_TRACK


class TestWhatIf:
    def test_unknown_key_result_is_refused(self) -> None:
        """what_if names an id that is not a key result of the card."""
        card = okr_set([objective("o", kr("a"))], {"a": 50}).score(as_of=MID_MARCH)
        with pytest.raises(ValidationError, match="'unknown-kr' is not a key result"):
            card.what_if({"unknown-kr": 3})
        with pytest.raises(ValidationError, match="'o' is not a key result"):
            card.what_if({"o": 3})

    @pytest.mark.parametrize("value", [math.nan, math.inf, "lots", "80", True, False, None, 1j])
    def test_values_that_are_not_finite_numbers_are_refused(self, value: Any) -> None:
        """NaN, infinity, text (even of digits), bools and None never spread into the scores."""
        card = okr_set([objective("o", kr("a"))], {"a": 50}).score(as_of=MID_MARCH)
        with pytest.raises(ValidationError, match="the value for 'a' must be a finite number"):
            card.what_if({"a": value})

    @pytest.mark.parametrize("values", [[("a", 80)], None, "a=80", 80])
    def test_anything_but_a_mapping_is_refused(self, values: Any) -> None:
        """what_if of a list, text or None raises UsageError saying to pass a mapping."""
        card = okr_set([objective("o", kr("a"))], {"a": 50}).score(as_of=MID_MARCH)
        with pytest.raises(UsageError, match="takes a mapping of key result id to value"):
            card.what_if(values)

    def test_every_bad_entry_reported_at_once(self) -> None:
        """Unknown ids and bad values of one what_if come in one error."""
        card = okr_set([objective("o", kr("a"), kr("b"))], {"a": 50}).score(as_of=MID_MARCH)
        with pytest.raises(ValidationError) as excinfo:
            card.what_if({"nope": 1, "a": "80", "b": math.nan, "o": 2})
        assert [p.entity_id for p in excinfo.value.problems] == ["nope", "a", "b", "o"]

    @pytest.mark.parametrize("value", [80, 80.0, np.float32(80), np.int64(80), Decimal(80)])
    def test_numbers_of_any_type_are_used(self, value: Any) -> None:
        """An int, a float, a numpy number or a Decimal is supposed as given."""
        card = okr_set([objective("o", kr("a"))], {"a": 50}).score(as_of=MID_MARCH)
        assert card.what_if(types.MappingProxyType({"a": value})).value("a") == pytest.approx(0.8)


class TestDrivers:
    def test_children_without_child_objectives_falls_back_and_says_so(self) -> None:
        """drivers='children' on a leaf scores it from its key results and says so."""
        okrs = okr_set([objective("o", kr("a"), kr("b"))], {"a": 50, "b": 100})
        card = okrs.score(as_of=MID_MARCH, drivers="children")
        assert card.value("o") == pytest.approx(0.75)
        (note,) = card.diagnostics
        assert note.entity_id == "o"
        assert okrs.score(as_of=MID_MARCH).diagnostics == ()


class TestConfidence:
    def test_objective_confidence_includes_its_children(self) -> None:
        """A parent's confidence weighs in the confidence of the objectives below it."""
        okrs = OKRSet(
            cycles=[Q1],
            owners=[Owner(id="team", name="Team", kind="team")],  # type: ignore[arg-type]
            objectives=[objective("top", kr("t")), objective("low", kr("l"), aligned_to="top")],
            checkins=[
                CheckIn(key_result="t", on="2026-03-01", value=50, confidence=5),
                CheckIn(key_result="l", on="2026-03-01", value=50, confidence=1),
            ],
        )
        card = okrs.score(as_of=MID_MARCH)
        assert card["low"].confidence == 1.0
        assert card["top"].confidence == pytest.approx(3.0)

    def test_net_confidence_of_a_person_who_owns_only_key_results(self) -> None:
        """A person owning key results but no objective has a net confidence."""
        okrs = okr_set([objective("o", kr("a", owners="lan"), kr("b"))], {"a": 100, "b": 0})
        card = okrs.score(as_of=MID_MARCH)
        assert card.net_confidence("lan") == 100.0
        assert card.net_confidence("team") == 0.0
        assert card.net_confidence("nobody") is None


class _Broken:
    """A strategy that breaks its promises in the way named at construction."""

    cap = True

    def __init__(self, how: str) -> None:
        self.how = how

    def __repr__(self) -> str:
        return f"Broken({self.how})"

    def score(
        self, metric: Metric, value: float | None, *, history: Sequence[float] = ()
    ) -> float:
        return math.nan if self.how == "nan" else Linear().score(metric, value)

    def combine(self, scores: Sequence[tuple[float, float]]) -> float:
        return 42.0 if self.how == "42" else Linear().combine(scores)


class TestProtocolPromises:
    @pytest.mark.parametrize(("how", "message"), [("42", "combined"), ("nan", "not NaN")])
    def test_a_broken_strategy_is_named(self, how: str, message: str) -> None:
        """A combine that returns 42 or a score that is NaN raises, naming the strategy."""
        okrs = okr_set([objective("o", kr("a"), kr("b"))], {"a": 10, "b": 20})
        with pytest.raises(StrategyError, match=message) as caught:
            okrs.score(as_of=MID_MARCH, strategy=_Broken(how))
        assert caught.value.strategy == f"Broken({how})"

    def test_a_scalar_only_strategy_scores_through_the_fallback(self) -> None:
        """A strategy with only score() and combine() gives the built-in's numbers."""
        okrs = okrkit.load("examples/acme.en.yaml")
        fallback = okrs.score(as_of=MID_MARCH, strategy=_Broken("none"))
        built_in = okrs.score(as_of=MID_MARCH)
        for ident in built_in:
            assert fallback.value(ident) == pytest.approx(built_in.value(ident), abs=1e-12)

    def test_the_garbage_collector_is_left_alone(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Scoring never turns off the garbage collector."""

        def refuse() -> None:
            raise AssertionError("gc.disable() called")

        okrs = okrkit.load("examples/acme.en.yaml")
        monkeypatch.setattr(gc, "disable", refuse)
        okrs.score(as_of=MID_MARCH)
        assert gc.isenabled()


class TestForecast:
    def test_no_straight_line_for_a_milestone(self) -> None:
        """A milestone is done or not: it gets no least-squares forecast."""
        milestone = kr("m", metric=Metric(kind="milestone"))  # type: ignore[arg-type]
        okrs = OKRSet(
            cycles=[Q1],
            owners=[Owner(id="team", name="Team", kind="team")],  # type: ignore[arg-type]
            objectives=[objective("o", milestone)],
            checkins=[
                CheckIn(key_result="m", on="2026-01-09", value=0),
                CheckIn(key_result="m", on="2026-02-09", value=0),
                CheckIn(key_result="m", on="2026-03-09", value=1),
            ],
        )
        assert okrs.score(as_of=MID_MARCH).forecast("m") is None


class TestVectorisedScores:
    @given(
        metric=metrics(),
        values=st.lists(st.floats(-1e6, 1e6, allow_nan=False) | st.none(), min_size=1, max_size=6),
        strategy=st.sampled_from(STRATEGIES),
    )
    def test_score_array_equals_score(
        self, metric: Metric, values: list[float | None], strategy: Any
    ) -> None:
        """For every built-in strategy, the vectorised score is the scalar score exactly."""
        if metric.kind is MetricKind.MILESTONE:
            values = [None if v is None else float(v > 0) for v in values]
        latest = np.array([math.nan if v is None else v for v in values])
        reported = [v for v in values if v is not None]
        history = History(
            values=np.array(reported, dtype=np.float64),
            starts=np.zeros(len(values), dtype=np.int64),
            stops=np.full(len(values), len(reported), dtype=np.int64),
        )
        arrays = MetricArrays.of([metric] * len(values))
        got = strategy.score_array(arrays, latest, history)
        for position, value in enumerate(values):
            earlier = (*reported, value) if value is not None else ()
            assert got[position] == strategy.score(metric, value, history=earlier)


class TestLeverage:
    @given(okrs=okr_sets(max_objectives=6, max_checkins=12), data=st.data())
    def test_one_pass_equals_one_what_if_each(self, okrs: OKRSet, data: st.DataObject) -> None:
        """The vectorised gains are the what-if gains, for every objective."""
        if not okrs.objectives:
            return
        objective = data.draw(st.sampled_from([o.id for o in okrs.objectives]))
        as_of = data.draw(st.sampled_from([dt.date(2026, 3, 15), dt.date(2099, 1, 1)]))
        card = okrs.score(as_of=as_of)
        base = card.value(objective)
        for ident, gain in card.leverage(objective):
            metric = okrs.key_result(ident).metric
            target = 1.0 if metric.kind is MetricKind.MILESTONE else metric.target
            assert target is not None
            expected = card.what_if({ident: target}).value(objective) - base
            assert gain == pytest.approx(expected, abs=1e-9)

    def test_minimum_combiner_uses_what_if(self) -> None:
        """With the weakest-link combiner, gains come from one what-if each."""
        okrs = okr_set([objective("o", kr("a"), kr("b"))], {"a": 10, "b": 50})
        card = rollup(okrs, as_of=MID_MARCH, strategy=Linear(combiner="minimum"))
        assert card.leverage("o") == [("a", pytest.approx(0.4)), ("b", 0.0)]


class TestWithCheckins:
    def test_adds_checks_and_keeps_the_plan(self) -> None:
        """with_checkins validates the new rows only and shares the scoring plan."""
        okrs = okr_set([objective("o", kr("a"))], {"a": 50})
        okrs.score(as_of=MID_MARCH)
        more = okrs.with_checkins([CheckIn(key_result="a", on="2026-03-10", value=80)])
        assert more.score(as_of=MID_MARCH).value("a") == 0.8
        assert okrs.score(as_of=MID_MARCH).value("a") == 0.5
        assert more._derived is okrs._derived
        with pytest.raises(ValidationError, match="already has a check-in on Mar 1, 2026"):
            okrs.with_checkins([CheckIn(key_result="a", on="2026-03-01", value=80)])
        with pytest.raises(ValidationError, match="unknown key result 'zz'"):
            okrs.with_checkins([CheckIn(key_result="zz", on="2026-03-01", value=80)])
        assert len(okrs.checkins) == 1

    def test_sets_sharing_a_plan_score_their_own_check_ins(self) -> None:
        """The plan keeps the key results' codes in one log; a log with new ids gets its own."""
        okrs = okr_set([objective("o", kr("a"), kr("b"))], {"a": 50})
        first = okrs.score(as_of=MID_MARCH)
        more = okrs.with_checkins([CheckIn(key_result="b", on="2026-03-10", value=30)])
        same_ids = okrs.with_checkins([CheckIn(key_result="a", on="2026-03-10", value=70)])
        for _ in range(2):  # back and forth, so a kept code table is reused and replaced
            assert okrs.score(as_of=MID_MARCH).values().tolist() == first.values().tolist()
            assert more.score(as_of=MID_MARCH).value("b") == pytest.approx(0.3)
            assert more.score(as_of=MID_MARCH).value("a") == pytest.approx(0.5)
            assert same_ids.score(as_of=MID_MARCH).value("a") == pytest.approx(0.7)
            assert same_ids.score(as_of=MID_MARCH).value("b") == 0.0

    def test_equal_to_a_set_built_whole(self) -> None:
        """A set with check-ins added equals the set built with all of them."""
        okrs = okr_set([objective("o", kr("a"))], {"a": 50})
        extra = CheckIn(key_result="a", on="2026-03-10", value=80)
        whole = OKRSet(
            cycles=okrs.cycles,
            owners=okrs.owners,
            objectives=okrs.objectives,
            checkins=[*okrs.checkins, extra],
        )
        assert okrs.with_checkins([extra]) == whole


def _plain(score: Score) -> str:
    """A score as text, NaN equal to NaN (``attrs`` compares NaN fields unequal)."""
    return repr(attrs.asdict(score))


class TestScoreListings:
    @given(okrs=okr_sets(max_objectives=6, max_checkins=12), data=st.data())
    def test_together_equals_one_by_one(self, okrs: OKRSet, data: st.DataObject) -> None:
        """``card.key_results`` and ``card.objectives`` hold what ``card[id]`` gives."""
        strategy = data.draw(st.sampled_from(["linear", "grade", "zones", "stepped"]))
        as_of = data.draw(st.sampled_from([dt.date(2026, 3, 15), dt.date(2099, 1, 1)]))
        locale = data.draw(st.sampled_from(["vi", "en"]))
        with use_locale(locale):
            card = okrs.score(as_of=as_of, strategy=strategy)
            together = [*card.key_results, *card.objectives]
            one_by_one = [card[ident] for ident in card.ids()]
        assert [_plain(s) for s in together] == [_plain(s) for s in one_by_one]

    def test_final_grades_and_reasons(self) -> None:
        """A final grade's computed score and reason come with the listed scores too."""
        from okrkit import FinalGrade

        okrs = okr_set(
            [
                objective(
                    "o",
                    builders.kr("a", final_grade=FinalGrade(value=0.5, reason="late start")),
                    builders.kr("b"),
                    final_grade=FinalGrade(value=0.4, reason="agreed"),
                )
            ],
            {"a": 8, "b": 3},
        )
        card = okrs.score(as_of=dt.date(2026, 4, 2))
        listed = {score.id: score for score in (*card.key_results, *card.objectives)}
        assert listed["a"].reason == "late start"
        assert listed["a"].computed == card["a"].computed
        assert listed["a"].computed is not None
        assert listed["o"].reason == "agreed"
        assert [_plain(listed[i]) for i in card.ids()] == [_plain(card[i]) for i in card.ids()]


class TestBandCodes:
    def test_a_score_reads_the_same_in_every_locale(self) -> None:
        """``score.band`` is a code; its label is read in the locale active when asked."""
        example = Path(__file__).parents[2] / "examples" / "acme.en.yaml"
        card = okrkit.load(example).score(as_of=dt.date(2026, 3, 20))
        with use_locale("vi"):
            read_in_vietnamese = card["kr-co-mrr"]
            label = read_in_vietnamese.band_label
        read_in_english = card["kr-co-mrr"]
        assert read_in_vietnamese == read_in_english
        assert read_in_english.band in {"off_track", "progress", "delivered"}
        assert read_in_english.band_label == read_in_english.band.replace("_", " ")
        assert label != read_in_english.band_label
        assert not label.isascii()  # Vietnamese words
