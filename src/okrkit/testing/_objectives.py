"""Alignment links, key results and objectives."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from okrkit.model import (
    Alignment,
    Ambition,
    Cycle,
    KeyResult,
    Level,
    LinkKind,
    Metric,
    Objective,
)
from okrkit.testing._entities import _cycle_strategy
from okrkit.testing._metrics import _metric, _metric_strategy
from okrkit.testing._primitives import (
    _check_size,
    _dates,
    _descriptions,
    _pick_ids,
    _pick_one,
    _tags,
    _weights,
    texts,
)
from okrkit.testing._primitives import ids as _id_strategy


def _alignments(draw: st.DrawFn, parents: Sequence[str]) -> list[Alignment]:
    return [
        Alignment(
            parent=parent,
            kind=draw(st.sampled_from(LinkKind)),
            weight=draw(_weights()),
        )
        for parent in parents
    ]


@st.composite
def alignments(draw: st.DrawFn, *, parents: Sequence[str] | None = None) -> Alignment:
    """Generate alignment links: ``contributes`` or ``supports``, with a weight.

    Args:
        draw: Supplied by hypothesis; leave it out.
        parents: The ids the link may point to; made-up ids when ``None``.

    Returns:
        A strategy of valid :class:`~okrkit.Alignment` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(alignments(parents=["obj-1", "kr-2"]))
        ... def test_parent(link):
        ...     assert link.parent in ("obj-1", "kr-2") and link.weight > 0
        >>> test_parent()
    """
    parent = _pick_one(draw, parents, "parents")
    return _alignments(draw, [parent])[0]


def _key_result(
    draw: st.DrawFn,
    ident: str,
    *,
    metric: Metric,
    owners: Sequence[str] | None,
    parents: Sequence[str] | None,
    cycle: Cycle | None,
    exclude: Sequence[str] = (),
) -> KeyResult:
    """Make a key result; it never aligns to itself nor to an id in ``exclude``."""
    return KeyResult(
        id=ident,
        title=draw(texts()),
        metric=metric,
        description=draw(_descriptions()),
        owners=_pick_ids(draw, owners, max_size=3),
        weight=draw(_weights()),
        due=draw(st.one_of(st.none(), _dates(cycle))),
        aligned_to=_alignments(
            draw, _pick_ids(draw, parents, max_size=3, exclude=[ident, *exclude])
        ),
    )


@st.composite
def key_results(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    metrics: st.SearchStrategy[Metric] | None = None,
    owners: Sequence[str] | None = None,
    parents: Sequence[str] | None = None,
    cycle: Cycle | None = None,
) -> KeyResult:
    """Generate key results with a metric, owners, a weight and sometimes a due date.

    Args:
        draw: Supplied by hypothesis; leave it out.
        ids: A strategy for the key result's id; :func:`ids` by default.
        metrics: A strategy for its metric; :func:`metrics` by default.
        owners: The owner ids it may name (up to three); made-up ids when ``None``.
        parents: The objective and key result ids it may align to (up to three);
            made-up ids when ``None``. It never aligns to itself.
        cycle: When given, a due date always falls inside it.

    Returns:
        A strategy of valid :class:`~okrkit.KeyResult` objects.

    Examples:
        >>> q1 = Cycle.quarter(2026, 1)
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(key_results(cycle=q1))
        ... def test_due_in_cycle(kr):
        ...     assert kr.due is None or q1.contains(kr.due)
        >>> test_due_in_cycle()
    """
    ident = draw(ids if ids is not None else _id_strategy())
    metric = draw(metrics if metrics is not None else _metric_strategy())
    return _key_result(draw, ident, metric=metric, owners=owners, parents=parents, cycle=cycle)


def _objective(
    draw: st.DrawFn,
    ident: str,
    *,
    owner: str,
    cycle: str,
    aligned_to: Sequence[Alignment],
    key_results: Sequence[KeyResult],
) -> Objective:
    return Objective(
        id=ident,
        title=draw(texts()),
        owner=owner,
        cycle=cycle,
        level=draw(st.sampled_from(Level)),
        ambition=draw(st.sampled_from(Ambition)),
        description=draw(_descriptions()),
        aligned_to=aligned_to,
        tags=draw(_tags()),
        key_results=key_results,
    )


@st.composite
def objectives(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    owners: Sequence[str] | None = None,
    cycles: Sequence[Cycle] | None = None,
    parents: Sequence[str] | None = None,
    max_key_results: int = 4,
) -> Objective:
    """Generate objectives of every level and ambition, with their key results.

    The objective and its key results have different ids, and none of them aligns
    to another: the objective does not align to its own key results, nor its key
    results to it or to each other.

    Args:
        draw: Supplied by hypothesis; leave it out.
        ids: A strategy for the ids of the objective and its key results;
            :func:`ids` by default.
        owners: The owner ids to draw from; made-up ids when ``None``.
        cycles: The cycles to set it for; a made-up cycle when ``None``. Due dates of
            key results fall inside the chosen cycle.
        parents: The objective and key result ids it and its key results may align
            to; made-up ids when ``None``.
        max_key_results: The most key results to give it.

    Returns:
        A strategy of valid :class:`~okrkit.Objective` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(objectives())
        ... def test_unique_ids(obj):
        ...     ids = [obj.id, *(kr.id for kr in obj.key_results)]
        ...     assert len(set(ids)) == len(ids)
        >>> test_unique_ids()
    """
    _check_size("max_key_results", max_key_results)
    id_strategy = ids if ids is not None else _id_strategy()
    if cycles is not None and not cycles:
        raise InvalidArgument("'cycles' must hold at least one Cycle (got an empty sequence)")
    cycle = draw(st.sampled_from(list(cycles))) if cycles is not None else draw(_cycle_strategy())
    owner = _pick_one(draw, owners, "owners")
    count = draw(st.integers(0, max_key_results))
    # Parents given are someone else's: keep the new ids clear of them.
    taken = list(parents or ())
    new_ids = draw(
        st.lists(
            id_strategy.filter(lambda ident: ident not in taken),
            min_size=count + 1,
            max_size=count + 1,
            unique=True,
        )
    )
    ident, kr_ids = new_ids[0], new_ids[1:]
    links = _alignments(draw, _pick_ids(draw, parents, max_size=3, exclude=new_ids))
    krs = [
        _key_result(
            draw,
            kr_id,
            metric=_metric(draw, None, None),
            owners=owners,
            parents=parents,
            cycle=cycle,
            exclude=new_ids,
        )
        for kr_id in kr_ids
    ]
    return _objective(draw, ident, owner=owner, cycle=cycle.id, aligned_to=links, key_results=krs)
