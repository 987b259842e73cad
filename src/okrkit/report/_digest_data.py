"""The weekly digest as data: what changed in a week, and what needs attention."""

from __future__ import annotations

import datetime as dt

import attrs

from okrkit.model import Ambition, Metric, Status

__all__ = [
    "BlockedDependency",
    "ConfidenceDrop",
    "ForecastMiss",
    "Lever",
    "Movement",
    "Slip",
    "Stale",
    "WeeklyDigest",
]


@attrs.frozen(kw_only=True)
class Movement:
    """A key result whose value changed during the week.

    Attributes:
        id: The key result's id.
        title: Its title.
        metric: Its metric, to format the values.
        before: Its value when the week began, ``None`` without a check-in then.
        after: Its value at the report's date.
        score_before: Its score when the week began.
        score_after: Its score at the report's date.
    """

    id: str
    title: str
    metric: Metric
    before: float | None
    after: float
    score_before: float
    score_after: float


@attrs.frozen(kw_only=True)
class Slip:
    """A key result or objective whose status worsened to at risk or off track.

    Attributes:
        id: Its id.
        title: Its title.
        is_objective: Whether it is an objective (else a key result).
        before: Its status when the week began.
        after: Its status at the report's date.
    """

    id: str
    title: str
    is_objective: bool
    before: Status
    after: Status


@attrs.frozen(kw_only=True)
class Stale:
    """A key result with no check-in for too long while its cycle runs.

    Attributes:
        id: The key result's id.
        title: Its title.
        owners: Its owners' names.
        last_on: The day of its last check-in, ``None`` when it never had one.
        days: Days since then (since the cycle's start when it never had one).
    """

    id: str
    title: str
    owners: tuple[str, ...]
    last_on: dt.date | None
    days: int


@attrs.frozen(kw_only=True)
class ConfidenceDrop:
    """A key result whose confidence fell during the week.

    Attributes:
        id: The key result's id.
        title: Its title.
        before: The confidence (1-5) before.
        after: The confidence (1-5) at the report's date.
    """

    id: str
    title: str
    before: int
    after: int


@attrs.frozen(kw_only=True)
class ForecastMiss:
    """An objective whose forecast falls short of what its ambition asks.

    Attributes:
        id: The objective's id.
        title: Its title.
        ambition: Committed (judged against 1.0) or aspirational (against 0.7).
        forecast: The forecast score.
        bar: What it is judged against.
    """

    id: str
    title: str
    ambition: Ambition
    forecast: float
    bar: float


@attrs.frozen(kw_only=True)
class BlockedDependency:
    """A dependency whose other side is at risk or off track.

    Attributes:
        dependent: The id of what depends.
        dependent_title: Its title.
        on: The id of the key result or objective it depends on.
        on_title: That one's title.
        status: That one's status.
        note: The dependency's note.
    """

    dependent: str
    dependent_title: str
    on: str
    on_title: str
    status: Status
    note: str = ""


@attrs.frozen(kw_only=True)
class Lever:
    """The key results that would lift a company objective most.

    Attributes:
        id: The company objective's id.
        title: Its title.
        key_results: Up to three ``(id, title, gain)``: how much the objective's score
            would rise if that key result alone reached its target.
    """

    id: str
    title: str
    key_results: tuple[tuple[str, str, float], ...]


@attrs.frozen(kw_only=True)
class WeeklyDigest:
    """What changed in a week, and what needs attention.

    Attributes:
        as_of: The report's date.
        since: The day the week began (the changes are those after it).
        cycles: The names of the cycles running on the report's date.
        moved: Key results whose value changed, largest score change first.
        slipped: What worsened to at risk or off track.
        stale: Key results with no check-in for more than ``stale_days`` days.
        stale_days: The threshold for ``stale``.
        confidence_falls: Key results whose confidence fell.
        forecast_misses: Objectives whose forecast falls short.
        blocked: Dependencies on something at risk or off track.
        levers: For each company objective, the key results with most leverage.
    """

    as_of: dt.date
    since: dt.date
    cycles: tuple[str, ...]
    moved: tuple[Movement, ...]
    slipped: tuple[Slip, ...]
    stale: tuple[Stale, ...]
    stale_days: int
    confidence_falls: tuple[ConfidenceDrop, ...]
    forecast_misses: tuple[ForecastMiss, ...]
    blocked: tuple[BlockedDependency, ...]
    levers: tuple[Lever, ...]
