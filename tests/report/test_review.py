"""The end-of-cycle review as data: grades and bars, owners' grades, statistics, drivers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import CheckIn, Cycle, FinalGrade, Metric, OKRSet, Owner, OwnerKind, Status
from okrkit.errors import UnknownIdError, UsageError, ValidationError
from okrkit.i18n import use_locale
from okrkit.report import QUESTIONS, Band, CycleReview, build_review
from okrkit.store import SQLiteStore
from okrkit.testing import okr_sets

EXAMPLES = Path(__file__).parents[2] / "examples"
Q1 = Cycle.quarter(2026, 1)
Q2 = Cycle.quarter(2026, 2)
OWNERS = [
    Owner(id="co", name="Acme", kind=OwnerKind.COMPANY),
    Owner(id="dept", name="Khối Sản phẩm", kind=OwnerKind.DEPARTMENT, parent="co"),
    Owner(id="team", name="Nhóm A", kind=OwnerKind.TEAM, parent="dept"),
    Owner(id="idle", name="Nhóm B", kind=OwnerKind.TEAM, parent="dept"),
    Owner(id="lan", name="Lan", parent="team"),
]


def okr_set(*objectives: okrkit.Objective, checkins: list[CheckIn]) -> OKRSet:
    """A Q1 and Q2 set of ``objectives`` with ``checkins``."""
    return OKRSet(cycles=[Q1, Q2], owners=OWNERS, objectives=objectives, checkins=checkins)


def at(key_result: str, value: float, on: str = "2026-03-20") -> CheckIn:
    """A check-in of ``key_result``, by default on 20 March 2026."""
    return CheckIn(key_result=key_result, on=on, value=value)


def grades_of(review: CycleReview) -> dict[str, tuple[float, bool]]:
    """Each grade's value and whether it reached its bar, by id."""
    return {grade.id: (round(grade.grade, 9), grade.achieved) for grade in review.grades}


@pytest.fixture(scope="module", name="okrs")
def example() -> OKRSet:
    """The Vietnamese example."""
    return okrkit.load(EXAMPLES / "acme.yaml")


class TestExample:
    def test_grades_are_the_closed_cycles_scores(self, okrs: OKRSet) -> None:
        """Every objective, then its key results, graded as the day after the cycle scores."""
        review = build_review(okrs, cycle="2026-Q1")
        assert (review.as_of, review.cycle, review.cycle_id) == (
            dt.date(2026, 3, 31),
            "Quý 1/2026",
            "2026-Q1",
        )
        expected = []
        for each in okrs.objectives:
            expected += [each.id, *(k.id for k in each.key_results)]
        assert sorted(grade.id for grade in review.grades) == sorted(expected)
        closed = okrs.score(as_of="2026-04-01")
        for grade in review.grades:
            assert grade.grade == pytest.approx(closed.value(grade.id))
            assert grade.achieved is (closed[grade.id].status is Status.ACHIEVED)
        assert review.questions == QUESTIONS

    def test_each_key_result_follows_its_objective(self, okrs: OKRSet) -> None:
        """A key result's grade comes after its objective's, before the next objective."""
        review = build_review(okrs, cycle="Quý 1/2026")
        current = None
        for grade in review.grades:
            if grade.is_objective:
                current = grade
                assert grade.objective is None
            else:
                assert current is not None
                assert grade.objective == current.id
                assert grade.ambition is current.ambition

    def test_the_default_cycle_is_the_latest_ended(self, okrs: OKRSet) -> None:
        """Without a cycle, a date after Q1 reviews Q1; a date inside it previews it."""
        assert build_review(okrs, as_of="2026-05-01").cycle_id == "2026-Q1"
        preview = build_review(okrs, as_of="2026-03-20")
        assert (preview.cycle_id, preview.as_of) == ("2026-Q1", dt.date(2026, 3, 20))
        card = okrs.score(as_of="2026-03-20")
        assert all(g.grade == pytest.approx(card.value(g.id)) for g in preview.grades)

    def test_from_a_store(self, tmp_path: Path, okrs: OKRSet) -> None:
        """A store's set gives the same review as the set itself."""
        with SQLiteStore(tmp_path / "s.db") as store:
            store.save(okrs, workspace="acme")
            from_store = build_review(store, cycle="2026-Q1", workspace="acme")
        assert from_store == build_review(okrs, cycle="2026-Q1")


