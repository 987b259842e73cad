"""Exports of an alignment graph: node-link JSON (and back), GraphML, DOT, Mermaid."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from okrkit.errors import LoadError, Problem, ValidationError
from okrkit.graph._graph import AlignmentGraph
from okrkit.graph._kinds import EdgeKind, NodeKind
from okrkit.i18n import _
from okrkit.io import make_converter
from okrkit.io._converter import problems_from
from okrkit.model import (
    SCHEMA_VERSION,
    Cycle,
    Dependency,
    Initiative,
    KeyResult,
    LinkKind,
    Objective,
    Owner,
)

__all__ = ["from_node_link", "to_dot", "to_graphml", "to_mermaid", "to_node_link"]

_ENTITY_TYPES: dict[NodeKind, type] = {
    NodeKind.OBJECTIVE: Objective,
    NodeKind.KEY_RESULT: KeyResult,
    NodeKind.INITIATIVE: Initiative,
}
_CONVERTER = make_converter(dates_as_text=True)


# -- node-link JSON ------------------------------------------------------------------------------


def to_node_link(graph: AlignmentGraph) -> dict[str, Any]:
    """The graph as node-link data, ready for :func:`json.dumps`.

    The layout is networkx's (``nx.node_link_graph(data, edges="edges")`` reads it);
    each node carries its entity as plain data, and the graph attributes carry the
    cycles, owners and dependencies, so :func:`from_node_link` gives back an equal
    graph.

    Examples:
        >>> import okrkit
        >>> graph = okrkit.load("examples/acme.en.yaml").graph
        >>> from_node_link(to_node_link(graph)) == graph
        True
    """
    g = graph.nx
    nodes = [
        {
            "id": node,
            "kind": data["kind"].value,
            "entity": _CONVERTER.unstructure(data["entity"], _ENTITY_TYPES[data["kind"]]),
        }
        for node, data in g.nodes(data=True)
    ]
    edges = []
    for source, target, data in g.edges(data=True):
        edge: dict[str, Any] = {"source": source, "target": target, "kind": data["kind"].value}
        if data["kind"] is EdgeKind.ALIGNS_TO:
            edge["link"] = data["link"].value
            edge["weight"] = data["weight"]
        elif data["kind"] is EdgeKind.DEPENDS_ON:
            edge["note"] = data["note"]
        edges.append(edge)
    return {
        "directed": True,
        "multigraph": False,
        "graph": {
            "okrkit_schema_version": SCHEMA_VERSION,
            "cycles": _CONVERTER.unstructure(list(graph.cycles.values()), list[Cycle]),
            "owners": _CONVERTER.unstructure(list(graph.owners.values()), list[Owner]),
            "dependencies": [
                {"dependent": d.dependent, "on": d.on, "note": d.note}
                for d in graph.dependencies()
            ],
        },
        "nodes": nodes,
        "edges": edges,
    }


def from_node_link(data: Mapping[str, Any] | str) -> AlignmentGraph:
    """Rebuild a graph from :func:`to_node_link` data (or its JSON text).

    Raises:
        LoadError: when the data is not an okrkit node-link graph, listing every
            problem with its path.
    """
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise LoadError(
                Problem(
                    message=_("this is not valid JSON: {detail}").format(detail=exc.msg),
                    line=exc.lineno,
                )
            ) from exc
    problems: list[Problem] = []

    def structure(value: Any, kind: Any, path: tuple[str | int, ...]) -> Any:
        try:
            return _CONVERTER.structure(value, kind)
        except Exception as exc:  # noqa: BLE001 - every problem is collected
            problems.extend(problems_from(exc, path))
            return None

    if not isinstance(data, Mapping) or not isinstance(data.get("graph"), Mapping):
        raise LoadError(Problem(message=_("this is not an okrkit node-link graph")))
    attrs_ = data["graph"]
    cycles = structure(attrs_.get("cycles", []), list[Cycle], ("graph", "cycles")) or []
    owners = structure(attrs_.get("owners", []), list[Owner], ("graph", "owners")) or []
    graph = AlignmentGraph(cycles=cycles, owners=owners)
    g = graph._g
    for index, node in enumerate(data.get("nodes", [])):
        try:
            kind = NodeKind(node["kind"])
        except (KeyError, ValueError, TypeError):
            problems.append(
                Problem(
                    message=_("each node needs a kind: objective, key_result or initiative"),
                    path=f"nodes[{index}]",
                )
            )
            continue
        entity = structure(node.get("entity"), _ENTITY_TYPES[kind], ("nodes", index, "entity"))
        if entity is not None:
            g.add_node(entity.id, kind=kind, entity=entity)
    for index, edge in enumerate(data.get("edges", [])):
        try:
            kind_e = EdgeKind(edge["kind"])
            source, target = edge["source"], edge["target"]
        except (KeyError, ValueError, TypeError):
            problems.append(
                Problem(
                    message=_("each edge needs a source, a target and a kind"),
                    path=f"edges[{index}]",
                )
            )
            continue
        extra: dict[str, Any] = {}
        if kind_e is EdgeKind.ALIGNS_TO:
            extra = {
                "link": LinkKind(edge.get("link", "contributes")),
                "weight": float(edge.get("weight", 1.0)),
            }
        elif kind_e is EdgeKind.DEPENDS_ON:
            extra = {"note": str(edge.get("note", ""))}
        if source not in g or target not in g:
            problems.append(
                Problem(
                    message=_(
                        "edge {source!r} -> {target!r} names a node that is not in the graph"
                    ).format(source=source, target=target),
                    path=f"edges[{index}]",
                )
            )
            continue
        g.add_edge(source, target, kind=kind_e, **extra)
    for index, dep in enumerate(attrs_.get("dependencies", [])):
        dependency = structure(dep, Dependency, ("graph", "dependencies", index))
        if dependency is not None:
            graph._dependencies[(dependency.dependent, dependency.on)] = dependency
    if problems:
        raise LoadError(problems)
    try:
        graph.to_okrset()
    except ValidationError as exc:
        raise LoadError(exc.problems) from exc
    return graph


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
