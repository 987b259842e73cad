"""The SQLite store: sets saved and loaded by workspace, history, retiring, as of a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import okrkit
from builders import kr, objective
from okrkit import (
    Alignment,
    CheckIn,
    Cycle,
    Dependency,
    Initiative,
    Metric,
    OKRSet,
    Owner,
    UnknownIdError,
    ValidationError,
)
from okrkit.errors import UsageError
from okrkit.store import Change, SQLiteStore, Store
from okrkit.store._select import select_cycle

T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 2, 2, 9, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def small_set(*objectives: okrkit.Objective, **fields: object) -> OKRSet:
    """A set in 2026-Q1 owned by ``team``, holding ``objectives``."""
    base: dict[str, object] = {
        "cycles": [Cycle.quarter(2026, 1)],
        "owners": [Owner(id="team", name="Team", kind="team")],
        "objectives": objectives,
    }
    return OKRSet(**{**base, **fields})  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    """A new store in a temporary folder, closed after the test."""
    with SQLiteStore(tmp_path / "okrkit.db") as opened:
        yield opened


class TestRoundTrip:
    @pytest.mark.parametrize("name", ["acme.yaml", "acme.en.yaml"])
    def test_example_comes_back_equal(self, store: SQLiteStore, examples_dir: Path, name: str):
        """The example, saved and loaded back, is an equal set; saving it again records nothing."""
        okrs = okrkit.load(examples_dir / name)
        changes = store.save(okrs, author="lan", at=T0)
        assert len(changes) > len(okrs.checkins)
        back = store.load()
        assert back == okrs
        assert store.save(back) == ()
        assert store.checkins() == okrs.checkins

    def test_a_store_is_a_store(self, store: SQLiteStore):
        """SQLiteStore implements the Store protocol."""
        assert isinstance(store, Store)

    def test_order_of_every_list_is_kept(self, store: SQLiteStore):
        """Objectives, key results, owners and initiatives come back in the saved order."""
        okrs = small_set(
            objective("o2", kr("k3"), kr("k1")),
            objective("o1", kr("k2")),
            owners=[Owner(id="zed", name="Z"), Owner(id="team", name="Team", kind="team")],
            initiatives=[
                Initiative(id="i2", title="Two", owner="zed", drives=["k2"]),
                Initiative(id="i1", title="One", owner="zed", drives=["k1"]),
            ],
        )
        store.save(okrs)
        assert store.load() == okrs


class TestSave:
    def test_one_change_per_changed_field(self, store: SQLiteStore):
        """A new title and a new target are two changes, each with old and new values."""
        okrs = small_set(objective("o1", kr("k1"), kr("k2")))
        store.save(okrs, at=T0)
        changed = okrs.objectives[0].key_results[0]
        changed = attrs.evolve(
            changed, title="Faster", metric=Metric(kind="increase", start=0, target=20)
        )
        new = attrs.evolve(
            okrs, objectives=[attrs.evolve(okrs.objectives[0], key_results=[changed, kr("k2")])]
        )
        changes = store.save(new, author="lan", at=T1)
        assert [(c.kind, c.entity_id, c.field) for c in changes] == [
            ("key_result", "k1", "title"),
            ("key_result", "k1", "metric"),
        ]
        assert (changes[0].old, changes[0].new) == ("Result k1", "Faster")
        assert changes[1].new == {"kind": "increase", "start": 0, "target": 20}
        assert all(c.at == T1 and c.author == "lan" for c in changes)

    def test_history_of_a_key_result(self, store: SQLiteStore):
        """The history lists the addition, then each change, oldest first."""
        okrs = small_set(objective("o1", kr("k1")))
        store.save(okrs, author="an", at=T0)
        renamed = attrs.evolve(okrs.objectives[0].key_results[0], title="Renamed")
        store.save(
            attrs.evolve(
                okrs, objectives=[attrs.evolve(okrs.objectives[0], key_results=[renamed])]
            ),
            author="binh",
            at=T1,
        )
        history = store.history("k1")
        assert history[0].is_added
        assert history[0].new["objective"] == "o1"
        assert (history[1].field, history[1].old, history[1].new, history[1].author) == (
            "title",
            "Result k1",
            "Renamed",
            "binh",
        )

    def test_a_left_out_entity_stays(self, store: SQLiteStore):
        """Saving a set without an objective does not remove it: save only adds and updates."""
        store.save(small_set(objective("o1", kr("k1")), objective("o2", kr("k2"))))
        store.save(small_set(objective("o3", kr("k3")), objective("o1", kr("k1"))))
        assert [o.id for o in store.load().objectives] == ["o3", "o1", "o2"]

    def test_a_key_result_moved_to_another_objective(self, store: SQLiteStore):
        """Moving a key result is one change of its 'objective'."""
        store.save(small_set(objective("o1", kr("k1"), kr("k2")), objective("o2", kr("k3"))))
        changes = store.save(
            small_set(objective("o1", kr("k1")), objective("o2", kr("k3"), kr("k2")))
        )
        assert [(c.entity_id, c.field, c.old, c.new) for c in changes] == [
            ("k2", "objective", "o1", "o2")
        ]
        loaded = store.load()
        assert [k.id for k in loaded.objective("o2").key_results] == ["k3", "k2"]
        assert [k.id for k in loaded.objective("o1").key_results] == ["k1"]

    def test_a_set_that_would_break_a_rule_is_refused_whole(self, store: SQLiteStore):
        """An id used by another kind of entity is refused, and nothing is recorded."""
        first = small_set(objective("o1", kr("k1")))
        store.save(first, at=T0)
        clash = small_set(objective("k1", kr("k9")))  # an objective with a key result's id
        with pytest.raises(ValidationError):
            store.save(clash, at=T1)
        assert store.load() == first
        assert [c.at for c in store.history("k1")] == [T0]

    def test_a_metric_its_check_ins_do_not_fit(self, store: SQLiteStore):
        """A new metric that the recorded check-ins break is refused."""
        okrs = small_set(
            objective("o1", kr("k1")),
            checkins=[CheckIn(key_result="k1", on="2026-01-09", value=5)],
        )
        store.save(okrs)
        milestone = attrs.evolve(
            okrs.objectives[0].key_results[0], metric=Metric(kind="milestone")
        )
        changed = attrs.evolve(
            okrs,
            objectives=[attrs.evolve(okrs.objectives[0], key_results=[milestone])],
            checkins=[],
        )
        with pytest.raises(ValidationError):
            store.save(changed)
        assert store.load() == okrs

    def test_naive_time_is_utc(self, store: SQLiteStore):
        """A naive ``at`` is read as UTC; the change's time is aware."""
        (change, *_rest) = store.save(small_set(), at=dt.datetime(2026, 1, 5, 9, 0))
        assert change.at == T0

    def test_not_a_set(self, store: SQLiteStore):
        """Saving something else is a UsageError."""
        with pytest.raises(UsageError, match="OKRSet"):
            store.save({"objectives": []})  # type: ignore[arg-type]


