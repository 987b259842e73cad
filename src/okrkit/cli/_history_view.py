"""``okrkit history`` as tables: the changes of an entity, and a key result's check-ins.

Every field name, value, number and date goes through okrkit.i18n, and every piece
of user text through :func:`~okrkit.cli._safe.terminal_text`. In a terminal the
tables have borders; piped, they are plain aligned columns.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

import cattrs
from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from okrkit.cli._safe import terminal_text
from okrkit.errors import OKRError
from okrkit.i18n import N_, _, format_date, format_number, format_percent, format_value, gettext
from okrkit.io import make_converter
from okrkit.model import (
    Ambition,
    Confidence,
    InitiativeStatus,
    Level,
    LinkKind,
    Metric,
    MetricKind,
    OwnerKind,
    Unit,
)
from okrkit.store import Change

__all__ = ["history_view", "kind_label", "metric_range", "value_text"]

_FIELDS = {
    "id": N_("id"),
    "name": N_("name"),
    "start": N_("start"),
    "end": N_("end"),
    "kind": N_("kind"),
    "parent": N_("parent"),
    "title": N_("title"),
    "owner": N_("owner"),
    "cycle": N_("cycle"),
    "level": N_("level"),
    "ambition": N_("ambition"),
    "description": N_("description"),
    "aligned_to": N_("aligned to"),
    "tags": N_("tags"),
    "final_grade": N_("final grade"),
    "metric": N_("metric"),
    "owners": N_("owners"),
    "weight": N_("weight"),
    "due": N_("due date"),
    "plan": N_("plan"),
    "carried_from": N_("carried from"),
    "drives": N_("drives"),
    "status": N_("status"),
    "dependent": N_("dependent"),
    "on": N_("depends on"),
    "note": N_("note"),
    "objective": N_("objective"),
    "value": N_("value"),
    "reason": N_("reason"),
    "target": N_("target"),
    "stretch": N_("stretch target"),
    "unit": N_("unit"),
    "currency": N_("currency"),
    "scale": N_("scale"),
}
_KINDS = {
    "cycle": N_("cycle"),
    "owner": N_("owner"),
    "objective": N_("objective"),
    "key_result": N_("key result"),
    "initiative": N_("initiative"),
    "dependency": N_("dependency"),
    "checkin": N_("check-in"),
}
# Fields whose text is an enum's value, shown by the enum's label.
_ENUMS: dict[str, Any] = {
    "level": Level,
    "ambition": Ambition,
    "status": InitiativeStatus,
    "unit": Unit,
}
_KIND_ENUMS: dict[str, Any] = {"owner": OwnerKind, "metric": MetricKind, "link": LinkKind}
_DATES = {"start", "end", "due", "on"}
_NONE = "—"


def kind_label(kind: str) -> str:
    """The name of a kind of entity in the active locale (``"key_result"``: key result)."""
    return gettext(_KINDS[kind]) if kind in _KINDS else terminal_text(kind)


def _field_label(field: str) -> str:
    return gettext(_FIELDS[field]) if field in _FIELDS else terminal_text(field)


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


def _metric(data: object) -> Metric | None:
    """A metric's record as a :class:`Metric`, or ``None`` when it is not one."""
    try:
        return _converter().structure(data, Metric)
    except (OKRError, cattrs.BaseValidationError, TypeError):
        return None


def metric_range(metric: Metric) -> str:
    """A metric's start and target for a person (``start → target``), or its kind alone."""
    if metric.start is None or metric.target is None:
        return str(metric.kind.label)
    return f"{format_value(metric, metric.start)} → {format_value(metric, metric.target)}"


def _metric_text(data: dict[str, Any]) -> str:
    metric = _metric(data)
    if metric is None:
        return _mapping_text(data, "metric")
    return f"{metric.kind.label}: {metric_range(metric)}"


def _mapping_text(data: dict[str, Any], owner: str) -> str:
    return "; ".join(
        f"{_field_label(key)}: {value_text(key, value, owner=owner)}"
        for key, value in data.items()
    )


