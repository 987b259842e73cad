"""``okrkit new``: write a ready OKR file from a template and the user's values."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import click

from okrkit.cli._app import fail, with_locale
from okrkit.cli._help import PathParam, command, option
from okrkit.cli._safe import terminal_text
from okrkit.cli._templates import load_catalogue
from okrkit.errors import OKRError, Shown
from okrkit.i18n import N_, _, gettext, ngettext
from okrkit.io import dump
from okrkit.model import Cycle, Level, OKRSet, Owner, OwnerKind

__all__ = ["default_owner", "new", "parse_cycle", "parse_settings"]

_CYCLE = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


def parse_cycle(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Cycle:
    """Read a quarter (``2026-Q2``) or a year (``2026``) from an option; none is this quarter."""
    if value is None:
        today = dt.date.today()
        return Cycle.quarter(today.year, (today.month - 1) // 3 + 1)
    match = _CYCLE.match(value.strip())
    if match is None or int(match.group(1)) == 0:  # no calendar date has a year 0
        raise click.BadParameter(
            gettext(
                "write a quarter such as 2026-Q2 or a year such as 2026 (got {value!r})"
            ).format(value=Shown(value))
        )
    year = int(match.group(1))
    return Cycle.quarter(year, int(match.group(2))) if match.group(2) else Cycle.year(year)


def parse_settings(
    _ctx: click.Context, _param: click.Parameter, values: Sequence[str]
) -> dict[str, str]:
    """Read repeated ``name=value`` options into a mapping of parameter values."""
    settings: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(
                gettext("write each setting as name=value (got {item!r})").format(item=Shown(item))
            )
        settings[name.strip()] = value
    return settings


# The kind of owner of an objective at each level: a department's is a department.
_OWNER_KINDS = {
    Level.COMPANY: OwnerKind.COMPANY,
    Level.DEPARTMENT: OwnerKind.DEPARTMENT,
    Level.TEAM: OwnerKind.TEAM,
    Level.INDIVIDUAL: OwnerKind.PERSON,
}


def default_owner(level: Level, owner_id: str | None, owner_name: str | None) -> Owner:
    """The owner ``okrkit new`` writes for an objective at ``level``.

    Its kind is the level's (a department template's owner is a department). Without
    ``--owner`` it is a placeholder the user replaces, named "Owner" in the active
    locale ("Người phụ trách"), its id the name in lower case without tone marks
    (``nguoi-phu-trach``); with ``--owner`` but no ``--owner-name``, the id is its
    name too.

    Examples:
        >>> from okrkit.i18n import use_locale
        >>> with use_locale("vi"):
        ...     owner = default_owner(Level.DEPARTMENT, None, None)
        >>> owner.id, owner.name, owner.kind.value
        ('nguoi-phu-trach', 'Người phụ trách', 'department')
        >>> default_owner(Level.INDIVIDUAL, None, None).id
        'owner'
        >>> default_owner(Level.TEAM, "lan", None).name
        'lan'
    """
    placeholder = gettext("Owner")
    if owner_id is None:
        owner_id = _slug(placeholder)
        owner_name = owner_name or placeholder
    return Owner(id=owner_id, name=owner_name or owner_id, kind=_OWNER_KINDS[level])


def _slug(name: str) -> str:
    """``name`` as an id: lower case, no tone marks, ``đ`` as ``d``, words joined by ``-``."""
    plain = unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
    return "-".join("".join(c for c in plain if not unicodedata.combining(c)).split())


@command(help=N_("Write a ready OKR file from a template, with your parameter values."))
@option("--template", "template_id", required=True, metavar=N_("ID"), help=N_("Template id."))
@option(
    "--set",
    "settings",
    multiple=True,
    metavar=N_("NAME=VALUE"),
    callback=parse_settings,
    help=N_("A parameter value; repeat for each parameter."),
)
@option(
    "-o",
    "--output",
    required=True,
    type=PathParam(dir_okay=False, path_type=Path),
    help=N_("The OKR file to write (.yaml, .toml or .json)."),
)
@option(
    "--cycle",
    callback=parse_cycle,
    metavar=N_("CYCLE"),
    help=N_("A quarter such as 2026-Q2 or a year such as 2026 (default: this quarter)."),
)
@option(
    "--owner",
    "owner_id",
    metavar=N_("ID"),
    help=N_("The owner's id (default: a placeholder to replace in the file)."),
)
@option(
    "--owner-name",
    metavar=N_("NAME"),
    help=N_("The owner's name (default: the id given with --owner, else a placeholder)."),
)
@option(
    "--id",
    "objective_id",
    metavar=N_("ID"),
    help=N_("The objective's id (default: the template's)."),
)
@option("--force", is_flag=True, help=N_("Overwrite FILE if it exists."))
@with_locale
def new(  # noqa: PLR0917 - click passes every option by position
    template_id: str,
    settings: dict[str, str],
    output: Path,
    cycle: Cycle,
    owner_id: str | None,
    owner_name: str | None,
    objective_id: str | None,
    force: bool,
) -> None:
    """Write a ready OKR file from a template, with your parameter values."""
    if output.exists() and not force:
        fail(_("{file} exists; choose another file or pass --force").format(file=output))
    catalogue = load_catalogue()
    try:
        template = catalogue.get(template_id)
        owner = default_owner(template.level, owner_id, owner_name)
        objective = template.instantiate(settings, owner=owner, cycle=cycle, id=objective_id)
        okrset = OKRSet(cycles=[cycle], owners=[owner], objectives=[objective])
        dump(okrset, output)
    except OKRError as exc:
        fail(exc)
    count = len(objective.key_results)
    click.echo(
        ngettext(
            "Wrote {file}: {objective} with {count} key result",
            "Wrote {file}: {objective} with {count} key results",
            count,
        ).format(file=output, objective=terminal_text(objective.title), count=count)
    )
