"""Text exports of an alignment graph: GraphML, Graphviz DOT and Mermaid.

Node-link JSON, which needs the file format's converter, is in :mod:`okrkit.io`.
Every export lists nodes and edges in the graph's order, so one graph gives the same
text in every run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import networkx as nx

from okrkit.graph._graph import AlignmentGraph
from okrkit.graph._kinds import EdgeKind, NodeKind
from okrkit.model import KeyResult, LinkKind, Objective

__all__ = ["to_dot", "to_graphml", "to_mermaid"]


# -- GraphML -------------------------------------------------------------------------------------


def _plain_graph(graph: AlignmentGraph) -> nx.DiGraph[str]:
    """A copy whose attributes are plain text and numbers, for GraphML and friends."""
    plain: nx.DiGraph[str] = nx.DiGraph()
    for node, data in graph.nx.nodes(data=True):
        entity = data["entity"]
        attrs: dict[str, Any] = {
            "kind": data["kind"].value,
            "kind_label": data["kind"].label,
            "label": entity.title,
        }
        if isinstance(entity, Objective):
            attrs.update(level=entity.level.value, owner=entity.owner, cycle=entity.cycle)
        elif isinstance(entity, KeyResult):
            attrs.update(metric=entity.metric.kind.value, owner=",".join(entity.owners))
        else:
            attrs.update(owner=entity.owner, status=entity.status.value)
        plain.add_node(node, **attrs)
    for source, target, data in graph.nx.edges(data=True):
        attrs = {"kind": data["kind"].value, "kind_label": data["kind"].label}
        if data["kind"] is EdgeKind.ALIGNS_TO:
            attrs.update(link=data["link"].value, weight=float(data["weight"]))
        elif data["kind"] is EdgeKind.DEPENDS_ON:
            attrs.update(note=data["note"])
        plain.add_edge(source, target, **attrs)
    return plain


def to_graphml(graph: AlignmentGraph) -> str:
    """The graph as GraphML text, for yEd, Gephi or Cytoscape.

    Nodes carry ``kind``, a localised ``kind_label``, ``label`` (the title) and their
    level, owner and cycle; edges carry ``kind``, ``kind_label``, and the link kind and
    weight or the dependency note.
    """
    return "\n".join(nx.generate_graphml(_plain_graph(graph))) + "\n"


# -- DOT and Mermaid ------------------------------------------------------------------------------


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_DOT_SHAPES = {
    NodeKind.OBJECTIVE: 'shape=box, style="rounded,bold"',
    NodeKind.KEY_RESULT: "shape=box",
    NodeKind.INITIATIVE: "shape=note",
}


def to_dot(graph: AlignmentGraph) -> str:
    """The graph as Graphviz DOT text; render it with ``dot -Tsvg``.

    Arrows point up, toward what a node counts for: key results to their objective,
    children to their parents, initiatives to the key results they drive.
    Dependencies are dashed and do not shape the layout.
    """
    lines = ["digraph okr {", "  rankdir=BT;", '  node [fontname="Helvetica"];']
    for node, data in graph.nx.nodes(data=True):
        label = f"{data['entity'].title}\n[{node}]"
        lines.append(
            f"  {_dot_quote(node)} [label={_dot_quote(label)}, {_DOT_SHAPES[data['kind']]}];"
        )
    for source, target, data in graph.nx.edges(data=True):
        kind = data["kind"]
        if kind is EdgeKind.HAS_KEY_RESULT:
            lines.append(f"  {_dot_quote(target)} -> {_dot_quote(source)};")
        elif kind is EdgeKind.ALIGNS_TO:
            style = (
                ""
                if data["link"] is LinkKind.CONTRIBUTES
                else (f" [style=dashed, label={_dot_quote(data['link'].label)}]")
            )
            lines.append(f"  {_dot_quote(source)} -> {_dot_quote(target)}{style};")
        elif kind is EdgeKind.DRIVES:
            lines.append(f"  {_dot_quote(source)} -> {_dot_quote(target)} [style=dotted];")
        else:
            label = kind.label + (f": {data['note']}" if data["note"] else "")
            lines.append(
                f"  {_dot_quote(source)} -> {_dot_quote(target)} "
                f"[style=dashed, color=firebrick, constraint=false, label={_dot_quote(label)}];"
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_ids(nodes: Iterator[str]) -> dict[str, str]:
    """Stable Mermaid ids: the entity id with other characters as '_', made unique."""
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for node in nodes:
        base = "n_" + re.sub(r"[^A-Za-z0-9_]", "_", node)
        candidate, suffix = base, 2
        while candidate in taken:
            candidate = f"{base}_{suffix}"
            suffix += 1
        taken.add(candidate)
        ids[node] = candidate
    return ids


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", " ")


_MERMAID_SHAPES = {
    NodeKind.OBJECTIVE: ('["', '"]'),
    NodeKind.KEY_RESULT: ('("', '")'),
    NodeKind.INITIATIVE: ('{{"', '"}}'),
}


def to_mermaid(graph: AlignmentGraph) -> str:
    """The graph as a Mermaid flowchart, for Markdown documents.

    Objectives are boxes, key results rounded, initiatives hexagons; arrows point up,
    toward what a node counts for. Supporting links and dependencies are dotted and
    labelled in the active locale.

    Examples:
        >>> import okrkit
        >>> text = to_mermaid(okrkit.load("examples/acme.en.yaml").graph)
        >>> text.splitlines()[0]
        'flowchart BT'
    """
    g = graph.nx
    ids = _mermaid_ids(iter(g.nodes))
    lines = ["flowchart BT"]
    for node, data in g.nodes(data=True):
        opening, closing = _MERMAID_SHAPES[data["kind"]]
        lines.append(f"  {ids[node]}{opening}{_mermaid_text(data['entity'].title)}{closing}")
    for source, target, data in g.edges(data=True):
        kind = data["kind"]
        if kind is EdgeKind.HAS_KEY_RESULT:
            lines.append(f"  {ids[target]} --> {ids[source]}")
        elif kind is EdgeKind.ALIGNS_TO and data["link"] is LinkKind.CONTRIBUTES:
            lines.append(f"  {ids[source]} --> {ids[target]}")
        elif kind is EdgeKind.ALIGNS_TO:
            lines.append(
                f'  {ids[source]} -. "{_mermaid_text(data["link"].label)}" .-> {ids[target]}'
            )
        elif kind is EdgeKind.DRIVES:
            lines.append(f"  {ids[source]} ==> {ids[target]}")
        else:
            lines.append(f'  {ids[source]} -. "{_mermaid_text(kind.label)}" .-> {ids[target]}')
    return "\n".join(lines) + "\n"
