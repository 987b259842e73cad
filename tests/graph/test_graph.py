"""AlignmentGraph: building, checked changes, queries and views, as users call them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest

import okrkit
from builders import kr, objective
from okrkit import (
    AlignmentError,
    Cycle,
    Dependency,
    Initiative,
    LinkKind,
    Objective,
    OKRSet,
    Owner,
    ValidationError,
)
from okrkit.graph import AlignmentGraph, EdgeKind, NodeKind

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Q1, Q2 = Cycle.quarter(2026, 1), Cycle.quarter(2026, 2)

OWNERS = [
    Owner(id="acme", name="Acme", kind="company"),  # type: ignore[arg-type]
    Owner(id="dept", name="Dept", kind="department", parent="acme"),  # type: ignore[arg-type]
    Owner(id="team", name="Team", kind="team", parent="dept"),  # type: ignore[arg-type]
    Owner(id="other", name="Other team", kind="team", parent="acme"),  # type: ignore[arg-type]
]


@pytest.fixture
def graph() -> AlignmentGraph:
    """Company <- dept <- team objectives, each with key results, plus an initiative."""
    okrs = OKRSet(
        cycles=[Q1, Q2],
        owners=OWNERS,
        objectives=[
            objective("top", kr("top-1"), kr("top-2"), owner="acme", level="company"),
            objective("mid", kr("mid-1"), owner="dept", level="department", aligned_to="top"),
            objective("low", kr("low-1"), kr("low-2", aligned_to="mid-1"), aligned_to="mid"),
            objective(
                "side",
                kr("side-1"),
                owner="other",
                aligned_to=[okrkit.Alignment(parent="top", kind=LinkKind.SUPPORTS)],
            ),
        ],
        initiatives=[Initiative(id="ini", title="Work", owner="team", drives=["low-1"])],
        dependencies=[Dependency(dependent="low-1", on="side-1", note="needs the API")],
    )
    return AlignmentGraph.from_okrset(okrs)


class TestBuilding:
    def test_nodes_and_edges(self, graph: AlignmentGraph) -> None:
        """Entities become typed nodes; links become typed edges."""
        g = graph.nx
        assert g.nodes["top"]["kind"] is NodeKind.OBJECTIVE
        assert g.nodes["top-1"]["kind"] is NodeKind.KEY_RESULT
        assert g.nodes["ini"]["kind"] is NodeKind.INITIATIVE
        assert g.edges["top", "top-1"]["kind"] is EdgeKind.HAS_KEY_RESULT
        assert g.edges["mid", "top"] == {
            "kind": EdgeKind.ALIGNS_TO,
            "link": LinkKind.CONTRIBUTES,
            "weight": 1.0,
        }
        assert g.edges["side", "top"]["link"] is LinkKind.SUPPORTS
        assert g.edges["ini", "low-1"]["kind"] is EdgeKind.DRIVES
        assert g.edges["low-1", "side-1"] == {"kind": EdgeKind.DEPENDS_ON, "note": "needs the API"}

    def test_nx_view_is_read_only(self, graph: AlignmentGraph) -> None:
        """graph.nx works with networkx algorithms but cannot be changed."""
        assert nx.has_path(graph.nx, "low", "top")
        with pytest.raises(nx.NetworkXError):
            graph.nx.add_node("x")

    def test_okrset_graph_is_built_once_and_read_only(self) -> None:
        """OKRSet.graph is cached and refuses changes with a hint."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        assert okrs.graph is okrs.graph
        with pytest.raises(AlignmentError, match="read-only"):
            okrs.graph.remove("obj-co-growth")
        editable = okrs.graph.copy()
        editable.remove("obj-co-growth")
        assert "obj-co-growth" in okrs.graph

    def test_round_trip_to_okrset(self, graph: AlignmentGraph) -> None:
        """to_okrset gives back the set the graph was built from."""
        assert AlignmentGraph.from_okrset(graph.to_okrset()) == graph


