"""Where templates come from: bilingual texts, the source documents and the domains."""

from __future__ import annotations

import attrs

from okrkit.errors import Shown
from okrkit.i18n import N_, _, get_locale
from okrkit.model._checks import Checker

__all__ = ["DOMAINS", "LANGUAGES", "SOURCE_SECTIONS", "Localised", "Source"]

LANGUAGES = ("vi", "en")
"""The languages every template text is written in, Vietnamese first."""

DOMAINS: dict[str, str] = {
    "product": N_("product management and development"),
    "engineering": N_("engineering"),
    "design": N_("design"),
    "marketing": N_("marketing"),
    "sales": N_("sales"),
    "customer-service": N_("customer care, service and success"),
    "finance": N_("accounting and finance"),
    "hr": N_("human resources"),
    "education": N_("education and training"),
    "leadership": N_("leaders, directors and managers"),
    "company": N_("enterprises and SMEs"),
    "personal": N_("individuals and employees"),
}
"""The domains a template belongs to, with their descriptions (translate with gettext)."""


def _numbered(*sections: int) -> tuple[str, ...]:
    return tuple(f"{section}.{item}" for section in sections for item in range(1, 6))


SOURCE_SECTIONS: dict[str, tuple[str, ...]] = {
    "000": ("5.1", "5.2", "5.3", "5.4", "5.5", "5.6"),
    "001": (
        "ceo",
        "production-director",
        "product-director",
        "product-design",
        "sales-director",
        "customer-care-specialist",
        "customer-service-director",
        "account-manager",
    ),
    "002": ("marketing", "sales"),
    "003": ("product", "engineering", "marketing", "sales", "customer-success"),
    "004": ("2.1", "2.2", *_numbered(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)),
}
"""The sections of the five source documents that give example OKRs."""

_CUSTOM_DOCUMENT = "custom"


@attrs.frozen(kw_only=True)
class Localised:
    """A text in Vietnamese and English.

    ``text["vi"]`` or ``text.get(locale)`` picks one; any locale that is not
    Vietnamese reads the English.

    Examples:
        >>> text = Localised(vi="Tăng doanh thu", en="Grow revenue")
        >>> text["vi_VN"], text.get("fr")
        ('Tăng doanh thu', 'Grow revenue')
    """

    vi: str
    en: str

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        check.text("vi")
        check.text("en")
        check.done()

    def get(self, locale: str | None = None) -> str:
        """The text in ``locale`` (the active locale by default)."""
        language = (locale or get_locale()).replace("-", "_").split("_")[0].lower()
        return self.vi if language == "vi" else self.en

    def __getitem__(self, locale: str) -> str:
        return self.get(locale)

    def texts(self) -> tuple[str, str]:
        """Both texts, Vietnamese first."""
        return (self.vi, self.en)


@attrs.frozen(kw_only=True)
class Source:
    """Where a template comes from: a source document and its section.

    Attributes:
        document: ``"000"`` to ``"004"`` for the built-in sources, or ``"custom"``.
        section: The section key (see :data:`SOURCE_SECTIONS`); free for custom.
    """

    document: str
    section: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        document = check.text("document")
        section = check.text("section", required=document != _CUSTOM_DOCUMENT)
        if document is not None and document != _CUSTOM_DOCUMENT:
            if document not in SOURCE_SECTIONS:
                check.problem(
                    "document",
                    _("unknown source document {document!r}; use one of {known}").format(
                        document=Shown(document),
                        known=", ".join([*SOURCE_SECTIONS, _CUSTOM_DOCUMENT]),
                    ),
                )
            elif section is not None and section not in SOURCE_SECTIONS[document]:
                check.problem(
                    "section",
                    _(
                        "unknown section {section!r} of document {document}; use one of {known}"
                    ).format(
                        section=Shown(section),
                        document=document,
                        known=", ".join(SOURCE_SECTIONS[document]),
                    ),
                )
        check.done()
