"""The enumerations of the OKR vocabulary.

Each member's value is the lowercase word used in files; :attr:`label` gives the
word a person reads, in the active locale.
"""

from __future__ import annotations

import enum

from okrkit.i18n import N_, gettext

__all__ = [
    "Ambition",
    "Confidence",
    "InitiativeStatus",
    "Level",
    "LinkKind",
    "MetricKind",
    "OwnerKind",
    "Status",
    "Unit",
]


class _Labelled(enum.StrEnum):
    """A string enum whose members know their human label."""

    @property
    def label(self) -> str:
        """The member's name for a person, in the active locale."""
        return gettext(_LABELS[type(self), self.value])

    @classmethod
    def choices(cls) -> str:
        """The accepted values, comma separated, for error messages."""
        return ", ".join(member.value for member in cls)


class MetricKind(_Labelled):
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


class Unit(_Labelled):
    """What a metric's numbers count.

    - ``percent``: percentage points (35 means 35%).
    - ``count``: a plain number of things.
    - ``currency``: money, with the ISO 4217 code in :attr:`Metric.currency`.
    - ``duration_days``: a length of time in days.
    - ``score``: a score, optionally on a :attr:`Metric.scale` such as 0-10.
    """

    PERCENT = "percent"
    COUNT = "count"
    CURRENCY = "currency"
    DURATION_DAYS = "duration_days"
    SCORE = "score"


class Level(_Labelled):
    """Where an objective sits in the organisation."""

    COMPANY = "company"
    DEPARTMENT = "department"
    TEAM = "team"
    INDIVIDUAL = "individual"


class OwnerKind(_Labelled):
    """What kind of owner a unit or person is."""

    COMPANY = "company"
    DEPARTMENT = "department"
    TEAM = "team"
    PERSON = "person"


class Ambition(_Labelled):
    """How an objective's result is judged at the end of a cycle.

    - ``committed``: expected to reach 1.0; a miss needs an explanation.
    - ``aspirational``: a stretch; about 0.7 counts as success.
    """

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class LinkKind(_Labelled):
    """What an alignment link means for the parent's score.

    - ``contributes``: the child counts toward the parent's score.
    - ``supports``: the link is shown but not counted.
    """

    CONTRIBUTES = "contributes"
    SUPPORTS = "supports"


class InitiativeStatus(_Labelled):
    """Where an initiative's work stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Status(_Labelled):
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


class Confidence(enum.IntEnum):
    """How sure the owner is of reaching a key result, on a 1-5 scale.

    The traffic-light words many teams use map onto the scale: ``red`` is 1,
    ``yellow`` 3 and ``green`` 5. :meth:`parse` accepts either form.

    Examples:
        >>> Confidence.parse("yellow")
        <Confidence.MEDIUM: 3>
        >>> Confidence.parse(4).label
        'high'
    """

    VERY_LOW = 1
    LOW = 2
    MEDIUM = 3
    HIGH = 4
    VERY_HIGH = 5

    @property
    def label(self) -> str:
        """The level's name for a person, in the active locale."""
        return gettext(_CONFIDENCE_LABELS[self.value])

    @classmethod
    def parse(cls, value: object) -> Confidence:
        """Read a confidence from 1-5 (int or digit string) or red/yellow/green.

        Raises:
            ValueError: for anything else.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _TRAFFIC_LIGHTS:
                return cls(_TRAFFIC_LIGHTS[word])
            if word.isdigit():
                value = int(word)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
            return cls(value)
        if isinstance(value, float) and value.is_integer() and 1 <= value <= 5:
            return cls(int(value))
        raise ValueError(value)


_TRAFFIC_LIGHTS = {"red": 1, "yellow": 3, "green": 5}

_CONFIDENCE_LABELS = {
    1: N_("very low"),
    2: N_("low"),
    3: N_("medium"),
    4: N_("high"),
    5: N_("very high"),
}

_LABELS: dict[tuple[type[_Labelled], str], str] = {
    (MetricKind, MetricKind.INCREASE.value): N_("increase"),
    (MetricKind, MetricKind.DECREASE.value): N_("decrease"),
    (MetricKind, MetricKind.AT_LEAST.value): N_("at least"),
    (MetricKind, MetricKind.AT_MOST.value): N_("at most"),
    (MetricKind, MetricKind.MILESTONE.value): N_("milestone"),
    (Unit, Unit.PERCENT.value): N_("percent"),
    (Unit, Unit.COUNT.value): N_("count"),
    (Unit, Unit.CURRENCY.value): N_("currency"),
    (Unit, Unit.DURATION_DAYS.value): N_("days"),
    (Unit, Unit.SCORE.value): N_("score"),
    (Level, Level.COMPANY.value): N_("company"),
    (Level, Level.DEPARTMENT.value): N_("department"),
    (Level, Level.TEAM.value): N_("team"),
    (Level, Level.INDIVIDUAL.value): N_("individual"),
    (OwnerKind, OwnerKind.COMPANY.value): N_("company"),
    (OwnerKind, OwnerKind.DEPARTMENT.value): N_("department"),
    (OwnerKind, OwnerKind.TEAM.value): N_("team"),
    (OwnerKind, OwnerKind.PERSON.value): N_("person"),
    (Ambition, Ambition.COMMITTED.value): N_("committed"),
    (Ambition, Ambition.ASPIRATIONAL.value): N_("aspirational"),
    (LinkKind, LinkKind.CONTRIBUTES.value): N_("contributes"),
    (LinkKind, LinkKind.SUPPORTS.value): N_("supports"),
    (InitiativeStatus, InitiativeStatus.PLANNED.value): N_("planned"),
    (InitiativeStatus, InitiativeStatus.IN_PROGRESS.value): N_("in progress"),
    (InitiativeStatus, InitiativeStatus.DONE.value): N_("done"),
    (InitiativeStatus, InitiativeStatus.DROPPED.value): N_("dropped"),
    (Status, Status.NOT_STARTED.value): N_("not started"),
    (Status, Status.ON_TRACK.value): N_("on track"),
    (Status, Status.AT_RISK.value): N_("at risk"),
    (Status, Status.OFF_TRACK.value): N_("off track"),
    (Status, Status.DONE.value): N_("done"),
    (Status, Status.ACHIEVED.value): N_("achieved"),
    (Status, Status.MISSED.value): N_("missed"),
}
