"""Paths this test process may not use, for the tests of write and read errors.

A folder whose mode forbids writing stops everyone but root, who may write anywhere;
tests run as root (in some containers) then use ``/sys``, which refuses new files to
root too, or skip. Tests import these with ``from forbidden import ...``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


def may_create_in(folder: Path) -> bool:
    """Whether this process can create a file in ``folder``."""
    probe = folder / ".okrkit-probe"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return False
    os.close(fd)
    probe.unlink()
    return True


def forbidden_folder(tmp_path: Path) -> Path:
    """A folder in which creating a file fails with "permission denied", or a skip.

    ``tmp_path/locked`` with mode 0o500 where that is enough; the caller gives write
    permission back with :func:`unlock` so that pytest can remove it.
    """
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    if not may_create_in(folder):
        return folder
    unlock(tmp_path)
    system = Path("/sys")
    if sys.platform == "linux" and system.is_dir():
        try:
            os.close(os.open(system / "okrkit.yaml", os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        except PermissionError:
            return system
        except OSError:
            pass
    pytest.skip("this process may write anywhere (root) and /sys refuses nothing")


def unlock(tmp_path: Path) -> None:
    """Give write permission back on ``tmp_path/locked``, if it is there."""
    folder = tmp_path / "locked"
    if folder.exists():
        folder.chmod(0o700)
