"""CheckInLog.from_csv: reading, column mapping, and every row checked, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import struct
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from okrkit import Confidence, Cycle
from okrkit.checkins import CheckInLog
from okrkit.errors import HINT_LIMIT, LoadError, UsageError, ValidationError
from okrkit.errors._message import on_command_line

Q1 = Cycle.quarter(2026, 1)
PLAIN = (
    "key_result,on,value,confidence,note,author\n"
    "kr-a,2026-01-09,1,,,\n"
    "kr-a,2026-01-16,5,4,Two deals closed,lan\n"
    "kr-b,2026-01-09,3,,,\n"
)


def expected() -> CheckInLog:
    """The log of :data:`PLAIN`, built from rows."""
    return CheckInLog.from_rows(
        [
            ("kr-a", "2026-01-09", 1.0),
            ("kr-a", "2026-01-16", 5.0, 4, "Two deals closed", "lan"),
            ("kr-b", "2026-01-09", 3.0),
        ]
    )


def rows_csv(count: int, bad: dict[int, tuple[str, str, str]] | None = None) -> str:
    """``count`` good rows of kr-0..kr-19, in Q1; row i replaced by ``bad[i]``."""
    lines = ["key_result,on,value"]
    for i in range(count):
        row = (f"kr-{i % 20}", (dt.date(2026, 1, 1) + dt.timedelta(i // 20)).isoformat(), str(i))
        lines.append(",".join((bad or {}).get(i, row)))
    return "\n".join(lines) + "\n"


def read(text: str, **options: object) -> CheckInLog:
    """``text`` read by from_csv from a stream."""
    return CheckInLog.from_csv(io.StringIO(text), **options)  # type: ignore[arg-type]


class TestReading:
    def test_plain_file(self, tmp_path: Path) -> None:
        """A plain CSV file reads into the log its rows make: values, confidence, note."""
        path = tmp_path / "checkins.csv"
        path.write_text(PLAIN, encoding="utf-8")
        log = CheckInLog.from_csv(path)
        assert log == expected()
        assert log.latest("kr-a").confidence is Confidence.HIGH
        assert log.latest("kr-a").author == "lan"

    def test_plain_file_is_split_without_the_csv_parser(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file without quotes is read by column: the csv module is never called."""

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("the csv module was used")

        monkeypatch.setattr(csv, "reader", refuse)
        assert read(PLAIN) == expected()

    def test_quoted_cells(self) -> None:
        """Quoted cells (a delimiter, a quote, a line break in a note) are read by csv."""
        text = 'key_result,on,value,note\nkr-a,2026-01-09,1,"one, two ""three""\nfour"\n'
        log = read(text)
        assert log.latest("kr-a").note == 'one, two "three"\nfour'

    @pytest.mark.parametrize("delimiter", [";", "\t", "|"])
    def test_delimiter_is_sniffed(self, delimiter: str) -> None:
        """A semicolon, tab or pipe delimiter is found from the header line."""
        assert read(PLAIN.replace(",", delimiter)) == expected()

    def test_delimiter_given(self) -> None:
        """An explicit delimiter wins over the sniffed one."""
        text = "key_result;on;value\nkr-a;2026-01-09;1,5\n"
        assert read(text, delimiter=";", decimal=",").latest("kr-a").value == 1.5

    def test_crlf_bom_and_blank_lines(self) -> None:
        """Windows line ends, a BOM and blank lines are read; line numbers stay the file's."""
        text = "\ufeff" + PLAIN.replace("\n", "\r\n").replace("kr-b", "\r\nkr-b")
        assert read(text) == expected()
        with pytest.raises(LoadError) as caught:
            read(text.replace("kr-b,2026-01-09,3", "kr-b,2026-01-09,x"))
        assert caught.value.line == 5

    def test_line_numbers_after_a_multiline_cell(self) -> None:
        """A bad row after a quoted note of three lines is named by its own line."""
        text = 'key_result,on,value,note\nkr-a,2026-01-09,1,"a\nb\nc"\nkr-a,2026-01-10,x,\n'
        with pytest.raises(LoadError) as caught:
            read(text)
        assert caught.value.line == 5

    def test_encoding(self, tmp_path: Path) -> None:
        """A file in another encoding reads with encoding=..."""
        path = tmp_path / "cp.csv"
        path.write_bytes("KR,Ngày,Giá trị,Ghi chú\nkr-a,2026-01-09,1,Chờ\n".encode("utf-16"))
        assert CheckInLog.from_csv(path, encoding="utf-16").latest("kr-a").note == "Chờ"

    def test_header_only_is_an_empty_log(self) -> None:
        """A file of headers only gives an empty log."""
        assert len(read("key_result,on,value\n")) == 0


