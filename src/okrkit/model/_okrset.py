"""The whole of one OKR file: cycles, owners, objectives, initiatives and check-ins."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from okrkit.errors import OKRError, Problem, ValidationError
from okrkit.i18n import N_, _
from okrkit.model._checks import as_tuple
from okrkit.model._entities import (
    Alignment,
    CheckIn,
    Cycle,
    Dependency,
    Initiative,
    KeyResult,
    Objective,
    Owner,
)

if TYPE_CHECKING:
    import datetime as dt

    from okrkit.graph import AlignmentGraph
    from okrkit.scoring import Scorecard

__all__ = ["SCHEMA_VERSION", "OKRSet", "UnknownIdError"]

SCHEMA_VERSION = 1
"""The version of the file format this okrkit reads and writes."""

Entity = Cycle | Owner | Objective | KeyResult | Initiative
_T = TypeVar("_T")


class UnknownIdError(OKRError, KeyError):
    """An id that names nothing in the OKR set, with the closest ids that do.

    Attributes:
        id: The id asked for.
        suggestions: Known ids that look like it, closest first.
    """

    def __init__(self, ident: str, kind: str, suggestions: Sequence[str] = ()) -> None:
        self.id = ident
        self.suggestions = tuple(suggestions)
        if self.suggestions:
            message = _("no {kind} with id {id!r}; did you mean {suggestions}?").format(
                kind=kind, id=ident, suggestions=", ".join(repr(s) for s in self.suggestions)
            )
        else:
            message = _("no {kind} with id {id!r}").format(kind=kind, id=ident)
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


# One converter per field: mypy's attrs plugin reads each one's parameter type as the
# type __init__ accepts, which a generic converter would leave unsolved.
def _to_cycles(value: Iterable[Cycle]) -> tuple[Cycle, ...]:
    return cast(tuple[Cycle, ...], as_tuple(value))


def _to_owners(value: Iterable[Owner]) -> tuple[Owner, ...]:
    return cast(tuple[Owner, ...], as_tuple(value))


def _to_objectives(value: Iterable[Objective]) -> tuple[Objective, ...]:
    return cast(tuple[Objective, ...], as_tuple(value))


def _to_initiatives(value: Iterable[Initiative]) -> tuple[Initiative, ...]:
    return cast(tuple[Initiative, ...], as_tuple(value))


def _to_checkins(value: Iterable[CheckIn]) -> tuple[CheckIn, ...]:
    return cast(tuple[CheckIn, ...], as_tuple(value))


def _to_dependencies(value: Iterable[Dependency]) -> tuple[Dependency, ...]:
    return cast(tuple[Dependency, ...], as_tuple(value))


@attrs.frozen(kw_only=True)
class OKRSet:
    """Everything in one OKR file, with every cross-reference checked.

    Key results are nested in their objectives. Ids are unique across the whole
    set, and every id one entity names (an owner, a cycle, a parent, a key result)
    must exist in it; construction raises one
    :class:`~okrkit.errors.ValidationError` that lists every problem.

    Attributes:
        schema_version: The version of the file format (see ``SCHEMA_VERSION``).
        cycles: The cycles the objectives are set for.
        owners: The company, departments, teams and people who own OKRs.
        objectives: The objectives, each with its key results.
        initiatives: The work that drives key results.
        checkins: Values reported for key results over time.
        dependencies: Which objectives and key results wait on which others.

    Examples:
        >>> from okrkit import Cycle, Owner, Objective, KeyResult, Metric
        >>> okrs = OKRSet(
        ...     cycles=[Cycle.quarter(2026, 1)],
        ...     owners=[Owner(id="ceo", name="Minh", kind="person")],
        ...     objectives=[Objective(
        ...         id="obj-1", title="Delight our first customers", owner="ceo",
        ...         cycle="2026-Q1", level="company",
        ...         key_results=[KeyResult(id="kr-1", title="NPS from 8.0 to 9.5",
        ...             metric=Metric(kind="increase", start=8.0, target=9.5, unit="score"))],
        ...     )],
        ... )
        >>> okrs.objective_of("kr-1").id
        'obj-1'
    """

    schema_version: int = SCHEMA_VERSION
    cycles: tuple[Cycle, ...] = attrs.field(converter=_to_cycles)
    owners: tuple[Owner, ...] = attrs.field(converter=_to_owners)
    objectives: tuple[Objective, ...] = attrs.field(converter=_to_objectives)
    initiatives: tuple[Initiative, ...] = attrs.field(default=(), converter=_to_initiatives)
    checkins: tuple[CheckIn, ...] = attrs.field(default=(), converter=_to_checkins)
    dependencies: tuple[Dependency, ...] = attrs.field(default=(), converter=_to_dependencies)

    _index: dict[str, Entity] = attrs.field(init=False, eq=False, repr=False)
    _objective_of: dict[str, Objective] = attrs.field(init=False, eq=False, repr=False)
    _checkins_by_kr: dict[str, tuple[CheckIn, ...]] | None = attrs.field(
        init=False, eq=False, repr=False, default=None
    )
    # Typed loosely: cattrs resolves every field's type, and the graph layer sits above.
    _graph: Any = attrs.field(init=False, eq=False, repr=False, default=None)

    def __attrs_post_init__(self) -> None:
        problems, index, objective_of = reference_problems(
            schema_version=self.schema_version,
            cycles=self.cycles,
            owners=self.owners,
            objectives=self.objectives,
            initiatives=self.initiatives,
            checkins=self.checkins,
            dependencies=self.dependencies,
        )
        if problems:
            raise ValidationError(problems)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_objective_of", objective_of)

    # -- lookups -----------------------------------------------------------------------

    def _lookup(self, ident: str, kind: type[_T], label: str) -> _T:
        entity = self._index.get(ident)
        if isinstance(entity, kind):
            return entity
        candidates = [key for key, value in self._index.items() if isinstance(value, kind)]
        raise UnknownIdError(
            ident, label, difflib.get_close_matches(ident, candidates, n=3, cutoff=0.6)
        )

    def get(self, ident: str) -> Entity:
        """Return the cycle, owner, objective, key result or initiative with id ``ident``.

        Raises:
            UnknownIdError: when nothing has that id.
        """
        return self._lookup(ident, cast(type[Entity], object), _("entity"))

    def cycle(self, ident: str) -> Cycle:
        """Return the cycle with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, Cycle, _("cycle"))

    def owner(self, ident: str) -> Owner:
        """Return the owner with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, Owner, _("owner"))

    def objective(self, ident: str) -> Objective:
        """Return the objective with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, Objective, _("objective"))

    def key_result(self, ident: str) -> KeyResult:
        """Return the key result with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, KeyResult, _("key result"))

    def initiative(self, ident: str) -> Initiative:
        """Return the initiative with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, Initiative, _("initiative"))

    def objective_of(self, key_result_id: str) -> Objective:
        """Return the objective that holds key result ``key_result_id``."""
        try:
            return self._objective_of[key_result_id]
        except KeyError:
            self.key_result(key_result_id)  # raises with suggestions
            raise  # pragma: no cover - key_result() raised already

    def __contains__(self, ident: object) -> bool:
        return ident in self._index

    def score(
        self, *, as_of: dt.date | None = None, strategy: Any = "linear", **options: Any
    ) -> Scorecard:
        """Score every key result and objective as of ``as_of`` (today by default).

        A shortcut for :func:`okrkit.scoring.rollup` on this set's graph and check-ins;
        ``strategy`` and ``options`` are passed on.
        """
        from okrkit.scoring import rollup

        return rollup(self, None, as_of=as_of, strategy=strategy, **options)

    @property
    def graph(self) -> AlignmentGraph:
        """The alignment graph of the set, built on first use, read-only.

        For a graph to change, start from ``AlignmentGraph.from_okrset(okrs)`` or
        ``okrs.graph.copy()``.
        """
        if self._graph is None:
            from okrkit.graph import AlignmentGraph

            object.__setattr__(self, "_graph", AlignmentGraph.from_okrset(self).freeze())
        return cast("AlignmentGraph", self._graph)

    @property
    def key_results(self) -> Iterator[KeyResult]:
        """Every key result of every objective, in file order."""
        for objective in self.objectives:
            yield from objective.key_results

    def checkins_for(self, key_result_id: str) -> tuple[CheckIn, ...]:
        """Return the check-ins of one key result, oldest first.

        Raises:
            UnknownIdError: when the set has no key result ``key_result_id``.
        """
        if self._checkins_by_kr is None:
            grouped: dict[str, list[CheckIn]] = {}
            for checkin in self.checkins:
                grouped.setdefault(checkin.key_result, []).append(checkin)
            object.__setattr__(
                self,
                "_checkins_by_kr",
                {k: tuple(sorted(v, key=lambda c: c.on)) for k, v in grouped.items()},
            )
        self.key_result(key_result_id)
        return self._checkins_by_kr.get(key_result_id, ())  # type: ignore[union-attr]


