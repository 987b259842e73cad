"""The baseline: the same linear roll-up as a careful pandas pipeline would compute it.

``ingest`` makes DataFrames of the rows (what okrkit does when it builds its objects and
its check-in log); ``compute`` scores them as of a date: the latest value of every key
result, its progress (value - start) / (target - start) clamped to [0, 1], each objective's
weighted mean of its key results (by their weights) and of the objectives aligned to it
(by the links' weights), level by level from the leaves up. The numbers are okrkit's
``linear`` strategy with its defaults, so the benchmark can check that both agree.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from benchmarks._org import Rows


class Frames(NamedTuple):
    """The DataFrames the pandas pipeline computes on."""

    objectives: pd.DataFrame
    key_results: pd.DataFrame
    links: pd.DataFrame
    checkins: pd.DataFrame
    """Sorted by day; ``kr`` is the key result's position in ``key_results``."""


def ingest(rows: Rows) -> Frames:
    """DataFrames of the rows, with check-ins coded by key result and sorted by day."""
    objectives = pd.DataFrame.from_records(
        rows.objectives, columns=["id", "title", "owner", "cycle", "level"]
    )
    key_results = pd.DataFrame.from_records(
        rows.key_results,
        columns=["id", "objective", "title", "kind", "start", "target", "weight"],
    )
    links = pd.DataFrame.from_records(rows.links, columns=["child", "parent", "weight"])
    checkins = pd.DataFrame.from_records(
        rows.checkins, columns=["key_result", "on", "value", "confidence"]
    )
    checkins["on"] = pd.to_datetime(checkins["on"])
    checkins["kr"] = pd.Index(key_results["id"]).get_indexer(checkins["key_result"])
    checkins = checkins.sort_values("on", kind="stable", ignore_index=True)
    return Frames(objectives, key_results, links, checkins)


def _heights(
    child: npt.NDArray[np.intp], parent: npt.NDArray[np.intp], count: int
) -> npt.NDArray[np.int64]:
    """Each objective's height: 0 for a leaf, else one more than its highest child."""
    height = np.zeros(count, dtype=np.int64)
    while True:
        raised = height.copy()
        np.maximum.at(raised, parent, height[child] + 1)
        if np.array_equal(raised, height):
            return height
        height = raised


def compute(frames: Frames, as_of: dt.date) -> tuple[pd.Index, npt.NDArray[np.float64]]:
    """Every objective's rolled-up score as of ``as_of``: (objective ids, scores)."""
    objectives, key_results, links, checkins = frames
    seen = checkins[checkins["on"].to_numpy() <= np.datetime64(as_of)]
    latest = seen.groupby("kr", sort=False)["value"].last()
    value = np.full(len(key_results), np.nan)
    value[latest.index.to_numpy()] = latest.to_numpy()
    start = key_results["start"].to_numpy()
    target = key_results["target"].to_numpy()
    weight = key_results["weight"].to_numpy()
    progress = np.nan_to_num(np.clip((value - start) / (target - start), 0.0, 1.0))

    ids = pd.Index(objectives["id"])
    count = len(ids)
    owner = ids.get_indexer(key_results["objective"])
    numerator = np.bincount(owner, weights=progress * weight, minlength=count)
    denominator = np.bincount(owner, weights=weight, minlength=count)
    child = ids.get_indexer(links["child"])
    parent = ids.get_indexer(links["parent"])
    link_weight = links["weight"].to_numpy()
    height = _heights(child, parent, count)
    child_height = height[child]
    score = np.zeros(count)
    for level in range(int(height.max(initial=0)) + 1):
        here = height == level
        np.divide(numerator, denominator, out=score, where=here & (denominator > 0))
        moving = child_height == level
        np.add.at(numerator, parent[moving], score[child[moving]] * link_weight[moving])
        np.add.at(denominator, parent[moving], link_weight[moving])
    return ids, score
