"""The scorecard report as data: alignment order, lines that agree with the scorecard."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import Alignment, CheckIn, Cycle, OKRSet, Owner
from okrkit.errors import UsageError
from okrkit.report import Band, ScorecardReport, Trend, build_scorecard
from okrkit.store import SQLiteStore

AS_OF = dt.date(2026, 3, 20)
EXAMPLE = Path(__file__).parents[2] / "examples" / "acme.yaml"


@pytest.fixture(scope="module")
def example() -> OKRSet:
    """The Vietnamese example set."""
    return okrkit.load(EXAMPLE)


@pytest.fixture(scope="module")
def report(example: OKRSet) -> ScorecardReport:
    """Its scorecard report as of 2026-03-20."""
    return build_scorecard(example, as_of=AS_OF)


def small(*checkins: CheckIn) -> OKRSet:
    """A company objective with a team objective aligned to its key result."""
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="co", name="Acme", kind="company"), Owner(id="team", name="Đội A")],
        objectives=[
            objective("top", kr("k1"), owner="co", level="company"),
            objective(
                "child",
                kr("k2", owners=["team"]),
                kr("k3"),
                aligned_to=[Alignment(parent="k1")],
            ),
            objective("other", kr("k4"), ambition="aspirational"),
        ],
        checkins=checkins,
    )


class TestOrder:
    def test_each_objective_once_roots_first(self, example: OKRSet, report: ScorecardReport):
        """Every objective appears once; a child comes after its parent, one level deeper."""
        ids = [line.id for line in report.objectives]
        assert sorted(ids) == sorted(o.id for o in example.objectives)
        position = {ident: i for i, ident in enumerate(ids)}
        for line in report.objectives:
            if line.parent is None:
                assert line.depth == 0
            else:
                parent = report.objective(line.parent)
                assert position[parent.id] < position[line.id]
                assert line.depth == parent.depth + 1

    def test_aligned_through_a_key_result(self):
        """An objective aligned to a key result sits below that key result's objective."""
        lines = build_scorecard(small(), as_of=AS_OF).objectives
        assert [(line.id, line.parent, line.depth) for line in lines] == [
            ("top", None, 0),
            ("child", "top", 1),
            ("other", None, 0),
        ]

    def test_unknown_objective(self, report: ScorecardReport):
        """Asking for an objective the report lacks raises KeyError."""
        with pytest.raises(KeyError):
            report.objective("nope")


class TestLines:
    def test_agrees_with_the_scorecard(self, example: OKRSet, report: ScorecardReport):
        """Scores, statuses, expected pace and bands are the scorecard's own."""
        card = example.score(as_of=AS_OF)
        for line in report.objectives:
            assert line.score == card.value(line.id)
            assert line.status is card[line.id].status
            assert line.band is Band.of(line.score)
            for kr_line in line.key_results:
                assert kr_line.score == card.value(kr_line.id)
                assert kr_line.expected == card[kr_line.id].expected
                latest = example.checkins.latest(kr_line.id, AS_OF)
                assert kr_line.latest == (None if latest is None else latest.value)

    def test_latest_confidence_trend_and_owner_names(self):
        """The latest value and confidence up to the date, and the confidence's trend."""
        okrs = small(
            CheckIn(key_result="k2", on=dt.date(2026, 3, 1), value=2, confidence=4),
            CheckIn(key_result="k2", on=dt.date(2026, 3, 10), value=5, confidence=2),
            CheckIn(key_result="k2", on=dt.date(2026, 3, 25), value=9, confidence=5),
        )
        line = build_scorecard(okrs, as_of=AS_OF).objective("child").key_results[0]
        assert (line.latest, line.latest_on) == (5.0, dt.date(2026, 3, 10))
        assert (line.confidence, line.trend) == (2, Trend.FALLING)
        assert line.owners == ("Đội A",)
        assert line.forecast is not None
        assert line.forecast.band is Band.of(line.forecast.score)

    def test_objective_forecast_rolls_up_projections(self):
        """An objective's forecast is its score with each key result at its projection."""
        okrs = small(
            CheckIn(key_result="k4", on=dt.date(2026, 1, 10), value=1),
            CheckIn(key_result="k4", on=dt.date(2026, 2, 10), value=3),
        )
        line = build_scorecard(okrs, as_of=AS_OF).objective("other")
        (only,) = line.key_results
        assert only.forecast is not None
        assert line.forecast is not None
        assert line.forecast.score == pytest.approx(min(1.0, only.forecast.score))
        assert line.forecast.misses is (line.forecast.score < 0.7)

    def test_no_checkins_no_forecast(self):
        """Without check-ins nothing is projected and nothing is latest."""
        line = build_scorecard(small(), as_of=AS_OF).objective("top")
        assert line.forecast is None
        assert line.key_results[0].latest is None
        assert line.trend is None or line.trend is Trend.STEADY


