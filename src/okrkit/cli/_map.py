"""``okrkit map``: the alignment map of a file, as SVG, PNG, DOT or Mermaid."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from okrkit.cli._app import (
    emit,
    fail,
    output_format,
    read_okrs,
    refuse_own_input,
    with_locale,
)
from okrkit.cli._choices import LabelledChoice
from okrkit.cli._help import PathParam, argument, command, option
from okrkit.cli._progress import progress
from okrkit.cli._safe import terminal_text
from okrkit.cli._score import optional_date, strategy_option
from okrkit.errors import OKRError
from okrkit.i18n import N_, _
from okrkit.io import write_atomically
from okrkit.model import Level
from okrkit.report import alignment_map, graphviz_available

__all__ = ["MAP_FORMATS", "MAP_SUFFIXES", "map_command"]

MAP_FORMATS = ("svg", "png", "dot", "mermaid")
"""What ``okrkit map --format`` writes; svg and png need Graphviz's ``dot`` program."""

MAP_SUFFIXES = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid"}
"""The format ``-o``'s suffix names when ``--format`` is left out."""


@command(
    "map",
    help=N_(
        "Draw the alignment map of FILE: company objectives on top, departments and teams "
        "in boxes, every objective and key result coloured by its status."
    ),
)
@argument("file", metavar=N_("FILE"), type=PathParam(dir_okay=False, path_type=Path))
@option(
    "-f",
    "--format",
    "form",
    type=click.Choice(MAP_FORMATS),
    default=None,
    help=N_(
        "svg or png (drawn by Graphviz), or the text to draw it with: dot or mermaid "
        "(default: the one -o's suffix names, else svg when Graphviz is installed, "
        "else dot)."
    ),
)
@option(
    "-o",
    "--output",
    type=PathParam(dir_okay=False, writable=True, path_type=Path),
    help=N_(
        "Write the map to this file instead of printing it (needed for png); its suffix "
        "(.svg, .png, .dot, .mmd) chooses the format when --format is left out."
    ),
)
@option(
    "--as-of",
    "as_of",
    callback=optional_date,
    metavar=N_("DATE"),
    help=N_("The date to score on, YYYY-MM-DD (default: today)."),
)
@option(
    "--owner",
    metavar=N_("ID"),
    help=N_("Draw only this unit (a department, a team, a person) and everything below it."),
)
@option(
    "--level",
    type=LabelledChoice([level.value for level in Level], lambda value: Level(value).label),
    help=N_("Draw objectives down to this level."),
)
@option(
    "--depth",
    type=click.IntRange(min=1),
    metavar=N_("N"),
    help=N_("Draw this many levels from the top (1: the company level only)."),
)
@option(
    "--key-results/--no-key-results",
    "key_results",
    default=True,
    help=N_("List each objective's key results, with their scores, in its box (the default)."),
)
@option(
    "--expand",
    is_flag=True,
    help=N_("Draw each key result as a box of its own."),
)
@option(
    "--initiatives",
    is_flag=True,
    help=N_("Draw the initiatives too, joined to the key results they drive."),
)
@strategy_option
@option("--force", is_flag=True, help=N_("Allow writing over the file being read."))
@with_locale
def map_command(
    *,
    file: Path,
    form: str | None,
    output: Path | None,
    as_of: dt.date | None,
    owner: str | None,
    level: str | None,
    depth: int | None,
    key_results: bool,
    expand: bool,
    initiatives: bool,
    strategy: str,
    force: bool,
) -> None:
    """Draw the alignment map of FILE."""
    drawn = graphviz_available()
    form = output_format(form, output, MAP_SUFFIXES)
    if form is None:
        form = "svg" if drawn else "dot"
        if not drawn:
            click.echo(terminal_text(_no_graphviz_note()), err=True)
    if form == "png" and output is None and sys.stdout.isatty():
        raise click.UsageError(_("a PNG image is not for a terminal: write it with -o FILE.png"))
    refuse_own_input(output, file, force=force)
    okrset = read_okrs(file)
    try:
        with progress(_("Drawing the map of {file}").format(file=file)):
            chart = alignment_map(
                okrset,
                as_of=as_of,
                owner=owner,
                level=level,
                depth=depth,
                key_results=key_results,
                expand_key_results=expand,
                initiatives=initiatives,
                strategy=strategy,
            )
            if not chart.data.objectives:
                fail(_nothing_to_draw(owner))
            if form == "png":
                image = chart.to_png()
            else:
                text = {
                    "svg": chart.to_svg,
                    "dot": chart.to_dot,
                    "mermaid": chart.to_mermaid,
                }[form]()
    except OKRError as exc:
        fail(exc)
    if form != "png":
        emit(text, output)
        return
    if output is None:
        sys.stdout.buffer.write(image)
        return
    try:
        write_atomically(output, image)
    except OKRError as exc:
        fail(exc)
    click.echo(terminal_text(_("Wrote {file}").format(file=output)), err=True)


def _nothing_to_draw(owner: str | None) -> str:
    if owner is not None:
        return _(
            "nothing to draw: {owner} owns no objective, and none is aligned below one of "
            "theirs; choose a department or a team with --owner"
        ).format(owner=owner)
    return _("nothing to draw: no objective is left at the chosen --level and --depth")


def _no_graphviz_note() -> str:
    return _(
        "note: Graphviz is not installed, so this is the map as DOT text; for a picture, "
        "install Graphviz (apt install graphviz, brew install graphviz) and "
        'pip install "okrkit[map]", or paste the text into a Graphviz viewer'
    )
