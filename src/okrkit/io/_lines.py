"""Finding the lines of paths in a file's text, only when a problem needs them.

Reading keeps no positions: a file without problems is read once. When problems need
lines, the text is read again and only the paths asked for are noted.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Collection, Iterator
from typing import Any

import yaml
from yaml import events as ev

from okrkit.errors import LoadError
from okrkit.io._yaml import Parser

__all__ = ["PathKey", "Place", "TomlLines", "YamlLines"]

PathKey = tuple[str | int, ...]
Place = tuple[int, int | None]
"""The line of a path (its key's, or its item's) and, for a literal block scalar
(``|``), the line of the block's first row."""


class YamlLines:
    """Finds the lines of paths in a YAML (or JSON) text, only when asked.

    Each call parses the text again and notes the lines of the paths asked for, and
    nothing else; :meth:`get` answers for one path.
    """

    def __init__(self, text: str | bytes) -> None:
        self._text: str | bytes | Callable[[], str | bytes] = text

    def text_from(self, read: Callable[[], str | bytes]) -> None:
        """Let go of the text; ``read`` gives it again if a line is ever wanted."""
        self._text = read

    def read(self) -> str | bytes | None:
        """The text, read again if it was let go; ``None`` for a file gone since."""
        try:
            return self._text() if callable(self._text) else self._text
        except (LoadError, OSError):
            return None

    def find(self, paths: Collection[PathKey]) -> dict[PathKey, Place]:
        """The place of each of ``paths`` found in the text (others are left out)."""
        wanted = set(paths)
        if not wanted:
            return {}
        prefixes = {path[:end] for path in wanted for end in range(len(path) + 1)}
        found: dict[PathKey, Place] = {}
        try:
            text = self._text() if callable(self._text) else self._text
        except (LoadError, OSError):  # a file gone since: no lines, the problems stand
            return found
        parser = Parser(text)
        try:
            _scan(parser, wanted, prefixes, found)
        except yaml.YAMLError:
            pass  # the lines found before the error stand
        finally:
            parser.dispose()
        return found

    def get(self, path: PathKey, default: int | None = None) -> int | None:
        """The line of ``path``, or ``default``."""
        place = self.find([path]).get(path)
        return default if place is None else place[0]


def _scan(
    parser: Any, wanted: set[PathKey], prefixes: set[PathKey], found: dict[PathKey, Place]
) -> None:
    """Walk the events, keeping the path of each node, noting the wanted ones.

    Each level holds its path, whether it is a mapping, and its state: for a mapping
    the key whose value comes next (``None`` while a key is expected), for a list the
    index of the next item.
    """
    levels: list[list[Any]] = []
    skip = 0  # depth inside a collection that holds nothing wanted
    for event in _events(parser):
        kind = type(event)
        starts = kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent
        if skip:
            skip += 1 if starts else -1 if kind in _ENDS else 0
            if not skip:
                _advance(levels)
            continue
        if kind in _ENDS:
            levels.pop()
            _advance(levels)
            continue
        if not levels:
            if not starts:  # a document that is one scalar
                return
            is_mapping = kind is ev.MappingStartEvent
            levels.append([(), is_mapping, None if is_mapping else 0])
            continue
        path, is_mapping, state = levels[-1]
        if is_mapping and state is None:
            if kind is not ev.ScalarEvent:  # a complex key: no OKR file has one
                return
            child = (*path, event.value)
            if child in wanted:
                found[child] = (event.start_mark.line + 1, None)
            levels[-1][2] = event.value
            continue
        child = (*path, state)
        if not is_mapping and child in wanted:
            found[child] = (event.start_mark.line + 1, None)
        if kind is ev.ScalarEvent and event.style == "|" and child in found:
            found[child] = (found[child][0], event.start_mark.line + 2)
        if starts:
            if child in prefixes:
                is_mapping = kind is ev.MappingStartEvent
                levels.append([child, is_mapping, None if is_mapping else 0])
            else:
                skip = 1
            continue
        _advance(levels)


_ENDS = (ev.MappingEndEvent, ev.SequenceEndEvent)


def _advance(levels: list[list[Any]]) -> None:
    """After a value: a mapping waits for its next key, a list counts its next item."""
    if not levels:
        return
    level = levels[-1]
    if level[1]:
        level[2] = None
    else:
        level[2] += 1


def _events(parser: Any) -> Iterator[Any]:
    """The events of the first document, from its root node to its end."""
    get = parser.get_event
    get()  # the stream's start
    event = get()
    if isinstance(event, ev.StreamEndEvent):
        return
    while True:
        event = get()
        if event is None or isinstance(event, ev.DocumentEndEvent):
            return
        yield event


class TomlLines:
    """Finds the lines of the check-in tables in TOML text; TOML keeps no others."""

    def __init__(self, text: str) -> None:
        self._text: str | Callable[[], str | bytes] = text

    def text_from(self, read: Callable[[], str | bytes]) -> None:
        """Let go of the text; ``read`` gives it again if a line is ever wanted."""
        self._text = read

    def find(self, paths: Collection[PathKey]) -> dict[PathKey, Place]:
        """The place of each ``("checkins", id)`` path found; other paths are left out."""
        wanted = {path[1]: path for path in paths if len(path) == 2 and path[0] == "checkins"}
        found: dict[PathKey, Place] = {}
        if not wanted:
            return found
        inside = False
        try:
            text = self._text() if callable(self._text) else self._text
        except (LoadError, OSError):  # a file gone since: no lines, the problems stand
            return found
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        for number, line in enumerate(text.split("\n"), start=1):
            stripped = line.strip()
            if stripped.startswith("["):
                inside = stripped == "[checkins]"
                continue
            if not inside or "=" not in stripped:
                continue
            key, _eq, value = stripped.partition("=")
            key = key.strip()
            if key[:1] in "\"'":
                try:
                    key = tomllib.loads(f"{key} = 0").popitem()[0]
                except tomllib.TOMLDecodeError:
                    continue
            path = wanted.get(key)
            if path is not None:
                block = value.strip() in ('"""', "'''")
                found[path] = (number, number + 1 if block else None)
        return found
