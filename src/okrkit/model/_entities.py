"""The domain objects: cycles, owners, metrics, key results, objectives, ...

Every class is frozen and keyword-only; change one with :func:`attrs.evolve`, which
validates the new object again. Construction validates every field and raises one
:class:`~okrkit.errors.ValidationError` listing every problem.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import math
import re
from collections.abc import Iterable
from typing import cast

import attrs

from okrkit.errors import ValidationError
from okrkit.i18n import _
from okrkit.model._checks import Checker, as_tuple, entity_id_of, is_valid_id
from okrkit.model._enums import (
    Ambition,
    Confidence,
    InitiativeStatus,
    Level,
    LinkKind,
    MetricKind,
    OwnerKind,
    Unit,
)

__all__ = [
    "Alignment",
    "CheckIn",
    "Cycle",
    "Dependency",
    "FinalGrade",
    "Initiative",
    "KeyResult",
    "Metric",
    "Objective",
    "Owner",
    "PlannedValue",
]

_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


# -- converters: friendly spellings of collection fields ------------------------------


def _id_of(value: object) -> str:
    if type(value) is str:
        return value
    return cast(str, entity_id_of(value))


def _ids_of(value: object) -> tuple[str, ...]:
    if type(value) is tuple and not value:  # the default, by far the most common
        return ()
    if type(value) is str:
        return (value,)
    if isinstance(value, tuple | list) and all(type(item) is str for item in value):
        return tuple(value)
    return tuple(_id_of(item) for item in as_tuple(value))


# Converters, typed for mypy's attrs plugin: __init__ accepts what each one accepts.
def _to_owner_id(value: str | Owner) -> str:
    """Accept an owner id or an :class:`Owner`."""
    return _id_of(value)


def _to_optional_owner_id(value: str | Owner | None) -> str | None:
    """Accept ``None``, an owner id or an :class:`Owner`."""
    return None if value is None else _id_of(value)


def _to_owner_ids(value: str | Owner | Iterable[str | Owner]) -> tuple[str, ...]:
    """Accept one owner (id or object) or several."""
    return _ids_of(value)


def _to_cycle_id(value: str | Cycle) -> str:
    """Accept a cycle id or a :class:`Cycle`."""
    return _id_of(value)


def _to_key_result_id(value: str | KeyResult) -> str:
    """Accept a key result id or a :class:`KeyResult`."""
    return _id_of(value)


def _to_key_result_ids(value: str | KeyResult | Iterable[str | KeyResult]) -> tuple[str, ...]:
    """Accept one key result (id or object) or several."""
    return _ids_of(value)


def _to_item_id(value: str | Objective | KeyResult) -> str:
    """Accept the id of an objective or key result, or the object itself."""
    return _id_of(value)


def _to_parent_id(value: str | Objective | KeyResult) -> str:
    """Accept a parent's id, or the parent objective or key result itself."""
    return _id_of(value)


def _to_texts(value: str | Iterable[str]) -> tuple[str, ...]:
    """Accept one text or several, as a tuple."""
    return cast(tuple[str, ...], as_tuple(value))


def _to_alignments(
    value: str | Alignment | Iterable[str | Alignment],
) -> tuple[Alignment, ...]:
    """Accept a parent id, an :class:`Alignment`, or several of either."""
    if value == ():
        return ()
    items = []
    for item in as_tuple(value):
        if isinstance(item, str):
            items.append(Alignment(parent=item))
        else:
            items.append(cast(Alignment, item))
    return tuple(items)


def _to_key_results(value: Iterable[KeyResult]) -> tuple[KeyResult, ...]:
    return cast(tuple["KeyResult", ...], as_tuple(value))


# -- fast ways out: fields already in their normal form and plainly valid ----------------
# Files and generators hand over objects by the hundred thousand. Each class first asks
# whether every field is already of its normal type and plainly valid; only then does it
# skip the full check, which would find nothing. Anything else takes the full check.


def _is_id(value: object) -> bool:
    return type(value) is str and is_valid_id(value)


def _is_text(value: object) -> bool:
    return type(value) is str and bool(value.strip())


def _is_number(value: object) -> bool:
    return type(value) is float and math.isfinite(value)


def _is_optional_number(value: object) -> bool:
    return value is None or (type(value) is float and math.isfinite(value))


