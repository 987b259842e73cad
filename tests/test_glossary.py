"""The glossary: one Vietnamese term per concept, held by every Vietnamese text okrkit ships.

- Each Vietnamese message whose English names a glossary concept (a whole word, any
  case, outside placeholders, quoted keys and options) uses the glossary's term or one
  of its other forms, and none of the words to avoid.
- No Vietnamese text places a tone mark the old way ("hoá" for "hóa"): the catalogue,
  the templates, the examples and the Vietnamese docs pages.
- The old calque for alignment appears nowhere but in the glossary's own words to avoid.
- docs/glossary.md and docs/glossary.vi.md are what scripts/glossary_docs.py renders now.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import types
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.errors import UnknownIdError
from okrkit.i18n import GLOSSARY, SPELLINGS, Term, modern_spelling, old_spellings, term

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "src" / "okrkit" / "locales" / "vi" / "LC_MESSAGES" / "okrkit.po"

NOT_THE_CONCEPT = {
    (
        "Lint FILE, or the workspace's store, against the rules of good OKRs. Exit status: "
        "0 no error, 1 errors found, 2 input that cannot be used.",
        "status",
    ): "a command's exit status, not an OKR status",
    ("Aspirational target ({share})", "target"): "the objective's bar, 'mức cần đạt'",
    ("Committed target ({share})", "target"): "the objective's bar, 'mức cần đạt'",
    (
        "cannot carry cycle {cycle!r} into itself; name the next cycle as target",
        "target",
    ): "the cycle carried into",
    ("the zone under the zones strategy (fail, commit, target, stretch)", "target"): (
        "the zone codes as a file writes them"
    ),
    ("the zone under the zones strategy (fail, commit, target, stretch)", "stretch"): (
        "the zone codes as a file writes them"
    ),
    ("each node needs a kind: objective, key_result or initiative", "objective"): (
        "the node kinds as a node-link file writes them"
    ),
    ("each node needs a kind: objective, key_result or initiative", "initiative"): (
        "the node kinds as a node-link file writes them"
    ),
    ("each edge needs a source, a target and a kind", "target"): "a graph edge's end",
    (
        "The file's column for a field (key_result, on, value, confidence, note, author), "
        "such as --column value='Giá trị'; repeat for each. Others are found by name.",
        "confidence",
    ): "the field names as --column takes them",
    ("Store the good rows and list the bad ones, instead of storing nothing.", "store"): (
        "the verb: save"
    ),
}
"""(msgid, term key) pairs where the English word does not name the concept, and why."""

DOCS_ONLY = {"diagnostic": "a programmer's word: messages say error, warning or note"}
"""Terms no message uses, and why they are in the glossary all the same."""

# What a message holds that is not prose: placeholders, 'quoted' keys and values, options,
# name=value, calls, [tables], and upper-case words such as FILE (OKR and OKRs are words).
_NOT_PROSE = re.compile(
    r"\{[^{}]*\}|'[^'\s]*'|--[\w-]+|\b\w+=|\b\w+\(\)|\[\w+\]|\b(?!OKRs?\b)[A-Z][A-Z_]+\b"
)


def prose(text: str) -> str:
    """``text`` without placeholders, quoted keys, options and other code."""
    return _NOT_PROSE.sub(" ", unicodedata.normalize("NFC", text))


def has_word(text: str, word: str) -> bool:
    """Whether ``word`` is in ``text`` as a whole word (or words), in any case."""
    pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def names(entry: Term, msgid: str) -> bool:
    """Whether the English message ``msgid`` speaks of the glossary concept ``entry``."""
    if (msgid, entry.key) in NOT_THE_CONCEPT:
        return False
    text = prose(msgid)
    if text.strip(" .:") in entry.labels:  # a label is lower case: "Target" is no zone
        return True
    return any(has_word(text, word) for word in entry.english)


def avoided(entry: Term, msgstr: str) -> list[str]:
    """The words to avoid that ``msgstr`` uses for ``entry``.

    A word to avoid that holds an accepted form ("đầy khát vọng") is looked for as it
    is; one that an accepted form holds ("độ tự tin" in "mức độ tự tin") is looked for
    once the accepted forms are taken out.
    """
    text = prose(msgstr)
    bare = text
    for form in sorted(entry.accepted, key=len, reverse=True):
        bare = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", " ", bare, flags=re.IGNORECASE)
    found = []
    for word in entry.avoid:
        holds_accepted = any(form.casefold() in word.casefold() for form in entry.accepted)
        if has_word(text if holds_accepted else bare, word):
            found.append(word)
    return found


def catalogue() -> list[tuple[str, str]]:
    """Every translated Vietnamese message: (English, Vietnamese), plural forms joined."""
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    pairs: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else " || ".join(message.id)
        strings = [message.string] if isinstance(message.string, str) else message.string or ()
        if strings and all(strings):
            pairs.append((english, " || ".join(strings)))
    return pairs


def offences(entry: Term) -> list[str]:
    """Each Vietnamese message that names ``entry`` in English without its term."""
    found = []
    for english, vietnamese in catalogue():
        if not names(entry, english):
            continue
        text = prose(vietnamese)
        if not any(has_word(text, form) for form in entry.accepted):
            found.append(f"{english!r}\n    -> {vietnamese!r}\n    lacks {entry.accepted}")
        if bad := avoided(entry, vietnamese):
            found.append(f"{english!r}\n    -> {vietnamese!r}\n    uses {bad}")
    return found


class TestCatalogue:
    @pytest.mark.parametrize("entry", GLOSSARY, ids=lambda entry: entry.key)
    def test_messages_use_the_term(self, entry: Term) -> None:
        """A message whose English names the concept says it with the glossary's words."""
        found = offences(entry)
        assert not found, f"{entry.key} is '{entry.vietnamese}':\n  " + "\n  ".join(found)

    def test_every_term_is_in_some_message(self) -> None:
        """Each concept is named by some message, but the few only the docs speak of."""
        pairs = catalogue()
        idle = {e.key for e in GLOSSARY if not any(names(e, english) for english, _vi in pairs)}
        assert idle == set(DOCS_ONLY)


