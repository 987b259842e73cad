"""``okrkit carry-forward`` and ``okrkit close``: the end of a cycle, on a file or a store.

Both read the whole set of their target (a file, or a store's workspace; see
:mod:`okrkit.cli._workspace`), run :func:`okrkit.store.carry_forward` or
:func:`okrkit.store.close_cycle`, save the result unless ``--dry-run`` (or nothing
changed), and print what moved, stayed or was graded as a table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from okrkit.cli._app import console, fail, with_locale
from okrkit.cli._help import argument, command, option
from okrkit.cli._safe import terminal_text
from okrkit.cli._score import optional_date, strategy_option
from okrkit.cli._workspace import resolve_target, target_options
from okrkit.errors import OKRError, Shown, ValidationError
from okrkit.i18n import N_, _, format_day, format_number, format_value, gettext
from okrkit.model import Status
from okrkit.store import CarryForward, Closed, GradeLike, carry_forward, close_cycle

if TYPE_CHECKING:
    from okrkit.model import OKRSet

__all__ = ["carry_forward_command", "close_command", "parse_grades"]

# The rich style of each final status; a missed grade is shown in red.
_COLOURS = {Status.ACHIEVED: "green", Status.MISSED: "red"}


def _table(*headings: str) -> Table:
    """An empty table with a rule under its headings; the first two columns never wrap."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for index, heading in enumerate(headings):
        table.add_column(heading, no_wrap=index < 2)
    return table


def _cell(text: str, style: str = "") -> Text:
    """User text as one safe table cell."""
    return Text(terminal_text(text), style=style)


_as_of_option = option(
    "--as-of",
    "as_of",
    callback=optional_date,
    metavar=N_("DATE"),
    help=N_("The day the scores are read on, YYYY-MM-DD (default: the cycle's last day)."),
)
_author_option = option(
    "--author", metavar=N_("NAME"), help=N_("Who made the change, for a store's history.")
)


# -- carry-forward ------------------------------------------------------------------------


@command(
    "carry-forward",
    help=N_(
        "Copy the unfinished key results and objectives of one cycle into the next, "
        "with new ids and a link back to the original."
    ),
)
@option(
    "--from", "source", required=True, metavar=N_("CYCLE"), help=N_("The cycle to carry from.")
)
@option(
    "--to",
    "target",
    required=True,
    metavar=N_("CYCLE"),
    help=N_("The cycle to carry into: a cycle of the set, or a quarter such as 2026-Q2."),
)
@_as_of_option
@strategy_option
@option("--dry-run", is_flag=True, help=N_("Show what would move, and save nothing."))
@_author_option
@target_options
@with_locale
def carry_forward_command(  # noqa: PLR0917 - click passes every option by position
    source: str,
    target: str,
    as_of: dt.date | None,
    strategy: str,
    dry_run: bool,
    author: str | None,
    file: Path | None,
    store: Path | None,
    workspace: str | None,
) -> None:
    """Copy the unfinished key results and objectives of one cycle into the next."""
    try:
        with resolve_target(file, store, workspace) as where:
            okrset = where.load()
            result = carry_forward(
                okrset, source=source, target=target, as_of=as_of, strategy=strategy
            )
            changed = result.okrset is not okrset
            if changed and not dry_run:
                where.save(result.okrset, author=author)
            label = where.label
    except OKRError as exc:
        fail(exc)
    day = as_of or okrset.cycle(source).end
    _print_carry(console(), result, day)
    if not changed:
        footer = _("Nothing to carry forward: everything is done, graded or carried already.")
    elif dry_run:
        footer = _("Dry run: nothing was saved.")
    else:
        footer = _("Saved to {target}.").format(target=label)
    console().print(_cell(footer, "dim"))


def _print_carry(out: Console, result: CarryForward, day: dt.date) -> None:
    """The heading, what moved, what stayed, and the notes."""
    heading = _("Carry-forward from {source} to {target}, as of {date}").format(
        source=result.source, target=result.target.id, date=format_day(day)
    )
    out.print(_cell(heading, "bold"))
    if result.moved:
        table = _table(_("Moved"), _("New id"), _("Kind"), _("Start"))
        for move in result.moved:
            table.add_row(
                _cell(move.id),
                _cell(move.new_id, "green"),
                _cell(move.kind.label),
                _cell(_start(result.okrset, move.new_id, move.start)),
            )
        out.print(table)
    if result.stayed:
        table = _table(_("Stayed"), _("Kind"), _("Why"))
        for stay in result.stayed:
            table.add_row(_cell(stay.id), _cell(stay.kind.label), _cell(stay.why.label))
        out.print(table)
    for note in result.notes:
        out.print(_cell(str(note), "yellow"))


def _start(okrset: OKRSet, ident: str, start: float | None) -> str:
    """A copy's start, formatted by its metric's unit; a dash when it has none."""
    if start is None:
        return "-"
    return format_value(okrset.key_result(ident).metric, start)


