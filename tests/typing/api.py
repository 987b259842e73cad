"""Use the public API as a user would; `mypy --strict tests/typing` must accept it.

This file is type-checked in CI, not run by pytest (its name does not start with
``test_``): it fails when an annotation in okrkit stops matching how people call it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

import okrkit
from okrkit import (
    Alignment,
    CheckIn,
    Confidence,
    Cycle,
    Initiative,
    KeyResult,
    LinkKind,
    Metric,
    MetricKind,
    Objective,
    OKRSet,
    Owner,
    OwnerKind,
    Unit,
)


def build() -> OKRSet:
    """Every constructor with the spellings users write."""
    q1 = Cycle.quarter(2026, 1)
    company = Owner(id="acme", name="Acme", kind=OwnerKind.COMPANY)
    lan = Owner(id="lan", name="Nguyễn Thị Lan", parent=company)
    revenue = KeyResult(
        id="kr-revenue",
        title="Revenue from 2 to 3 billion VND",
        metric=Metric(
            kind=MetricKind.INCREASE,
            start=2e9,
            target=3e9,
            unit=Unit.CURRENCY,
            currency="VND",
        ),
        owners=[lan, "acme"],
        due=dt.date(2026, 3, 31),
    )
    top = Objective(
        id="obj-top",
        title="Grow",
        owner=company,
        cycle=q1,
        level=okrkit.Level.COMPANY,
        key_results=[revenue],
    )
    team = Objective(
        id="obj-team",
        title="Sell",
        owner="lan",
        cycle="2026-Q1",
        level=okrkit.Level.TEAM,
        ambition=okrkit.Ambition.ASPIRATIONAL,
        aligned_to=[
            "obj-top",
            Alignment(parent="kr-revenue", kind=LinkKind.SUPPORTS, weight=2),
        ],
        tags=("sales",),
    )
    return OKRSet(
        cycles=[q1],
        owners=[company, lan],
        objectives=[top, team],
        initiatives=[Initiative(id="ini", title="Campaign", owner=lan, drives=revenue)],
        checkins=[
            CheckIn(
                key_result=revenue,
                on=dt.date(2026, 1, 9),
                value=2.1e9,
                confidence=Confidence.HIGH,
                author=lan,
            )
        ],
    )


def use(okrs: OKRSet, folder: Path) -> float | None:
    """Lookups, evolve, load and dump keep their types."""
    kr: KeyResult = okrs.key_result("kr-revenue")
    heavier: KeyResult = attrs.evolve(kr, weight=2.0)
    okrkit.dump(okrs, folder / "okrs.toml")
    again: OKRSet = okrkit.load(folder / "okrs.toml")
    text: str = okrkit.dumps(again, "yaml")
    same: OKRSet = okrkit.loads(text, "yaml", source="memory")
    limits: okrkit.Limits = attrs.evolve(okrkit.Limits(), size=2**31, aliases=10)
    okrkit.load(folder / "okrs.toml", limits=limits)
    try:
        okrkit.load(folder / "missing.yaml")
    except okrkit.LoadError as exc:
        lines: list[int | None] = [problem.line for problem in exc.problems]
        del lines
    del same, heavier
    history = okrs.checkins_for(kr.id)
    return history[-1].value if history else kr.metric.target


def score(okrs: OKRSet) -> float:
    """Check-in logs and scorecards keep their types."""
    import numpy as np
    import numpy.typing as npt

    from okrkit.checkins import CheckInLog
    from okrkit.scoring import Score, Scorecard

    log: CheckInLog = CheckInLog.from_rows([("kr-revenue", "2026-01-16", 2.2e9)])
    more: OKRSet = okrs.with_checkins(log)
    card: Scorecard = more.score(as_of="2026-03-15")
    values: npt.NDArray[np.float64] = card.values()
    ids: tuple[str, ...] = card.ids()
    first: Score = card[ids[0]]
    gains: list[tuple[str, float]] = card.leverage(first.id)
    latest: CheckIn | None = more.checkins.latest("kr-revenue", as_of="2026-02-01")
    del gains, latest
    return float(values.sum())
