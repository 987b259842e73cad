"""Whole OKR sets whose entities refer to each other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from hypothesis import strategies as st

from okrkit.model import CheckIn, Cycle, Dependency, KeyResult, Objective, OKRSet, Owner
from okrkit.testing._entities import _checkin, _cycle, _initiative, _owner
from okrkit.testing._metrics import _metric
from okrkit.testing._objectives import _alignments, _key_result, _objective
from okrkit.testing._primitives import (
    _MAX_DATE,
    _MIN_DATE,
    _WORDS,
    _check_size,
    _pick_ids,
    ids,
)

_LOCALES = (None, "vi", "en", "vi_VN", "en_GB")
"""The locales a generated set declares (``None``: it declares none)."""


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


def _owner_tree(draw: st.DrawFn, fresh: Iterator[str], count: int) -> list[Owner]:
    """``count`` owners, each with no parent or one drawn before it, so never a loop."""
    owner_list: list[Owner] = []
    for _ in range(count):
        owner_list.append(_owner(draw, next(fresh), [owner.id for owner in owner_list]))
    return owner_list


def _objectives_pointing_back(
    draw: st.DrawFn,
    fresh: Iterator[str],
    kr_counts: Sequence[int],
    cycle_list: Sequence[Cycle],
    owner_ids: Sequence[str],
) -> tuple[list[Objective], list[tuple[str, Cycle]], list[tuple[KeyResult, Cycle]]]:
    """Objectives with ``kr_counts`` key results, each aligned only to what came before.

    Returns the objectives, every objective and key result id with its objective's
    cycle (in the order drawn), and every key result with that cycle.
    """
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
    return objective_list, earlier, kr_cycles


def _checkins_of(
    draw: st.DrawFn,
    kr_cycles: Sequence[tuple[KeyResult, Cycle]],
    owner_ids: Sequence[str],
    max_checkins: int,
) -> list[CheckIn]:
    """Up to ``max_checkins`` check-ins for the key results, inside their cycles."""
    checkin_list: list[CheckIn] = []
    if kr_cycles:
        for _ in range(draw(st.integers(0, max_checkins))):
            kr, cycle = draw(st.sampled_from(kr_cycles))
            checkin = _checkin(draw, kr.id, metric=kr.metric, cycle=cycle, authors=owner_ids)
            # One check-in per key result and day, as an OKR set requires.
            if all((c.key_result, c.on) != (checkin.key_result, checkin.on) for c in checkin_list):
                checkin_list.append(checkin)
    return checkin_list


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
    children, as it may in a file. The set's ``locale`` is none, or one of a few that
    babel knows (``vi``, ``en``, ``vi_VN``, ``en_GB``).

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

    owner_list = _owner_tree(draw, fresh, owner_count)
    owner_ids = [owner.id for owner in owner_list]
    objective_list, earlier, kr_cycles = _objectives_pointing_back(
        draw, fresh, kr_counts, cycle_list, owner_ids
    )
    kr_ids = [kr.id for kr, _cycle_of_kr in kr_cycles]
    initiative_list = [
        _initiative(draw, next(fresh), owners=owner_ids, key_results=kr_ids)
        for _ in range(initiative_count)
    ]
    checkin_list = _checkins_of(draw, kr_cycles, owner_ids, max_checkins)

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
        locale=draw(st.sampled_from(_LOCALES)),
        cycles=cycle_list,
        owners=shuffled_owners,
        objectives=shuffled_objectives,
        initiatives=initiative_list,
        checkins=checkin_list,
        dependencies=dependency_list,
    )
