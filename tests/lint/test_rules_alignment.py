"""OKR301-OKR304: initiatives, alignment, dependencies and levels."""

from __future__ import annotations

from builders import kr, objective
from okrkit import Cycle, Dependency, Initiative, InitiativeStatus, OKRSet, Owner
from okrkit.i18n import use_locale
from okrkit.lint import lint

OWNERS = [
    Owner(id="acme", name="Acme", kind="company"),
    Owner(id="team", name="Đội A", kind="team", parent="acme"),
    Owner(id="web", name="Đội Web", kind="team", parent="acme"),
]


def okr_set(*objectives, **more) -> OKRSet:
    """A set of ``objectives`` in 2026-Q1, with a company, two teams."""
    return OKRSet(cycles=[Cycle.quarter(2026, 1)], owners=OWNERS, objectives=objectives, **more)


def company() -> object:
    """The company objective ``co`` with key results ``c1`` and ``c2``."""
    return objective("co", kr("c1"), kr("c2"), owner="acme", level="company")


class TestNoInitiative:
    def test_only_when_the_set_lists_initiatives(self, locale: str):
        """Without initiatives nothing is flagged; with them, undriven key results are."""
        assert lint(okr_set(company()), rules=["OKR301"]) == []
        drives = Initiative(id="i1", title="Work", owner="acme", drives="c1")
        dropped = Initiative(
            id="i2", title="Gone", owner="acme", drives="c2", status=InitiativeStatus.DROPPED
        )
        with use_locale(locale):
            found = lint(okr_set(company(), initiatives=[drives, dropped]), rules=["OKR301"])
        assert [d.entity_id for d in found] == ["c2"]
        assert found[0].severity.value == "info"

    def test_vietnamese_hint_reads_naturally(self):
        """The hint asks for one initiative to move it, as a Vietnamese sentence says it."""
        drives = Initiative(id="i1", title="Work", owner="acme", drives="c1")
        with use_locale("vi"):
            (found,) = lint(okr_set(company(), initiatives=[drives]), rules=["OKR301"])
        assert found.hint == "thêm một sáng kiến để thúc đẩy nó, hoặc bỏ kết quả then chốt này"


class TestUnaligned:
    def test_team_objective_aligned_to_nothing(self, locale: str):
        """A team objective beside a company one, aligned to nothing, is flagged."""
        alone = objective("t1", kr("k1"), kr("k2"))
        aligned = objective("t2", kr("k3", aligned_to="c1"), kr("k4"), owner="web")
        with use_locale(locale):
            found = lint(okr_set(company(), alone, aligned), rules=["OKR302"])
        assert [d.entity_id for d in found] == ["t1"]

    def test_nothing_above(self):
        """A set of one team's OKRs has nothing to align to, and passes."""
        assert lint(okr_set(objective("t1", kr("k1"), kr("k2"))), rules=["OKR302"]) == []


class TestDependencyUnanswered:
    def test_other_side_without_key_results(self, locale: str):
        """Waiting on another team's objective without key results is unanswered."""
        waiting = objective("t1", kr("k1"), kr("k2"), aligned_to="co")
        empty = objective("w1", owner="web", aligned_to="co")
        with use_locale(locale):
            (found,) = lint(
                okr_set(
                    company(), waiting, empty, dependencies=[Dependency(dependent="k1", on="w1")]
                ),
                rules=["OKR303"],
            )
        assert found.entity_id == "k1"
        assert "Đội Web" in found.hint

    def test_answered_and_late(self):
        """A key result due in time answers; one due after it is needed does not."""
        import datetime as dt

        waiting = objective("t1", kr("k1", due=dt.date(2026, 2, 1)), kr("k2"))
        other = objective(
            "w1",
            kr("w-on-time", due=dt.date(2026, 1, 20)),
            kr("w-late", due=dt.date(2026, 3, 1)),
            owner="web",
        )
        deps = [
            Dependency(dependent="k1", on="w-on-time"),
            Dependency(dependent="k2", on="w-late"),
        ]
        assert lint(okr_set(waiting, other, dependencies=deps), rules=["OKR303"]) == []
        deps = [Dependency(dependent="k1", on="w-late")]
        assert [
            d.entity_id for d in lint(okr_set(waiting, other, dependencies=deps), rules=["OKR303"])
        ] == ["k1"]


class TestLevelInverted:
    def test_company_under_team(self, locale: str):
        """A company objective aligned under a team's key result is an error."""
        team = objective("t1", kr("k1"), kr("k2"))
        upside = objective(
            "co", kr("c1"), kr("c2"), owner="acme", level="company", aligned_to="k1"
        )
        with use_locale(locale):
            (found,) = lint(okr_set(team, upside), rules=["OKR304"])
        assert (found.entity_id, found.severity.value) == ("co", "error")

    def test_upward_passes(self):
        """A team objective aligned under the company's passes."""
        assert (
            lint(
                okr_set(company(), objective("t1", kr("k1"), kr("k2"), aligned_to="co")),
                rules=["OKR304"],
            )
            == []
        )
