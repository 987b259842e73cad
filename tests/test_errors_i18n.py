"""Errors in people's words: a stable code, words put into a language when shown.

A problem is worded in the locale active when it is shown, not when it was raised;
syntax errors are okrkit's own words with the line and column; values are named as
people name them; numbers and dates follow the locale; every problem okrkit builds has
a code from the documented list.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import pickle
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit
from fuzz.documents import mutated_examples, schema_documents
from okrkit.cli import main
from okrkit.errors import (
    GENERIC_CODE,
    PROBLEM_CODES,
    LoadError,
    Message,
    OKRError,
    Problem,
    Shown,
    UsageError,
    ValidationError,
    kind_of,
)
from okrkit.i18n import N_, use_locale

ROOT = Path(__file__).resolve().parent.parent
TEN_MISTAKES = ROOT / "tests" / "io" / "data" / "ten-mistakes.yaml"

HEAD = """\
cycles: [{id: q1, name: Q1, start: 2026-01-01, end: 2026-03-31}]
owners: [{id: lan, name: Lan}]
"""

# A file with a decimal in a message and an owner that is not there.
BAD_FILE = HEAD + (
    "objectives:\n"
    "  - id: o1\n"
    "    title: Grow\n"
    "    owner: lann\n"
    "    cycle: q1\n"
    "    level: team\n"
    "    key_results:\n"
    "      - {id: k1, title: K, metric: {kind: increase, start: 10, target: 5.5}}\n"
)

# Broken files: (format, text, line, column) of the first mistake.
BROKEN = {
    "yaml-flow-mapping": ("yaml", "a: {b: 1 c: 2}\n", 1, 11),
    "yaml-flow-list": ("yaml", "a: [1, 2\nb: 3\n", 2, 2),
    "yaml-unclosed-quote": ("yaml", 'a: "hello\nb: 2\n', 1, 4),
    "yaml-tab": ("yaml", "a:\n\tb: 1\n", 2, 1),
    "yaml-colon": ("yaml", "a: b: c\n", 1, 5),
    "yaml-indentation": ("yaml", "a:\n  b: 1\n c: 2\n", 3, 2),
    "yaml-bad-start": ("yaml", "a: @x\n", 1, 4),
    "yaml-escape": ("yaml", 'a: "\\q"\n', 1, 5),
    "yaml-control-character": ("yaml", "a: \x01\n", 1, 4),
    "yaml-deep": ("yaml", "[" * 2000, 1, 1001),
    "json-comma": ("json", '{"a": 1 "b": 2}', 1, 9),
    "json-unclosed-list": ("json", "[1, 2", 1, 6),
    "json-trailing-comma": ("json", '{"a": 1,}', 1, 9),
    "json-single-quotes": ("json", "{'a': 1}", 1, 2),
    "json-colon": ("json", '{"a" 1}', 1, 6),
    "json-unclosed-string": ("json", '{"a": "x', 1, 7),
    "json-extra": ("json", '{"a": 1} x', 1, 10),
    "json-empty": ("json", "", 1, 1),
    "toml-unclosed-string": ("toml", 'a = "x', 1, 7),
    "toml-no-equals": ("toml", "a b = 1", 1, 3),
    "toml-two-on-a-line": ("toml", "a = 1 b = 2", 1, 7),
    "toml-twice": ("toml", "[t]\n[t]", 2, 3),
    "toml-unclosed-array": ("toml", "a = [1 2]", 1, 8),
}

# Words of PyYAML's, json's and tomllib's own messages, and Python's names for types.
LIBRARY_WORDS = re.compile(
    r"while parsing|while scanning|expected|found character|mapping|flow|"
    r"Expecting|delimiter|Unterminated|Invalid|Unclosed|statement|document start",
    re.IGNORECASE,
)
TYPE_NAMES = re.compile(r"\b(list|dict|str|int|float|bool|NoneType|None|tuple)\b")
CLASS_NAMES = re.compile(r"\b(dict|str|NoneType|tuple|KeyResult|Objective|CheckIn|Metric)\b")


def load_error(text: str, fmt: str = "yaml") -> LoadError:
    """The LoadError of loading ``text``."""
    with pytest.raises(LoadError) as caught:
        okrkit.loads(text, fmt, source="bad." + fmt)
    return caught.value


class TestShownInTheLocaleOfItsReader:
    def test_a_problem_raised_in_vi_reads_in_en_and_back(self) -> None:
        """A problem made under one locale is worded in the one active when it is shown."""
        with use_locale("vi"):
            problem = Problem(
                "value.range",
                N_("'{field}' must be greater than 0 (got {value:g})"),
                {"field": "weight", "value": -0.5},
            )
        assert problem.message == "'weight' must be greater than 0 (got -0.5)"
        with use_locale("vi"):
            assert problem.message == "'weight' phải lớn hơn 0 (nhận được -0,5)"
            assert problem.render(locale="en") == str(problem).replace(
                "phải lớn hơn 0 (nhận được -0,5)", "must be greater than 0 (got -0.5)"
            )
        assert problem.render(locale="vi").endswith("(nhận được -0,5)")

    def test_a_load_error_raised_in_en_reads_in_vi(self) -> None:
        """okrkit.load's error, caught in English, reads in Vietnamese when shown there."""
        error = load_error(BAD_FILE)
        english = str(error)
        assert "unknown owner 'lann'; did you mean 'lan'?" in english
        with use_locale("vi"):
            vietnamese = str(error)
        assert "không tìm thấy người phụ trách 'lann'" in vietnamese
        assert "target=5,5" in vietnamese
        assert "target=5.5" in english
        assert error.render(locale="vi") == vietnamese
        assert error.render(locale="en") == english

    def test_a_load_error_raised_in_vi_reads_in_en(self) -> None:
        """Raised under Vietnamese, the same error reads in English outside it."""
        with use_locale("vi"):
            error = load_error(BAD_FILE)
        assert str(error).startswith("2 problems found:")
        assert "did you mean 'lan'?" in str(error)

    def test_an_error_made_with_a_message_reads_in_each_locale(self) -> None:
        """Any okrkit error made with a Message words it when shown."""
        error = UsageError(Message(N_("{count} problems found:"), count=1500))
        assert str(error) == "1,500 problems found:"
        assert error.render(locale="vi") == "Phát hiện 1.500 lỗi:"

    @pytest.mark.parametrize(("first", "second"), [("vi", "en"), ("en", "vi")])
    def test_the_command_line_words_errors_in_its_locale(
        self, tmp_path: Path, first: str, second: str
    ) -> None:
        """`okrkit score bad.yaml --locale vi` and `--locale en` word the same file's errors."""
        bad = tmp_path / "bad.yaml"
        bad.write_text(BAD_FILE, encoding="utf-8")
        runner = CliRunner()
        said = {
            locale: runner.invoke(main, ["score", str(bad), "--locale", locale])
            for locale in (first, second)
        }
        assert all(result.exit_code != 0 for result in said.values())
        assert "did you mean 'lan'?" in said["en"].stderr
        assert "có phải ý bạn là 'lan'?" in said["vi"].stderr
        assert "5,5" in said["vi"].stderr
        assert "5.5" not in said["vi"].stderr


