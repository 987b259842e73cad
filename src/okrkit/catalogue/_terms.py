"""Domains and tags: stable slugs that people read by their names, in either language.

A template's ``domain`` and ``tags`` are slugs (``customer-service``), the ids that
files and code keep. A person reads their names in the active locale ("chăm sóc
khách hàng", "customer service"), and a filter accepts the slug, either name or an
alias ("cskh"), with or without accents, in any case, with spaces or hyphens.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal

import attrs

from okrkit.catalogue._names import DOMAIN_ROWS, TAG_ROWS, Row
from okrkit.catalogue._sources import Localised
from okrkit.errors import Problem, Shown, ValidationError, did_you_mean, shorten
from okrkit.i18n import N_

__all__ = ["DOMAIN_TERMS", "TAG_TERMS", "Term", "Terms", "fold", "term_key"]


def fold(text: str) -> str:
    """Fold ``text`` for searching: no accents, no case, đ read as d.

    Examples:
        >>> fold("Giữ chân KHÁCH HÀNG, đội ngũ")
        'giu chan khach hang, doi ngu'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_SEPARATORS = re.compile(r"[\s_-]+")


def term_key(text: str) -> str:
    """``text`` as a filter compares it: folded, hyphens and runs of spaces as one space.

    Examples:
        >>> term_key("Chăm sóc  KHÁCH-hàng"), term_key("customer-service")
        ('cham soc khach hang', 'customer service')
    """
    return _SEPARATORS.sub(" ", fold(text)).strip()


@attrs.frozen(kw_only=True)
class Term:
    """A domain or a tag: its slug, its name in each language, and other words for it.

    Attributes:
        slug: The stable id, written in template files (``customer-service``).
        name: What a person reads, in Vietnamese and English.
        aliases: Other words people type for it (``cskh``, ``dịch vụ khách hàng``).

    Examples:
        >>> from okrkit.catalogue import DOMAIN_TERMS
        >>> sales = DOMAIN_TERMS["sales"]
        >>> sales.get("vi"), sales.get("en"), sales.matches("ban hang")
        ('kinh doanh', 'sales', True)
    """

    slug: str
    name: Localised
    aliases: tuple[str, ...] = ()

    @classmethod
    def unnamed(cls, slug: str) -> Term:
        """A term for a slug that has no names (a tag of a user's own template file).

        Both names are the slug with its hyphens read as spaces.
        """
        text = slug.replace("-", " ")
        return cls(slug=slug, name=Localised(vi=text, en=text))

    def get(self, locale: str | None = None) -> str:
        """The name in ``locale`` (the active locale by default)."""
        return self.name.get(locale)

    @property
    def label(self) -> str:
        """The name in the active locale."""
        return self.name.get()

    def forms(self) -> frozenset[str]:
        """Every text a filter matches, as :func:`term_key` folds it."""
        return frozenset(map(term_key, (self.slug, *self.name.texts(), *self.aliases)))

    def matches(self, text: str) -> bool:
        """Whether ``text`` is the slug, a name or an alias, ignoring case and accents."""
        return term_key(text) in self.forms()


