"""A scorecard for machines, and a file's locale, as a user writes them.

`mypy --strict tests/typing` must accept it. Type-checked, not run by pytest (its name
does not start with ``test_``).
"""

from __future__ import annotations

import json
from typing import Any

import attrs

import okrkit
from okrkit import OKRSet
from okrkit.scoring import (
    BAND_CODES,
    ZONE_CODES,
    Linear,
    Scorecard,
    band_code,
    scorecard_schema,
    strategy_name,
)


def payload(okrs: OKRSet) -> dict[str, Any]:
    """An API payload: the same codes whatever the locale, labels beside them."""
    card: Scorecard = okrs.score(as_of="2026-03-20")
    data: dict[str, Any] = card.to_dict()
    text: str = card.to_json(indent=2)
    assert json.loads(text) == data
    schema: dict[str, Any] = scorecard_schema()
    assert schema["$defs"]["score"]["properties"]["band"]["enum"] == list(BAND_CODES)
    return data


def codes() -> tuple[str, str, tuple[str, ...]]:
    """A band's code, a strategy's name, and the zones' codes."""
    band: str = band_code(0.72)
    name: str = strategy_name(Linear(threshold_method="share"))
    return band, name, ZONE_CODES


def in_vietnamese(okrs: OKRSet) -> OKRSet:
    """The set, saying it is written in Vietnamese; None says nothing."""
    locale: str | None = okrs.locale
    if locale is None:
        return attrs.evolve(okrs, locale="vi")
    return okrs


def example() -> str | None:
    """The example's own locale."""
    return okrkit.load("examples/acme.yaml").locale
