"""from_excel, from_parquet, from_frame and from_arrow: the same checks as a CSV file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import okrkit
from okrkit.checkins import CheckInLog
from okrkit.errors import LoadError, UsageError, ValidationError

HEADERS = ["KR", "Ngày", "Giá trị", "Độ tự tin", "Ghi chú"]
ROWS = [
    ["kr-a", dt.date(2026, 1, 9), 1.0, None, None],
    ["kr-a", dt.date(2026, 1, 16), 5.5, "xanh", "Hai hợp đồng"],
    ["kr-b", dt.date(2026, 1, 9), 3.0, 2, None],
]


def expected() -> CheckInLog:
    """The log of :data:`ROWS`."""
    return CheckInLog.from_rows(
        [
            ("kr-a", "2026-01-09", 1.0),
            ("kr-a", "2026-01-16", 5.5, 5, "Hai hợp đồng"),
            ("kr-b", "2026-01-09", 3.0, 2),
        ]
    )


def workbook(path: Path, rows: list[list[object]], *, sheet: str = "Tiến độ") -> Path:
    """An .xlsx file: an empty first sheet, then ``sheet`` with a title, a blank row, data."""
    book = openpyxl.Workbook()
    book.active.title = "Bìa"
    data = book.create_sheet(sheet)
    data.append(HEADERS)
    for row in rows:
        data.append(row)
    book.save(path)
    return path


class TestExcel:
    def test_reads_like_the_csv(self, tmp_path: Path) -> None:
        """A sheet with date and number cells reads into the same log as the rows."""
        path = workbook(tmp_path / "t.xlsx", ROWS)
        assert CheckInLog.from_excel(path, sheet="Tiến độ") == expected()
        assert CheckInLog.from_excel(path, sheet=1) == expected()

    def test_rows_are_the_sheets(self, tmp_path: Path) -> None:
        """A bad row is named by its row in the sheet, blank rows counted."""
        rows = [*ROWS[:2], [None] * 5, ["kr-b", "09/01/2026", 3.0, None, None]]
        path = workbook(tmp_path / "t.xlsx", rows)
        with pytest.raises(LoadError) as caught:
            CheckInLog.from_excel(path, sheet=1)
        assert (caught.value.file, caught.value.line) == (str(path), 5)
        assert caught.value.path == "Ngày"

    def test_number_in_a_date_column(self, tmp_path: Path) -> None:
        """A number where a day belongs says to format the cell as a date."""
        path = workbook(tmp_path / "t.xlsx", [["kr-a", 46031, 1.0, None, None]])
        with pytest.raises(LoadError, match="format the cell as a date"):
            CheckInLog.from_excel(path, sheet=1)

    def test_a_yes_no_cell_is_no_value(self, tmp_path: Path) -> None:
        """A TRUE cell is refused at its row, never read as the value 1."""
        rows = [*ROWS[:1], ["kr-b", dt.date(2026, 1, 9), True, None, None]]
        path = workbook(tmp_path / "t.xlsx", rows)
        with pytest.raises(LoadError) as caught:
            CheckInLog.from_excel(path, sheet=1)
        assert caught.value.line == 3
        assert "yes/no" in str(caught.value)
        log = CheckInLog.from_excel(path, sheet=1, skip_bad=True)
        assert len(log) == 1

    def test_unknown_sheet(self, tmp_path: Path) -> None:
        """An unknown sheet names the workbook's sheets."""
        path = workbook(tmp_path / "t.xlsx", ROWS)
        with pytest.raises(LoadError, match="Tiến độ"):
            CheckInLog.from_excel(path, sheet="Tien do")
        with pytest.raises(UsageError):
            CheckInLog.from_excel(path, sheet=1.5)  # type: ignore[arg-type]

    def test_not_a_workbook(self, tmp_path: Path) -> None:
        """A file that is no workbook, and one past the size limit, are LoadErrors."""
        path = tmp_path / "t.xlsx"
        path.write_text("key_result,on,value\n")
        with pytest.raises(LoadError, match="Excel"):
            CheckInLog.from_excel(path)
        book = workbook(tmp_path / "big.xlsx", ROWS * 200)
        with pytest.raises(LoadError, match=r"limits=okrkit\.Limits"):
            CheckInLog.from_excel(book, limits=okrkit.Limits(size=book.stat().st_size + 10))


class TestParquet:
    def test_round_trip(self, tmp_path: Path) -> None:
        """What to_arrow gives, written as Parquet, reads back as the same log."""
        log = expected()
        pq.write_table(log.to_arrow(), tmp_path / "c.parquet")
        assert CheckInLog.from_parquet(tmp_path / "c.parquet") == log

    def test_own_columns(self, tmp_path: Path) -> None:
        """A table with its own column names and types reads with columns=."""
        table = pa.table(
            {
                "kr_code": ["kr-a", "kr-a", "kr-b"],
                "week": pa.array([r[1] for r in ROWS], type=pa.date32()),
                "actual": [1, None, 3],
            }
        )
        pq.write_table(table, tmp_path / "c.parquet")
        columns = {"key_result": "kr_code", "on": "week", "value": "actual"}
        with pytest.raises(LoadError) as caught:
            CheckInLog.from_parquet(tmp_path / "c.parquet", columns=columns)
        assert (caught.value.line, caught.value.path) == (2, "actual")
        kept = CheckInLog.from_parquet(tmp_path / "c.parquet", columns=columns, skip_bad=True)
        assert len(kept) == 2

    def test_not_parquet(self, tmp_path: Path) -> None:
        """A file that is not Parquet is a LoadError naming it."""
        (tmp_path / "c.parquet").write_text("key_result,on,value\n")
        with pytest.raises(LoadError, match="Parquet"):
            CheckInLog.from_parquet(tmp_path / "c.parquet")