class TestProblemsAsValues:
    def test_pickled_and_copied_problems_are_equal(self) -> None:
        """A problem survives pickle, copy and deepcopy, equal and with the same hash."""
        problem = Problem(
            "id.unknown",
            N_("unknown {label} {id}; {hint}"),
            {"label": Message(N_("owner")), "id": Shown("lann"), "hint": "x"},
            entity_id="o1",
            path="objectives[0].owner",
            file="f.yaml",
            line=3,
        )
        for twin in (pickle.loads(pickle.dumps(problem)), copy.copy(problem)):
            assert twin == problem
            assert hash(twin) == hash(problem)
        assert copy.deepcopy(problem) == problem
        assert len({problem, copy.copy(problem)}) == 1

    def test_a_pickled_error_keeps_its_problems_and_its_words(self) -> None:
        """A ValidationError comes back from pickle whole, still worded when shown."""
        error = load_error(BAD_FILE)
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is LoadError
        assert back.problems == error.problems
        assert back.render(locale="vi") == error.render(locale="vi")

    def test_problems_with_other_words_or_places_differ(self) -> None:
        """Code, arguments and place all count in equality."""
        base = Problem("field.type", N_("'{field}' must be text (got {value})"), {"field": "a"})
        assert base != Problem("field.type", base.template, {"field": "b"})
        assert base != Problem("field.empty", base.template, {"field": "a"})
        assert base != base.located(path_prefix="x")

    def test_a_plain_message_still_makes_a_problem(self) -> None:
        """The old Problem(message=...) works, with the generic code, its text as given."""
        problem = Problem(message="'weight' must be greater than 0 (got 0)", entity_id="kr-1")
        assert problem.code == GENERIC_CODE
        assert str(problem) == "kr-1: 'weight' must be greater than 0 (got 0)"
        assert ValidationError("plain words").problems[0].code == GENERIC_CODE

    def test_a_code_must_be_dotted_words(self) -> None:
        """A sentence where the code goes is refused, saying how to pass the text."""
        with pytest.raises(UsageError, match="message="):
            Problem("'weight' must be greater than 0")

    def test_an_unknown_locale_is_refused_when_rendering(self) -> None:
        """render() with a locale babel does not know raises okrkit's LocaleError."""
        with pytest.raises(okrkit.LocaleError):
            Problem(message="x").render(locale="xx-nope")


