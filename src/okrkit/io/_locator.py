"""Where the entities of a set read from a file are: the linter's source locator.

:func:`okrkit.load` keeps a :class:`FileLocator` with the set it returns (under
:data:`okrkit.lint.SOURCE_KEY`), so that each lint diagnostic names the file and the
line. The text is read again only when lines are asked for. An entity's line is found
by its id (:func:`okrkit.io._id_lines.id_lines`, one pass over the text); any other
path, and an entity whose id is not written the usual way, is found by parsing the text
and noting only the paths asked for (see :mod:`okrkit.io._lines`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from okrkit.io._id_lines import id_lines
from okrkit.io._lines import PathKey, YamlLines
from okrkit.io._load import Lines, parse_path

if TYPE_CHECKING:
    from okrkit.model import OKRSet

__all__ = ["FileLocator"]

_ENTITY_PATH = re.compile(
    r"(cycles|owners|objectives|initiatives)\[(\d+)\](?:\.key_results\[(\d+)\])?"
)
"""The path of an entity, whose line is found by its id (a path such as
``owners[0].key_results[0]`` names no entity: :func:`_item` finds none there)."""


class FileLocator:
    r"""The file a set was read from, and the lines of its entities, found when asked.

    Follows :class:`okrkit.lint.SourceLocator`. A format that keeps no lines of
    entities (TOML) gives the file alone.

    Attributes:
        file: The file (or the ``source`` name given to :func:`okrkit.loads`).

    Args:
        file: The file's name.
        lines: What finds the lines of paths in the file's text.
        okrs: The set read from the file: an entity's path (``objectives[3]``) is
            then found by the entity's id. Without it every path is parsed for.

    Examples:
        >>> from okrkit.io._lines import YamlLines
        >>> text = "objectives:\n  - id: a\n    key_results:\n      - id: b\n"
        >>> FileLocator("okrs.yaml", YamlLines(text)).lines(["objectives[0].key_results[0]"])
        {'objectives[0].key_results[0]': 4}
    """

    def __init__(self, file: str, lines: Lines, okrs: OKRSet | None = None) -> None:
        self.file = file
        self._lines = lines
        # The entities' tuples, not the set: the set keeps its locator.
        self._sections: dict[str, Sequence[Any]] = (
            {}
            if okrs is None
            else {
                "cycles": okrs.cycles,
                "owners": okrs.owners,
                "objectives": okrs.objectives,
                "initiatives": okrs.initiatives,
            }
        )

    def lines(self, paths: Collection[str]) -> Mapping[str, int]:
        """The 1-based line of each of ``paths`` found in the file (others left out)."""
        if not paths:
            return {}
        found: dict[str, int] = {}
        rest: Collection[str] = paths
        if self._sections and isinstance(self._lines, YamlLines):
            text = self._lines.read()
            if text is None:  # a file gone since: no lines, the problems stand
                return found
            by_id = id_lines(text)
            rest = []
            for path in paths:
                ident = self._id_at(path)
                line = None if ident is None else by_id.get(ident)
                if line is None:
                    rest.append(path)
                else:
                    found[path] = line
        if rest:
            keys: dict[PathKey, str] = {tuple(parse_path(path)): path for path in rest}
            places = self._lines.find(keys)
            found.update((keys[key], place[0]) for key, place in places.items() if key in keys)
        return found

    def _id_at(self, path: str) -> str | None:
        """The id of the entity at ``path`` (``objectives[3]``), if it is an entity's."""
        match = _ENTITY_PATH.fullmatch(path)
        if match is None:
            return None
        section, index, kr_index = match.groups()
        entity = _item(self._sections.get(section), int(index))
        if kr_index is not None:
            entity = _item(getattr(entity, "key_results", None), int(kr_index))
        ident = getattr(entity, "id", None)
        return ident if isinstance(ident, str) else None

    def __repr__(self) -> str:
        return f"FileLocator({self.file!r})"


def _item(items: Sequence[Any] | None, index: int) -> Any:
    """The item at ``index`` of ``items``, or ``None``."""
    if items is None or index >= len(items):
        return None
    return items[index]
