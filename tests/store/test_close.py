"""Closing a cycle: owners' grades win, the rest come from the score, and closing twice is once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import Alignment, CheckIn, Cycle, FinalGrade, OKRSet, Owner, Status
from okrkit.errors import UnknownIdError, ValidationError
from okrkit.graph import NodeKind
from okrkit.i18n import format_day, use_locale
from okrkit.store import Closed, close_cycle
from okrkit.testing import okr_sets

Q1 = Cycle.quarter(2026, 1)
YEAR = Cycle.year(2026)
END = dt.date(2026, 3, 31)


def okr_set(*objectives: Any, checkins: Any = (), cycles: Any = (Q1,)) -> OKRSet:
    """A set of one team's objectives, with these check-ins."""
    return OKRSet(
        cycles=cycles,
        owners=[Owner(id="team", name="Team", kind="team")],  # type: ignore[arg-type]
        objectives=objectives,
        checkins=checkins,
    )


def on(key_result: str, day: str, value: float) -> CheckIn:
    """A check-in of ``value`` for ``key_result`` on ISO ``day``."""
    return CheckIn(key_result=key_result, on=dt.date.fromisoformat(day), value=value)


def grades_of(closed: Closed) -> dict[str, tuple[float, bool, Status]]:
    """Each graded id: its value, whether the owner gave it, and its final status."""
    return {g.id: (round(g.value, 9), g.by_owner, g.status) for g in closed.graded}


class TestGrades:
    def test_owner_grades_win_and_the_rest_come_from_the_score(self, locale: str) -> None:
        """Owner grades are kept with their reason; the others say they came from the score."""
        okrs = okr_set(
            objective("o1", kr("k1"), kr("k2"), kr("k3")),
            checkins=[on("k1", "2026-03-01", 5), on("k2", "2026-03-01", 10)],
        )
        with use_locale(locale):
            closed = close_cycle(okrs, "2026-Q1", grades={"k1": (0.9, "Counted late sales")})
            from_score = okrkit.i18n.gettext("graded from the score on {date}").format(
                date=format_day(END)
            )
        assert grades_of(closed) == {
            "o1": (round((0.9 + 1.0 + 0.0) / 3, 9), False, Status.MISSED),
            "k1": (0.9, True, Status.MISSED),
            "k2": (1.0, False, Status.ACHIEVED),
            "k3": (0.0, False, Status.MISSED),
        }
        assert [g.id for g in closed.graded] == ["o1", "k1", "k2", "k3"]
        assert closed.okrset.key_result("k1").final_grade == FinalGrade(
            value=0.9, reason="Counted late sales"
        )
        assert closed.okrset.key_result("k2").final_grade.reason == from_score  # type: ignore[union-attr]
        assert ("31/3/2026" in from_score) is (locale == "vi")

    def test_grade_shapes(self) -> None:
        """A grade may be a FinalGrade, a number, or (number, reason)."""
        okrs = okr_set(objective("o1", kr("k1"), kr("k2")))
        given_grade = FinalGrade(value=0.5, reason="Half way")
        with use_locale("en"):
            closed = close_cycle(okrs, "2026-Q1", grades={"k1": given_grade, "k2": 1})
        assert closed.okrset.key_result("k1").final_grade == given_grade
        assert closed.okrset.key_result("k2").final_grade == FinalGrade(
            value=1.0, reason="graded by the owner on Mar 31, 2026"
        )

    def test_objective_rolls_up_the_key_results_grades(self) -> None:
        """An objective's grade from the score counts its key results' final grades."""
        okrs = okr_set(
            objective("o1", kr("k1"), kr("k2")),
            checkins=[on("k1", "2026-03-01", 10), on("k2", "2026-03-01", 10)],
        )
        closed = close_cycle(okrs, "2026-Q1", grades={"k1": (0.2, "Target was wrong")})
        assert closed.okrset.objective("o1").final_grade.value == pytest.approx(0.6)  # type: ignore[union-attr]

    def test_owner_grade_of_an_objective(self) -> None:
        """An owner may grade an objective too; it wins over its score."""
        okrs = okr_set(objective("o1", kr("k1")), checkins=[on("k1", "2026-03-01", 10)])
        closed = close_cycle(okrs, "2026-Q1", grades={"o1": (0.3, "Wrong goal")})
        assert grades_of(closed)["o1"] == (0.3, True, Status.MISSED)
        assert grades_of(closed)["k1"] == (1.0, False, Status.ACHIEVED)

    def test_aspirational_is_judged_against_seven_tenths(self) -> None:
        """0.75 is achieved under an aspirational objective and missed under a committed one."""
        okrs = okr_set(
            objective("o-stretch", kr("k-stretch"), ambition="aspirational"),
            objective("o-firm", kr("k-firm")),
            checkins=[on("k-stretch", "2026-03-01", 7.5), on("k-firm", "2026-03-01", 7.5)],
        )
        found = grades_of(close_cycle(okrs, "2026-Q1"))
        assert found["k-stretch"][2] is Status.ACHIEVED
        assert found["o-stretch"][2] is Status.ACHIEVED
        assert found["k-firm"][2] is Status.MISSED

    def test_as_of(self) -> None:
        """Scores are read on as_of: later check-ins count for neither key results nor parents."""
        child = kr("k-year", aligned_to="o1")
        okrs = okr_set(
            objective("o1", kr("k1")),
            objective("o-year", child, cycle="2026"),
            checkins=[
                on("k1", "2026-02-01", 4),
                on("k1", "2026-03-20", 10),
                on("k-year", "2026-02-01", 6),
                on("k-year", "2026-03-20", 10),
            ],
            cycles=(Q1, YEAR),
        )
        closed = close_cycle(okrs, "2026-Q1", as_of="2026-02-15")
        assert closed.as_of == dt.date(2026, 2, 15)
        assert grades_of(closed)["k1"][0] == 0.4
        assert grades_of(closed)["o1"][0] == pytest.approx(0.5)  # (0.4 + 0.6) / 2
        assert "k-year" not in grades_of(closed)
        assert closed.okrset.key_result("k-year").final_grade is None

    def test_supports_links_do_not_count(self) -> None:
        """An objective graded from the score counts only contributing children."""
        link = Alignment(parent="o1", kind="supports")  # type: ignore[arg-type]
        okrs = okr_set(
            objective("o1", kr("k1")),
            objective("o2", kr("k2"), aligned_to=link),
            checkins=[on("k1", "2026-03-01", 5), on("k2", "2026-03-01", 10)],
        )
        assert grades_of(close_cycle(okrs, "2026-Q1"))["o1"][0] == 0.5


