"""Markdown reports: what they show, and that the user's text never becomes markup.

Each output is parsed with a real CommonMark parser (markdown-it-py, with GitHub's
tables and strikethrough) and checked token by token: no HTML, no link, and the same
document structure whatever the user wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

import okrkit
from builders import kr, objective
from okrkit import CheckIn, Cycle, LocaleError, OKRSet, Owner
from okrkit.cli._safe import terminal_text
from okrkit.errors import UsageError
from okrkit.i18n import gettext, use_locale
from okrkit.report import (
    QUESTIONS,
    ScorecardReport,
    WeeklyDigest,
    build_digest,
    build_review,
    build_scorecard,
    render,
    to_markdown,
)
from okrkit.report.markdown import escape_markdown
from report_samples import digest_with, reports_with, review_with

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = dt.date(2026, 3, 20)
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# Hostile titles, most of them from tests/graph/test_export_safety.py.
PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1)) ![x](http://evil.example/x.png) <http://evil.example>",
    "**bold** _it_ `code` ~~gone~~ $x^2$ :smile:",
    "| a | b |\n|---|---|",
    "# heading\n- item\n1. one\n> quote",
    "---",
    "a & b; c &amp; &lt;b&gt; &#60;",
    "back\\slash \\ at the end\\",
    "line\nfeed, crlf\r\nbreak, unicode\u2028line\u2029paragraph",
    "escape \x1b[2J\x1b]0;title\x07 bell and c1 \x9b2J",
    "rtl \u202egnp.exe\u202c and nul\x00byte",
    "    four spaces then code",
    "1986. A great year",
    "+ plus - minus = equals",
]


def parse(markdown: str) -> list[Token]:
    """Every token of ``markdown``, inline children included, in document order."""
    flat: list[Token] = []
    for token in PARSER.parse(markdown):
        flat.append(token)
        flat.extend(token.children or ())
    return flat


def shown_text(markdown: str) -> str:
    """What a reader sees of ``markdown``: the text of its tokens, a line each."""
    return "\n".join(t.content for t in parse(markdown) if t.type in ("text", "code_inline"))


def structure(markdown: str) -> list[tuple[str, str]]:
    """The shape of ``markdown``: each token's type and tag, without its text."""
    return [(t.type, t.tag) for t in parse(markdown) if t.type != "text"]


def cleaned(text: str) -> str:
    """``text`` as a Markdown report must show it: one line, no control characters."""
    return re.sub(r"\s+", " ", terminal_text(text)).strip()


@pytest.fixture(scope="module")
def example_vi() -> OKRSet:
    """The Vietnamese example."""
    return okrkit.load(EXAMPLES / "acme.yaml")


@pytest.fixture(scope="module")
def scorecard_vi(example_vi: OKRSet) -> ScorecardReport:
    """Its scorecard as of 2026-03-20."""
    return build_scorecard(example_vi, as_of=AS_OF, burnup=False)