def _are_ids(values: object) -> bool:
    return type(values) is tuple and all(type(v) is str and is_valid_id(v) for v in values)


def _plain_links(links: object, ident: str) -> bool:
    """Links that are Alignments, none to ``ident``, no parent named twice."""
    if type(links) is not tuple:
        return False
    if not links:
        return True
    parents = [link.parent for link in links if type(link) is Alignment]
    return (
        len(parents) == len(links) and ident not in parents and len(set(parents)) == len(parents)
    )


def _plain_shape(
    kind: MetricKind, start: float | None, target: float | None, stretch: float | None
) -> bool:
    """Whether a metric's numbers plainly fit its kind (see Metric._check_shape)."""
    if kind is MetricKind.MILESTONE:
        return start is None and target is None and stretch is None
    if target is None:
        return False
    if kind is MetricKind.INCREASE:
        return start is not None and target > start and (stretch is None or stretch > target)
    if kind is MetricKind.DECREASE:
        return start is not None and target < start and (stretch is None or stretch < target)
    if kind is MetricKind.AT_LEAST:
        return stretch is None or stretch > target
    return stretch is None or stretch < target


def _normal_enum(obj: object, name: str, enum_type: type[enum.Enum]) -> None:
    """Put the member in place of its exact value, such as ``"increase"``.

    The fast way out then applies to the spelling files and rows use; anything else is
    left for the full check.
    """
    value = getattr(obj, name)
    if type(value) is str:
        member = enum_type._value2member_map_.get(value)
        if member is not None:
            object.__setattr__(obj, name, member)


def _check_items(check: Checker, name: str, items: tuple[object, ...], kind: type) -> None:
    """Record a problem for each item of ``items`` that is not a ``kind``."""
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            check.problem(
                f"{name}[{index}]",
                _("each of '{field}' must be a {kind} (got {value!r})").format(
                    field=name, kind=kind.__name__, value=item
                ),
            )


