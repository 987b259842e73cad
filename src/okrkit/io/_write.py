"""Writing a file whole or not at all: :func:`write_atomically`.

The text goes to a temporary file next to the target, named
``.NAME.okrkit-XXXXXXXXXXXX.tmp``, which is flushed to disk (``fsync``) and then
renamed over the target; the folder is flushed after the rename, so the new name
survives a power cut too. A reader, or a crash at any moment, sees the old file or
the new one, never half of one.

- The replaced file keeps its mode (and, where the OS lets us, its owner and
  group); a new file gets the mode the umask gives, like any file a program creates.
- A symbolic link is written through: its target is replaced and the link stays.
- Temporary files that okrkit left behind in the target's folder (a process killed
  mid-write) are removed by the next write there, once they are older than
  :data:`STALE_AFTER` seconds; younger ones may belong to a write still going on.
- Every failure of the OS (a missing folder, permission denied, a full disk) is one
  :class:`~okrkit.errors.WriteError` that names the file, and leaves the target as
  it was and no temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from pathlib import Path

from okrkit.errors import Message, Shown, WriteError, os_reason
from okrkit.i18n import N_

__all__ = ["STALE_AFTER", "is_temporary", "write_atomically"]

STALE_AFTER = 60.0
"""Seconds after which an okrkit temporary file is taken for a crash's leftover."""

_TEMPORARY = re.compile(r"\..+\.okrkit-[0-9a-f]{12}\.tmp", re.DOTALL)
# Room left in a file name (255 bytes on most file systems) for okrkit's additions.
_NAME_ROOM = 180
# Errors of a folder fsync that mean the file system does not do it, not a failure.
_NO_FOLDER_SYNC = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EACCES}


def is_temporary(name: str) -> bool:
    """Whether ``name`` is one of okrkit's temporary file names.

    Examples:
        >>> is_temporary(".okrs.yaml.okrkit-0123456789ab.tmp")
        True
        >>> is_temporary(".okrs.yaml.swp")
        False
    """
    return _TEMPORARY.fullmatch(name) is not None


def write_atomically(path: str | os.PathLike[str], data: str | bytes) -> None:
    r"""Write ``data`` to ``path`` whole or not at all (text as UTF-8, ``\n`` kept).

    Args:
        path: The file to write; a symbolic link is written through.
        data: The new contents.

    Raises:
        WriteError: when the OS refuses (missing folder, permission denied, disk
            full, ...); the file is left as it was.

    Examples:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> write_atomically(folder / "notes.txt", "Tăng trưởng\n")
        >>> (folder / "notes.txt").read_text(encoding="utf-8")
        'Tăng trưởng\n'
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    shown = os.fspath(path)
    if "\0" in shown:
        raise WriteError(
            Message(
                N_("cannot write {file!r}: a path cannot hold a NUL character"), file=Shown(shown)
            ),
            file=shown,
            errno=errno.EINVAL,
        )
    target = Path(os.path.realpath(shown))
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise _write_error(shown, exc) from exc
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise WriteError(
            Message(N_("cannot write {file}: it is a folder; give a file name"), file=shown),
            file=shown,
            errno=errno.EISDIR,
        )
    _remove_stale(target.parent)
    try:
        tmp = _write_temporary(target, payload, old)
    except OSError as exc:
        raise _write_error(shown, exc) from exc
    try:
        os.replace(tmp, target)
        _sync_folder(target.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(shown, exc) from exc


def _write_temporary(target: Path, payload: bytes, old: os.stat_result | None) -> Path:
    """A flushed temporary file beside ``target`` holding ``payload``, with the final mode."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    # A new file: 0o666 less the umask, as open() gives. A replaced file: private until
    # its old mode is set, before any byte is written.
    mode = 0o666 if old is None else 0o600
    prefix = f".{target.name[:_NAME_ROOM]}.okrkit-"
    while True:
        tmp = target.with_name(f"{prefix}{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, flags, mode)
            break
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    try:
        if old is not None:
            _keep_metadata(fd, old)
        with os.fdopen(fd, "wb", closefd=True) as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _keep_metadata(fd: int, old: os.stat_result) -> None:
    """Give the open file ``fd`` the mode, and where allowed the owner, of ``old``."""
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):  # only the owner's own groups, or root
            os.fchown(fd, old.st_uid, old.st_gid)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode))


def _sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries to disk, where the OS can (POSIX, not Windows)."""
    if os.name != "posix":  # pragma: no cover - a folder cannot be opened there
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        if exc.errno in _NO_FOLDER_SYNC:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _NO_FOLDER_SYNC:
            raise
    finally:
        os.close(fd)


def _remove_stale(folder: Path) -> None:
    """Remove okrkit's temporary files in ``folder`` older than :data:`STALE_AFTER`."""
    deadline = time.time() - STALE_AFTER
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # the write itself will say what is wrong with the folder
    for entry in entries:
        if not entry.name.startswith(".") or not is_temporary(entry.name):
            continue
        with contextlib.suppress(OSError):  # gone already, or not ours to remove
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < deadline:
                os.unlink(entry.path)


def _write_error(shown: str, exc: OSError) -> WriteError:
    """The one-line :class:`WriteError` for ``exc``, raised while writing ``shown``."""
    folder = os.path.dirname(shown) or os.curdir
    if isinstance(exc, FileNotFoundError):
        reason = Message(N_("the folder {folder} does not exist; create it first"), folder=folder)
    elif isinstance(exc, PermissionError):
        reason = Message(N_("permission denied; choose a folder and file you may write to"))
    else:  # a file for a folder, a full or read-only disk, ...: okrkit's words, not the OS's
        reason = os_reason(exc)
    return WriteError(
        Message(N_("cannot write {file}: {reason}"), file=shown, reason=reason),
        file=shown,
        errno=exc.errno,
    )