class TestRetire:
    def test_retired_objective_drops_out_with_its_key_results(self, store: SQLiteStore):
        """A retired objective and its key results leave load(), and their history stays."""
        store.save(small_set(objective("o1", kr("k1")), objective("o2", kr("k2"))), at=T0)
        changes = store.retire("o1", author="lan", at=T1)
        assert [(c.entity_id, c.is_retired) for c in changes] == [("o1", True), ("k1", True)]
        assert [o.id for o in store.load().objectives] == ["o2"]
        assert store.history("k1")[-1].is_retired
        assert store.load(as_of=T0) == small_set(
            objective("o1", kr("k1")), objective("o2", kr("k2"))
        )

    def test_saving_it_again_brings_it_back(self, store: SQLiteStore):
        """A retired entity saved again is added again."""
        okrs = small_set(objective("o1", kr("k1")))
        store.save(okrs)
        store.retire("o1")
        added = store.save(okrs)
        assert {c.entity_id for c in added if c.is_added} == {"o1", "k1"}
        assert store.load() == okrs

    def test_unknown_id_suggests(self, store: SQLiteStore):
        """Retiring an unknown id names the closest ones."""
        store.save(small_set(objective("o1", kr("kr-sales"))))
        with pytest.raises(UnknownIdError, match="kr-sales"):
            store.retire("kr-sale")

    def test_what_is_still_needed_is_not_retired(self, store: SQLiteStore):
        """A cycle that an objective is set for stays, and nothing is recorded."""
        okrs = small_set(objective("o1", kr("k1")))
        store.save(okrs)
        with pytest.raises(ValidationError):
            store.retire("2026-Q1")
        assert store.load() == okrs

    def test_an_owner_who_wrote_check_ins(self, store: SQLiteStore):
        """An owner named as a check-in's author cannot be retired."""
        okrs = small_set(
            objective("o1", kr("k1")),
            owners=[Owner(id="team", name="Team", kind="team"), Owner(id="lan", name="Lan")],
            checkins=[CheckIn(key_result="k1", on="2026-01-09", value=1, author="lan")],
        )
        store.save(okrs)
        with pytest.raises(ValidationError, match="lan"):
            store.retire("lan")

    def test_a_dependency_by_its_id(self, store: SQLiteStore):
        """A dependency is retired by its "DEPENDENT -> ON" id."""
        okrs = small_set(
            objective("o1", kr("k1"), kr("k2")),
            dependencies=[Dependency(dependent="k1", on="k2")],
        )
        store.save(okrs)
        store.retire("k1 -> k2")
        assert store.load().dependencies == ()


