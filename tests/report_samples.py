"""Reports built by hand for renderer tests: every list filled, the user's text chosen.

:func:`reports_with` returns a scorecard, a weekly digest and a cycle review in which
every piece of the user's text (titles, ids, names, cycle names, notes, reasons) is
the given text, so a test can check that each renderer escapes it wherever it appears.
Tests import it with ``from report_samples import reports_with``.
"""

from __future__ import annotations

import datetime as dt

from okrkit import Ambition, Level, Metric, Status
from okrkit.report import (
    QUESTIONS,
    Band,
    BlockedDependency,
    ConfidenceDrop,
    CycleReview,
    Driver,
    ForecastLine,
    ForecastMiss,
    Grade,
    KeyResultLine,
    Lever,
    Movement,
    ObjectiveLine,
    OwnerCount,
    ReviewStats,
    ScorecardReport,
    Slip,
    Stale,
    Trend,
    WeeklyDigest,
)

AS_OF = dt.date(2026, 3, 20)
END = dt.date(2026, 3, 31)
MONEY = Metric(kind="increase", start=0, target=3_000_000, unit="currency", currency="VND")
SHARE = Metric(kind="increase", start=20, target=50, unit="percent")


def scorecard_with(text: str) -> ScorecardReport:
    """A scorecard of two objectives (one aligned below the other) written in ``text``."""
    money = KeyResultLine(
        id=text,
        title=text,
        owners=(text, text),
        metric=MONEY,
        start=0,
        latest=1_500_000,
        latest_on=dt.date(2026, 3, 13),
        target=3_000_000,
        score=0.5,
        band=Band.PROGRESS,
        status=Status.AT_RISK,
        expected=0.8,
        confidence=2,
        trend=Trend.FALLING,
        forecast=ForecastLine(score=0.6, band=Band.PROGRESS, on=END, value=1_800_000.4),
    )
    share = KeyResultLine(
        id="kr-share",
        title="Share " + text,
        owners=(),
        metric=SHARE,
        start=20,
        latest=None,
        latest_on=None,
        target=50,
        score=0.0,
        band=Band.OFF_TRACK,
        status=Status.NOT_STARTED,
        expected=0.8,
        confidence=None,
        trend=None,
        forecast=None,
    )
    root = ObjectiveLine(
        id=text,
        title=text,
        level=Level.COMPANY,
        ambition=Ambition.COMMITTED,
        owner=text,
        owner_id="co",
        cycle=text,
        parent=None,
        depth=0,
        score=0.25,
        band=Band.OFF_TRACK,
        status=Status.OFF_TRACK,
        expected=0.8,
        confidence=2.0,
        trend=Trend.FALLING,
        forecast=ForecastLine(score=0.3, band=Band.OFF_TRACK, on=END, misses=True),
        key_results=(money, share),
    )
    child = ObjectiveLine(
        id="obj-child",
        title="Child " + text,
        level=Level.TEAM,
        ambition=Ambition.ASPIRATIONAL,
        owner="Team",
        owner_id="team",
        cycle="Q2 " + text,
        parent=text,
        depth=1,
        score=0.5,
        band=Band.PROGRESS,
        status=Status.ON_TRACK,
        expected=0.5,
        confidence=None,
        trend=None,
        forecast=None,
        key_results=(share,),
    )
    return ScorecardReport(
        as_of=AS_OF, strategy="linear", cycles=(text, "Q2 " + text), objectives=(root, child)
    )


def digest_with(text: str) -> WeeklyDigest:
    """A weekly digest with one item in every list, written in ``text``."""
    return WeeklyDigest(
        as_of=AS_OF,
        since=dt.date(2026, 3, 13),
        cycles=(text,),
        moved=(
            Movement(
                id=text,
                title=text,
                metric=MONEY,
                before=None,
                after=900_000,
                score_before=0.0,
                score_after=0.3,
            ),
        ),
        slipped=(
            Slip(
                id=text,
                title=text,
                is_objective=True,
                before=Status.ON_TRACK,
                after=Status.AT_RISK,
            ),
        ),
        stale=(Stale(id=text, title=text, owners=(text,), last_on=None, days=78),),
        stale_days=14,
        confidence_falls=(ConfidenceDrop(id=text, title=text, before=4, after=2),),
        forecast_misses=(
            ForecastMiss(id=text, title=text, ambition=Ambition.COMMITTED, forecast=0.8, bar=1.0),
        ),
        blocked=(
            BlockedDependency(
                dependent=text,
                dependent_title=text,
                on=text,
                on_title=text,
                status=Status.OFF_TRACK,
                note=text,
            ),
        ),
        levers=(Lever(id=text, title=text, key_results=((text, text, 0.125),)),),
    )


def review_with(text: str) -> CycleReview:
    """A cycle review with an owner's grade and its reason, written in ``text``."""
    objective = Grade(
        id=text,
        title=text,
        is_objective=True,
        ambition=Ambition.ASPIRATIONAL,
        grade=0.72,
        computed=0.72,
        owner_set=False,
        reason=None,
        bar=0.7,
        achieved=True,
        band=Band.DELIVERED,
    )
    key_result = Grade(
        id="kr-" + text,
        title="KR " + text,
        is_objective=False,
        ambition=Ambition.ASPIRATIONAL,
        grade=0.6,
        computed=0.45,
        owner_set=True,
        reason=text,
        bar=0.7,
        achieved=False,
        band=Band.PROGRESS,
        objective=text,
    )
    return CycleReview(
        as_of=END,
        cycle=text,
        cycle_id="2026-Q1",
        grades=(objective, key_result),
        stats=ReviewStats(
            objectives=1,
            achieved=1,
            bands={Band.OFF_TRACK: 0, Band.PROGRESS: 0, Band.DELIVERED: 1},
            net_confidence=(OwnerCount(id=text, name=text, value=-33.3),),
            without_okrs=((text, text),),
        ),
        drivers=(Driver(id=text, title=text, grade=0.72, contributions=((text, text, 0.4),)),),
        questions=QUESTIONS,
    )


def reports_with(text: str) -> tuple[ScorecardReport, WeeklyDigest, CycleReview]:
    """The three reports, each written in ``text`` wherever the user's text goes."""
    return scorecard_with(text), digest_with(text), review_with(text)
