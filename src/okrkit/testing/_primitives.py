"""The smallest pieces: ids, texts, numbers, dates, and drawing ids from a pool.

Every other strategy module builds on these. Strategies are immutable, so each one is
built once (``functools.cache``) and shared, which keeps generation fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import string
import sys
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from okrkit.model import Cycle

# Dates fall in this century unless a caller asks otherwise.
_MIN_DATE = dt.date(2000, 1, 1)
_MAX_DATE = dt.date(2099, 12, 31)

_ID_FIRST = string.ascii_lowercase + string.digits
_ID_REST = _ID_FIRST + "-"

_VIETNAMESE_LOWER = "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_VIETNAMESE_LETTERS = _VIETNAMESE_LOWER + _VIETNAMESE_LOWER.upper()
_WORD_ALPHABET = string.ascii_letters + string.digits + _VIETNAMESE_LETTERS

# Words from real OKRs, in both languages, and the punctuation titles carry.
_WORDS = (
    # Vietnamese
    "Tăng", "Giảm", "doanh", "thu", "khách", "hàng", "lỗi", "sản", "phẩm", "đội", "ngũ",
    "chất", "lượng", "tỷ", "đồng", "Quý",
    # English
    "Grow", "Cut", "Ship", "revenue", "customers", "onboarding", "the", "from", "to",
    # numbers and punctuation
    "35%", "1,4", "0.8", "-", "–", "&", "→", ":", "#1", "'beta'", '"v2"', "(Q1)",
)  # fmt: skip


def _check_size(name: str, value: int, minimum: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidArgument(f"{name!r} must be a whole number >= {minimum} (got {value!r})")


# -- scalars ------------------------------------------------------------------------------


def ids(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Generate valid ids: short, readable, made of ``a-z``, ``0-9`` and ``-``.

    Every id starts with a letter or a digit and is at most ``max_size`` characters
    long, so ids read well in failure reports.

    Args:
        max_size: The longest id to generate (at least 1).

    Returns:
        A strategy of ids that every model class accepts.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(ids())
        ... def test_short_ids(ident):
        ...     assert 1 <= len(ident) <= 12 and " " not in ident
        >>> test_short_ids()
    """
    _check_size("max_size", max_size, 1)
    return _ids_up_to(max_size)


@functools.cache
def _ids_up_to(max_size: int) -> st.SearchStrategy[str]:
    # Strategies are immutable: building each one once keeps generation fast.
    return st.builds(
        str.__add__,
        st.sampled_from(_ID_FIRST),
        st.text(alphabet=_ID_REST, max_size=max_size - 1),
    )


def texts(*, max_words: int = 6) -> st.SearchStrategy[str]:
    """Generate titles and names: non-empty, never only whitespace, often Vietnamese.

    About half are readable phrases of up to ``max_words`` words, from real OKR words
    in English and Vietnamese (``"Tăng doanh thu"``) and made-up words with letters
    such as ``ăâđêôơư`` and tone marks; the rest are any printable Unicode (letters,
    marks, numbers, punctuation, symbols and spaces), which shakes out quoting bugs.
    None has a line break.

    Args:
        max_words: The most words in a readable phrase (at least 1).

    Returns:
        A strategy of texts that every title and name field accepts.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(texts())
        ... def test_never_blank(title):
        ...     assert title.strip()
        >>> test_never_blank()
    """
    _check_size("max_words", max_words, 1)
    return _texts_up_to(max_words)


@functools.cache
def _texts_up_to(max_words: int) -> st.SearchStrategy[str]:
    word = st.one_of(
        st.sampled_from(_WORDS),
        st.text(alphabet=_WORD_ALPHABET, min_size=1, max_size=8),
    )
    phrases = st.lists(word, min_size=1, max_size=max_words).map(" ".join)
    anything = st.text(
        st.characters(categories=["L", "M", "N", "P", "S", "Zs"]),
        min_size=1,
        max_size=5 * max_words,
    ).filter(lambda text: bool(text.strip()))
    return st.one_of(phrases, anything)