class TestMatching:
    def test_placeholders_and_keys_are_not_words(self) -> None:
        """'stretch' as a key, {target} as a placeholder and --grade are not the concepts."""
        message = "'stretch' must lie beyond {target} (got stretch={stretch:g}); see --grade"
        assert not names(term("stretch"), message)
        assert not names(term("target"), message)
        assert not names(term("grade"), message)

    def test_whole_words_any_case(self) -> None:
        """'Aligned' names alignment, 'scorecard' is not 'score'; Vietnamese matches too."""
        assert names(term("alignment"), "Aligned to")
        assert not names(term("score"), "OKR scorecard")
        assert has_word("Các lượt Cập nhật", "cập nhật")
        assert not has_word("kho lưu trữ", "kho dữ liệu")

    def test_labels_match_whole_messages(self) -> None:
        """The 0.4-0.6 band is the message 'progress', not every progress in a sentence."""
        assert names(term("band-progress"), "progress")
        assert not names(term("band-progress"), "the raw progress, overshoot kept")
        assert names(term("expected-pace"), "expected {share}")

    def test_avoided_words_inside_the_term_are_allowed(self) -> None:
        """'mức độ tự tin' holds 'độ tự tin' (avoided alone); 'đầy khát vọng' stays avoided."""
        assert avoided(term("confidence"), "Mức độ tự tin ròng") == []
        assert avoided(term("confidence"), "Độ tự tin ròng") == ["độ tự tin"]
        assert avoided(term("aspirational"), "mục tiêu đầy khát vọng") == ["đầy khát vọng"]
        assert avoided(term("zone-commit"), "đạt mức cam kết") == ["cam kết"]
        assert avoided(term("aspirational"), "mục tiêu khát vọng") == []


class TestGlossary:
    def test_keys_are_unique(self) -> None:
        """Each concept is listed once."""
        keys = [entry.key for entry in GLOSSARY]
        assert len(keys) == len(set(keys))

    def test_a_term_never_avoids_itself(self) -> None:
        """No accepted form of a term is among its words to avoid."""
        clashes = [e.key for e in GLOSSARY if {f.casefold() for f in e.accepted} & set(e.avoid)]
        assert clashes == []

    def test_terms_are_written_the_modern_way(self) -> None:
        """The glossary itself follows its tone-mark convention."""
        words = [w for e in GLOSSARY for w in (*e.accepted, e.note_vi) if old_spellings(w)]
        assert words == []

    def test_lookup(self) -> None:
        """A term is found by key, English word or label; an unknown one is suggested."""
        assert term("Key result") is term("key-result")
        assert term("target").vietnamese == "chỉ tiêu"
        assert term("progress").vietnamese == "đạt một phần"
        with pytest.raises(UnknownIdError, match="alignment"):
            term("aligment")

    def test_status_values(self) -> None:
        """The statuses read as the sources write them."""
        assert [term(s).vietnamese for s in ("on track", "at risk", "off track", "done")] == [
            "đúng tiến độ",
            "có rủi ro",
            "chệch hướng",
            "hoàn thành",
        ]


