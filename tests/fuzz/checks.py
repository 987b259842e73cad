"""What each fuzz test does with an input: use it, and let only an ``OKRError`` out.

When a hostile document loads, it is used further: written in each format and read
back (an equal set), scored, and exported, since a set that loads must be usable.
Not a test module: imported as ``fuzz.checks``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import partial

import okrkit
from fuzz.hostile import FORMATS, no_escape, shown
from okrkit import OKRSet
from okrkit.graph import to_dot, to_graphml, to_mermaid

__all__ = ["loads_or_refuses", "use"]


def use(okrs: OKRSet, subject: object) -> None:
    """Write, read back, score and export ``okrs``: only an ``OKRError`` may escape."""
    for fmt in FORMATS:
        text = no_escape(partial(okrkit.dumps, okrs, fmt), subject)
        if text is None:
            continue
        again = no_escape(partial(okrkit.loads, text, fmt), (subject, text))
        if again is not None and again != okrs:
            message = f"{fmt} round trip changed the set\ninput: {shown(subject)}"
            raise AssertionError(message)
    no_escape(okrs.score, subject)
    graph = no_escape(lambda: okrs.graph, subject)
    if graph is None:
        return
    no_escape(lambda: to_dot(graph), subject)
    no_escape(lambda: to_mermaid(graph), subject)
    graphml = no_escape(lambda: to_graphml(graph), subject)
    if graphml is not None:
        try:
            ET.fromstring(graphml)
        except ET.ParseError as exc:
            message = f"GraphML is not XML: {exc}\ninput: {shown(subject)}"
            raise AssertionError(message) from exc


def loads_or_refuses(text: str, fmt: str) -> None:
    """``okrkit.loads(text, fmt)`` refuses with an ``OKRError`` or gives a usable set."""
    okrs = no_escape(lambda: okrkit.loads(text, fmt, source="fuzz"), text)
    if okrs is not None:
        use(okrs, text)
