"""Reports as GitHub-flavoured Markdown, for a wiki page, a pull request or a chat.

The scorecard is a heading per objective (deeper headings for what is aligned below
it), its own numbers as a short list and its key results as a table; the digest and
the review are a heading per section. Whatever the user wrote (titles, names, ids,
notes, reasons, cycle names) is escaped so that it reads as text and never as markup:
every Markdown punctuation character gets a backslash, ``&``, ``<`` and ``>`` become
character references, and line breaks become spaces, so an objective titled
``<script>alert(1)</script>`` is shown as those characters.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from okrkit.i18n import use_locale
from okrkit.i18n._display import terminal_text
from okrkit.report._blocks import (
    Block,
    Bullets,
    Document,
    Fields,
    Line,
    Note,
    Questions,
    Section,
    Table,
)

__all__ = ["escape_markdown", "to_markdown"]

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")
_SPACES = re.compile(r"\s+")
_ANSWER_LINE = "." * 60


def escape_markdown(text: str) -> str:
    r"""``text`` as Markdown that shows exactly these characters, on one line.

    Markdown punctuation gets a backslash, ``&``, ``<`` and ``>`` become character
    references (so no HTML tag survives), control characters go, and line breaks
    and runs of spaces become one space.

    Examples:
        >>> escape_markdown("<b>Grow</b> *fast* | 2.0\n# now")
        '&lt;b&gt;Grow&lt;/b&gt; \\*fast\\* \\| 2\\.0 \\# now'
    """
    flat = _SPACES.sub(" ", terminal_text(text)).strip()
    escaped = _PUNCTUATION.sub(r"\\\1", flat)
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(report: Any, *, locale: str | None = None) -> str:
    """Render a scorecard, weekly digest or cycle review as GitHub-flavoured Markdown.

    Args:
        report: A :class:`~okrkit.report.ScorecardReport`,
            :class:`~okrkit.report.WeeklyDigest` or :class:`~okrkit.report.CycleReview`.
        locale: The locale of labels, numbers and dates; the active one by default.

    Returns:
        The Markdown text, ending with a line feed.

    Raises:
        UsageError: when ``report`` is not one of these reports.
        LocaleError: when babel does not know ``locale``.

    Examples:
        >>> import okrkit
        >>> from okrkit.report import build_scorecard
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> report = build_scorecard(okrs, as_of="2026-03-20", burnup=False)
        >>> to_markdown(report, locale="en").splitlines()[0]
        '# OKR scorecard: Q1 2026'
    """
    from okrkit.report._compose import compose

    if locale is None:
        return _draw(compose(report))
    with use_locale(locale):
        return _draw(compose(report))


def _draw(document: Document) -> str:
    parts = [f"# {_line(document.title)}"]
    parts.extend(_line(line) for line in document.subtitle)
    for section in document.sections:
        parts.append(_heading(section))
        parts.extend(_block(block) for block in section.blocks)
    return "\n\n".join(parts) + "\n"


def _heading(section: Section) -> str:
    return "#" * min(2 + section.depth, 6) + " " + _line(section.heading)


def _line(line: Line) -> str:
    """The spans of ``line`` as Markdown: the user's text escaped, bold where asked.

    Neighbouring bold spans share one pair of ``**``, with any space at their ends
    kept outside it (CommonMark reads no bold that opens or closes on a space).
    """
    shown = []
    for bold, spans in itertools.groupby(line, key=lambda span: span.strong):
        text = "".join(escape_markdown(s.text) if s.user else s.text for s in spans)
        core = text.strip()
        if bold and core:
            start = text.index(core)
            text = f"{text[:start]}**{core}**{text[start + len(core) :]}"
        shown.append(text)
    return "".join(shown)


def _block(block: Block) -> str:
    if isinstance(block, Fields):
        return "\n".join(
            "- " + " · ".join(f"**{label}:** {_line(value)}" for label, value in row)
            for row in block.rows
        )
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_line(item)}" for item in block.items)
    if isinstance(block, Note):
        return f"*{_line(block.line)}*"
    return _questions(block)


def _table(table: Table) -> str:
    rows = [f"{table.name}:", ""] if table.name else []
    rows += [
        "| " + " | ".join(table.headers) + " |",
        "|"
        + "|".join(
            " ---: " if table.is_numeric(column) else " --- "
            for column in range(len(table.headers))
        )
        + "|",
    ]
    rows.extend("| " + " | ".join(_line(cell) or " " for cell in row) + " |" for row in table.rows)
    return "\n".join(rows)


def _questions(questions: Questions) -> str:
    items = []
    for number, question in enumerate(questions.items, start=1):
        lines = [f"{number}. {question}", "", f"   {questions.answer} {_ANSWER_LINE}"]
        for _extra in range(questions.lines - 1):
            lines.extend(("", f"   {_ANSWER_LINE}"))
        items.append("\n".join(lines))
    return "\n\n".join(items)
