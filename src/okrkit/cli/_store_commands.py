"""``okrkit init``, ``okrkit checkin`` and ``okrkit history``: a workspace and its store."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import sys
from pathlib import Path

import click
from rich.text import Text

from okrkit.checkins._values import author_problem
from okrkit.cli._app import console, fail, with_locale
from okrkit.cli._help import Command, PathParam, argument, command, option
from okrkit.cli._history_view import history_view, metric_range
from okrkit.cli._language import locale_chosen, locale_on_command_line
from okrkit.cli._safe import terminal_text
from okrkit.cli._score import parse_date
from okrkit.cli._workspace import (
    DEFAULT_WORKSPACE,
    WORKSPACE_FILE,
    Target,
    resolve_target,
    target_options,
    write_workspace,
)
from okrkit.errors import OKRError, ParameterError, Problem, Shown, ValidationError, os_reason
from okrkit.i18n import (
    N_,
    _,
    format_date,
    format_number,
    format_percent,
    format_value,
    get_locale,
    gettext,
    ngettext,
    parse_amount,
)
from okrkit.io import load
from okrkit.model import CheckIn, Confidence, KeyResult, Metric, OKRSet, Unit
from okrkit.store import SQLiteStore
from okrkit.store._select import merge_checkins

__all__ = ["checkin", "history", "init"]

_COLOURS = {"done": "green", "on_track": "green", "at_risk": "yellow", "off_track": "red"}


# -- init --------------------------------------------------------------------------------


@command("init", help=N_("Make FOLDER a workspace: an okrkit.toml and its store."))
@argument(
    "folder",
    required=False,
    default=".",
    metavar=N_("FOLDER"),
    type=PathParam(file_okay=False, path_type=Path),
)
@option(
    "--store",
    "store_name",
    default="okrkit.db",
    show_default=True,
    metavar=N_("NAME"),
    help=N_("The store file, relative to FOLDER."),
)
@option(
    "--workspace",
    "name",
    default=DEFAULT_WORKSPACE,
    metavar=N_("NAME"),
    help=N_("The workspace inside the store (default: 'default', the store's default workspace)."),
)
@option(
    "--from",
    "source",
    type=PathParam(dir_okay=False, path_type=Path),
    help=N_("An OKR file to save into the store."),
)
@option("--force", is_flag=True, help=N_("Replace an existing okrkit.toml."))
@with_locale
def init(folder: Path, store_name: str, name: str, source: Path | None, force: bool) -> None:
    """Make FOLDER a workspace: an okrkit.toml and its store."""
    chosen = locale_on_command_line()  # `okrkit init --locale vi` or `okrkit --locale vi init`
    file = folder / WORKSPACE_FILE
    if file.exists() and not force:
        fail(_("{file} exists; pass --force to replace it").format(file=file))
    made = [f for f in (folder, *folder.parents) if not f.exists()]  # to take back on failure
    try:
        okrset = None if source is None else load(source)
        folder.mkdir(parents=True, exist_ok=True)
        store_path = folder / store_name
        existed = store_path.exists()
        with SQLiteStore(store_path) as store:
            if okrset is not None:
                store.save(okrset, workspace=name)
        # The workspace speaks the language asked for, else the saved set's own, so that
        # every later command reads and answers in it from its first word (dates too).
        speaks = get_locale() if chosen else (okrset.locale if okrset is not None else None)
        write_workspace(folder, store=store_name, name=name, locale=speaks)
    except OKRError as exc:
        _take_back(made)
        fail(exc)
    except OSError as exc:  # the folder could not be made
        _take_back(made)
        reason = os_reason(exc)
        fail(_("cannot make the folder {folder}: {reason}").format(folder=folder, reason=reason))
    click.echo(terminal_text(_("Wrote {file}").format(file=file)))
    if existed:
        click.echo(terminal_text(_("Using the existing store {store}").format(store=store_path)))
    else:
        click.echo(terminal_text(_("Created the store {store}").format(store=store_path)))
    if okrset is not None:
        click.echo(terminal_text(_saved_line(source, okrset, name)))


def _adopt_language(target: Target) -> None:
    """Speak the language of the set ``target`` holds.

    A set that cannot be read keeps the environment's language: its history is what
    may show why.
    """
    with contextlib.suppress(OKRError):
        target.load()


def _take_back(made: list[Path]) -> None:
    """Remove the folders a failed ``init`` made, innermost first, if they are still empty."""
    for folder in made:
        try:
            folder.rmdir()
        except OSError:  # not empty (something else wrote there), or gone already
            return


def _saved_line(source: Path | None, okrset: OKRSet, name: str) -> str:
    objectives = ngettext(
        "{count} objective", "{count} objectives", len(okrset.objectives)
    ).format(count=len(okrset.objectives))
    results = ngettext(
        "{count} key result", "{count} key results", len(okrset.key_results)
    ).format(count=len(okrset.key_results))
    checkins = ngettext("{count} check-in", "{count} check-ins", len(okrset.checkins)).format(
        count=len(okrset.checkins)
    )
    if name == DEFAULT_WORKSPACE:
        line = _("Saved {file} into the default workspace: {objectives}, {results}, {checkins}")
    else:
        line = _("Saved {file} into the workspace {name}: {objectives}, {results}, {checkins}")
    return line.format(
        file=source, name=name, objectives=objectives, results=results, checkins=checkins
    )


# -- checkin -----------------------------------------------------------------------------


def _can_ask() -> bool:
    """Whether a person is at the keyboard: standard input is a terminal."""
    return sys.stdin.isatty()


def _metavar(name: str) -> str:
    """An argument's metavar in the active locale, as ``--help`` shows it (``GIÁ_TRỊ``)."""
    return gettext(name).upper()


