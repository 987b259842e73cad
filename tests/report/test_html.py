"""The HTML report: one self-contained page, every user string escaped, in vi and en.

Each page is read back with :class:`html.parser.HTMLParser`, which sees the elements
and attributes a browser would: no script, no event handler, no link out of the page,
and the user's text as text.

Golden files: ``tests/report/golden/{scorecard,digest,review}.{vi,en}.html`` hold the
pages of the example (``examples/acme.yaml`` in Vietnamese, ``examples/acme.en.yaml``
in English), the scorecard and digest as of 2026-03-20, the review at the cycle's end.
After a deliberate change to the page, write them again with
``OKRKIT_REGEN_GOLDEN=1 pytest tests/report/test_html.py`` and read the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from graph.test_export_safety import PAYLOADS
from okrkit import Cycle, OKRSet, Owner, Status
from okrkit.errors import LocaleError, UsageError
from okrkit.i18n import format_percent
from okrkit.model import Ambition, Level, Metric, MetricKind
from okrkit.report import (
    Band,
    BlockedDependency,
    ConfidenceDrop,
    CycleReview,
    Driver,
    ForecastLine,
    ForecastMiss,
    Grade,
    KeyResultLine,
    Lever,
    Movement,
    ObjectiveLine,
    OwnerCount,
    ReviewStats,
    ScorecardReport,
    Slip,
    Stale,
    Trend,
    WeeklyDigest,
    build_digest,
    build_review,
    build_scorecard,
    render,
    to_html,
)
from okrkit.report.html import MAX_BURNUP_CHARTS
from report.test_golden import english_labels, found, without_user_text

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.date(2026, 3, 20)
EXAMPLES = {"vi": ROOT / "examples" / "acme.yaml", "en": ROOT / "examples" / "acme.en.yaml"}

# Every element the report may contain: anything else (script, img, iframe, link,
# object, a tag smuggled in through a title) fails the tests.
ELEMENTS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "nav",
    "section", "article", "h1", "h2", "h3", "p", "ul", "ol", "li", "a", "span", "div",
    "b", "br", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
    "svg", "line", "text", "polyline", "circle",
}  # fmt: skip
# The inline styles the renderer writes itself: a width or offset, a colour.
STYLE = re.compile(r"(width|left):\d+(\.\d+)?%|background:#[0-9A-F]{6}")


class Page(HTMLParser):
    """A parsed page: its elements, attributes, text and style sheet."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.texts: list[str] = []
        self.css = ""
        self.stack: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the element and its attributes; an element with content opens."""
        self.elements.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)
        if tag not in ("meta", "br", "line", "polyline", "circle"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep a self-closed element and its attributes."""
        self.elements.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)

    def handle_endtag(self, tag: str) -> None:
        """Close the element that is open."""
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        """Keep text: the style sheet's apart from what a reader sees."""
        if self.stack and self.stack[-1] == "style":
            self.css += data
        else:
            self.texts.append(data)

    @property
    def text(self) -> str:
        """All the text a reader sees, in one string."""
        return "".join(self.texts)


def assert_inert(page: str) -> Page:
    """Only the report's own elements, no handler, no link out, no fetched resource."""
    parsed = Page(page)
    assert set(parsed.elements) <= ELEMENTS, set(parsed.elements) - ELEMENTS
    for tag, name, value in parsed.attributes:
        assert not name.startswith("on"), (tag, name, value)
        assert name not in ("src", "srcset", "action", "formaction", "xlink:href"), name
        if name == "href":
            assert value is not None
            assert re.fullmatch(r"#[a-z]+(-\d+)?|#[a-z_]+", value), value
        if name == "style":
            assert value is not None
            assert STYLE.fullmatch(value), value
    css = parsed.css
    assert "@import" not in css
    assert "url(" not in css
    for needle in ("http://", "https://", "//", "javascript:"):
        assert needle not in css, needle
    assert "http://" not in page
    assert "https://" not in page
    return parsed


@pytest.fixture(scope="module")
def example() -> dict[str, OKRSet]:
    """The example in Vietnamese and in English."""
    return {language: okrkit.load(path) for language, path in EXAMPLES.items()}


@pytest.fixture(scope="module")
def reports(example: dict[str, OKRSet]) -> dict[tuple[str, str], Any]:
    """Each report kind of the example, in each language's file."""
    made: dict[tuple[str, str], Any] = {}
    for language, okrs in example.items():
        made["scorecard", language] = build_scorecard(okrs, as_of=AS_OF)
        made["digest", language] = build_digest(okrs, as_of=AS_OF)
        made["review", language] = build_review(okrs, cycle="2026-Q1", as_of="2026-03-31")
    return made


KINDS = ("scorecard", "digest", "review")


