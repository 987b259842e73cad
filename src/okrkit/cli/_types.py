"""click's parameter types, named in the active locale: in messages, metavars and ranges.

click words a bad number as ``'abc' is not a valid {number_type}.``, filling in the
type's ``name`` ("integer", "integer range", "float"...), shows a range as ``[x>=1]``
in the help, and says ``0 is not in the range x>=1.`` None of that reads in Vietnamese.
The types here are click's own, with three changes: ``name`` is read in the active
locale ("số nguyên"), the metavar is the type's metavar in the active locale
(``SỐ_NGUYÊN``, see :func:`~okrkit.cli._words.type_metavar`), and a range is said in
words ("từ 1 trở lên", "1 or more"), its numbers formatted for the locale.

Every option and argument of okrkit (:mod:`okrkit.cli._help`) takes its type through
:func:`worded_type`, so ``type=int`` or ``type=click.IntRange(min=1)`` speak the
locale without the command saying anything.

Examples:
    >>> import click
    >>> from okrkit.i18n import use_locale
    >>> depth = worded_type(click.IntRange(min=1))
    >>> with use_locale("vi"):
    ...     depth.name, range_words(depth)
    ('số nguyên', 'từ 1 trở lên')
    >>> range_words(depth)
    '1 or more'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from okrkit.cli._words import TYPE_NAMES, type_metavar
from okrkit.i18n import _, format_number, gettext

__all__ = [
    "BOOL",
    "FLOAT",
    "INT",
    "STRING",
    "UUID",
    "FloatRange",
    "IntRange",
    "Worded",
    "range_words",
    "worded_type",
]


class _Name(str):
    """A type's name in the active locale, which click starts a sentence with.

    click writes ``name.title()`` ("Directory '...' is a file."); title case capitalises
    every word ("Thư Mục"), so here it capitalises the first letter only ("Thư mục").
    """

    __slots__ = ()

    def title(self) -> str:
        """The name with its first letter in capitals, the rest as it is."""
        return self[:1].upper() + self[1:]


class _TypeName:
    """A click type's ``name``: kept in English (click's), read in the active locale."""

    def __get__(self, instance: Worded | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return _Name(gettext(TYPE_NAMES.get(instance.english, instance.english)))

    def __set__(self, instance: Worded, value: str) -> None:
        instance.english = value  # click's Path names itself in __init__


class Worded:
    """A click type whose name and metavar are read in the active locale.

    ``english`` is click's name of the type ("integer", "file"), the key of its words
    (:data:`~okrkit.cli._words.TYPE_NAMES`, :data:`~okrkit.cli._words.TYPE_METAVARS`).
    """

    english = "text"
    name = _TypeName()

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        """The type's metavar in the active locale (``SỐ_NGUYÊN``)."""
        del param, ctx
        return type_metavar(self.english)


class _Text(Worded, click.types.StringParamType):
    english = "text"


class _Int(Worded, click.types.IntParamType):
    english = "integer"


class _Float(Worded, click.types.FloatParamType):
    english = "float"


class _Bool(Worded, click.types.BoolParamType):
    english = "boolean"


class _UUID(Worded, click.types.UUIDParameterType):
    english = "uuid"


STRING = _Text()
"""click's ``STRING``, its metavar in the active locale."""
INT = _Int()
"""click's ``INT``, named in the active locale ("số nguyên")."""
FLOAT = _Float()
"""click's ``FLOAT``, named in the active locale ("số")."""
BOOL = _Bool()
"""click's ``BOOL``, named in the active locale."""
UUID = _UUID()
"""click's ``UUID``, named in the active locale."""


def range_words(kind: IntRange | FloatRange) -> str:
    """A number range in words, in the active locale: ``từ 1 trở lên``, ``from 1 to 5``.

    Examples:
        >>> range_words(IntRange(1, 5)), range_words(FloatRange(0, 1, max_open=True))
        ('from 1 to 5', '0 or more and less than 1')
    """
    low = None if kind.min is None else format_number(kind.min)
    high = None if kind.max is None else format_number(kind.max)
    if low is not None and high is not None and not (kind.min_open or kind.max_open):
        return _("from {low} to {high}").format(low=low, high=high)
    lower = upper = ""
    if low is not None:
        lower = (_("more than {low}") if kind.min_open else _("{low} or more")).format(low=low)
    if high is not None:
        upper = (_("less than {high}") if kind.max_open else _("{high} or less")).format(high=high)
    if lower and upper:
        return _("{lower} and {upper}").format(lower=lower, upper=upper)
    return lower or upper


def _in_range(
    kind: IntRange | FloatRange,
    convert: Callable[[Any, click.Parameter | None, click.Context | None], Any],
    value: Any,
    param: click.Parameter | None,
    ctx: click.Context | None,
) -> Any:
    """Convert ``value`` as click does, a number out of the range refused in words."""
    try:
        return convert(value, param, ctx)
    except click.BadParameter:
        number = _number(kind, value)
        if number is None:
            raise  # not a number at all: click said so, naming the type in the locale
        kind.fail(
            _("must be {range} (got {value})").format(
                range=range_words(kind), value=format_number(number)
            ),
            param,
            ctx,
        )


def _number(kind: IntRange | FloatRange, value: Any) -> float | None:
    """``value`` read as the range's number, as click reads it, or ``None``."""
    try:
        number: float = kind._number_class(value)
    except (TypeError, ValueError):
        return None
    return number


class IntRange(Worded, click.IntRange):
    """click's ``IntRange``, its range said in words in the active locale."""

    english = "integer range"

    def _describe_range(self) -> str:
        """What the help shows after the option's own: ``[từ 1 trở lên]``."""
        return range_words(self)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """A whole number in the range; one outside it refused in words."""
        return _in_range(self, super().convert, value, param, ctx)


class FloatRange(Worded, click.FloatRange):
    """click's ``FloatRange``, its range said in words in the active locale."""

    english = "float range"

    def _describe_range(self) -> str:
        """What the help shows after the option's own: ``[từ 0 đến 1]``."""
        return range_words(self)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """A number in the range; one outside it refused in words."""
        return _in_range(self, super().convert, value, param, ctx)


_PLAIN: dict[type[Any], Any] = {
    click.types.StringParamType: STRING,
    click.types.IntParamType: INT,
    click.types.FloatParamType: FLOAT,
    click.types.BoolParamType: BOOL,
    click.types.UUIDParameterType: UUID,
}


def worded_type(param_type: Any) -> Any:
    """``param_type``, one of click's own, as its twin here that speaks the active locale.

    Any other type (a :class:`click.Choice`, okrkit's path type, a subclass of click's
    types) is given back as it is.

    Examples:
        >>> import click
        >>> worded_type(click.INT) is INT, worded_type(click.Choice(["a"])).name
        (True, 'choice')
    """
    kind = type(param_type)
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind is click.IntRange or kind is click.FloatRange:
        twin = IntRange if kind is click.IntRange else FloatRange
        number: Any = param_type
        return twin(
            min=number.min,
            max=number.max,
            min_open=number.min_open,
            max_open=number.max_open,
            clamp=number.clamp,
        )
    return param_type
