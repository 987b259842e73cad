"""Roll-up: scorecards of the example and of small hand-made sets."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

import builders
import okrkit
from builders import objective
from okrkit import (
    Alignment,
    CheckIn,
    Cycle,
    LinkKind,
    Metric,
    Objective,
    OKRSet,
    Owner,
    Status,
)
from okrkit.checkins import CheckInLog
from okrkit.scoring import Pace, rollup

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Q1 = Cycle.quarter(2026, 1)
MID_MARCH = dt.date(2026, 3, 15)


# Key results increase from 0 to 100 here, so that values read as percentages.
kr = functools.partial(builders.kr, target=100)


def okr_set(objectives: list[Objective], values: dict[str, float]) -> OKRSet:
    """A set whose key results each have one check-in on 1 March."""
    return OKRSet(
        cycles=[Q1],
        owners=[Owner(id="team", name="Team", kind="team")],  # type: ignore[arg-type]
        objectives=objectives,
        checkins=[
            CheckIn(key_result=k, on=dt.date(2026, 3, 1), value=v, confidence=3)
            for k, v in values.items()
        ],
    )


class TestExample:
    def test_every_objective_scored_and_behind_pace_flagged(self) -> None:
        """At mid-March every objective has a score and a status; late key results show it."""
        okrs = okrkit.load(EXAMPLES / "acme.yaml")
        card = okrs.score(as_of=MID_MARCH)
        for each in okrs.objectives:
            score = card[each.id]
            assert 0.0 <= score.value <= 1.0
            assert score.status in Status
        for late in ("kr-velocity", "kr-trial-conv", "kr-lead-time", "kr-dn-mrr"):
            assert card[late].status in (Status.AT_RISK, Status.OFF_TRACK), late
        assert card["kr-roadmap"].status is Status.DONE
        assert card["kr-brand-search"].status is Status.NOT_STARTED

    def test_pure(self) -> None:
        """Scoring changes neither the set nor its graph."""
        okrs = okrkit.load(EXAMPLES / "acme.yaml")
        before = okrkit.dumps(okrs, "json")
        okrs.score(as_of=MID_MARCH, strategy="grade")
        assert okrkit.dumps(okrs, "json") == before


class TestRules:
    def test_objective_is_weighted_mean_of_key_results(self) -> None:
        """Key-result weights weigh in."""
        okrs = okr_set([objective("o", kr("a", weight=3), kr("b"))], {"a": 100, "b": 0})
        assert okrs.score(as_of=MID_MARCH).value("o") == pytest.approx(0.75)

    def test_children_count_by_link_weight_and_supports_do_not(self) -> None:
        """Three teams with targets of 100k, 20k and 1k count in proportion."""
        okrs = okr_set(
            [
                objective("top", level="company"),
                objective("t1", kr("k1"), aligned_to=[Alignment(parent="top", weight=100)]),
                objective("t2", kr("k2"), aligned_to=[Alignment(parent="top", weight=20)]),
                objective("t3", kr("k3"), aligned_to=[Alignment(parent="top", weight=1)]),
                objective(
                    "s", kr("k4"), aligned_to=[Alignment(parent="top", kind=LinkKind.SUPPORTS)]
                ),
            ],
            {"k1": 50, "k2": 100, "k3": 0, "k4": 100},
        )
        expected = (0.5 * 100 + 1.0 * 20 + 0.0 * 1) / 121
        assert okrs.score(as_of=MID_MARCH).value("top") == pytest.approx(expected)

    def test_drivers(self) -> None:
        """Key results, children or both drive an objective, per objective if wanted."""
        okrs = okr_set(
            [
                objective("top", kr("own"), level="company"),
                objective("child", kr("c"), aligned_to="top"),
            ],
            {"own": 100, "c": 0},
        )
        assert okrs.score(as_of=MID_MARCH).value("top") == pytest.approx(0.5)
        assert okrs.score(as_of=MID_MARCH, drivers="key_results").value("top") == 1.0
        assert okrs.score(as_of=MID_MARCH, drivers="children").value("top") == 0.0
        assert okrs.score(as_of=MID_MARCH, drivers={"top": "children"}).value("top") == 0.0

    def test_child_with_two_parents_counts_in_each(self) -> None:
        """One objective aligned to two parents counts toward both."""
        okrs = okr_set(
            [
                objective("p1", level="company"),
                objective("p2", level="company"),
                objective("child", kr("c"), aligned_to=["p1", "p2"]),
            ],
            {"c": 40},
        )
        card = okrs.score(as_of=MID_MARCH)
        assert card.value("p1") == card.value("p2") == pytest.approx(0.4)

    def test_key_result_aligned_to_key_result(self) -> None:
        """A key result aligned to a key result counts toward its progress."""
        okrs = okr_set(
            [
                objective("top", kr("company-kr"), level="company"),
                objective("team-o", kr("team-kr", aligned_to="company-kr")),
            ],
            {"team-kr": 100},
        )
        card = okrs.score(as_of=MID_MARCH)
        assert card.value("company-kr") == 1.0
        assert card["company-kr"].status is Status.DONE

    def test_uncapped_strategy_rolls_up_overshoot(self) -> None:
        """With cap off, overshoot rolls up."""
        from okrkit.scoring import Linear

        okrs = okr_set([objective("o", kr("a"), kr("b"))], {"a": 150, "b": 50})
        assert okrs.score(as_of=MID_MARCH).value("o") == pytest.approx(0.75)
        assert okrs.score(as_of=MID_MARCH, strategy=Linear(cap=False)).value("o") == 1.0
        assert okrs.score(as_of=MID_MARCH)["a"].raw == 1.5

    def test_status_by_pace(self) -> None:
        """At 80% of the quarter, 70% is on track, 50% at risk, 30% off track."""
        okrs = okr_set(
            [objective("o", kr("on"), kr("risk"), kr("off"), kr("none"))],
            {"on": 70, "risk": 50, "off": 30},
        )
        card = okrs.score(as_of=dt.date(2026, 3, 13))
        assert card["on"].expected == pytest.approx(71 / 89)
        assert [card[k].status for k in ("on", "risk", "off", "none")] == [
            Status.ON_TRACK,
            Status.AT_RISK,
            Status.OFF_TRACK,
            Status.NOT_STARTED,
        ]
        ratio = okrs.score(as_of=dt.date(2026, 3, 13), pace=Pace(method="ratio"))
        assert ratio["on"].status is Status.AT_RISK

    def test_aspirational_judged_against_seventy_percent(self) -> None:
        """After the cycle 0.7 achieves an aspirational objective, and misses a committed one.

        Objectives and their key results read alike.
        """
        values = {"a": 70, "c": 70}
        okrs = okr_set(
            [objective("asp", kr("a"), ambition="aspirational"), objective("com", kr("c"))], values
        )
        card = okrs.score(as_of=dt.date(2026, 4, 2))
        assert card["asp"].status is Status.ACHIEVED
        assert card["a"].status is Status.ACHIEVED
        assert card["com"].status is Status.MISSED
        assert card["c"].status is Status.MISSED
        assert card["asp"].expected == pytest.approx(0.7)

    def test_status_is_final_after_the_cycle(self) -> None:
        """A committed key result at 0.81 after the end is missed, not on track."""
        okrs = okr_set([objective("o", kr("a"), kr("b"))], {"a": 81, "b": 100})
        during = okrs.score(as_of=dt.date(2026, 3, 31))
        after = okrs.score(as_of=dt.date(2026, 4, 1))
        assert during["a"].status is Status.ON_TRACK
        assert after["a"].status is Status.MISSED
        assert after["b"].status is Status.ACHIEVED
        assert after["o"].status is Status.MISSED

    def test_worst_status(self) -> None:
        """objective_status='worst' takes the worst key result's status."""
        okrs = okr_set([objective("o", kr("a"), kr("b"))], {"a": 100, "b": 10})
        card = okrs.score(as_of=dt.date(2026, 3, 13), objective_status="worst")
        assert card["o"].status is Status.OFF_TRACK