# -- close ----------------------------------------------------------------------------------


def parse_grades(
    _ctx: click.Context | None, _param: click.Parameter | None, values: Sequence[str]
) -> dict[str, GradeLike]:
    """Read ``--grade ID=VALUE[:REASON]`` options into the grades of :func:`close_cycle`.

    ``VALUE`` is a number from 0 to 1, with a decimal point or comma; a colon is
    followed by a reason, never by nothing.

    Examples:
        >>> parse_grades(None, None, ["kr-1=0.7:Late start", "kr-2=1"])
        {'kr-1': (0.7, 'Late start'), 'kr-2': 1.0}
    """
    grades: dict[str, GradeLike] = {}
    for value in values:
        ident, equals, rest = value.partition("=")
        number, colon, reason = rest.partition(":")
        try:
            grade = float(number.strip().replace(",", "."))
        except ValueError:
            grade = None
        if not (equals and ident.strip()) or grade is None:
            raise click.BadParameter(
                gettext(
                    "write a grade as ID=VALUE or ID=VALUE:REASON, such as "
                    "kr-sales={grade}:late start (got {value!r})"
                ).format(grade=format_number(0.7), value=Shown(value))
            )
        ident = ident.strip()
        if colon and not reason.strip():  # "kr-1=0.7:" gives a reason and leaves it out
            raise click.BadParameter(
                gettext(
                    "write a reason after the colon, such as kr-sales={grade}:late start, or "
                    "leave the colon out (got {value!r})"
                ).format(grade=format_number(0.7), value=Shown(value))
            )
        if ident in grades:
            raise click.BadParameter(
                gettext("{id!r} is graded twice; give one grade each").format(id=Shown(ident))
            )
        grades[ident] = (grade, reason.strip()) if colon else grade
    return grades


@command(
    "close",
    help=N_(
        "Close CYCLE: give every key result and objective of it a final grade, the "
        "owner's when given with --grade, else its score."
    ),
)
@argument("cycle", metavar=N_("CYCLE"))
@option(
    "--grade",
    "grades",
    multiple=True,
    metavar=N_("ID=VALUE[:REASON]"),
    callback=parse_grades,
    help=N_("An owner's grade, 0 to 1, with an optional reason; repeat for several."),
)
@_as_of_option
@strategy_option
@_author_option
@target_options
@with_locale
def close_command(  # noqa: PLR0917 - click passes every option by position
    cycle: str,
    grades: dict[str, GradeLike],
    as_of: dt.date | None,
    strategy: str,
    author: str | None,
    file: Path | None,
    store: Path | None,
    workspace: str | None,
) -> None:
    """Close CYCLE: give every key result and objective of it a final grade."""
    try:
        with resolve_target(file, store, workspace) as where:
            closed = close_cycle(
                where.load(), cycle, grades=grades, as_of=as_of, strategy=strategy
            )
            if closed.graded:
                where.save(closed.okrset, author=author)
            label = where.label
    except ValidationError as exc:
        fail(_by_option(exc))
    except OKRError as exc:
        fail(exc)
    _print_closed(console(), closed)
    if closed.graded:
        footer = _("Saved to {target}.").format(target=label)
    else:
        footer = _(
            "Cycle {cycle} is closed already: everything in it has a final grade; give "
            "--grade to change one."
        ).format(cycle=closed.cycle)
    console().print(_cell(footer, "dim"))


def _by_option(error: ValidationError) -> ValidationError:
    """``error`` with each problem of a grade placed at its ``--grade`` option.

    :func:`~okrkit.store.close_cycle` places them in its ``grades`` argument, as Python
    writes it (``grades['kr-1'].value``); on the command line the grade came from
    ``--grade kr-1=...``, and that is what the user looks for.
    """
    problems = [
        dataclasses.replace(problem, path=f"--grade {problem.entity_id}", entity_id=None)
        if problem.entity_id is not None and (problem.path or "").startswith("grades[")
        else problem
        for problem in error.problems
    ]
    return ValidationError(problems)


def _print_closed(out: Console, closed: Closed) -> None:
    """The heading and a table of what was graded."""
    heading = _("Closing cycle {cycle}, scores as of {date}").format(
        cycle=closed.cycle, date=format_day(closed.as_of)
    )
    out.print(_cell(heading, "bold"))
    if not closed.graded:
        return
    table = _table(_("Graded"), _("Kind"), _("Grade"), _("Status"), _("Source"), _("Reason"))
    for graded in closed.graded:
        table.add_row(
            _cell(graded.id),
            _cell(graded.kind.label),
            _cell(format_number(round(graded.value, 2))),
            _cell(graded.status.label, _COLOURS.get(graded.status, "")),
            _cell(_("the owner's grade") if graded.by_owner else _("from the score")),
            _cell(graded.reason),
        )
    out.print(table)
