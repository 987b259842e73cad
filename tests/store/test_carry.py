"""Carry-forward: what moves into the next cycle, how the copies look, and its invariants."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import (
    Alignment,
    CheckIn,
    Cycle,
    FinalGrade,
    KeyResult,
    Metric,
    Objective,
    OKRSet,
    Owner,
)
from okrkit.errors import UnknownIdError, UsageError, ValidationError
from okrkit.graph import NodeKind
from okrkit.io import json_schema
from okrkit.store import CarryForward, Moved, Why, carry_forward, next_id
from okrkit.testing import okr_sets

Q1, Q2 = Cycle.quarter(2026, 1), Cycle.quarter(2026, 2)
YEAR = Cycle.year(2026)
GRADE = FinalGrade(value=0.4, reason="Dropped after the reorganisation")


def okr_set(*objectives: Objective, checkins: Any = (), cycles: Any = (Q1,)) -> OKRSet:
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


def carried(okrs: OKRSet, **options: Any) -> CarryForward:
    """Carry ``okrs`` from 2026-Q1 into 2026-Q2."""
    return carry_forward(okrs, source="2026-Q1", target="2026-Q2", **options)


class TestWhatMoves:
    def test_unfinished_key_results_move_with_their_objective(self) -> None:
        """An objective moves with only its unfinished key results; done ones stay."""
        okrs = okr_set(
            objective("o1", kr("k-done"), kr("k-half"), kr("k-none")),
            checkins=[on("k-done", "2026-03-01", 10), on("k-half", "2026-03-01", 5)],
        )
        result = carried(okrs)
        assert [(m.id, m.new_id, m.kind) for m in result.moved] == [
            ("o1", "o1-2026-Q2", NodeKind.OBJECTIVE),
            ("k-half", "k-half-2026-Q2", NodeKind.KEY_RESULT),
            ("k-none", "k-none-2026-Q2", NodeKind.KEY_RESULT),
        ]
        assert [(s.id, s.why) for s in result.stayed] == [("k-done", Why.DONE)]
        copy = result.okrset.objective("o1-2026-Q2")
        assert [k.id for k in copy.key_results] == ["k-half-2026-Q2", "k-none-2026-Q2"]
        assert copy.cycle == "2026-Q2"

    def test_graded_entities_stay(self) -> None:
        """A graded key result stays; a graded objective keeps every key result with it."""
        okrs = okr_set(
            objective("o1", kr("k-graded", final_grade=GRADE), kr("k-open")),
            objective("o2", kr("k-under-graded"), final_grade=GRADE),
        )
        result = carried(okrs)
        assert [m.id for m in result.moved] == ["o1", "k-open"]
        assert {(s.id, s.why) for s in result.stayed} == {
            ("k-graded", Why.GRADED),
            ("o2", Why.GRADED),
            ("k-under-graded", Why.GRADED),
        }

    def test_objective_with_everything_done_stays_done(self) -> None:
        """An objective whose key results are all done or graded stays, as done."""
        okrs = okr_set(
            objective("o1", kr("k1"), kr("k2", final_grade=GRADE)),
            checkins=[on("k1", "2026-02-01", 12)],
        )
        result = carried(okrs)
        assert result.moved == ()
        assert [(s.id, s.why) for s in result.stayed] == [
            ("o1", Why.DONE),
            ("k1", Why.DONE),
            ("k2", Why.GRADED),
        ]
        assert result.okrset is okrs

    def test_objective_without_key_results(self) -> None:
        """An objective with no key result moves unless it has a final grade."""
        okrs = okr_set(objective("o-open"), objective("o-graded", final_grade=GRADE))
        result = carried(okrs)
        assert [m.id for m in result.moved] == ["o-open"]
        assert [(s.id, s.why) for s in result.stayed] == [("o-graded", Why.GRADED)]

    def test_done_is_judged_on_as_of(self) -> None:
        """What is done is judged on as_of: a value reported later does not count."""
        okrs = okr_set(objective("o1", kr("k1")), checkins=[on("k1", "2026-03-20", 10)])
        assert [m.id for m in carried(okrs).moved] == []
        assert [m.id for m in carried(okrs, as_of="2026-03-10").moved] == ["o1", "k1"]

    def test_other_cycles_are_untouched(self) -> None:
        """Only objectives of the source cycle move."""
        okrs = okr_set(
            objective("o1", kr("k1")),
            objective("o-year", kr("k-year"), cycle="2026"),
            cycles=(Q1, YEAR),
        )
        assert [m.id for m in carried(okrs).moved] == ["o1", "k1"]


class TestCopies:
    def test_copy_fields(self) -> None:
        """A copy links back, starts from the last value, and has no due date or plan."""
        plan = [okrkit.PlannedValue(on=dt.date(2026, 2, 1), value=4)]
        okrs = okr_set(
            objective("o1", kr("k1", due=dt.date(2026, 3, 1), plan=plan), tags=["ops"]),
            checkins=[on("k1", "2026-02-01", 3), on("k1", "2026-03-02", 6)],
        )
        copy = carried(okrs).okrset.key_result("k1-2026-Q2")
        assert copy.carried_from == "k1"
        assert copy.metric == Metric(kind="increase", start=6, target=10)  # type: ignore[arg-type]
        assert (copy.due, copy.plan, copy.final_grade) == (None, (), None)
        assert copy.title == "Result k1"
        assert carried(okrs).okrset.objective("o1-2026-Q2").tags == ("ops",)
        assert carried(okrs).okrset.checkins_for("k1-2026-Q2") == ()

    def test_start_as_of(self) -> None:
        """The start is the last value reported by as_of; the original without one."""
        okrs = okr_set(
            objective("o1", kr("k1"), kr("k2", metric=Metric(kind="increase", start=2, target=9))),
            checkins=[on("k1", "2026-02-01", 3), on("k1", "2026-03-02", 6)],
        )
        result = carried(okrs, as_of="2026-02-15")
        assert [(m.id, m.start) for m in result.moved] == [("o1", None), ("k1", 3.0), ("k2", 2.0)]
        assert result.okrset.key_result("k2-2026-Q2").metric.start == 2

    def test_metric_kinds(self) -> None:
        """Decrease metrics start from the last value; a milestone keeps no start."""
        falling = Metric(kind="decrease", start=50, target=20)  # type: ignore[arg-type]
        okrs = okr_set(
            objective(
                "o1",
                kr("k-fall", metric=falling),
                kr("k-ship", metric=Metric(kind="milestone")),  # type: ignore[arg-type]
                kr("k-floor", metric=Metric(kind="at_least", target=90)),  # type: ignore[arg-type]
            ),
            checkins=[
                on("k-fall", "2026-03-01", 30),
                on("k-ship", "2026-03-01", 0),
                on("k-floor", "2026-03-01", 80),
            ],
        )
        result = carried(okrs).okrset
        assert result.key_result("k-fall-2026-Q2").metric.start == 30
        assert result.key_result("k-ship-2026-Q2").metric.start is None
        assert result.key_result("k-floor-2026-Q2").metric.start == 80

    def test_target_reached_but_not_done_keeps_the_start(self) -> None:
        """At its target yet not done (zones scores 0.7 there): the start stays, with a note."""
        okrs = okr_set(objective("o1", kr("k1")), checkins=[on("k1", "2026-03-01", 10)])
        result = carried(okrs, strategy="zones")
        assert result.okrset.key_result("k1-2026-Q2").metric.start == 0
        assert [note.entity_id for note in result.notes] == ["k1"]
        assert "k1" in result.notes[0].message

    def test_default_ids(self) -> None:
        """A -2026-Q1 ending becomes -2026-Q2; other ids get -2026-Q2 added."""
        assert next_id("kr-sales-2026-Q1", "2026-Q1", "2026-Q2") == "kr-sales-2026-Q2"
        assert next_id("kr-sales", "2026-Q1", "2026-Q2") == "kr-sales-2026-Q2"
        assert next_id("-2026-Q1", "2026-Q1", "2026-Q2") == "-2026-Q1-2026-Q2"
        okrs = okr_set(objective("o1-2026-Q1", kr("k1-2026-Q1")))
        assert [m.new_id for m in carried(okrs).moved] == ["o1-2026-Q2", "k1-2026-Q2"]

    def test_new_id(self) -> None:
        """new_id chooses the copies' ids."""
        okrs = okr_set(objective("o1", kr("k1")))
        result = carried(okrs, new_id=lambda ident: f"next.{ident}")
        assert [m.new_id for m in result.moved] == ["next.o1", "next.k1"]

    def test_round_trip(self) -> None:
        """The carried set survives a round trip through every format."""
        okrs = okr_set(objective("o1", kr("k1")), checkins=[on("k1", "2026-02-01", 3)])
        new = carried(okrs).okrset
        for form in ("yaml", "json", "toml"):
            assert okrkit.loads(okrkit.dumps(new, form), form) == new


