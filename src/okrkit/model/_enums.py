"""The enumerations of the OKR vocabulary.

Each member's value is the lowercase word used in files; :attr:`label` gives the
word a person reads, in the active locale.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping
from typing import ClassVar

from okrkit.errors import Message, Problem, ValidationError
from okrkit.errors._message import as_found
from okrkit.i18n import N_, gettext

__all__ = [
    "Ambition",
    "Confidence",
    "InitiativeStatus",
    "Labelled",
    "LabelledEnum",
    "Level",
    "LinkKind",
    "MetricKind",
    "OwnerKind",
    "Status",
    "Unit",
]


class Labelled:
    """Mixin for an enum whose members have a name for a person, in the active locale.

    The enum lists each member's untranslated label, marked with ``N_()``, in a
    ``__labels__`` mapping at the end of its body. Inside the class body a member's
    name still stands for its plain value, and a member of a string or integer enum
    looks up like its value, so the mapping reads member by member:

    Examples:
        >>> class Light(Labelled, enum.IntEnum):
        ...     RED = 1
        ...     GREEN = 2
        ...     __labels__ = {RED: N_("red"), GREEN: N_("green")}
        >>> Light.GREEN.label
        'green'
    """

    __labels__: ClassVar[Mapping[object, str]]
    """Each member (by its value) -> its label, untranslated (marked with ``N_()``)."""

    @property
    def label(self) -> str:
        """The member's name for a person, in the active locale."""
        return gettext(self.__labels__[self])

    @property
    def label_message(self) -> Message:
        """The member's name for a person, put into a language when shown (in a message)."""
        return Message(self.__labels__[self])


class LabelledEnum(Labelled, enum.StrEnum):
    """A string enum whose members have a label (see :class:`Labelled`)."""

    @classmethod
    def choices(cls) -> str:
        """The accepted values, comma separated, for error messages."""
        return ", ".join(member.value for member in cls)


class MetricKind(LabelledEnum):
    """How a key result's metric counts as progress.

    - ``increase``: from a start up to a higher target.
    - ``decrease``: from a start down to a lower target.
    - ``at_least``: stay at or above the target.
    - ``at_most``: stay at or below the target.
    - ``milestone``: done or not; a check-in of 1 means done, 0 not done.
    """

    INCREASE = "increase"
    DECREASE = "decrease"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MILESTONE = "milestone"

    __labels__: ClassVar = {
        INCREASE: N_("increase"),
        DECREASE: N_("decrease"),
        AT_LEAST: N_("at least"),
        AT_MOST: N_("at most"),
        MILESTONE: N_("milestone"),
    }


class Unit(LabelledEnum):
    """What a metric's numbers count.

    - ``percent``: percentage points (35 means 35%).
    - ``count``: a plain number of things.
    - ``currency``: money, with the ISO 4217 code in :attr:`Metric.currency`.
    - ``duration_days``, ``duration_hours``, ``duration_minutes``: a length of time,
      never negative, in days, hours or minutes (a deployment that takes 20 minutes).
    - ``score``: a score, optionally on a :attr:`Metric.scale` such as 0-10.
    """

    PERCENT = "percent"
    COUNT = "count"
    CURRENCY = "currency"
    DURATION_DAYS = "duration_days"
    DURATION_HOURS = "duration_hours"
    DURATION_MINUTES = "duration_minutes"
    SCORE = "score"

    __labels__: ClassVar = {
        PERCENT: N_("percent"),
        COUNT: N_("count"),
        CURRENCY: N_("currency"),
        DURATION_DAYS: N_("days"),
        DURATION_HOURS: N_("hours"),
        DURATION_MINUTES: N_("minutes"),
        SCORE: N_("score"),
    }


class Level(LabelledEnum):
    """Where an objective sits in the organisation."""

    COMPANY = "company"
    DEPARTMENT = "department"
    TEAM = "team"
    INDIVIDUAL = "individual"

    __labels__: ClassVar = {
        COMPANY: N_("company"),
        DEPARTMENT: N_("department"),
        TEAM: N_("team"),
        INDIVIDUAL: N_("individual"),
    }


class OwnerKind(LabelledEnum):
    """What kind of owner a unit or person is."""

    COMPANY = "company"
    DEPARTMENT = "department"
    TEAM = "team"
    PERSON = "person"

    __labels__: ClassVar = {
        COMPANY: N_("company"),
        DEPARTMENT: N_("department"),
        TEAM: N_("team"),
        PERSON: N_("person"),
    }


