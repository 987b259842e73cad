"""Reports as one self-contained HTML page: inline CSS and SVG, nothing fetched.

:func:`to_html` writes a scorecard, a weekly digest or an end-of-cycle review as one
HTML5 document that opens anywhere, offline, on a phone or a desktop: the style sheet
is inlined, the charts are inline SVG, and the page has no script, no web font, no
image and no link out of itself (its only links are to anchors inside it). Every
piece of user text is escaped; every number and date is formatted for the page's
locale by okrkit.i18n.

Examples:
    >>> import okrkit
    >>> from okrkit.report import build_scorecard, to_html
    >>> report = build_scorecard(okrkit.load("examples/acme.en.yaml"), as_of="2026-03-20")
    >>> page = to_html(report, locale="en")
    >>> page.startswith("<!DOCTYPE html>"), '<html lang="en">' in page
    (True, True)
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from okrkit.errors import UsageError
from okrkit.i18n import _, get_locale, use_locale
from okrkit.report._data import ScorecardReport
from okrkit.report._digest_data import WeeklyDigest
from okrkit.report._html_digest import digest_page
from okrkit.report._html_kit import Formats, esc
from okrkit.report._html_review import review_page
from okrkit.report._html_scorecard import MAX_BURNUP_CHARTS, scorecard_page
from okrkit.report._review_data import CycleReview

if TYPE_CHECKING:
    from okrkit.report._map import AlignmentMap

__all__ = ["MAX_BURNUP_CHARTS", "to_html"]


@functools.cache
def _style_sheet() -> str:
    """The report's CSS (package data ``report.css``), read once."""
    return resources.files("okrkit.report").joinpath("report.css").read_text(encoding="utf-8")


def to_html(
    report: ScorecardReport | WeeklyDigest | CycleReview,
    *,
    locale: str | None = None,
    title: str | None = None,
    alignment: AlignmentMap | None = None,
) -> str:
    """Render a report as one self-contained HTML page.

    The page holds its CSS and its charts (inline SVG) and asks for nothing over a
    network: no script, font, image or style sheet from anywhere. It reads on a phone
    (the layout wraps, wide tables scroll inside their box) and prints.

    - A scorecard shows a donut of key results by status for each team, then each
      objective in alignment order: score and grade band, status, expected pace,
      forecast and its band, confidence and its trend, owner, a progress bar with the
      expected pace marked, a burn-up chart of its weekly scores against the expected
      pace, and its key results (start -> latest -> target, by unit). Burn-up charts
      are drawn for at most :data:`MAX_BURNUP_CHARTS` objectives, the highest in the
      alignment first.
    - A weekly digest shows what moved, what slipped, what had no check-in for too
      long, falling confidence, forecasts that miss, blocked dependencies and the key
      results with most leverage, each section saying when it has nothing.
    - A review shows the cycle in numbers (with a donut of the grade bands), the
      final grades judged against 1.0 or 0.7, what drove each score, and the
      retrospective questions with room for the answers.

    Args:
        report: A report built by :func:`~okrkit.report.build_scorecard`,
            :func:`~okrkit.report.build_digest` or :func:`~okrkit.report.build_review`.
        locale: The page's language and formats (``"vi"``, ``"en"``, ...); the active
            locale by default. The page's ``lang`` attribute says which.
        title: The page's title; the report's kind by default. Escaped like any text.
        alignment: For a scorecard, an alignment map
            (:func:`~okrkit.report.alignment_map`) to show as a picture at the end of
            the page, drawn by Graphviz as inline SVG (``okrkit report`` passes one
            when Graphviz is installed).

    Returns:
        The HTML document, as text (write it as UTF-8).

    Raises:
        UsageError: when ``report`` is not one of the three reports.
        MissingExtraError: when ``alignment`` is given and Graphviz is not installed.
        LocaleError: for a locale babel does not know.

    Examples:
        >>> import okrkit
        >>> from okrkit.report import build_scorecard, to_html
        >>> okrs = okrkit.load("examples/acme.yaml")
        >>> page = to_html(build_scorecard(okrs, as_of="2026-03-20"), locale="vi")
        >>> "<title>Bảng điểm OKR: Quý 1/2026</title>" in page, "<script" in page
        (True, False)
    """
    # One locale block for the whole page, the active locale's when none is given: each
    # label then finds its language at once instead of reading the environment again.
    with use_locale(locale if locale is not None else get_locale()):
        formats = Formats()
        if isinstance(report, ScorecardReport):
            heading, subtitle, body = scorecard_page(report, formats)
            if alignment is not None:
                body += _map_section(alignment)
        elif isinstance(report, WeeklyDigest):
            heading, subtitle, body = digest_page(report, formats)
        elif isinstance(report, CycleReview):
            heading, subtitle, body = review_page(report, formats)
        else:
            raise _not_a_report(report)
        return _document(get_locale(), title or heading, subtitle, body)


_SVG_START = re.compile(r"<svg\b")


def _map_section(alignment: AlignmentMap) -> str:
    """The alignment map as a section of inline SVG (Graphviz escapes the text it writes)."""
    svg = alignment.to_svg()
    found = _SVG_START.search(svg)
    svg = svg[found.start() :] if found else svg  # no XML prolog or DOCTYPE inside HTML
    heading = esc(_("Alignment map"))
    return (
        f'\n<section class="map"><h2>{heading}</h2>\n<div class="map-figure">{svg}</div></section>'
    )


def _not_a_report(report: Any) -> UsageError:
    return UsageError(
        _(
            "to_html renders a scorecard, a weekly digest or a cycle review "
            "(got {kind}); build one with build_scorecard, build_digest or build_review"
        ).format(kind=type(report).__name__)
    )


def _document(locale: str, title: str, subtitle: str, body: str) -> str:
    """The whole page around ``body``: head, inline style, heading and footer."""
    lang = esc(locale.replace("_", "-"))
    made = _("Made with okrkit.")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>\n{_style_sheet()}</style>\n</head>\n"
        f'<body>\n<main>\n<header><h1>{esc(title)}</h1><p class="subtitle">{esc(subtitle)}'
        f"</p></header>\n{body}\n<footer>{esc(made)}</footer>\n</main>\n</body>\n</html>\n"
    )
