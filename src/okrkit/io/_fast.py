"""A fast way to structure the common shapes of objectives and owners.

cattrs' generated functions check shapes one field at a time through several layers of
hooks; for a file of 100,000 objectives that is most of the load. The functions here
read an entry that has the common shape (known keys only, key results and metrics as
mappings, links as ids) with the same small conversions the converter's hooks make
(ints to floats, ISO text to dates, enum values to members), and hand every value to
the model classes, which check it exactly as they do for the converter.

Anything else, and any entry the model refuses, gives ``None``: the caller then
structures the entry through the converter, which words every problem with its path.
Only those two are caught (the shape check's own signal and the model's
:class:`~okrkit.errors.ValidationError`): any other exception is a bug and propagates.
"""

from __future__ import annotations

from typing import Any

import attrs

from okrkit.errors import ValidationError
from okrkit.io._converter import date_or_raw, number_or_raw
from okrkit.model import (
    Alignment,
    KeyResult,
    LinkKind,
    Metric,
    Objective,
    Owner,
)

__all__ = ["objective", "owner"]


def _keys(cls: type) -> frozenset[str]:
    """The keys a file may give ``cls`` (``lint`` for the field ``lint_ignore``)."""
    return frozenset(
        "lint" if field.name == "lint_ignore" else field.name
        for field in attrs.fields(cls)
        if field.init
    )


def _required(cls: type) -> frozenset[str]:
    return frozenset(
        field.name for field in attrs.fields(cls) if field.init and field.default is attrs.NOTHING
    )


_ALIGNMENT_KEYS = _keys(Alignment)
_ALIGNMENT_REQUIRED = _required(Alignment)
_CONTRIBUTES = LinkKind.CONTRIBUTES  # a plain name: an enum's member is read slowly
_OBJECTIVE_KEYS = _keys(Objective)
_OBJECTIVE_REQUIRED = _required(Objective)
_KEY_RESULT_KEYS = _keys(KeyResult)
_KEY_RESULT_REQUIRED = _required(KeyResult)
_METRIC_KEYS = _keys(Metric)
_METRIC_REQUIRED = _required(Metric)
_OWNER_KEYS = _keys(Owner)
_OWNER_REQUIRED = _required(Owner)


class _UncommonShapeError(Exception):
    """An entry of a shape this fast path leaves to the converter."""


def _ids(value: Any) -> Any:
    """One id, or a list of them, as the tuple the model keeps; anything else as is."""
    if type(value) is str:
        return (value,)
    if type(value) is list:
        return tuple(value)
    return value


def _link(item: Any) -> Alignment:
    """One link: a parent id, or a mapping of the link's fields."""
    if type(item) is str:
        return Alignment(parent=item)
    if type(item) is not dict or not _ALIGNMENT_KEYS >= item.keys() >= _ALIGNMENT_REQUIRED:
        raise _UncommonShapeError
    get = item.get
    return Alignment(
        parent=item["parent"],
        kind=get("kind", _CONTRIBUTES),
        weight=number_or_raw(get("weight", 1.0)),
    )


def _links(value: Any) -> tuple[Alignment, ...]:
    """One link or a list of them, as the converter's hook for links reads them."""
    if type(value) is list:
        return tuple([_link(item) for item in value])
    if type(value) is str or type(value) is dict:
        return (_link(value),)
    raise _UncommonShapeError


def _lint(raw: dict[str, Any]) -> Any:
    """The codes of ``lint: {ignore: [...]}``, or ``()`` when the entry has no ``lint``."""
    if "lint" not in raw:
        return ()
    lint = raw["lint"]
    if type(lint) is not dict or lint.keys() - {"ignore"}:
        raise _UncommonShapeError
    codes = lint.get("ignore", [])
    if type(codes) is not list:
        raise _UncommonShapeError
    return tuple(codes)


# The entities are made with every field named, as the converter makes them: the model
# checks every value exactly as it does for the converter.


def _metric(raw: Any) -> Metric:
    if type(raw) is not dict or not _METRIC_KEYS >= raw.keys() >= _METRIC_REQUIRED:
        raise _UncommonShapeError
    get = raw.get
    return Metric(
        kind=raw["kind"],
        start=number_or_raw(get("start")),
        target=number_or_raw(get("target")),
        unit=get("unit", "count"),
        currency=get("currency"),
        scale=get("scale"),
        stretch=number_or_raw(get("stretch")),
    )


def _key_result(raw: Any) -> KeyResult:
    if (
        type(raw) is not dict
        or not _KEY_RESULT_KEYS >= raw.keys() >= _KEY_RESULT_REQUIRED
        or raw.get("plan")
        or raw.get("final_grade") is not None
    ):
        raise _UncommonShapeError
    get = raw.get
    return KeyResult(
        id=raw["id"],
        title=raw["title"],
        metric=_metric(raw["metric"]),
        description=get("description", ""),
        owners=_ids(get("owners", ())),
        weight=number_or_raw(get("weight", 1.0)),
        due=date_or_raw(get("due")),
        aligned_to=_links(raw["aligned_to"]) if "aligned_to" in raw else (),
        plan=(),
        final_grade=None,
        carried_from=get("carried_from"),
        lint_ignore=_lint(raw),
    )


def objective(raw: Any) -> Objective | None:
    """The objective ``raw`` describes, or ``None`` to leave it to the converter."""
    try:
        if (
            type(raw) is not dict
            or not _OBJECTIVE_KEYS >= raw.keys() >= _OBJECTIVE_REQUIRED
            or raw.get("final_grade") is not None
        ):
            return None
        get = raw.get
        key_results = get("key_results", [])
        if type(key_results) is not list:
            return None
        return Objective(
            id=raw["id"],
            title=raw["title"],
            owner=raw["owner"],
            cycle=raw["cycle"],
            level=raw["level"],
            ambition=get("ambition", "committed"),
            description=get("description", ""),
            aligned_to=_links(raw["aligned_to"]) if "aligned_to" in raw else (),
            tags=_ids(get("tags", ())),
            key_results=tuple([_key_result(kr) for kr in key_results]),
            final_grade=None,
            carried_from=get("carried_from"),
            lint_ignore=_lint(raw),
        )
    except (_UncommonShapeError, ValidationError):  # the converter will word the problem
        return None


def owner(raw: Any) -> Owner | None:
    """The owner ``raw`` describes, or ``None`` to leave it to the converter."""
    if type(raw) is not dict or not _OWNER_KEYS >= raw.keys() >= _OWNER_REQUIRED:
        return None
    try:
        return Owner(
            id=raw["id"],
            name=raw["name"],
            kind=raw.get("kind", "person"),
            parent=raw.get("parent"),
        )
    except ValidationError:  # the converter will word the problem
        return None
