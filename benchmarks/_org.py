"""A generated organisation, as plain rows, and okrkit's objects built from them.

The organisation is a tree of objectives ten wide (the company objective, ten department
objectives under it, ten team objectives under each, and so on), each objective with 4 key
results (a quarter of them decreasing metrics, weights 1-3) and each key result with 13
weekly check-ins, about a third of them with a confidence. The rows are what a database
query would return: one tuple per objective, key result, alignment link and check-in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

import numpy as np

from okrkit import Alignment, Cycle, KeyResult, Metric, Objective, OKRSet, Owner
from okrkit.checkins import CheckInLog

WEEKS = 13
KEY_RESULTS = 4
FAN_OUT = 10
TEAMS = 100
COMPANY_OBJECTIVE = "obj-0"
CYCLE = ("2026-Q1", "Q1 2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31))
AS_OF = dt.date(2026, 3, 20)
"""The date of the first (cold) score: 11 of the 13 check-ins are seen."""
RESCORE_AS_OF = dt.date(2026, 2, 13)
"""The date of the second score (the re-score): 6 of the 13 check-ins are seen."""
_LEVELS = ("company", "department", "team", "individual")


class Rows(NamedTuple):
    """An organisation as rows, as they come out of a database."""

    cycles: list[tuple[str, str, dt.date, dt.date]]
    """(id, name, start, end)."""
    owners: list[tuple[str, str, str]]
    """(id, name, kind)."""
    objectives: list[tuple[str, str, str, str, str]]
    """(id, title, owner, cycle, level)."""
    key_results: list[tuple[str, str, str, str, float, float, float]]
    """(id, objective, title, metric kind, start, target, weight)."""
    links: list[tuple[str, str, float]]
    """(child objective, parent objective, weight)."""
    checkins: list[tuple[str, dt.date, float, int | None]]
    """(key result, day, value, confidence or None)."""


def generate(objectives: int, seed: int = 7) -> Rows:
    """The rows of an organisation of ``objectives`` objectives (the same for a seed)."""
    rng = np.random.default_rng(seed)
    count = objectives * KEY_RESULTS
    depth = [0] * objectives
    objective_rows = []
    for o in range(objectives):
        if o:
            depth[o] = depth[(o - 1) // FAN_OUT] + 1
        owner = "org" if o == 0 else f"team-{o % TEAMS}"
        level = _LEVELS[min(depth[o], len(_LEVELS) - 1)]
        objective_rows.append((f"obj-{o}", f"Objective {o}", owner, CYCLE[0], level))
    link_weights = np.where(rng.random(objectives) < 0.25, 2.0, 1.0).tolist()
    links = [
        (f"obj-{o}", f"obj-{(o - 1) // FAN_OUT}", link_weights[o]) for o in range(1, objectives)
    ]

    low = rng.integers(0, 51, count).astype(np.float64)
    span = rng.integers(10, 101, count).astype(np.float64)
    decrease = rng.random(count) < 0.25
    start = np.where(decrease, low + span, low)
    target = np.where(decrease, low, low + span)
    weight = rng.integers(1, 4, count).astype(np.float64)
    kr_ids = [f"kr-{o}-{k}" for o in range(objectives) for k in range(KEY_RESULTS)]
    key_results = [
        (ident, f"obj-{i // KEY_RESULTS}", "Move the metric", kind, s, t, w)
        for i, (ident, kind, s, t, w) in enumerate(
            zip(
                kr_ids,
                np.where(decrease, "decrease", "increase").tolist(),
                start.tolist(),
                target.tolist(),
                weight.tolist(),
                strict=True,
            )
        )
    ]

    # Each key result moves at its own pace (0 to 1.3 of the way by the end), with noise.
    pace = rng.uniform(0.0, 1.3, count)
    weeks = np.arange(1, WEEKS + 1) / WEEKS
    values = start[:, None] + (target - start)[:, None] * pace[:, None] * weeks[None, :]
    values += rng.normal(0.0, 0.02, (count, WEEKS)) * span[:, None]
    levels = rng.integers(1, 6, count * WEEKS)
    confidence = np.where(rng.random(count * WEEKS) < 0.3, levels, 0).tolist()
    first = CYCLE[2] + dt.timedelta(days=4)
    days = [first + dt.timedelta(days=7 * week) for week in range(WEEKS)]
    checkins = list(
        zip(
            [ident for ident in kr_ids for _ in range(WEEKS)],
            days * count,
            np.round(values, 2).ravel().tolist(),
            [level or None for level in confidence],
            strict=True,
        )
    )
    owners = [("org", "The organisation", "company")]
    owners += [(f"team-{i}", f"Team {i}", "team") for i in range(TEAMS)]
    return Rows([CYCLE], owners, objective_rows, key_results, links, checkins)


def okrset_from_rows(rows: Rows) -> OKRSet:
    """The OKR set of ``rows``, built as a user would: objects, and a log from columns."""
    cycles = [Cycle(id=i, name=n, start=s, end=e) for i, n, s, e in rows.cycles]
    owners = [Owner(id=i, name=n, kind=k) for i, n, k in rows.owners]  # type: ignore[arg-type]
    key_results: defaultdict[str, list[KeyResult]] = defaultdict(list)
    for ident, objective, title, kind, start, target, weight in rows.key_results:
        metric = Metric(kind=kind, start=start, target=target)  # type: ignore[arg-type]
        key_results[objective].append(
            KeyResult(id=ident, title=title, metric=metric, weight=weight)
        )
    links: defaultdict[str, list[Alignment]] = defaultdict(list)
    for child, parent, weight in rows.links:
        links[child].append(Alignment(parent=parent, weight=weight))
    objectives = [
        Objective(
            id=ident,
            title=title,
            owner=owner,
            cycle=cycle,
            level=level,  # type: ignore[arg-type]
            aligned_to=links.get(ident, ()),
            key_results=key_results.get(ident, ()),
        )
        for ident, title, owner, cycle, level in rows.objectives
    ]
    checkins = rows.checkins
    log = CheckInLog.from_columns(
        [row[0] for row in checkins],
        [row[1] for row in checkins],
        [row[2] for row in checkins],
        [row[3] for row in checkins],
    )
    return OKRSet(cycles=cycles, owners=owners, objectives=objectives, checkins=log)
