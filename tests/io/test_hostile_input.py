"""Hostile input: every bad file refused fast and clearly, past a documented limit."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import okrkit
from okrkit import Limits, LoadError
from okrkit.catalogue import read_templates
from okrkit.errors import FormatError, ParameterError, TemplateError

YAML_HEAD = """\
cycles: [{id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}]
owners: [{id: lan, name: Lan}]
"""
JSON_EMPTY = '{"cycles": [], "owners": [], "objectives": []}'
TOML_EMPTY = "cycles = []\nowners = []\nobjectives = []\n"


def refusal(text: str, fmt: str, limits: Limits | None = None) -> okrkit.Problem:
    """The one problem ``text`` is refused with."""
    with pytest.raises(LoadError) as excinfo:
        okrkit.loads(text, fmt, limits=limits)
    (problem,) = excinfo.value.problems
    return problem


def messages(text: str, fmt: str, limits: Limits | None = None) -> str:
    """The messages of every problem ``text`` is refused with, one a line."""
    with pytest.raises(LoadError) as excinfo:
        okrkit.loads(text, fmt, limits=limits)
    return "\n".join(problem.message for problem in excinfo.value.problems)


def owner_id(text: str) -> object:
    """The id of the one owner a YAML text defines."""
    return okrkit.loads(YAML_HEAD.replace("id: lan", f"id: {text}") + "objectives: []\n", "yaml")


class TestLimitsObject:
    def test_defaults(self) -> None:
        """The documented defaults; the benchmark's 216 MB file fits the size limit."""
        limits = Limits()
        assert (limits.size, limits.depth, limits.aliases, limits.digits, limits.key_parts) == (
            512 * 2**20,
            64,
            0,
            4_300,
            32,
        )
        assert limits.size > 216_299_315
        assert okrkit.Limits is okrkit.io.Limits

    @pytest.mark.parametrize(
        "change",
        [{"depth": 0}, {"size": -1}, {"aliases": -1}, {"digits": 1.5}, {"key_parts": "3"}],
    )
    def test_bad_values_refused(self, change: dict[str, object]) -> None:
        """A limit that is not a whole number in range is a ParameterError naming it."""
        with pytest.raises(ParameterError, match=repr(next(iter(change)))):
            Limits(**change)  # type: ignore[arg-type]

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_size(self, fmt: str) -> None:
        """Text longer than the size limit is refused, naming the limit and how to raise it."""
        text = {"yaml": YAML_HEAD + "objectives: []\n", "json": JSON_EMPTY, "toml": TOML_EMPTY}
        problem = refusal(text[fmt], fmt, Limits(size=20))
        assert "past the limit size=20" in problem.message
        assert "limits=okrkit.Limits(size=...)" in problem.message

    def test_size_of_a_file_checked_before_reading(self, tmp_path: Path) -> None:
        """A file past the size limit is refused by its size, naming the file."""
        path = tmp_path / "big.yaml"
        path.write_text(YAML_HEAD + "objectives: []\n" + "#" * 1000 + "\n", encoding="utf-8")
        with pytest.raises(LoadError) as excinfo:
            okrkit.load(path, limits=Limits(size=1000))
        (problem,) = excinfo.value.problems
        assert problem.file == str(path)
        assert "past the limit size=1000" in problem.message
        assert okrkit.load(path, limits=Limits(size=2000)).owners


class TestDepth:
    @pytest.mark.parametrize(
        ("fmt", "deep", "line"),
        [
            ("yaml", "cycles:\n  - " + "[" * 64 + "]" * 64 + "\n", 2),
            ("json", '{\n"cycles":\n' + "[" * 64 + "]" * 64 + "}", 3),
            ("toml", "cycles = " + "[" * 64 + "]" * 64 + "\n", None),
        ],
    )
    def test_one_level_too_deep(self, fmt: str, deep: str, line: int | None) -> None:
        """65 levels are refused with the depth limit, and the line where they are known."""
        problem = refusal(deep, fmt)
        assert "past the limit depth=64" in problem.message
        assert problem.line == line

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            ("yaml", "cycles: " + "[" * 63 + "]" * 63 + "\n"),
            ("json", '{"cycles": ' + "[" * 63 + "]" * 63 + "}"),
            ("toml", "cycles = " + "[" * 63 + "]" * 63 + "\n"),
        ],
    )
    def test_sixty_four_levels_are_read(self, fmt: str, text: str) -> None:
        """64 levels pass the depth limit: the problems are the model's."""
        assert "depth" not in messages(text, fmt)

    def test_depth_can_be_raised(self) -> None:
        """With a higher limit, deeper data is read (and then judged by the model)."""
        text = '{"cycles": ' + "[" * 99 + "]" * 99 + "}"
        assert "depth" in messages(text, "json")
        assert "depth" not in messages(text, "json", Limits(depth=100))

    def test_brackets_in_json_strings_do_not_count(self) -> None:
        """Brackets inside strings, escaped quotes and backslashes around them, are text."""
        title = '[[[[\\" \\\\' + "[" * 100 + '\\\\\\"{{{'
        owners = f'[{{"id": "lan", "name": "{title}"}}]'
        okrs = okrkit.loads(JSON_EMPTY.replace('"owners": []', f'"owners": {owners}'), "json")
        assert okrs.owner("lan").name == json.loads(f'"{title}"')


