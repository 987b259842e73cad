"""What the command line prints of a user's file: never an escape sequence, always the text.

The file's titles and names hold what an attacker (or a careless paste) would put there:
clear screen, hidden text, a window title, an OSC 8 hyperlink, a bell, backspaces, a
carriage return, an 8-bit CSI, a right-to-left override, and rich markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from okrkit.cli import main
from okrkit.cli._safe import terminal_lines, terminal_text

HOSTILE = r"""schema_version: 1
cycles:
  - {id: 2026-Q1, name: "Q1 \e]0;pwned\a2026", start: 2026-01-01, end: 2026-03-31}
owners:
  - {id: acme, name: "Acme \e[8mhidden\e[0m", kind: company}
objectives:
  - id: obj-1
    title: "Grow \e[2J\e[H[bold]big[/bold] \e]8;;http://evil.example\e\\click\e]8;;\e\\ \a\b\b\b"
    owner: acme
    cycle: 2026-Q1
    level: company
    key_results:
      - id: kr-1
        title: "NPS [red]up[/red]\r\x9b2Joverwritten \u202egnp"
        metric: {kind: increase, start: 1, target: 10, unit: count}
"""

# Anything a terminal acts on: C0 and C1 controls (but the line feed), DEL, bidi controls.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """An OKR file whose text is full of terminal escape sequences and rich markup."""
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner."""
    return CliRunner()


class TestCommands:
    @pytest.mark.parametrize(
        "args", [["report"], ["score", "--as-of", "2026-02-01"]], ids=["report", "score"]
    )
    def test_no_escape_sequence_reaches_the_terminal(
        self, runner: CliRunner, hostile: Path, args: list[str]
    ) -> None:
        """Titles and names print as their text: no control, no markup read as a style."""
        result = runner.invoke(main, [args[0], str(hostile), *args[1:]])
        assert result.exit_code == 0, result.output
        assert not UNSAFE.search(result.output), repr(result.output)
        assert "Grow [bold]big[/bold] click" in result.output
        assert "NPS [red]up[/red] overwritten gnp" in result.output
        assert "pwned" not in result.output
        assert "evil.example" not in result.output

    def test_report_names(self, runner: CliRunner, hostile: Path) -> None:
        """Owner and cycle names lose their sequences and keep their text."""
        result = runner.invoke(main, ["report", str(hostile)])
        assert "Acme hidden" in result.output
        assert "Q1 2026" in result.output

    def test_strategy_name_is_cleaned(self, runner: CliRunner, hostile: Path) -> None:
        """The strategy named on the command line is printed without its sequences."""
        result = runner.invoke(main, ["score", str(hostile), "--strategy", "linear"])
        assert result.exit_code == 0
        assert not UNSAFE.search(result.output)

    def test_error_messages_are_cleaned(self, runner: CliRunner, tmp_path: Path) -> None:
        """A failure quoting the user's path prints no escape sequence either."""
        result = runner.invoke(main, ["report", str(tmp_path / "x\x1b[2J\x07.yaml")])
        assert result.exit_code == 1
        assert "/x.yaml" in result.output
        assert not UNSAFE.search(result.output)

    def test_json_export_escapes_what_a_terminal_acts_on(
        self, runner: CliRunner, hostile: Path
    ) -> None:
        """JSON keeps the data, with C1 and bidi controls written as JSON escapes."""
        result = runner.invoke(main, ["graph", str(hostile), "-f", "json"])
        assert result.exit_code == 0
        assert not UNSAFE.search(result.output)
        data = json.loads(result.output)
        titles = {node["id"]: node["entity"]["title"] for node in data["nodes"]}
        assert titles["kr-1"] == "NPS [red]up[/red]\r\x9b2Joverwritten \u202egnp"

    @pytest.mark.parametrize("fmt", ["mermaid", "dot", "graphml"])
    def test_text_exports_are_clean(self, runner: CliRunner, hostile: Path, fmt: str) -> None:
        """Mermaid, DOT and GraphML print nothing a terminal acts on."""
        result = runner.invoke(main, ["graph", str(hostile), "-f", fmt])
        assert result.exit_code == 0
        assert not UNSAFE.search(result.output)

    def test_graphml_says_what_it_replaced(self, runner: CliRunner, hostile: Path) -> None:
        """What GraphML cannot hold is named on standard error, entity and attribute."""
        result = runner.invoke(main, ["graph", str(hostile), "-f", "graphml"])
        assert result.exit_code == 0
        assert "label (obj-1)" in result.stderr
        assert "U+FFFD" in result.stderr


class TestHelpers:
    def test_sequences_go_whole(self) -> None:
        """CSI, OSC (BEL or ST), DCS and short ESC sequences leave no argument behind."""
        text = "a\x1b[1;31mb\x1b]0;t\x07c\x1b]8;;u\x1b\\d\x1bP1$r\x1b\\e\x1b7f\x9b2Jg\x9d0;t\x9ch"
        assert terminal_text(text) == "abcdefgh"

    def test_line_breaks(self) -> None:
        """terminal_text makes one line; terminal_lines keeps line feeds, drops the rest."""
        text = "a\r\nb\rc\u2028d\te"
        assert terminal_text(text) == "a b c d e"
        assert terminal_lines(text) == "a\nb\nc\nd e"

    @given(st.text(st.characters(codec=None)))
    def test_nothing_unsafe_survives(self, text: str) -> None:
        """Whatever the text, no control or bidi character is left, and it can be encoded."""
        for cleaned in (terminal_text(text), terminal_lines(text)):
            assert not UNSAFE.search(cleaned)
            cleaned.encode("utf-8")
        assert "\n" not in terminal_text(text)
