"""How OKR201 cuts a title into folded words and finds its listed phrases and changes.

The reading itself, and the weights of its signals, are in
:mod:`okrkit.lint.rules._activity`; the word lists in
:mod:`okrkit.lint.rules._activity_words`.
"""

from __future__ import annotations

import functools
import re
from enum import Enum
from typing import NamedTuple

from okrkit.lint.rules import _activity_words as words
from okrkit.lint.rules._text import fold

__all__ = [
    "NUMBER",
    "Hit",
    "Kind",
    "Token",
    "change_text",
    "find_phrases",
    "fold",
    "has_change",
    "number_within",
    "split_title",
]

NUMBER = "#"
"""The word every number and ``{placeholder}`` of a title becomes."""
_WORD = re.compile(r"\{[^{}]*\}|%|[^\W_]+")
_DIGIT = re.compile(r"\d")


class Kind(Enum):
    """What a listed phrase is: which list of :mod:`._activity_words` it comes from."""

    NEUTRAL = "neutral"
    MEASURE = "measure"
    THRESHOLD = "threshold"
    OUTCOME = "outcome"
    ACTIVITY = "activity"
    DELIVERABLE = "deliverable"


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(text: str) -> str:
    """:func:`fold` for one word, remembered: titles repeat their words."""
    return text.lower() if text.isascii() else fold(text)


def _english_forms(phrase: str, *, verb: bool) -> set[str]:
    """``phrase`` with its first word inflected (a verb) or its last pluralised (a noun)."""
    parts = phrase.split(" ")
    if not phrase.isascii() or (verb and not parts[0].isalpha()):
        return {phrase}
    if not verb:
        last = parts[-1]
        plural = {last + "s", last + "es"}
        if last.endswith("y"):
            plural.add(last[:-1] + "ies")
        return {phrase} | {" ".join([*parts[:-1], form]) for form in plural}
    head, rest = parts[0], parts[1:]
    stem = head[:-1] if head.endswith("e") else head
    forms = {head, head + "s", head + "es", stem + "ed", stem + "ing", head + "d"}
    if head[-1] in "nptgm" and len(head) <= 4 and head[-2] in "aeiou":
        forms |= {head + head[-1] + "ing", head + head[-1] + "ed"}
    if head.endswith("y"):
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    forms |= set(words.IRREGULAR.get(head, ()))
    return {" ".join([form, *rest]) for form in forms}


_Entry = tuple[Kind, str | None]


@functools.cache
def _lexicon() -> tuple[dict[tuple[str, ...], _Entry], dict[str, tuple[int, ...]]]:
    """Every folded phrase with its kind and language, and the phrase lengths by first word."""
    table: dict[tuple[str, ...], _Entry] = {}
    groups: list[tuple[Kind, str | None, tuple[str, ...]]] = [
        (Kind.NEUTRAL, None, words.NEUTRAL),
        (Kind.MEASURE, None, words.MEASURES),
        (Kind.THRESHOLD, None, words.THRESHOLDS),
        (Kind.OUTCOME, "vi", words.OUTCOME_VI),
        (Kind.OUTCOME, "en", words.OUTCOME_EN),
        (Kind.ACTIVITY, "vi", words.ACTIVITY_VI),
        (Kind.ACTIVITY, "en", words.ACTIVITY_EN),
        (Kind.DELIVERABLE, None, words.DELIVERABLES),
    ]
    for kind, language, phrases in groups:
        verb = kind in (Kind.OUTCOME, Kind.ACTIVITY)
        for phrase in phrases:
            for form in _english_forms(phrase, verb=verb):
                key = tuple(_WORD.findall(fold(form)))
                table.setdefault(key, (kind, language))
    lengths: dict[str, set[int]] = {}
    for key in table:
        lengths.setdefault(key[0], set()).add(len(key))
    return table, {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}


class Token(NamedTuple):
    """A folded word of a title, with where it starts and ends in the title."""

    word: str
    start: int
    end: int


