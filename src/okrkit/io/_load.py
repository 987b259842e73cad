"""Turning plain data into an :class:`~okrkit.model.OKRSet`, collecting every problem."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Protocol

import attrs
import cattrs

from okrkit.errors import LoadError, Message, Problem, Shown, ValidationError, kind_of
from okrkit.errors._message import as_found
from okrkit.i18n import N_
from okrkit.io import _fast as fast
from okrkit.io._checkins import Anchor, CheckinSection, read_checkins
from okrkit.io._converter import STRUCTURE_ERRORS, PathPart, problems_from
from okrkit.io._lines import PathKey, Place
from okrkit.model import (
    Cycle,
    Dependency,
    Initiative,
    KeyResult,
    Objective,
    OKRSet,
    Owner,
)
from okrkit.model._okrset import checked_locale
from okrkit.model._rules import reference_problems

__all__ = ["ENTRIES", "Lines", "locate", "locate_all", "parse_path", "structure_okrset"]

_SECTIONS: tuple[tuple[str, type, bool], ...] = (
    ("cycles", Cycle, True),
    ("owners", Owner, True),
    ("objectives", Objective, True),
    ("initiatives", Initiative, False),
    ("dependencies", Dependency, False),
)
_TOP_KEYS = (
    "schema_version",
    "locale",
    "cycles",
    "owners",
    "objectives",
    "initiatives",
    "checkins",
    "dependencies",
)


_FAST: dict[type, Callable[[Any], Any]] = {Objective: fast.objective, Owner: fast.owner}
ENTRIES: dict[str, Callable[[Any], Any]] = {"objectives": fast.objective, "owners": fast.owner}
"""What a reader may build while it reads (see :class:`~okrkit.io.Format`)."""


class Lines(Protocol):
    """**Protocol:** finds the lines of paths in a file's text, only when asked."""

    def find(self, paths: Collection[PathKey]) -> Mapping[PathKey, Place]:
        """The place of each path found; paths not in the file are left out."""
        ...


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
        except STRUCTURE_ERRORS:  # reported by the first attempt
            continue
        positions.append(position)
    try:
        shell = converter.structure({**item, "key_results": []}, Objective)
        return attrs.evolve(shell, key_results=good), positions
    except STRUCTURE_ERRORS:  # reported by the first attempt
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
    lines: Lines,
) -> OKRSet:
    """Build an OKR set from parsed data, reporting every problem with file and line.

    Args:
        data: What the format's reader produced.
        converter: The converter that structures each entry.
        source: The file name (or ``<string>``) for messages.
        lines: Finds the lines of paths; asked only when there is a problem.

    Raises:
        LoadError: listing every problem found.
    """
    if not isinstance(data, Mapping):
        raise LoadError(
            Problem(
                "file.shape",
                Message(
                    N_(
                        "an OKR file holds its sections as key: value, with the keys {keys}; "
                        "this one holds {got}"
                    ),
                    keys=", ".join(_TOP_KEYS),
                    got=kind_of(data),
                ),
                file=source,
                line=1,
            )
        )
    loader = _Loader(data, converter)
    okrset = loader.build()
    if okrset is not None:
        return okrset
    raise LoadError(locate_all(loader.problems, data, lines, source))


