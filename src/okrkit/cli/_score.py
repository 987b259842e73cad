"""``okrkit score``: every objective and key result of a file, scored as of a date.

``--format text`` (the default) prints a tree for people; ``json`` is
:meth:`Scorecard.to_json <okrkit.scoring.Scorecard.to_json>`, and ``csv`` one row per
objective and key result (each objective followed by its key results) with the same
stable codes and labels (see :data:`CSV_COLUMNS`). ``-o OUT`` writes the output whole
to a file instead of printing it.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from okrkit.cli._app import (
    console,
    emit,
    fail,
    output_format,
    read_okrs,
    refuse_own_input,
    with_locale,
)
from okrkit.cli._choices import matches_word
from okrkit.cli._graph import _JSON_UNSAFE
from okrkit.cli._help import PathParam, command, option
from okrkit.cli._progress import is_terminal, progress
from okrkit.cli._safe import terminal_lines, terminal_text
from okrkit.cli._source import read_source, source_options
from okrkit.errors import OKRError, ParameterError, Shown, did_you_mean
from okrkit.i18n import N_, _, format_date, format_percent
from okrkit.i18n import parse_date as read_date
from okrkit.scoring import available, strategy_label

if TYPE_CHECKING:
    from okrkit.model import OKRSet
    from okrkit.scoring import Score, Scorecard

__all__ = [
    "CSV_COLUMNS",
    "csv_cell",
    "optional_date",
    "parse_date",
    "score",
    "scorecard_csv",
    "strategy_option",
    "strategy_option_value",
]

_SCORE_SUFFIXES = {".txt": "text", ".json": "json", ".csv": "csv"}
"""The format ``-o``'s suffix names when ``--format`` is left out."""

# The rich style of each status, by its value; any other status is dim.
_COLOURS = {
    "done": "green",
    "achieved": "green",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "missed": "red",
}

CSV_COLUMNS = (
    "kind",
    "kind_label",
    "id",
    "objective",
    "title",
    "value",
    "raw",
    "expected",
    "status",
    "status_label",
    "band",
    "band_label",
    "zone",
    "zone_label",
    "confidence",
    "forecast_on",
    "forecast_value",
    "forecast_low",
    "forecast_high",
    "forecast_score",
    "computed",
    "reason",
)
"""The columns of ``okrkit score --format csv``, as its header row names them."""

# What a spreadsheet may read as the start of a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """``value`` as a CSV cell a spreadsheet shows as it is, never runs as a formula.

    ``None`` is empty and a number is written as Python reads it back (a negative
    number stays a number: it is no formula); text that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so a spreadsheet
    shows it as text.

    Examples:
        >>> csv_cell("=HYPERLINK(1)"), csv_cell(0.5), csv_cell(None), csv_cell(-0.25)
        ("'=HYPERLINK(1)", '0.5', '', '-0.25')
        >>> csv_cell("-1 lỗi")
        "'-1 lỗi"
    """
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(float(value)) if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _rows(data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The entries of ``Scorecard.to_dict()``: each objective, then its key results."""
    by_objective: dict[str, list[dict[str, Any]]] = {}
    for kr in data["key_results"]:
        by_objective.setdefault(kr["objective"], []).append(kr)
    for objective in data["objectives"]:
        yield objective
        yield from by_objective.get(objective["id"], [])


def scorecard_csv(card: Scorecard) -> str:
    """The scorecard as CSV: a header of :data:`CSV_COLUMNS`, then one row per entry.

    Codes and labels are those of :meth:`~okrkit.scoring.Scorecard.to_dict`; every
    cell goes through :func:`csv_cell`. Lines end with CR LF, as RFC 4180 says.
    """
    out = io.StringIO()
    # RFC 4180's line ends: a cell holding a carriage return is quoted too.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in _rows(card.to_dict()):
        forecast = entry["forecast"] or {}
        flat = {**entry, **{f"forecast_{key}": value for key, value in forecast.items()}}
        writer.writerow([csv_cell(flat.get(column)) for column in CSV_COLUMNS])
    return out.getvalue()


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    """Read a date from an option; no value means today.

    ISO dates (``YYYY-MM-DD``) always; in Vietnamese day/month/year too (``20/3/2026``),
    as :func:`okrkit.i18n.parse_date` reads them in the active locale.
    """
    if value is None:
        return dt.date.today()
    try:
        return read_date(value)
    except ParameterError as exc:
        raise click.BadParameter(str(exc)) from None


