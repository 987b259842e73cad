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

import codecs
import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cattrs

from okrkit.errors import LoadError, Problem
from okrkit.i18n import _
from okrkit.io._converter import make_converter, problems_from
from okrkit.io._formats import FORMATS, Format
from okrkit.io._formats import format_for_name as _format_for_name
from okrkit.io._formats import format_for_suffix as _format_for_suffix
from okrkit.io._formats import too_deep as _too_deep
from okrkit.io._load import ENTRIES as _ENTRIES
from okrkit.io._load import locate
from okrkit.io._load import structure_okrset as _structure_okrset
from okrkit.io._node_link import from_node_link, to_node_link
from okrkit.io._schema import json_schema
from okrkit.model import OKRSet

__all__ = [
    "FORMATS",
    "Format",
    "dump",
    "dumps",
    "from_node_link",
    "json_schema",
    "load",
    "loads",
    "locate",
    "make_converter",
    "problems_from",
    "to_data",
    "to_node_link",
]


@functools.cache
def _converter(dates_as_text: bool) -> cattrs.Converter:
    return make_converter(dates_as_text=dates_as_text)


def _loads(text: str | bytes | Callable[[], str | bytes], fmt: Format, source: str) -> OKRSet:
    """Read an OKR set from ``text``, or from the file that ``text()`` reads.

    A file's text is let go once parsed, and read again only if a problem needs lines.
    """
    return _read(text, fmt, source)


def _read(text: str | bytes | Callable[[], str | bytes], fmt: Format, source: str) -> OKRSet:
    if callable(text):
        data, lines = fmt.parse(text(), source, _ENTRIES)
        lines.text_from(text)
    else:
        data, lines = fmt.parse(text, source, _ENTRIES)
    try:
        return _structure_okrset(
            data, converter=_converter(fmt.dates_as_text), source=source, lines=lines
        )
    except RecursionError as exc:
        raise _too_deep(source) from exc


def _check_utf8(data: bytes, file: str) -> None:
    """Refuse bytes that are not UTF-8, without keeping a decoded copy of them all."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 20
    for start in range(0, len(data), step):
        try:
            decoder.decode(data[start : start + step], final=start + step >= len(data))
        except UnicodeDecodeError as exc:
            raise LoadError(
                Problem(
                    message=_(
                        "the file is not UTF-8 text; save it as UTF-8 (byte {position})"
                    ).format(position=start + exc.start),
                    file=file,
                )
            ) from exc


def loads(text: str, format: str, *, source: str = "<string>") -> OKRSet:  # noqa: A002
    """Read an OKR set from text.

    Args:
        text: The whole file's text.
        format: ``"yaml"``, ``"toml"`` or ``"json"``.
        source: A name for the text in error messages, such as a file name.

    Returns:
        The validated OKR set.

    Raises:
        LoadError: listing every problem, each with the line where the format keeps
            lines (YAML, JSON) and the path inside the file.
        FormatError: for an unknown format name.
    """
    return _loads(text, _format_for_name(format), source)


def load(path: str | os.PathLike[str]) -> OKRSet:
    """Read an OKR set from a file; the format comes from the suffix.

    YAML is read with the safe loader only: loading never runs code from a file.

    Args:
        path: A ``.yaml``/``.yml``, ``.toml`` or ``.json`` file.

    Returns:
        The validated OKR set.

    Raises:
        LoadError: when the file cannot be read or breaks any rule; every problem
            names the file, and the line for YAML and JSON.
        FormatError: when the suffix is not one okrkit knows.
    """
    file = Path(path)
    fmt = _format_for_suffix(file.suffix, file=str(file))

    def read() -> str | bytes:
        data = _read_bytes(file)
        if fmt.name == "yaml":  # the C parser reads UTF-8 bytes as they are
            return data
        return data.decode("utf-8")

    return _loads(read, fmt, str(file))


def _read_bytes(file: Path) -> bytes:
    """The bytes of ``file``, checked to be UTF-8 text."""
    try:
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise LoadError(
            Problem(message=_("no such file; check the path"), file=str(file))
        ) from exc
    except OSError as exc:
        raise LoadError(
            Problem(
                message=_("cannot read the file: {reason}").format(reason=exc.strerror or exc),
                file=str(file),
            )
        ) from exc
    _check_utf8(data, str(file))
    return data


def to_data(okrset: OKRSet, *, dates_as_text: bool = True) -> dict[str, Any]:
    """Return an OKR set as plain data (dicts, lists, scalars), defaults left out.

    ``schema_version`` always comes first, so a reader knows the format.

    Examples:
        >>> from okrkit import Cycle, OKRSet
        >>> to_data(OKRSet(cycles=[Cycle.year(2026)], owners=[], objectives=[]))
        {'schema_version': 1, 'cycles': [{'id': '2026', 'name': '2026', 'start': '2026-01-01', 'end': '2026-12-31'}], 'owners': [], 'objectives': []}
    """  # noqa: E501
    data = _converter(dates_as_text).unstructure(okrset, OKRSet)
    return {"schema_version": okrset.schema_version, **data}


def dumps(okrset: OKRSet, format: str) -> str:  # noqa: A002
    """Write an OKR set as text in ``format`` (``"yaml"``, ``"toml"`` or ``"json"``).

    Fields left at their defaults are not written; loading the text gives back an
    equal OKR set.

    Raises:
        FormatError: for an unknown format name.
    """
    fmt = _format_for_name(format)
    return fmt.emit(to_data(okrset, dates_as_text=fmt.dates_as_text))


def dump(okrset: OKRSet, path: str | os.PathLike[str]) -> None:
    """Write an OKR set to a file; the format comes from the suffix.

    The file is written whole or not at all: okrkit writes a temporary file next to
    it and moves it into place, so a failure never leaves half a file.

    Raises:
        FormatError: when the suffix is not one okrkit knows.
    """
    file = Path(path)
    fmt = _format_for_suffix(file.suffix, file=str(file))
    text = fmt.emit(to_data(okrset, dates_as_text=fmt.dates_as_text))
    directory = file.parent if str(file.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
