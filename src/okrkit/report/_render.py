"""One door to every renderer: ``render(report, "text" | "markdown" | "html")``."""

from __future__ import annotations

from typing import Any

from okrkit.errors import UsageError, shorten
from okrkit.i18n import _

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "markdown", "md", "html")
"""The formats :func:`render` knows; ``md`` is another name for ``markdown``."""


def render(report: Any, format: str = "text", *, locale: str | None = None) -> str:  # noqa: A002
    """Render a scorecard, weekly digest or cycle review as text, Markdown or HTML.

    Args:
        report: A :class:`~okrkit.report.ScorecardReport`,
            :class:`~okrkit.report.WeeklyDigest` or :class:`~okrkit.report.CycleReview`.
        format: ``"text"`` (plain text, 100 cells wide; see :func:`to_text`),
            ``"markdown"`` (or ``"md"``; see :func:`to_markdown`) or ``"html"`` (one
            self-contained page; see :func:`to_html`).
        locale: The locale of labels, numbers and dates; the active one by default.

    Returns:
        The rendered report.

    Raises:
        UsageError: for an unknown format, or when ``report`` is not a report.
        LocaleError: when babel does not know ``locale``.

    Examples:
        >>> import okrkit
        >>> from okrkit.report import build_scorecard
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> report = build_scorecard(okrs, as_of="2026-03-20", burnup=False)
        >>> render(report, "md", locale="en").splitlines()[0]
        '# OKR scorecard: Q1 2026'
        >>> render(report, "pdf")
        Traceback (most recent call last):
        ...
        okrkit.errors.UsageError: unknown report format 'pdf'; use one of text, markdown, md, html
    """
    chosen = format.strip().lower() if isinstance(format, str) else format
    if chosen == "text":
        from okrkit.report.text import to_text

        return to_text(report, locale=locale)
    if chosen in ("markdown", "md"):
        from okrkit.report.markdown import to_markdown

        return to_markdown(report, locale=locale)
    if chosen == "html":
        from okrkit.report.html import to_html

        return to_html(report, locale=locale)
    raise UsageError(
        _("unknown report format {format}; use one of {known}").format(
            format=shorten(format), known=", ".join(FORMATS)
        )
    )
