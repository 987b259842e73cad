"""``okrkit graph``: a file's alignment graph as Mermaid, DOT, GraphML or node-link JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from okrkit.cli._app import emit, fail, with_locale
from okrkit.errors import OKRError
from okrkit.i18n import _
from okrkit.io import load, to_node_link

__all__ = ["graph"]

_GRAPH_FORMATS = ("mermaid", "dot", "graphml", "json")


@click.command(
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
@with_locale
def graph(file: Path, fmt: str, output: Path | None) -> None:
    """Export the alignment graph of FILE."""
    from okrkit import graph as graphs

    try:
        okrset = load(file)
        alignment = okrset.graph
    except OKRError as exc:
        fail(exc)
    if fmt == "json":
        text = json.dumps(to_node_link(alignment), ensure_ascii=False, indent=2) + "\n"
    else:
        text = {"mermaid": graphs.to_mermaid, "dot": graphs.to_dot, "graphml": graphs.to_graphml}[
            fmt
        ](alignment)
    emit(text, output)
