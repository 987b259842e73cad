"""The ``okrkit`` click group and what its commands share.

The group itself (with ``--debug``), the ``--locale`` option every command takes, the
console that prints rich output, reading an OKR file (:func:`read_okrs`), and the two
ways a command ends: printing or writing its text, or failing with a message on
standard error.

Every failure is one line on standard error (a file with several problems lists them
under it), never a traceback, and its exit status says what kind it is:

=====  ==========================================================================
0      done
1      okrkit could not do it: a file or store that cannot be read or written,
       data that breaks a rule, an unknown id, no workspace (:func:`fail`, and any
       :class:`~okrkit.errors.OKRError` a command lets through)
2      the command line itself is wrong: an unknown option, a bad option value, a
       missing argument (click's usage errors, as ``Error: ...`` and a pointer to
       ``--help``)
70     okrkit hit an unexpected error, a bug: one line saying so
=====  ==========================================================================

``--debug`` (or ``OKRKIT_DEBUG=1``) prints the traceback instead of the one line, with
the same exit status. A command writes its output whole or not at all
(:func:`okrkit.io.write_atomically`), and never over a file it read unless asked with
``--force`` (:func:`refuse_own_input`).

The language of a command is, in order: ``--locale``, ``OKRKIT_LOCALE``, the
workspace's ``locale`` (``okrkit.toml``), the ``locale`` of the OKR set it reads
(:func:`adopt_locale`), the environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), and
English.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.console import Console

from okrkit._version import __version__
from okrkit.cli._progress import progress
from okrkit.cli._safe import terminal_lines, terminal_text
from okrkit.errors import LocaleError, OKRError
from okrkit.i18n import _, use_locale
from okrkit.io import load, write_atomically

if TYPE_CHECKING:
    from okrkit.model import OKRSet

__all__ = [
    "EXIT_BUG",
    "EXIT_ERROR",
    "EXIT_USAGE",
    "adopt_locale",
    "choose_locale",
    "console",
    "emit",
    "fail",
    "locale_chosen",
    "main",
    "read_okrs",
    "refuse_own_input",
    "with_locale",
]

EXIT_ERROR = 1
"""The exit status when okrkit could not do what was asked (an :class:`OKRError`)."""
EXIT_USAGE = 2
"""The exit status of a usage error: the command line itself is wrong (click's)."""
EXIT_BUG = 70
"""The exit status of an unexpected error, a bug in okrkit (``EX_SOFTWARE``)."""

_F = TypeVar("_F", bound=Callable[..., Any])
# Keys of the click context's meta, shared by the group and its commands.
_DEBUG = "okrkit.debug"
_LOCALES = "okrkit.locales"  # the ExitStack that holds the command's locale
_LOCALE_KEPT = "okrkit.locale_kept"  # an option, OKRKIT_LOCALE or okrkit.toml chose it


class _UsageLine(click.ClickException):
    """A click usage error told in one line: what is wrong, and where the help is."""

    exit_code = 2

    def __init__(self, error: click.UsageError) -> None:
        message = " ".join(error.format_message().split())
        if error.ctx is not None:
            message = _("{message} (see '{command} --help')").format(
                message=message, command=error.ctx.command_path
            )
        super().__init__(message)


@contextlib.contextmanager
def _usage_in_one_line() -> Iterator[None]:
    """Turn click's usage errors (usage, hint, then the error) into one line."""
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise  # `okrkit` alone prints the help, as it should
    except click.UsageError as exc:
        raise _UsageLine(exc) from None


class _Group(click.Group):
    """The ``okrkit`` group: every error, its subcommands' too, is one line.

    Usage errors are click's (status 2); okrkit's errors a command lets through go
    through :func:`fail` (status 1); anything else is a bug, told in one line (status
    70). The command's locale stays in force until its error is printed.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with _usage_in_one_line():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with contextlib.ExitStack() as locales:
            ctx.meta[_LOCALES] = locales
            try:
                with _usage_in_one_line():
                    return super().invoke(ctx)
            except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
                raise  # click prints these and exits with their own status
            except OKRError as exc:
                fail(exc)
            except OSError as exc:
                if exc.errno == errno.EPIPE:
                    raise  # the reader went away (`| head`): click exits quietly
                _bug(exc)
            except Exception as exc:  # noqa: BLE001 - the one place a bug is reported
                _bug(exc)


def _debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(_DEBUG))


def _print_traceback(exc: BaseException) -> None:
    text = "".join(traceback.format_exception(exc))
    click.echo(terminal_lines(text), err=True, nl=not text.endswith("\n"))


def _bug(exc: Exception) -> NoReturn:
    """Tell an unexpected error in one line (its traceback with ``--debug``); exit 70."""
    if _debugging():
        _print_traceback(exc)
    else:
        error = f"{type(exc).__name__}: {exc}"
        click.echo(
            terminal_text(
                _(
                    "okrkit stopped on an unexpected error ({error}), a bug in okrkit or in a "
                    "plugin it ran: run the command again with --debug to see where, and "
                    "report it"
                ).format(error=error)
            ),
            err=True,
        )
    sys.exit(EXIT_BUG)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("Objectives and Key Results from the command line."),
)
@click.version_option(__version__, "-V", "--version", prog_name="okrkit")
@click.option(
    "--debug",
    is_flag=True,
    envvar="OKRKIT_DEBUG",
    help=_("Print the traceback of an error instead of one line (also: OKRKIT_DEBUG=1)."),
)
def main(debug: bool) -> None:
    """Objectives and Key Results from the command line."""
    click.get_current_context().meta[_DEBUG] = debug


def console() -> Console:
    """A rich console on standard output that prints text as it is, never as markup."""
    # No markup: titles such as "[tên sản phẩm]" are text, not rich style tags.
    out = Console(file=sys.stdout, highlight=False, emoji=False, markup=False)
    if not out.is_terminal:
        # Piped or captured output keeps whole lines: nothing to wrap or crop for.
        out.width = 100_000
    return out


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
    locales = ctx.meta.get(_LOCALES)
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


def read_okrs(file: Path) -> OKRSet:
    """Read the OKR file ``file`` for a command, and speak its locale from then on.

    A progress bar shows while a big file is read (in a terminal only, see
    :func:`~okrkit.cli._progress.progress`); the set's ``locale`` becomes the
    command's language unless one was chosen (see :func:`adopt_locale`). A file that
    cannot be read, or breaks a rule, ends the command through :func:`fail`.
    """
    try:
        with progress(_("Reading {file}").format(file=file)):
            okrset = load(file)
    except OKRError as exc:
        fail(exc)
    adopt_locale(okrset.locale)
    return okrset


def with_locale(command: _F) -> _F:
    """Add ``--locale`` (default: ``OKRKIT_LOCALE``) and run the command in it.

    Without either, the command speaks the locale of the OKR set it reads, if it says
    one (see :func:`adopt_locale`), else the environment's.
    """

    @click.option(
        "--locale",
        "locale",
        envvar="OKRKIT_LOCALE",
        callback=_check_locale,
        help=_(
            "Language of the output, such as vi or en (default: $OKRKIT_LOCALE, else the "
            "data's own locale, else the system's)."
        ),
    )
    @functools.wraps(command)
    def wrapper(*args: Any, locale: str | None, **kwargs: Any) -> Any:
        if locale is not None:
            choose_locale(locale)
        return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def fail(error: OKRError | str) -> NoReturn:
    """Print ``error`` on standard error, without escape sequences, and exit with status 1.

    With ``--debug``, an error raised (not a message) prints its traceback instead.
    """
    if isinstance(error, BaseException) and _debugging():
        _print_traceback(error)
    else:
        click.echo(terminal_lines(str(error)), err=True)
    sys.exit(EXIT_ERROR)


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` whole and say so on standard error."""
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomically(output, text)
        except OKRError as exc:
            fail(exc)
        click.echo(terminal_text(_("Wrote {file}").format(file=output)), err=True)


def refuse_own_input(output: Path | None, read: Path, *, force: bool) -> None:
    """Fail when ``output`` is the file ``read``, by any path or link, unless ``force``.

    A command's output never replaces the user's file by mistake:
    ``okrkit graph okrs.yaml -o okrs.yaml`` would turn the OKR file into its graph.
    """
    if output is None or force or not _same_file(output, read):
        return
    fail(
        _("{output} is the file being read; write to another file, or pass --force").format(
            output=output
        )
    )


def _same_file(one: Path, other: Path) -> bool:
    """Whether two existing paths name one file: the same path, a link or a hard link."""
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False  # one of them does not exist (yet): nothing to lose
