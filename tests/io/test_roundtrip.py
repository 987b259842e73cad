"""Round trips: any valid OKR set survives writing and reading in every format."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import Phase, find, given, settings

import okrkit
from okrkit import Cycle, OKRSet
from okrkit.errors import UsageError
from okrkit.io import json_schema, to_data
from okrkit.testing import okr_sets

FORMATS = ["yaml", "toml", "json"]
SUFFIXES = [".yaml", ".yml", ".toml", ".json"]
# find() stops at the first match: max_examples is a budget of tries, not a count to run.
SEARCH = settings(database=None, phases=[Phase.generate], max_examples=1_000)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator for okrkit's schema that checks date formats too."""
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the files of the round trips.

    Module-scoped: hypothesis refuses function-scoped fixtures such as ``tmp_path`` in
    ``@given`` tests, since they are not reset between examples.
    """
    return tmp_path_factory.mktemp("roundtrip")


class TestText:
    @pytest.mark.parametrize("fmt", FORMATS)
    @given(okrs=okr_sets())
    def test_loads_dumps_gives_an_equal_set(self, fmt: str, okrs: OKRSet) -> None:
        """Reading the text written for a set gives it back; writing that gives the same text."""
        text = okrkit.dumps(okrs, fmt)
        back = okrkit.loads(text, fmt)
        assert back == okrs
        assert okrkit.dumps(back, fmt) == text

    @given(okrs=okr_sets(max_objectives=8, max_key_results=5, max_checkins=12))
    def test_larger_sets(self, okrs: OKRSet) -> None:
        """Bigger sets, with more links between them, survive every format."""
        for fmt in FORMATS:
            assert okrkit.loads(okrkit.dumps(okrs, fmt), fmt) == okrs

    @pytest.mark.parametrize("line_break", ["\x85", "\u2028", "\u2029", "\n\x85"])
    def test_unicode_line_breaks_in_yaml(self, line_break: str) -> None:
        """Names holding Unicode line breaks survive YAML (U+0085 once became a space)."""
        okrs = OKRSet(
            cycles=[Cycle(id="c", name=f"a{line_break}b", start="2026-01-01", end="2026-01-31")],
            owners=[],
            objectives=[],
        )
        assert okrkit.loads(okrkit.dumps(okrs, "yaml"), "yaml") == okrs


class TestFile:
    @pytest.mark.parametrize("suffix", SUFFIXES)
    @given(okrs=okr_sets())
    def test_load_dump_gives_an_equal_set(self, folder: Path, suffix: str, okrs: OKRSet) -> None:
        """Loading the file written for an OKR set gives back an equal set."""
        path = folder / f"okrs{suffix}"
        okrkit.dump(okrs, path)
        assert okrkit.load(path) == okrs

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_file_holds_the_dumps_text(self, tmp_path: Path, fmt: str) -> None:
        """The file dump writes holds exactly what dumps returns, as UTF-8."""
        okrs = find(okr_sets(), lambda s: len(list(s.key_results)) >= 3, settings=SEARCH)
        path = tmp_path / f"okrs.{fmt}"
        okrkit.dump(okrs, path)
        assert path.read_text(encoding="utf-8") == okrkit.dumps(okrs, fmt)


class TestNotAnOKRSet:
    @pytest.mark.parametrize("value", [None, "okrs.yaml", {"objectives": []}])
    def test_dumps_dump_and_to_data_refuse_it(self, tmp_path: Path, value: object) -> None:
        """Writing something that is not an OKR set raises UsageError saying what to pass."""
        path = tmp_path / "okrs.yaml"
        calls = {
            "dumps": lambda: okrkit.dumps(value, "yaml"),  # type: ignore[arg-type]
            "dump": lambda: okrkit.dump(value, path),  # type: ignore[arg-type]
            "to_data": lambda: to_data(value),  # type: ignore[arg-type]
        }
        for name, call in calls.items():
            with pytest.raises(UsageError, match=rf"{name}\(\) takes an OKR set") as excinfo:
                call()
            assert "okrkit.load(path)" in str(excinfo.value)
        assert not path.exists()

    def test_an_okr_set_is_still_written(self, tmp_path: Path) -> None:
        """An OKR set is written by dumps and dump as before."""
        okrs = OKRSet(cycles=[Cycle.year(2026)], owners=[], objectives=[])
        okrkit.dump(okrs, tmp_path / "okrs.yaml")
        assert okrkit.load(tmp_path / "okrs.yaml") == okrs
        assert okrkit.loads(okrkit.dumps(okrs, "yaml"), "yaml") == okrs


class TestJsonSchema:
    @given(okrs=okr_sets())
    def test_data_validates(
        self, validator: jsonschema.Draft202012Validator, okrs: OKRSet
    ) -> None:
        """The data of any valid set, and the JSON written for it, fit the schema."""
        validator.validate(to_data(okrs, dates_as_text=True))
        validator.validate(json.loads(okrkit.dumps(okrs, "json")))


class TestWritersRefuseOtherThings:
    def test_to_node_link_takes_a_graph(self) -> None:
        """``to_node_link(okrs)`` says to pass ``okrs.graph``."""
        from okrkit.errors import UsageError
        from okrkit.io import to_node_link

        okrs = okrkit.load(Path(__file__).parents[2] / "examples" / "acme.en.yaml")
        with pytest.raises(UsageError, match=r"okrs\.graph"):
            to_node_link(okrs)  # type: ignore[arg-type]
        assert to_node_link(okrs.graph)["nodes"]

    def test_to_parquet_takes_an_okrset(self, tmp_path: Path) -> None:
        """``to_parquet(None, folder)`` is okrkit's error, and writes nothing."""
        pytest.importorskip("pyarrow")
        from okrkit.errors import UsageError
        from okrkit.io import to_parquet

        with pytest.raises(UsageError, match="takes an OKR set"):
            to_parquet(None, tmp_path / "out")  # type: ignore[arg-type]
        assert not (tmp_path / "out").exists()
