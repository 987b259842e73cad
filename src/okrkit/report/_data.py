"""The reports as data: what a renderer shows, and nothing about how; here the scorecard.

Every class here is frozen and holds numbers, dates, ids, titles and enum members,
never text formatted for a locale: a renderer formats them when it runs, in the
active locale, so one report renders in Vietnamese and in English alike. Titles and
names are the user's own text, unescaped; each renderer escapes them for its syntax.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from okrkit.i18n import N_
from okrkit.model import Ambition, Level, Metric, Status
from okrkit.model._enums import LabelledEnum

__all__ = [
    "Band",
    "ForecastLine",
    "KeyResultLine",
    "ObjectiveLine",
    "ScorecardReport",
    "Trend",
]


class Band(LabelledEnum):
    """The band of a 0.0-1.0 grade: red 0.0-0.3, yellow 0.4-0.6, green 0.7-1.0.

    The codes (``off_track``, ``progress``, ``delivered``) are the scorecard's own
    (:func:`okrkit.scoring.band_code`); the labels name the colours.
    """

    OFF_TRACK = "off_track"
    PROGRESS = "progress"
    DELIVERED = "delivered"

    # Named by colour, as Google and Atlassian draw them: "delivered" or "off track" would
    # read as a result or a status, which a band of a mid-cycle score is not.
    __labels__: ClassVar = {
        OFF_TRACK: N_("red band"),
        PROGRESS: N_("yellow band"),
        DELIVERED: N_("green band"),
    }

    @classmethod
    def of(cls, grade: float) -> Band:
        """The band of ``grade``, rounded to one decimal as source 003 grades.

        Examples:
            >>> Band.of(0.72).value, Band.of(0.45).value, Band.of(0.34).value
            ('delivered', 'progress', 'off_track')
        """
        rounded = round(grade + 1e-9, 1)
        if rounded >= 0.7:
            return cls.DELIVERED
        if rounded >= 0.4:
            return cls.PROGRESS
        return cls.OFF_TRACK


class Trend(LabelledEnum):
    """Which way a confidence moved between the last two check-ins that gave one."""

    RISING = "rising"
    STEADY = "steady"
    FALLING = "falling"

    __labels__: ClassVar = {
        RISING: N_("rising"),
        STEADY: N_("steady"),
        FALLING: N_("falling"),
    }


# -- the scorecard ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ForecastLine:
    """Where the check-ins project a key result or objective by the end of its period.

    Attributes:
        score: The score the projected values would give, in [0, 1].
        band: Its band.
        on: The day projected to (a key result's due date or the cycle's end); for an
            objective, the latest of its key results' days.
        value: For a key result, the projected value; ``None`` for an objective.
        misses: Whether the projection falls short of what the ambition asks (1.0 for a
            committed objective, 0.7 for an aspirational one).
    """

    score: float
    band: Band
    on: dt.date
    value: float | None = None
    misses: bool = False


@attrs.frozen(kw_only=True)
class KeyResultLine:
    """One key result of the scorecard.

    Attributes:
        id: The key result's id.
        title: Its title.
        owners: Its owners' names (ids where an owner is not listed in the set).
        metric: Its metric, for formatting start, latest and target by unit.
        start: Where it started (``None`` for a milestone).
        latest: The latest value reported by the report's date, ``None`` before any.
        latest_on: The day of that value.
        target: Where it should end (``None`` for a milestone).
        score: Its score in [0, 1].
        band: The band of the score.
        status: Its status.
        expected: The progress expected by now.
        confidence: The latest confidence (1-5), ``None`` when none was given.
        trend: How the confidence moved since the check-in before, ``None`` with fewer
            than two confidences.
        forecast: Its forecast, ``None`` with fewer than two check-ins or for a
            milestone.
        final_grade: The owner's final grade, when one was set.
        reason: The reason given with it.
    """

    id: str
    title: str
    owners: tuple[str, ...]
    metric: Metric
    start: float | None
    latest: float | None
    latest_on: dt.date | None
    target: float | None
    score: float
    band: Band
    status: Status
    expected: float
    confidence: int | None
    trend: Trend | None
    forecast: ForecastLine | None
    final_grade: float | None = None
    reason: str | None = None


@attrs.frozen(kw_only=True)
class ObjectiveLine:
    """One objective of the scorecard, over its key results.

    Attributes:
        id: The objective's id.
        title: Its title.
        level: Company, department, team or individual.
        ambition: Committed or aspirational.
        owner: Its owner's name (the id where the owner is not listed).
        owner_id: Its owner's id.
        cycle: The name of its cycle.
        parent: The id of the objective it is aligned to (directly, or through one of
            that objective's key results), ``None`` for a root.
        depth: How far below a root of the alignment it sits (0 for a root).
        score: Its score in [0, 1].
        band: The band of the score.
        status: Its status.
        expected: The progress expected by now.
        confidence: The weighted mean confidence of what counts toward it.
        trend: How that confidence moved over the last week, when known.
        forecast: Its forecast: the roll-up of its key results' projections.
        key_results: Its key results, in the order of the file.
    """

    id: str
    title: str
    level: Level
    ambition: Ambition
    owner: str
    owner_id: str
    cycle: str
    parent: str | None
    depth: int
    score: float
    band: Band
    status: Status
    expected: float
    confidence: float | None
    trend: Trend | None
    forecast: ForecastLine | None
    key_results: tuple[KeyResultLine, ...]


@attrs.frozen(kw_only=True)
class ScorecardReport:
    """Every objective in alignment order, scored on one date.

    Attributes:
        as_of: The report's date.
        strategy: The scoring strategy's name.
        cycles: The names of the cycles the objectives belong to, in the set's order.
        objectives: The objectives: each root, then what is aligned to it, depth first.
        burnup: For each objective id, its score at weekly points from its cycle's start
            to the report's date (the last point is the date itself).
        periods: For each objective id, its cycle's start and end (where a burn-up
            chart's expected-pace line runs from 0 to 1.0).
    """

    as_of: dt.date
    strategy: str
    cycles: tuple[str, ...]
    objectives: tuple[ObjectiveLine, ...]
    burnup: dict[str, tuple[tuple[dt.date, float], ...]] = attrs.field(factory=dict)
    periods: dict[str, tuple[dt.date, dt.date]] = attrs.field(factory=dict)

    def objective(self, ident: str) -> ObjectiveLine:
        """The line of objective ``ident``.

        Raises:
            KeyError: when the report has no such objective.
        """
        for line in self.objectives:
            if line.id == ident:
                return line
        raise KeyError(ident)
