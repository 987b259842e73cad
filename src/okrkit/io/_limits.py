"""How much a file may hold: :class:`Limits`, and the cheap checks that enforce them.

Every check here runs before the work it guards and at C speed (``bytes.translate``,
``str.count``, numpy), so a hostile file is refused in a fraction of a second whatever
its size: a 10,000-deep JSON or TOML document before its parser recurses, a 100,000-part
TOML key before ``tomllib`` sees it, a 5,000-digit integer before Python refuses it.
YAML's depth, aliases and digits are checked by the event reader as it reads
(:mod:`okrkit.io._yaml`).
"""

from __future__ import annotations

import re
import sys
from typing import Any

import attrs
import numpy as np

from okrkit._files import limit_error
from okrkit.errors import LoadError, Message, ParameterError, Problem, Shown
from okrkit.i18n import N_

__all__ = [
    "Limits",
    "as_bytes",
    "check_depth",
    "check_json",
    "check_text",
    "check_toml",
    "digits_limit",
    "line_at",
    "lone_surrogate",
    "past_limit",
    "too_deep",
    "too_many_digits",
]


def _at_least(low: int) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or value < low:
            raise ParameterError(
                Message(
                    N_("{name!r} must be a whole number of at least {low} (got {value!r})"),
                    name=Shown(attribute.name),
                    low=low,
                    value=Shown(value),
                )
            )

    return check


@attrs.frozen(kw_only=True)
class Limits:
    """How much an OKR file may hold before okrkit refuses to read it.

    Each limit is checked before the work it guards; a file past one is refused with a
    :class:`~okrkit.errors.LoadError` that names the file, the line when known, and the
    limit's name and value. The defaults sit far above what an OKR file needs (the
    benchmark's 100,000 objectives make a 216 MB JSON file six levels deep) and far
    below what would hang or exhaust a machine. Pass ``limits=`` to
    :func:`okrkit.load` or :func:`okrkit.loads` to read a genuine file past one.

    Attributes:
        size: The most bytes a file may hold, or characters a text given to
            :func:`~okrkit.loads` (512 MiB).
        depth: The deepest nesting of mappings and lists (64; an OKR file needs six).
        aliases: The most YAML aliases (``*name``) a file may use. ``0``, the
            default, refuses anchors and aliases outright: okrkit never writes them.
        digits: The most digits in an integer (4,300, Python's own limit for reading
            integers, which also applies when it is lower than this).
        key_parts: The most parts in a TOML dotted key, ``a.b.c`` having three (32).

    Examples:
        >>> import okrkit
        >>> okrkit.Limits().depth
        64
        >>> okrkit.Limits(aliases=100).aliases
        100
    """

    size: int = attrs.field(default=512 * 2**20, validator=_at_least(1))
    depth: int = attrs.field(default=64, validator=_at_least(1))
    aliases: int = attrs.field(default=0, validator=_at_least(0))
    digits: int = attrs.field(default=4_300, validator=_at_least(1))
    key_parts: int = attrs.field(default=32, validator=_at_least(1))


def past_limit(
    problem: Message, name: str, limits: Limits, *, file: str | None, line: int | None
) -> LoadError:
    """The error for a file past the limit ``name``: what, where, and how to raise it."""
    return limit_error(problem, name, getattr(limits, name), file=file, line=line)


def line_at(text: str | bytes, position: int) -> int:
    """The 1-based line of ``position`` in ``text``."""
    newline: Any = b"\n" if isinstance(text, bytes) else "\n"
    return text.count(newline, 0, position) + 1


def digits_limit(limits: Limits) -> int:
    """The most digits an integer may have: the limit, or Python's own when lower."""
    python = sys.get_int_max_str_digits()
    return min(limits.digits, python) if python else limits.digits


def check_text(text: str | bytes, source: str, limits: Limits) -> None:
    """Refuse text past the size limit, and text (not bytes) holding lone surrogates.

    Bytes were checked to be UTF-8, which cannot hold a surrogate.
    """
    if len(text) > limits.size:
        unit = Message(N_("bytes") if isinstance(text, bytes) else N_("characters"))
        raise past_limit(
            Message(N_("the text holds {size} {unit}"), size=len(text), unit=unit),
            "size",
            limits,
            file=source,
            line=None,
        )
    if isinstance(text, str) and not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise lone_surrogate(source, line_at(text, exc.start)) from None


def lone_surrogate(source: str, line: int | None) -> LoadError:
    """The error for text holding half of a UTF-16 pair, which no file can store."""
    return LoadError(
        Problem(
            "file.encoding",
            Message(
                N_(
                    "the text holds a lone surrogate (half of a UTF-16 pair, such as \\ud800), "
                    "which is not a character; remove it"
                )
            ),
            file=source,
            line=line,
        )
    )


def too_deep(source: str | None, line: int | None, limits: Limits) -> LoadError:
    """The error for data nested deeper than ``limits.depth``."""
    return past_limit(
        Message(
            N_("the data is nested more than {depth} levels deep; an OKR file needs far fewer"),
            depth=limits.depth,
        ),
        "depth",
        limits,
        file=source,
        line=line,
    )


# -- JSON ---------------------------------------------------------------------------------

