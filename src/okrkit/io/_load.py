"""Turning plain data into an :class:`~okrkit.model.OKRSet`, collecting every problem."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs

from okrkit.errors import LoadError, Problem, ValidationError
from okrkit.i18n import _
from okrkit.io._converter import PathPart, problems_from
from okrkit.model import (
    CheckIn,
    Cycle,
    Dependency,
    Initiative,
    KeyResult,
    Objective,
    OKRSet,
    Owner,
)
from okrkit.model._okrset import reference_problems

__all__ = ["locate", "parse_path", "structure_okrset"]

_SECTIONS: tuple[tuple[str, type, bool], ...] = (
    ("cycles", Cycle, True),
    ("owners", Owner, True),
    ("objectives", Objective, True),
    ("initiatives", Initiative, False),
    ("checkins", CheckIn, False),
    ("dependencies", Dependency, False),
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


def _salvage(item: Any, kind: type, converter: cattrs.Converter) -> tuple[Any, list[int]]:
    """Rebuild a failed objective from its valid parts, or return ``None``.

    When only some of an objective's key results are wrong, the objective's own
    fields and its other key results can still be checked against the rest of the
    file, so one bad key result does not hide an unknown owner beside it. The
    problems of this second attempt were reported by the first and are dropped.

    Returns:
        The rebuilt objective (or ``None``) and, for each of its key results, the
        index it had in the file.
    """
    if kind is not Objective or not isinstance(item, Mapping):
        return None, []
    raw_krs = item.get("key_results")
    if not isinstance(raw_krs, list):
        return None, []
    good: list[KeyResult] = []
    positions: list[int] = []
    for position, raw in enumerate(raw_krs):
        try:
            good.append(converter.structure(raw, KeyResult))
        except Exception:  # noqa: BLE001 - reported by the first attempt
            continue
        positions.append(position)
    try:
        shell = converter.structure({**item, "key_results": []}, Objective)
        return attrs.evolve(shell, key_results=good), positions
    except Exception:  # noqa: BLE001 - reported by the first attempt
        return None, []


_KR_PATH = re.compile(r"^objectives\[(\d+)\]\.key_results\[(\d+)\]")


def _restore_positions(path: str | None, positions: Mapping[int, list[int]]) -> str | None:
    """Give a salvaged objective's key results back the indices they have in the file."""
    match = _KR_PATH.match(path or "")
    if path is None or match is None or int(match.group(1)) not in positions:
        return path
    objective, kr = int(match.group(1)), int(match.group(2))
    original = positions[objective][kr]
    return f"objectives[{objective}].key_results[{original}]" + path[match.end() :]


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
    loader = _Loader(data, converter)
    okrset = loader.build()
    if okrset is not None:
        return okrset
    line_of = lines()
    raise LoadError([loader.locate(problem, line_of, source) for problem in loader.problems])


class _Loader:
    """One load: structures each entry on its own and keeps every problem."""

    def __init__(self, data: Mapping[str, Any], converter: cattrs.Converter) -> None:
        self.data = data
        self.converter = converter
        self.problems: list[Problem] = [
            Problem(
                message=_("unknown key {key!r}; the keys of an OKR file are: {known}").format(
                    key=key, known=", ".join(_TOP_KEYS)
                ),
                path=str(key),
            )
            for key in data
            if key not in _TOP_KEYS
        ]
        self.known: dict[str, str] = {}
        self.positions: dict[int, list[int]] = {}
        self.failed = False

    def build(self) -> OKRSet | None:
        """Return the OKR set, or ``None`` when :attr:`problems` says why not."""
        sections = {name: self.section(name, kind, required) for name, kind, required in _SECTIONS}
        schema_version = self.data.get("schema_version", 1)
        if not self.problems and not self.failed:
            try:
                return OKRSet(schema_version=schema_version, **sections)
            except ValidationError as exc:
                self.problems.extend(exc.problems)
                return None
        more, _index, _objective_of = reference_problems(
            schema_version=schema_version, assume_known=self.known, **sections
        )
        self.problems.extend(
            dataclasses.replace(problem, path=_restore_positions(problem.path, self.positions))
            for problem in more
        )
        return None

    def section(self, name: str, kind: type, required: bool) -> list[Any]:
        """Structure one top-level list; failed entries stand as ``None``."""
        raw = self.data.get(name)
        if raw is None:
            if required:
                self.problems.append(
                    Problem(
                        message=_(
                            "required key {key!r} is missing; add it, even as an empty list"
                        ).format(key=name)
                    )
                )
            return []
        if not isinstance(raw, list):
            self.problems.append(
                Problem(
                    message=_("must be a list of entries (got {value!r})").format(value=raw),
                    path=name,
                )
            )
            return []
        return [self.entry(name, kind, index, item) for index, item in enumerate(raw)]

    def entry(self, name: str, kind: type, index: int, item: Any) -> Any:
        """Structure one entry, or record its problems and salvage what can be checked."""
        try:
            return self.converter.structure(item, kind)
        except Exception as exc:  # noqa: BLE001 - every problem is collected
            self.failed = True
            self.problems.extend(problems_from(exc, (name, index)))
        salvaged, kr_positions = _salvage(item, kind, self.converter)
        # Ids of what failed, so references to them are not reported again; a
        # salvaged objective and its good key results are checked as usual.
        raw_ids = _raw_ids(name, item, f"{name}[{index}]")
        if isinstance(salvaged, Objective):
            self.positions[index] = kr_positions
            raw_ids.pop(salvaged.id, None)
            for kr in salvaged.key_results:
                raw_ids.pop(kr.id, None)
        self.known.update(raw_ids)
        return salvaged

    def locate(
        self, problem: Problem, line_of: Mapping[tuple[PathPart, ...], int], source: str
    ) -> Problem:
        """Add the file, the line of the nearest value and the entity id to a problem."""
        return locate(problem, self.data, line_of, source)


def locate(
    problem: Problem, data: Any, line_of: Mapping[tuple[PathPart, ...], int], source: str
) -> Problem:
    """Place ``problem`` in ``source``, with its line and entity id.

    The line is that of the nearest value on the problem's path; the entity id is that
    of the innermost entry the path goes through in the raw ``data``.
    """
    parts = parse_path(problem.path) if problem.path else ()
    line = problem.line
    for end in range(len(parts), -1, -1):
        if line is not None:
            break
        line = line_of.get(parts[:end])
    return dataclasses.replace(
        problem,
        entity_id=problem.entity_id or _entity_at(data, parts),
        file=source,
        line=line,
    )