class TestGrades:
    def test_committed_against_one_aspirational_against_seven_tenths(self) -> None:
        """1.0 reaches a committed bar and 0.95 does not; 0.7 reaches an aspirational one."""
        okrs = okr_set(
            objective("c", kr("c-full"), kr("c-near")),
            objective("a", kr("a-bar"), kr("a-below"), ambition="aspirational"),
            checkins=[at("c-full", 10), at("c-near", 9.5), at("a-bar", 7), at("a-below", 6.9)],
        )
        review = build_review(okrs, cycle="2026-Q1")
        assert grades_of(review) == {
            "c": (0.975, False),
            "c-full": (1.0, True),
            "c-near": (0.95, False),
            "a": (0.695, False),
            "a-bar": (0.7, True),
            "a-below": (0.69, False),
        }
        assert {g.id: g.bar for g in review.grades} == {
            "c": 1.0,
            "c-full": 1.0,
            "c-near": 1.0,
            "a": 0.7,
            "a-bar": 0.7,
            "a-below": 0.7,
        }

    def test_an_owners_grade_stands_in_with_its_reason(self) -> None:
        """An owner's grade is the grade; okrkit's score stays beside it; the objective uses it."""
        why = "Khách hàng lớn hoãn ký sang tháng 4, không phải do nhóm"
        okrs = okr_set(
            objective("o", kr("k1", final_grade=FinalGrade(value=0.9, reason=why)), kr("k2")),
            objective("p", kr("k3"), final_grade=FinalGrade(value=1.0, reason="Đạt")),
            checkins=[at("k1", 5), at("k2", 10), at("k3", 8)],
        )
        review = build_review(okrs, cycle="2026-Q1")
        by_id = {grade.id: grade for grade in review.grades}
        graded = by_id["k1"]
        assert (graded.grade, graded.computed, graded.owner_set, graded.reason) == (
            0.9,
            0.5,
            True,
            why,
        )
        assert not graded.achieved
        assert by_id["o"].grade == pytest.approx(0.95)  # (0.9 + 1.0) / 2, the owner's grade
        assert (by_id["o"].owner_set, by_id["o"].reason) == (False, None)
        assert (by_id["p"].grade, by_id["p"].computed, by_id["p"].achieved) == (1.0, 0.8, True)
        assert (by_id["k2"].owner_set, by_id["k2"].reason) == (False, None)

    def test_the_next_days_checkins_wait_for_a_later_review(self) -> None:
        """On the cycle's last day a check-in of the next day does not count; later it does."""
        okrs = okr_set(objective("o", kr("k")), checkins=[at("k", 5), at("k", 9, on="2026-04-01")])
        assert grades_of(build_review(okrs, cycle="2026-Q1"))["k"] == (0.5, False)
        later = build_review(okrs, cycle="2026-Q1", as_of="2026-04-02")
        assert grades_of(later)["k"] == (0.9, False)
        assert later.as_of == dt.date(2026, 4, 2)


class TestStats:
    def test_counts_bands_net_confidence_and_idle_teams(self) -> None:
        """Graded and achieved objectives, every band, each unit's net confidence."""
        okrs = okr_set(
            objective("top", kr("t1"), owner="co", level="company"),
            objective(
                "product",
                kr("p1", owners=["team"]),
                kr("p2", owners=["lan"]),
                owner="dept",
                level="department",
            ),
            objective("team-o", kr("m1"), kr("m2"), kr("m3"), kr("m4")),
            objective("later", kr("q2"), owner="idle", cycle="2026-Q2"),
            checkins=[
                at("t1", 10),
                at("p1", 10),
                at("p2", 2),
                *(at(f"m{i}", 5) for i in range(1, 5)),
            ],
        )
        stats = build_review(okrs, cycle="2026-Q1").stats
        assert (stats.objectives, stats.achieved, stats.share_achieved) == (3, 1, 1 / 3)
        assert stats.bands == {Band.DELIVERED: 1, Band.PROGRESS: 2, Band.OFF_TRACK: 0}
        # team: p1 achieved (its own) and m1-m4 missed (its objective's): (1 - 4) / 5.
        assert [(c.id, c.name, c.value) for c in stats.net_confidence] == [
            ("dept", "Khối Sản phẩm", 0.0),
            ("team", "Nhóm A", -60.0),
        ]
        assert stats.without_okrs == (("idle", "Nhóm B"),)

    def test_no_objective_means_no_share(self) -> None:
        """A cycle with nothing in it: no grades, a share of 0, every band at 0."""
        okrs = okr_set(objective("later", kr("q2"), cycle="2026-Q2"), checkins=[])
        review = build_review(okrs, cycle="2026-Q1")
        assert review.grades == ()
        assert (review.stats.objectives, review.stats.share_achieved) == (0, 0.0)
        assert review.stats.bands == dict.fromkeys(Band, 0)
        assert review.stats.without_okrs == (
            ("dept", "Khối Sản phẩm"),
            ("team", "Nhóm A"),
            ("idle", "Nhóm B"),
        )


class TestDrivers:
    def test_weight_times_grade_largest_first_company_first(self) -> None:
        """Each key result's share of its objective; company objectives lead."""
        okrs = okr_set(
            objective("team-o", kr("a", weight=2), kr("b"), kr("c")),
            objective("top", kr("t"), owner="co", level="company"),
            checkins=[at("a", 5), at("b", 9), at("c", 0), at("t", 4)],
        )
        drivers = build_review(okrs, cycle="2026-Q1").drivers
        assert [d.id for d in drivers] == ["top", "team-o"]
        team = drivers[1]
        assert [(i, t) for i, t, _s in team.contributions] == [
            ("a", "Result a"),
            ("b", "Result b"),
            ("c", "Result c"),
        ]
        shares = [share for _i, _t, share in team.contributions]
        assert shares == pytest.approx([0.25, 0.225, 0.0])
        assert sum(shares) == pytest.approx(team.grade)