# -- cross-reference checks ---------------------------------------------------------------


def reference_problems(
    *,
    schema_version: object,
    cycles: Sequence[Cycle | None],
    owners: Sequence[Owner | None],
    objectives: Sequence[Objective | None],
    initiatives: Sequence[Initiative | None],
    checkins: Sequence[CheckIn | None],
    dependencies: Sequence[Dependency | None] = (),
    assume_known: Mapping[str, str] | None = None,
) -> tuple[list[Problem], dict[str, Entity], dict[str, Objective]]:
    """Check every cross-reference of a would-be OKR set.

    ``None`` items stand for entries that failed their own validation; they keep
    the positions of the others, so paths such as ``objectives[3].owner`` match the
    input. ``assume_known`` maps the ids of such failed entries to where they are,
    so that references to them are not reported a second time.

    Returns:
        The problems found, the index of entities by id, and the objective of each
        key result.
    """
    check = _References(assume_known or {})
    check.schema(schema_version)
    sections: list[tuple[str, Sequence[Any], type]] = [
        ("cycles", cycles, Cycle),
        ("owners", owners, Owner),
        ("objectives", objectives, Objective),
        ("initiatives", initiatives, Initiative),
        ("checkins", checkins, CheckIn),
        ("dependencies", dependencies, Dependency),
    ]
    for name, items, kind in sections:
        check.types(name, items, kind)
    check.register_all(cycles, owners, objectives, initiatives)
    check.owners(owners)
    check.objectives(objectives)
    check.initiatives(initiatives)
    check.checkins(checkins)
    check.dependencies(dependencies)
    if not check.duplicates:  # with two entities per id, loops would be guesses
        check.problems.extend(_alignment_cycles(objectives))
    return check.problems, check.index, check.objective_of


