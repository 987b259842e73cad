"""``okrkit schema`` and ``okrkit report``: the file format, and the reports on one file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
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
from okrkit.cli._choices import LabelledChoice
from okrkit.cli._help import PathParam, command, option
from okrkit.cli._progress import progress
from okrkit.cli._safe import terminal_text
from okrkit.cli._score import optional_date, strategy_option
from okrkit.cli._source import read_source, source_options
from okrkit.errors import OKRError
from okrkit.i18n import N_, _, format_date, format_value, gettext, ngettext, term
from okrkit.io import json_schema
from okrkit.model import KeyResult, Level, Objective, OKRSet
from okrkit.report import (
    AlignmentMap,
    CycleReview,
    ScorecardReport,
    WeeklyDigest,
    alignment_map,
    build_digest,
    build_review,
    build_scorecard,
    graphviz_available,
    render,
    to_html,
    to_rich,
)

__all__ = [
    "PAGE_MAP_OBJECTIVES",
    "REPORT_FORMATS",
    "REPORT_KINDS",
    "build_report",
    "outline",
    "page_map",
    "report",
    "schema",
    "show",
]


@command(help=N_("Print the JSON Schema of the OKR file format."))
@option(
    "-o",
    "--output",
    type=PathParam(dir_okay=False, writable=True, path_type=Path),
    help=N_("Write the schema to this file instead of printing it."),
)
@with_locale
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the OKR file format."""
    emit(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", output)


REPORT_KINDS = ("scorecard", "digest", "review", "outline")
"""What ``okrkit report --kind`` builds; ``outline`` is the file's outline without scores."""

_KIND_LABELS = {
    "scorecard": N_("scorecard"),
    "digest": N_("digest"),
    "review": N_("review"),
    "outline": N_("outline"),
}


def kind_label(kind: str) -> str:
    """The name of report ``kind`` for a person, in the active locale."""
    label = _KIND_LABELS.get(kind)
    return kind if label is None else gettext(label)


REPORT_FORMATS = ("text", "md", "html")
"""What ``okrkit report --format`` writes."""

REPORT_SUFFIXES = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
"""The format ``-o``'s suffix names when ``--format`` is left out."""


@command(
    help=N_(
        "Report on FILE, or the workspace's store: the scorecard (the default), the weekly "
        "digest, the end-of-cycle review, or the outline, as text, Markdown or one HTML page."
    )
)
@source_options
@option(
    "--kind",
    type=LabelledChoice(REPORT_KINDS, kind_label, lambda kind: term(kind).also),
    default="scorecard",
    show_default=True,
    default_label=kind_label,
    help=N_("Which report to build."),
)
@option(
    "--format",
    "form",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help=N_("text for a terminal or a pipe, md for a wiki, html for one self-contained page."),
)
@option(
    "-o",
    "--output",
    type=PathParam(dir_okay=False, writable=True, path_type=Path),
    help=N_(
        "Write the report to this file instead of printing it; its suffix (.txt, .md, "
        ".html) chooses the format when --format is left out."
    ),
)
@option(
    "--as-of",
    "as_of",
    callback=optional_date,
    metavar=N_("DATE"),
    help=N_(
        "The report's date, YYYY-MM-DD (default: today; for the review, the end of the "
        "last cycle that has ended)."
    ),
)
@option(
    "--since",
    callback=optional_date,
    metavar=N_("DATE"),
    help=N_("For the digest: the day the week began, YYYY-MM-DD (default: 7 days before)."),
)
@strategy_option
@option("--force", is_flag=True, help=N_("Allow writing over the file being read."))
@with_locale
def report(
    *,
    file: Path | None,
    store: Path | None,
    workspace: str | None,
    kind: str,
    form: str,
    output: Path | None,
    as_of: dt.date | None,
    since: dt.date | None,
    strategy: str,
    force: bool,
) -> None:
    """Report on FILE (or the workspace's store) as text, Markdown or HTML."""
    if since is not None and kind != "digest":
        raise click.UsageError(_("--since is for the weekly digest (--kind digest)"))
    form = output_format(form, output, REPORT_SUFFIXES)
    if file is not None:
        refuse_own_input(output, file, force=force)
    try:
        okrset, label = read_source(file, store, workspace, read_okrs)
    except OKRError as exc:
        fail(exc)
    if kind == "outline":
        if form != "text":
            raise click.UsageError(_("the outline is text only: leave out --format"))
        console().print(outline(okrset, as_of=as_of))
        return
    try:
        with progress(_("Building the report of {file}").format(file=label)):
            built = build_report(okrset, kind, as_of=as_of, since=since, strategy=strategy)
            alignment = None
            if isinstance(built, ScorecardReport) and form == "html" and graphviz_available():
                alignment = page_map(okrset, built)
    except OKRError as exc:
        fail(exc)
    show(built, form, output, alignment=alignment)


PAGE_MAP_OBJECTIVES = 60
"""The most objectives the map at the end of an HTML scorecard draws (a page, not a poster)."""


def page_map(okrset: OKRSet, built: ScorecardReport) -> AlignmentMap | None:
    """The alignment map an HTML scorecard shows: as many levels as fit on a page.

    All of the set when it has at most :data:`PAGE_MAP_OBJECTIVES` objectives, else
    the top levels that fit; none when even the company level has more. The map
    reuses the report's scores (no second scoring of the set).
    """
    per_depth: dict[int, int] = {}
    for line in built.objectives:
        per_depth[line.depth] = per_depth.get(line.depth, 0) + 1
    depth, shown = 0, 0
    while depth in per_depth and shown + per_depth[depth] <= PAGE_MAP_OBJECTIVES:
        shown += per_depth[depth]
        depth += 1
    if depth == 0:
        return None
    every = depth > max(per_depth, default=-1)
    try:
        return alignment_map(okrset, scorecard=built, depth=None if every else depth)
    except OKRError:  # the page is worth more than its picture
        return None


def build_report(
    okrset: OKRSet,
    kind: str,
    *,
    as_of: dt.date | None,
    since: dt.date | None = None,
    strategy: str = "linear",
) -> ScorecardReport | WeeklyDigest | CycleReview:
    """Build the report ``kind`` (scorecard, digest or review) of ``okrset``."""
    if kind == "digest":
        return build_digest(okrset, as_of=as_of, since=since, strategy=strategy)
    if kind == "review":
        return build_review(okrset, as_of=as_of, strategy=strategy)
    return build_scorecard(okrset, as_of=as_of, strategy=strategy)


def show(
    built: ScorecardReport | WeeklyDigest | CycleReview,
    form: str,
    output: Path | None,
    *,
    alignment: AlignmentMap | None = None,
) -> None:
    """Print ``built`` (rich in a terminal, plain when piped) or write it to ``output``.

    The report is laid out under a progress bar (in a terminal, when it takes a while),
    then printed or written. An HTML scorecard shows ``alignment`` at its end.
    """
    out = console()
    if form == "text" and output is None and out.is_terminal:
        with progress(_("Laying out the report")):
            shown = to_rich(built)
        out.print(shown)
        return
    with progress(_("Laying out the report")):
        if alignment is not None:
            text = to_html(built, alignment=alignment)
        else:
            text = render(built, "markdown" if form == "md" else form)
    emit(text if text.endswith("\n") else text + "\n", output)


def outline(okrset: OKRSet, *, as_of: dt.date | None = None) -> Tree:
    """Build the outline of an OKR set as a rich tree, in the active locale.

    Objectives are grouped by level (company first), each with its owner, cycle and
    ambition, then its key results with owners, target and the latest check-in. Text
    from the set is shown as it is, without escape sequences or control characters.

    Args:
        okrset: The OKR set to outline.
        as_of: The outline's date: each key result's latest check-in on or before it,
            and the date in the heading; ``None`` for the latest check-in of all.

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
    heading = f" · {cycles} · {counts}"
    if as_of is not None:
        heading += " · " + _("as of {date}").format(date=format_date(as_of))
    root = Tree(Text.assemble((_("OKR outline"), "bold"), heading))
    for level in Level:
        objectives = [o for o in okrset.objectives if o.level is level]
        if not objectives:
            continue
        branch = root.add(Text(level.label.capitalize(), style="bold cyan"))
        for objective in objectives:
            _add_objective(branch, okrset, objective, as_of)
    return root


def _add_objective(
    branch: Tree, okrset: OKRSet, objective: Objective, as_of: dt.date | None
) -> None:
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
        progress = terminal_text(f"{_goal(kr)} · {_latest(okrset, kr, as_of)}")
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


def _latest(okrset: OKRSet, kr: KeyResult, as_of: dt.date | None) -> str:
    """The key result's latest check-in (on or before ``as_of``), or that it has none yet."""
    history = [c for c in okrset.checkins_for(kr.id) if as_of is None or c.on <= as_of]
    if not history:
        return _("no check-ins yet")
    latest = history[-1]
    return _("latest {value} on {date}").format(
        value=format_value(kr.metric, latest.value), date=format_date(latest.on)
    )
