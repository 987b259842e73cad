"""Reading YAML from the C parser's event stream.

Reading never builds PyYAML's node tree (two marks per scalar): the data is built
straight from the parser's events, resolving plain scalars as YAML 1.2 does for
booleans and as PyYAML's safe loader does for the rest. Lines are not kept; when a
problem needs one, :class:`okrkit.io._lines.YamlLines` parses the text again and notes
the lines of just the paths asked for.

Hostile input is refused early: aliases that would expand to far more data than the
file holds ("billion laughs"), nesting deeper than any OKR file needs, and tags
other than YAML's own scalar and collection tags.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

import yaml
from yaml import events as ev
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from okrkit.errors import LoadError, Problem
from okrkit.i18n import _

__all__ = ["MAX_DEPTH", "TAG", "Parser", "parse_yaml", "resolve_plain"]

MAX_DEPTH = 64
"""The deepest nesting read; OKR files need about six levels."""
_ALIAS_ALLOWANCE = 100_000
"""Nodes that aliases may add beyond the file's own, before the file is refused."""

Parser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None) or yaml.SafeLoader
"""The C parser of libyaml (PyYAML's pure Python one where libyaml is missing)."""

TAG = _TAG = "tag:yaml.org,2002:"
_CONSTRUCTOR = SafeConstructor()
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("null", "Null", "NULL", "~", ""), None),
}
_NUMERIC_FIRST = frozenset("-+.0123456789")
_SIMPLE_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_SIMPLE_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+\Z")
_SIMPLE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NUMERIC_RESOLVERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (tag, regexp) for tag, regexp in Resolver.yaml_implicit_resolvers["1"] if tag != _TAG + "bool"
)
_MERGE = object()
"""Stands for a ``<<`` merge key while its mapping is built."""


def _construct(tag: str, value: str) -> Any:
    node = yaml.ScalarNode(tag, value)
    if tag == _TAG + "int":
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == _TAG + "float":
        return _CONSTRUCTOR.construct_yaml_float(node)
    try:  # a date that does not exist (2026-02-30) stays text for the model to report
        return _CONSTRUCTOR.construct_yaml_timestamp(node)
    except ValueError:
        return value


def resolve_plain(value: str) -> Any:
    """The value of a plain (unquoted) scalar: YAML 1.2 booleans, null, numbers, dates.

    Examples:
        >>> resolve_plain("on"), resolve_plain("1_000"), resolve_plain("2026-01-09")
        ('on', 1000, datetime.date(2026, 1, 9))
    """
    if value[:1] not in _NUMERIC_FIRST:
        return _WORDS.get(value, value)
    try:
        if _SIMPLE_INT.match(value):
            return int(value)
        if _SIMPLE_FLOAT.match(value):
            return float(value)
        if _SIMPLE_DATE.match(value):
            return dt.date.fromisoformat(value)
        for tag, regexp in _NUMERIC_RESOLVERS:
            if regexp.match(value):
                return _construct(tag, value)
    except ValueError:  # a date that does not exist, or more digits than Python reads
        return value  # as text, for the model to report where a number or date belongs
    return value


def _tagged(tag: str, value: str, line: int) -> Any:
    if tag in ("!", _TAG + "str"):
        return value
    if tag in (_TAG + "int", _TAG + "float", _TAG + "timestamp"):
        try:
            return _construct(tag, value)
        except (ValueError, IndexError):
            raise _refuse(
                _("{value!r} cannot be read as {tag}").format(value=value, tag=tag), line
            ) from None
    if tag == _TAG + "bool" and value in _WORDS and isinstance(_WORDS[value], bool):
        return _WORDS[value]
    if tag == _TAG + "null" and value in _WORDS and _WORDS[value] is None:
        return None
    raise _refuse(
        _("this is not valid YAML for okrkit: the tag {tag!r} is not allowed; remove it").format(
            tag=tag
        ),
        line,
    )


def _refuse(message: str, line: int | None) -> LoadError:
    return LoadError(Problem(message=message, line=line))


def _yaml_error(exc: yaml.YAMLError, source: str) -> LoadError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        return LoadError(
            Problem(
                message=_(
                    "this is not valid YAML: {detail}; check the indentation and quoting"
                ).format(detail=detail),
                file=source,
                line=mark.line + 1 if mark is not None else None,
            )
        )
    return LoadError(
        Problem(message=_("this is not valid YAML: {detail}").format(detail=exc), file=source)
    )


