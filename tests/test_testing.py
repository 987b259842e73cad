"""okrkit.testing: every strategy yields valid objects, and whole sets hang together."""

from __future__ import annotations

import datetime as dt
import importlib
import subprocess
import sys
from collections.abc import Callable

import attrs
import networkx as nx
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import okrkit.testing
from okrkit import (
    Alignment,
    CheckIn,
    Confidence,
    Cycle,
    Initiative,
    KeyResult,
    LinkKind,
    Metric,
    MetricKind,
    Objective,
    OKRSet,
    Owner,
    Unit,
)
from okrkit.errors import MissingExtraError
from okrkit.testing import (
    alignments,
    checkins,
    cycles,
    ids,
    initiatives,
    key_results,
    metrics,
    objectives,
    okr_sets,
    owners,
    texts,
)

VIETNAMESE = set("ăâđêôơưáàảãạếệ")

# find() stops at the first example that matches: no shrinking, nothing stored. Its
# max_examples is a budget, not a count: a search costs what it takes to find the first
# match, in any profile, and fails only when 2,000 tries find none.
SEARCH = settings(database=None, phases=[Phase.generate], max_examples=2_000)


def search(strategy: st.SearchStrategy[object], condition: Callable[[object], bool]) -> object:
    """The first example of ``strategy`` that meets ``condition``."""
    return find(strategy, condition, settings=SEARCH)


def all_ids(okrs: OKRSet) -> list[str]:
    """Every id an OKR set defines, duplicates kept."""
    return [
        *(cycle.id for cycle in okrs.cycles),
        *(owner.id for owner in okrs.owners),
        *(objective.id for objective in okrs.objectives),
        *(kr.id for kr in okrs.key_results),
        *(initiative.id for initiative in okrs.initiatives),
    ]


def alignment_graph(okrs: OKRSet) -> nx.DiGraph[str]:
    """Edges from each child up to what it counts toward, key results to objectives too."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for objective in okrs.objectives:
        graph.add_node(objective.id)
        graph.add_edges_from((objective.id, link.parent) for link in objective.aligned_to)
        for kr in objective.key_results:
            graph.add_edge(kr.id, objective.id)
            graph.add_edges_from((kr.id, link.parent) for link in kr.aligned_to)
    return graph


def revalidate(obj: object) -> object:
    """Build ``obj`` again from its fields, which runs every validation rule again."""
    return attrs.evolve(obj)


class TestModule:
    def test_all_is_sorted(self) -> None:
        """__all__ lists the public strategies in sorted order."""
        assert okrkit.testing.__all__ == sorted(okrkit.testing.__all__)

    def test_all_names_exist(self) -> None:
        """Every name in __all__ is a callable of the module."""
        for name in okrkit.testing.__all__:
            assert callable(getattr(okrkit.testing, name))

    def test_import_okrkit_does_not_import_hypothesis(self) -> None:
        """`import okrkit` works without loading hypothesis."""
        code = "import sys, okrkit; sys.exit('hypothesis' in sys.modules)"
        result = subprocess.run([sys.executable, "-c", code], check=False)
        assert result.returncode == 0

    def test_missing_hypothesis_says_how_to_install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without hypothesis, importing okrkit.testing names the extra to install."""
        monkeypatch.setitem(sys.modules, "hypothesis", None)
        monkeypatch.delitem(sys.modules, "okrkit.testing")
        with pytest.raises(MissingExtraError, match=r'pip install "okrkit\[testing\]"') as caught:
            importlib.import_module("okrkit.testing")
        assert isinstance(caught.value, ImportError)
        assert caught.value.extra == "testing"


class TestIds:
    @given(ids())
    def test_valid_and_short(self, ident: str) -> None:
        """Ids are 1-12 characters of a-z, 0-9 and '-', never starting with '-'."""
        assert 1 <= len(ident) <= 12
        assert set(ident) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
        assert not ident.startswith("-")
        assert Owner(id=ident, name="x").id == ident

    @given(ids(max_size=3))
    def test_max_size(self, ident: str) -> None:
        """max_size bounds the length."""
        assert len(ident) <= 3

    def test_max_size_below_one_is_refused(self) -> None:
        """An id needs at least one character."""
        with pytest.raises(InvalidArgument, match="'max_size'"):
            ids(max_size=0)