class TestAliases:
    BOMB = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"

    def test_anchor_refused_with_its_line(self) -> None:
        """By default an anchor is refused outright, at its line, naming the limit."""
        problem = refusal(YAML_HEAD + "objectives: &o []\n", "yaml")
        assert problem.line == 3
        assert "&o" in problem.message
        assert "past the limit aliases=0" in problem.message

    def test_alias_without_anchor_refused(self) -> None:
        """An alias alone is refused too, as an alias, not as a parser's error."""
        problem = refusal(YAML_HEAD + "objectives: *o\n", "yaml")
        assert (problem.line, "*o" in problem.message) == (3, True)

    def test_allowed_aliases_are_counted(self) -> None:
        """When allowed, aliases are read up to the limit and refused past it."""
        text = YAML_HEAD + "objectives: []\ninitiatives: []\nx: &x 1\ny: [*x, *x]\n"
        assert "aliases=1" in refusal(text, "yaml", Limits(aliases=1)).message
        assert "unknown key 'x'" in messages(text, "yaml", Limits(aliases=2))

    def test_catalogue_files_refuse_them_too(self, tmp_path: Path) -> None:
        """Template files go through the same reader and the same limits."""
        path = tmp_path / "templates.yaml"
        path.write_text("templates: &t []\n", encoding="utf-8")
        with pytest.raises(TemplateError, match="aliases=0"):
            read_templates(path)


class TestDigits:
    LONG = "9" * 4_301

    @pytest.mark.parametrize(
        ("fmt", "text", "line"),
        [
            ("yaml", YAML_HEAD + f"objectives: []\nschema_version: {LONG}\n", 4),
            ("yaml", YAML_HEAD + f"objectives: []\nschema_version: !!int {LONG}\n", 4),
            ("json", JSON_EMPTY.replace("{", f'{{\n"schema_version": {LONG},'), 2),
            ("toml", f"schema_version = {LONG}\n" + TOML_EMPTY, 1),
        ],
    )
    def test_longer_than_python_reads(self, fmt: str, text: str, line: int) -> None:
        """An integer of more than 4,300 digits is a located LoadError, never a ValueError."""
        problem = refusal(text, fmt)
        assert "past the limit digits=4300" in problem.message
        assert problem.line == line

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            ("yaml", YAML_HEAD + "objectives: []\nschema_version: 12345678901\n"),
            ("json", JSON_EMPTY.replace("{", '{"schema_version": 12345678901,')),
            ("toml", "schema_version = 12_345_678_901\n" + TOML_EMPTY),
        ],
    )
    def test_lower_limit(self, fmt: str, text: str) -> None:
        """A lower digits limit is kept by each format."""
        assert "past the limit digits=10" in refusal(text, fmt, Limits(digits=10)).message

    def test_quoted_digits_are_text(self) -> None:
        """Digits in quotes are text, whatever their number."""
        assert owner_id(f"'{self.LONG}'").owners[0].id == self.LONG  # type: ignore[attr-defined]


class TestTomlKeys:
    def test_dotted_key_refused_before_tomllib(self) -> None:
        """A key of more dotted parts than the limit is refused, with its line."""
        problem = refusal(TOML_EMPTY + "a" + ".b" * 32 + " = 1\n", "toml")
        assert problem.line == 4
        assert "past the limit key_parts=32" in problem.message

    def test_parts_up_to_the_limit_are_read(self) -> None:
        """A key of 32 parts is read (and is then an unknown key)."""
        text = TOML_EMPTY + 'a."b c".' + ".".join(["d"] * 30) + " = 1\n"
        assert "unknown key 'a'" in messages(text, "toml")


