"""Extract okrkit's messages and bring the .po catalogues up to date.

Run after adding or changing a user-facing string::

    python scripts/update_translations.py

It writes ``src/okrkit/locales/okrkit.pot``, merges it into every
``src/okrkit/locales/<lang>/LC_MESSAGES/okrkit.po`` (new messages arrive empty,
removed ones are dropped), and fills the English catalogue with the source text.
Then translate the empty Vietnamese entries; ``tests/test_i18n.py`` fails until
every message has a Vietnamese translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from okrkit._version import __version__

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src"
LOCALES = ROOT / "src" / "okrkit" / "locales"
DOMAIN = "okrkit"
HEADER = "Messages of okrkit, the Objectives and Key Results library for Python."
BUGS = "https://github.com/okrkit/okrkit/issues"


def extract() -> Catalog:
    """Every message marked in the source, as a catalogue template."""
    catalog = Catalog(
        project="okrkit",
        version=__version__,
        msgid_bugs_address=BUGS,
        header_comment=f"# {HEADER}",
    )
    method_map = [("**.py", "python")]
    for filename, _lineno, message, comments, context in extract_from_dir(
        str(SOURCE), method_map=method_map, comment_tags=("TRANSLATORS:",)
    ):
        del filename
        catalog.add(message, None, auto_comments=comments, context=context)
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=99, omit_header=False, sort_output=True, no_location=True)


def main() -> int:
    """Write the .pot and update each language's .po."""
    _write(extract(), LOCALES / f"{DOMAIN}.pot")
    for language in ("en", "vi"):
        template = extract()  # fresh: update() may share message objects with it
        po = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists():
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=language, domain=DOMAIN)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="okrkit")
        catalog.header_comment = f"# {HEADER}"
        catalog.fuzzy = False
        catalog.project = "okrkit"
        catalog.version = __version__
        catalog.msgid_bugs_address = BUGS
        catalog.revision_date = catalog.creation_date
        catalog.last_translator = "okrkit engineers"
        catalog.language_team = f"okrkit {language}"
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if language == "en":
            for message in catalog:
                if isinstance(message.id, tuple):
                    if not all(message.string):
                        message.string = message.id
                elif message.id and not message.string:
                    message.string = message.id
        _write(catalog, po)
        missing = sum(
            1
            for m in catalog
            if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
        )
        print(f"{po.relative_to(ROOT)}: {len(catalog)} messages, {missing} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
