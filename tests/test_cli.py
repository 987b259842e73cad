"""The okrkit command line, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import okrkit
from okrkit.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TEN_MISTAKES = Path(__file__).resolve().parent / "io" / "data" / "ten-mistakes.yaml"


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner."""
    return CliRunner()


class TestVersion:
    def test_version(self, runner: CliRunner) -> None:
        """--version prints the installed version."""
        result = runner.invoke(main, ["--version"])
        assert result.exit_code == 0
        assert okrkit.__version__ in result.output

    def test_console_script_installed(self) -> None:
        """`python -m okrkit` and the okrkit script run the same command."""
        result = subprocess.run(
            [sys.executable, "-m", "okrkit", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0
        assert okrkit.__version__ in result.stdout


class TestSchema:
    def test_prints_json_schema(self, runner: CliRunner) -> None:
        """The schema command prints the JSON Schema of the file format."""
        result = runner.invoke(main, ["schema"])
        assert result.exit_code == 0
        assert json.loads(result.output) == okrkit.io.json_schema()

    def test_writes_file(self, runner: CliRunner, tmp_path: Path) -> None:
        """The schema command with -o FILE writes the schema to FILE."""
        out = tmp_path / "okrkit.schema.json"
        result = runner.invoke(main, ["schema", "-o", str(out)])
        assert result.exit_code == 0
        assert json.loads(out.read_text(encoding="utf-8"))["required"] == [
            "cycles",
            "owners",
            "objectives",
        ]


class TestReport:
    def test_outline_of_example(self, runner: CliRunner) -> None:
        """The report command prints every objective and key result of the example, by level."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        result = runner.invoke(main, ["report", str(EXAMPLES / "acme.en.yaml")])
        assert result.exit_code == 0, result.output
        for objective in okrs.objectives:
            assert objective.title in result.output
        for kr in okrs.key_results:
            assert f"[{kr.id}]" in result.output
        for heading in ("Company", "Department", "Team", "Individual"):
            assert heading in result.output
        assert result.output.index("Company") < result.output.index("Department")

    def test_outline_shows_latest_values(self, runner: CliRunner) -> None:
        """Each key result with check-ins shows its latest value and date."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        result = runner.invoke(main, ["report", str(EXAMPLES / "acme.en.yaml")])
        lines = result.output.splitlines()
        for kr in okrs.key_results:
            (line,) = [ln for ln in lines if f"[{kr.id}]" in ln]
            if okrs.checkins_for(kr.id):
                assert "latest " in line
            else:
                assert "no check-ins yet" in line

    def test_vietnamese_example(self, runner: CliRunner) -> None:
        """The Vietnamese example prints with its diacritics intact."""
        okrs = okrkit.load(EXAMPLES / "acme.yaml")
        result = runner.invoke(main, ["report", str(EXAMPLES / "acme.yaml")])
        assert result.exit_code == 0, result.output
        assert okrs.objectives[0].title in result.output

    def test_bad_file_lists_problems_and_fails(self, runner: CliRunner) -> None:
        """A bad file prints every problem on stderr and exits with 1."""
        result = runner.invoke(main, ["report", str(TEN_MISTAKES)])
        assert result.exit_code == 1
        assert "10 problems found" in result.stderr
        assert "ten-mistakes.yaml:24: objectives[1].owner" in result.stderr
        assert result.stdout == ""

    def test_missing_file(self, runner: CliRunner, tmp_path: Path) -> None:
        """A missing file is reported, not a traceback."""
        result = runner.invoke(main, ["report", str(tmp_path / "nope.yaml")])
        assert result.exit_code == 1
        assert "no such file" in result.stderr
