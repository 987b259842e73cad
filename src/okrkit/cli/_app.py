"""The ``okrkit`` click group and what its commands share.

The group itself (with ``--debug`` and ``--locale``; the ``--locale`` of every command is
:func:`~okrkit.cli._language.with_locale`, imported here), the console that prints rich
output, reading an OKR file (:func:`read_okrs`), and the two ways a command ends:
printing or writing its text, or failing with a message on standard error.

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

The language of a command is, in order: ``--locale`` (``okrkit --locale X COMMAND``
or ``okrkit COMMAND --locale X``), ``OKRKIT_LOCALE``, the workspace's ``locale``
(``okrkit.toml``), the ``locale`` of the OKR set it reads (:func:`adopt_locale`), the
environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), and English. The group finds it
on the command line before click parses a word (:func:`~okrkit.cli._peek.early_locale`),
so that help, usage errors and click's own words (:mod:`okrkit.cli._words`) speak it
too; the command then settles it as it runs (:mod:`okrkit.cli._language`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, overload

import click
from click.core import ParameterSource
from rich.console import Console

from okrkit._version import __version__
from okrkit.cli._help import Group, group, option
from okrkit.cli._language import (
    LOCALES,
    adopt_locale,
    choose_locale,
    group_locale,
    locale_chosen,
    locale_option,
    with_locale,
)
from okrkit.cli._peek import early_locale
from okrkit.cli._progress import progress
from okrkit.cli._safe import terminal_lines, terminal_text
from okrkit.cli._words import click_in_okrkit_words
from okrkit.errors import OKRError, Shown
from okrkit.errors._message import on_command_line
from okrkit.i18n import N_, _, get_locale, use_locale
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
    "output_format",
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

_DEBUG = "okrkit.debug"  # a key of the click context's meta


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
        self.locale = get_locale()  # "Error:" is said in the message's language

    def show(self, file: Any = None) -> None:
        with use_locale(self.locale):
            super().show(file)


@contextlib.contextmanager
def _usage_in_one_line() -> Iterator[None]:
    """Turn click's usage errors (usage, hint, then the error) into one line."""
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise  # `okrkit` alone prints the help, as it should
    except click.UsageError as exc:
        raise _UsageLine(exc) from None


class _Group(Group):
    """The ``okrkit`` group: every error, its subcommands' too, is one line.

    Usage errors are click's (status 2); okrkit's errors a command lets through go
    through :func:`fail` (status 1); anything else is a bug, told in one line (status
    70). The command's locale stays in force until its error is printed. The whole
    run, from parsing the command line on, speaks the language the command line asks
    for (:func:`~okrkit.cli._peek.early_locale`), click's own words included, and
    the advice of okrkit's messages names options, not Python keywords
    (:func:`~okrkit.errors._message.on_command_line`): ``--skip-bad``, not
    ``skip_bad=True``.
    """

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        given = sys.argv[1:] if args is None else list(args)
        chosen = early_locale(given)
        with contextlib.ExitStack() as stack:
            stack.enter_context(click_in_okrkit_words())
            stack.enter_context(on_command_line())  # advice names options, not keywords
            if chosen is not None:
                stack.enter_context(use_locale(chosen))
            return super().main(args, *rest, **extra)

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
            ctx.meta[LOCALES] = locales
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


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_("%(prog)s, version %(version)s") % {"prog": "okrkit", "version": __version__})
        ctx.exit()


@group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("Objectives and Key Results from the command line."),
)
@option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help=N_("Show the version and exit."),
)
@option(
    "--debug",
    is_flag=True,
    envvar="OKRKIT_DEBUG",
    help=N_("Print the traceback of an error instead of one line (also: OKRKIT_DEBUG=1)."),
)
@locale_option(envvar=None)
def main(debug: bool, locale: str | None) -> None:
    """Objectives and Key Results from the command line."""
    click.get_current_context().meta[_DEBUG] = debug
    group_locale(locale)


def console() -> Console:
    """A rich console on standard output that prints text as it is, never as markup."""
    # No markup: titles such as "[tên sản phẩm]" are text, not rich style tags.
    out = Console(file=sys.stdout, highlight=False, emoji=False, markup=False)
    if not out.is_terminal:
        # Piped or captured output keeps whole lines: nothing to wrap or crop for.
        out.width = 100_000
    return out


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


@overload
def output_format(
    form: str, output: Path | None, suffixes: Mapping[str, str], *, name: str = ...
) -> str: ...


@overload
def output_format(
    form: str | None, output: Path | None, suffixes: Mapping[str, str], *, name: str = ...
) -> str | None: ...


def output_format(
    form: str | None, output: Path | None, suffixes: Mapping[str, str], *, name: str = "form"
) -> str | None:
    """The format to write: ``--format`` when given, else the one ``-o``'s suffix names.

    ``form`` is the ``--format`` value (its default when the user left it out, which
    click's parameter source ``name`` tells); ``suffixes`` maps a lowercase suffix
    (``.html``) to the format it holds. ``okrkit report FILE -o week.html`` writes
    HTML, not text in a file called ``.html``.

    Raises:
        click.UsageError: when ``--format`` was given and the suffix names another
            format (``-f dot -o map.png``).
    """
    if output is None:
        return form
    named = suffixes.get(output.suffix.lower())
    if named is None or named == form:
        return form
    context = click.get_current_context(silent=True)
    source = None if context is None else context.get_parameter_source(name)
    given = source is not None and source is not ParameterSource.DEFAULT
    if not given:
        return named
    raise click.UsageError(
        _(
            "{file} ends in {suffix}, which holds {named}, but --format asks for {form}; "
            "leave out --format, or name the file for {form}"
        ).format(file=Shown(str(output)), suffix=output.suffix, named=named, form=form)
    )
