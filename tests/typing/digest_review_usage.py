"""The weekly digest and the end-of-cycle review as a user builds them, for mypy --strict.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import datetime as dt

import okrkit
from okrkit import Cycle, OKRSet, Status
from okrkit.report import (
    QUESTIONS,
    Band,
    CycleReview,
    Grade,
    Lever,
    Movement,
    OwnerCount,
    Slip,
    WeeklyDigest,
    build_digest,
    build_review,
)
from okrkit.scoring import Pace


def week(okrs: OKRSet) -> list[str]:
    """What slipped this week, and the biggest moves, as a manager's notes."""
    digest: WeeklyDigest = build_digest(okrs, as_of=dt.date(2026, 3, 20))
    other: WeeklyDigest = build_digest(
        okrs,
        as_of="2026-03-20",
        since="2026-03-06",
        stale_days=21,
        strategy="grade",
        pace=Pace(method="ratio"),
    )
    slips: tuple[Slip, ...] = digest.slipped
    notes = [f"{slip.id}: {slip.before.value} -> {slip.after.value}" for slip in slips]
    moved: tuple[Movement, ...] = other.moved
    notes += [f"{move.id} {move.score_after - move.score_before:+.2f}" for move in moved]
    notes += [f"{stale.id} {stale.days}" for stale in digest.stale if stale.last_on is None]
    troubled: list[Status] = [blocked.status for blocked in digest.blocked]
    levers: tuple[Lever, ...] = digest.levers
    notes += [ident for lever in levers for ident, _title, gain in lever.key_results if gain]
    notes += [str(len(troubled)), str(digest.since), *digest.cycles]
    return notes


def close(okrs: OKRSet, cycle: Cycle) -> float:
    """The share of objectives achieved, and who set grades by hand."""
    review: CycleReview = build_review(okrs, cycle=cycle)
    by_id: CycleReview = build_review(okrs, cycle="2026-Q1", as_of=dt.date(2026, 4, 2))
    grades: tuple[Grade, ...] = review.grades
    reasons: list[str] = [g.reason for g in grades if g.owner_set and g.reason is not None]
    bands: dict[Band, int] = review.stats.bands
    counts: tuple[OwnerCount, ...] = by_id.stats.net_confidence
    questions: tuple[str, ...] = QUESTIONS
    drivers = [share for d in review.drivers for _i, _t, share in d.contributions]
    assert reasons or bands or counts or questions or drivers
    return review.stats.share_achieved


close(okrkit.load("examples/acme.yaml"), Cycle.quarter(2026, 1))
