"""A scorecard as plain data for machines: stable codes, with labels beside them.

:meth:`Scorecard.to_dict <okrkit.scoring.Scorecard.to_dict>` gives::

    schema_version  1 (see SCORECARD_SCHEMA_VERSION)
    as_of           the scoring date, ISO (2026-03-20)
    strategy        the strategy's name (see strategy_name)
    objectives      one entry per objective, in plan order
    key_results     one entry per key result, in plan order

and each entry holds ``id``, ``title``, for a key result its ``objective`` (the id),
``value``, ``raw``, ``expected``, ``confidence``, ``forecast`` (``on``, ``value``,
``low``, ``high``, ``score``; ``None`` without one), ``computed`` and ``reason``. Each
thing a person reads as a word has a **code** that never changes with the locale and,
beside it, a ``*_label`` in the active locale:

- ``kind``: ``key_result`` or ``objective``;
- ``status``: a :class:`~okrkit.model.Status` value, such as ``at_risk``;
- ``band``: the grade band of the value, one of :data:`BAND_CODES`;
- ``zone``: under the zones strategy one of :data:`ZONE_CODES`, else ``None``.

A number JSON cannot hold (NaN, an infinity) is ``None``. :func:`scorecard_schema` is
the JSON Schema of the data (``docs/schema/scorecard.schema.json`` is it, in English).
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from okrkit.errors import OKRError
from okrkit.graph import NodeKind
from okrkit.i18n import N_, _, gettext, held_locale
from okrkit.model import Status
from okrkit.scoring._bands import BAND_CODES, band_code
from okrkit.scoring._strategies import _ZONES, ScoringStrategy

if TYPE_CHECKING:
    from okrkit.scoring._forecasts import Forecast
    from okrkit.scoring._score import Score
    from okrkit.scoring._scorecard import Scorecard

__all__ = [
    "BAND_CODES",
    "SCORECARD_SCHEMA_VERSION",
    "ZONE_CODES",
    "band_code",
    "scorecard_data",
    "scorecard_json",
    "scorecard_schema",
    "strategy_name",
]

SCORECARD_SCHEMA_VERSION = 1
"""The version of the scorecard's data; a change that breaks a reader raises it."""

ZONE_CODES = ("fail", "commit", "target", "stretch")
"""The codes of the zones of :class:`~okrkit.scoring.Zones`, lowest first."""

# The message id of each zone's label (Zones.zone's), by its code.
_ZONE_MESSAGES = {"fail": N_("fail"), **{label: label for _floor, label in _ZONES}}


class _Words:
    """The labels of one export, looked up once each in the active locale."""

    def __init__(self) -> None:
        self.kinds = {kind: kind.label for kind in NodeKind}
        self.statuses = {status: status.label for status in Status}
        self.zones = {gettext(message): code for code, message in _ZONE_MESSAGES.items()}

    def zone_code(self, label: str | None) -> str | None:
        """The code of a zone from its label in the active locale.

        A zone of okrkit's :class:`~okrkit.scoring.Zones` reads back as one of
        :data:`ZONE_CODES`; another strategy's zone becomes its label in lower case,
        words joined by ``_``.
        """
        if label is None:
            return None
        code = self.zones.get(label)
        return code if code is not None else "_".join(label.lower().split())


def strategy_name(strategy: ScoringStrategy) -> str:
    """The name ``strategy`` is known by: ``"linear"``, a registered name, or its class.

    A built-in or registered strategy gives its name (one made with other settings
    gives its kind's name, such as ``"linear"``); any other its class, as
    ``"package.module:Class"``.

    Examples:
        >>> from okrkit.scoring import Grade, Linear
        >>> strategy_name(Grade()), strategy_name(Linear(threshold_method="share"))
        ('grade', 'linear')
    """
    from okrkit.scoring._registry import available, get

    same_kind: str | None = None
    for name in available():
        try:
            known = get(name)
        except OKRError:  # a broken plugin: not this one
            continue
        if known is strategy or (type(known) is type(strategy) and known == strategy):
            return name
        if same_kind is None and type(known) is type(strategy):
            same_kind = name
    if same_kind is not None:
        return same_kind
    cls = type(strategy)
    return f"{cls.__module__}:{cls.__qualname__}"