class TestFrames:
    def test_own_headers(self) -> None:
        """A DataFrame with Vietnamese headers reads into the same log as the rows."""
        frame = pd.DataFrame(ROWS, columns=HEADERS)
        assert CheckInLog.from_frame(frame) == expected()

    def test_rows_numbered_from_one(self) -> None:
        """A bad row of a frame is named by its 1-based position, whatever the index."""
        frame = pd.DataFrame(
            {"key_result": ["kr-a", "kr-a"], "on": ["2026-01-09", "x"], "value": [1, 2]},
            index=[10, 20],
        )
        with pytest.raises(ValidationError) as caught:
            CheckInLog.from_frame(frame)
        assert not isinstance(caught.value, LoadError)
        assert (caught.value.file, caught.value.line) == ("<data frame>", 2)

    def test_a_boolean_column_is_no_value(self) -> None:
        """A column of booleans is refused row by row, not read as 1 and 0."""
        frame = pd.DataFrame(
            {"key_result": ["kr-a", "kr-b"], "on": ["2026-01-09"] * 2, "value": [True, False]}
        )
        with pytest.raises(ValidationError, match="yes/no"):
            CheckInLog.from_frame(frame)
        assert len(CheckInLog.from_frame(frame, skip_bad=True)) == 0

    def test_typed_columns(self) -> None:
        """Categorical ids, datetimes with NaT and floats with NaN are checked by column."""
        frame = pd.DataFrame(
            {
                "key_result": pd.Categorical(["kr-a", None, "kr-b"]),
                "on": pd.to_datetime(["2026-01-09", "2026-01-09", None]),
                "value": [1.0, 2.0, float("nan")],
            }
        )
        log = CheckInLog.from_frame(frame, skip_bad=True)
        assert len(log) == 1
        assert [(p.line, p.path) for p in log.diagnostics] == [(2, "key_result"), (3, "on")]

    def test_the_frame_is_left_as_it_was(self) -> None:
        """Refusing an infinite value says so, and leaves the caller's frame unchanged."""
        frame = pd.DataFrame(
            {"key_result": ["kr-a"], "on": ["2026-01-09"], "value": [float("inf")]}
        )
        with pytest.raises(ValidationError, match=r"not NaN or infinity \(got inf\)"):
            CheckInLog.from_frame(frame)
        assert frame["value"].tolist() == [float("inf")]

    def test_arrow(self) -> None:
        """An Arrow table with its own headers reads as the frame does, rows from 1."""
        columns = list(zip(*ROWS, strict=True))
        table = pa.table(
            {
                "KR": columns[0],
                "Ngày": [day.isoformat() for day in columns[1]],
                "Giá trị": columns[2],
                "Độ tự tin": [None, "xanh", "2"],
                "Ghi chú": columns[4],
            }
        )
        assert CheckInLog.from_arrow(table) == expected()
        with pytest.raises(ValidationError) as caught:
            CheckInLog.from_arrow(table, known=["kr-a"])
        assert (caught.value.file, caught.value.line) == ("<Arrow table>", 3)

    def test_unknown_authors(self, tmp_path: Path) -> None:
        """Every importer takes authors=: a row whose author is no owner is a bad row."""
        frame = pd.DataFrame(
            {
                "key_result": ["kr-a", "kr-a"],
                "on": ["2026-01-09", "2026-01-16"],
                "value": [1.0, 2.0],
                "author": ["lan", "ghost"],
            }
        )
        frame.to_parquet(tmp_path / "c.parquet")
        book = openpyxl.Workbook()
        book.active.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            book.active.append(list(row))
        book.save(tmp_path / "c.xlsx")
        readers = [  # each with the row it names: a sheet's (headers on 1), else 1-based
            (lambda **kw: CheckInLog.from_excel(tmp_path / "c.xlsx", **kw), 3),
            (lambda **kw: CheckInLog.from_frame(frame, **kw), 2),
            (lambda **kw: CheckInLog.from_arrow(pa.Table.from_pandas(frame), **kw), 2),
            (lambda **kw: CheckInLog.from_parquet(tmp_path / "c.parquet", **kw), 2),
        ]
        for reader, line in readers:
            with pytest.raises(ValidationError) as caught:
                reader(authors=["lan"])
            assert (caught.value.line, caught.value.path) == (line, "author")
            log = reader(authors=["lan"], skip_bad=True)
            assert [c.author for c in log] == ["lan"]

    def test_not_a_frame(self) -> None:
        """Something else than a DataFrame or an Arrow table is a usage error."""
        with pytest.raises(UsageError):
            CheckInLog.from_frame({"key_result": []})
        with pytest.raises(UsageError):
            CheckInLog.from_arrow({"key_result": []})
