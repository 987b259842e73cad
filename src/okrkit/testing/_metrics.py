"""Metrics of every kind and unit, and values that suit a metric."""

from __future__ import annotations

import functools
import string

from hypothesis import strategies as st

from okrkit.model import Metric, MetricKind, Unit
from okrkit.model._checks import member_of
from okrkit.testing._primitives import _distinct, _numbers

_CURRENCIES = ("VND", "USD", "EUR", "JPY", "SGD", "KRW")

# The range of values each unit's numbers are drawn from, unless a scale says otherwise.
_DOMAINS: dict[Unit, tuple[float, float]] = {
    Unit.PERCENT: (0.0, 200.0),
    Unit.COUNT: (-1e6, 1e9),
    Unit.CURRENCY: (-1e12, 1e15),
    Unit.DURATION_DAYS: (0.0, 3650.0),
    Unit.DURATION_HOURS: (0.0, 87600.0),
    Unit.DURATION_MINUTES: (0.0, 5256000.0),
    Unit.SCORE: (-100.0, 100.0),
}

_COMMON_SCALES = ((0.0, 10.0), (1.0, 5.0), (0.0, 100.0), (1.0, 10.0), (-100.0, 100.0))


@functools.cache
def _currency_codes() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(_CURRENCIES),
        st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3),
    )


@functools.cache
def _scales() -> st.SearchStrategy[tuple[float, float]]:
    made_up = st.tuples(st.integers(-10, 10), st.integers(1, 100)).map(
        lambda pair: (float(pair[0]), float(pair[0] + pair[1]))
    )
    return st.one_of(st.sampled_from(_COMMON_SCALES), made_up)


def _metric(draw: st.DrawFn, kind: MetricKind | None, unit: Unit | None) -> Metric:
    kind = kind if kind is not None else draw(st.sampled_from(MetricKind))
    unit = unit if unit is not None else draw(st.sampled_from(Unit))
    currency = draw(_currency_codes()) if unit is Unit.CURRENCY else None
    scale = draw(st.one_of(st.none(), _scales())) if unit is Unit.SCORE else None
    low, high = scale if scale is not None else _DOMAINS[unit]
    start: float | None = None
    target: float | None = None
    stretch: float | None = None
    with_stretch = draw(st.booleans())
    if kind in (MetricKind.INCREASE, MetricKind.DECREASE):
        values = _distinct(draw, low, high, 3 if with_stretch else 2)
        if kind is MetricKind.DECREASE:
            values.reverse()
        start, target = values[0], values[1]
        stretch = values[2] if with_stretch else None
    elif kind in (MetricKind.AT_LEAST, MetricKind.AT_MOST):
        values = _distinct(draw, low, high, 2 if with_stretch else 1)
        if kind is MetricKind.AT_MOST:
            values.reverse()
        target = values[0]
        stretch = values[1] if with_stretch else None
        start = draw(st.one_of(st.none(), _numbers(low, high)))
    return Metric(
        kind=kind,
        start=start,
        target=target,
        unit=unit,
        currency=currency,
        scale=scale,
        stretch=stretch,
    )


@st.composite
def metrics(
    draw: st.DrawFn,
    kind: MetricKind | str | None = None,
    unit: Unit | str | None = None,
) -> Metric:
    """Generate metrics of every kind and unit, in every valid combination.

    Increase and decrease metrics get a start and a target on the right side of it,
    at-least and at-most metrics a target and sometimes a start; any of these may have
    a stretch beyond the target. Milestones have none of the three. A currency metric
    always has a code such as ``"VND"``; a score sometimes has a scale, with every
    value on it; a duration is never negative.

    Args:
        draw: Supplied by hypothesis; leave it out.
        kind: Generate only this kind (a :class:`~okrkit.MetricKind` or its word, such as
            ``"decrease"``); any kind when ``None``.
        unit: Generate only this unit (a :class:`~okrkit.Unit` or its word); any unit
            when ``None``.

    Raises:
        ValidationError: for a kind or unit that is not one of okrkit's.

    Returns:
        A strategy of valid :class:`~okrkit.Metric` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(metrics(MetricKind.DECREASE))
        ... def test_goes_down(metric):
        ...     assert metric.start > metric.target
        ...     assert metric.stretch is None or metric.stretch < metric.target
        >>> test_goes_down()
    """
    chosen_kind = None if kind is None else member_of(MetricKind, kind, "kind", fold=True)
    chosen_unit = None if unit is None else member_of(Unit, unit, "unit", fold=True)
    return _metric(draw, chosen_kind, chosen_unit)


def _checkin_value(draw: st.DrawFn, metric: Metric | None) -> float:
    """A value a check-in may report for ``metric``: 0 or 1 for a milestone, else in range."""
    if metric is None:
        return draw(_numbers(*_DOMAINS[Unit.COUNT]))
    if metric.is_milestone:
        return draw(st.sampled_from((0.0, 1.0)))
    low, high = metric.scale if metric.scale is not None else _DOMAINS[metric.unit]
    marks = [v for v in (metric.start, metric.target, metric.stretch) if v is not None]
    # The metric's own values are the interesting edges: exactly on target, and so on.
    return draw(st.one_of(st.sampled_from(marks), _numbers(low, high)))


@functools.cache
def _metric_strategy() -> st.SearchStrategy[Metric]:
    """:func:`metrics`, built once, for functions whose ``metrics`` parameter hides it."""
    return metrics()
