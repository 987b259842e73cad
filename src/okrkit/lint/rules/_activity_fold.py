"""OKR201's quick fold: a title folded in place with a few calls that run at C speed.

:func:`okrkit.lint.rules._activity_text.split_title` folds a title word by word in
Python; a linter reading tens of thousands of key results cannot afford that. Here:

1. the title is lowered and encoded, one byte a character, with an encoding built
   for Vietnamese and English text (printable ASCII, the 67 lower-case Vietnamese
   letters, the accented letters of Europe and the common typographic signs); a
   title holding any other character (Greek, a combining accent, a control
   character, a ``{placeholder}`` touching a letter...) is left to ``split_title``;
2. a byte table folds every letter to its bare ASCII letter (``ắ`` and ``đ`` to ``a``
   and ``d``), every digit to ``#``, keeps ``%`` and turns every other sign into a
   space, so the folded text lines up with the title character for character.

What reads the folded text (:mod:`._activity_text`, :mod:`._activity_change`) gives
the same words as ``split_title`` would: the tests check it on random titles.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from _codecs import _EncodingMap

__all__ = ["quick_fold"]

_UNDEFINED: Final = "\ufffe"
_LETTERS: Final = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "äçëîïñöûüÿōūēīąćęńśźżčďěňřšťůž"
)
"""Lower-case letters that fold to one ASCII letter: Vietnamese, then western European."""
_SIGNS: Final = (
    "\u00a0\u2002\u2003\u2009\u200b\u202f\u3000–—‐‑‒―‘’‚“”„…•·′″«»‹›€£¥₫¢°×÷±≤≥≠≈→←↑↓§¶©®™№"
)
"""Signs that are not part of a word: spaces, dashes, quotes, currency, arrows."""


def _fold_char(char: str) -> str:
    """One character folded as :func:`okrkit.lint.rules._text.fold` folds it."""
    decomposed = unicodedata.normalize("NFD", char.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _tables() -> tuple[dict[int, int] | _EncodingMap, bytes]:
    """The encoding of a lowered title into bytes, and the byte table that folds them."""
    ascii_ = "\0\t\n\r" + "".join(chr(i) for i in range(32, 127) if chr(i) != "{")
    table = list(ascii_)
    folded = [
        "#" if c.isdigit() else c.lower() if c.isalnum() or c == "%" else " " for c in ascii_
    ]
    for char in _LETTERS + _SIGNS:
        is_word = re.fullmatch(r"[^\W_]", char) is not None
        bare = _fold_char(char) if is_word else " "
        if char in table or (is_word and not (bare.isascii() and bare.isalpha())):
            continue  # it would not fold in place: such titles go to split_title
        table.append(char)
        folded.append(bare)
    del table[256:], folded[256:]
    padding = 256 - len(table)
    encoding = codecs.charmap_build("".join(table) + _UNDEFINED * padding)
    return encoding, "".join(folded).encode("ascii") + b" " * padding


_ENCODING, _FOLD = _tables()
_PLACEHOLDER: Final = re.compile(r"(?<![^\W_])\{[^{}]*\}(?![^\W_])")
"""A ``{placeholder}`` with no letter or digit touching it: a number of its own width."""


def _zeros(match: re.Match[str]) -> str:
    """As many zeros as ``match`` is long: a number in its place."""
    return "0" * len(match[0])


def quick_fold(title: str) -> str | None:
    """``title`` folded in place, or ``None`` when it holds a character this cannot fold.

    Every letter becomes its bare lower-case ASCII letter, every digit ``#``, ``%``
    stays, and everything else (a space, a sign, a dash) becomes a space; a
    ``{placeholder}`` becomes digits. So character ``i`` of the result is character
    ``i`` of the title, folded.

    Examples:
        >>> quick_fold("Tổ chức 10 buổi, 3,5% {n}")
        'to chuc ## buoi  # #% ###'
        >>> quick_fold("Tăng {n}buổi") is None
        True
    """
    if "{" in title:
        title = _PLACEHOLDER.sub(_zeros, title)
    try:
        raw = codecs.charmap_encode(title.lower(), "strict", _ENCODING)[0]
    except UnicodeEncodeError:
        return None
    return raw.translate(_FOLD).decode("ascii")
