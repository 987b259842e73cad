"""The cattrs converter between model objects and plain data (dicts, lists, scalars).

Structuring passes scalar values through untouched: the model classes check and
normalise every field themselves, so a file and a Python caller get the same
messages. The converter's own work is the shape: mappings where a mapping belongs,
lists where a list belongs, no unknown keys, no missing required keys, and every
problem collected rather than the first one raised.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from okrkit.checkins import CheckInLog
from okrkit.errors import Message, OKRError, Problem, Shown, ValidationError
from okrkit.errors._message import as_found, message_of
from okrkit.i18n import N_
from okrkit.io._lint_field import FILE_KEYS, file_path, has_lint, lint_codes, lint_data
from okrkit.io._tables import table_texts
from okrkit.model import (
    Alignment,
    Ambition,
    Confidence,
    InitiativeStatus,
    Level,
    LinkKind,
    MetricKind,
    OwnerKind,
    Status,
    Unit,
)
from okrkit.model._words import label_of

__all__ = [
    "STRUCTURE_ERRORS",
    "configure_structure",
    "configure_unstructure",
    "date_or_raw",
    "make_converter",
    "number_or_raw",
    "path_text",
    "problems_from",
]

PathPart = str | int

STRUCTURE_ERRORS = (ValidationError, BaseValidationError)
"""What structuring raises for input that breaks a rule; read it with :func:`problems_from`.

Anything else raised while structuring is a bug in okrkit, and propagates as one.
"""

_ENUMS: tuple[type[enum.Enum], ...] = (
    Ambition,
    Confidence,
    InitiativeStatus,
    Level,
    LinkKind,
    MetricKind,
    OwnerKind,
    Status,
    Unit,
)


def path_text(path: tuple[PathPart, ...]) -> str:
    """Write a path as text: ``("objectives", 2, "title")`` -> ``objectives[2].title``.

    Examples:
        >>> path_text(("objectives", 2, "key_results", 0, "metric"))
        'objectives[2].key_results[0].metric'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _raw(value: Any, _type: Any) -> Any:
    """Pass a scalar through; the model class checks it."""
    return value


def number_or_raw(value: Any) -> Any:
    """Turn an int into a float up front (the model's fast path wants floats).

    An int too large for a float is passed on as it is, for the model to refuse.
    """
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            return value
    return value


def _float_or_raw(value: Any, _type: Any) -> Any:
    return number_or_raw(value)


def date_or_raw(value: Any) -> Any:
    """Read ISO text as a date up front; leave anything else for the model to judge."""
    if type(value) is str:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _date_or_raw(value: Any, _type: Any) -> Any:
    return date_or_raw(value)


def _is(expected: Any) -> Callable[[Any], bool]:
    """A hook predicate matching exactly one (generic) type."""
    return lambda tp: bool(tp == expected)


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _is_tuple_of(predicate: Callable[[Any], bool]) -> Callable[[Any], bool]:
    def check(tp: Any) -> bool:
        args = typing.get_args(tp)
        return (
            typing.get_origin(tp) is tuple
            and len(args) == 2
            and args[1] is Ellipsis
            and predicate(args[0])
        )

    return check


def make_converter(*, dates_as_text: bool = False) -> cattrs.Converter:
    """Make the converter okrkit uses to load and dump OKR sets.

    Args:
        dates_as_text: Unstructure dates as ISO text (``"2026-03-31"``), for formats
            without a date type such as JSON. YAML and TOML keep real dates.

    Returns:
        A new :class:`cattrs.Converter`; changing it does not change okrkit's own.

    Examples:
        >>> from okrkit.model import Cycle
        >>> conv = make_converter(dates_as_text=True)
        >>> conv.unstructure(Cycle.quarter(2026, 1))
        {'id': '2026-Q1', 'name': 'Q1 2026', 'start': '2026-01-01', 'end': '2026-03-31'}
    """
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    configure_structure(conv)
    configure_unstructure(conv, dates_as_text=dates_as_text)
    return conv


