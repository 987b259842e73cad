"""The ``okrkit`` click group and what its commands share.

The group itself, the ``--locale`` option every command takes, the console that
prints rich output, and the two ways a command ends: printing or writing its text,
or failing with a message on standard error and exit status 1.

Every failure is one line on standard error, never a traceback: okrkit's own errors
through :func:`fail` (status 1), and click's usage errors (a bad option value, an
unknown option) as ``Error: ...`` with a pointer to ``--help`` (status 2). A command
writes its output whole or not at all (:func:`okrkit.io.write_atomically`), and never
over a file it read unless asked with ``--force`` (:func:`refuse_own_input`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from rich.console import Console

from okrkit._version import __version__
from okrkit.cli._safe import terminal_lines, terminal_text
from okrkit.errors import LocaleError, OKRError
from okrkit.i18n import _, use_locale
from okrkit.io import write_atomically

__all__ = ["console", "emit", "fail", "main", "refuse_own_input", "with_locale"]

_F = TypeVar("_F", bound=Callable[..., Any])


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
    """The ``okrkit`` group: every usage error, its subcommands' too, is one line."""

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
        with _usage_in_one_line():
            return super().invoke(ctx)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("Objectives and Key Results from the command line."),
)
@click.version_option(__version__, "-V", "--version", prog_name="okrkit")
def main() -> None:
    """Objectives and Key Results from the command line."""


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


def with_locale(command: _F) -> _F:
    """Add ``--locale`` (default: ``OKRKIT_LOCALE``) and run the command in it."""

    @click.option(
        "--locale",
        "locale",
        envvar="OKRKIT_LOCALE",
        callback=_check_locale,
        help=_("Language of the output, such as vi or en (default: $OKRKIT_LOCALE)."),
    )
    @functools.wraps(command)
    def wrapper(*args: Any, locale: str | None, **kwargs: Any) -> Any:
        if locale is None:
            return command(*args, **kwargs)
        with use_locale(locale):
            return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def fail(error: OKRError | str) -> NoReturn:
    """Print ``error`` on standard error, without escape sequences, and exit with status 1."""
    click.echo(terminal_lines(str(error)), err=True)
    sys.exit(1)


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
