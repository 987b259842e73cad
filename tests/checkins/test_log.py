"""The columnar check-in log: building, reading, appending, frames and tables."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from okrkit import CheckIn, Confidence, Cycle
from okrkit.checkins import CheckInLog
from okrkit.errors import MissingExtraError, ValidationError
from okrkit.testing import okr_sets

Q1 = Cycle.quarter(2026, 1)
ROWS = [
    ("kr-b", "2026-01-09", 3.0),
    ("kr-a", "2026-01-16", 5.0, 4, "Two deals closed", "lan"),
    ("kr-a", "2026-01-09", 1.0, None, None, None),
]


def log_of_rows() -> CheckInLog:
    """A small log with a note, an author and a confidence."""
    return CheckInLog.from_rows(ROWS)


class TestBuilding:
    def test_every_constructor_gives_the_same_log(self) -> None:
        """Check-ins, rows, columns, codes, a DataFrame and an Arrow table agree."""
        log = log_of_rows()
        krs = [r[0] for r in ROWS]
        days = [dt.date.fromisoformat(r[1]) for r in ROWS]
        values = [r[2] for r in ROWS]
        confidences = [None, 4, None]
        notes = [None, "Two deals closed", None]
        authors = [None, "lan", None]
        assert CheckInLog.from_checkins(list(log)) == log
        assert CheckInLog(list(log)) == log
        assert CheckInLog.from_columns(krs, days, values, confidences, notes, authors) == log
        assert (
            CheckInLog.from_codes(
                ["kr-a", "kr-b"], np.array([1, 0, 0]), days, values, confidences, notes, authors
            )
            == log
        )
        assert CheckInLog.from_frame(log.to_frame()) == log
        assert CheckInLog.from_arrow(log.to_arrow()) == log

    @pytest.mark.parametrize(
        "days",
        [
            [dt.date(2026, 1, 9), dt.date(2026, 1, 16)],
            [dt.date(2026, 1, 9).toordinal(), dt.date(2026, 1, 16).toordinal()],
            ["2026-01-09", "2026-01-16"],
            np.array(["2026-01-09", "2026-01-16"], dtype="datetime64[D]"),
            [dt.datetime(2026, 1, 9, 8, 30), pd.Timestamp("2026-01-16 17:00")],
        ],
    )
    def test_days_in_every_spelling(self, days: Any) -> None:
        """Dates, ordinals, ISO text, datetime64 and datetimes are the same days."""
        log = CheckInLog.from_columns(["a", "a"], days, [1.0, 2.0])
        assert [c.on for c in log] == [dt.date(2026, 1, 9), dt.date(2026, 1, 16)]

    def test_sorted_by_key_result_then_day(self) -> None:
        """The log reads in id order, then oldest first, whatever the input order."""
        log = log_of_rows()
        assert [(c.key_result, c.on.day) for c in log] == [("kr-a", 9), ("kr-a", 16), ("kr-b", 9)]
        assert log.ids() == ("kr-a", "kr-b")
        assert list(log.offsets) == [0, 2, 3]

    def test_notes_and_authors_are_kept_only_where_given(self) -> None:
        """Only the rows with a note or an author carry one."""
        log = log_of_rows()
        assert log.notes() == {1: "Two deals closed"}
        assert log.authors() == {1: "lan"}
        assert log[1].confidence is Confidence.HIGH
        assert log[0].note == ""
        assert log[0].author is None

    @pytest.mark.parametrize(
        ("columns", "message"),
        [
            ((["a"], [], []), "same length"),
            ((["a"], ["2026-01-09"], [float("nan")]), "finite number"),
            ((["a"], ["2026-01-09"], ["many"]), "must be a number"),
            ((["a"], ["2026-02-30"], [1.0]), "YYYY-MM-DD"),
            ((["a b"], ["2026-01-09"], [1.0]), "without spaces"),
            ((["a"], ["2026-01-09"], [1.0], ["purple"]), "1-5 or one of red"),
            ((["a"], ["2026-01-09"], [1.0], [9]), "1-5 or one of red"),
        ],
    )
    def test_bad_columns_are_refused_with_their_row(self, columns: Any, message: str) -> None:
        """A bad cell raises the library's error, naming what is wrong and where."""
        with pytest.raises(ValidationError, match=message) as caught:
            CheckInLog.from_columns(*columns)
        if message != "same length":
            assert caught.value.path == "checkins[0]"

    def test_the_first_bad_author_by_row_is_named(self) -> None:
        """With many bad authors the error names the first row's, whatever the hash seed."""
        bad = [f"person {i}" for i in range(30)]
        days = [f"2026-01-{i % 28 + 1:02d}" for i in range(30)]
        with pytest.raises(ValidationError, match="'person 0'") as caught:
            CheckInLog.from_columns(["a"] * 30, days, [1.0] * 30, authors=bad)
        assert caught.value.path == "checkins[0]"

    def test_unknown_key_results_are_refused_once_each(self) -> None:
        """A known list refuses the others, one problem per unknown key result."""
        with pytest.raises(ValidationError) as caught:
            CheckInLog.from_rows(ROWS, known={"kr-a"})
        (problem,) = caught.value.problems
        assert problem.entity_id == "kr-b"
        assert "unknown key result 'kr-b'" in problem.message

    def test_outside_the_cycle_is_a_diagnostic(self) -> None:
        """A check-in dated outside its cycle is kept, and reported."""
        log = CheckInLog.from_rows(
            [("a", "2026-05-01", 1.0), ("a", "2026-02-01", 2.0)], cycles={"a": Q1}
        )
        (problem,) = log.diagnostics
        assert problem.entity_id == "a"
        assert problem.path == "checkins[0]"
        assert "outside cycle '2026-Q1'" in problem.message

    def test_the_columns_are_read_only(self) -> None:
        """Nobody can change a log's columns in place."""
        log = log_of_rows()
        with pytest.raises(ValueError, match="read-only"):
            log.values[0] = 99.0


