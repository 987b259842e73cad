"""What the model classes share besides the :class:`~okrkit.model._checks.Checker`.

Three kinds of small helpers:

- **converters**, the ``converter=`` of attrs fields, which accept friendly spellings
  (an :class:`Owner` where an owner id is expected, one id where a tuple is);
- **fast ways out**: files and generators hand over objects by the hundred thousand.
  Each class first asks whether every field is already of its normal type and plainly
  valid; only then does it skip the full check, which would find nothing. Anything
  else takes the full check;
- **converters for the type checker only**, the ``takes_*`` names: see below.

The converters of alignment links live with :class:`Alignment`, which they build.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar, cast

from okrkit.model._checks import as_tuple, entity_id_of, is_storable, is_valid_id
from okrkit.model._enums import MetricKind

_E = TypeVar("_E", bound=enum.Enum)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from okrkit.model._checks import DateLike
    from okrkit.model._entities import Cycle, Owner
    from okrkit.model._enums import (
        Ambition,
        Confidence,
        InitiativeStatus,
        Level,
        LinkKind,
        OwnerKind,
        Unit,
    )
    from okrkit.model._objective import KeyResult, Objective

__all__ = [
    "are_ids",
    "are_texts",
    "is_id",
    "is_text",
    "members_by_value",
    "normal_enum",
    "plain_shape",
    "takes_ambition",
    "takes_confidence",
    "takes_date",
    "takes_initiative_status",
    "takes_level",
    "takes_link_kind",
    "takes_metric_kind",
    "takes_optional_date",
    "takes_owner_kind",
    "takes_scale",
    "takes_unit",
    "to_cycle_id",
    "to_item_id",
    "to_key_result_id",
    "to_key_result_ids",
    "to_optional_owner_id",
    "to_owner_id",
    "to_owner_ids",
    "to_parent_id",
    "to_texts",
]


# -- converters: friendly spellings of id and collection fields --------------------------


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


# Typed for mypy's attrs plugin: each class's __init__ accepts what its converters accept.
def to_owner_id(value: str | Owner) -> str:
    """Accept an owner id or an :class:`Owner`."""
    return value if type(value) is str else _id_of(value)


def to_optional_owner_id(value: str | Owner | None) -> str | None:
    """Accept ``None``, an owner id or an :class:`Owner`."""
    return value if value is None or type(value) is str else _id_of(value)


def to_owner_ids(value: str | Owner | Iterable[str | Owner]) -> tuple[str, ...]:
    """Accept one owner (id or object) or several."""
    return _ids_of(value)


def to_cycle_id(value: str | Cycle) -> str:
    """Accept a cycle id or a :class:`Cycle`."""
    return value if type(value) is str else _id_of(value)


def to_key_result_id(value: str | KeyResult) -> str:
    """Accept a key result id or a :class:`KeyResult`."""
    return value if type(value) is str else _id_of(value)


def to_key_result_ids(value: str | KeyResult | Iterable[str | KeyResult]) -> tuple[str, ...]:
    """Accept one key result (id or object) or several."""
    return _ids_of(value)


def to_item_id(value: str | Objective | KeyResult) -> str:
    """Accept the id of an objective or key result, or the object itself."""
    return value if type(value) is str else _id_of(value)


def to_parent_id(value: str | Objective | KeyResult) -> str:
    """Accept a parent's id, or the parent objective or key result itself."""
    return value if type(value) is str else _id_of(value)


def to_texts(value: str | Iterable[str]) -> tuple[str, ...]:
    """Accept one text or several, as a tuple."""
    if type(value) is tuple:  # the common case, as the default ``()`` is
        return value
    return cast(tuple[str, ...], as_tuple(value))


# -- converters for the type checker only: fields checked in __attrs_post_init__ --------
#
# Enum, date and scale fields take friendly spellings (``kind="increase"``,
# ``on="2026-03-31"``, ``scale=[0, 10]``) that ``__attrs_post_init__`` checks and
# normalises, so that one ValidationError reports every problem. mypy's attrs plugin
# types an ``__init__`` parameter (and ``attrs.evolve``'s) from the first argument of the
# field's converter, and the attribute from the field's annotation: each field names one
# of these as its ``converter=``, so ``__init__`` says what it accepts while reading the
# field still gives the member, the date, the pair. At run time each name is ``None``,
# which attrs reads as "no converter": the generated ``__init__`` is the one a plain
# field gets, and the post-init check stays the only conversion (the hot paths pay
# nothing).

