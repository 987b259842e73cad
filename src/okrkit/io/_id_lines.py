"""The lines of entities found by their ids: one regular expression over the text.

Every entity a lint diagnostic points at (cycle, owner, objective, key result,
initiative) has an id that no other entity has, so in a file written the usual way its
line is the line of its ``id``. :func:`id_lines` finds those in one pass, much faster
than parsing the file again (:class:`okrkit.io._lines.YamlLines`), and gives the same
line the parser would: an ``id`` is taken only where it opens its entity's mapping,

- ``- id: ...`` or ``- {id: ...`` in YAML (the value plain, single- or double-quoted):
  the line of the ``-`` item, which is the id's own;
- ``{ "id": "..."`` in JSON (as :func:`okrkit.dump` writes it): the line of the
  opening brace, the line just before the id's.

An id found in any other shape (a mapping that does not start with it, an anchor or a
tag before it, an escape in a quoted YAML id), or written twice in the text, is left
out, and its line is found by parsing (:class:`~okrkit.io._locator.FileLocator`). So
is an id also given to an ``id`` key in any other shape (``title: x`` then ``id:
kr-a``): a text that merely reads like an entity's first line (``- id: kr-a`` in a
``|`` block) is then not taken for the entity. What remains unseen is an entity whose
id key is split from its value (``id:`` at a line's end) while a text elsewhere reads
like its first line.
"""

from __future__ import annotations

import json
import re

import numpy as np

__all__ = ["id_lines"]

_ID = re.compile(
    rb"""
      \{\s*"(?P<jkey>id)"\s*:\s*"(?P<json>(?:[^"\\\n]|\\.)*)"          # JSON: {"id": "..."
    | \n[ \t]*-[ \t]+(?P<flow>\{[ \t]*)?(?P<ykey>id)[ \t]*:[ \t]+      # YAML: - id: or - {id:
      (?: "(?P<double>[^"\\\n]*)"
        | '(?P<single>(?:[^'\n]|'')*)'
        | (?P<plain>[^\s"'\#&*!|>%@`{}\[\],][^\n]*?) )
      (?(flow) [ \t]*[,}] | (?:[ \t]+\#[^\n]*)?[ \t\r]*(?=\n|\Z) )  # the next key, or the end
    """,
    re.VERBOSE,
)
"""An entity's id where it opens the entity. Each branch starts with one character
(``{`` or the line break before a YAML item), which the matcher looks for first: the
text gets a line break in front, so that its first line is a line like the others."""

# The YAML parser counts these as line breaks too; a text that has one is left to it.
_OTHER_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


def id_lines(text: str | bytes) -> dict[str, int]:
    r"""The 1-based line of each id that opens an entity exactly once in ``text``.

    Args:
        text: A YAML or JSON file's text.

    Returns:
        Each id found once in one of the shapes above, with its entity's line; ids
        found twice, and every id of a text with line breaks other than ``\n`` and
        ``\r\n``, are left out.

    Examples:
        >>> id_lines("objectives:\n  - id: o-a\n    key_results:\n      - {id: 'k''1', x: 1}\n")
        {'o-a': 2, "k'1": 4}
        >>> id_lines('[\n  {\n    "id": "o-a"\n  }\n]\n')
        {'o-a': 2}
        >>> id_lines("- id: a\n- id: a\n")
        {}
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    if any(mark in data for mark in _OTHER_BREAKS) or (
        b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
    ):
        return {}
    first: dict[str, int] = {}
    twice: set[str] = set()
    data = b"\n" + data  # offsets below count this break: lines come out 1-based
    keys: set[int] = set()
    for match in _ID.finditer(data):
        ident = _value(match)
        if ident is None:
            continue
        keys.add(match.start("jkey") if match.group("json") is not None else match.start("ykey"))
        if ident in first:
            twice.add(ident)
        else:  # a YAML item's line is the one after the break its match starts with
            start = match.start()
            first[ident] = start + 1 if data[start] == 10 else start
    if not first:
        return {}
    if data.count(b"id:") + data.count(b'"id"') > len(keys):
        # Some id is written in another shape too: an entity written so would be
        # taken for the one found, so what it names is left to the parser.
        twice.update(_other_ids(data, keys))
    breaks = np.flatnonzero(np.frombuffer(data, np.uint8) == 10)
    offsets = np.fromiter(first.values(), dtype=np.int64, count=len(first))
    numbers: list[int] = np.searchsorted(breaks, offsets).tolist()
    return {
        ident: number for ident, number in zip(first, numbers, strict=True) if ident not in twice
    }


def _value(match: re.Match[bytes]) -> str | None:
    """The id a match holds, as the parser reads it; ``None`` if it cannot be read."""
    raw, double, single, plain = match.group("json", "double", "single", "plain")
    try:
        if raw is not None:
            if b"\\" in raw:
                return str(json.loads(b'"' + raw + b'"'))
            return str(raw.decode("utf-8"))
        if double is not None:
            return str(double.decode("utf-8"))
        if single is not None:
            return str(single.replace(b"''", b"'").decode("utf-8"))
        return str(plain.decode("utf-8"))
    except ValueError:  # not UTF-8, or a broken escape: the parser decides
        return None


def _other_ids(data: bytes, keys: set[int]) -> set[str]:
    """What each ``id`` key of ``data`` not at one of ``keys`` (offsets) is given, roughly.

    Quotes and a following key or comment are taken off; the result only tells which
    ids to leave to the parser, so reading a little too much or too little is safe.
    """
    found: set[str] = set()
    for token, skip in ((b"id:", 0), (b'"id"', 1)):
        at = data.find(token)
        while at >= 0:
            if at + skip not in keys:
                rest = data[at + len(token) : at + len(token) + 400].split(b"\n", 1)[0]
                rest = rest.lstrip(b" \t:")
                quote = rest[:1]
                if quote in (b'"', b"'"):
                    rest = rest[1:].split(quote, 1)[0]
                else:
                    for end in (b",", b"}", b"]", b" #"):
                        rest = rest.split(end, 1)[0]
                found.add(rest.strip().decode("utf-8", "replace"))
            at = data.find(token, at + 1)
    return found