class TestDecisionSupport:
    def test_what_if_and_leverage(self) -> None:
        """what_if reports other values; leverage ranks what would lift an objective most."""
        okrs = okr_set([objective("o", kr("a", weight=2), kr("b"))], {"a": 50, "b": 50})
        card = okrs.score(as_of=MID_MARCH)
        assert card.what_if({"b": 100}).value("o") == pytest.approx((0.5 * 2 + 1.0) / 3)
        assert [k for k, _gain in card.leverage("o")] == ["a", "b"]
        assert card.leverage("o")[0][1] == pytest.approx(1 / 3)

    def test_confidence(self) -> None:
        """Confidence rolls up as a weighted mean; net confidence is on track minus off."""
        okrs = okr_set([objective("o", kr("a"), kr("b"))], {"a": 100, "b": 0})
        card = okrs.score(as_of=MID_MARCH)
        assert card["o"].confidence == 3.0
        assert card.net_confidence("team") == 0.0

    def test_forecast(self) -> None:
        """A least-squares line through the check-ins, with a band from the residuals."""
        checkins = [
            CheckIn(key_result="a", on=dt.date(2026, 1, 1) + dt.timedelta(days=7 * w), value=v)
            for w, v in enumerate([0, 9, 21, 29, 41])
        ]
        okrs = OKRSet(
            cycles=[Q1],
            owners=[Owner(id="team", name="Team")],
            objectives=[objective("o", kr("a"))],
            checkins=checkins,
        )
        card = okrs.score(as_of=dt.date(2026, 2, 1))
        forecast = card.forecast("a")
        assert forecast is not None
        assert card["a"].forecast == forecast
        assert card["o"].forecast is None
        assert forecast.on == Q1.end
        assert forecast.low < forecast.value < forecast.high
        assert 100 < forecast.value < 130
        assert okrs.score(as_of=dt.date(2026, 1, 2)).forecast("a") is None


