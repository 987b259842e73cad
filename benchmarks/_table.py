"""The table of results, as plain text or Markdown."""

from __future__ import annotations

import math
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

import okrkit
from benchmarks._org import KEY_RESULTS, WEEKS
from benchmarks._steps import Measure, Step

EXPONENT_LIMIT = math.log10(12)
"""The issue allows 12 times the time for 10 times the size."""
COLUMNS = (
    "step",
    "objectives",
    "okrkit",
    "baseline",
    "ratio",
    "limit",
    "exponent",
    "baseline exponent",
    "note",
)
_NOTE_WIDTH = 72


@dataclass
class Result:
    """One step's measures: at its size and, for the exponent, at a tenth of it."""

    step: Step
    size: int | None
    measure: Measure
    small_size: int | None = None
    small: Measure | None = None

    @property
    def ratio(self) -> float | None:
        """okrkit's number over the baseline's."""
        ours, baseline = self.measure.ours, self.measure.baseline
        return ours / baseline if ours is not None and baseline else None

    def exponent(self, *, baseline: bool = False) -> float | None:
        """How okrkit's number (or the baseline's) grows with the size.

        log(t_N / t_small) / log(N / small): 1 for linear growth.
        """
        if self.small is None or not self.size or not self.small_size:
            return None
        if baseline:
            big, small = self.measure.baseline, self.small.baseline
        else:
            big, small = self.measure.ours, self.small.ours
        if not big or not small or self.size == self.small_size:
            return None
        if self.step.unit != "s":  # bytes per key result: the exponent of the total
            big, small = big * self.size, small * self.small_size
        return math.log(big / small) / math.log(self.size / self.small_size)

    @property
    def over_limit(self) -> bool:
        """Whether the issue's limit is missed (bytes per key result for memory)."""
        limit = self.step.limit
        if limit is None:
            return False
        if self.step.unit == "s":
            return self.ratio is not None and self.ratio > limit
        return self.measure.ours is not None and self.measure.ours > limit

    @property
    def errors(self) -> list[str]:
        """The errors of both sizes."""
        found = [(self.size, self.measure)]
        if self.small is not None:
            found.append((self.small_size, self.small))
        return [
            f"{self.step.name} at {size:,} objectives: {m.error}"
            if size
            else f"{self.step.name}: {m.error}"
            for size, m in found
            if m.error
        ]

    def cells(self) -> list[str]:
        """The row's cells, with a ! where the issue's limit is missed."""
        unit = self.step.unit
        exponent = self.exponent()
        baseline_exponent = self.exponent(baseline=True)
        note = self.measure.note
        if self.small is not None and self.small.note.startswith("MISMATCH"):
            note = "; ".join(filter(None, (note, f"at the small size: {self.small.note}")))
        if self.small is not None and self.small.error and not self.measure.error:
            note = "; ".join(filter(None, (note, f"error at the small size: {self.small.error}")))
        if self.measure.error:
            note = "; ".join(filter(None, (f"error: {self.measure.error}", note)))
        if len(note) > _NOTE_WIDTH:
            note = note[: _NOTE_WIDTH - 3] + "..."
        limit = self.step.limit
        # The mark goes where the limit applies: the ratio, or bytes per key result.
        marked = " !" if self.over_limit else ""
        return [
            self.step.name,
            f"{self.size:,}" if self.size else "-",
            _amount(self.measure.ours, unit) + ("" if unit == "s" else marked),
            _amount(self.measure.baseline, unit),
            "-" if self.ratio is None else f"{self.ratio:.2f}" + (marked if unit == "s" else ""),
            "-" if limit is None else (f"{limit:g}x" if unit == "s" else f"{limit:,.0f} B"),
            "-"
            if exponent is None
            else f"{exponent:.2f}" + (" !" if unit == "s" and exponent > EXPONENT_LIMIT else ""),
            "-" if baseline_exponent is None else f"{baseline_exponent:.2f}",
            note,
        ]


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit != "s":
        return f"{value:,.0f} B"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1e3:.3g} ms"


def header(size: int, repeat: int) -> list[str]:
    """What was run, and where."""
    key_results = size * KEY_RESULTS
    return [
        f"okrkit {okrkit.__version__}, Python {platform.python_version()}, numpy "
        f"{np.__version__}, pandas {pd.__version__}, {sys.platform}, "
        f"{os.cpu_count() or '?'} CPUs",
        f"{size:,} objectives, {key_results:,} key results, {key_results * WEEKS:,} check-ins; "
        f"times are the best of {repeat}; the exponent compares with a tenth of the size",
    ]


def legend(results: Sequence[Result]) -> list[str]:
    """What each step runs against what, and what the marks mean."""
    lines = [f"{r.step.name}: {r.step.ours}, against {r.step.baseline}" for r in results]
    lines.append(
        "! misses the issue's limit: the ratio, or the bytes per key result for memory; "
        f"for the exponent, more than log10(12) = {EXPONENT_LIMIT:.2f} (12 times the time "
        "for 10 times the size); the baseline's exponent shows how much of the growth is "
        "the machine's (caches, memory) rather than okrkit's"
    )
    return lines


def render(results: Sequence[Result], *, markdown: bool = False) -> str:
    """The table of ``results``."""
    rows = [r.cells() for r in results]
    if markdown:
        aligns = ["---", *["---:"] * (len(COLUMNS) - 2), "---"]
        lines = [" | ".join(COLUMNS), " | ".join(aligns)]
        lines += [" | ".join(cell.replace("|", "\\|") for cell in row) for row in rows]
        return "\n".join(f"| {line} |" for line in lines)
    widths = [max(len(row[i]) for row in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    left = {0, len(COLUMNS) - 1}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i in left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(COLUMNS), line(["-" * w for w in widths]), *map(line, rows)])
