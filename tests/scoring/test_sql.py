"""The linear roll-up as SQL: on DuckDB, over the Parquet tables, it scores as okrkit does."""

from __future__ import annotations

import datetime as dt
import math
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import Alignment, CheckIn, Cycle, FinalGrade, Metric, OKRSet, Owner
from okrkit.errors import UnknownIdError, UnknownStrategyError, ValidationError
from okrkit.io import to_arrow_tables, to_parquet
from okrkit.scoring.sql import TABLES, rollup_sql
from okrkit.testing import okr_sets

duckdb = pytest.importorskip("duckdb")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOLERANCE = 1e-9


def sql_scores(
    okrs: OKRSet,
    days: Sequence[dt.date],
    folder: Path,
    *,
    schema: str | None = None,
) -> list[dict[str, tuple[str, float]]]:
    """Export ``okrs`` to Parquet in ``folder``, run the query on DuckDB for each day.

    Each result maps id -> (kind, score). With ``schema``, the tables are views in that
    schema, named through ``tables=``.
    """
    paths = to_parquet(okrs, folder)
    connection = duckdb.connect()
    try:
        prefix = ""
        if schema is not None:
            connection.execute(f"CREATE SCHEMA {schema}")
            prefix = f"{schema}."
        for name, path in paths.items():
            connection.execute(
                f"CREATE VIEW {prefix}okr_{name} AS SELECT * FROM read_parquet('{path}')"
            )
        tables = {name: f"{prefix}okr_{name}" for name in TABLES}
        results = [
            connection.execute(rollup_sql(as_of=day, tables=tables)).fetchall() for day in days
        ]
    finally:
        connection.close()
    return [{ident: (kind, score) for ident, kind, score in rows} for rows in results]


_CONNECTIONS: list[Any] = []


def sql_scores_in_memory(okrs: OKRSet, as_of: dt.date) -> dict[str, tuple[str, float]]:
    """As :func:`sql_scores`, the Parquet encoded in memory and one DuckDB kept open.

    The tables are those :func:`to_parquet` writes, through Parquet and back, without
    the file system's flushes, so that a property runs many examples in a second.
    """
    if not _CONNECTIONS:
        _CONNECTIONS.append(duckdb.connect())
    connection = _CONNECTIONS[0]
    for name, table in to_arrow_tables(okrs).items():
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink)
        connection.register(name, pq.read_table(pa.BufferReader(sink.getvalue())))
    rows = connection.execute(rollup_sql(as_of=as_of)).fetchall()
    return {ident: (kind, score) for ident, kind, score in rows}


def assert_same_scores(okrs: OKRSet, as_of: dt.date, got: Mapping[str, tuple[str, float]]) -> None:
    """Every key result and objective is there once, of its kind, with okrkit's score."""
    card = okrs.score(as_of=as_of, strategy="linear")
    want = dict(zip(card.ids(), card.values().tolist(), strict=True))
    assert set(got) == set(want)
    key_results = {k.id for k in okrs.key_results}
    for ident, value in want.items():
        kind, score = got[ident]
        assert kind == ("key_result" if ident in key_results else "objective")
        assert math.isclose(score, value, rel_tol=0, abs_tol=TOLERANCE), (ident, score, value)


