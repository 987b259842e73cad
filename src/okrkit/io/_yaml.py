"""Reading YAML from the C parser's event stream.

Reading never builds PyYAML's node tree (two marks per scalar): the data is built
straight from the parser's events, resolving plain scalars as YAML 1.2's core schema
does (``1:30`` and ``1e6`` as 1.2 reads them: text and a number), plus dates. Lines are
not kept; when a problem needs one, :class:`okrkit.io._lines.YamlLines` parses the text
again and notes the lines of just the paths asked for.

Hostile input is refused as it is read, against :class:`~okrkit.io.Limits`: anchors and
aliases (refused outright by default; when allowed, counted, and refused if they would
expand to far more data than the file holds), nesting deeper than the depth limit,
integers of more digits than the digits limit, tags other than YAML's own scalar and
collection tags, and tagged values that are not of their tag.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import yaml
from yaml import events as ev

from okrkit._files import yaml_syntax_error
from okrkit.errors import LoadError, Message, Problem, Shown
from okrkit.i18n import N_
from okrkit.io._limits import Limits, digits_limit, past_limit, too_deep
from okrkit.io._scalars import TAG, refuse, resolve_plain, tagged, too_many_digits

__all__ = ["MAX_DEPTH", "TAG", "Parser", "parse_yaml", "resolve_plain"]

MAX_DEPTH = Limits().depth
"""The deepest nesting read by default (see :class:`~okrkit.io.Limits`)."""
_ALIAS_ALLOWANCE = 100_000
"""Nodes that aliases may add beyond the file's own, before the file is refused."""

Parser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None) or yaml.SafeLoader
"""The C parser of libyaml (PyYAML's pure Python one where libyaml is missing)."""

_TAG = TAG
_MERGE = object()
"""Stands for a ``<<`` merge key while its mapping is built."""


class _Frame:
    """A mapping or list under construction."""

    __slots__ = ("anchor", "container", "expanded", "key", "merges")

    def __init__(self, container: Any, anchor: str | None, expanded: int) -> None:
        self.container = container
        self.key: Any = _Frame  # _Frame itself: no key read yet
        self.anchor = anchor
        self.expanded = expanded
        self.merges: list[Any] | None = None

    def merge(self, value: Any, line: int) -> None:
        """Note the value of a ``<<`` merge key, applied when the mapping closes."""
        if self.merges is None:
            self.merges = []
        self.merges.append((value, line))


def parse_yaml(
    text: str | bytes,
    source: str,
    entries: Mapping[str, Callable[[Any], Any]] | None = None,
    limits: Limits | None = None,
) -> Any:
    """Read one YAML document into plain data (dicts, lists, scalars).

    Args:
        text: The document, as text or UTF-8 bytes.
        source: The file name for messages.
        entries: For a top-level key holding a list, a function called on each item as
            soon as it is read; what it returns (unless ``None``) stands in the list
            instead, so a large file's items never all sit in memory as mappings.
        limits: What the document may hold (:class:`~okrkit.io.Limits` by default).

    Raises:
        LoadError: for invalid YAML, keys written twice (every one, with its line),
            disallowed tags, tagged values not of their tag, and a document past
            any of ``limits``.
    """
    parser = Parser(text)
    try:
        return _Reader(parser, entries or {}, limits or Limits()).document()
    except LoadError as exc:
        raise LoadError([problem.located(file=source) for problem in exc.problems]) from None
    except yaml.YAMLError as exc:
        raise yaml_syntax_error(exc, text, source) from exc
    finally:
        parser.dispose()


