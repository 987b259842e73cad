"""The whole of one OKR file: cycles, owners, objectives, initiatives and check-ins."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from okrkit.errors import (
    LocaleError,
    Message,
    Problem,
    UnknownIdError,
    UsageError,
    ValidationError,
)
from okrkit.errors._message import as_found
from okrkit.i18n import N_, use_locale
from okrkit.model._checkin import CheckIn
from okrkit.model._checks import DateLike, as_tuple, is_storable
from okrkit.model._entities import Cycle, Dependency, Initiative, Owner
from okrkit.model._hooks import checkin_log, graph_of, score_of
from okrkit.model._objective import KeyResult, Objective
from okrkit.model._rules import (
    SCHEMA_VERSION,
    Entity,
    References,
    reference_problems,
    same_day,
)
from okrkit.model._words import described

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
    from okrkit.graph import AlignmentGraph
    from okrkit.scoring import Scorecard

__all__ = ["SCHEMA_VERSION", "OKRSet", "checked_locale"]

_T = TypeVar("_T")


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


def _to_checkins(value: CheckInLog | Iterable[CheckIn]) -> CheckInLog | tuple[object, ...]:
    # The check-in log sits one layer up and lends its class (model/_hooks.py).
    log = checkin_log()
    if isinstance(value, log):
        return value
    rows = as_tuple(value)
    if all(isinstance(row, CheckIn) for row in rows):
        return log.from_checkins(cast(tuple[CheckIn, ...], rows))
    # Some row is no check-in: kept as given, for the set to report every such row
    # with its other problems (see _not_checkins); no set is made of it.
    return rows


def _not_checkins(rows: tuple[object, ...]) -> list[Problem]:
    """A problem for each of ``rows`` that is not a check-in, ``None`` included."""
    check = References({})
    check.types("checkins", rows, CheckIn, holes=False)
    return check.problems


def _to_dependencies(value: Iterable[Dependency]) -> tuple[Dependency, ...]:
    return cast(tuple[Dependency, ...], as_tuple(value))


def _id_of(ident: object) -> str:
    """``ident`` as the id a lookup takes: text as is, a whole number as its digits."""
    if isinstance(ident, str):
        return ident
    if isinstance(ident, int) and not isinstance(ident, bool):
        return str(ident)  # the model reads a whole-number id as its digits
    raise UsageError(
        Message(
            N_("look an entity up by its id, such as 'kr-growth-1' (got {value})"),
            value=described(ident),
        )
    )


def checked_locale(value: object) -> tuple[str | None, Problem | None]:
    """A set's ``locale`` as babel spells it (``vi-VN`` -> ``vi_VN``), or its problem.

    ``None`` stays ``None``: the set does not say. Anything else must be a locale that
    babel knows, such as ``vi``, ``en`` or ``vi_VN``.

    Examples:
        >>> checked_locale("vi-VN")
        ('vi_VN', None)
        >>> checked_locale("klingon")[1].path
        'locale'
    """
    if value is None:
        return None, None
    if isinstance(value, str) and is_storable(value):
        try:
            return use_locale(value).locale, None
        except LocaleError:
            pass
    problem = Problem(
        "field.choice",
        Message(
            N_(
                "'locale' must be a known language code, such as vi, en or vi_VN (got {value}); "
                "correct it, or leave the key out"
            ),
            value=as_found(value),
        ),
        path="locale",
    )
    return None, problem


@attrs.frozen(kw_only=True)
class OKRSet:
    """Everything in one OKR file, with every cross-reference checked.

    Key results are nested in their objectives. Ids are unique across the whole
    set, and every id one entity names (an owner, a cycle, a parent, a key result)
    must exist in it; construction raises one
    :class:`~okrkit.errors.ValidationError` that lists every problem.

    Attributes:
        schema_version: The version of the file format (see ``SCHEMA_VERSION``).
        locale: The language the set is written in, such as ``"vi"`` or ``"en"``
            (any locale babel knows, kept in babel's spelling: ``vi-VN`` becomes
            ``vi_VN``), or ``None`` when the set does not say. The command line
            speaks it when neither ``--locale`` nor ``OKRKIT_LOCALE`` chooses a
            language; the library itself never switches locale on its own.
        cycles: The cycles the objectives are set for.
        owners: The company, departments, teams and people who own OKRs.
        objectives: The objectives, each with its key results.
        initiatives: The work that drives key results.
        checkins: Values reported for key results over time: a
            :class:`~okrkit.checkins.CheckInLog`, which reads as a sequence of
            :class:`CheckIn` sorted by key result and day. Pass a log or any iterable
            of check-ins.
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
    locale: str | None = None
    cycles: tuple[Cycle, ...] = attrs.field(converter=_to_cycles)
    owners: tuple[Owner, ...] = attrs.field(converter=_to_owners)
    objectives: tuple[Objective, ...] = attrs.field(converter=_to_objectives)
    initiatives: tuple[Initiative, ...] = attrs.field(default=(), converter=_to_initiatives)
    # Typed loosely for cattrs (the log's layer sits above); see _to_checkins.
    checkins: Any = attrs.field(default=(), converter=_to_checkins)
    dependencies: tuple[Dependency, ...] = attrs.field(default=(), converter=_to_dependencies)

    _index: dict[str, Entity] = attrs.field(init=False, eq=False, repr=False)
    _objective_of: dict[str, Objective] = attrs.field(init=False, eq=False, repr=False)
    # Layouts derived from the objectives alone (the scoring plan), shared with the
    # sets that with_checkins() makes.
    _derived: dict[object, Any] = attrs.field(init=False, eq=False, repr=False, factory=dict)
    # Typed loosely: cattrs resolves every field's type, and the graph layer sits above.
    _graph: Any = attrs.field(init=False, eq=False, repr=False, default=None)

    def __attrs_post_init__(self) -> None:
        locale, locale_problem = checked_locale(self.locale)
        diagnostics: list[Problem] = []
        problems, index, objective_of = reference_problems(
            schema_version=self.schema_version,
            cycles=self.cycles,
            owners=self.owners,
            objectives=self.objectives,
            initiatives=self.initiatives,
            checkins=self.checkins,
            dependencies=self.dependencies,
            diagnostics=diagnostics,
        )
        if locale_problem is not None:
            problems = [locale_problem, *problems]
        if problems:
            raise ValidationError(problems)
        object.__setattr__(self, "locale", locale)
        if diagnostics or self.checkins.diagnostics:
            # The set's log says which check-ins fall outside their cycle.
            object.__setattr__(self, "checkins", self.checkins.with_diagnostics(diagnostics))
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_objective_of", objective_of)
        object.__setattr__(self, "_derived", {})

    def derived(self, key: object, build: Callable[[], _T]) -> _T:
        """Return what ``build`` makes from this set's objectives, made once and kept.

        For layers above the model (the scoring plan): what is kept depends on the
        objectives, key results and cycles only, so sets made by :meth:`with_checkins`
        share it.
        """
        if key not in self._derived:
            self._derived[key] = build()
        return cast(_T, self._derived[key])

    def with_checkins(self, checkins: CheckInLog | Iterable[CheckIn]) -> OKRSet:
        """Return a new set with ``checkins`` added; this set stays as it was.

        Only the new check-ins are checked (known key result, a value the metric
        accepts, one a day per key result, a known author), and the new set keeps
        this one's indexes and scoring plan, so adding a few check-ins to a large
        company costs in proportion to what was added.

        Raises:
            ValidationError: listing every problem of the new check-ins; nothing is
                added then.

        Examples:
            >>> import okrkit
            >>> okrs = okrkit.load("examples/acme.en.yaml")
            >>> more = okrs.with_checkins([okrkit.CheckIn(key_result="kr-velocity",
            ...     on="2026-03-30", value=33)])
            >>> len(more.checkins) - len(okrs.checkins), more.objectives == okrs.objectives
            (1, True)
        """
        extra = _to_checkins(checkins)
        if isinstance(extra, tuple):
            raise ValidationError(_not_checkins(extra))
        check = References({})
        check.index, check.objective_of = self._index, self._objective_of
        check.checkins(extra)
        merged = self.checkins.append(extra)
        same_day(check, merged, shift=len(self.checkins))
        if check.problems:
            raise ValidationError(check.problems)
        if check.outside:  # paths name the rows as they were given here
            merged = merged.with_diagnostics((*merged.diagnostics, *check.outside))
        new = object.__new__(OKRSet)
        for field in attrs.fields(OKRSet):
            object.__setattr__(new, field.name, getattr(self, field.name))
        object.__setattr__(new, "checkins", merged)
        return new

    # -- lookups -----------------------------------------------------------------------

    def _lookup(self, ident: str, kind: type[_T] | tuple[type, ...], label: Message) -> _T:
        key = _id_of(ident)
        entity = self._index.get(key)
        if isinstance(entity, kind):
            return cast(_T, entity)
        candidates = [name for name, value in self._index.items() if isinstance(value, kind)]
        raise UnknownIdError.among(key, label, candidates)

    def get(self, ident: str) -> Entity:
        """Return the cycle, owner, objective, key result or initiative with id ``ident``.

        Raises:
            UnknownIdError: when nothing has that id.
            UsageError: when ``ident`` is not an id (text, or a whole number).

        Examples:
            >>> import okrkit
            >>> okrs = okrkit.load("examples/acme.en.yaml")
            >>> type(okrs.get("kr-co-mrr")).__name__, type(okrs.get("obj-co-growth")).__name__
            ('KeyResult', 'Objective')
            >>> try:
            ...     okrs.get("kr-co-mrrr")
            ... except okrkit.UnknownIdError as error:
            ...     print(error.suggestions[0])
            kr-co-mrr
        """
        kinds = (Cycle, Owner, Objective, KeyResult, Initiative)
        found: Entity = self._lookup(ident, kinds, Message(N_("entity")))
        return found

    def cycle(self, ident: str) -> Cycle:
        """Return the cycle with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, Cycle, Message(N_("cycle")))

    def owner(self, ident: str) -> Owner:
        """Return the owner with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, Owner, Message(N_("owner")))

    def objective(self, ident: str) -> Objective:
        """Return the objective with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, Objective, Message(N_("objective")))

    def key_result(self, ident: str) -> KeyResult:
        """Return the key result with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, KeyResult, Message(N_("key result")))

    def initiative(self, ident: str) -> Initiative:
        """Return the initiative with id ``ident`` (raises :class:`UnknownIdError`)."""
        return self._lookup(ident, Initiative, Message(N_("initiative")))

    def objective_of(self, key_result_id: str) -> Objective:
        """Return the objective that holds key result ``key_result_id``."""
        try:
            return self._objective_of[key_result_id]
        except KeyError:
            self.key_result(key_result_id)  # raises with suggestions
            raise  # pragma: no cover - key_result() raised already

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and ident in self._index

    def score(
        self, *, as_of: DateLike | None = None, strategy: Any = "linear", **options: Any
    ) -> Scorecard:
        """Score every key result and objective as of ``as_of`` (today by default).

        A shortcut for :func:`okrkit.scoring.rollup` on this set's graph and check-ins;
        ``strategy`` and ``options`` are passed on.
        """
        # Scoring sits above the model and lends this (model/_hooks.py, okrkit/_api.py).
        return score_of()(self, as_of=as_of, strategy=strategy, **options)

    @property
    def graph(self) -> AlignmentGraph:
        """The alignment graph of the set, built on first use, read-only.

        For a graph to change, start from ``AlignmentGraph.from_okrset(okrs)`` or
        ``okrs.graph.copy()``.
        """
        if self._graph is None:
            # The graph sits above the model and lends this (model/_hooks.py).
            object.__setattr__(self, "_graph", graph_of()(self))
        return cast("AlignmentGraph", self._graph)

    @property
    def key_results(self) -> tuple[KeyResult, ...]:
        """Every key result of every objective, in file order (a tuple, made once)."""
        found: tuple[KeyResult, ...] = self.derived(
            ("key-results",),
            lambda: tuple(chain.from_iterable(o.key_results for o in self.objectives)),
        )
        return found

    def to_frame(self) -> Any:
        """The set as a pandas DataFrame, one row per key result beside its objective.

        Columns (see docs/notebooks.md): ``objective_id``, ``objective_title``,
        ``level``, ``ambition``, ``owner``, ``cycle``, ``key_result_id``,
        ``key_result_title``, ``kind``, ``unit``, ``currency``, ``start``, ``target``,
        ``weight``, ``due`` (datetime64) and ``owners`` (ids joined by ``", "``).
        Needs the ``pandas`` extra.

        Examples:
            >>> import okrkit
            >>> frame = okrkit.load("examples/acme.en.yaml").to_frame()
            >>> frame.loc[0, ["objective_id", "key_result_id", "kind"]].tolist()
            ['obj-co-growth', 'kr-co-mrr', 'increase']
        """
        from okrkit.model._frames import okrset_frame

        return okrset_frame(self)

    def _repr_html_(self) -> str:
        """A compact HTML table of the objectives, for Jupyter."""
        from okrkit.model._html import okrset_html

        return okrset_html(self)

    def checkins_for(self, key_result_id: str) -> tuple[CheckIn, ...]:
        """Return the check-ins of one key result, oldest first.

        Raises:
            UnknownIdError: when the set has no key result ``key_result_id``.
        """
        self.key_result(key_result_id)
        return cast(tuple[CheckIn, ...], self.checkins.history(key_result_id))
