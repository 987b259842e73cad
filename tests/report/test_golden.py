"""Golden files: the example's reports as text and Markdown, in Vietnamese and English.

Each report kind of the example (the scorecard and the weekly digest as of 2026-03-20,
the review as of the cycle's end, 2026-03-31) is rendered as plain text and Markdown
from ``examples/acme.yaml`` in Vietnamese and ``examples/acme.en.yaml`` in English, and
compared with ``tests/report/golden/<kind>.<locale>.<txt|md>``.

When a change to a report is meant, regenerate the files and review the diff::

    OKRKIT_REGEN_GOLDEN=1 .venv/bin/pytest tests/report/test_golden.py

The Vietnamese outputs are also checked for English: no English label of okrkit's
report messages may appear in them (the user's own text aside), and every date and
number is in Vietnamese form (``20/3/2026``, decimal commas, no English month).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_file

import okrkit
from okrkit.report import build_digest, build_review, build_scorecard, render
from okrkit.report.markdown import escape_markdown

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
SOURCE = ROOT / "src" / "okrkit"
REGENERATE = os.environ.get("OKRKIT_REGEN_GOLDEN") == "1"
AS_OF = dt.date(2026, 3, 20)
CYCLE_END = dt.date(2026, 3, 31)
FILES = {"vi": "acme.yaml", "en": "acme.en.yaml"}
FORMATS = {"txt": "text", "md": "markdown"}
KINDS = ("scorecard", "digest", "review")


@functools.cache
def example(locale: str) -> okrkit.OKRSet:
    """The example in ``locale``'s language."""
    return okrkit.load(ROOT / "examples" / FILES[locale])


@functools.cache
def report(kind: str, locale: str) -> Any:
    """The example's report of ``kind``."""
    okrs = example(locale)
    if kind == "scorecard":
        return build_scorecard(okrs, as_of=AS_OF, burnup=False)
    if kind == "digest":
        return build_digest(okrs, as_of=AS_OF)
    review = build_review(okrs)
    assert review.as_of == CYCLE_END
    return review


def rendered(kind: str, locale: str, extension: str) -> str:
    """The example's report of ``kind`` in ``locale``, as ``extension``."""
    return render(report(kind, locale), FORMATS[extension], locale=locale)


@pytest.mark.parametrize("extension", FORMATS)
@pytest.mark.parametrize("locale", FILES)
@pytest.mark.parametrize("kind", KINDS)
def test_matches_golden_file(kind: str, locale: str, extension: str) -> None:
    """The rendered report is exactly its golden file."""
    path = GOLDEN / f"{kind}.{locale}.{extension}"
    text = rendered(kind, locale, extension)
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: run with OKRKIT_REGEN_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), "golden", "now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"{path.name} differs (OKRKIT_REGEN_GOLDEN=1 to accept):\n{shown}")


# -- Vietnamese through and through ------------------------------------------------------------


@functools.cache
def english_labels() -> frozenset[str]:
    """The English text of every message the reports and the enums' labels use.

    Each message is cut at its placeholders; the pieces with a word of three letters
    or more are kept.
    """
    files = [*sorted((SOURCE / "report").glob("*.py")), SOURCE / "model" / "_enums.py"]
    pieces = set()
    for path in files:
        for _line, message, _comments, _context in extract_from_file("python", str(path)):
            for msgid in (message,) if isinstance(message, str) else message:
                for cut in re.split(r"\{[^}]*\}", msgid):
                    piece = cut.strip(" .,:;()/-")
                    if re.search(r"[A-Za-z]{3}", piece):
                        pieces.add(piece)
    return frozenset(pieces)


@functools.cache
def user_text(locale: str) -> re.Pattern[str]:
    """Every title, name, id and note of the example, as written and as Markdown."""
    okrs = example(locale)
    strings: set[str] = set()
    for entity in [*okrs.objectives, *okrs.key_results, *okrs.owners, *okrs.cycles]:
        strings.update((entity.id, getattr(entity, "title", ""), getattr(entity, "name", "")))
    for dependency in okrs.dependencies:
        strings.add(dependency.note)
    for entity in [*okrs.objectives, *okrs.key_results]:
        if entity.final_grade is not None:
            strings.add(entity.final_grade.reason)
    strings |= {escape_markdown(string) for string in strings}
    longest_first = sorted((s for s in strings if s), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, longest_first))})(?!\w)")


def without_user_text(text: str, locale: str) -> str:
    """``text`` with every title, name, id and note of the example blanked out."""
    return user_text(locale).sub(" ", text)


def found(labels: frozenset[str], text: str) -> set[str]:
    """Which of ``labels`` occur in ``text`` as whole words."""
    return {label for label in labels if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)}


@pytest.mark.parametrize("extension", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_vietnamese_has_no_english_label(kind: str, extension: str) -> None:
    """No English label of the report's messages is left in the Vietnamese output."""
    labels = english_labels()
    english = found(labels, without_user_text(rendered(kind, "en", extension), "en"))
    assert len(english) >= 15, "the English render should show many labels"
    assert found(labels, without_user_text(rendered(kind, "vi", extension), "vi")) == set()


@pytest.mark.parametrize("extension", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_vietnamese_numbers_and_dates(kind: str, extension: str) -> None:
    """Dates read 20/3/2026, decimals take a comma, thousands a dot; no English month."""
    text = without_user_text(rendered(kind, "vi", extension), "vi")
    day = "31/3/2026" if kind == "review" else "20/3/2026"
    assert day in text
    assert re.search(r"\d,\d", text), "a decimal comma"
    assert not re.search(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", text)
    assert not re.search(r"\d\.\d{1,2}(?!\d)", text), "an English decimal point"
    assert not re.search(r"\d,\d{3}(?!\d)", text), "an English thousands separator"
    if kind != "review":
        assert re.search(r"\d{1,3}(?:\.\d{3})+", text), "a Vietnamese thousands separator"
