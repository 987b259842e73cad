"""``okrkit import-checkins``: check-ins from a CSV, Excel or Parquet file, all or none.

The file's format comes from its suffix. Its rows are checked against the target's
set (a file, or a store's workspace; see :mod:`okrkit.cli._workspace`): every key
result must be one of the set's, every author one of its owners, every day inside its
key result's cycle. One bad row
and nothing is stored: the bad rows are listed and the command exits with status 1.
``--skip-bad`` stores the good rows and lists the ones it skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import click

from okrkit.checkins import CheckInLog
from okrkit.checkins._headers import FIELDS
from okrkit.cli._app import fail, with_locale
from okrkit.cli._help import PathParam, argument, command, option
from okrkit.cli._progress import progress
from okrkit.cli._safe import terminal_text
from okrkit.cli._workspace import resolve_target, target_options
from okrkit.errors import HINT_LIMIT, OKRError, Shown, ValidationError
from okrkit.i18n import N_, _, format_number, gettext, ngettext

if TYPE_CHECKING:
    from okrkit.model import Cycle, OKRSet

__all__ = ["FORMATS", "import_checkins", "parse_columns"]

FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "excel", ".parquet": "parquet"}
"""The format of each suffix ``import-checkins`` reads."""


def parse_columns(
    _ctx: click.Context | None, _param: click.Parameter | None, values: Sequence[str]
) -> dict[str, str]:
    """Read ``--column FIELD=HEADER`` options into the ``columns`` of the importers.

    Examples:
        >>> parse_columns(None, None, ["key_result=KR", "value=Giá trị"])
        {'key_result': 'KR', 'value': 'Giá trị'}
    """
    columns: dict[str, str] = {}
    for value in values:
        field, equals, header = value.partition("=")
        field = field.strip()
        if not equals or not header or field not in FIELDS:
            raise click.BadParameter(
                gettext(
                    "write a column as FIELD=HEADER, such as value='Giá trị', with FIELD one "
                    "of {fields} (got {value!r})"
                ).format(fields=", ".join(FIELDS), value=Shown(value))
            )
        columns[field] = header
    return columns


@command(
    "import-checkins",
    help=N_(
        "Import check-ins from FILE (.csv, .tsv, .txt, .xlsx or .parquet) into a store or "
        "an OKR file. Every row is checked; nothing is stored unless all are good."
    ),
)
@argument("source", metavar=N_("FILE"), type=PathParam(dir_okay=False, path_type=Path))
@option(
    "--column",
    "columns",
    multiple=True,
    metavar=N_("FIELD=HEADER"),
    callback=parse_columns,
    help=N_(
        "The file's column for a field (key_result, on, value, confidence, note, author), "
        "such as --column value='Giá trị'; repeat for each. Others are found by name."
    ),
)
@option("--sheet", metavar=N_("NAME"), help=N_("The sheet of an .xlsx file (default: the first)."))
@option(
    "--delimiter", metavar=N_("CHAR"), help=N_("The delimiter of a CSV file (default: sniffed).")
)
@option(
    "--decimal",
    type=click.Choice([".", ","]),
    default=".",
    show_default=True,
    help=N_("The decimal mark of the values: . or , (for 3,5)."),
)
@option(
    "--day-format",
    "day_format",
    metavar=N_("FORMAT"),
    help=N_("How the file writes days, such as %d/%m/%Y (default: YYYY-MM-DD)."),
)
@option(
    "--skip-bad",
    "skip_bad",
    is_flag=True,
    help=N_("Store the good rows and list the bad ones, instead of storing nothing."),
)
@option("--author", metavar=N_("ID"), help=N_("Who made the import, for a store's history."))
@target_options
@with_locale
def import_checkins(
    *,
    source: Path,
    columns: dict[str, str],
    sheet: str | None,
    delimiter: str | None,
    decimal: str,
    day_format: str | None,
    skip_bad: bool,
    author: str | None,
    file: Path | None,
    store: Path | None,
    workspace: str | None,
) -> None:
    """Import check-ins from FILE into a store or an OKR file."""
    kind = _format_of(source, sheet=sheet, delimiter=delimiter)
    try:
        with (
            progress(_("Importing check-ins from {file}").format(file=source)),
            resolve_target(file, store, workspace) as target,
        ):
            chosen = _Chosen(
                columns=columns,
                decimal=decimal,
                day_format=day_format,
                skip_bad=skip_bad,
                **_known(target.load()),
            )
            log = _read(kind, source, chosen, sheet=sheet, delimiter=delimiter)
            added = target.append_checkins(log, author=author, source=str(source))
            label = target.label
    except ValidationError as exc:
        rows = any(problem.code == "checkin.row" for problem in exc.problems)
        said = any(problem.unlisted for problem in exc.problems)  # "and N more rows; …"
        if not rows or skip_bad or said:  # nothing --skip-bad would change, or said once
            fail(exc)
        fail(
            f"{exc}\n"
            + _("Nothing was imported; fix these rows, or pass --skip-bad to import the rest.")
        )
    except OKRError as exc:
        fail(exc)
    _report(source, label, len(log), added, log.diagnostics)


class _Known(TypedDict):
    known: list[str]
    authors: list[str]
    cycles: Mapping[str, Cycle]


class _Chosen(_Known):
    """The keywords every importer takes, as the options and the target give them."""

    columns: Mapping[str, str]
    decimal: str
    day_format: str | None
    skip_bad: bool


def _known(okrset: OKRSet) -> _Known:
    """The key results of ``okrset`` that may be checked in, its owners, each KR's cycle."""
    by_id = {cycle.id: cycle for cycle in okrset.cycles}
    return _Known(
        known=[kr.id for kr in okrset.key_results],
        authors=[owner.id for owner in okrset.owners],
        cycles={
            kr.id: by_id[objective.cycle]
            for objective in okrset.objectives
            if objective.cycle in by_id
            for kr in objective.key_results
        },
    )


