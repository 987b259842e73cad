"""Where templates come from: bilingual texts, the source documents and the domains."""

from __future__ import annotations

import attrs

from okrkit.errors import Message, Shown
from okrkit.i18n import N_, get_locale
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

_SECTION_NAMES = {
    "ceo": ("tổng giám đốc", "CEO"),
    "production-director": ("giám đốc sản xuất", "production director"),
    "product-director": ("giám đốc sản phẩm", "product director"),
    "product-design": ("thiết kế sản phẩm", "product design"),
    "sales-director": ("giám đốc kinh doanh", "sales director"),
    "customer-care-specialist": ("chuyên viên chăm sóc khách hàng", "customer care specialist"),
    "customer-service-director": ("giám đốc dịch vụ khách hàng", "customer service director"),
    "account-manager": ("quản lý tài khoản khách hàng", "account manager"),
    "marketing": ("tiếp thị", "marketing"),
    "sales": ("kinh doanh", "sales"),
    "product": ("sản phẩm", "product"),
    "engineering": ("kỹ thuật", "engineering"),
    "customer-success": ("thành công của khách hàng", "customer success"),
}
"""The names of the sections that are words, not numbers, as ``(Vietnamese, English)``."""


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

    def __str__(self) -> str:
        """The text in the active locale, so that a message shows it in its reader's language."""
        return self.get()

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
                    "id.unknown",
                    Message(
                        N_("unknown source document {document!r}; use one of {known}"),
                        document=Shown(document),
                        known=", ".join([*SOURCE_SECTIONS, _CUSTOM_DOCUMENT]),
                    ),
                )
            elif section is not None and section not in SOURCE_SECTIONS[document]:
                check.problem(
                    "section",
                    "id.unknown",
                    Message(
                        N_(
                            "unknown section {section!r} of document {document}; "
                            "use one of {known}"
                        ),
                        section=Shown(section),
                        document=document,
                        known=", ".join(SOURCE_SECTIONS[document]),
                    ),
                )
        check.done()

    def section_name(self, locale: str | None = None) -> str:
        """The section as a person reads it in ``locale``: a number, or its name.

        Examples:
            >>> Source(document="001", section="sales-director").section_name("vi")
            'giám đốc kinh doanh'
            >>> Source(document="004", section="7.1").section_name("vi")
            '7.1'
        """
        names = _SECTION_NAMES.get(self.section)
        if names is None:
            return self.section
        return Localised(vi=names[0], en=names[1]).get(locale)
