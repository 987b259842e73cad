"""Typed usage of ``os_reason``: an ``OSError`` reported in okrkit's words, in any language."""

from __future__ import annotations

import errno

from okrkit.errors import Message, Problem, WriteError, os_reason
from okrkit.i18n import N_


def reported(exc: OSError, file: str) -> WriteError:
    """An app's own write error, with the OS's refusal worded as okrkit words it."""
    reason: Message = os_reason(exc)
    return WriteError(
        Message(N_("cannot write {file}: {reason}"), file=file, reason=reason),
        file=file,
        errno=exc.errno,
    )


error = reported(PermissionError(errno.EACCES, "Permission denied", "okrs.yaml"), "okrs.yaml")
vietnamese: str = error.render(locale="vi")
problem = Problem(
    "file.unreadable",
    N_("cannot read the file: {reason}"),
    {"reason": os_reason(FileNotFoundError())},
    file="okrs.yaml",
)
english: str = problem.render(locale="en")