class TestColumns:
    def test_vietnamese_headers(self) -> None:
        """Vietnamese headers are recognised, in NFC or NFD, in any case."""
        header = unicodedata.normalize("NFD", "Kết quả then chốt,NGÀY,Giá trị,Độ tự tin,Ghi chú")
        log = read(f"{header}\nkr-a,2026-01-09,3,đỏ,Chờ duyệt\n")
        assert log.latest("kr-a").confidence is Confidence.VERY_LOW
        assert log.latest("kr-a").note == "Chờ duyệt"

    def test_columns_mapping(self) -> None:
        """columns= names the source's column of a field; other columns are ignored."""
        text = "Mã,Tuần,Số,Khác\nkr-a,2026-01-09,3,x\n"
        log = read(text, columns={"key_result": "Mã", "on": "Tuần", "value": "Số"})
        assert log.value_at("kr-a", "2026-01-31") == 3.0

    def test_missing_column_names_what_was_found(self) -> None:
        """A missing column is one error naming the columns found and how to map it."""
        with pytest.raises(LoadError) as caught:
            read("KR,Ngày,Số\nkr-a,2026-01-09,3\n")
        message = str(caught.value)
        assert "no column value" in message
        for part in ("'KR'", "'Số'", "columns={'value'"):
            assert part in message
        assert "--column" not in message  # Python is told the keyword, the command the option
        with on_command_line():
            assert "--column value=" in str(caught.value)
        assert caught.value.line == 1

    def test_mapped_column_absent(self) -> None:
        """A column named in columns= but absent from the file is reported."""
        with pytest.raises(LoadError, match="'Giá trị'"):
            read(PLAIN, columns={"value": "Giá trị"})

    def test_unknown_field(self) -> None:
        """columns= naming no field of a check-in is a usage error listing the fields."""
        with pytest.raises(UsageError, match="key_result, on, value"):
            read(PLAIN, columns={"amount": "value"})


