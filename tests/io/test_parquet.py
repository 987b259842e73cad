"""An OKR set as four Parquet tables: the schema, the round trip, the command."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import okrkit
from builders import kr, objective
from okrkit import (
    Alignment,
    CheckIn,
    Cycle,
    FinalGrade,
    Metric,
    OKRSet,
    Owner,
    PlannedValue,
)
from okrkit.checkins import CheckInLog
from okrkit.cli import main
from okrkit.errors import MissingExtraError, WriteError
from okrkit.i18n import format_number, ngettext, use_locale
from okrkit.io import PARQUET_SCHEMA, to_arrow_tables, to_parquet

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[2]
ACME = ROOT / "examples" / "acme.en.yaml"


def full_set() -> OKRSet:
    """A set that fills every column: grades, plans, tags, scales, links of both kinds."""
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="team", name="Team"), Owner(id="lan", name="Lan")],
        objectives=[
            objective(
                "o-top",
                kr(
                    "k-nps",
                    metric=Metric(kind="at_least", target=8, unit="score", scale=(0, 10)),
                    owners=["team", "lan"],
                    due="2026-03-15",
                    final_grade=FinalGrade(value=0.7, reason="Close, not quite"),
                ),
                kr(
                    "k-revenue",
                    metric=Metric(
                        kind="increase",
                        start=1,
                        target=3,
                        unit="currency",
                        currency="VND",
                        stretch=4,
                    ),
                    weight=2.5,
                    plan=[PlannedValue(on=dt.date(2026, 2, 1), value=2)],
                ),
                tags=["growth", "=SUM(A1)"],
                ambition="aspirational",
                level="company",
            ),
            objective(
                "o-child",
                kr("k-child", aligned_to=[Alignment(parent="k-revenue", weight=0.5)]),
                aligned_to=["o-top", Alignment(parent="k-nps", kind="supports")],
                final_grade=FinalGrade(value=1.0, reason="Done"),
            ),
        ],
        checkins=[
            CheckIn(
                key_result="k-nps",
                on="2026-01-09",
                value=7.5,
                confidence=4,
                note="Survey sent",
                author="lan",
            ),
            CheckIn(key_result="k-revenue", on="2026-01-16", value=1.5),
            CheckIn(key_result="k-revenue", on="2026-01-09", value=1.2, confidence=2),
        ],
    )


def arrow_type(name: str) -> object:
    """The pyarrow type that a type name of PARQUET_SCHEMA stands for."""
    plan = pa.list_(pa.struct([("on", pa.date32()), ("value", pa.float64())]))
    return {
        "string": pa.string(),
        "float64": pa.float64(),
        "date32": pa.date32(),
        "int8": pa.int8(),
        "list<string>": pa.list_(pa.string()),
        "list<struct<on: date32, value: float64>>": plan,
    }[name]


def read_back(paths: dict[str, Path]) -> dict[str, object]:
    """Every written table, read back with pyarrow."""
    return {name: pq.read_table(path) for name, path in paths.items()}


class TestSchema:
    def test_every_table_has_the_documented_columns_and_types(self, tmp_path: Path) -> None:
        """Read back, each table has PARQUET_SCHEMA's columns, types and nullability."""
        tables = read_back(to_parquet(full_set(), tmp_path))
        assert list(tables) == list(PARQUET_SCHEMA)
        for name, table in tables.items():
            columns = PARQUET_SCHEMA[name]
            assert table.schema.names == [column for column, _type, _null in columns]
            for column, kind, nullable in columns:
                field = table.schema.field(column)
                assert field.type == arrow_type(kind), (name, column)
                assert field.nullable is nullable

    def test_dates_are_days_and_numbers_are_doubles(self, tmp_path: Path) -> None:
        """Days are date32 (read back as dates), numbers float64, even for whole numbers."""
        tables = read_back(to_parquet(okrkit.load(ACME), tmp_path))
        checkins = tables["checkins"]
        assert checkins.schema.field("on").type == pa.date32()
        assert isinstance(checkins.column("on")[0].as_py(), dt.date)
        assert tables["key_results"].schema.field("weight").type == pa.float64()
        assert tables["objectives"].schema.field("cycle_end").type == pa.date32()

    def test_the_docs_list_every_column_with_its_type(self) -> None:
        """docs/scale.md has a row for every column of every table, with its type."""
        text = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
        for name, columns in PARQUET_SCHEMA.items():
            assert f"`{name}`" in text
            for column, kind, _nullable in columns:
                row = re.compile(rf"^\| `{re.escape(column)}` \| `{re.escape(kind)}` \|", re.M)
                assert row.search(text), (name, column)