class TestYaml12Numbers:
    def test_no_sexagesimal(self) -> None:
        """1:30 stays the text '1:30' (YAML 1.1 read it as 90)."""
        assert owner_id("1:30").owners[0].id == "1:30"  # type: ignore[attr-defined]

    @pytest.mark.parametrize(
        ("plain", "value"),
        [
            ("017", 17),
            ("0o17", 15),
            ("0x1f", 31),
            ("1e6", 1e6),
            ("-2.5E-1", -0.25),
            ("1_000", 1000),
        ],
    )
    def test_numbers(self, plain: str, value: float) -> None:
        """Numbers as YAML 1.2's core schema reads them: no 0-prefix octal, 1e6 a number."""
        data, _lines = okrkit.io.FORMATS["yaml"].parse(f"a: {plain}\n", "x")
        assert data == {"a": value}
        assert type(data["a"]) is type(value)

    @pytest.mark.parametrize("text", ["1e6", "0o17", "017", "1:30", "1.5e3", ".5", "true", "~"])
    def test_text_that_looks_like_a_number_is_quoted(self, text: str) -> None:
        """Text that YAML 1.2 (or 1.1) would read as something else is written quoted."""
        okrs = owner_id("x")
        renamed = okrs.owners[0].__class__(id="lan", name=text)  # type: ignore[attr-defined]
        again = okrkit.loads(
            okrkit.dumps(
                okrkit.OKRSet(cycles=okrs.cycles, owners=[renamed], objectives=[]), "yaml"
            ),
            "yaml",
        )
        assert again.owners[0].name == text

    @pytest.mark.parametrize(
        ("tagged", "kind"),
        [
            ("!!int abc", "an integer"),
            ("!!int 1:30", "an integer"),
            ("!!bool abc", "true or false"),
            ("!!timestamp xyz", "a date"),
            ("!!timestamp 2026-02-30", "a date"),
            ("!!float abc", "a number"),
            ("!!null abc", "null"),
        ],
    )
    def test_tag_with_a_bad_value(self, tagged: str, kind: str) -> None:
        """A tagged value not of its tag is a LoadError at its line, never a stray error."""
        problem = refusal(YAML_HEAD + f"objectives: []\nschema_version: {tagged}\n", "yaml")
        assert problem.line == 4
        assert f"cannot be read as {kind}" in problem.message

    def test_good_tags(self) -> None:
        """Tagged values of their tag are read."""
        text = (
            "a: [!!int '7', !!float 1, !!bool true, !!timestamp 2026-01-09, !!null '', !!str 5]\n"
        )
        data, _lines = okrkit.io.FORMATS["yaml"].parse(text, "x")
        assert [str(value) for value in data["a"]] == [
            "7",
            "1.0",
            "True",
            "2026-01-09",
            "None",
            "5",
        ]


class TestText:
    @pytest.mark.parametrize(
        ("fmt", "text", "line"),
        [
            ("yaml", YAML_HEAD + "objectives: []\ninitiatives: ['\ud800']\n", 4),
            ("json", JSON_EMPTY.replace("[]}", '[],\n"x": "\ud800"}'), 2),
            ("json", JSON_EMPTY.replace("[]}", '[],\n"x": "a\\udc00"}'), 2),
            ("json", JSON_EMPTY.replace("[]}", '[],\n"x": "\\ud800a"}'), 2),
            ("toml", TOML_EMPTY + 'x = "\ud800"\n', 4),
        ],
    )
    def test_lone_surrogates(self, fmt: str, text: str, line: int) -> None:
        """A lone surrogate, written or escaped, is refused at its line."""
        problem = refusal(text, fmt)
        assert "lone surrogate" in problem.message
        assert problem.line == line

    def test_surrogate_pairs_are_characters(self) -> None:
        """An escaped pair is one character, and an escaped backslash before u is text."""
        text = JSON_EMPTY.replace(
            '"owners": []', '"owners": [{"id": "a", "name": "\\ud83d\\ude00 \\\\ud800"}]'
        )
        assert okrkit.loads(text, "json").owner("a").name == "\U0001f600 \\ud800"

    @pytest.mark.parametrize("suffix", [".yaml", ".json", ".toml"])
    def test_not_utf8(self, tmp_path: Path, suffix: str) -> None:
        """A file that is not UTF-8 is refused at the line of its first bad byte."""
        path = tmp_path / f"okrs{suffix}"
        path.write_bytes(b"# one\n# two\n# caf\xe9\n")
        with pytest.raises(LoadError) as excinfo:
            okrkit.load(path)
        (problem,) = excinfo.value.problems
        assert (problem.file, problem.line) == (str(path), 3)
        assert "not UTF-8" in problem.message

    def test_catalogue_file_not_utf8(self, tmp_path: Path) -> None:
        """A template file that is not UTF-8 is a located TemplateError."""
        path = tmp_path / "templates.yaml"
        path.write_bytes(b"templates:\n  - id: caf\xe9\n")
        with pytest.raises(TemplateError) as excinfo:
            read_templates(path)
        (problem,) = excinfo.value.problems
        assert (problem.file, problem.line) == (str(path), 2)

    def test_nul_in_path(self, tmp_path: Path) -> None:
        """A path holding NUL is a LoadError naming it (a FormatError for a bad suffix)."""
        with pytest.raises(LoadError, match="NUL") as excinfo:
            okrkit.load(f"{tmp_path}/a\0b.yaml")
        assert excinfo.value.problems[0].file == f"{tmp_path}/a\\0b.yaml"
        with pytest.raises(FormatError):
            okrkit.load(f"{tmp_path}/a\0b.txt")
        with pytest.raises(TemplateError, match="NUL"):
            read_templates(f"{tmp_path}/a\0b.yaml")

    @pytest.mark.parametrize("name", ["missing.yaml", "folder.yaml", "missing/okrs.json"])
    def test_unreadable_paths(self, tmp_path: Path, name: str) -> None:
        """A missing file or folder, or a folder, is one LoadError naming the path."""
        (tmp_path / "folder.yaml").mkdir()
        with pytest.raises(LoadError) as excinfo:
            okrkit.load(tmp_path / name)
        (problem,) = excinfo.value.problems
        assert problem.file == str(tmp_path / name)