class TestTexts:
    @given(texts())
    def test_never_blank(self, text: str) -> None:
        """Texts are never empty or only whitespace, and have no line break."""
        assert text.strip()
        assert "\n" not in text
        assert Cycle(id="c", name=text, start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1))

    def test_vietnamese_letters_come_up(self) -> None:
        """Some texts carry Vietnamese letters with diacritics."""
        found = search(texts(), lambda text: bool(VIETNAMESE & set(str(text))))
        assert VIETNAMESE & set(str(found))

    def test_several_words_come_up(self) -> None:
        """Some texts are phrases of several words."""
        assert " " in str(search(texts(), lambda text: len(str(text).split()) >= 3))


class TestCycles:
    @given(cycles())
    def test_valid(self, cycle: Cycle) -> None:
        """Cycles validate again and run forwards."""
        assert isinstance(cycle, Cycle)
        assert revalidate(cycle) == cycle
        assert cycle.start <= cycle.end

    @given(cycles(min_date=dt.date(2026, 3, 15), max_date=dt.date(2026, 6, 30)))
    def test_within_bounds(self, cycle: Cycle) -> None:
        """min_date and max_date bound every cycle."""
        assert dt.date(2026, 3, 15) <= cycle.start <= cycle.end <= dt.date(2026, 6, 30)

    @given(cycles(ids=st.just("2026-Q1")))
    def test_ids_strategy(self, cycle: Cycle) -> None:
        """The ids strategy chooses the id."""
        assert cycle.id == "2026-Q1"

    def test_calendar_quarters_come_up(self) -> None:
        """Some cycles are whole calendar quarters."""
        found = search(cycles(), lambda c: isinstance(c, Cycle) and c.name.startswith("Q"))
        assert isinstance(found, Cycle)
        assert found.start.day == 1
        assert found.start.month in (1, 4, 7, 10)

    @given(cycles(min_date=dt.date(9999, 12, 1), max_date=dt.date(9999, 12, 31)))
    def test_last_days_of_the_calendar(self, cycle: Cycle) -> None:
        """Cycles near the last representable date are cut to fit, never overflow."""
        assert cycle.end <= dt.date(9999, 12, 31)

    def test_dates_in_wrong_order_are_refused(self) -> None:
        """max_date before min_date is an argument error."""
        strategy = cycles(min_date=dt.date(2026, 2, 1), max_date=dt.date(2026, 1, 1))
        with pytest.raises(InvalidArgument, match="'max_date'"):
            find(strategy, lambda _: True, settings=SEARCH)


class TestOwners:
    @given(owners())
    def test_valid(self, owner: Owner) -> None:
        """Owners validate again and are never their own parent."""
        assert isinstance(owner, Owner)
        assert revalidate(owner) == owner
        assert owner.parent != owner.id

    @given(owners(ids=st.just("lan"), parents=["lan", "team-a"]))
    def test_parent_from_the_given_ids(self, owner: Owner) -> None:
        """The parent comes from `parents`, never the owner itself."""
        assert owner.parent in (None, "team-a")

    @given(owners(parents=[]))
    def test_no_parents_no_parent(self, owner: Owner) -> None:
        """An empty `parents` gives top-level owners."""
        assert owner.parent is None


