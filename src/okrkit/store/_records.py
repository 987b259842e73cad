"""Entities as records (plain JSON data), and back; the changes between two records.

A store keeps each entity of a set as a record: its kind, its id, and its data as
okrkit.io's converter writes it (defaults left out). A key result is its own record,
whose ``objective`` names the objective that holds it; an objective's record leaves
its key results out. Each list of the set (cycles, owners, objectives, initiatives,
dependencies, and each objective's key results) has an order, kept apart.

The set's ``locale`` is kept with the orders, as the list of kind ``locale``: one item,
or none when the set names no locale. It has a history the way every order has.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import cattrs

from okrkit.errors import LoadError, OKRError
from okrkit.io import _fast as fast
from okrkit.io import make_converter, problems_from
from okrkit.model import Cycle, Dependency, Initiative, KeyResult, Objective, OKRSet, Owner
from okrkit.model._okrset import checked_locale
from okrkit.store._protocol import Change

__all__ = [
    "CLASSES",
    "LOCALE",
    "Kinds",
    "Record",
    "assemble",
    "assemble_kinds",
    "changes_between",
    "dependency_id",
    "orders_of",
    "records_of",
    "saved_over",
]

Record = dict[str, Any]
"""An entity as plain data; a key result's holds its ``objective``."""

Key = tuple[str, str]
"""(kind, entity id)."""

CLASSES: dict[str, type] = {
    "cycle": Cycle,
    "owner": Owner,
    "objective": Objective,
    "key_result": KeyResult,
    "initiative": Initiative,
    "dependency": Dependency,
}
"""The model class of each kind of record."""

_LISTS = ("cycle", "owner", "objective", "initiative", "dependency")
"""The kinds kept as one list each; key results are listed per objective."""

LOCALE = "locale"
"""The kind of the one-item list that holds the set's locale (empty: none)."""


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter(dates_as_text=True)


def dependency_id(dependency: Dependency) -> str:
    """A dependency's id in a store: ``"DEPENDENT -> ON"`` (ids hold no spaces).

    Examples:
        >>> dependency_id(Dependency(dependent="kr-app", on="kr-api"))
        'kr-app -> kr-api'
    """
    return f"{dependency.dependent} -> {dependency.on}"


def records_of(okrset: OKRSet) -> Iterator[tuple[Key, Record]]:
    """Every entity of ``okrset`` as ((kind, id), record), in the set's order."""
    unstructure = _converter().unstructure
    for cycle in okrset.cycles:
        yield ("cycle", cycle.id), unstructure(cycle, Cycle)
    for owner in okrset.owners:
        yield ("owner", owner.id), unstructure(owner, Owner)
    for objective in okrset.objectives:
        data = unstructure(objective, Objective)
        data.pop("key_results", None)
        yield ("objective", objective.id), data
        for kr in objective.key_results:
            yield ("key_result", kr.id), {"objective": objective.id, **unstructure(kr, KeyResult)}
    for initiative in okrset.initiatives:
        yield ("initiative", initiative.id), unstructure(initiative, Initiative)
    for dependency in okrset.dependencies:
        yield ("dependency", dependency_id(dependency)), unstructure(dependency, Dependency)


def orders_of(okrset: OKRSet) -> dict[Key, list[str]]:
    """The order of each list of ``okrset``, by (kind, parent).

    The parent is ``""`` for the set's own lists, an objective's id for its key results.
    The set's locale is the list ``(LOCALE, "")``.
    """
    orders: dict[Key, list[str]] = {
        (LOCALE, ""): [] if okrset.locale is None else [okrset.locale],
        ("cycle", ""): [c.id for c in okrset.cycles],
        ("owner", ""): [o.id for o in okrset.owners],
        ("objective", ""): [o.id for o in okrset.objectives],
        ("initiative", ""): [i.id for i in okrset.initiatives],
        ("dependency", ""): [dependency_id(d) for d in okrset.dependencies],
    }
    for objective in okrset.objectives:
        orders["key_result", objective.id] = [kr.id for kr in objective.key_results]
    return orders


def _ordered(ids: Mapping[str, Any], order: list[str] | None) -> list[str]:
    """The keys of ``ids`` in ``order``; any not in it after, sorted."""
    placed = [i for i in order or () if i in ids]
    rest = ids.keys() - placed
    return placed + sorted(rest) if rest else placed


# The loaders' fast path for the two kinds a set holds by the thousand; it gives None
# for any record it leaves to the converter, which then words every problem.
_FAST = {"objective": fast.objective, "owner": fast.owner}


def _structured(kind: str, ident: str, data: Record, source: str) -> Any:
    quick = _FAST.get(kind)
    made = quick(data) if quick is not None else None
    if made is not None:
        return made
    try:
        return _converter().structure(data, CLASSES[kind])
    except (OKRError, cattrs.BaseValidationError) as exc:
        problems = [
            p.located(path_prefix=f"{kind} {ident}", file=source) for p in problems_from(exc)
        ]
        raise LoadError(problems) from None


Kinds = dict[str, dict[str, Record]]
"""Live records by kind, then by id."""


