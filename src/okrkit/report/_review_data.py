"""The end-of-cycle review as data: final grades, the cycle in numbers, what drove it."""

from __future__ import annotations

import datetime as dt

import attrs

from okrkit.i18n import N_
from okrkit.model import Ambition
from okrkit.report._data import Band

__all__ = [
    "QUESTIONS",
    "CycleReview",
    "Driver",
    "Grade",
    "OwnerCount",
    "ReviewStats",
]

QUESTIONS: tuple[str, ...] = (
    N_("Graded honestly, key result by key result: which did we reach, and which not?"),
    N_(
        "What helped where we succeeded: the timing, the strategy, better work between "
        "departments, or an initiative?"
    ),
    N_("What held us back: which obstacles were in the system rather than in the effort?"),
    N_("What surprised us, and what do we write down so that next cycle's goals are clearer?"),
    N_("Whose progress do we recognise, even where the goal was not fully met?"),
)
"""Source 003's retrospective questions, untranslated (``gettext`` them to show)."""


@attrs.frozen(kw_only=True)
class Grade:
    """The final grade of a key result or objective.

    Attributes:
        id: Its id.
        title: Its title.
        is_objective: Whether it is an objective (else a key result).
        ambition: The ambition it is judged by (its objective's, for a key result).
        grade: The final grade: the owner's where one was set, else the score.
        computed: The score okrkit computed.
        owner_set: Whether an owner set the grade.
        reason: The reason given with an owner's grade.
        bar: What it is judged against: 1.0 committed, 0.7 aspirational.
        achieved: Whether the grade reaches the bar.
        band: The band of the grade.
        objective: For a key result, its objective's id; ``None`` for an objective.
    """

    id: str
    title: str
    is_objective: bool
    ambition: Ambition
    grade: float
    computed: float
    owner_set: bool
    reason: str | None
    bar: float
    achieved: bool
    band: Band
    objective: str | None = None


@attrs.frozen(kw_only=True)
class OwnerCount:
    """A number about one owner (a team, department or person).

    Attributes:
        id: The owner's id.
        name: The owner's name.
        value: The number: net confidence in percent points.
    """

    id: str
    name: str
    value: float


@attrs.frozen(kw_only=True)
class ReviewStats:
    """The cycle in numbers.

    Attributes:
        objectives: How many objectives were graded.
        achieved: How many of them reached their bar.
        bands: How many objectives fell in each band, every band present.
        net_confidence: Each owner's net confidence (percent of its key results on
            track minus percent off track), highest first.
        without_okrs: The teams and departments (id, name) with no objective in the
            cycle.
    """

    objectives: int
    achieved: int
    bands: dict[Band, int]
    net_confidence: tuple[OwnerCount, ...]
    without_okrs: tuple[tuple[str, str], ...]

    @property
    def share_achieved(self) -> float:
        """The share of objectives that reached their bar (0 with none)."""
        return self.achieved / self.objectives if self.objectives else 0.0


@attrs.frozen(kw_only=True)
class Driver:
    """What drove an objective's score: its key results by what each contributed.

    Attributes:
        id: The objective's id.
        title: Its title.
        grade: Its final grade.
        contributions: ``(id, title, share)`` of each key result, largest first: the
            part of the objective's score that key result brought (weight times score
            over the total weight).
    """

    id: str
    title: str
    grade: float
    contributions: tuple[tuple[str, str, float], ...]


@attrs.frozen(kw_only=True)
class CycleReview:
    """The end-of-cycle review of one cycle.

    Attributes:
        as_of: The report's date (the cycle's end, or later).
        cycle: The cycle's name.
        cycle_id: The cycle's id.
        grades: Each objective's grade followed by its key results' grades, in
            alignment order.
        stats: The cycle in numbers.
        drivers: What drove each objective's score, company objectives first.
        questions: The retrospective questions, untranslated (see :data:`QUESTIONS`).
    """

    as_of: dt.date
    cycle: str
    cycle_id: str
    grades: tuple[Grade, ...]
    stats: ReviewStats
    drivers: tuple[Driver, ...]
    questions: tuple[str, ...] = QUESTIONS
