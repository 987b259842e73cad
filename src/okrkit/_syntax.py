"""Syntax errors of YAML, JSON and TOML, said in okrkit's words.

The parsers explain a mistake in their own English ("while parsing a flow mapping did
not find expected ',' or '}'"). This module maps each of their explanations onto one
of a handful of okrkit's own, each with what to check, so that a person reads, in the
active locale, where the mistake is (line and column), what was expected or found
there, and how to fix it. An explanation this module does not know gets a general
one: a parser's English never reaches the message.

It sits in the layer of :mod:`okrkit._files` (which exports it), below the check-ins,
the linter and io, all of which read files.
"""

from __future__ import annotations

import re
from typing import Any

from okrkit.errors import LoadError, Message, Problem, Shown
from okrkit.i18n import N_

__all__ = ["json_syntax_error", "toml_syntax_error", "yaml_syntax_error"]

# -- what went wrong, and what to check ------------------------------------------------

_FLOW_MAPPING = (
    N_("a ',' or '}}' was expected"),
    N_("check that the items inside {{ }} are separated by commas and the }} is there"),
)
_FLOW_LIST = (
    N_("a ',' or ']' was expected"),
    N_("check that the items inside [ ] are separated by commas and the ] is there"),
)
_QUOTE = (
    N_("a quoted text is not closed"),
    N_("close the quote on the same line, or write the text without quotes"),
)
_TAB = (
    N_("a tab is used for indentation"),
    N_("indent with spaces, never with tabs"),
)
_COLON = (
    N_("a ':' stands where no key can start"),
    N_("put a text that holds ': ' in quotes, and start each key on a line of its own"),
)
_INDENT = (
    N_("the indentation does not match the lines above"),
    N_("line up the keys of one entry in the same column, and start each list item with '- '"),
)
_BAD_START = (
    N_("a value cannot start with this character"),
    N_("put a value that starts with @, ` or % in quotes"),
)
_ESCAPE = (
    N_("a backslash starts an escape that does not exist"),
    N_("write \\\\ for a backslash, or put the text in single quotes"),
)
_KEY_VALUE = (
    N_("a ':' was expected after a key"),
    N_("write each key with its value, as key: value"),
)
_TOML_KEY_VALUE = (
    N_("a '=' was expected after a key"),
    N_("write each key with its value, as key = value"),
)
_VALUE = (
    N_("a value was expected"),
    N_("check for a missing value, or a comma too many"),
)
_JSON_KEY = (
    N_("a key in double quotes was expected"),
    N_('write keys in double quotes, as "key", and remove a comma after the last item'),
)
_EXTRA = (
    N_("more follows the end of the data"),
    N_("remove what follows the last closing bracket or brace"),
)
_CONTROL = (
    N_("a line break or a tab stands inside a quoted text"),
    N_("write a line break as \\n and a tab as \\t, or close the quote"),
)
_ONE_A_LINE = (
    N_("a line holds more than one key = value"),
    N_("write one key = value a line, and dates as YYYY-MM-DD"),
)
_TWICE = (
    N_("a key or a table is given twice"),
    N_("keep each key and each [table] once"),
)
_TABLE = (
    N_("a table name is not closed"),
    N_("write a table name as [name], closed on the same line"),
)
_KEY_CHARACTERS = (
    N_("a key holds a character a bare key cannot hold"),
    N_("put such a key in quotes, and remove a comma after the last item"),
)
_DOCUMENT = (
    N_("more than one document, or text after the end of the document"),
    N_("keep one document: remove the '---' or '...' and what follows"),
)
_CHARACTER = (
    N_("a control character, which a YAML file cannot hold"),
    N_("remove it, and save the file as UTF-8 text"),
)
_DEEP = (
    N_("the data is nested too deeply"),
    N_("an OKR file needs six levels at most; remove the extra brackets"),
)
_GENERAL = (
    N_("the text cannot be read from here on"),
    N_("check the indentation, the quotes and the brackets around this place"),
)

_YAML = (
    ("nesting depth", _DEEP),  # before 'flow': it names the flow level
    ("flow mapping", _FLOW_MAPPING),
    ("flow sequence", _FLOW_LIST),
    ("escape", _ESCAPE),  # before 'quoted scalar', which an escape error names too
    ("quoted scalar", _QUOTE),
    ("tab character", _TAB),
    ("mapping values are not allowed", _COLON),
    ("expected key", _INDENT),
    ("expected '-'", _INDENT),
    ("<block end>", _INDENT),
    ("cannot start any token", _BAD_START),
    ("could not find expected ':'", _KEY_VALUE),
    ("document", _DOCUMENT),
)

_JSON = (
    ("Expecting property name", _JSON_KEY),
    ("Expecting ':'", _KEY_VALUE),
    ("Expecting value", _VALUE),
    ("Unterminated string", _QUOTE),
    ("Invalid control character", _CONTROL),
    ("escape", _ESCAPE),
    ("Extra data", _EXTRA),
    ("trailing comma", _JSON_KEY),
)