def _number(text: str, metric: Metric | None = None) -> float:
    """A value as a person types it, in the active locale (:func:`~okrkit.i18n.parse_amount`).

    ``5,5``, ``5.400.000.000`` or ``5,4 tỷ`` in Vietnamese, ``5.5``, ``5,400,000,000``
    or ``5.4B`` in English; a percentage may end in ``%``. An amount of money may name the
    metric's currency; one that does not read is refused in
    :func:`~okrkit.i18n.parse_amount`'s words, with examples in that currency.
    """
    typed = text.strip()
    currency = None
    if metric is not None and metric.unit is Unit.CURRENCY:
        currency = metric.currency
    elif metric is not None and metric.unit is Unit.PERCENT:
        typed = typed.removesuffix("%").rstrip()
    try:
        value = float(parse_amount(typed, currency))
    except ParameterError as exc:
        if currency is not None:  # its examples are amounts in the metric's currency
            raise click.BadParameter(str(exc)) from None
        value = math.nan
    if not math.isfinite(value):
        raise click.BadParameter(
            _("write {argument} as a number, such as {first} or {second} (got {value!r})").format(
                argument=_metavar(N_("VALUE")),
                first=format_number(42),
                second=format_number(3.5),
                value=Shown(text),
            )
        )
    return value


def _confidence(
    _ctx: click.Context, _param: click.Parameter, text: str | None
) -> Confidence | None:
    if text is None:
        return None
    try:
        return Confidence.parse(text)
    except ValueError:
        raise click.BadParameter(
            _("write 1 to 5, or red, yellow or green (got {value!r})").format(value=Shown(text))
        ) from None


def _ask_key_result(okrset: OKRSet) -> str:
    """Ask which key result to check in, showing them numbered."""
    results = okrset.key_results
    if not results:
        raise click.UsageError(_("the OKR set has no key result to check in"))
    click.echo(_("Key results:"))
    for number, kr in enumerate(results, start=1):
        click.echo(f"  {number}. {terminal_text(kr.id)} · {terminal_text(kr.title)}")

    def choose(text: str) -> str:
        text = text.strip()
        if text.isdigit() and 1 <= int(text) <= len(results):
            return results[int(text) - 1].id
        if text in {kr.id for kr in results}:
            return text
        raise click.BadParameter(
            _("give a number from 1 to {count}, or a key result's id").format(count=len(results))
        )

    chosen: str = click.prompt(_("Key result (number or id)"), value_proc=choose)
    return chosen


def _ask_value(kr: KeyResult) -> float:
    prompt = _("Value of {title} ({range})").format(
        title=terminal_text(kr.title), range=metric_range(kr.metric)
    )
    value: float = click.prompt(prompt, value_proc=lambda text: _number(text, kr.metric))
    return value


def _missing(argument: str, example: str) -> click.UsageError:
    return click.UsageError(
        _("missing {argument}; for example: {example}").format(argument=argument, example=example)
    )


def _resolve(okrset: OKRSet, key_result: str | None, value: str | None) -> tuple[KeyResult, float]:
    """The key result and the value: from the arguments, else asked for at a terminal."""
    if key_result is None:
        if not _can_ask():
            raise _missing(_metavar(N_("KR")), "okrkit checkin kr-revenue 42")
        key_result = _ask_key_result(okrset)
    kr = okrset.key_result(key_result)
    if value is None:
        if not _can_ask():
            raise _missing(_metavar(N_("VALUE")), f"okrkit checkin {terminal_text(kr.id)} 42")
        return kr, _ask_value(kr)
    return kr, _number(value, kr.metric)