class TestChanges:
    def test_add_objective(self, graph: AlignmentGraph) -> None:
        """A new objective with key results and links joins the graph."""
        graph.add_objective(objective("new", kr("new-1"), aligned_to=["low", "mid-1"]))
        assert graph.parents("new") == ["low", "mid-1"]
        assert graph.objective_of("new-1").id == "new"

    def test_add_objective_refusals(self, graph: AlignmentGraph) -> None:
        """Taken ids, unknown parents, owners and cycles, and bad due dates are refused."""
        before = graph.copy()
        cases = [
            (objective("top"), r"id 'top' is already used at objectives\[0\];"),
            (
                objective("x", kr("top-1")),
                r"id 'top-1' is already used at objectives\[0\]\.key_results\[0\];",
            ),
            (objective("x", aligned_to="nope"), "'nope' is not in the graph"),
            (objective("x", owner="ghost"), "owner 'ghost'"),
            (objective("x", cycle="2027-Q1"), "cycle '2027-Q1'"),
            (objective("x", kr("x-1", due=dt.date(2026, 5, 1))), "outside cycle '2026-Q1'"),
            (objective("x", cycle="2026-Q2", aligned_to="top"), "do not overlap"),
            (
                objective("x", kr("a", aligned_to="b"), kr("b", aligned_to="a")),
                "alignment loop a -> b -> a",
            ),
        ]
        for new, message in cases:
            with pytest.raises(AlignmentError, match=message):
                graph.add_objective(new)
            assert graph == before

    def test_align_and_refusals(self, graph: AlignmentGraph) -> None:
        """align() adds a link, and refuses loops, repeats and unknown ids unchanged."""
        graph.align("side", "mid", kind="contributes", weight=2)
        side = graph.entity("side")
        assert isinstance(side, Objective)
        assert side.aligned_to[-1] == okrkit.Alignment(parent="mid", weight=2)
        before = graph.copy()
        with pytest.raises(AlignmentError, match="alignment loop top -> mid -> top") as exc:
            graph.align("top", "mid")
        assert exc.value.ids == ("top", "mid", "top")
        with pytest.raises(AlignmentError, match="already linked"):
            graph.align("side", "mid")
        with pytest.raises(AlignmentError, match="own objective"):
            graph.align("low-1", "low")
        with pytest.raises(AlignmentError, match="'ghost' is not in the graph"):
            graph.align("low", "ghost")
        with pytest.raises(
            AlignmentError, match="is of kind initiative; this needs: objective / key result"
        ):
            graph.align("ini", "top")
        assert graph == before

    def test_align_key_result_updates_its_objective(self, graph: AlignmentGraph) -> None:
        """A key result's new link shows in its objective's copy of it, too."""
        graph.align("low-1", "top-1")
        low = graph.entity("low")
        assert isinstance(low, Objective)
        assert low.key_result("low-1").aligned_to[-1].parent == "top-1"
        graph.to_okrset()  # still a valid set

    def test_depends_on(self, graph: AlignmentGraph) -> None:
        """Dependencies are listed with the owners on both sides."""
        graph.depends_on("mid", "side", note="shared budget")
        infos = graph.dependencies()
        assert [(d.dependent, d.on) for d in infos] == [("low-1", "side-1"), ("mid", "side")]
        assert infos[1].dependent_owners == ("dept",)
        assert infos[1].on_owners == ("other",)
        assert infos[1].crosses_teams
        with pytest.raises(AlignmentError, match="already linked"):
            graph.depends_on("mid", "top")
        with pytest.raises(AlignmentError, match="cannot depend on itself"):
            graph.depends_on("mid", "mid")

    def test_remove_cascades(self, graph: AlignmentGraph) -> None:
        """Removing an objective takes its key results and drops links to them."""
        removed = graph.remove("mid")
        assert removed == {"mid", "mid-1"}
        low = graph.entity("low")
        assert isinstance(low, Objective)
        assert low.aligned_to == ()
        assert low.key_result("low-2").aligned_to == ()
        assert [o.id for o in graph.orphans()] == ["low"]
        graph.to_okrset()

    def test_remove_key_result_and_initiative(self, graph: AlignmentGraph) -> None:
        """A removed key result leaves its objective and initiatives; dependencies go."""
        assert graph.remove("low-1") == {"low-1"}
        low = graph.entity("low")
        assert isinstance(low, Objective)
        assert [k.id for k in low.key_results] == ["low-2"]
        initiative = graph.entity("ini")
        assert isinstance(initiative, Initiative)
        assert initiative.drives == ()
        assert graph.dependencies() == []
        assert graph.remove("ini") == {"ini"}
        with pytest.raises(AlignmentError):
            graph.remove("ini")

    def test_add_initiative(self, graph: AlignmentGraph) -> None:
        """Initiatives must drive key results of the graph."""
        graph.add_initiative(Initiative(id="ini-2", title="More", owner="team", drives="top-1"))
        assert [i.id for i in graph.initiatives_for("top-1")] == ["ini-2"]
        with pytest.raises(AlignmentError, match="is of kind objective; this needs: key result"):
            graph.add_initiative(Initiative(id="ini-3", title="x", owner="team", drives="top"))