_TOML = (
    ("Unclosed array", _FLOW_LIST),
    ("Unclosed inline table", _FLOW_MAPPING),
    ("Unterminated string", _QUOTE),
    ("Illegal character", _CONTROL),
    ("Expected '=' after a key", _TOML_KEY_VALUE),
    ("Invalid value", _VALUE),
    ("Expected newline or end of document", _ONE_A_LINE),
    ("Cannot overwrite", _TWICE),
    ("Cannot declare", _TWICE),
    ("at the end of a table declaration", _TABLE),
    ("Invalid initial character for a key", _KEY_CHARACTERS),
    ("in a string", _ESCAPE),
    ("escape", _ESCAPE),
)


def _explained(text: str, table: tuple[tuple[str, tuple[str, str]], ...]) -> tuple[str, str]:
    """The explanation of the first entry of ``table`` whose words ``text`` holds."""
    return next((found for words, found in table if words in text), _GENERAL)


# -- where, and what stands there -------------------------------------------------------


_A_TAB = N_("a tab")


def _character_at(text: str, line: int, column: int) -> Message | Shown | None:
    """What stands at 1-based ``line`` and ``column`` of ``text``, for "found ..."."""
    lines = text.splitlines()
    if line > len(lines):
        return Message(N_("the end of the file"))
    row = lines[line - 1]
    if column > len(row):
        return Message(N_("the end of the line")) if line < len(lines) else None
    character = row[column - 1]
    if character == "\t":
        return Message(_A_TAB)
    if character.isspace() or not character.isprintable():
        return None
    return Shown(character)


def _error(
    kind: str,
    explanation: tuple[str, str],
    source: str | None,
    position: tuple[int, int] | None,
    found: Message | Shown | None,
) -> LoadError:
    """The :class:`LoadError` of one syntax error, worded when it is shown."""
    reason, hint = (Message(words) for words in explanation)
    if explanation in (_QUOTE, _TAB, _COLON):
        found = None  # what stands there is what the reason names
    if position is None:
        words = Message(
            N_("this is not valid {format}: {reason}; {hint}"),
            format=kind,
            reason=reason,
            hint=hint,
        )
        return LoadError(Problem("file.syntax", words, file=source))
    line, column = position
    args: dict[str, Any] = {
        "format": kind,
        "line": line,
        "column": column,
        "reason": reason,
        "hint": hint,
    }
    if found is None:
        template = N_(
            "this is not valid {format} at line {line}, column {column}: {reason}; {hint}"
        )
    else:
        template = N_(
            "this is not valid {format} at line {line}, column {column}: {reason}, "
            "found {found}; {hint}"
        )
        args["found"] = found
    return LoadError(Problem("file.syntax", template, args, file=source, line=line))


def _as_text(text: str | bytes) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else text


def yaml_syntax_error(exc: Any, text: str | bytes, source: str) -> LoadError:
    """The error for PyYAML's ``exc`` reading ``text``, in okrkit's words."""
    position = getattr(exc, "position", None)
    if isinstance(position, int):  # a ReaderError: a character no YAML file holds
        before = _as_text(text[:position])
        line = before.count("\n") + 1
        column = position - before.rfind("\n")
        code = Message(N_("the character U+{code}"), code=f"{getattr(exc, 'character', 0):04X}")
        return _error("YAML", _CHARACTER, source, (line, column), code)
    words = " ".join(part for part in (exc.context, exc.problem) if isinstance(part, str))
    explanation = _explained(words, _YAML)
    mark = exc.problem_mark or exc.context_mark
    if explanation is _QUOTE and exc.context_mark is not None:
        mark = exc.context_mark  # where the quote opens, not the end of the file
    if mark is None:
        return _error("YAML", explanation, source, None, None)
    line, column = mark.line + 1, mark.column + 1
    found = _character_at(_as_text(text), line, column)
    if isinstance(found, Message) and found.template == _A_TAB:
        explanation = _TAB
    return _error("YAML", explanation, source, (line, column), found)


def json_syntax_error(exc: Any, source: str | None) -> LoadError:
    """The error for :mod:`json`'s ``JSONDecodeError``, in okrkit's words."""
    explanation = _explained(exc.msg, _JSON)
    if exc.msg.startswith("Expecting ','"):
        closing = _closing(exc.doc, exc.pos)
        explanation = _FLOW_LIST if closing == "]" else _FLOW_MAPPING
    found = _character_at(exc.doc, exc.lineno, exc.colno)
    return _error("JSON", explanation, source, (exc.lineno, exc.colno), found)


def _closing(text: str, position: int) -> str:
    """The bracket that closes the innermost ``[`` or ``{`` open at ``position``."""
    depth: list[str] = []
    quoted = escaped = False
    for character in text[:position]:
        if escaped:
            escaped = False
        elif quoted:
            escaped = character == "\\"
            quoted = character != '"'
        elif character == '"':
            quoted = True
        elif character in "[{":
            depth.append("]" if character == "[" else "}")
        elif character in "]}" and depth:
            depth.pop()
    return depth[-1] if depth else "}"


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_syntax_error(exc: Exception, text: str, source: str) -> LoadError:
    """The error for :mod:`tomllib`'s ``TOMLDecodeError``, in okrkit's words."""
    words = str(exc)
    explanation = _explained(words, _TOML)
    match = _TOML_POSITION.search(words)
    if match is not None:
        line, column = int(match.group(1)), int(match.group(2))
    else:  # "at end of document"
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    found = _character_at(text, line, column)
    return _error("TOML", explanation, source, (line, column), found)