def split_title(title: str) -> list[Token]:
    """The folded words of ``title`` with their places; numbers and placeholders as ``#``."""
    found: list[Token] = []
    for match in _WORD.finditer(title):
        text = match.group()
        number = text.startswith("{") or _DIGIT.search(text) is not None
        word = NUMBER if number else _fold_word(text)
        if word == NUMBER and found and found[-1].word == NUMBER:
            found[-1] = Token(NUMBER, found[-1].start, match.end())
            continue
        found.append(Token(word, match.start(), match.end()))
    return found


class Hit(NamedTuple):
    """A listed phrase found in a title: its kind, its first and last word, its text."""

    kind: Kind
    first: int
    last: int
    text: str


def find_phrases(title: str, tokens: list[Token], language: str | None) -> list[Hit]:
    """The listed phrases of ``tokens``, longest first, left to right."""
    table, lengths = _lexicon()
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        step = 1
        for n in lengths.get(tokens[i].word, ()):
            if i + n > len(tokens):
                continue
            entry = table.get(tuple(t.word for t in tokens[i : i + n]))
            if entry is None or (entry[1] is not None and language not in (None, entry[1])):
                continue
            text = title[tokens[i].start : tokens[i + n - 1].end]
            hits.append(Hit(entry[0], i, i + n - 1, text))
            step = n
            break
        i += step
    return hits


def number_within(tokens: list[Token], start: int, span: int) -> int | None:
    """The index of the first number among ``span`` tokens from ``start``, or ``None``."""
    for i in range(start, min(start + span, len(tokens))):
        if tokens[i].word == NUMBER:
            return i
    return None


@functools.cache
def _links() -> tuple[frozenset[str], frozenset[str], dict[str, list[tuple[str, ...]]]]:
    """The folded words that open and close a change, and the between phrases by first word."""
    between: dict[str, list[tuple[str, ...]]] = {}
    for phrase in words.CHANGE_BETWEEN:
        key = tuple(_WORD.findall(fold(phrase)))
        between.setdefault(key[0], []).append(key)
    return (
        frozenset(fold(w) for w in words.CHANGE_FROM),
        frozenset(fold(w) for w in words.CHANGE_TO),
        between,
    )


def has_change(tokens: list[Token]) -> bool:
    """Whether ``tokens`` hold a change between two numbers: from 27 to 35, từ 27 lên 35."""
    if sum(1 for token in tokens if token.word == NUMBER) < 2:
        return False
    opening, closing, between = _links()
    for i, token in enumerate(tokens):
        if token.word in between and _between(tokens, i, between[token.word]):
            return True
        if token.word not in opening:
            continue
        first = number_within(tokens, i + 1, 4)
        if first is None:
            continue
        for j in range(first + 1, min(first + 5, len(tokens))):
            if tokens[j].word in closing and number_within(tokens, j + 1, 3) is not None:
                return True
    return False


def _between(tokens: list[Token], i: int, phrases: list[tuple[str, ...]]) -> bool:
    """Whether a new and an old number meet at ``i``: 2 minutes instead of 20."""
    for phrase in phrases:
        n = len(phrase)
        if tuple(t.word for t in tokens[i : i + n]) != phrase:
            continue
        before = any(t.word == NUMBER for t in tokens[max(i - 8, 0) : i])
        if before and number_within(tokens, i + n, 3) is not None:
            return True
    return False


def change_text(title: str, tokens: list[Token]) -> str:
    """The words of the first change between two numbers, as the title writes them."""
    opening = _links()[0]
    for i, token in enumerate(tokens):
        if token.word in opening:
            ahead = range(i + 1, min(i + 10, len(tokens)))
            numbers = [j for j in ahead if tokens[j].word == NUMBER]
            if len(numbers) >= 2:
                last = numbers[1]
                if last + 1 < len(tokens) and tokens[last + 1].word == "%":
                    last += 1
                return title[token.start : tokens[last].end]
    return ""