class Terms(Mapping[str, Term]):
    """The domains or the tags: terms by slug, and found by any of their names.

    Examples:
        >>> from okrkit.catalogue import DOMAIN_TERMS, TAG_TERMS
        >>> DOMAIN_TERMS.find("Cham soc khach hang").slug
        'customer-service'
        >>> TAG_TERMS.find("giu chan").slug, TAG_TERMS.find("nothing like it") is None
        ('retention', True)
    """

    def __init__(self, kind: Literal["domain", "tag"], terms: Iterable[Term]) -> None:
        """Keep ``terms`` by slug; the index by name is made when first needed."""
        self.kind = kind
        self._by_slug = {term.slug: term for term in terms}

    @functools.cached_property
    def _by_key(self) -> dict[str, Term]:
        """Every key of every term, folded.

        A slug always finds its own term; a name or alias that two terms share finds
        the first (the built-in tables have none: a test checks them).
        """
        by_key: dict[str, Term] = {}
        for term in self._by_slug.values():
            for key in sorted(term.forms()):
                by_key.setdefault(key, term)
        for term in self._by_slug.values():
            by_key[term_key(term.slug)] = term
        return by_key

    def __getitem__(self, slug: str) -> Term:
        return self._by_slug[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_slug)

    def __len__(self) -> int:
        return len(self._by_slug)

    def __repr__(self) -> str:
        return f"<Terms of {len(self)} {self.kind}s>"

    def term(self, slug: str) -> Term:
        """The term of ``slug``, or an unnamed one when there is none (a user's own tag)."""
        found = self._by_slug.get(slug)
        return found if found is not None else Term.unnamed(slug)

    def find(self, text: str) -> Term | None:
        """The term whose slug, name or alias is ``text`` (case and accents ignored)."""
        return self._by_key.get(term_key(text)) if isinstance(text, str) else None

    def resolve(self, text: str) -> Term:
        """Like :meth:`find`, but an unknown text raises an error saying what is known.

        Raises:
            ValidationError: naming ``text``, the closest names and, for domains,
                every domain, in the locale active when the error is shown.

        Examples:
            >>> from okrkit.catalogue import DOMAIN_TERMS
            >>> try:
            ...     DOMAIN_TERMS.resolve("kinh doan")
            ... except ValidationError as error:
            ...     print(error.render("vi").split("?")[0])
            ...     print(error.render("en").split("?")[0])
            không có lĩnh vực 'kinh doan'; có phải ý bạn là 'kinh doanh', 'kế toán và tài chính'
            unknown domain 'kinh doan'; did you mean 'sales', 'finance'
        """
        found = self.find(text)
        if found is not None:
            return found
        close: dict[str, Term] = {}
        if isinstance(text, str):
            for key in did_you_mean(term_key(text), self._by_key, count=6):
                close.setdefault(self._by_key[key].slug, self._by_key[key])
        args = {"value": Shown(text), "close": _Names(list(close.values())[:3], quoted=True)}
        if self.kind == "tag":
            message = (
                N_("unknown tag {value}; did you mean {close}?")
                if close
                else N_("unknown tag {value}; 'okrkit templates tags' lists every tag")
            )
        else:
            args["known"] = _Names(list(self._by_slug.values()))
            message = (
                N_("unknown domain {value}; did you mean {close}? The domains: {known}")
                if close
                else N_("unknown domain {value}; the domains: {known}")
            )
        raise ValidationError(Problem("field.choice", message, args))


class _Names:
    """The names of some terms, joined, in the locale active when shown."""

    def __init__(self, terms: list[Term], *, quoted: bool = False) -> None:
        self.terms = terms
        self.quoted = quoted

    def __str__(self) -> str:
        names = (term.label for term in self.terms)
        return ", ".join(map(shorten, names) if self.quoted else names)

    def __repr__(self) -> str:
        return f"_Names({[term.slug for term in self.terms]!r}, quoted={self.quoted})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Names):
            return NotImplemented
        return (self.terms, self.quoted) == (other.terms, other.quoted)

    def __hash__(self) -> int:
        return hash((tuple(term.slug for term in self.terms), self.quoted))


def _terms(rows: Iterable[Row]) -> Iterator[Term]:
    for slug, vi, en, *aliases in rows:
        yield Term(slug=slug, name=Localised(vi=vi, en=en), aliases=tuple(aliases))


DOMAIN_TERMS = Terms("domain", _terms(DOMAIN_ROWS))
"""Every domain by slug, in the documented order, with its names and aliases."""

TAG_TERMS = Terms("tag", _terms(TAG_ROWS))
"""Every tag of the built-in catalogue by slug, with its names and aliases."""