class TestRows:
    def test_three_bad_rows_among_a_thousand(self, tmp_path: Path) -> None:
        """Three bad rows among 1,000: one error naming exactly their lines and why."""
        path = tmp_path / "checkins.csv"
        bad = {
            10: ("kr-3", "2026-01-01", "abc"),
            500: ("kr-99", "2026-01-26", "1"),
            998: ("kr-18", "31/02/2026", "1"),
        }
        path.write_text(rows_csv(1000, bad), encoding="utf-8")
        with pytest.raises(LoadError) as caught:
            CheckInLog.from_csv(path, known=[f"kr-{i}" for i in range(20)])
        problems = caught.value.problems
        assert [p.line for p in problems] == [12, 502, 1000]
        assert all(p.file == str(path) for p in problems)
        assert [p.path for p in problems] == ["value", "key_result", "on"]
        assert "'abc'" in problems[0].message
        assert "did you mean" in problems[1].message
        assert "day_format" in problems[2].message

    def test_skip_bad_keeps_the_good_rows(self) -> None:
        """With skip_bad the good rows are kept and each bad row is one diagnostic."""
        log = read(rows_csv(1000, {5: ("kr-5", "2026-01-01", "")}), skip_bad=True)
        assert len(log) == 999
        assert [(p.line, p.entity_id) for p in log.diagnostics] == [(7, "kr-5")]

    def test_values(self) -> None:
        """decimal=',' reads 3,5 and 1.234,5; a decimal comma without it is refused."""
        text = 'key_result,on,value\nkr-a,2026-01-09,"3,5"\nkr-b,2026-01-09,"1.234,5"\n'
        log = read(text, decimal=",")
        assert (log.value_at("kr-a", "2026-02-01"), log.value_at("kr-b", "2026-02-01")) == (
            3.5,
            1234.5,
        )
        with pytest.raises(LoadError, match="decimal=','"):
            read(text)

    @pytest.mark.parametrize("value", ["nan", "inf", "-Infinity", "", "1e999"])
    def test_value_must_be_finite(self, value: str) -> None:
        """NaN, infinity and a missing value are refused."""
        with pytest.raises(LoadError, match="value"):
            read(f"key_result,on,value\nkr-a,2026-01-09,{value}\n")

    def test_days(self) -> None:
        """ISO days (a time after them ignored) read; day_format reads others."""
        assert len(read("key_result,on,value\nkr-a,2026-01-09T10:30:00,1\n")) == 1
        log = read("key_result,on,value\nkr-a,09/01/2026,1\n", day_format="%d/%m/%Y")
        assert log.latest("kr-a").on == dt.date(2026, 1, 9)

    @pytest.mark.parametrize("day", ["09/01/2026", "2026-02-30", "soon", ""])
    def test_bad_days(self, day: str) -> None:
        """A day that is no ISO date is refused; a slashed one with a hint on day_format."""
        with pytest.raises(LoadError) as caught:
            read(f"key_result,on,value\nkr-a,{day},1\n")
        assert caught.value.path == "on"
        assert ("day_format" in str(caught.value)) is ("/" in day)

    def test_confidences(self) -> None:
        """1-5, the traffic lights in English and Vietnamese, and the level names read."""
        words = ["1", "red", "vàng", "Xanh", "very_high", "HIGH"]
        lines = [f"kr-{i},2026-01-09,1,{word}" for i, word in enumerate(words)]
        log = read("key_result,on,value,confidence\n" + "\n".join(lines) + "\n")
        assert [log.latest(f"kr-{i}").confidence for i in range(6)] == [1, 1, 3, 5, 5, 4]
        with pytest.raises(LoadError, match="confidence"):
            read("key_result,on,value,confidence\nkr-a,2026-01-09,1,7\n")

    def test_cycles(self) -> None:
        """With cycles, a check-in dated outside its key result's cycle is refused."""
        text = "key_result,on,value\nkr-a,2026-01-09,1\nkr-a,2026-04-01,2\nkr-b,2026-04-01,2\n"
        with pytest.raises(LoadError) as caught:
            read(text, cycles={"kr-a": Q1})
        assert [(p.line, p.entity_id) for p in caught.value.problems] == [(3, "kr-a")]

    def test_one_checkin_a_day(self) -> None:
        """A second check-in of a key result on one day is refused, naming the first."""
        text = "key_result,on,value\nkr-a,2026-01-09,1\nkr-b,2026-01-09,1\nkr-a,2026-01-09,2\n"
        with pytest.raises(LoadError) as caught:
            read(text)
        assert caught.value.line == 4
        assert "row 2" in str(caught.value)

    def test_ids(self) -> None:
        """Spaces around an id are dropped; an id with a space or no id is refused."""
        assert read("key_result,on,value\n kr-a ,2026-01-09,1\n").ids() == ("kr-a",)
        with pytest.raises(LoadError) as caught:
            read("key_result,on,value\nkr a,2026-01-09,1\n,2026-01-09,1\n")
        assert [p.line for p in caught.value.problems] == [2, 3]

    def test_many_bad_rows_are_capped(self) -> None:
        """Past HINT_LIMIT bad rows the error lists that many, then how many more."""
        bad = dict.fromkeys(range(50), ("kr-1", "2026-01-01", "x"))
        with pytest.raises(LoadError) as caught:
            read(rows_csv(60, bad))
        problems = caught.value.problems
        assert len(problems) == HINT_LIMIT + 1
        assert "30" in problems[-1].message
        assert "skip_bad" in problems[-1].message

    def test_too_many_cells(self) -> None:
        """A row with more cells than headers is refused: a delimiter needs quotes."""
        with pytest.raises(LoadError, match="quote"):
            read('key_result,on,value\nkr-a,2026-01-09,1,5\n"kr-b",2026-01-09,1\n')