# -- the payloads of the issue, each in a child process: under 1 s and 200 MB --------------

_CHILD = """
import resource, sys, time
import okrkit
from okrkit.io._lines import YamlLines
text = {text}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    okrkit.loads(text, {fmt!r}, limits=okrkit.Limits(aliases={aliases}))
except okrkit.LoadError as exc:
    message = str(exc)
else:
    message = "loaded"
if {fmt!r} != "toml":
    YamlLines(text).find([("a9", 0), ("cycles", 0)])
seconds = time.perf_counter() - start
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(f"{{seconds}} {{grown}}")
print(message[:300])
"""

PAYLOADS = {
    "alias-bomb": (
        "yaml",
        "'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\\n' + ''.join("
        "f'a{i}: &a{i} [' + ', '.join([f'*a{i - 1}'] * 9) + ']\\n' for i in range(1, 10))",
        0,
    ),
    "alias-bomb-allowed": (
        "yaml",
        "'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\\n' + ''.join("
        "f'a{i}: &a{i} [' + ', '.join([f'*a{i - 1}'] * 9) + ']\\n' for i in range(1, 10))",
        10_000,
    ),
    "deep-yaml-flow": ("yaml", "'cycles: ' + '[' * 10_000 + ']' * 10_000", 0),
    "deep-yaml-block": ("yaml", "''.join(f'{\" \" * d}- \\n' for d in range(10_000))", 0),
    "deep-json": ("json", "'{\"cycles\": ' + '[' * 10_000 + ']' * 10_000 + '}'", 0),
    "deep-toml": ("toml", "'cycles = ' + '[' * 10_000 + ']' * 10_000", 0),
    "toml-key": ("toml", "'a' + '.a' * 100_000 + ' = 1'", 0),
}


class TestPayloads:
    @pytest.mark.parametrize("name", list(PAYLOADS))
    def test_refused_fast_and_small(self, name: str) -> None:
        """Each payload is refused with a LoadError in under 1 s and 200 MB, in a child."""
        fmt, text, aliases = PAYLOADS[name]
        code = textwrap.dedent(_CHILD).format(text=text, fmt=fmt, aliases=aliases)
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
        )
        assert run.returncode == 0, run.stderr[-2000:]
        numbers, message = run.stdout.split("\n", 1)
        seconds, grown_kib = numbers.split()
        assert message != "loaded\n"
        # libyaml refuses flow collections past 1,000 levels itself, as fast.
        reasons = ("past the limit", "aliases here would expand", "nested too deeply")
        assert any(reason in message for reason in reasons), message
        assert float(seconds) < 1.0
        assert int(grown_kib) < 200 * 1024


class TestWriting:
    def test_dump_writes_no_aliases(self) -> None:
        """A value shared by two fields is written out twice, never as an anchor and alias."""
        okrs = owner_id("lan")
        day = okrs.cycles[0].start  # type: ignore[attr-defined]
        cycle = okrs.cycles[0].__class__(id="q", name="Q", start=day, end=day)  # type: ignore[attr-defined]
        text = okrkit.dumps(
            okrkit.OKRSet(cycles=[cycle], owners=okrs.owners, objectives=[]), "yaml"
        )  # type: ignore[attr-defined]
        assert "&" not in text
        assert "*" not in text
        assert okrkit.loads(text, "yaml").cycles[0].end == day


def test_a_listed_check_in_with_an_int_past_a_floats_range() -> None:
    """A list-form check-in value of 400 digits is a located problem, not an OverflowError."""
    text = okrkit.dumps(okrkit.load("examples/acme.en.yaml"), "json")
    data = json.loads(text)
    data["checkins"] = [{"key_result": "kr-co-mrr", "on": "2026-01-09", "value": 10**400}]
    with pytest.raises(okrkit.LoadError, match="checkins"):
        okrkit.loads(json.dumps(data), "json")