def _inside_cycle(okrset: OKRSet, kr: KeyResult, day: dt.date) -> None:
    cycle = okrset.cycle(okrset.objective_of(kr.id).cycle)
    if not cycle.start <= day <= cycle.end:
        raise ValidationError(
            Problem(
                "date.outside_cycle",
                N_(
                    "{day} is outside the cycle {cycle} of {id} ({start} to {end}); pick a day "
                    "inside it with --on YYYY-MM-DD"
                ),
                {
                    "day": day,
                    "cycle": terminal_text(cycle.name),
                    "id": Shown(kr.id),
                    "start": cycle.start,
                    "end": cycle.end,
                },
            )
        )


def _known_author(okrset: OKRSet, author: str | None) -> None:
    """Refuse an ``--author`` that is no owner of the set, naming the option as typed."""
    if author is None:
        return
    owners = (owner.id for owner in okrset.owners)
    problem = author_problem(author, owners, path=f"--author {author}")
    if problem is not None:
        raise ValidationError(problem)


_NEGATIVE = re.compile(r"-[0-9.,]")


class _NumberArguments(Command):
    """A command whose arguments may be negative numbers: ``okrkit checkin kr-x -3``.

    click would read ``-3`` as an option it does not know. Here a word that starts
    with "-" and then a digit (or a decimal mark) is an argument; any other unknown
    option is refused as click refuses it, with its did-you-mean.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse ``args``, negative numbers taken as arguments."""
        known = {
            name
            for param in self.params
            for name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ()))
        }
        known.update(self.get_help_option_names(ctx))
        for word in args:
            if word == "--":
                break
            name = word.split("=", 1)[0]
            if word.startswith("-") and not _NEGATIVE.match(word) and name not in known:
                raise click.NoSuchOption(name, possibilities=sorted(known), ctx=ctx)
        ctx.ignore_unknown_options = True
        return super().parse_args(ctx, args)


@command(
    "checkin",
    cls=_NumberArguments,
    help=N_("Record a value for a key result: KR VALUE."),
)
@argument("key_result", metavar=N_("KR"), required=False)
@argument("value", metavar=N_("VALUE"), required=False)
@option(
    "--on",
    "day",
    callback=parse_date,
    metavar=N_("DATE"),
    help=N_("The day of the value, YYYY-MM-DD (default: today)."),
)
@option(
    "--confidence",
    callback=_confidence,
    metavar=N_("1-5|red|yellow|green"),
    help=N_("How sure the owner is of reaching the target."),
)
@option("--note", default="", metavar=N_("TEXT"), help=N_("What moved, what blocks."))
@option("--author", metavar=N_("ID"), help=N_("The owner reporting it (an owner's id)."))
@target_options
@with_locale
def checkin(  # noqa: PLR0917 - click passes every option by name
    key_result: str | None,
    value: str | None,
    day: dt.date,
    confidence: Confidence | None,
    note: str,
    author: str | None,
    file: Path | None,
    store: Path | None,
    workspace: str | None,
) -> None:
    """Record a value for a key result."""
    try:
        with resolve_target(file, store, workspace) as target:
            okrset = target.load()
            kr, number = _resolve(okrset, key_result, value)
            _inside_cycle(okrset, kr, day)
            _known_author(okrset, author)
            entry = CheckIn(
                key_result=kr.id,
                on=day,
                value=number,
                confidence=confidence,
                note=note,
                author=author,
            )
            merged, _added = merge_checkins(okrset, [entry])
            added = target.append_checkins([entry], author=author)
            card = merged.score(as_of=day)
    except OKRError as exc:
        fail(exc)
    shown = format_value(kr.metric, number)
    if added:
        message = _("Checked in {value} for {id} on {date}.")
    else:
        message = _("{id} already has {value} on {date}; nothing changed.")
    click.echo(message.format(value=shown, id=terminal_text(kr.id), date=format_date(day)))
    result = card[kr.id]
    console().print(
        Text.assemble(
            (terminal_text(kr.title), "bold"),
            f"  [{terminal_text(kr.id)}] ",
            format_percent(result.value),
            " · ",
            (result.status.label, _COLOURS.get(result.status.value, "dim")),
            (" · " + _("expected {share}").format(share=format_percent(result.expected)), "dim"),
        )
    )


# -- history -----------------------------------------------------------------------------


@command(
    "history", help=N_("Show who changed an objective, key result or other entity, and when.")
)
@argument("entity_id", metavar=N_("KR_OR_ENTITY_ID"))
@target_options
@with_locale
def history(entity_id: str, file: Path | None, store: Path | None, workspace: str | None) -> None:
    """Show who changed an entity, and when; a key result's check-ins too."""
    try:
        with resolve_target(file, store, workspace) as target:
            if not locale_chosen():  # speak the set's language, as checkin and close do
                _adopt_language(target)
            changes = target.history(entity_id)
    except OKRError as exc:
        fail(exc)
    out = console()
    out.print(history_view(out, entity_id, changes))