class TestRoundTrip:
    def test_the_example_keeps_every_row(self, tmp_path: Path) -> None:
        """As many rows as the set has objectives, key results, links and check-ins."""
        okrs = okrkit.load(ACME)
        tables = read_back(to_parquet(okrs, tmp_path))
        links = [
            link for o in okrs.objectives for e in (o, *o.key_results) for link in e.aligned_to
        ]
        assert tables["objectives"].num_rows == len(okrs.objectives)
        assert tables["key_results"].num_rows == len(okrs.key_results)
        assert tables["links"].num_rows == len(links)
        assert tables["checkins"].num_rows == len(okrs.checkins)
        assert tables["objectives"].column("id").to_pylist() == [o.id for o in okrs.objectives]

    def test_check_ins_read_back_into_an_equal_log(self, tmp_path: Path) -> None:
        """The checkins table is a check-in log's Arrow table: from_arrow gives it back."""
        okrs = okrkit.load(ACME)
        table = read_back(to_parquet(okrs, tmp_path))["checkins"]
        log = CheckInLog.from_arrow(table)
        assert list(log) == list(okrs.checkins)

    def test_every_field_is_written(self, tmp_path: Path) -> None:
        """Grades, plans, owners, tags, scales, currencies and links keep their values."""
        tables = read_back(to_parquet(full_set(), tmp_path))
        objectives = tables["objectives"].to_pylist()
        key_results = {row["id"]: row for row in tables["key_results"].to_pylist()}
        top = objectives[0]
        assert top["ambition"] == "aspirational"
        assert top["tags"] == ["growth", "=SUM(A1)"]
        assert top["cycle_start"] == dt.date(2026, 1, 1)
        assert top["cycle_end"] == dt.date(2026, 3, 31)
        assert (objectives[1]["final_grade"], objectives[1]["final_reason"]) == (1.0, "Done")
        nps = key_results["k-nps"]
        assert (nps["kind"], nps["start"], nps["target"]) == ("at_least", None, 8.0)
        assert (nps["scale_low"], nps["scale_high"], nps["due"]) == (
            0.0,
            10.0,
            dt.date(2026, 3, 15),
        )
        assert nps["owners"] == ["team", "lan"]
        assert nps["final_grade"] == 0.7
        revenue = key_results["k-revenue"]
        assert (revenue["currency"], revenue["stretch"], revenue["weight"]) == ("VND", 4.0, 2.5)
        assert revenue["plan"] == [{"on": dt.date(2026, 2, 1), "value": 2.0}]
        assert revenue["objective"] == "o-top"
        assert tables["links"].to_pylist() == [
            {"child": "o-child", "child_kind": "objective", "parent": "o-top",
             "parent_kind": "objective", "kind": "contributes", "weight": 1.0},
            {"child": "o-child", "child_kind": "objective", "parent": "k-nps",
             "parent_kind": "key_result", "kind": "supports", "weight": 1.0},
            {"child": "k-child", "child_kind": "key_result", "parent": "k-revenue",
             "parent_kind": "key_result", "kind": "contributes", "weight": 0.5},
        ]  # fmt: skip
        first = tables["checkins"].to_pylist()[0]
        assert first == {"key_result": "k-nps", "on": dt.date(2026, 1, 9), "value": 7.5,
                         "confidence": 4, "note": "Survey sent", "author": "lan"}  # fmt: skip

    def test_an_empty_set_writes_empty_typed_tables(self, tmp_path: Path) -> None:
        """No objectives: four files, no rows, every column still typed."""
        empty = OKRSet(cycles=[Cycle.year(2026)], owners=[], objectives=[])
        tables = read_back(to_parquet(empty, tmp_path))
        assert [t.num_rows for t in tables.values()] == [0, 0, 0, 0]
        assert tables["checkins"].schema.field("on").type == pa.date32()

    def test_arrow_tables_are_what_the_files_hold(self, tmp_path: Path) -> None:
        """to_arrow_tables gives the tables to_parquet writes."""
        okrs = full_set()
        written = read_back(to_parquet(okrs, tmp_path))
        for name, table in to_arrow_tables(okrs).items():
            assert written[name].equals(table)