# -- tone marks ----------------------------------------------------------------------------


def vietnamese_files() -> Iterator[Path]:
    """The files whose Vietnamese must follow the tone-mark convention."""
    yield PO
    yield from sorted((ROOT / "src" / "okrkit" / "catalogue" / "templates").glob("*.yaml"))
    yield from sorted(p for p in (ROOT / "examples").iterdir() if p.is_file())
    # The Vietnamese pages, but the glossary's: it lists the old spellings it replaces.
    yield from sorted(set((ROOT / "docs").glob("*.vi.md")) - {ROOT / "docs" / "glossary.vi.md"})


def old_in(path: Path) -> list[str]:
    """Each old spelling in ``path``, as ``file:line: word``."""
    found = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if path == PO and not line.startswith(("msgstr", '"')):
            continue  # the English of the catalogue
        found += [f"{path.relative_to(ROOT)}:{number}: {w}" for w in old_spellings(line)]
    return found


class TestToneMarks:
    @pytest.mark.parametrize("path", list(vietnamese_files()), ids=lambda p: p.name)
    def test_no_old_spelling(self, path: Path) -> None:
        """The catalogue, templates, examples and Vietnamese pages write "hóa", not "hoá"."""
        assert old_in(path) == []

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Tự động hoá", "Tự động hóa"),
            ("tuỳ chọn", "tùy chọn"),
            ("THUỶ SẢN", "THỦY SẢN"),
            ("Uỷ ban", "Ủy ban"),
            ("khoẻ, xoè, loã", "khỏe, xòe, lõa"),
            ("quý, Quỳnh, hoàn, khuỷu, thuở", "quý, Quỳnh, hoàn, khuỷu, thuở"),
            ("lí do, Kĩ thuật, tỉ lệ, tỉ mỉ", "lý do, Kỹ thuật, tỷ lệ, tỉ mỉ"),
        ],
    )
    def test_modern_spelling(self, old: str, new: str) -> None:
        """Open oa/oe/uy take the mark on the first vowel; after q, and closed, they stay."""
        assert modern_spelling(old) == new

    def test_decomposed_text_is_read(self) -> None:
        """Text typed in NFD (as some keyboards send it) is found and composed."""
        typed = unicodedata.normalize("NFD", "hoá đơn")
        assert old_spellings(typed) == ["hoá"]
        assert modern_spelling(typed) == "hóa đơn"

    @settings(max_examples=2 * settings().max_examples)
    @given(st.lists(st.sampled_from([*SPELLINGS, "q", "h", "t", "o", "u", " ", "a", "ng", ","])))
    def test_modern_spelling_leaves_nothing_old(self, parts: list[str]) -> None:
        """After modern_spelling no old spelling is left, and a second pass changes nothing."""
        modern = modern_spelling("".join(parts))
        assert old_spellings(modern) == []
        assert modern_spelling(modern) == modern


# -- the calque for alignment -------------------------------------------------------------


def shipped_text_files() -> Iterator[Path]:
    """The text files of src, docs, examples, tests and the README, tracked or new."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", "src", "docs",
         "examples", "tests", "README.md"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    for name in listed:
        path = ROOT / name
        if path.is_file() and path.suffix not in {".png", ".mo", ".parquet", ".xlsx", ".db"}:
            yield path


def test_the_calque_for_alignment_is_gone() -> None:
    """The calque for alignment is nowhere but in the glossary's words to avoid and its pages."""
    calque = term("alignment").avoid[0]
    allowed = {
        ROOT / "src" / "okrkit" / "i18n" / "_glossary.py",
        ROOT / "docs" / "glossary.md",
        ROOT / "docs" / "glossary.vi.md",
    }
    found = [
        str(path.relative_to(ROOT))
        for path in shipped_text_files()
        if path not in allowed
        and calque in unicodedata.normalize("NFC", path.read_text("utf-8", errors="replace"))
    ]
    assert found == []


# -- the pages -------------------------------------------------------------------------------


def _script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "glossary_docs", ROOT / "scripts" / "glossary_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pages_match_the_glossary() -> None:
    """docs/glossary.md and its Vietnamese twin are what the glossary renders now."""
    stale = [
        f"{path.relative_to(ROOT)} is stale: run python scripts/glossary_docs.py"
        for path, text in _script().pages().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == []
