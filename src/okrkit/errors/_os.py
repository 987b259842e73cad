"""Why the operating system refused, in okrkit's words rather than the OS's own.

``OSError.strerror`` is the C library's text, English on most systems whatever the
language the user reads ("No such file or directory", "Operation not permitted").
:func:`os_reason` names the common refusals by their error number in okrkit's words,
translated when shown like any :class:`~okrkit.errors.Message`; any other refusal is
named by its number alone, never by the OS's text.
"""

from __future__ import annotations

import errno

from okrkit.errors._message import N_, Message

__all__ = ["os_reason"]


def _numbers(*names: str) -> tuple[int, ...]:
    """The error numbers of ``names`` that this OS has (``EDQUOT`` is not everywhere)."""
    return tuple(getattr(errno, name) for name in names if hasattr(errno, name))


_REASONS: tuple[tuple[tuple[int, ...], str], ...] = (
    (_numbers("ENOENT"), N_("there is no such file or folder; check the path")),
    (
        _numbers("EACCES", "EPERM"),
        N_("permission denied; check who may read and write this file or folder"),
    ),
    (_numbers("EISDIR"), N_("it is a folder, not a file; give the path of a file")),
    (_numbers("ENOTDIR"), N_("a part of the path is a file, not a folder; check the path")),
    (_numbers("ENOSPC"), N_("the disk is full; free some space and try again")),
    (_numbers("EDQUOT"), N_("your disk quota is used up; free some space and try again")),
    (_numbers("EROFS"), N_("the disk is read-only; choose a place you may write to")),
    (_numbers("EEXIST"), N_("something of that name already exists")),
    (_numbers("ENOTEMPTY"), N_("the folder is not empty")),
    (_numbers("ENAMETOOLONG"), N_("the name or the path is too long; shorten it")),
    (_numbers("ELOOP"), N_("the path has too many symbolic links (a link to itself?)")),
    (
        _numbers("EMFILE", "ENFILE"),
        N_("too many files are open; close some programs and try again"),
    ),
    (
        _numbers("EBUSY", "ETXTBSY"),
        N_("the file or folder is in use by another program; try again later"),
    ),
    (_numbers("EXDEV"), N_("a file cannot be moved from one disk to another this way")),
    (_numbers("EFBIG"), N_("the file is larger than the disk allows")),
    (_numbers("EIO"), N_("the disk could not be read or written; check the disk")),
    (_numbers("ENOMEM"), N_("there is not enough memory; close some programs and try again")),
    (
        _numbers("EAGAIN", "EWOULDBLOCK"),
        N_("the operating system was busy; try again"),
    ),
    (
        _numbers("ETIMEDOUT", "ESTALE", "EHOSTDOWN", "ENETDOWN", "ENETUNREACH"),
        N_("a network drive did not answer; check the connection and try again"),
    ),
    (_numbers("ENODEV", "ENXIO"), N_("the device is not there; check that it is connected")),
    (_numbers("EINVAL"), N_("the operating system does not accept this name or path")),
)

_BY_NUMBER: dict[int, str] = {number: words for numbers, words in _REASONS for number in numbers}

# An OSError made without a number (``PermissionError("...")``) still says what it is.
_BY_CLASS: tuple[tuple[type[OSError], int], ...] = (
    (FileNotFoundError, errno.ENOENT),
    (PermissionError, errno.EACCES),
    (IsADirectoryError, errno.EISDIR),
    (NotADirectoryError, errno.ENOTDIR),
    (FileExistsError, errno.EEXIST),
    (TimeoutError, errno.ETIMEDOUT),
)


def os_reason(exc: OSError) -> Message:
    """Why the OS refused, as okrkit words it: never the OS's own (English) text.

    For the reason of a message such as "cannot read the file: {reason}". The common
    refusals (no such file or folder, permission denied, a folder where a file was
    expected, a full disk, a read-only disk, a name too long, too many open files,
    a file in use, ...) are named by their error number; any other by its number
    alone: "the operating system refused (error code 1234)". An okrkit error that is
    an ``OSError`` (:class:`~okrkit.errors.WriteError`) gives its own words.

    Args:
        exc: The error the OS raised.

    Returns:
        The reason as a :class:`~okrkit.errors.Message`, worded when shown.

    Examples:
        >>> import errno, os
        >>> missing = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), "okrs.yaml")
        >>> reason = os_reason(missing)
        >>> reason.render(locale="en")
        'there is no such file or folder; check the path'
        >>> reason.render(locale="vi")
        'không có tệp hay thư mục này; hãy kiểm tra lại đường dẫn'
        >>> os_reason(OSError(1234, "Some error")).render(locale="vi")
        'hệ điều hành từ chối (mã lỗi 1234)'
    """
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    number = exc.errno if isinstance(exc.errno, int) else None
    if number is None:
        number = next((code for kind, code in _BY_CLASS if isinstance(exc, kind)), None)
    if number is None:
        return Message(N_("the operating system refused, without saying why"))
    words = _BY_NUMBER.get(number)
    if words is not None:
        return Message(words)
    # The number as written, never grouped: "10013", not "10.013".
    return Message(N_("the operating system refused (error code {code})"), code=str(number))
