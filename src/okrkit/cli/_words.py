"""click's own words (``Usage:``, ``Error:``, ``Missing argument``...) from okrkit's catalogue.

click writes its messages with ``from gettext import gettext as _`` (and ``ngettext``)
in each of its modules, so they read the process's gettext domain, which okrkit does
not own: a Vietnamese user would read "Error: Invalid value for" under okrkit's own
Vietnamese. While an ``okrkit`` command runs, :func:`click_in_okrkit_words` puts
okrkit's catalogue in their place, in the active locale, and gives click its own
functions back when the last running command ends.

Other click programs in the same process keep their words: the replacement answers
from okrkit's catalogue only in the thread (or asyncio task) that runs okrkit's
command, a context variable says which, and falls back to click's own function for a
message okrkit does not translate.

The messages are written out below, :data:`CLICK_MESSAGES` and
:func:`click_plural_messages`, so that babel puts them into okrkit's catalogue
(``scripts/update_translations.py``); a test compares them with click's source. The
names of click's parameter types, shown as metavars (``TEXT``, ``FILE``), are
:data:`TYPE_METAVARS`, and the words that name their values in messages ("số nguyên"),
:data:`TYPE_NAMES`.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import threading
from collections.abc import Callable, Iterator
from types import ModuleType

from okrkit.i18n import N_, gettext, ngettext

__all__ = [
    "CLICK_MESSAGES",
    "TYPE_METAVARS",
    "TYPE_NAMES",
    "click_in_okrkit_words",
    "click_plural_messages",
    "type_metavar",
]

CLICK_MESSAGES = (
    # help pages
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("deprecated"),
    N_("DeprecationWarning: The command {name!r} is deprecated.{extra_message}"),
    N_("DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}"),
    # usage errors
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Value must be an iterable."),
    N_("unknown error"),
    N_("Could not open file {filename!r}: {message}"),
    N_("Aborted!"),
    # values of a type
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} is not a valid UUID."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    # prompts and the terminal
    N_("Choose from:\n\t{choices}"),
    N_("Repeat for confirmation"),
    N_("Error: The two entered values do not match."),
    N_("Error: invalid input"),
    N_("Do you want to continue?"),
    N_("Confirm the action without prompting."),
    N_("Press any key to continue..."),
    N_("{editor}: Editing failed"),
    N_("{editor}: Editing failed: {e}"),
    N_("Shell completion is not supported for Bash versions older than 4.4."),
    N_("Couldn't detect Bash version, shell completion is not supported."),
)
"""click's singular messages that reach a user, as click writes them (msgids)."""

TYPE_METAVARS = {
    "text": N_("TEXT"),
    "integer": N_("INTEGER"),
    "integer range": N_("INTEGER"),
    "float": N_("FLOAT"),
    "float range": N_("FLOAT"),
    "boolean": N_("BOOLEAN"),
    "uuid": N_("UUID"),
    "filename": N_("FILE"),
    "file": N_("FILE"),
    "directory": N_("DIRECTORY"),
    "path": N_("PATH"),
}
"""The metavar of each of click's parameter types, by the type's name (a range's: its number's)."""

TYPE_NAMES = {
    "text": N_("text"),
    "integer": N_("whole number"),
    "integer range": N_("whole number"),
    "float": N_("number"),
    "float range": N_("number"),
    "boolean": N_("yes or no"),
    "uuid": N_("UUID identifier"),
    "filename": N_("file"),
    "file": N_("file"),
    "directory": N_("directory"),
    "path": N_("path"),
}
"""How a message names a value of each of click's parameter types, by the type's name.

click writes ``'abc' is not a valid {number_type}.`` with the type's name: okrkit's
types (:mod:`okrkit.cli._types`) give it these words, "số nguyên" for ``integer``.
"""


