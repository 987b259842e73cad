"""A bug inside the loader propagates as the bug it is, never reworded as a user problem."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from cattrs.errors import ClassValidationError

import okrkit
import okrkit.io
from okrkit import (
    Cycle,
    KeyResult,
    LoadError,
    Metric,
    Objective,
    OKRSet,
    Owner,
    PlannedValue,
    ValidationError,
)
from okrkit.errors import Problem
from okrkit.io import problems_from

FORMATS = ["yaml", "json", "toml"]


class BugError(ZeroDivisionError):
    """Stands for a mistake in okrkit's own code (a ZeroDivisionError, say)."""


def okrs(*, plan: bool) -> OKRSet:
    """A small valid set; with ``plan``, its key result takes the converter's path."""
    steps = [PlannedValue(on=dt.date(2026, 2, 1), value=30)] if plan else []
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="lan", name="Lan")],
        objectives=[
            Objective(
                id="obj-1",
                title="Ship faster",
                owner="lan",
                cycle="2026-Q1",
                level="team",
                key_results=[
                    KeyResult(
                        id="kr-1",
                        title="Velocity from 27 to 35",
                        metric=Metric(kind="increase", start=27, target=35),
                        plan=steps,
                    )
                ],
            )
        ],
        checkins=[okrkit.CheckIn(key_result="kr-1", on=dt.date(2026, 1, 9), value=28)],
    )


def raiser(bug: Exception) -> Callable[..., Any]:
    """A function that raises ``bug`` whatever it is given."""

    def boom(*_args: object, **_kwargs: object) -> Any:
        raise bug

    return boom


class TestLoad:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("plan", [False, True], ids=["fast-path", "converter"])
    def test_bug_building_a_metric(
        self, monkeypatch: pytest.MonkeyPatch, fmt: str, plan: bool
    ) -> None:
        """A bug while a metric is built escapes both the fast path and cattrs' groups."""
        text = okrkit.dumps(okrs(plan=plan), fmt)
        bug = BugError("a bug in okrkit")
        monkeypatch.setattr(Metric, "__attrs_post_init__", raiser(bug))
        with pytest.raises(BugError) as caught:
            okrkit.loads(text, fmt)
        assert caught.value is bug
        assert not isinstance(caught.value, LoadError)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_bug_building_a_cycle(self, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
        """A bug in an entry the converter builds is not collected as one of its problems."""
        text = okrkit.dumps(okrs(plan=False), fmt)
        bug = BugError("a bug in okrkit")
        monkeypatch.setattr(Cycle, "__attrs_post_init__", raiser(bug))
        with pytest.raises(BugError) as caught:
            okrkit.loads(text, fmt)
        assert caught.value is bug

    def test_bug_salvaging_an_objective(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A bug while the loader salvages a failed objective propagates too."""
        data = okrkit.io.to_data(okrs(plan=False))
        data["objectives"][0]["key_results"][0]["weight"] = -1  # a problem to report
        text = json.dumps(data, default=str)
        bug = BugError("a bug in okrkit")
        monkeypatch.setattr("okrkit.io._load.attrs.evolve", raiser(bug))
        with pytest.raises(BugError) as caught:
            okrkit.loads(text, "json")
        assert caught.value is bug

    def test_bug_reading_checkin_tables(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A bug in the check-in table reader propagates."""
        text = okrkit.dumps(okrs(plan=False), "yaml")
        bug = BugError("a bug in okrkit")
        monkeypatch.setattr("okrkit.io._checkins.parse_tables", raiser(bug))
        with pytest.raises(BugError) as caught:
            okrkit.loads(text, "yaml")
        assert caught.value is bug

    def test_bad_input_is_still_a_load_error(self) -> None:
        """The narrowing keeps every real problem: a bad metric is reported with its path."""
        data = okrkit.io.to_data(okrs(plan=True))
        data["objectives"][0]["key_results"][0]["metric"]["target"] = "lots"
        with pytest.raises(LoadError) as caught:
            okrkit.loads(json.dumps(data), "json")
        paths = {problem.path for problem in caught.value.problems}
        assert paths == {"objectives[0].key_results[0].metric.target"}


class TestNodeLink:
    def test_bug_building_an_owner(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A bug while a node-link graph is read propagates, not a LoadError."""
        data = okrkit.io.to_node_link(okrs(plan=False).graph)
        bug = BugError("a bug in okrkit")
        monkeypatch.setattr(Owner, "__attrs_post_init__", raiser(bug))
        with pytest.raises(BugError) as caught:
            okrkit.io.from_node_link(data)
        assert caught.value is bug

    def test_lists_that_are_not_lists(self) -> None:
        """Sections that must be lists are reported as such, not raised as TypeError."""
        data = okrkit.io.to_node_link(okrs(plan=False).graph)
        data["graph"]["cycles"] = 5
        data["edges"] = None
        with pytest.raises(LoadError) as caught:
            okrkit.io.from_node_link(data)
        paths = {problem.path for problem in caught.value.problems}
        assert paths == {"graph.cycles", "edges"}


class TestProblemsFrom:
    def test_words_problems_with_the_input(self) -> None:
        """Problems of okrkit's own, unknown keys and missing keys become located problems."""
        with pytest.raises(ClassValidationError) as caught:
            okrkit.io.make_converter().structure({"id": "q1", "nmae": "Q1"}, Cycle)
        problems = problems_from(caught.value, ("cycles", 0))
        assert {problem.path for problem in problems} == {
            "cycles[0].nmae",
            "cycles[0].name",
            "cycles[0].start",
            "cycles[0].end",
        }
        invalid = ValidationError(Problem(message="'weight' must be more than 0", path="weight"))
        assert [p.path for p in problems_from(invalid, ("key_results", 1))] == [
            "key_results[1].weight"
        ]

    def test_reraises_a_bug(self) -> None:
        """Any other exception, alone or inside a cattrs group, is raised unchanged."""
        bug = BugError("a bug in okrkit")
        with pytest.raises(BugError) as caught:
            problems_from(bug)
        assert caught.value is bug
        group = ClassValidationError("Cycle", [ValidationError("bad"), bug], Cycle)
        with pytest.raises(BugError) as caught:
            problems_from(group, ("cycles", 0))
        assert caught.value is bug

    def test_a_keyerror_from_a_hook_is_not_a_missing_key(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A KeyError raised by a bug inside a cattrs group is not taken for a missing key."""
        text = okrkit.dumps(okrs(plan=True), "json")
        bug = KeyError("lookup")
        monkeypatch.setattr(Metric, "__attrs_post_init__", raiser(bug))
        with pytest.raises(KeyError) as caught:
            okrkit.loads(text, "json")
        assert caught.value is bug
