"""The alignment graph: objectives, key results and initiatives in one networkx graph."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar, cast

import attrs
import networkx as nx

from okrkit.errors import AlignmentError
from okrkit.graph import _alignment as algo
from okrkit.graph._kinds import DependencyInfo, EdgeKind, NodeKind
from okrkit.i18n import _
from okrkit.model import (
    Alignment,
    CheckIn,
    Cycle,
    Dependency,
    Initiative,
    KeyResult,
    Level,
    LinkKind,
    Objective,
    OKRSet,
    Owner,
)
from okrkit.model._loops import find_cycles as _find_cycles

__all__ = ["AlignmentGraph"]

Entity = Objective | KeyResult | Initiative
_D = TypeVar("_D")

_HAS = EdgeKind.HAS_KEY_RESULT
_ALIGNS = EdgeKind.ALIGNS_TO
_DRIVES = EdgeKind.DRIVES
_DEPENDS = EdgeKind.DEPENDS_ON
_OBJECTIVE = NodeKind.OBJECTIVE
_KEY_RESULT = NodeKind.KEY_RESULT
_INITIATIVE = NodeKind.INITIATIVE


class AlignmentGraph:
    """Objectives, key results and initiatives, linked as one directed graph.

    Each node is an entity id and holds the entity (``entity``) and its
    :class:`NodeKind` (``kind``); each edge has an :class:`EdgeKind` (``kind``), and an
    alignment edge also its link ``link`` and ``weight``, a dependency its ``note``.

    The graph is the one mutable container of okrkit. Every change is checked first and
    made whole or not at all: a change that would create an alignment loop, give a key
    result a second objective, name an id the graph does not hold, or align across
    cycles that do not overlap raises :class:`~okrkit.AlignmentError` naming the ids, and
    leaves the graph as it was. The entities on the nodes are kept in step with the
    edges (an objective's ``aligned_to`` and ``key_results``), so :meth:`to_okrset`
    gives back a valid set.

    Examples:
        >>> import okrkit
        >>> graph = okrkit.load("examples/acme.en.yaml").graph
        >>> graph.impact_path("kr-hcm-mrr")
        ['kr-hcm-mrr', 'obj-sales-hcm', 'obj-sales-growth', 'obj-co-growth']
        >>> graph.orphans()
        []
    """

    __slots__ = (
        "_cache",
        "_cacheable",
        "_cycles",
        "_dependencies",
        "_g",
        "_owners",
        "_read_only",
        "_version",
    )

    def __init__(
        self,
        *,
        cycles: Iterable[Cycle] = (),
        owners: Iterable[Owner] = (),
    ) -> None:
        """Start an empty graph that knows ``cycles`` and ``owners``.

        Objectives added later must name one of these cycles and owners.
        """
        self._g: nx.DiGraph[str] = nx.DiGraph()
        self._cycles = {cycle.id: cycle for cycle in cycles}
        self._owners = {owner.id: owner for owner in owners}
        self._dependencies: dict[tuple[str, str], Dependency] = {}
        self._read_only = False
        # Derived data (such as a scoring plan) is cached per version of the graph.
        self._version = 0
        self._cache: dict[object, tuple[int, Any]] = {}
        self._cacheable = True

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def from_okrset(cls, okrset: OKRSet) -> AlignmentGraph:
        """Build the graph of a whole OKR set.

        The set has checked every rule already, so the graph is built in one pass,
        without checking them again.

        Raises:
            AlignmentError: when a dependency runs along an alignment or key-result
                edge (a graph keeps one edge per ordered pair).
        """
        graph = cls(cycles=okrset.cycles, owners=okrset.owners)
        nodes: list[tuple[str, dict[str, Any]]] = []
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for objective in okrset.objectives:
            nodes.append((objective.id, {"kind": _OBJECTIVE, "entity": objective}))
            for kr in objective.key_results:
                nodes.append((kr.id, {"kind": _KEY_RESULT, "entity": kr}))
                edges.append((objective.id, kr.id, {"kind": _HAS}))
        nodes.extend(
            (initiative.id, {"kind": _INITIATIVE, "entity": initiative})
            for initiative in okrset.initiatives
        )
        for objective in okrset.objectives:
            edges.extend(_alignment_edges(objective.id, objective.aligned_to))
            for kr in objective.key_results:
                edges.extend(_alignment_edges(kr.id, kr.aligned_to))
        for initiative in okrset.initiatives:
            edges.extend((initiative.id, kr_id, {"kind": _DRIVES}) for kr_id in initiative.drives)
        g = graph._g
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)
        for dependency in okrset.dependencies:
            pair = (dependency.dependent, dependency.on)
            if g.has_edge(*pair):
                raise AlignmentError(
                    _(
                        "{dependent!r} is already linked to {on!r}; a dependency along the "
                        "same edge would hide the link, so remove one of them"
                    ).format(dependent=pair[0], on=pair[1]),
                    ids=pair,
                )
            g.add_edge(*pair, kind=_DEPENDS, note=dependency.note)
            graph._dependencies[pair] = dependency
        return graph

    def to_okrset(self, *, checkins: Iterable[CheckIn] = ()) -> OKRSet:
        """Return the graph's content as a validated OKR set, with ``checkins`` added."""
        return OKRSet(
            cycles=list(self._cycles.values()),
            owners=list(self._owners.values()),
            objectives=self.objectives(),
            initiatives=self.initiatives(),
            checkins=list(checkins),
            dependencies=list(self._dependencies.values()),
        )

    def freeze(self) -> AlignmentGraph:
        """Make this graph read-only for good, and return it.

        Every later change raises :class:`~okrkit.AlignmentError`; queries and exports
        work as before.
        """
        self._read_only = True
        nx.freeze(self._g)
        return self

    def copy(self) -> AlignmentGraph:
        """An independent, editable copy (of a read-only view, too)."""
        other = AlignmentGraph(cycles=self._cycles.values(), owners=self._owners.values())
        other._g = nx.DiGraph(self._g)
        other._dependencies = {
            pair: dep for pair, dep in self._dependencies.items() if other._g.has_edge(*pair)
        }
        return other

    # -- changing ----------------------------------------------------------------------------

    def derived(self, key: object, build: Callable[[], _D]) -> _D:
        """Return ``build()``, kept until the graph changes (never kept for views).

        For layers above the graph that lay it out for their own work (the scoring
        plan): ``key`` names what is kept.
        """
        if not self._cacheable:
            return build()
        hit = self._cache.get(key)
        if hit is not None and hit[0] == self._version:
            return cast(_D, hit[1])
        value = build()
        self._cache[key] = (self._version, value)
        return value

    def _writable(self) -> None:
        self._version += 1
        if self._read_only:
            raise AlignmentError(
                _(
                    "this graph is a read-only view; change a copy made with "
                    "AlignmentGraph.from_okrset(...) or graph.copy()"
                )
            )

    def _need(self, ident: str, *kinds: NodeKind) -> NodeKind:
        if ident not in self._g:
            raise AlignmentError(
                _("{id!r} is not in the graph; add it first").format(id=ident), ids=[ident]
            )
        kind = cast(NodeKind, self._g.nodes[ident]["kind"])
        if kinds and kind not in kinds:
            raise AlignmentError(
                _("{id!r} is of kind {kind}; this needs: {wanted}").format(
                    id=ident,
                    kind=kind.label,
                    wanted=" / ".join(k.label for k in kinds),
                ),
                ids=[ident],
            )
        return kind

    def _cycle_of(self, node: str) -> Cycle | None:
        entity = self._g.nodes[node]["entity"]
        if isinstance(entity, KeyResult):
            owner = algo.objective_of(self._g, node)
            entity = self._g.nodes[owner]["entity"] if owner is not None else None
        return self._cycles.get(entity.cycle) if isinstance(entity, Objective) else None

    def _check_overlap(self, child: str, child_cycle: Cycle | None, parent: str) -> None:
        parent_cycle = self._cycle_of(parent)
        if (
            child_cycle is not None
            and parent_cycle is not None
            and not child_cycle.overlaps(parent_cycle)
        ):
            raise AlignmentError(
                _(
                    "{child!r} in cycle {cycle!r} cannot align to {parent!r} in cycle "
                    "{parent_cycle!r}: the cycles do not overlap"
                ).format(
                    child=child,
                    cycle=child_cycle.id,
                    parent=parent,
                    parent_cycle=parent_cycle.id,
                ),
                ids=[child, parent],
            )

    def _check_new_ids(self, ids: Sequence[str]) -> None:
        seen: set[str] = set()
        for ident in ids:
            if ident in self._g or ident in seen or ident in self._cycles or ident in self._owners:
                raise AlignmentError(
                    _(
                        "{id!r} is already in the graph; a key result belongs to one "
                        "objective and every id to one entity"
                    ).format(id=ident),
                    ids=[ident],
                )
            seen.add(ident)

    def _check_owner(self, owner: str, ident: str) -> None:
        if owner not in self._owners:
            raise AlignmentError(
                _("{id!r} names owner {owner!r}, which the graph does not know").format(
                    id=ident, owner=owner
                ),
                ids=[ident, owner],
            )

    def add_objective(self, objective: Objective) -> None:
        """Add an objective with its key results and their alignment links.

        Raises:
            AlignmentError: when an id is taken, a parent, owner or cycle is unknown,
                a key result's due date falls outside the cycle, the cycles of child
                and parent do not overlap, or the links would form a loop. The graph is
                unchanged.
        """
        self._writable()
        if not isinstance(objective, Objective):
            raise AlignmentError(
                _("add_objective takes an Objective (got {value!r})").format(value=objective)
            )
        krs = objective.key_results
        self._check_new_ids([objective.id, *(kr.id for kr in krs)])
        cycle = self._cycles.get(objective.cycle)
        if cycle is None:
            raise AlignmentError(
                _("{id!r} names cycle {cycle!r}, which the graph does not know").format(
                    id=objective.id, cycle=objective.cycle
                ),
                ids=[objective.id, objective.cycle],
            )
        self._check_owner(objective.owner, objective.id)
        own = {kr.id for kr in krs}
        for link in objective.aligned_to:
            self._need(link.parent, _OBJECTIVE, _KEY_RESULT)
            self._check_overlap(objective.id, cycle, link.parent)
        for kr in krs:
            for owner in kr.owners:
                self._check_owner(owner, kr.id)
            if kr.due is not None and not cycle.contains(kr.due):
                raise AlignmentError(
                    _("{id!r} is due on {due}, outside cycle {cycle!r}").format(
                        id=kr.id, due=kr.due.isoformat(), cycle=cycle.id
                    ),
                    ids=[kr.id],
                )
            for link in kr.aligned_to:
                if link.parent == objective.id:
                    raise AlignmentError(
                        _("{id!r} already counts toward its own objective {parent!r}").format(
                            id=kr.id, parent=objective.id
                        ),
                        ids=[kr.id, objective.id],
                    )
                if link.parent not in own:
                    self._need(link.parent, _OBJECTIVE, _KEY_RESULT)
                    self._check_overlap(kr.id, cycle, link.parent)
        _check_sibling_loops(objective)
        g = self._g
        g.add_node(objective.id, kind=_OBJECTIVE, entity=objective)
        for kr in krs:
            g.add_node(kr.id, kind=_KEY_RESULT, entity=kr)
            g.add_edge(objective.id, kr.id, kind=_HAS)
        g.add_edges_from(_alignment_edges(objective.id, objective.aligned_to))
        for kr in krs:
            g.add_edges_from(_alignment_edges(kr.id, kr.aligned_to))

    def add_initiative(self, initiative: Initiative) -> None:
        """Add an initiative and the key results it drives.

        Raises:
            AlignmentError: when its id is taken, its owner is unknown, or it drives an
                id that is not a key result of the graph. The graph is unchanged.
        """
        self._writable()
        if not isinstance(initiative, Initiative):
            raise AlignmentError(
                _("add_initiative takes an Initiative (got {value!r})").format(value=initiative)
            )
        self._check_new_ids([initiative.id])
        self._check_owner(initiative.owner, initiative.id)
        for kr_id in initiative.drives:
            self._need(kr_id, _KEY_RESULT)
        self._g.add_node(initiative.id, kind=_INITIATIVE, entity=initiative)
        self._g.add_edges_from(
            (initiative.id, kr_id, {"kind": _DRIVES}) for kr_id in initiative.drives
        )

    def align(
        self,
        child: str,
        parent: str,
        *,
        kind: LinkKind | str = LinkKind.CONTRIBUTES,
        weight: float = 1.0,
    ) -> None:
        """Align ``child`` (an objective or key result) to ``parent``.

        Raises:
            AlignmentError: when either id is unknown or not an objective or key result,
                the two are already linked, the link would form a loop (the parent
                counts toward the child), a key result would align to its own objective,
                or the cycles do not overlap. The graph is unchanged.
        """
        self._writable()
        self._need(child, _OBJECTIVE, _KEY_RESULT)
        self._need(parent, _OBJECTIVE, _KEY_RESULT)
        link = Alignment(parent=parent, kind=kind, weight=weight)  # type: ignore[arg-type]
        if self._g.has_edge(child, parent):
            raise AlignmentError(
                _("{child!r} is already linked to {parent!r}").format(child=child, parent=parent),
                ids=[child, parent],
            )
        if (
            self._g.nodes[child]["kind"] is _KEY_RESULT
            and algo.objective_of(self._g, child) == parent
        ):
            raise AlignmentError(
                _("{id!r} already counts toward its own objective {parent!r}").format(
                    id=child, parent=parent
                ),
                ids=[child, parent],
            )
        if algo.reaches_up(self._g, parent, child):
            path = _loop_path(self._g, parent, child)
            raise AlignmentError(
                _(
                    "aligning {child!r} to {parent!r} would make a loop: {loop}; a parent "
                    "cannot count toward its own child"
                ).format(child=child, parent=parent, loop=" -> ".join([child, *path])),
                ids=[child, *path],
            )
        self._check_overlap(child, self._cycle_of(child), parent)
        entity = self._g.nodes[child]["entity"]
        updated = attrs.evolve(entity, aligned_to=(*entity.aligned_to, link))
        self._g.add_edge(child, parent, kind=_ALIGNS, link=link.kind, weight=link.weight)
        self._replace(child, updated)

    def depends_on(self, dependent: str, on: str, *, note: str = "") -> None:
        """Record that ``dependent`` waits on ``on`` (objectives or key results).

        Raises:
            AlignmentError: when either id is unknown or not an objective or key result,
                the two are the same, or already linked. The graph is unchanged.
        """
        self._writable()
        self._need(dependent, _OBJECTIVE, _KEY_RESULT)
        self._need(on, _OBJECTIVE, _KEY_RESULT)
        dependency = _make_dependency(dependent, on, note)
        if self._g.has_edge(dependent, on):
            raise AlignmentError(
                _("{child!r} is already linked to {parent!r}").format(child=dependent, parent=on),
                ids=[dependent, on],
            )
        self._g.add_edge(dependent, on, kind=_DEPENDS, note=dependency.note)
        self._dependencies[(dependent, on)] = dependency

    def remove(self, ident: str) -> set[str]:
        """Remove an entity, and what cannot stand without it.

        The cascade:

        - an objective takes its key results with it;
        - every alignment link to a removed objective or key result is dropped from its
          child (which may become an orphan);
        - initiatives stay, but stop driving removed key results;
        - dependencies on or of removed entities are dropped.

        Returns:
            The ids of the removed entities.

        Raises:
            AlignmentError: when ``ident`` is not in the graph.
        """
        self._writable()
        kind = self._need(ident)
        g = self._g
        removed = {ident}
        if kind is _OBJECTIVE:
            removed.update(str(t) for t, d in g.succ[ident].items() if d["kind"] is _HAS)
        updates: dict[str, Entity] = {}
        for node in removed:
            for source, data in g.pred[node].items():
                if source in removed:
                    continue
                entity = updates.get(source, g.nodes[source]["entity"])
                if data["kind"] is _ALIGNS:
                    links = tuple(a for a in entity.aligned_to if a.parent != node)
                    updates[source] = attrs.evolve(entity, aligned_to=links)
                elif data["kind"] is _DRIVES:
                    drives = tuple(d for d in entity.drives if d != node)
                    updates[source] = attrs.evolve(entity, drives=drives)
                elif data["kind"] is _HAS:
                    krs = tuple(k for k in entity.key_results if k.id != node)
                    updates[source] = attrs.evolve(entity, key_results=krs)
        for pair in [p for p in self._dependencies if p[0] in removed or p[1] in removed]:
            del self._dependencies[pair]
        g.remove_nodes_from(removed)
        # Objectives first: a key result's update is then patched into the objective's
        # updated copy, rather than overwritten by it.
        for node, entity in sorted(updates.items(), key=lambda i: isinstance(i[1], KeyResult)):
            self._replace(node, entity)
        return removed

    def _replace(self, node: str, entity: Entity) -> None:
        """Put a changed entity on its node, and into its objective for a key result."""
        self._g.nodes[node]["entity"] = entity
        if isinstance(entity, KeyResult):
            owner = algo.objective_of(self._g, node)
            if owner is not None:
                objective = self._g.nodes[owner]["entity"]
                krs = tuple(entity if k.id == node else k for k in objective.key_results)
                self._g.nodes[owner]["entity"] = attrs.evolve(objective, key_results=krs)

    # -- reading -----------------------------------------------------------------------------

    def _networkx(self) -> nx.DiGraph[str]:
        """The graph itself, not a view: for okrkit's own hot loops, which only read it."""
        return self._g

    @property
    def nx(self) -> nx.DiGraph[str]:
        """A read-only networkx view of the graph, for networkx's own algorithms."""
        view = self._g.copy(as_view=True)
        return cast("nx.DiGraph[str]", nx.freeze(view))

    @property
    def read_only(self) -> bool:
        """Whether this graph is a read-only view."""
        return self._read_only

    @property
    def cycles(self) -> dict[str, Cycle]:
        """The cycles the graph knows, by id (a copy)."""
        return dict(self._cycles)

    @property
    def owners(self) -> dict[str, Owner]:
        """The owners the graph knows, by id (a copy)."""
        return dict(self._owners)

    def __contains__(self, ident: object) -> bool:
        return ident in self._g

    def __len__(self) -> int:
        return int(self._g.number_of_nodes())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AlignmentGraph):
            return NotImplemented
        return (
            self._cycles == other._cycles
            and self._owners == other._owners
            and list(self._dependencies.values()) == list(other._dependencies.values())
            and list(self._g.nodes) == list(other._g.nodes)
            and bool(nx.utils.graphs_equal(self._g, other._g))
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        counts = dict.fromkeys(NodeKind, 0)
        for _node, data in self._g.nodes(data=True):
            counts[data["kind"]] += 1
        view = " (read-only)" if self._read_only else ""
        return (
            f"<AlignmentGraph{view}: {counts[_OBJECTIVE]} objectives, "
            f"{counts[_KEY_RESULT]} key results, {counts[_INITIATIVE]} initiatives>"
        )

    def kind(self, ident: str) -> NodeKind:
        """The kind of node ``ident`` (raises :class:`~okrkit.AlignmentError` if absent)."""
        return self._need(ident)

    def entity(self, ident: str) -> Entity:
        """The objective, key result or initiative with id ``ident``."""
        self._need(ident)
        return cast(Entity, self._g.nodes[ident]["entity"])

    def _entities(self, kind: NodeKind) -> list[Any]:
        return [data["entity"] for _node, data in self._g.nodes(data=True) if data["kind"] is kind]

    def objectives(self) -> list[Objective]:
        """Every objective, in the order added."""
        return cast(list[Objective], self._entities(_OBJECTIVE))

    def key_results(self) -> list[KeyResult]:
        """Every key result, in the order added."""
        return cast(list[KeyResult], self._entities(_KEY_RESULT))

    def initiatives(self) -> list[Initiative]:
        """Every initiative, in the order added."""
        return cast(list[Initiative], self._entities(_INITIATIVE))

    def objective_of(self, key_result: str) -> Objective:
        """The objective that holds ``key_result``."""
        self._need(key_result, _KEY_RESULT)
        owner = algo.objective_of(self._g, key_result)
        if owner is None:  # only in a view that left the objective out
            raise AlignmentError(
                _("the objective of {id!r} is not in this view").format(id=key_result),
                ids=[key_result],
            )
        return cast(Objective, self._g.nodes[owner]["entity"])

    def parents(self, ident: str, *, include_supports: bool = True) -> list[str]:
        """The ids ``ident`` aligns to directly, in link order."""
        self._need(ident, _OBJECTIVE, _KEY_RESULT)
        return list(algo.parents(self._g, ident, include_supports=include_supports))

    def children(self, ident: str, *, include_supports: bool = True) -> list[str]:
        """The ids aligned directly to ``ident`` (its key results are not children)."""
        self._need(ident, _OBJECTIVE, _KEY_RESULT)
        return [
            str(source)
            for source, data in self._g.pred[ident].items()
            if data["kind"] is _ALIGNS
            and (include_supports or data["link"] is LinkKind.CONTRIBUTES)
        ]

    def ancestors(self, ident: str, *, include_supports: bool = True) -> list[str]:
        """Everything ``ident`` counts toward, up to the top, nearest first."""
        self._need(ident, _OBJECTIVE, _KEY_RESULT)
        return algo.ancestors(self._g, ident, include_supports=include_supports)

    def descendants(self, ident: str, *, include_supports: bool = True) -> list[str]:
        """Everything that counts toward ``ident``, key results included, nearest first."""
        self._need(ident, _OBJECTIVE, _KEY_RESULT)
        return algo.descendants(self._g, ident, include_supports=include_supports)

    def contributors(self, objective: str) -> list[str]:
        """All key results and objectives below ``objective`` that count toward it.

        Only ``contributes`` links are followed; ``supports`` links are shown, not
        counted.
        """
        self._need(objective, _OBJECTIVE)
        return algo.contributors(self._g, objective)

    def impact_path(self, key_result: str) -> list[str]:
        """The chain from ``key_result`` to the top, normally a company objective.

        See :func:`okrkit.graph.impact_path` for how a parent is chosen where there
        are several.
        """
        self._need(key_result, _KEY_RESULT)
        return algo.impact_path(self._g, key_result)

    def roots(self) -> list[Objective]:
        """Objectives aligned to nothing (normally the company objectives)."""
        return [o for o in self.objectives() if next(algo.parents(self._g, o.id), None) is None]

    def orphans(self) -> list[Objective]:
        """Objectives below company level that are aligned to nothing."""
        return [o for o in self.roots() if o.level is not Level.COMPANY]

    def initiatives_for(self, key_result: str) -> list[Initiative]:
        """The initiatives that drive ``key_result``."""
        self._need(key_result, _KEY_RESULT)
        return [
            self._g.nodes[source]["entity"]
            for source, data in self._g.pred[key_result].items()
            if data["kind"] is _DRIVES
        ]

    def _units_below(self, owner: str) -> set[str]:
        below = {owner}
        changed = True
        while changed:
            changed = False
            for unit in self._owners.values():
                if unit.parent in below and unit.id not in below:
                    below.add(unit.id)
                    changed = True
        return below

    def by_owner(self, owner: str, *, include_units_below: bool = False) -> list[Objective]:
        """Objectives owned by ``owner`` (and, optionally, by every unit below it)."""
        if owner not in self._owners:
            raise AlignmentError(
                _("the graph knows no owner {owner!r}").format(owner=owner), ids=[owner]
            )
        owners = self._units_below(owner) if include_units_below else {owner}
        return [o for o in self.objectives() if o.owner in owners]

    def by_level(self, level: Level | str) -> list[Objective]:
        """Objectives of one level."""
        wanted = Level(level)
        return [o for o in self.objectives() if o.level is wanted]

    def by_cycle(self, cycle: str) -> list[Objective]:
        """Objectives of one cycle."""
        return [o for o in self.objectives() if o.cycle == cycle]

    def dependencies(self) -> list[DependencyInfo]:
        """Every dependency, with the owners on both sides, in the order added.

        A key result's owners are its own, or its objective's owner when it names none.
        """
        return [
            DependencyInfo(
                dependent=dep.dependent,
                on=dep.on,
                note=dep.note,
                dependent_owners=self._owners_of(dep.dependent),
                on_owners=self._owners_of(dep.on),
            )
            for dep in self._dependencies.values()
            if dep.dependent in self._g and dep.on in self._g
        ]

    def _owners_of(self, ident: str) -> tuple[str, ...]:
        entity = self._g.nodes[ident]["entity"]
        if isinstance(entity, KeyResult):
            if entity.owners:
                return entity.owners
            owner = algo.objective_of(self._g, ident)
            return (self._g.nodes[owner]["entity"].owner,) if owner is not None else ()
        return (entity.owner,)

    # -- views -------------------------------------------------------------------------------

    def _view(self, nodes: Iterable[str]) -> AlignmentGraph:
        view = AlignmentGraph(cycles=self._cycles.values(), owners=self._owners.values())
        view._g = self._g.subgraph(list(nodes))
        view._dependencies = {
            pair: dep for pair, dep in self._dependencies.items() if view._g.has_edge(*pair)
        }
        view._read_only = True
        view._cacheable = False  # it follows changes to the graph it views
        return view

    def _with_parts(self, objectives: Iterable[Objective]) -> Iterator[str]:
        for objective in objectives:
            yield objective.id
            for kr in objective.key_results:
                yield kr.id
                yield from (i.id for i in self.initiatives_for(kr.id))

    def for_owner(self, owner: str, *, include_units_below: bool = True) -> AlignmentGraph:
        """A read-only view of one unit's objectives (a department and its teams, ...).

        Like every view, it keeps the nodes it was made with; links and entities among
        them follow later changes to the graph.

        The view holds the objectives owned by ``owner`` and, by default, by every unit
        and person below it in the owner tree, with their key results and the
        initiatives that drive them, and the edges among them.
        """
        return self._view(
            self._with_parts(self.by_owner(owner, include_units_below=include_units_below))
        )

    def for_cycle(self, cycle: str) -> AlignmentGraph:
        """A read-only view of one cycle's objectives, key results and initiatives."""
        if cycle not in self._cycles:
            raise AlignmentError(
                _("the graph knows no cycle {cycle!r}").format(cycle=cycle), ids=[cycle]
            )
        return self._view(self._with_parts(self.by_cycle(cycle)))

    def read_only_view(self) -> AlignmentGraph:
        """A read-only view of the graph's current nodes.

        The view keeps this set of nodes; links and entities among them follow later
        changes to the graph.
        """
        return self._view(self._g.nodes)


def _alignment_edges(
    child: str, links: Iterable[Alignment]
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for link in links:
        yield (child, link.parent, {"kind": _ALIGNS, "link": link.kind, "weight": link.weight})


def _make_dependency(dependent: str, on: str, note: str) -> Dependency:
    from okrkit.errors import ValidationError

    try:
        return Dependency(dependent=dependent, on=on, note=note)
    except ValidationError as exc:
        raise AlignmentError(str(exc), ids=[dependent, on]) from exc


def _check_sibling_loops(objective: Objective) -> None:
    """Refuse key results of one objective that align to each other in a loop."""
    links = {kr.id: [a.parent for a in kr.aligned_to] for kr in objective.key_results}
    siblings = {kr: [p for p in parents if p in links] for kr, parents in links.items()}
    for loop in _find_cycles(siblings):
        raise AlignmentError(
            _("these key results align to each other in a loop: {loop}").format(
                loop=" -> ".join(loop)
            ),
            ids=loop[:-1],
        )


def _loop_path(G: nx.DiGraph[str], start: str, goal: str) -> list[str]:  # noqa: N803
    """One upward path from ``start`` to ``goal``, both included."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            path = [node]
            while previous[path[-1]] is not None:
                path.append(cast(str, previous[path[-1]]))
            return list(reversed(path))
        for nxt in algo.up(G, node):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return [start, goal]
