"""Hypothesis strategies that generate valid OKR data, for property-testing your tools.

okrkit tests itself with these strategies; they are public so that you can test
your own exporters, reports, scoring strategies and lint rules on OKR data you did
not think of. Every object they generate passes the model's validation, and whole
sets from :func:`okr_sets` pass every cross-reference check as well: ids are unique,
owners form a tree, alignment links never loop and only join overlapping cycles,
due dates fall inside their cycles and check-in values suit their metrics.

The strategies need the ``testing`` extra (``pip install "okrkit[testing]"``);
``import okrkit`` never imports hypothesis.

Strategies for single objects (:func:`objectives`, :func:`checkins`, ...) take the ids
they may refer to as arguments; left out, they refer to made-up ids, which a single
object accepts but an :class:`~okrkit.OKRSet` would not. To get objects that refer to
each other, draw a whole set with :func:`okr_sets`.

Sizes are small by default so that tests stay fast; every strategy that makes
collections has parameters to grow them. Numbers are finite, kept within about
``±1e15``, and differ by realistic amounts (whole numbers and cents most of the time),
so that arithmetic on them does not overflow.

Examples:
    Use the strategies with :func:`hypothesis.given`, usually in a test module; this
    test checks that any OKR set survives a JSON round trip:

    >>> import okrkit
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, deadline=None)
    ... @given(okr_sets(max_objectives=6))
    ... def test_json_round_trip(okrs):
    ...     assert okrkit.loads(okrkit.dumps(okrs, "json"), "json") == okrs
    >>> test_json_round_trip()
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import string
import sys
from collections.abc import Sequence
from typing import Any

try:
    from hypothesis import reject
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:
    raise ImportError(
        'okrkit.testing needs hypothesis; install it with: pip install "okrkit[testing]"',
        name=exc.name,
    ) from exc

import attrs

from okrkit.catalogue import Parameter, ParameterType, Period, Template
from okrkit.graph import AlignmentGraph
from okrkit.model import (
    Alignment,
    Ambition,
    CheckIn,
    Confidence,
    Cycle,
    Dependency,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Level,
    LinkKind,
    Metric,
    MetricKind,
    Objective,
    OKRSet,
    Owner,
    OwnerKind,
    Unit,
)

__all__ = [
    "GraphOperation",
    "alignment_graphs",
    "alignments",
    "checkins",
    "cycles",
    "graph_operations",
    "ids",
    "initiatives",
    "key_results",
    "metrics",
    "objectives",
    "okr_sets",
    "owners",
    "template_parameters",
    "texts",
]

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

_CURRENCIES = ("VND", "USD", "EUR", "JPY", "SGD", "KRW")

# The range of values each unit's numbers are drawn from, unless a scale says otherwise.
_DOMAINS: dict[Unit, tuple[float, float]] = {
    Unit.PERCENT: (0.0, 200.0),
    Unit.COUNT: (-1e6, 1e9),
    Unit.CURRENCY: (-1e12, 1e15),
    Unit.DURATION_DAYS: (0.0, 3650.0),
    Unit.SCORE: (-100.0, 100.0),
}

_COMMON_SCALES = ((0.0, 10.0), (1.0, 5.0), (0.0, 100.0), (1.0, 10.0), (-100.0, 100.0))


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


# -- cycles and owners -------------------------------------------------------------------


def _cycle(draw: st.DrawFn, ident: str, min_date: dt.date, max_date: dt.date) -> Cycle:
    start = draw(_date_range(min_date, max_date))
    shape = draw(st.sampled_from(("quarter", "year", "month", "span")))
    name: str | None = None
    if shape == "quarter":
        whole = Cycle.quarter(start.year, (start.month - 1) // 3 + 1)
        start, end, name = whole.start, whole.end, whole.name
    elif shape == "year":
        whole = Cycle.year(start.year)
        start, end, name = whole.start, whole.end, whole.name
    elif shape == "month":
        last_day = calendar.monthrange(start.year, start.month)[1]
        start, end = start.replace(day=1), start.replace(day=last_day)
    else:
        days = draw(st.integers(0, min(400, (max_date - start).days)))
        end = start + dt.timedelta(days=days)
    if start < min_date or end > max_date:
        # A calendar period that sticks out of the range given: cut it to fit.
        start, end, name = max(start, min_date), min(end, max_date), None
    if name is None or draw(st.booleans()):
        name = draw(texts(max_words=3))
    return Cycle(id=ident, name=name, start=start, end=end)


@st.composite
def cycles(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    min_date: dt.date | None = None,
    max_date: dt.date | None = None,
) -> Cycle:
    """Generate cycles: quarters, years, months and spans of up to 400 days.

    Args:
        draw: Supplied by hypothesis; leave it out.
        ids: A strategy for the cycle's id; :func:`ids` by default.
        min_date: No cycle starts before this day; 2000-01-01 when ``None``.
        max_date: No cycle ends after this day; 2099-12-31 when ``None``.

    Returns:
        A strategy of valid :class:`~okrkit.Cycle` objects inside the dates given.

    Examples:
        >>> import datetime
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(cycles(min_date=datetime.date(2026, 1, 1)))
        ... def test_in_order(cycle):
        ...     assert datetime.date(2026, 1, 1) <= cycle.start <= cycle.end
        >>> test_in_order()
    """
    min_date = min_date if min_date is not None else _MIN_DATE
    max_date = max_date if max_date is not None else _MAX_DATE
    if max_date < min_date:
        raise InvalidArgument(f"'max_date' {max_date} is before 'min_date' {min_date}")
    ident = draw(ids if ids is not None else _id_strategy())
    return _cycle(draw, ident, min_date, max_date)


def _owner(draw: st.DrawFn, ident: str, parents: Sequence[str] | None) -> Owner:
    return Owner(
        id=ident,
        name=draw(texts(max_words=4)),
        kind=draw(st.sampled_from(OwnerKind)),
        parent=_optional_id(draw, parents, exclude=[ident]),
    )


@st.composite
def owners(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    parents: Sequence[str] | None = None,
) -> Owner:
    """Generate owners of every kind, with or without a parent.

    Args:
        draw: Supplied by hypothesis; leave it out.
        ids: A strategy for the owner's id; :func:`ids` by default.
        parents: The ids the owner's ``parent`` may name; made-up ids when ``None``,
            and never a parent when empty. The owner's own id is never its parent.

    Returns:
        A strategy of valid :class:`~okrkit.Owner` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(owners(parents=["acme"]))
        ... def test_parent(owner):
        ...     assert owner.parent in (None, "acme")
        >>> test_parent()
    """
    ident = draw(ids if ids is not None else _id_strategy())
    return _owner(draw, ident, parents)


# -- metrics -----------------------------------------------------------------------------


@functools.cache
def _currency_codes() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(_CURRENCIES),
        st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3),
    )


@functools.cache
def _scales() -> st.SearchStrategy[tuple[float, float]]:
    made_up = st.tuples(st.integers(-10, 10), st.integers(1, 100)).map(
        lambda pair: (float(pair[0]), float(pair[0] + pair[1]))
    )
    return st.one_of(st.sampled_from(_COMMON_SCALES), made_up)


def _metric(draw: st.DrawFn, kind: MetricKind | None, unit: Unit | None) -> Metric:
    kind = kind if kind is not None else draw(st.sampled_from(MetricKind))
    unit = unit if unit is not None else draw(st.sampled_from(Unit))
    currency = draw(_currency_codes()) if unit is Unit.CURRENCY else None
    scale = draw(st.one_of(st.none(), _scales())) if unit is Unit.SCORE else None
    low, high = scale if scale is not None else _DOMAINS[unit]
    start: float | None = None
    target: float | None = None
    stretch: float | None = None
    with_stretch = draw(st.booleans())
    if kind in (MetricKind.INCREASE, MetricKind.DECREASE):
        values = _distinct(draw, low, high, 3 if with_stretch else 2)
        if kind is MetricKind.DECREASE:
            values.reverse()
        start, target = values[0], values[1]
        stretch = values[2] if with_stretch else None
    elif kind in (MetricKind.AT_LEAST, MetricKind.AT_MOST):
        values = _distinct(draw, low, high, 2 if with_stretch else 1)
        if kind is MetricKind.AT_MOST:
            values.reverse()
        target = values[0]
        stretch = values[1] if with_stretch else None
        start = draw(st.one_of(st.none(), _numbers(low, high)))
    return Metric(
        kind=kind,
        start=start,
        target=target,
        unit=unit,
        currency=currency,
        scale=scale,
        stretch=stretch,
    )


@st.composite
def metrics(
    draw: st.DrawFn,
    kind: MetricKind | None = None,
    unit: Unit | None = None,
) -> Metric:
    """Generate metrics of every kind and unit, in every valid combination.

    Increase and decrease metrics get a start and a target on the right side of it,
    at-least and at-most metrics a target and sometimes a start; any of these may have
    a stretch beyond the target. Milestones have none of the three. A currency metric
    always has a code such as ``"VND"``; a score sometimes has a scale, with every
    value on it; a duration is never negative.

    Args:
        draw: Supplied by hypothesis; leave it out.
        kind: Generate only this kind; any kind when ``None``.
        unit: Generate only this unit; any unit when ``None``.

    Returns:
        A strategy of valid :class:`~okrkit.Metric` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(metrics(MetricKind.DECREASE))
        ... def test_goes_down(metric):
        ...     assert metric.start > metric.target
        ...     assert metric.stretch is None or metric.stretch < metric.target
        >>> test_goes_down()
    """
    kind = MetricKind(kind) if kind is not None else None
    unit = Unit(unit) if unit is not None else None
    return _metric(draw, kind, unit)


# -- alignment, key results and objectives -------------------------------------------------


def _alignments(draw: st.DrawFn, parents: Sequence[str]) -> list[Alignment]:
    return [
        Alignment(
            parent=parent,
            kind=draw(st.sampled_from(LinkKind)),
            weight=draw(_weights()),
        )
        for parent in parents
    ]


@st.composite
def alignments(draw: st.DrawFn, *, parents: Sequence[str] | None = None) -> Alignment:
    """Generate alignment links: ``contributes`` or ``supports``, with a weight.

    Args:
        draw: Supplied by hypothesis; leave it out.
        parents: The ids the link may point to; made-up ids when ``None``.

    Returns:
        A strategy of valid :class:`~okrkit.Alignment` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(alignments(parents=["obj-1", "kr-2"]))
        ... def test_parent(link):
        ...     assert link.parent in ("obj-1", "kr-2") and link.weight > 0
        >>> test_parent()
    """
    parent = _pick_one(draw, parents, "parents")
    return _alignments(draw, [parent])[0]


def _key_result(
    draw: st.DrawFn,
    ident: str,
    *,
    metric: Metric,
    owners: Sequence[str] | None,
    parents: Sequence[str] | None,
    cycle: Cycle | None,
    exclude: Sequence[str] = (),
) -> KeyResult:
    """Make a key result; it never aligns to itself nor to an id in ``exclude``."""
    return KeyResult(
        id=ident,
        title=draw(texts()),
        metric=metric,
        description=draw(_descriptions()),
        owners=_pick_ids(draw, owners, max_size=3),
        weight=draw(_weights()),
        due=draw(st.one_of(st.none(), _dates(cycle))),
        aligned_to=_alignments(
            draw, _pick_ids(draw, parents, max_size=3, exclude=[ident, *exclude])
        ),
    )


@st.composite
def key_results(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    metrics: st.SearchStrategy[Metric] | None = None,
    owners: Sequence[str] | None = None,
    parents: Sequence[str] | None = None,
    cycle: Cycle | None = None,
) -> KeyResult:
    """Generate key results with a metric, owners, a weight and sometimes a due date.

    Args:
        draw: Supplied by hypothesis; leave it out.
        ids: A strategy for the key result's id; :func:`ids` by default.
        metrics: A strategy for its metric; :func:`metrics` by default.
        owners: The owner ids it may name (up to three); made-up ids when ``None``.
        parents: The objective and key result ids it may align to (up to three);
            made-up ids when ``None``. It never aligns to itself.
        cycle: When given, a due date always falls inside it.

    Returns:
        A strategy of valid :class:`~okrkit.KeyResult` objects.

    Examples:
        >>> q1 = Cycle.quarter(2026, 1)
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(key_results(cycle=q1))
        ... def test_due_in_cycle(kr):
        ...     assert kr.due is None or q1.contains(kr.due)
        >>> test_due_in_cycle()
    """
    ident = draw(ids if ids is not None else _id_strategy())
    metric = draw(metrics if metrics is not None else _metric_strategy())
    return _key_result(draw, ident, metric=metric, owners=owners, parents=parents, cycle=cycle)


def _objective(
    draw: st.DrawFn,
    ident: str,
    *,
    owner: str,
    cycle: str,
    aligned_to: Sequence[Alignment],
    key_results: Sequence[KeyResult],
) -> Objective:
    return Objective(
        id=ident,
        title=draw(texts()),
        owner=owner,
        cycle=cycle,
        level=draw(st.sampled_from(Level)),
        ambition=draw(st.sampled_from(Ambition)),
        description=draw(_descriptions()),
        aligned_to=aligned_to,
        tags=draw(_tags()),
        key_results=key_results,
    )


@st.composite
def objectives(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    owners: Sequence[str] | None = None,
    cycles: Sequence[Cycle] | None = None,
    parents: Sequence[str] | None = None,
    max_key_results: int = 4,
) -> Objective:
    """Generate objectives of every level and ambition, with their key results.

    The objective and its key results have different ids, and none of them aligns
    to another: the objective does not align to its own key results, nor its key
    results to it or to each other.

    Args:
        draw: Supplied by hypothesis; leave it out.
        ids: A strategy for the ids of the objective and its key results;
            :func:`ids` by default.
        owners: The owner ids to draw from; made-up ids when ``None``.
        cycles: The cycles to set it for; a made-up cycle when ``None``. Due dates of
            key results fall inside the chosen cycle.
        parents: The objective and key result ids it and its key results may align
            to; made-up ids when ``None``.
        max_key_results: The most key results to give it.

    Returns:
        A strategy of valid :class:`~okrkit.Objective` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(objectives())
        ... def test_unique_ids(obj):
        ...     ids = [obj.id, *(kr.id for kr in obj.key_results)]
        ...     assert len(set(ids)) == len(ids)
        >>> test_unique_ids()
    """
    _check_size("max_key_results", max_key_results)
    id_strategy = ids if ids is not None else _id_strategy()
    if cycles is not None and not cycles:
        raise InvalidArgument("'cycles' must hold at least one Cycle (got an empty sequence)")
    cycle = draw(st.sampled_from(list(cycles))) if cycles is not None else draw(_cycle_strategy())
    owner = _pick_one(draw, owners, "owners")
    count = draw(st.integers(0, max_key_results))
    # Parents given are someone else's: keep the new ids clear of them.
    taken = list(parents or ())
    new_ids = draw(
        st.lists(
            id_strategy.filter(lambda ident: ident not in taken),
            min_size=count + 1,
            max_size=count + 1,
            unique=True,
        )
    )
    ident, kr_ids = new_ids[0], new_ids[1:]
    links = _alignments(draw, _pick_ids(draw, parents, max_size=3, exclude=new_ids))
    krs = [
        _key_result(
            draw,
            kr_id,
            metric=_metric(draw, None, None),
            owners=owners,
            parents=parents,
            cycle=cycle,
            exclude=new_ids,
        )
        for kr_id in kr_ids
    ]
    return _objective(draw, ident, owner=owner, cycle=cycle.id, aligned_to=links, key_results=krs)


# -- initiatives and check-ins ---------------------------------------------------------


def _initiative(
    draw: st.DrawFn,
    ident: str,
    *,
    owners: Sequence[str] | None,
    key_results: Sequence[str] | None,
) -> Initiative:
    return Initiative(
        id=ident,
        title=draw(texts()),
        owner=_pick_one(draw, owners, "owners"),
        drives=_pick_ids(draw, key_results, max_size=3),
        status=draw(st.sampled_from(InitiativeStatus)),
        due=draw(st.one_of(st.none(), _dates(None))),
        description=draw(_descriptions()),
    )


@st.composite
def initiatives(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    owners: Sequence[str] | None = None,
    key_results: Sequence[str] | None = None,
) -> Initiative:
    """Generate initiatives in every status, driving up to three key results.

    Args:
        draw: Supplied by hypothesis; leave it out.
        ids: A strategy for the initiative's id; :func:`ids` by default.
        owners: The owner ids to draw its owner from; a made-up id when ``None``.
        key_results: The key result ids it may drive; made-up ids when ``None``.

    Returns:
        A strategy of valid :class:`~okrkit.Initiative` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(initiatives(key_results=["kr-1"]))
        ... def test_drives(initiative):
        ...     assert initiative.drives in ((), ("kr-1",))
        >>> test_drives()
    """
    ident = draw(ids if ids is not None else _id_strategy())
    return _initiative(draw, ident, owners=owners, key_results=key_results)


def _checkin_value(draw: st.DrawFn, metric: Metric | None) -> float:
    if metric is None:
        return draw(_numbers(*_DOMAINS[Unit.COUNT]))
    if metric.is_milestone:
        return draw(st.sampled_from((0.0, 1.0)))
    low, high = metric.scale if metric.scale is not None else _DOMAINS[metric.unit]
    marks = [v for v in (metric.start, metric.target, metric.stretch) if v is not None]
    # The metric's own values are the interesting edges: exactly on target, and so on.
    return draw(st.one_of(st.sampled_from(marks), _numbers(low, high)))


def _checkin(
    draw: st.DrawFn,
    key_result: str,
    *,
    metric: Metric | None,
    cycle: Cycle | None,
    authors: Sequence[str] | None,
) -> CheckIn:
    return CheckIn(
        key_result=key_result,
        on=draw(_dates(cycle)),
        value=_checkin_value(draw, metric),
        confidence=draw(st.one_of(st.none(), st.sampled_from(Confidence))),
        note=draw(st.one_of(st.just(""), _descriptions())),
        author=_optional_id(draw, authors),
    )


@st.composite
def checkins(
    draw: st.DrawFn,
    *,
    key_result: str | KeyResult | None = None,
    metric: Metric | None = None,
    cycle: Cycle | None = None,
    authors: Sequence[str] | None = None,
) -> CheckIn:
    """Generate check-ins whose values suit the key result's metric.

    A milestone gets 0 or 1, a scored metric a value on its scale and a duration a
    value of 0 or more; the metric's own start, target and stretch come up often.
    The confidence is ``None`` or 1-5.

    Args:
        draw: Supplied by hypothesis; leave it out.
        key_result: The key result (or its id) the check-in is for; a made-up id
            when ``None``.
        metric: The metric the value must suit; a key result's own metric when
            ``key_result`` is a :class:`~okrkit.KeyResult`, otherwise any finite
            number when ``None``.
        cycle: When given, the day reported falls inside it.
        authors: The owner ids an author may be drawn from; made-up ids when
            ``None``. The author is sometimes left out.

    Returns:
        A strategy of valid :class:`~okrkit.CheckIn` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(checkins(metric=Metric(kind="milestone")))
        ... def test_done_or_not(checkin):
        ...     assert checkin.value in (0, 1)
        >>> test_done_or_not()
    """
    if isinstance(key_result, KeyResult):
        metric = metric if metric is not None else key_result.metric
        ident = key_result.id
    else:
        ident = key_result if key_result is not None else draw(_id_strategy())
    return _checkin(draw, ident, metric=metric, cycle=cycle, authors=authors)


# -- whole OKR sets ----------------------------------------------------------------------


def _dependencies(
    draw: st.DrawFn,
    objective_list: Sequence[Objective],
    key_result_list: Sequence[KeyResult],
    items: Sequence[str],
    max_dependencies: int,
) -> list[Dependency]:
    """Dependencies between items that never run along an alignment or key-result edge."""
    linked = {(o.id, link.parent) for o in objective_list for link in o.aligned_to}
    linked |= {(o.id, kr.id) for o in objective_list for kr in o.key_results}
    linked |= {(kr.id, link.parent) for kr in key_result_list for link in kr.aligned_to}
    free = [(a, b) for a in items for b in items if a != b and (a, b) not in linked]
    if not free:
        return []
    pairs = draw(st.lists(st.sampled_from(free), max_size=max_dependencies, unique=True))
    return [
        Dependency(dependent=a, on=b, note=draw(st.sampled_from(["", *_WORDS[:4]])))
        for a, b in pairs
    ]


@st.composite
def okr_sets(
    draw: st.DrawFn,
    *,
    max_cycles: int = 3,
    max_owners: int = 4,
    min_objectives: int = 0,
    max_objectives: int = 4,
    max_key_results: int = 3,
    max_initiatives: int = 3,
    max_checkins: int = 5,
    max_dependencies: int = 3,
) -> OKRSet:
    """Generate whole, valid OKR sets whose entities refer to each other.

    What every set guarantees:

    - ids are unique across cycles, owners, objectives, key results and initiatives;
    - owners' parents are other owners of the set, and never form a loop;
    - objectives and key results align (sometimes to several parents, sometimes as
      ``supports``) only to objectives and key results generated before them, whose
      cycle overlaps theirs, so alignment never loops; no objective aligns to its own
      key results, and no key result to its own objective;
    - key result due dates fall inside their objective's cycle;
    - initiatives drive key results of the set; check-ins are for key results of the
      set, fall inside the objective's cycle, have values that suit the metric, and
      name an owner of the set when they name an author.

    Owners and objectives come in shuffled order, so a parent may be listed after its
    children, as it may in a file.

    Args:
        draw: Supplied by hypothesis; leave it out.
        max_cycles: The most cycles (at least 1); all fall within one calendar year,
            so that many overlap.
        max_owners: The most owners (at least 1).
        min_objectives: The fewest objectives.
        max_objectives: The most objectives.
        max_key_results: The most key results per objective.
        max_initiatives: The most initiatives.
        max_checkins: The most check-ins (none when the set has no key results).
        max_dependencies: The most dependencies between objectives and key results.

    Returns:
        A strategy of valid :class:`~okrkit.OKRSet` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, deadline=None)
        ... @given(okr_sets(min_objectives=2))
        ... def test_lookups(okrs):
        ...     assert len(okrs.objectives) >= 2
        ...     for kr in okrs.key_results:
        ...         assert kr in okrs.objective_of(kr.id).key_results
        >>> test_lookups()
    """
    _check_size("max_cycles", max_cycles, 1)
    _check_size("max_owners", max_owners, 1)
    _check_size("min_objectives", min_objectives)
    _check_size("max_objectives", max_objectives, min_objectives)
    _check_size("max_key_results", max_key_results)
    _check_size("max_initiatives", max_initiatives)
    _check_size("max_checkins", max_checkins)
    _check_size("max_dependencies", max_dependencies)

    cycle_count = draw(st.integers(1, max_cycles))
    owner_count = draw(st.integers(1, max_owners))
    kr_counts = draw(
        st.lists(st.integers(0, max_key_results), min_size=min_objectives, max_size=max_objectives)
    )
    initiative_count = draw(st.integers(0, max_initiatives))
    total = cycle_count + owner_count + len(kr_counts) + sum(kr_counts) + initiative_count
    fresh = iter(draw(st.lists(ids(), min_size=total, max_size=total, unique=True)))

    year = draw(st.integers(_MIN_DATE.year, _MAX_DATE.year))
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cycle_list = [_cycle(draw, next(fresh), first, last) for _ in range(cycle_count)]

    owner_list: list[Owner] = []
    for _ in range(owner_count):
        owner_list.append(_owner(draw, next(fresh), [owner.id for owner in owner_list]))
    owner_ids = [owner.id for owner in owner_list]

    # Objectives and key results drawn so far, with their objective's cycle: the only
    # possible parents of what comes next, so alignment links always point back.
    earlier: list[tuple[str, Cycle]] = []
    objective_list: list[Objective] = []
    kr_cycles: list[tuple[KeyResult, Cycle]] = []
    for kr_count in kr_counts:
        ident = next(fresh)
        cycle = draw(st.sampled_from(cycle_list))
        eligible = [parent for parent, other in earlier if other.overlaps(cycle)]
        links = _alignments(draw, _pick_ids(draw, eligible, max_size=3))
        krs: list[KeyResult] = []
        for _ in range(kr_count):
            kr = _key_result(
                draw,
                next(fresh),
                metric=_metric(draw, None, None),
                owners=owner_ids,
                parents=eligible + [sibling.id for sibling in krs],
                cycle=cycle,
            )
            krs.append(kr)
        objective_list.append(
            _objective(
                draw,
                ident,
                owner=draw(st.sampled_from(owner_ids)),
                cycle=cycle.id,
                aligned_to=links,
                key_results=krs,
            )
        )
        earlier.append((ident, cycle))
        earlier.extend((kr.id, cycle) for kr in krs)
        kr_cycles.extend((kr, cycle) for kr in krs)

    kr_ids = [kr.id for kr, _cycle_of_kr in kr_cycles]
    initiative_list = [
        _initiative(draw, next(fresh), owners=owner_ids, key_results=kr_ids)
        for _ in range(initiative_count)
    ]
    checkin_list: list[CheckIn] = []
    if kr_cycles:
        for _ in range(draw(st.integers(0, max_checkins))):
            kr, cycle = draw(st.sampled_from(kr_cycles))
            checkin = _checkin(draw, kr.id, metric=kr.metric, cycle=cycle, authors=owner_ids)
            # One check-in per key result and day, as an OKR set requires.
            if all((c.key_result, c.on) != (checkin.key_result, checkin.on) for c in checkin_list):
                checkin_list.append(checkin)

    dependency_list = _dependencies(
        draw,
        objective_list,
        [kr for kr, _c in kr_cycles],
        [ident for ident, _cycle_of_item in earlier],
        max_dependencies,
    )

    shuffled_owners = draw(st.permutations(owner_list))
    shuffled_objectives = draw(st.permutations(objective_list))
    return OKRSet(
        cycles=cycle_list,
        owners=shuffled_owners,
        objectives=shuffled_objectives,
        initiatives=initiative_list,
        checkins=checkin_list,
        dependencies=dependency_list,
    )


# Aliases for use inside functions whose parameters share these names.
_id_strategy = ids
_cycle_strategy = cycles


@functools.cache
def _metric_strategy() -> st.SearchStrategy[Metric]:
    return metrics()


# -- template parameters -----------------------------------------------------------------


def _template_order(template: Template) -> list[Parameter]:
    """The parameters, each after the ones its ``above``/``below`` refer to."""
    by_name = {param.name: param for param in template.parameters}
    ordered: list[Parameter] = []
    seen: set[str] = set()

    def visit(param: Parameter, path: tuple[str, ...]) -> None:
        if param.name in seen or param.name in path:
            return
        for other in (param.above, param.below):
            if other is not None and other in by_name:
                visit(by_name[other], (*path, param.name))
        seen.add(param.name)
        ordered.append(param)

    for param in template.parameters:
        visit(param, ())
    return ordered


def _parameter_value(
    draw: st.DrawFn, param: Parameter, values: dict[str, Any], cycle: Cycle
) -> Any:
    kind = param.type
    if kind.is_numeric:
        low, high = param.bounds
        low = 0.0 if low is None else low
        high = low + 1e9 if high is None else high
        if param.above is not None and param.above in values:
            low = max(low, float(values[param.above]))
        if param.below is not None and param.below in values:
            high = min(high, float(values[param.below]))
        if not low < high:
            return None  # the related values left no room; the caller rejects the draw
        if high - low > 2:
            # Whole numbers, strictly inside the bounds, as people write them.
            return float(draw(st.integers(math.floor(low) + 1, math.ceil(high) - 1)))
        return draw(
            st.floats(
                min_value=low,
                max_value=high,
                exclude_min=True,
                exclude_max=True,
                allow_nan=False,
                allow_infinity=False,
            )
        )
    if kind is ParameterType.DATE:
        return draw(_date_range(cycle.start, cycle.end))
    if kind is ParameterType.PERIOD:
        count = draw(st.integers(1, 12))
        unit = draw(st.sampled_from(["day", "week", "month", "quarter", "year"]))
        return Period(count, unit)
    return draw(_texts_up_to(4))


@st.composite
def template_parameters(
    draw: st.DrawFn, template: Template, *, cycle: Cycle | None = None
) -> dict[str, Any]:
    """Parameter values for ``template`` that respect its bounds and relations.

    Numbers lie strictly inside each parameter's bounds and keep every ``above`` /
    ``below`` rule; dates fall inside ``cycle`` (Q1 2026 by default). Use it to test
    your own templates: every draw should instantiate.

    Examples:
        >>> from hypothesis import given, settings
        >>> from okrkit import Cycle, catalogue
        >>> template = catalogue.load().get("okr-marketing-mql")
        >>> @settings(max_examples=10, deadline=None)
        ... @given(template_parameters(template))
        ... def test_instantiates(params):
        ...     template.instantiate(params, owner="me", cycle=Cycle.quarter(2026, 1))
        >>> test_instantiates()
    """
    cycle = cycle or Cycle.quarter(2026, 1)
    values: dict[str, Any] = {}
    for param in _template_order(template):
        value = _parameter_value(draw, param, values, cycle)
        if value is None:
            reject()
        values[param.name] = value
    return values


# -- alignment graphs ---------------------------------------------------------------------


def alignment_graphs(**okr_set_options: int) -> st.SearchStrategy[AlignmentGraph]:
    """Editable alignment graphs of generated OKR sets.

    Args:
        **okr_set_options: Passed to :func:`okr_sets` (``max_objectives=8``, ...).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10, deadline=None)
        ... @given(alignment_graphs())
        ... def test_set_round_trip(graph):
        ...     assert AlignmentGraph.from_okrset(graph.to_okrset()) == graph
        >>> test_set_round_trip()
    """
    return okr_sets(**okr_set_options).map(AlignmentGraph.from_okrset)


@attrs.frozen
class GraphOperation:
    """One change to an alignment graph, as drawn by :func:`graph_operations`.

    Attributes:
        method: The :class:`~okrkit.graph.AlignmentGraph` method to call.
        args: Its positional arguments.
        kwargs: Its keyword arguments, as ``(name, value)`` pairs.
    """

    method: str
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()

    def apply(self, graph: AlignmentGraph) -> Any:
        """Call the method on ``graph``; it may raise :class:`~okrkit.AlignmentError`."""
        return getattr(graph, self.method)(*self.args, **dict(self.kwargs))

    def __repr__(self) -> str:
        args = [repr(a if not hasattr(a, "id") else a.id) for a in self.args]
        args += [f"{k}={v!r}" for k, v in self.kwargs]
        return f"{self.method}({', '.join(args)})"


@st.composite
def graph_operations(
    draw: st.DrawFn, graph: AlignmentGraph, *, max_size: int = 8
) -> list[GraphOperation]:
    """Sequences of changes to ``graph``, valid and not.

    The operations name ids the graph holds (so some would make loops, align across
    cycles or repeat a link) and ids it does not (dangling); new objectives take the
    graph's cycles and owners, and sometimes an id that is already taken. Apply them in
    order and check your invariants after each, whether it raised or not.

    Examples:
        >>> from hypothesis import given, settings, strategies as st
        >>> from okrkit import AlignmentError
        >>> @settings(max_examples=10, deadline=None)
        ... @given(st.data())
        ... def test_refusals_change_nothing(data):
        ...     graph = data.draw(alignment_graphs())
        ...     for operation in data.draw(graph_operations(graph)):
        ...         before = graph.copy()
        ...         try:
        ...             operation.apply(graph)
        ...         except AlignmentError:
        ...             assert graph == before
        >>> test_refusals_change_nothing()
    """
    _check_size("max_size", max_size)
    items = [o.id for o in graph.objectives()] + [kr.id for kr in graph.key_results()]
    key_results = [kr.id for kr in graph.key_results()]
    nodes = [str(node) for node in graph.nx.nodes]
    cycles = list(graph.cycles.values())
    owners = list(graph.owners)
    fresh = iter(draw(st.lists(ids(), min_size=3 * max_size, max_size=3 * max_size, unique=True)))

    def some(pool: Sequence[str]) -> str:
        if pool and draw(st.integers(0, 9)) > 0:
            return draw(st.sampled_from(pool))
        return next(fresh)  # dangling

    operations: list[GraphOperation] = []
    for _ in range(draw(st.integers(0, max_size))):
        choice = draw(st.sampled_from(["add", "initiative", "align", "depend", "remove"]))
        if choice == "add" and cycles and owners:
            cycle = draw(st.sampled_from(cycles))
            reuse = items and draw(st.integers(0, 9)) == 0
            ident = draw(st.sampled_from(items)) if reuse else next(fresh)
            krs = [
                _key_result(
                    draw,
                    next(fresh),
                    metric=_metric(draw, None, None),
                    owners=owners,
                    parents=items[:5],
                    cycle=cycle,
                )
                for _ in range(draw(st.integers(0, 2)))
            ]
            own = {ident, *(kr.id for kr in krs)}
            candidates = [item for item in items if item not in own]
            links = _alignments(draw, _pick_ids(draw, candidates, max_size=2))
            objective = _objective(
                draw,
                ident,
                owner=draw(st.sampled_from(owners)),
                cycle=cycle.id,
                aligned_to=links,
                key_results=krs,
            )
            operations.append(GraphOperation("add_objective", (objective,)))
        elif choice == "initiative" and owners:
            initiative = _initiative(
                draw, next(fresh), owners=owners, key_results=key_results or None
            )
            operations.append(GraphOperation("add_initiative", (initiative,)))
        elif choice == "align":
            kind = draw(st.sampled_from(LinkKind))
            operations.append(
                GraphOperation("align", (some(items), some(items)), (("kind", kind),))
            )
        elif choice == "depend":
            operations.append(
                GraphOperation("depends_on", (some(items), some(items)), (("note", "n"),))
            )
        else:
            operations.append(GraphOperation("remove", (some(nodes),)))
    return operations
