"""Words that wait to be shown: a message, its arguments, and the words for a value's kind.

A :class:`Message` keeps okrkit's English text (the gettext msgid) and its arguments,
and puts them into a language only when it is shown: ``str(message)`` in the locale
active then, ``message.render(locale="vi")`` in the one asked for. Numbers and dates
among the arguments are formatted for that locale too, and a message among them is
rendered the same way, so messages nest.

Advice that names how to change a call is spelled for where the message is shown, as
late as the language: a :class:`Spelled` argument reads as its Python keyword
(``skip_bad=True``), or as its command-line option (``--skip-bad``) while
:func:`on_command_line` is in force, which the ``okrkit`` command sets for its whole run.
A message made once thus reads right to a Python user and to a command-line user, in
either language.

This layer sits below :mod:`okrkit.i18n`, which lends it gettext, the number and date
formatters and a way into a locale when it is imported (see :func:`lend`). Until then
(only while okrkit itself is being imported) messages stay in English, numbers plain.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import string
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from typing import Any

from okrkit.errors._hints import Shown, shorten

__all__ = ["Message", "Spelled", "kind_of", "lend", "on_command_line"]


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction; it is translated when shown."""
    return message


def _plain_number(value: float) -> str:
    """A number before :mod:`okrkit.i18n` lends its formatter: ``27``, ``0.5``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Lent:
    """What :mod:`okrkit.i18n` lends this layer (see :func:`lend`)."""

    __slots__ = ("format_date", "format_number", "gettext", "in_locale")

    def __init__(self) -> None:
        self.gettext: Callable[[str], str] = str
        self.format_number: Callable[[Any], str] = _plain_number
        self.format_date: Callable[[dt.date], str] = dt.date.isoformat
        self.in_locale: Callable[[str], AbstractContextManager[object]] = _no_locale


def _no_locale(_locale: str) -> AbstractContextManager[object]:
    return nullcontext()


_lent = _Lent()


def lend(
    *,
    gettext: Callable[[str], str] | None = None,
    format_number: Callable[[Any], str] | None = None,
    format_date: Callable[[dt.date], str] | None = None,
    in_locale: Callable[[str], AbstractContextManager[object]] | None = None,
) -> None:
    """Word messages with what :mod:`okrkit.i18n` lends; called by it once, when imported.

    Args:
        gettext: Translates a msgid into the active locale.
        format_number: Formats a number for the active locale (``0,5`` in Vietnamese).
        format_date: Formats a date for the active locale, as a sentence writes it.
        in_locale: Makes a locale active inside a ``with`` block.
    """
    if gettext is not None:
        _lent.gettext = gettext
    if format_number is not None:
        _lent.format_number = format_number
    if format_date is not None:
        _lent.format_date = format_date
    if in_locale is not None:
        _lent.in_locale = in_locale


def in_locale(locale: str | None) -> AbstractContextManager[object]:
    """A ``with`` block in ``locale`` (the active locale stays when ``None``)."""
    return nullcontext() if locale is None else _lent.in_locale(locale)


def translate(msgid: str) -> str:
    """``msgid`` in the active locale (the empty text stays empty)."""
    return _lent.gettext(msgid) if msgid else ""


_COMMAND_LINE: ContextVar[bool] = ContextVar("okrkit_on_command_line", default=False)
"""Whether messages are shown on the command line (see :func:`on_command_line`)."""


@contextmanager
def on_command_line() -> Iterator[None]:
    """Spell the advice of the messages shown inside the block for the command line.

    Inside it a :class:`Spelled` argument reads as its command-line option; outside,
    as its Python keyword. The ``okrkit`` command runs inside it from start to end
    (``okrkit.cli._app``), so that the messages it prints, rendered when printed,
    name the options the user types. A context variable: other threads and tasks keep
    their own spelling.

    Examples:
        >>> advice = Spelled("skip_bad=True", "--skip-bad")
        >>> with on_command_line():
        ...     inside = str(advice)
        >>> inside, str(advice)
        ('--skip-bad', 'skip_bad=True')
    """
    token = _COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _COMMAND_LINE.reset(token)


class Spelled:
    """Advice in a message spelled as the caller writes it: a Python keyword or an option.

    An argument of a :class:`Message`: ``python`` when the message is shown to code
    (the default), ``command_line`` inside :func:`on_command_line`. Either may be
    plain text (``"decimal=','"``, ``"--decimal ,"``) or a :class:`Message`, for
    advice that differs in more than its name (words only a Python caller can act on);
    each is rendered as any argument is, in the locale active when shown.

    Attributes:
        python: The advice as a Python caller writes it, such as ``"skip_bad=True"``.
        command_line: The advice as the ``okrkit`` command takes it, ``"--skip-bad"``.

    Examples:
        >>> from okrkit.i18n import N_
        >>> advice = Spelled("skip_bad=True", "--skip-bad")
        >>> message = Message(N_("or pass {advice}"), advice=advice)
        >>> with on_command_line():
        ...     shown = str(message)
        >>> str(message), shown
        ('or pass skip_bad=True', 'or pass --skip-bad')
    """

    __slots__ = ("command_line", "python")

    def __init__(self, python: object, command_line: object) -> None:
        self.python = python
        self.command_line = command_line

    def chosen(self) -> object:
        """The spelling for where the message is shown now."""
        return self.command_line if _COMMAND_LINE.get() else self.python

    def __str__(self) -> str:
        return render_value(self.chosen())

    def __repr__(self) -> str:
        return f"Spelled({self.python!r}, {self.command_line!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Spelled):
            return NotImplemented
        return (self.python, self.command_line) == (other.python, other.command_line)

    def __hash__(self) -> int:
        return hash((str(self.python), str(self.command_line)))


class Message:
    """A message in okrkit's words, translated and formatted only when shown.

    Write the English text with :func:`okrkit.i18n.N_` around it, so that babel finds
    it, and its arguments by name. Numbers and dates among the arguments are
    formatted for the locale the message is shown in; a :class:`Message` among them
    is rendered in that locale too; a :class:`~okrkit.errors.Shown` value is quoted
    (a number read as the locale writes it).

    Attributes:
        template: The English text with ``{name}`` placeholders: the gettext msgid.
        args: The arguments, by placeholder name.

    Examples:
        >>> from okrkit.i18n import N_, use_locale
        >>> message = Message(N_("'{field}' must be greater than 0 (got {value:g})"),
        ...                   field="weight", value=-0.5)
        >>> with use_locale("vi"):
        ...     text = str(message)
        >>> text, message.render(locale="en")
        ("'weight' phải lớn hơn 0 (nhận được -0,5)", "'weight' must be greater than 0 (got -0.5)")
    """

    __slots__ = ("args", "template")

    def __init__(self, template: str, /, **args: object) -> None:
        self.template = template
        self.args: dict[str, object] = args

    def render(self, locale: str | None = None) -> str:
        """The message in ``locale``, or in the active locale when ``None``.

        Raises:
            LocaleError: when babel does not know ``locale``.
        """
        with in_locale(locale):
            return self._render()

    def _render(self) -> str:
        text = translate(self.template)
        for words in (text, self.template):
            try:
                return _FORMATTER.vformat(words, (), self.args)
            except (KeyError, IndexError, ValueError, AttributeError):
                # A translation whose placeholders drifted from the English: the English.
                continue
        return text  # words of an app's own with a brace: shown as written

    def __str__(self) -> str:
        return self._render()

    def __repr__(self) -> str:
        args = "".join(f", {name}={value!r}" for name, value in self.args.items())
        return f"Message({self.template!r}{args})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self.template == other.template and self.args == other.args

    def __hash__(self) -> int:
        return hash((self.template, tuple(sorted(self.args))))


def render_value(value: object) -> str:
    """``value`` as an argument of a message shows it, in the active locale."""
    if isinstance(value, Message):
        return value._render()
    if isinstance(value, Spelled):
        return render_value(value.chosen())
    if isinstance(value, Shown):
        return _shown(value.value)
    if _is_number(value):
        return _number(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _lent.format_date(value)
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _number(value: Any) -> str:
    """A number as the active locale writes it: ``0,5`` and ``20.000`` in Vietnamese."""
    try:
        if not math.isfinite(value):
            return repr(float(value))  # 'nan', 'inf': the words a message explains
        return _lent.format_number(value)
    except (ArithmeticError, TypeError, ValueError):  # an int of thousands of digits
        return shorten(value)


def _shown(value: object) -> str:
    """A value quoted in a message: text in quotes and cut, a number as the locale writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"  # as a file writes it
    if value is None:
        return Message(N_("an empty value")).render()
    if _is_number(value):
        return _number(value)
    return shorten(value)