class _Reader:
    """Builds one document from the parser's events, with a stack instead of recursion."""

    def __init__(
        self, parser: Any, entries: Mapping[str, Callable[[Any], Any]], limits: Limits
    ) -> None:
        self.get: Callable[[], Any] = parser.get_event
        self.entries = entries
        self.limits = limits
        self.digits = digits_limit(limits)
        self.aliases = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.duplicates: list[Problem] = []
        self.events = 0
        self.expanded = 0  # nodes, counting each alias as the nodes it stands for

    def document(self) -> Any:
        get = self.get
        get()  # the stream's start
        if isinstance(get(), ev.StreamEndEvent):
            return None
        data = self.build()
        get()  # the document's end
        event = get()
        if not isinstance(event, ev.StreamEndEvent):
            raise refuse(
                "file.syntax",
                Message(
                    N_("the file holds more than one YAML document; keep one (remove the '---')")
                ),
                event.start_mark.line + 1,
            )
        if self.duplicates:
            raise LoadError(self.duplicates)
        return data

    def build(self) -> Any:
        """Build the document's root, one event at a time.

        A flat state machine over the events (a file has millions): each value (a
        scalar, an alias, a closed collection) goes into the collection on top of the
        stack, as a list item, a key, or that key's value; a collection's start opens one.
        """
        get = self.get
        stack: list[_Frame] = []
        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        starts = (ev.MappingStartEvent, ev.SequenceStartEvent)
        ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
        frame: _Frame | None = None
        while True:
            event = get()
            kind = type(event)
            self.events += 1
            self.expanded += 1
            if kind is scalar_event:
                value = event.value
                if len(value) > self.digits:
                    self.long_scalar(event)
                if event.tag is not None:
                    value = tagged(event.tag, value, event.start_mark.line + 1)
                elif event.style == "" or event.style is None:  # plain
                    value = resolve_plain(value)
                    if (
                        value == "<<"
                        and frame is not None
                        and frame.key is _Frame
                        and type(frame.container) is dict
                    ):
                        value = _MERGE
                if event.anchor is not None:
                    self.anchor(event, value)
            elif kind in starts:
                frame = self.open(event, stack)
                continue
            elif kind in ends:
                value = self.close(stack)
                frame = stack[-1] if stack else None
            elif kind is alias_event:
                value = self.alias(event)
            else:  # pragma: no cover - the parser sends nothing else inside a document
                raise AssertionError(event)
            if frame is None:
                return value
            container = frame.container
            if type(container) is list:
                container.append(value)
            elif frame.key is _Frame:
                if isinstance(value, dict | list) or (value is not _MERGE and value in container):
                    self.bad_key(value, event)
                frame.key = value
            else:
                if frame.key is _MERGE:
                    frame.merge(value, event.start_mark.line + 1)
                else:
                    container[frame.key] = value
                frame.key = _Frame

    def open(self, event: Any, stack: list[_Frame]) -> _Frame:
        """Open the mapping or list ``event`` starts, on top of ``stack``.

        Refuses tags other than YAML's own, nesting past the depth limit, and anchors
        where aliases are not allowed.
        """
        if event.tag not in (None, "!", _TAG + "map", _TAG + "seq"):
            tagged(event.tag, "", event.start_mark.line + 1)
        if len(stack) >= self.limits.depth:
            raise too_deep(None, event.start_mark.line + 1, self.limits)
        container: Any = {} if type(event) is ev.MappingStartEvent else []
        frame = _Frame(container, event.anchor, self.expanded)
        if event.anchor is not None:  # an alias inside it would loop
            self.anchor(event, None, -1)
        stack.append(frame)
        return frame

    def close(self, stack: list[_Frame]) -> Any:
        """Close the collection on top of ``stack`` and return its value.

        Merge keys are applied; an item of a top-level list named in ``entries`` is
        handed to its function, and what that builds stands in its place.
        """
        self.expanded -= 1
        self.events -= 1
        done = stack.pop()
        value = done.container
        if done.merges is not None:
            value = _merged(done.merges, value)
        if done.anchor is not None:
            self.anchors[done.anchor] = (value, self.expanded - done.expanded + 1)
        if len(stack) == 2 and type(stack[1].container) is list and self.entries:
            make = self.entries.get(stack[0].key)
            made = None if make is None else make(value)
            if made is not None:
                value = made
        return value

    def bad_key(self, key: Any, event: Any) -> None:
        """Refuse a mapping or list as a key; note a key written twice in one mapping."""
        line = event.start_mark.line + 1
        if isinstance(key, dict | list):
            raise refuse(
                "field.type",
                Message(N_("a key must be a word or a number, not a list or a group of fields")),
                line,
            )
        self.duplicates.append(
            Problem(
                "key.duplicate",
                Message(
                    N_("key {key!r} appears twice in the same group of fields; keep one"),
                    key=Shown(key),
                ),
                line=line,
            )
        )

    def long_scalar(self, event: Any) -> None:
        """Refuse a plain or number-tagged integer of more digits than the limit."""
        plain = event.style == "" or event.style is None
        if (plain or event.tag in (_TAG + "int", _TAG + "float")) and too_many_digits(
            event.value, self.digits
        ):
            self.past(
                "digits",
                Message(
                    N_("a number here has more than {digits} digits; quote it if it is text"),
                    digits=self.digits,
                ),
                event,
            )

    def past(self, name: str, problem: Message, event: Any) -> None:
        """Refuse the document: it goes past the limit ``name`` at ``event``."""
        raise past_limit(problem, name, self.limits, file=None, line=event.start_mark.line + 1)

    def anchor(self, event: Any, value: Any, weight: int = 1) -> None:
        """Note an anchor's value and weight, or refuse it where aliases are not allowed."""
        if self.limits.aliases == 0:
            self.past(
                "aliases",
                Message(
                    N_(
                        "YAML anchors and aliases (here &{name}) are not allowed in an OKR file; "
                        "write the data out in full"
                    ),
                    name=event.anchor,
                ),
                event,
            )
        self.anchors[event.anchor] = (value, weight)

    def alias(self, event: Any) -> Any:
        self.aliases += 1
        if self.aliases > self.limits.aliases:
            self.past(
                "aliases",
                Message(
                    N_(
                        "YAML aliases (here *{name}) are not allowed in an OKR file, or not "
                        "this many; write the data out in full"
                    ),
                    name=event.anchor,
                ),
                event,
            )
        found = self.anchors.get(event.anchor)
        line = event.start_mark.line + 1
        if found is None:
            raise refuse(
                "value.invalid",
                Message(N_("alias *{name} names no anchor &{name} before it"), name=event.anchor),
                line,
            )
        value, weight = found
        if weight < 0:
            raise refuse(
                "value.invalid",
                Message(
                    N_("alias *{name} sits inside the data it names, which would never end"),
                    name=event.anchor,
                ),
                line,
            )
        self.expanded += weight - 1
        if self.expanded - self.events > max(_ALIAS_ALLOWANCE, self.events):
            raise refuse(
                "file.limit",
                Message(
                    N_(
                        "aliases here would expand to far more data than the file holds; "
                        "write the data out instead of repeating aliases"
                    )
                ),
                line,
            )
        return value


def _merged(merges: list[tuple[Any, int]], explicit: dict[Any, Any]) -> dict[Any, Any]:
    """Apply ``<<`` merge keys: explicit keys win, then earlier merged mappings."""
    out: dict[Any, Any] = {}
    for value, line in reversed(merges):
        sources = value if isinstance(value, list) else [value]
        for source in reversed(sources):
            if not isinstance(source, dict):
                raise refuse(
                    "field.type",
                    Message(
                        N_(
                            "a merge key '<<' takes a group of fields, or a list of groups of "
                            "fields"
                        )
                    ),
                    line,
                )
            out.update(source)
    out.update(explicit)
    return out