class TestCheckInLog:
    def test_lookups(self) -> None:
        """latest, value_at and history read the log as of a date."""
        log = CheckInLog(
            [
                CheckIn(key_result="a", on=dt.date(2026, 1, 16), value=2),
                CheckIn(key_result="a", on=dt.date(2026, 1, 9), value=1),
            ]
        )
        assert [c.value for c in log.history("a")] == [1, 2]
        assert log.value_at("a", dt.date(2026, 1, 10)) == 1
        assert log.latest("a", as_of=dt.date(2026, 1, 1)) is None
        assert log.value_at("b", dt.date(2026, 1, 10)) is None

    def test_unknown_key_result_rejected_and_outside_cycle_warned(self) -> None:
        """Unknown key results raise; check-ins outside the cycle are diagnostics."""
        with pytest.raises(okrkit.ValidationError, match="unknown key result 'b'"):
            CheckInLog(
                [CheckIn(key_result="b", on=dt.date(2026, 1, 9), value=1)], key_results=["a"]
            )
        log = CheckInLog(
            [CheckIn(key_result="a", on=dt.date(2026, 5, 1), value=1)],
            key_results=["a"],
            cycles={"a": Q1},
        )
        (problem,) = log.diagnostics
        assert problem.entity_id == "a"
        assert "outside cycle '2026-Q1'" in problem.message

    def test_from_columns_matches(self) -> None:
        """A log built from columns answers like one built from check-ins."""
        log = CheckInLog.from_columns(
            ["a", "a"], [dt.date(2026, 1, 16), dt.date(2026, 1, 9)], [2, 1]
        )
        assert log.value_at("a", dt.date(2026, 1, 20)) == 2
        with pytest.raises(okrkit.ValidationError, match="same length"):
            CheckInLog.from_columns(["a"], [], [])

    def test_rollup_accepts_checkins(self) -> None:
        """Rollup takes a graph with a log or plain check-ins."""
        okrs = okr_set([objective("o", kr("a"))], {"a": 50})
        card = rollup(okrs.graph, okrs.checkins, as_of=MID_MARCH)
        assert card.value("o") == 0.5


class TestPlanCache:
    def test_changing_the_graph_changes_the_scores(self) -> None:
        """The scoring plan kept on a graph is redone after the graph changes."""
        from okrkit.graph import AlignmentGraph

        okrs = okr_set([objective("o", kr("a")), objective("p", kr("b"))], {"a": 100, "b": 0})
        graph = AlignmentGraph.from_okrset(okrs)
        log = CheckInLog.from_okrset(okrs)
        assert rollup(graph, log, as_of=MID_MARCH).value("o") == 1.0
        graph.align("p", "o")
        assert rollup(graph, log, as_of=MID_MARCH).value("o") == 0.5
        graph.remove("p")
        assert rollup(graph, log, as_of=MID_MARCH).value("o") == 1.0

    def test_views_are_scored_fresh(self) -> None:
        """A read-only view follows its graph, and so do its scores."""
        from okrkit.graph import AlignmentGraph

        okrs = okr_set([objective("o", kr("a")), objective("q", kr("c"))], {"a": 100})
        graph = AlignmentGraph.from_okrset(okrs)
        view = graph.read_only_view()
        log = CheckInLog.from_okrset(okrs)
        assert rollup(view, log, as_of=MID_MARCH).value("o") == 1.0
        graph.align("q", "o")
        assert rollup(view, log, as_of=MID_MARCH).value("o") == 0.5

    def test_same_day_ties_do_not_depend_on_order(self) -> None:
        """A log given two values for one day reads the same whatever their order."""
        day = dt.date(2026, 1, 9)
        one = CheckInLog([CheckIn(key_result="a", on=day, value=v) for v in (1, 2)])
        two = CheckInLog([CheckIn(key_result="a", on=day, value=v) for v in (2, 1)])
        assert one.value_at("a", day) == two.value_at("a", day) == 2


