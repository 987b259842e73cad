"""Check-ins as one text table per key result: writing, reading, errors with lines."""

from __future__ import annotations

import datetime as dt
import gc
import json
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import given

import okrkit
from okrkit import CheckIn, Cycle, KeyResult, LoadError, Metric, Objective, OKRSet, Owner
from okrkit.io import to_data
from okrkit.io._tables import note_text, number_text, parse_row
from okrkit.io._yaml import parse_yaml
from okrkit.testing import okr_sets

FORMATS = ["yaml", "json", "toml"]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ACME_EN = EXAMPLES / "acme.en.yaml"

HEAD = """\
cycles: [{id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}]
owners: [{id: lan, name: Lan}, {id: minh, name: Minh}]
objectives:
  - id: o1
    title: Ship it
    owner: lan
    cycle: 2026-Q1
    level: team
    key_results:
      - {id: kr-done, title: Launch, metric: {kind: milestone}}
      - {id: kr-days, title: Lead time, metric: {kind: decrease, start: 9, target: 3, unit: duration_days}}
"""  # noqa: E501
HEAD_LINES = HEAD.count("\n")


def one_set(checkins: list[CheckIn]) -> OKRSet:
    """The set of HEAD with ``checkins``."""
    return okrkit.loads(HEAD, "yaml").with_checkins(checkins)


def problems_of(text: str, fmt: str = "yaml") -> list[tuple[int | None, str | None, str]]:
    """(line, path, message) of each problem found loading ``text``."""
    with pytest.raises(LoadError) as excinfo:
        okrkit.loads(text, fmt, source=f"okrs.{fmt}")
    assert all(p.file == f"okrs.{fmt}" for p in excinfo.value.problems)
    return [(p.line, p.path, p.message) for p in excinfo.value.problems]


def in_format(text: str, fmt: str) -> str:
    """A YAML document written as ``fmt`` instead, the check-in tables kept as text."""
    if fmt == "yaml":
        return text
    data = parse_yaml(text, "x")
    if fmt == "json":
        return json.dumps(data, default=str, indent=2)
    from okrkit.io._formats import FORMATS as READERS

    emitted: str = READERS["toml"].emit(data)
    return emitted


