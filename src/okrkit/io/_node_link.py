"""Node-link JSON of an alignment graph, and back: networkx's layout, okrkit's entities.

Each node carries its entity as the file format writes it (through the converter of
:mod:`okrkit.io`); the graph's attributes carry the cycles, owners and dependencies.
networkx is loaded only when a graph is read or written.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import cattrs

from okrkit._files import json_syntax_error
from okrkit.errors import LoadError, Message, Problem, Shown, ValidationError
from okrkit.errors._message import as_found
from okrkit.graph import _forward
from okrkit.graph._kinds import EdgeKind, NodeKind
from okrkit.i18n import N_
from okrkit.io._arguments import a_graph
from okrkit.io._converter import STRUCTURE_ERRORS, make_converter, path_text, problems_from
from okrkit.io._limits import lone_surrogate
from okrkit.io._node_link_match import mismatches
from okrkit.model import (
    SCHEMA_VERSION,
    Cycle,
    Dependency,
    Initiative,
    KeyResult,
    LinkKind,
    Objective,
    OKRSet,
    Owner,
)

if TYPE_CHECKING:
    from okrkit.graph import AlignmentGraph

__all__ = ["from_node_link", "to_node_link"]

_ENTITY_TYPES: dict[NodeKind, type] = {
    NodeKind.OBJECTIVE: Objective,
    NodeKind.KEY_RESULT: KeyResult,
    NodeKind.INITIATIVE: Initiative,
}
_LINKS = {kind.value for kind in LinkKind}
_NODE_KINDS = {kind.value: kind for kind in NodeKind}
_EDGE_KINDS = {kind.value: kind for kind in EdgeKind}
_OBJECTIVE = NodeKind.OBJECTIVE
_INITIATIVE = NodeKind.INITIATIVE

Path = tuple[str | int, ...]
_K = TypeVar("_K", NodeKind, EdgeKind)


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter(dates_as_text=True)


def to_node_link(graph: AlignmentGraph) -> dict[str, Any]:
    """The graph as node-link data, ready for :func:`json.dumps`.

    The layout is networkx's (``nx.node_link_graph(data, edges="edges")`` reads it);
    each node carries its entity as plain data, and the graph attributes carry the
    cycles, owners and dependencies, so :func:`from_node_link` gives back an equal
    graph. Nodes and edges are listed in the graph's order.

    Examples:
        >>> import okrkit
        >>> graph = okrkit.load("examples/acme.en.yaml").graph
        >>> from_node_link(to_node_link(graph)) == graph
        True
    """
    graph = a_graph(graph, "to_node_link")
    converter = _converter()
    g = graph.nx
    nodes = [
        {
            "id": node,
            "kind": data["kind"].value,
            "entity": converter.unstructure(data["entity"], _ENTITY_TYPES[data["kind"]]),
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
            "cycles": converter.unstructure(list(graph.cycles.values()), list[Cycle]),
            "owners": converter.unstructure(list(graph.owners.values()), list[Owner]),
            "dependencies": [
                {"dependent": d.dependent, "on": d.on, "note": d.note}
                for d in graph.dependencies()
            ],
        },
        "nodes": nodes,
        "edges": edges,
    }


_SURROGATE = re.compile("[\ud800-\udfff]")


def _holds_surrogate(data: object) -> bool:
    """Whether any text in ``data`` (keys included) holds a lone surrogate; no recursion."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def from_node_link(data: Mapping[str, Any] | str) -> AlignmentGraph:
    """Rebuild a graph from :func:`to_node_link` data (or its JSON text).

    The data is checked as strictly as a file: every value must have its type, the
    entities must pass the rules of :class:`~okrkit.OKRSet`, and the nodes and edges
    must be exactly those the entities call for. A graph the model forbids is never
    built.

    Raises:
        LoadError: when the data is not an okrkit node-link graph, listing every
            problem with its path.

    Examples:
        >>> import okrkit
        >>> graph = okrkit.load("examples/acme.en.yaml").graph
        >>> text = json.dumps(to_node_link(graph))
        >>> len(from_node_link(text)) == len(graph)
        True
    """
    from okrkit.graph import AlignmentGraph

    if isinstance(data, str):
        data = _parse(data)
    if not isinstance(data, Mapping) or not isinstance(data.get("graph"), Mapping):
        raise LoadError(Problem("file.shape", N_("this is not an okrkit node-link graph")))
    if _holds_surrogate(data):  # text read from a file is refused for it too
        raise lone_surrogate("<node-link data>", None)
    reader = _Reader()
    reader.layout(data)
    about = data["graph"]
    cycles = reader.entries(about.get("cycles", []), Cycle, ("graph", "cycles"))
    owners = reader.entries(about.get("owners", []), Owner, ("graph", "owners"))
    listed = reader.listed(data.get("nodes", []), ("nodes",))
    nodes = reader.nodes(listed)
    # Edges to a node whose own entry is wrong are not reported a second time.
    named = {i for n in listed if isinstance(n, Mapping) and isinstance(i := n.get("id"), str)}
    edges = reader.edges(
        reader.listed(data.get("edges", []), ("edges",)), named | {n for n, _data in nodes}
    )
    dependencies = reader.entries(
        about.get("dependencies", []), Dependency, ("graph", "dependencies")
    )
    if reader.problems:
        raise LoadError(reader.problems)
    try:
        okrset = OKRSet(
            schema_version=about.get("okrkit_schema_version", SCHEMA_VERSION),
            cycles=cycles,
            owners=owners,
            objectives=[data["entity"] for _id, data in nodes if data["kind"] is _OBJECTIVE],
            initiatives=[data["entity"] for _id, data in nodes if data["kind"] is _INITIATIVE],
            dependencies=dependencies,
        )
    except ValidationError as exc:
        raise LoadError(exc.problems) from exc
    reader.problems.extend(mismatches(AlignmentGraph.from_okrset(okrset), nodes, edges))
    if reader.problems:
        raise LoadError(reader.problems)
    # The same nodes and edges as the set's own graph, in the order the data lists them.
    return AlignmentGraph._assemble(
        cycles=cycles, owners=owners, nodes=nodes, edges=edges, dependencies=dependencies
    )