class TestAsOf:
    def test_the_set_as_it_was(self, store: SQLiteStore):
        """as_of gives the versions and check-ins recorded by then; a date is its whole day."""
        okrs = small_set(objective("o1", kr("k1")))
        store.save(okrs, at=T0)
        renamed = attrs.evolve(okrs.objectives[0], title="Renamed")
        store.save(attrs.evolve(okrs, objectives=[renamed]), at=T1)
        store.append_checkins([CheckIn(key_result="k1", on="2026-03-01", value=4)], at=T2)
        assert store.load(as_of=T0.date()).objectives[0].title == "Objective o1"
        assert store.load(as_of="2026-02-02").objectives[0].title == "Renamed"
        assert len(store.load(as_of=T2 - dt.timedelta(seconds=1)).checkins) == 0
        assert len(store.load(as_of=T2).checkins) == 1
        assert len(store.checkins(as_of="2026-03-01")) == 0

    def test_before_anything_was_recorded(self, store: SQLiteStore):
        """A time before the first save is an UnknownIdError that says so."""
        store.save(small_set(), at=T1)
        with pytest.raises(UnknownIdError, match="default"):
            store.load(as_of=T0)


class TestCycles:
    def test_one_cycle_of_the_example(self, store: SQLiteStore, examples_dir: Path):
        """load(cycle=...) is the part of the set about that cycle, as for a file."""
        okrs = okrkit.load(examples_dir / "acme.en.yaml")
        store.save(okrs)
        for cycle in okrs.cycles:
            assert store.load(cycle=cycle.id) == select_cycle(okrs, cycle.id)

    def test_a_quarter_keeps_the_year_it_aligns_to(self, store: SQLiteStore):
        """A quarter's objective aligned to a year's objective brings that one along."""
        year = objective("y1", kr("ky"), cycle="2026")
        quarter = objective("q1", kr("kq"), aligned_to=[Alignment(parent="ky")])
        other = objective("q2", kr("kx"), cycle="2026-Q2")
        okrs = small_set(
            year,
            quarter,
            other,
            cycles=[Cycle.year(2026), Cycle.quarter(2026, 1), Cycle.quarter(2026, 2)],
        )
        store.save(okrs)
        assert [o.id for o in store.load(cycle="2026-Q1").objectives] == ["y1", "q1"]

    def test_unknown_cycle(self, store: SQLiteStore):
        """An unknown cycle is an UnknownIdError with suggestions."""
        store.save(small_set())
        with pytest.raises(UnknownIdError, match="2026-Q1"):
            store.load(cycle="2026-Q9")


class TestWorkspaces:
    def test_workspaces_are_apart(self, store: SQLiteStore):
        """Two workspaces keep their own sets; workspaces() lists them sorted."""
        one = small_set(objective("o1", kr("k1")))
        two = small_set(objective("o2", kr("k2")))
        store.save(one, workspace="sales")
        store.save(two, workspace="engineering")
        assert store.load(workspace="sales") == one
        assert store.load(workspace="engineering") == two
        assert store.workspaces() == ("engineering", "sales")

    def test_an_empty_workspace_names_the_others(self, store: SQLiteStore):
        """Loading a workspace that holds nothing names the ones that do."""
        store.save(small_set(), workspace="sales")
        with pytest.raises(UnknownIdError, match="sales"):
            store.load(workspace="marketing")

    def test_an_empty_store(self, store: SQLiteStore):
        """Loading from an empty store says to save a set first."""
        with pytest.raises(UnknownIdError, match="empty"):
            store.load()
        assert store.workspaces() == ()


class TestChange:
    def test_added_and_retired(self):
        """is_added and is_retired read a whole-entity change."""
        added = Change("w", "cycle", "q1", None, None, {"id": "q1"}, T0)
        retired = Change("w", "cycle", "q1", None, {"id": "q1"}, None, T0)
        assert (added.is_added, added.is_retired) == (True, False)
        assert (retired.is_added, retired.is_retired) == (False, True)