class TestMetrics:
    @given(metrics())
    def test_valid(self, metric: Metric) -> None:
        """Metrics validate again."""
        assert isinstance(metric, Metric)
        assert revalidate(metric) == metric

    @pytest.mark.parametrize("kind", list(MetricKind))
    def test_every_kind_comes_up(self, kind: MetricKind) -> None:
        """Each metric kind is generated."""
        found = search(metrics(), lambda m: isinstance(m, Metric) and m.kind is kind)
        assert isinstance(found, Metric)

    @pytest.mark.parametrize("unit", list(Unit))
    def test_every_unit_comes_up(self, unit: Unit) -> None:
        """Each unit is generated."""
        found = search(metrics(), lambda m: isinstance(m, Metric) and m.unit is unit)
        assert isinstance(found, Metric)

    @given(metrics(MetricKind.INCREASE))
    def test_increase_shape(self, metric: Metric) -> None:
        """An increase metric rises from start to target, and stretch lies beyond."""
        assert metric.start is not None
        assert metric.target is not None
        assert metric.start < metric.target
        assert metric.stretch is None or metric.stretch > metric.target

    @given(metrics(MetricKind.DECREASE))
    def test_decrease_shape(self, metric: Metric) -> None:
        """A decrease metric falls from start to target, and stretch lies beyond."""
        assert metric.start is not None
        assert metric.target is not None
        assert metric.start > metric.target
        assert metric.stretch is None or metric.stretch < metric.target

    @given(metrics(MetricKind.MILESTONE))
    def test_milestone_has_no_numbers(self, metric: Metric) -> None:
        """A milestone has no start, target or stretch."""
        assert (metric.start, metric.target, metric.stretch) == (None, None, None)

    @given(metrics(unit=Unit.CURRENCY))
    def test_currency_has_a_code(self, metric: Metric) -> None:
        """A currency metric always names an ISO 4217-shaped code."""
        assert metric.currency is not None
        assert len(metric.currency) == 3
        assert metric.currency.isupper()

    @given(metrics(unit=Unit.DURATION_DAYS))
    def test_duration_never_negative(self, metric: Metric) -> None:
        """A duration's numbers are 0 or more."""
        values = (metric.start, metric.target, metric.stretch)
        assert all(value >= 0 for value in values if value is not None)

    @given(metrics(unit=Unit.SCORE))
    def test_score_values_on_scale(self, metric: Metric) -> None:
        """A score's numbers lie on its scale, when it has one."""
        if metric.scale is not None:
            low, high = metric.scale
            values = (metric.start, metric.target, metric.stretch)
            assert all(low <= value <= high for value in values if value is not None)

    @pytest.mark.parametrize(
        ("label", "condition"),
        [
            ("scale", lambda m: m.scale is not None),
            ("stretch", lambda m: m.stretch is not None),
            (
                "at_least with start",
                lambda m: m.kind is MetricKind.AT_LEAST and m.start is not None,
            ),
            ("milestone in currency", lambda m: m.is_milestone and m.currency is not None),
        ],
    )
    def test_variants_come_up(self, label: str, condition: Callable[[Metric], bool]) -> None:
        """Optional parts (scale, stretch, reference start, ...) are generated."""
        assert search(metrics(), lambda m: isinstance(m, Metric) and bool(condition(m)))


class TestAlignments:
    @given(alignments())
    def test_valid(self, link: Alignment) -> None:
        """Alignment links validate again, with a positive weight."""
        assert isinstance(link, Alignment)
        assert revalidate(link) == link
        assert link.weight > 0

    @given(alignments(parents=["obj-1", "kr-2"]))
    def test_parent_from_the_given_ids(self, link: Alignment) -> None:
        """The parent comes from `parents`."""
        assert link.parent in ("obj-1", "kr-2")

    def test_supports_links_come_up(self) -> None:
        """Some links only support their parent."""
        found = search(alignments(), lambda a: getattr(a, "kind", None) is LinkKind.SUPPORTS)
        assert isinstance(found, Alignment)

    def test_empty_parents_are_refused(self) -> None:
        """A link needs a parent to point to."""
        with pytest.raises(InvalidArgument, match="'parents'"):
            find(alignments(parents=[]), lambda _: True, settings=SEARCH)


class TestKeyResults:
    @given(key_results())
    def test_valid(self, kr: KeyResult) -> None:
        """Key results validate again and never align to themselves."""
        assert isinstance(kr, KeyResult)
        assert revalidate(kr) == kr
        assert kr.id not in {link.parent for link in kr.aligned_to}

    @given(key_results(owners=["lan", "minh"], parents=["obj-1"], cycle=Cycle.quarter(2026, 2)))
    def test_references_from_the_given_ids(self, kr: KeyResult) -> None:
        """Owners, parents and due date come from the arguments."""
        assert set(kr.owners) <= {"lan", "minh"}
        assert {link.parent for link in kr.aligned_to} <= {"obj-1"}
        assert kr.due is None or Cycle.quarter(2026, 2).contains(kr.due)

    @given(key_results(metrics=metrics(MetricKind.MILESTONE)))
    def test_metrics_strategy(self, kr: KeyResult) -> None:
        """The metrics strategy chooses the metric."""
        assert kr.metric.is_milestone


