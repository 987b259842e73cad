"""Hypothesis strategies for whole hostile documents, as text in one of the three formats.

- :func:`random_documents`: nested dicts, lists and scalars, keys drawn from the file
  format's real keys and random ones;
- :func:`schema_documents`: documents shaped by ``okrkit.io.json_schema()`` (so the
  loader gets past its first checks), with hostile values here and there;
- :func:`mutated_examples`: the example files (and their JSON and TOML dumps) with
  dropped keys, swapped types, random values, renamed ids and duplicated entries;
- :func:`deep_documents`: nesting thousands deep, and TOML keys of many dotted parts.

Each may also break the text itself afterwards (:func:`broken_text`). Not a test
module: imported as ``fuzz.documents``.
"""

from __future__ import annotations

import functools
import json
import random
import tomllib
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

import okrkit
import okrkit.io
from fuzz.hostile import emit, hostile_texts, hostile_values
from fuzz.mutations import mutated

__all__ = [
    "EXAMPLES",
    "broken_text",
    "deep_documents",
    "example_data",
    "mutated_examples",
    "random_documents",
    "schema_documents",
    "schema_keys",
    "yaml_data",
]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@functools.cache
def _schema() -> dict[str, Any]:
    return okrkit.io.json_schema()


@functools.cache
def schema_keys() -> tuple[str, ...]:
    """Every property name the file format knows, from its JSON Schema."""
    found: set[str] = set()
    stack: list[Any] = [_schema()]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.update(node.get("properties", {}))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return tuple(sorted(found))


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader without YAML 1.1 booleans: ``on`` is a key, not ``True``."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rule) for tag, rule in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def yaml_data(text: str) -> Any:
    """``text`` read as okrkit reads YAML: the safe loader, YAML 1.2 booleans."""
    return yaml.load(text, Loader=_Yaml12Loader)


@functools.cache
def example_data(fmt: str) -> tuple[dict[str, Any], ...]:
    """The example files as plain data, as the format itself reads them."""
    result = []
    for name in ("acme.yaml", "acme.en.yaml"):
        if fmt == "yaml":
            text = (EXAMPLES / name).read_text(encoding="utf-8")
            loaded = yaml_data(text)
        else:
            text = okrkit.dumps(okrkit.load(EXAMPLES / name), fmt)
            loaded = json.loads(text) if fmt == "json" else tomllib.loads(text)
        result.append(loaded)
    return tuple(result)


def keys() -> st.SearchStrategy[str]:
    """Mostly the format's real keys, sometimes anything."""
    return st.one_of(st.sampled_from(schema_keys()), st.sampled_from(schema_keys()), st.text())


# -- text -----------------------------------------------------------------------------------


@st.composite
def broken_text(draw: st.DrawFn, text: str) -> str:
    """``text``, or ``text`` with a span cut, a line repeated or hostile text let in."""
    how = draw(st.sampled_from(["keep", "keep", "keep", "cut", "repeat", "insert", "truncate"]))
    if how == "keep" or not text:
        return text
    at = draw(st.integers(0, len(text) - 1))
    if how == "cut":
        return text[:at] + text[at + draw(st.integers(1, 40)) :]
    if how == "truncate":
        return text[:at]
    if how == "repeat":  # a duplicated line: a duplicate key or entry, most often
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end + 1
        return text[:end] + text[start:end] + text[end:]
    return text[:at] + draw(hostile_texts()) + text[at:]


def _written(fmt: str, data: Any, rnd: random.Random) -> str:
    return emit(data, fmt, rnd)


@st.composite
def _finish(draw: st.DrawFn, data: Any, fmt: str) -> str:
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))  # one draw, not one per choice
    return draw(broken_text(_written(fmt, data, rnd)))


# -- random structures ------------------------------------------------------------------------


def _structures() -> st.SearchStrategy[Any]:
    return st.recursive(
        hostile_values(),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(keys(), children, max_size=5),
        ),
        max_leaves=30,
    )


@st.composite
def random_documents(draw: st.DrawFn, fmt: str) -> str:
    """Random nested data in ``fmt``, mostly under the format's top-level keys."""
    top = st.dictionaries(keys(), _structures(), max_size=6)
    data = draw(st.one_of(top, top, top, _structures()))
    return draw(_finish(data, fmt))


# -- schema-shaped documents --------------------------------------------------------------------

_IDS = ("2026-Q1", "2026", "acme", "lan", "minh", "obj-1", "obj-2", "kr-1", "kr-2", "ini-1")


def _ids() -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(_IDS), st.sampled_from(_IDS), hostile_texts())


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    return dict(_schema()["$defs"][ref.rsplit("/", 1)[-1]])


