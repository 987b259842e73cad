"""The ``okrkit`` command line.

``import okrkit`` never imports this module, click or rich; the console script
``okrkit`` does.

Commands:
    okrkit --version         print the installed version
    okrkit schema [-o FILE]  print (or write) the JSON Schema of the file format
    okrkit report FILE       print an outline of an OKR file: objectives by level,
                             their key results and latest values
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from okrkit._version import __version__
from okrkit.errors import OKRError
from okrkit.i18n import _, format_date, format_value, ngettext
from okrkit.io import json_schema, load
from okrkit.model import Level, Objective, OKRSet

__all__ = ["main"]


def _console() -> Console:
    console = Console(file=sys.stdout, highlight=False, emoji=False)
    if not console.is_terminal:
        # Piped or captured output keeps whole lines: nothing to wrap or crop for.
        console.width = 100_000
    return console


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="okrkit")
def main() -> None:
    """Objectives and Key Results from the command line."""


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help=_("Write the schema to this file instead of printing it."),
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the OKR file format."""
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(_("Wrote {file}").format(file=output), err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def report(file: Path) -> None:
    """Print an outline of FILE: objectives by level, key results and latest values."""
    okrset = _load_or_exit(file)
    _console().print(outline(okrset))


def _load_or_exit(file: Path) -> OKRSet:
    try:
        return load(file)
    except OKRError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


def outline(okrset: OKRSet) -> Tree:
    """Build the outline of an OKR set as a rich tree.

    Objectives are grouped by level (company first), each with its owner, cycle and
    ambition, then its key results with owners, target and the latest check-in.
    """
    counts = ngettext("{n} objective", "{n} objectives", len(okrset.objectives)).format(
        n=len(okrset.objectives)
    )
    key_results = list(okrset.key_results)
    counts += ", " + ngettext("{n} key result", "{n} key results", len(key_results)).format(
        n=len(key_results)
    )
    cycles = ", ".join(
        f"{cycle.name} ({format_date(cycle.start)} - {format_date(cycle.end)})"
        for cycle in okrset.cycles
    )
    root = Tree(Text.assemble((_("OKR outline"), "bold"), f" · {cycles} · {counts}"))
    for level in Level:
        objectives = [o for o in okrset.objectives if o.level is level]
        if not objectives:
            continue
        branch = root.add(Text(level.label.capitalize(), style="bold cyan"))
        for objective in objectives:
            _add_objective(branch, okrset, objective)
    return root


def _add_objective(branch: Tree, okrset: OKRSet, objective: Objective) -> None:
    owner = okrset.owner(objective.owner).name
    line = Text.assemble(
        (objective.title, "bold"),
        f"  [{objective.id}] ",
        (f"{_('owner')}: {owner} · {objective.ambition.label}", "dim"),
    )
    if objective.aligned_to:
        parents = ", ".join(link.parent for link in objective.aligned_to)
        line.append(f" · {_('aligned to')}: {parents}", style="dim")
    node = branch.add(line)
    for kr in objective.key_results:
        metric = kr.metric
        if metric.target is not None:
            goal = _("target {target}").format(target=format_value(metric, metric.target))
            if metric.start is not None:
                goal = _("from {start} to {target}").format(
                    start=format_value(metric, metric.start),
                    target=format_value(metric, metric.target),
                )
        else:
            goal = metric.kind.label
        history = okrset.checkins_for(kr.id)
        if history:
            latest = history[-1]
            now = _("latest {value} on {date}").format(
                value=format_value(metric, latest.value), date=format_date(latest.on)
            )
        else:
            now = _("no check-ins yet")
        owners = ", ".join(okrset.owner(o).name for o in kr.owners)
        text = Text.assemble(kr.title, f"  [{kr.id}] ", (f"{goal} · {now}", "green"))
        if owners:
            text.append(f" · {owners}", style="dim")
        node.add(text)
