"""The JSON Schema of the OKR file format, for editors to validate and complete.

The schema is read off the model. Each record's properties are its class's attrs
fields: a field's type and converter give its shape (an id, ids, a date, a choice of
an enum's values, another record), and the fields without a default are the required
keys. What fields cannot say comes from three small tables: what each record is
(:data:`_RECORDS`), descriptions, patterns and bounds of fields (:data:`_NOTES`), and
the shapes the loader accepts beyond a field's type (:meth:`_Builder.shapes`).
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs

from okrkit.i18n import N_, _
from okrkit.io._lint_field import FILE_KEYS
from okrkit.model import (
    SCHEMA_VERSION,
    Alignment,
    CheckIn,
    Confidence,
    Cycle,
    Dependency,
    FinalGrade,
    Initiative,
    KeyResult,
    Metric,
    MetricKind,
    Objective,
    OKRSet,
    Owner,
    PlannedValue,
    Unit,
)
from okrkit.model._convert import (
    to_cycle_id,
    to_item_id,
    to_key_result_id,
    to_key_result_ids,
    to_optional_owner_id,
    to_owner_id,
    to_owner_ids,
    to_parent_id,
)

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Each line of a check-in table is blank or starts with a date and a value.
_TABLE_PATTERN = r"^(?:(?:[ \t]*|[ \t]*[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]+[^ \t\n][^\n]*)(?:\n|$))*$"

_DEFS: dict[str, type] = {
    "cycle": Cycle,
    "owner": Owner,
    "metric": Metric,
    "key_result": KeyResult,
    "objective": Objective,
    "initiative": Initiative,
    "checkin": CheckIn,
    "planned_value": PlannedValue,
    "final_grade": FinalGrade,
    "dependency": Dependency,
}
"""The records of the format by their name under ``$defs`` (the check-in tables aside)."""
_DEF_NAMES = {cls: name for name, cls in _DEFS.items()}

_RECORDS: dict[type, str] = {
    OKRSet: N_("cycles, owners, objectives with key results, initiatives, check-ins"),
    Cycle: N_("a period OKRs are set for"),
    Owner: N_("the company, a department, a team or a person"),
    Metric: N_("what a key result measures"),
    KeyResult: N_("a measurable result"),
    Objective: N_("a qualitative goal with its key results"),
    Initiative: N_("work that drives key results"),
    CheckIn: N_("a value reported for a key result on a day"),
    PlannedValue: N_("a value planned by a date"),
    FinalGrade: N_("a grade set by the owner at the end of the cycle, with the reason"),
    Dependency: N_("an objective or key result that waits on another"),
    Alignment: N_("a link to a parent objective or key result"),
}
"""What each record is, for the person reading the schema."""

_POSITIVE = {"exclusiveMinimum": 0}
_NOTES: dict[tuple[type, str], dict[str, Any]] = {
    (OKRSet, "schema_version"): {"minimum": 1, "maximum": SCHEMA_VERSION},
    (OKRSet, "locale"): {
        "pattern": r"^[A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8})*$",
        "description": N_(
            "the language of the file, such as vi or en; the command line speaks it "
            "unless --locale or OKRKIT_LOCALE says otherwise"
        ),
    },
    (OKRSet, "cycles"): {"description": N_("the cycles")},
    (OKRSet, "owners"): {"description": N_("the owners")},
    (OKRSet, "objectives"): {"description": N_("the objectives")},
    (OKRSet, "initiatives"): {"description": N_("the initiatives")},
    (OKRSet, "dependencies"): {"description": N_("the dependencies between teams")},
    (Owner, "kind"): {"description": N_("person by default")},
    (Owner, "parent"): {"description": N_("the owner this one belongs to")},
    (Metric, "kind"): {"description": N_("how the value counts as progress")},
    (Metric, "start"): {"description": N_("the baseline value")},
    (Metric, "target"): {"description": N_("the value at which the key result is met")},
    (Metric, "unit"): {"description": N_("what the numbers count; count by default")},
    (Metric, "currency"): {
        "pattern": "^[A-Za-z]{3}$",
        "description": N_("an ISO 4217 code such as VND, for unit currency"),
    },
    (Metric, "scale"): {"description": N_("[low, high] of a score, such as [0, 10]")},
    (Metric, "stretch"): {"description": N_("a value beyond the target")},
    (KeyResult, "weight"): _POSITIVE,
    (KeyResult, "plan"): {"description": N_("planned values at dates: a phased target")},
    (KeyResult, "carried_from"): {
        "pattern": r"^\S+$",
        "description": N_("the id this was carried forward from, in an earlier cycle"),
    },
    (Objective, "carried_from"): {
        "pattern": r"^\S+$",
        "description": N_("the id this was carried forward from, in an earlier cycle"),
    },
    (Objective, "level"): {"description": N_("where the objective sits")},
    (Objective, "ambition"): {"description": N_("committed by default")},
    (Objective, "key_results"): {"description": N_("2-5 key results is good practice")},
    (Initiative, "status"): {"description": N_("planned by default")},
    (FinalGrade, "value"): {"minimum": 0, "maximum": 1},
    (Alignment, "kind"): {
        "description": N_("contributes counts toward the parent; supports is shown, not counted")
    },
    (Alignment, "weight"): _POSITIVE,
}
"""What a field's type cannot say: descriptions (translated when the schema is built),
patterns and number bounds. Each is laid over the shape the field's type gives."""

