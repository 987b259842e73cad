"""OKR202-OKR206: targets, owners, due dates, percent changes and duplicates."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from builders import kr, objective
from okrkit import Cycle, Initiative, Metric, OKRSet, Owner
from okrkit.i18n import use_locale
from okrkit.lint import Diagnostic, lint


def one(*krs, owner_kind: str = "team", initiatives=()) -> OKRSet:
    """A set of one objective of ``team`` (of kind ``owner_kind``) holding ``krs``."""
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="team", name="Đội A", kind=owner_kind)],
        objectives=[objective("o1", *krs)],
        initiatives=initiatives,
    )


def codes(found: list[Diagnostic]) -> list[tuple[str, str | None]]:
    """(code, entity) of each diagnostic."""
    return [(d.code, d.entity_id) for d in found]


class TestNoTarget:
    def test_milestone_without_due_and_score_without_scale(self, locale: str):
        """A milestone needs a due date and a score a scale; each is flagged once."""
        okrs = one(
            kr("k1", metric=Metric(kind="milestone")),
            kr("k2", metric=Metric(kind="increase", start=7, target=8, unit="score")),
        )
        with use_locale(locale):
            found = lint(okrs, rules=["OKR202"])
        assert codes(found) == [("OKR202", "k1"), ("OKR202", "k2")]
        assert all(d.message and d.hint for d in found)

    def test_measurable_passes(self):
        """A dated milestone and a score on a scale pass."""
        okrs = one(
            kr("k1", metric=Metric(kind="milestone"), due=dt.date(2026, 2, 1)),
            kr(
                "k2",
                metric=Metric(kind="increase", start=7, target=8, unit="score", scale=(0, 10)),
            ),
        )
        assert lint(okrs, rules=["OKR202"]) == []


class TestNoOwner:
    def test_team_objective_needs_owners(self, locale: str):
        """A key result without owners under a team's objective is flagged."""
        with use_locale(locale):
            (found,) = lint(one(kr("k1", owners="team"), kr("k2")), rules=["OKR203"])
        assert found.entity_id == "k2"
        assert "Đội A" in found.message

    def test_person_owns_implicitly(self):
        """Under a person's objective, the person owns the key result."""
        assert lint(one(kr("k1"), kr("k2"), owner_kind="person"), rules=["OKR203"]) == []


class TestDueOutsideCycle:
    def test_late_initiative(self, locale: str):
        """An initiative due after its key results' cycle is flagged; one inside passes."""
        late = Initiative(
            id="i1", title="Late", owner="team", drives="k1", due=dt.date(2026, 5, 1)
        )
        fine = Initiative(
            id="i2", title="Fine", owner="team", drives="k1", due=dt.date(2026, 3, 1)
        )
        with use_locale(locale):
            found = lint(one(kr("k1"), kr("k2"), initiatives=[late, fine]), rules=["OKR204"])
        assert codes(found) == [("OKR204", "i1")]


def percent(title: str, start: float = 20, target: float = 25) -> OKRSet:
    """A set whose key result ``k1`` is a percent increase titled ``title``."""
    metric = Metric(kind="increase", start=start, target=target, unit="percent")
    return one(kr("k1", title=title, metric=metric), kr("k2"))


class TestPercentAmbiguous:
    def test_change_by_percent_flagged(self, locale: str):
        """Changes such as "Tăng ... 5%" and "by 5%" on a percent metric are ambiguous."""
        for title in ("Tăng tỷ lệ chuyển đổi 5%", "Increase conversion by 5%"):
            with use_locale(locale):
                (found,) = lint(percent(title), rules=["OKR205"])
            assert "5%" in found.message

    def test_clear_titles_pass(self):
        """From-to titles, and titles saying points or relative, pass."""
        for title in (
            "Tăng tỷ lệ chuyển đổi từ 20% lên 25%",
            "Tăng tỷ lệ chuyển đổi thêm 5 điểm phần trăm",
            "Increase conversion by 5 percentage points",
            "Một nửa số cửa hàng vẫn dùng sau 30 ngày, tăng từ 38%",
        ):
            assert lint(percent(title), rules=["OKR205"]) == [], title


class TestDuplicate:
    def test_near_duplicate_flagged(self, locale: str):
        """A key result that repeats another of its objective, accents aside, is flagged."""
        okrs = one(
            kr("k1", title="Tăng số khách hàng mới"), kr("k2", title="tang so khach hang moi!")
        )
        with use_locale(locale):
            (found,) = lint(okrs, rules=["OKR206"])
        assert found.entity_id == "k2"

    def test_threshold_option(self):
        """Different titles pass; a lower threshold catches looser repeats."""
        okrs = one(kr("k1", title="Tăng doanh thu quý"), kr("k2", title="Tăng doanh thu năm"))
        assert lint(okrs, rules=["OKR206"]) == []
        loose = {"options": {"kr-duplicate": {"threshold": 0.7}}}
        assert lint(okrs, rules=["OKR206"], config=loose)

    @given(st.text(alphabet="abcdeăâđêôơư ", min_size=3, max_size=30).filter(str.strip))
    def test_copy_is_always_flagged(self, title: str):
        """A key result with the same title as another is always a duplicate."""
        okrs = one(kr("k1", title=title), kr("k2", title=title.upper()))
        assert codes(lint(okrs, rules=["OKR206"])) == [("OKR206", "k2")]
