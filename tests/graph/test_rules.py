"""One rule, one message: a mistake made in an OKR set and on a graph reads the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from builders import kr, objective
from okrkit import (
    AlignmentError,
    Cycle,
    Initiative,
    Objective,
    OKRSet,
    Owner,
)
from okrkit.errors import ValidationError
from okrkit.graph import AlignmentGraph
from okrkit.i18n import use_locale

Q1, Q3 = Cycle.quarter(2026, 1), Cycle.quarter(2026, 3)
OWNERS = [
    Owner(id="acme", name="Acme", kind="company"),  # type: ignore[arg-type]
    Owner(id="team", name="Team", kind="team", parent="acme"),  # type: ignore[arg-type]
]


def base(*, top: dict[str, object] | None = None) -> list[Objective]:
    """A company objective and a team objective aligned to it."""
    return [
        objective("top", kr("top-1"), owner="acme", level="company", **(top or {})),
        objective("mid", kr("mid-1"), aligned_to="top"),
    ]


def set_message(objectives: list[Objective]) -> str:
    """The message of the one problem OKRSet finds in ``objectives``."""
    with pytest.raises(ValidationError) as caught:
        OKRSet(cycles=[Q1, Q3], owners=OWNERS, objectives=objectives)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0].message


def graph_message(change: Callable[[AlignmentGraph], object], *extra: Objective) -> str:
    """The message of the AlignmentError ``change`` raises on the base graph, unchanged."""
    okrs = OKRSet(cycles=[Q1, Q3], owners=OWNERS, objectives=[*base(), *extra])
    graph = AlignmentGraph.from_okrset(okrs)
    with pytest.raises(AlignmentError) as caught:
        change(graph)
    assert graph == AlignmentGraph.from_okrset(okrs), "a refused change changed the graph"
    return str(caught.value)


ADDED = {
    "cycles that do not overlap": objective("x", cycle="2026-Q3", aligned_to="top"),
    "a key result aligned to its own objective": objective("x", kr("x-1", aligned_to="x")),
    "a due date outside the cycle": objective("x", kr("x-1", due=dt.date(2026, 5, 1))),
    "an unknown owner, with a hint": objective("x", owner="teem"),
    "an unknown owner, without one": objective("x", owner="zzz"),
    "an unknown key result owner": objective("x", kr("x-1", owners=["acne"])),
    "an unknown cycle": objective("x", cycle="2026-Q2"),
    "key results in a loop": objective("x", kr("a", aligned_to="b"), kr("b", aligned_to="a")),
    "a taken objective id": objective("top"),
    "a taken key result id": objective("x", kr("mid-1")),
    "an id used twice in what is added": objective("x", kr("x")),
}


class TestSameMessage:
    @pytest.mark.parametrize("mistake", list(ADDED))
    def test_add_objective(self, mistake: str, locale: str) -> None:
        """add_objective refuses an objective with the message OKRSet gives it."""
        new = ADDED[mistake]
        with use_locale(locale):
            expected = set_message([*base(), new])
            assert graph_message(lambda graph: graph.add_objective(new)) == expected

    def test_align_into_a_loop(self) -> None:
        """Aligning a parent to its child is the loop a set with both links has."""
        expected = set_message(base(top={"aligned_to": "mid"}))
        assert expected.startswith("alignment loop top -> mid -> top;")
        assert graph_message(lambda graph: graph.align("top", "mid")) == expected

    def test_align_to_own_objective(self) -> None:
        """A key result aligned to its own objective, by align() or in the set."""
        objectives = base()
        objectives[0] = objective("top", kr("top-1", aligned_to="top"), owner="acme")
        expected = set_message(objectives)
        assert graph_message(lambda graph: graph.align("top-1", "top")) == expected

    def test_align_across_cycles(self) -> None:
        """A link between cycles that share no day, by align() or in the set."""
        expected = set_message([*base(), objective("later", cycle="2026-Q3", aligned_to="top")])
        assert "do not overlap" in expected
        later = objective("later", cycle="2026-Q3")
        assert graph_message(lambda graph: graph.align("later", "top"), later) == expected

    def test_unknown_initiative_owner(self) -> None:
        """An initiative's unknown owner reads as in a set."""
        initiative = Initiative(id="ini", title="Work", owner="teem", drives=["top-1"])
        with pytest.raises(ValidationError) as caught:
            OKRSet(cycles=[Q1], owners=OWNERS, objectives=base(), initiatives=[initiative])
        expected = caught.value.problems[0].message
        assert "did you mean 'team'?" in expected
        assert graph_message(lambda graph: graph.add_initiative(initiative)) == expected
