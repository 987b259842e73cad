"""Timing shared by the benchmarks: the best of a few runs.

Before each run the garbage collector is run and what exists is frozen (``gc.freeze``),
so that the objects the harness keeps (rows, DataFrames, the other sizes' data) are not
scanned again by the collections the timed work triggers: each run sees the heap of a
fresh process holding only what it makes itself, as a user's script would.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

_R = TypeVar("_R")


@contextmanager
def quiet_heap() -> Iterator[None]:
    """Collect, then freeze what exists for the duration of the block."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def best_of(repeat: int, work: Callable[[], _R]) -> tuple[float, _R]:
    """The best wall time of ``repeat`` runs of ``work``, in seconds, and its last result."""
    times = []
    for _ in range(max(1, repeat)):
        with quiet_heap():
            start = time.perf_counter()
            result = work()
            times.append(time.perf_counter() - start)
    return min(times), result