class TestFinalGradesAndPlans:
    def test_final_grade_after_the_cycle(self) -> None:
        """After the cycle an owner's final grade stands in; the computed score is kept."""
        from okrkit import FinalGrade

        grade = FinalGrade(value=0.6, reason="The market moved; we shipped what mattered.")
        okrs = okr_set(
            [
                objective(
                    "o",
                    kr("a", final_grade=grade),
                    kr("b"),
                    final_grade=FinalGrade(value=0.9, reason="Good"),
                )
            ],
            {"a": 30, "b": 100},
        )
        during = okrs.score(as_of=MID_MARCH)
        assert during["a"].value == pytest.approx(0.3)
        assert during["a"].computed is None
        after = okrs.score(as_of=dt.date(2026, 4, 1))
        assert after["a"].value == 0.6
        assert after["a"].computed == pytest.approx(0.3)
        assert after["a"].reason == "The market moved; we shipped what mattered."
        assert after["o"].value == 0.9
        assert after["o"].computed == pytest.approx(0.8)

    def test_final_grade_rules(self) -> None:
        """A final grade lies in [0, 1] and needs a reason."""
        from okrkit import FinalGrade, ValidationError

        with pytest.raises(ValidationError) as excinfo:
            FinalGrade(value=1.2, reason="")
        assert [p.path for p in excinfo.value.problems] == ["value", "reason"]

    def test_phased_targets_shape_the_expected_curve(self) -> None:
        """With a plan, expected progress follows the planned values, not a straight line."""
        from okrkit import PlannedValue

        plan = [
            PlannedValue(on=dt.date(2026, 2, 28), value=10),
            PlannedValue(on=dt.date(2026, 3, 15), value=50),
        ]
        okrs = okr_set(
            [objective("o", kr("late", plan=plan), kr("straight"))], {"late": 20, "straight": 20}
        )
        card = okrs.score(as_of=dt.date(2026, 3, 5))
        assert card["late"].expected == pytest.approx((10 + 40 * 5 / 15) / 100)
        assert card["late"].status is Status.ON_TRACK
        assert card["straight"].expected == pytest.approx(63 / 89)
        assert card["straight"].status is Status.OFF_TRACK

    def test_plan_rules_and_file_round_trip(self) -> None:
        """Plans are for moving metrics, inside the cycle, and survive every format."""
        from okrkit import FinalGrade, PlannedValue, ValidationError

        with pytest.raises(ValidationError, match="needs an increase or decrease metric"):
            kr(
                "m",
                metric=Metric(kind="milestone"),
                plan=[PlannedValue(on=dt.date(2026, 2, 1), value=1)],
            )  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="falls outside cycle"):
            okr_set(
                [objective("o", kr("a", plan=[PlannedValue(on=dt.date(2026, 5, 1), value=5)]))], {}
            )
        okrs = okr_set(
            [
                objective(
                    "o",
                    kr(
                        "a",
                        plan=[PlannedValue(on=dt.date(2026, 2, 1), value=5)],
                        final_grade=FinalGrade(value=0.5, reason="r"),
                    ),
                    final_grade=FinalGrade(value=0.4, reason="why"),
                )
            ],
            {"a": 1},
        )
        for fmt in ("yaml", "toml", "json"):
            assert okrkit.loads(okrkit.dumps(okrs, fmt), fmt) == okrs

    def test_final_grade_on_a_key_result_with_children(self) -> None:
        """The computed score beside a final grade combines the key result's own value."""
        from okrkit import FinalGrade

        grade = FinalGrade(value=0.9, reason="Agreed at the review")
        okrs = okr_set(
            [
                objective("top", kr("parent", final_grade=grade), level="company"),
                objective("team-o", kr("child", aligned_to="parent")),
            ],
            {"parent": 20, "child": 60},
        )
        after = okrs.score(as_of=dt.date(2026, 4, 1))["parent"]
        assert after.value == 0.9
        assert after.computed == pytest.approx(0.4)