def _number(value: float | None) -> float | None:
    """A finite number as it is; NaN, infinities and ``None`` as ``None`` (JSON has none)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def _forecast(forecast: Forecast | None) -> dict[str, Any] | None:
    if forecast is None:
        return None
    return {
        "on": forecast.on.isoformat(),
        "value": _number(forecast.value),
        "low": _number(forecast.low),
        "high": _number(forecast.high),
        "score": _number(forecast.score),
    }


def _entry(
    score: Score, title: str, words: _Words, objective: str | None = None
) -> dict[str, Any]:
    """One key result or objective: codes and labels side by side, numbers as numbers."""
    entry: dict[str, Any] = {
        "id": score.id,
        "kind": score.kind.value,
        "kind_label": words.kinds[score.kind],
        "title": title,
    }
    if objective is not None:
        entry["objective"] = objective
    return {
        **entry,
        "value": _number(score.value),
        "raw": _number(score.raw),
        "expected": _number(score.expected),
        "status": score.status.value,
        "status_label": words.statuses[score.status],
        "band": band_code(min(1.0, max(0.0, score.value))),
        "band_label": score.band_label,
        "zone": words.zone_code(score.zone),
        "zone_label": score.zone,
        "confidence": _number(score.confidence),
        "forecast": _forecast(score.forecast),
        "computed": _number(score.computed),
        "reason": score.reason,
    }


def scorecard_data(card: Scorecard) -> dict[str, Any]:
    """``card`` as plain data; see :meth:`Scorecard.to_dict <okrkit.scoring.Scorecard.to_dict>`."""
    with held_locale():  # every label of a large card, worded in one locale lookup
        words = _Words()
        plan = card._plan  # the scorecard's own package
        key_results = [
            _entry(card[kr.id], kr.title, words, plan.ids[int(plan.objective_of[position])])
            for position, kr in enumerate(plan.key_results)
        ]
        objectives = [
            _entry(card[objective.id], objective.title, words) for objective in plan.objectives
        ]
    return {
        "schema_version": SCORECARD_SCHEMA_VERSION,
        "as_of": card.as_of.isoformat(),
        "strategy": strategy_name(card.strategy),
        "objectives": objectives,
        "key_results": key_results,
    }


def scorecard_json(card: Scorecard, indent: int | None = None) -> str:
    """``card`` as JSON text; see :meth:`Scorecard.to_json <okrkit.scoring.Scorecard.to_json>`."""
    return json.dumps(scorecard_data(card), ensure_ascii=False, indent=indent, allow_nan=False)


# -- the schema ---------------------------------------------------------------------------

_NUMBER_OR_NULL = {"type": ["number", "null"]}


def _coded(codes: list[str], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": codes, "description": description}


def _label(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _score_schema() -> dict[str, Any]:
    """One key result or objective, as :func:`scorecard_data` writes it."""
    properties: dict[str, Any] = {
        "id": {"type": "string"},
        "kind": _coded(["key_result", "objective"], _("key_result or objective")),
        "kind_label": _label(_("the kind, in the language of the output")),
        "title": {"type": "string"},
        "objective": {
            "type": "string",
            "description": _("for a key result, the id of its objective"),
        },
        "value": {
            "type": "number",
            "description": _("the score that rolls up, 0-1 unless the strategy keeps overshoot"),
        },
        "raw": {**_NUMBER_OR_NULL, "description": _("the raw progress, overshoot kept")},
        "expected": {**_NUMBER_OR_NULL, "description": _("the progress expected by now")},
        "status": _coded([status.value for status in Status], _("the status, as a code")),
        "status_label": _label(_("the status, in the language of the output")),
        "band": _coded(list(BAND_CODES), _("the grade band of the value, as a code")),
        "band_label": _label(_("the grade band, in the language of the output")),
        "zone": {
            "type": ["string", "null"],
            "description": _("the zone under the zones strategy (fail, commit, target, stretch)"),
        },
        "zone_label": {"type": ["string", "null"]},
        "confidence": {**_NUMBER_OR_NULL, "description": _("the latest confidence, 1-5")},
        "forecast": {"oneOf": [{"$ref": "#/$defs/forecast"}, {"type": "null"}]},
        "computed": {
            **_NUMBER_OR_NULL,
            "description": _("the computed score, when an owner's final grade stands in"),
        },
        "reason": {"type": ["string", "null"], "description": _("the final grade's reason")},
    }
    required = [name for name in properties if name != "objective"]
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def scorecard_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :meth:`Scorecard.to_dict`'s data.

    Descriptions are in the active locale; ``docs/schema/scorecard.schema.json`` is it
    in English.

    Examples:
        >>> schema = scorecard_schema()
        >>> schema["properties"]["objectives"]["items"]
        {'$ref': '#/$defs/score'}
    """
    forecast = {
        "type": "object",
        "description": _("where the check-ins project the key result"),
        "properties": {
            "on": {"type": "string", "format": "date"},
            "value": _NUMBER_OR_NULL,
            "low": _NUMBER_OR_NULL,
            "high": _NUMBER_OR_NULL,
            "score": _NUMBER_OR_NULL,
        },
        "required": ["on", "value", "low", "high", "score"],
        "additionalProperties": False,
    }
    scores = {"type": "array", "items": {"$ref": "#/$defs/score"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://okrkit.dev/schema/scorecard-v{SCORECARD_SCHEMA_VERSION}.json",
        "title": _("okrkit scorecard"),
        "type": "object",
        "properties": {
            "schema_version": {"const": SCORECARD_SCHEMA_VERSION},
            "as_of": {"type": "string", "format": "date"},
            "strategy": {"type": "string", "description": _("the scoring strategy's name")},
            "objectives": scores,
            "key_results": scores,
        },
        "required": ["schema_version", "as_of", "strategy", "objectives", "key_results"],
        "additionalProperties": False,
        "$defs": {"score": _score_schema(), "forecast": forecast},
    }
