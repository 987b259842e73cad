"""Invariants of the alignment graph under any sequence of changes, and exports."""

from __future__ import annotations

import contextlib
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit import AlignmentError, ValidationError
from okrkit.graph import AlignmentGraph, EdgeKind, NodeKind, to_dot, to_graphml, to_mermaid
from okrkit.io import from_node_link, to_node_link
from okrkit.testing import alignment_graphs, graph_operations, okr_sets

# A Mermaid line that defines a node: its id, then its shape around its title.
MERMAID_NODE = re.compile(r'^  (n_\w+)(\["|\("|\{\{")(.*)("\]|"\)|"\}\})$')
# Mermaid's entity codes: '#' then a name or a decimal number, then ';'.
MERMAID_CODE = re.compile(r"#(\w+);")
MERMAID_NAMES = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}


def decode_mermaid(match: re.Match[str]) -> str:
    """The character an entity code stands for."""
    code = match.group(1)
    return chr(int(code)) if code.isdigit() else MERMAID_NAMES[code]


MERMAID_SHAPES = {
    NodeKind.OBJECTIVE: ('["', '"]'),
    NodeKind.KEY_RESULT: ('("', '")'),
    NodeKind.INITIATIVE: ('{{"', '"}}'),
}


def check_invariants(graph: AlignmentGraph) -> None:
    """What every graph must satisfy, whatever was done to it."""
    g = graph.nx
    up: nx.DiGraph[str] = nx.DiGraph()
    up.add_nodes_from(g.nodes)
    for source, target, data in g.edges(data=True):
        assert source in g
        assert target in g
        if data["kind"] is EdgeKind.ALIGNS_TO:
            up.add_edge(source, target)
        elif data["kind"] is EdgeKind.HAS_KEY_RESULT:
            up.add_edge(target, source)
    assert nx.is_directed_acyclic_graph(up), "alignment must never loop"
    for node, data in g.nodes(data=True):
        if data["kind"] is NodeKind.KEY_RESULT:
            owners = [s for s, d in g.pred[node].items() if d["kind"] is EdgeKind.HAS_KEY_RESULT]
            assert len(owners) == 1, f"{node} must sit under exactly one objective"
    for node, data in g.nodes(data=True):
        entity = data["entity"]
        out = g.succ[node]
        if data["kind"] is not NodeKind.INITIATIVE:
            links = {(a.parent, a.kind, a.weight) for a in entity.aligned_to}
            edges = {
                (t, d["link"], d["weight"])
                for t, d in out.items()
                if d["kind"] is EdgeKind.ALIGNS_TO
            }
            assert links == edges, f"{node}: its aligned_to and its edges disagree"
        if data["kind"] is NodeKind.OBJECTIVE:
            held = [t for t, d in out.items() if d["kind"] is EdgeKind.HAS_KEY_RESULT]
            assert sorted(kr.id for kr in entity.key_results) == sorted(held)
            for kr in entity.key_results:
                assert g.nodes[kr.id]["entity"] == kr, f"{kr.id}: stale copy in {node}"
        if data["kind"] is NodeKind.INITIATIVE:
            assert set(entity.drives) == set(out)
    graph.to_okrset()  # every model rule holds


class TestOperations:
    @settings(max_examples=2 * settings.default.max_examples)
    @given(data=st.data())
    def test_any_sequence_keeps_the_invariants(self, data: st.DataObject) -> None:
        """Valid or not, changes leave the graph acyclic, whole and consistent."""
        graph = data.draw(alignment_graphs(max_objectives=6))
        for operation in data.draw(graph_operations(graph)):
            before = graph.copy()
            try:
                operation.apply(graph)
            except (AlignmentError, ValidationError):
                assert graph == before, f"{operation!r} was refused but changed the graph"
            check_invariants(graph)

    @given(graph=alignment_graphs(max_objectives=6))
    def test_built_graphs_hold_the_invariants(self, graph: AlignmentGraph) -> None:
        """A graph built from any valid set holds the invariants."""
        check_invariants(graph)


class TestExports:
    @given(data=st.data())
    def test_node_link_round_trip(self, data: st.DataObject) -> None:
        """Export then import is the identity, also after changes and through JSON text."""
        graph = data.draw(alignment_graphs(max_objectives=6))
        for operation in data.draw(graph_operations(graph, max_size=4)):
            with contextlib.suppress(AlignmentError, ValidationError):
                operation.apply(graph)
        exported = to_node_link(graph)
        assert from_node_link(exported) == graph
        assert from_node_link(json.dumps(exported)) == graph
        assert nx.node_link_graph(exported, edges="edges").number_of_nodes() == len(graph)

    @settings(max_examples=settings.default.max_examples // 2)
    @given(okrs=okr_sets(max_objectives=5))
    def test_text_exports_name_every_node(self, okrs: object) -> None:
        """GraphML parses and holds every node; DOT and Mermaid mention every node."""
        graph = AlignmentGraph.from_okrset(okrs)  # type: ignore[arg-type]
        root = ET.fromstring(to_graphml(graph))
        ns = "{http://graphml.graphdrawing.org/xmlns}"
        assert len(root.findall(f"{ns}graph/{ns}node")) == len(graph)
        dot = to_dot(graph)
        for node in graph.nx.nodes:
            assert json.dumps(node) in dot
        mermaid = to_mermaid(graph).split("\n")
        defined = [m.groups() for line in mermaid if (m := MERMAID_NODE.match(line))]
        assert len(defined) == len(graph), "one line defines each node"
        assert len({ident for ident, *_rest in defined}) == len(graph), "ids are unique"
        assert len(mermaid) - 2 - len(defined) == graph.nx.number_of_edges(), "a line an edge"
        for (ident, opening, text, closing), (node, data) in zip(
            defined, graph.nx.nodes(data=True), strict=True
        ):
            base = "n_" + re.sub(r"[^A-Za-z0-9_]", "_", node)
            assert ident == base or ident.startswith(f"{base}_"), f"{node} is named {ident}"
            assert (opening, closing) == MERMAID_SHAPES[data["kind"]], f"{node}: wrong shape"
            title = data["entity"].title.replace("\n", " ")
            assert MERMAID_CODE.sub(decode_mermaid, text) == title, f"{node}: wrong label"