class TestSyntaxInOkrkitsWords:
    @pytest.mark.parametrize("name", sorted(BROKEN))
    def test_no_parser_english_in_vietnamese(self, name: str) -> None:
        """Each broken file names its line and column, and no word of the parser's, in vi."""
        fmt, text, line, column = BROKEN[name]
        (problem,) = load_error(text, fmt).problems
        assert problem.code in {"file.syntax", "file.limit"}
        assert problem.line == line
        vietnamese = problem.render(locale="vi")
        assert f"dòng {line}, cột " + f"{column:,}".replace(",", ".") in vietnamese, vietnamese
        assert not LIBRARY_WORDS.search(vietnamese), vietnamese
        english = problem.render(locale="en")
        assert f"line {line}, column {column:,}" in english, english

    def test_an_unclosed_quote_says_so_where_it_opens(self) -> None:
        """The unclosed quote is found at its opening, not at the end of the file."""
        (problem,) = load_error('a: "hello\nb: 2\n').problems
        assert "a quoted text is not closed" in problem.message
        with use_locale("vi"):
            assert "dấu nháy chưa được đóng" in problem.message

    def test_what_was_found_is_quoted(self) -> None:
        """A flow mapping without its comma names the ',' or '}' wanted and what stood there."""
        (problem,) = load_error("a: {b: 1 c: 2}\n").problems
        assert problem.message == (
            "this is not valid YAML at line 1, column 11: a ',' or '}' was expected, found "
            "':'; check that the items inside { } are separated by commas and the } is there"
        )


class TestValuesAsPeopleNameThem:
    @pytest.mark.parametrize(
        ("value", "en", "vi"),
        [
            ([1], "a list", "một danh sách"),
            ({"a": 1}, "a mapping of fields", "một nhóm trường"),
            (2.5, "a number", "một số"),
            ("x", "a text", "một đoạn văn bản"),
            (None, "nothing (empty)", "nội dung trống"),
            (True, "a true or false value", "một giá trị đúng/sai"),
            (dt.date(2026, 1, 1), "a date", "một ngày"),
            (object(), "a value of another kind", "một giá trị thuộc loại khác"),
        ],
    )
    def test_kind_of(self, value: object, en: str, vi: str) -> None:
        """kind_of names a value's kind in each locale, never by its Python type."""
        assert kind_of(value).render(locale="en") == en
        assert kind_of(value).render(locale="vi") == vi

    @pytest.mark.parametrize(
        "text",
        [
            "- a\n- b\n",
            HEAD + "objectives: [o1]\n",
            HEAD + "objectives: {id: o1}\n",
            HEAD + "objectives:\n  - {id: o1, title: T, owner: lan, cycle: q1, level: team,\n"
            "     key_results: {id: k1}}\n",
            HEAD + "objectives:\n  - {id: o1, title: [T], owner: lan, cycle: q1, level: team,\n"
            "     key_results: [{id: k1, title: K, weight: [1], metric: {kind: milestone}}]}\n",
            HEAD + "objectives: []\ncheckins: 5\n",
            HEAD + "objectives: []\ncheckins: [[1, 2]]\n",
        ],
    )
    def test_no_python_type_name_in_vietnamese(self, text: str) -> None:
        """A value of the wrong kind is named as people name it, in vi and in en."""
        error = load_error(text)
        for problem in error.problems:
            vietnamese, english = problem.render(locale="vi"), problem.render(locale="en")
            assert not TYPE_NAMES.search(vietnamese), vietnamese
            assert "ánh xạ" not in vietnamese
            assert not CLASS_NAMES.search(english), english

    def test_ten_mistakes_read_in_vietnamese(self) -> None:
        """The ten-mistake file's problems name no Python type and no internal word in vi."""
        with pytest.raises(LoadError) as caught:
            okrkit.load(TEN_MISTAKES)
        vietnamese = caught.value.render(locale="vi")
        assert vietnamese.startswith("Phát hiện 10 lỗi:")
        assert not TYPE_NAMES.search(vietnamese.replace(str(TEN_MISTAKES), ""))


