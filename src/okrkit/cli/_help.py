"""okrkit's commands, options and arguments: their help in the active locale.

A command's help, an option's help, a metavar, the ``[OPTIONS]`` of the usage line:
click reads each from an attribute when it shows them. Here those attributes keep the
English text as written (marked with :func:`~okrkit.i18n.N_`, so that babel extracts
it) and give it back in the active locale each time they are read, so that
``okrkit --locale vi score --help`` is Vietnamese from its first word to its last,
whatever the locale was when the module was imported.

Every command of okrkit is made with :func:`command` or :func:`group`, and every
parameter with :func:`option` or :func:`argument` (click's, with these classes), and
paths with :class:`PathParam`. click's own words (``Usage:``, ``Error:``) are
:mod:`okrkit.cli._words`' part.

Examples:
    >>> from okrkit.i18n import N_, use_locale
    >>> @command("hello", help=N_("Write the output even over FILE itself."))
    ... @option("--to", metavar=N_("NAME"), help=N_("The owner's id."))
    ... def hello(to: str | None) -> None: ...
    >>> with use_locale("vi"):
    ...     hello.help, hello.params[0].metavar
    ('Ghi kết quả đè lên cả chính TỆP.', 'TÊN')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from okrkit.cli._types import Worded, worded_type
from okrkit.cli._words import type_metavar
from okrkit.i18n import N_, gettext

__all__ = [
    "Argument",
    "Command",
    "Group",
    "Option",
    "PathParam",
    "argument",
    "command",
    "group",
    "option",
]

_F = TypeVar("_F", bound=Callable[..., Any])


class _InLocale:
    """A text attribute kept as written (English) and read in the active locale."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._key = f"_okrkit_{name}"

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        text = instance.__dict__.get(self._key)
        return gettext(text) if isinstance(text, str) and text else text

    def __set__(self, instance: object, value: str | None) -> None:
        instance.__dict__[self._key] = value


class _MetavarInLocale(_InLocale):
    """A metavar read in the active locale, in capitals as metavars are written.

    Capitals here, not in the catalogue, so that a word such as "ID" shares its
    translation with the same word used as a label ("Mã" in a report, ``MÃ`` here).
    """

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        text = super().__get__(instance, owner)
        return text.upper() if isinstance(text, str) else text


class Command(click.Command):
    """A click command whose help and usage line speak the active locale."""

    help = _InLocale()
    short_help = _InLocale()
    options_metavar = _InLocale()

    def __init__(self, *args: Any, **attrs: Any) -> None:
        attrs.setdefault("options_metavar", N_("[OPTIONS]"))
        super().__init__(*args, **attrs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """The ``--help`` option of click, its help in the active locale (click words it once).

        It reads ``--locale`` before it shows the help: ``okrkit --locale xx --help``
        is refused as ``okrkit --locale xx score`` is, not answered in English.
        """
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = gettext("Show this message and exit.")
            option.__class__ = _HelpOption
        return option


class _HelpOption(click.Option):
    """click's ``--help``, which first reads the command's ``--locale`` (or its variable).

    click handles ``--help`` before any other option, so an unknown locale would go
    unnoticed and the help would show in English; read first, it is refused as it is
    for a run of the command: one line, exit status 2.
    """

    def handle_parse_result(
        self, ctx: click.Context, opts: Any, args: list[str]
    ) -> tuple[Any, list[str]]:
        if opts.get(self.name) and not ctx.resilient_parsing:
            for param in ctx.command.params:
                if param.name == "locale":
                    param.handle_parse_result(ctx, opts, args)  # refuses an unknown one
        return super().handle_parse_result(ctx, opts, args)


class Group(Command, click.Group):
    """A click group whose help, usage line and commands speak the active locale."""

    subcommand_metavar = _InLocale()
    command_class = Command
    group_class = type  # a group made in it is one of these too

    def __init__(self, *args: Any, **attrs: Any) -> None:
        attrs.setdefault("subcommand_metavar", N_("COMMAND [ARGS]..."))
        super().__init__(*args, **attrs)


class Option(click.Option):
    """A click option whose help, metavar and shown default speak the active locale.

    Args:
        default_label: Words the shown default (``[default: ...]``) for a person, such
            as a scoring strategy's name by its label; the default itself stays.
    """

    help = _InLocale()
    metavar = _MetavarInLocale()

    def __init__(
        self, *args: Any, default_label: Callable[[str], str] | None = None, **attrs: Any
    ) -> None:
        super().__init__(*args, **attrs)
        self.type = worded_type(self.type)
        self.default_label = default_label

    def make_metavar(self, ctx: click.Context) -> str:
        """The metavar, or the name of the option's type, in the active locale."""
        if self.metavar is None and self.type.get_metavar(param=self, ctx=ctx) is None:
            return type_metavar(self.type.name) + ("..." if self.nargs != 1 else "")
        return super().make_metavar(ctx)

    def get_help_extra(self, ctx: click.Context) -> Any:
        """What the help shows after the option's help, its default worded for a person."""
        extra = super().get_help_extra(ctx)
        if self.default_label is not None and "default" in extra:
            extra["default"] = self.default_label(extra["default"])
        return extra


class Argument(click.Argument):
    """A click argument whose help, metavar and type speak the active locale."""

    help = _InLocale()
    metavar = _MetavarInLocale()

    def __init__(self, *args: Any, **attrs: Any) -> None:
        super().__init__(*args, **attrs)
        self.type = worded_type(self.type)


class PathParam(Worded, click.Path):
    """click's path type, named in the active locale ("tệp" in messages, ``TỆP``)."""

    english = "path"


def command(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Command]:
    """``click.command`` making a :class:`Command`; ``help`` marked with ``N_``."""
    attrs.setdefault("cls", Command)
    made: Callable[[Callable[..., Any]], Command] = click.command(name, **attrs)
    return made


def group(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Group]:
    """``click.group`` making a :class:`Group`; ``help`` marked with ``N_``."""
    attrs.setdefault("cls", Group)
    made: Callable[[Callable[..., Any]], Group] = click.group(name, **attrs)
    return made


def option(*decls: str, **attrs: Any) -> Callable[[_F], _F]:
    """``click.option`` making an :class:`Option`; ``help`` and ``metavar`` marked with ``N_``."""
    attrs.setdefault("cls", Option)
    return click.option(*decls, **attrs)


def argument(*decls: str, **attrs: Any) -> Callable[[_F], _F]:
    """``click.argument`` making an :class:`Argument`; its ``metavar`` marked with ``N_``."""
    attrs.setdefault("cls", Argument)
    return click.argument(*decls, **attrs)
