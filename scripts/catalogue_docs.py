"""Render the template catalogue, docs/template-catalogue.md and docs/template-catalogue.vi.md.

Run after adding or changing a template::

    python scripts/catalogue_docs.py          # write both pages
    python scripts/catalogue_docs.py --check  # exit 1 when a page is stale

Every template of the shipped catalogue, by domain, in each language: its objective
and key results as ``okrkit templates show`` previews them, its level, ambition, tags
and source, and its parameters (name, type, meaning, default). The words come from the
catalogue and okrkit's own labels in the page's locale. tests/test_docs.py fails when
a page is stale.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generated import DOCS, run

if TYPE_CHECKING:
    from okrkit.catalogue import Template

PAGES = {"en": DOCS / "template-catalogue.md", "vi": DOCS / "template-catalogue.vi.md"}
COMMAND = "python scripts/catalogue_docs.py"

_TEXT = {
    "en": {
        "title": "# Template catalogue",
        "intro": (
            "Every template okrkit ships, by domain, as `okrkit templates show ID` previews it:\n"
            "the blanks in brackets are the parameters you fill in with `--set name=value` (or\n"
            "`template.instantiate({...})`), listed under each template with their defaults.\n"
            "[Templates](templates.md) tells how to search the catalogue, fill a template in and\n"
            "write your own. The same catalogue in Vietnamese is on the Vietnamese page."
        ),
        "domains": "| domain | `--domain` | holds | templates |",
        "about": "Level: {level} · ambition: {ambition} · source: document {document}, "
        "section {section}",
        "tags": "Tags: {tags}",
        "params": "| parameter | type | meaning | default |",
    },
    "vi": {
        "title": "# Danh mục mẫu OKR",
        "intro": (
            "Mọi mẫu OKR có sẵn trong okrkit, xếp theo lĩnh vực, đúng như lệnh\n"
            "`okrkit templates show ID` hiển thị: các chỗ trống trong ngoặc vuông là tham số\n"
            "bạn điền bằng `--set tên=giá-trị` (hoặc `template.instantiate({...})`), được liệt\n"
            "kê dưới mỗi mẫu cùng giá trị mặc định. Trang [Mẫu OKR](templates.md) hướng dẫn\n"
            "cách tìm trong danh mục, điền một mẫu và tự viết mẫu của riêng bạn. Tên tham số\n"
            "giữ nguyên như khi bạn gõ trong `--set`."
        ),
        "domains": "| lĩnh vực | `--domain` | gồm | số mẫu |",
        "about": "Cấp: {level} · loại mục tiêu: {ambition} · nguồn: tài liệu {document}, "
        "mục {section}",
        "tags": "Nhãn: {tags}",
        "params": "| tham số | kiểu | ý nghĩa | mặc định |",
    },
}

_MARKDOWN = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|"})


def _md(text: str) -> str:
    """``text`` with Markdown's special characters escaped, on one line."""
    return " ".join(text.split()).translate(_MARKDOWN)


def domain_name(slug: str, locale: str) -> str:
    """The domain's name in ``locale`` ("kinh doanh" for ``sales``)."""
    from okrkit.catalogue import DOMAIN_TERMS

    return DOMAIN_TERMS[slug].get(locale) if slug in DOMAIN_TERMS else slug


def domain_description(slug: str) -> str:
    """What the domain holds, in the active locale."""
    from okrkit.catalogue import DOMAINS
    from okrkit.i18n import _

    return _(DOMAINS[slug]) if slug in DOMAINS else ""


def tag_name(slug: str, locale: str) -> str:
    """The tag's name in ``locale`` (its slug read as words when it has none)."""
    from okrkit.catalogue import TAG_TERMS

    return TAG_TERMS.term(slug).get(locale)


def _template(template: Template, locale: str) -> Iterator[str]:
    text = _TEXT[locale]
    preview = template.render(locale).splitlines()
    key_results = [line[4:] for line in preview[1:] if line.startswith("  - ")]
    rest = [line for line in preview[1:] if not line.startswith("  - ")]
    yield f"### {template.id} {{#{template.id}}}"
    yield ""
    yield f"**{_md(preview[0])}**"
    yield ""
    yield from (f"- {_md(line)}" for line in key_results)
    yield ""
    if rest:
        yield f"*{_md(' '.join(rest))}*"
        yield ""
    yield text["about"].format(
        level=template.level.label,
        ambition=template.ambition.label,
        document=template.source.document,
        section=template.source.section_name(locale),
    )
    yield ""
    if template.tags:
        names = (_md(tag_name(tag, locale)) for tag in template.tags)
        yield text["tags"].format(tags=", ".join(names))
        yield ""
    if template.parameters:
        yield text["params"]
        yield "|---|---|---|---|"
        for param in template.parameters:
            cells = (param.type.label, param.label.get(locale), param.describe_default(locale))
            yield f"| `{param.name}` | " + " | ".join(_md(cell) for cell in cells) + " |"
        yield ""


def render(locale: str) -> str:
    """The page's Markdown in ``locale`` (``en`` or ``vi``)."""
    from okrkit import catalogue
    from okrkit.i18n import use_locale

    text = _TEXT[locale]
    templates = list(catalogue.load())
    from okrkit.catalogue import fold

    domains = sorted(
        {template.domain for template in templates},
        key=lambda slug: fold(domain_name(slug, locale)),
    )
    lines = [
        text["title"],
        "",
        "<!-- Generated by scripts/catalogue_docs.py from the catalogue: do not edit. -->",
        "",
        text["intro"],
        "",
        text["domains"],
        "|---|---|---|---|",
    ]
    with use_locale(locale):
        for domain in domains:
            count = sum(template.domain == domain for template in templates)
            name = _md(domain_name(domain, locale))
            lines.append(
                f"| [{name}](#{domain}) | `{domain}` | {_md(domain_description(domain))} "
                f"| {count} |"
            )
        for domain in domains:
            title = _md(domain_name(domain, locale))
            lines += ["", f"## {title[:1].upper()}{title[1:]} {{#{domain}}}", ""]
            for template in sorted(templates, key=lambda t: t.id):
                if template.domain == domain:
                    lines.extend(_template(template, locale))
    return "\n".join(lines).rstrip("\n") + "\n"


def pages() -> dict[Path, str]:
    """Every page this script writes, with its text."""
    return {page: render(locale) for locale, page in PAGES.items()}


def main(argv: list[str]) -> int:
    """Write the pages, or with ``--check`` say whether they are up to date."""
    return run(pages(), argv, COMMAND)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
