"""Cycles, owners, initiatives and check-ins: the entities around objectives."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from okrkit.model import (
    CheckIn,
    Confidence,
    Cycle,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Metric,
    Owner,
    OwnerKind,
)
from okrkit.testing._metrics import _checkin_value
from okrkit.testing._primitives import (
    _MAX_DATE,
    _MIN_DATE,
    _date_range,
    _dates,
    _descriptions,
    _optional_id,
    _pick_ids,
    _pick_one,
    texts,
)
from okrkit.testing._primitives import ids as _id_strategy

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


# An alias for use inside functions whose parameters share the name.
_cycle_strategy = cycles
