"""Use the notebook API as a user would; `mypy --strict tests/typing`.

Type-checked, not run by pytest (its name does not start with ``test_``). DataFrames
and matplotlib figures are typed ``Any``: pandas and matplotlib are optional extras.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import okrkit
from okrkit.report import burnup_points, burnup_table, plot_burnup, plot_progress


def frames(okrs: okrkit.OKRSet, day: dt.date) -> tuple[Any, Any, Any]:
    """The set, its check-ins and its scorecard as DataFrames."""
    card = okrs.score(as_of=day)
    return okrs.to_frame(), okrs.checkins.to_frame(), card.to_frame()


def charts(okrs: okrkit.OKRSet, objective: str, key_result: str) -> list[Any]:
    """A burn-up and two progress charts, as matplotlib figures."""
    return [
        plot_burnup(okrs, objective, as_of="2026-03-20"),
        plot_progress(okrs, key_result),
        plot_progress(okrs, objective, as_of=dt.date(2026, 3, 20)),
    ]


def last_score(okrs: okrkit.OKRSet, objective: str) -> float | None:
    """The latest burn-up point's score, if the cycle has begun."""
    points: list[tuple[dt.date, float]] = burnup_points(okrs, objective, as_of="2026-03-20")
    return points[-1][1] if points else None


def weekly(okrs: okrkit.OKRSet) -> dict[str, list[tuple[dt.date, float]]]:
    """Every objective's burn-up, the set scored once a week."""
    return burnup_table(okrs, as_of=dt.date(2026, 3, 20))


def html(okrs: okrkit.OKRSet) -> str:
    """What Jupyter shows of a set, an objective, a key result and a scorecard."""
    card = okrs.score(as_of="2026-03-20")
    first = okrs.objectives[0]
    return "".join(
        (
            okrs._repr_html_(),
            first._repr_html_(),
            first.key_results[0]._repr_html_(),
            card._repr_html_(),
        )
    )
