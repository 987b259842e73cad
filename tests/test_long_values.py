"""A huge value in the input makes a short message: every quoted value is shortened."""

from __future__ import annotations

import pytest

import okrkit
from okrkit.errors import OKRError
from okrkit.scoring import get

HUGE = "x" * 1_000_000
EXAMPLE = "examples/acme.en.yaml"


def _message(error: pytest.ExceptionInfo[OKRError]) -> str:
    return str(error.value)


def test_an_unknown_key_of_a_megabyte() -> None:
    """An unknown top-level key is quoted, cut, in the message and in its path."""
    with pytest.raises(okrkit.LoadError) as caught:
        okrkit.loads(f'{{"schema_version": 1, "{HUGE}": 1}}', "json")
    assert "unknown key 'xxx" in _message(caught)
    assert len(_message(caught)) < 1_000


def test_a_section_of_the_wrong_shape() -> None:
    """A section that is not a list quotes its value shortened."""
    with pytest.raises(okrkit.LoadError) as caught:
        okrkit.loads(f'{{"schema_version": 1, "owners": "{HUGE}"}}', "json")
    assert len(_message(caught)) < 1_000


def test_a_graph_lookup_of_a_huge_id() -> None:
    """The graph names the missing id, shortened."""
    graph = okrkit.load(EXAMPLE).graph
    with pytest.raises(OKRError) as caught:
        graph.entity(HUGE)
    assert "'xxx" in _message(caught)
    assert len(_message(caught)) < 1_000


def test_an_unknown_strategy_name() -> None:
    """The strategy registry quotes an unknown name, shortened."""
    with pytest.raises(OKRError) as caught:
        get(HUGE)
    assert len(_message(caught)) < 2_000