class TestCycles:
    def test_by_id_name_or_cycle_and_unknown(self) -> None:
        """A cycle is found by id, name or itself; an unknown one names those it knows."""
        okrs = okr_set(objective("o", kr("k")), checkins=[])
        for asked in ("2026-Q2", "Q2 2026", Q2):
            assert build_review(okrs, cycle=asked).cycle_id == "2026-Q2"
        with pytest.raises(UnknownIdError, match="2026-Q3"):
            build_review(okrs, cycle="2026-Q3")
        with pytest.raises(UsageError, match="cycle"):
            build_review(okrs, cycle=3)  # type: ignore[arg-type]

    def test_the_default_when_none_has_ended(self) -> None:
        """Inside Q1 with nothing ended, Q1 is previewed; before any cycle the date is refused."""
        okrs = okr_set(objective("o", kr("k")), checkins=[])
        assert build_review(okrs, as_of="2026-02-01").cycle_id == "2026-Q1"
        assert build_review(okrs, as_of="2026-07-01").cycle_id == "2026-Q2"
        with pytest.raises(ValidationError):
            build_review(okrs, as_of="2025-12-01")

    def test_a_date_before_the_start_is_refused(self, locale: str) -> None:
        """The message names the cycle and its start, as the reader's locale writes dates."""
        okrs = okr_set(objective("o", kr("k")), checkins=[])
        with pytest.raises(ValidationError) as caught:
            build_review(okrs, cycle="2026-Q2", as_of="2026-03-01")
        with use_locale(locale):  # worded when shown, in the locale then
            shown = str(caught.value)
        start = {"vi": "1/4/2026", "en": "Apr 1, 2026"}[locale]
        assert start in shown
        assert "Q2 2026" in shown

    def test_a_set_without_cycles(self) -> None:
        """Nothing to review is an error that says so."""
        with pytest.raises(ValidationError):
            build_review(OKRSet(cycles=[], owners=OWNERS, objectives=[]))


# -- properties --------------------------------------------------------------------------


@st.composite
def reviews(draw: st.DrawFn) -> tuple[OKRSet, Cycle, dt.date]:
    """A generated set, one of its cycles and a review date from its start on."""
    okrs = draw(okr_sets(max_objectives=5, max_checkins=10))
    cycle = draw(st.sampled_from(okrs.cycles))
    as_of = cycle.start + dt.timedelta(days=draw(st.integers(0, cycle.days + 30)))
    return okrs, cycle, as_of


class TestProperties:
    @settings(max_examples=settings.default.max_examples)
    @given(reviews())
    def test_the_numbers_add_up(self, drawn: tuple[OKRSet, Cycle, dt.date]) -> None:
        """Shares in [0, 1], bands summing to the objectives, bars and owners' grades kept."""
        okrs, cycle, as_of = drawn
        review = build_review(okrs, cycle=cycle, as_of=as_of)
        stats = review.stats
        objectives = [g for g in review.grades if g.is_objective]
        assert stats.objectives == len(objectives)
        assert 0.0 <= stats.share_achieved <= 1.0
        assert set(stats.bands) == set(Band)
        assert sum(stats.bands.values()) == stats.objectives
        assert stats.achieved == sum(1 for g in objectives if g.achieved)
        for grade in review.grades:
            assert grade.achieved is (grade.grade + 1e-9 >= grade.bar)
            assert grade.bar == (0.7 if grade.ambition.value == "aspirational" else 1.0)
            assert grade.owner_set is (grade.reason is not None)
            final = getattr(okrs.get(grade.id), "final_grade", None)
            assert grade.owner_set is (final is not None)
        values = [count.value for count in stats.net_confidence]
        assert values == sorted(values, reverse=True)
        assert all(-100.0 <= value <= 100.0 for value in values)
        owning = {o.owner for o in okrs.objectives if o.cycle == cycle.id}
        assert all(ident not in owning for ident, _name in stats.without_okrs)
        for driver in review.drivers:
            shares = [share for _i, _t, share in driver.contributions]
            assert shares == sorted(shares, reverse=True)
            assert all(0.0 <= share <= 1.0 for share in shares)


def test_metric_kinds_grade_like_the_scorecard() -> None:
    """A held line and a milestone grade 1.0 at the end, as the closed scorecard says."""
    okrs = okr_set(
        objective(
            "o",
            kr("held", metric=Metric(kind="at_least", target=5)),
            kr("shipped", metric=Metric(kind="milestone")),
        ),
        checkins=[at("held", 6), at("shipped", 1)],
    )
    assert grades_of(build_review(okrs, cycle="2026-Q1")) == {
        "o": (1.0, True),
        "held": (1.0, True),
        "shipped": (1.0, True),
    }