class TestQueries:
    def test_up_and_down(self, graph: AlignmentGraph) -> None:
        """Ancestors climb to the top; descendants include key results below."""
        assert graph.ancestors("low-2") == ["low", "mid-1", "mid", "top"]
        assert graph.descendants("mid") == ["mid-1", "low", "low-2", "low-1"]
        assert graph.children("top") == ["mid", "side"]
        assert graph.children("top", include_supports=False) == ["mid"]

    def test_contributors_skip_supporting_links(self, graph: AlignmentGraph) -> None:
        """Only counted links contribute."""
        assert "side" not in graph.contributors("top")
        assert set(graph.contributors("top")) >= {"top-1", "mid", "low", "low-2"}

    def test_impact_path(self, graph: AlignmentGraph) -> None:
        """A key result's chain climbs through its objective to the top."""
        assert graph.impact_path("low-2") == ["low-2", "low", "mid", "top"]
        assert graph.impact_path("side-1") == ["side-1", "side", "top"]

    def test_roots_orphans_and_filters(self, graph: AlignmentGraph) -> None:
        """Roots are unaligned objectives; orphans are the non-company ones."""
        assert [o.id for o in graph.roots()] == ["top"]
        assert graph.orphans() == []
        graph.add_objective(objective("lonely"))
        assert [o.id for o in graph.orphans()] == ["lonely"]
        assert [o.id for o in graph.by_level("department")] == ["mid"]
        assert [o.id for o in graph.by_owner("dept", include_units_below=True)] == [
            "mid",
            "low",
            "lonely",
        ]
        assert [o.id for o in graph.by_cycle("2026-Q2")] == []

    def test_unknown_level(self, graph: AlignmentGraph) -> None:
        """by_level names the levels for a value that is none of them."""
        with pytest.raises(ValidationError, match="'level' must be one of company, department"):
            graph.by_level("galaxy")

    def test_views(self, graph: AlignmentGraph) -> None:
        """Owner and cycle views hold their part of the graph, read-only."""
        dept = graph.for_owner("dept")
        assert sorted(dept.nx.nodes) == ["ini", "low", "low-1", "low-2", "mid", "mid-1"]
        assert dept.read_only
        with pytest.raises(AlignmentError, match="read-only"):
            dept.align("low", "mid-1")
        assert len(graph.for_cycle("2026-Q2")) == 0
        with pytest.raises(AlignmentError, match="no cycle"):
            graph.for_cycle("2030")


class TestExample:
    def test_every_key_result_climbs_to_a_company_objective(self) -> None:
        """impact_path on every key result of the example ends at a company objective."""
        okrs = okrkit.load(EXAMPLES / "acme.yaml")
        for key_result in okrs.key_results:
            top = okrs.graph.entity(okrs.graph.impact_path(key_result.id)[-1])
            assert isinstance(top, Objective)
            assert top.level.value == "company"

    def test_no_orphans(self) -> None:
        """The example has no orphans and three company roots."""
        graph = okrkit.load(EXAMPLES / "acme.yaml").graph
        assert graph.orphans() == []
        assert {o.level.value for o in graph.roots()} == {"company"}

    def test_orphan_and_loop_reported(self) -> None:
        """An unaligned team objective is an orphan; a loop is refused with its ids."""
        graph = okrkit.load(EXAMPLES / "acme.yaml").graph.copy()
        graph.remove("obj-sales-growth")
        assert {o.id for o in graph.orphans()} == {"obj-sales-hcm", "obj-sales-hn", "obj-sales-dn"}
        with pytest.raises(AlignmentError) as excinfo:
            graph.align("obj-co-growth", "kr-first-sale")
        assert "obj-co-growth" in excinfo.value.ids
        assert "kr-first-sale" in excinfo.value.ids