def _shaped(draw: st.DrawFn, schema: dict[str, Any], depth: int) -> Any:
    """A value for ``schema``: right most of the time, hostile at times.

    A plain function handed ``draw``, not a strategy: a strategy made per call would
    keep the schema's repr, and a long run would hold gigabytes of them.
    """
    schema = _resolve(schema)
    if depth > 8 or draw(st.integers(0, 19)) == 0:
        return draw(hostile_values())
    branches = schema.get("oneOf") or schema.get("anyOf") or schema.get("allOf")
    if branches:
        return _shaped(draw, draw(st.sampled_from(branches)), depth + 1)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return draw(st.sampled_from(schema["enum"]))
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = draw(st.sampled_from(kind))
    if kind == "object":
        return _object(draw, schema, depth)
    if kind == "array":
        items = schema.get("items", {})
        return [_shaped(draw, items, depth + 1) for _ in range(draw(st.integers(0, 4)))]
    if kind in ("number", "integer"):
        return draw(st.one_of(st.integers(-5, 200), st.floats(-10, 1e4), hostile_values()))
    if kind == "null":
        return None
    if kind == "boolean":
        return draw(st.booleans())
    if schema.get("format") == "date":
        return draw(st.dates().map(str) | st.sampled_from(["2026-01-09", "2026-03-31"]))
    if "pattern" in schema and "S" in schema["pattern"]:
        return draw(_ids())
    return draw(st.text(max_size=10) | hostile_texts())


def _object(draw: st.DrawFn, schema: dict[str, Any], depth: int) -> dict[str, Any]:
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", ()))
    result: dict[str, Any] = {}
    for name, sub in properties.items():
        if draw(st.integers(0, 9)) < (9 if name in required else 4):
            result[name] = _shaped(draw, sub, depth + 1)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):  # the check-in tables: one text table per key result
        for ident in draw(st.lists(_ids(), max_size=3)):
            result[ident] = draw(_tables())
    elif draw(st.integers(0, 9)) == 0:
        result[draw(keys())] = draw(hostile_values())
    return result


def _tables() -> st.SearchStrategy[Any]:
    row = st.tuples(
        st.sampled_from(["2026-01-09", "2026-02-30", "2026-03-27", "9999-99-99"])
        | hostile_texts(),
        st.sampled_from(["1", "29.5", "-", "nan", "1e400", "9" * 5_000]) | hostile_texts(),
        st.sampled_from(["", " 4", " - lan", " 3 minh a note", " 9 x"]) | hostile_texts(),
    ).map(lambda parts: f"{parts[0]} {parts[1]}{parts[2]}")
    return st.one_of(st.lists(row, max_size=4).map("\n".join), hostile_values())


@st.composite
def schema_documents(draw: st.DrawFn, fmt: str) -> str:
    """A document shaped by the file format's JSON Schema, in ``fmt``."""
    return draw(_finish(_shaped(draw, _schema(), 0), fmt))


# -- mutated examples -----------------------------------------------------------------------------


@st.composite
def mutated_examples(draw: st.DrawFn, fmt: str) -> str:
    """An example file (or its dump in ``fmt``) with a few mutations, in ``fmt``."""
    data = draw(st.sampled_from(example_data(fmt)))
    return draw(_finish(draw(mutated(data)), fmt))


# -- deep nesting ----------------------------------------------------------------------------


@st.composite
def deep_documents(draw: st.DrawFn, fmt: str) -> str:
    """Nesting hundreds to tens of thousands deep, at the top or under a real key."""
    depth = draw(st.integers(50, 20_000))
    shape = draw(st.sampled_from(["list", "map", "mixed"]))
    if shape == "list":
        opening, closing = "[" * depth, "]" * depth
    elif shape == "map":
        key = "a = {" if fmt == "toml" else ('"a": {' if fmt == "json" else "a: {")
        opening, closing = key * depth, "}" * depth
    else:
        opening, closing = "[{" * (depth // 2) + "[", "]" + "}]" * (depth // 2)
        opening = opening.replace("{[", '{"a": [' if fmt != "toml" else "{a = [")
    inner = opening + draw(st.sampled_from(["1", '"x"', ""])) + closing
    where = draw(st.sampled_from(["top", "objectives", "cycles"]))
    if fmt == "toml":
        if draw(st.booleans()):  # a dotted key of many parts
            return "a" + ".a" * depth + " = 1\n"
        return f"{where} = {inner}\n"
    if where == "top":
        return inner + "\n"
    if fmt == "json":
        return f'{{"{where}": {inner}}}\n'
    if draw(st.booleans()):  # block style: indentation a line deeper each time
        lines = (" " * (2 * level) + "- a:" for level in range(min(depth, 400)))
        return f"{where}:\n" + "\n".join(lines) + " 1\n"
    return f"{where}: {inner}\n"
