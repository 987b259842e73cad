"""``okrkit score``: every objective and key result of a file, scored as of a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.text import Text
from rich.tree import Tree

from okrkit.cli._app import console, fail, with_locale
from okrkit.cli._safe import terminal_text
from okrkit.errors import OKRError, Shown
from okrkit.i18n import _, format_date, format_percent, gettext
from okrkit.io import load

if TYPE_CHECKING:
    from okrkit.model import OKRSet
    from okrkit.scoring import Score, Scorecard

__all__ = ["parse_date", "score"]

# The rich style of each status, by its value; any other status is dim.
_COLOURS = {
    "done": "green",
    "achieved": "green",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "missed": "red",
}


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    """Read an ISO date (``YYYY-MM-DD``) from an option; no value means today."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            gettext("write the date as YYYY-MM-DD (got {value!r})").format(value=Shown(value))
        ) from None


@click.command(
    "score",
    help=_("Score FILE as of a date: every objective and key result with score and status."),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    callback=parse_date,
    help=_("The scoring date, YYYY-MM-DD (default: today)."),
)
@click.option(
    "--strategy",
    default="linear",
    show_default=True,
    help=_("The scoring strategy: linear, grade, zones, stepped, or package.module:name."),
)
@with_locale
def score(file: Path, as_of: dt.date, strategy: str) -> None:
    """Score FILE as of a date."""
    try:
        okrset = load(file)
        card = okrset.score(as_of=as_of, strategy=strategy)
    except OKRError as exc:
        fail(exc)
    console().print(_scorecard_tree(okrset, card, as_of, strategy))


def _scorecard_tree(okrset: OKRSet, card: Scorecard, as_of: dt.date, strategy: str) -> Tree:
    """The scorecard as a tree: a heading, then each objective over its key results."""
    root = Tree(
        Text.assemble(
            (_("Scorecard"), "bold"),
            " · "
            + _("as of {date}").format(date=format_date(as_of))
            + f" · {terminal_text(strategy)}",
        )
    )
    for objective in okrset.objectives:
        node = root.add(_score_line(objective.title, objective.id, card[objective.id], "bold"))
        for kr in objective.key_results:
            node.add(_score_line(kr.title, kr.id, card[kr.id], ""))
    return root


def _score_line(title: str, ident: str, result: Score, style: str) -> Text:
    """One scored line: title (in ``style``), id, score, status and expected progress."""
    return Text.assemble(
        (terminal_text(title), style),
        f"  [{terminal_text(ident)}] ",
        (format_percent(result.value), style),
        " · ",
        (result.status.label, _COLOURS.get(result.status.value, "dim")),
        (" · " + _("expected {share}").format(share=format_percent(result.expected)), "dim"),
    )
