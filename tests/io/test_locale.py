"""The file's ``locale``: read, checked with file and line, written back, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import okrkit
from okrkit import Cycle, LoadError, OKRSet
from okrkit.io import json_schema, to_data

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
EMPTY = {"cycles": [], "owners": [], "objectives": []}


def problems_of(text: str, fmt: str) -> list[tuple[int | None, str | None, str]]:
    """(line, path, message) of each problem of loading ``text``."""
    with pytest.raises(LoadError) as excinfo:
        okrkit.loads(text, fmt, source=f"okrs.{fmt}")
    assert {p.file for p in excinfo.value.problems} == {f"okrs.{fmt}"}
    return [(p.line, p.path, p.message) for p in excinfo.value.problems]


class TestExamples:
    def test_examples_declare_their_language(self) -> None:
        """acme.yaml says it is Vietnamese, acme.en.yaml that it is English."""
        assert okrkit.load(EXAMPLES / "acme.yaml").locale == "vi"
        assert okrkit.load(EXAMPLES / "acme.en.yaml").locale == "en"


class TestRead:
    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            ("yaml", "locale: vi-VN\ncycles: []\nowners: []\nobjectives: []\n"),
            ("toml", 'locale = "vi-VN"\ncycles = []\nowners = []\nobjectives = []\n'),
            ("json", json.dumps({"locale": "vi-VN", **EMPTY})),
        ],
    )
    def test_every_format_reads_it(self, fmt: str, text: str) -> None:
        """Each format reads the locale, in babel's spelling."""
        assert okrkit.loads(text, fmt).locale == "vi_VN"

    def test_left_out_is_none(self) -> None:
        """A file without the key names no locale."""
        assert okrkit.loads(json.dumps(EMPTY), "json").locale is None

    def test_unknown_locale_names_file_and_line(self) -> None:
        """An unknown locale is a LoadError at its line, saying what is accepted."""
        text = "schema_version: 1\nlocale: klingon\ncycles: []\nowners: []\nobjectives: []\n"
        ((line, path, message),) = problems_of(text, "yaml")
        assert (line, path) == (2, "locale")
        assert "'klingon'" in message
        assert "such as vi, en or vi_VN" in message

    def test_not_text_in_json(self) -> None:
        """A locale that is not text is refused at its JSON line."""
        text = json.dumps({"locale": 5, **EMPTY}, indent=2)
        ((line, path, message),) = problems_of(text, "json")
        assert (line, path) == (2, "locale")
        assert "(got 5)" in message

    def test_reported_with_other_problems(self) -> None:
        """A bad locale does not hide the rest of a broken file, nor the other way round."""
        text = "locale: xx\ncycles: []\nowners: []\nobjectives: [{id: o}]\n"
        problems = problems_of(text, "yaml")
        assert problems[0][:2] == (1, "locale")
        assert len(problems) > 1
        assert all(path != "locale" for _line, path, _message in problems[1:])


class TestWrite:
    @pytest.mark.parametrize("fmt", ["yaml", "toml", "json"])
    def test_written_after_the_schema_version_and_read_back(self, fmt: str) -> None:
        """The locale is written right after schema_version, and read back."""
        okrs = OKRSet(cycles=[Cycle.year(2026)], owners=[], objectives=[], locale="vi")
        text = okrkit.dumps(okrs, fmt)
        assert okrkit.loads(text, fmt) == okrs
        assert list(to_data(okrs))[:2] == ["schema_version", "locale"]
        lines = [line for line in text.splitlines() if line.strip() not in "{"]
        assert "schema_version" in lines[0]
        assert "locale" in lines[1]
        assert "vi" in lines[1]

    def test_none_is_not_written(self) -> None:
        """A set without a locale writes no locale key."""
        okrs = OKRSet(cycles=[], owners=[], objectives=[])
        assert "locale" not in to_data(okrs)
        assert "locale" not in okrkit.dumps(okrs, "yaml")

    def test_example_round_trips(self, tmp_path: Path) -> None:
        """The Vietnamese example keeps its locale through dump and load."""
        okrs = okrkit.load(EXAMPLES / "acme.yaml")
        okrkit.dump(okrs, tmp_path / "acme.toml")
        assert okrkit.load(tmp_path / "acme.toml") == okrs


class TestSchema:
    def test_schema_describes_it(self) -> None:
        """The JSON Schema has an optional text locale, and refuses a number."""
        schema = json_schema()
        assert schema["properties"]["locale"]["type"] == "string"
        assert "locale" not in schema["required"]
        validator = jsonschema.Draft202012Validator(schema)
        assert validator.is_valid({"locale": "vi_VN", **EMPTY})
        assert not validator.is_valid({"locale": 5, **EMPTY})
        assert not validator.is_valid({"locale": "vi VN", **EMPTY})