class TestObjectives:
    @given(objectives())
    def test_valid(self, objective: Objective) -> None:
        """Objectives validate again, with ids distinct from their key results'."""
        assert isinstance(objective, Objective)
        assert revalidate(objective) == objective
        own = [objective.id, *(kr.id for kr in objective.key_results)]
        assert len(set(own)) == len(own)

    @given(objectives())
    def test_no_link_inside_the_objective(self, objective: Objective) -> None:
        """Neither the objective nor its key results align to any of their own ids."""
        own = {objective.id, *(kr.id for kr in objective.key_results)}
        assert not own & {link.parent for link in objective.aligned_to}
        for kr in objective.key_results:
            assert not own & {link.parent for link in kr.aligned_to}

    @given(
        objectives(
            owners=["lan"],
            cycles=[Cycle.quarter(2026, 1)],
            parents=["obj-company", "kr-revenue"],
            max_key_results=2,
        )
    )
    def test_references_from_the_given_ids(self, objective: Objective) -> None:
        """Owner, cycle, parents and due dates come from the arguments."""
        q1 = Cycle.quarter(2026, 1)
        assert (objective.owner, objective.cycle) == ("lan", "2026-Q1")
        assert len(objective.key_results) <= 2
        parents = {"obj-company", "kr-revenue"}
        assert {link.parent for link in objective.aligned_to} <= parents
        for kr in objective.key_results:
            assert kr.id not in parents
            assert kr.owners in ((), ("lan",))
            assert kr.due is None or q1.contains(kr.due)

    def test_empty_cycles_are_refused(self) -> None:
        """An objective needs a cycle to be set for."""
        with pytest.raises(InvalidArgument, match="'cycles'"):
            find(objectives(cycles=[]), lambda _: True, settings=SEARCH)


class TestInitiatives:
    @given(initiatives())
    def test_valid(self, initiative: Initiative) -> None:
        """Initiatives validate again."""
        assert isinstance(initiative, Initiative)
        assert revalidate(initiative) == initiative

    @given(initiatives(owners=["lan"], key_results=["kr-1", "kr-2"]))
    def test_references_from_the_given_ids(self, initiative: Initiative) -> None:
        """Owner and driven key results come from the arguments."""
        assert initiative.owner == "lan"
        assert set(initiative.drives) <= {"kr-1", "kr-2"}
        assert len(set(initiative.drives)) == len(initiative.drives)

    def test_empty_owners_are_refused(self) -> None:
        """An initiative needs an owner."""
        with pytest.raises(InvalidArgument, match="'owners'"):
            find(initiatives(owners=[]), lambda _: True, settings=SEARCH)


