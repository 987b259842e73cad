"""The model built with the spellings docs/model.md documents; `mypy --strict tests/typing`.

Enum fields take their words (``level="team"``), date fields ISO text, a score's scale a
list, a check-in's confidence 1-5 or a traffic-light word: ``__init__`` and
``attrs.evolve`` must accept them, while reading a field still gives the enum member or
the date. A wrong type stays an error: each ``# type: ignore[arg-type]`` below fails the
check (an unused ignore, under ``--strict``) if mypy ever stops rejecting that line.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import datetime as dt

import attrs

from okrkit import (
    Alignment,
    Ambition,
    CheckIn,
    Confidence,
    Cycle,
    Dependency,
    FinalGrade,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Level,
    LinkKind,
    Metric,
    MetricKind,
    Objective,
    Owner,
    OwnerKind,
    PlannedValue,
    Unit,
)
from okrkit import testing as okrkit_testing
from okrkit.scoring import Grade, Linear, Stepped, Zones


def metrics() -> list[Metric]:
    """Kinds and units by their words, a scale as a tuple or a list."""
    score = Metric(kind="increase", start=0, target=10, unit="score", scale=(0, 10))
    listed = Metric(kind="at_least", target=8, unit="score", scale=[0, 10])
    money = Metric(kind="decrease", start=5e9, target=3e9, unit="currency", currency="VND")
    done = Metric(kind="milestone")
    kind: MetricKind = score.kind
    unit: Unit = listed.unit
    scale: tuple[float, float] | None = listed.scale
    del kind, unit, scale
    return [score, listed, money, done, attrs.evolve(score, kind="at_most", start=None)]


def objective() -> Objective:
    """Level, ambition, link kind, owner kind, due dates and plans as a file writes them."""
    cycle = Cycle(id="2026-Q1", name="Q1 2026", start="2026-01-01", end=dt.date(2026, 3, 31))
    start: dt.date = cycle.start
    owner = Owner(id="team-sales", name="Sales", kind="team", parent="acme")
    owner_kind: OwnerKind = owner.kind
    kr = KeyResult(
        id="kr-mql",
        title="MQL from 500 to 2500 a month",
        metric=Metric(kind="increase", start=500, target=2500),
        owners=owner,
        due="2026-03-31",
        plan=[PlannedValue(on="2026-02-28", value=1000), PlannedValue(on=start, value=500)],
        final_grade=FinalGrade(value=1, reason="Done early"),
    )
    due: dt.date | None = kr.due
    made = Objective(
        id="obj-sales",
        title="Lead the market",
        owner=owner,
        cycle=cycle,
        level="team",
        ambition="aspirational",
        aligned_to=[Alignment(parent="obj-company", kind="supports", weight=2)],
        key_results=[kr],
    )
    level: Level = made.level
    ambition: Ambition = made.ambition
    link: LinkKind = made.aligned_to[0].kind
    del owner_kind, due, level, ambition, link
    return attrs.evolve(made, level="department", ambition="committed")


def work() -> tuple[Initiative, Dependency, list[CheckIn]]:
    """An initiative's status by its word, check-in days as text, confidences as words."""
    initiative = Initiative(
        id="ini-webinars",
        title="Run webinars",
        owner="team-sales",
        drives="kr-mql",
        status="in_progress",
        due="2026-03-15",
    )
    status: InitiativeStatus = initiative.status
    dependency = Dependency(dependent="kr-mql", on="kr-site", note="The site by February")
    checkins = [
        CheckIn(key_result="kr-mql", on="2026-01-09", value=700, confidence="green"),
        CheckIn(key_result="kr-mql", on=dt.datetime(2026, 1, 16, 9, 30), value=800, confidence=4),
        CheckIn(key_result="kr-mql", on=dt.date(2026, 1, 23), value=900, confidence="vàng"),
        CheckIn(key_result="kr-mql", on="2026-01-30", value=950, confidence=Confidence.LOW),
    ]
    confidence: Confidence | None = checkins[0].confidence
    day: dt.date = checkins[0].on
    del status, confidence, day
    return attrs.evolve(initiative, status="done"), dependency, checkins


def strategies() -> list[object]:
    """The scoring strategies' options by the words the docs give."""
    return [
        Linear(threshold_method="share", combiner="minimum"),
        Grade(threshold_method="distance"),
        Zones(combiner="weighted", cap=False),
        Stepped(steps=((0.5, 0.5), (1.0, 1.0))),
    ]


def refused() -> None:
    """A wrong type is still an error (each ignore is unused, so fails, if it is not)."""
    Metric(kind=3)  # type: ignore[arg-type]
    Metric(kind=MetricKind.INCREASE, start=0, target=1, unit=None)  # type: ignore[arg-type]
    Metric(kind="at_least", target=1, scale=(0, "10"))  # type: ignore[arg-type]
    Objective(id="o", title="T", owner="lan", cycle="2026-Q1", level=None)  # type: ignore[arg-type]
    Alignment(parent="o", kind=1)  # type: ignore[arg-type]
    Owner(id="lan", name="Lan", kind=OwnerKind)  # type: ignore[arg-type]
    Initiative(id="i", title="T", owner="lan", status=True)  # type: ignore[arg-type]
    Initiative(id="i", title="T", owner="lan", due=20260315)  # type: ignore[arg-type]
    KeyResult(id="k", title="T", metric=Metric(kind="milestone"), due=1)  # type: ignore[arg-type]
    Cycle(id="c", name="C", start=20260101, end="2026-03-31")  # type: ignore[arg-type]
    CheckIn(key_result="kr", on="2026-01-09", value=1, confidence=4.5)  # type: ignore[arg-type]
    PlannedValue(on=None, value=1)  # type: ignore[arg-type]
    Linear(combiner="mean")  # type: ignore[arg-type]
    attrs.evolve(Metric(kind="milestone"), kind=3)  # type: ignore[arg-type]


# The testing strategies take the same words.
decreasing = okrkit_testing.metrics("decrease", "percent")
