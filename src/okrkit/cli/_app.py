"""The ``okrkit`` click group and what its commands share.

The group itself, the ``--locale`` option every command takes, the console that
prints rich output, and the two ways a command ends: printing or writing its text,
or failing with a message on standard error and exit status 1.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from rich.console import Console

from okrkit._version import __version__
from okrkit.errors import LocaleError, OKRError
from okrkit.i18n import _, use_locale

__all__ = ["console", "emit", "fail", "main", "with_locale"]

_F = TypeVar("_F", bound=Callable[..., Any])


@click.group(
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
    """Print ``error`` on standard error and exit with status 1."""
    click.echo(str(error), err=True)
    sys.exit(1)


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` and say so on standard error."""
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(_("Wrote {file}").format(file=output), err=True)
