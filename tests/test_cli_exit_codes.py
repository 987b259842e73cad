"""Exit codes and ``--debug``: one localised line for any error, the traceback on demand.

0 done; 1 okrkit could not do it (bad data, a file it cannot read or write); 2 the
command line is wrong; 70 an unexpected error, a bug. ``--debug`` (or ``OKRKIT_DEBUG=1``)
prints the traceback instead of the line and keeps the status.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from okrkit.cli import _score, main
from okrkit.cli._app import EXIT_BUG, EXIT_ERROR, EXIT_USAGE

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "acme.yaml"
BUGGY = textwrap.dedent(
    """
    import attrs

    @attrs.frozen
    class Broken:
        cap: bool = True

        def score(self, metric, value, *, history=()):
            raise ZeroDivisionError("the plugin divided by zero")

        def combine(self, pairs):
            return 0.0
    """
)


def invoke(*args: str, **env: str) -> Result:
    """Run okrkit in the test process."""
    return CliRunner().invoke(main, list(args), env=env or None)


def one_line(text: str) -> bool:
    """Whether ``text`` is one non-empty line, without a traceback."""
    return len(text.splitlines()) == 1 and text.strip() != "" and "Traceback" not in text


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `okrkit score --format csv` hit a bug (an error that is not okrkit's)."""

    def fail(_card: object) -> str:
        raise ZeroDivisionError("no rows to divide")

    monkeypatch.setattr(_score, "scorecard_csv", fail)


class TestCodes:
    def test_done_is_0(self) -> None:
        """A command that works exits with 0 and writes nothing on stderr."""
        result = invoke("score", str(EXAMPLE), "--as-of", "2026-03-20")
        assert result.exit_code == 0
        assert result.stderr == ""

    def test_bad_data_is_1(self, tmp_path: Path) -> None:
        """A file that breaks a rule, or is missing, is status 1 in one line."""
        result = invoke("score", str(tmp_path / "missing.yaml"))
        assert result.exit_code == EXIT_ERROR == 1
        assert one_line(result.stderr)

    def test_usage_is_2(self) -> None:
        """An unknown option or a bad option value is status 2 in one line."""
        for args in (["score", str(EXAMPLE), "--colour"], ["score", str(EXAMPLE), "-f", "xml"]):
            result = invoke(*args)
            assert result.exit_code == EXIT_USAGE == 2
            assert one_line(result.stderr)

    def test_a_bug_is_70_in_one_localised_line(self, broken: None) -> None:
        """An unexpected error is status 70, one line naming it and --debug, no traceback."""
        result = invoke("score", str(EXAMPLE), "-f", "csv", "--locale", "en")
        assert result.exit_code == EXIT_BUG == 70
        assert one_line(result.stderr)
        assert "ZeroDivisionError: no rows to divide" in result.stderr
        assert "--debug" in result.stderr
        vietnamese = invoke("score", str(EXAMPLE), "-f", "csv", "--locale", "vi")
        assert one_line(vietnamese.stderr)
        assert "--debug" in vietnamese.stderr
        assert vietnamese.stderr != result.stderr


class TestDebug:
    def test_traceback_of_a_bug(self, broken: None) -> None:
        """--debug prints the traceback of a bug instead of the line, with the same status."""
        result = invoke("--debug", "score", str(EXAMPLE), "-f", "csv")
        assert result.exit_code == EXIT_BUG
        assert result.stderr.startswith("Traceback")
        assert "ZeroDivisionError: no rows to divide" in result.stderr
        assert "okrkit stopped" not in result.stderr

    @pytest.mark.parametrize("how", ["option", "environment"])
    def test_traceback_of_an_okrkit_error(self, tmp_path: Path, how: str) -> None:
        """--debug, or OKRKIT_DEBUG=1, shows where an okrkit error came from; status 1."""
        args = ["score", str(tmp_path / "missing.yaml")]
        debug = {"option": ("--debug",), "environment": ()}[how]
        result = invoke(*debug, *args, **({"OKRKIT_DEBUG": "1"} if how == "environment" else {}))
        assert result.exit_code == EXIT_ERROR
        assert "Traceback" in result.stderr
        assert "LoadError" in result.stderr
        assert "missing.yaml" in result.stderr

    def test_off_by_default_and_with_0(self, tmp_path: Path) -> None:
        """Without --debug, or with OKRKIT_DEBUG=0, the error stays one line."""
        for env in ({}, {"OKRKIT_DEBUG": "0"}):
            result = invoke("score", str(tmp_path / "missing.yaml"), **env)
            assert one_line(result.stderr)


class TestRealProcess:
    def run(self, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
        """`python -m okrkit` with a broken strategy plugin on its path."""
        (tmp_path / "buggy.py").write_text(BUGGY, encoding="utf-8")
        return subprocess.run(
            [sys.executable, "-m", "okrkit", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={"PYTHONPATH": str(tmp_path), "OKRKIT_LOCALE": "en", "PATH": ""},
            timeout=60,
            check=False,
        )

    def test_a_plugins_bug(self, tmp_path: Path) -> None:
        """A strategy that raises is told in one line, status 70; --debug shows where."""
        args = ["score", str(EXAMPLE), "--strategy", "buggy:Broken"]
        quiet = self.run(tmp_path, *args)
        assert quiet.returncode == EXIT_BUG
        assert one_line(quiet.stderr), quiet.stderr
        assert "the plugin divided by zero" in quiet.stderr
        loud = self.run(tmp_path, "--debug", *args)
        assert loud.returncode == EXIT_BUG
        assert "Traceback" in loud.stderr
        assert "buggy.py" in loud.stderr
