r"""Text made safe for the syntax of each export: Mermaid, Graphviz DOT and XML.

User text (titles, notes, ids) may hold anything a file can: quotes, brackets, line
breaks of every kind, control characters, bidirectional overrides, lone surrogates.
Each export writes it so that it stays one label, and reads back as the same text
(or, where the format cannot hold a character, as a documented replacement).

- Every form of line break (``\n``, ``\r``, ``\r\n``, ``\v``, ``\f``, ``\x1c`` to
  ``\x1e``, ``\x85``, U+2028, U+2029) is one line break; a tab is a space.
- Other control characters (C0, DEL, C1) and the characters that reorder text for
  display (bidirectional embeddings, overrides and isolates, U+202A to U+202E and
  U+2066 to U+2069) are removed from DOT and Mermaid labels.
- A lone surrogate, which no encoding can write, becomes U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["REPLACEMENT", "dot_quote", "html_label_text", "mermaid_text", "plain_line", "xml_text"]

REPLACEMENT = "\ufffd"
"""What stands for a character a format cannot hold: U+FFFD REPLACEMENT CHARACTER."""

_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_REMOVED = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# What XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return;
# surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Mermaid's entity codes, ``#name;`` or ``#decimal;``; '#' too, as every code holds one.
# Quotes end a label, '<' '>' '&' are HTML, '%%' starts directives and comments (a lone
# '%', as in "from 5% to 8%", is left as it is), ';' ends a statement, ':' and '`' are
# read by Mermaid's own style and Markdown handling.
_MERMAID_CODES = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    ";": "#59;",
    ":": "#58;",
    "`": "#96;",
}
_MERMAID_SPECIAL = re.compile("%%+|[" + re.escape("".join(_MERMAID_CODES)) + "]")


def _mermaid_code(match: re.Match[str]) -> str:
    found = match.group()
    return _MERMAID_CODES[found] if found[0] != "%" else "#37;" * len(found)


def _cleaned(text: str, line_break: str | Callable[[re.Match[str]], str]) -> str:
    """``text`` with each line break as ``line_break``, and nothing a label must not hold."""
    text = _SURROGATE.sub(REPLACEMENT, text)
    text = _REMOVED.sub("", text.replace("\t", " "))
    return _LINE_BREAK.sub(line_break, text)


def mermaid_text(text: str) -> str:
    r"""``text`` for a quoted Mermaid label: one line, its special characters as codes.

    Examples:
        >>> mermaid_text('Say "hi"\r\n<b>100%</b> %%{init}%%')
        'Say #quot;hi#quot; #lt;b#gt;100%#lt;/b#gt; #37;#37;{init}#37;#37;'
    """
    return _MERMAID_SPECIAL.sub(_mermaid_code, _cleaned(text, " "))


def dot_quote(text: str, *lines: str) -> str:
    r"""``text`` as a quoted DOT string: backslashes and quotes escaped, breaks as ``\n``.

    Further ``lines`` follow on lines of their own; each is cleaned on its own, so a
    line that ends in a carriage return does not swallow the break after it.

    Examples:
        >>> print(dot_quote('a "b" \\N\nc'))
        "a \"b\" \\N\nc"
        >>> print(dot_quote("title\r", "[kr-1]"))
        "title\n\n[kr-1]"
    """
    quoted = [
        _cleaned(line.replace("\\", "\\\\").replace('"', '\\"'), "\\\\n")
        for line in (text, *lines)
    ]
    return '"' + "\\n".join(quoted) + '"'


def plain_line(text: str) -> str:
    r"""``text`` as one clean line: breaks as spaces, no control or reordering character.

    Examples:
        >>> plain_line("Q1\r\n2026\x1b[2J")
        'Q1 2026[2J'
    """
    return _NOT_XML.sub("", _cleaned(text, " "))


def html_label_text(text: str) -> str:
    r"""``text`` for a Graphviz HTML-like label (``label=<...>``): one line, as XML text.

    Line breaks become spaces, control and reordering characters are removed, and
    ``& < > " '`` are written as XML entities, so that no title can close a tag, add
    one, or end the label; Graphviz writes the same text into the SVG it makes.

    Examples:
        >>> html_label_text('<script>alert("1")</script> & co\n>')
        '&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; co &gt;'
    """
    return (
        plain_line(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def xml_text(text: str) -> tuple[str, int]:
    r"""``text`` with what XML 1.0 cannot hold as U+FFFD, and how many were replaced.

    Examples:
        >>> xml_text("a\x1b[2Jb")
        ('a\ufffd[2Jb', 1)
    """
    return _NOT_XML.subn(REPLACEMENT, text)
