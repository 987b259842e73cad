"""The import-checkins benchmark step of issue 11, run tiny so that it never rots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def run() -> subprocess.CompletedProcess[str]:
    """`python -m benchmarks --steps import-checkins --size 100 --repeat 1 --markdown`."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--steps",
            "import-checkins",
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


class TestImportCheckinsStep:
    def test_runs_and_agrees_with_pandas(self, run: subprocess.CompletedProcess[str]) -> None:
        """The step runs, and the scores read back from the store equal pandas' (status 0)."""
        assert run.returncode == 0, run.stdout + run.stderr
        assert "MISMATCH" not in run.stdout

    def test_row_with_its_limit_and_parts(self, run: subprocess.CompletedProcess[str]) -> None:
        """The table has the step's row, with the limit of 3 and where the time goes."""
        row = next(line for line in run.stdout.splitlines() if line.startswith("| import-"))
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[0] == "import-checkins"
        assert cells[5] == "3x"
        assert "from_csv" in cells[-1]
        assert "append" in cells[-1]
