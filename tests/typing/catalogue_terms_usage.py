"""Domains and tags by their names, as a user writes it (`mypy --strict tests/typing` checks it).

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

from okrkit import ValidationError, catalogue
from okrkit.catalogue import DOMAIN_TERMS, TAG_TERMS, ParameterType, Template, Term, Terms


def names(locale: str) -> dict[str, str]:
    """Every domain's name in ``locale``, by slug."""
    return {slug: term.get(locale) for slug, term in DOMAIN_TERMS.items()}


def find(text: str) -> str | None:
    """The slug of the tag ``text`` names, if any."""
    terms: Terms = TAG_TERMS
    found: Term | None = terms.find(text)
    return None if found is None else found.slug


def filtered(domain: str, tag: str | None = None) -> list[Template]:
    """The templates of a domain (and tag) given by name, or none when it names nothing."""
    cat = catalogue.load()
    try:
        return cat.search(domain=domain, tag=tag)
    except ValidationError as error:
        print(error.render("vi"))
        return []


def described(template: Template) -> tuple[str, tuple[str, ...], str, str]:
    """A template's domain and tags by name, its section, and its preview."""
    blank: str | None = ParameterType.COUNT.placeholder
    aliases: tuple[str, ...] = DOMAIN_TERMS[template.domain].aliases
    terms: list[Term] = catalogue.load().domain_terms + catalogue.load().tag_terms
    del blank, aliases, terms
    return (
        template.domain_name("vi"),
        template.tag_names(),
        template.source.section_name("en"),
        template.render("vi"),
    )


def resolved(text: str) -> str:
    """The slug of a domain named in any language; a ValidationError otherwise."""
    term: Term = DOMAIN_TERMS.resolve(text)
    return term.slug if term.matches(text) else term.label
