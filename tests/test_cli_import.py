"""``okrkit import-checkins``: CSV, Excel and Parquet into a store or a file, all or none."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

import okrkit
from builders import kr, objective
from okrkit import Cycle, OKRSet, Owner
from okrkit.cli import main
from okrkit.store import SQLiteStore

KEY_RESULTS = [f"kr-{i}" for i in range(20)]
Q1 = Cycle.quarter(2026, 1)


def okr_set() -> OKRSet:
    """One objective of twenty key results in 2026-Q1, without check-ins."""
    return OKRSet(
        cycles=[Q1],
        owners=[Owner(id="team", name="Team", kind="team")],
        objectives=[objective("o-1", *(kr(ident, target=2000) for ident in KEY_RESULTS))],
    )


def rows(count: int) -> list[list[object]]:
    """``count`` check-ins, twenty a day from January 1st, each key result once a day."""
    return [
        [KEY_RESULTS[i % 20], dt.date(2026, 1, 1) + dt.timedelta(i // 20), float(i)]
        for i in range(count)
    ]


def write_csv(path: Path, table: list[list[object]], header: str = "KR,Ngày,Giá trị") -> Path:
    """``table`` as a CSV file with ``header``."""
    lines = [header] + [",".join(str(cell) for cell in row) for row in table]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store holding :func:`okr_set` in its default workspace."""
    path = tmp_path / "okrs.db"
    with SQLiteStore(path) as target:
        target.save(okr_set())
    return path


def stored(path: Path) -> int:
    """How many check-ins the store holds."""
    with SQLiteStore(path) as target:
        return len(target.checkins())


def run(*args: str | Path, locale: str = "en") -> Result:
    """``okrkit import-checkins ARGS --locale LOCALE``."""
    return CliRunner().invoke(
        main, ["import-checkins", *map(str, args), "--locale", locale], catch_exceptions=False
    )


class TestAllOrNothing:
    def test_three_bad_rows_store_nothing(self, tmp_path: Path, store: Path, locale: str) -> None:
        """Three bad rows among 1,000: nothing is stored, status 1, the three lines named."""
        table = rows(1000)
        table[10][2] = "abc"
        table[500][0] = "kr-99"
        table[997][1] = "31/02/2026"
        result = run(write_csv(tmp_path / "c.csv", table), "--store", store, locale=locale)
        assert result.exit_code == 1
        assert stored(store) == 0
        assert "Traceback" not in result.output
        for line in ("c.csv:12:", "c.csv:502:", "c.csv:999:"):
            assert line in result.stderr
        assert result.stderr.count("c.csv:") == 3
        assert "kr-9" in result.stderr  # did you mean
        nothing = {"en": "Nothing was imported", "vi": "Chưa nhập gì"}[locale]
        assert nothing in result.stderr

    def test_skip_bad_stores_the_good_rows(self, tmp_path: Path, store: Path, locale: str) -> None:
        """--skip-bad stores the 997 good rows and lists the three skipped."""
        table = rows(1000)
        for row in (3, 4, 5):
            table[row][2] = "x"
        path = write_csv(tmp_path / "c.csv", table)
        result = run(path, "--store", store, "--skip-bad", locale=locale)
        assert result.exit_code == 0, result.output
        assert stored(store) == 997
        assert result.stdout.count("c.csv:") == 3
        imported = {"en": "Imported 997 check-ins", "vi": "Đã nhập 997 lượt cập nhật"}[locale]
        assert imported in result.stdout

    def test_good_file_is_stored(self, tmp_path: Path, store: Path) -> None:
        """A good file is stored whole; importing it again adds nothing."""
        path = write_csv(tmp_path / "c.csv", rows(100))
        assert run(path, "--store", store).exit_code == 0
        assert stored(store) == 100
        again = run(path, "--store", store)
        assert again.exit_code == 0
        assert "100 check-ins were recorded already" in again.stdout
        assert stored(store) == 100


