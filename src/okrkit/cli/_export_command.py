"""``okrkit export-parquet``: a file's OKR set and check-ins as four Parquet tables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from okrkit.cli._app import fail, read_okrs, with_locale
from okrkit.cli._help import PathParam, argument, command, option
from okrkit.cli._progress import progress
from okrkit.cli._safe import terminal_text
from okrkit.errors import OKRError, import_extra
from okrkit.i18n import N_, _, format_number, ngettext
from okrkit.io import PARQUET_SCHEMA

__all__ = ["export_parquet"]


def _other_files(folder: Path) -> list[str]:
    """What ``folder`` holds besides the tables an export writes (nothing if it is missing)."""
    if not folder.is_dir():
        return []
    ours = {f"{name}.parquet" for name in PARQUET_SCHEMA}
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []  # the write will say what is wrong with the folder
    return [name for name in names if name not in ours]


@command(
    "export-parquet",
    help=N_(
        "Write FILE and its check-ins as four Parquet tables (objectives, key_results, "
        "links, checkins) into a folder, for DuckDB, Spark and other engines."
    ),
)
@argument("file", metavar=N_("FILE"), type=PathParam(dir_okay=False, path_type=Path))
@option(
    "-o",
    "--output",
    "folder",
    required=True,
    metavar=N_("FOLDER"),
    type=PathParam(file_okay=False, path_type=Path),
    help=N_("The folder to write the tables into; made when missing."),
)
@option(
    "--force",
    is_flag=True,
    help=N_("Write even into a folder that holds other files (they are left alone)."),
)
@with_locale
def export_parquet(file: Path, folder: Path, force: bool) -> None:
    """Write FILE and its check-ins as four Parquet tables into a folder."""
    from okrkit.io import to_parquet

    okrset = read_okrs(file)
    others = _other_files(folder)
    if others and not force:
        fail(
            _(
                "{folder} already holds other files ({names}); choose an empty or new "
                "folder, or pass --force to write beside them"
            ).format(
                folder=terminal_text(str(folder)),
                names=", ".join(terminal_text(name) for name in others[:3])
                + (", ..." if len(others) > 3 else ""),
            )
        )
    try:
        with progress(_("Writing the Parquet tables into {folder}").format(folder=folder)):
            paths = to_parquet(okrset, folder)
    except OKRError as exc:
        fail(exc)
    pq: Any = import_extra("pyarrow.parquet", "arrow")
    click.echo(terminal_text(_("Wrote the Parquet tables into {folder}:").format(folder=folder)))
    for path in paths.values():
        count = int(pq.read_metadata(path).num_rows)
        click.echo(
            "  "
            + terminal_text(
                ngettext("{file}: {n} row", "{file}: {n} rows", count).format(
                    file=path.name, n=format_number(count)
                )
            )
        )
