"""Leverage: how much each key result below an objective would lift it at its target."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from okrkit.model import MetricKind
from okrkit.model._loops import by_source, edges_from
from okrkit.scoring._arrays import KIND_CODE
from okrkit.scoring._plan import Plan

if TYPE_CHECKING:
    from okrkit.scoring._scorecard import Scorecard

__all__ = ["leverage"]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


def contributors(plan: Plan, position: int) -> Ints:
    """Every position that counts toward ``position``, whatever the drivers.

    Follows every key result and contributes link down, breadth first, by column.
    """
    order, starts = by_source(plan.all_parent, len(plan))
    seen = np.zeros(len(plan), dtype=bool)
    seen[position] = True
    frontier = np.array([position], dtype=np.int64)
    found: list[Ints] = []
    while len(frontier):
        below = plan.all_child[edges_from(order, starts, frontier)]
        below = np.unique(below[~seen[below]])
        seen[below] = True
        found.append(below)
        frontier = below
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def leverage(card: Scorecard, objective: int) -> list[tuple[str, float]]:
    """The gain of ``objective`` for each key result below it reaching its target."""
    plan = card._plan
    below = contributors(plan, objective)
    metrics = plan.metrics
    every_target = np.where(metrics.kinds == KIND_CODE[MetricKind.MILESTONE], 1.0, metrics.targets)
    positions = below[below < plan.count]
    positions = positions[~np.isnan(every_target[positions])]
    targets = every_target[positions]
    if getattr(card.strategy, "is_weighted_mean", False) is True:
        gains = _linear_gains(card, objective, positions, targets)
    else:
        base = card.value(plan.ids[objective])
        gains = np.array(
            [
                card.what_if({plan.ids[p]: target}).value(plan.ids[objective]) - base
                for p, target in zip(positions.tolist(), targets.tolist(), strict=True)
            ]
        )
    names = [plan.ids[p] for p in positions.tolist()]
    if not names:
        return []
    order = np.lexsort((np.array(names, dtype=str), -gains))
    return [(names[i], float(gains[i])) for i in order.tolist()]


def _linear_gains(card: Scorecard, objective: int, positions: Ints, targets: Floats) -> Floats:
    """Exact gains for a weighted-mean combiner: one top-down pass of sensitivities.

    The objective's value is linear in every value below it, so each key result's gain
    is the change of its own value times the objective's sensitivity to it (the
    product of the weight shares along every path up, summed over the paths). Final
    grades in force block what is below them.
    """
    from okrkit.scoring._rollup import own_scores

    plan, columns = card._plan, card._columns
    values, latest = columns["value"], columns["latest"]
    started = ~np.isnan(latest)
    day = card.as_of.toordinal()
    blocked = np.zeros(len(plan), dtype=bool)
    finals = plan.final_positions
    blocked[finals[day > plan.cycle_end[finals]]] = True
    total = np.zeros(len(plan))
    for level in plan.levels:
        _scores, weights, groups = level.pairs(values, plan.kr_weights, started)
        total[level.parents] = np.bincount(groups, weights=weights, minlength=len(level.parents))
    sens = np.zeros(len(plan))
    own_sens = np.zeros(len(plan))
    sens[objective] = 0.0 if blocked[objective] else 1.0
    for level in reversed(plan.levels):
        here = np.where(blocked[level.parents], 0.0, sens[level.parents])
        if not here.any():
            continue
        shares = np.divide(here, total[level.parents], out=np.zeros(len(here)), where=here != 0)
        np.add.at(sens, level.child, shares[level.group] * level.weight)
        mine = level.parents[level.own]
        own_sens[mine] += np.where(started[mine], shares[level.own] * plan.kr_weights[mine], 0.0)
    at_target = latest.copy()
    at_target[positions] = targets
    raw = own_scores(card.strategy, plan, at_target, card._history)[positions]
    old_raw = columns["own_raw"][positions]
    if card.strategy.cap:
        raw, old_raw = np.clip(raw, 0.0, 1.0), np.clip(old_raw, 0.0, 1.0)
    now, weight, below = values[positions], plan.kr_weights[positions], total[positions]
    joined = np.divide(
        now * below + weight * raw, below + weight, out=now.copy(), where=below + weight > 0
    )
    gains = np.where(
        ~plan.has_children[positions],
        sens[positions] * (raw - now),
        np.where(
            started[positions],
            own_sens[positions] * (raw - old_raw),
            sens[positions] * (joined - now),
        ),
    )
    return np.where(blocked[positions], 0.0, gains)
