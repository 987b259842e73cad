"""Properties of the store over generated OKR sets."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit import OKRSet
from okrkit.store import SQLiteStore
from okrkit.store._select import select_cycle
from okrkit.testing import okr_sets

_NAMES = (f"example-{n}" for n in itertools.count())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    """One store for the module; each example works in a workspace of its own."""
    with SQLiteStore(Path(tmp_path_factory.mktemp("store")) / "s.db") as opened:
        yield opened


class TestRoundTrip:
    @settings(max_examples=settings.default.max_examples)
    @given(okrs=okr_sets(max_objectives=5, max_checkins=8))
    def test_every_set_comes_back_equal(self, store: SQLiteStore, okrs: OKRSet):
        """Any valid set, saved and loaded back, is equal; saving it again records nothing."""
        name = next(_NAMES)
        store.save(okrs, workspace=name)
        assert store.load(workspace=name) == okrs
        assert store.save(okrs, workspace=name) == ()

    @settings(max_examples=settings.default.max_examples // 4)
    @given(okrs=okr_sets(max_objectives=5, max_checkins=8), data=st.data())
    def test_a_cycle_of_every_set(self, store: SQLiteStore, okrs: OKRSet, data: st.DataObject):
        """load(cycle=...) is a valid set, equal to the part a file gives for that cycle."""
        cycle = data.draw(st.sampled_from([c.id for c in okrs.cycles]))
        name = next(_NAMES)
        store.save(okrs, workspace=name)
        part = store.load(workspace=name, cycle=cycle)
        assert part == select_cycle(okrs, cycle)
        assert {o.id for o in okrs.objectives if o.cycle == cycle} <= {
            o.id for o in part.objectives
        }

    @settings(max_examples=settings.default.max_examples // 4)
    @given(first=okr_sets(max_objectives=4), second=okr_sets(max_objectives=4))
    def test_a_second_save_keeps_the_first_or_is_refused(
        self, store: SQLiteStore, first: OKRSet, second: OKRSet
    ):
        """Saving a second set either keeps every entity of both, or changes nothing."""
        name = next(_NAMES)
        store.save(first, workspace=name)
        try:
            store.save(second, workspace=name)
        except ValueError:
            assert store.load(workspace=name) == first
            return
        loaded = store.load(workspace=name)
        for okrs in (first, second):
            assert {o.id for o in okrs.objectives} <= {o.id for o in loaded.objectives}
            assert {k.id for k in okrs.key_results} <= {k.id for k in loaded.key_results}
        assert store.save(loaded, workspace=name) == ()