class TestAuthors:
    TEXT = (
        "key_result,on,value,author\n"
        "kr-a,2026-01-09,1,lan\n"
        "kr-a,2026-01-16,2,ghost\n"
        "kr-b,2026-01-09,3,lann\n"
        "kr-b,2026-01-16,4,\n"
    )

    def test_an_unknown_author_is_a_bad_row(self) -> None:
        """With authors=, a row whose author is no owner is refused at its line."""
        with pytest.raises(LoadError) as caught:
            read(self.TEXT, authors=["lan", "minh"])
        problems = caught.value.problems
        assert [(p.line, p.path, p.entity_id) for p in problems] == [
            (3, "author", "kr-a"),
            (4, "author", "kr-b"),
        ]
        assert "'ghost' is not an owner" in problems[0].message
        assert "did you mean 'lan'?" in problems[1].message
        assert "checkins[" not in str(caught.value)

    def test_skip_bad_skips_them(self) -> None:
        """With skip_bad an unknown author's row is skipped like any bad row."""
        log = read(self.TEXT, authors=["lan", "minh"], skip_bad=True)
        assert [(c.key_result, c.author) for c in log] == [("kr-a", "lan"), ("kr-b", None)]
        assert [p.line for p in log.diagnostics] == [3, 4]

    def test_without_authors_any_id_is_read(self) -> None:
        """Without authors= every author id is kept, as before."""
        assert {c.author for c in read(self.TEXT)} == {"lan", "ghost", "lann", None}

    def test_the_words_of_the_set_in_vietnamese(self) -> None:
        """The refusal is worded in Vietnamese too, naming the owner, not a field."""
        with pytest.raises(LoadError) as caught:
            read(self.TEXT, authors=["lan"])
        vi = caught.value.render(locale="vi")
        assert "người báo cáo 'ghost' không phải người phụ trách" in vi

    @pytest.mark.parametrize("authors", ["lan", 5])
    def test_authors_must_be_a_list_of_ids(self, authors: object) -> None:
        """authors= of one text (not read as its letters) or a number is a UsageError."""
        with pytest.raises(UsageError, match="'authors' must be a list of owner ids"):
            read(self.TEXT, authors=authors)


class TestAdvice:
    """The advice of a message names the Python keyword, or the option on the command line."""

    def test_decimal(self) -> None:
        """A decimal comma is advised as decimal=',' in Python, --decimal , on the command line."""
        with pytest.raises(LoadError) as caught:
            read('key_result,on,value\nkr-a,2026-01-09,"3,5"\n')
        assert str(caught.value).endswith("pass decimal=','")
        with on_command_line():
            assert str(caught.value).endswith("pass --decimal ,")
            assert caught.value.render(locale="vi").endswith("hãy dùng --decimal ,")

    def test_day_format(self) -> None:
        """A slashed day is advised as day_format=... in Python, --day-format in the command."""
        with pytest.raises(LoadError) as caught:
            read("key_result,on,value\nkr-a,09/01/2026,1\n")
        assert "day_format='%d/%m/%Y' for days" in str(caught.value)
        assert "--day-format" not in str(caught.value)
        with on_command_line():
            assert "give the format: --day-format %d/%m/%Y for" in str(caught.value)
            assert "day_format=" not in caught.value.render(locale="vi")

    def test_encoding(self, tmp_path: Path) -> None:
        """encoding=... is advised in Python only: the command has no such option."""
        path = tmp_path / "latin.csv"
        path.write_bytes(b"key_result,on,value,note\nkr-a,2026-01-09,1,caf\xe9\n")
        with pytest.raises(LoadError) as caught:
            CheckInLog.from_csv(path)
        assert "encoding=..." in str(caught.value)
        with on_command_line():
            assert str(caught.value).endswith("save it as UTF-8")

    def test_more_rows_count_honestly(self) -> None:
        """60 bad rows: 20 listed, one line for the 40 more, a header that counts 60."""
        bad = dict.fromkeys(range(60), ("kr-1", "2026-01-01", "x"))
        with pytest.raises(LoadError) as caught:
            read(rows_csv(60, bad))
        error = caught.value
        assert error.problems[-1].unlisted == 40
        assert str(error).startswith("20 of 60 problems shown:\n")
        assert error.render(locale="vi").startswith("Hiển thị 20 trong số 60 lỗi:\n")
        assert "or pass skip_bad=True to import" in str(error)
        with on_command_line():
            assert "or pass --skip-bad to import" in str(error)
            assert "skip_bad" not in error.render(locale="vi")


