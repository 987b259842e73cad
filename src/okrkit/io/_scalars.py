"""Plain and tagged YAML scalars, read as YAML 1.2's core schema reads them, plus dates.

Booleans are only ``true`` and ``false``; numbers have no sexagesimal (``1:30``) or
0-prefix octal (``017``) forms, and ``1e6`` is a number. A value with an explicit tag
must be of that tag (``!!int abc`` is refused, with its line).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from okrkit.errors import LoadError, Message, Problem, Shown
from okrkit.i18n import N_

__all__ = [
    "FLOAT",
    "INT",
    "INT_BASED",
    "TAG",
    "refuse",
    "resolve_plain",
    "tagged",
    "too_many_digits",
]

TAG = _TAG = "tag:yaml.org,2002:"
"""The prefix of YAML's own tags."""
_CONSTRUCTOR = SafeConstructor()
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("null", "Null", "NULL", "~", ""), None),
}
_NUMERIC_FIRST = frozenset("-+.0123456789")
# YAML 1.2 core schema numbers (underscores between digits read as before, and ignored).
INT = re.compile(r"[-+]?[0-9][0-9_]*\Z")
INT_BASED = re.compile(r"0(?:o[0-7_]+|x[0-9a-fA-F_]+)\Z")
FLOAT = re.compile(r"[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIALFLOATS: dict[str, float] = {
    **{
        sign + word: value
        for word in (".inf", ".Inf", ".INF")
        for sign, value in (("", math.inf), ("+", math.inf), ("-", -math.inf))
    },
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
}
_SIMPLE_INT = re.compile(r"[-+]?[0-9]{1,18}\Z")
_SIMPLE_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+\Z")
_SIMPLE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIMESTAMP: re.Pattern[str] = next(
    regexp for tag, regexp in Resolver.yaml_implicit_resolvers["1"] if tag == _TAG + "timestamp"
)


_NOT_READ = object()
"""What :func:`_number` gives for text that is not a number."""


def _number(value: str) -> Any:
    """The YAML 1.2 integer or float ``value`` spells, or :data:`_NOT_READ`."""
    try:
        if INT.match(value):
            return int(value.replace("_", ""))
        if INT_BASED.match(value):
            return int(value[2:].replace("_", ""), 8 if value[1] == "o" else 16)
        if FLOAT.match(value):
            return float(value.replace("_", ""))
    except ValueError:  # "1_.5" and such
        return _NOT_READ
    return _SPECIALFLOATS.get(value, _NOT_READ)


def _timestamp(value: str) -> Any:
    """The date or datetime ``value`` spells, or :data:`_NOT_READ`."""
    try:
        if _SIMPLE_DATE.match(value):
            return dt.date.fromisoformat(value)
        if _TIMESTAMP.match(value):
            return _CONSTRUCTOR.construct_yaml_timestamp(
                yaml.ScalarNode(_TAG + "timestamp", value)
            )
    except ValueError:  # a date that does not exist (2026-02-30)
        return _NOT_READ
    return _NOT_READ


def resolve_plain(value: str) -> Any:
    """The value of a plain (unquoted) scalar as YAML 1.2 reads it, plus dates.

    Booleans are only ``true`` and ``false``; numbers have no sexagesimal (``1:30``)
    or 0-prefix octal (``017`` is 17) forms, and ``1e6`` is a number. A date that
    does not exist stays text, for the model to report where a date belongs.

    Examples:
        >>> resolve_plain("on"), resolve_plain("1_000"), resolve_plain("2026-01-09")
        ('on', 1000, datetime.date(2026, 1, 9))
        >>> resolve_plain("1:30"), resolve_plain("017"), resolve_plain("1e6")
        ('1:30', 17, 1000000.0)
    """
    if value[:1] not in _NUMERIC_FIRST:
        return _WORDS.get(value, value)
    if _SIMPLE_INT.match(value):  # the common forms first, for speed
        return int(value)
    if _SIMPLE_FLOAT.match(value):
        return float(value)
    if _SIMPLE_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # a date that does not exist (2026-02-30)
            return value
    number = _number(value)
    if number is _NOT_READ:
        number = _timestamp(value)
    return value if number is _NOT_READ else number


def too_many_digits(value: str, digits: int) -> bool:
    """Whether ``value`` is an integer of more than ``digits`` digits."""
    return len(value) > digits and bool(INT.match(value) or INT_BASED.match(value))


_TAG_NAMES = {
    _TAG + "int": N_("an integer"),
    _TAG + "float": N_("a number"),
    _TAG + "timestamp": N_("a date"),
    _TAG + "bool": N_("true or false"),
    _TAG + "null": N_("null"),
}


def tagged(tag: str, value: str, line: int) -> Any:
    """The value of a scalar with an explicit tag; a value not of its tag is refused."""
    if tag in ("!", _TAG + "str"):
        return value
    read: Any = _NOT_READ
    if tag == _TAG + "int" and (INT.match(value) or INT_BASED.match(value)):
        read = _number(value)
    elif tag == _TAG + "float":
        read = _number(value)
        read = float(read) if isinstance(read, int) else read
    elif tag == _TAG + "timestamp":
        read = _timestamp(value)
    elif tag == _TAG + "bool" and isinstance(_WORDS.get(value), bool):
        read = _WORDS[value]
    elif tag == _TAG + "null" and value in _WORDS and _WORDS[value] is None:
        read = None
    if read is not _NOT_READ:
        return read
    if tag in _TAG_NAMES:
        raise refuse(
            "value.invalid",
            Message(
                N_("{value} cannot be read as {kind}, as its tag {tag} says; fix or remove one"),
                value=Shown(value),
                kind=Message(_TAG_NAMES[tag]),
                tag=tag.replace(_TAG, "!!"),
            ),
            line,
        )
    raise refuse(
        "value.invalid",
        Message(
            N_("this is not valid YAML for okrkit: the tag {tag!r} is not allowed; remove it"),
            tag=Shown(tag),
        ),
        line,
    )


def refuse(code: str, message: Message, line: int | None) -> LoadError:
    """A LoadError at ``line``; the reader adds the file."""
    return LoadError(Problem(code, message, line=line))