class _Formatter(string.Formatter):
    """``str.format`` that words messages, numbers and quoted values for the locale."""

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if isinstance(value, Message | Shown | Spelled):
            return render_value(value)
        if conversion in (None, "r", "s") and (_is_number(value) or isinstance(value, dt.date)):
            return value  # formatted for the locale by format_field
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec in ("", "g") and (_is_number(value) or isinstance(value, dt.date)):
            return render_value(value)
        return format(value, format_spec)


_FORMATTER = _Formatter()


_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, N_("a true or false value")),
    (numbers.Real, N_("a number")),
    (str, N_("a text")),
    (dt.date, N_("a date")),
    (Mapping, N_("a mapping of fields")),
    ((list, tuple, set, frozenset), N_("a list")),
    ((bytes, bytearray), N_("binary data")),
)


def kind_of(value: object) -> Message:
    """What ``value`` is, as a person names it: "a list", "a number", "nothing (empty)".

    For messages that say what was found where something else belongs; never a
    Python type name.

    Examples:
        >>> from okrkit.i18n import use_locale
        >>> str(kind_of([1, 2])), str(kind_of(None)), str(kind_of({"a": 1}))
        ('a list', 'nothing (empty)', 'a mapping of fields')
        >>> with use_locale("vi"):
        ...     str(kind_of([1, 2])), str(kind_of(None)), str(kind_of({"a": 1}))
        ('một danh sách', 'nội dung trống', 'một nhóm trường')
    """
    if value is None:
        return Message(N_("nothing (empty)"))
    for kinds, words in _KINDS:
        if isinstance(value, kinds):
            return Message(words)
    return Message(N_("a value of another kind"))


def as_found(value: object) -> Message | Shown:
    """``value`` for a "(got ...)" of a message: a list or a mapping by its kind, else quoted."""
    if isinstance(value, Mapping | list | tuple | set | frozenset):
        return kind_of(value)
    return Shown(value)


def message_of(error: BaseException) -> Message | str:
    """The words of ``error``: its :class:`Message` when it was made with one, else its text."""
    if len(error.args) == 1 and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)
