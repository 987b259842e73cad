"""The ``okrkit`` command line.

``import okrkit`` never imports this module, click or rich; the console script
``okrkit`` does. Every command takes ``--locale`` (or reads ``OKRKIT_LOCALE``) and
speaks that language: labels, messages, numbers and dates.

Commands:
    okrkit --version                 print the installed version
    okrkit schema [-o FILE]          print (or write) the JSON Schema of the file format
    okrkit report FILE               print an outline of an OKR file
    okrkit score FILE --as-of DATE   score it: every objective and key result, with status
    okrkit graph FILE -f FORMAT      export its alignment graph (mermaid, dot, graphml, json)
    okrkit templates list            list the template catalogue
    okrkit templates search TEXT     search it, accents and case ignored
    okrkit templates show ID         preview one template and its parameters
    okrkit new --template ID ...     write a ready OKR file from a template
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from okrkit._version import __version__
from okrkit.errors import LocaleError, OKRError
from okrkit.i18n import (
    _,
    format_date,
    format_value,
    gettext,
    ngettext,
    use_locale,
)
from okrkit.io import dump, json_schema, load
from okrkit.model import Cycle, Level, Objective, OKRSet, Owner, OwnerKind

__all__ = ["main", "outline"]

_F = TypeVar("_F", bound=Callable[..., Any])


def _console() -> Console:
    # No markup: titles such as "[tên sản phẩm]" are text, not rich style tags.
    console = Console(file=sys.stdout, highlight=False, emoji=False, markup=False)
    if not console.is_terminal:
        # Piped or captured output keeps whole lines: nothing to wrap or crop for.
        console.width = 100_000
    return console


def _check_locale(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        with use_locale(value) as locale:
            return locale
    except LocaleError as exc:
        raise click.BadParameter(str(exc)) from None


def _with_locale(command: _F) -> _F:
    """Add ``--locale`` (default: ``OKRKIT_LOCALE``) and run the command in it."""

    @click.option(
        "--locale",
        "locale",
        envvar="OKRKIT_LOCALE",
        callback=_check_locale,
        help=_("Language of the output, such as vi or en (default: $OKRKIT_LOCALE)."),
    )
    @functools.wraps(command)
    def wrapper(*args: Any, locale: str | None, **kwargs: Any) -> Any:
        if locale is None:
            return command(*args, **kwargs)
        with use_locale(locale):
            return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _fail(error: OKRError | str) -> None:
    click.echo(str(error), err=True)
    sys.exit(1)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("Objectives and Key Results from the command line."),
)
@click.version_option(__version__, "-V", "--version", prog_name="okrkit")
def main() -> None:
    """Objectives and Key Results from the command line."""


# -- schema and report -----------------------------------------------------------------------


@main.command(help=_("Print the JSON Schema of the OKR file format."))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help=_("Write the schema to this file instead of printing it."),
)
@_with_locale
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the OKR file format."""
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(_("Wrote {file}").format(file=output), err=True)


