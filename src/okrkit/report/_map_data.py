"""The alignment map as data: which objectives it shows, in which boxes, joined how.

:func:`alignment_map` picks the objectives (all of them, one unit and what is aligned
below it, down to a level or a depth), places each in the cluster of its department
and team, and lists the links between them: ``contributes`` and ``supports``
alignment, cross-team dependencies and, on request, the initiatives that drive key
results. Scores and statuses come from the scorecard of the same date
(:func:`~okrkit.report.build_scorecard`), so the map and the scorecard always agree.
Rendering (DOT, Mermaid, SVG, PNG) is in ``_map_dot.py``, ``_map_mermaid.py`` and
``_map_render.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import attrs

from okrkit.errors import Message, UnknownIdError, UsageError, kind_of
from okrkit.i18n import N_
from okrkit.model import Initiative, KeyResult, Level, LinkKind, Objective, OKRSet, OwnerKind
from okrkit.model._checks import as_date, member_of
from okrkit.report._data import ObjectiveLine, ScorecardReport
from okrkit.report._scorecard import alignment_order, build_scorecard
from okrkit.scoring import Scorecard

__all__ = ["MAX_OBJECTIVES", "Cluster", "Link", "MapData", "build_map_data"]

MAX_OBJECTIVES = 400
"""The most objectives one map draws; past it, ask for one unit or fewer levels.

