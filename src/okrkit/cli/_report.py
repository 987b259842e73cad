"""``okrkit schema`` and ``okrkit report``: the file format, and an outline of one file."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.text import Text
from rich.tree import Tree

from okrkit.cli._app import console, emit, fail, with_locale
from okrkit.cli._safe import terminal_text
from okrkit.errors import OKRError
from okrkit.i18n import _, format_date, format_value, ngettext
from okrkit.io import json_schema, load
from okrkit.model import KeyResult, Level, Objective, OKRSet

__all__ = ["outline", "report", "schema"]


@click.command(help=_("Print the JSON Schema of the OKR file format."))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help=_("Write the schema to this file instead of printing it."),
)
@with_locale
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the OKR file format."""
    emit(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", output)


@click.command(
    help=_("Print an outline of FILE: objectives by level, key results and latest values.")
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_locale
def report(file: Path) -> None:
    """Print an outline of FILE: objectives by level, key results and latest values."""
    try:
        okrset = load(file)
    except OKRError as exc:
        fail(exc)
    console().print(outline(okrset))


def outline(okrset: OKRSet) -> Tree:
    """Build the outline of an OKR set as a rich tree, in the active locale.

    Objectives are grouped by level (company first), each with its owner, cycle and
    ambition, then its key results with owners, target and the latest check-in. Text
    from the set is shown as it is, without escape sequences or control characters.

    Args:
        okrset: The OKR set to outline.

    Returns:
        A rich tree: a heading with the cycles and counts, a branch per level.
    """
    key_results = list(okrset.key_results)
    counts = ", ".join(
        [
            ngettext("{n} objective", "{n} objectives", len(okrset.objectives)).format(
                n=len(okrset.objectives)
            ),
            ngettext("{n} key result", "{n} key results", len(key_results)).format(
                n=len(key_results)
            ),
        ]
    )
    cycles = ", ".join(
        f"{terminal_text(cycle.name)} ({format_date(cycle.start)} - {format_date(cycle.end)})"
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
    owner = terminal_text(okrset.owner(objective.owner).name)
    details = _("owner: {owner}").format(owner=owner) + f" · {objective.ambition.label}"
    line = Text.assemble(
        (terminal_text(objective.title), "bold"),
        f"  [{terminal_text(objective.id)}] ",
        (details, "dim"),
    )
    if objective.aligned_to:
        parents = ", ".join(terminal_text(link.parent) for link in objective.aligned_to)
        line.append(" · " + _("aligned to: {parents}").format(parents=parents), style="dim")
    node = branch.add(line)
    for kr in objective.key_results:
        owners = ", ".join(terminal_text(okrset.owner(o).name) for o in kr.owners)
        progress = terminal_text(f"{_goal(kr)} · {_latest(okrset, kr)}")
        text = Text.assemble(
            terminal_text(kr.title), f"  [{terminal_text(kr.id)}] ", (progress, "green")
        )
        if owners:
            text.append(f" · {owners}", style="dim")
        node.add(text)


def _goal(kr: KeyResult) -> str:
    """Where the key result goes: from its start to its target, or its kind and target."""
    metric = kr.metric
    if metric.target is not None and metric.start is not None:
        return _("from {start} to {target}").format(
            start=format_value(metric, metric.start),
            target=format_value(metric, metric.target),
        )
    if metric.target is not None:
        return _("{kind} {target}").format(
            kind=metric.kind.label, target=format_value(metric, metric.target)
        )
    return metric.kind.label


def _latest(okrset: OKRSet, kr: KeyResult) -> str:
    """The key result's latest check-in, value and date, or that it has none yet."""
    history = okrset.checkins_for(kr.id)
    if not history:
        return _("no check-ins yet")
    latest = history[-1]
    return _("latest {value} on {date}").format(
        value=format_value(kr.metric, latest.value), date=format_date(latest.on)
    )