@main.command(
    help=_("Print an outline of FILE: objectives by level, key results and latest values.")
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_with_locale
def report(file: Path) -> None:
    """Print an outline of FILE: objectives by level, key results and latest values."""
    try:
        okrset = load(file)
    except OKRError as exc:
        _fail(exc)
        return
    _console().print(outline(okrset))


def outline(okrset: OKRSet) -> Tree:
    """Build the outline of an OKR set as a rich tree, in the active locale.

    Objectives are grouped by level (company first), each with its owner, cycle and
    ambition, then its key results with owners, target and the latest check-in.
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
    details = _("owner: {owner}").format(owner=owner) + f" · {objective.ambition.label}"
    line = Text.assemble((objective.title, "bold"), f"  [{objective.id}] ", (details, "dim"))
    if objective.aligned_to:
        parents = ", ".join(link.parent for link in objective.aligned_to)
        line.append(" · " + _("aligned to: {parents}").format(parents=parents), style="dim")
    node = branch.add(line)
    for kr in objective.key_results:
        metric = kr.metric
        if metric.target is not None and metric.start is not None:
            goal = _("from {start} to {target}").format(
                start=format_value(metric, metric.start),
                target=format_value(metric, metric.target),
            )
        elif metric.target is not None:
            goal = _("{kind} {target}").format(
                kind=metric.kind.label, target=format_value(metric, metric.target)
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


# -- score -------------------------------------------------------------------------------------


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            gettext("write the date as YYYY-MM-DD (got {value!r})").format(value=value)
        ) from None


@main.command(
    "score",
    help=_("Score FILE as of a date: every objective and key result with score and status."),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    callback=_parse_date,
    help=_("The scoring date, YYYY-MM-DD (default: today)."),
)
@click.option(
    "--strategy",
    default="linear",
    show_default=True,
    help=_("The scoring strategy: linear, grade, zones, stepped, or package.module:name."),
)
@_with_locale
def score(file: Path, as_of: dt.date, strategy: str) -> None:
    """Score FILE as of a date."""
    from okrkit.i18n import format_percent

    try:
        okrset = load(file)
        card = okrset.score(as_of=as_of, strategy=strategy)
    except OKRError as exc:
        _fail(exc)
        return
    root = Tree(
        Text.assemble(
            (_("Scorecard"), "bold"),
            " · " + _("as of {date}").format(date=format_date(as_of)) + f" · {strategy}",
        )
    )
    colours = {
        "done": "green",
        "achieved": "green",
        "on_track": "green",
        "at_risk": "yellow",
        "off_track": "red",
        "missed": "red",
    }
    for objective in okrset.objectives:
        result = card[objective.id]
        line = Text.assemble(
            (objective.title, "bold"),
            f"  [{objective.id}] ",
            (format_percent(result.value), "bold"),
            " · ",
            (result.status.label, colours.get(result.status.value, "dim")),
            (
                " · " + _("expected {share}").format(share=format_percent(result.expected)),
                "dim",
            ),
        )
        node = root.add(line)
        for kr in objective.key_results:
            kr_score = card[kr.id]
            node.add(
                Text.assemble(
                    kr.title,
                    f"  [{kr.id}] ",
                    format_percent(kr_score.value),
                    " · ",
                    (kr_score.status.label, colours.get(kr_score.status.value, "dim")),
                    (
                        " · "
                        + _("expected {share}").format(share=format_percent(kr_score.expected)),
                        "dim",
                    ),
                )
            )
    _console().print(root)


# -- graph -------------------------------------------------------------------------------------

_GRAPH_FORMATS = ("mermaid", "dot", "graphml", "json")


@main.command(
    "graph", help=_("Export the alignment graph of FILE as Mermaid, DOT, GraphML or JSON.")
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(_GRAPH_FORMATS),
    default="mermaid",
    show_default=True,
    help=_("The export format."),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Write to this file instead of printing."),
)
@_with_locale
def graph(file: Path, fmt: str, output: Path | None) -> None:
    """Export the alignment graph of FILE."""
    from okrkit import graph as graphs

    try:
        okrset = load(file)
        alignment = okrset.graph
    except OKRError as exc:
        _fail(exc)
        return
    if fmt == "json":
        text = json.dumps(graphs.to_node_link(alignment), ensure_ascii=False, indent=2) + "\n"
    else:
        text = {"mermaid": graphs.to_mermaid, "dot": graphs.to_dot, "graphml": graphs.to_graphml}[
            fmt
        ](alignment)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(_("Wrote {file}").format(file=output), err=True)


# -- templates ---------------------------------------------------------------------------------


@main.group(help=_("Browse the bilingual template catalogue."))
def templates() -> None:
    """Browse the bilingual template catalogue."""


def _catalogue() -> Any:
    from okrkit import catalogue

    try:
        return catalogue.load()
    except OKRError as exc:
        _fail(exc)


def _template_table(found: Sequence[Any]) -> Table:
    from okrkit.i18n import get_locale

    locale = get_locale()
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(_("Template"), no_wrap=True)
    table.add_column(_("Domain"), no_wrap=True)
    table.add_column(_("Level"), no_wrap=True)
    table.add_column(_("Objective"))
    for template in found:
        table.add_row(template.id, template.domain, template.level.label, template.title(locale))
    return table


def _print_templates(found: Sequence[Any]) -> None:
    console = _console()
    if not found:
        console.print(_("No templates found."))
        return
    console.print(_template_table(found))
    console.print(
        ngettext("{n} template", "{n} templates", len(found)).format(n=len(found)), style="dim"
    )


_domain_option = click.option("--domain", help=_("Only templates of this domain."))
_tag_option = click.option("--tag", help=_("Only templates with this tag."))
_level_option = click.option(
    "--level",
    type=click.Choice([level.value for level in Level]),
    help=_("Only templates of this level."),
)


@templates.command("list", help=_("List the templates, optionally of one domain, tag or level."))
@_domain_option
@_tag_option
@_level_option
@_with_locale
def list_templates(domain: str | None, tag: str | None, level: str | None) -> None:
    """List the templates, optionally of one domain, tag or level."""
    _print_templates(_catalogue().search(domain=domain, tag=tag, level=level))


@templates.command(
    "search", help=_("Search the templates for TEXT; accents and case do not matter.")
)
@click.argument("text")
@_domain_option
@_tag_option
@_level_option
@_with_locale
def search_templates(text: str, domain: str | None, tag: str | None, level: str | None) -> None:
    """Search the templates for TEXT; accents and case do not matter."""
    _print_templates(_catalogue().search(text, domain=domain, tag=tag, level=level))


@templates.command("show", help=_("Preview template ID and list its parameters."))
@click.argument("template_id", metavar="ID")
@_with_locale
def show_template(template_id: str) -> None:
    """Preview template ID and list its parameters."""
    from okrkit.i18n import get_locale

    catalogue = _catalogue()
    try:
        template = catalogue.get(template_id)
    except OKRError as exc:
        _fail(exc)
        return
    locale = get_locale()
    console = _console()
    console.print(Text(template.id, style="bold"))
    console.print(template.render(locale))
    console.print(
        _("Domain: {domain} · level: {level} · ambition: {ambition}").format(
            domain=template.domain, level=template.level.label, ambition=template.ambition.label
        )
    )
    if template.tags:
        console.print(_("Tags: {tags}").format(tags=", ".join(template.tags)))
    console.print(
        _("Source: document {document}, section {section}").format(
            document=template.source.document, section=template.source.section
        )
    )
    if template.parameters:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column(_("Parameter"), no_wrap=True)
        table.add_column(_("Type"), no_wrap=True)
        table.add_column(_("Meaning"))
        table.add_column(_("Default"))
        for param in template.parameters:
            table.add_row(
                param.name,
                param.type.label,
                param.label.get(locale),
                param.describe_default(locale),
            )
        console.print(table)


# -- new ---------------------------------------------------------------------------------------

_CYCLE = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


def _parse_cycle(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Cycle:
    if value is None:
        today = dt.date.today()
        return Cycle.quarter(today.year, (today.month - 1) // 3 + 1)
    match = _CYCLE.match(value.strip())
    if match is None:
        raise click.BadParameter(
            gettext(
                "write a quarter such as 2026-Q2 or a year such as 2026 (got {value!r})"
            ).format(value=value)
        )
    year = int(match.group(1))
    return Cycle.quarter(year, int(match.group(2))) if match.group(2) else Cycle.year(year)


def _parse_settings(
    _ctx: click.Context, _param: click.Parameter, values: Sequence[str]
) -> dict[str, str]:
    settings: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(
                gettext("write each setting as name=value (got {item!r})").format(item=item)
            )
        settings[name.strip()] = value
    return settings


@main.command(help=_("Write a ready OKR file from a template, with your parameter values."))
@click.option("--template", "template_id", required=True, metavar="ID", help=_("Template id."))
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    callback=_parse_settings,
    help=_("A parameter value; repeat for each parameter."),
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("The OKR file to write (.yaml, .toml or .json)."),
)
@click.option(
    "--cycle",
    callback=_parse_cycle,
    help=_("A quarter such as 2026-Q2 or a year such as 2026 (default: this quarter)."),
)
@click.option("--owner", "owner_id", default="me", show_default=True, help=_("The owner's id."))
@click.option("--owner-name", help=_("The owner's name (default: the id)."))
@click.option("--id", "objective_id", help=_("The objective's id (default: the template's)."))
@click.option("--force", is_flag=True, help=_("Overwrite FILE if it exists."))
@_with_locale
def new(  # noqa: PLR0917 - click passes every option by position
    template_id: str,
    settings: dict[str, str],
    output: Path,
    cycle: Cycle,
    owner_id: str,
    owner_name: str | None,
    objective_id: str | None,
    force: bool,
) -> None:
    """Write a ready OKR file from a template, with your parameter values."""
    if output.exists() and not force:
        _fail(_("{file} exists; choose another file or pass --force").format(file=output))
    catalogue = _catalogue()
    try:
        template = catalogue.get(template_id)
        owner = Owner(
            id=owner_id,
            name=owner_name or owner_id,
            kind=OwnerKind.PERSON if template.level is Level.INDIVIDUAL else OwnerKind.TEAM,
        )
        objective = template.instantiate(settings, owner=owner, cycle=cycle, id=objective_id)
        okrset = OKRSet(cycles=[cycle], owners=[owner], objectives=[objective])
        dump(okrset, output)
    except OKRError as exc:
        _fail(exc)
        return
    count = len(objective.key_results)
    click.echo(
        ngettext(
            "Wrote {file}: {objective} with {count} key result",
            "Wrote {file}: {objective} with {count} key results",
            count,
        ).format(file=output, objective=objective.title, count=count)
    )
