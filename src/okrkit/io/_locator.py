"""Where the entities of a set read from a file are: the linter's source locator.

:func:`okrkit.load` keeps a :class:`FileLocator` with the set it returns (under
:data:`okrkit.lint.SOURCE_KEY`), so that each lint diagnostic names the file and the
line. The text is read again only when lines are asked for, and only the paths asked
for are noted (see :mod:`okrkit.io._lines`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from okrkit.io._lines import PathKey
from okrkit.io._load import Lines, parse_path

__all__ = ["FileLocator"]


class FileLocator:
    r"""The file a set was read from, and the lines of its entities, found when asked.

    Follows :class:`okrkit.lint.SourceLocator`. A format that keeps no lines of
    entities (TOML) gives the file alone.

    Attributes:
        file: The file (or the ``source`` name given to :func:`okrkit.loads`).

    Examples:
        >>> from okrkit.io._lines import YamlLines
        >>> text = "objectives:\n  - id: a\n    key_results:\n      - id: b\n"
        >>> FileLocator("okrs.yaml", YamlLines(text)).lines(["objectives[0].key_results[0]"])
        {'objectives[0].key_results[0]': 4}
    """

    def __init__(self, file: str, lines: Lines) -> None:
        self.file = file
        self._lines = lines

    def lines(self, paths: Collection[str]) -> Mapping[str, int]:
        """The 1-based line of each of ``paths`` found in the file (others left out)."""
        keys: dict[PathKey, str] = {tuple(parse_path(path)): path for path in paths}
        if not keys:
            return {}
        places = self._lines.find(keys)
        return {keys[key]: place[0] for key, place in places.items() if key in keys}

    def __repr__(self) -> str:
        return f"FileLocator({self.file!r})"