def value_text(field: str, value: Any, *, owner: str = "") -> str:
    """A recorded value (plain JSON data) for a person: labels, dates and numbers localised.

    ``owner`` is the kind of entity (or record) the field belongs to.
    """
    if value is None:
        return _NONE
    if field == "metric" and isinstance(value, dict):
        return _metric_text(value)
    if field == "final_grade" and isinstance(value, dict) and "value" in value:
        return f"{format_percent(value['value'])} · {terminal_text(str(value.get('reason', '')))}"
    if isinstance(value, dict):
        return _mapping_text(value, field)
    if isinstance(value, list):
        return ", ".join(value_text(field, item, owner=owner) for item in value) or _NONE
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value)
    text = str(value)
    enum = _KIND_ENUMS.get(owner) if field == "kind" else _ENUMS.get(field)
    if enum is not None and text in enum._value2member_map_:
        return str(enum(text).label)
    if field in _DATES:
        try:
            return format_date(dt.date.fromisoformat(text))
        except ValueError:
            pass
    return terminal_text(text) or _NONE


def _summary(record: object) -> str:
    """A whole entity in a few words: its title or name, else its id."""
    if isinstance(record, dict):
        for key in ("title", "name", "id"):
            if isinstance(record.get(key), str):
                return terminal_text(record[key])
        if "dependent" in record:
            return terminal_text(f"{record['dependent']} → {record.get('on', '')}")
    return _NONE


def _table(console: Console, *headers: str) -> Table:
    boxed = console.is_terminal
    table = Table(box=box.HEAVY_HEAD if boxed else None, pad_edge=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def _changes_table(console: Console, changes: Sequence[Change]) -> Table:
    table = _table(console, _("When"), _("Who"), _("What"), _("Before"), _("After"))
    for change in changes:
        if change.field is None:
            what = _("added") if change.old is None else _("retired")
            before = _NONE if change.old is None else _summary(change.old)
            after = _NONE if change.new is None else _summary(change.new)
        else:
            what = _field_label(change.field)
            before = value_text(change.field, change.old, owner=change.kind)
            after = value_text(change.field, change.new, owner=change.kind)
        table.add_row(
            format_date(change.at.date()),
            terminal_text(change.author or _NONE),
            what,
            before,
            after,
        )
    return table


def _checkin_value(metric: Metric | None, record: object) -> str:
    if not isinstance(record, dict) or not isinstance(record.get("value"), int | float):
        return _NONE
    value = float(record["value"])
    return format_number(value) if metric is None else format_value(metric, value)


def _checkins_table(console: Console, checkins: Sequence[Change], metric: Metric | None) -> Table:
    table = _table(
        console,
        _("Day"),
        _("Value"),
        _("Confidence"),
        _("Note"),
        _("Author"),
        _("Source"),
        _("Recorded"),
    )
    ordered = sorted(checkins, key=lambda change: (change.field or "", change.at))
    for change in ordered:
        new: dict[str, Any] = change.new if isinstance(change.new, dict) else {}
        value = _checkin_value(metric, new)
        if change.old is not None:
            value = f"{_checkin_value(metric, change.old)} → {value}"
        level = new.get("confidence")
        table.add_row(
            value_text("on", new.get("on")),
            value,
            Confidence(level).label if level in {1, 2, 3, 4, 5} else _NONE,
            terminal_text(new.get("note") or _NONE),
            terminal_text(new.get("author") or _NONE),
            terminal_text(new.get("source") or _NONE),
            f"{format_date(change.at.date())} · {terminal_text(change.author or _NONE)}",
        )
    return table


def _last_metric(changes: Sequence[Change]) -> Metric | None:
    """The metric of the key result's last recorded version, to show its values by."""
    for change in reversed(changes):
        for record in (change.new, change.old):
            if isinstance(record, dict) and "metric" in record:
                return _metric(record["metric"])
        if change.field == "metric":
            return _metric(change.new if change.new is not None else change.old)
    return None


def history_view(console: Console, entity_id: str, changes: Sequence[Change]) -> Group:
    """The history of one entity: a heading, its changes, and a key result's check-ins."""
    entity = [c for c in changes if c.kind != "checkin"]
    checkins = [c for c in changes if c.kind == "checkin"]
    kind = entity[0].kind if entity else "key_result"
    parts: list[Any] = [
        Text.assemble(
            (
                _("History of the {kind} {id}").format(
                    kind=kind_label(kind), id=terminal_text(entity_id)
                ),
                "bold",
            )
        )
    ]
    if entity:
        parts.append(_changes_table(console, entity))
    if checkins:
        parts.append(Text(_("Check-ins"), style="bold"))
        parts.append(_checkins_table(console, checkins, _last_metric(entity)))
    return Group(*parts)
