"""The cross-reference rules of an OKR set, each written once.

:class:`~okrkit.OKRSet` runs them on construction; ``with_checkins`` runs the check-in
rules on the new rows only; the loader runs them on what it could read of a file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from okrkit.errors import HINT_LIMIT, Message, Problem, Shown, Suggestions
from okrkit.i18n import N_
from okrkit.model._checkin import CheckIn
from okrkit.model._checkin_rules import checkin_problems, is_log, log_of, same_day
from okrkit.model._entities import Cycle, Dependency, Initiative, Owner
from okrkit.model._loops import alignment_cycles, owner_cycles
from okrkit.model._objective import Alignment, KeyResult, Objective
from okrkit.model._rule_messages import (
    aligned_to_own_objective,
    cycles_do_not_overlap,
    due_outside_cycle,
    hint_for,
    id_taken,
    unknown_id,
    unknown_parent,
)
from okrkit.model._words import wrong_item

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog

__all__ = [
    "SCHEMA_VERSION",
    "Entity",
    "References",
    "aligned_to_own_objective",
    "cycles_do_not_overlap",
    "due_outside_cycle",
    "id_taken",
    "reference_problems",
    "same_day",
    "unknown_id",
    "unknown_parent",
]

SCHEMA_VERSION = 1
"""The version of the file format this okrkit reads and writes."""

Entity = Cycle | Owner | Objective | KeyResult | Initiative
_T = TypeVar("_T")


# -- cross-reference checks ---------------------------------------------------------------


def reference_problems(
    *,
    schema_version: object,
    cycles: Sequence[Cycle | None],
    owners: Sequence[Owner | None],
    objectives: Sequence[Objective | None],
    initiatives: Sequence[Initiative | None],
    checkins: CheckInLog | Sequence[CheckIn | None],
    dependencies: Sequence[Dependency | None] = (),
    assume_known: Mapping[str, str] | None = None,
    diagnostics: list[Problem] | None = None,
) -> tuple[list[Problem], dict[str, Entity], dict[str, Objective]]:
    """Check every cross-reference of a would-be OKR set.

    With ``assume_known`` (the loader's case), ``None`` items stand for entries that
    failed their own validation; they keep the positions of the others, so paths such
    as ``objectives[3].owner`` match the input, and ``assume_known`` maps the ids of
    such failed entries to where they are, so that references to them are not
    reported a second time. Without it (an :class:`~okrkit.OKRSet` built in code,
    where nothing failed before), a ``None`` item is a problem like any other item
    that is not an entity of its section. ``diagnostics``, when given, receives what
    is worth knowing but not wrong: check-ins dated outside their key result's cycle.

    Returns:
        The problems found, the index of entities by id, and the objective of each
        key result.
    """
    check = References(assume_known or {})
    holes = assume_known is not None
    check.schema(schema_version)
    sections: list[tuple[str, Sequence[Any], type]] = [
        ("cycles", cycles, Cycle),
        ("owners", owners, Owner),
        ("objectives", objectives, Objective),
        ("initiatives", initiatives, Initiative),
        ("checkins", () if is_log(checkins) else checkins, CheckIn),
        ("dependencies", dependencies, Dependency),
    ]
    for name, items, kind in sections:
        check.types(name, items, kind, holes=holes)
    check.register_all(cycles, owners, objectives, initiatives)
    check.owners(owners)
    check.objectives(objectives)
    check.initiatives(initiatives)
    log = log_of(checkins)
    check.checkins(log)
    same_day(check, log)
    if diagnostics is not None:
        diagnostics.extend(check.outside)
    check.dependencies(dependencies)
    if not check.duplicates:  # with two entities per id, loops would be guesses
        check.problems.extend(alignment_cycles(objectives))
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


class References:
    """The cross-reference checks of an OKR set, one method per section."""

    def __init__(self, known: Mapping[str, str]) -> None:
        self.known = known
        self.problems: list[Problem] = []
        self.index: dict[str, Entity] = {}
        self.where: dict[str, str | tuple[str, int]] = {}
        self.objective_of: dict[str, Objective] = {}
        self.duplicates = False
        # "Did you mean" hints: an index per kind, built on the first unknown id of that
        # kind, and offered for the first HINT_LIMIT unknown ids only (see hints()).
        self.indexes: dict[object, Suggestions] = {}
        self.hints_left = HINT_LIMIT
        # Check-ins dated outside their cycle: kept, and reported as diagnostics.
        self.outside: tuple[Problem, ...] = ()

    def add(self, path: str, entity_id: str | None, code: str, message: Message) -> None:
        self.problems.append(Problem(code, message, entity_id=entity_id, path=path))

    def schema(self, version: object) -> None:
        if isinstance(version, bool) or not isinstance(version, int):
            self.add(
                "schema_version",
                None,
                "field.type",
                Message(N_("'schema_version' must be a whole number such as 1")),
            )
        elif not 1 <= version <= SCHEMA_VERSION:
            self.add(
                "schema_version",
                None,
                "schema.version",
                Message(
                    N_(
                        "this file uses schema version {got}, but this okrkit reads versions 1 to "
                        "{supported}; upgrade okrkit to read it"
                    ),
                    got=version,
                    supported=SCHEMA_VERSION,
                ),
            )

    def types(self, name: str, items: Sequence[Any], kind: type, *, holes: bool = True) -> None:
        """Report each item of section ``name`` that is not a ``kind``.

        With ``holes``, a ``None`` item stands for an entry that failed on its own and
        was reported already, so it is skipped.
        """
        for i, item in enumerate(items):
            if not isinstance(item, kind) and not (holes and item is None):
                self.add(f"{name}[{i}]", None, "field.type", wrong_item(name, kind, item))

    # -- ids -----------------------------------------------------------------------------

    def register(self, entity: Entity, path: str) -> None:
        if entity.id in self.index or entity.id in self.known:
            self.duplicates = True
            self.add(
                f"{path}.id", entity.id, "id.duplicate", id_taken(entity.id, self.place(entity.id))
            )
            return
        self.index[entity.id] = entity
        self.where[entity.id] = path

    def place(self, ident: str) -> str:
        """Where the entity ``ident`` was first registered, as a path."""
        where = self.where.get(ident)
        if isinstance(where, tuple):
            return f"{where[0]}.key_results[{where[1]}]"
        return where or self.known.get(ident, "?")

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
        index, where, known = self.index, self.where, self.known
        for path, objective in _good(objectives, Objective, "objectives"):
            self.register(objective, path)
            for j, kr in enumerate(objective.key_results):
                ident = kr.id
                if ident in index or ident in known:
                    self.register(kr, f"{path}.key_results[{j}]")
                else:  # the common case, without making the path's text
                    index[ident] = kr
                    where[ident] = (path, j)
                self.objective_of.setdefault(ident, objective)
        for path, initiative in _good(initiatives, Initiative, "initiatives"):
            self.register(initiative, path)

    def exists(self, ident: str, kind: type | tuple[type, ...]) -> bool:
        return isinstance(self.index.get(ident), kind) or ident in self.known

    def of_kind(self, kind: type | tuple[type, ...]) -> list[str]:
        """The ids of every entity of ``kind``: the candidates of a "did you mean" hint."""
        return [key for key, value in self.index.items() if isinstance(value, kind)]

    def hints(self, kind: type | tuple[type, ...]) -> Suggestions | None:
        """Where the hint for one more unknown id of ``kind`` looks; ``None`` past the limit.

        The index of each kind is built once, so a file with thousands of unknown ids is
        checked in near-linear time; only the first :data:`~okrkit.errors.HINT_LIMIT`
        of them get a hint.
        """
        if self.hints_left <= 0:
            return None
        self.hints_left -= 1
        index = self.indexes.get(kind)
        if index is None:
            index = self.indexes[kind] = Suggestions(self.of_kind(kind))
        return index

    def need(self, ident: str, kind: type, path: str, entity_id: str | None, label: str) -> bool:
        """Record a problem unless ``ident`` names an entity of ``kind``.

        ``label`` is an untranslated (``N_``) word, translated only when needed.
        """
        if self.exists(ident, kind):
            return True
        self.add(
            path,
            entity_id,
            "id.unknown",
            unknown_id(ident, label, self.hints(kind), _SECTIONS[kind]),
        )
        return False

    # -- sections --------------------------------------------------------------------------

    def owners(self, owners: Sequence[Owner | None]) -> None:
        for path, owner in _good(owners, Owner, "owners"):
            if owner.parent is not None:
                self.need(owner.parent, Owner, f"{path}.parent", owner.id, N_("owner"))
        self.problems.extend(owner_cycles(owners))

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
            if not self.exists(owner, Owner):
                self.need(owner, Owner, f"{path}.owners[{k}]", kr.id, N_("owner"))
        if cycle is not None and kr.due is not None:
            late = due_outside_cycle(kr, cycle)
            if late is not None:
                self.add(f"{path}.due", kr.id, "date.outside_cycle", late)
        for step_index, step in enumerate(kr.plan):
            if cycle is not None and not cycle.contains(step.on):
                self.add(
                    f"{path}.plan[{step_index}].on",
                    kr.id,
                    "date.outside_cycle",
                    Message(
                        N_("planned date {on} falls outside cycle {cycle!r}"),
                        on=step.on,
                        cycle=Shown(cycle.id),
                    ),
                )
        if not kr.aligned_to:
            return
        own = aligned_to_own_objective(kr.id, (a.parent for a in kr.aligned_to), objective.id)
        if own is not None:
            self.add(f"{path}.aligned_to", kr.id, "alignment.invalid", own)
        self.links(kr.aligned_to, path, kr.id, cycle)

    def links(
        self, links: tuple[Alignment, ...], base: str, ident: str, cycle: Cycle | None
    ) -> None:
        """Check that each parent exists and that its cycle overlaps the child's."""
        parent_kinds = (Objective, KeyResult)
        for i, link in enumerate(links):
            path = f"{base}.aligned_to[{i}]"
            if not self.exists(link.parent, parent_kinds):
                self.add(
                    path,
                    ident,
                    "id.unknown",
                    unknown_parent(link.parent, self.hints(parent_kinds)),
                )
                continue
            parent = self.index.get(link.parent)
            if isinstance(parent, KeyResult):
                parent = self.objective_of.get(parent.id)
            if not isinstance(parent, Objective) or cycle is None:
                continue
            parent_cycle = self.index.get(parent.cycle)
            if isinstance(parent_cycle, Cycle):
                apart = cycles_do_not_overlap(ident, cycle, link.parent, parent_cycle)
                if apart is not None:
                    self.add(path, ident, "alignment.invalid", apart)

    def initiatives(self, initiatives: Sequence[Initiative | None]) -> None:
        for path, initiative in _good(initiatives, Initiative, "initiatives"):
            self.need(initiative.owner, Owner, f"{path}.owner", initiative.id, N_("owner"))
            for k, driven in enumerate(initiative.drives):
                self.need(
                    driven, KeyResult, f"{path}.drives[{k}]", initiative.id, N_("key result")
                )

    def dependencies(self, dependencies: Sequence[Dependency | None]) -> None:
        _check_dependencies(self, dependencies)

    def checkins(self, log: CheckInLog) -> None:
        """Check a log's rows against the set (see :func:`checkin_problems`)."""
        checkin_problems(self, log)


def _linked_pairs(index: Mapping[str, Entity]) -> set[tuple[str, str]]:
    """Every (child, parent) alignment pair and (objective, key result) pair."""
    pairs: set[tuple[str, str]] = set()
    for entity in index.values():
        if isinstance(entity, Objective | KeyResult):
            pairs.update((entity.id, link.parent) for link in entity.aligned_to)
        if isinstance(entity, Objective):
            pairs.update((entity.id, kr.id) for kr in entity.key_results)
    return pairs


def _check_dependencies(check: References, dependencies: Sequence[Dependency | None]) -> None:
    seen: set[tuple[str, str]] = set()
    items = (Objective, KeyResult)
    linked = _linked_pairs(check.index) if dependencies else set()
    for path, dependency in _good(dependencies, Dependency, "dependencies"):
        for field in ("dependent", "on"):
            ident = getattr(dependency, field)
            if not check.exists(ident, items):
                hint = hint_for(
                    ident,
                    check.hints(items),
                    Message(N_("name an objective or key result of this OKR set")),
                )
                check.add(
                    f"{path}.{field}",
                    dependency.dependent,
                    "id.unknown",
                    Message(
                        N_("unknown objective or key result {id}; {hint}"),
                        id=Shown(ident),
                        hint=hint,
                    ),
                )
        pair = (dependency.dependent, dependency.on)
        if pair in linked:
            check.add(
                path,
                dependency.dependent,
                "id.duplicate",
                Message(
                    N_(
                        "{dependent!r} is already linked to {on!r} by alignment; a dependency "
                        "would repeat that link, so remove it"
                    ),
                    dependent=Shown(pair[0]),
                    on=Shown(pair[1]),
                ),
            )
        if pair in seen:
            check.add(
                path,
                dependency.dependent,
                "id.duplicate",
                Message(
                    N_("{dependent!r} already depends on {on!r}; keep one entry"),
                    dependent=Shown(pair[0]),
                    on=Shown(pair[1]),
                ),
            )
        seen.add(pair)
