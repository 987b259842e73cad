"""``lint: {ignore: [CODE]}``: an objective or key result opts out of a rule."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import jsonschema
import pytest

import okrkit
from builders import kr, objective
from okrkit.errors import LoadError, ValidationError
from okrkit.io import json_schema
from okrkit.lint import lint
from okrkit.store import SQLiteStore

FILE = """\
schema_version: 1
cycles:
  - {id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}
owners:
  - {id: acme, name: Acme, kind: company}
objectives:
  - id: o-thin
    title: Grow where customers are
    owner: acme
    cycle: 2026-Q1
    level: company
    LINT
    key_results:
      - id: kr-c
        title: Revenue from 1 to 2 billion
        metric: {kind: increase, start: 1, target: 2}
"""


def load_with(tmp_path: Path, lint_line: str, name: str = "okrs.yaml") -> okrkit.OKRSet:
    """Load FILE with ``lint_line`` in place of the objective's LINT line."""
    path = tmp_path / name
    path.write_text(FILE.replace("LINT", lint_line), encoding="utf-8")
    return okrkit.load(path)


class TestEndToEnd:
    def test_file_opt_out_silences_the_code(self, tmp_path: Path):
        """The objective that ignores OKR101 draws no OKR101; without it, it does."""
        assert [d.code for d in lint(load_with(tmp_path, "tags: [x]"), rules=["OKR101"])] == [
            "OKR101"
        ]
        quiet = load_with(tmp_path, "lint: {ignore: [OKR101]}")
        assert quiet.objectives[0].lint_ignore == ("OKR101",)
        assert lint(quiet, rules=["OKR101"]) == []

    def test_other_codes_still_apply(self, tmp_path: Path):
        """Ignoring one code leaves the others: OKR102 ignored, OKR101 still found."""
        okrs = load_with(tmp_path, "lint: {ignore: [OKR102]}")
        assert [d.code for d in lint(okrs, rules=["OKR101"])] == ["OKR101"]

    def test_key_result_opt_out(self):
        """A key result's own opt-out covers findings on that key result only."""
        from okrkit.lint import Finding, Rule

        class EveryKeyResult(Rule):
            code = "TEST901"
            name = "every-key-result"
            description = "test"

            def check(self, context):
                for item in context.okrs.key_results:
                    yield Finding(entity_id=item.id, message="m")

        quiet = attrs.evolve(kr("k1"), lint_ignore=("TEST901",))
        okrs = okrkit.OKRSet(
            cycles=[okrkit.Cycle.quarter(2026, 1)],
            owners=[okrkit.Owner(id="team", name="A", kind="team")],
            objectives=[objective("o1", quiet, kr("k2"))],
        )
        assert [d.entity_id for d in lint(okrs, rules=[EveryKeyResult()])] == ["k2"]


class TestModel:
    def test_one_code_becomes_a_tuple(self):
        """lint_ignore takes one code or several, kept as a tuple."""
        assert attrs.evolve(kr("k1"), lint_ignore="OKR201").lint_ignore == ("OKR201",)
        assert objective("o1").lint_ignore == ()

    def test_empty_code_is_refused(self):
        """An empty code is a validation error naming the field."""
        with pytest.raises(ValidationError, match="lint_ignore"):
            attrs.evolve(objective("o1"), lint_ignore=["OKR101", " "])


class TestFile:
    @pytest.mark.parametrize("suffix", ["yaml", "json", "toml"])
    def test_round_trip(self, tmp_path: Path, suffix: str):
        """Dump then load keeps the opt-outs of objectives and key results."""
        okrs = load_with(tmp_path, "lint: {ignore: [OKR101, OKR501]}")
        first = okrs.objectives[0]
        changed = attrs.evolve(
            first,
            key_results=[attrs.evolve(first.key_results[0], lint_ignore=("OKR201",))],
        )
        okrs = attrs.evolve(okrs, objectives=[changed])
        path = tmp_path / f"again.{suffix}"
        okrkit.dump(okrs, path)
        assert "lint_ignore" not in path.read_text(encoding="utf-8")
        back = okrkit.load(path)
        assert back == okrs
        assert back.objectives[0].key_results[0].lint_ignore == ("OKR201",)

    def test_written_under_lint(self):
        """A file writes the codes as lint: {ignore: [...]}, and nothing when there are none."""
        okrs = okrkit.loads(FILE.replace("LINT", "lint: {ignore: [OKR101]}"), "yaml")
        data = json.loads(okrkit.dumps(okrs, "json"))
        assert data["objectives"][0]["lint"] == {"ignore": ["OKR101"]}
        assert "lint" not in data["objectives"][0]["key_results"][0]

    @pytest.mark.parametrize(
        ("line", "path"),
        [
            ("lint: OKR101", "objectives[0].lint"),
            ("lint: {skip: [OKR101]}", "objectives[0].lint.skip"),
            ("lint: {ignore: 3}", "objectives[0].lint.ignore"),
            ("lint: {ignore: ['']}", "objectives[0].lint.ignore[0]"),
            ("lint_ignore: [OKR101]", "objectives[0].lint_ignore"),
        ],
    )
    def test_wrong_shapes_are_refused(self, tmp_path: Path, line: str, path: str):
        """A lint key of the wrong shape is a load error with its path and line."""
        with pytest.raises(LoadError) as caught:
            load_with(tmp_path, line)
        (problem,) = caught.value.problems
        assert problem.path == path
        assert problem.line == 12

    def test_one_code_as_text(self, tmp_path: Path):
        """The key ignore may name one code without a list."""
        assert load_with(tmp_path, "lint: {ignore: OKR101}").objectives[0].lint_ignore == (
            "OKR101",
        )

    def test_json_schema_knows_lint(self, tmp_path: Path):
        """The JSON Schema accepts lint: {ignore: [...]} and refuses other keys in it."""
        schema = json_schema()
        good = json.loads(okrkit.dumps(load_with(tmp_path, "lint: {ignore: [OKR101]}"), "json"))
        jsonschema.validate(good, schema)
        good["objectives"][0]["lint"] = {"skip": ["OKR101"]}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(good, schema)

    def test_fast_and_converter_paths_agree(self, tmp_path: Path):
        """An entry the fast loader leaves to the converter reads the same opt-outs."""
        fast = load_with(tmp_path, "lint: {ignore: [OKR101]}")
        slow = load_with(
            tmp_path, "lint: {ignore: [OKR101]}\n    final_grade: {value: 0.5, reason: done}"
        )
        assert slow.objectives[0].lint_ignore == fast.objectives[0].lint_ignore


class TestStore:
    def test_store_round_trip(self, tmp_path: Path):
        """A store keeps the opt-outs, and a change to them is in the history."""
        okrs = load_with(tmp_path, "lint: {ignore: [OKR101]}")
        with SQLiteStore(tmp_path / "okrs.db") as store:
            store.save(okrs)
            assert store.load() == okrs
            assert lint(store.load(), rules=["OKR101"]) == []
            plain = attrs.evolve(okrs.objectives[0], lint_ignore=())
            (change,) = store.save(attrs.evolve(okrs, objectives=[plain]))
            assert (change.field, change.old, change.new) == ("lint", {"ignore": ["OKR101"]}, None)
            assert [d.code for d in lint(store.load(), rules=["OKR101"])] == ["OKR101"]