# The bytes that matter to nesting, and the letters an escape may start (kept so that
# each backslash stays next to the character it escapes).
_JSON_DROP = bytes(range(256)).translate(None, b'"\\/bfnrtu[]{}')
_BRACKETS_DROP = bytes(range(256)).translate(None, b'"[]{}')
_QUOTED = re.compile(rb'"[^"]*"')
# "[" and "{" step in (+1), "]" and "}" step out (-1, as a signed byte).
_STEP = bytes(1 if chr(byte) in "[{" else 255 if chr(byte) in "]}" else 0 for byte in range(256))
_CHUNK = 1 << 20
_HIGH = rb"\\u[dD][89abAB][0-9a-fA-F]{2}"
_LOW = rb"\\u[dD][c-fC-F][0-9a-fA-F]{2}"
_MAYBE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile(
    rb"(?<!\\)(?:\\\\)*(?:%s(?!%s)|(?<!%s)%s)" % (_HIGH, _LOW, _HIGH, _LOW)
)
_JSON_TOKEN = re.compile(rb'[\[\]{}]|"[^"\\]*(?:\\.[^"\\]*)*"')


def _max_depth(brackets: bytes) -> int:
    """The deepest nesting of a text of brackets only, read in chunks to keep memory small."""
    deepest = depth = 0
    for start in range(0, len(brackets), _CHUNK):
        steps = np.frombuffer(brackets[start : start + _CHUNK].translate(_STEP), np.int8)
        running = np.cumsum(steps, dtype=np.int64) + depth
        deepest = max(deepest, int(running.max()))
        depth = int(running[-1])
    return deepest


def check_json(data: bytes, source: str, limits: Limits) -> None:
    """Refuse JSON nested deeper than ``limits.depth``, or holding an escaped lone surrogate.

    Strings are taken out first (escaped backslashes and quotes, then each quoted run),
    so brackets inside strings do not count. For text that is not JSON the count may
    be off; the parser then reports the text's own error.
    """
    kept = data.translate(None, _JSON_DROP).replace(b"\\\\", b"")
    brackets = kept.replace(b'\\"', b"").translate(None, _BRACKETS_DROP).replace(b'""', b"")
    brackets = _QUOTED.sub(b"", brackets).replace(b'"', b"")
    if brackets and _max_depth(brackets) > limits.depth:
        raise too_deep(source, _json_deep_line(data, limits.depth), limits)
    if b"\\u" in kept and _MAYBE_SURROGATE.search(data):
        found = _LONE_SURROGATE.search(data)
        if found is not None:
            raise lone_surrogate(source, line_at(data, found.start()))


def _json_deep_line(data: bytes, depth: int) -> int | None:
    """The line where JSON goes deeper than ``depth``, token by token (refusals only)."""
    level = 0
    for token in _JSON_TOKEN.finditer(data):
        first = token.group()[:1]
        if first in b"[{":
            level += 1
            if level > depth:
                return line_at(data, token.start())
        elif first in b"]}":
            level -= 1
    return None


def too_many_digits(text: str | bytes, source: str, limits: Limits) -> LoadError:
    """The error for an integer longer than ``limits.digits``, at its line when found."""
    data = as_bytes(text)
    found = re.search(rb"(?<![0-9_])[0-9](?:_?[0-9]){%d}" % digits_limit(limits), data)
    problem = Message(
        N_("a number here has more than {digits} digits; quote it if it is text"),
        digits=digits_limit(limits),
    )
    line = None if found is None else line_at(data, found.start())
    return past_limit(problem, "digits", limits, file=source, line=line)


def as_bytes(text: str | bytes) -> bytes:
    """``text`` as UTF-8 bytes (lone surrogates kept, for scanning only)."""
    return text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")


# -- TOML ---------------------------------------------------------------------------------

_TOML_PART = (
    rb"""(?:(?<![A-Za-z0-9_-])[A-Za-z0-9_-]++|"[^"\\\n]{0,256}+"|'[^'\n]{0,256}+')[ \t]*+"""
)


def check_toml(text: str, source: str, limits: Limits) -> None:
    """Refuse TOML with a key of too many dotted parts, or an integer of too many digits.

    A cheap scan of the text before ``tomllib`` reads it (text inside a string that
    looks like a long dotted key counts too).
    """
    data = as_bytes(text)
    parts = re.compile(rb"%s(?:\.[ \t]*+%s){%d}" % (_TOML_PART, _TOML_PART, limits.key_parts))
    found = parts.search(data)
    if found is not None:
        raise past_limit(
            Message(N_("a dotted key here has more than {parts} parts"), parts=limits.key_parts),
            "key_parts",
            limits,
            file=source,
            line=line_at(data, found.start()),
        )
    if re.search(rb"(?<![0-9_])[0-9](?:_?[0-9]){%d}" % digits_limit(limits), data):
        raise too_many_digits(data, source, limits)


def check_depth(data: Any, source: str, limits: Limits) -> None:
    """Refuse parsed data nested deeper than ``limits.depth`` (TOML keeps no lines)."""
    level: list[Any] = [data] if isinstance(data, dict | list) else []
    depth = 1
    while level:
        nested: list[Any] = []
        for node in level:
            values = node.values() if isinstance(node, dict) else node
            nested.extend(value for value in values if isinstance(value, dict | list))
        if nested:
            depth += 1
            if depth > limits.depth:
                raise too_deep(source, None, limits)
        level = nested