class TestCheckIns:
    @given(checkins())
    def test_valid(self, checkin: CheckIn) -> None:
        """Check-ins validate again; confidence is None or 1-5."""
        assert isinstance(checkin, CheckIn)
        assert revalidate(checkin) == checkin
        assert checkin.confidence is None or isinstance(checkin.confidence, Confidence)

    @given(st.data())
    def test_value_suits_the_metric(self, data: st.DataObject) -> None:
        """A check-in's value is one its key result's metric accepts."""
        kr = data.draw(key_results())
        checkin = data.draw(checkins(key_result=kr))
        assert checkin.key_result == kr.id
        assert kr.metric.accepts(checkin.value)

    @given(checkins(metric=Metric(kind="milestone")))
    def test_milestone_zero_or_one(self, checkin: CheckIn) -> None:
        """A milestone's check-in reports 0 or 1."""
        assert checkin.value in (0.0, 1.0)

    @given(checkins(metric=Metric(kind="at_most", target=5, unit="score", scale=(0, 10))))
    def test_score_on_scale(self, checkin: CheckIn) -> None:
        """A scored metric's check-in lies on the scale."""
        assert 0 <= checkin.value <= 10

    @given(checkins(metric=Metric(kind="at_least", target=0.6, unit="score", scale=(0.55, 0.7))))
    def test_narrow_scale(self, checkin: CheckIn) -> None:
        """A scale narrower than one unit still gives values on it."""
        assert 0.55 <= checkin.value <= 0.7

    @given(checkins(metric=Metric(kind="decrease", start=9, target=2, unit="duration_days")))
    def test_duration_not_negative(self, checkin: CheckIn) -> None:
        """A duration's check-in is 0 or more."""
        assert checkin.value >= 0

    @given(checkins(key_result="kr-1", cycle=Cycle.quarter(2026, 3), authors=["lan"]))
    def test_references_from_the_arguments(self, checkin: CheckIn) -> None:
        """Key result, day and author come from the arguments."""
        assert checkin.key_result == "kr-1"
        assert Cycle.quarter(2026, 3).contains(checkin.on)
        assert checkin.author in (None, "lan")


