"""The alignment graph: objectives, key results and initiatives in one networkx graph.

:class:`AlignmentGraph` is a thin door. What it does lives in functions that take the
graph first: checks in ``_checks.py``, changes in ``_changes.py``, queries in
``_queries.py`` (over the walks of ``_alignment.py``), views in ``_views.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

import networkx as nx

from okrkit.graph import _changes, _checks, _queries, _views
from okrkit.graph._kinds import DependencyInfo, NodeKind
from okrkit.model import (
    CheckIn,
    Cycle,
    Dependency,
    Initiative,
    KeyResult,
    Level,
    LinkKind,
    Listing,
    Objective,
    OKRSet,
    Owner,
)

__all__ = ["AlignmentGraph"]

Entity = Objective | KeyResult | Initiative
_D = TypeVar("_D")

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
    leaves the graph as it was. A mistake an OKR file can make too gets the message
    :class:`~okrkit.OKRSet` gives it. The entities on the nodes are kept in step with the
    edges (an objective's ``aligned_to`` and ``key_results``), so :meth:`to_okrset`
    gives back a valid set. Every listing is in the order entities were added.

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
        """
        graph = cls(cycles=okrset.cycles, owners=okrset.owners)
        _changes.fill(graph, okrset)
        return graph

    @classmethod
    def _assemble(
        cls,
        *,
        cycles: Iterable[Cycle],
        owners: Iterable[Owner],
        nodes: Iterable[tuple[str, dict[str, Any]]],
        edges: Iterable[tuple[str, str, dict[str, Any]]],
        dependencies: Iterable[Dependency],
    ) -> AlignmentGraph:
        """A graph of exactly these nodes, edges and dependencies, unchecked.

        For okrkit's own readers of exported graphs (node-link JSON, in io), which
        check the result with :meth:`to_okrset`.
        """
        graph = cls(cycles=cycles, owners=owners)
        _changes.assemble(graph, nodes, edges, dependencies)
        return graph

    def to_okrset(self, *, checkins: Iterable[CheckIn] = ()) -> OKRSet:
        """Return the graph's content as a validated OKR set, with ``checkins`` added."""
        return OKRSet(
            cycles=list(self._cycles.values()),
            owners=list(self._owners.values()),
            objectives=self.objectives,
            initiatives=self.initiatives,
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
        return _views.copy(self)

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

    # -- changing ----------------------------------------------------------------------------

    def add_objective(self, objective: Objective) -> None:
        """Add an objective with its key results and their alignment links.

        Raises:
            AlignmentError: when an id is taken, a parent, owner or cycle is unknown,
                a key result's due date falls outside the cycle, the cycles of child
                and parent do not overlap, or the links would form a loop. The graph is
                unchanged.
        """
        _changes.add_objective(self, objective)

    def add_initiative(self, initiative: Initiative) -> None:
        """Add an initiative and the key results it drives.

        Raises:
            AlignmentError: when its id is taken, its owner is unknown, or it drives an
                id that is not a key result of the graph. The graph is unchanged.
        """
        _changes.add_initiative(self, initiative)

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
        _changes.align(self, child, parent, kind, weight)

    def depends_on(self, dependent: str, on: str, *, note: str = "") -> None:
        """Record that ``dependent`` waits on ``on`` (objectives or key results).

        Raises:
            AlignmentError: when either id is unknown or not an objective or key result,
                the two are the same, or already linked. The graph is unchanged.
        """
        _changes.depends_on(self, dependent, on, note)

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
        return _changes.remove(self, ident)

    # -- reading -----------------------------------------------------------------------------

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
        return _checks.need(self, ident)

    def entity(self, ident: str) -> Entity:
        """The objective, key result or initiative with id ``ident``."""
        _checks.need(self, ident)
        return cast(Entity, self._g.nodes[ident]["entity"])

    @property
    def objectives(self) -> Listing[Objective]:
        """Every objective, in the order added (a tuple).

        Calling it, ``graph.objectives()``, is the spelling of okrkit 0.1: it still
        returns a list, with a :class:`DeprecationWarning`. The same goes for
        :attr:`key_results` and :attr:`initiatives`.
        """
        found = cast(list[Objective], _queries.entities(self, _OBJECTIVE))
        return Listing(found, "AlignmentGraph.objectives")

    @property
    def key_results(self) -> Listing[KeyResult]:
        """Every key result, in the order added (a tuple); see :attr:`objectives`."""
        found = cast(list[KeyResult], _queries.entities(self, _KEY_RESULT))
        return Listing(found, "AlignmentGraph.key_results")

    @property
    def initiatives(self) -> Listing[Initiative]:
        """Every initiative, in the order added (a tuple); see :attr:`objectives`."""
        found = cast(list[Initiative], _queries.entities(self, _INITIATIVE))
        return Listing(found, "AlignmentGraph.initiatives")

    def objective_of(self, key_result: str) -> Objective:
        """The objective that holds ``key_result``."""
        return _queries.objective_of(self, key_result)

    def parents(self, ident: str, *, include_supports: bool = True) -> list[str]:
        """The ids ``ident`` aligns to directly, in link order."""
        return _queries.parents(self, ident, include_supports)

    def children(self, ident: str, *, include_supports: bool = True) -> list[str]:
        """The ids aligned directly to ``ident`` (its key results are not children)."""
        return _queries.children(self, ident, include_supports)

    def ancestors(self, ident: str, *, include_supports: bool = True) -> list[str]:
        """Everything ``ident`` counts toward, up to the top, nearest first."""
        return _queries.ancestors(self, ident, include_supports)

    def descendants(self, ident: str, *, include_supports: bool = True) -> list[str]:
        """Everything that counts toward ``ident``, key results included, nearest first."""
        return _queries.descendants(self, ident, include_supports)

    def contributors(self, objective: str) -> list[str]:
        """All key results and objectives below ``objective`` that count toward it.

        Only ``contributes`` links are followed; ``supports`` links are shown, not
        counted.
        """
        return _queries.contributors(self, objective)

    def impact_path(self, key_result: str) -> list[str]:
        """The chain from ``key_result`` to the top, normally a company objective.

        See :func:`okrkit.graph.impact_path` for how a parent is chosen where there
        are several.
        """
        return _queries.impact_path(self, key_result)

    def roots(self) -> list[Objective]:
        """Objectives aligned to nothing (normally the company objectives)."""
        return _queries.roots(self)

    def orphans(self) -> list[Objective]:
        """Objectives below company level that are aligned to nothing."""
        return _queries.orphans(self)

    def initiatives_for(self, key_result: str) -> list[Initiative]:
        """The initiatives that drive ``key_result``."""
        return _queries.initiatives_for(self, key_result)

    def by_owner(self, owner: str, *, include_units_below: bool = False) -> list[Objective]:
        """Objectives owned by ``owner`` (and, optionally, by every unit below it)."""
        return _queries.by_owner(self, owner, include_units_below)

    def by_level(self, level: Level | str) -> list[Objective]:
        """Objectives of one level.

        Raises:
            ValidationError: when ``level`` is not a level.
        """
        return _queries.by_level(self, level)

    def by_cycle(self, cycle: str) -> list[Objective]:
        """Objectives of one cycle."""
        return _queries.by_cycle(self, cycle)

    def dependencies(self) -> list[DependencyInfo]:
        """Every dependency, with the owners on both sides, in the order added.

        A key result's owners are its own, or its objective's owner when it names none.
        """
        return _queries.dependencies(self)

    # -- views -------------------------------------------------------------------------------

    def for_owner(self, owner: str, *, include_units_below: bool = True) -> AlignmentGraph:
        """A read-only view of one unit's objectives (a department and its teams, ...).

        Like every view, it keeps the nodes it was made with; links and entities among
        them follow later changes to the graph.

        The view holds the objectives owned by ``owner`` and, by default, by every unit
        and person below it in the owner tree, with their key results and the
        initiatives that drive them, and the edges among them.
        """
        return _views.for_owner(self, owner, include_units_below)

    def for_cycle(self, cycle: str) -> AlignmentGraph:
        """A read-only view of one cycle's objectives, key results and initiatives."""
        return _views.for_cycle(self, cycle)

    def read_only_view(self) -> AlignmentGraph:
        """A read-only view of the graph's current nodes.

        The view keeps this set of nodes; links and entities among them follow later
        changes to the graph.
        """
        return _views.read_only_view(self)
