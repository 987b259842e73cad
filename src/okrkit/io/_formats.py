"""Reading and writing the three file formats: YAML, TOML and JSON.

Each format turns text into plain data and back, and can tell on which line a
value stood (YAML and JSON; TOML's reader keeps no positions), so that problems
found later name the line.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

import attrs
import tomli_w
import yaml

from okrkit.errors import FormatError, LoadError, Problem
from okrkit.i18n import _

__all__ = ["FORMATS", "Format", "format_for_name", "format_for_suffix"]

PathKey = tuple[str | int, ...]
LineMap = dict[PathKey, int]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL_TAG = "tag:yaml.org,2002:bool"
_YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _yaml12_booleans(cls: Any) -> None:
    """Read only true/false as booleans, as YAML 1.2 does.

    YAML 1.1 also reads ``on``, ``off``, ``yes`` and ``no`` as booleans, which would
    turn a check-in's ``on:`` key into ``True``.
    """
    cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in cls.yaml_implicit_resolvers.items()
    }
    cls.add_implicit_resolver(_BOOL_TAG, _YAML12_BOOL, list("tTfF"))


class _SafeLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, with YAML 1.2 booleans and lenient dates.

    A date that does not exist (``2026-02-30``) stays text, so the model reports it
    with its path and line instead of the reader failing on it.
    """

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_yaml12_booleans(_SafeLoader)
_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _SafeLoader.construct_yaml_timestamp)


@attrs.frozen
class Format:
    """One file format: its name, its suffixes and how to read and write it.

    ``parse(text, source)`` returns the data and, when reading found them at no
    extra cost, the lines of its values; otherwise ``None``, and ``line_map(text)``
    finds them when a problem needs one.
    """

    name: str
    suffixes: tuple[str, ...]
    dates_as_text: bool
    parse: Callable[[str, str], tuple[Any, LineMap | None]]
    emit: Callable[[Any], str]
    line_map: Callable[[str], LineMap]


# -- YAML -------------------------------------------------------------------------------