class TestLinks:
    def test_links_follow_moved_parents(self) -> None:
        """A link to a parent that moved points to the parent's copy."""
        okrs = okr_set(
            objective("o-parent", kr("k-parent")),
            objective("o-child", kr("k-child", aligned_to="k-parent"), aligned_to="o-parent"),
        )
        new = carried(okrs).okrset
        assert [a.parent for a in new.objective("o-child-2026-Q2").aligned_to] == [
            "o-parent-2026-Q2"
        ]
        assert [a.parent for a in new.key_result("k-child-2026-Q2").aligned_to] == [
            "k-parent-2026-Q2"
        ]

    def test_link_kind_and_weight_are_kept(self) -> None:
        """A re-pointed link keeps its kind and weight."""
        link = Alignment(parent="o-parent", kind="supports", weight=2.0)  # type: ignore[arg-type]
        okrs = okr_set(objective("o-parent"), objective("o-child", aligned_to=link))
        new = carried(okrs).okrset
        assert new.objective("o-child-2026-Q2").aligned_to == (
            attrs.evolve(link, parent="o-parent-2026-Q2"),
        )

    def test_links_to_parents_that_stayed(self) -> None:
        """A stayed parent in an overlapping cycle keeps its link; one in Q1 loses it."""
        okrs = okr_set(
            objective("o-year", cycle="2026"),
            objective("o-done", kr("k-done")),
            objective("o-child", kr("k1"), aligned_to=["o-year", "o-done"]),
            checkins=[on("k-done", "2026-03-01", 10)],
            cycles=(Q1, YEAR),
        )
        result = carried(okrs)
        assert [a.parent for a in result.okrset.objective("o-child-2026-Q2").aligned_to] == [
            "o-year"
        ]
        assert [(n.entity_id, "o-done" in n.message) for n in result.notes] == [
            ("o-child-2026-Q2", True)
        ]