class TestAuthors:
    def test_an_unknown_author_is_skipped_with_skip_bad(
        self, tmp_path: Path, store: Path, locale: str
    ) -> None:
        """An author who is no owner of the set is a bad row: --skip-bad skips it."""
        table = [[*row, "team"] for row in rows(3)]
        table[2][3] = "ghost"
        path = write_csv(tmp_path / "c.csv", table, header="KR,Ngày,Giá trị,author")
        result = run(path, "--store", store, "--skip-bad", locale=locale)
        assert result.exit_code == 0, result.output
        assert stored(store) == 2
        assert "c.csv:4: author (kr-2):" in result.stdout
        assert "'ghost'" in result.stdout
        assert "checkins[" not in result.output

    def test_without_skip_bad_it_is_named_by_its_line(
        self, tmp_path: Path, store: Path, locale: str
    ) -> None:
        """Without --skip-bad the unknown author's line is named, and nothing stored."""
        table = [[*row, "tea"] for row in rows(2)]
        path = write_csv(tmp_path / "c.csv", table, header="KR,Ngày,Giá trị,author")
        result = run(path, "--store", store, locale=locale)
        assert result.exit_code == 1
        assert stored(store) == 0
        assert "c.csv:2: author (kr-0):" in result.stderr
        assert "c.csv:3: author (kr-1):" in result.stderr
        assert "'team'" in result.stderr  # did you mean
        assert "checkins[" not in result.stderr


class TestAdviceNamesOptions:
    """The command's errors advise its options, never the Python keywords."""

    def test_decimal_and_day_format(self, tmp_path: Path, store: Path, locale: str) -> None:
        """A decimal comma and a slashed day are advised as --decimal and --day-format."""
        path = tmp_path / "c.csv"
        path.write_text('KR,Ngày,Giá trị\nkr-1,2026-01-09,"3,5"\nkr-2,09/01/2026,3\n')
        result = run(path, "--store", store, locale=locale)
        assert result.exit_code == 1
        assert "--decimal ," in result.stderr
        assert "--day-format %d/%m/%Y" in result.stderr
        for keyword in ("decimal=", "day_format="):
            assert keyword not in result.stderr

    def test_many_bad_rows(self, tmp_path: Path, store: Path, locale: str) -> None:
        """25 bad rows: the header counts 20 of 25, the last line advises --skip-bad."""
        table = rows(25)
        for row in table:
            row[2] = "x"
        result = run(write_csv(tmp_path / "c.csv", table), "--store", store, locale=locale)
        assert result.exit_code == 1
        header = {"en": "20 of 25 problems shown:", "vi": "Hiển thị 20 trong số 25 lỗi:"}
        assert result.stderr.startswith(header[locale])
        assert len(re.findall(r"c\.csv:\d+:", result.stderr)) == 20
        assert "--skip-bad" in result.stderr.splitlines()[21]  # the line for the 5 more
        assert "skip_bad" not in result.stderr

    def test_a_file_not_in_utf8(self, tmp_path: Path, store: Path) -> None:
        """A file in another encoding is told to be saved as UTF-8: there is no --encoding."""
        path = tmp_path / "c.csv"
        path.write_bytes("KR,Ngày,Giá trị\nkr-1,2026-01-09,3\n".encode("utf-16"))
        result = run(path, "--store", store)
        assert result.exit_code == 1
        assert "save it as UTF-8" in result.stderr
        assert "encoding=" not in result.stderr


