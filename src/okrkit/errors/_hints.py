"""Helpers for the words of error messages: shortened values and "did you mean" hints.

Kept apart from the error classes of :mod:`okrkit.errors`, which re-exports them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["HINT_LIMIT", "Shown", "Suggestions", "did_you_mean", "shorten"]


def shorten(value: object, limit: int = 80) -> str:
    """The ``repr`` of ``value`` for a message, cut to ``limit`` characters with an ellipsis.

    Examples:
        >>> shorten("kr-1"), shorten("x" * 100, limit=10)
        ("'kr-1'", "'xxxxxxxx…")
    """
    if isinstance(value, str | bytes) and len(value) > limit:
        value = value[:limit]  # cut before repr, which would copy it all
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - an int of more digits than repr makes, a broken __repr__
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


class Shown:
    """A value quoted in a message with ``{name!r}``: its :func:`shorten` form.

    Lets a message keep its ``{value!r}`` placeholder (and its translations) while a
    20 MB value still makes a short message.

    Examples:
        >>> "got {value!r}".format(value=Shown("x" * 100))
        "got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"
    """

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return shorten(self.value)

    def __str__(self) -> str:
        return shorten(self.value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Shown):
            return NotImplemented
        if type(self.value) is not type(other.value):
            return False
        try:
            return bool(self.value == other.value)
        except (TypeError, ValueError):  # an array: equal only when it is the same one
            return self.value is other.value

    def __hash__(self) -> int:
        try:
            return hash(self.value)
        except TypeError:  # a list or a mapping: equal ones still share this hash
            return hash(type(self.value))


HINT_LIMIT = 20
"""The most problems of one validation that get a "did you mean" hint; the rest get none."""

_POOL = 400  # the most candidates difflib compares with one id


class Suggestions:
    """Candidates for "did you mean" hints, indexed once so that each hint costs little.

    A hint looks at most at a few hundred candidates of a length difflib could match,
    those sharing its first or last character first (below that, exactly difflib's).

    Examples:
        >>> Suggestions(["kr-sale", "kr-hr", "obj-sales"]).closest("kr-sales")
        ['kr-sale', 'obj-sales']
    """

    __slots__ = ("_by_end", "_by_length")

    def __init__(self, candidates: Iterable[str]) -> None:
        self._by_length: dict[int, list[str]] = {}
        self._by_end: dict[tuple[int, str], list[str]] = {}  # by length and first or last
        for candidate in dict.fromkeys(candidates):
            size = len(candidate)
            self._by_length.setdefault(size, []).append(candidate)
            self._by_end.setdefault((size, candidate[:1]), []).append(candidate)
            self._by_end.setdefault((-size, candidate[-1:]), []).append(candidate)

    def closest(self, ident: str, count: int = 3) -> list[str]:
        """The candidates most like ``ident``, closest first, at most ``count``."""
        size = len(ident)  # difflib's cutoff of 0.6 needs 2 * min(a, b) / (a + b) >= 0.6:
        lengths = [n for n in self._by_length if 3 * size <= 7 * n and 3 * n <= 7 * size]
        lengths.sort(key=lambda n: abs(n - size))
        ends = [
            self._by_end.get(k, []) for n in lengths for k in ((n, ident[:1]), (-n, ident[-1:]))
        ]
        pool: dict[str, None] = {}
        for group in [*ends, *map(self._by_length.__getitem__, lengths)]:
            if len(pool) >= _POOL:
                break
            pool.update(dict.fromkeys(group[:_POOL]))
        return difflib.get_close_matches(ident, list(pool)[:_POOL], n=count) if pool else []


def did_you_mean(
    ident: str, candidates: Iterable[str] | Suggestions, *, count: int = 3
) -> list[str]:
    """The ``candidates`` that look most like ``ident``, closest first, at most ``count``.

    The one place okrkit makes its "did you mean" hints; pass :class:`Suggestions`
    to look up many ids among the same candidates.

    Examples:
        >>> did_you_mean("kr-sales", ["kr-sale", "kr-hr", "obj-sales"])
        ['kr-sale', 'obj-sales']
    """
    index = candidates if isinstance(candidates, Suggestions) else Suggestions(candidates)
    return index.closest(ident, count)
