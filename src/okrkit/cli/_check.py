"""``okrkit check``: lint an OKR file, or a workspace's store, for continuous integration.

The exit status says what was found, so a CI job can fail on it:

=====  ==========================================================================
0      no diagnostic of severity error (warnings and notes may be printed)
1      at least one error
2      unusable input: the file or store cannot be read or breaks the model's
       rules, the lint configuration is wrong, or the command line is (click's)
=====  ==========================================================================

``--format text`` (the default) groups the diagnostics by objective in a terminal,
severities in colour, and writes one line per diagnostic when piped or written with
``-o``; ``json``, ``sarif`` and ``github`` are for programs (see
:mod:`okrkit.cli._check_formats`). The configuration is ``--config FILE``, else the
nearest ``okrkit.toml`` or ``pyproject.toml`` with one, from the file's folder (or the
current folder) up (see :meth:`okrkit.lint.LintConfig.discover`).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from rich.console import Group
from rich.text import Text
from rich.tree import Tree

from okrkit.cli._app import (
    adopt_locale,
    choose_locale,
    console,
    emit,
    fail,
    output_format,
    with_locale,
)
from okrkit.cli._check_formats import (
    diagnostics_json,
    diagnostics_sarif,
    github_commands,
    plain_lines,
    summary,
)
from okrkit.cli._choices import matches_word
from okrkit.cli._help import PathParam, argument, command, option
from okrkit.cli._language import locale_given
from okrkit.cli._progress import progress
from okrkit.cli._safe import terminal_text
from okrkit.cli._source import read_source
from okrkit.cli._workspace import _is_locale, _workspace_locale
from okrkit.errors import OKRError, ParameterError
from okrkit.i18n import N_, _, gettext
from okrkit.i18n import parse_date as read_date
from okrkit.io import load
from okrkit.lint import Diagnostic, LintConfig, LintRule, Severity, available, get, lint

if TYPE_CHECKING:
    from okrkit.model import Objective, OKRSet

__all__ = ["EXIT_UNUSABLE", "check"]

_CHECK_SUFFIXES = {".txt": "text", ".json": "json", ".sarif": "sarif"}
"""The format ``-o``'s suffix names when ``--format`` is left out."""

EXIT_UNUSABLE = 2
"""The exit status of ``okrkit check`` when its input cannot be used."""

_COLOURS = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """Read ``--as-of``: a date (as ``okrkit score`` reads it), ``today``, or nothing."""
    if value is None:
        return None
    text = value.strip()
    if matches_word(text, "today", lambda: _("today")):
        return dt.date.today()
    try:
        return read_date(text)
    except ParameterError as exc:
        raise click.BadParameter(
            gettext("{problem}; today works too").format(problem=exc)
        ) from None


def _unusable(error: OKRError) -> NoReturn:
    """Tell ``error`` as every command does (:func:`fail`), with exit status 2."""
    try:
        fail(error)
    except SystemExit:
        sys.exit(EXIT_UNUSABLE)


def _read(file: Path | None, store: Path | None, workspace: str | None) -> tuple[OKRSet, str]:
    """The set to lint and how to name it: FILE, else the store (or the workspace's)."""
    try:
        return read_source(file, store, workspace, _load)
    except OKRError as exc:
        _unusable(exc)


def _load(file: Path) -> OKRSet:
    """FILE's set, its locale spoken from then on; its problems exit with status 2."""
    with progress(_("Reading {file}").format(file=file)):
        okrset = load(file)
    adopt_locale(okrset.locale)
    return okrset


def _config(config: Path | None, file: Path | None) -> LintConfig:
    try:
        if config is not None:
            return LintConfig.from_file(config)
        return LintConfig.discover(file.parent if file is not None else Path.cwd())
    except OKRError as exc:
        _unusable(exc)


def _rules(settings: LintConfig, as_of: dt.date | None) -> list[tuple[LintRule, Severity]]:
    """The rules that run, each at its configured severity."""
    chosen = [get(code) for code in available()]
    return [
        (rule, settings.severity_of(rule))
        for rule in chosen
        if settings.runs(rule) and (as_of is not None or not rule.needs_as_of)
    ]


