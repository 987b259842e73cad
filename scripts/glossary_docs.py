"""Render the glossary, docs/glossary.md and docs/glossary.vi.md, from okrkit.i18n.GLOSSARY.

Run after changing a term in src/okrkit/i18n/_glossary.py or a spelling in
src/okrkit/i18n/_spelling.py::

    python scripts/glossary_docs.py          # write both pages
    python scripts/glossary_docs.py --check  # exit 1 when a page is stale

Each page holds the table of terms (English, Vietnamese, other forms, words to avoid,
source, what the concept is) and the tone-mark convention with its list of old and
modern spellings. tests/test_glossary.py fails when a page is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generated import DOCS, run

from okrkit.i18n import GLOSSARY, SPELLINGS, Term

PAGES = {"en": DOCS / "glossary.md", "vi": DOCS / "glossary.vi.md"}
COMMAND = "python scripts/glossary_docs.py"

_EXAMPLES = {
    "oà": "hoà → hòa",
    "oá": "hoá → hóa",
    "oả": "toả → tỏa",
    "oã": "loã → lõa",
    "oạ": "hoạ → họa",
    "oè": "xoè → xòe",
    "oé": "khoé → khóe",
    "oẻ": "khoẻ → khỏe",
    "oẽ": "toẽ → tõe",
    "oẹ": "oẹ → ọe",
    "uỳ": "tuỳ → tùy",
    "uý": "thuý → thúy",
    "uỷ": "thuỷ → thủy",
    "uỹ": "luỹ → lũy",
    "uỵ": "truỵ → trụy",
}

_TEXT = {
    "en": {
        "title": "# Glossary {#glossary}",
        "intro": (
            "One Vietnamese term for each OKR concept: every Vietnamese message, label and\n"
            "page of okrkit uses it, and none of the words listed to avoid. The terms come\n"
            "from the source documents where they have one (the source column), otherwise\n"
            "okrkit chose. The same list is in the code, as `okrkit.i18n.GLOSSARY`; the\n"
            "Vietnamese catalogue follows it, and `tests/test_glossary.py` fails when a\n"
            "Vietnamese message uses another word for a concept its English names."
        ),
        "code": "In code:",
        "head": "| English | Vietnamese | also | avoid | source | what it is |",
        "labels": "label",
        "tones_title": "## Tone marks {#tone-marks}",
        "tones": (
            "okrkit places tone marks the modern way, as the catalogue of templates does: in\n"
            "an open syllable ending in *oa*, *oe* or *uy*, the mark goes on the first vowel\n"
            '("hóa", "khỏe", "tùy", "thủy"). After *q* the *u* belongs to the consonant, so\n'
            '"quý" stays as it is, and a closed syllable ("hoàn", "khuỷu") is written the\n'
            "same either way. `okrkit.i18n.old_spellings(text)` finds the older placement and\n"
            "`okrkit.i18n.modern_spelling(text)` corrects it; the tests hold the catalogue,\n"
            "the templates, the examples and the Vietnamese pages to it."
        ),
        "pairs": "| old | modern | for example |",
        "words_intro": "These words are written with *y*:",
        "words": "| old | modern |",
    },
    "vi": {
        "title": "# Thuật ngữ {#glossary}",
        "intro": (
            "Mỗi khái niệm OKR có đúng một thuật ngữ tiếng Việt: mọi thông báo, nhãn và trang\n"
            "tài liệu tiếng Việt của okrkit đều dùng thuật ngữ đó, và không dùng những từ cần\n"
            "tránh. Thuật ngữ lấy từ các tài liệu nguồn khi tài liệu có (cột nguồn), nếu không\n"
            "thì do okrkit chọn. Danh sách này cũng có trong mã nguồn, là\n"
            "`okrkit.i18n.GLOSSARY`; bản dịch tiếng Việt theo đúng danh sách, và\n"
            "`tests/test_glossary.py` báo lỗi khi một thông báo tiếng Việt dùng từ khác cho\n"
            "khái niệm mà bản tiếng Anh nhắc tới."
        ),
        "code": "Trong mã Python:",
        "head": "| tiếng Anh | tiếng Việt | cũng dùng | tránh dùng | nguồn | nghĩa là |",
        "labels": "nhãn",
        "tones_title": "## Dấu thanh {#tone-marks}",
        "tones": (
            "okrkit đặt dấu thanh theo kiểu mới, như danh mục mẫu vẫn viết: trong vần mở kết\n"
            'thúc bằng *oa*, *oe* hoặc *uy*, dấu đặt trên nguyên âm thứ nhất ("hóa", "khỏe",\n'
            '"tùy", "thủy"). Sau *q*, chữ *u* thuộc về phụ âm đầu nên "quý" giữ nguyên; vần\n'
            'đóng ("hoàn", "khuỷu") thì hai kiểu viết như nhau.\n'
            "`okrkit.i18n.old_spellings(text)` tìm các chữ đặt dấu kiểu cũ,\n"
            "`okrkit.i18n.modern_spelling(text)` sửa lại; bộ kiểm thử giữ bản dịch, danh mục\n"
            "mẫu, ví dụ và các trang tiếng Việt theo quy ước này."
        ),
        "pairs": "| kiểu cũ | kiểu mới | ví dụ |",
        "words_intro": "Các chữ sau viết với *y*:",
        "words": "| kiểu cũ | kiểu mới |",
    },
}

_SOURCE = {"en": "document {source}", "vi": "tài liệu {source}"}


def _words(words: tuple[str, ...]) -> str:
    return ", ".join(words) if words else "—"


def _row(entry: Term, language: str) -> str:
    english = list(entry.english)
    english += [f"*{word}* ({_TEXT[language]['labels']})" for word in entry.labels]
    source = (
        "okrkit" if entry.source == "okrkit" else _SOURCE[language].format(source=entry.source)
    )
    note = entry.note if language == "en" else entry.note_vi
    cells = (", ".join(english), f"**{entry.vietnamese}**", _words(entry.also),
             _words(entry.avoid), source, note)  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def render(language: str) -> str:
    """The glossary page in ``language`` (``en`` or ``vi``)."""
    text = _TEXT[language]
    lines = [
        text["title"],
        "",
        f"<!-- Generated by {COMMAND} from okrkit.i18n.GLOSSARY: do not edit. -->",
        "",
        text["intro"],
        "",
        text["code"],
        "",
        "```python",
        ">>> from okrkit.i18n import modern_spelling, term",
        '>>> term("alignment").vietnamese, term("outline").avoid',
        "('liên kết', ('dàn ý', 'đề cương'))",
        '>>> modern_spelling("Tự động hoá theo tuỳ chọn")',
        "'Tự động hóa theo tùy chọn'",
        "```",
        "",
        text["head"],
        "|---|---|---|---|---|---|",
        *(_row(entry, language) for entry in GLOSSARY),
        "",
        text["tones_title"],
        "",
        text["tones"],
        "",
        text["pairs"],
        "|---|---|---|",
        *(f"| {old} | {SPELLINGS[old]} | {example} |" for old, example in _EXAMPLES.items()),
        "",
        text["words_intro"],
        "",
        text["words"],
        "|---|---|",
        *(
            f"| {old} | {new} |"
            for old, new in SPELLINGS.items()
            if old not in _EXAMPLES and old.islower()
        ),
        "",
    ]
    return "\n".join(lines)


def pages() -> dict[Path, str]:
    """Each glossary page and the text it should hold."""
    return {path: render(language) for language, path in PAGES.items()}


if __name__ == "__main__":
    sys.exit(run(pages(), sys.argv[1:], COMMAND))