class TestBurnup:
    def test_weekly_points_end_on_the_date(self, example: OKRSet, report: ScorecardReport):
        """Points start at the cycle's start, come weekly, end on the date with its score."""
        card = example.score(as_of=AS_OF)
        for ident, points in report.burnup.items():
            days = [day for day, _value in points]
            assert days[0] == dt.date(2026, 1, 1)
            assert days[-1] == AS_OF
            assert all(0 < (b - a).days <= 7 for a, b in itertools.pairwise(days))
            assert points[-1][1] == pytest.approx(card.value(ident))

    def test_can_be_left_out(self, example: OKRSet):
        """burnup=False skips the weekly re-scores."""
        assert build_scorecard(example, as_of=AS_OF, burnup=False).burnup == {}


class TestSources:
    def test_from_a_store(self, tmp_path: Path, example: OKRSet, report: ScorecardReport):
        """A store's set gives the same report as the set itself."""
        with SQLiteStore(tmp_path / "s.db") as store:
            store.save(example, workspace="acme")
            assert build_scorecard(store, as_of=AS_OF, workspace="acme") == report

    def test_anything_else_is_refused(self):
        """A path or a dict is not a source: UsageError says what is."""
        with pytest.raises(UsageError, match="OKR set or a store"):
            build_scorecard({"objectives": []}, as_of=AS_OF)


@settings(deadline=None)
@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_band_matches_the_sources(grade: float):
    """0.0-0.3 off track, 0.4-0.6 progress, 0.7-1.0 delivered, after rounding to 0.1."""
    rounded = round(grade + 1e-9, 1)
    expected = (
        Band.DELIVERED if rounded >= 0.7 else Band.PROGRESS if rounded >= 0.4 else Band.OFF_TRACK
    )
    assert Band.of(grade) is expected


class TestForecastRules:
    def test_a_done_key_result_stays_where_it_is(self):
        """Past its target, a key result's forecast is its latest value, not the line's."""
        okrs = small(
            CheckIn(key_result="k4", on=dt.date(2026, 1, 10), value=2),
            CheckIn(key_result="k4", on=dt.date(2026, 2, 10), value=11),
            CheckIn(key_result="k4", on=dt.date(2026, 3, 10), value=10.5),
        )
        (line,) = build_scorecard(okrs, as_of=AS_OF).objective("other").key_results
        assert line.forecast is not None
        assert (line.forecast.value, line.forecast.score) == (10.5, line.score)

    def test_past_its_due_date(self):
        """After its due date a key result is forecast at its latest value."""
        okrs = OKRSet(
            cycles=[Cycle.quarter(2026, 1)],
            owners=[Owner(id="team", name="Đội A")],
            objectives=[objective("o", kr("k", due=dt.date(2026, 2, 15)))],
            checkins=[
                CheckIn(key_result="k", on=dt.date(2026, 1, 10), value=1),
                CheckIn(key_result="k", on=dt.date(2026, 2, 10), value=4),
            ],
        )
        (line,) = build_scorecard(okrs, as_of=AS_OF).objective("o").key_results
        assert line.forecast is not None
        assert line.forecast.value == 4.0

    def test_a_projection_stops_at_zero_and_is_rounded(self):
        """A falling line never projects below zero; values keep three significant digits."""
        okrs = small(
            CheckIn(key_result="k3", on=dt.date(2026, 1, 5), value=9),
            CheckIn(key_result="k3", on=dt.date(2026, 1, 20), value=3),
        )
        line = build_scorecard(okrs, as_of=dt.date(2026, 1, 25)).objective("child")
        forecast = line.key_results[1].forecast
        assert forecast is not None
        assert forecast.value == 0.0
        assert forecast.score == 0.0
        okrs = small(
            CheckIn(key_result="k3", on=dt.date(2026, 1, 5), value=1),
            CheckIn(key_result="k3", on=dt.date(2026, 1, 12), value=1.4),
        )
        line = build_scorecard(okrs, as_of=dt.date(2026, 1, 25)).objective("child")
        forecast = line.key_results[1].forecast
        assert forecast is not None
        assert forecast.value == float(f"{forecast.value:.3g}")
