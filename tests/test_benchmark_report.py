"""The report-html benchmark step of issue 12, run tiny so that it never rots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def run() -> subprocess.CompletedProcess[str]:
    """`python -m benchmarks --steps report-html --size 100 --repeat 1 --markdown`."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--steps",
            "report-html",
            "--size",
            "100",
            "--repeat",
            "1",
            "--markdown",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class TestReportHtmlStep:
    def test_runs(self, run: subprocess.CompletedProcess[str]) -> None:
        """The step runs: okrkit score and the HTML scorecard both finish (status 0)."""
        assert run.returncode == 0, run.stdout + run.stderr

    def test_row_with_its_limit_and_parts(self, run: subprocess.CompletedProcess[str]) -> None:
        """The table has the step's row, at a fifth of the size, with the limit of 3."""
        row = next(line for line in run.stdout.splitlines() if line.startswith("| report-"))
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[0] == "report-html"
        assert cells[1] == "20"
        assert cells[5] == "3x"
        assert "MB page" in cells[-1]
        assert "html" in cells[-1]