class TestTarget:
    def test_quarter_id_adds_the_cycle(self) -> None:
        """A quarter id not in the set makes and adds that quarter."""
        new = carried(okr_set(objective("o1"))).okrset
        assert new.cycle("2026-Q2") == Q2

    def test_year_id_and_cycle_objects(self) -> None:
        """A year id, or a Cycle object, is added too; a cycle of the set is used as is."""
        okrs = okr_set(objective("o1"))
        assert carry_forward(okrs, source="2026-Q1", target="2027").okrset.cycle("2027") == (
            Cycle.year(2027)
        )
        sprint = Cycle(id="s1", name="Sprint", start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 14))
        result = carry_forward(okrs, source="2026-Q1", target=sprint)
        assert result.okrset.cycle("s1") == sprint
        assert result.target == sprint
        both = okr_set(objective("o1"), cycles=(Q1, Q2))
        assert carried(both).okrset.cycles == (Q1, Q2)

    def test_nothing_moves_nothing_is_added(self) -> None:
        """When nothing moves the set comes back as it was, without the target cycle."""
        okrs = okr_set(objective("o1", final_grade=GRADE))
        assert carried(okrs).okrset is okrs

    def test_bad_cycles(self) -> None:
        """Unknown cycles, the same cycle, or a clashing Cycle are refused clearly."""
        okrs = okr_set(objective("o1"))
        with pytest.raises(UnknownIdError, match="2026-Q7"):
            carry_forward(okrs, source="2026-Q7", target="2026-Q2")
        with pytest.raises(UnknownIdError, match="next"):
            carry_forward(okrs, source="2026-Q1", target="next")
        with pytest.raises(ValidationError, match="itself"):
            carry_forward(okrs, source="2026-Q1", target="2026-Q1")
        other = Cycle(id="2026-Q1", name="Other", start=dt.date(2026, 1, 1), end=Q2.end)
        with pytest.raises(ValidationError, match="2026-Q1"):
            carry_forward(okrs, source="2026-Q1", target=other)
        with pytest.raises(UsageError, match="target"):
            carry_forward(okrs, source="2026-Q1", target=2)  # type: ignore[arg-type]


class TestRefusals:
    def test_taken_id(self) -> None:
        """A copy's id taken in the set is refused, naming both, and nothing changes."""
        okrs = okr_set(objective("o1", kr("k1")), objective("o2", kr("k1-2026-Q2")))
        with pytest.raises(ValidationError) as caught:
            carried(okrs)
        assert caught.value.entity_id == "k1"
        assert "k1-2026-Q2" in str(caught.value)

    def test_two_copies_one_id(self) -> None:
        """Two originals whose copies would share an id are refused."""
        okrs = okr_set(objective("o1", kr("k1"), kr("k1-2026-Q1")))
        with pytest.raises(ValidationError, match="both"):
            carried(okrs)


class TestTwice:
    def test_carrying_twice_is_a_no_op(self) -> None:
        """The second carry into the same target moves nothing and returns the same set."""
        first = carried(okr_set(objective("o1", kr("k1"), kr("k2"))))
        second = carried(first.okrset)
        assert second.moved == ()
        assert second.okrset is first.okrset
        assert {s.why for s in second.stayed} == {Why.CARRIED}

    def test_a_new_key_result_joins_the_earlier_copy(self) -> None:
        """A key result added to the source after a carry joins its objective's copy."""
        first = carried(okr_set(objective("o1", kr("k1")))).okrset
        original = first.objective("o1")
        grown = attrs.evolve(
            first,
            objectives=[
                attrs.evolve(o, key_results=(*o.key_results, kr("k-late"))) if o is original else o
                for o in first.objectives
            ],
        )
        again = carried(grown)
        assert again.moved == (
            Moved(id="k-late", new_id="k-late-2026-Q2", kind=NodeKind.KEY_RESULT, start=0.0),
        )
        assert [k.id for k in again.okrset.objective("o1-2026-Q2").key_results] == [
            "k1-2026-Q2",
            "k-late-2026-Q2",
        ]


