"""Parameter values for catalogue templates."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from okrkit.catalogue import Parameter, ParameterType, Period, Template
from okrkit.model import Cycle
from okrkit.testing._primitives import _date_range, _texts_up_to


def _template_order(template: Template) -> list[Parameter]:
    """The parameters, each after the ones its ``above``/``below`` refer to."""
    by_name = {param.name: param for param in template.parameters}
    ordered: list[Parameter] = []
    seen: set[str] = set()

    def visit(param: Parameter, path: tuple[str, ...]) -> None:
        if param.name in seen or param.name in path:
            return
        for other in (param.above, param.below):
            if other is not None and other in by_name:
                visit(by_name[other], (*path, param.name))
        seen.add(param.name)
        ordered.append(param)

    for param in template.parameters:
        visit(param, ())
    return ordered


def _parameter_value(
    draw: st.DrawFn, param: Parameter, values: dict[str, Any], cycle: Cycle
) -> Any:
    kind = param.type
    if kind.is_numeric:
        low, high = param.bounds
        low = 0.0 if low is None else low
        high = low + 1e9 if high is None else high
        if param.above is not None and param.above in values:
            low = max(low, float(values[param.above]))
        if param.below is not None and param.below in values:
            high = min(high, float(values[param.below]))
        if not low < high:
            return None  # the related values left no room; the caller rejects the draw
        if high - low > 2:
            # Whole numbers, strictly inside the bounds, as people write them.
            return float(draw(st.integers(math.floor(low) + 1, math.ceil(high) - 1)))
        return draw(
            st.floats(
                min_value=low,
                max_value=high,
                exclude_min=True,
                exclude_max=True,
                allow_nan=False,
                allow_infinity=False,
            )
        )
    if kind is ParameterType.DATE:
        return draw(_date_range(cycle.start, cycle.end))
    if kind is ParameterType.PERIOD:
        count = draw(st.integers(1, 12))
        unit = draw(st.sampled_from(["day", "week", "month", "quarter", "year"]))
        return Period(count, unit)
    return draw(_texts_up_to(4))


@st.composite
def template_parameters(
    draw: st.DrawFn, template: Template, *, cycle: Cycle | None = None
) -> dict[str, Any]:
    """Parameter values for ``template`` that respect its bounds and relations.

    Numbers lie strictly inside each parameter's bounds and keep every ``above`` /
    ``below`` rule; dates fall inside ``cycle`` (Q1 2026 by default). Use it to test
    your own templates: every draw should instantiate.

    Examples:
        >>> from hypothesis import given, settings
        >>> from okrkit import Cycle, catalogue
        >>> template = catalogue.load().get("okr-marketing-mql")
        >>> @settings(max_examples=10, deadline=None)
        ... @given(template_parameters(template))
        ... def test_instantiates(params):
        ...     template.instantiate(params, owner="me", cycle=Cycle.quarter(2026, 1))
        >>> test_instantiates()
    """
    cycle = cycle or Cycle.quarter(2026, 1)
    values: dict[str, Any] = {}
    for param in _template_order(template):
        value = _parameter_value(draw, param, values, cycle)
        if value is None:
            reject()
        values[param.name] = value
    return values
