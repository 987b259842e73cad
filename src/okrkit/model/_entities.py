"""The entities around objectives: cycles, owners, initiatives and dependencies.

Every class is frozen and keyword-only; change one with :func:`attrs.evolve`, which
validates the new object again. Construction validates every field and raises one
:class:`~okrkit.errors.ValidationError` listing every problem. Objectives, key results
and their alignment links are in :mod:`okrkit.model._objective`, metrics in
:mod:`okrkit.model._metric`, check-ins in :mod:`okrkit.model._checkin`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import numbers

import attrs

from okrkit.errors import Message, Problem, Shown, UsageError, ValidationError
from okrkit.errors._message import as_found
from okrkit.i18n import N_, format_quarter, format_year
from okrkit.model._checks import Checker, DateLike, as_date
from okrkit.model._convert import (
    is_id,
    is_text,
    normal_enum,
    takes_date,
    takes_initiative_status,
    takes_optional_date,
    takes_owner_kind,
    to_item_id,
    to_key_result_ids,
    to_optional_owner_id,
    to_owner_id,
)
from okrkit.model._enums import InitiativeStatus, OwnerKind
from okrkit.model._words import described

__all__ = ["Cycle", "Dependency", "Initiative", "Owner"]


@attrs.frozen(kw_only=True)
class Cycle:
    """A named period that OKRs are set for: a quarter, a year, or any span of dates.

    Attributes:
        id: Unique id, such as ``"2026-Q1"``.
        name: The name a person reads, such as ``"Q1 2026"`` or ``"Quý 1/2026"``.
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
    # The converters are for the type checker only (see okrkit.model._convert).
    start: dt.date = attrs.field(converter=takes_date)
    end: dt.date = attrs.field(converter=takes_date)

    def __attrs_post_init__(self) -> None:
        check = Checker(self, entity_id=self.id)
        check.identifier("id")
        check.text("name")
        start = check.date("start")
        end = check.date("end")
        if start is not None and end is not None and end < start:
            check.problem(
                "end",
                "value.order",
                Message(
                    N_(
                        "'end' must not be before 'start' (got a start on {start} and an end "
                        "on {end}); swap the dates or fix the typo"
                    ),
                    start=start,
                    end=end,
                ),
            )
        check.done()

    @classmethod
    def quarter(cls, year: int, quarter: int, *, name: str | None = None) -> Cycle:
        """Make the cycle of calendar quarter ``quarter`` (1-4) of ``year``.

        Its id is ``"{year}-Q{quarter}"``; its default name is the quarter's name in the
        locale active when it is made (:func:`okrkit.i18n.format_quarter`): ``"Q1 2026"``
        in English, ``"Quý 1/2026"`` in Vietnamese.

        Raises:
            ValidationError: when ``year`` is not a whole number from 1 to 9999 or
                ``quarter`` is not 1, 2, 3 or 4 (both reported at once).

        Examples:
            >>> from okrkit.i18n import use_locale
            >>> with use_locale("vi"):
            ...     Cycle.quarter(2026, 1).name
            'Quý 1/2026'
            >>> Cycle.quarter(2026, 2, name="Spring push").name
            'Spring push'
        """
        year, quarter = _calendar_numbers(year, quarter)
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        last_day = calendar.monthrange(year, last_month)[1]
        return cls(
            id=f"{year}-Q{quarter}",
            name=name or format_quarter(year, quarter),
            start=dt.date(year, first_month, 1),
            end=dt.date(year, last_month, last_day),
        )

    @classmethod
    def year(cls, year: int, *, name: str | None = None) -> Cycle:
        """Make the cycle of calendar year ``year``, with id ``"{year}"``.

        Its default name is the year's name in the locale active when it is made
        (:func:`okrkit.i18n.format_year`): ``"2026"`` in English, ``"Năm 2026"`` in
        Vietnamese.

        Raises:
            ValidationError: when ``year`` is not a whole number from 1 to 9999.

        Examples:
            >>> Cycle.year(2026).end
            datetime.date(2026, 12, 31)
            >>> from okrkit.i18n import use_locale
            >>> with use_locale("vi"):
            ...     Cycle.year(2026).name
            'Năm 2026'
        """
        year, _quarter = _calendar_numbers(year, 1)
        return cls(
            id=str(year),
            name=name or format_year(year),
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
        )

    @property
    def days(self) -> int:
        """The number of days in the cycle, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, day: DateLike) -> bool:
        """Tell whether ``day`` falls inside the cycle (both ends included).

        ``day`` is a date, a datetime or ISO text such as ``"2026-02-01"``.

        Raises:
            ValidationError: when ``day`` is not a day.

        Examples:
            >>> Cycle.quarter(2026, 1).contains("2026-02-01")
            True
        """
        found = day if type(day) is dt.date else as_date(day, "day")
        return self.start <= found <= self.end

    def overlaps(self, other: Cycle) -> bool:
        """Tell whether this cycle and ``other`` share at least one day.

        Raises:
            UsageError: when ``other`` is not a :class:`Cycle`, such as a cycle's id.

        Examples:
            >>> Cycle.quarter(2026, 1).overlaps(Cycle.year(2026))
            True
        """
        if not isinstance(other, Cycle):
            raise UsageError(
                Message(
                    N_(
                        "overlaps() takes a Cycle, such as okrs.cycle({example}) or "
                        "Cycle.quarter(2026, 2) (got {value})"
                    ),
                    example=Shown(other if isinstance(other, str) else "2026-Q2"),
                    value=described(other),
                )
            )
        return self.start <= other.end and other.start <= self.end


def _calendar_numbers(year: object, quarter: object) -> tuple[int, int]:
    """``year`` and ``quarter`` as ints, or one ``ValidationError`` naming each bad one."""
    problems: list[Problem] = []
    good_year = _whole(year, 1, 9999)
    if good_year is None:
        problems.append(
            Problem(
                _code_of(year),
                Message(
                    N_("'year' must be a whole number from 1 to 9999, such as 2026 (got {value})"),
                    value=as_found(year),
                ),
                path="year",
            )
        )
    good_quarter = _whole(quarter, 1, 4)
    if good_quarter is None:
        problems.append(
            Problem(
                _code_of(quarter),
                Message(
                    N_("'quarter' must be 1, 2, 3 or 4 (got {value})"), value=as_found(quarter)
                ),
                path="quarter",
            )
        )
    if good_year is None or good_quarter is None:
        raise ValidationError(problems)
    return good_year, good_quarter


def _whole(value: object, low: int, high: int) -> int | None:
    """``value`` as an int from ``low`` to ``high``; ``None`` for anything else.

    A whole float (``2026.0``) and numpy's ints count; a bool or text does not.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int past a float's range
        return None
    if math.isfinite(number) and number.is_integer() and low <= number <= high:
        return int(number)
    return None


