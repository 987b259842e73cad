"""Node-link JSON lives in okrkit.io; okrkit.graph still answers to the old names, warning."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
import okrkit.graph
import okrkit.io
from okrkit import LoadError
from okrkit.graph import AlignmentGraph
from okrkit.io import from_node_link, to_node_link

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme.en.yaml"


@pytest.fixture(scope="module")
def graph() -> okrkit.graph.AlignmentGraph:
    """The example company's graph."""
    return okrkit.load(EXAMPLE).graph


class TestNewHome:
    def test_round_trip(self, graph: okrkit.graph.AlignmentGraph) -> None:
        """to_node_link then from_node_link, as data and as JSON text, gives the graph back."""
        data = to_node_link(graph)
        assert from_node_link(data) == graph
        assert from_node_link(json.dumps(data)) == graph
        assert data["graph"]["okrkit_schema_version"] == okrkit.SCHEMA_VERSION

    def test_exported_from_io(self) -> None:
        """Both names are public in okrkit.io, and no longer listed by okrkit.graph."""
        assert {"to_node_link", "from_node_link"} <= set(okrkit.io.__all__)
        assert not {"to_node_link", "from_node_link"} & set(okrkit.graph.__all__)

    def test_bad_edge_attributes_are_load_errors(self, graph: okrkit.graph.AlignmentGraph) -> None:
        """A bad link kind or weight is reported with its path, not raised as ValueError."""
        data = to_node_link(graph)
        index = next(i for i, e in enumerate(data["edges"]) if e["kind"] == "aligns_to")
        data["edges"][index]["link"] = "bogus"
        data["edges"][index]["weight"] = "heavy"
        with pytest.raises(LoadError) as caught:
            from_node_link(data)
        paths = {problem.path for problem in caught.value.problems}
        assert paths == {f"edges[{index}].link", f"edges[{index}].weight"}

    def test_not_a_graph(self) -> None:
        """Text that is not JSON, or JSON that is not a node-link graph, is a LoadError."""
        with pytest.raises(LoadError, match="not valid JSON"):
            from_node_link("{")
        with pytest.raises(LoadError, match="not an okrkit node-link graph"):
            from_node_link({"nodes": []})


class TestDeprecatedNames:
    @pytest.mark.parametrize("name", ["to_node_link", "from_node_link"])
    def test_old_spelling_warns_and_works(self, name: str) -> None:
        """okrkit.graph.<name> is okrkit.io's function, with a DeprecationWarning."""
        with pytest.warns(DeprecationWarning, match=rf"okrkit\.io\.{name}"):
            old = getattr(okrkit.graph, name)
        assert old is getattr(okrkit.io, name)

    def test_from_import_warns(self, graph: okrkit.graph.AlignmentGraph) -> None:
        """`from okrkit.graph import to_node_link` still works, and warns each time."""
        for _ in range(2):
            with pytest.warns(DeprecationWarning, match="to_node_link is deprecated"):
                from okrkit.graph import to_node_link as old_to
            with pytest.warns(DeprecationWarning, match="from_node_link is deprecated"):
                from okrkit.graph import from_node_link as old_from
            assert old_from(old_to(graph)) == graph

    def test_unknown_names_still_raise(self) -> None:
        """Names that never existed are AttributeErrors, not deprecations."""
        with pytest.raises(AttributeError):
            okrkit.graph.to_yaml  # type: ignore[attr-defined]  # noqa: B018


def _mutated(
    graph: okrkit.graph.AlignmentGraph, change: Callable[[dict[str, Any]], object]
) -> Any:
    data = copy.deepcopy(to_node_link(graph))
    change(data)
    return data


