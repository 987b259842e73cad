"""How OKR201 cuts a title into folded words and finds its listed phrases and changes.

The reading itself, and the weights of its signals, are in
:mod:`okrkit.lint.rules._activity`; the word lists in
:mod:`okrkit.lint.rules._activity_words`.
"""

from __future__ import annotations

import functools
import re
from enum import Enum
from itertools import accumulate
from typing import Any, Final, NamedTuple

from okrkit.lint.rules import _activity_words as words
from okrkit.lint.rules._activity_fold import quick_fold
from okrkit.lint.rules._text import fold

__all__ = [
    "CODES",
    "CUES",
    "KINDS",
    "NUMBER",
    "Hit",
    "Kind",
    "Token",
    "find_hits",
    "find_phrases",
    "fold_title",
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
def _lexicon() -> dict[str, _Entry]:
    """Every listed phrase, folded (its words joined by spaces), with its kind and language."""
    table: dict[str, _Entry] = {}
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
                table.setdefault(" ".join(_WORD.findall(fold(form))), (kind, language))
    return table


_STARTS = "(?<![a-z#])"
_ENDS = "(?![a-z#])"


def _atoms(phrase: str) -> list[str]:
    """The pieces of pattern that match ``phrase`` as whole words of a folded title.

    A word starts and ends where no letter or digit touches it; words are apart by
    spaces, any number of them, and ``%`` stands apart with or without them.
    """
    atoms = [] if phrase.startswith("%") else [_STARTS]
    for before, char, after in zip(" " + phrase[:-1], phrase, phrase[1:] + " ", strict=True):
        if char != " ":
            atoms.append(re.escape(char))
        else:
            atoms.append(" *" if "%" in (before, after) else " +")
    if not phrase.endswith("%"):
        atoms.append(_ENDS)
    return atoms


def _trie(phrases: list[str]) -> str:
    """A pattern matching any of ``phrases`` as whole words, the longest that fits first.

    The phrases share their beginnings as a trie does, so the pattern tries one
    character at a time instead of every phrase in turn; at each step it tries to go
    on before it tries to stop, so a longer phrase wins over the one it extends.
    """
    root: dict[str, dict[str, Any]] = {}
    for phrase in phrases:
        node = root
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}

    def pattern(node: dict[str, dict[str, Any]]) -> str:
        if not node:
            return ""
        ahead = sorted(node, key=lambda atom: atom in ("", _ENDS))
        branches = [atom + pattern(node[atom]) for atom in ahead]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(root)


class _Codes(dict[str, str]):
    """The kind of each listed phrase as one letter, however far apart its words are."""

    def __missing__(self, phrase: str) -> str:
        return dict.__getitem__(self, " ".join(phrase.replace("%", " % ").split()))


KINDS: Final = {kind.value[0]: kind for kind in Kind}
"""Each kind by the first letter of its name."""
CUES: Final = frozenset(
    " ".join(_WORD.findall(fold(phrase))).split()[0]
    for phrase in words.CHANGE_FROM + words.CHANGE_BETWEEN
)
"""The words a change between two numbers needs one of: "from", "từ", "instead"..."""


def _codes() -> _Codes:
    """The kind of each listed phrase by the first letter of its name (``a`` for activity).

    The letter is upper case when the phrase holds a word of :data:`CUES`, and each cue
    that no list holds is a phrase of its own, ``F``: so the kinds tell, at no cost,
    whether a title may hold a change. A cue word found alone only takes a word that
    no listed phrase starts at, so the listed phrases found stay the same.
    """
    codes = _Codes(dict.fromkeys(CUES, "F"))
    for phrase, (kind, _) in _lexicon().items():
        code = kind.value[0]
        codes[phrase] = code.upper() if CUES.intersection(phrase.split()) else code
    codes.update({f" {phrase}": code for phrase, code in codes.items()})
    return codes


CODES: Final = _codes()


_Patterns = tuple[re.Pattern[str], re.Pattern[str]]
_PATTERNS: dict[str | None, _Patterns] = {}