class TestHostileInput:
    def test_not_utf8(self, tmp_path: Path) -> None:
        """Bytes that are not UTF-8 are a LoadError at their line."""
        path = tmp_path / "latin.csv"
        path.write_bytes(b"key_result,on,value,note\nkr-a,2026-01-09,1,caf\xe9\n")
        with pytest.raises(LoadError) as caught:
            CheckInLog.from_csv(path)
        assert caught.value.line == 2
        assert "encoding" in str(caught.value)

    def test_nul_bytes(self) -> None:
        """A NUL in an id refuses its row; in a note it is text."""
        log = read("key_result,on,value,note\nkr-a,2026-01-09,1,a\0b\n")
        assert log.latest("kr-a").note == "a\0b"
        with pytest.raises(LoadError):
            read("key_result,on,value\nkr\0a,2026-01-09,1\n")

    def test_formulas_are_text(self) -> None:
        """A cell that looks like a spreadsheet formula is kept as the text it is."""
        log = read('key_result,on,value,note\nkr-a,2026-01-09,1,=HYPERLINK("x")\n')
        assert log.latest("kr-a").note == '=HYPERLINK("x")'

    def test_huge_cell(self) -> None:
        """A cell past the csv module's field limit is refused at its line."""
        text = "key_result,on,value,note\nkr-a,2026-01-09,1,ok\nkr-a,2026-01-10,1," + "x" * (
            csv.field_size_limit() + 1
        )
        with pytest.raises(LoadError) as caught:
            read(text)
        assert caught.value.line == 3

    def test_bomb_refused_by_the_size_limit(self, tmp_path: Path) -> None:
        """A file with one 100 MB cell is refused by Limits' size, before it is read."""
        path = tmp_path / "bomb.csv"
        with path.open("wb") as out:
            out.write(b"key_result,on,value,note\nkr-a,2026-01-09,1,")
            out.truncate(100 * 2**20)  # sparse: the cell is 100 MB of NUL, never written
        with pytest.raises(LoadError, match=r"limits=okrkit\.Limits"):
            CheckInLog.from_csv(path, limits=okrkit.Limits(size=64 * 2**20))

    def test_missing_file_and_empty_file(self, tmp_path: Path) -> None:
        """A missing file and an empty one are LoadErrors naming the file."""
        with pytest.raises(LoadError, match="no such file"):
            CheckInLog.from_csv(tmp_path / "none.csv")
        (tmp_path / "empty.csv").write_text("")
        with pytest.raises(LoadError, match="empty"):
            CheckInLog.from_csv(tmp_path / "empty.csv")

    def test_bad_calls(self) -> None:
        """A binary stream, an unknown encoding, decimal or day format are usage errors."""
        with pytest.raises(UsageError, match="text mode"):
            CheckInLog.from_csv(io.BytesIO(PLAIN.encode()))  # type: ignore[arg-type]
        with pytest.raises(UsageError, match="encoding"):
            read(PLAIN, encoding="no-such-codec")
        with pytest.raises(UsageError, match="decimal"):
            read(PLAIN, decimal=";")
        with pytest.raises(UsageError, match="day_format"):
            read(PLAIN, day_format=5)