def assemble(
    live: Mapping[Key, Record], orders: Mapping[Key, list[str]], *, source: str
) -> dict[str, Any]:
    """The fields of an :class:`OKRSet` (check-ins left out) from live records.

    Args:
        live: Each live entity's record, by (kind, id).
        orders: The order of each list, as :func:`orders_of` gives them.
        source: The store, for messages.

    Raises:
        LoadError: naming the store and the entity, for a record okrkit cannot read.
    """
    kinds: Kinds = {kind: {} for kind in CLASSES}
    for (kind, ident), record in live.items():
        kinds[kind][ident] = record
    lists: dict[str, dict[str, list[str]]] = {}
    for (kind, parent), ids in orders.items():
        lists.setdefault(kind, {})[parent] = ids
    return assemble_kinds(kinds, lists, source=source)


def assemble_kinds(
    kinds: Kinds,
    orders: Mapping[str, Mapping[str, list[str]]],
    *,
    source: str,
    owned: bool = False,
) -> dict[str, Any]:
    """What :func:`assemble` gives, from the live records by kind (every kind present).

    Args:
        kinds: Each live entity's record, by kind then id.
        orders: The order of each list, by kind then parent.
        source: The store, for messages.
        owned: The records are the caller's to give away: they are changed in place
            (a key result loses its ``objective``, an objective gains its key
            results) rather than copied.
    """
    children: Kinds = {}
    for ident, record in kinds["key_result"].items():
        children.setdefault(record["objective"], {})[ident] = record
    if owned:
        kinds["key_result"] = {}
    kr_orders = orders.get("key_result", {})
    fields: dict[str, Any] = {"locale": _locale_of(orders, source)}
    for kind in _LISTS:
        records = kinds[kind]
        ids = _ordered(records, orders.get(kind, {}).get(""))
        # Owned records are let go once structured (less for the garbage collector to
        # walk), unless a damaged order lists one twice.
        release = owned and len(ids) == len(records)
        items = []
        for ident in ids:
            data = records.pop(ident) if release else records[ident]
            if kind == "objective":
                krs = children.pop(ident, {}) if release else children.get(ident, {})
                order = _ordered(krs, kr_orders.get(ident))
                held = [_kr_data(krs[kr], owned) for kr in order]
                if owned:
                    data["key_results"] = held
                else:
                    data = {**data, "key_results": held}
            items.append(_structured(kind, ident, data, source))
        fields[f"{kind}s" if kind != "dependency" else "dependencies"] = items
    return fields


def _locale_of(orders: Mapping[str, Mapping[str, list[str]]], source: str) -> str | None:
    """The set's locale, kept as the list ``(LOCALE, "")`` (see the module)."""
    kept = orders.get(LOCALE, {}).get("")
    locale, problem = checked_locale(kept[0] if kept else None)
    if problem is not None:  # a damaged store, or a locale this babel does not know
        raise LoadError(problem.located(file=source))
    return locale


def _kr_data(record: Record, owned: bool) -> Record:
    if owned:  # listed twice in a damaged order, it is here twice: the same record
        record.pop("objective", None)
        return record
    data = dict(record)
    del data["objective"]
    return data


@functools.cache
def _defaults(kind: str) -> dict[str, Any]:
    """Each field's default, as plain data: what a record without the key means."""
    unstructure = _converter().unstructure
    found: dict[str, Any] = {}
    for field in attrs.fields(CLASSES[kind]):
        default = field.default
        if default is attrs.NOTHING:
            continue
        factory = getattr(default, "factory", None)  # an attrs.Factory
        if factory is not None:
            default = factory()
        found[field.name] = unstructure(default)
    return found


def changes_between(
    key: Key,
    old: Record | None,
    new: Record | None,
    *,
    workspace: str,
    at: dt.datetime,
    author: str | None,
) -> list[Change]:
    """The changes from record ``old`` to ``new`` (``None``: absent or retired).

    One change for a whole entity added or retired, else one per field that differs,
    in the order of the model class's fields.

    Examples:
        >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)
        >>> old = {"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}
        >>> [(c.field, c.old, c.new) for c in changes_between(("cycle", "q1"), old,
        ...     {**old, "name": "Quý 1"}, workspace="default", at=at, author=None)]
        [('name', 'Q1', 'Quý 1')]
    """
    kind, ident = key
    if old is None or new is None:
        if old is None and new is None:
            return []
        return [Change(workspace, kind, ident, None, old, new, at, author)]
    defaults = _defaults(kind)
    fields = [*(["objective"] if kind == "key_result" else []), *defaults, *old, *new]
    changes = []
    for name in dict.fromkeys(fields):
        before, after = old.get(name, defaults.get(name)), new.get(name, defaults.get(name))
        if before != after:
            changes.append(Change(workspace, kind, ident, name, before, after, at, author))
    return changes


def saved_over(
    okrset: OKRSet,
    live: dict[Key, Record],
    *,
    workspace: str,
    at: dt.datetime,
    author: str | None,
) -> tuple[list[Change], list[Key]]:
    """Save ``okrset``'s records over ``live`` (updated in place).

    Returns:
        The changes, and the keys of the entities that are new or changed.
    """
    changes: list[Change] = []
    changed: list[Key] = []
    for key, record in records_of(okrset):
        old = live.get(key)
        if old != record:
            changes += changes_between(key, old, record, workspace=workspace, at=at, author=author)
            changed.append(key)
            live[key] = record
    return changes, changed
