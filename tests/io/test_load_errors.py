"""Loading bad files: every problem at once, each with file, line and path."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import okrkit
from okrkit import FormatError, LoadError

DATA = Path(__file__).parent / "data"


def load_problems(text: str, fmt: str = "yaml") -> list[tuple[int | None, str | None, str]]:
    """(line, path, message) of each problem found loading ``text``."""
    with pytest.raises(LoadError) as excinfo:
        okrkit.loads(text, fmt, source="test.yaml")
    return [(p.line, p.path, p.message) for p in excinfo.value.problems]


VALID_HEAD = """\
cycles: [{id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}]
owners: [{id: lan, name: Lan}]
"""


class TestTenMistakes:
    def test_all_ten_reported_with_lines(self) -> None:
        """The ten-mistake file reports every mistake, each on its own line."""
        path = DATA / "ten-mistakes.yaml"
        with pytest.raises(LoadError) as excinfo:
            okrkit.load(path)
        found = {(p.line, p.path) for p in excinfo.value.problems}
        assert found == {
            (6, "owners[1].kind"),
            (17, "objectives[0].key_results[0].metric.target"),
            (20, "objectives[0].key_results[1].metric.currency"),
            (24, "objectives[1].owner"),
            (30, "objectives[1].key_results[0].titel"),
            (29, "objectives[1].key_results[0].title"),
            (35, "objectives[1].key_results[1].due"),
            (37, "initiatives[0].drives[1]"),
            (39, "checkins[0].on"),
            (40, "checkins[1].value"),
        }
        assert all(p.file == str(path) for p in excinfo.value.problems)
        assert str(excinfo.value).startswith("10 problems found:")

    def test_messages_name_entity_and_fix(self) -> None:
        """Each problem names the entity it is about."""
        with pytest.raises(LoadError) as excinfo:
            okrkit.load(DATA / "ten-mistakes.yaml")
        by_path = {p.path: p for p in excinfo.value.problems}
        owner = by_path["objectives[1].owner"]
        assert owner.entity_id == "obj-quality"
        assert owner.message == "unknown owner 'minhh'; did you mean 'minh'?"
        assert by_path["checkins[0].on"].entity_id == "kr-uptime"
        assert by_path["objectives[0].key_results[1].metric.currency"].entity_id == "kr-revenue"
        text = str(excinfo.value)
        assert "ten-mistakes.yaml:24: objectives[1].owner (obj-quality): unknown owner" in text

    def test_same_file_as_json_reports_lines_too(self, tmp_path: Path) -> None:
        """JSON problems carry lines as well (found through the YAML reader)."""
        text = """{
  "cycles": [{"id": "2026-Q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
  "owners": [{"id": "lan", "name": "Lan"}],
  "objectives": [
    {"id": "o1", "title": "T", "owner": "lann", "cycle": "2026-Q1", "level": "team"}
  ]
}
"""
        file = tmp_path / "set.json"
        file.write_text(text, encoding="utf-8")
        with pytest.raises(LoadError) as excinfo:
            okrkit.load(file)
        (problem,) = excinfo.value.problems
        assert (problem.line, problem.path) == (5, "objectives[0].owner")

    def test_toml_reports_paths(self) -> None:
        """TOML problems carry the path (TOML's reader keeps no lines)."""
        text = """
cycles = [{id = "2026-Q1", name = "Q1", start = 2026-01-01, end = 2026-03-31}]
owners = [{id = "lan", name = "Lan"}]
[[objectives]]
id = "o1"
title = "T"
owner = "lan"
cycle = "2026-Q1"
level = "galaxy"
"""
        problems = load_problems(text, "toml")
        assert [(path, "'level' must be one of" in msg) for _l, path, msg in problems] == [
            ("objectives[0].level", True)
        ]


class TestShapes:
    def test_not_a_mapping(self) -> None:
        """A file holding a list is refused with what it should hold."""
        ((line, _path, message),) = load_problems("- a\n- b\n")
        assert line == 1
        assert "holds its sections as key: value, with the keys schema_version, locale" in message
        assert message.endswith("this one holds a list")

    def test_empty_file(self) -> None:
        """An empty file says it holds nothing."""
        ((_line, _path, message),) = load_problems("")
        assert "holds nothing" in message

    def test_missing_sections(self) -> None:
        """cycles, owners and objectives are required."""
        problems = load_problems("initiatives: []\n")
        assert [m for _l, _p, m in problems] == [
            f"required key '{key}' is missing; add it, even as an empty list"
            for key in ("cycles", "owners", "objectives")
        ]

    def test_unknown_top_level_key(self) -> None:
        """A misspelt section is reported with the known ones."""
        problems = load_problems(VALID_HEAD + "objectives: []\nobjetives: []\n")
        assert problems == [
            (
                4,
                "objetives",
                "unknown key 'objetives'; the keys of an OKR file are: schema_version, "
                "locale, cycles, owners, objectives, initiatives, checkins, dependencies",
            )
        ]

    def test_section_not_a_list(self) -> None:
        """A section must be a list."""
        problems = load_problems(VALID_HEAD + "objectives: {id: o1}\n")
        assert problems[0][1] == "objectives"

    def test_entry_not_a_mapping(self) -> None:
        """An entry that is a bare string is reported as such."""
        problems = load_problems(VALID_HEAD + "objectives: [o1]\n")
        assert problems == [
            (
                3,
                "objectives[0]",
                "must be the fields of an objective, written as key: value (got 'o1')",
            )
        ]

    def test_key_results_not_a_list(self) -> None:
        """key_results must be a list, not a mapping."""
        text = VALID_HEAD + (
            "objectives:\n"
            "  - {id: o1, title: T, owner: lan, cycle: 2026-Q1, level: team,\n"
            "     key_results: {id: k1}}\n"
        )
        ((_line, path, message),) = load_problems(text)
        assert path == "objectives[0].key_results"
        assert message == "must be a list, each item a key result (got a mapping of fields)"

    def test_single_string_owners_accepted(self) -> None:
        """owners: lan (one id, not a list) is read as one owner."""
        text = VALID_HEAD + (
            "objectives:\n"
            "  - id: o1\n    title: T\n    owner: lan\n    cycle: 2026-Q1\n    level: team\n"
            "    key_results:\n"
            "      - {id: k1, title: K, owners: lan, metric: {kind: milestone}}\n"
        )
        assert okrkit.loads(text, "yaml").key_result("k1").owners == ("lan",)

    def test_bad_alignment_entries_reported_by_index(self) -> None:
        """Each bad link in aligned_to is reported with its index."""
        text = VALID_HEAD + (
            "objectives:\n"
            "  - {id: o0, title: T, owner: lan, cycle: 2026-Q1, level: company}\n"
            "  - id: o1\n    title: T\n    owner: lan\n    cycle: 2026-Q1\n    level: team\n"
            "    aligned_to: [o0, {parent: o0, kind: maybe}, {parent: o0, weight: 0}]\n"
        )
        problems = load_problems(text)
        assert [p for _l, p, _m in problems] == [
            "objectives[1].aligned_to[1].kind",
            "objectives[1].aligned_to[2].weight",
        ]


class TestSyntax:
    def test_yaml_syntax_error_has_line(self) -> None:
        """A YAML syntax error names its line."""
        ((line, _path, message),) = load_problems("cycles: [\nowners: {\n")
        assert line is not None
        assert message.startswith("this is not valid YAML")

    def test_yaml_duplicate_keys(self) -> None:
        """A key written twice in one mapping is an error, not a silent overwrite."""
        ((line, _path, message),) = load_problems(VALID_HEAD + "owners: []\nobjectives: []\n")
        assert line == 3
        assert message == "key 'owners' appears twice in the same group of fields; keep one"

    def test_yaml_on_is_not_a_boolean(self) -> None:
        """YAML 1.2 booleans: a check-in's `on:` key stays a key."""
        text = VALID_HEAD + (
            "objectives:\n"
            "  - {id: o1, title: T, owner: lan, cycle: 2026-Q1, level: team,\n"
            "     key_results: [{id: k1, title: K, metric: {kind: milestone}}]}\n"
            "checkins:\n"
            "  - {key_result: k1, on: 2026-01-09, value: 1, note: yes}\n"
        )
        okrs = okrkit.loads(text, "yaml")
        assert okrs.checkins[0].note == "yes"
        assert okrs.checkins[0].on.isoformat() == "2026-01-09"

    def test_yaml_loading_runs_no_code(self) -> None:
        """Python tags are refused: the safe loader never builds objects."""
        ((_line, _path, message),) = load_problems("!!python/object/apply:os.system ['true']\n")
        assert "not valid YAML" in message

    def test_toml_syntax_error_has_line(self) -> None:
        """A TOML syntax error names its line."""
        ((line, _path, message),) = load_problems('cycles = []\nowners = [\n"x" = 1\n', "toml")
        assert line == 3
        assert message.startswith("this is not valid TOML")

    def test_json_syntax_error_has_line(self) -> None:
        """A JSON syntax error names its line."""
        ((line, _path, _message),) = load_problems('{\n  "cycles": [,]\n}', "json")
        assert line == 2

    def test_json_duplicate_keys(self) -> None:
        """A key written twice in a JSON object is an error."""
        ((_line, _path, message),) = load_problems('{"cycles": [], "cycles": []}', "json")
        assert "appears twice" in message


class TestFiles:
    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """A suffix okrkit does not know raises FormatError naming the known ones."""
        with pytest.raises(FormatError, match=r"\.yaml, \.yml, \.toml, \.json"):
            okrkit.load(tmp_path / "okrs.xlsx")

    def test_unknown_format_name(self) -> None:
        """loads() with an unknown format name raises FormatError."""
        with pytest.raises(FormatError, match="use one of yaml, toml, json"):
            okrkit.loads("", "xml")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file raises LoadError naming it."""
        missing = tmp_path / "missing.yaml"
        with pytest.raises(LoadError, match="no such file") as excinfo:
            okrkit.load(missing)
        assert excinfo.value.file == str(missing)

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A file in another encoding says to save it as UTF-8."""
        file = tmp_path / "latin.yaml"
        file.write_bytes("title: Tăng".encode("utf-16"))
        with pytest.raises(LoadError, match="save it as UTF-8"):
            okrkit.load(file)

    def test_dump_is_atomic(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A failure while writing leaves the old file whole and no temporary file."""
        okrs = okrkit.loads(VALID_HEAD + "objectives: []\n", "yaml")
        target = tmp_path / "okrs.yaml"
        target.write_text("old content\n", encoding="utf-8")

        def fail(*_args: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr("okrkit.io.os.replace", fail)
        with pytest.raises(OSError, match="the disk is full"):
            okrkit.dump(okrs, target)
        assert target.read_text(encoding="utf-8") == "old content\n"
        assert [p.name for p in tmp_path.iterdir()] == ["okrs.yaml"]

    def test_dump_unknown_suffix_writes_nothing(self, tmp_path: Path) -> None:
        """Dumping to an unknown suffix fails before touching the disk."""
        okrs = okrkit.loads(VALID_HEAD + "objectives: []\n", "yaml")
        with pytest.raises(FormatError):
            okrkit.dump(okrs, tmp_path / "okrs.txt")
        assert list(tmp_path.iterdir()) == []


LONG = "1" * 5000  # more digits than Python's int() reads


class TestHostileValues:
    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            ("yaml", VALID_HEAD + f"objectives: []\nschema_version: {LONG}\n"),
            ("json", f'{{"cycles": [], "owners": [], "objectives": [], "x": {LONG}}}'),
            ("toml", f"cycles = []\nowners = []\nobjectives = []\nx = {LONG}\n"),
        ],
    )
    def test_overlong_integer_is_a_load_error(self, fmt: str, text: str) -> None:
        """An integer longer than Python reads is a problem with the file, not a ValueError."""
        assert load_problems(text, fmt)

    def test_overlong_yaml_number_is_reported_where_it_stands(self) -> None:
        """In YAML the number is refused at its line, naming the digits limit."""
        text = VALID_HEAD + (
            "objectives:\n"
            "  - {id: o1, title: T, owner: lan, cycle: 2026-Q1, level: team,\n"
            "     key_results: [{id: k1, title: K,\n"
            f"                     metric: {{kind: at_least, target: {LONG}}}}}]}}\n"
        )
        problems = load_problems(text)
        assert [line for line, _path, _message in problems] == [6]
        assert "past the limit digits=4300" in problems[0][2]

    @pytest.mark.parametrize("confidence", ["²", LONG])
    def test_odd_digits_as_confidence(self, confidence: str) -> None:
        """Digits int() cannot read are a confidence problem, not a ValueError."""
        text = VALID_HEAD + (
            "objectives:\n"
            "  - {id: o1, title: T, owner: lan, cycle: 2026-Q1, level: team,\n"
            "     key_results: [{id: k1, title: K, metric: {kind: milestone}}]}\n"
            "checkins:\n"
            f"  - {{key_result: k1, on: 2026-01-09, value: 1, confidence: '{confidence}'}}\n"
        )
        ((_line, path, message),) = load_problems(text)
        assert path == "checkins[0].confidence"
        assert message.startswith("'confidence' must be 1-5")
