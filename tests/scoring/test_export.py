"""Scorecard.to_dict / to_json: stable codes beside labels, and a published JSON Schema.

``docs/schema/scorecard.schema.json`` is ``scorecard_schema()`` in English; after changing
the schema, write the file again with ``OKRKIT_REGEN_GOLDEN=1 pytest
tests/scoring/test_export.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from okrkit import Metric, OKRSet, Status
from okrkit.i18n import gettext, use_locale
from okrkit.scoring import (
    BAND_CODES,
    ZONE_CODES,
    Linear,
    Scorecard,
    band_code,
    band_of,
    register,
    scorecard_schema,
    strategy_name,
)
from okrkit.testing import okr_sets

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "acme.yaml"
SCHEMA_FILE = ROOT / "docs" / "schema" / "scorecard.schema.json"
AS_OF = dt.date(2026, 3, 20)
STRATEGIES = ["linear", "grade", "zones", "stepped"]


@pytest.fixture(scope="module")
def example() -> OKRSet:
    """The Vietnamese example."""
    return okrkit.load(EXAMPLE)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator for the scorecard schema, itself checked against the meta-schema."""
    schema = scorecard_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def without_labels(data: Any) -> Any:
    """``data`` with every ``*_label`` key left out, at any depth."""
    if isinstance(data, dict):
        return {k: without_labels(v) for k, v in data.items() if not k.endswith("_label")}
    if isinstance(data, list):
        return [without_labels(item) for item in data]
    return data


def labels(data: Any) -> list[Any]:
    """Every ``*_label`` value of ``data``, in order."""
    if isinstance(data, dict):
        found = [v for k, v in data.items() if k.endswith("_label")]
        return found + [x for k, v in data.items() if not k.endswith("_label") for x in labels(v)]
    if isinstance(data, list):
        return [x for item in data for x in labels(item)]
    return []


class TestCodesAndLabels:
    @pytest.mark.parametrize("strategy", STRATEGIES)
    def test_only_labels_change_with_the_locale(self, example: OKRSet, strategy: str) -> None:
        """to_dict() in vi and in en differ in the *_label keys only, and there they do."""
        card = example.score(as_of=AS_OF, strategy=strategy)
        with use_locale("vi"):
            vi = card.to_dict()
        with use_locale("en"):
            en = card.to_dict()
        assert without_labels(vi) == without_labels(en)
        assert labels(vi) != labels(en)
        assert vi.keys() == en.keys()

    def test_labels_are_the_words_of_the_codes(self, example: OKRSet) -> None:
        """Each label is the translated word of its code, in the active locale."""
        card = example.score(as_of=AS_OF, strategy="zones")
        with use_locale("vi"):
            for entry in card.to_dict()["key_results"]:
                assert entry["status_label"] == Status(entry["status"]).label
                assert entry["kind_label"] == gettext("key result")
                assert entry["band"] in BAND_CODES
                assert entry["zone"] in ZONE_CODES
                assert entry["zone_label"] == gettext(entry["zone"])

    def test_values_are_the_scorecards(self, example: OKRSet) -> None:
        """Every entry carries the scorecard's own numbers and its objective's id."""
        card = example.score(as_of=AS_OF)
        data = card.to_dict()
        assert data["as_of"] == "2026-03-20"
        assert data["strategy"] == "linear"
        assert [e["id"] for e in data["objectives"]] == [o.id for o in example.objectives]
        assert [e["id"] for e in data["key_results"]] == [kr.id for kr in example.key_results]
        for entry in data["objectives"] + data["key_results"]:
            score = card[entry["id"]]
            assert entry["value"] == score.value
            assert entry["expected"] == score.expected
            assert entry["status"] == score.status.value
        for entry in data["key_results"]:
            assert entry["objective"] == example.objective_of(entry["id"]).id
            forecast = card.forecast(entry["id"])
            if forecast is None:
                assert entry["forecast"] is None
            else:
                assert entry["forecast"]["on"] == forecast.on.isoformat()
                assert entry["forecast"]["score"] == forecast.score

    def test_json_is_the_dict(self, example: OKRSet) -> None:
        """to_json() is to_dict() as JSON, text unescaped, indented when asked."""
        card = example.score(as_of=AS_OF)
        with use_locale("vi"):
            text = card.to_json(indent=2)
            assert json.loads(text) == card.to_dict()
        assert example.objectives[0].title in text
        assert "\n  " in text
        assert "\n" not in card.to_json()


