"""``okrkit graph``: a file's alignment graph as Mermaid, DOT, GraphML or node-link JSON."""

from __future__ import annotations

import json
import re
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
from okrkit.cli._help import PathParam, argument, command, option
from okrkit.cli._safe import terminal_text
from okrkit.errors import OKRError, Problem
from okrkit.i18n import N_, _
from okrkit.io import to_node_link

__all__ = ["graph"]

_GRAPH_FORMATS = ("mermaid", "dot", "graphml", "json")
_GRAPH_SUFFIXES = {
    ".mmd": "mermaid",
    ".dot": "dot",
    ".gv": "dot",
    ".graphml": "graphml",
    ".json": "json",
}

# What JSON may hold raw but a terminal or an editor should not get raw: DEL and the C1
# controls, line and paragraph separators, bidirectional overrides, and lone surrogates,
# which no encoding writes. They are written as \uXXXX escapes: the same JSON data.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@command("graph", help=N_("Export the alignment graph of FILE as Mermaid, DOT, GraphML or JSON."))
@argument("file", metavar=N_("FILE"), type=PathParam(dir_okay=False, path_type=Path))
@option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(_GRAPH_FORMATS),
    default="mermaid",
    show_default=True,
    help=N_("The export format."),
)
@option(
    "-o",
    "--output",
    type=PathParam(dir_okay=False, path_type=Path),
    help=N_(
        "Write to this file instead of printing; its suffix (.mmd, .dot, .graphml, .json) "
        "chooses the format when --format is left out."
    ),
)
@option("--force", is_flag=True, help=N_("Write the output even over FILE itself."))
@with_locale
def graph(file: Path, fmt: str, output: Path | None, force: bool) -> None:
    """Export the alignment graph of FILE."""
    from okrkit import graph as graphs

    fmt = output_format(fmt, output, _GRAPH_SUFFIXES, name="fmt")
    refuse_own_input(output, file, force=force)
    okrset = read_okrs(file)
    try:
        alignment = okrset.graph
    except OKRError as exc:
        fail(exc)
    if fmt == "json":
        text = json.dumps(to_node_link(alignment), ensure_ascii=False, indent=2) + "\n"
        text = _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    elif fmt == "graphml":
        lost: list[Problem] = []
        text = graphs.to_graphml(alignment, lost=lost)
        for problem in lost:  # what GraphML cannot hold is said, not dropped in silence
            click.echo(terminal_text(_("note: {problem}").format(problem=problem)), err=True)
    else:
        text = {"mermaid": graphs.to_mermaid, "dot": graphs.to_dot}[fmt](alignment)
    emit(text, output)
