"""The active locale, and the gettext catalogues that translate messages into it."""

from __future__ import annotations

import contextvars
import functools
import gettext as _gettext
import inspect
import io
import os
from collections.abc import AsyncGenerator, Callable, Coroutine, Generator
from contextlib import ContextDecorator
from importlib import resources
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from okrkit.errors import LocaleError, _use_gettext

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "DEFAULT_LOCALE",
    "DOMAIN",
    "N_",
    "SHIPPED_LOCALES",
    "get_locale",
    "gettext",
    "held_locale",
    "ngettext",
    "set_locale",
    "use_locale",
]

DEFAULT_LOCALE = "en"
"""The locale used when nothing else chooses one."""

SHIPPED_LOCALES = ("en", "vi")
"""The languages okrkit ships complete message catalogues for."""

DOMAIN = "okrkit"
"""The gettext domain of okrkit's message catalogues."""

_ENV_VARS = ("OKRKIT_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG")
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "okrkit_locale", default=None
)
_process_default: str | None = None
_F = TypeVar("_F", bound=Callable[..., Any])


# -- choosing the locale -------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _parse(identifier: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(identifier.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise LocaleError(identifier) from None


def _normalise(identifier: str) -> str:
    """Check ``identifier`` and return babel's spelling of it (``vi-VN`` -> ``vi_VN``)."""
    return str(_parse(identifier))


def _from_environment() -> str | None:
    return _parse_environment(tuple(os.environ.get(name, "") for name in _ENV_VARS))


@functools.lru_cache(maxsize=32)
def _parse_environment(raw: tuple[str, ...]) -> str | None:
    """The locale the environment variables ask for (cached: called per message)."""
    for name, given in zip(_ENV_VARS, raw, strict=True):
        value = given.strip()
        if not value:
            continue
        if name != "OKRKIT_LOCALE":
            # POSIX values look like vi_VN.UTF-8 or vi_VN@euro; C and POSIX mean "none".
            value = value.split(".")[0].split("@")[0].split(":")[0]
            if value in ("C", "POSIX", ""):
                continue
        try:
            return _normalise(value)
        except LocaleError:
            if name == "OKRKIT_LOCALE":
                raise
            continue
    return None


def get_locale() -> str:
    """Return the active locale identifier, such as ``"vi"`` or ``"en_US"``.

    Examples:
        >>> with use_locale("vi_VN"):
        ...     get_locale()
        'vi_VN'
    """
    return _current.get() or _process_default or _from_environment() or DEFAULT_LOCALE


def set_locale(locale: str | None) -> None:
    """Set the process-wide default locale; ``None`` goes back to the environment.

    :func:`use_locale` blocks still win inside them.

    Raises:
        LocaleError: when babel does not know ``locale``.
    """
    global _process_default  # noqa: PLW0603 - the one process-wide setting
    _process_default = None if locale is None else _normalise(locale)


class use_locale(ContextDecorator):  # noqa: N801 - reads as a function, like contextlib's
    """Use ``locale`` inside a ``with`` block or a decorated function.

    The choice is kept in a context variable, so threads and asyncio tasks each keep
    their own.

    A decorated function runs in ``locale`` whatever kind it is. The body of an
    ``async def`` function runs in it when the coroutine is awaited, not only when it
    is made. The body of a generator function (or an async one) runs in it at each
    step, from one ``yield`` to the next, and at its close; while the generator waits
    at a ``yield``, the code iterating over it keeps its own locale. A ``use_locale``
    block inside such a body still holds across its own ``yield`` statements.

    Examples:
        >>> @use_locale("vi")
        ... def status_word():
        ...     return gettext("at risk")
        >>> status_word()
        'có rủi ro'
        >>> import asyncio
        >>> @use_locale("vi")
        ... async def handler():
        ...     return gettext("at risk")
        >>> asyncio.run(handler())
        'có rủi ro'
        >>> @use_locale("vi")
        ... def words():
        ...     yield gettext("at risk")
        ...     yield get_locale()
        >>> [(word, get_locale()) for word in words()]
        [('có rủi ro', 'en'), ('vi', 'en')]

    Raises:
        LocaleError: when babel does not know ``locale``.
    """

    def __init__(self, locale: str) -> None:
        self.locale = _normalise(locale)
        self._tokens: list[contextvars.Token[str | None]] = []

    def __enter__(self) -> str:
        self._tokens.append(_current.set(self.locale))
        return self.locale

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _current.reset(self._tokens.pop())

    def __call__(self, func: _F) -> _F:
        """``func`` running in this locale, whether it is plain, async or a generator."""
        locale = self.locale
        return _in_locale(func, lambda: locale)


class held_locale(ContextDecorator):  # noqa: N801 - reads as a function, like use_locale
    """Hold the active locale, looked up once, for a block that words many messages.

    With nothing chosen in code, the active locale comes from the environment, which
    :func:`get_locale` reads again on every message (about 3 µs each): a report or a
    lint run wording thousands of them holds it instead. As a decorator, the locale is
    looked up on each call, not when the function is decorated, and held while the
    function runs; an ``async def`` function or a generator function looks it up when
    its body starts, and holds it while the body runs, as :func:`use_locale` does.

    Examples:
        >>> with use_locale("vi"), held_locale() as held:
        ...     held, gettext("at risk")
        ('vi', 'có rủi ro')
    """

    def __init__(self) -> None:
        self._held: list[use_locale] = []

    def __enter__(self) -> str:
        held = use_locale(get_locale())
        self._held.append(held)
        return held.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._held.pop().__exit__(exc_type, exc, traceback)

    def __call__(self, func: _F) -> _F:
        """``func`` running in the locale active when it is called, held."""
        return _in_locale(func, get_locale)


