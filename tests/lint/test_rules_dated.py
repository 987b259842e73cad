"""OKR401-OKR403 and OKR501-OKR507: forecasts, check-ins, "keep" lines, SMARTER hints."""

from __future__ import annotations

import datetime as dt

from builders import kr, objective
from okrkit import CheckIn, Cycle, FinalGrade, Metric, OKRSet, Owner
from okrkit.i18n import use_locale
from okrkit.lint import Severity, lint

DAY = dt.date(2026, 3, 15)


def okr_set(*objectives, checkins=(), cycles=None) -> OKRSet:
    """A set of ``objectives`` of the team ``team`` in 2026-Q1 (or ``cycles``)."""
    return OKRSet(
        cycles=cycles or [Cycle.quarter(2026, 1)],
        owners=[Owner(id="team", name="Đội A", kind="team")],
        objectives=objectives,
        checkins=checkins,
    )


def reported(
    ident: str, *pairs: tuple[str, float], confidence: int | None = None
) -> list[CheckIn]:
    """Check-ins of ``ident``: (ISO day, value) pairs."""
    return [
        CheckIn(
            key_result=ident, on=dt.date.fromisoformat(day), value=value, confidence=confidence
        )
        for day, value in pairs
    ]


class TestForecastShort:
    def test_committed_below_one(self, locale: str):
        """A committed objective heading for less than 1.0 is flagged; one on pace is not."""
        slow = reported("k1", ("2026-01-10", 0), ("2026-03-10", 2))
        fast = reported("k2", ("2026-01-10", 3), ("2026-03-10", 9))
        okrs = okr_set(
            objective("o1", kr("k1")),
            objective("o2", kr("k2")),
            checkins=slow + fast,
        )
        with use_locale(locale):
            found = lint(okrs, rules=["OKR401"], as_of=DAY)
        assert [d.entity_id for d in found] == ["o1"]
        assert lint(okrs, rules=["OKR401"]) == []  # needs as_of

    def test_aspirational_line(self):
        """An aspirational objective passes above 0.4 (the option moves the line)."""
        okrs = okr_set(
            objective("o1", kr("k1"), ambition="aspirational"),
            checkins=reported("k1", ("2026-01-10", 0), ("2026-03-10", 4)),
        )
        assert lint(okrs, rules=["OKR401"], as_of=DAY) == []
        strict = {"options": {"OKR401": {"aspirational": 0.9}}}
        assert lint(okrs, rules=["OKR401"], as_of=DAY, config=strict)


class TestCheckInStale:
    def test_days_since_last(self, locale: str):
        """More than 14 days since the last check-in (or the start) is stale."""
        okrs = okr_set(
            objective("o1", kr("k1"), kr("k2"), kr("k3")),
            checkins=reported("k1", ("2026-03-10", 1)) + reported("k2", ("2026-02-01", 1)),
        )
        with use_locale(locale):
            found = lint(okrs, rules=["OKR402"], as_of=DAY)
        assert [d.entity_id for d in found] == ["k2", "k3"]
        assert (
            lint(okrs, rules=["OKR402"], as_of=DAY, config={"options": {"OKR402": {"days": 90}}})
            == []
        )

    def test_not_while_cycle_is_over(self):
        """After the cycle nothing is stale."""
        okrs = okr_set(objective("o1", kr("k1"), kr("k2")))
        assert lint(okrs, rules=["OKR402"], as_of=dt.date(2026, 5, 1)) == []


class TestKeepAlreadyBroken:
    def test_start_on_wrong_side(self, locale: str):
        """at_least starting below its target, at_most above it, are flagged."""
        okrs = okr_set(
            objective(
                "o1",
                kr("k1", metric=Metric(kind="at_least", start=85, target=90, unit="percent")),
                kr("k2", metric=Metric(kind="at_most", start=11, target=10)),
                kr("k3", metric=Metric(kind="at_least", start=95, target=90)),
            )
        )
        with use_locale(locale):
            found = lint(okrs, rules=["OKR403"])
        assert [d.entity_id for d in found] == ["k1", "k2"]
        assert "85" in found[0].message


class TestSmarter:
    def test_each_letter(self, locale: str):
        """Each SMARTER rule flags its plain miss, as a note."""
        year = Cycle.year(2026)
        okrs = okr_set(
            objective(
                "o1",
                kr("k1", title="Tăng truy cập"),
                kr("k2", target=100, title="Đạt 100 khách"),
                level="company",
                cycle=year.id,
            ),
            objective(
                "o2",
                kr("k3", title="Giảm thời gian phản hồi từ 2 xuống 1 ngày"),
                kr("k4"),
                cycle="2025-Q4",
            ),
            cycles=[year, Cycle.quarter(2025, 4)],
        )
        with use_locale(locale):
            found = lint(okrs, rules=[f"OKR50{n}" for n in range(1, 8)], as_of=DAY)
        seen = {(d.code, d.entity_id) for d in found}
        assert {
            ("OKR501", "k1"),
            ("OKR502", "k1"),
            ("OKR504", "o1"),
            ("OKR505", "k1"),
            ("OKR506", "o2"),
        } <= seen
        assert all(d.severity is Severity.INFO for d in found)

    def test_achievable_and_readjust(self):
        """A committed target ten times its start is a stretch; doubt and off track, readjust."""
        okrs = okr_set(
            objective(
                "o1",
                kr(
                    "k1",
                    metric=Metric(kind="increase", start=1, target=10),
                    title="Tăng số đối tác từ 1 lên 10",
                ),
            ),
            checkins=reported("k1", ("2026-03-10", 1), confidence=1),
        )
        found = {d.code for d in lint(okrs, rules=["OKR503", "OKR507"], as_of=DAY)}
        assert found == {"OKR503", "OKR507"}

    def test_graded_objective_passes(self):
        """An objective graded at the end of its cycle needs no evaluation note."""
        graded = objective(
            "o2",
            kr("k3"),
            kr("k4"),
            cycle="2025-Q4",
            final_grade=FinalGrade(value=0.7, reason="Đạt phần lớn"),
        )
        okrs = okr_set(graded, cycles=[Cycle.quarter(2025, 4)])
        assert lint(okrs, rules=["OKR506"], as_of=DAY) == []
