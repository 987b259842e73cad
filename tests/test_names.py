"""One shape per concept: entities and scores are tuples, ids come from ids().

The spellings of okrkit 0.1 (methods returning lists, mappings by id) keep working for
one release, each with a DeprecationWarning that names the new spelling.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest

import okrkit
from okrkit.model._listing import Listing

EXAMPLE = "examples/acme.en.yaml"
AS_OF = dt.date(2026, 3, 15)


@pytest.fixture(scope="module")
def okrs() -> okrkit.OKRSet:
    """The English example, loaded once."""
    return okrkit.load(EXAMPLE)


class TestListing:
    def test_is_a_tuple_and_calling_it_warns(self) -> None:
        """A Listing compares as the tuple it is; calling it gives the old list."""
        items = Listing([1, 2], "thing.items")
        assert items == (1, 2)
        assert isinstance(items, tuple)
        with pytest.warns(DeprecationWarning, match=r"thing\.items\(\) is deprecated"):
            assert items() == [1, 2]

    def test_survives_pickle_and_copy(self) -> None:
        """Pickling and copying keep the type and the name the warning uses."""
        items = Listing([1, 2], "thing.items")
        for again in (pickle.loads(pickle.dumps(items)), copy.copy(items), copy.deepcopy(items)):
            assert again == items
            assert type(again) is Listing
            with pytest.warns(DeprecationWarning, match=r"thing\.items\(\)"):
                again()


class TestScorecard:
    def test_key_results_and_objectives_are_tuples_of_scores(self, okrs: okrkit.OKRSet) -> None:
        """card.key_results and card.objectives hold Scores, in the set's order."""
        card = okrs.score(as_of=AS_OF)
        krs = card.key_results
        assert isinstance(krs, tuple)
        assert [s.id for s in krs] == [kr.id for kr in okrs.key_results]
        assert [s.id for s in card.objectives] == [o.id for o in okrs.objectives]
        assert krs[0] == card[krs[0].id]

    def test_the_old_method_spelling_warns(self, okrs: okrkit.OKRSet) -> None:
        """card.key_results() returns the same scores as a list, with a warning."""
        card = okrs.score(as_of=AS_OF)
        with pytest.warns(DeprecationWarning, match=r"Scorecard\.key_results\(\)"):
            assert card.key_results() == list(card.key_results)
        with pytest.warns(DeprecationWarning, match=r"Scorecard\.objectives\(\)"):
            assert card.objectives() == list(card.objectives)


class TestCheckInLog:
    def test_ids_and_the_deprecated_key_results(self, okrs: okrkit.OKRSet) -> None:
        """log.ids() gives the ids; log.key_results() warns and gives them as a list."""
        log = okrs.checkins
        with pytest.warns(DeprecationWarning, match=r"use CheckInLog\.ids\(\)"):
            old = log.key_results()
        assert old == list(log.ids())
        assert log.ids() == tuple(sorted({c.key_result for c in log}))


class TestOneShape:
    def test_entities_are_tuples_on_the_set_the_graph_and_the_card(
        self, okrs: okrkit.OKRSet
    ) -> None:
        """key_results, objectives and initiatives: the same shape everywhere."""
        graph, card = okrs.graph, okrs.score(as_of=AS_OF)
        for name in ("objectives", "key_results"):
            for holder in (okrs, graph, card):
                assert isinstance(getattr(holder, name), tuple), (holder, name)
            ids = [e.id for e in getattr(okrs, name)]
            assert sorted(e.id for e in getattr(graph, name)) == sorted(ids)
            assert [s.id for s in getattr(card, name)] == ids
        assert isinstance(okrs.initiatives, tuple)
        assert isinstance(graph.initiatives, tuple)
        assert okrs.key_results is okrs.key_results  # made once

    def test_graph_methods_of_0_1_warn(self, okrs: okrkit.OKRSet) -> None:
        """graph.objectives() and friends still return lists, with a warning."""
        graph = okrs.graph
        for name in ("objectives", "key_results", "initiatives"):
            with pytest.warns(DeprecationWarning, match=rf"AlignmentGraph\.{name}\(\)"):
                assert getattr(graph, name)() == list(getattr(graph, name))