def _good(items: Sequence[Any], kind: type[_T], name: str) -> Iterator[tuple[str, _T]]:
    """The valid items of a section, each with its path."""
    for i, item in enumerate(items):
        if isinstance(item, kind):
            yield f"{name}[{i}]", item


_SECTIONS: dict[type, str] = {
    Cycle: "cycles",
    Owner: "owners",
    Objective: "objectives",
    KeyResult: "objectives[].key_results",
    Initiative: "initiatives",
}


class _References:
    """The cross-reference checks of an OKR set, one method per section."""

    def __init__(self, known: Mapping[str, str]) -> None:
        self.known = known
        self.problems: list[Problem] = []
        self.index: dict[str, Entity] = {}
        self.where: dict[str, str] = {}
        self.objective_of: dict[str, Objective] = {}
        self.duplicates = False

    def add(self, path: str, entity_id: str | None, message: str) -> None:
        self.problems.append(Problem(message=message, entity_id=entity_id, path=path))

    def schema(self, version: object) -> None:
        if isinstance(version, bool) or not isinstance(version, int):
            self.add(
                "schema_version", None, _("'schema_version' must be a whole number such as 1")
            )
        elif not 1 <= version <= SCHEMA_VERSION:
            self.add(
                "schema_version",
                None,
                _(
                    "this file uses schema version {got}, but this okrkit reads versions 1 to "
                    "{supported}; upgrade okrkit to read it"
                ).format(got=version, supported=SCHEMA_VERSION),
            )

    def types(self, name: str, items: Sequence[Any], kind: type) -> None:
        for i, item in enumerate(items):
            if item is not None and not isinstance(item, kind):
                self.add(
                    f"{name}[{i}]",
                    None,
                    _("each of '{field}' must be a {kind} (got {value!r})").format(
                        field=name, kind=kind.__name__, value=item
                    ),
                )

    # -- ids -----------------------------------------------------------------------------

    def register(self, entity: Entity, path: str) -> None:
        if entity.id in self.index or entity.id in self.known:
            self.duplicates = True
            first = self.where.get(entity.id) or self.known.get(entity.id, "?")
            self.add(
                f"{path}.id",
                entity.id,
                _(
                    "id {id!r} is already used at {first}; ids must be unique in an OKR set, "
                    "so rename one of them"
                ).format(id=entity.id, first=first),
            )
            return
        self.index[entity.id] = entity
        self.where[entity.id] = path

    def register_all(
        self,
        cycles: Sequence[Cycle | None],
        owners: Sequence[Owner | None],
        objectives: Sequence[Objective | None],
        initiatives: Sequence[Initiative | None],
    ) -> None:
        for path, cycle in _good(cycles, Cycle, "cycles"):
            self.register(cycle, path)
        for path, owner in _good(owners, Owner, "owners"):
            self.register(owner, path)
        for path, objective in _good(objectives, Objective, "objectives"):
            self.register(objective, path)
            for j, kr in enumerate(objective.key_results):
                self.register(kr, f"{path}.key_results[{j}]")
                self.objective_of.setdefault(kr.id, objective)
        for path, initiative in _good(initiatives, Initiative, "initiatives"):
            self.register(initiative, path)

    def exists(self, ident: str, kind: type | tuple[type, ...]) -> bool:
        return isinstance(self.index.get(ident), kind) or ident in self.known

    def closest(self, ident: str, kind: type | tuple[type, ...]) -> str | None:
        candidates = [key for key, value in self.index.items() if isinstance(value, kind)]
        close = difflib.get_close_matches(ident, candidates, n=1, cutoff=0.6)
        return close[0] if close else None

    def need(self, ident: str, kind: type, path: str, entity_id: str | None, label: str) -> bool:
        """Record a problem unless ``ident`` names an entity of ``kind``.

        ``label`` is an untranslated (``N_``) word, translated only when needed.
        """
        if self.exists(ident, kind):
            return True
        close = self.closest(ident, kind)
        if close is not None:
            hint = _("did you mean {close!r}?").format(close=close)
        else:
            hint = _("add it to '{section}' or fix the id").format(section=_SECTIONS[kind])
        self.add(
            path,
            entity_id,
            _("unknown {label} {id!r}; {hint}").format(label=_(label), id=ident, hint=hint),
        )
        return False

    # -- sections --------------------------------------------------------------------------

    def owners(self, owners: Sequence[Owner | None]) -> None:
        for path, owner in _good(owners, Owner, "owners"):
            if owner.parent is not None:
                self.need(owner.parent, Owner, f"{path}.parent", owner.id, N_("owner"))
        self.problems.extend(_owner_cycles(owners))

    def objectives(self, objectives: Sequence[Objective | None]) -> None:
        for path, objective in _good(objectives, Objective, "objectives"):
            self.need(objective.owner, Owner, f"{path}.owner", objective.id, N_("owner"))
            cycle: Cycle | None = None
            if self.need(objective.cycle, Cycle, f"{path}.cycle", objective.id, N_("cycle")):
                found = self.index.get(objective.cycle)
                cycle = found if isinstance(found, Cycle) else None
            self.links(objective.aligned_to, path, objective.id, cycle)
            for j, kr in enumerate(objective.key_results):
                self.key_result(kr, objective, f"{path}.key_results[{j}]", cycle)

    def key_result(
        self, kr: KeyResult, objective: Objective, path: str, cycle: Cycle | None
    ) -> None:
        for k, owner in enumerate(kr.owners):
            self.need(owner, Owner, f"{path}.owners[{k}]", kr.id, N_("owner"))
        if cycle is not None and kr.due is not None and not cycle.contains(kr.due):
            self.add(
                f"{path}.due",
                kr.id,
                _(
                    "'due' {due} falls outside cycle {cycle!r} ({start} to {end}); "
                    "pick a date inside the cycle"
                ).format(
                    due=kr.due.isoformat(),
                    cycle=cycle.id,
                    start=cycle.start.isoformat(),
                    end=cycle.end.isoformat(),
                ),
            )
        for step_index, step in enumerate(kr.plan):
            if cycle is not None and not cycle.contains(step.on):
                self.add(
                    f"{path}.plan[{step_index}].on",
                    kr.id,
                    _("planned date {on} falls outside cycle {cycle!r}").format(
                        on=step.on.isoformat(), cycle=cycle.id
                    ),
                )
        if any(link.parent == objective.id for link in kr.aligned_to):
            self.add(
                f"{path}.aligned_to",
                kr.id,
                _(
                    "key result {id!r} already counts toward its own objective {parent!r}; "
                    "remove that link"
                ).format(id=kr.id, parent=objective.id),
            )
        self.links(kr.aligned_to, path, kr.id, cycle)

    def links(
        self, links: tuple[Alignment, ...], base: str, ident: str, cycle: Cycle | None
    ) -> None:
        """Check that each parent exists and that its cycle overlaps the child's."""
        parent_kinds = (Objective, KeyResult)
        for i, link in enumerate(links):
            path = f"{base}.aligned_to[{i}]"
            if not self.exists(link.parent, parent_kinds):
                close = self.closest(link.parent, parent_kinds)
                hint = (
                    _("did you mean {close!r}?").format(close=close)
                    if close is not None
                    else _("name an objective or key result of this OKR set")
                )
                self.add(
                    path,
                    ident,
                    _("unknown parent {id!r}; {hint}").format(id=link.parent, hint=hint),
                )
                continue
            parent = self.index.get(link.parent)
            if isinstance(parent, KeyResult):
                parent = self.objective_of.get(parent.id)
            if not isinstance(parent, Objective) or cycle is None:
                continue
            parent_cycle = self.index.get(parent.cycle)
            if isinstance(parent_cycle, Cycle) and not cycle.overlaps(parent_cycle):
                self.add(
                    path,
                    ident,
                    _(
                        "{id!r} in cycle {cycle!r} cannot align to {parent!r} in cycle "
                        "{parent_cycle!r}: the cycles do not overlap"
                    ).format(
                        id=ident,
                        cycle=cycle.id,
                        parent=link.parent,
                        parent_cycle=parent_cycle.id,
                    ),
                )

    def initiatives(self, initiatives: Sequence[Initiative | None]) -> None:
        for path, initiative in _good(initiatives, Initiative, "initiatives"):
            self.need(initiative.owner, Owner, f"{path}.owner", initiative.id, N_("owner"))
            for k, driven in enumerate(initiative.drives):
                self.need(
                    driven, KeyResult, f"{path}.drives[{k}]", initiative.id, N_("key result")
                )

    def dependencies(self, dependencies: Sequence[Dependency | None]) -> None:
        _check_dependencies(self, dependencies)

    def checkins(self, checkins: Sequence[CheckIn | None]) -> None:
        seen: dict[tuple[str, object], str] = {}
        kr_label, author_label = N_("key result"), N_("author")
        for path, checkin in _good(checkins, CheckIn, "checkins"):
            ident = checkin.key_result
            day = (ident, checkin.on)
            if day in seen:
                self.add(
                    path,
                    ident,
                    _(
                        "{id!r} already has a check-in on {on} (at {first}); one check-in a "
                        "day per key result, so keep one"
                    ).format(id=ident, on=checkin.on.isoformat(), first=seen[day]),
                )
            seen.setdefault(day, path)
            if self.need(ident, KeyResult, f"{path}.key_result", ident, kr_label):
                kr = self.index.get(ident)
                if isinstance(kr, KeyResult) and not kr.metric.accepts(checkin.value):
                    self.add(
                        f"{path}.value",
                        ident,
                        _(
                            "value {value:g} on {on} is not possible for a metric of kind "
                            "'{kind}': {rule}"
                        ).format(
                            value=checkin.value,
                            on=checkin.on.isoformat(),
                            kind=kr.metric.kind.value,
                            rule=_accepts_rule(kr),
                        ),
                    )
            if checkin.author is not None:
                self.need(checkin.author, Owner, f"{path}.author", ident, author_label)