class TestNumbersAndDatesByLocale:
    def test_decimal_comma_and_thousands_in_vietnamese(self) -> None:
        """Numbers in a message: 0,5 and 20.000 in vi, 0.5 and 20,000 in en."""
        message = Message(
            N_(
                "'{field}' must be at most {most:g} (got {value:g}); weights only compare, "
                "so divide them all by the same number"
            ),
            field="weight",
            most=20_000,
            value=0.5,
        )
        assert "20.000" in message.render(locale="vi")
        assert "0,5" in message.render(locale="vi")
        assert "20,000" in message.render(locale="en")
        assert "0.5" in message.render(locale="en")

    def test_a_date_in_a_message_follows_the_locale(self) -> None:
        """A check-in twice on one day names the day as each locale writes it."""
        text = HEAD + (
            "objectives:\n  - {id: o1, title: T, owner: lan, cycle: q1, level: team,\n"
            "     key_results: [{id: k1, title: K, metric: {kind: milestone}}]}\n"
            "checkins:\n  k1: |\n    2026-03-27 0\n    2026-03-27 1\n"
        )
        (problem,) = load_error(text).problems
        assert "on Mar 27, 2026" in problem.render(locale="en")
        assert "27/3/2026" in problem.render(locale="vi")

    def test_a_quoted_number_follows_the_locale(self) -> None:
        """A value quoted with Shown is a number as the locale writes it, text in quotes."""
        assert Message(N_("got {value}"), value=Shown(1234.5)).render(locale="vi") == (
            "got 1.234,5"
        )
        assert Message(N_("got {value}"), value=Shown("1234.5")).render(locale="vi") == (
            "got '1234.5'"
        )


def _codes_in_source() -> dict[str, list[str]]:
    """Every literal code okrkit passes to Problem(...), with where."""
    found: dict[str, list[str]] = {}
    for path in (ROOT / "src" / "okrkit").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            literal = [
                arg.value
                for arg in node.args[:1] + [k.value for k in node.keywords if k.arg == "code"]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            if name == "Problem" and literal:
                found.setdefault(literal[0], []).append(f"{path.name}:{node.lineno}")
    return found


class TestCodes:
    def test_every_code_in_the_source_is_documented(self) -> None:
        """Each code okrkit writes at a Problem(...) is in PROBLEM_CODES and docs/errors.md."""
        found = _codes_in_source()
        assert found, "no Problem(...) with a code found"
        unknown = {code: where for code, where in found.items() if code not in PROBLEM_CODES}
        assert unknown == {}
        page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
        assert [code for code in PROBLEM_CODES if f"`{code}`" not in page] == []

    def test_ten_mistakes_have_documented_codes(self) -> None:
        """The ten-mistake file's problems each carry a code of the documented list."""
        with pytest.raises(LoadError) as caught:
            okrkit.load(TEN_MISTAKES)
        assert {p.code for p in caught.value.problems} <= PROBLEM_CODES.keys() - {GENERIC_CODE}
        assert caught.value.codes == tuple(p.code for p in caught.value.problems)

    @pytest.mark.parametrize("name", sorted(BROKEN))
    def test_broken_files_have_documented_codes(self, name: str) -> None:
        """Syntax errors carry the syntax code (or the limit code for nesting)."""
        fmt, text, _line, _column = BROKEN[name]
        assert load_error(text, fmt).codes[0] in {"file.syntax", "file.limit"}

    @settings(
        max_examples=max(1, settings().max_examples // 3),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data(), fmt=st.sampled_from(["yaml", "json", "toml"]))
    def test_bad_documents_have_documented_codes(self, data: st.DataObject, fmt: str) -> None:
        """Every problem okrkit finds in a hostile document has a documented, specific code."""
        strategy = st.one_of(mutated_examples(fmt), schema_documents(fmt))
        text = data.draw(strategy, label="text")
        try:
            okrkit.loads(text, fmt)
        except ValidationError as exc:
            problems = exc.problems
        except OKRError:
            return
        else:
            return
        for problem in problems:
            assert problem.code in PROBLEM_CODES, problem
            assert problem.code != GENERIC_CODE, problem
            assert problem.render(locale="vi")
            assert problem.render(locale="en")