def _yaml_nodes(text: str) -> yaml.Node | None:
    loader = _SafeLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _walk_nodes(node: yaml.Node, path: PathKey, lines: LineMap, duplicates: list[Problem]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if not isinstance(key, str):  # pragma: no cover - merge keys and the like
                continue
            if key in seen:
                duplicates.append(
                    Problem(
                        message=_(
                            "key {key!r} appears twice in the same mapping; keep one"
                        ).format(key=key),
                        line=key_node.start_mark.line + 1,
                    )
                )
            seen.add(key)
            child = (*path, key)
            lines[child] = key_node.start_mark.line + 1
            _walk_nodes(value_node, child, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk_nodes(item, (*path, index), lines, duplicates)


def _yaml_line_map(text: str) -> LineMap:
    lines: LineMap = {}
    try:
        node = _yaml_nodes(text)
    except yaml.YAMLError:
        return lines
    if node is not None:
        _walk_nodes(node, (), lines, [])
    return lines


def _parse_yaml(text: str, source: str) -> tuple[Any, LineMap | None]:
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        duplicates: list[Problem] = []
        lines: LineMap = {}
        _walk_nodes(node, (), lines, duplicates)
        if duplicates:
            raise LoadError([problem.located(file=source) for problem in duplicates])
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        raise LoadError(
            Problem(
                message=_(
                    "this is not valid YAML: {detail}; check the indentation and quoting"
                ).format(detail=detail),
                file=source,
                line=mark.line + 1 if mark is not None else None,
            )
        ) from exc
    except yaml.YAMLError as exc:
        raise LoadError(
            Problem(message=_("this is not valid YAML: {detail}").format(detail=exc), file=source)
        ) from exc
    finally:
        loader.dispose()


class _FlowDict(dict[str, Any]):
    """A mapping written on one line, for short records such as check-ins."""


class _Dumper(yaml.SafeDumper):
    """Writes OKR files for people: unicode as is, block text for long strings."""


def _represent_flow(dumper: yaml.SafeDumper, data: _FlowDict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list) and not (isinstance(value, str) and "\n" in value)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = bool(data) and all(_is_scalar(item) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


# Unicode line breaks that YAML folds into spaces unless they are escaped.
_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if not _UNICODE_BREAKS.isdisjoint(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_str(data)


_yaml12_booleans(_Dumper)
_Dumper.add_representer(_FlowDict, _represent_flow)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)

# Records that read best on one line each; long text inside them stays in block style.
_FLOW_SECTIONS = ("cycles", "owners", "checkins", "dependencies")


def _flow_friendly(record: Any) -> bool:
    return isinstance(record, dict) and all(
        _is_scalar(value) or (isinstance(value, list) and all(map(_is_scalar, value)))
        for value in record.values()
    )


def _emit_yaml(data: Any) -> str:
    data = dict(data)
    for section in _FLOW_SECTIONS:
        if section in data:
            data[section] = [
                _FlowDict(item) if _flow_friendly(item) else item for item in data[section]
            ]
    for objective in data.get("objectives", []):
        for kr in objective.get("key_results", []):
            if _flow_friendly(kr.get("metric")):
                kr["metric"] = _FlowDict(kr["metric"])
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**16,
    )


# -- TOML -------------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def _parse_toml(text: str, source: str) -> tuple[Any, LineMap | None]:
    try:
        return tomllib.loads(text), {}
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.search(str(exc))
        detail = _TOML_POSITION.sub("", str(exc)).strip()
        raise LoadError(
            Problem(
                message=_("this is not valid TOML: {detail}").format(detail=detail),
                file=source,
                line=int(match.group(1)) if match else None,
            )
        ) from exc


def _emit_toml(data: Any) -> str:
    return tomli_w.dumps(data)


def _no_line_map(_text: str) -> LineMap:
    return {}


# -- JSON -------------------------------------------------------------------------------


def _parse_json(text: str, source: str) -> tuple[Any, LineMap | None]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise ValueError(
                    _("key {key!r} appears twice in the same object; keep one").format(key=key)
                )
            out[key] = value
        return out

    try:
        # Lines are found only when a problem needs them (see Format.line_map).
        return json.loads(text, object_pairs_hook=pairs), None
    except json.JSONDecodeError as exc:
        raise LoadError(
            Problem(
                message=_("this is not valid JSON: {detail}").format(detail=exc.msg),
                file=source,
                line=exc.lineno,
            )
        ) from exc
    except ValueError as exc:
        raise LoadError(Problem(message=str(exc), file=source)) from exc


def _emit_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- the table --------------------------------------------------------------------------

FORMATS: dict[str, Format] = {
    "yaml": Format("yaml", (".yaml", ".yml"), False, _parse_yaml, _emit_yaml, _yaml_line_map),
    "toml": Format("toml", (".toml",), False, _parse_toml, _emit_toml, _no_line_map),
    # JSON is a subset of YAML, so the YAML reader finds the lines of a JSON file.
    "json": Format("json", (".json",), True, _parse_json, _emit_json, _yaml_line_map),
}
"""The formats okrkit reads and writes, by name."""

_ALIASES = {"yml": "yaml"}


def format_for_name(name: str) -> Format:
    """Return the format called ``name`` (``yaml``, ``toml`` or ``json``).

    Raises:
        FormatError: for any other name.
    """
    key = name.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    try:
        return FORMATS[key]
    except KeyError:
        raise FormatError(
            _("unknown format {name!r}; use one of {known}").format(
                name=name, known=", ".join(FORMATS)
            ),
            format=name,
        ) from None


def format_for_suffix(suffix: str, *, file: str) -> Format:
    """Return the format of a file from its suffix (``.yaml``, ``.toml``, ``.json``).

    Raises:
        FormatError: when the suffix is none of those.
    """
    lowered = suffix.lower()
    for fmt in FORMATS.values():
        if lowered in fmt.suffixes:
            return fmt
    known = ", ".join(s for fmt in FORMATS.values() for s in fmt.suffixes)
    raise FormatError(
        _(
            "{file}: cannot tell the format from the suffix {suffix!r}; "
            "name the file with one of {known}"
        ).format(file=file, suffix=suffix, known=known),
        format=suffix,
    )