if TYPE_CHECKING:

    def takes_metric_kind(value: MetricKind | str, /) -> MetricKind:
        """A metric's kind: a member or its word (``"increase"``)."""

    def takes_unit(value: Unit | str, /) -> Unit:
        """A metric's unit: a member or its word (``"percent"``)."""

    def takes_level(value: Level | str, /) -> Level:
        """An objective's level: a member or its word (``"team"``)."""

    def takes_ambition(value: Ambition | str, /) -> Ambition:
        """An objective's ambition: a member or its word (``"aspirational"``)."""

    def takes_link_kind(value: LinkKind | str, /) -> LinkKind:
        """An alignment link's kind: a member or its word (``"supports"``)."""

    def takes_owner_kind(value: OwnerKind | str, /) -> OwnerKind:
        """An owner's kind: a member or its word (``"department"``)."""

    def takes_initiative_status(value: InitiativeStatus | str, /) -> InitiativeStatus:
        """An initiative's status: a member or its word (``"in_progress"``)."""

    def takes_confidence(value: Confidence | int | str | None, /) -> Confidence | None:
        """A check-in's confidence: 1-5, a member, a digit or a word (``"green"``)."""

    def takes_date(value: DateLike, /) -> dt.date:
        """A day: a date, a datetime or ISO text (``"2026-03-31"``)."""

    def takes_optional_date(value: DateLike | None, /) -> dt.date | None:
        """``None`` or a day, as :func:`takes_date` takes it."""

    def takes_scale(value: Sequence[float] | None, /) -> tuple[float, float] | None:
        """``None`` or a score's ``(low, high)``, as a tuple or a list (``[0, 10]``)."""

else:
    takes_metric_kind = takes_unit = takes_level = takes_ambition = None
    takes_link_kind = takes_owner_kind = takes_initiative_status = takes_confidence = None
    takes_date = takes_optional_date = takes_scale = None


# -- fast ways out: fields already in their normal form and plainly valid ----------------


def is_id(value: object) -> bool:
    """Whether ``value`` is a ``str`` and a valid id."""
    return type(value) is str and is_valid_id(value)


def is_text(value: object) -> bool:
    """Whether ``value`` is a ``str`` with something besides whitespace, and storable."""
    return type(value) is str and bool(value.strip()) and is_storable(value)


def are_ids(values: object) -> bool:
    """Whether ``values`` is a tuple of ``str``, each a valid id."""
    if type(values) is not tuple:
        return False
    # A loop, not all(): no generator made per call.
    for value in values:  # noqa: SIM110
        if type(value) is not str or not is_valid_id(value):
            return False
    return True


def are_texts(values: object) -> bool:
    """Whether ``values`` is a tuple of ``str``, each as :func:`is_text` wants it."""
    if type(values) is not tuple:
        return False
    for value in values:  # noqa: SIM110 (a loop: no generator per call)
        if not is_text(value):
            return False
    return True


def members_by_value(enum_type: type[_E]) -> dict[str, _E]:
    """Each member of ``enum_type`` under its exact ``str`` value.

    For the constructors that put members in place of exact values inline, as
    :func:`normal_enum` does, on their hot paths.
    """
    return {
        value: cast(_E, member)
        for value, member in enum_type._value2member_map_.items()
        if type(value) is str
    }


# Members as plain names: reading ``MetricKind.INCREASE`` goes through the enum's
# descriptor each time, which counts when metrics come by the hundred thousand.
_MILESTONE = MetricKind.MILESTONE
_INCREASE = MetricKind.INCREASE
_DECREASE = MetricKind.DECREASE
_AT_LEAST = MetricKind.AT_LEAST


def plain_shape(
    kind: MetricKind, start: float | None, target: float | None, stretch: float | None
) -> bool:
    """Whether a metric's numbers plainly fit its kind (see ``Metric._check_shape``)."""
    if kind is _MILESTONE:
        return start is None and target is None and stretch is None
    if target is None:
        return False
    if kind is _INCREASE:
        return start is not None and target > start and (stretch is None or stretch > target)
    if kind is _DECREASE:
        return start is not None and target < start and (stretch is None or stretch < target)
    if kind is _AT_LEAST:
        return stretch is None or stretch > target
    return stretch is None or stretch < target


def normal_enum(obj: object, name: str, enum_type: type[enum.Enum]) -> None:
    """Put the member in place of its exact value, such as ``"increase"``.

    The fast way out then applies to the spelling files and rows use; anything else is
    left for the full check.
    """
    value = getattr(obj, name)
    if type(value) is str:
        member = enum_type._value2member_map_.get(value)
        if member is not None:
            object.__setattr__(obj, name, member)