class TestReading:
    def test_a_sequence_of_checkins(self) -> None:
        """Length, indexing (negative too), slices and membership work as for a tuple."""
        log = log_of_rows()
        assert len(log) == 3
        assert log[-1].key_result == "kr-b"
        assert [c.value for c in log[:2]] == [1.0, 5.0]
        assert "kr-a" in log
        assert "kr-z" not in log
        assert log[0] in log
        with pytest.raises(IndexError):
            log[3]
        assert log == list(log)

    @pytest.mark.parametrize(
        "as_of",
        [
            dt.date(2026, 1, 10),
            "2026-01-10",
            dt.datetime(2026, 1, 10, 23),
            pd.Timestamp("2026-01-10"),
        ],
    )
    def test_as_of_in_every_spelling(self, as_of: object) -> None:
        """Latest and value_at take dates, datetimes, ISO text and Timestamps."""
        log = log_of_rows()
        assert log.value_at("kr-a", as_of) == 1.0
        latest = log.latest("kr-a", as_of=as_of)
        assert latest is not None
        assert latest.on == dt.date(2026, 1, 9)

    def test_bad_as_of_is_refused(self) -> None:
        """A date that is not one raises a ValidationError naming the argument."""
        with pytest.raises(ValidationError, match="'as_of' must be a date"):
            log_of_rows().latest("kr-a", as_of="soon")

    def test_rows_as_of_is_one_search(self) -> None:
        """rows_as_of gives the last row on or before the day, -1 without one."""
        log = log_of_rows()
        rows = log.rows_as_of(log.codes_of(["kr-a", "kr-b", "kr-z"]), "2026-01-12")
        assert rows.tolist() == [0, 2, -1]

    def test_same_day_ties_read_the_larger_value_last(self) -> None:
        """Two values on one day read the same whatever their order."""
        one = CheckInLog.from_rows([("a", "2026-01-09", 1.0), ("a", "2026-01-09", 2.0)])
        two = CheckInLog.from_rows([("a", "2026-01-09", 2.0), ("a", "2026-01-09", 1.0)])
        assert one == two
        assert one.value_at("a", "2026-01-09") == 2.0

    def test_equal_logs_hash_alike(self) -> None:
        """Equal logs have equal hashes, so sets holding them hash too."""
        assert hash(log_of_rows()) == hash(CheckInLog.from_checkins(list(log_of_rows())))


class TestAppending:
    def test_append_returns_a_new_log(self) -> None:
        """Append leaves the log as it was and gives one with the new rows in place."""
        log = log_of_rows()
        more = log.append([CheckIn(key_result="kr-a", on="2026-01-12", value=2)])
        assert len(log) == 3
        assert len(more) == 4
        assert [c.value for c in more.history("kr-a")] == [1.0, 2.0, 5.0]
        assert more.notes() == {2: "Two deals closed"}
        assert more.where(1) == "checkins[3]"

    def test_append_a_new_key_result(self) -> None:
        """A key result the log had not seen gets its place in id order."""
        more = log_of_rows().append(CheckInLog.from_rows([("kr-0", "2026-01-01", 7.0)]))
        assert more.ids() == ("kr-0", "kr-a", "kr-b")
        assert more[0].value == 7.0

    @given(
        first=st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 30), st.integers(0, 9))),
        second=st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 30), st.integers(0, 9))),
    )
    def test_append_equals_building_from_everything(
        self, first: list[tuple[str, int, int]], second: list[tuple[str, int, int]]
    ) -> None:
        """Appending gives the log built from all the rows at once, notes included."""
        day = dt.date(2026, 1, 1).toordinal()

        def rows(items: list[tuple[str, int, int]], tag: str) -> list[tuple[Any, ...]]:
            return [(k, day + d, float(v), None, f"{tag}{i}") for i, (k, d, v) in enumerate(items)]

        left, right = rows(first, "x"), rows(second, "y")
        merged = CheckInLog.from_rows(left).append(CheckInLog.from_rows(right))
        assert merged == CheckInLog.from_rows(left + right)
        whole = CheckInLog.from_rows(left + right)
        assert [merged.where(r) for r in range(len(merged))] == [
            whole.where(r) for r in range(len(whole))
        ]