class TestExamples:
    @pytest.mark.parametrize("name", ["acme.yaml", "acme.en.yaml"])
    def test_the_example_scores_alike_on_every_kind_of_date(
        self, name: str, tmp_path: Path
    ) -> None:
        """Before any check-in, mid-cycle, on the last day and after it: okrkit's scores."""
        okrs = okrkit.load(EXAMPLES / name)
        first = min(c.on for c in okrs.checkins)
        end = max(c.end for c in okrs.cycles)
        days = [first - dt.timedelta(days=1), first, dt.date(2026, 2, 15), end]
        days.append(end + dt.timedelta(days=1))
        for day, got in zip(days, sql_scores(okrs, days, tmp_path), strict=True):
            assert_same_scores(okrs, day, got)

    def test_some_scores_are_neither_zero_nor_one(self, tmp_path: Path) -> None:
        """The comparison is not trivial: mid-cycle the example has partial scores."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        [got] = sql_scores(okrs, [dt.date(2026, 3, 15)], tmp_path)
        assert sum(0 < score < 1 for _kind, score in got.values()) > 10

    def test_tables_in_a_schema(self, tmp_path: Path) -> None:
        """Tables named through ``tables=`` with a schema are read, and score the same."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        day = dt.date(2026, 3, 1)
        [got] = sql_scores(okrs, [day], tmp_path, schema="lake")
        assert_same_scores(okrs, day, got)


Q1 = Cycle.quarter(2026, 1)
OWNERS = [Owner(id="team", name="Team")]


def graded_set() -> OKRSet:
    """Final grades on a leaf key result, a key result with children and an objective.

    ``k-parent`` counts ``o-child`` (by a contributes link) beside its own score;
    ``o-top`` is graded and aligned under nothing; ``o-side`` supports ``o-top``.
    """
    grade = FinalGrade(value=0.9, reason="Shipped the last piece after the check-in")
    return OKRSet(
        cycles=[Q1],
        owners=OWNERS,
        objectives=[
            objective(
                "o-top",
                kr("k-leaf", final_grade=FinalGrade(value=0.6, reason="Partly done")),
                kr("k-parent", weight=2, final_grade=grade),
                kr("k-other", metric=Metric(kind="at_most", target=5)),
            ),
            objective(
                "o-child",
                kr("k-child", metric=Metric(kind="milestone")),
                kr("k-child-2", metric=Metric(kind="decrease", start=10, target=4)),
                aligned_to=[Alignment(parent="k-parent", weight=3)],
            ),
            objective(
                "o-graded",
                kr("k-g"),
                aligned_to=["o-top"],
                final_grade=FinalGrade(value=0.2, reason="Dropped in February"),
            ),
            objective(
                "o-side",
                kr("k-side", metric=Metric(kind="at_least", target=3)),
                aligned_to=[Alignment(parent="o-top", kind="supports")],
            ),
            objective("o-empty"),
        ],
        checkins=[
            CheckIn(key_result="k-leaf", on="2026-01-20", value=4),
            CheckIn(key_result="k-parent", on="2026-02-10", value=15),
            CheckIn(key_result="k-other", on="2026-02-01", value=4),
            CheckIn(key_result="k-child", on="2026-03-01", value=1),
            CheckIn(key_result="k-child-2", on="2026-02-01", value=7),
            CheckIn(key_result="k-g", on="2026-02-01", value=5),
            CheckIn(key_result="k-side", on="2026-01-15", value=2),
        ],
    )


class TestRollUpRules:
    def test_final_grades_kinds_and_links(self, tmp_path: Path) -> None:
        """Grades after the cycle, every metric kind, a key result with children, supports."""
        okrs = graded_set()
        days = [dt.date(2026, 1, 1), dt.date(2026, 2, 5), dt.date(2026, 3, 15)]
        days += [dt.date(2026, 3, 31), dt.date(2026, 4, 1)]
        for day, got in zip(days, sql_scores(okrs, days, tmp_path), strict=True):
            assert_same_scores(okrs, day, got)

    def test_a_grade_replaces_the_score_only_after_the_cycle(self, tmp_path: Path) -> None:
        """On the cycle's last day the computed score counts; the day after, the grade."""
        okrs = graded_set()
        last, after = sql_scores(okrs, [dt.date(2026, 3, 31), dt.date(2026, 4, 1)], tmp_path)
        assert last["o-graded"][1] == pytest.approx(0.5)
        assert after["o-graded"][1] == pytest.approx(0.2)
        assert after["k-parent"][1] == pytest.approx(0.9)

    def test_a_key_result_with_children_counts_its_own_score_once_checked_in(
        self, tmp_path: Path
    ) -> None:
        """Worked numbers: k-parent is o-child's mean alone, then 3:2 with its own score."""
        okrs = graded_set()
        early, later = sql_scores(okrs, [dt.date(2026, 2, 5), dt.date(2026, 3, 5)], tmp_path)
        # k-child not checked in yet (0), k-child-2 halfway from 10 to 4 (0.5).
        assert early["o-child"][1] == pytest.approx(0.25)
        assert early["k-parent"][1] == pytest.approx(0.25)
        # o-child is 0.75; k-parent's own 15 of 10 is clamped to 1.0, by weight 2.
        assert later["k-parent"][1] == pytest.approx((3 * 0.75 + 2 * 1.0) / 5)


def with_grades(okrs: OKRSet, draw: st.DrawFn) -> OKRSet:
    """``okrs`` with final grades on about half its objectives and key results."""

    def grade() -> FinalGrade | None:
        if not draw(st.booleans()):
            return None
        return FinalGrade(value=draw(st.floats(0, 1)), reason="Graded at the review")

    objectives = []
    for o in okrs.objectives:
        krs = [attrs.evolve(k, final_grade=grade()) for k in o.key_results]
        objectives.append(attrs.evolve(o, key_results=krs, final_grade=grade()))
    return attrs.evolve(okrs, objectives=objectives)


@st.composite
def graded_sets_and_days(draw: st.DrawFn) -> tuple[OKRSet, dt.date]:
    """A generated set (sometimes with final grades) and a day around its cycles."""
    okrs = draw(okr_sets(min_objectives=1, max_objectives=6, max_key_results=3, max_checkins=20))
    if draw(st.booleans()):
        okrs = with_grades(okrs, draw)
    first = min(c.start for c in okrs.cycles)
    last = max(c.end for c in okrs.cycles)
    after_a_cycle = [c.end + dt.timedelta(days=1) for c in okrs.cycles]
    days = [
        st.just(last + dt.timedelta(days=1)),
        st.sampled_from(after_a_cycle),
        st.dates(first - dt.timedelta(days=10), last),
    ]
    if len(okrs.checkins):
        days.append(st.sampled_from([c.on for c in okrs.checkins]))
    day = draw(st.one_of(days))
    return okrs, day


class TestGeneratedSets:
    @settings(max_examples=settings.default.max_examples)
    @given(graded_sets_and_days())
    def test_every_generated_set_scores_alike(self, case: tuple[OKRSet, dt.date]) -> None:
        """For any valid set and day, the query gives okrkit's linear scores within 1e-9."""
        okrs, day = case
        assert_same_scores(okrs, day, sql_scores_in_memory(okrs, day))


class TestQueryText:
    def test_the_date_is_a_date_literal(self) -> None:
        """``as_of`` is read as a date and written as DATE 'YYYY-MM-DD'; today by default."""
        sql = rollup_sql(as_of=dt.datetime(2026, 3, 15, 9, 30))
        assert "DATE '2026-03-15'" in sql
        assert f"DATE '{dt.date.today().isoformat()}'" in rollup_sql()

    def test_text_after_a_date_never_reaches_the_query(self) -> None:
        """Only the date's own digits and dashes are written, never what came with it."""
        sql = rollup_sql(as_of="2026-03-15'; DROP TABLE checkins; --")
        assert "DROP" not in sql
        assert sql.count("DATE '2026-03-15'") == 2

    @pytest.mark.parametrize("bad", ["yesterday", "", 20260315, object()])
    def test_a_bad_date_is_refused(self, bad: Any) -> None:
        """What is not a date is a ValidationError naming as_of."""
        with pytest.raises(ValidationError, match="as_of"):
            rollup_sql(as_of=bad)

    def test_only_linear_has_sql(self) -> None:
        """Any other strategy is an UnknownStrategyError that says only linear has SQL."""
        for name in ("grade", "zones", "Linear", "pkg.mod:strategy"):
            with pytest.raises(UnknownStrategyError, match="only the 'linear'"):
                rollup_sql(name)

    def test_table_names_are_written_as_given(self) -> None:
        """A checked name goes in as it is; the tables not named keep their own names."""
        sql = rollup_sql(as_of="2026-03-15", tables={"links": "main.okr_links"})
        assert "FROM main.okr_links AS l" in sql
        assert "FROM objectives AS o" in sql
        assert "FROM links" not in sql

    @pytest.mark.parametrize(
        "bad",
        ["x; DROP TABLE y", "a..b", "`x`", "1abc", "", "a.b.", "lake.okr-links", 'a"b', 3],
    )
    def test_a_table_name_must_be_a_plain_dotted_name(self, bad: Any) -> None:
        """Anything but letters, digits and underscores in dotted parts is refused."""
        with pytest.raises(ValidationError, match="plain name") as caught:
            rollup_sql(as_of="2026-03-15", tables={"links": bad})
        assert caught.value.path == "tables['links']"

    def test_an_unknown_table_key_suggests_the_right_one(self) -> None:
        """A misspelt table key is an UnknownIdError with the close name."""
        with pytest.raises(UnknownIdError, match="key_results"):
            rollup_sql(as_of="2026-03-15", tables={"key_result": "x"})


_LOOP_PAYLOAD = """
import sys, duckdb
from okrkit.scoring.sql import rollup_sql
connection = duckdb.connect()
for name in ("objectives", "key_results", "links", "checkins"):
    path = f"{sys.argv[1]}/{name}.parquet"
    connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
print(len(connection.execute(rollup_sql(as_of="2026-03-05")).fetchall()))
"""


class TestHandMadeTables:
    def test_a_loop_of_links_ends_instead_of_running_forever(self, tmp_path: Path) -> None:
        """Tables okrkit writes never loop; in hand-made ones, the query still ends."""
        okrs = graded_set()
        paths = to_parquet(okrs, tmp_path)
        links = pq.read_table(paths["links"])
        loop = pa.Table.from_pylist(
            [
                {"child": "k-parent", "child_kind": "key_result", "parent": "o-child",
                 "parent_kind": "objective", "kind": "contributes", "weight": 1.0},
            ],
            schema=links.schema,
        )  # fmt: skip
        pq.write_table(pa.concat_tables([links, loop]), paths["links"])
        done = subprocess.run(
            [sys.executable, "-c", _LOOP_PAYLOAD, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert int(done.stdout) == len(okrs.key_results) + len(okrs.objectives)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """A local Spark session, when pyspark and Java are installed (CI has neither)."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .getOrCreate()
    )
    yield session
    session.stop()


class TestSpark:
    @pytest.mark.parametrize("ansi", ["true", "false"])
    def test_spark_scores_as_okrkit(self, spark: Any, ansi: str, tmp_path: Path) -> None:
        """The same query text on Spark SQL, ANSI mode on and off, gives okrkit's scores."""
        spark.conf.set("spark.sql.ansi.enabled", ansi)
        for number, (okrs, days) in enumerate(
            [
                (okrkit.load(EXAMPLES / "acme.yaml"), ["2025-12-01", "2026-02-15", "2027-01-01"]),
                (graded_set(), ["2026-02-05", "2026-03-05", "2026-04-01"]),
            ]
        ):
            paths = to_parquet(okrs, tmp_path / str(number))
            for name, path in paths.items():
                spark.read.parquet(str(path)).createOrReplaceTempView(name)
            for text in days:
                day = dt.date.fromisoformat(text)
                rows = spark.sql(rollup_sql(as_of=day)).collect()
                got = {row["id"]: (row["kind"], row["score"]) for row in rows}
                assert_same_scores(okrs, day, got)
