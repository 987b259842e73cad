"""Text exports of an alignment graph: GraphML, Graphviz DOT and Mermaid.

Node-link JSON, which needs the file format's converter, is in :mod:`okrkit.io`.
Every export lists nodes and edges in the graph's order, so one graph gives the same
text in every run, and writes user text for its own syntax (see ``_escape.py``): no
title, note or id can end its label, add a statement, or carry markup, a directive or
a control character into the output.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from okrkit.errors import Problem
from okrkit.graph._escape import dot_quote, mermaid_text, xml_text
from okrkit.graph._graph import AlignmentGraph
from okrkit.graph._kinds import EdgeKind, NodeKind
from okrkit.i18n import N_
from okrkit.model import KeyResult, LinkKind, Objective

__all__ = ["to_dot", "to_graphml", "to_mermaid"]


# -- GraphML -------------------------------------------------------------------------------------


def _plain_graph(graph: AlignmentGraph, lost: list[Problem] | None) -> nx.DiGraph[str]:
    """A copy whose attributes are plain text and numbers, for GraphML and friends.

    Text XML 1.0 cannot hold is replaced (see :func:`to_graphml`); each replacement is
    noted in ``lost`` when given.
    """
    plain: nx.DiGraph[str] = nx.DiGraph()
    safe = _XmlSafe(lost)
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
        plain.add_node(safe(node, node, "id"), **safe.attributes(node, attrs))
    for source, target, data in graph.nx.edges(data=True):
        attrs = {"kind": data["kind"].value, "kind_label": data["kind"].label}
        if data["kind"] is EdgeKind.ALIGNS_TO:
            attrs.update(link=data["link"].value, weight=float(data["weight"]))
        elif data["kind"] is EdgeKind.DEPENDS_ON:
            attrs.update(note=data["note"])
        plain.add_edge(
            safe(source, source, "id"),
            safe(target, target, "id"),
            **safe.attributes(source, attrs, f"-> {target}: "),
        )
    return plain


class _XmlSafe:
    """Replaces what XML 1.0 cannot hold, noting each text it changed."""

    def __init__(self, lost: list[Problem] | None) -> None:
        self.lost = lost

    def __call__(self, text: str, entity_id: str, path: str) -> str:
        safe, count = xml_text(text)
        if count and self.lost is not None:
            # Worded when shown; Vietnamese has one form, English two, chosen here.
            message = (
                N_("{count} character that XML cannot hold was written as {replacement}")
                if count == 1
                else N_("{count} characters that XML cannot hold were written as {replacement}")
            )
            args = {"count": count, "replacement": "U+FFFD"}
            self.lost.append(
                Problem("export.lost_text", message, args, entity_id=entity_id, path=path)
            )
        return safe

    def attributes(self, entity_id: str, attrs: dict[str, Any], where: str = "") -> dict[str, Any]:
        """``attrs`` with every text value made safe; ``where`` starts each path noted."""
        return {
            key: self(value, entity_id, where + key) if isinstance(value, str) else value
            for key, value in attrs.items()
        }


def to_graphml(graph: AlignmentGraph, *, lost: list[Problem] | None = None) -> str:
    """The graph as GraphML text, for yEd, Gephi or Cytoscape.

    Nodes carry ``kind``, a localised ``kind_label``, ``label`` (the title) and their
    level, owner and cycle; edges carry ``kind``, ``kind_label``, and the link kind and
    weight or the dependency note.

    The text is always well-formed XML 1.0. Characters XML 1.0 cannot hold (control
    characters other than tab, line feed and carriage return; lone surrogates; U+FFFE
    and U+FFFF) are each written as U+FFFD, the replacement character; a carriage
    return is written as ``&#13;`` so that it reads back as itself.

    Args:
        graph: The graph to export.
        lost: A list that receives a :class:`~okrkit.errors.Problem` for each text
            changed that way, naming the entity and the attribute. Pass one to learn
            what the GraphML does not hold as it was.

    Examples:
        >>> import okrkit
        >>> lost = []
        >>> text = to_graphml(okrkit.load("examples/acme.en.yaml").graph, lost=lost)
        >>> text.startswith("<graphml"), lost
        (True, [])
    """
    # Not nx.generate_graphml: it splits its text at every kind of line break.
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(_plain_graph(graph, lost))
    # ElementTree writes a carriage return in text as it is; XML reads it as a line feed.
    text = str(writer).replace("\r", "&#13;")
    return text if text.endswith("\n") else text + "\n"


# -- DOT and Mermaid ------------------------------------------------------------------------------


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
        label = dot_quote(data["entity"].title, f"[{node}]")
        lines.append(f"  {dot_quote(node)} [label={label}, {_DOT_SHAPES[data['kind']]}];")
    for source, target, data in graph.nx.edges(data=True):
        kind = data["kind"]
        if kind is EdgeKind.HAS_KEY_RESULT:
            lines.append(f"  {dot_quote(target)} -> {dot_quote(source)};")
        elif kind is EdgeKind.ALIGNS_TO:
            style = (
                ""
                if data["link"] is LinkKind.CONTRIBUTES
                else (f" [style=dashed, label={dot_quote(data['link'].label)}]")
            )
            lines.append(f"  {dot_quote(source)} -> {dot_quote(target)}{style};")
        elif kind is EdgeKind.DRIVES:
            lines.append(f"  {dot_quote(source)} -> {dot_quote(target)} [style=dotted];")
        else:
            label = kind.label + (f": {data['note']}" if data["note"] else "")
            lines.append(
                f"  {dot_quote(source)} -> {dot_quote(target)} "
                f"[style=dashed, color=firebrick, constraint=false, label={dot_quote(label)}];"
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
        lines.append(f"  {ids[node]}{opening}{mermaid_text(data['entity'].title)}{closing}")
    for source, target, data in g.edges(data=True):
        kind = data["kind"]
        if kind is EdgeKind.HAS_KEY_RESULT:
            lines.append(f"  {ids[target]} --> {ids[source]}")
        elif kind is EdgeKind.ALIGNS_TO and data["link"] is LinkKind.CONTRIBUTES:
            lines.append(f"  {ids[source]} --> {ids[target]}")
        elif kind is EdgeKind.ALIGNS_TO:
            lines.append(
                f'  {ids[source]} -. "{mermaid_text(data["link"].label)}" .-> {ids[target]}'
            )
        elif kind is EdgeKind.DRIVES:
            lines.append(f"  {ids[source]} ==> {ids[target]}")
        else:
            lines.append(f'  {ids[source]} -. "{mermaid_text(kind.label)}" .-> {ids[target]}')
    return "\n".join(lines) + "\n"