class TestFormats:
    def test_excel_and_parquet_import_as_the_csv(self, tmp_path: Path) -> None:
        """The same rows from .csv, .xlsx and .parquet make the same stored check-ins."""
        table = rows(60)
        book = openpyxl.Workbook()
        book.active.append(["KR", "Ngày", "Giá trị"])
        for row in table:
            book.active.append(row)
        book.save(tmp_path / "c.xlsx")
        columns = list(zip(*table, strict=True))
        pq.write_table(
            pa.table({"KR": columns[0], "Ngày": columns[1], "Giá trị": columns[2]}),
            tmp_path / "c.parquet",
        )
        write_csv(tmp_path / "c.csv", table)
        logs = []
        for name in ("c.csv", "c.xlsx", "c.parquet"):
            path = tmp_path / f"{name}.db"
            with SQLiteStore(path) as target:
                target.save(okr_set())
            assert run(tmp_path / name, "--store", path).exit_code == 0
            with SQLiteStore(path) as target:
                logs.append(target.checkins())
        assert len(logs[0]) == 60
        assert logs[0] == logs[1] == logs[2]

    def test_sheet(self, tmp_path: Path, store: Path) -> None:
        """--sheet picks a sheet by name or by position; with a CSV file it is refused."""
        book = openpyxl.Workbook()
        book.active.title = "Bìa"
        data = book.create_sheet("Tiến độ")
        data.append(["key_result", "on", "value"])
        data.append(["kr-1", dt.date(2026, 1, 9), 3])
        book.save(tmp_path / "c.xlsx")
        assert run(tmp_path / "c.xlsx", "--store", store, "--sheet", "1").exit_code == 0
        assert run(tmp_path / "c.xlsx", "--store", store, "--sheet", "Tiến độ").exit_code == 0
        assert stored(store) == 1
        missing = run(tmp_path / "c.xlsx", "--store", store, "--sheet", "Tien do")
        assert missing.exit_code == 1
        assert "Tiến độ" in missing.stderr
        csv_file = write_csv(tmp_path / "c.csv", rows(1))
        assert run(csv_file, "--store", store, "--sheet", "1").exit_code == 2

    def test_unknown_suffix(self, tmp_path: Path, store: Path) -> None:
        """A suffix that names no format is one line naming the three formats."""
        path = tmp_path / "c.json"
        path.write_text("{}")
        result = run(path, "--store", store)
        assert result.exit_code == 1
        assert len(result.stderr.splitlines()) == 1
        for name in (".csv", ".xlsx", ".parquet"):
            assert name in result.stderr

    def test_options(self, tmp_path: Path, store: Path) -> None:
        """--column, --delimiter, --decimal and --day-format read a file of its own style."""
        path = tmp_path / "c.csv"
        path.write_text("Mã;Tuần;Số\nkr-1;09/01/2026;3,5\n", encoding="utf-8")
        result = run(
            path,
            "--store",
            store,
            "--column",
            "key_result=Mã",
            "--column",
            "on=Tuần",
            "--column",
            "value=Số",
            "--delimiter",
            ";",
            "--decimal",
            ",",
            "--day-format",
            "%d/%m/%Y",
        )
        assert result.exit_code == 0, result.output
        with SQLiteStore(store) as target:
            assert target.checkins().value_at("kr-1", "2026-01-31") == 3.5

    def test_bad_column_option(self, tmp_path: Path, store: Path) -> None:
        """--column without FIELD=HEADER, or with an unknown field, is a usage error."""
        path = write_csv(tmp_path / "c.csv", rows(1))
        result = run(path, "--store", store, "--column", "amount=Số")
        assert result.exit_code == 2
        assert "key_result" in result.stderr


class TestTargets:
    def test_into_a_file(self, tmp_path: Path) -> None:
        """--file appends the check-ins to an OKR file, written back whole."""
        file = tmp_path / "okrs.yaml"
        okrkit.dump(okr_set(), file)
        result = run(write_csv(tmp_path / "c.csv", rows(40)), "--file", file)
        assert result.exit_code == 0, result.output
        assert len(okrkit.load(file).checkins) == 40

    def test_into_the_workspace(
        self, tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without --file or --store the okrkit.toml of the current folder is used."""
        (tmp_path / "okrkit.toml").write_text('[workspace]\nstore = "okrs.db"\n')
        monkeypatch.chdir(tmp_path)
        result = run(write_csv(tmp_path / "c.csv", rows(40)))
        assert result.exit_code == 0, result.output
        assert stored(store) == 40
