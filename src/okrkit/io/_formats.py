"""Reading and writing the three file formats: YAML, TOML and JSON.

Each format turns text into plain data and back. Reading keeps no lines: each format
also hands back a finder that locates paths in the text when a problem needs a line
(YAML and JSON; TOML's reader keeps no positions, so only the check-in tables, found
by their keys, get lines there). Each reader checks :class:`~okrkit.io.Limits` before
the work they guard (see :mod:`okrkit.io._limits`).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import tomli_w
import yaml

from okrkit._files import json_syntax_error, toml_syntax_error
from okrkit.errors import FormatError, LoadError, Message, Problem, Shown
from okrkit.i18n import N_
from okrkit.io._limits import (
    Limits,
    as_bytes,
    check_depth,
    check_json,
    check_text,
    check_toml,
    digits_limit,
    too_deep,
    too_many_digits,
)
from okrkit.io._lines import TomlLines, YamlLines
from okrkit.io._scalars import FLOAT, INT, INT_BASED
from okrkit.io._yaml import TAG, parse_yaml

__all__ = ["FORMATS", "Format", "format_for_name", "format_for_suffix"]


@attrs.frozen
class Format:
    """One file format: its name, its suffixes and how to read and write it.

    ``parse(text, source, entries=None, limits=None)`` returns the data and a finder
    whose ``find(paths)`` gives the lines of those paths, reading the text again only
    when a problem needs one. ``text`` is a string or UTF-8 bytes. ``entries`` maps a
    top-level key holding a list to a function that may build each item as soon as it
    is read (YAML does; the others ignore it). ``limits`` is what the text may hold
    (:class:`~okrkit.io.Limits` by default); a text past one is refused.
    """

    name: str
    suffixes: tuple[str, ...]
    dates_as_text: bool
    parse: Callable[..., tuple[Any, Any]]
    emit: Callable[[Any], str]


# -- YAML -------------------------------------------------------------------------------


class _FlowDict(dict[str, Any]):
    """A mapping written on one line, for short records such as cycles."""


_Dumper: type[yaml.SafeDumper] = type(
    "_Dumper",
    (getattr(yaml, "CSafeDumper", yaml.SafeDumper),),
    {"__doc__": "Writes OKR files for people: unicode as is, block text for long strings."},
)
_BOOL_TAG = TAG + "bool"
_YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _yaml12_booleans(cls: Any) -> None:
    """Write only true/false as booleans, and quote yes/no/on/off, as YAML 1.2 reads them."""
    cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in cls.yaml_implicit_resolvers.items()
    }
    cls.add_implicit_resolver(_BOOL_TAG, _YAML12_BOOL, list("tTfF"))


def _yaml12_numbers(cls: Any) -> None:
    """Quote text that YAML 1.2 reads as a number (``1e6``, ``0o17``), as well as 1.1's."""
    first = list("-+.0123456789")
    cls.add_implicit_resolver(TAG + "int", INT, first)
    cls.add_implicit_resolver(TAG + "int", INT_BASED, ["0"])
    cls.add_implicit_resolver(TAG + "float", FLOAT, first)


def _represent_flow(dumper: yaml.SafeDumper, data: _FlowDict) -> yaml.Node:
    return dumper.represent_mapping(TAG + "map", data, flow_style=True)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list) and not (isinstance(value, str) and "\n" in value)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = bool(data) and all(_is_scalar(item) for item in data)
    return dumper.represent_sequence(TAG + "seq", data, flow_style=flow)


# Unicode line breaks that YAML folds into spaces unless they are escaped.
_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if not _UNICODE_BREAKS.isdisjoint(data):
        return dumper.represent_scalar(TAG + "str", data, style='"')
    if "\n" in data:
        return dumper.represent_scalar(TAG + "str", data, style="|")
    return dumper.represent_str(data)


def _no_aliases(_dumper: yaml.SafeDumper, _data: Any) -> bool:
    """Write every value out in full: OKR files hold no anchors or aliases (see Limits)."""
    return True


_yaml12_booleans(_Dumper)
_yaml12_numbers(_Dumper)
_Dumper.ignore_aliases = _no_aliases  # type: ignore[assignment,method-assign]
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
    """Write plain data as YAML for people: short records on one line each."""
    data = dict(data)
    for section in _FLOW_SECTIONS:
        if isinstance(data.get(section), list):
            data[section] = [
                _FlowDict(item) if _flow_friendly(item) else item for item in data[section]
            ]
    for objective in data.get("objectives", []):
        for kr in objective.get("key_results", []):
            if _flow_friendly(kr.get("metric")):
                kr["metric"] = _FlowDict(kr["metric"])
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**16,
    )
    return text


