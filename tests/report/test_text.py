"""Plain-text and rich reports: safe for a terminal, within their width, same content."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.cells import cell_len
from rich.console import Console

import okrkit
from okrkit.errors import ParameterError, UsageError
from okrkit.report import (
    ScorecardReport,
    build_digest,
    build_review,
    build_scorecard,
    render,
    to_markdown,
    to_rich,
    to_text,
)
from report_samples import reports_with, scorecard_with

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = dt.date(2026, 3, 20)
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
HOSTILE = "Grow \x1b[2J\x1b]0;pwned\x07fast\r\nnow\x08\x08 \x9b31m \u202eevil\u202c [bold]x[/]"


def rich_output(renderable: Any, width: int = 200, *, colour: bool = False) -> str:
    """What a console of ``width`` cells prints for ``renderable``."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=colour,
        color_system="standard" if colour else None,
        highlight=False,
    )
    console.print(renderable)
    return buffer.getvalue()


def words(text: str) -> set[str]:
    """The words of ``text``, without the punctuation and rules a layout adds."""
    found = set()
    for word in text.split():
        stripped = word.strip(".,:;()|•-–—=→·\u2500\u2501")
        if any(char.isalnum() for char in stripped):
            found.add(stripped)
    return found


def markdown_words(markdown: str) -> set[str]:
    """The words a reader of ``markdown`` sees."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    shown = []
    for token in parser.parse(markdown):
        shown.extend(child.content for child in token.children or () if child.type == "text")
        if token.type == "list_item_open" and token.info:
            shown.append(token.info)  # the number of an ordered list's item
    return words("\n".join(shown))


@pytest.fixture(scope="module")
def example_reports() -> list[Any]:
    """The English example's scorecard and digest on 2026-03-20, and its review."""
    okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
    return [
        build_scorecard(okrs, as_of=AS_OF, burnup=False),
        build_digest(okrs, as_of=AS_OF),
        build_review(okrs, as_of="2026-03-31"),
    ]


class TestPlainText:
    def test_no_escape_sequence_gets_through(self, locale: str) -> None:
        """Escape sequences and control characters in the user's text are removed."""
        for report in reports_with(HOSTILE):
            text = to_text(report, locale=locale)
            assert not CONTROL.search(text)
            assert "Grow fast now evil [bold]x[/]" in text
            assert "pwned" not in text

    @given(st.text(), st.integers(min_value=40, max_value=160))
    def test_lines_fit_the_width(self, title: str, width: int) -> None:
        """No line is wider than asked, in terminal cells, and no control character shows."""
        for report in reports_with(title):
            text = to_text(report, locale="vi", width=width)
            assert text.endswith("\n")
            assert not CONTROL.search(text)
            assert max(cell_len(line) for line in text.splitlines()) <= width

    def test_wide_tables_become_records(self) -> None:
        """A table too wide for the width lists each row's cells by column name."""
        text = to_text(scorecard_with("Revenue"), locale="en", width=40)
        assert "Key results:\n- Revenue (Revenue)\n    Owners: Revenue, Revenue" in text
        assert max(len(line) for line in text.splitlines()) <= 40

    def test_narrow_tables_stay_tables(self) -> None:
        """A table that fits is drawn in aligned columns under a rule."""
        text = to_text(reports_with("x")[2], locale="en", width=100)
        assert re.search(r"^  Band +Grade range +Number of objectives$", text, re.MULTILINE)
        assert re.search(r"^  green band +0\.7 – 1 +1$", text, re.MULTILINE)

    def test_deeper_objectives_are_indented(self) -> None:
        """An objective aligned below another is indented under it."""
        text = to_text(scorecard_with("Root"), locale="en")
        assert "\nRoot\n----\n" in text
        assert "\n  Child Root\n  ----------\n" in text

    def test_questions_have_answer_lines(self) -> None:
        """Each retrospective question is numbered, with dotted lines to answer on."""
        text = to_text(reports_with("x")[2], locale="vi")
        assert re.search(r"^1\. Chấm điểm trung thực", text, re.MULTILINE)
        assert text.count("   Trả lời: ....") == 5

    @pytest.mark.parametrize("width", [39, 0, -5, True, 50.5, "80", None])
    def test_width_must_be_sensible(self, width: Any) -> None:
        """A width under 40 cells, or not a whole number, is a ParameterError."""
        with pytest.raises(ParameterError, match="'width' must be a whole number of at least 40"):
            to_text(reports_with("x")[0], width=width)

    def test_not_a_report(self) -> None:
        """Anything but a report is a UsageError."""
        with pytest.raises(UsageError):
            to_text(okrkit.load(EXAMPLES / "acme.en.yaml"))


