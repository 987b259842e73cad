"""The JSON Schema of the OKR file format, for editors to validate and complete."""

from __future__ import annotations

import enum
from typing import Any

from okrkit.i18n import _
from okrkit.model import (
    SCHEMA_VERSION,
    Ambition,
    InitiativeStatus,
    Level,
    LinkKind,
    MetricKind,
    OwnerKind,
    Unit,
)

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Each line of a check-in table is blank or starts with a date and a value.
_TABLE_PATTERN = r"^(?:(?:[ \t]*|[ \t]*[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]+[^ \t\n][^\n]*)(?:\n|$))*$"


def _choice(enum_type: type[enum.Enum], description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "enum": [member.value for member in enum_type],
        "description": description,
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _list_of(name: str, description: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name), "description": description}


def _record(description: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of okrkit's OKR file format.

    Descriptions are in the active locale. The schema checks each entry's shape;
    rules that span entries (unique ids, references that must exist, target beyond
    start) are okrkit's to check when it loads the file.

    Examples:
        >>> schema = json_schema()
        >>> schema["required"]
        ['cycles', 'owners', 'objectives']
    """
    number = {"type": "number"}
    text = {"type": "string"}
    date = {"type": "string", "format": "date", "description": _("a date, YYYY-MM-DD")}
    ident = {
        "type": "string",
        "pattern": r"^\S+$",
        "description": _("an id: no spaces, unique in the file"),
    }
    ids = {
        "oneOf": [ident, {"type": "array", "items": ident}],
        "description": _("one id, or a list of ids"),
    }
    link = {
        "oneOf": [
            ident,
            _record(
                _("a link to a parent objective or key result"),
                {
                    "parent": ident,
                    "kind": _choice(
                        LinkKind,
                        _("contributes counts toward the parent; supports is shown, not counted"),
                    ),
                    "weight": {**number, "exclusiveMinimum": 0},
                },
                ["parent"],
            ),
        ]
    }
    aligned_to = {
        "oneOf": [link, {"type": "array", "items": link}],
        "description": _("the parents this counts toward: one id, several, or links"),
    }
    metric_kinds_with_start = [MetricKind.INCREASE.value, MetricKind.DECREASE.value]
    metric = _record(
        _("what a key result measures"),
        {
            "kind": _choice(MetricKind, _("how the value counts as progress")),
            "start": {**number, "description": _("the baseline value")},
            "target": {**number, "description": _("the value at which the key result is met")},
            "unit": _choice(Unit, _("what the numbers count; count by default")),
            "currency": {
                "type": "string",
                "pattern": "^[A-Za-z]{3}$",
                "description": _("an ISO 4217 code such as VND, for unit currency"),
            },
            "scale": {
                "type": "array",
                "items": number,
                "minItems": 2,
                "maxItems": 2,
                "description": _("[low, high] of a score, such as [0, 10]"),
            },
            "stretch": {**number, "description": _("a value beyond the target")},
        },
        ["kind"],
    )
    metric["allOf"] = [
        {
            "if": {"properties": {"kind": {"enum": metric_kinds_with_start}}},
            "then": {"required": ["start", "target"]},
        },
        {
            "if": {"properties": {"kind": {"const": MetricKind.MILESTONE.value}}},
            "then": {
                "not": {"anyOf": [{"required": [k]} for k in ("start", "target", "stretch")]}
            },
            "else": {"required": ["target"]},
        },
        {
            "if": {"properties": {"unit": {"const": Unit.CURRENCY.value}}, "required": ["unit"]},
            "then": {"required": ["currency"]},
        },
    ]
    defs: dict[str, Any] = {
        "cycle": _record(
            _("a period OKRs are set for"),
            {"id": ident, "name": text, "start": date, "end": date},
            ["id", "name", "start", "end"],
        ),
        "owner": _record(
            _("the company, a department, a team or a person"),
            {
                "id": ident,
                "name": text,
                "kind": _choice(OwnerKind, _("person by default")),
                "parent": {**ident, "description": _("the owner this one belongs to")},
            },
            ["id", "name"],
        ),
        "metric": metric,
        "key_result": _record(
            _("a measurable result"),
            {
                "id": ident,
                "title": text,
                "metric": _ref("metric"),
                "description": text,
                "owners": ids,
                "weight": {**number, "exclusiveMinimum": 0},
                "due": date,
                "aligned_to": aligned_to,
                "plan": {
                    "type": "array",
                    "items": _ref("planned_value"),
                    "description": _("planned values at dates: a phased target"),
                },
                "final_grade": _ref("final_grade"),
            },
            ["id", "title", "metric"],
        ),
        "objective": _record(
            _("a qualitative goal with its key results"),
            {
                "id": ident,
                "title": text,
                "owner": ident,
                "cycle": ident,
                "level": _choice(Level, _("where the objective sits")),
                "ambition": _choice(Ambition, _("committed by default")),
                "description": text,
                "aligned_to": aligned_to,
                "tags": {"type": "array", "items": text},
                "key_results": _list_of("key_result", _("2-5 key results is good practice")),
                "final_grade": _ref("final_grade"),
            },
            ["id", "title", "owner", "cycle", "level"],
        ),
        "initiative": _record(
            _("work that drives key results"),
            {
                "id": ident,
                "title": text,
                "owner": ident,
                "drives": ids,
                "status": _choice(InitiativeStatus, _("planned by default")),
                "due": date,
                "description": text,
            },
            ["id", "title", "owner"],
        ),
        "checkin": _record(
            _("a value reported for a key result on a day"),
            {
                "key_result": ident,
                "on": date,
                "value": number,
                "confidence": {
                    "oneOf": [
                        {"type": "integer", "minimum": 1, "maximum": 5},
                        {"type": "string", "enum": ["red", "yellow", "green"]},
                    ],
                    "description": _("1-5, or red / yellow / green"),
                },
                "note": text,
                "author": ident,
            },
            ["key_result", "on", "value"],
        ),
        "checkin_tables": {
            "type": "object",
            "description": _(
                "the check-ins of each key result as a text table, one a line: "
                "date, value, then optionally confidence, author and note"
            ),
            "propertyNames": ident,
            "additionalProperties": {
                "type": ["string", "null"],
                "pattern": _TABLE_PATTERN,
                "description": _(
                    "rows such as '2026-01-16 29.5 4 lan Waiting on CI'; write - for no "
                    "confidence or no author"
                ),
            },
        },
        "planned_value": _record(
            _("a value planned by a date"), {"on": date, "value": number}, ["on", "value"]
        ),
        "final_grade": _record(
            _("a grade set by the owner at the end of the cycle, with the reason"),
            {"value": {**number, "minimum": 0, "maximum": 1}, "reason": text},
            ["value", "reason"],
        ),
        "dependency": _record(
            _("an objective or key result that waits on another"),
            {"dependent": ident, "on": ident, "note": text},
            ["dependent", "on"],
        ),
    }
    return {
        "$schema": _DIALECT,
        "$id": f"https://okrkit.dev/schema/okr-set-v{SCHEMA_VERSION}.json",
        "title": _("okrkit OKR set"),
        "description": _("cycles, owners, objectives with key results, initiatives, check-ins"),
        "type": "object",
        "properties": {
            "schema_version": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION},
            "cycles": _list_of("cycle", _("the cycles")),
            "owners": _list_of("owner", _("the owners")),
            "objectives": _list_of("objective", _("the objectives")),
            "initiatives": _list_of("initiative", _("the initiatives")),
            "checkins": {
                "oneOf": [
                    _ref("checkin_tables"),
                    _list_of("checkin", _("the check-ins, one entry each")),
                ],
                "description": _("the check-ins: a table per key result, or a list"),
            },
            "dependencies": _list_of("dependency", _("the dependencies between teams")),
        },
        "required": ["cycles", "owners", "objectives"],
        "additionalProperties": False,
        "$defs": defs,
    }