def _parse_yaml(
    text: str | bytes,
    source: str,
    entries: Mapping[str, Callable[[Any], Any]] | None = None,
    limits: Limits | None = None,
) -> tuple[Any, YamlLines]:
    limits = limits or Limits()
    check_text(text, source, limits)
    return parse_yaml(text, source, entries, limits), YamlLines(text)


# -- TOML -------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")


def _parse_toml(
    text: str | bytes, source: str, entries: object = None, limits: Limits | None = None
) -> tuple[Any, TomlLines]:
    limits = limits or Limits()
    check_text(text, source, limits)
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    check_toml(text, source, limits)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_syntax_error(exc, text, source) from exc
    except ValueError as exc:  # an integer longer than Python reads
        raise too_many_digits(text, source, limits) from exc
    except RecursionError as exc:
        raise too_deep(source, None, limits) from exc
    check_depth(data, source, limits)
    return data, TomlLines(text)


def _toml_key(key: str) -> str:
    if _BARE_KEY.match(key):
        return key
    return tomli_w.dumps({key: 0}).partition(" = ")[0]


def _emit_toml(data: Any) -> str:
    tables = data.get("checkins")
    if not isinstance(tables, dict):
        return tomli_w.dumps(data)
    rest = {key: value for key, value in data.items() if key != "checkins"}
    parts = [tomli_w.dumps(rest), "\n[checkins]\n"]
    for ident, text in tables.items():
        if "'''" in text:  # pragma: no cover - the table writer never writes three quotes
            parts.append(tomli_w.dumps({ident: text}, multiline_strings=True))
        else:
            parts.append(f"{_toml_key(ident)} = '''\n{text}'''\n")
    return "".join(parts)


# -- JSON -------------------------------------------------------------------------------


class _DuplicateKeyError(ValueError):
    """A JSON object names a key twice; :func:`_parse_json` turns it into a LoadError."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


def _unique_keys(items: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(items)
    if len(out) != len(items):
        seen: set[str] = set()
        for key, _value in items:
            if key in seen:
                raise _DuplicateKeyError(
                    Message(
                        N_("key {key!r} appears twice in the same object; keep one"),
                        key=Shown(key),
                    )
                )
            seen.add(key)
    return out


class _LongIntegerError(ValueError):
    """An integer past the digits limit; :func:`_parse_json` turns it into a LoadError."""


def _short_int(limit: int) -> Callable[[str], int]:
    def read(text: str) -> int:
        if len(text.lstrip("-")) > limit:
            raise _LongIntegerError(text)
        return int(text)

    return read


def _parse_json(
    text: str | bytes, source: str, entries: object = None, limits: Limits | None = None
) -> tuple[Any, YamlLines]:
    limits = limits or Limits()
    check_text(text, source, limits)
    check_json(as_bytes(text), source, limits)
    # Decode here, so that the file's bytes (the caller hands over its only reference)
    # are let go before parsing: json.loads would keep them beside its own decoded copy.
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    digits = digits_limit(limits)
    parse_int = None if digits == digits_limit(Limits()) else _short_int(digits)
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        raise json_syntax_error(exc, source) from exc
    except RecursionError as exc:  # deeper than Python reads, past the depth limit
        raise too_deep(source, None, limits) from exc
    except _DuplicateKeyError as exc:
        raise LoadError(Problem("key.duplicate", exc.message, file=source)) from exc
    except ValueError as exc:  # an integer longer than the limit or than Python reads
        raise too_many_digits(text, source, limits) from exc
    # Lines are found only when a problem needs them; JSON is YAML enough for that.
    return data, YamlLines(text)


def _emit_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- the table --------------------------------------------------------------------------

FORMATS: dict[str, Format] = {
    "yaml": Format("yaml", (".yaml", ".yml"), False, _parse_yaml, _emit_yaml),
    "toml": Format("toml", (".toml",), False, _parse_toml, _emit_toml),
    "json": Format("json", (".json",), True, _parse_json, _emit_json),
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
            Message(
                N_("unknown format {name!r}; use one of {known}"),
                name=Shown(name),
                known=", ".join(FORMATS),
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
        Message(
            N_(
                "{file}: cannot tell the format from the suffix {suffix!r}; "
                "name the file with one of {known}"
            ),
            file=file,
            suffix=Shown(suffix),
            known=known,
        ),
        format=suffix,
    )