class TestEscaping:
    def test_script_title_shows_as_text(self, locale: str) -> None:
        """An objective titled <script>alert(1)</script> is text in every report, no HTML."""
        payload = "<script>alert(1)</script>"
        for report in reports_with(payload):
            tokens = parse(to_markdown(report, locale=locale))
            assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
            assert payload in shown_text(to_markdown(report, locale=locale))

    def test_script_title_from_a_file_shows_as_text(self) -> None:
        """The same holds end to end: a set whose objective is titled <script>..."""
        payload = "<script>alert(1)</script>"
        okrs = OKRSet(
            cycles=[Cycle.quarter(2026, 1)],
            owners=[Owner(id="team", name=payload, kind="team")],  # type: ignore[arg-type]
            objectives=[
                objective("o1", kr("k1", title=payload), kr("k2"), title=payload),
                objective("o2", kr("k3"), level="company", owner="team"),
            ],
            checkins=[CheckIn(key_result="k1", on=dt.date(2026, 3, 16), value=4, confidence=2)],
        )
        reports = (
            build_scorecard(okrs, as_of=AS_OF),
            build_digest(okrs, as_of=AS_OF),
            build_review(okrs),
        )
        for report in reports:
            markdown = to_markdown(report, locale="vi")
            assert not [t for t in parse(markdown) if t.type.startswith("html")]
            assert payload in shown_text(markdown)

    @pytest.mark.parametrize("payload", PAYLOADS)
    def test_payload_changes_no_structure(self, payload: str) -> None:
        """Whatever the user wrote, the document has the structure of a plain one."""
        for plain, hostile in zip(reports_with("x"), reports_with(payload), strict=True):
            markdown = to_markdown(hostile, locale="en")
            assert structure(markdown) == structure(to_markdown(plain, locale="en"))
            assert cleaned(payload) in shown_text(markdown)

    @given(st.text())
    def test_any_text_changes_no_structure(self, text: str) -> None:
        """Any text in every user field leaves the structure and reads as itself."""
        assume(cleaned(text))  # titles, names and reasons are never blank
        for plain, hostile in zip(reports_with("x"), reports_with(text), strict=True):
            markdown = to_markdown(hostile, locale="en")
            assert structure(markdown) == structure(to_markdown(plain, locale="en"))
            assert cleaned(text) in shown_text(markdown)

    @given(st.text())
    def test_escaped_text_reads_as_itself(self, text: str) -> None:
        """escape_markdown's output, parsed, is the text on one line, nothing else."""
        tokens = parse("x " + escape_markdown(text))
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "text", "paragraph_close"]
        assert tokens[2].content == ("x " + cleaned(text)).rstrip()

    def test_pipes_stay_in_their_cell(self) -> None:
        """A pipe in a title does not split a table's cells: each row has its header's count."""
        for report in reports_with("a | b | c"):
            markdown = to_markdown(report, locale="en")
            widths: list[list[int]] = []
            for token in parse(markdown):
                if token.type == "table_open":
                    widths.append([])
                elif token.type == "tr_open":
                    widths[-1].append(0)
                elif token.type in ("th_open", "td_open"):
                    widths[-1][-1] += 1
            assert widths
            assert all(len(set(table)) == 1 for table in widths)
            assert "a | b | c" in shown_text(markdown)


class TestScorecard:
    def test_title_date_and_cycle(self, scorecard_vi: ScorecardReport) -> None:
        """The title names the report and the cycle; the date is Vietnamese business style."""
        lines = to_markdown(scorecard_vi, locale="vi").splitlines()
        assert lines[0] == "# Bảng điểm OKR: Quý 1/2026"
        assert lines[2].startswith("Tính đến ngày 20/3/2026 · 18 mục tiêu, ")

    def test_a_heading_per_objective_by_depth(self, scorecard_vi: ScorecardReport) -> None:
        """Each objective is a heading, one level deeper for what is aligned below."""
        tokens = parse(to_markdown(scorecard_vi, locale="vi"))
        headings = [
            (token.tag, "".join(child.content for child in tokens[index + 1].children or ()))
            for index, token in enumerate(tokens)
            if token.type == "heading_open" and token.tag != "h1"
        ]
        assert headings == [
            (f"h{min(2 + line.depth, 6)}", line.title) for line in scorecard_vi.objectives
        ]

    def test_objective_numbers(self, scorecard_vi: ScorecardReport) -> None:
        """Score with band, status, the pace needed, forecast, confidence and owner."""
        text = shown_text(to_markdown(scorecard_vi, locale="vi"))
        assert "69% (mức xanh)" in text
        assert "đúng tiến độ" in text
        assert "61%" in text
        assert "75% (mức xanh) đến ngày 31/3/2026" in text
        assert "3,6/5 (tăng)" in text
        assert "Công ty Cổ phần Công nghệ Acme" in text
        assert "Tiến độ dự kiến:" in text

    @pytest.mark.parametrize(
        ("locale", "expected"),
        [
            ("vi", "4.200.000.000\xa0₫ → 5.200.000.000\xa0₫ (20/3/2026) → 5.500.000.000\xa0₫"),
            ("en", "₫4,200,000,000 → ₫5,200,000,000 (Mar 20, 2026) → ₫5,500,000,000"),
        ],
    )
    def test_key_result_start_latest_target(self, locale: str, expected: str) -> None:
        """A key result reads start -> latest (its date) -> target, by unit and locale."""
        name = "acme.yaml" if locale == "vi" else "acme.en.yaml"
        report = build_scorecard(okrkit.load(EXAMPLES / name), as_of=AS_OF, burnup=False)
        assert expected in shown_text(to_markdown(report, locale=locale))

    def test_missed_forecast_says_by_how_much(self) -> None:
        """A forecast short of the ambition's bar says what it falls short of."""
        text = shown_text(to_markdown(reports_with("x")[0], locale="en"))
        assert "30% (red band) by Mar 31, 2026, short of 100%" in text
        assert "no check-in yet" in text

    def test_follows_the_active_locale(self, scorecard_vi: ScorecardReport) -> None:
        """Without a locale argument the active locale is used."""
        with use_locale("vi"):
            assert to_markdown(scorecard_vi).startswith("# Bảng điểm OKR")
        with use_locale("en"):
            assert to_markdown(scorecard_vi).startswith("# OKR scorecard")