class TestSameContent:
    def test_text_rich_and_markdown_agree(self, example_reports: list[Any]) -> None:
        """Text, rich and Markdown show the same words for each report kind."""
        for report in example_reports:
            markdown = markdown_words(to_markdown(report, locale="en"))
            # A table too wide for the text becomes a list led by the table's name ("Key
            # results"), which drops its first heading ("Key result"): the one difference.
            assert words(to_text(report, locale="en", width=200)) ^ markdown <= {"result"}
            assert words(rich_output(to_rich(report, locale="en"), width=400)) == markdown

    def test_render_text_is_to_text(self, example_reports: list[Any]) -> None:
        """render(report) is the plain text, 100 cells wide."""
        report = example_reports[1]
        assert render(report, locale="vi") == to_text(report, locale="vi")
        assert render(report, "TEXT", locale="en") == to_text(report, locale="en", width=100)

    def test_render_names_the_formats(self, example_reports: list[Any]) -> None:
        """An unknown format is a UsageError naming the known ones."""
        with pytest.raises(UsageError, match="'pdf'; use one of text, markdown, md, html"):
            render(example_reports[0], "pdf")
        with pytest.raises(UsageError, match="use one of"):
            render(example_reports[0], None)  # type: ignore[arg-type]

    def test_render_html_is_a_page(self, example_reports: list[Any]) -> None:
        """render(..., "html") hands over to the HTML renderer."""
        page = render(example_reports[0], "html", locale="vi")
        assert page.lstrip().lower().startswith("<!doctype html>")
        assert 'lang="vi"' in page


class TestRich:
    def test_status_colours_beside_their_words(self, example_reports: list[Any]) -> None:
        """On track is green, at risk yellow, off track red, always with the word."""
        output = rich_output(to_rich(example_reports[0], locale="en"), colour=True)
        assert re.search(r"\x1b\[32mon track\x1b\[0m", output)
        assert re.search(r"\x1b\[31moff track\x1b\[0m", output)
        assert re.search(r"\x1b\[33mat risk\x1b\[0m", output)

    def test_only_colour_codes_reach_the_terminal(self) -> None:
        """The user's escape sequences never reach the terminal; markup is not read."""
        for report in reports_with(HOSTILE):
            output = rich_output(to_rich(report, locale="vi"), colour=True)
            assert not CONTROL.search(SGR.sub("", output))
            assert "[bold]x[/]" in SGR.sub("", output)

    def test_rich_is_imported_only_when_asked(self) -> None:
        """Importing okrkit.report and rendering text or Markdown does not import rich."""
        code = (
            "import sys, okrkit, okrkit.report as r\n"
            "s = r.build_scorecard(okrkit.load(sys.argv[1]), as_of='2026-03-20', burnup=False)\n"
            "r.to_text(s); r.to_markdown(s)\n"
            "print('rich' in sys.modules)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, str(EXAMPLES / "acme.en.yaml")],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert result.stdout.strip() == "False"


def test_scorecard_report_type_is_exported() -> None:
    """The renderers take the report classes okrkit.report exports."""
    assert isinstance(scorecard_with("x"), ScorecardReport)