class TestBandCode:
    @given(grade=st.floats(0, 1))
    def test_matches_band_of(self, grade: float) -> None:
        """band_code() is the code of band_of()'s word, for every grade."""
        with use_locale("en"):
            assert band_code(grade) == band_of(grade).replace(" ", "_")

    def test_the_bands(self) -> None:
        """0.0-0.3 off track, 0.4-0.6 progress, 0.7-1.0 delivered."""
        assert [band_code(g / 10) for g in range(11)] == (
            ["off_track"] * 4 + ["progress"] * 3 + ["delivered"] * 4
        )


@attrs.frozen
class Halves:
    """A strategy of the user's own: half of Linear's progress, with a zone of its own."""

    cap: bool = True

    def score(
        self, metric: Metric, value: float | None, *, history: Sequence[float] = ()
    ) -> float:
        """Half of Linear's."""
        return Linear().score(metric, value, history=history) / 2

    def combine(self, pairs: Sequence[tuple[float, float]]) -> float:
        """Linear's."""
        return Linear().combine(pairs)

    def zone(self, metric: Metric, value: float | None) -> str:
        """Two zones, named in words."""
        return "Half Way" if self.score(metric, value) >= 0.25 else "Early"


class TestStrategyName:
    @pytest.mark.parametrize("name", STRATEGIES)
    def test_built_in(self, example: OKRSet, name: str) -> None:
        """A built-in strategy is named as the user names it."""
        assert example.score(as_of=AS_OF, strategy=name).to_dict()["strategy"] == name

    def test_other_settings_keep_the_kind(self) -> None:
        """A built-in kind with other settings gives its kind's name."""
        assert strategy_name(Linear(threshold_method="share")) == "linear"

    def test_own_strategy(self, example: OKRSet, validator: jsonschema.Validator) -> None:
        """A strategy of the user's gives its class, or its registered name; zones as codes."""
        assert strategy_name(Halves()) == f"{__name__}:Halves"
        register("halves-for-export", Halves())
        card = example.score(as_of=AS_OF, strategy=Halves())
        data = card.to_dict()
        assert data["strategy"] == "halves-for-export"
        assert {e["zone"] for e in data["key_results"]} <= {"half_way", "early"}
        validator.validate(data)


class TestSchema:
    @pytest.mark.parametrize("strategy", STRATEGIES)
    @pytest.mark.parametrize("language", ["vi", "en"])
    def test_example_validates(
        self,
        example: OKRSet,
        validator: jsonschema.Validator,
        strategy: str,
        language: str,
    ) -> None:
        """The example's scorecard fits the schema, in each locale and strategy."""
        with use_locale(language):
            validator.validate(example.score(as_of=AS_OF, strategy=strategy).to_dict())

    def test_after_the_cycle(self, example: OKRSet, validator: jsonschema.Validator) -> None:
        """After the cycle (final statuses, no forecast past the end) it still fits."""
        card: Scorecard = example.score(as_of=dt.date(2026, 4, 15))
        data = card.to_dict()
        validator.validate(data)
        assert {e["status"] for e in data["key_results"]} <= {"achieved", "missed", "done"}

    @settings(max_examples=settings.default.max_examples // 2)
    @given(okrs=okr_sets(max_objectives=4, max_checkins=10), day=st.dates())
    def test_any_set_validates(self, validator: jsonschema.Validator, okrs: OKRSet, day: dt.date):
        """Any valid set's scorecard, on any day, fits the schema and is valid JSON."""
        card = okrs.score(as_of=day)
        data = json.loads(card.to_json())
        validator.validate(data)
        assert len(data["objectives"]) + len(data["key_results"]) == len(card)

    def test_published_file(self) -> None:
        """docs/schema/scorecard.schema.json is the schema, in English."""
        with use_locale("en"):
            text = json.dumps(scorecard_schema(), ensure_ascii=False, indent=2) + "\n"
        if os.environ.get("OKRKIT_REGEN_GOLDEN"):
            SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
            SCHEMA_FILE.write_text(text, encoding="utf-8")
        assert SCHEMA_FILE.read_text(encoding="utf-8") == text