class TestExtras:
    def test_missing_pandas_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, to_frame says which extra to install."""
        real_import = builtins.__import__

        def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
            if name == "pandas":
                raise ImportError(name)
            return real_import(name, *args, **kwargs)

        monkeypatch.delitem(__import__("sys").modules, "pandas")
        monkeypatch.setattr(builtins, "__import__", refuse)
        with pytest.raises(MissingExtraError, match=r"okrkit\[pandas\]") as caught:
            log_of_rows().to_frame()
        assert isinstance(caught.value, ImportError)
        assert caught.value.extra == "pandas"

    def test_frame_without_a_required_column(self) -> None:
        """A frame without 'value' is refused with the columns it needs."""
        frame = pd.DataFrame({"key_result": ["a"], "on": ["2026-01-09"]})
        with pytest.raises(ValidationError, match="no column value"):
            CheckInLog.from_frame(frame)


class TestInAnOKRSet:
    @given(okrs=okr_sets(max_checkins=12))
    def test_log_from_objects_rows_and_columns_scores_alike(self, okrs: okrkit.OKRSet) -> None:
        """A set's log rebuilt from objects, rows or columns gives the same scorecard."""
        checkins = list(okrs.checkins)
        rows = [(c.key_result, c.on, c.value, c.confidence, c.note, c.author) for c in checkins]
        columns = CheckInLog.from_columns(
            [c.key_result for c in checkins],
            [c.on for c in checkins],
            [c.value for c in checkins],
            [c.confidence for c in checkins],
        )
        as_of = dt.date(2099, 1, 1)
        expected = okrs.score(as_of=as_of)
        for log in (CheckInLog.from_checkins(checkins), CheckInLog.from_rows(rows), columns):
            assert okrkit.scoring.rollup(okrs, log, as_of=as_of) == expected

    def test_the_sets_log_reports_checkins_outside_their_cycle(self) -> None:
        """The log an OKR set holds lists check-ins dated outside the key result's cycle."""
        okrs = okrkit.loads(
            """
cycles: [{id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}]
owners: [{id: lan, name: Lan}]
objectives:
  - {id: o, title: Grow, owner: lan, cycle: 2026-Q1, level: individual,
     key_results: [{id: k, title: Up, metric: {kind: increase, start: 0, target: 9}}]}
checkins:
  - {key_result: k, on: 2026-02-01, value: 1}
  - {key_result: k, on: 2026-04-02, value: 2}
""",
            "yaml",
        )
        (problem,) = okrs.checkins.diagnostics
        assert problem.entity_id == "k"
        assert problem.path == "checkins[1]"
        assert "Apr 2, 2026" in problem.message
        assert CheckInLog.from_okrset(okrs).diagnostics == okrs.checkins.diagnostics
        later = okrs.with_checkins([CheckIn(key_result="k", on="2026-05-01", value=3)])
        assert len(later.checkins.diagnostics) == 2
        assert later.checkins.diagnostics[-1].path == "checkins[0]"
        assert okrs.checkins.diagnostics == (problem,)

    def test_each_key_result_is_judged_against_its_own_cycle(self) -> None:
        """A check-in inside another objective's cycle but outside its own is reported."""
        q2 = Cycle.quarter(2026, 2)
        owner = okrkit.Owner(id="lan", name="Lan")
        objectives = [
            okrkit.Objective(
                id=f"o{n}",
                title="Grow",
                owner="lan",
                cycle=cycle,
                level="individual",  # type: ignore[arg-type]
                key_results=[
                    okrkit.KeyResult(
                        id=f"k{n}",
                        title="Up",
                        metric=okrkit.Metric(kind="increase", start=0, target=9),  # type: ignore[arg-type]
                    )
                ],
            )
            for n, cycle in ((1, Q1), (2, q2))
        ]
        okrs = okrkit.OKRSet(
            cycles=[Q1, q2],
            owners=[owner],
            objectives=objectives,
            checkins=[
                CheckIn(key_result="k1", on="2026-02-01", value=1),
                CheckIn(key_result="k2", on="2026-02-01", value=1),
                CheckIn(key_result="k2", on="2026-05-01", value=2),
            ],
        )
        assert [(p.entity_id, p.path) for p in okrs.checkins.diagnostics] == [
            ("k2", "checkins[1]")
        ]

    def test_checkins_is_the_log(self) -> None:
        """okrs.checkins is a CheckInLog that reads as a sequence of CheckIn."""
        okrs = okrkit.load("examples/acme.en.yaml")
        assert isinstance(okrs.checkins, CheckInLog)
        assert all(isinstance(c, CheckIn) for c in okrs.checkins[:5])
        assert okrs.checkins_for("kr-velocity") == okrs.checkins.history("kr-velocity")
