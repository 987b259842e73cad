"""Loading and saving whole OKR sets as YAML, TOML or JSON.

Examples:
    >>> import okrkit
    >>> text = '''
    ... cycles: [{id: 2026-Q1, name: Q1 2026, start: 2026-01-01, end: 2026-03-31}]
    ... owners: [{id: lan, name: Nguyễn Thị Lan}]
    ... objectives:
    ...   - id: obj-1
    ...     title: Make onboarding effortless
    ...     owner: lan
    ...     cycle: 2026-Q1
    ...     level: individual
    ...     key_results:
    ...       - {id: kr-1, title: Cut setup time from 5 to 2 days, owners: lan,
    ...          metric: {kind: decrease, start: 5, target: 2, unit: duration_days}}
    ... '''
    >>> okrs = okrkit.loads(text, "yaml")
    >>> okrs.key_result("kr-1").metric.target
    2.0
    >>> okrkit.loads(okrkit.dumps(okrs, "toml"), "toml") == okrs
    True
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cattrs

from okrkit.io._arguments import an_okrset as _an_okrset
from okrkit.io._converter import make_converter, problems_from
from okrkit.io._formats import FORMATS, Format
from okrkit.io._formats import format_for_name as _format_for_name
from okrkit.io._formats import format_for_suffix as _format_for_suffix
from okrkit.io._limits import Limits
from okrkit.io._limits import too_deep as _too_deep
from okrkit.io._load import ENTRIES as _ENTRIES
from okrkit.io._load import locate
from okrkit.io._load import structure_okrset as _structure_okrset
from okrkit.io._locator import FileLocator as _FileLocator
from okrkit.io._node_link import from_node_link, to_node_link
from okrkit.io._parquet import PARQUET_SCHEMA, to_arrow_tables, to_parquet
from okrkit.io._read import file_reader as _file_reader
from okrkit.io._schema import json_schema
from okrkit.io._write import write_atomically
from okrkit.lint._rule import SOURCE_KEY as _SOURCE_KEY
from okrkit.model import OKRSet

__all__ = [
    "FORMATS",
    "PARQUET_SCHEMA",
    "Format",
    "Limits",
    "dump",
    "dumps",
    "from_node_link",
    "json_schema",
    "load",
    "loads",
    "locate",
    "make_converter",
    "problems_from",
    "to_arrow_tables",
    "to_data",
    "to_node_link",
    "to_parquet",
    "write_atomically",
]


@functools.cache
def _converter(dates_as_text: bool) -> cattrs.Converter:
    return make_converter(dates_as_text=dates_as_text)


def _read(
    text: str | bytes | Callable[[], str | bytes], fmt: Format, source: str, limits: Limits
) -> OKRSet:
    """Read an OKR set from ``text``, or from the file that ``text()`` reads.

    A file's text is let go once parsed, and read again only if a problem needs lines.
    """
    if callable(text):
        data, lines = fmt.parse(text(), source, _ENTRIES, limits)
        lines.text_from(text)
    else:
        data, lines = fmt.parse(text, source, _ENTRIES, limits)
    try:
        okrset = _structure_okrset(
            data, converter=_converter(fmt.dates_as_text), source=source, lines=lines
        )
    except RecursionError as exc:
        raise _too_deep(source, None, limits) from exc
    # The linter names the file and line of each diagnostic (okrkit.lint.SOURCE_KEY).
    locator = _FileLocator(source, lines, okrset)
    okrset.derived(_SOURCE_KEY, lambda: locator)
    return okrset


def loads(
    text: str,
    format: str,  # noqa: A002
    *,
    source: str = "<string>",
    limits: Limits | None = None,
) -> OKRSet:
    """Read an OKR set from text.

    Args:
        text: The whole file's text.
        format: ``"yaml"``, ``"toml"`` or ``"json"``.
        source: A name for the text in error messages, such as a file name.
        limits: What the text may hold (:class:`Limits`' defaults when not given);
            text past a limit is refused before the work the limit guards.

    Returns:
        The validated OKR set.

    Raises:
        LoadError: listing every problem, each with the line where the format keeps
            lines (YAML, JSON) and the path inside the file; or one problem for text
            past a limit, naming the limit.
        FormatError: for an unknown format name.
    """
    return _read(text, _format_for_name(format), source, limits or Limits())


def load(path: str | os.PathLike[str], *, limits: Limits | None = None) -> OKRSet:
    """Read an OKR set from a file; the format comes from the suffix.

    YAML is read with the safe loader only: loading never runs code from a file, and
    anchors and aliases are refused unless ``limits`` allows them.

    Args:
        path: A ``.yaml``/``.yml``, ``.toml`` or ``.json`` file.
        limits: What the file may hold (:class:`Limits`' defaults when not given); a
            file past a limit is refused before the work the limit guards.

    Returns:
        The validated OKR set.

    Raises:
        LoadError: when the file cannot be read, is not UTF-8, goes past a limit or
            breaks any rule; every problem names the file, and the line for YAML
            and JSON.
        FormatError: when the suffix is not one okrkit knows.
    """
    file = Path(path)
    fmt = _format_for_suffix(file.suffix, file=str(file))
    limits = limits or Limits()
    return _read(_file_reader(file, limits), fmt, str(file), limits)


def to_data(okrset: OKRSet, *, dates_as_text: bool = True) -> dict[str, Any]:
    """Return an OKR set as plain data (dicts, lists, scalars), defaults left out.

    ``schema_version`` always comes first, so a reader knows the format, then the
    set's ``locale`` when it has one, so a reader knows the language.

    Raises:
        UsageError: when ``okrset`` is not an :class:`~okrkit.OKRSet`.

    Examples:
        >>> from okrkit import Cycle, OKRSet
        >>> to_data(OKRSet(cycles=[Cycle.year(2026)], owners=[], objectives=[]))
        {'schema_version': 1, 'cycles': [{'id': '2026', 'name': '2026', 'start': '2026-01-01', 'end': '2026-12-31'}], 'owners': [], 'objectives': []}
    """  # noqa: E501
    okrset = _an_okrset(okrset, "to_data")
    data = _converter(dates_as_text).unstructure(okrset, OKRSet)
    first: dict[str, Any] = {"schema_version": okrset.schema_version}
    if okrset.locale is not None:
        first["locale"] = okrset.locale
    return {**first, **data}


def dumps(okrset: OKRSet, format: str) -> str:  # noqa: A002
    """Write an OKR set as text in ``format`` (``"yaml"``, ``"toml"`` or ``"json"``).

    Fields left at their defaults are not written; loading the text gives back an
    equal OKR set.

    Raises:
        FormatError: for an unknown format name.
        UsageError: when ``okrset`` is not an :class:`~okrkit.OKRSet`.
    """
    okrset = _an_okrset(okrset, "dumps")
    fmt = _format_for_name(format)
    return fmt.emit(to_data(okrset, dates_as_text=fmt.dates_as_text))


def dump(okrset: OKRSet, path: str | os.PathLike[str]) -> None:
    """Write an OKR set to a file; the format comes from the suffix.

    The file is written whole or not at all (see :func:`write_atomically`): a
    failure or a crash never leaves half a file. A replaced file keeps its mode, a
    new one follows the umask, and a symbolic link is written through.

    Raises:
        FormatError: when the suffix is not one okrkit knows; nothing is written.
        WriteError: when the file cannot be written (a missing folder, permission
            denied, a full disk); the file on disk is left as it was.
        UsageError: when ``okrset`` is not an :class:`~okrkit.OKRSet`; nothing is
            written.
    """
    okrset = _an_okrset(okrset, "dump")
    file = Path(path)
    fmt = _format_for_suffix(file.suffix, file=str(file))
    write_atomically(path, fmt.emit(to_data(okrset, dates_as_text=fmt.dates_as_text)))