def _read(
    kind: str, source: Path, chosen: _Chosen, *, sheet: str | None, delimiter: str | None
) -> CheckInLog:
    """The check-ins of ``source``, read as its format and the options say."""
    if kind == "excel":
        return CheckInLog.from_excel(source, sheet=sheet, **chosen)
    if kind == "parquet":
        return CheckInLog.from_parquet(source, **chosen)
    return CheckInLog.from_csv(source, delimiter=delimiter, **chosen)


def _format_of(source: Path, *, sheet: str | None, delimiter: str | None) -> str:
    """The format of ``source`` from its suffix; a one-line failure for any other."""
    kind = FORMATS.get(source.suffix.lower())
    if kind is None:
        fail(
            _(
                "cannot tell the format of {file} from its suffix; import-checkins reads "
                "CSV (.csv, .tsv, .txt), Excel (.xlsx) and Parquet (.parquet)"
            ).format(file=terminal_text(str(source)))
        )
    if sheet is not None and kind != "excel":
        raise click.UsageError(_("--sheet is for an Excel file (.xlsx)"))
    if delimiter is not None and kind != "csv":
        raise click.UsageError(_("--delimiter is for a CSV file (.csv, .tsv, .txt)"))
    return kind


def _report(source: Path, target: str, read: int, added: int, skipped: Sequence[object]) -> None:
    """What was imported, what was there already, and each row skipped (the first few)."""
    lines = [
        ngettext(
            "Imported {count} check-in from {file} into {target}.",
            "Imported {count} check-ins from {file} into {target}.",
            added,
        ).format(count=format_number(added), file=source, target=target)
    ]
    if added < read:
        lines.append(
            ngettext(
                "{count} check-in was recorded already.",
                "{count} check-ins were recorded already.",
                read - added,
            ).format(count=format_number(read - added))
        )
    if skipped:
        lines.append(
            ngettext(
                "Skipped {count} row that cannot be imported:",
                "Skipped {count} rows that cannot be imported:",
                len(skipped),
            ).format(count=format_number(len(skipped)))
        )
        lines.extend(f"  - {problem}" for problem in skipped[:HINT_LIMIT])
        if len(skipped) > HINT_LIMIT:
            more = len(skipped) - HINT_LIMIT
            lines.append("  - " + _("and {count} more").format(count=format_number(more)))
    for line in lines:
        click.echo(terminal_text(line))
