"""Write the tables of domains and tags into docs/templates.md and docs/templates.vi.md.

Run after adding or renaming a domain or a tag (src/okrkit/catalogue/_names.py)::

    python scripts/terms_docs.py          # rewrite the tables
    python scripts/terms_docs.py --check  # exit 1 when a table is stale

Each page holds two generated blocks, between ``<!-- domains:start -->`` and
``<!-- domains:end -->`` and between ``<!-- tags:start -->`` and ``<!-- tags:end -->``;
the rest of the page is written by hand. tests/catalogue/test_terms.py fails when a
table is stale.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from okrkit.catalogue import DOMAIN_TERMS, DOMAINS, TAG_TERMS, Term
from okrkit.i18n import gettext, use_locale

PAGES = {"en": ROOT / "docs" / "templates.md", "vi": ROOT / "docs" / "templates.vi.md"}
COMMAND = "python scripts/terms_docs.py"
HEADINGS = {
    "en": ("slug", "Vietnamese", "English", "also found by", "holds"),
    "vi": ("mã", "tiếng Việt", "tiếng Anh", "tìm được cả bằng", "gồm"),
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(terms: Iterable[Term], locale: str, *, described: bool = False) -> str:
    """The Markdown table of ``terms``: slug, both names, aliases (and what a domain holds)."""
    heads = HEADINGS[locale][: 5 if described else 4]
    rows = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    with use_locale(locale):
        for term in terms:
            cells = [f"`{term.slug}`", term.get("vi"), term.get("en"), ", ".join(term.aliases)]
            if described:
                cells.append(gettext(DOMAINS[term.slug]))
            rows.append("| " + " | ".join(map(_cell, cells)) + " |")
    return "\n".join(rows)


def rendered(text: str, locale: str) -> str:
    """``text`` (a page) with its domain and tag tables brought up to date."""
    for block, terms in (("domains", DOMAIN_TERMS), ("tags", TAG_TERMS)):
        pattern = re.compile(rf"(<!-- {block}:start -->\n)(?:.*?\n)?(<!-- {block}:end -->)", re.S)
        fresh = table(terms.values(), locale, described=block == "domains")
        text, count = pattern.subn(
            lambda match, fresh=fresh: match[1] + fresh + "\n" + match[2], text
        )
        if count != 1:
            raise SystemExit(f"the page has no <!-- {block}:start/end --> block")
    return text


def main(argv: list[str]) -> int:
    """Rewrite the tables of each page that exists, or with ``--check`` report stale ones."""
    stale = []
    for locale, page in PAGES.items():
        if not page.exists():
            continue
        text = page.read_text(encoding="utf-8")
        fresh = rendered(text, locale)
        if fresh == text:
            continue
        if "--check" in argv:
            stale.append(page)
            print(f"{page.relative_to(ROOT)} is stale: run {COMMAND}", file=sys.stderr)
        else:
            page.write_text(fresh, encoding="utf-8")
            print(f"wrote {page.relative_to(ROOT)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
