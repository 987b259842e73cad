"""A report laid out once, as blocks that every text renderer draws its own way.

The Markdown, plain-text and rich renderers show the same content; so each report is
first composed (``okrkit.report._compose``) into a :class:`Document`: sections with a
heading and blocks (field rows, tables, bullets, notes, questions), every label already
translated and every number and date already formatted for the active locale. A
renderer then only draws the blocks in its syntax, escaping what the user wrote.

Text is kept as :class:`Span` pieces so that a renderer knows which pieces are the
user's own text (titles, names, ids, reasons: escaped for Markdown, cleaned of control
characters for a terminal) and which are okrkit's labels and formatted numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

import attrs

__all__ = [
    "Block",
    "Bullets",
    "Document",
    "Fields",
    "Line",
    "Note",
    "Questions",
    "Section",
    "Span",
    "Table",
    "join",
    "plain",
    "strong",
    "user",
]


@attrs.frozen
class Span:
    """A piece of text in a line.

    Attributes:
        text: The text.
        user: Whether it is the user's own text (escaped or cleaned by the renderer).
        strong: Whether it is shown in bold.
        tone: ``good``, ``warn``, ``bad`` or ``muted``, for renderers with colour.
    """

    text: str
    user: bool = False
    strong: bool = False
    tone: str | None = None


Line: TypeAlias = tuple[Span, ...]
"""A line of text: spans shown one after the other."""


def plain(text: str, *, tone: str | None = None) -> Line:
    """A line of okrkit's own text (a label or a formatted number)."""
    return (Span(text, tone=tone),)


def user(text: str, *, strong: bool = False) -> Line:
    """A line of the user's own text."""
    return (Span(text, user=True, strong=strong),)


def strong(text: str) -> Line:
    """A line of okrkit's own text, in bold."""
    return (Span(text, strong=True),)


def join(lines: Iterable[Line], separator: str = ", ") -> Line:
    """``lines`` one after the other, with ``separator`` (okrkit's text) between them."""
    joined: list[Span] = []
    for index, line in enumerate(lines):
        if index and separator:
            joined.append(Span(separator))
        joined.extend(line)
    return tuple(joined)


@attrs.frozen
class Fields:
    """Rows of labelled values, such as ``Score: 68% · Status: on track``.

    Attributes:
        rows: Each row's ``(label, value)`` pairs, shown on one line where it fits.
    """

    rows: tuple[tuple[tuple[str, Line], ...], ...]


@attrs.frozen
class Table:
    """A table: a header and rows of cells.

    Attributes:
        headers: The column headings.
        rows: The rows, one :data:`Line` per cell.
        numeric: Which columns hold numbers (aligned right).
        name: What the rows are, in the plural, to lead them where the table is shown
            as a list; the first heading when empty.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]
    numeric: tuple[bool, ...] = ()
    name: str = ""

    def is_numeric(self, column: int) -> bool:
        """Whether ``column`` holds numbers."""
        return column < len(self.numeric) and self.numeric[column]


@attrs.frozen
class Bullets:
    """A list of items, each one line."""

    items: tuple[Line, ...]


@attrs.frozen
class Note:
    """A short paragraph, such as the line that says a section is empty."""

    line: Line


@attrs.frozen
class Questions:
    """Questions to answer in writing, each followed by blank answer lines.

    Attributes:
        items: The questions, translated.
        answer: The label before each answer line ("Answer:").
        lines: How many answer lines follow each question.
    """

    items: tuple[str, ...]
    answer: str
    lines: int = 2


Block: TypeAlias = Fields | Table | Bullets | Note | Questions
"""Anything a section holds."""


@attrs.frozen
class Section:
    """A heading and what comes under it.

    Attributes:
        heading: The heading.
        blocks: What the section holds, in order.
        depth: How far the section sits below the report's top level (an objective
            aligned below another one sits one deeper).
    """

    heading: Line
    blocks: tuple[Block, ...]
    depth: int = 0


@attrs.frozen
class Document:
    """A whole report, laid out.

    Attributes:
        title: The report's title: its kind and cycles.
        subtitle: Lines under the title: the date, the counts.
        sections: The sections, in order; a section's depth places it below the one
            before.
    """

    title: Line
    subtitle: tuple[Line, ...]
    sections: tuple[Section, ...]
