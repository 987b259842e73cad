"""The progress bar: shown on a terminal for slow work, never in piped output."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from okrkit.cli import _progress, main
from okrkit.cli._progress import is_terminal, progress

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "acme.yaml"


class FakeTerminal(io.StringIO):
    """Text written to a pretend terminal."""

    def isatty(self) -> bool:
        """Yes, while open."""
        if self.closed:
            raise ValueError("I/O operation on closed file")  # as a real closed file says
        return True


def wait_for(stream: io.StringIO, seconds: float = 5.0) -> str:
    """What ``stream`` holds once something is written to it (or after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while not stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    return stream.getvalue()


class TestProgress:
    def test_nothing_when_not_a_terminal(self) -> None:
        """Piped or captured, the bar writes nothing at all, however long the work."""
        out = io.StringIO()
        with progress("Reading okrs.yaml", delay=0, stream=out) as step:
            time.sleep(0.2)
            step("Scoring")
            time.sleep(0.1)
        assert out.getvalue() == ""

    def test_shown_on_a_terminal_for_slow_work(self) -> None:
        """On a terminal the bar appears once the delay has passed, with its description."""
        out = FakeTerminal()
        with progress("Reading \x1b[2Jokrs.yaml", delay=0, stream=out):
            shown = wait_for(out)
        assert "Reading" in shown
        assert "okrs.yaml" in shown
        assert "\x1b[2J" not in shown

    def test_quick_work_shows_nothing(self) -> None:
        """Work that ends before the delay shows no bar, even on a terminal."""
        out = FakeTerminal()
        with progress("Reading okrs.yaml", delay=30, stream=out):
            pass
        time.sleep(0.05)
        assert out.getvalue() == ""

    def test_is_terminal(self) -> None:
        """Only a stream that says it is a tty counts, and a closed one does not."""
        closed = FakeTerminal()
        closed.close()
        assert is_terminal(FakeTerminal())
        assert not is_terminal(io.StringIO())
        assert not is_terminal(closed)

    def test_commands_print_no_bar_when_piped(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Commands that use the bar write nothing to a captured stderr, even told to colour."""
        monkeypatch.setattr(_progress, "DELAY", 0.0)
        runs = [
            ["score", str(EXAMPLE), "--as-of", "2026-03-20", "-f", "json"],
            ["graph", str(EXAMPLE)],
            ["report", str(EXAMPLE), "--as-of", "2026-03-20"],
            ["report", str(EXAMPLE), "--kind", "digest", "--format", "html"],
            ["demo"],
        ]
        for args in runs:
            result = CliRunner().invoke(main, args, env={"FORCE_COLOR": "1", "TERM": "xterm"})
            assert result.exit_code == 0, result.stderr
            assert result.stderr == ""

    def test_report_shows_its_steps_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """`okrkit report` shows a bar while it builds and lays out a report, on a terminal."""
        seen: list[str] = []
        real = _progress.progress

        def watched(description: str, **options: object) -> object:
            seen.append(description)
            return real(description, **options)  # type: ignore[arg-type]

        monkeypatch.setattr("okrkit.cli._report.progress", watched)
        result = CliRunner().invoke(main, ["report", str(EXAMPLE), "--format", "md"])
        assert result.exit_code == 0, result.stderr
        assert any("acme.yaml" in text for text in seen)
        assert len(seen) == 2