class TestCarriedFromField:
    def test_is_an_id_not_a_reference(self) -> None:
        """carried_from may name an id the set does not hold; it must be a valid id."""
        okrs = okr_set(objective("o1", kr("k1", carried_from="k-old"), carried_from="o-old"))
        assert okrs.key_result("k1").carried_from == "k-old"
        with pytest.raises(ValidationError, match="carried_from"):
            kr("k1", carried_from="has space")
        with pytest.raises(ValidationError, match="carried_from"):
            objective("o1", carried_from="")

    def test_round_trip(self) -> None:
        """carried_from survives YAML, JSON and TOML, and the fast loader reads it."""
        okrs = okr_set(objective("o1", kr("k1", carried_from="k-old"), carried_from="o-old"))
        for form in ("yaml", "json", "toml"):
            text = okrkit.dumps(okrs, form)
            assert "carried_from" in text
            assert okrkit.loads(text, form) == okrs

    def test_in_the_schema(self) -> None:
        """The JSON Schema describes carried_from on objectives and key results."""
        defs = json_schema()["$defs"]
        for record in ("objective", "key_result"):
            assert defs[record]["properties"]["carried_from"]["type"] == "string"


# -- properties ---------------------------------------------------------------------------

NEXT = "Next_Q"  # generated ids have no capitals or underscores, so never clash


def _graded_some(data: st.DataObject, okrs: OKRSet) -> OKRSet:
    """``okrs`` with a drawn few of its objectives and key results graded final."""
    every = [o.id for o in okrs.objectives] + [k.id for k in okrs.key_results]
    chosen = data.draw(st.sets(st.sampled_from(every), max_size=3)) if every else set()

    def grade(entity: Any) -> Any:
        return attrs.evolve(entity, final_grade=GRADE) if entity.id in chosen else entity

    objectives = [
        grade(attrs.evolve(o, key_results=[grade(k) for k in o.key_results]))
        for o in okrs.objectives
    ]
    return attrs.evolve(okrs, objectives=objectives)


@given(data=st.data())
def test_carry_forward_invariants(data: st.DataObject) -> None:
    """The new set is valid; one copy a move; nothing done or graded moves; twice is once."""
    okrs = _graded_some(data, data.draw(okr_sets(min_objectives=1)))
    source = data.draw(st.sampled_from(okrs.cycles))
    target = Cycle(
        id=NEXT,
        name="Next",
        start=source.end + dt.timedelta(days=1),
        end=source.end + dt.timedelta(days=91),
    )
    as_of = data.draw(st.none() | st.dates(source.start, source.end))
    options: dict[str, Any] = {"source": source.id, "target": target, "as_of": as_of}
    result = carry_forward(okrs, new_id=lambda ident: f"{ident}_N", **options)
    new = result.okrset
    assert OKRSet(**{f.name: getattr(new, f.name) for f in attrs.fields(OKRSet) if f.init}) == new
    entities: list[Objective | KeyResult] = [*new.objectives, *new.key_results]
    for move in result.moved:
        copies = [e.id for e in entities if e.carried_from == move.id]
        assert copies == [move.new_id]
        is_kr = move.kind is NodeKind.KEY_RESULT
        home = new.objective_of(move.new_id) if is_kr else new.objective(move.new_id)
        assert home.cycle == NEXT
    moved = {move.id for move in result.moved}
    card = okrs.score(as_of=as_of or source.end)
    for objective_ in okrs.objectives:
        if objective_.cycle != source.id:
            assert objective_.id not in moved
            continue
        assert objective_.final_grade is None or objective_.id not in moved
        for key_result in objective_.key_results:
            finished = key_result.final_grade or objective_.final_grade
            if finished or card.value(key_result.id) >= 1.0:
                assert key_result.id not in moved
    members = {o.id for o in okrs.objectives if o.cycle == source.id} | {
        k.id for o in okrs.objectives if o.cycle == source.id for k in o.key_results
    }
    listed = [m.id for m in result.moved] + [s.id for s in result.stayed]
    assert sorted(listed) == sorted(members)
    assert all(e in new.objectives for e in okrs.objectives)  # the originals are untouched
    again = carry_forward(new, new_id=lambda ident: f"{ident}_N", **options)
    assert again.moved == ()
    assert again.okrset is new