@functools.cache
def _descriptions() -> st.SearchStrategy[str]:
    """Optional longer text: empty half of the time, else one line or several."""
    lines = st.one_of(texts(), st.lists(texts(), min_size=2, max_size=3).map("\n".join))
    return st.one_of(st.just(""), lines)


@functools.cache
def _tags() -> st.SearchStrategy[list[str]]:
    return st.lists(texts(max_words=2), max_size=2)


@functools.cache
def _numbers(low: float, high: float) -> st.SearchStrategy[float]:
    """Finite numbers in ``[low, high]``: whole, in cents, or any float."""

    def inside(value: float) -> float:
        # Rounding may step a hair outside a bound that is not a whole number of cents.
        return min(max(value, low), high)

    # Subnormal numbers only when a bound is one: they make arithmetic on them overflow.
    subnormal = any(0 < abs(bound) < sys.float_info.min for bound in (low, high))
    branches = [st.floats(low, high, allow_infinity=False, allow_subnormal=subnormal)]
    if math.ceil(low * 100) <= math.floor(high * 100):
        cents = st.integers(math.ceil(low * 100), math.floor(high * 100))
        branches.insert(0, cents.map(lambda n: inside(n / 100)))
    if math.ceil(low) <= math.floor(high):
        whole = st.integers(math.ceil(low), math.floor(high))
        branches.insert(0, whole.map(lambda n: inside(float(n))))
    return st.one_of(branches)


def _distinct(draw: st.DrawFn, low: float, high: float, count: int) -> list[float]:
    """Draw ``count`` different numbers in ``[low, high]``, smallest first."""
    return sorted(draw(_distinct_lists(low, high, count)))


@functools.cache
def _distinct_lists(low: float, high: float, count: int) -> st.SearchStrategy[list[float]]:
    return st.lists(_numbers(low, high), min_size=count, max_size=count, unique=True)


@functools.cache
def _weights() -> st.SearchStrategy[float]:
    """Weights greater than 0: mostly the default 1, else between 0.01 and 100."""
    return st.one_of(st.just(1.0), _numbers(0.01, 100.0))


def _dates(cycle: Cycle | None) -> st.SearchStrategy[dt.date]:
    if cycle is None:
        return _date_range(_MIN_DATE, _MAX_DATE)
    return _date_range(cycle.start, cycle.end)


@functools.lru_cache(maxsize=1024)
def _date_range(first: dt.date, last: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(first, last)


def _pick_ids(
    draw: st.DrawFn,
    pool: Sequence[str] | None,
    *,
    max_size: int,
    exclude: Sequence[str] = (),
) -> list[str]:
    """Draw up to ``max_size`` distinct ids from ``pool`` (or made-up ones when ``None``)."""
    if pool is None:
        made_up = draw(st.lists(ids(), max_size=max_size, unique=True))
        return [ident for ident in made_up if ident not in exclude]
    candidates = tuple(ident for ident in dict.fromkeys(pool) if ident not in exclude)
    if not candidates:
        return []
    return draw(st.lists(st.sampled_from(candidates), max_size=max_size, unique=True))


def _optional_id(
    draw: st.DrawFn, pool: Sequence[str] | None, *, exclude: Sequence[str] = ()
) -> str | None:
    """Draw ``None`` or one id from ``pool`` (or a made-up one when ``None``)."""
    chosen = _pick_ids(draw, pool, max_size=1, exclude=exclude)
    if not chosen or draw(st.booleans()):
        return None
    return chosen[0]


def _pick_one(draw: st.DrawFn, pool: Sequence[str] | None, name: str) -> str:
    if pool is None:
        return draw(ids())
    if not pool:
        raise InvalidArgument(f"{name!r} must name at least one id (got an empty sequence)")
    return draw(st.sampled_from(list(pool)))
