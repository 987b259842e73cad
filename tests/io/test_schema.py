"""The JSON Schema of the file format: in step with the model, and true of real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import yaml

import okrkit
from okrkit.io import json_schema, to_data
from okrkit.model import (
    CheckIn,
    Cycle,
    Dependency,
    Initiative,
    KeyResult,
    Metric,
    Objective,
    Owner,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def validator() -> jsonschema.Draft202012Validator:
    """A validator for okrkit's schema, itself checked against the meta-schema."""
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


class TestSchemaMatchesModel:
    @pytest.mark.parametrize(
        ("name", "cls"),
        [
            ("cycle", Cycle),
            ("owner", Owner),
            ("metric", Metric),
            ("key_result", KeyResult),
            ("objective", Objective),
            ("initiative", Initiative),
            ("checkin", CheckIn),
            ("dependency", Dependency),
        ],
    )
    def test_properties_are_the_fields(self, name: str, cls: type) -> None:
        """Each record's properties are exactly the class's fields (lint_ignore as lint)."""
        record = json_schema()["$defs"][name]
        keys = {"lint" if f.name == "lint_ignore" else f.name for f in attrs.fields(cls) if f.init}
        assert set(record["properties"]) == keys

    @pytest.mark.parametrize(
        ("name", "cls"),
        [("cycle", Cycle), ("owner", Owner), ("key_result", KeyResult), ("checkin", CheckIn)],
    )
    def test_required_are_the_fields_without_defaults(self, name: str, cls: type) -> None:
        """A property is required exactly when its field has no default."""
        record = json_schema()["$defs"][name]
        no_default = {f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING}
        assert set(record["required"]) == no_default


class TestSchemaAcceptsAndRefuses:
    @pytest.mark.parametrize("name", ["acme.yaml", "acme.en.yaml"])
    def test_examples_validate(self, name: str) -> None:
        """The shipped examples, as written by hand, satisfy the schema."""
        raw: Any = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
        data = okrkit.loads(okrkit.dumps(okrkit.load(EXAMPLES / name), "json"), "json")
        validator().validate(to_data(data))
        assert raw["objectives"]

    def test_refuses_unknown_keys_and_bad_enums(self) -> None:
        """Typos and unknown words are caught by the schema too."""
        data = {
            "cycles": [],
            "owners": [{"id": "lan", "name": "Lan", "kind": "boss"}],
            "objectives": [],
            "objetives": [],
        }
        errors = list(validator().iter_errors(data))
        assert len(errors) == 2

    def test_milestone_refuses_target(self) -> None:
        """The metric's conditional rules are in the schema."""
        metric = {"kind": "milestone", "target": 1}
        kr = {"id": "k", "title": "K", "metric": metric}
        objective = {
            "id": "o",
            "title": "O",
            "owner": "lan",
            "cycle": "c",
            "level": "team",
            "key_results": [kr],
        }
        data = {"cycles": [], "owners": [], "objectives": [objective]}
        assert not validator().is_valid(data)
        metric.pop("target")
        assert validator().is_valid(data)