# -- cycle and owner --------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Cycle:
    """A named period that OKRs are set for: a quarter, a year, or any span of dates.

    Attributes:
        id: Unique id, such as ``"2026-Q1"``.
        name: The name a person reads, such as ``"Q1 2026"``.
        start: The first day of the cycle.
        end: The last day of the cycle (inclusive), not before ``start``.

    Examples:
        >>> q1 = Cycle.quarter(2026, 1)
        >>> q1.id, q1.start, q1.end
        ('2026-Q1', datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
        >>> q1.contains(dt.date(2026, 3, 15))
        True
    """

    id: str
    name: str
    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        check = Checker(self, entity_id=self.id)
        check.identifier("id")
        check.text("name")
        start = check.date("start")
        end = check.date("end")
        if start is not None and end is not None and end < start:
            check.problem(
                "end",
                _(
                    "'end' must not be before 'start' (got start={start}, end={end}); "
                    "swap the dates or fix the typo"
                ).format(start=start.isoformat(), end=end.isoformat()),
            )
        check.done()

    @classmethod
    def quarter(cls, year: int, quarter: int, *, name: str | None = None) -> Cycle:
        """Make the cycle of calendar quarter ``quarter`` (1-4) of ``year``.

        Its id is ``"{year}-Q{quarter}"`` and its default name ``"Q{quarter} {year}"``.

        Raises:
            ValidationError: when ``quarter`` is not 1, 2, 3 or 4.
        """
        if quarter not in (1, 2, 3, 4):
            raise ValidationError(
                _("'quarter' must be 1, 2, 3 or 4 (got {value!r})").format(value=quarter)
            )
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        last_day = calendar.monthrange(year, last_month)[1]
        return cls(
            id=f"{year}-Q{quarter}",
            name=name or f"Q{quarter} {year}",
            start=dt.date(year, first_month, 1),
            end=dt.date(year, last_month, last_day),
        )

    @classmethod
    def year(cls, year: int, *, name: str | None = None) -> Cycle:
        """Make the cycle of calendar year ``year``; its id and name are ``"{year}"``.

        Examples:
            >>> Cycle.year(2026).end
            datetime.date(2026, 12, 31)
        """
        return cls(
            id=str(year),
            name=name or str(year),
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
        )

    @property
    def days(self) -> int:
        """The number of days in the cycle, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        """Tell whether ``day`` falls inside the cycle (both ends included)."""
        return self.start <= day <= self.end

    def overlaps(self, other: Cycle) -> bool:
        """Tell whether this cycle and ``other`` share at least one day."""
        return self.start <= other.end and other.start <= self.end


@attrs.frozen(kw_only=True)
class Owner:
    """Who owns OKRs: the company, a department, a team or a person.

    Attributes:
        id: Unique id, such as ``"dept-sales"`` or ``"lan.nguyen"``.
        name: The name a person reads.
        kind: Company, department, team or person (the default).
        parent: The id of the unit this owner belongs to (a person's team, a
            team's department), or ``None`` at the top.

    Examples:
        >>> Owner(id="dept-sales", name="Phòng Kinh doanh", kind="department").kind
        <OwnerKind.DEPARTMENT: 'department'>
    """

    id: str
    name: str
    kind: OwnerKind = OwnerKind.PERSON
    parent: str | None = attrs.field(default=None, converter=_to_optional_owner_id)

    def __attrs_post_init__(self) -> None:
        _normal_enum(self, "kind", OwnerKind)
        if (
            _is_id(self.id)
            and _is_text(self.name)
            and type(self.kind) is OwnerKind
            and (self.parent is None or (_is_id(self.parent) and self.parent != self.id))
        ):
            return
        check = Checker(self, entity_id=self.id)
        ident = check.identifier("id")
        check.text("name")
        check.choice("kind", OwnerKind)
        parent = check.identifier("parent", optional=True)
        if parent is not None and parent == ident:
            check.problem(
                "parent",
                _("an owner cannot be its own parent; remove 'parent' or name another owner"),
            )
        check.done()


# -- metric and key result -------------------------------------------------------------


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

    kind: MetricKind
    start: float | None = None
    target: float | None = None
    unit: Unit = Unit.COUNT
    currency: str | None = None
    scale: tuple[float, float] | None = None
    stretch: float | None = None

    def _is_normal(self) -> bool:
        """Whether every field already has its normal type (see the fast ways out)."""
        return (
            type(self.kind) is MetricKind
            and type(self.unit) is Unit
            and self.unit is not Unit.CURRENCY
            and self.currency is None
            and self.scale is None
            and _is_optional_number(self.start)
            and _is_optional_number(self.target)
            and _is_optional_number(self.stretch)
        )

    def _is_plain(self) -> bool:
        """Whether every field is already normal and plainly valid (see the fast ways out)."""
        return (
            self._is_normal()
            and _plain_shape(self.kind, self.start, self.target, self.stretch)
            and (
                self.unit is not Unit.DURATION_DAYS
                or all(v is None or v >= 0 for v in (self.start, self.target, self.stretch))
            )
        )

    def __attrs_post_init__(self) -> None:
        _normal_enum(self, "kind", MetricKind)
        _normal_enum(self, "unit", Unit)
        if self._is_normal():
            # Only the rules between the numbers are left to check.
            if self._is_plain():
                return
            check = Checker(self)
            self._check_shape(check, self.kind, self.start, self.target, self.stretch)
            if self.unit is Unit.DURATION_DAYS:
                self._check_durations(check, (self.start, self.target, self.stretch))
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
        if unit is Unit.DURATION_DAYS:
            self._check_durations(check, (start, target, stretch))
        if scale is not None:
            low, high = scale
            for name, value in values.items():
                if value is not None and not low <= value <= high:
                    check.problem(
                        name,
                        _(
                            "'{field}' must lie on the scale {low:g}-{high:g} (got {value:g})"
                        ).format(field=name, low=low, high=high, value=value),
                    )
        check.done()

    @staticmethod
    def _check_durations(check: Checker, values: tuple[float | None, ...]) -> None:
        for name, value in zip(("start", "target", "stretch"), values, strict=True):
            if value is not None and value < 0:
                check.problem(
                    name,
                    _("'{field}' is a duration and cannot be negative (got {value:g})").format(
                        field=name, value=value
                    ),
                )

    def _check_currency(self, check: Checker, unit: Unit | None) -> None:
        currency = self.currency
        if currency is None:
            if unit is Unit.CURRENCY:
                check.problem(
                    "currency",
                    _("a currency metric needs 'currency', an ISO 4217 code such as 'VND'"),
                )
            return
        if not isinstance(currency, str) or not _CURRENCY_CODE.match(currency.strip().upper()):
            check.problem(
                "currency",
                _(
                    "'currency' must be an ISO 4217 code such as 'VND' or 'USD' (got {value!r})"
                ).format(value=currency),
            )
            return
        object.__setattr__(self, "currency", currency.strip().upper())
        if unit is not None and unit is not Unit.CURRENCY:
            check.problem(
                "currency",
                _("'currency' only applies to unit 'currency' (got unit {unit!r})").format(
                    unit=unit.value
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
            and all(float(v) == float(v) and abs(float(v)) != float("inf") for v in pair)  # type: ignore[arg-type]
        )
        if not good:
            check.problem(
                "scale",
                _(
                    "'scale' must be two numbers [low, high], such as [0, 10] (got {value!r})"
                ).format(value=scale),
            )
            return None
        low, high = (float(v) for v in pair)  # type: ignore[arg-type]
        if low >= high:
            check.problem(
                "scale",
                _("'scale' must go from low to high (got [{low:g}, {high:g}])").format(
                    low=low, high=high
                ),
            )
            return None
        if unit is not None and unit is not Unit.SCORE:
            check.problem(
                "scale",
                _("'scale' only applies to unit 'score' (got unit {unit!r})").format(
                    unit=unit.value
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
                    check.problem(
                        name,
                        _(
                            "a milestone metric takes no '{field}': it is done when a check-in "
                            "reports 1; remove '{field}'"
                        ).format(field=name),
                    )
            return
        if target is None:
            check.problem(
                "target",
                _("a metric of kind '{kind}' needs a 'target'").format(kind=kind.value),
            )
            return
        if kind in (MetricKind.INCREASE, MetricKind.DECREASE):
            if start is None:
                check.problem(
                    "start",
                    _("a metric of kind '{kind}' needs a 'start' (the baseline value)").format(
                        kind=kind.value
                    ),
                )
                return
            if kind is MetricKind.INCREASE and not target > start:
                check.problem(
                    "target",
                    _(
                        "'target' must be greater than 'start' for an increase metric "
                        "(got start={start:g}, target={target:g}); for a falling metric use "
                        "kind 'decrease'"
                    ).format(start=start, target=target),
                )
            if kind is MetricKind.DECREASE and not target < start:
                check.problem(
                    "target",
                    _(
                        "'target' must be less than 'start' for a decrease metric "
                        "(got start={start:g}, target={target:g}); for a rising metric use "
                        "kind 'increase'"
                    ).format(start=start, target=target),
                )
        if stretch is not None:
            upward = kind in (MetricKind.INCREASE, MetricKind.AT_LEAST)
            if upward and not stretch > target:
                check.problem(
                    "stretch",
                    _(
                        "'stretch' must lie beyond the target, above it for kind '{kind}' "
                        "(got target={target:g}, stretch={stretch:g})"
                    ).format(kind=kind.value, target=target, stretch=stretch),
                )
            if not upward and not stretch < target:
                check.problem(
                    "stretch",
                    _(
                        "'stretch' must lie beyond the target, below it for kind '{kind}' "
                        "(got target={target:g}, stretch={stretch:g})"
                    ).format(kind=kind.value, target=target, stretch=stretch),
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
        if self.unit is Unit.DURATION_DAYS:
            return value >= 0
        return True


@attrs.frozen(kw_only=True)
class Alignment:
    """A link from an objective or key result up to a parent objective or key result.

    Attributes:
        parent: The id of the parent objective or key result.
        kind: ``contributes`` (counts toward the parent's score, the default) or
            ``supports`` (shown, not counted).
        weight: How much this child counts among the parent's children (> 0).

    Examples:
        >>> Alignment(parent="obj-company-growth").kind
        <LinkKind.CONTRIBUTES: 'contributes'>
    """

    parent: str = attrs.field(converter=_to_parent_id)
    kind: LinkKind = LinkKind.CONTRIBUTES
    weight: float = 1.0

    def __attrs_post_init__(self) -> None:
        weight = self.weight
        if (
            _is_id(self.parent)
            and type(self.kind) is LinkKind
            and type(weight) is float
            and math.isfinite(weight)
            and weight > 0
        ):
            return
        check = Checker(self)
        check.identifier("parent")
        check.choice("kind", LinkKind)
        check.positive("weight")
        check.done()


@attrs.frozen(kw_only=True)
class PlannedValue:
    """A value a key result is planned to reach by a date: one step of a phased target.

    Attributes:
        on: The date.
        value: The planned value on that date.
    """

    on: dt.date
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
                _("a final grade lies between 0.0 and 1.0 (got {value:g})").format(value=value),
            )
        check.text("reason")
        check.done()


def _to_plan(value: Iterable[PlannedValue]) -> tuple[PlannedValue, ...]:
    return cast(tuple[PlannedValue, ...], as_tuple(value))


@attrs.frozen(kw_only=True)
class KeyResult:
    """A measurable result that shows an objective is met.

    Attributes:
        id: Unique id within the OKR set.
        title: What will be true, in a sentence with a number in it.
        description: Optional longer text.
        metric: What is measured and where it should end (:class:`Metric`).
        owners: Ids of the owners; several are allowed.
        weight: How much the key result counts within its objective (> 0).
        due: Optional due date, inside the objective's cycle.
        aligned_to: Parent objectives or key results this one counts toward.

    Examples:
        >>> kr = KeyResult(
        ...     id="kr-velocity",
        ...     title="Raise sprint velocity from 27 to 35 points",
        ...     metric=Metric(kind="increase", start=27, target=35),
        ...     owners="pm-lan",
        ... )
        >>> kr.owners
        ('pm-lan',)
    """

    id: str
    title: str
    metric: Metric
    description: str = ""
    owners: tuple[str, ...] = attrs.field(default=(), converter=_to_owner_ids)
    weight: float = 1.0
    due: dt.date | None = None
    aligned_to: tuple[Alignment, ...] = attrs.field(default=(), converter=_to_alignments)
    plan: tuple[PlannedValue, ...] = attrs.field(default=(), converter=_to_plan)
    final_grade: FinalGrade | None = None

    def _is_plain(self) -> bool:
        """Whether every field is already normal and plainly valid (see the fast ways out)."""
        weight = self.weight
        return (
            _is_id(self.id)
            and _is_text(self.title)
            and type(self.description) is str
            and type(self.metric) is Metric
            and _are_ids(self.owners)
            and _is_number(weight)
            and weight > 0
            and (self.due is None or type(self.due) is dt.date)
            and self.plan == ()
            and self.final_grade is None
            and _plain_links(self.aligned_to, self.id)
        )

    def __attrs_post_init__(self) -> None:
        if self._is_plain():
            return
        check = Checker(self, entity_id=self.id)
        ident = check.identifier("id")
        check.text("title")
        check.text("description", required=False)
        _check_plan(check, self.plan, self.metric)
        _check_final_grade(check, self.final_grade)
        if not isinstance(self.metric, Metric):
            check.problem(
                "metric",
                _("'metric' must be a Metric (got {value!r})").format(value=self.metric),
            )
        check.identifiers("owners")
        check.positive("weight")
        check.date("due", optional=True)
        _check_alignments(check, ident, self.aligned_to)
        check.done()


def _check_final_grade(check: Checker, grade: object) -> None:
    if grade is not None and not isinstance(grade, FinalGrade):
        check.problem(
            "final_grade",
            _("'final_grade' must be a FinalGrade (got {value!r})").format(value=grade),
        )


def _check_plan(check: Checker, plan: tuple[PlannedValue, ...], metric: object) -> None:
    """Planned values: for increase and decrease metrics, one per date."""
    _check_items(check, "plan", plan, PlannedValue)
    if not plan:
        return
    if isinstance(metric, Metric) and metric.kind not in (
        MetricKind.INCREASE,
        MetricKind.DECREASE,
    ):
        check.problem(
            "plan",
            _("a plan of values needs an increase or decrease metric (got {kind!r})").format(
                kind=metric.kind.value
            ),
        )
    days = [step.on for step in plan if isinstance(step, PlannedValue)]
    if len(set(days)) != len(days):
        check.problem("plan", _("'plan' names a date twice; give one value per date"))


def _check_alignments(check: Checker, ident: str | None, links: tuple[Alignment, ...]) -> None:
    _check_items(check, "aligned_to", links, Alignment)
    seen: set[str] = set()
    for index, link in enumerate(links):
        if not isinstance(link, Alignment):
            continue
        if ident is not None and link.parent == ident:
            check.problem(
                f"aligned_to[{index}]",
                _("'{id}' cannot align to itself; name a parent objective or key result").format(
                    id=ident
                ),
            )
        if link.parent in seen:
            check.problem(
                f"aligned_to[{index}]",
                _("'{parent}' is named twice in 'aligned_to'; keep one link").format(
                    parent=link.parent
                ),
            )
        seen.add(link.parent)


@attrs.frozen(kw_only=True)
class Objective:
    """A qualitative goal with the key results that measure it.

    Attributes:
        id: Unique id within the OKR set.
        title: The goal, in words that inspire; no numbers needed.
        description: Optional longer text.
        owner: The id of the owner (company, department, team or person).
        cycle: The id of the cycle the objective is set for.
        level: Company, department, team or individual.
        ambition: Committed (expected to reach 1.0, the default) or aspirational.
        aligned_to: Parent objectives or key results; one id, several, or
            :class:`Alignment` links with a kind and weight.
        tags: Free labels for searching and grouping.
        key_results: The key results; 2-5 is good practice (the linter says so).

    Examples:
        >>> o = Objective(
        ...     id="obj-growth", title="Grow where our customers are",
        ...     owner="ceo", cycle="2026-Q1", level="company",
        ... )
        >>> o.level, o.ambition
        (<Level.COMPANY: 'company'>, <Ambition.COMMITTED: 'committed'>)
    """

    id: str
    title: str
    owner: str = attrs.field(converter=_to_owner_id)
    cycle: str = attrs.field(converter=_to_cycle_id)
    level: Level
    ambition: Ambition = Ambition.COMMITTED
    description: str = ""
    aligned_to: tuple[Alignment, ...] = attrs.field(default=(), converter=_to_alignments)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_to_texts)
    key_results: tuple[KeyResult, ...] = attrs.field(default=(), converter=_to_key_results)
    final_grade: FinalGrade | None = None

    def __attrs_post_init__(self) -> None:
        _normal_enum(self, "level", Level)
        _normal_enum(self, "ambition", Ambition)
        if self._is_plain():
            return
        check = Checker(self, entity_id=self.id)
        ident = check.identifier("id")
        check.text("title")
        check.text("description", required=False)
        _check_final_grade(check, self.final_grade)
        check.identifier("owner")
        check.identifier("cycle")
        check.choice("level", Level)
        check.choice("ambition", Ambition)
        check.texts("tags")
        _check_items(check, "key_results", self.key_results, KeyResult)
        _check_alignments(check, ident, self.aligned_to)
        own = {kr.id for kr in self.key_results if isinstance(kr, KeyResult)}
        for index, link in enumerate(self.aligned_to):
            if isinstance(link, Alignment) and link.parent in own:
                check.problem(
                    f"aligned_to[{index}]",
                    _(
                        "'{id}' cannot align to its own key result '{parent}'; "
                        "align it to a parent's objective or key result"
                    ).format(id=ident, parent=link.parent),
                )
        check.done()

    def _is_plain(self) -> bool:
        """Whether every field is already normal and plainly valid (see the fast ways out)."""
        if not (
            _is_id(self.id)
            and _is_text(self.title)
            and type(self.description) is str
            and self.final_grade is None
            and _is_id(self.owner)
            and _is_id(self.cycle)
            and type(self.level) is Level
            and type(self.ambition) is Ambition
            and type(self.tags) is tuple
            and all(_is_text(tag) for tag in self.tags)
            and type(self.key_results) is tuple
            and all(type(kr) is KeyResult for kr in self.key_results)
            and _plain_links(self.aligned_to, self.id)
        ):
            return False
        if self.aligned_to:
            own = {kr.id for kr in self.key_results}
            return not any(link.parent in own for link in self.aligned_to)
        return True

    def key_result(self, key_result_id: str) -> KeyResult:
        """Return this objective's key result with id ``key_result_id``.

        Raises:
            KeyError: when the objective has no such key result.
        """
        for kr in self.key_results:
            if kr.id == key_result_id:
                return kr
        raise KeyError(key_result_id)


@attrs.frozen(kw_only=True)
class Initiative:
    """Work that drives one or more key results (a project, a campaign, ...).

    Attributes:
        id: Unique id within the OKR set.
        title: What will be done.
        owner: The id of the owner.
        drives: Ids of the key results this work moves.
        status: Planned (the default), in progress, done or dropped.
        due: Optional due date.
        description: Optional longer text.
    """

    id: str
    title: str
    owner: str = attrs.field(converter=_to_owner_id)
    drives: tuple[str, ...] = attrs.field(default=(), converter=_to_key_result_ids)
    status: InitiativeStatus = InitiativeStatus.PLANNED
    due: dt.date | None = None
    description: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker(self, entity_id=self.id)
        check.identifier("id")
        check.text("title")
        check.identifier("owner")
        check.identifiers("drives")
        check.choice("status", InitiativeStatus)
        check.date("due", optional=True)
        check.text("description", required=False)
        check.done()


@attrs.frozen(kw_only=True)
class CheckIn:
    """A value reported for a key result on a day, with how confident the owner is.

    Attributes:
        key_result: The id of the key result.
        on: The day the value was true.
        value: The metric's value on that day (1 or 0 for a milestone).
        confidence: Optional 1-5 confidence; red, yellow and green are accepted
            and read as 1, 3 and 5.
        note: Optional comment: what moved, what blocks.
        author: Optional id of the owner who reported it.

    Examples:
        >>> CheckIn(key_result="kr-velocity", on="2026-01-09", value=28, confidence="green")
        CheckIn(key_result='kr-velocity', on=datetime.date(2026, 1, 9), value=28.0, confidence=<Confidence.VERY_HIGH: 5>, note='', author=None)
    """  # noqa: E501

    key_result: str = attrs.field(converter=_to_key_result_id)
    on: dt.date
    value: float
    confidence: Confidence | None = None
    note: str = ""
    author: str | None = attrs.field(default=None, converter=_to_optional_owner_id)

    def __attrs_post_init__(self) -> None:
        # Check-ins come by the million: take a fast way out when every field is
        # already in its normal form and valid; anything else gets the full check.
        value = self.value
        author = self.author
        if (
            type(self.key_result) is str
            and is_valid_id(self.key_result)
            and type(self.on) is dt.date
            and type(value) is float
            and math.isfinite(value)
            and (self.confidence is None or type(self.confidence) is Confidence)
            and type(self.note) is str
            and (author is None or (type(author) is str and is_valid_id(author)))
        ):
            return
        self._check()

    def _check(self) -> None:
        check = Checker(self)
        ident = check.identifier("key_result")
        check.entity_id = ident
        check.date("on")
        check.number("value")
        self._check_confidence(check)
        check.text("note", required=False)
        check.identifier("author", optional=True)
        check.done()

    def _check_confidence(self, check: Checker) -> None:
        value = self.confidence
        if value is None:
            return
        try:
            confidence = Confidence.parse(value)
        except ValueError:
            check.problem(
                "confidence",
                _("'confidence' must be 1-5 or one of red, yellow, green (got {value!r})").format(
                    value=value
                ),
            )
            return
        object.__setattr__(self, "confidence", confidence)


@attrs.frozen(kw_only=True)
class Dependency:
    """One objective or key result needs another, usually another team's, to succeed.

    Dependencies are shown and queried (who waits on whom); they never count toward a
    score.

    Attributes:
        dependent: The id of the objective or key result that waits.
        on: The id of the objective or key result it waits on.
        note: What exactly is needed, and by when.

    Examples:
        >>> Dependency(dependent="kr-launch", on="kr-payment-api", note="API by February")
        Dependency(dependent='kr-launch', on='kr-payment-api', note='API by February')
    """

    dependent: str = attrs.field(converter=_to_item_id)
    on: str = attrs.field(converter=_to_item_id)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        ident = check.identifier("dependent")
        check.entity_id = ident
        target = check.identifier("on")
        check.text("note", required=False)
        if ident is not None and ident == target:
            check.problem(
                "on",
                _("{id!r} cannot depend on itself; name another objective or key result").format(
                    id=ident
                ),
            )
        check.done()