def _linked_pairs(index: Mapping[str, Entity]) -> set[tuple[str, str]]:
    """Every (child, parent) alignment pair and (objective, key result) pair."""
    pairs: set[tuple[str, str]] = set()
    for entity in index.values():
        if isinstance(entity, Objective | KeyResult):
            pairs.update((entity.id, link.parent) for link in entity.aligned_to)
        if isinstance(entity, Objective):
            pairs.update((entity.id, kr.id) for kr in entity.key_results)
    return pairs


def _check_dependencies(check: _References, dependencies: Sequence[Dependency | None]) -> None:
    seen: set[tuple[str, str]] = set()
    items = (Objective, KeyResult)
    linked = _linked_pairs(check.index) if dependencies else set()
    for path, dependency in _good(dependencies, Dependency, "dependencies"):
        for field in ("dependent", "on"):
            ident = getattr(dependency, field)
            if not check.exists(ident, items):
                close = check.closest(ident, items)
                hint = (
                    _("did you mean {close!r}?").format(close=close)
                    if close is not None
                    else _("name an objective or key result of this OKR set")
                )
                check.add(
                    f"{path}.{field}",
                    dependency.dependent,
                    _("unknown objective or key result {id!r}; {hint}").format(
                        id=ident, hint=hint
                    ),
                )
        pair = (dependency.dependent, dependency.on)
        if pair in linked:
            check.add(
                path,
                dependency.dependent,
                _(
                    "{dependent!r} is already linked to {on!r} by alignment; a dependency "
                    "would repeat that link, so remove it"
                ).format(dependent=pair[0], on=pair[1]),
            )
        if pair in seen:
            check.add(
                path,
                dependency.dependent,
                _("{dependent!r} already depends on {on!r}; keep one entry").format(
                    dependent=pair[0], on=pair[1]
                ),
            )
        seen.add(pair)


