"""Reading an OKR file's bytes: the path, the size limit and UTF-8 checked first."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from okrkit._files import read_bounded
from okrkit.errors import LoadError, Message, Problem
from okrkit.i18n import N_
from okrkit.io._limits import Limits, line_at

__all__ = ["check_utf8", "file_reader", "read_bytes"]


def file_reader(file: Path, limits: Limits) -> Callable[[], bytes]:
    """A function that reads ``file`` (again, when a problem needs its lines)."""
    return lambda: read_bytes(file, limits)


def read_bytes(file: Path, limits: Limits) -> bytes:
    """The bytes of ``file``, refused past ``limits.size`` or when they are not UTF-8.

    A regular file's size is checked before it is read; anything else (a pipe, a
    device that never ends) is read in pieces, never past the limit.

    Raises:
        LoadError: naming the file, for a missing or unreadable file, a path that holds
            a NUL character, a file past the size limit, or bytes that are not UTF-8.
    """
    name = str(file).replace("\0", "\\0")
    data = read_bounded(file, limits.size, name)
    check_utf8(data, name)
    return data


def check_utf8(data: bytes, file: str) -> None:
    """Refuse bytes that are not UTF-8, without keeping a decoded copy of them all.

    Raises:
        LoadError: at the line of the first byte that is not UTF-8.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 20
    for start in range(0, len(data), step):
        try:
            decoder.decode(data[start : start + step], final=start + step >= len(data))
        except UnicodeDecodeError as exc:
            position = start + exc.start
            raise LoadError(
                Problem(
                    "file.encoding",
                    Message(
                        N_("the file is not UTF-8 text; save it as UTF-8 (byte {position})"),
                        position=position,
                    ),
                    file=file,
                    line=line_at(data, position),
                )
            ) from exc