class TestWriting:
    def test_written_as_tables(self) -> None:
        """Writing gives one table per key result, in every format."""
        okrs = one_set(
            [
                CheckIn(key_result="kr-days", on="2026-01-09", value=8, confidence=5),
                CheckIn(key_result="kr-days", on="2026-01-16", value=7.5, author="lan", note="CI"),
                CheckIn(key_result="kr-done", on="2026-01-09", value=0, author="minh"),
            ]
        )
        assert to_data(okrs)["checkins"] == {
            "kr-days": "2026-01-09 8 5\n2026-01-16 7.5 - lan CI\n",
            "kr-done": "2026-01-09 0 - minh\n",
        }
        text = okrkit.dumps(okrs, "yaml")
        assert "  kr-days: |\n    2026-01-09 8 5\n    2026-01-16 7.5 - lan CI\n" in text
        assert '"kr-days": "2026-01-09 8 5\\n2026-01-16 7.5 - lan CI\\n"' in okrkit.dumps(
            okrs, "json"
        )
        assert "kr-days = '''\n2026-01-09 8 5\n" in okrkit.dumps(okrs, "toml")

    @pytest.mark.parametrize(
        ("value", "text"),
        [(28.0, "28"), (29.5, "29.5"), (0.1, "0.1"), (-0.0, "-0"), (1e300, "1e+300")],
    )
    def test_numbers_shortest(self, value: float, text: str) -> None:
        """Values are the shortest text that reads back, whole numbers without .0."""
        assert number_text(value) == text
        assert float(text) == value

    @pytest.mark.parametrize(
        "note",
        [
            "plain words",
            '"starts with a quote',
            "ends with a space ",
            " starts with a space",
            "two\nlines",
            "tab\there",
            "line\u2028separator",
            "next\x85line",
            "para\u2029graph",
            "bom\ufeffinside",
            "carriage\rreturn",
            "control\x07bell",
            "back\\slash and 'quotes' and \"\"\" and '''",
            "Tiếng Việt có dấu: đã sửa 6 lỗi",
            "- looks like a dash field 5 red",
        ],
    )
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_notes_round_trip(self, note: str, fmt: str) -> None:
        """Any note survives every format, quoted as JSON only when it must be."""
        okrs = one_set([CheckIn(key_result="kr-days", on="2026-01-09", value=8, note=note)])
        back = okrkit.loads(okrkit.dumps(okrs, fmt), fmt)
        assert back == okrs
        assert back.checkins[0].note == note

    def test_quoting_only_when_needed(self) -> None:
        """Plain notes stay plain; the others become one JSON string literal."""
        assert note_text("Waiting on CI") == "Waiting on CI"
        assert note_text("two\nlines") == '"two\\nlines"'
        assert note_text("a\u2028b") == '"a\\u2028b"'
        assert json.loads(note_text(' "x" ')) == ' "x" '

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_authors_and_confidences_round_trip(self, fmt: str) -> None:
        """Every confidence level, with and without authors and notes, survives."""
        checkins = [
            CheckIn(
                key_result="kr-days",
                on=dt.date(2026, 1, 1) + dt.timedelta(days=day),
                value=float(day % 9),
                confidence=None if day % 6 == 0 else day % 6,
                author=[None, "lan", "minh"][day % 3],
                note="" if day % 2 else f"week {day}",
            )
            for day in range(24)
        ]
        okrs = one_set(checkins)
        assert okrkit.loads(okrkit.dumps(okrs, fmt), fmt) == okrs

    @pytest.mark.parametrize("fmt", FORMATS)
    @given(okrs=okr_sets())
    def test_dump_load_is_the_identity(self, fmt: str, okrs: OKRSet) -> None:
        """For any set, loading the tables written for it gives it back."""
        data = to_data(okrs)
        assert isinstance(data.get("checkins", {}), dict)
        assert okrkit.loads(okrkit.dumps(okrs, fmt), fmt) == okrs