def _kind(item: Any, kinds: Mapping[str, _K]) -> _K | None:
    """The kind a node or edge names, or ``None`` when it names none of ``kinds``."""
    if not isinstance(item, Mapping):
        return None
    value = item.get("kind")
    return kinds.get(value) if isinstance(value, str) else None


def _parse(text: str) -> Any:
    """The JSON value of ``text``; text that is not JSON, or too deep, is a LoadError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise json_syntax_error(exc, None) from exc
    except RecursionError:
        detail = Message(N_("the data is nested too deeply"))
    except ValueError:  # an integer of more digits than Python converts
        detail = Message(N_("a number has too many digits"))
    raise LoadError(
        Problem("file.limit", Message(N_("this is not valid JSON: {detail}"), detail=detail))
    )


class _Reader:
    """Reads the parts of node-link data, collecting every problem with its path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def layout(self, data: Mapping[str, Any]) -> None:
        """Note a layout other than a directed graph of single edges."""
        for key, expected in (("directed", True), ("multigraph", False)):
            value = data.get(key, expected)
            if value is not expected:
                self._add(
                    key,
                    "value.invalid",
                    Message(
                        N_("'{field}' must be {expected} (got {value})"),
                        field=key,
                        expected=json.dumps(expected),
                        value=Shown(value),
                    ),
                )

    def structure(self, value: Any, kind: Any, path: Path) -> Any:
        """``value`` structured as a ``kind``, or ``None`` after noting its problems."""
        try:
            return _converter().structure(value, kind)
        except STRUCTURE_ERRORS as exc:  # every problem is collected; a bug propagates
            self.problems.extend(problems_from(exc, path))
            return None

    def listed(self, value: Any, path: Path) -> list[Any]:
        """``value`` when it is a list; otherwise no items, and a problem."""
        if isinstance(value, list):
            return value
        self._add(
            path_text(path),
            "field.type",
            Message(N_("must be a list of entries (got {value})"), value=as_found(value)),
        )
        return []

    def entries(self, value: Any, kind: type, path: Path) -> list[Any]:
        """Each entry of the list ``value`` structured as a ``kind``; failed ones left out."""
        return [
            made
            for index, item in enumerate(self.listed(value, path))
            if (made := self.structure(item, kind, (*path, index))) is not None
        ]

    def nodes(self, nodes: list[Any]) -> list[tuple[str, dict[str, Any]]]:
        """Each node as ``(id, {"kind", "entity"})``; a node listed twice is a problem."""
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        for index, node in enumerate(nodes):
            kind = _kind(node, _NODE_KINDS)
            if kind is None:
                self._add(
                    f"nodes[{index}]",
                    "field.choice",
                    Message(N_("each node needs a kind: objective, key_result or initiative")),
                )
                continue
            path = ("nodes", index, "entity")
            entity = self.structure(node.get("entity"), _ENTITY_TYPES[kind], path)
            if entity is None:
                continue
            if node.get("id", entity.id) != entity.id:
                self._add(
                    f"nodes[{index}].id",
                    "graph.mismatch",
                    Message(
                        N_("the node's id {id} is not its entity's id {entity}"),
                        id=Shown(node.get("id")),
                        entity=Shown(entity.id),
                    ),
                )
            elif entity.id in found:
                self._add(
                    f"nodes[{index}]",
                    "id.duplicate",
                    Message(N_("node {id} is listed twice"), id=Shown(entity.id)),
                )
            else:
                found[entity.id] = (entity.id, {"kind": kind, "entity": entity})
        return list(found.values())

    def edges(self, edges: list[Any], known: set[str]) -> list[tuple[str, str, dict[str, Any]]]:
        """Each edge as ``(source, target, attributes)``; one listed twice is a problem."""
        found: dict[tuple[str, str], tuple[str, str, dict[str, Any]]] = {}
        for index, edge in enumerate(edges):
            kind = _kind(edge, _EDGE_KINDS)
            source = target = None
            if kind is not None:
                source, target = edge.get("source"), edge.get("target")
            if kind is None or not isinstance(source, str) or not isinstance(target, str):
                self._add(
                    f"edges[{index}]",
                    "key.missing",
                    Message(N_("each edge needs a source, a target and a kind")),
                )
                continue
            extra = self._extra(edge, kind, f"edges[{index}]")
            if source not in known or target not in known:
                self._add(
                    f"edges[{index}]",
                    "id.unknown",
                    Message(
                        N_("edge {source} -> {target} names a node that is not in the graph"),
                        source=Shown(source),
                        target=Shown(target),
                    ),
                )
            elif (source, target) in found:
                self._add(
                    f"edges[{index}]",
                    "id.duplicate",
                    Message(
                        N_("edge {source} -> {target} is listed twice"),
                        source=Shown(source),
                        target=Shown(target),
                    ),
                )
            elif extra is not None:
                found[source, target] = (source, target, {"kind": kind, **extra})
        return list(found.values())

    def _extra(self, edge: Mapping[str, Any], kind: EdgeKind, path: str) -> dict[str, Any] | None:
        """An edge's own attributes: an alignment's link and weight, a dependency's note."""
        if kind is EdgeKind.DEPENDS_ON:
            note = edge.get("note", "")
            if isinstance(note, str):
                return {"note": note}
            self._add(
                f"{path}.note",
                "field.type",
                Message(
                    N_("'{field}' must be text (got {value})"), field="note", value=Shown(note)
                ),
            )
            return None
        if kind is not EdgeKind.ALIGNS_TO:
            return {}
        link, weight = edge.get("link", "contributes"), edge.get("weight", 1.0)
        problems = len(self.problems)
        if not isinstance(link, str) or link not in _LINKS:
            choices = ", ".join(member.value for member in LinkKind)
            self._add(
                f"{path}.link",
                "field.choice",
                Message(
                    N_("'{field}' must be one of {choices} (got {value})"),
                    field="link",
                    choices=choices,
                    value=Shown(link),
                ),
            )
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            self._add(
                f"{path}.weight",
                "field.type",
                Message(
                    N_("'{field}' must be a number (got {value})"),
                    field="weight",
                    value=Shown(weight),
                ),
            )
        elif not 0 < (number := _number(weight)) < math.inf:
            self._add(
                f"{path}.weight",
                "value.range",
                Message(
                    N_("'{field}' must be greater than 0 (got {value:g})"),
                    field="weight",
                    value=number,
                ),
            )
        if len(self.problems) > problems:
            return None
        return {"link": LinkKind(link), "weight": float(weight)}

    def _add(self, path: str, code: str, message: Message) -> None:
        self.problems.append(Problem(code, message, path=path))


def _number(value: float) -> float:
    """``value`` as a float; a whole number too large for one is infinite."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


# The names' old home, okrkit.graph, may not import io: it forwards them, with a
# warning, from what io registers here (``import okrkit`` always imports io).
_forward("to_node_link", to_node_link, "okrkit.io.to_node_link")
_forward("from_node_link", from_node_link, "okrkit.io.from_node_link")