def _first(items: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    return next(item for item in items if item["kind"] == kind)


# A change to node-link data, and the path of the problem it must be reported at.
MUTATIONS: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "cycles not a list": (lambda d: d["graph"].update(cycles={}), "graph.cycles"),
    "owners null": (lambda d: d["graph"].update(owners=None), "graph.owners"),
    "dependencies text": (lambda d: d["graph"].update(dependencies="x"), "graph.dependencies"),
    "node not a mapping": (lambda d: d["nodes"].__setitem__(0, 5), "nodes[0]"),
    "entity text": (lambda d: d["nodes"][0].update(entity="x"), "nodes[0].entity"),
    "kind a list": (lambda d: d["nodes"][0].update(kind=[]), "nodes[0]"),
    "node id not its entity's": (lambda d: d["nodes"][0].update(id="other"), "nodes[0].id"),
    "node twice": (
        lambda d: d["nodes"].append(copy.deepcopy(d["nodes"][0])),
        "nodes[102]",
    ),  # the example has 102 nodes
    "note a number": (lambda d: _first(d["edges"], "depends_on").update(note=5), ".note"),
    "source a list": (lambda d: d["edges"][0].update(source=[1]), "edges[0]"),
    "weight huge": (lambda d: _first(d["edges"], "aligns_to").update(weight=10**400), ".weight"),
    "edge twice": (
        lambda d: d["edges"].append(copy.deepcopy(d["edges"][0])),
        "edges[136]",
    ),  # and 136 edges
    "edge of another kind": (lambda d: d["edges"][0].update(kind="drives"), "edges[0]"),
    "edge turned round": (
        lambda d: d["edges"][0].update(source=d["edges"][0]["target"], target="obj-co-growth"),
        "edges[0]",
    ),
    "edge missing": (lambda d: d["edges"].pop(0), "edges"),
    "alignment edges missing": (
        lambda d: d.update(edges=[e for e in d["edges"] if e["kind"] != "aligns_to"]),
        "edges",
    ),
    "key result in no objective": (
        lambda d: d["nodes"].append(
            {
                "id": "kr-x",
                "kind": "key_result",
                "entity": {**_first(d["nodes"], "key_result")["entity"], "id": "kr-x"},
            }
        ),
        "nodes[102]",
    ),
    "key result unlike its objective's": (
        lambda d: _first(d["nodes"], "key_result")["entity"].update(title="Another"),
        "nodes[1]",
    ),
    "undirected": (lambda d: d.update(directed=False), "directed"),
    "multigraph": (lambda d: d.update(multigraph=True), "multigraph"),
    "unknown owner": (lambda d: d["nodes"][0]["entity"].update(owner="nobody"), "owner"),
    "schema from the future": (
        lambda d: d["graph"].update(okrkit_schema_version=99),
        "schema_version",
    ),
}


class TestValidation:
    @pytest.mark.parametrize("name", sorted(MUTATIONS))
    def test_wrong_data_is_a_load_error_at_its_path(
        self, graph: okrkit.graph.AlignmentGraph, name: str
    ) -> None:
        """Wrong types, a graph unlike its entities, a broken model rule: a located LoadError."""
        change, path = MUTATIONS[name]
        with pytest.raises(LoadError) as caught:
            from_node_link(_mutated(graph, change))
        paths = [problem.path or "" for problem in caught.value.problems]
        assert any(p == path or p.endswith(path) for p in paths), paths

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("[" * 100_000, "nested too deeply"),
            ("1" * 5_000, "too many digits"),
            ("[1, 2", "not valid JSON"),
        ],
    )
    def test_hostile_json_text(self, text: str, message: str) -> None:
        """Deep nesting and huge numbers in JSON text are LoadErrors, not stray exceptions."""
        with pytest.raises(LoadError, match=message):
            from_node_link(text)

    def test_long_values_are_shortened(self, graph: okrkit.graph.AlignmentGraph) -> None:
        """A huge bad value is quoted in at most 80 characters."""
        data = _mutated(graph, lambda d: d["graph"].update(cycles="x" * 1_000_000))
        with pytest.raises(LoadError) as caught:
            from_node_link(data)
        assert len(str(caught.value)) < 200

    @settings(max_examples=settings.default.max_examples // 2)
    @given(data=st.data())
    def test_random_damage_is_a_load_error(
        self, graph: okrkit.graph.AlignmentGraph, data: st.DataObject
    ) -> None:
        """Any value anywhere replaced by junk: a LoadError, or a graph the model allows."""
        exported = to_node_link(graph)
        places = list(_places(exported))
        for _ in range(data.draw(st.integers(1, 3))):
            container, key = data.draw(st.sampled_from(places))
            container[key] = data.draw(JUNK)
        try:
            rebuilt = from_node_link(exported)
        except LoadError:
            return
        # What passes is a graph the model allows: exactly the graph of its own set.
        assert rebuilt == AlignmentGraph.from_okrset(rebuilt.to_okrset())


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _places(value: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) inside nested lists and dicts."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in list(items):
        yield value, key
        if isinstance(item, dict | list):
            yield from _places(item)