class Ambition(LabelledEnum):
    """How an objective's result is judged at the end of a cycle.

    - ``committed``: expected to reach 1.0; a miss needs an explanation.
    - ``aspirational``: a stretch; about 0.7 counts as success.
    """

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"

    __labels__: ClassVar = {COMMITTED: N_("committed"), ASPIRATIONAL: N_("aspirational")}


class LinkKind(LabelledEnum):
    """What an alignment link means for the parent's score.

    - ``contributes``: the child counts toward the parent's score.
    - ``supports``: the link is shown but not counted.
    """

    CONTRIBUTES = "contributes"
    SUPPORTS = "supports"

    __labels__: ClassVar = {CONTRIBUTES: N_("contributes"), SUPPORTS: N_("supports")}


class InitiativeStatus(LabelledEnum):
    """Where an initiative's work stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    __labels__: ClassVar = {
        PLANNED: N_("planned"),
        IN_PROGRESS: N_("in progress"),
        DONE: N_("done"),
        DROPPED: N_("dropped"),
    }


class Status(LabelledEnum):
    """Where a key result or objective stands against its pace.

    During the cycle: not started, on track, at risk, off track or done. Once the
    cycle has ended the status is final: ``achieved`` or ``missed``, a committed
    objective (and its key results) judged against 1.0 and an aspirational one
    against 0.7.
    """

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    DONE = "done"
    ACHIEVED = "achieved"
    MISSED = "missed"

    __labels__: ClassVar = {
        NOT_STARTED: N_("not started"),
        ON_TRACK: N_("on track"),
        AT_RISK: N_("at risk"),
        OFF_TRACK: N_("off track"),
        DONE: N_("done"),
        ACHIEVED: N_("achieved"),
        MISSED: N_("missed"),
    }


class Confidence(Labelled, enum.IntEnum):
    """How sure the owner is of reaching a key result, on a 1-5 scale.

    The traffic-light words many teams use map onto the scale: ``red`` is 1,
    ``yellow`` 3 and ``green`` 5, in Vietnamese ``đỏ``, ``vàng`` and ``xanh`` (or
    ``xanh lá``). :meth:`parse` accepts either form.

    Examples:
        >>> Confidence.parse("yellow"), Confidence.parse("Vàng"), Confidence.parse("xanh la")
        (<Confidence.MEDIUM: 3>, <Confidence.MEDIUM: 3>, <Confidence.VERY_HIGH: 5>)
        >>> Confidence.parse(4).label
        'high'
    """

    VERY_LOW = 1
    LOW = 2
    MEDIUM = 3
    HIGH = 4
    VERY_HIGH = 5

    __labels__: ClassVar = {
        VERY_LOW: N_("very low"),
        LOW: N_("low"),
        MEDIUM: N_("medium"),
        HIGH: N_("high"),
        VERY_HIGH: N_("very high"),
    }

    @classmethod
    def parse(cls, value: object) -> Confidence:
        """Read a confidence from 1-5 (int or digit string) or a traffic-light word.

        The words are red, yellow, green and đỏ, vàng, xanh (or xanh lá), in any
        case, the Vietnamese ones with or without tone marks (``do``, ``vang``).

        Raises:
            ValidationError: (a ``ValueError``) for anything else, saying what is accepted.

        Examples:
            >>> Confidence.parse("purple")
            Traceback (most recent call last):
            ...
            okrkit.errors.ValidationError: 'confidence' must be 1-5 or one of red, yellow, green (got 'purple')
        """  # noqa: E501
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            word = _traffic_light_key(value)
            if word in _TRAFFIC_LIGHTS:
                return cls(_TRAFFIC_LIGHTS[word])
            if word.isdecimal() and len(word) <= 8:  # not "²", nor more digits than int() reads
                value = int(word)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
            return cls(value)
        if isinstance(value, float) and value.is_integer() and 1 <= value <= 5:
            return cls(int(value))
        raise ValidationError(
            Problem(
                "value.range",
                Message(
                    N_("'confidence' must be 1-5 or one of red, yellow, green (got {value})"),
                    value=as_found(value),
                ),
            )
        )


def _traffic_light_key(word: str) -> str:
    """``word`` as :data:`_TRAFFIC_LIGHTS` holds it: lower case, no tone marks, ``đ`` as ``d``."""
    plain = unicodedata.normalize("NFD", word.strip().lower().replace("đ", "d"))
    return " ".join("".join(char for char in plain if not unicodedata.combining(char)).split())


# The traffic-light words of a confidence, by _traffic_light_key: English and Vietnamese.
_TRAFFIC_LIGHTS = {
    "red": 1,
    "yellow": 3,
    "green": 5,
    "do": 1,  # đỏ
    "vang": 3,  # vàng
    "xanh": 5,
    "xanh la": 5,  # xanh lá
}
