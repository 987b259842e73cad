"""The arguments the writers take, checked: an OKR set or a graph, or okrkit's own error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrkit.errors import Message, UsageError
from okrkit.i18n import N_
from okrkit.model import OKRSet
from okrkit.model._words import described

if TYPE_CHECKING:
    from okrkit.graph import AlignmentGraph

__all__ = ["a_graph", "an_okrset"]


def an_okrset(value: object, call: str) -> OKRSet:
    """``value`` when it is an OKR set; otherwise a ``UsageError`` saying what ``call`` takes."""
    if isinstance(value, OKRSet):
        return value
    raise UsageError(
        Message(
            N_(
                "{call}() takes an OKR set, such as the one okrkit.load(path) returns or one "
                "built with okrkit.OKRSet(...) (got {value})"
            ),
            call=call,
            value=described(value),
        )
    )


def a_graph(value: object, call: str) -> AlignmentGraph:
    """``value`` when it is an alignment graph; otherwise a ``UsageError`` saying what to pass."""
    from okrkit.graph import AlignmentGraph

    if isinstance(value, AlignmentGraph):
        return value
    raise UsageError(
        Message(
            N_("{call}() takes an alignment graph, such as okrs.graph (got {value})"),
            call=call,
            value=described(value),
        )
    )
