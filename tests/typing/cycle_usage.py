"""The end of a cycle as a user writes it; `mypy --strict tests/typing` must accept it.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import datetime as dt

import okrkit
from okrkit import Cycle, FinalGrade, OKRSet, Status
from okrkit.graph import NodeKind
from okrkit.i18n import format_day
from okrkit.store import (
    CarryForward,
    Closed,
    Graded,
    GradeLike,
    Moved,
    Stayed,
    Why,
    carry_forward,
    close_cycle,
    next_id,
)


def carry(okrs: OKRSet) -> OKRSet:
    """Carry Q1 into Q2, read what moved and stayed, and keep the new set."""
    result: CarryForward = carry_forward(okrs, source="2026-Q1", target="2026-Q2")
    also: CarryForward = carry_forward(
        okrs,
        source="2026-Q1",
        target=Cycle.quarter(2026, 2),
        as_of=dt.date(2026, 3, 20),
        strategy="grade",
        new_id=lambda ident: next_id(ident, "2026-Q1", "2026-Q2"),
    )
    moved: tuple[Moved, ...] = result.moved
    starts: dict[str, float | None] = {move.new_id: move.start for move in moved}
    kinds: list[NodeKind] = [move.kind for move in moved]
    stayed: tuple[Stayed, ...] = also.stayed
    done: list[str] = [stay.id for stay in stayed if stay.why is Why.DONE]
    notes: list[str] = [str(note) for note in result.notes]
    copy_of: str | None = result.okrset.key_result("kr-velocity-2026-Q2").carried_from
    del starts, kinds, done, notes, copy_of
    return result.okrset


def close(okrs: OKRSet) -> OKRSet:
    """Close Q1 with owners' grades in each accepted spelling."""
    grades: dict[str, GradeLike] = {
        "kr-velocity": (0.8, "CI fixed late"),
        "kr-mql": 0.5,
        "kr-cac": FinalGrade(value=0.3, reason="Paid channels dried up"),
    }
    closed: Closed = close_cycle(okrs, "2026-Q1", grades=grades, as_of="2026-03-31")
    graded: tuple[Graded, ...] = closed.graded
    values: list[float] = [item.value for item in graded]
    reasons: list[str] = [item.reason for item in graded]
    statuses: list[Status] = [item.status for item in graded]
    by_owner: list[bool] = [item.by_owner for item in graded]
    final: list[FinalGrade] = [item.grade for item in graded]
    day: str = format_day(closed.as_of)
    del values, reasons, statuses, by_owner, final, day
    return closed.okrset


def both() -> OKRSet:
    """Carry forward first, then close: a graded key result would stay behind."""
    return close(carry(okrkit.load("examples/acme.en.yaml")))