def optional_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A date from an option (as :func:`parse_date` reads it), or ``None`` when not given."""
    return None if value is None else parse_date(ctx, param, value)


def strategy_option_value(_ctx: click.Context | None, _param: object, value: str) -> str:
    """The strategy ``--strategy`` names: a name, or a built-in one's label, in any language.

    A label is matched without accents, case or hyphens (``tuyen-tinh`` is ``linear``);
    a ``package.module:name`` path is passed on as it is, and scoring says when it cannot
    import it. Anything else is refused with the strategies' names in the active locale.

    Examples:
        >>> strategy_option_value(None, None, "Tuyen tinh")
        'linear'
        >>> strategy_option_value(None, None, "package.module:Strategy")
        'package.module:Strategy'
    """
    names = available()
    if ":" in value or value in names:
        return value
    for name in names:
        if matches_word(value, name, functools.partial(strategy_label, name)):
            return name
    raise click.BadParameter(_unknown_strategy(value, names))


def _unknown_strategy(value: str, names: Iterable[str]) -> str:
    """Why ``value`` names no strategy, with the names a person types, in their language."""
    labels = {name: strategy_label(name) for name in names}
    # Close to a label or to a name (an English one typed in Vietnamese): say the label.
    close = did_you_mean(value, [*labels.values(), *labels])
    close = list(dict.fromkeys(labels.get(found, found) for found in close))
    shown = ", ".join(labels.values())
    if close:
        return _(
            "no scoring strategy is called {name} (did you mean {suggestions}?); use one of "
            "{known}, or a path such as package.module:name"
        ).format(name=Shown(value), suggestions=", ".join(close), known=shown)
    return _(
        "no scoring strategy is called {name}; use one of {known}, or a path such as "
        "package.module:name"
    ).format(name=Shown(value), known=shown)


strategy_option = option(
    "--strategy",
    default="linear",
    show_default=True,
    metavar=N_("NAME"),
    callback=strategy_option_value,
    default_label=strategy_label,
    help=N_("The scoring strategy: linear, grade, zones, stepped, or package.module:name."),
)
"""The ``--strategy`` option of the commands that score: a name or a label (default ``linear``)."""


@command(
    "score",
    help=N_(
        "Score FILE, or the workspace's store, as of a date: every objective and key "
        "result with score and status."
    ),
)
@source_options
@option(
    "--as-of",
    "as_of",
    callback=parse_date,
    metavar=N_("DATE"),
    help=N_("The scoring date, YYYY-MM-DD (default: today)."),
)
@strategy_option
@option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("text", "json", "csv")),
    default="text",
    show_default=True,
    help=N_("text for people; json or csv for programs, with codes that never change."),
)
@option(
    "-o",
    "--output",
    type=PathParam(dir_okay=False, path_type=Path),
    help=N_(
        "Write to this file instead of printing; its suffix (.txt, .json, .csv) chooses "
        "the format when --format is left out."
    ),
)
@option("--force", is_flag=True, help=N_("Write the output even over FILE itself."))
@with_locale
def score(
    *,
    file: Path | None,
    store: Path | None,
    workspace: str | None,
    as_of: dt.date,
    strategy: str,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Score FILE (or the workspace's store) as of a date."""
    fmt = output_format(fmt, output, _SCORE_SUFFIXES, name="fmt")
    if file is not None:
        refuse_own_input(output, file, force=force)
    try:
        okrset, label = read_source(file, store, workspace, read_okrs)
    except OKRError as exc:
        fail(exc)
    try:
        with progress(_("Scoring {file}").format(file=label)):
            card = okrset.score(as_of=as_of, strategy=strategy)
    except OKRError as exc:
        fail(exc)
    if fmt == "json":
        # Characters a terminal or an editor should not get raw, as JSON escapes.
        text = _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", card.to_json(2))
        emit(text + "\n", output)
    elif fmt == "csv":
        text = scorecard_csv(card)
        if output is None and is_terminal(sys.stdout):  # no escape sequence reaches it
            text = terminal_lines(text)
        emit(text, output)
    elif output is None:
        console().print(_scorecard_tree(okrset, card, as_of, strategy))
    else:
        buffer = io.StringIO()
        plain = Console(file=buffer, width=100_000, color_system=None, markup=False, emoji=False)
        plain.print(_scorecard_tree(okrset, card, as_of, strategy))
        emit(buffer.getvalue(), output)


def _scorecard_tree(okrset: OKRSet, card: Scorecard, as_of: dt.date, strategy: str) -> Tree:
    """The scorecard as a tree: a heading, then each objective over its key results."""
    root = Tree(
        Text.assemble(
            (_("Scorecard"), "bold"),
            " · "
            + _("as of {date}").format(date=format_date(as_of))
            + f" · {terminal_text(strategy_label(strategy))}",
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
