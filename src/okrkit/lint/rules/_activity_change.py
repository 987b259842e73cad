"""Where OKR201 counts words and finds changes between numbers in a folded title.

A folded title (:func:`okrkit.lint.rules._activity_text.fold_title`) holds lower-case
ASCII words, ``#`` for each digit, ``%`` and spaces, and lines up with the title
character for character. Its words are the runs of letters and ``#`` and each ``%``
on its own. A word holding ``#`` is a number, and numbers with only signs between
them make one (as in "3,5" or "1.000.000"): :func:`merge_numbers` joins them in place,
so that counting words and matching patterns see one number, and every place found
is a place in the title.
"""

from __future__ import annotations

import re
from typing import Final

from okrkit.lint.rules import _activity_words as words
from okrkit.lint.rules._text import fold

__all__ = ["change_span", "has_change", "merge_numbers", "number_follows", "words_before"]

_RUNS: Final = re.compile(r"#(?<!##)[a-z#]*(?: +[a-z]*#[a-z#]*)+")
"""Numbers with only signs between them, from the first digit of the first."""


def _joined(run: re.Match[str]) -> str:
    """A run of numbers with the spaces between them filled: one word."""
    return run[0].replace(" ", "#")


def merge_numbers(folded: str) -> str:
    """``folded`` with each run of numbers made one word, in place.

    Examples:
        >>> merge_numbers("tang tu # #  ## len q# ####")
        'tang tu ####### len q######'
    """
    return _RUNS.sub(_joined, folded)


def words_before(merged: str, at: int) -> int:
    """How many words come before ``at`` in ``merged`` (numbers merged)."""
    return len(merged[:at].replace("%", " % ").split()) if at else 0


def number_follows(folded: str, at: int, span: int = 6) -> bool:
    """Whether a number is among the ``span`` words of ``folded`` after ``at``.

    Numbers merge only with numbers, so the first number is as many words away
    whether they are merged or not.
    """
    return "#" in " ".join(folded[at:].replace("%", " % ").split(None, span)[:span])


_END = "(?![a-z#])"
_WORD = rf"(?:[a-z]+{_END}|%)"
"""A word that is not a number (``%`` included), whole."""
_ANY = rf"(?:[a-z#]+{_END}|%)"
_NUMBER = rf"[a-z]*#[a-z#]*{_END}"
_APART = " *"
"""What lies between two words: spaces, or nothing beside a ``%``."""


def _either(phrases: tuple[str, ...]) -> str:
    """A pattern matching any of ``phrases``, folded, as whole words."""
    return "(?:" + "|".join(fold(p).replace(" ", " +") for p in phrases) + f"){_END}"


def _starting(phrases: tuple[str, ...]) -> str:
    """:func:`_either` for the phrases a pattern starts with.

    Each phrase checks that it starts a word after its first letter, not before, so
    that the search can skip to the places where one of those first letters is.
    """
    found = (fold(p) for p in phrases)
    return "(?:" + "|".join(f"{p[0]}(?<![a-z#]{p[0]}){p[1:]}" for p in found) + f"){_END}"


_FROM_TO: Final = re.compile(
    rf"{_starting(words.CHANGE_FROM)}(?:{_APART}{_WORD}){{0,3}}{_APART}{_NUMBER}"
    rf"(?:{_APART}{_ANY}){{0,3}}{_APART}{_either(words.CHANGE_TO)}"
    rf"(?:{_APART}{_ANY}){{0,2}}{_APART}{_NUMBER}"
)
"""``from # ... to ... #``: an opening word, its first number within four words, a
closing word within four words of that number and a number within three after it."""
_INSTEAD: Final = re.compile(
    rf"#[a-z]*{_END}(?:{_APART}{_ANY}){{0,7}}{_APART}{_either(words.CHANGE_BETWEEN)}"
    rf"(?:{_APART}{_ANY}){{0,2}}{_APART}{_NUMBER}"
)
"""``# ... instead of ... #``: a number (found by its last digit) within eight words
before the words between, and one within three words after them."""
_BETWEEN_WORDS: Final = tuple({fold(p).split()[0] for p in words.CHANGE_BETWEEN})
_FIRST_TWO: Final = re.compile(
    rf"{_starting(words.CHANGE_FROM)}(?:"
    + "|".join(
        rf"(?:{_APART}{_WORD}){{{a}}}{_APART}{_NUMBER}(?:{_APART}{_WORD}){{0,{7 - a}}}"
        rf"{_APART}{_NUMBER}"
        for a in range(8)
    )
    + rf")(?:{_APART}%)?"
)
"""An opening word and the first two numbers of the nine words after it (the first
``a`` words after the opening one, the second at most ``8 - a`` words after that),
with a ``%`` right after the second: where a change is quoted from."""


def _holds_any(text: str, parts: tuple[str, ...]) -> bool:
    """Whether ``text`` holds any of ``parts`` (a quick test before a slower one)."""
    return any(part in text for part in parts)


def has_change(merged: str) -> bool:
    """Whether ``merged`` holds a change between two numbers: from 27 to 35, từ 27 lên 35."""
    return merged.count("#") >= 2 and (
        _FROM_TO.search(merged) is not None
        or (_holds_any(merged, _BETWEEN_WORDS) and _INSTEAD.search(merged) is not None)
    )


def change_span(merged: str) -> tuple[int, int] | None:
    """Where ``merged`` holds a change between two numbers: from 27 to 35, từ 27 lên 35.

    Returns ``None`` when it holds none. Otherwise the start and end of the first
    stretch that an opening word ("from", "từ") begins and the second number of the
    nine words after it ends (with a ``%`` right after that number), or ``(0, 0)``
    when no opening word has two numbers after it ("2 minutes instead of 20").

    Examples:
        >>> change_span("tang ti le tu ## len ##% trong q#")
        (11, 24)
        >>> change_span("mat # phut thay vi ##"), change_span("tang ## len ##")
        ((0, 0), None)
    """
    if not has_change(merged):
        return None
    found = _FIRST_TWO.search(merged)
    return (0, 0) if found is None else found.span()
