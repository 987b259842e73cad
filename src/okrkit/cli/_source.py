"""FILE, or a workspace's store: what ``score`` and ``report`` read.

A reading command takes an OKR file as its argument; without one it reads the store
given by ``--store`` (and ``--workspace``), or the store of the workspace whose
okrkit.toml is in the current folder or one above it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from okrkit.cli._help import PathParam, argument, option
from okrkit.cli._workspace import find_workspace, resolve_target
from okrkit.i18n import N_, _

if TYPE_CHECKING:
    from okrkit.model import OKRSet

__all__ = ["read_source", "source_options"]

_F = TypeVar("_F", bound=Callable[..., object])


def source_options(command: _F) -> _F:
    """``FILE`` (optional), ``--store`` and ``--workspace``: what a reading command reads.

    With FILE, the OKR file; else the store given, or the store of the workspace whose
    okrkit.toml is in the current folder or one above it (see :func:`read_source`).
    """
    command = option(
        "--workspace",
        "workspace",
        metavar=N_("NAME"),
        help=N_("The workspace inside the store (default: okrkit.toml's, or 'default')."),
    )(command)
    command = option(
        "--store",
        "store",
        type=PathParam(dir_okay=False, path_type=Path),
        help=N_("A store to read instead of FILE (default: the one named by okrkit.toml)."),
    )(command)
    return argument(
        "file", required=False, metavar=N_("FILE"), type=PathParam(dir_okay=False, path_type=Path)
    )(command)


def read_source(
    file: Path | None,
    store: Path | None,
    workspace: str | None,
    read_file: Callable[[Path], OKRSet],
) -> tuple[OKRSet, str]:
    """The set FILE holds (read by ``read_file``), else the store's (or the workspace's).

    Returns:
        The set, and how to name where it came from: the file, or the store and its
        workspace.

    Raises:
        click.UsageError: for FILE with ``--store`` or ``--workspace``, and for no FILE
            where no store is given and no okrkit.toml is found.
        OKRError: when the store cannot be read.
    """
    if file is not None:
        if store is not None or workspace is not None:
            raise click.UsageError(_("pass FILE, or --store with --workspace, not both"))
        return read_file(file), str(file)
    if store is None and find_workspace() is None:
        raise click.UsageError(
            _(
                "missing FILE: name an OKR file, or run this in a workspace (see 'okrkit "
                "init'), or pass --store"
            )
        )
    with resolve_target(None, store, workspace) as target:
        return target.load(), target.label