# -- decorating ----------------------------------------------------------------------------
#
# A decorator that set the locale around the call alone would cover making a coroutine or
# a generator, not running it: these wrappers set it around each run of the body instead.
# Each call keeps its own token, so that threads and tasks calling one decorated function
# at once never reset each other's. A generator's body is run a step at a time: the locale
# is set before each step and the caller's put back after it, and a change the body makes
# (a use_locale block of its own across a yield) is kept for its next step.


def _in_locale(func: _F, choose: Callable[[], str]) -> _F:
    """``func`` decorated to run its body in the locale ``choose()`` gives when called."""
    if inspect.isasyncgenfunction(func):
        wrapped: Callable[..., Any] = _async_generator(func, choose)
    elif inspect.iscoroutinefunction(func):
        wrapped = _coroutine(func, choose)
    elif inspect.isgeneratorfunction(func):
        wrapped = _generator(func, choose)
    else:

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            token = _current.set(choose())
            try:
                return func(*args, **kwargs)
            finally:
                _current.reset(token)

    return cast("_F", functools.wraps(func)(wrapped))


def _coroutine(
    func: Callable[..., Coroutine[Any, Any, Any]], choose: Callable[[], str]
) -> Callable[..., Coroutine[Any, Any, Any]]:
    # The whole task waits while the body waits, and other tasks have contexts of their
    # own: the locale can stay set across each await.
    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        token = _current.set(choose())
        try:
            return await func(*args, **kwargs)
        finally:
            _current.reset(token)

    return wrapped


def _generator(
    func: Callable[..., Generator[Any, Any, Any]], choose: Callable[[], str]
) -> Callable[..., Generator[Any, Any, Any]]:
    def wrapped(*args: Any, **kwargs: Any) -> Generator[Any, Any, Any]:
        held: str | None = choose()
        inner = func(*args, **kwargs)
        sent: Any = None
        thrown: BaseException | None = None
        while True:
            token = _current.set(held)
            try:
                value = inner.send(sent) if thrown is None else inner.throw(thrown)
            except StopIteration as stop:
                return stop.value
            finally:
                held = _current.get()
                _current.reset(token)
            try:
                sent, thrown = (yield value), None
            except GeneratorExit:
                token = _current.set(held)
                try:
                    inner.close()
                finally:
                    _current.reset(token)
                raise
            except BaseException as exc:  # noqa: BLE001 - thrown in by the caller, passed on
                sent, thrown = None, exc

    return wrapped


def _async_generator(
    func: Callable[..., AsyncGenerator[Any, Any]], choose: Callable[[], str]
) -> Callable[..., AsyncGenerator[Any, Any]]:
    async def wrapped(*args: Any, **kwargs: Any) -> AsyncGenerator[Any, Any]:
        held: str | None = choose()
        inner = func(*args, **kwargs)
        sent: Any = None
        thrown: BaseException | None = None
        while True:
            token = _current.set(held)
            try:
                value = await (inner.asend(sent) if thrown is None else inner.athrow(thrown))
            except StopAsyncIteration:
                return
            finally:
                held = _current.get()
                _current.reset(token)
            try:
                sent, thrown = (yield value), None
            except GeneratorExit:
                token = _current.set(held)
                try:
                    await inner.aclose()
                finally:
                    _current.reset(token)
                raise
            except BaseException as exc:  # noqa: BLE001 - thrown in by the caller, passed on
                sent, thrown = None, exc

    return wrapped


# -- messages ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _translations(language: str) -> _gettext.NullTranslations:
    """The catalogue of one language: the compiled .mo, else the .po compiled in memory."""
    from babel.support import Translations

    folder = resources.files("okrkit") / "locales" / language / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    if mo.is_file() and not _newer(po, mo):
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if po.is_file():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return Translations(buffer, domain=DOMAIN)
    return _gettext.NullTranslations()


def _newer(first: object, second: object) -> bool:
    """Whether file ``first`` was changed after ``second`` (a .po edited since its .mo)."""
    try:
        return os.stat(str(first)).st_mtime > os.stat(str(second)).st_mtime
    except OSError:
        return False


def _active_translations() -> _gettext.NullTranslations:
    try:
        language = _parse(get_locale()).language
    except LocaleError:
        # A wrong OKRKIT_LOCALE is reported by get_locale(); messages, including
        # that report itself, fall back to English meanwhile.
        return _gettext.NullTranslations()
    return _translations(language)


def gettext(message: str) -> str:
    """Translate ``message`` into the active locale.

    Args:
        message: The English message, written as a literal where it is used so that
            extraction finds it.

    Returns:
        The translated message, or ``message`` itself when the locale has none.

    Examples:
        >>> gettext("on track")
        'on track'
    """
    return _active_translations().gettext(message)


_ = gettext
_use_gettext(gettext)  # okrkit.errors words its messages through this module too


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count.

    Examples:
        >>> ngettext("{n} key result", "{n} key results", 2).format(n=2)
        '2 key results'
    """
    return _active_translations().ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction without translating it yet.

    Use it where a message is defined before the locale is known (a table of
    labels at import time); translate it with :func:`gettext` where it is shown.

    Examples:
        >>> N_("at risk")
        'at risk'
    """
    return message