def _accepts_rule(kr: KeyResult) -> str:
    metric = kr.metric
    if metric.is_milestone:
        return _("report 1 when done and 0 when not")
    if metric.scale is not None:
        return _("report a value on the scale {low:g}-{high:g}").format(
            low=metric.scale[0], high=metric.scale[1]
        )
    return _("a duration cannot be negative")


def _find_cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Return one list of ids per cycle in a directed graph given as adjacency lists."""
    white, grey, black = 0, 1, 2
    colour: dict[str, int] = {}
    found: list[list[str]] = []
    for root in edges:
        if colour.get(root, white) != white:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(edges.get(root, ())))]
        on_path = [root]
        colour[root] = grey
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = black
                stack.pop()
                on_path.pop()
                continue
            state = colour.get(child, white)
            if state == grey:
                found.append([*on_path[on_path.index(child) :], child])
            elif state == white:
                colour[child] = grey
                on_path.append(child)
                stack.append((child, iter(edges.get(child, ()))))
    return found


def _alignment_cycles(objectives: Sequence[Objective | None]) -> list[Problem]:
    """Report alignment loops: a key result counts toward its objective, links go up."""
    edges: dict[str, list[str]] = {}
    for objective in objectives:
        if not isinstance(objective, Objective):
            continue
        edges.setdefault(objective.id, []).extend(link.parent for link in objective.aligned_to)
        for kr in objective.key_results:
            up = edges.setdefault(kr.id, [])
            up.append(objective.id)
            up.extend(link.parent for link in kr.aligned_to)
    return [
        Problem(
            message=_(
                "alignment loop {loop}; a parent cannot count toward its own child, "
                "so remove one of these links"
            ).format(loop=" -> ".join(loop)),
            entity_id=loop[0],
        )
        for loop in _find_cycles(edges)
    ]


def _owner_cycles(owners: Sequence[Owner | None]) -> list[Problem]:
    edges = {
        owner.id: [owner.parent]
        for owner in owners
        if isinstance(owner, Owner) and owner.parent is not None
    }
    return [
        Problem(
            message=_(
                "owners form a loop {loop}; each unit needs a parent above it, "
                "so remove one 'parent'"
            ).format(loop=" -> ".join(loop)),
            entity_id=loop[0],
        )
        for loop in _find_cycles(edges)
    ]
