"""Node-link JSON lives in okrkit.io; okrkit.graph still answers to the old names, warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import okrkit
import okrkit.graph
import okrkit.io
from okrkit import LoadError
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
