"""``from_node_link`` on mutated node-link data: an ``OKRError``, or a graph the model allows."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit
from fuzz.checks import use
from fuzz.documents import EXAMPLES
from fuzz.hostile import no_escape, shown
from fuzz.mutations import mutated
from okrkit.io import from_node_link, to_node_link

pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr"
)  # a failing input is large

_ODD = st.sampled_from(
    [b"bytes", (1, 2), frozenset({"a"}), dt.date(2026, 1, 1), decimal.Decimal("NaN"), 1j, object()]
)


@functools.cache
def _example() -> dict[str, Any]:
    return to_node_link(okrkit.load(EXAMPLES / "acme.en.yaml").graph)


@st.composite
def node_link_data(draw: st.DrawFn) -> Any:
    """The example's node-link data, mutated; at times with odd Python objects in it."""
    data = draw(mutated(_example(), raw=False))
    if draw(st.integers(0, 4)) == 0 and isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data, key=str)))
        data = {**data, key: draw(_ODD)}
    return data


def _accepted(graph: Any, data: Any) -> None:
    """A graph ``from_node_link`` accepted is one a file would give: it loads back."""
    okrs = no_escape(graph.to_okrset, data)
    if okrs is None:
        raise AssertionError(f"from_node_link built a graph with no OKR set\ninput: {shown(data)}")
    text = okrkit.dumps(okrs, "json")
    try:
        okrkit.loads(text, "json")
    except okrkit.OKRError as exc:
        message = f"from_node_link accepted what a file load refuses: {exc}\ninput: {shown(data)}"
        raise AssertionError(message) from exc
    use(okrs, data)


class TestFromNodeLink:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(data=node_link_data())
    def test_mutated_data(self, data: Any) -> None:
        """Mutated node-link data gives a LoadError or a graph the model allows."""
        graph = no_escape(lambda: from_node_link(data), data)
        if graph is not None:
            _accepted(graph, data)

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(data=node_link_data(), cut=st.integers(0, 200))
    def test_mutated_json_text(self, data: Any, cut: int) -> None:
        """Mutated node-link JSON text, whole or cut short, gives a LoadError or a graph."""
        try:
            text = json.dumps(data)
        except (TypeError, ValueError):
            text = repr(data)
        if cut:
            text = text[: len(text) * cut // 200]
        graph = no_escape(lambda: from_node_link(text), text)
        if graph is not None:
            _accepted(graph, text)
