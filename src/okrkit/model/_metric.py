"""What a key result measures: the :class:`Metric`, its planned values and final grade.

A metric's kind says how its numbers count as progress; construction checks that the
start, target and stretch fit the kind, and that the unit's currency and scale make
sense. See :mod:`okrkit.model._convert` for the fast way out taken by metrics that are
already plainly valid.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from math import isfinite

import attrs

from okrkit.errors import Message, Shown
from okrkit.errors._message import as_found
from okrkit.i18n import N_
from okrkit.model._checks import Checker, as_tuple
from okrkit.model._convert import (
    members_by_value,
    plain_shape,
    takes_date,
    takes_metric_kind,
    takes_scale,
    takes_unit,
)
from okrkit.model._enums import MetricKind, Unit

__all__ = ["FinalGrade", "Metric", "PlannedValue"]

_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
_KIND_OF = members_by_value(MetricKind)
_UNIT_OF = members_by_value(Unit)
# Plain names for the members the fast way out reads (see okrkit.model._convert).
_CURRENCY = Unit.CURRENCY
_DURATIONS = frozenset((Unit.DURATION_DAYS, Unit.DURATION_HOURS, Unit.DURATION_MINUTES))


_OFF_SCALE = N_("'{field}' must lie on the scale {low:g}-{high:g} (got {value:g})")
_NO_NUMBERS = N_(
    "a milestone metric takes no '{field}': it is done when a check-in reports 1; remove '{field}'"
)
_RISING = N_(
    "'target' must be greater than 'start' for an increase metric (got start={start:g}, "
    "target={target:g}); for a falling metric use kind 'decrease'"
)
_FALLING = N_(
    "'target' must be less than 'start' for a decrease metric (got start={start:g}, "
    "target={target:g}); for a rising metric use kind 'increase'"
)


def _finite(value: object) -> bool:
    """Whether ``value`` is a number a float holds finitely (an int past its range is not)."""
    try:
        return math.isfinite(value)  # type: ignore[arg-type]
    except (OverflowError, TypeError):
        return False


@attrs.frozen(kw_only=True)
class Metric:
    """What a key result measures, and where it starts and should end.

    Attributes:
        kind: How the value counts as progress (:class:`MetricKind`).
        start: The baseline. Required for ``increase`` and ``decrease``; optional
            for ``at_least`` and ``at_most`` (for reference only); not allowed for
            ``milestone``.
        target: Where the key result is met. Required except for ``milestone``, which
            is done when a check-in reports 1.
        unit: What the numbers count (:class:`Unit`); ``count`` by default.
        currency: ISO 4217 code such as ``"VND"``, required when ``unit`` is currency.
        scale: ``(low, high)`` bounds of a ``score`` unit, such as ``(0, 10)``.
        stretch: An optional value beyond the target, for three-zone scoring.

    Examples:
        >>> Metric(kind="decrease", start=1.4, target=0.8).kind
        <MetricKind.DECREASE: 'decrease'>
        >>> Metric(kind="increase", start=35, target=27)
        Traceback (most recent call last):
        ...
        okrkit.errors.ValidationError: target: 'target' must be greater than 'start' for an increase metric (got start=35, target=27); for a falling metric use kind 'decrease'
    """  # noqa: E501

    # The converters are for the type checker only (see okrkit.model._convert).
    kind: MetricKind = attrs.field(converter=takes_metric_kind)
    start: float | None = None
    target: float | None = None
    unit: Unit = attrs.field(default=Unit.COUNT, converter=takes_unit)
    currency: str | None = None
    scale: tuple[float, float] | None = attrs.field(default=None, converter=takes_scale)
    stretch: float | None = None

    def __attrs_post_init__(self) -> None:
        # The fast way out (see okrkit.model._convert), written out in place: metrics
        # come by the hundred thousand. Exact values become members first.
        kind: object = self.kind
        if type(kind) is str:
            member = _KIND_OF.get(kind)
            if member is not None:
                object.__setattr__(self, "kind", member)
                kind = member
        unit: object = self.unit
        if type(unit) is str:
            unit_member = _UNIT_OF.get(unit)
            if unit_member is not None:
                object.__setattr__(self, "unit", unit_member)
                unit = unit_member
        start, target, stretch = self.start, self.target, self.stretch
        if (
            type(kind) is MetricKind
            and type(unit) is Unit
            and unit is not _CURRENCY
            and self.currency is None
            and self.scale is None
            and (start is None or (type(start) is float and isfinite(start)))
            and (target is None or (type(target) is float and isfinite(target)))
            and (stretch is None or (type(stretch) is float and isfinite(stretch)))
        ):
            # Every field has its normal type: only the rules between the numbers are left.
            if plain_shape(kind, start, target, stretch) and (
                unit not in _DURATIONS
                or all(v is None or v >= 0 for v in (start, target, stretch))
            ):
                return
            check = Checker(self)
            self._check_shape(check, kind, start, target, stretch)
            if unit in _DURATIONS:
                self._check_durations(check, (start, target, stretch))
            check.done()
            return
        check = Checker(self)
        kind = check.choice("kind", MetricKind)
        unit = check.choice("unit", Unit)
        start = check.number("start", optional=True)
        target = check.number("target", optional=True)
        stretch = check.number("stretch", optional=True)
        self._check_currency(check, unit)
        scale = self._check_scale(check, unit)
        if kind is not None:
            self._check_shape(check, kind, start, target, stretch)
        values = {"start": start, "target": target, "stretch": stretch}
        if unit in _DURATIONS:
            self._check_durations(check, (start, target, stretch))
        if scale is not None:
            low, high = scale
            for name, value in values.items():
                if value is not None and not low <= value <= high:
                    off = Message(_OFF_SCALE, field=name, low=low, high=high, value=value)
                    check.problem(name, "value.range", off)
        check.done()

    @staticmethod
    def _check_durations(check: Checker, values: tuple[float | None, ...]) -> None:
        for name, value in zip(("start", "target", "stretch"), values, strict=True):
            if value is not None and value < 0:
                check.problem(
                    name,
                    "value.range",
                    Message(
                        N_("'{field}' is a duration and cannot be negative (got {value:g})"),
                        field=name,
                        value=value,
                    ),
                )

    def _check_currency(self, check: Checker, unit: Unit | None) -> None:
        currency = self.currency
        if currency is None:
            if unit is Unit.CURRENCY:
                check.problem(
                    "currency",
                    "key.missing",
                    Message(
                        N_("a currency metric needs 'currency', an ISO 4217 code such as 'VND'")
                    ),
                )
            return
        if not isinstance(currency, str) or not _CURRENCY_CODE.fullmatch(currency.strip().upper()):
            check.problem(
                "currency",
                "field.format",
                Message(
                    N_("'currency' must be an ISO 4217 code such as 'VND' or 'USD' (got {value})"),
                    value=as_found(currency),
                ),
            )
            return
        object.__setattr__(self, "currency", currency.strip().upper())
        if unit is not None and unit is not Unit.CURRENCY:
            check.problem(
                "currency",
                "value.invalid",
                Message(
                    N_("'currency' only applies to unit 'currency' (got unit {unit!r})"),
                    unit=Shown(unit.value),
                ),
            )

    def _check_scale(self, check: Checker, unit: Unit | None) -> tuple[float, float] | None:
        scale = self.scale
        if scale is None:
            return None
        pair = as_tuple(scale)
        good = (
            len(pair) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in pair)
            and all(_finite(v) for v in pair)
        )
        if not good:
            check.problem(
                "scale",
                "field.type",
                Message(
                    N_("'scale' must be two numbers [low, high], such as [0, 10] (got {value})"),
                    value=as_found(scale),
                ),
            )
            return None
        low, high = (float(v) for v in pair)  # type: ignore[arg-type]
        if low >= high:
            check.problem(
                "scale",
                "value.order",
                Message(
                    N_("'scale' must go from low to high (got [{low:g}, {high:g}])"),
                    low=low,
                    high=high,
                ),
            )
            return None
        if unit is not None and unit is not Unit.SCORE:
            check.problem(
                "scale",
                "value.invalid",
                Message(
                    N_("'scale' only applies to unit 'score' (got unit {unit!r})"),
                    unit=Shown(unit.value),
                ),
            )
        object.__setattr__(self, "scale", (low, high))
        return (low, high)

    @staticmethod
    def _check_shape(
        check: Checker,
        kind: MetricKind,
        start: float | None,
        target: float | None,
        stretch: float | None,
    ) -> None:
        if kind is MetricKind.MILESTONE:
            for name, value in (("start", start), ("target", target), ("stretch", stretch)):
                if value is not None:
                    check.problem(name, "value.invalid", Message(_NO_NUMBERS, field=name))
            return
        if target is None:
            message = N_("a metric of kind '{kind}' needs a 'target'")
            check.problem("target", "key.missing", Message(message, kind=kind.value))
            return
        if kind in (MetricKind.INCREASE, MetricKind.DECREASE):
            if start is None:
                message = N_("a metric of kind '{kind}' needs a 'start' (the baseline value)")
                check.problem("start", "key.missing", Message(message, kind=kind.value))
                return
            rising = kind is MetricKind.INCREASE
            if not (target > start if rising else target < start):
                message = _RISING if rising else _FALLING
                check.problem(
                    "target", "value.order", Message(message, start=start, target=target)
                )
        if stretch is not None:
            Metric._check_stretch(check, kind, target, stretch)

    @staticmethod
    def _check_stretch(check: Checker, kind: MetricKind, target: float, stretch: float) -> None:
        """The stretch lies beyond the target, in the direction of progress."""
        upward = kind in (MetricKind.INCREASE, MetricKind.AT_LEAST)
        if upward and not stretch > target:
            check.problem(
                "stretch",
                "value.order",
                Message(
                    N_(
                        "'stretch' must lie beyond the target, above it for kind '{kind}' "
                        "(got target={target:g}, stretch={stretch:g})"
                    ),
                    kind=kind.value,
                    target=target,
                    stretch=stretch,
                ),
            )
        if not upward and not stretch < target:
            check.problem(
                "stretch",
                "value.order",
                Message(
                    N_(
                        "'stretch' must lie beyond the target, below it for kind '{kind}' "
                        "(got target={target:g}, stretch={stretch:g})"
                    ),
                    kind=kind.value,
                    target=target,
                    stretch=stretch,
                ),
            )

    @property
    def is_milestone(self) -> bool:
        """Tell whether the metric is done-or-not rather than a number to move."""
        return self.kind is MetricKind.MILESTONE

    def accepts(self, value: float) -> bool:
        """Tell whether ``value`` is a possible check-in value for this metric.

        A milestone takes only 0 or 1; a score on a scale takes values on the scale;
        a duration is never negative.

        Examples:
            >>> Metric(kind="milestone").accepts(0.5)
            False
        """
        if self.kind is MetricKind.MILESTONE:
            return value in (0.0, 1.0)
        if self.scale is not None:
            return self.scale[0] <= value <= self.scale[1]
        if self.unit in _DURATIONS:
            return value >= 0
        return True


@attrs.frozen(kw_only=True)
class PlannedValue:
    """A value a key result is planned to reach by a date: one step of a phased target.

    Attributes:
        on: The date.
        value: The planned value on that date.
    """

    on: dt.date = attrs.field(converter=takes_date)  # for the type checker only
    value: float

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        check.date("on")
        check.number("value")
        check.done()


@attrs.frozen(kw_only=True)
class FinalGrade:
    """A grade an owner sets at the end of a cycle, with the reason for it.

    After the cycle ends the scorecard uses it instead of the computed score, and shows
    the computed one beside it.

    Attributes:
        value: The grade, 0.0 to 1.0.
        reason: Why, in a sentence a colleague can read.
    """

    value: float
    reason: str

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        value = check.number("value")
        if value is not None and not 0.0 <= value <= 1.0:
            check.problem(
                "value",
                "value.range",
                Message(N_("a final grade lies between 0.0 and 1.0 (got {value:g})"), value=value),
            )
        check.text("reason")
        check.done()
