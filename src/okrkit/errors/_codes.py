"""The codes of the problems okrkit finds: stable names an app can match on.

A code says what kind of problem it is, whatever language its words are shown in.
Codes are lower-case dotted words, the first word the area (``file``, ``field``,
``id``, ...). okrkit keeps each code once it is published: a new kind of problem gets
a new code, and a code is never reused for another kind. docs/errors.md lists them.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["GENERIC_CODE", "PROBLEM_CODES"]

GENERIC_CODE = "other"
"""The code of a problem made from plain words, without a code of its own."""

PROBLEM_CODES = MappingProxyType(
    {
        # -- reading a file ------------------------------------------------------------
        "file.missing": "no file at the path given",
        "file.unreadable": "the file cannot be opened or read: permission, a folder, a "
        "NUL in the path, a workbook or store that is damaged",
        "file.encoding": "the bytes are not text in the expected encoding (UTF-8), or the "
        "text holds a lone surrogate",
        "file.syntax": "the text is not valid YAML, JSON, TOML or CSV: the line and column "
        "say where, the words what was found",
        "file.limit": "the file is past a reading limit: size, nesting depth, number of "
        "entries, length of a text or of a number",
        "file.empty": "the file or sheet holds nothing to read",
        "file.shape": "the file holds something other than what it must: an OKR file that "
        "is not a mapping of its sections, data that is not a node-link graph",
        # -- keys and fields -----------------------------------------------------------
        "key.unknown": "a key the section or entity does not have (a typo, most often)",
        "key.missing": "a required key is not there",
        "key.duplicate": "the same key twice in one mapping",
        "field.type": "a value of the wrong kind: a list where a number belongs, text "
        "where a date belongs",
        "field.empty": "a required text is empty",
        "field.choice": "a value that is not one of the allowed words",
        "field.format": "a value of the right kind written the wrong way: a date not as "
        "YYYY-MM-DD, a currency not as an ISO 4217 code, a lone surrogate in a text",
        "field.column": "a table has no column for a required field, or a column twice",
        "value.range": "a number outside what it may be: a weight of 0, a confidence of "
        "9, a value outside a score's scale, a negative duration",
        "value.order": "values in an order that cannot be: a target below the start of an "
        "increase, a cycle that ends before it starts",
        "value.invalid": "a value refused for a reason of its own, said in the words",
        # -- ids and references --------------------------------------------------------
        "id.invalid": "an id that is empty, holds a space or an unprintable character",
        "id.duplicate": "two entities with one id",
        "id.unknown": "a reference to an id that names nothing of its kind",
        # -- the rules between entities ------------------------------------------------
        "alignment.loop": "alignment links that go round in a loop",
        "alignment.invalid": "a link that cannot be: a key result aligned to its own "
        "objective, a link across cycles that do not overlap",
        "owner.loop": "owners whose parents go round in a loop",
        "date.outside_cycle": "a due date or a check-in outside its cycle",
        "schema.version": "a schema_version this okrkit does not read",
        "checkin.row": "a check-in row that cannot be read, or more of them than are shown",
        "graph.mismatch": "node-link data whose nodes or edges differ from what its "
        "objectives and initiatives say",
        # -- templates -----------------------------------------------------------------
        "template.duplicate": "two templates with one id",
        "template.parameter": "a template parameter that is missing, unknown, or whose "
        "value does not fit",
        "template.text": "a template text that breaks a rule of the catalogue",
        # -- notes that are not errors -------------------------------------------------
        "export.lost_text": "characters a format cannot hold, written as U+FFFD",
        "scoring.fallback": "an objective scored from the other kind of driver",
        "carry.note": "something to know about a key result carried into the next cycle",
        # -- changes refused -----------------------------------------------------------
        "carry.conflict": "a carry-forward that would clash with the OKR set",
        "store.in_use": "an entity that cannot be retired while something still needs it",
        "lint.config": "a lint configuration that cannot be read",
        # -- anything else -------------------------------------------------------------
        GENERIC_CODE: "a problem made from plain words, by an app or a plugin",
    }
)
"""Every code of a problem okrkit finds, with what it means (in English, for the docs).

Examples:
    >>> PROBLEM_CODES["field.type"]
    'a value of the wrong kind: a list where a number belongs, text where a date belongs'
"""