class _Frame:
    """A mapping or list under construction."""

    __slots__ = ("anchor", "container", "expanded", "key", "merges")

    def __init__(self, container: Any, anchor: str | None, expanded: int) -> None:
        self.container = container
        self.key: Any = _Frame  # _Frame itself: no key read yet
        self.anchor = anchor
        self.expanded = expanded
        self.merges: list[Any] | None = None


def parse_yaml(
    text: str | bytes, source: str, entries: Mapping[str, Callable[[Any], Any]] | None = None
) -> Any:
    """Read one YAML document into plain data (dicts, lists, scalars).

    Args:
        text: The document, as text or UTF-8 bytes.
        source: The file name for messages.
        entries: For a top-level key holding a list, a function called on each item as
            soon as it is read; what it returns (unless ``None``) stands in the list
            instead, so a large file's items never all sit in memory as mappings.

    Raises:
        LoadError: for invalid YAML, keys written twice (every one, with its line),
            disallowed tags, alias bombs and nesting deeper than :data:`MAX_DEPTH`.
    """
    parser = Parser(text)
    try:
        return _Reader(parser, entries or {}).document()
    except LoadError as exc:
        raise LoadError([problem.located(file=source) for problem in exc.problems]) from None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from exc
    finally:
        parser.dispose()


class _Reader:
    """Builds one document from the parser's events, with a stack instead of recursion."""

    def __init__(self, parser: Any, entries: Mapping[str, Callable[[Any], Any]]) -> None:
        self.get: Callable[[], Any] = parser.get_event
        self.entries = entries
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
            raise _refuse(
                _("the file holds more than one YAML document; keep one (remove the '---')"),
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
                if event.tag is not None:
                    value = _tagged(event.tag, value, event.start_mark.line + 1)
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
                    self.anchors[event.anchor] = (value, 1)
            elif kind in starts:
                frame = self.open(event, stack)
                continue
            elif kind in ends:
                value = self.close(stack)
                frame = stack[-1] if stack else None
            elif kind is alias_event:
                value = self.alias(event)
            else:  # pragma: no cover - the parser sends nothing else inside a document
                raise _refuse(repr(event), None)
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
                    if frame.merges is None:
                        frame.merges = []
                    frame.merges.append((value, event.start_mark.line + 1))
                else:
                    container[frame.key] = value
                frame.key = _Frame

    def open(self, event: Any, stack: list[_Frame]) -> _Frame:
        """Open the mapping or list ``event`` starts, on top of ``stack``.

        Refuses tags other than YAML's own and nesting deeper than :data:`MAX_DEPTH`.
        """
        if event.tag not in (None, "!", _TAG + "map", _TAG + "seq"):
            _tagged(event.tag, "", event.start_mark.line + 1)
        if len(stack) >= MAX_DEPTH:
            raise _refuse(
                _(
                    "the data is nested more than {depth} levels deep; an OKR file "
                    "needs far fewer, so check the file"
                ).format(depth=MAX_DEPTH),
                event.start_mark.line + 1,
            )
        container: Any = {} if type(event) is ev.MappingStartEvent else []
        frame = _Frame(container, event.anchor, self.expanded)
        if event.anchor is not None:  # an alias inside it would loop
            self.anchors[event.anchor] = (None, -1)
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
            raise _refuse(_("a key must be a word or a number, not a list or mapping"), line)
        self.duplicates.append(
            Problem(
                message=_("key {key!r} appears twice in the same mapping; keep one").format(
                    key=key
                ),
                line=line,
            )
        )

    def alias(self, event: Any) -> Any:
        found = self.anchors.get(event.anchor)
        line = event.start_mark.line + 1
        if found is None:
            raise _refuse(
                _("alias *{name} names no anchor &{name} before it").format(name=event.anchor),
                line,
            )
        value, weight = found
        if weight < 0:
            raise _refuse(
                _("alias *{name} sits inside the data it names, which would never end").format(
                    name=event.anchor
                ),
                line,
            )
        self.expanded += weight - 1
        if self.expanded - self.events > max(_ALIAS_ALLOWANCE, self.events):
            raise _refuse(
                _(
                    "aliases here would expand to far more data than the file holds; "
                    "write the data out instead of repeating aliases"
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
                raise _refuse(_("a merge key '<<' takes a mapping or a list of mappings"), line)
            out.update(source)
    out.update(explicit)
    return out
