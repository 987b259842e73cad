"""``okrkit templates list|search|show``: browse the bilingual template catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click
from rich import box
from rich.table import Table
from rich.text import Text

from okrkit.cli._app import console, fail, with_locale
from okrkit.cli._safe import terminal_lines, terminal_text
from okrkit.errors import OKRError
from okrkit.i18n import _, get_locale, ngettext
from okrkit.model import Level

if TYPE_CHECKING:
    from okrkit.catalogue import Catalogue, Template

__all__ = ["list_templates", "load_catalogue", "search_templates", "show_template", "templates"]


@click.group(help=_("Browse the bilingual template catalogue."))
def templates() -> None:
    """Browse the bilingual template catalogue."""


def load_catalogue() -> Catalogue:
    """The shipped template catalogue; a broken one fails the command with its problems."""
    from okrkit import catalogue

    try:
        return catalogue.load()
    except OKRError as exc:
        fail(exc)


def _table(*headings: str, no_wrap: int) -> Table:
    """An empty table with a rule under its headings; the first ``no_wrap`` columns never wrap."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for index, heading in enumerate(headings):
        table.add_column(heading, no_wrap=index < no_wrap)
    return table


def _print_templates(found: Sequence[Template]) -> None:
    out = console()
    if not found:
        out.print(_("No templates found."))
        return
    locale = get_locale()
    table = _table(_("Template"), _("Domain"), _("Level"), _("Objective"), no_wrap=3)
    for template in found:
        table.add_row(
            *(
                Text(terminal_text(cell))
                for cell in (template.id, template.domain, template.level.label)
            ),
            Text(terminal_text(template.title(locale))),
        )
    out.print(table)
    out.print(
        ngettext("{n} template", "{n} templates", len(found)).format(n=len(found)), style="dim"
    )


_domain_option = click.option("--domain", help=_("Only templates of this domain."))
_tag_option = click.option("--tag", help=_("Only templates with this tag."))
_level_option = click.option(
    "--level",
    type=click.Choice([level.value for level in Level]),
    help=_("Only templates of this level."),
)


@templates.command("list", help=_("List the templates, optionally of one domain, tag or level."))
@_domain_option
@_tag_option
@_level_option
@with_locale
def list_templates(domain: str | None, tag: str | None, level: str | None) -> None:
    """List the templates, optionally of one domain, tag or level."""
    _print_templates(load_catalogue().search(domain=domain, tag=tag, level=level))


@templates.command(
    "search", help=_("Search the templates for TEXT; accents and case do not matter.")
)
@click.argument("text")
@_domain_option
@_tag_option
@_level_option
@with_locale
def search_templates(text: str, domain: str | None, tag: str | None, level: str | None) -> None:
    """Search the templates for TEXT; accents and case do not matter."""
    _print_templates(load_catalogue().search(text, domain=domain, tag=tag, level=level))


@templates.command("show", help=_("Preview template ID and list its parameters."))
@click.argument("template_id", metavar="ID")
@with_locale
def show_template(template_id: str) -> None:
    """Preview template ID and list its parameters."""
    catalogue = load_catalogue()
    try:
        template = catalogue.get(template_id)
    except OKRError as exc:
        fail(exc)
    locale = get_locale()
    out = console()
    out.print(Text(terminal_text(template.id), style="bold"))
    out.print(Text(terminal_lines(template.render(locale))))
    about = _("Domain: {domain} · level: {level} · ambition: {ambition}").format(
        domain=template.domain, level=template.level.label, ambition=template.ambition.label
    )
    out.print(Text(terminal_text(about)))
    if template.tags:
        out.print(Text(terminal_text(_("Tags: {tags}").format(tags=", ".join(template.tags)))))
    source = _("Source: document {document}, section {section}").format(
        document=template.source.document, section=template.source.section
    )
    out.print(Text(terminal_text(source)))
    if template.parameters:
        out.print(_parameter_table(template, locale))


def _parameter_table(template: Template, locale: str) -> Table:
    """The template's parameters: name, type, meaning and default, in ``locale``."""
    table = _table(_("Parameter"), _("Type"), _("Meaning"), _("Default"), no_wrap=2)
    for param in template.parameters:
        table.add_row(
            *(
                Text(terminal_text(cell))
                for cell in (
                    param.name,
                    param.type.label,
                    param.label.get(locale),
                    param.describe_default(locale),
                )
            )
        )
    return table
