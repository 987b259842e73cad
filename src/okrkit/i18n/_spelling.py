"""One way to place Vietnamese tone marks: the modern one, as okrkit writes everywhere.

In an open syllable ending in ``oa``, ``oe`` or ``uy`` the mark goes on the first vowel:
"hóa", "khỏe", "tùy", "thủy", "ủy" (the older placement writes "hoá", "khoẻ", "tuỳ",
"thuỷ", "uỷ"). After ``q`` the ``u`` belongs to the consonant, so "quý" is right as it
is, and a closed syllable ("hoàn", "khuỷu") is the same in both. A few words are written
with ``y``: "lý", "kỹ", "ký", "mỹ", "tỷ lệ" (not "lí", "kĩ", "kí", "mĩ", "tỉ lệ").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

__all__ = ["SPELLINGS", "modern_spelling", "old_spellings"]

_PAIRS = (
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
)
_WORDS = (("lí", "lý"), ("kí", "ký"), ("kĩ", "kỹ"), ("mĩ", "mỹ"), ("tỉ lệ", "tỷ lệ"))

SPELLINGS: Mapping[str, str] = {
    **dict(_PAIRS),
    **{old.capitalize(): new.capitalize() for old, new in _PAIRS},
    **{old.upper(): new.upper() for old, new in _PAIRS},
    **dict(_WORDS),
    **{old.capitalize(): new.capitalize() for old, new in _WORDS},
}
"""Each old spelling and its modern one: a vowel pair that ends a syllable ("oá" ->
"óa", "uỷ" -> "ủy"; not after "q"), in each case, and the words written with ``y``
("lí" -> "lý", "kĩ" -> "kỹ", "tỉ lệ" -> "tỷ lệ")."""

_LETTER = r"[^\W\d_]"
_PAIR = "|".join(re.escape(old) for old in SPELLINGS if len(old) == 2 and old[0] in "oOuU")
# A syllable: not inside a word, any letters, then an old pair that ends the word.
_OLD_SYLLABLE = re.compile(rf"(?<!{_LETTER}){_LETTER}*?(?<![qQ])(?:{_PAIR})(?!{_LETTER})")
_OLD_WORD = re.compile(
    "|".join(rf"(?<!{_LETTER}){re.escape(old)}(?!{_LETTER})" for old, _new in _WORDS),
    re.IGNORECASE,
)


def old_spellings(text: str) -> list[str]:
    """The words of ``text`` written the old way, in the order they come.

    Args:
        text: Vietnamese text, composed or not (it is read in NFC).

    Examples:
        >>> old_spellings("Tự động hoá, tuỳ chọn, uỷ quyền, quý 2, hoàn thành, lí do")
        ['hoá', 'tuỳ', 'uỷ', 'lí']
    """
    text = unicodedata.normalize("NFC", text)
    found = [(m.start(), m.group()) for m in _OLD_SYLLABLE.finditer(text)]
    found += [(m.start(), m.group()) for m in _OLD_WORD.finditer(text)]
    return [word for _start, word in sorted(found)]


def _modern_syllable(match: re.Match[str]) -> str:
    word = match.group()
    return word[:-2] + SPELLINGS[word[-2:]]


def _modern_word(match: re.Match[str]) -> str:
    word = match.group()
    modern = SPELLINGS.get(word) or SPELLINGS[word.lower()]
    return modern.capitalize() if word[0].isupper() else modern


def modern_spelling(text: str) -> str:
    """``text`` with every tone mark placed the modern way ("hoá" becomes "hóa").

    The text comes back in NFC, the composed form Vietnamese is usually written in.

    Examples:
        >>> modern_spelling("Khoẻ mạnh, thuỷ sản, Hoà Bình, quý, tỉ lệ")
        'Khỏe mạnh, thủy sản, Hòa Bình, quý, tỷ lệ'
    """
    text = unicodedata.normalize("NFC", text)
    return _OLD_WORD.sub(_modern_word, _OLD_SYLLABLE.sub(_modern_syllable, text))