_ROW = st.tuples(
    st.sampled_from(["kr-a", "kr-b", "kr-ç"]),
    st.dates(dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", "1", "5", "green"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8),
)


class TestProperties:
    @given(rows=st.lists(_ROW, max_size=30, unique_by=lambda row: (row[0], row[1])))
    def test_written_by_the_csv_module_reads_as_rows(self, rows: list[tuple]) -> None:  # type: ignore[type-arg]
        """Any rows csv.writer writes read back as the log from_rows makes of them."""
        out = io.StringIO()
        writer = csv.writer(out)  # quotes a cell with a line break or a carriage return
        writer.writerow(["key_result", "on", "value", "confidence", "note"])
        writer.writerows((k, d.isoformat(), repr(v), c, n) for k, d, v, c, n in rows)
        log = read(out.getvalue(), skip_bad=True)
        good = [(k, d, v, c or None, n.strip() or None) for k, d, v, c, n in rows]
        assert log == CheckInLog.from_rows(good)
        assert not log.diagnostics

    @given(bad=st.lists(st.booleans(), min_size=1, max_size=40))
    def test_skip_bad_keeps_exactly_the_good_rows(self, bad: list[bool]) -> None:
        """skip_bad keeps the good rows and reports each bad one at its line."""
        lines = ["key_result,on,value"]
        for i, wrong in enumerate(bad):
            lines.append(f"kr-{i},2026-01-09,{'x' if wrong else i}")
        log = read("\n".join(lines) + "\n", skip_bad=True)
        assert log.ids() == tuple(sorted(f"kr-{i}" for i, w in enumerate(bad) if not w))
        assert [p.line for p in log.diagnostics] == [i + 2 for i, w in enumerate(bad) if w]
        if any(bad):
            with pytest.raises(ValidationError):
                read("\n".join(lines) + "\n")


_TIMED = textwrap.dedent(
    """
    import csv, datetime as dt, json, sys, time
    from okrkit.checkins import CheckInLog

    count, path = int(sys.argv[1]), sys.argv[2]
    first = dt.date(2026, 1, 1)
    with open(path, "w", encoding="utf-8") as out:
        out.write("key_result,on,value,confidence\\n")
        out.writelines(
            f"kr-{i % 5000},{first + dt.timedelta(i // 5000)},{i / 4},{'' if i % 3 else 4}\\n"
            for i in range(count)
        )
    known = [f"kr-{i}" for i in range(5000)]

    def best(work):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        return min(times)

    def parse():
        with open(path, newline="", encoding="utf-8") as handle:
            return list(csv.reader(handle))

    ours = best(lambda: CheckInLog.from_csv(path, known=known))
    rows = len(CheckInLog.from_csv(path, known=known))
    print(json.dumps({"ours": ours, "csv": best(parse), "rows": rows}))
    """
)


_DECIMAL = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.from_regex(r"-?[0-9]{1,18}(\.[0-9]{0,18})?", fullmatch=True),
)