class TestReading:
    def test_fields_and_separators(self) -> None:
        """Runs of spaces or tabs part the fields; - stands for none; blank lines skip."""
        text = HEAD + (
            "checkins:\n"
            "  kr-days: |\n"
            "    2026-01-09\t8   green\n"
            "\n"
            "    2026-01-16  7 -  lan   Waiting   on CI  \n"
            '    2026-01-23 6.5 RED - "quoted \\"note\\"\\nwith a break"\n'
        )
        rows = okrkit.loads(text, "yaml").checkins_for("kr-days")
        assert [(c.on.day, c.value, c.confidence, c.author, c.note) for c in rows] == [
            (9, 8.0, 5, None, ""),
            (16, 7.0, None, "lan", "Waiting   on CI"),
            (23, 6.5, 1, None, 'quoted "note"\nwith a break'),
        ]

    def test_parse_row(self) -> None:
        """One row: day, value, confidence (0 for none), author, note."""
        assert parse_row("2026-01-16 29.5 - lan Waiting on CI") == (
            dt.date(2026, 1, 16).toordinal(),
            29.5,
            0,
            "lan",
            "Waiting on CI",
        )

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_old_form_still_loads(self, fmt: str) -> None:
        """A list of check-in mappings loads into the same set as the tables."""
        text = HEAD + (
            "checkins:\n"
            "  - {key_result: kr-days, on: 2026-01-16, value: 7, note: CI, author: lan}\n"
            "  - {key_result: kr-days, on: 2026-01-09, value: 8, confidence: green}\n"
            "  - {key_result: kr-done, on: 2026-01-09, value: 0}\n"
        )
        okrs = okrkit.loads(in_format(text, fmt), fmt)
        assert okrs == one_set(
            [
                CheckIn(key_result="kr-days", on="2026-01-09", value=8, confidence=5),
                CheckIn(key_result="kr-days", on="2026-01-16", value=7, note="CI", author="lan"),
                CheckIn(key_result="kr-done", on="2026-01-09", value=0),
            ]
        )

    def test_examples_keep_the_old_form(self) -> None:
        """The shipped examples are written in the old form and load as before."""
        raw = yaml.safe_load(ACME_EN.read_text(encoding="utf-8"))
        assert isinstance(raw["checkins"], list)
        okrs = okrkit.load(ACME_EN)
        assert len(okrs.checkins) == len(raw["checkins"])

    def test_no_checkin_objects_while_loading(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Both forms load straight into columns: no CheckIn is made per row."""

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("a CheckIn was made")

        text = okrkit.dumps(okrkit.load(ACME_EN), "yaml")
        monkeypatch.setattr(CheckIn, "__init__", refuse)
        assert len(okrkit.loads(text, "yaml").checkins) > 100
        assert len(okrkit.load(ACME_EN).checkins) > 100

    def test_empty_table(self) -> None:
        """A key result with an empty table (or none) has no check-ins."""
        okrs = okrkit.loads(HEAD + "checkins: {kr-days: '', kr-done: null}\n", "yaml")
        assert len(okrs.checkins) == 0


class TestRowErrors:
    TABLE = HEAD + (
        "checkins:\n"
        "  kr-days: |\n"
        "    2026-01-09 8\n"
        "    2026-02-30 7\n"
        "    2026-01-16 seven\n"
        "\n"
        "    2026-01-23 nan\n"
        "    2026-01-30 1e999\n"
        "    2026-02-06 6 9\n"
        '    2026-02-13 6 - "lan note\n'
        "    2026-02-20\n"
        "    2026-02-27 5 2026-03-06 4\n"
    )

    def test_each_bad_row_with_its_line(self) -> None:
        """Every bad row is reported, at its own line, with its path and a fix."""
        first = HEAD_LINES + 3  # the line of the first row
        problems = problems_of(self.TABLE)
        assert [(line, path) for line, path, _message in problems] == [
            (first + 1, "checkins.kr-days[1]"),
            (first + 2, "checkins.kr-days[2]"),
            (first + 4, "checkins.kr-days[3]"),
            (first + 5, "checkins.kr-days[4]"),
            (first + 6, "checkins.kr-days[5]"),
            (first + 7, "checkins.kr-days[6]"),
            (first + 8, "checkins.kr-days[7]"),
            (first + 9, "checkins.kr-days[8]"),
        ]
        messages = [message for _line, _path, message in problems]
        assert "written as YYYY-MM-DD (got '2026-02-30')" in messages[0]
        assert "must be a number such as 28 or 29.5 (got 'seven')" in messages[1]
        assert "finite number" in messages[2]
        assert "finite number" in messages[3]
        assert "1-5, red, yellow, green or - for none (got '9')" in messages[4]
        assert "the author must be an owner id or -" in messages[5]
        assert "at least a date and a value" in messages[6]
        assert "write the table as a block" in messages[7]

    def test_entity_is_the_key_result(self) -> None:
        """Each row problem names its key result."""
        with pytest.raises(LoadError) as excinfo:
            okrkit.loads(self.TABLE, "yaml")
        assert {p.entity_id for p in excinfo.value.problems} == {"kr-days"}

    @pytest.mark.parametrize("fmt", ["json", "toml"])
    def test_json_and_toml_give_lines_too(self, fmt: str) -> None:
        """JSON names the key's line; TOML the row's line in its multi-line string."""
        text = in_format(self.TABLE, fmt)
        problems = problems_of(text, fmt)
        assert len(problems) == 8
        key_line = next(
            number
            for number, line in enumerate(text.splitlines(), 1)
            if line.lstrip().startswith(('"kr-days"', "kr-days ="))
        )
        if fmt == "json":
            assert {line for line, _path, _message in problems} == {key_line}
        else:
            assert problems[0][0] == key_line + 2  # 2026-02-30 is the table's second row

    def test_capped_per_key_result(self) -> None:
        """A table that is all bad reports the first rows and counts the rest."""
        rows = "".join(f"    2026-01-{day:02d} x\n" for day in range(1, 29))
        problems = problems_of(HEAD + "checkins:\n  kr-days: |\n" + rows)
        assert len(problems) == 11
        assert problems[-1][1] == "checkins.kr-days"
        assert problems[-1][2].startswith("18 more rows of 'kr-days' cannot be read")

    def test_capped_rows_are_counted_in_the_header(self) -> None:
        """10 rows shown and a line for 18 more: "10 of 28 problems shown", not 11 found."""
        rows = "".join(f"    2026-01-{day:02d} x\n" for day in range(1, 29))
        with pytest.raises(LoadError) as excinfo:
            okrkit.loads(HEAD + "checkins:\n  kr-days: |\n" + rows, "yaml")
        assert str(excinfo.value).startswith("10 of 28 problems shown:\n")
        assert excinfo.value.render(locale="vi").startswith("Hiển thị 10 trong số 28 lỗi:\n")

    def test_bad_key_and_bad_table(self) -> None:
        """A key with a space, or a table that is not text, is refused at its key."""
        problems = problems_of(HEAD + "checkins:\n  kr days: '2026-01-09 1'\n  kr-done: [1]\n")
        assert [(line, path) for line, path, _m in problems] == [
            (HEAD_LINES + 2, "checkins.kr days"),
            (HEAD_LINES + 3, "checkins.kr-done"),
        ]


class TestSetErrors:
    def test_problems_of_the_set_point_at_rows(self) -> None:
        """Unknown key result, refused value, two on one day, unknown author: each at its row."""
        text = HEAD + (
            "checkins:\n"
            "  kr-done: |\n"
            "    2026-01-09 0.5\n"
            "  kr-days: |\n"
            "    2026-01-09 -1 - bob\n"
            "\n"
            "    2026-01-09 3\n"
            "  kr-ghost: |\n"
            "    2026-01-09 1\n"
        )
        start = HEAD_LINES + 2
        problems = {path: (line, message) for line, path, message in problems_of(text)}
        assert problems["checkins.kr-done[0].value"][0] == start + 1
        assert "report 1 when done and 0 when not" in problems["checkins.kr-done[0].value"][1]
        assert problems["checkins.kr-days[0].value"][0] == start + 3
        assert "a duration cannot be negative" in problems["checkins.kr-days[0].value"][1]
        assert problems["checkins.kr-days[0].author"][0] == start + 3
        assert "unknown author 'bob'" in problems["checkins.kr-days[0].author"][1]
        assert problems["checkins.kr-days[1]"][0] == start + 5
        assert "(at checkins.kr-days[0])" in problems["checkins.kr-days[1]"][1]
        assert problems["checkins.kr-ghost"][0] == start + 6
        assert "unknown key result 'kr-ghost'" in problems["checkins.kr-ghost"][1]

    def test_old_form_paths_and_lines(self) -> None:
        """The old form keeps paths such as checkins[1].value, at the entry's line."""
        text = HEAD + (
            "checkins:\n"
            "  - {key_result: kr-done, on: 2026-01-09, value: 1}\n"
            "  - {key_result: kr-done, on: 2026-01-16, value: 0.5}\n"
            "  - {key_result: kr-done, on: 2026-01-16, value: 1, author: bob}\n"
            "  - {key_result: kr-done, on: 2026-01-23, value: x, confidence: 7, mood: ok}\n"
        )
        start = HEAD_LINES + 1
        found = {(line, path) for line, path, _message in problems_of(text)}
        assert found == {
            (start + 2, "checkins[1].value"),
            (start + 3, "checkins[2]"),
            (start + 3, "checkins[2].author"),
            (start + 4, "checkins[3].mood"),
            (start + 4, "checkins[3].value"),
            (start + 4, "checkins[3].confidence"),
        }

    def test_other_problems_still_reported(self) -> None:
        """A bad row does not hide a problem elsewhere in the file."""
        text = HEAD.replace("owner: lan", "owner: lann") + "checkins:\n  kr-done: '2026-01-09'\n"
        paths = {path for _line, path, _message in problems_of(text)}
        assert paths == {"objectives[0].owner", "checkins.kr-done[0]"}


def company(objectives: int) -> OKRSet:
    """A generated company with weekly check-ins, some with authors and notes."""
    cycle = Cycle.quarter(2026, 1)
    owners = [Owner(id=f"p{i}", name=f"Người {i}") for i in range(10)]
    objs = []
    checkins = []
    for o in range(objectives):
        krs = []
        for k in range(4):
            ident = f"kr-{o}-{k}"
            krs.append(
                KeyResult(
                    id=ident,
                    title=f"Tăng {ident} từ 10 lên 20",
                    metric=Metric(kind="increase", start=10, target=20),  # type: ignore[arg-type]
                    owners=[f"p{o % 10}"],
                )
            )
            checkins.extend(
                CheckIn(
                    key_result=ident,
                    on=cycle.start + dt.timedelta(days=7 * week + 4),
                    value=10 + week * 0.7,
                    confidence=3 if week % 2 else None,
                    author=f"p{week % 10}" if week % 4 == 0 else None,
                    note=f"Ghi chú tuần {week}" if week % 4 == 0 else "",
                )
                for week in range(13)
            )
        objs.append(
            Objective(
                id=f"obj-{o}",
                title=f"Mục tiêu {o}",
                owner=f"p{o % 10}",
                cycle=cycle.id,
                level="team",  # type: ignore[arg-type]
                key_results=krs,
            )
        )
    return OKRSet(cycles=[cycle], owners=owners, objectives=objs, checkins=checkins)


class TestLimits:
    @pytest.mark.parametrize("suffix", [".yaml", ".json"])
    def test_memory_bound(self, tmp_path: Path, suffix: str) -> None:
        """Loading holds at most four times the file's size beyond the set it loads."""
        path = tmp_path / f"company{suffix}"
        okrkit.dump(company(300), path)
        size = path.stat().st_size
        gc.collect()
        tracemalloc.start()
        try:
            okrs = okrkit.load(path)
            current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(okrs.checkins) == 300 * 4 * 13
        assert peak - current < 4 * size, (peak - current) / size

    def test_json_bytes_let_go_before_parsing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """JSON is parsed with only its decoded text alive, not the file's bytes beside it.

        Holding both once cost the benchmark's memory step a file's size per key result
        (2,283 bytes against the 2,048 limit).
        """
        path = tmp_path / "company.json"
        okrkit.dump(company(60), path)
        size = path.stat().st_size
        seen: list[int] = []
        parse = json.loads

        def watched(text: str | bytes, **kwargs: object) -> object:
            alive = tracemalloc.get_traced_memory()[0] - start
            # What is alive beside the one decoded text that json.loads parses (it
            # decodes bytes itself, so bytes handed to it stay alive beside the text).
            decoded = text.decode("utf-8") if isinstance(text, bytes) else text
            beside = alive - (0 if isinstance(text, bytes) else sys.getsizeof(decoded))
            seen.append(beside)
            return parse(text, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr("okrkit.io._formats.json.loads", watched)
        gc.collect()
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            okrkit.load(path)
        finally:
            tracemalloc.stop()
        assert len(seen) == 1
        assert seen[0] < size // 2, (seen[0], size)