def _code_of(value: object) -> str:
    """The problem code of a refused year or quarter: out of range, or not a number."""
    number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    return "value.range" if number else "field.type"


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
    # For the type checker only (see okrkit.model._convert).
    kind: OwnerKind = attrs.field(default=OwnerKind.PERSON, converter=takes_owner_kind)
    parent: str | None = attrs.field(default=None, converter=to_optional_owner_id)

    def __attrs_post_init__(self) -> None:
        normal_enum(self, "kind", OwnerKind)
        if (
            is_id(self.id)
            and is_text(self.name)
            and type(self.kind) is OwnerKind
            and (self.parent is None or (is_id(self.parent) and self.parent != self.id))
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
                "id.invalid",
                Message(
                    N_("an owner cannot be its own parent; remove 'parent' or name another owner")
                ),
            )
        check.done()


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
    owner: str = attrs.field(converter=to_owner_id)
    drives: tuple[str, ...] = attrs.field(default=(), converter=to_key_result_ids)
    # The next two converters are for the type checker only (see okrkit.model._convert).
    status: InitiativeStatus = attrs.field(
        default=InitiativeStatus.PLANNED, converter=takes_initiative_status
    )
    due: dt.date | None = attrs.field(default=None, converter=takes_optional_date)
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

    dependent: str = attrs.field(converter=to_item_id)
    on: str = attrs.field(converter=to_item_id)
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
                "id.invalid",
                Message(
                    N_("{id!r} cannot depend on itself; name another objective or key result"),
                    id=Shown(ident),
                ),
            )
        check.done()
