"""The words of the model's messages: the kinds of records, and messages shared by fields.

Kept apart from the checks of :mod:`okrkit.model._checks`, which use them, so that
each stays small; the check-in columns (:mod:`okrkit.checkins`) word their refusals with
them too.
"""

from __future__ import annotations

import enum

from okrkit.errors import Message, Shown
from okrkit.errors._message import as_found
from okrkit.i18n import N_

__all__ = [
    "described",
    "label_of",
    "not_a_date",
    "not_one_of",
    "surrogate_message",
    "unprintable_id",
    "wrong_item",
    "wrong_record",
]


def surrogate_message(field: str | Message) -> Message:
    """The message for text field ``field`` holding a lone surrogate."""
    return Message(
        N_(
            "'{field}' holds a lone surrogate (half of a UTF-16 pair, such as \\ud800), which "
            "is not a character and cannot be saved; remove it or decode the text as UTF-8"
        ),
        field=field,
    )


# What a message calls each record, by class name (the catalogue's too, read by io):
# the word alone, and with its article, for "(got an owner)".
_LABELS = {
    "Alignment": (N_("alignment link"), N_("an alignment link")),
    "CheckIn": (N_("check-in"), N_("a check-in")),
    "Cycle": (N_("cycle"), N_("a cycle")),
    "Dependency": (N_("dependency"), N_("a dependency")),
    "FinalGrade": (N_("final grade"), N_("a final grade")),
    "Initiative": (N_("initiative"), N_("an initiative")),
    "KeyResult": (N_("key result"), N_("a key result")),
    "KeyResultTemplate": (N_("key result"), N_("a key result")),
    "Localised": (N_("text in Vietnamese and English"), N_("a text in Vietnamese and English")),
    "Metric": (N_("metric"), N_("a metric")),
    "MetricTemplate": (N_("metric"), N_("a metric")),
    "Objective": (N_("objective"), N_("an objective")),
    "Owner": (N_("owner"), N_("an owner")),
    "Parameter": (N_("parameter"), N_("a parameter")),
    "Period": (N_("period"), N_("a period")),
    "PlannedValue": (N_("planned value"), N_("a planned value")),
    "Source": (N_("source"), N_("a source")),
    "Template": (N_("template"), N_("a template")),
}
_ENTRY = (N_("entry"), N_("an entry"))


def label_of(cls: type, *, article: bool = False) -> Message:
    """What a message calls a record of ``cls``: "key result" (or "a key result")."""
    return Message(_LABELS.get(cls.__name__, _ENTRY)[article])


def described(value: object) -> Message | Shown:
    """``value`` for a "(got ...)": a record by its kind ("an owner"), else quoted.

    Anything but a record reads as :func:`okrkit.errors._message.as_found` shows it.
    """
    if type(value).__name__ in _LABELS:
        return label_of(type(value), article=True)
    return as_found(value)


def unprintable_id(field: str | Message, value: object) -> Message | None:
    """The message for an id refused only for an unprintable character, naming it.

    ``field`` is how the message names the field, such as ``'owner'``. ``None``
    when ``value`` is no such id (empty, spaced, not text, or valid).
    """
    if not isinstance(value, str) or value.split() != [value]:
        return None
    bad = next((char for char in value if not char.isprintable()), None)
    if bad is None:
        return None
    return Message(
        N_(
            "{field} holds the unprintable character U+{code:04X}; an id takes printable "
            "characters only, such as 'kr-growth-1', so remove it (got {value})"
        ),
        field=field,
        code=ord(bad),
        value=as_found(value),
    )


def wrong_record(field: str, cls: type, value: object) -> Message:
    """The message for field ``field`` holding ``value`` where a ``cls`` record belongs."""
    return Message(
        N_("'{field}' must be {kind} (got {value})"),
        field=field,
        kind=label_of(cls, article=True),
        value=described(value),
    )


def wrong_item(field: str, cls: type, value: object) -> Message:
    """The message for an item ``value`` of list field ``field`` that is not a ``cls``."""
    return Message(
        N_("each of '{field}' must be {kind} (got {value})"),
        field=field,
        kind=label_of(cls, article=True),
        value=described(value),
    )


def not_one_of(field: str, kind: type[enum.Enum], value: object) -> Message:
    """The message for field ``field`` holding ``value``, none of the values of ``kind``."""
    return Message(
        N_("'{field}' must be one of {choices} (got {value})"),
        field=field,
        choices=", ".join(str(member.value) for member in kind),
        value=as_found(value),
    )


def not_a_date(field: str, value: object) -> Message:
    """The message for field ``field`` holding ``value``, which is no date."""
    return Message(
        N_("'{field}' must be a date written as YYYY-MM-DD (got {value})"),
        field=field,
        value=as_found(value),
    )