Graphviz lays out a few hundred boxes in seconds; thousands take minutes and give a
picture nobody can read.
"""

_LEVEL_RANK = {Level.COMPANY: 0, Level.DEPARTMENT: 1, Level.TEAM: 2, Level.INDIVIDUAL: 3}


@attrs.frozen(kw_only=True)
class Cluster:
    """A labelled box around the objectives of one department or team.

    Attributes:
        id: The owner id of the department or team.
        name: Its name, as the set gives it.
        parent: The cluster it sits in (a team's department), ``None`` at the top.
    """

    id: str
    name: str
    parent: str | None


@attrs.frozen(kw_only=True)
class Link:
    """One line of the map, from the node below to the node above it.

    Attributes:
        kind: ``contributes`` or ``supports`` (alignment), ``depends`` (the
            ``source`` side waits on the ``target`` side) or ``drives`` (an initiative
            and a key result).
        source: The objective (or initiative) the line starts from.
        target: The objective it goes to.
        source_key_result: The key result of ``source`` it starts from, if any.
        target_key_result: The key result of ``target`` it ends at, if any.
        note: What a dependency needs, as the set says it ("" for none).
    """

    kind: str
    source: str
    target: str
    source_key_result: str | None = None
    target_key_result: str | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class MapData:
    """What an alignment map shows, before it is drawn.

    Attributes:
        scorecard: The scorecard of the map's date (its objectives are all of the set's).
        objectives: The objectives shown, in the scorecard's order (each root, then what
            is aligned to it, depth first).
        clusters: The departments and teams that hold a shown objective, parents first.
        placement: For each shown objective, the cluster it sits in (``None``: above
            every cluster, as company objectives are).
        links: The lines between shown objectives (and initiatives).
        initiatives: The initiatives shown (only with ``initiatives=True``).
        key_results: ``"inline"`` (listed inside their objective's box), ``"nodes"``
            (a box each) or ``"none"``.
    """

    scorecard: ScorecardReport
    objectives: tuple[ObjectiveLine, ...]
    clusters: tuple[Cluster, ...]
    placement: Mapping[str, str | None]
    links: tuple[Link, ...]
    initiatives: tuple[Initiative, ...] = ()
    key_results: str = "inline"

    @property
    def as_of(self) -> dt.date:
        """The date the map is scored on."""
        return self.scorecard.as_of


def build_map_data(
    okrs: OKRSet,
    *,
    as_of: Any = None,
    owner: str | None = None,
    level: Level | str | None = None,
    depth: int | None = None,
    key_results: bool = True,
    expand_key_results: bool = False,
    initiatives: bool = False,
    strategy: Any = "linear",
    scorecard: ScorecardReport | None = None,
) -> MapData:
    """Choose and place what the map of ``okrs`` shows; see :func:`okrkit.report.alignment_map`."""
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or depth < 1):
        raise UsageError(
            Message(N_("the depth must be a whole number from 1 up (got {value})"), value=depth)
        )
    if expand_key_results and not key_results:
        raise UsageError(
            Message(
                N_(
                    "key results cannot be drawn as boxes of their own and left out at "
                    "once: drop --expand or --no-key-results"
                )
            )
        )
    chosen_level = None if level is None else member_of(Level, level, "level")
    if scorecard is not None and not isinstance(scorecard, ScorecardReport):
        raise _not_a_report(scorecard)
    if scorecard is not None and as_of is not None and as_date(as_of) != scorecard.as_of:
        raise UsageError(
            Message(
                N_(
                    "the map is drawn on its scorecard's date, {date}; leave out as_of "
                    "or build the scorecard on {other}"
                ),
                date=scorecard.as_of,
                other=as_date(as_of),
            )
        )
    # Choose first, from the set alone: a map past the limit is refused before the
    # scorecard (every key result's line and forecast) is made for it.
    chosen = _chosen(okrs, owner, chosen_level, depth)
    if len(chosen) > MAX_OBJECTIVES:
        raise UsageError(
            Message(
                N_(
                    "the map would draw {count} objectives, more than {limit} can be read "
                    "in one picture; choose one unit with --owner, or fewer levels with "
                    "--level or --depth"
                ),
                count=len(chosen),
                limit=MAX_OBJECTIVES,
            )
        )
    if scorecard is not None:
        card = scorecard
    else:
        day = dt.date.today() if as_of is None else as_date(as_of)
        card = build_scorecard(okrs, as_of=day, strategy=strategy, burnup=False)
    lines = tuple(line for line in card.objectives if line.id in chosen)
    shown = {o.id for o in lines}
    clusters, placement = _clusters(okrs, lines)
    links = list(_alignment_links(okrs, shown))
    links.extend(_dependency_links(okrs, shown))
    drivers: tuple[Initiative, ...] = ()
    if initiatives:
        drivers, driven = _initiatives(okrs, shown)
        links.extend(driven)
    return MapData(
        scorecard=card,
        objectives=lines,
        clusters=clusters,
        placement=placement,
        links=tuple(links),
        initiatives=drivers,
        key_results="none" if not key_results else ("nodes" if expand_key_results else "inline"),
    )


def _not_a_report(scorecard: object) -> UsageError:
    """The error for a ``scorecard`` that is not a :class:`ScorecardReport`.

    A :class:`~okrkit.scoring.Scorecard` is refused rather than made into a report:
    the report would score the set again, which gives other scores when the scorecard
    came from another log, other options or a what-if.
    """
    if isinstance(scorecard, Scorecard):
        return UsageError(
            Message(
                N_(
                    "'scorecard' must be the report of okrkit.report.build_scorecard, not "
                    "the Scorecard of OKRSet.score(); pass "
                    "scorecard=build_scorecard(okrs, as_of={date}), or leave scorecard out "
                    "and pass as_of={date}"
                ),
                date=scorecard.as_of.isoformat(),
            )
        )
    return UsageError(
        Message(
            N_(
                "'scorecard' must be the report of okrkit.report.build_scorecard (got "
                "{value}); pass scorecard=build_scorecard(okrs, as_of=...), or leave it out"
            ),
            value=kind_of(scorecard),
        )
    )


def _owners_below(okrs: OKRSet, owner: str) -> set[str]:
    """``owner`` and every owner whose parent chain reaches it."""
    children: dict[str, list[str]] = {}
    for unit in okrs.owners:
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(unit.id)
    found, todo = {owner}, [owner]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


class _Placed(NamedTuple):
    """An objective's place in the alignment order: what choosing the shown ones reads."""

    id: str
    owner_id: str
    parent: str | None
    level: Level


def _chosen(okrs: OKRSet, owner: str | None, level: Level | None, depth: int | None) -> set[str]:
    """The ids of the objectives the map shows, chosen the scorecard's way round."""
    placed = tuple(
        _Placed(o.id, o.owner, parent, o.level) for o, parent, _ in alignment_order(okrs)
    )
    if owner is not None:
        placed = _under_owner(okrs, placed, owner)
    if level is not None:
        placed = tuple(o for o in placed if _LEVEL_RANK[o.level] <= _LEVEL_RANK[level])
    if depth is not None:
        placed = _to_depth(placed, depth)
    return {o.id for o in placed}


def _under_owner(okrs: OKRSet, placed: tuple[_Placed, ...], owner: str) -> tuple[_Placed, ...]:
    """The objectives of ``owner``'s unit and of everything aligned below them."""
    known = {unit.id for unit in okrs.owners} | {o.owner_id for o in placed}
    if owner not in known:
        raise UnknownIdError.among(owner, Message(N_("owner")), sorted(known))
    units = _owners_below(okrs, owner)
    kept: set[str] = set()
    for line in placed:  # parents come before their children in the alignment order
        if line.owner_id in units or (line.parent is not None and line.parent in kept):
            kept.add(line.id)
    return tuple(line for line in placed if line.id in kept)


def _to_depth(placed: tuple[_Placed, ...], depth: int) -> tuple[_Placed, ...]:
    """The objectives at most ``depth`` levels down from the top of the shown ones."""
    shown = {line.id for line in placed}
    level_of: dict[str, int] = {}
    for line in placed:
        above = line.parent if line.parent in shown else None
        level_of[line.id] = 1 if above is None else level_of[above] + 1
    return tuple(line for line in placed if level_of[line.id] <= depth)


def _clusters(
    okrs: OKRSet, lines: Iterable[ObjectiveLine]
) -> tuple[tuple[Cluster, ...], dict[str, str | None]]:
    """The department and team boxes, and the box each objective sits in."""
    units = {unit.id: unit for unit in okrs.owners}
    boxes: dict[str, Cluster] = {}
    placement: dict[str, str | None] = {}

    def box_of(owner_id: str) -> str | None:
        chain, seen, current = [], set(), units.get(owner_id)
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.kind in (OwnerKind.DEPARTMENT, OwnerKind.TEAM):
                chain.append(current)
            current = None if current.parent is None else units.get(current.parent)
        parent: str | None = None
        for unit in reversed(chain):  # the department first, then its team
            boxes.setdefault(unit.id, Cluster(id=unit.id, name=unit.name, parent=parent))
            parent = unit.id
        return parent

    for line in lines:
        placement[line.id] = None if line.level is Level.COMPANY else box_of(line.owner_id)
    ordered = sorted(boxes.values(), key=lambda box: box.parent is not None)
    return tuple(ordered), placement


def _parent_of(okrs: OKRSet, ident: str) -> tuple[str, str | None] | None:
    """The objective ``ident`` is or belongs to, and the key result when it is one."""
    if ident not in okrs:
        return None
    entity = okrs.get(ident)
    if isinstance(entity, KeyResult):
        return okrs.objective_of(ident).id, ident
    if isinstance(entity, Objective):
        return ident, None
    return None


def _alignment_links(okrs: OKRSet, shown: set[str]) -> Iterable[Link]:
    """A line for each alignment between two shown objectives (or their key results).

    Read from the set itself, not its networkx graph: a map of a few objectives of a
    large set never builds the graph of all of it.
    """
    for objective in okrs.objectives:
        if objective.id not in shown:
            continue
        starts: tuple[Objective | KeyResult, ...] = (objective, *objective.key_results)
        for start in starts:
            for alignment in start.aligned_to:
                above = _parent_of(okrs, alignment.parent)
                if above is None or above[0] not in shown or above[0] == objective.id:
                    continue
                yield Link(
                    kind="contributes" if alignment.kind is LinkKind.CONTRIBUTES else "supports",
                    source=objective.id,
                    target=above[0],
                    source_key_result=None if start is objective else start.id,
                    target_key_result=above[1],
                )


def _dependency_links(okrs: OKRSet, shown: set[str]) -> Iterable[Link]:
    """A line for each dependency whose two sides are shown, in different objectives."""
    for dependency in okrs.dependencies:
        waits, on = _parent_of(okrs, dependency.dependent), _parent_of(okrs, dependency.on)
        if waits is None or on is None:
            continue
        if waits[0] in shown and on[0] in shown and waits[0] != on[0]:
            yield Link(
                kind="depends",
                source=waits[0],
                target=on[0],
                source_key_result=waits[1],
                target_key_result=on[1],
                note=dependency.note,
            )


def _initiatives(okrs: OKRSet, shown: set[str]) -> tuple[tuple[Initiative, ...], list[Link]]:
    """The initiatives that drive a shown key result, and a line for each they drive."""
    drivers: list[Initiative] = []
    links: list[Link] = []
    for initiative in okrs.initiatives:
        driven = []
        for kr in initiative.drives:
            above = _parent_of(okrs, kr)
            if above is not None and above[1] is not None and above[0] in shown:
                driven.append(
                    Link(
                        kind="drives", source=initiative.id, target=above[0], target_key_result=kr
                    )
                )
        if driven:
            drivers.append(initiative)
            links.extend(driven)
    return tuple(drivers), links