class _Loader:
    """One load: structures each entry on its own and keeps every problem."""

    def __init__(self, data: Mapping[str, Any], converter: cattrs.Converter) -> None:
        self.data = data
        self.converter = converter
        self.problems: list[tuple[Problem, Anchor | None]] = [
            (
                Problem(
                    "key.unknown",
                    Message(
                        N_("unknown key {key!r}; the keys of an OKR file are: {known}"),
                        key=Shown(key),
                        known=", ".join(_TOP_KEYS),
                    ),
                    path=str(key),
                ),
                None,
            )
            for key in data
            if key not in _TOP_KEYS
        ]
        self.known: dict[str, str] = {}
        self.positions: dict[int, list[int]] = {}
        self.failed = False

    def add(self, problems: Iterable[Problem]) -> None:
        self.problems.extend((problem, None) for problem in problems)

    def build(self) -> OKRSet | None:
        """Return the OKR set, or ``None`` when :attr:`problems` says why not."""
        locale, locale_problem = checked_locale(self.data.get("locale"))
        if locale_problem is not None:
            self.add([locale_problem])
        sections = {name: self.section(name, kind, required) for name, kind, required in _SECTIONS}
        checkins = read_checkins(self.data.get("checkins"))
        self.problems.extend(checkins.problems)
        schema_version = self.data.get("schema_version", 1)
        if not self.problems and not self.failed:
            try:
                return OKRSet(
                    schema_version=schema_version,
                    locale=locale,
                    checkins=checkins.log,
                    **sections,
                )
            except ValidationError as exc:
                self.relocated(exc.problems, checkins)
                return None
        more, _index, _objective_of = reference_problems(
            schema_version=schema_version,
            assume_known=self.known,
            checkins=checkins.log,
            **sections,
        )
        self.relocated(
            (
                dataclasses.replace(problem, path=_restore_positions(problem.path, self.positions))
                for problem in more
            ),
            checkins,
        )
        return None

    def relocated(self, problems: Iterable[Problem], checkins: CheckinSection) -> None:
        """Add problems of the whole set, check-ins pointed back at their rows."""
        for problem in problems:
            if (problem.path or "").startswith("checkins["):
                self.problems.append(checkins.relocate(problem))
            else:
                self.problems.append((problem, None))

    def section(self, name: str, kind: type, required: bool) -> list[Any]:
        """Structure one top-level list; failed entries stand as ``None``."""
        raw = self.data.get(name)
        if raw is None:
            if required:
                self.add(
                    [
                        Problem(
                            "key.missing",
                            Message(
                                N_(
                                    "required key {key!r} is missing; add it, even as an "
                                    "empty list"
                                ),
                                key=Shown(name),
                            ),
                        )
                    ]
                )
            return []
        if not isinstance(raw, list):
            self.add(
                [
                    Problem(
                        "field.type",
                        Message(
                            N_("must be a list of entries (got {value!r})"), value=as_found(raw)
                        ),
                        path=name,
                    )
                ]
            )
            return []
        out = []
        for index, item in enumerate(raw):
            before = len(self.problems)
            made = self.entry(name, kind, index, item)
            if made is not None and made is not item and len(self.problems) == before:
                raw[index] = made  # the raw mapping is no longer needed: let it go
            out.append(made)
        return out

    def entry(self, name: str, kind: type, index: int, item: Any) -> Any:
        """Structure one entry, or record its problems and salvage what can be checked."""
        if type(item) is kind:  # built while the file was read
            return item
        fast = _FAST.get(kind)
        if fast is not None:
            made = fast(item)
            if made is not None:
                return made
        try:
            return self.converter.structure(item, kind)
        except STRUCTURE_ERRORS as exc:  # every problem is collected; a bug propagates
            self.failed = True
            self.add(problems_from(exc, (name, index)))
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


def _anchor_of(problem: Problem, anchor: Anchor | None) -> list[PathKey]:
    """The paths whose lines could place ``problem``, nearest first."""
    if anchor is not None:
        return [anchor[0]]
    parts = parse_path(problem.path) if problem.path else ()
    return [parts[:end] for end in range(len(parts), -1, -1)]


def locate_all(
    problems: Iterable[tuple[Problem, Anchor | None]],
    data: Any,
    lines: Lines | Mapping[PathKey, int],
    source: str,
) -> list[Problem]:
    """Place every problem in ``source``, with its line and entity id.

    The lines of all problems are found in one pass over the text. A problem's line is
    that of the nearest value on its path, or, for a row of a check-in table, the row's
    own line.
    """
    pending = list(problems)
    wanted = {path for problem, anchor in pending for path in _anchor_of(problem, anchor)}
    if isinstance(lines, Mapping):
        places: Mapping[PathKey, Place] = {
            path: (lines[path], None) for path in wanted if path in lines
        }
    else:
        places = lines.find(wanted)
    out: list[Problem] = []
    for problem, anchor in pending:
        line = problem.line
        if line is None and anchor is not None:
            place = places.get(anchor[0])
            if place is not None:
                block, offset = place[1], anchor[1]
                line = block + offset if block is not None and offset is not None else place[0]
        if line is None and anchor is None:
            for path in _anchor_of(problem, None):
                if path in places:
                    line = places[path][0]
                    break
        parts = parse_path(problem.path) if problem.path and anchor is None else ()
        out.append(
            dataclasses.replace(
                problem,
                entity_id=problem.entity_id or _entity_at(data, parts),
                file=source,
                line=line,
            )
        )
    return out


def locate(
    problem: Problem, data: Any, line_of: Lines | Mapping[PathKey, int], source: str
) -> Problem:
    """Place ``problem`` in ``source``, with its line and entity id.

    The line is that of the nearest value on the problem's path; the entity id is that
    of the innermost entry the path goes through in the raw ``data``.
    """
    return locate_all([(problem, None)], data, line_of, source)[0]
