"""The benchmarks of issue 8, run small so that they never rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STEPS = (
    "score-cold",
    "rows-to-scorecard",
    "rescore",
    "leverage",
    "load-json",
    "load-yaml",
    "graph",
    "import",
    "memory",
    "import-checkins",
)


@pytest.fixture(scope="module")
def run() -> subprocess.CompletedProcess[str]:
    """One `python -m benchmarks --size 2000 --repeat 1 --markdown` from the project root."""
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", "--size", "2000", "--repeat", "1", "--markdown"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class TestBenchmarks:
    def test_runs_and_agrees_with_pandas(self, run: subprocess.CompletedProcess[str]) -> None:
        """Every step runs and okrkit's scores equal the pandas pipeline's (exit status 0)."""
        assert run.returncode == 0, run.stdout + run.stderr

    def test_every_step_has_a_row(self, run: subprocess.CompletedProcess[str]) -> None:
        """The table has one row for each step of the issue."""
        rows = [line.split()[0] for line in run.stdout.splitlines() if line.strip()]
        for step in STEPS:
            assert rows.count(step) == 1, step

    def test_markdown_table_has_every_step(self, run: subprocess.CompletedProcess[str]) -> None:
        """With --markdown the table is printed as Markdown too, one row per step."""
        for step in STEPS:
            assert f"| {step} | " in run.stdout, step
