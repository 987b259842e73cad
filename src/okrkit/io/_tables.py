"""The compact form of check-ins: one text table per key result.

::

    checkins:
      kr-velocity: |
        2026-01-09 28 5
        2026-01-16 29.5 - lan Waiting on the new CI runners

One check-in a line: ``<YYYY-MM-DD> <value> [<confidence> [<author> [<note>]]]``, fields
parted by runs of spaces or tabs, ``-`` for no confidence or no author, the note the
rest of the line (a JSON string literal when it starts with ``"``). Blank lines are
skipped.

This module writes the tables and reads one row (:func:`parse_row`, which also words
every problem); :mod:`okrkit.io._table_rows` reads many rows at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
from typing import Any

from okrkit.errors import Message, Shown
from okrkit.i18n import N_
from okrkit.model import Confidence

__all__ = ["RowError", "note_text", "number_text", "parse_row", "quoted_note", "table_texts"]

_LEVELS = {
    **{str(level): level for level in range(1, 6)},
    "red": 1,
    "yellow": 3,
    "green": 5,
    "-": 0,
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Characters a note cannot hold as is: what YAML cannot print in a block, line breaks
# and tabs. A note with one is written as a JSON string literal, with these escaped.
_UNSAFE = re.compile(
    "[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]"
)


class RowError(ValueError):
    """One row of a table that cannot be read; the message says why and how to fix it."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


# -- writing ---------------------------------------------------------------------------


def number_text(value: float) -> str:
    """The shortest text that reads back as ``value``; whole numbers without ``.0``.

    Examples:
        >>> number_text(28.0), number_text(29.5), number_text(0.1), number_text(-0.0)
        ('28', '29.5', '0.1', '-0')
    """
    if value.is_integer() and abs(value) < 2**53:
        if value == 0 and math.copysign(1.0, value) < 0:
            return "-0"
        return str(int(value))
    return repr(value)


def _escape(match: re.Match[str]) -> str:
    return "".join(f"\\u{unit:04x}" for unit in _utf16(match.group()))


def _utf16(char: str) -> list[int]:
    data = char.encode("utf-16-be", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def note_text(note: str) -> str:
    r"""A note as the table writes it: as is, or as a JSON string when it must be.

    Examples:
        >>> note_text("Waiting on CI"), note_text("two\nlines"), note_text(' "quoted"')
        ('Waiting on CI', '"two\\nlines"', '" \\"quoted\\""')
    """
    if note[:1] == '"' or note != note.strip() or _UNSAFE.search(note):
        return _UNSAFE.sub(_escape, json.dumps(note, ensure_ascii=False))
    return note


def table_texts(log: Any) -> dict[str, str]:
    """Every key result's check-ins as a table, by key result id (the log's order)."""
    days = log.days.tolist()
    values = log.values.tolist()
    confidences = log.confidences.tolist()
    notes = log.notes()
    authors = log.authors()
    day_text = {day: dt.date.fromordinal(day).isoformat() for day in set(days)}
    offsets = log.offsets.tolist()
    tables: dict[str, str] = {}
    for code, ident in enumerate(log.ids()):
        lines = []
        for row in range(offsets[code], offsets[code + 1]):
            line = f"{day_text[days[row]]} {number_text(values[row])}"
            note = notes.get(row)
            author = authors.get(row)
            level = confidences[row]
            if note:
                line += f" {level or '-'} {author or '-'} {note_text(note)}"
            elif author is not None:
                line += f" {level or '-'} {author}"
            elif level:
                line += f" {level}"
            lines.append(line + "\n")
        tables[ident] = "".join(lines)
    return tables


# -- reading one row (the slow path, and every message) ---------------------------------


def parse_row(line: str) -> tuple[int, float, int, str | None, str | None]:
    """Read one row: its day (ordinal), value, confidence (0: none), author and note.

    Raises:
        RowError: saying what is wrong with the row and how to write it.

    Examples:
        >>> parse_row("2026-01-16 29.5 - lan Waiting on the new CI runners")[1:]
        (29.5, 0, 'lan', 'Waiting on the new CI runners')
    """
    fields = line.split(None, 4)
    if len(fields) < 2:
        raise RowError(
            Message(
                N_(
                    "a check-in row needs at least a date and a value, such as "
                    "'2026-01-09 28' (got {line!r})"
                ),
                line=Shown(line.strip()),
            )
        )
    try:
        day = dt.date.fromisoformat(fields[0]).toordinal() if _DATE.match(fields[0]) else 0
    except ValueError:
        day = 0
    if not day:
        raise RowError(
            Message(
                N_("a check-in row starts with a date written as YYYY-MM-DD (got {value!r})"),
                value=Shown(fields[0]),
            )
        )
    value = _value(fields[1])
    level = _level(fields[2]) if len(fields) > 2 else 0
    author = None
    if len(fields) > 3 and fields[3] != "-":
        author = fields[3]
        if author.startswith('"'):
            raise RowError(
                Message(
                    N_(
                        "the author must be an owner id or - for none (got {value!r}); a note "
                        "comes after the author, so write '- -' before a note without them"
                    ),
                    value=Shown(author),
                )
            )
    note = fields[4].strip() if len(fields) > 4 else None
    if note is not None and note.startswith('"'):
        note = quoted_note(note)
    return day, value, level, author, note or None


def _level(text: str) -> int:
    """The confidence of a row, 1-5, or 0 for ``-``; đỏ, vàng, xanh as Confidence reads them."""
    level = _LEVELS.get(text.lower(), -1)
    if level >= 0:
        return level
    with contextlib.suppress(ValueError):
        return int(Confidence.parse(text))
    if _DATE.match(text):
        message = N_(
            "the confidence must be 1-5, red, yellow, green or - for none (got {value!r}) "
            "(two check-ins on one line? in YAML, write the table as a block: 'kr-id: |' "
            "with one row a line)"
        )
    else:
        message = N_(
            "the confidence must be 1-5, red, yellow, green or - for none (got {value!r})"
        )
    raise RowError(Message(message, value=Shown(text)))


def _value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise RowError(
            Message(
                N_("a check-in's value must be a number such as 28 or 29.5 (got {value!r})"),
                value=Shown(text),
            )
        ) from None
    if not math.isfinite(value):
        raise RowError(
            Message(
                N_(
                    "a check-in's value must be a finite number, not NaN or infinity (got {value})"
                ),
                value=text,
            )
        )
    return value


def quoted_note(text: str) -> str:
    try:
        note = json.loads(text)
    except ValueError:
        note = None
    if not isinstance(note, str):
        raise RowError(
            Message(
                N_(
                    'a note that starts with " must be one JSON string, such as '
                    '"two\\nlines" (got {value})'
                ),
                value=text,
            )
        )
    return note