class TestDigestAndReview:
    def test_empty_sections_say_nothing_this_week(self, locale: str) -> None:
        """Each empty section of the digest has the localised 'nothing' line."""
        empty = WeeklyDigest(
            as_of=AS_OF,
            since=dt.date(2026, 3, 13),
            cycles=("Q1",),
            moved=(),
            slipped=(),
            stale=(),
            stale_days=14,
            confidence_falls=(),
            forecast_misses=(),
            blocked=(),
            levers=(),
        )
        markdown = to_markdown(empty, locale=locale)
        with use_locale(locale):
            assert markdown.count(f"*{gettext('Nothing this week.')}*") == 7
        assert "|" not in markdown

    def test_every_digest_section(self) -> None:
        """The digest shows each list with its numbers."""
        text = shown_text(to_markdown(digest_with("Sales"), locale="en"))
        for expected in (
            "— → ₫900,000",
            "0% → 30%",
            "+30 pts",
            "on track → at risk",
            "never",
            "78 days",
            "4/5 → 2/5",
            "80%",
            "off track",
            "+12.5 pts",
            "No check-in for more than 14 days",
        ):
            assert expected in text

    def test_owner_grade_and_reason(self) -> None:
        """An owner-set grade shows beside the computed one, with its reason."""
        text = shown_text(to_markdown(review_with("Bank data came late"), locale="vi"))
        assert "có: Bank data came late" in text
        assert "0,6" in text
        assert "0,45" in text
        assert "không đạt" in text

    def test_objective_rows_are_bold(self) -> None:
        """In the grades table an objective's name and id are bold, as one run."""
        tokens = parse(to_markdown(review_with("Grow *fast*"), locale="en"))
        bold = [
            tokens[index + 1].content
            for index, token in enumerate(tokens)
            if token.type == "strong_open"
        ]
        assert bold[0] == "Grow *fast* (Grow *fast*)"
        assert bold[-1] == "0.72"  # the driver's grade, in its heading

    def test_questions_to_fill_in(self, locale: str) -> None:
        """The retrospective questions are a numbered list, each with answer lines."""
        markdown = to_markdown(review_with("x"), locale=locale)
        tokens = parse(markdown)
        items = [t for t in tokens if t.type == "list_item_open" and t.info]
        assert [t.info for t in items] == [str(n) for n in range(1, len(QUESTIONS) + 1)]
        with use_locale(locale):
            for question in QUESTIONS:
                assert gettext(question) in markdown
            assert markdown.count(gettext("Answer:")) == len(QUESTIONS)


class TestErrors:
    @pytest.mark.parametrize("thing", [None, "report", {"as_of": "2026-03-20"}])
    def test_not_a_report(self, thing: Any) -> None:
        """Anything but a report is refused with a UsageError that names the builders."""
        with pytest.raises(UsageError, match="build_scorecard"):
            to_markdown(thing)

    def test_unknown_locale(self) -> None:
        """An unknown locale raises LocaleError."""
        with pytest.raises(LocaleError):
            to_markdown(reports_with("x")[0], locale="xx_YY")

    def test_render_markdown_and_md(self) -> None:
        """render() gives the same Markdown for 'markdown', 'md' and ' MD '."""
        report = reports_with("x")[1]
        expected = to_markdown(report, locale="en")
        for name in ("markdown", "md", " MD "):
            assert render(report, name, locale="en") == expected
