"""The language of a command once it runs: ``--locale``, ``OKRKIT_LOCALE``, the data's.

The language a command line asks for before click reads it is
:mod:`okrkit.cli._peek`'s (the group speaks it while it parses, shows help and
reports usage errors); here the command settles it as it runs, in the same order:
``--locale`` (the group's, ``okrkit --locale vi score ...``, or the command's),
``OKRKIT_LOCALE``, the workspace's ``okrkit.toml``, then the ``locale`` of the OKR set
it reads (:func:`adopt_locale`), then the environment.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from okrkit.cli._help import option
from okrkit.errors import LocaleError
from okrkit.i18n import N_, use_locale

__all__ = [
    "adopt_locale",
    "choose_locale",
    "group_locale",
    "locale_chosen",
    "locale_given",
    "locale_on_command_line",
    "locale_option",
    "with_locale",
]

_F = TypeVar("_F", bound=Callable[..., Any])
# Keys of the click context's meta, shared by the group and its commands.
LOCALES = "okrkit.locales"  # the ExitStack that holds the command's locale
_LOCALE_KEPT = "okrkit.locale_kept"  # an option, OKRKIT_LOCALE or okrkit.toml chose it
_GROUP_LOCALE = "okrkit.group_locale"  # `okrkit --locale X COMMAND`


def _check_locale(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        with use_locale(value) as locale:
            return locale
    except LocaleError as exc:
        raise click.BadParameter(str(exc)) from None


def _speak(chosen: use_locale) -> None:
    """Use ``chosen`` until the command ends and its error, if any, is printed."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:  # pragma: no cover - commands always run in a context
        return
    locales = ctx.meta.get(LOCALES)
    if isinstance(locales, contextlib.ExitStack):
        locales.enter_context(chosen)
    else:  # a command run on its own, outside the okrkit group
        ctx.with_resource(chosen)


def choose_locale(locale: str) -> None:
    """Speak ``locale`` for the rest of the command: the user chose it, data does not.

    :func:`with_locale` calls it for ``--locale`` and ``OKRKIT_LOCALE``, the workspace
    options for ``okrkit.toml``'s ``locale``; an OKR set's ``locale`` does not change
    it then (see :func:`adopt_locale`). It stays in force until the command's error, if
    any, is printed.

    Raises:
        LocaleError: when babel does not know ``locale``.
    """
    chosen = use_locale(locale)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[_LOCALE_KEPT] = True
    _speak(chosen)


def locale_chosen() -> bool:
    """Whether the command's language is settled: chosen by the user or a set read before.

    The user chooses with ``--locale``, ``OKRKIT_LOCALE`` or ``okrkit.toml``.
    """
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(_LOCALE_KEPT))


def locale_given() -> str | None:
    """The locale ``--locale`` (the group's or the command's) or ``OKRKIT_LOCALE`` gives.

    ``None`` when neither does: the workspace's ``okrkit.toml`` may choose then.
    """
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return None
    own = ctx.params.get("locale")
    if own and ctx.get_parameter_source("locale") is ParameterSource.COMMANDLINE:
        return str(own)
    given = ctx.meta.get(_GROUP_LOCALE) or own
    return given if isinstance(given, str) else None


def locale_on_command_line() -> bool:
    """Whether ``--locale`` was written on the command line (not taken from the environment)."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return False
    own = "locale" in ctx.params and (
        ctx.get_parameter_source("locale") is ParameterSource.COMMANDLINE
    )
    return own or bool(ctx.meta.get(_GROUP_LOCALE))


def adopt_locale(locale: str | None) -> None:
    """Speak ``locale``, the one an OKR set declares, for the rest of the command.

    Only when nothing chose the language before: not ``--locale``, not
    ``OKRKIT_LOCALE``, not the workspace's ``okrkit.toml``, and no set read before in
    the same command. The set's locale wins over the environment (``LANG``...). A
    ``None`` locale (the set does not say) changes nothing.
    """
    ctx = click.get_current_context(silent=True)
    if locale is None or ctx is None or ctx.meta.get(_LOCALE_KEPT):
        return
    try:
        chosen = use_locale(locale)
    except LocaleError:  # pragma: no cover - the model checked it
        return
    _speak(chosen)
    ctx.meta[_LOCALE_KEPT] = True


def group_locale(locale: str | None) -> None:
    """Speak ``okrkit --locale X``'s locale for the rest of the run, its command too."""
    ctx = click.get_current_context(silent=True)
    if locale is None or ctx is None:
        return
    ctx.meta[_GROUP_LOCALE] = locale
    choose_locale(locale)


def locale_option(*, envvar: str | None) -> Callable[[_F], _F]:
    """The ``--locale`` option: the group's (no ``envvar``) or a command's."""
    return option(
        "--locale",
        "locale",
        envvar=envvar,
        callback=_check_locale,
        metavar=N_("LOCALE"),
        help=N_(
            "Language of the output, such as vi or en (default: $OKRKIT_LOCALE, else the "
            "data's own locale, else the system's)."
        ),
    )


def with_locale(command: _F) -> _F:
    """Add ``--locale`` (default: ``OKRKIT_LOCALE``) and run the command in it.

    Without either, the command speaks the locale of the OKR set it reads, if it says
    one (see :func:`adopt_locale`), else the environment's. ``okrkit --locale X`` (the
    group's) wins over ``OKRKIT_LOCALE``, and the command's own ``--locale`` over both.
    """

    @locale_option(envvar="OKRKIT_LOCALE")
    @functools.wraps(command)
    def wrapper(*args: Any, locale: str | None, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        from_environment = ctx.get_parameter_source("locale") is ParameterSource.ENVIRONMENT
        if locale is not None and not (from_environment and ctx.meta.get(_GROUP_LOCALE)):
            choose_locale(locale)
        return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
