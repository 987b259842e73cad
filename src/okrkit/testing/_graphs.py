"""Alignment graphs, and sequences of changes to them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from okrkit.graph import AlignmentGraph
from okrkit.model import Cycle, LinkKind, Objective
from okrkit.testing._entities import _initiative
from okrkit.testing._metrics import _metric
from okrkit.testing._objectives import _alignments, _key_result, _objective
from okrkit.testing._primitives import _check_size, _pick_ids, ids
from okrkit.testing._sets import okr_sets


def alignment_graphs(**okr_set_options: int) -> st.SearchStrategy[AlignmentGraph]:
    """Editable alignment graphs of generated OKR sets.

    Args:
        **okr_set_options: Passed to :func:`okr_sets` (``max_objectives=8``, ...).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10, deadline=None)
        ... @given(alignment_graphs())
        ... def test_set_round_trip(graph):
        ...     assert AlignmentGraph.from_okrset(graph.to_okrset()) == graph
        >>> test_set_round_trip()
    """
    return okr_sets(**okr_set_options).map(AlignmentGraph.from_okrset)


@attrs.frozen
class GraphOperation:
    """One change to an alignment graph, as drawn by :func:`graph_operations`.

    Attributes:
        method: The :class:`~okrkit.graph.AlignmentGraph` method to call.
        args: Its positional arguments.
        kwargs: Its keyword arguments, as ``(name, value)`` pairs.
    """

    method: str
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()

    def apply(self, graph: AlignmentGraph) -> Any:
        """Call the method on ``graph``; it may raise :class:`~okrkit.AlignmentError`."""
        return getattr(graph, self.method)(*self.args, **dict(self.kwargs))

    def __repr__(self) -> str:
        args = [repr(a if not hasattr(a, "id") else a.id) for a in self.args]
        args += [f"{k}={v!r}" for k, v in self.kwargs]
        return f"{self.method}({', '.join(args)})"


def _new_objective(
    draw: st.DrawFn,
    fresh: Iterator[str],
    items: Sequence[str],
    cycles: Sequence[Cycle],
    owners: Sequence[str],
) -> Objective:
    """An objective to add to a graph holding ``items``: sometimes with a taken id."""
    cycle = draw(st.sampled_from(cycles))
    reuse = items and draw(st.integers(0, 9)) == 0
    ident = draw(st.sampled_from(items)) if reuse else next(fresh)
    krs = [
        _key_result(
            draw,
            next(fresh),
            metric=_metric(draw, None, None),
            owners=owners,
            parents=items[:5],
            cycle=cycle,
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    own = {ident, *(kr.id for kr in krs)}
    candidates = [item for item in items if item not in own]
    links = _alignments(draw, _pick_ids(draw, candidates, max_size=2))
    return _objective(
        draw,
        ident,
        owner=draw(st.sampled_from(owners)),
        cycle=cycle.id,
        aligned_to=links,
        key_results=krs,
    )


@st.composite
def graph_operations(
    draw: st.DrawFn, graph: AlignmentGraph, *, max_size: int = 8
) -> list[GraphOperation]:
    """Sequences of changes to ``graph``, valid and not.

    The operations name ids the graph holds (so some would make loops, align across
    cycles or repeat a link) and ids it does not (dangling); new objectives take the
    graph's cycles and owners, and sometimes an id that is already taken. Apply them in
    order and check your invariants after each, whether it raised or not.

    Examples:
        >>> from hypothesis import given, settings, strategies as st
        >>> from okrkit import AlignmentError
        >>> @settings(max_examples=10, deadline=None)
        ... @given(st.data())
        ... def test_refusals_change_nothing(data):
        ...     graph = data.draw(alignment_graphs())
        ...     for operation in data.draw(graph_operations(graph)):
        ...         before = graph.copy()
        ...         try:
        ...             operation.apply(graph)
        ...         except AlignmentError:
        ...             assert graph == before
        >>> test_refusals_change_nothing()
    """
    _check_size("max_size", max_size)
    items = [o.id for o in graph.objectives] + [kr.id for kr in graph.key_results]
    key_results = [kr.id for kr in graph.key_results]
    nodes = [str(node) for node in graph.nx.nodes]
    cycles = list(graph.cycles.values())
    owners = list(graph.owners)
    fresh = iter(draw(st.lists(ids(), min_size=3 * max_size, max_size=3 * max_size, unique=True)))

    def some(pool: Sequence[str]) -> str:
        if pool and draw(st.integers(0, 9)) > 0:
            return draw(st.sampled_from(pool))
        return next(fresh)  # dangling

    operations: list[GraphOperation] = []
    for _ in range(draw(st.integers(0, max_size))):
        choice = draw(st.sampled_from(["add", "initiative", "align", "depend", "remove"]))
        if choice == "add" and cycles and owners:
            objective = _new_objective(draw, fresh, items, cycles, owners)
            operations.append(GraphOperation("add_objective", (objective,)))
        elif choice == "initiative" and owners:
            initiative = _initiative(
                draw, next(fresh), owners=owners, key_results=key_results or None
            )
            operations.append(GraphOperation("add_initiative", (initiative,)))
        elif choice == "align":
            kind = draw(st.sampled_from(LinkKind))
            operations.append(
                GraphOperation("align", (some(items), some(items)), (("kind", kind),))
            )
        elif choice == "depend":
            operations.append(
                GraphOperation("depends_on", (some(items), some(items)), (("note", "n"),))
            )
        else:
            operations.append(GraphOperation("remove", (some(nodes),)))
    return operations
