"""Reports as plain text (for pipes, files and e-mail) and as rich renderables (a terminal).

Both show what the Markdown renderer shows, laid out for their medium. Plain text
holds no escape sequence: every piece of the user's text is cleaned of control
characters and escape sequences, lines are wrapped to a width, and a table that does
not fit the width is shown row by row, each cell under its column's name. The rich
form colours statuses and bands (the word is always there too) and lets the terminal
choose the width; rich is imported only when it is asked for.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from okrkit.errors import ParameterError, shorten
from okrkit.i18n import _, use_locale
from okrkit.i18n._display import terminal_text
from okrkit.report._blocks import (
    Block,
    Bullets,
    Document,
    Fields,
    Line,
    Note,
    Questions,
    Table,
)

if TYPE_CHECKING:
    from rich.console import Group
    from rich.text import Text

__all__ = ["MIN_WIDTH", "to_rich", "to_text"]

MIN_WIDTH = 40
"""The narrowest plain text a report is laid out in."""

_MAX_DEPTH = 8
"""Sections deeper than this are indented no further, so the text keeps its width."""

_TONE_STYLES = {"good": "green", "warn": "yellow", "bad": "red", "muted": "dim"}


def _document(report: Any, locale: str | None) -> Document:
    from okrkit.report._compose import compose

    if locale is None:
        return compose(report)
    with use_locale(locale):
        return compose(report)


def to_text(report: Any, *, locale: str | None = None, width: int = 100) -> str:
    """Render a scorecard, weekly digest or cycle review as plain text.

    Args:
        report: A :class:`~okrkit.report.ScorecardReport`,
            :class:`~okrkit.report.WeeklyDigest` or :class:`~okrkit.report.CycleReview`.
        locale: The locale of labels, numbers and dates; the active one by default.
        width: The longest line, in terminal cells (at least 40).

    Returns:
        The text, ending with a line feed; no escape sequence or control character.

    Raises:
        UsageError: when ``report`` is not one of these reports.
        ParameterError: when ``width`` is not a whole number of at least 40.
        LocaleError: when babel does not know ``locale``.

    Examples:
        >>> import okrkit
        >>> from okrkit.report import build_scorecard
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> report = build_scorecard(okrs, as_of="2026-03-20", burnup=False)
        >>> to_text(report, locale="en").splitlines()[0]
        'OKR scorecard: Q1 2026'
    """
    if isinstance(width, bool) or not isinstance(width, int) or width < MIN_WIDTH:
        raise ParameterError(
            _("'width' must be a whole number of at least {least} (got {value})").format(
                least=MIN_WIDTH, value=shorten(width)
            )
        )
    return "\n".join(_draw(_document(report, locale), width)) + "\n"


# -- plain text ------------------------------------------------------------------------------


def _cells(text: str) -> int:
    """How many terminal cells ``text`` takes: wide characters two, combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _chop(word: str, room: int) -> Iterator[str]:
    """``word`` in pieces of at most ``room`` cells."""
    piece = ""
    for char in word:
        if piece and _cells(piece + char) > room:
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` cells, after ``first`` then ``rest``.

    Words longer than a line are cut.

    Examples:
        >>> _wrap("one two three", 9, "- ", "  ")
        ['- one two', '  three']
    """
    lines: list[str] = []
    prefix, current = first, ""
    for word in text.split():
        joined = f"{current} {word}" if current else word
        if _cells(prefix + joined) <= width:
            current = joined
            continue
        if current:
            lines.append(prefix + current)
            prefix, current = rest, ""
        if _cells(prefix + word) <= width:
            current = word
            continue
        pieces = list(_chop(word, max(width - _cells(prefix), 1)))
        for piece in pieces[:-1]:
            lines.append(prefix + piece)
            prefix = rest
        current = pieces[-1]
    lines.append(prefix + current)
    return [line.rstrip() for line in lines]


def _plain(line: Line) -> str:
    return "".join(terminal_text(span.text) if span.user else span.text for span in line)


def _draw(document: Document, width: int) -> list[str]:
    title = _wrap(_plain(document.title), width)
    out = [*title, "=" * max(_cells(line) for line in title)]
    for line in document.subtitle:
        out.extend(_wrap(_plain(line), width))
    for section in document.sections:
        indent = "  " * min(section.depth, _MAX_DEPTH)
        room = width - len(indent)
        heading = _wrap(_plain(section.heading), room)
        body = [*heading, "-" * max(_cells(line) for line in heading)]
        for block in section.blocks:
            body.append("")
            body.extend(_block(block, room))
        out.append("")
        out.extend(indent + line if line else "" for line in body)
    return out


def _block(block: Block, width: int) -> list[str]:
    if isinstance(block, Fields):
        return [line for row in block.rows for line in _pairs(row, width)]
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Bullets):
        return [line for item in block.items for line in _wrap(_plain(item), width, "- ", "  ")]
    if isinstance(block, Note):
        return _wrap(_plain(block.line), width)
    return _questions(block, width)


def _pairs(pairs: tuple[tuple[str, Line], ...], width: int, indent: str = "") -> list[str]:
    """``label: value`` pairs joined by `` · ``, as many to a line as fit."""
    lines: list[str] = []
    current = ""
    for label, value in pairs:
        item = f"{label}: {_plain(value)}"
        joined = f"{current} · {item}" if current else item
        if _cells(indent + joined) <= width:
            current = joined
            continue
        if current:
            lines.append(indent + current)
        wrapped = _wrap(item, width, indent, indent + "    ")
        lines.extend(wrapped[:-1])
        current = wrapped[-1][len(indent) :]
    if current:
        lines.append(indent + current)
    return lines


def _table(table: Table, width: int) -> list[str]:
    shown = [[_plain(cell) for cell in row] for row in table.rows]
    widths = [
        max([_cells(header)] + [_cells(row[column]) for row in shown])
        for column, header in enumerate(table.headers)
    ]
    if sum(widths) + 2 * (len(widths) - 1) > width:
        return _records(table, shown, width)

    def aligned(row: list[str]) -> str:
        return "  ".join(
            _pad(text, widths[column], right=table.is_numeric(column))
            for column, text in enumerate(row)
        ).rstrip()

    return [
        *([table.name + ":"] if table.name else []),
        aligned(list(table.headers)),
        "  ".join("-" * size for size in widths),
        *(aligned(row) for row in shown),
    ]


def _pad(text: str, size: int, *, right: bool) -> str:
    gap = " " * (size - _cells(text))
    return gap + text if right else text + gap


def _records(table: Table, shown: list[list[str]], width: int) -> list[str]:
    """A table too wide for the width: each row's first cell, then the others by name.

    The table's name (or its first column's) leads the list.
    """
    lines = _wrap((table.name or table.headers[0]) + ":", width)
    for row, texts in zip(table.rows, shown, strict=True):
        lines.extend(_wrap(texts[0], width, "- ", "  "))
        pairs = tuple(zip(table.headers[1:], row[1:], strict=True))
        lines.extend(_pairs(pairs, width, indent="    "))
    return lines


def _questions(questions: Questions, width: int) -> list[str]:
    dots = "." * min(60, width - 3 - _cells(questions.answer) - 1)
    lines: list[str] = []
    for number, question in enumerate(questions.items, start=1):
        if lines:
            lines.append("")
        lines.extend(_wrap(question, width, f"{number}. ", "   "))
        lines.append(f"   {questions.answer} {dots}")
        lines.extend(f"   {'.' * len(dots)}" for _extra in range(questions.lines - 1))
    return lines


# -- rich ------------------------------------------------------------------------------------


def to_rich(report: Any, *, locale: str | None = None) -> Group:
    """Render a scorecard, weekly digest or cycle review for a terminal, with colour.

    Args:
        report: A :class:`~okrkit.report.ScorecardReport`,
            :class:`~okrkit.report.WeeklyDigest` or :class:`~okrkit.report.CycleReview`.
        locale: The locale of labels, numbers and dates; the active one by default.

    Returns:
        A :class:`rich.console.Group` of headings, tables and lines: print it with a
        :class:`rich.console.Console`. Statuses and bands are coloured (green, yellow,
        red), always beside their word.

    Raises:
        UsageError: when ``report`` is not one of these reports.
        LocaleError: when babel does not know ``locale``.

    Examples:
        >>> import io, okrkit
        >>> from rich.console import Console
        >>> from okrkit.report import build_scorecard
        >>> okrs = okrkit.load("examples/acme.en.yaml")
        >>> report = build_scorecard(okrs, as_of="2026-03-20", burnup=False)
        >>> console = Console(width=120, file=io.StringIO())
        >>> console.print(to_rich(report, locale="en"))
        >>> console.file.getvalue().splitlines()[0]
        'OKR scorecard: Q1 2026'
    """
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    document = _document(report, locale)
    parts: list[Any] = [_rich_line(document.title, "bold underline")]
    parts.extend(_rich_line(line, "dim") for line in document.subtitle)
    for section in document.sections:
        inner: list[Any] = [_rich_line(section.heading, "bold cyan")]
        inner.extend(_rich_block(block) for block in section.blocks)
        indent = 2 * min(section.depth, _MAX_DEPTH)
        parts.append(Padding(Group(*inner), (1, 0, 0, indent)))
    parts.append(Text(""))
    return Group(*parts)


def _rich_line(line: Line, style: str = "") -> Text:
    from rich.text import Text

    text = Text(style=style)
    for span in line:
        styles = [_TONE_STYLES[span.tone]] if span.tone in _TONE_STYLES else []
        if span.strong:
            styles.append("bold")
        text.append(terminal_text(span.text) if span.user else span.text, " ".join(styles))
    return text


def _rich_block(block: Block) -> Any:
    from rich import box
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    if isinstance(block, Fields):
        rows = []
        for row in block.rows:
            text = Text()
            for index, (label, value) in enumerate(row):
                if index:
                    text.append(" · ", "dim")
                text.append(f"{label}: ", "dim")
                text.append_text(_rich_line(value))
            rows.append(text)
        return Group(*rows)
    if isinstance(block, Table):
        table = RichTable(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
        for column, header in enumerate(block.headers):
            right = block.is_numeric(column)
            table.add_column(header, justify="right" if right else "left", overflow="fold")
        for cells in block.rows:
            table.add_row(*(_rich_line(cell) for cell in cells))
        return Group(Text(block.name + ":", style="bold"), table) if block.name else table
    if isinstance(block, Bullets):
        return Group(*(Text("• ").append_text(_rich_line(item)) for item in block.items))
    if isinstance(block, Note):
        return _rich_line(block.line, "italic dim")
    lines: list[Text] = []
    for number, question in enumerate(block.items, start=1):
        lines.append(Text(f"{number}. {question}", style="bold"))
        lines.append(Text(f"   {block.answer} " + "." * 60, style="dim"))
        lines.extend(Text("   " + "." * 60, style="dim") for _extra in range(block.lines - 1))
    return Group(*lines)