def type_metavar(name: str) -> str:
    """The metavar of a click parameter type named ``name``, in the active locale.

    Examples:
        >>> from okrkit.i18n import use_locale
        >>> with use_locale("vi"):
        ...     type_metavar("text"), type_metavar("integer")
        ('VĂN_BẢN', 'SỐ_NGUYÊN')
        >>> type_metavar("text")
        'TEXT'
    """
    return gettext(TYPE_METAVARS.get(name, name.upper()))


def click_plural_messages(count: int) -> tuple[str, ...]:
    """The plural messages of click for ``count`` things, in the active locale.

    Written out as ``ngettext`` calls so that babel extracts each as a plural entry of
    okrkit's catalogue; click asks for them with its own ``ngettext``.

    Examples:
        >>> from okrkit.i18n import use_locale
        >>> with use_locale("vi"):
        ...     click_plural_messages(2)[0].format(args="x y")
        'Thừa đối số (x y)'
    """
    return (
        ngettext(
            "Got unexpected extra argument ({args})",
            "Got unexpected extra arguments ({args})",
            count,
        ),
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", count),
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", count),
        ngettext(
            "Option {name!r} requires an argument.",
            "Option {name!r} requires {nargs} arguments.",
            count,
        ),
        ngettext(
            "Takes {nargs} values but 1 was given.",
            "Takes {nargs} values but {len} were given.",
            count,
        ),
        ngettext(
            "{value!r} does not match the format {format}.",
            "{value!r} does not match the formats {formats}.",
            count,
        ),
        ngettext(
            "{len_type} values are required, but {len_value} was given.",
            "{len_type} values are required, but {len_value} were given.",
            count,
        ),
    )


# -- putting okrkit's catalogue in click's place while a command runs ------------------------

# The click modules that word messages; each has `_`, some `ngettext` too.
_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "click.shell_completion",
    "click._termui_impl",
)
_speaking: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "okrkit_click_words", default=False
)
_lock = threading.Lock()


class _Patches:
    """What is replaced, and by how many running commands (guarded by ``_lock``)."""

    users = 0
    saved: list[tuple[ModuleType, str, object, object]] = []  # noqa: RUF012 - one shared list


def _singular(original: Callable[[str], str]) -> Callable[[str], str]:
    def word(message: str) -> str:
        if _speaking.get():
            translated = gettext(message)
            if translated != message:
                return translated
        return original(message)

    return word


def _plural(original: Callable[[str, str, int], str]) -> Callable[[str, str, int], str]:
    def word(singular: str, plural: str, count: int) -> str:
        if _speaking.get():
            translated = ngettext(singular, plural, count)
            if translated not in (singular, plural):
                return translated
        return original(singular, plural, count)

    return word


def _install() -> None:
    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - every click since 8.0 has them
            continue
        for attribute, wrap in (("_", _singular), ("ngettext", _plural)):
            original = getattr(module, attribute, None)
            if callable(original):
                replacement = wrap(original)
                setattr(module, attribute, replacement)
                _Patches.saved.append((module, attribute, original, replacement))


def _restore() -> None:
    for module, attribute, original, replacement in reversed(_Patches.saved):
        if getattr(module, attribute, None) is replacement:  # nobody replaced ours since
            setattr(module, attribute, original)
    _Patches.saved.clear()


@contextlib.contextmanager
def click_in_okrkit_words() -> Iterator[None]:
    """Let click word its messages from okrkit's catalogue inside the block.

    Only in the current thread or task; the first block to start puts okrkit's
    functions into click's modules, and the last to end gives click its own back.

    Examples:
        >>> import click.core
        >>> from okrkit.i18n import use_locale
        >>> with use_locale("vi"), click_in_okrkit_words():
        ...     click.core._("Missing command.")
        'Thiếu lệnh.'
        >>> click.core._("Missing command.")
        'Missing command.'
    """
    with _lock:
        if _Patches.users == 0:
            _install()
        _Patches.users += 1
    token = _speaking.set(True)
    try:
        yield
    finally:
        _speaking.reset(token)
        with _lock:
            _Patches.users -= 1
            if _Patches.users == 0:
                _restore()