def _phrase_patterns(language: str | None) -> _Patterns:
    """The listed phrases ``language`` reads, and the cues, as whole words.

    Two patterns, made once per language: one that finds them anywhere, one that finds
    them after a space.
    """
    lexicon = _lexicon()
    read = sorted(
        {phrase for phrase, (_, own) in lexicon.items() if own is None or language in (None, own)}
        | (CUES - lexicon.keys())
    )
    trie = _trie(read)
    return _PATTERNS.setdefault(language, (re.compile(f"({trie})"), re.compile(f"( {trie})")))


def find_hits(folded: str, language: str | None) -> tuple[str, list[int], int]:
    """The listed phrases of ``folded``: their kinds, one letter each, and their places.

    At each word the longest listed phrase that starts there (among those of
    ``language``) is taken, and the search goes on after it, left to right. Returns
    ``(kinds, ends, shift)``: phrase ``k`` runs from ``ends[2 * k]`` to
    ``ends[2 * k + 1] - shift``.

    The kinds are letters of :data:`CODES`: ``F`` for a cue of a change, an upper-case
    letter for a phrase that holds one.

    A title without ``%`` has a space (or its start) before each word, so the search
    jumps from space to space, quicker than trying every character; each phrase it
    finds then holds the space before it, hence the shift.

    Examples:
        >>> find_hits("to chuc ## buoi", None)
        ('ad', [0, 8, 11, 16, 16], 1)
        >>> find_hits("## % nps", None)
        ('mm', [3, 4, 5, 8, 8], 0)
    """
    anywhere, spaced = _PATTERNS.get(language) or _phrase_patterns(language)
    if "%" in folded:
        parts = anywhere.split(folded)
        shift = 0
    else:
        parts = spaced.split(" " + folded)
        shift = 1
    return "".join(map(CODES.__getitem__, parts[1::2])), list(accumulate(map(len, parts))), shift


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


_OPAQUE = "q"
"""What a word the quick fold cannot spell becomes: a word no list holds."""
_PLAIN = re.compile("[a-z]+")


def _spelt(word: str) -> str:
    """``word`` as the quick fold would spell it: itself, or a stand-in for the unspellable."""
    return word if word in (NUMBER, "%") or _PLAIN.fullmatch(word) else _OPAQUE


def fold_title(title: str) -> tuple[str, dict[int, int] | None]:
    """``title`` folded for reading, and where its words' ends fall in the title.

    Most titles fold in place (:func:`._activity_fold.quick_fold`), and the second item
    is ``None``. Any other title is cut by :func:`split_title` and its words joined by
    spaces; the second item then maps each word's start and end in the folded text to
    its place in the title. Either way the folded text holds lower-case ASCII words,
    ``#`` for digits, ``%`` and spaces.

    Examples:
        >>> fold_title("Hoàn thành 10 buổi")
        ('hoan thanh ## buoi', None)
        >>> fold_title("Tổ chức {n}buổi")
        ('to chuc # buoi', {0: 0, 2: 2, 3: 3, 7: 7, 8: 8, 9: 11, 10: 11, 14: 15})
    """
    quick = quick_fold(title)
    if quick is not None:
        return quick, None
    places: dict[int, int] = {}
    parts: list[str] = []
    at = 0
    for token in split_title(title):
        word = _spelt(token.word)
        places[at], places[at + len(word)] = token.start, token.end
        parts.append(word)
        at += len(word) + 1
    return " ".join(parts), places


class Hit(NamedTuple):
    """A listed phrase found in a title: its kind, its first and last word, its text."""

    kind: Kind
    first: int
    last: int
    text: str


def find_phrases(title: str, tokens: list[Token], language: str | None) -> list[Hit]:
    """The listed phrases of ``tokens``, longest first, left to right."""
    line = " ".join(_spelt(token.word) for token in tokens)
    codes, ends, shift = find_hits(line, language)
    hits: list[Hit] = []
    for k, code in enumerate(codes.lower()):
        if code == "f":
            continue
        first = line.count(" ", 0, ends[2 * k])
        last = first + line.count(" ", ends[2 * k], ends[2 * k + 1] - shift)
        text = title[tokens[first].start : tokens[last].end]
        hits.append(Hit(KINDS[code], first, last, text))
    return hits