class TestPlainFiles:
    """A plain file's days, values and confidences are read from its bytes, as from text."""

    @given(texts=st.lists(_DECIMAL, min_size=1, max_size=30))
    def test_values_are_the_floats_of_their_text(self, texts: list[str]) -> None:
        """Each value is exactly ``float`` of its cell, to the last bit and the sign of zero."""
        lines = [f"kr-{i},2026-01-09,{text}" for i, text in enumerate(texts)]
        log = read("key_result,on,value\n" + "\n".join(lines) + "\n")
        for i, text in enumerate(texts):
            value = log.history(f"kr-{i}")[0].value
            assert struct.pack("<d", value) == struct.pack("<d", float(text)), text

    @given(days=st.lists(st.dates(), min_size=1, max_size=30))
    def test_days_are_the_dates_of_their_text(self, days: list[dt.date]) -> None:
        """Each ``YYYY-MM-DD`` cell is its day, from year 1 to 9999."""
        lines = [f"kr-{i},{day.isoformat()},1" for i, day in enumerate(days)]
        log = read("key_result,on,value\n" + "\n".join(lines) + "\n")
        assert [log.history(f"kr-{i}")[0].on for i in range(len(days))] == days

    @pytest.mark.parametrize(
        ("day", "message"),
        [
            ("2025-02-29", "'2025-02-29' is not a real day of the calendar"),
            ("0000-01-01", "'0000-01-01' is not a real day of the calendar"),
            ("2026-13-01", "'2026-13-01' is not a real day of the calendar"),
            ("2026-01-0a", "'2026-01-0a' is not a day; write it as YYYY-MM-DD"),
            ("31/12/2026", "does not guess whether the day or the month comes first"),
        ],
    )
    def test_one_bad_day_among_good_ones(self, day: str, message: str) -> None:
        """A cell of ten characters that is no real day is refused at its line, as ever."""
        text = rows_csv(40, bad={30: ("kr-10", day, "1")})
        with pytest.raises(LoadError) as caught:
            read(text)
        assert caught.value.line == 32
        assert message in str(caught.value)

    def test_confidences_of_one_digit(self) -> None:
        """Empty cells and the digits 1-5 are confidences; any other digit is refused."""
        text = "key_result,on,value,confidence\nkr-a,2026-01-09,1,\nkr-b,2026-01-09,1,5\n"
        log = read(text)
        assert log.latest("kr-a").confidence is None
        assert log.latest("kr-b").confidence is Confidence.VERY_HIGH
        with pytest.raises(LoadError, match="'6' is not a confidence") as caught:
            read(text.replace(",5\n", ",6\n"))
        assert caught.value.line == 3


class TestSpeed:
    def _timed(self, count: int, tmp_path: Path) -> dict[str, float]:
        """Time from_csv and csv.reader on ``count`` rows, in a child process."""
        done = subprocess.run(
            [sys.executable, "-c", _TIMED, str(count), str(tmp_path / "speed.csv")],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        times: dict[str, float] = json.loads(done.stdout)
        return times

    def test_as_fast_as_the_csv_module_parses(self, tmp_path: Path) -> None:
        """Reading and checking 100,000 rows takes at most twice csv.reader's bare parse."""
        times = self._timed(100_000, tmp_path)
        assert times["rows"] == 100_000
        assert times["ours"] <= 2 * times["csv"], times

    @pytest.mark.skipif(
        os.environ.get("HYPOTHESIS_PROFILE") != "fuzz", reason="a million rows: fuzz profile"
    )
    def test_a_million_rows_under_two_seconds(self, tmp_path: Path) -> None:
        """A million rows are read and checked in under two seconds."""
        times = self._timed(1_000_000, tmp_path)
        assert times["rows"] == 1_000_000
        assert times["ours"] < 2.0, times


class TestGroupedIds:
    @given(
        st.lists(
            st.sampled_from(
                ["kr-1", "kr-\u00e9", "kr-\u1eef-long-id-past-sixteen", "k", "", " kr-1"]
            ),
            min_size=1,
            max_size=12,
        ),
        st.booleans(),
    )
    def test_ids_grouped_from_bytes_as_parsed(self, ids: list[str], last: bool) -> None:
        """Ids grouped from plain CSV bytes read as the csv module's cells read."""
        days = [dt.date(2026, 1, 1) + dt.timedelta(days=row) for row in range(len(ids))]
        pairs = zip(ids, days, strict=True)
        rows = [f"{day},1,{ident}" if last else f"{ident},{day},1" for ident, day in pairs]
        header = "on,value,key_result" if last else "key_result,on,value"
        plain = "\n".join([header, *rows]) + "\n"
        quoted = plain.replace("value", '"value"', 1)  # a quote: read by the csv module
        got = CheckInLog.from_csv(io.StringIO(plain), skip_bad=True)
        want = CheckInLog.from_csv(io.StringIO(quoted), skip_bad=True)
        assert got.to_frame().equals(want.to_frame())
        assert got.diagnostics == want.diagnostics