# Converters that accept an entity where its id is expected: the field holds one id...
_ID_CONVERTERS: frozenset[Any] = frozenset(
    {to_owner_id, to_optional_owner_id, to_cycle_id, to_key_result_id, to_item_id, to_parent_id}
)
# ...or one id or several.
_IDS_CONVERTERS: frozenset[Any] = frozenset({to_owner_ids, to_key_result_ids})
_SCALARS: dict[Any, str] = {str: "string", float: "number", int: "integer"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _list_of(name: str, description: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name), "description": description}


def _without_none(tp: Any) -> Any:
    """``X`` for ``X | None``; an optional field is one that is not required."""
    if typing.get_origin(tp) in (types.UnionType, typing.Union):
        args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _metric_rules() -> list[dict[str, Any]]:
    """What a metric needs, by its kind and unit (see ``Metric._check_shape``)."""
    with_start = [MetricKind.INCREASE.value, MetricKind.DECREASE.value]
    return [
        {
            "if": {"properties": {"kind": {"enum": with_start}}},
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


class _Builder:
    """Builds the parts of the schema, with descriptions in the active locale."""

    def __init__(self) -> None:
        self.ident = {
            "type": "string",
            "pattern": r"^\S+$",
            "description": _("an id: no spaces, unique in the file"),
        }
        self.ids = {
            "oneOf": [self.ident, {"type": "array", "items": self.ident}],
            "description": _("one id, or a list of ids"),
        }
        self.date = {"type": "string", "format": "date", "description": _("a date, YYYY-MM-DD")}
        self.shapes = self._shapes()

    def _shapes(self) -> dict[tuple[type, str], dict[str, Any]]:
        """Fields the loader reads in more shapes than their type says."""
        lint = {
            "type": "object",
            "properties": {
                "ignore": {
                    "type": "array",
                    "items": {"type": "string", "minLength": 1},
                    "description": _("codes of lint rules not to apply here, such as OKR101"),
                }
            },
            "additionalProperties": False,
            "description": _("the linter's settings for this entry"),
        }
        return {
            (Objective, "lint_ignore"): lint,
            (KeyResult, "lint_ignore"): lint,
            (CheckIn, "confidence"): {
                "oneOf": [
                    {"type": "integer", "minimum": min(Confidence), "maximum": max(Confidence)},
                    # the traffic-light words of Confidence.parse
                    {"type": "string", "enum": ["red", "yellow", "green"]},
                ],
                "description": _("1-5, or red / yellow / green"),
            },
            (OKRSet, "checkins"): {
                "oneOf": [
                    _ref("checkin_tables"),
                    _list_of("checkin", _("the check-ins, one entry each")),
                ],
                "description": _("the check-ins: a table per key result, or a list"),
            },
        }

    def record(self, cls: type) -> dict[str, Any]:
        """The schema of an attrs class: its fields, those without a default required."""
        fields = [field for field in attrs.fields(attrs.resolve_types(cls)) if field.init]
        return {
            "type": "object",
            "description": _(_RECORDS[cls]),
            "properties": {
                FILE_KEYS.get(field.name, field.name): self.field(cls, field) for field in fields
            },
            "required": [field.name for field in fields if field.default is attrs.NOTHING],
            "additionalProperties": False,
        }

    def field(self, cls: type, field: attrs.Attribute[Any]) -> dict[str, Any]:
        """The schema of one field: its shape, then what the notes add."""
        shape = self.shapes.get((cls, field.name))
        if shape is not None:
            return shape
        if field.name == "id" or field.converter in _ID_CONVERTERS:
            shape = dict(self.ident)
        elif field.converter in _IDS_CONVERTERS:
            shape = dict(self.ids)
        else:
            shape = self.of_type(field.type, f"{cls.__name__}.{field.name}")
        note = _NOTES.get((cls, field.name), {})
        if "description" in note:
            note = {**note, "description": _(note["description"])}
        return {**shape, **note}

    def of_type(self, tp: Any, where: str) -> dict[str, Any]:
        """The shape a field's type gives: a scalar, a choice, a record or a list."""
        tp = _without_none(tp)
        if tp in _SCALARS:
            return {"type": _SCALARS[tp]}
        if tp is dt.date:
            return dict(self.date)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [member.value for member in tp]}
        if tp in _DEF_NAMES:
            return _ref(_DEF_NAMES[tp])
        args = typing.get_args(tp)
        if typing.get_origin(tp) is not tuple or not args:
            # Only a new model field can get here; the schema tests catch it.
            raise NotImplementedError(f"the JSON Schema cannot describe {where}: {tp!r}")
        if args == (Alignment, Ellipsis):
            return self.aligned_to()
        if args[-1] is Ellipsis:
            return {"type": "array", "items": self.of_type(args[0], where)}
        return {
            "type": "array",
            "items": self.of_type(args[0], where),
            "minItems": len(args),
            "maxItems": len(args),
        }

    def aligned_to(self) -> dict[str, Any]:
        """Parents as the loader reads them: one id, several, or links with a kind."""
        link = {"oneOf": [self.ident, self.record(Alignment)]}
        return {
            "oneOf": [link, {"type": "array", "items": link}],
            "description": _("the parents this counts toward: one id, several, or links"),
        }

    def checkin_tables(self) -> dict[str, Any]:
        """The check-ins as text tables by key result id (see :mod:`okrkit.io._tables`)."""
        return {
            "type": "object",
            "description": _(
                "the check-ins of each key result as a text table, one a line: "
                "date, value, then optionally confidence, author and note"
            ),
            "propertyNames": self.ident,
            "additionalProperties": {
                "type": ["string", "null"],
                "pattern": _TABLE_PATTERN,
                "description": _(
                    "rows such as '2026-01-16 29.5 4 lan Waiting on CI'; write - for no "
                    "confidence or no author"
                ),
            },
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
    build = _Builder()
    defs = {name: build.record(cls) for name, cls in _DEFS.items()}
    defs["metric"]["allOf"] = _metric_rules()
    defs["checkin_tables"] = build.checkin_tables()
    return {
        "$schema": _DIALECT,
        "$id": f"https://okrkit.dev/schema/okr-set-v{SCHEMA_VERSION}.json",
        "title": _("okrkit OKR set"),
        **build.record(OKRSet),
        "$defs": defs,
    }
