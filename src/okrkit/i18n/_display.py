"""User text made safe for a terminal: no escape sequence or control character gets through.

An OKR file may hold anything in its titles and names, on purpose or by a paste gone
wrong: ``ESC[2J`` clears the screen, ``ESC[8m`` hides text, ``ESC]0;...BEL`` sets the
window title, ``ESC]8;;URL`` makes a hyperlink, a carriage return or backspaces write
over what came before, U+202E turns the rest of a line around. Every piece of user
text shown in a terminal or written to a plain-text report passes through
:func:`terminal_text` first.

The function lives here, below every layer that shows text to a person, so that the
command line (:mod:`okrkit.cli`) and the report renderers (:mod:`okrkit.report`) clean
text the same way.
"""

from __future__ import annotations

import re

__all__ = ["terminal_lines", "terminal_text"]

# Escape sequences whole, so that no argument is left behind as text: CSI (ESC [ or
# 0x9B ... final byte), OSC (ESC ] or 0x9D ... BEL or ST), the DCS, SOS, PM and APC
# strings (to ST), and the short ESC sequences (intermediate bytes, then a final byte).
_SEQUENCE = re.compile(
    r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]?
    | (?:\x1b\]|\x9d) [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)?
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]) [^\x1b\x9c]* (?:\x1b\\|\x9c)?
    | \x1b [ -/]* [0-~]?
    """,
    re.VERBOSE,
)
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# What is left: C0 and C1 controls, DEL, and the characters that reorder text for display
# (bidirectional embeddings, overrides and isolates). Tabs become spaces first.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def terminal_text(text: str) -> str:
    r"""``text`` as one line a terminal shows as it is: no escape sequence or control.

    Each line break becomes a space, a tab a space; escape sequences are removed whole,
    other control characters and bidirectional overrides removed, and a lone surrogate
    (which no terminal encoding can write) becomes U+FFFD.

    Examples:
        >>> terminal_text("Grow \x1b[2J\x1b]0;title\x07fast\r\nnow [bold]")
        'Grow fast now [bold]'
    """
    return _CONTROL.sub("", _LINE_BREAK.sub(" ", _cleaned(text)))


def terminal_lines(text: str) -> str:
    r"""``text`` for a terminal, like :func:`terminal_text` but keeping its line feeds.

    For messages of several lines, such as an error that lists every problem.

    Examples:
        >>> terminal_lines("2 problems:\n  - \x1b[31mred\x1b[0m\r\n  - ok")
        '2 problems:\n  - red\n  - ok'
    """
    lines = _LINE_BREAK.split(_cleaned(text))
    return "\n".join(_CONTROL.sub("", line) for line in lines)


def _cleaned(text: str) -> str:
    """``text`` without escape sequences, tabs as spaces, lone surrogates as U+FFFD."""
    text = _SURROGATE.sub("\ufffd", text)
    return _SEQUENCE.sub("", text).replace("\t", " ")