class TestClosedCycles:
    def test_closing_twice_changes_nothing(self) -> None:
        """A closed cycle closes again to the same set, with nothing graded."""
        closed = close_cycle(okr_set(objective("o1", kr("k1"))), "2026-Q1")
        again = close_cycle(closed.okrset, "2026-Q1")
        assert again.graded == ()
        assert again.okrset is closed.okrset

    def test_grades_given_again_change_only_those(self) -> None:
        """Grades given for a closed cycle replace only the grades named."""
        closed = close_cycle(okr_set(objective("o1", kr("k1"), kr("k2"))), "2026-Q1").okrset
        again = close_cycle(closed, "2026-Q1", grades={"k2": (0.5, "Partly")})
        assert [(g.id, g.kind) for g in again.graded] == [("k2", NodeKind.KEY_RESULT)]
        assert again.okrset.key_result("k1") == closed.key_result("k1")
        assert again.okrset.objective("o1").final_grade == closed.objective("o1").final_grade

    def test_existing_grades_are_kept(self) -> None:
        """A grade set before closing stays, and counts in its objective's grade."""
        okrs = okr_set(
            objective("o1", kr("k1", final_grade=FinalGrade(value=1.0, reason="Done")), kr("k2"))
        )
        closed = close_cycle(okrs, "2026-Q1")
        assert [g.id for g in closed.graded] == ["o1", "k2"]
        assert closed.okrset.objective("o1").final_grade.value == 0.5  # type: ignore[union-attr]

    def test_other_cycles_stay_open(self) -> None:
        """Only the cycle closed gets grades."""
        okrs = okr_set(
            objective("o1", kr("k1")), objective("o2", kr("k2"), cycle="2026"), cycles=(Q1, YEAR)
        )
        closed = close_cycle(okrs, "2026-Q1").okrset
        assert closed.objective("o2") == okrs.objective("o2")


class TestRefusals:
    def test_unknown_cycle(self) -> None:
        """An unknown cycle is refused with a suggestion."""
        with pytest.raises(UnknownIdError, match="2026-Q1"):
            close_cycle(okr_set(objective("o1")), "2026-Q")

    def test_bad_grades_are_all_listed(self) -> None:
        """Every bad grade is listed at once, with a hint, and nothing is graded."""
        okrs = okr_set(
            objective("o1", kr("k1"), kr("k2"), kr("k3")),
            objective("o2", cycle="2026"),
            cycles=(Q1, YEAR),
        )
        with use_locale("en"), pytest.raises(ValidationError) as caught:
            close_cycle(
                okrs,
                "2026-Q1",
                grades={"k-1": 0.5, "o2": 0.5, "k2": 1.5, "k3": (0.5, " "), "k1": (1, 2, 3)},
            )
        problems = caught.value.problems
        assert [p.entity_id for p in problems] == ["k-1", "o2", "k2", "k3", "k1"]
        assert "did you mean 'k1'?" in problems[0].message
        assert problems[2].path == "grades['k2'].value"
        assert problems[3].path == "grades['k3'].reason"

    def test_nonsense_values(self) -> None:
        """A grade that is no number is refused as a ValidationError, not a TypeError."""
        okrs = okr_set(objective("o1", kr("k1")))
        for bad in ("high", True, None, float("nan")):
            with pytest.raises(ValidationError):
                close_cycle(okrs, "2026-Q1", grades={"k1": bad})  # type: ignore[dict-item]


@given(data=st.data())
def test_close_invariants(data: st.DataObject) -> None:
    """Every member of the cycle ends graded in [0, 1]; nothing else changes; twice is once."""
    okrs = data.draw(okr_sets(min_objectives=1))
    cycle = data.draw(st.sampled_from(okrs.cycles))
    as_of = data.draw(st.none() | st.dates(cycle.start, cycle.end + dt.timedelta(days=30)))
    closed = close_cycle(okrs, cycle.id, as_of=as_of)
    for before, after in zip(okrs.objectives, closed.okrset.objectives, strict=True):
        if before.cycle != cycle.id:
            assert after == before
            continue
        for entity in (after, *after.key_results):
            assert entity.final_grade is not None
            assert 0.0 <= entity.final_grade.value <= 1.0
    graded = {g.id for g in closed.graded}
    assert len(graded) == len(closed.graded)
    again = close_cycle(closed.okrset, cycle.id, as_of=as_of)
    assert again.graded == ()
    assert again.okrset is closed.okrset
