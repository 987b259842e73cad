"""One generated organisation of one size, and what the steps share about it.

Everything is made on first use and kept: the rows, the set built from them, the files
okrkit wrote, the DataFrames, the pandas scores, and the runs of a user's session
(load the JSON file, score, re-score, leverage), repeated on a fresh load each time.
"""

from __future__ import annotations

import datetime as dt
import time
import traceback
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

import okrkit
from benchmarks._org import (
    AS_OF,
    COMPANY_OBJECTIVE,
    KEY_RESULTS,
    RESCORE_AS_OF,
    WEEKS,
    Rows,
    generate,
    okrset_from_rows,
)
from benchmarks._pandas import Frames, compute, ingest
from benchmarks._timing import best_of, quiet_heap

TOLERANCE = 1e-9
Scores = tuple[pd.Index, npt.NDArray[np.float64]]


class StepFailedError(Exception):
    """A part of a step could not be measured; the message goes into the step's row."""


def describe(error: BaseException) -> str:
    """One line for a table row: the error's type and the first line of its message."""
    if isinstance(error, StepFailedError):  # says what failed already
        return str(error)
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}".rstrip(": ")


class Runs:
    """A user's session, best of ``repeat``: load the file, score, re-score, leverage."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.errors: dict[str, str] = {}
        self.results: dict[str, Any] = {}

    def attempt(self, part: str, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Time ``work(*args, **kwargs)``; on an error keep its message and return None."""
        try:
            with quiet_heap():
                start = time.perf_counter()
                result = work(*args, **kwargs)
                seconds = time.perf_counter() - start
        except Exception as error:  # noqa: BLE001 - a failing okrkit call is reported in its row
            traceback.print_exc()
            self.errors[part] = describe(error)
            return None
        self.times[part] = min(seconds, self.times.get(part, seconds))
        self.results[part] = result
        return result

    def time(self, part: str) -> float:
        """The best time of ``part``, or a StepFailedError saying why there is none."""
        if part in self.errors:
            raise StepFailedError(self.errors[part])
        if part not in self.times:
            raise StepFailedError(f"not measured: {part} needs a step that failed before it")
        return self.times[part]


class Session:
    """A generated organisation of ``objectives`` objectives, and what is made of it."""

    def __init__(self, objectives: int, folder: Path, repeat: int, *, leverage: bool) -> None:
        self.objectives = objectives
        self.folder = folder
        self.repeat = repeat
        self.leverage = leverage
        self.mismatches: list[str] = []
        self._pandas: dict[dt.date, tuple[float, Scores]] = {}

    @property
    def key_results(self) -> int:
        """The number of key results."""
        return self.objectives * KEY_RESULTS

    @property
    def checkins(self) -> int:
        """The number of check-ins."""
        return self.key_results * WEEKS

    @cached_property
    def rows(self) -> Rows:
        """The organisation as rows."""
        return generate(self.objectives)

    @cached_property
    def built(self) -> okrkit.OKRSet:
        """The OKR set built from the rows."""
        return okrset_from_rows(self.rows)

    @cached_property
    def frames(self) -> Frames:
        """The DataFrames of the rows."""
        return ingest(self.rows)

    def path(self, suffix: str) -> Path:
        """The file okrkit dumped the set into, in the format of ``suffix``."""
        path = self.folder / f"org-{self.objectives}.{suffix}"
        if not path.exists():
            okrkit.dump(self.built, path)
        return path

    def pandas(self, as_of: dt.date) -> tuple[float, Scores]:
        """The best time of the pandas compute as of ``as_of``, and its scores."""
        if as_of not in self._pandas:
            frames = self.frames
            self._pandas[as_of] = best_of(self.repeat, lambda: compute(frames, as_of))
        return self._pandas[as_of]

    @cached_property
    def runs(self) -> Runs:
        """A user's session on a fresh load of the JSON file, ``repeat`` times."""
        runs = Runs()
        path = self.path("json")
        for _ in range(self.repeat):
            runs.results.clear()
            okrs = runs.attempt("load", okrkit.load, path)
            if okrs is None:
                break
            card = runs.attempt("cold", okrs.score, as_of=AS_OF)
            if card is None:  # the re-score and leverage follow a first score
                break
            runs.attempt("rescore", okrs.score, as_of=RESCORE_AS_OF)
            if self.leverage:
                runs.attempt("leverage", card.leverage, COMPANY_OBJECTIVE)
            del okrs, card
        return runs

    def check(self, step: str, card: Any, expected: Scores) -> str:
        """Compare a scorecard with the pandas scores; a note for the row, "" if they agree."""
        ids, scores = expected
        got = _card_values(card, ids)
        wrong = np.flatnonzero(~(np.abs(got - scores) <= TOLERANCE))
        if not len(wrong):
            return ""
        first = wrong[0]
        self.mismatches.append(
            f"{step} at {self.objectives:,} objectives: {len(wrong):,} of {len(ids):,} "
            f"objectives differ by more than {TOLERANCE:g}; first {ids[first]}: "
            f"okrkit {float(got[first])!r}, pandas {float(scores[first])!r}"
        )
        return f"MISMATCH: {len(wrong):,} of {len(ids):,} objectives"


def _card_values(card: Any, ids: pd.Index) -> npt.NDArray[np.float64]:
    """The scorecard's values of ``ids``: vectorised when the card has ids() and values()."""
    if hasattr(card, "ids") and hasattr(card, "values"):
        known = list(card.ids())
        values = np.asarray(card.values())
        if values.dtype.kind == "f" and values.shape == (len(known),):
            positions = pd.Index(known).get_indexer(ids)
            return np.where(positions >= 0, values[positions], np.nan)
    return np.array([card.value(ident) for ident in ids], dtype=np.float64)
