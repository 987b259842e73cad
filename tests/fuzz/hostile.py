"""Hostile values, the three formats' writers for them, and the check every fuzz test makes.

Not a test module: the fuzz tests import it as ``fuzz.hostile`` (``tests/`` is on the
path). The writers are deliberately loose: they write whatever they are given, right or
wrong for the format, because every text is a fair input to a loader.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import event
from hypothesis import strategies as st

from okrkit.errors import OKRError

__all__ = [
    "FORMATS",
    "Raw",
    "emit",
    "hostile_numbers",
    "hostile_texts",
    "hostile_values",
    "no_escape",
    "shown",
]

FORMATS = ("yaml", "json", "toml")

T = TypeVar("T")


class Raw(str):
    """A token written into a document as it is: right or wrong syntax for the format."""

    __slots__ = ()


def shown(value: object, limit: int = 2_000) -> str:
    """``repr(value)``, cut to ``limit`` characters so a 20 MB input stays readable."""
    try:
        text = repr(value)
    except Exception as exc:  # noqa: BLE001 - a repr that fails is still worth showing
        text = f"<unrepresentable {type(value).__name__}: {exc!r}>"
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]} ... ({len(text)} characters) ... {text[-limit // 2 :]}"


def no_escape(action: Callable[[], T], subject: object) -> T | None:
    """Run ``action``: its value, ``None`` for an ``OKRError``, a failure for anything else.

    The failure names the exception and shows ``subject`` (the input), so hypothesis
    reports and shrinks it. Each outcome is a hypothesis event, so
    ``--hypothesis-show-statistics`` tells how many inputs were accepted.
    """
    try:
        result = action()
    except OKRError as exc:
        event(f"refused: {type(exc).__name__}")
        return None
    except Exception as exc:
        message = f"{type(exc).__name__} escaped: {shown(str(exc), 500)}\ninput: {shown(subject)}"
        raise AssertionError(message) from exc
    event("accepted")
    return result


# -- values ----------------------------------------------------------------------------------

PAYLOADS = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x1b[2J\x1b]0;owned\x07",
    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
    "line\nbreak",
    "cr\rlf\r\n",
    "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    "\u200b",
    "kr-1\u200b",
    "\ufeff",
    "\u202eevil",
    "%%{init: {'theme': 'dark'}}%%",
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "\"quoted\" 'single' `back`",
    "[bold]markup[/bold]",
    "a --> b -> c",
    "end",
    "subgraph",
    "{owner}",
    "{{",
    "}",
    "&amp; &#35;",
    "=cmd|' /C calc'!A0",
    "- item",
    "? key",
    ": value",
    "*alias",
    "&anchor",
    "!!python/object/apply:os.system ['true']",
    "null",
    "~",
    "yes",
    "1:30",
    "017",
    "1e6",
    "0x1F",
    ".nan",
    "2026-02-30",
    "9999-12-31",
    "0000-01-01",
    "Quý 1/2026 — mục tiêu",
)

_SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
_ANY_CHAR = st.one_of(
    st.characters(),
    st.characters(max_codepoint=0x9F),
    _SURROGATES,
    st.sampled_from("\x00\x1b\x7f\x85\u2028\u2029\u200b\ufeff\u202e\ud800\udfff"),
)


def hostile_texts() -> st.SearchStrategy[str]:
    """Text a careless or hostile user writes: payloads, control characters, surrogates."""
    long = st.builds(
        lambda part, times: part * times,
        st.sampled_from(PAYLOADS[1:]) | st.text(min_size=1, max_size=3),
        st.integers(100, 3_000),
    )
    short = st.one_of(
        st.sampled_from(PAYLOADS), st.text(_ANY_CHAR, max_size=20), st.text(max_size=12)
    )
    # Long text one time in 20: hypothesis keeps recent inputs, and a long run must fit.
    return st.one_of([short] * 19 + [long])


def hostile_numbers(*, raw: bool = True) -> st.SearchStrategy[Any]:
    """Numbers at the edges: NaN, infinities, 1e308, huge integers (as digits when ``raw``)."""
    numbers: list[st.SearchStrategy[Any]] = [
        st.integers(),
        st.integers(-(2**70), 2**70),
        st.floats(),
        st.sampled_from([0, -0.0, 1e308, -1e308, 1.7976931348623157e308, 5e-324, 2**63, 2**64]),
        st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    ]
    if raw:
        digits = st.integers(1, 6_000).map(lambda n: Raw("9" * n))
        tokens = st.sampled_from(
            ["1e999", "-1e999", "1e6", "1E+400", "0x1F", "0o17", "017", "1:30", "190:20:30",
             "1_000", "+.inf", ".NaN", "NaN", "Infinity", "-0", "0b101", "1.", ".5", "1e", "--1"]
        ).map(Raw)  # fmt: skip
        numbers += [digits, tokens]
    return st.one_of(numbers)


def _tags() -> st.SearchStrategy[Raw]:
    """YAML explicit tags, good and bad, and other tokens that only YAML reads."""
    return st.sampled_from(
        [
            "!!int abc", "!!bool abc", "!!timestamp xyz", "!!float nope", "!!int 99",
            "!!str 5", "!!binary aGk=", "!!binary ***", "!!set {a, b}", "!!omap [a: 1]",
            "!!python/object/apply:os.system ['true']", "!!python/name:os.system",
            "!custom x", "!<tag:yaml.org,2002:int> 7", "&a x", "*nowhere", "? complex",
            "|\n  block\n  text", ">-\n  folded", "2026-01-09 10:00:00", "<<: {a: 1}",
        ]
    ).map(Raw)  # fmt: skip


def hostile_values(*, raw: bool = True) -> st.SearchStrategy[Any]:
    """A scalar of any kind a document can hold, at its edges; ``raw`` adds raw tokens."""
    values: list[st.SearchStrategy[Any]] = [
        hostile_texts(),
        hostile_numbers(raw=raw),
        st.booleans(),
        st.none(),
        st.dates(min_value=dt.date(1, 1, 1)),
        st.builds(list),
        st.builds(dict),
    ]
    if raw:
        values.append(_tags())
    return st.one_of(values)


# -- writers ---------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z_][\w./-]*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _quoted(text: str, rnd: random.Random) -> str:
    return json.dumps(text, ensure_ascii=rnd.random() < 0.5)


def _number(value: float | int, fmt: str) -> str:
    if isinstance(value, float) and math.isnan(value):
        return {"yaml": ".nan", "json": "NaN", "toml": "nan"}[fmt]
    if value in (float("inf"), float("-inf")):
        sign = "-" if value < 0 else ""
        return sign + {"yaml": ".inf", "json": "Infinity", "toml": "inf"}[fmt]
    return repr(value)


def _scalar(value: Any, fmt: str, rnd: random.Random) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null" if fmt != "toml" else '""'
    if isinstance(value, int | float):
        return _number(value, fmt)
    if isinstance(value, dt.date):
        text = value.isoformat()
        return text if fmt != "json" and rnd.random() < 0.7 else json.dumps(text)
    text = str(value)
    if fmt == "yaml" and _PLAIN.fullmatch(text) and rnd.random() < 0.5:
        return text
    if fmt == "yaml" and rnd.random() < 0.2:
        return "'" + text.replace("'", "''") + "'"
    return _quoted(text, rnd)


def _key(key: Any, fmt: str, rnd: random.Random) -> str:
    text = key if isinstance(key, str) else str(key)
    if fmt == "toml":
        if isinstance(key, Raw) or (_BARE_KEY.fullmatch(text) and rnd.random() < 0.8):
            return text
        return _quoted(text, rnd)
    if fmt == "yaml" and (isinstance(key, Raw) or _PLAIN.fullmatch(text)):
        return text
    return _quoted(text, rnd)


def _flow(value: Any, fmt: str, rnd: random.Random) -> str:
    """``value`` on one line: JSON, YAML flow style or a TOML inline value."""
    colon = " = " if fmt == "toml" else ": "
    if isinstance(value, dict):
        items = (f"{_key(k, fmt, rnd)}{colon}{_flow(v, fmt, rnd)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(item, fmt, rnd) for item in value) + "]"
    return _scalar(value, fmt, rnd)


def _toml(data: dict[Any, Any], rnd: random.Random) -> str:
    """Plain keys first, then ``[table]`` and ``[[array of tables]]`` sections at times."""
    lines: list[str] = []
    tables: list[str] = []

    def section(header: str, table: dict[Any, Any]) -> None:
        tables.append(f"\n{header}")
        tables.extend(
            f"{_key(k, 'toml', rnd)} = {_flow(v, 'toml', rnd)}" for k, v in table.items()
        )

    for key, value in data.items():
        name = _key(key, "toml", rnd)
        is_tables = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        if is_tables and rnd.random() < 0.7:
            for item in value:
                section(f"[[{name}]]", item)
        elif isinstance(value, dict) and rnd.random() < 0.7:
            section(f"[{name}]", value)
        else:
            lines.append(f"{name} = {_flow(value, 'toml', rnd)}")
    return "\n".join(lines + tables) + "\n"


def _block(data: dict[Any, Any], fmt: str, rnd: random.Random) -> str:
    """A top-level mapping with one entry, or one list item, a line (YAML and JSON)."""
    if fmt == "json":
        entries = []
        for key, value in data.items():
            if isinstance(value, list) and rnd.random() < 0.7:
                items = ",\n    ".join(_flow(item, fmt, rnd) for item in value)
                entries.append(f"  {_key(key, fmt, rnd)}: [\n    {items}\n  ]")
            else:
                entries.append(f"  {_key(key, fmt, rnd)}: {_flow(value, fmt, rnd)}")
        return "{\n" + ",\n".join(entries) + "\n}\n"
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value and rnd.random() < 0.7:
            lines.append(f"{_key(key, fmt, rnd)}:")
            lines += (f"  - {_flow(item, fmt, rnd)}" for item in value)
        else:
            lines.append(f"{_key(key, fmt, rnd)}: {_flow(value, fmt, rnd)}")
    return "\n".join(lines) + "\n"


def emit(data: Any, fmt: str, rnd: random.Random) -> str:
    """Write ``data`` in ``fmt``, choosing among the format's spellings with ``rnd``.

    A top level that is not a mapping is written as is: a TOML file that is a bare list,
    for example, which the loader must refuse like any other broken file.
    """
    if isinstance(data, dict) and (fmt == "toml" or rnd.random() < 0.8):
        return _toml(data, rnd) if fmt == "toml" else _block(data, fmt, rnd)
    return _flow(data, fmt, rnd) + "\n"
