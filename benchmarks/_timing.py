"""Timing shared by the benchmarks: the best of a few runs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

_R = TypeVar("_R")


def best_of(repeat: int, work: Callable[[], _R]) -> tuple[float, _R]:
    """The best wall time of ``repeat`` runs of ``work``, in seconds, and its last result."""
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result
