"""Mutating plain data (a loaded example file, node-link data, a template file).

:func:`mutated` draws a few mutations and applies them copy-on-write: only the
containers on the way to a change are copied, so the examples' 55 KB of data is shared
between hypothesis examples, never changed. Not a test module: imported as
``fuzz.mutations``.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from fuzz.hostile import hostile_texts, hostile_values

__all__ = ["mutated"]

Path = tuple[Any, ...]

_OPERATIONS = (
    "drop",
    "swap",
    "retitle",
    "retitle",
    "nest",
    "duplicate",
    "add",
    "rename",
    "rename",
)
_TEXT_FIELDS = ("title", "name", "description", "note", "reason")


def _children(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return list(node)
    if isinstance(node, list):
        return list(range(len(node)))
    return []


@st.composite
def _walk(draw: st.DrawFn, data: Any) -> Path:
    """A path from the top: down a random child, three times out of four, while there is one."""
    path: list[Any] = []
    node = data
    while True:
        children = _children(node)
        if not children or (path and draw(st.integers(0, 3)) == 0):
            return tuple(path)
        step = draw(st.sampled_from(children))
        path.append(step)
        node = node[step]


def _changed(data: Any, path: Path, change: Any) -> Any:
    """A copy of ``data`` with the container at ``path`` replaced by ``change(copy)``."""
    if not path:
        copy = dict(data) if isinstance(data, dict) else list(data)
        change(copy)
        return copy
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _changed(data[path[0]], path[1:], change)
    return copy


def _values(raw: bool) -> st.SearchStrategy[Any]:
    """A new value for a field: a hostile scalar or a small list or mapping of them."""
    scalar = hostile_values(raw=raw)
    return st.one_of(
        scalar,
        scalar,
        st.lists(scalar, max_size=3),
        st.dictionaries(hostile_texts() | st.sampled_from(["id", "title", "kind"]), scalar,
                        max_size=3),
    )  # fmt: skip


@st.composite
def _at(draw: st.DrawFn, data: Any, operation: str, raw: bool) -> Any:
    """``data`` with one ``operation`` applied somewhere along a random path."""
    path = draw(_walk(data))
    if not path:
        return data
    *above, key = path
    new = draw(_values(raw))

    def change(container: Any) -> None:
        if operation == "drop":
            del container[key]
        elif operation == "swap":
            container[key] = new
        elif operation == "nest":
            container[key] = [container[key]] if isinstance(key, int) else {key: container[key]}
        elif operation == "duplicate" and isinstance(container, list):
            container.insert(key, container[key])
        elif isinstance(container, list):
            container.append(new)
        else:
            container[draw(hostile_texts() | st.sampled_from(["id", "weight"]))] = new

    return _changed(data, tuple(above), change)


def _ids(data: Any) -> list[str]:
    found: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                found.append(node["id"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _renamed(data: Any, old: str, new: Any, everywhere: bool) -> Any:
    """``data`` with the id ``old`` renamed: its definition, or every mention of it."""
    if isinstance(data, dict):
        if not everywhere and data.get("id") == old:
            return {**data, "id": new}
        return {
            (new if everywhere and k == old and isinstance(new, str) else k): _renamed(
                v, old, new, everywhere
            )
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_renamed(item, old, new, everywhere) for item in data]
    return new if everywhere and data == old and isinstance(data, str) else data


@st.composite
def _retitle(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with one text field (a title, a name, a note) set to hostile text."""
    places: list[tuple[Path, str]] = []
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            places += ((path, key) for key in _TEXT_FIELDS if isinstance(node.get(key), str))
            stack += (((*path, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack += (((*path, index), value) for index, value in enumerate(node))
    if not places:
        return data
    path, field = draw(st.sampled_from(places))
    text = draw(hostile_texts())

    def change(container: Any) -> None:
        container[field] = text

    return _changed(data, path, change)


@st.composite
def _rename(draw: st.DrawFn, data: Any) -> Any:
    ids = _ids(data)
    if not ids:
        return data
    old = draw(st.sampled_from(ids))
    new = draw(
        st.one_of(
            st.sampled_from(ids),  # a duplicate id
            st.sampled_from(["\n", "\x00", "\x1b", "\u200b", " x", "\ud800"]).map(old.__add__),
            hostile_texts(),
        )
    )
    return _renamed(data, old, new, everywhere=draw(st.booleans()))


def _kept_ids(objectives: list[Any]) -> set[Any]:
    """The ids of ``objectives`` and of their key results."""
    kept: set[Any] = set()
    for objective in objectives:
        if isinstance(objective, dict):
            kept.add(objective.get("id"))
            kept.update(kr.get("id") for kr in objective.get("key_results", ()))
    return kept


def _refers_within(entry: Any, kept: set[Any]) -> bool:
    """Whether every id ``entry`` (a check-in, initiative or dependency) names is kept."""
    if not isinstance(entry, dict):
        return True
    drives = entry.get("drives", [])
    named = [entry.get(key) for key in ("key_result", "dependent", "on") if key in entry]
    named += drives if isinstance(drives, list) else [drives]
    return all(name in kept for name in named)


@st.composite
def _trimmed(draw: st.DrawFn, data: Any) -> Any:
    """The first few objectives, and the check-ins, initiatives and dependencies they keep.

    Most documents stay small this way, and still valid before they are mutated.
    """
    if not isinstance(data, dict) or not isinstance(data.get("objectives"), list):
        return data
    if draw(st.integers(0, 3)) == 3:
        return data
    objectives = data["objectives"][: draw(st.integers(1, 6))]
    kept = _kept_ids(objectives)
    result = {**data, "objectives": objectives}
    for key in ("initiatives", "dependencies", "checkins"):
        entries = data.get(key)
        if isinstance(entries, list):
            result[key] = [entry for entry in entries if _refers_within(entry, kept)]
        elif isinstance(entries, dict):  # check-in tables, by key result
            result[key] = {ident: table for ident, table in entries.items() if ident in kept}
    return result


@st.composite
def mutated(draw: st.DrawFn, data: Any, *, raw: bool = True) -> Any:
    """``data`` with up to four mutations: drop, swap, retitle, nest, duplicate, add, rename.

    ``raw`` lets raw format tokens (``!!int abc``, ``9`` x 5000) into the data: for data
    that will be written as text, not handed over as Python objects.
    """
    data = draw(_trimmed(data))
    for _ in range(draw(st.integers(0, 4))):
        operation = draw(st.sampled_from(_OPERATIONS))
        if operation == "rename":
            data = draw(_rename(data))
        elif operation == "retitle":
            data = draw(_retitle(data))
        else:
            data = draw(_at(data, operation, raw))
    return data