class TestOKRSets:
    @given(okr_sets())
    def test_valid(self, okrs: OKRSet) -> None:
        """Whole sets pass every cross-reference check again."""
        assert isinstance(okrs, OKRSet)
        assert revalidate(okrs) == okrs

    @given(okr_sets())
    def test_ids_unique(self, okrs: OKRSet) -> None:
        """No two entities share an id."""
        defined = all_ids(okrs)
        assert len(set(defined)) == len(defined)

    @given(okr_sets())
    def test_alignment_acyclic(self, okrs: OKRSet) -> None:
        """Alignment links, with key results counting toward their objectives, never loop."""
        assert nx.is_directed_acyclic_graph(alignment_graph(okrs))

    @given(okr_sets())
    def test_owner_tree_acyclic(self, okrs: OKRSet) -> None:
        """Owners' parents are owners of the set and form a forest."""
        ids_of_owners = {owner.id for owner in okrs.owners}
        graph: nx.DiGraph[str] = nx.DiGraph()
        graph.add_nodes_from(ids_of_owners)
        for owner in okrs.owners:
            if owner.parent is not None:
                assert owner.parent in ids_of_owners
                graph.add_edge(owner.id, owner.parent)
        assert nx.is_directed_acyclic_graph(graph)

    @given(okr_sets())
    def test_references_resolve(self, okrs: OKRSet) -> None:
        """Every id an entity names is in the set, with the right kind."""
        owner_ids = {owner.id for owner in okrs.owners}
        kr_ids = {kr.id for kr in okrs.key_results}
        for objective in okrs.objectives:
            assert objective.owner in owner_ids
            assert okrs.cycle(objective.cycle)
            for kr in objective.key_results:
                assert set(kr.owners) <= owner_ids
        for initiative in okrs.initiatives:
            assert initiative.owner in owner_ids
            assert set(initiative.drives) <= kr_ids
        for checkin in okrs.checkins:
            assert checkin.key_result in kr_ids
            assert checkin.author is None or checkin.author in owner_ids

    @given(okr_sets())
    def test_links_join_overlapping_cycles(self, okrs: OKRSet) -> None:
        """Every alignment joins cycles that overlap, and never an own objective."""
        for objective in okrs.objectives:
            cycle = okrs.cycle(objective.cycle)
            children = [(objective, objective.aligned_to)]
            children += [(kr, kr.aligned_to) for kr in objective.key_results]
            for child, links in children:
                for link in links:
                    parent = okrs.get(link.parent)
                    assert isinstance(parent, Objective | KeyResult)
                    holder = (
                        parent if isinstance(parent, Objective) else okrs.objective_of(parent.id)
                    )
                    assert okrs.cycle(holder.cycle).overlaps(cycle)
                    if isinstance(child, KeyResult):
                        assert link.parent != objective.id

    @given(okr_sets())
    def test_dates_inside_cycles(self, okrs: OKRSet) -> None:
        """Due dates and check-in days fall inside the objective's cycle."""
        for kr in okrs.key_results:
            cycle = okrs.cycle(okrs.objective_of(kr.id).cycle)
            assert kr.due is None or cycle.contains(kr.due)
            for checkin in okrs.checkins_for(kr.id):
                assert cycle.contains(checkin.on)
                assert kr.metric.accepts(checkin.value)

    @given(
        okr_sets(max_cycles=1, max_owners=1, min_objectives=3, max_objectives=3, max_key_results=1)
    )
    def test_size_parameters(self, okrs: OKRSet) -> None:
        """The size parameters bound each section."""
        assert len(okrs.cycles) == 1
        assert len(okrs.owners) == 1
        assert len(okrs.objectives) == 3

    @given(okr_sets(max_key_results=0))
    def test_no_key_results_no_checkins(self, okrs: OKRSet) -> None:
        """A set without key results has no check-ins and initiatives drive nothing."""
        assert not list(okrs.key_results)
        assert not okrs.checkins
        assert all(not initiative.drives for initiative in okrs.initiatives)

    @pytest.mark.parametrize("kind", list(MetricKind))
    def test_every_metric_kind_comes_up(self, kind: MetricKind) -> None:
        """Over many sets, key results of every metric kind are generated."""
        found = search(
            okr_sets(),
            lambda s: (
                isinstance(s, OKRSet) and any(kr.metric.kind is kind for kr in s.key_results)
            ),
        )
        assert isinstance(found, OKRSet)

    @pytest.mark.parametrize(
        ("label", "condition"),
        [
            ("owner with a parent", lambda s: any(o.parent for o in s.owners)),
            ("objective aligned", lambda s: any(o.aligned_to for o in s.objectives)),
            ("key result aligned", lambda s: any(kr.aligned_to for kr in s.key_results)),
            (
                "several parents",
                lambda s: (
                    any(len(o.aligned_to) > 1 for o in s.objectives)
                    or any(len(kr.aligned_to) > 1 for kr in s.key_results)
                ),
            ),
            (
                "supports link",
                lambda s: any(
                    link.kind is LinkKind.SUPPORTS
                    for kr in s.key_results
                    for link in kr.aligned_to
                ),
            ),
            ("initiative driving", lambda s: any(i.drives for i in s.initiatives)),
            ("check-in with author", lambda s: any(c.author for c in s.checkins)),
            ("several cycles", lambda s: len(s.cycles) > 1),
            ("due date", lambda s: any(kr.due for kr in s.key_results)),
            ("multi-line text", lambda s: any("\n" in o.description for o in s.objectives)),
        ],
    )
    def test_features_come_up(self, label: str, condition: Callable[[OKRSet], bool]) -> None:
        """Each kind of cross-reference and shape appears in some generated set."""
        assert search(okr_sets(), lambda s: isinstance(s, OKRSet) and bool(condition(s)))

    @pytest.mark.parametrize(
        "arguments",
        [
            {"max_cycles": 0},
            {"max_owners": 0},
            {"min_objectives": -1},
            {"min_objectives": 3, "max_objectives": 2},
            {"max_checkins": -1},
        ],
    )
    def test_bad_sizes_are_refused(self, arguments: dict[str, int]) -> None:
        """Sizes out of range are argument errors."""
        with pytest.raises(InvalidArgument):
            find(okr_sets(**arguments), lambda _: True, settings=SEARCH)


class TestMetricWords:
    @given(metric=okrkit.testing.metrics("decrease", "percent"))
    def test_a_kind_and_unit_by_their_words(self, metric: okrkit.Metric) -> None:
        """``metrics("decrease", "percent")`` is ``metrics(MetricKind.DECREASE, Unit.PERCENT)``."""
        assert metric.kind is okrkit.MetricKind.DECREASE
        assert metric.unit is okrkit.Unit.PERCENT

    def test_a_misspelt_kind_is_okrkits_error(self) -> None:
        """A kind that is none of okrkit's is a ValidationError naming the kinds."""
        from okrkit.errors import ValidationError

        with pytest.raises(ValidationError, match="increase, decrease"):
            find(okrkit.testing.metrics("decrese"), lambda _: True)