@command(
    "check",
    help=N_(
        "Lint FILE, or the workspace's store, against the rules of good OKRs. Exit status: "
        "0 no error, 1 errors found, 2 input that cannot be used."
    ),
)
@argument(
    "file", required=False, metavar=N_("FILE"), type=PathParam(dir_okay=False, path_type=Path)
)
@option(
    "--store",
    "store",
    type=PathParam(dir_okay=False, path_type=Path),
    help=N_("A store to lint instead of FILE (default: the one named by okrkit.toml)."),
)
@option(
    "--workspace",
    "workspace",
    metavar=N_("NAME"),
    help=N_("The workspace inside the store (default: okrkit.toml's, or 'default')."),
)
@option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("text", "json", "sarif", "github")),
    default="text",
    show_default=True,
    help=N_(
        "text for people; json for programs; sarif for code scanning; github for "
        "annotations in GitHub Actions."
    ),
)
@option(
    "--as-of",
    "as_of",
    callback=_as_of,
    metavar=N_("DATE"),
    help=N_(
        "Judge forecasts and check-ins on this date, YYYY-MM-DD or today (default: the "
        "rules that need a date do not run)."
    ),
)
@option(
    "-o",
    "--output",
    type=PathParam(dir_okay=False, path_type=Path),
    help=N_(
        "Write to this file instead of printing; its suffix (.txt, .json, .sarif) chooses "
        "the format when --format is left out."
    ),
)
@option(
    "--config",
    "config",
    type=PathParam(dir_okay=False, path_type=Path),
    help=N_(
        "The lint configuration: an okrkit.toml or pyproject.toml (default: the nearest "
        "one with a lint table)."
    ),
)
@with_locale
def check(
    *,
    file: Path | None,
    store: Path | None,
    workspace: str | None,
    fmt: str,
    as_of: dt.date | None,
    output: Path | None,
    config: Path | None,
) -> None:
    """Lint FILE, or the workspace's store."""
    fmt = output_format(fmt, output, _CHECK_SUFFIXES, name="fmt")
    if not locale_given():
        place = _workspace_locale(file, store)
        if place is not None and _is_locale(place):
            choose_locale(place)
    okrset, label = _read(file, store, workspace)
    settings = _config(config, file)
    try:
        with progress(_("Checking {target}").format(target=label)):
            found = lint(okrset, config=settings, as_of=as_of)
        rules = _rules(settings, as_of)
    except OKRError as exc:  # a rule that cannot be loaded, an option it refuses
        _unusable(exc)
    if fmt == "json":
        emit(diagnostics_json(found), output)
    elif fmt == "sarif":
        emit(diagnostics_sarif(found, rules), output)
    elif fmt == "github":
        emit(github_commands(found), output)
    elif output is None and console().is_terminal:
        console().print(_grouped(okrset, found, label))
    else:
        emit(plain_lines(found), output)
    if any(diagnostic.severity is Severity.ERROR for diagnostic in found):
        sys.exit(1)


def _grouped(okrset: OKRSet, found: Sequence[Diagnostic], label: str) -> Group:
    """The diagnostics as a tree: the file, each objective, its diagnostics; a summary."""
    holder: dict[str, Objective] = {}
    for each in okrset.objectives:
        holder[each.id] = each
        for kr in each.key_results:
            holder[kr.id] = each
    tree = Tree(Text(terminal_text(label), style="bold"))
    nodes: dict[str | None, Tree] = {}
    for diagnostic in found:
        objective = holder.get(diagnostic.entity_id or "")
        key = None if objective is None else objective.id
        node = nodes.get(key)
        if node is None:
            heading = (
                Text(_("The set as a whole"), style="bold")
                if objective is None
                else Text.assemble(
                    (terminal_text(objective.title), "bold"), f"  [{terminal_text(objective.id)}]"
                )
            )
            node = nodes[key] = tree.add(heading)
        node.add(_line(diagnostic, key))
    errors = any(diagnostic.severity is Severity.ERROR for diagnostic in found)
    tail = Text(summary(found), style="bold red" if errors else "bold green" if not found else "")
    return Group(tree, tail)


def _line(diagnostic: Diagnostic, objective_id: str | None) -> Text:
    """One diagnostic: line, severity in colour, code, the key result, message, hint."""
    where = diagnostic.location
    place = f"{where.line}" if where.line is not None else terminal_text(where.path or "")
    ident = diagnostic.entity_id
    text = Text.assemble(
        (f"{place} " if place else "", "dim"),
        (diagnostic.severity.label, _COLOURS[diagnostic.severity]),
        " ",
        (terminal_text(diagnostic.code), "bold"),
        f" [{terminal_text(ident)}]" if ident and ident != objective_id else "",
        ": ",
        terminal_text(diagnostic.message),
    )
    if diagnostic.hint:
        text.append("\n→ " + terminal_text(diagnostic.hint), style="dim")
    return text