def configure_structure(conv: cattrs.Converter) -> None:
    """Teach ``conv`` to structure OKR data: shapes checked, scalars passed through.

    The model classes check and normalise scalars themselves. The hooks here make
    sure a mapping stands where a mapping belongs and a list where a list belongs,
    forbid unknown keys, and collect every problem instead of stopping at the first.
    """
    for scalar in (str, int, bool):
        conv.register_structure_hook(scalar, _raw)
    conv.register_structure_hook(float, _float_or_raw)
    conv.register_structure_hook(dt.date, _date_or_raw)
    conv.register_structure_hook_func(_is_enum, _raw)
    conv.register_structure_hook_func(_is(tuple[str, ...]), _raw)
    conv.register_structure_hook_func(_is(tuple[float, float]), _raw)
    conv.register_structure_hook_factory(_is_tuple_of(attrs.has), _list_hook)
    # Registered after the list factory, so that it wins for alignment links.
    conv.register_structure_hook_factory(_is(tuple[Alignment, ...]), _links_hook)
    conv.register_structure_hook_factory(attrs.has, _class_hook)


def _list_hook(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure a list of records, every item's problems collected."""
    (item_type, _ellipsis) = typing.get_args(tp)

    def hook(value: Any, _type: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise ValidationError(
                Problem(
                    "field.type",
                    Message(
                        N_("must be a list, each item {kind} (got {value})"),
                        kind=label_of(item_type, article=True),
                        value=as_found(value),
                    ),
                )
            )
        return _collect(value, lambda item: conv.structure(item, item_type))

    return hook


def _links_hook(_tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure alignment links: one parent id, a link, or a list of either."""

    def structure_link(item: Any) -> Alignment:
        if isinstance(item, str):
            return Alignment(parent=item)
        return conv.structure(item, Alignment)

    def hook(value: Any, _type: Any) -> Any:
        if isinstance(value, str | Mapping):
            value = [value]
        if not isinstance(value, list | tuple):
            return value  # the model reports what it is
        return _collect(value, structure_link)

    return hook


def _class_hook(cls: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure a record from a mapping, refusing unknown keys."""
    renamed: dict[str, Any] = (
        {"lint_ignore": override(rename="lint", struct_hook=lint_codes)} if has_lint(cls) else {}
    )
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, **renamed
    )

    def hook(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise ValidationError(
                Problem(
                    "field.type",
                    Message(
                        N_("must be the fields of {kind}, written as key: value (got {value})"),
                        kind=label_of(cls, article=True),
                        value=as_found(value),
                    ),
                )
            )
        return inner(value, cls)

    return hook


def _collect(items: Sequence[Any], structure: Callable[[Any], Any]) -> tuple[Any, ...]:
    """Structure each item, raising one error with the problems of all that fail."""
    out: list[Any] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        try:
            out.append(structure(item))
        except STRUCTURE_ERRORS as exc:
            problems.extend(problems_from(exc, (index,)))
    if problems:
        raise ValidationError(problems)
    return tuple(out)


def _unstructure_float(value: float) -> float | int:
    """Write whole numbers without ``.0``: people write ``35``, not ``35.0``."""
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _is_any_tuple(tp: Any) -> bool:
    return tp is tuple or typing.get_origin(tp) is tuple


def configure_unstructure(conv: cattrs.Converter, *, dates_as_text: bool = False) -> None:
    """Teach ``conv`` to unstructure OKR data compactly, defaults left out."""
    conv.register_unstructure_hook(float, _unstructure_float)
    # Registered per class: a str or int subclass would otherwise match str or int first.
    for enum_type in _ENUMS:
        conv.register_unstructure_hook(enum_type, _enum_value)
    if dates_as_text:
        conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    else:
        conv.register_unstructure_hook(dt.date, _identity)
    # Generic tuples first: hooks registered later win, so the specific ones follow.
    conv.register_unstructure_hook_func(
        _is_any_tuple, lambda value: [conv.unstructure(item) for item in value]
    )

    def unstructure_links(links: tuple[Alignment, ...]) -> Any:
        out: list[Any] = []
        for link in links:
            if link.kind is LinkKind.CONTRIBUTES and link.weight == 1.0:
                out.append(link.parent)
            else:
                out.append(conv.unstructure(link, Alignment))
        if len(out) == 1 and isinstance(out[0], str):
            return out[0]
        return out

    conv.register_unstructure_hook_func(_is(tuple[Alignment, ...]), unstructure_links)
    conv.register_unstructure_hook_func(
        _is(tuple[float, float]), lambda pair: [_unstructure_float(v) for v in pair]
    )

    def unstructure_class(cls: type) -> Callable[[Any], Any]:
        renamed: dict[str, Any] = (
            {"lint_ignore": override(rename="lint", unstruct_hook=lint_data)}
            if has_lint(cls)
            else {}
        )
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **renamed)

    conv.register_unstructure_hook_factory(attrs.has, unstructure_class)
    # Check-ins are written as one text table per key result (see okrkit.io._tables).
    conv.register_unstructure_hook(CheckInLog, table_texts)


def _identity(value: Any) -> Any:
    return value


def _known_keys(cls: type) -> str:
    return ", ".join(
        FILE_KEYS.get(field.name, field.name) for field in attrs.fields(cls) if field.init
    )


def problems_from(exc: BaseException, path: tuple[PathPart, ...] = ()) -> list[Problem]:
    """Turn an exception raised while structuring into located problems.

    Walks cattrs' exception groups, so every problem keeps the path to the value
    that caused it. Only what means bad input becomes a problem: okrkit's own errors,
    cattrs' unknown keys, and the ``KeyError`` of a required key that is missing.

    Raises:
        Exception: any other exception found, unchanged: it is a bug, not a problem
            with the input, and must not be worded as one.
    """
    if isinstance(exc, ValidationError):
        prefix = path_text(path)
        located = [problem.located(path_prefix=prefix) for problem in exc.problems]
        return [
            dataclasses.replace(problem, path=file_path(problem.path))
            if problem.path and "lint_ignore" in problem.path
            else problem
            for problem in located
        ]
    if isinstance(exc, OKRError):
        return [Problem("value.invalid", message_of(exc), path=path_text(path) or None)]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        return _group_problems(exc, path)
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Problem(
                "key.unknown",
                Message(
                    N_("unknown key {key!r}; the keys of {kind} are: {known}"),
                    key=Shown(key),
                    kind=label_of(exc.cl, article=True),
                    known=_known_keys(exc.cl),
                ),
                path=path_text((*path, key)),
            )
            for key in sorted(exc.extra_fields, key=str)
        ]
    raise exc


def _group_problems(
    group: ClassValidationError | IterableValidationError, path: tuple[PathPart, ...]
) -> list[Problem]:
    """The problems of each exception in a cattrs group, placed by the group's notes."""
    problems: list[Problem] = []
    with_notes, others = group.group_exceptions()
    for sub, note in with_notes:
        if isinstance(note, IterableValidationNote):
            problems.extend(problems_from(sub, (*path, note.index)))
        elif type(sub) is KeyError and sub.args == (note.name,):
            # cattrs reads each required key as ``mapping[name]``: the key is missing.
            problems.append(
                Problem(
                    "key.missing",
                    Message(N_("required key {key!r} is missing; add it"), key=Shown(note.name)),
                    path=path_text((*path, note.name)),
                )
            )
        else:
            problems.extend(problems_from(sub, (*path, FILE_KEYS.get(note.name, note.name))))
    for sub in others:
        problems.extend(problems_from(sub, path))
    return problems
