"""``okrkit templates list|search|show``: browse the bilingual template catalogue."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from okrkit.cli._app import console, fail, with_locale
from okrkit.cli._choices import LabelledChoice
from okrkit.cli._help import argument, group, option
from okrkit.cli._language import group_locale, locale_option
from okrkit.cli._safe import terminal_lines, terminal_text
from okrkit.errors import OKRError
from okrkit.i18n import N_, _, format_number, get_locale, ngettext
from okrkit.model import Level

if TYPE_CHECKING:
    from okrkit.catalogue import Catalogue, Template, Term

__all__ = [
    "list_domains",
    "list_tags",
    "list_templates",
    "load_catalogue",
    "search_templates",
    "show_template",
    "templates",
]


@group(help=N_("Browse the bilingual template catalogue."))
@locale_option(envvar=None)
def templates(locale: str | None) -> None:
    """Browse the bilingual template catalogue."""
    group_locale(locale)  # `okrkit templates --locale vi list`


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
                for cell in (template.id, template.domain_name(locale), template.level.label)
            ),
            Text(terminal_text(template.title(locale))),
        )
    out.print(table)
    out.print(
        ngettext("{n} template", "{n} templates", len(found)).format(n=len(found)), style="dim"
    )


_domain_option = option(
    "--domain",
    help=N_(
        "Only templates of this domain, by its name in either language, with or "
        "without accents ('kinh doanh', 'sales')."
    ),
)
_tag_option = option(
    "--tag",
    help=N_(
        "Only templates with this tag, by its name in either language, with or "
        "without accents ('giữ chân khách hàng', 'retention')."
    ),
)
_level_option = option(
    "--level",
    type=LabelledChoice([level.value for level in Level], lambda value: Level(value).label),
    help=N_("Only templates of this level."),
)


@templates.command("list", help=N_("List the templates, optionally of one domain, tag or level."))
@_domain_option
@_tag_option
@_level_option
@with_locale
def list_templates(domain: str | None, tag: str | None, level: str | None) -> None:
    """List the templates, optionally of one domain, tag or level."""
    _print_templates(load_catalogue().search(domain=domain, tag=tag, level=level))


@templates.command(
    "search", help=N_("Search the templates for TEXT; accents and case do not matter.")
)
@argument("text", metavar=N_("TEXT"))
@_domain_option
@_tag_option
@_level_option
@with_locale
def search_templates(text: str, domain: str | None, tag: str | None, level: str | None) -> None:
    """Search the templates for TEXT; accents and case do not matter."""
    _print_templates(load_catalogue().search(text, domain=domain, tag=tag, level=level))


@templates.command("show", help=N_("Preview template ID and list its parameters."))
@argument("template_id", metavar=N_("ID"))
@with_locale
def show_template(template_id: str) -> None:
    """Preview template ID and list its parameters."""
    catalogue = load_catalogue()
    try:
        template = catalogue.get(template_id)
    except OKRError as exc:
        fail(exc)
    from okrkit.catalogue import SOURCE_SECTIONS

    locale = get_locale()
    out = console()
    out.print(Text(terminal_text(template.id), style="bold"))
    out.print(Text(terminal_lines(template.render(locale))))
    about = _("Domain: {domain} · level: {level} · ambition: {ambition}").format(
        domain=template.domain_name(locale),
        level=template.level.label,
        ambition=template.ambition.label,
    )
    out.print(Text(terminal_text(about)))
    if template.tags:
        tags = ", ".join(template.tag_names(locale))
        out.print(Text(terminal_text(_("Tags: {tags}").format(tags=tags))))
    if template.source.document in SOURCE_SECTIONS:
        source = _("Source: document {document}, section {section}").format(
            document=template.source.document, section=template.source.section_name(locale)
        )
    else:
        source = _("Source: a template of your own")
    out.print(Text(terminal_text(source)))
    if template.parameters:
        out.print(_parameter_table(template, locale))


@templates.command("domains", help=N_("List the domains, with their number of templates."))
@with_locale
def list_domains() -> None:
    """List the domains, with their number of templates."""
    catalogue = load_catalogue()
    _print_terms(_("Domain"), catalogue.domain_terms, [t.domain for t in catalogue])


@templates.command("tags", help=N_("List the tags, with their number of templates."))
@with_locale
def list_tags() -> None:
    """List the tags, with their number of templates."""
    from okrkit.catalogue import fold

    catalogue = load_catalogue()
    terms = sorted(catalogue.tag_terms, key=lambda term: fold(term.label))
    _print_terms(_("Tag"), terms, [tag for t in catalogue for tag in t.tags])


def _print_terms(heading: str, terms: Sequence[Term], used: Sequence[str]) -> None:
    """A table of ``terms`` by their names in the active locale, with how often each is used."""
    counts = Counter(used)
    table = _table(heading, _("Templates"), no_wrap=1)
    for term in terms:
        table.add_row(
            Text(terminal_text(term.label)),
            Text(format_number(counts[term.slug]), justify="right"),
        )
    console().print(table)


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
