"""Text helpers the wording rules share: folding accents, finding numbers and clauses.

Titles are compared and searched after :func:`fold`: lowercase, accents removed and
``đ`` read as ``d``, so that "Tăng" and "tang" match and a Vietnamese pattern needs no
accented variant.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import Final

__all__ = [
    "clauses",
    "fold",
    "folded_metric",
    "has_metric",
    "most_clauses",
    "percent_change",
    "percent_figures",
    "words",
]

_YEAR: Final = re.compile(r"^(19|20|21)\d\d$")
_NUMBER: Final = re.compile(r"\d+(?:[.,]\d+)*")
_PERCENT: Final = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|phan tram\b|percent\b|per cent\b)")
_MONEY: Final = re.compile(
    r"(?:[$€£¥₫]\s*\d)|(?:\d(?:[.,]?\d)*\s*(?:[$€£¥₫]|d\b|dong\b|vnd\b|usd\b|eur\b|ty\b|trieu\b|"
    r"nghin\b|ngan\b|k\b|m\b|bn\b|million\b|billion\b|thousand\b))"
)
# A cycle or period label: "Q1", "quý 1", "H2", "tháng 3", "năm 2026", "2026": not a metric.
_PERIOD: Final = re.compile(r"\b(?:q|h|quy|thang|nam|quarter|month|year|fy)\s*\d+\b")
_JOINERS: Final = re.compile(r"\s*(?:,|;|\s+va\s+|\s+and\s+|\s+&\s+|\s+cung\s+nhu\s+)\s*")
_BULLET: Final = re.compile(r"(?:^|\n)\s*(?:[-*•+]|\d+[.)])\s+")


class _Folds(dict[int, str]):
    """Each character as :func:`fold` leaves it: its NFD without marks (Mn), made on first sight.

    Folding a text character by character gives what folding it whole gives (the NFD
    of a text is that of its characters, then its marks reordered) unless a character
    brings a mark that NFD would reorder and that is not dropped (a few musical and
    Tibetan signs): such a character maps to NUL, which sends the text to the slow,
    whole-text fold.
    """

    def __missing__(self, point: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(point))
        kept = [char for char in decomposed if unicodedata.category(char) != "Mn"]
        moved = any(unicodedata.combining(char) for char in kept)
        value = self[point] = "\0" if moved else "".join(kept)
        return value


_FOLDS: Final = _Folds()
_WORD: Final = re.compile(r"\w+")
_DIGIT: Final = re.compile(r"\d")


def fold(text: str) -> str:
    """``text`` in lowercase without accents (``đ`` as ``d``), spaces squeezed.

    Examples:
        >>> fold("Tăng  Doanh thu ĐỒNG")
        'tang doanh thu dong'
    """
    lowered = text.lower().replace("đ", "d")
    if not lowered.isascii():  # ASCII has nothing to decompose, no mark to drop
        bare = lowered.translate(_FOLDS)
        if "\0" in bare:  # a mark NFD would reorder, or a NUL: fold the text whole
            decomposed = unicodedata.normalize("NFD", lowered)
            bare = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
        lowered = bare
    return " ".join(lowered.split())


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits), folded."""
    return _WORD.findall(fold(text))


def has_metric(text: str) -> str | None:
    """The first number, percent or sum of money in ``text``, or ``None``.

    Years (2026) and period labels (Q1, quý 1, H2) are not metrics.

    Examples:
        >>> has_metric("Tăng doanh thu 20% trong Q1 2026")
        '20%'
        >>> has_metric("Khách hàng yêu thích Acme trong quý 1/2026") is None
        True
    """
    return folded_metric(fold(text))


def folded_metric(folded: str) -> str | None:
    """:func:`has_metric` of a text already :func:`fold`-ed."""
    if not _DIGIT.search(folded):  # every metric holds a digit
        return None
    folded = _PERIOD.sub(" ", folded)
    for pattern in (_PERCENT, _MONEY):
        found = pattern.search(folded)
        if found:
            return found.group(0)
    for found in _NUMBER.finditer(folded):
        figure = found.group(0)
        if _YEAR.match(figure):
            continue
        before = folded[max(0, found.start() - 1) : found.start()]
        if before == "/":  # the year of a "quý 1/2026" label
            continue
        return figure
    return None


def percent_figures(text: str) -> list[str]:
    """Every percent figure in ``text`` (``5%``, ``5 phần trăm``), folded."""
    return _PERCENT.findall(fold(text))


_CHANGE: Final = re.compile(
    r"\b(?:tang|giam|them|nang|ha|by|increase|decrease|raise|cut|reduce|grow|lift|boost|"
    r"improve)\b"
)
_LEVEL: Final = re.compile(r"\b(?:tu|len|xuong|den|con|muc|from|to|at|of)\s+$")


def percent_change(text: str) -> str | None:
    """The figure of a change "by N%" in ``text`` ("tăng 5%", "by 5%"), or ``None``.

    A figure after a change word ("tăng", "giảm", "increase") is a change, unless it
    follows "từ", "lên", "from" or "to", which make it a level.

    Examples:
        >>> percent_change("Tăng tỷ lệ chuyển đổi 5%"), percent_change("tăng từ 38%")
        ('5%', None)
    """
    folded = fold(text)
    for found in _PERCENT.finditer(folded):
        before = folded[: found.start()]
        if _CHANGE.search(before) and not _LEVEL.search(before):
            return found.group(0)
    return None


_JOINER_WORDS: Final = (",", ";", " va ", " and ", " & ", " cung nhu ")


def most_clauses(text: str, folded: str) -> int:
    """An upper bound of ``len(clauses(text))``, found without splitting.

    One more than the joiners in ``folded`` (``fold(text)``, whose only spaces are
    single); ``sys.maxsize`` when ``text`` has a line break (bullets may list it).
    """
    if "\n" in text:
        return sys.maxsize
    return 1 + sum(folded.count(joiner) for joiner in _JOINER_WORDS)


def clauses(text: str, folded: str | None = None) -> list[str]:
    """The parts of ``text`` joined by commas, semicolons, "and"/"và" or bullets.

    ``folded`` is ``fold(text)`` when the caller has it already.

    Examples:
        >>> clauses("Tuyển người, đào tạo đội và mở văn phòng")
        ['tuyen nguoi', 'dao tao doi', 'mo van phong']
    """
    if _BULLET.search(text):
        items = [part for part in _BULLET.split(text) if part.strip()]
        if len(items) > 1:
            return [fold(item) for item in items]
    return [part for part in _JOINERS.split(fold(text) if folded is None else folded) if part]
