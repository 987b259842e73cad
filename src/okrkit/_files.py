"""Reading a file: its bytes within a size limit, and the errors of a file that fails.

The OKR file reader (:mod:`okrkit.io`), the check-in importers (:mod:`okrkit.checkins`,
a layer below io) and the lint configuration (:mod:`okrkit.lint`, below io too) read
through here, so that a missing file, a path holding a NUL, an unreadable file, one
past the limit or one that is not valid YAML, JSON or TOML reads the same from each
(:mod:`okrkit._syntax`, in this layer, words the syntax errors).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from okrkit._syntax import json_syntax_error, toml_syntax_error, yaml_syntax_error
from okrkit.errors import LoadError, Message, Problem, os_reason
from okrkit.i18n import N_

__all__ = [
    "json_syntax_error",
    "limit_error",
    "read_bounded",
    "toml_syntax_error",
    "yaml_syntax_error",
]


def limit_error(
    problem: Message, name: str, limit: object, *, file: str | None, line: int | None = None
) -> LoadError:
    """The error for a file past the limit ``name`` of :class:`okrkit.Limits`.

    Says what (``problem``), where (``file``, ``line``), and how to read a genuine file
    anyway.
    """
    return LoadError(
        Problem(
            "file.limit",
            N_(
                "{problem} (past the limit {name}={limit}; if the file is genuine, "
                "read it with limits=okrkit.Limits({name}=...))"
            ),
            # The limit as Python code writes it, not as a number in a sentence.
            {"problem": problem, "name": name, "limit": str(limit)},
            file=file,
            line=line,
        )
    )


def read_bounded(path: Path, size: int, name: str) -> bytes:
    """The bytes of ``path``, refused past ``size`` bytes; ``name`` names it in errors.

    A regular file's size is checked before it is read; anything else (a pipe, a
    device that never ends) is read in pieces, never past the limit.

    Raises:
        LoadError: for a missing or unreadable file, a path that holds a NUL
            character, or a file past ``size``.
    """
    try:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            regular = stat.S_ISREG(status.st_mode)
            past = regular and status.st_size > size
            if past:
                data = b""  # refused below, unread
            elif regular:
                data = handle.read()  # one read of its known size (read(n) would reserve n)
            else:
                data = _read_at_most(handle, size + 1)
    except FileNotFoundError as exc:
        raise LoadError(
            Problem("file.missing", N_("no such file; check the path"), file=name)
        ) from exc
    except ValueError as exc:  # a NUL in the path
        raise LoadError(
            Problem(
                "file.unreadable",
                N_(
                    "the path holds a NUL character (\\0), which no file name can hold; "
                    "check the path"
                ),
                file=name,
            )
        ) from exc
    except OSError as exc:
        raise LoadError(
            Problem(
                "file.unreadable",
                N_("cannot read the file: {reason}"),
                {"reason": os_reason(exc)},
                file=name,
            )
        ) from exc
    if past or len(data) > size:
        problem = Message(N_("the file holds more than {size} bytes"), size=size)
        raise limit_error(problem, "size", size, file=name)
    return data


def _read_at_most(handle: BinaryIO, size: int) -> bytes:
    """Read ``handle`` to its end, or to ``size`` bytes if it goes on longer."""
    pieces: list[bytes] = []
    total = 0
    while total < size:
        piece = handle.read(min(1 << 20, size - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)
