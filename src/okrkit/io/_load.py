"""Turning plain data into an :class:`~okrkit.model.OKRSet`, collecting every problem."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import cattrs

from okrkit.errors import LoadError, Problem, ValidationError
from okrkit.i18n import _
from okrkit.io._converter import PathPart, problems_from
from okrkit.model import CheckIn, Cycle, Initiative, Objective, OKRSet, Owner
from okrkit.model._okrset import reference_problems

__all__ = ["structure_okrset"]

_SECTIONS: tuple[tuple[str, type, bool], ...] = (
    ("cycles", Cycle, True),
    ("owners", Owner, True),
    ("objectives", Objective, True),
    ("initiatives", Initiative, False),
    ("checkins", CheckIn, False),
)
_TOP_KEYS = ("schema_version", *(name for name, _kind, _required in _SECTIONS))
_PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> tuple[PathPart, ...]:
    """Read a path such as ``objectives[2].title`` back into its parts."""
    return tuple(int(index) if index else name for name, index in _PATH_TOKEN.findall(path))


def _raw_ids(section: str, item: Any, where: str) -> dict[str, str]:
    """The ids a raw entry would define, so references to it are not reported twice."""
    found: dict[str, str] = {}
    if not isinstance(item, Mapping):
        return found
    if isinstance(item.get("id"), str | int):
        found[str(item["id"])] = where
    if section == "objectives" and isinstance(item.get("key_results"), list):
        for j, kr in enumerate(item["key_results"]):
            if isinstance(kr, Mapping) and isinstance(kr.get("id"), str | int):
                found[str(kr["id"])] = f"{where}.key_results[{j}]"
    return found


def _entity_at(data: Any, path: tuple[PathPart, ...]) -> str | None:
    """The id of the innermost entry along ``path`` in the raw data."""
    found: str | None = None
    node = data
    for part in path:
        if isinstance(node, Mapping):
            ident = node.get("id", node.get("key_result"))
            if isinstance(ident, str | int) and not isinstance(ident, bool):
                found = str(ident)
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
    if isinstance(node, Mapping):
        ident = node.get("id", node.get("key_result"))
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            found = str(ident)
    return found


def structure_okrset(
    data: Any,
    *,
    converter: cattrs.Converter,
    source: str,
    lines: Callable[[], Mapping[tuple[PathPart, ...], int]],
) -> OKRSet:
    """Build an OKR set from parsed data, reporting every problem with file and line.

    Args:
        data: What the format's reader produced.
        converter: The converter that structures each entry.
        source: The file name (or ``<string>``) for messages.
        lines: Returns the line of each path; called only when a problem needs it.

    Raises:
        LoadError: listing every problem found.
    """
    if not isinstance(data, Mapping):
        raise LoadError(
            Problem(
                message=_(
                    "an OKR file must hold a mapping with the keys {keys}; this one holds {got}"
                ).format(
                    keys=", ".join(_TOP_KEYS),
                    got=_("nothing") if data is None else type(data).__name__,
                ),
                file=source,
                line=1,
            )
        )
    problems = [
        Problem(
            message=_("unknown key {key!r}; the keys of an OKR file are: {known}").format(
                key=key, known=", ".join(_TOP_KEYS)
            ),
            path=str(key),
        )
        for key in data
        if key not in _TOP_KEYS
    ]
    sections: dict[str, list[Any]] = {}
    known: dict[str, str] = {}
    failed = False
    for name, kind, required in _SECTIONS:
        raw = data.get(name)
        if raw is None:
            if required:
                problems.append(
                    Problem(
                        message=_(
                            "required key {key!r} is missing; add it, even as an empty list"
                        ).format(key=name),
                        path=None,
                    )
                )
            sections[name] = []
            continue
        if not isinstance(raw, list):
            problems.append(
                Problem(
                    message=_("must be a list of entries (got {value!r})").format(value=raw),
                    path=name,
                )
            )
            sections[name] = []
            continue
        items: list[Any] = []
        for index, item in enumerate(raw):
            try:
                items.append(converter.structure(item, kind))
            except Exception as exc:  # noqa: BLE001 - every problem is collected
                failed = True
                items.append(None)
                problems.extend(problems_from(exc, (name, index)))
                known.update(_raw_ids(name, item, f"{name}[{index}]"))
        sections[name] = items

    schema_version = data.get("schema_version", 1)
    if not problems and not failed:
        try:
            return OKRSet(schema_version=schema_version, **sections)
        except ValidationError as exc:
            problems.extend(exc.problems)
    else:
        more, _index, _objective_of = reference_problems(
            schema_version=schema_version, assume_known=known, **sections
        )
        problems.extend(more)

    line_of = lines()
    located: list[Problem] = []
    for problem in problems:
        parts = parse_path(problem.path) if problem.path else ()
        line = None
        for end in range(len(parts), -1, -1):
            line = line_of.get(parts[:end])
            if line is not None:
                break
        entity_id = problem.entity_id or _entity_at(data, parts)
        located.append(
            Problem(
                message=problem.message,
                entity_id=entity_id,
                path=problem.path,
                file=source,
                line=problem.line if problem.line is not None else line,
            )
        )
    raise LoadError(located)