class TestExample:
    @pytest.mark.parametrize("kind", KINDS)
    def test_golden(self, reports: dict[tuple[str, str], Any], kind: str, locale: str) -> None:
        """Each kind of the example renders as its golden file, in vi and in en."""
        page = to_html(reports[kind, locale], locale=locale)
        path = GOLDEN / f"{kind}.{locale}.html"
        if os.environ.get("OKRKIT_REGEN_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page, encoding="utf-8")
        assert page == path.read_text(encoding="utf-8")

    @pytest.mark.parametrize("kind", KINDS)
    def test_self_contained(
        self, reports: dict[tuple[str, str], Any], kind: str, locale: str
    ) -> None:
        """A page asks for nothing outside itself and declares its language and width."""
        page = to_html(reports[kind, locale], locale=locale)
        assert page.startswith("<!DOCTYPE html>\n")
        assert f'<html lang="{locale}">' in page
        assert '<meta charset="utf-8">' in page
        assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
        parsed = assert_inert(page)
        assert parsed.elements.count("style") == 1
        assert "@media (max-width" in parsed.css

    def test_scorecard_content(self, reports: dict[tuple[str, str], Any]) -> None:
        """Every objective and key result, a chart per objective, a donut per team."""
        report = reports["scorecard", "en"]
        page = to_html(report, locale="en")
        text = assert_inert(page).text
        for line in report.objectives:
            assert line.title in text
            for key_result in line.key_results:
                assert key_result.title in text
        assert page.count('<svg class="burnup"') == len(report.objectives)
        units = (Level.DEPARTMENT, Level.TEAM)  # one donut per team or department
        owners = {
            line.owner_id for line in report.objectives if line.key_results and line.level in units
        }
        assert page.count('<figure class="donut">') == len(owners)
        assert "Mar 20, 2026" in text
        assert "5,200,000,000" in text  # the latest MRR, by its unit

    def test_donuts_count_each_teams_key_results(
        self, reports: dict[tuple[str, str], Any]
    ) -> None:
        """A team's donut totals its objectives' key results; its legend adds up to it."""
        report = reports["scorecard", "en"]
        page = to_html(report, locale="en")
        expected: dict[str, int] = {}
        for line in report.objectives:
            if line.level in (Level.DEPARTMENT, Level.TEAM):
                expected[line.owner] = expected.get(line.owner, 0) + len(line.key_results)
        found = re.findall(
            r'<figure class="donut"><figcaption>(.*?)</figcaption>.*?class="total">(\d+)'
            r"</text></svg><ul>(.*?)</ul></figure>",
            page,
        )
        assert len(found) == len(expected)
        for name, total, legend in found:
            counts = [int(count) for count in re.findall(r"<b>(\d+)</b>", legend)]
            assert int(total) == sum(counts) == expected[name]

    def test_burnup_draws_each_week_and_the_pace_to_the_bar(
        self, reports: dict[tuple[str, str], Any]
    ) -> None:
        """A chart has one point a week; the pace line ends at 1.0, or 0.7 if aspirational."""
        report = reports["scorecard", "en"]
        page = to_html(report, locale="en")
        charts = re.findall(r'<svg class="burnup".*?</svg>', page)
        ends = set()
        for line, chart in zip(report.objectives, charts, strict=True):
            points = re.search(r'<polyline points="([^"]*)"', chart)
            assert points is not None
            xs = [float(pair.split(",")[0]) for pair in points.group(1).split()]
            assert len(xs) == len(report.burnup[line.id])
            assert xs == sorted(xs)
            pace = re.search(r'<line [^>]*y2="([\d.]+)" class="pace-line"', chart)
            assert pace is not None
            ends.add((line.ambition, pace.group(1)))
        assert len({ambition for ambition, _end in ends}) == len(ends) == 2

    @pytest.mark.parametrize("kind", KINDS)
    def test_vietnamese_has_no_message_in_english(
        self, reports: dict[tuple[str, str], Any], kind: str
    ) -> None:
        """No English text of any report message shows in a vi page, the user's text aside."""
        page = Page(to_html(reports[kind, "vi"], locale="vi"))
        text = without_user_text("\n".join(page.texts), "vi")
        assert found(english_labels(), text) == set()

    def test_vietnamese_has_no_english_label(self, example: dict[str, OKRSet]) -> None:
        """Rendered in vi, no label the en page adds to the same data is left in English."""
        report = build_scorecard(example["vi"], as_of=AS_OF)
        english = Page(to_html(report, locale="en")).texts
        vietnamese = Page(to_html(report, locale="vi"))
        labels = {
            piece.strip(" :·()")
            for piece in english
            if re.search("[A-Za-z]{3}", piece) and piece not in vietnamese.texts
        }
        labels = {label for label in labels if len(label) > 3}
        assert labels  # the en page has labels of its own
        for label in labels:
            assert label not in vietnamese.text, label
        assert "20/3/2026" in vietnamese.text
        assert not re.search(r"\b(Jan|Feb|Mar|Apr) \d", vietnamese.text)  # no English date

    def test_render_html_is_to_html(self, reports: dict[tuple[str, str], Any]) -> None:
        """``render(report, "html")`` gives the same page as ``to_html``."""
        report = reports["digest", "vi"]
        assert render(report, "html", locale="vi") == to_html(report, locale="vi")


# -- hostile text ----------------------------------------------------------------------------

METRIC = Metric(kind=MetricKind.INCREASE, start=0, target=10)


def hostile_scorecard(text: str, objectives: int = 1) -> ScorecardReport:
    """A scorecard whose every piece of user text is ``text``."""
    key_result = KeyResultLine(
        id=text, title=text, owners=(text, text), metric=METRIC, start=0, latest=4,
        latest_on=AS_OF, target=10, score=0.4, band=Band.PROGRESS, status=Status.AT_RISK,
        expected=0.8, confidence=2, trend=Trend.FALLING,
        forecast=ForecastLine(score=0.5, band=Band.PROGRESS, on=AS_OF, value=5.0),
        final_grade=0.5, reason=text,
    )  # fmt: skip
    lines = tuple(
        ObjectiveLine(
            id=f"{text}{n}", title=text, level=Level.TEAM, ambition=Ambition.COMMITTED,
            owner=text, owner_id=text, cycle=text, parent=None if n == 0 else f"{text}0",
            depth=min(n, 1), score=0.4, band=Band.PROGRESS, status=Status.AT_RISK,
            expected=0.8, confidence=2.5, trend=Trend.RISING,
            forecast=ForecastLine(score=0.5, band=Band.PROGRESS, on=AS_OF, misses=True),
            key_results=(key_result,),
        )
        for n in range(objectives)
    )  # fmt: skip
    start = dt.date(2026, 1, 1)
    return ScorecardReport(
        as_of=AS_OF,
        strategy=text,
        cycles=(text,),
        objectives=lines,
        burnup={line.id: ((start, 0.0), (AS_OF, 0.4)) for line in lines},
        periods={line.id: (start, dt.date(2026, 3, 31)) for line in lines},
    )


def hostile_digest(text: str) -> WeeklyDigest:
    """A digest with one entry in each section, every piece of user text ``text``."""
    return WeeklyDigest(
        as_of=AS_OF, since=AS_OF - dt.timedelta(days=7), cycles=(text,),
        moved=(Movement(id=text, title=text, metric=METRIC, before=None, after=3,
                        score_before=0, score_after=0.3),),
        slipped=(Slip(id=text, title=text, is_objective=True, before=Status.ON_TRACK,
                      after=Status.OFF_TRACK),),
        stale=(Stale(id=text, title=text, owners=(text,), last_on=None, days=20),),
        stale_days=14,
        confidence_falls=(ConfidenceDrop(id=text, title=text, before=4, after=2),),
        forecast_misses=(ForecastMiss(id=text, title=text, ambition=Ambition.COMMITTED,
                                      forecast=0.6, bar=1.0),),
        blocked=(BlockedDependency(dependent=text, dependent_title=text, on=text,
                                   on_title=text, status=Status.AT_RISK, note=text),),
        levers=(Lever(id=text, title=text, key_results=((text, text, 0.1),)),),
    )  # fmt: skip


def hostile_review(text: str) -> CycleReview:
    """A review whose every piece of user text is ``text``."""
    grade = Grade(
        id=text, title=text, is_objective=True, ambition=Ambition.ASPIRATIONAL, grade=0.6,
        computed=0.5, owner_set=True, reason=text, bar=0.7, achieved=False, band=Band.PROGRESS,
    )  # fmt: skip
    stats = ReviewStats(
        objectives=1, achieved=0, bands={band: int(band is Band.PROGRESS) for band in Band},
        net_confidence=(OwnerCount(id=text, name=text, value=-25.0),),
        without_okrs=((text, text),),
    )  # fmt: skip
    return CycleReview(
        as_of=AS_OF, cycle=text, cycle_id=text, grades=(grade,), stats=stats,
        drivers=(Driver(id=text, title=text, grade=0.6, contributions=((text, text, 0.6),)),),
    )  # fmt: skip


HOSTILE = (hostile_scorecard, hostile_digest, hostile_review)
# What a page shows of a payload: line breaks and tabs as spaces, controls and bidi
# overrides removed (the HTML counterpart of the exports' documented clean form).
_BREAKS = re.compile("\r\n|[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_REMOVED = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def shown(text: str) -> str:
    """The text a page shows for ``text``."""
    return _REMOVED.sub("", _BREAKS.sub(" ", text))


class TestEscaping:
    @pytest.mark.parametrize("payload", PAYLOADS)
    @pytest.mark.parametrize("make", HOSTILE)
    def test_payloads_show_as_text(self, make: Any, payload: str) -> None:
        """Each hostile payload, in every text field of each report, shows as text."""
        page = to_html(make(payload), locale="en")
        parsed = assert_inert(page)
        assert shown(payload) in parsed.text
        assert not _REMOVED.search(page.replace("\n", ""))

    def test_title_argument_is_escaped(self) -> None:
        """A page title given by the caller is text too."""
        page = to_html(hostile_digest("x"), title="<script>alert(1)</script>")
        parsed = assert_inert(page)
        assert parsed.text.count("<script>alert(1)</script>") == 2  # <title> and <h1>

    def test_script_titled_objective_from_a_set(self) -> None:
        """An objective titled ``<script>alert(1)</script>`` in a file shows as its title."""
        okrs = OKRSet(
            cycles=[Cycle.quarter(2026, 1)],
            owners=[Owner(id="team", name="<b onclick=x>Đội</b>")],
            objectives=[objective("o1", kr("k1"), title="<script>alert(1)</script>")],
        )
        report = build_scorecard(okrs, as_of=AS_OF)
        for language in ("vi", "en"):
            parsed = assert_inert(to_html(report, locale=language))
            assert "<script>alert(1)</script>" in parsed.text
            assert "<b onclick=x>Đội</b>" in parsed.text

    @given(
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40),
        st.sampled_from(HOSTILE),
    )
    def test_any_text_stays_text(self, text: str, make: Any) -> None:
        """Whatever the text, the page keeps its own elements only and shows the text."""
        parsed = assert_inert(to_html(make(text), locale="vi"))
        assert shown(text) in parsed.text


class TestChartsAndNumbers:
    def test_burnup_charts_stop_at_the_limit_highest_first(self) -> None:
        """Past the limit, the deepest objectives go without a chart, the roots keep theirs."""
        report = hostile_scorecard("o", objectives=MAX_BURNUP_CHARTS + 2)  # one root
        page = to_html(report, locale="en")
        assert page.count('<svg class="burnup"') == MAX_BURNUP_CHARTS
        first = page.split('<article class="objective depth-0"', 1)[1].split("</article>")[0]
        assert '<svg class="burnup"' in first
        last = page.rsplit('<article class="objective depth-1"', 1)[1]
        assert '<svg class="burnup"' not in last

    def test_status_colours_come_with_words(self) -> None:
        """Every coloured badge says its status or band in words."""
        page = to_html(hostile_scorecard("o"), locale="en")
        badges = re.findall(r'<span class="badge [sb]-\w+">([^<]*)</span>', page)
        assert badges
        assert all(label.strip() for label in badges)
        assert {"at risk", "yellow band"} <= set(badges)

    @given(st.floats(0, 1), st.floats(0, 1), st.sampled_from(["vi", "en"]))
    def test_numbers_as_the_text_reports_write_them(
        self, score: float, expected: float, language: str
    ) -> None:
        """Scores and paces read as okrkit.i18n's whole percentages, in the page's locale."""
        report = hostile_scorecard("o")
        line = report.objectives[0]
        key_result = attrs.evolve(line.key_results[0], score=score, expected=expected)
        report = attrs.evolve(report, objectives=(attrs.evolve(line, key_results=(key_result,)),))
        page = to_html(report, locale=language)
        row = page.split('<table class="key-results">', 1)[1]
        score_cell, status, pace_cell = re.findall(r"<td[^>]*>(.*?)</td>", row)[3:6]
        assert score_cell.startswith(format_percent(score, locale=language, decimals=0) + " ")
        assert pace_cell == format_percent(expected, locale=language, decimals=0)
        assert "badge" in status

    def test_no_points_no_chart(self) -> None:
        """A report built without burn-up points draws no chart and no legend."""
        report = attrs.evolve(hostile_scorecard("o"), burnup={})
        page = to_html(report, locale="en")
        assert '<svg class="burnup"' not in page
        assert 'class="legend"' not in page


class TestErrors:
    def test_not_a_report(self) -> None:
        """Anything but a report is refused, naming the builders."""
        with pytest.raises(UsageError, match="build_scorecard"):
            to_html({"objectives": []})  # type: ignore[arg-type]

    def test_unknown_locale(self) -> None:
        """A locale babel does not know is refused."""
        with pytest.raises(LocaleError):
            to_html(hostile_digest("x"), locale="xx-nowhere")
