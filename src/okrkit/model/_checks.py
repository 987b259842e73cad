"""Validation on construction: check every field, normalise, collect every problem.

Each model class calls a :class:`Checker` from ``__attrs_post_init__``. The checker
reads a field, normalises it in place when the input is a friendly spelling of the
right value (``"increase"`` for :attr:`MetricKind.INCREASE`, ``27`` for ``27.0``,
``"2026-03-31"`` for a date), and records a :class:`~okrkit.errors.Problem` when it is
not. At the end, :meth:`Checker.done` raises one
:class:`~okrkit.errors.ValidationError` with every problem, so a caller learns about
all of them at once.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import numbers
import re
from collections.abc import Iterable
from typing import TypeVar

from okrkit.errors import Message, Problem, ValidationError
from okrkit.errors._message import as_found
from okrkit.i18n import N_
from okrkit.model._words import (
    not_a_date,
    not_one_of,
    surrogate_message,
    unprintable_id,
    wrong_item,
    wrong_record,
)

_E = TypeVar("_E", bound=enum.Enum)

MAX_WEIGHT = 1e6
"""The largest weight of a key result or an alignment link.

Weights only compare with each other; this cap keeps every weighted sum of a
roll-up finite (a million weights of a million each stay far below float's range).
"""


_SURROGATE = re.compile("[\ud800-\udfff]")


def is_storable(text: str) -> bool:
    r"""Whether ``text`` holds no lone surrogate, so that every format can write it.

    A surrogate (U+D800-U+DFFF) is half of a UTF-16 pair, not a character: UTF-8, and
    so YAML, JSON and TOML files, cannot hold one. Python strings can, for example from
    ``"\ud800"`` or a byte string decoded with ``surrogateescape``.

    Examples:
        >>> is_storable("Tăng doanh thu"), is_storable("half \ud800 a pair")
        (True, False)
    """
    return text.isascii() or _SURROGATE.search(text) is None


def is_clean_text(value: object) -> bool:
    """Whether ``value`` is a ``str`` that every format can write (may be empty)."""
    return type(value) is str and is_storable(value)


def is_valid_id(value: object) -> bool:
    r"""Tell whether ``value`` is a usable id: non-empty text, printable, without spaces.

    The one rule for ids. Control characters (a line break, NUL, ESC), invisible ones
    (U+200B ZERO WIDTH SPACE), lone surrogates and every kind of space are refused.

    Examples:
        >>> is_valid_id("kr-growth-1"), is_valid_id("kr-1\n"), is_valid_id("kr\u200b1")
        (True, False, False)
    """
    # Ids are checked by the hundred thousand, so this stays at C speed: the plain
    # space is the only whitespace character str.isprintable() lets through.
    return isinstance(value, str) and value != "" and value.isprintable() and " " not in value


def member_of(kind: type[_E], value: object, field: str, *, fold: bool = False) -> _E:
    """``value`` as a member of the enum ``kind``, or a ``ValidationError`` naming the choices.

    With ``fold``, text is stripped and lower-cased first; the message shows it as given.
    """
    wanted = value.strip().lower() if fold and isinstance(value, str) else value
    try:
        return kind(wanted)
    except (ValueError, TypeError):
        raise ValidationError(
            Problem("field.choice", not_one_of(field, kind, value), path=field)
        ) from None


def as_tuple(value: object) -> tuple[object, ...]:
    """Turn a list (or any non-string iterable) into a tuple; wrap anything else."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return (value,)
    return tuple(value)


def entity_id_of(value: object) -> object:
    """Return ``value.id`` for a model object passed where an id is expected."""
    ident = getattr(value, "id", None)
    if ident is not None and not isinstance(value, str):
        return ident
    return value


class Checker:
    """Collects the problems of one object under construction."""

    __slots__ = ("entity_id", "obj", "problems")

    def __init__(self, obj: object, *, entity_id: object = None) -> None:
        self.obj = obj
        self.entity_id: str | None = entity_id if isinstance(entity_id, str) else None
        self.problems: list[Problem] = []

    # -- recording ---------------------------------------------------------------

    def problem(self, path: str, code: str, message: Message | str) -> None:
        """Record a problem of kind ``code`` at ``path`` (a field name, or ``field[i]``)."""
        self.problems.append(Problem(code, message, entity_id=self.entity_id, path=path or None))

    def extend(self, path: str, error: ValidationError) -> None:
        """Record the problems of a nested object, placed under ``path``."""
        for nested in error.problems:
            self.problems.append(nested.located(path_prefix=path))

    def done(self) -> None:
        """Raise a :class:`ValidationError` with every recorded problem, if any."""
        if self.problems:
            raise ValidationError(self.problems)

    def _set(self, name: str, value: object) -> None:
        object.__setattr__(self.obj, name, value)

    # -- fields ------------------------------------------------------------------

    def identifier(self, name: str, *, optional: bool = False) -> str | None:
        """Check that field ``name`` holds an id (or ``None`` when optional)."""
        value = entity_id_of(getattr(self.obj, name))
        if value is None and optional:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not is_valid_id(value):
            self.problem(
                name,
                "id.invalid",
                unprintable_id(f"'{name}'", value)
                or Message(
                    N_(
                        "'{field}' must be a non-empty id without spaces, such as 'kr-growth-1' "
                        "(got {value})"
                    ),
                    field=name,
                    value=as_found(value),
                ),
            )
            return None
        self._set(name, value)
        assert isinstance(value, str)
        return value

    def identifiers(self, name: str) -> tuple[str, ...]:
        """Check that field ``name`` holds a tuple of ids, each valid."""
        values = as_tuple(getattr(self.obj, name))
        good: list[str] = []
        ok = True
        for index, raw in enumerate(values):
            value = entity_id_of(raw)
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if is_valid_id(value):
                assert isinstance(value, str)
                good.append(value)
            else:
                ok = False
                self.problem(
                    f"{name}[{index}]",
                    "id.invalid",
                    unprintable_id(f"'{name}[{index}]'", value)
                    or Message(
                        N_("each of '{field}' must be an id without spaces (got {value})"),
                        field=name,
                        value=as_found(value),
                    ),
                )
        result = tuple(good)
        if ok:
            self._set(name, result)
        return result

    def text(self, name: str, *, required: bool = True) -> str | None:
        """Check that field ``name`` holds text (non-empty when ``required``)."""
        value = getattr(self.obj, name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
            self._set(name, value)
        if not isinstance(value, str):
            self.problem(
                name,
                "field.type",
                Message(
                    N_("'{field}' must be text (got {value})"), field=name, value=as_found(value)
                ),
            )
            return None
        if not is_storable(value):
            self.problem(name, "field.format", surrogate_message(name))
            return None
        if required and not value.strip():
            self.problem(
                name,
                "field.empty",
                Message(
                    N_("'{field}' must not be empty; write a short {field} for a person to read"),
                    field=name,
                ),
            )
            return None
        return value

    def texts(self, name: str) -> tuple[str, ...]:
        """Check that field ``name`` holds a tuple of non-empty texts."""
        values = as_tuple(getattr(self.obj, name))
        ok = True
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                ok = False
                self.problem(
                    f"{name}[{index}]",
                    "field.type",
                    Message(
                        N_("each of '{field}' must be non-empty text (got {value})"),
                        field=name,
                        value=as_found(value),
                    ),
                )
            elif not is_storable(value):
                ok = False
                self.problem(
                    f"{name}[{index}]", "field.format", surrogate_message(f"{name}[{index}]")
                )
        if ok:
            self._set(name, values)
            return values  # type: ignore[return-value]
        return ()

    def number(self, name: str, *, optional: bool = False) -> float | None:
        """Check that field ``name`` holds a finite number; store it as a float."""
        value = getattr(self.obj, name)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            self.problem(
                name,
                "field.type",
                Message(
                    N_("'{field}' must be a number (got {value})"),
                    field=name,
                    value=as_found(value),
                ),
            )
            return None
        try:
            number = float(value)
        except OverflowError:  # an int past a float's range
            number = math.inf
        if not math.isfinite(number):
            self.problem(
                name,
                "value.range",
                Message(
                    N_("'{field}' must be a finite number, not NaN or infinity (got {value})"),
                    field=name,
                    value=as_found(value),
                ),
            )
            return None
        self._set(name, number)
        return number

    def date(self, name: str, *, optional: bool = False) -> dt.date | None:
        """Check that field ``name`` holds a date; ISO text and datetimes are converted."""
        value = getattr(self.obj, name)
        if value is None and optional:
            return None
        result: dt.date | None = None
        if isinstance(value, dt.datetime):
            result = value.date()
        elif isinstance(value, dt.date):
            result = value
        elif isinstance(value, str):
            try:
                result = dt.date.fromisoformat(value.strip())
            except ValueError:
                result = None
        if result is None:
            self.problem(name, "field.format", not_a_date(name, value))
            return None
        if result is not value:
            self._set(name, result)
        return result

    def choice(self, name: str, enum_type: type[_E], *, optional: bool = False) -> _E | None:
        """Check that field ``name`` holds a member of ``enum_type`` (or its value)."""
        value = getattr(self.obj, name)
        if value is None and optional:
            return None
        if isinstance(value, enum_type):
            return value
        try:
            member = enum_type(value.strip().lower() if isinstance(value, str) else value)
        except (ValueError, TypeError):
            self.problem(name, "field.choice", not_one_of(name, enum_type, value))
            return None
        self._set(name, member)
        return member

    def instances(self, name: str, kind: type) -> None:
        """Check that each item of the tuple in field ``name`` is a ``kind``."""
        for index, item in enumerate(getattr(self.obj, name)):
            if not isinstance(item, kind):
                self.problem(f"{name}[{index}]", "field.type", wrong_item(name, kind, item))

    def record(self, name: str, cls: type, *, optional: bool = False) -> None:
        """Check that field ``name`` holds a ``cls`` record (a metric, a final grade)."""
        value = getattr(self.obj, name)
        if not isinstance(value, cls) and not (optional and value is None):
            self.problem(name, "field.type", wrong_record(name, cls, value))

    def positive(self, name: str) -> float | None:
        """Check that field ``name`` holds a finite number greater than 0."""
        number = self.number(name)
        if number is not None and number <= 0:
            self.problem(
                name,
                "value.range",
                Message(
                    N_("'{field}' must be greater than 0 (got {value:g})"),
                    field=name,
                    value=number,
                ),
            )
            return None
        return number

    def weight(self, name: str) -> float | None:
        """Check that field ``name`` holds a weight: above 0, at most :data:`MAX_WEIGHT`."""
        number = self.positive(name)
        if number is not None and number > MAX_WEIGHT:
            self.problem(
                name,
                "value.range",
                Message(
                    N_(
                        "'{field}' must be at most {most:g} (got {value:g}); weights only "
                        "compare, so divide them all by the same number"
                    ),
                    field=name,
                    most=MAX_WEIGHT,
                    value=number,
                ),
            )
            return None
        return number


DateLike = dt.date | str
"""A day as okrkit takes it: a date, a datetime (a pandas ``Timestamp`` is one) or ISO text."""


def as_date(value: object, name: str = "as_of") -> dt.date:
    """Read ``value`` as a day.

    Takes a date, a datetime, a pandas ``Timestamp``, ISO text or a numpy ``datetime64``.

    Args:
        value: What the caller passed.
        name: The argument's name, for the error message.

    Raises:
        ValidationError: for anything else, naming ``name``.

    Examples:
        >>> as_date("2026-03-20"), as_date(dt.datetime(2026, 3, 20, 9, 30))
        (datetime.date(2026, 3, 20), datetime.date(2026, 3, 20))
    """
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):  # pandas' Timestamp is a datetime too
        return value.date()
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    elif type(value).__name__ == "datetime64":
        text = str(value)[:10]
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValidationError(Problem("field.format", not_a_date(name, value), path=name))
