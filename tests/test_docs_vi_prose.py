"""The Vietnamese docs speak the glossary's Vietnamese, and the command line's own words.

- No Vietnamese page, nor the Vietnamese text of the lint rules it is made from, uses a
  word the glossary sets aside for the expected pace or the forecast ("kỳ vọng",
  "dự phóng"); the glossary pages, which list those words, aside.
- docs/cli.vi.md writes its prose in Vietnamese: "luồng lỗi chuẩn" for standard error,
  and the placeholders the Vietnamese command line shows (TỆP, NGÀY, TÊN, MÃ) rather than
  the English ones (FILE, OUT, DATE, NAME, PATH, ID, COMMAND). Its code blocks stay the
  English page's, as tests/test_docs.py checks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrkit.i18n import term

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LINT_RULES_VI = ROOT / "scripts" / "lint_rules.vi.yaml"

SET_ASIDE = ("kỳ vọng", "dự phóng")
"""Words the glossary keeps out of Vietnamese for the expected pace and the forecast."""

_FENCED = re.compile(r"^([ \t]*)(```+|~~~+).*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
_ENGLISH_PLACEHOLDER = re.compile(r"\b(FILE|OUT|DATE|NAME|PATH|ID|COMMAND|VALUE)\b")
_CONTRAST = "như `FILE`, trong tiếng Việt là `TỆP`"  # the one place that names both


def prose(text: str) -> str:
    """``text`` without its fenced code blocks."""
    return _FENCED.sub("", text)


def vietnamese_texts() -> list[Path]:
    """Every Vietnamese docs page but the glossary's, and the lint rules' Vietnamese."""
    pages = [page for page in sorted(DOCS.glob("*.vi.md")) if page.name != "glossary.vi.md"]
    return [*pages, LINT_RULES_VI]


def test_the_set_aside_words_are_the_glossarys() -> None:
    """The words looked for are the ones the glossary avoids for these concepts."""
    assert "kỳ vọng" in term("expected-pace").avoid
    assert "dự phóng" in term("forecast").avoid


@pytest.mark.parametrize("path", vietnamese_texts(), ids=lambda path: path.name)
def test_no_set_aside_word(path: Path) -> None:
    """The page says "tiến độ dự kiến" and "dự báo", never their calques."""
    text = prose(path.read_text(encoding="utf-8")).casefold()
    found = [word for word in SET_ASIDE if word in text]
    assert not found, f"{path.name} uses {found}"


class TestCommandLinePage:
    text = prose((DOCS / "cli.vi.md").read_text(encoding="utf-8"))

    def test_standard_error_in_vietnamese(self) -> None:
        """Standard error is "luồng lỗi chuẩn" in the prose."""
        assert "standard error" not in self.text
        assert "luồng lỗi chuẩn" in self.text

    def test_placeholders_as_the_vietnamese_command_line_shows_them(self) -> None:
        """Synopses and prose use TỆP, NGÀY, TÊN, MÃ, as `okrkit --locale vi CMD --help` does."""
        text = self.text.replace(_CONTRAST, "")
        lines = [line for line in text.splitlines() if _ENGLISH_PLACEHOLDER.search(line)]
        assert not lines, "English placeholders in docs/cli.vi.md:\n" + "\n".join(lines)
        for placeholder in ("TỆP", "NGÀY", "TÊN", "MÃ"):
            assert placeholder in text