class TestWriting:
    def test_a_missing_folder_is_made(self, tmp_path: Path) -> None:
        """Nested folders that do not exist yet are made; the paths point into them."""
        folder = tmp_path / "lake" / "okr"
        paths = to_parquet(full_set(), folder)
        assert {p.parent for p in paths.values()} == {folder}
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            f"{name}.parquet" for name in PARQUET_SCHEMA
        )

    def test_writing_again_replaces_the_tables_and_leaves_other_files(
        self, tmp_path: Path
    ) -> None:
        """A second export replaces the four files whole; a file of the user's stays."""
        (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
        to_parquet(okrkit.load(ACME), tmp_path)
        paths = to_parquet(full_set(), tmp_path)
        assert pq.read_table(paths["objectives"]).num_rows == 2
        assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
        assert len(list(tmp_path.iterdir())) == 5  # no temporary file left behind

    def test_a_file_in_place_of_the_folder_is_a_write_error(self, tmp_path: Path) -> None:
        """A file where the folder should be is refused, naming it, and left as it was."""
        target = tmp_path / "okr"
        target.write_text("keep", encoding="utf-8")
        with pytest.raises(WriteError, match="not a folder") as caught:
            to_parquet(full_set(), target)
        assert caught.value.file == str(target)
        assert target.read_text(encoding="utf-8") == "keep"

    def test_a_nul_in_the_folder_is_a_write_error(self) -> None:
        """A path holding NUL is refused as a WriteError, not a bare ValueError."""
        with pytest.raises(WriteError, match="NUL"):
            to_parquet(full_set(), "okr\0lake")

    def test_without_pyarrow_the_error_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """A missing pyarrow is a MissingExtraError naming okrkit[arrow]; nothing written."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        with pytest.raises(MissingExtraError, match="arrow") as caught:
            to_parquet(full_set(), tmp_path / "out")
        assert caught.value.extra == "arrow"
        assert not (tmp_path / "out").exists()


class TestCommand:
    def test_export_parquet_writes_and_says_so(self, tmp_path: Path, locale: str) -> None:
        """The command writes the four tables and lists them with their rows, localised."""
        folder = tmp_path / "out"
        result = CliRunner().invoke(
            main, ["export-parquet", str(ACME), "-o", str(folder), "--locale", locale]
        )
        assert result.exit_code == 0, result.output
        count = len(okrkit.load(ACME).checkins)
        assert pq.read_table(folder / "checkins.parquet").num_rows == count
        with use_locale(locale):
            rows = ngettext("{file}: {n} row", "{file}: {n} rows", count)
            assert rows.format(file="checkins.parquet", n=format_number(count)) in result.output
        if locale == "vi":
            assert "Wrote" not in result.output

    def test_a_folder_with_other_files_needs_force(self, tmp_path: Path) -> None:
        """Other files in the folder: refused in one line, unless --force."""
        (tmp_path / "report.csv").write_text("x", encoding="utf-8")
        args = ["export-parquet", str(ACME), "-o", str(tmp_path), "--locale", "en"]
        refused = CliRunner().invoke(main, args)
        assert refused.exit_code == 1
        assert "report.csv" in refused.output
        assert "--force" in refused.output
        assert not (tmp_path / "objectives.parquet").exists()
        forced = CliRunner().invoke(main, [*args, "--force"])
        assert forced.exit_code == 0, forced.output
        assert (tmp_path / "objectives.parquet").exists()

    def test_a_previous_export_is_replaced_without_force(self, tmp_path: Path) -> None:
        """A folder holding only the tables of an earlier export is written again."""
        args = ["export-parquet", str(ACME), "-o", str(tmp_path)]
        assert CliRunner().invoke(main, args).exit_code == 0
        assert CliRunner().invoke(main, args).exit_code == 0

    def test_a_bad_file_fails_in_one_line(self, tmp_path: Path) -> None:
        """A file that does not load is one error line, and nothing is written."""
        missing = tmp_path / "nope.yaml"
        result = CliRunner().invoke(
            main, ["export-parquet", str(missing), "-o", str(tmp_path / "o")]
        )
        assert result.exit_code == 1
        assert "nope.yaml" in result.output
        assert "Traceback" not in result.output
        assert not (tmp_path / "o").exists()
