"""An objective, its key results, and the alignment links that tie them to parents.

Every class is frozen and keyword-only; change one with :func:`attrs.evolve`, which
validates the new object again. Construction validates every field and raises one
:class:`~okrkit.errors.ValidationError` listing every problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

import attrs

from okrkit.errors import Message, Shown, UnknownIdError
from okrkit.i18n import N_
from okrkit.model._checks import MAX_WEIGHT, Checker, as_tuple, is_clean_text, is_storable
from okrkit.model._convert import (
    are_ids,
    are_texts,
    is_id,
    is_text,
    members_by_value,
    takes_ambition,
    takes_level,
    takes_link_kind,
    takes_optional_date,
    to_cycle_id,
    to_owner_id,
    to_owner_ids,
    to_parent_id,
    to_texts,
)
from okrkit.model._enums import Ambition, Level, LinkKind, MetricKind
from okrkit.model._metric import FinalGrade, Metric, PlannedValue

__all__ = ["Alignment", "KeyResult", "Objective"]

_LEVEL_OF = members_by_value(Level)
_AMBITION_OF = members_by_value(Ambition)


# -- alignment links ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Alignment:
    """A link from an objective or key result up to a parent objective or key result.

    Attributes:
        parent: The id of the parent objective or key result.
        kind: ``contributes`` (counts toward the parent's score, the default) or
            ``supports`` (shown, not counted).
        weight: How much this child counts among the parent's children (> 0).

    Examples:
        >>> Alignment(parent="obj-company-growth").kind
        <LinkKind.CONTRIBUTES: 'contributes'>
    """

    parent: str = attrs.field(converter=to_parent_id)
    # For the type checker only (see okrkit.model._convert).
    kind: LinkKind = attrs.field(default=LinkKind.CONTRIBUTES, converter=takes_link_kind)
    weight: float = 1.0

    def __attrs_post_init__(self) -> None:
        weight = self.weight
        if (
            is_id(self.parent)
            and type(self.kind) is LinkKind
            and type(weight) is float
            and 0 < weight <= MAX_WEIGHT
        ):
            return
        check = Checker(self)
        check.identifier("parent")
        check.choice("kind", LinkKind)
        check.weight("weight")
        check.done()


def _to_alignments(
    value: str | Alignment | Iterable[str | Alignment],
) -> tuple[Alignment, ...]:
    """Accept a parent id, an :class:`Alignment`, or several of either."""
    if value == ():
        return ()
    items = []
    for item in as_tuple(value):
        if isinstance(item, str):
            items.append(Alignment(parent=item))
        else:
            items.append(cast(Alignment, item))
    return tuple(items)


def _plain_links(links: object, ident: str) -> bool:
    """Links that are Alignments, none to ``ident``, no parent named twice."""
    if type(links) is not tuple:
        return False
    if not links:
        return True
    parents = [link.parent for link in links if type(link) is Alignment]
    return (
        len(parents) == len(links) and ident not in parents and len(set(parents)) == len(parents)
    )


# -- key result -----------------------------------------------------------------------


def _to_plan(value: Iterable[PlannedValue]) -> tuple[PlannedValue, ...]:
    if type(value) is tuple:  # the common case, as the default ``()`` is
        return value
    return cast(tuple[PlannedValue, ...], as_tuple(value))


@attrs.frozen(kw_only=True)
class KeyResult:
    """A measurable result that shows an objective is met.

    Attributes:
        id: Unique id within the OKR set.
        title: What will be true, in a sentence with a number in it.
        description: Optional longer text.
        metric: What is measured and where it should end (:class:`Metric`).
        owners: Ids of the owners; several are allowed.
        weight: How much the key result counts within its objective (> 0).
        due: Optional due date, inside the objective's cycle.
        aligned_to: Parent objectives or key results this one counts toward.
        plan: Planned values at dates: a phased target.
        final_grade: The owner's grade at the end of the cycle, with the reason.
        carried_from: The id of the key result this one was carried forward from, in
            an earlier cycle (see :func:`okrkit.store.carry_forward`). It is kept as a
            plain id, not checked as a reference: the original may live in another
            file or another cycle of a store.
        lint_ignore: Codes of lint rules (``OKR201``) this key result opts out of;
            written in a file as ``lint: {ignore: [OKR201]}``.

    Examples:
        >>> kr = KeyResult(
        ...     id="kr-velocity",
        ...     title="Raise sprint velocity from 27 to 35 points",
        ...     metric=Metric(kind="increase", start=27, target=35),
        ...     owners="pm-lan",
        ... )
        >>> kr.owners
        ('pm-lan',)
    """

    id: str
    title: str
    metric: Metric
    description: str = ""
    owners: tuple[str, ...] = attrs.field(default=(), converter=to_owner_ids)
    weight: float = 1.0
    # For the type checker only (see okrkit.model._convert).
    due: dt.date | None = attrs.field(default=None, converter=takes_optional_date)
    aligned_to: tuple[Alignment, ...] = attrs.field(default=(), converter=_to_alignments)
    plan: tuple[PlannedValue, ...] = attrs.field(default=(), converter=_to_plan)
    final_grade: FinalGrade | None = None
    carried_from: str | None = None
    lint_ignore: tuple[str, ...] = attrs.field(default=(), converter=to_texts)

    def _is_plain(self) -> bool:
        """Whether every field is already normal and plainly valid (see the fast ways out)."""
        # Key results come by the hundred thousand: the common values are tested first
        # and in place, the rest through the helpers.
        weight = self.weight
        owners = self.owners
        description = self.description
        due = self.due
        carried_from = self.carried_from
        links = self.aligned_to
        return (
            is_id(self.id)
            and is_text(self.title)
            and type(description) is str
            and (description.isascii() or is_storable(description))
            and type(self.metric) is Metric
            and type(owners) is tuple
            and (not owners or are_ids(owners))
            and type(weight) is float  # finite, as it lies in the range below
            and 0 < weight <= MAX_WEIGHT
            and (due is None or type(due) is dt.date)
            and self.plan == ()
            and self.final_grade is None
            and (carried_from is None or is_id(carried_from))
            and (links == () or _plain_links(links, self.id))
            and (self.lint_ignore == () or are_texts(self.lint_ignore))
        )

    def __attrs_post_init__(self) -> None:
        if self._is_plain():
            return
        check = Checker(self, entity_id=self.id)
        ident = check.identifier("id")
        check.text("title")
        check.text("description", required=False)
        _check_plan(check, self.plan, self.metric)
        check.record("final_grade", FinalGrade, optional=True)
        check.record("metric", Metric)
        check.identifiers("owners")
        check.weight("weight")
        check.date("due", optional=True)
        check.identifier("carried_from", optional=True)
        check.texts("lint_ignore")
        _check_alignments(check, ident, self.aligned_to)
        check.done()

    def _repr_html_(self) -> str:
        """A compact HTML table of the key result's fields, for Jupyter."""
        from okrkit.model._html import key_result_html

        return key_result_html(self)


def _check_plan(check: Checker, plan: tuple[PlannedValue, ...], metric: object) -> None:
    """Planned values: for increase and decrease metrics, one per date."""
    check.instances("plan", PlannedValue)
    if not plan:
        return
    if isinstance(metric, Metric) and metric.kind not in (
        MetricKind.INCREASE,
        MetricKind.DECREASE,
    ):
        check.problem(
            "plan",
            "value.invalid",
            Message(
                N_("a plan of values needs an increase or decrease metric (got {kind!r})"),
                kind=Shown(metric.kind.value),
            ),
        )
    days = [step.on for step in plan if isinstance(step, PlannedValue)]
    if len(set(days)) != len(days):
        check.problem(
            "plan",
            "id.duplicate",
            Message(N_("'plan' names a date twice; give one value per date")),
        )


def _check_alignments(check: Checker, ident: str | None, links: tuple[Alignment, ...]) -> None:
    check.instances("aligned_to", Alignment)
    seen: set[str] = set()
    for index, link in enumerate(links):
        if not isinstance(link, Alignment):
            continue
        if ident is not None and link.parent == ident:
            check.problem(
                f"aligned_to[{index}]",
                "alignment.invalid",
                Message(
                    N_("'{id}' cannot align to itself; name a parent objective or key result"),
                    id=ident,
                ),
            )
        if link.parent in seen:
            check.problem(
                f"aligned_to[{index}]",
                "id.duplicate",
                Message(
                    N_("'{parent}' is named twice in 'aligned_to'; keep one link"),
                    parent=link.parent,
                ),
            )
        seen.add(link.parent)


# -- objective ------------------------------------------------------------------------


def _to_key_results(value: Iterable[KeyResult]) -> tuple[KeyResult, ...]:
    if type(value) is tuple:  # the common case
        return value
    return cast(tuple["KeyResult", ...], as_tuple(value))


@attrs.frozen(kw_only=True)
class Objective:
    """A qualitative goal with the key results that measure it.

    Attributes:
        id: Unique id within the OKR set.
        title: The goal, in words that inspire; no numbers needed.
        description: Optional longer text.
        owner: The id of the owner (company, department, team or person).
        cycle: The id of the cycle the objective is set for.
        level: Company, department, team or individual.
        ambition: Committed (expected to reach 1.0, the default) or aspirational.
        aligned_to: Parent objectives or key results; one id, several, or
            :class:`Alignment` links with a kind and weight.
        tags: Free labels for searching and grouping.
        key_results: The key results; 2-5 is good practice (the linter says so).
        final_grade: The owner's grade at the end of the cycle, with the reason.
        carried_from: The id of the objective this one was carried forward from, in
            an earlier cycle; a plain id, not checked as a reference (see
            :attr:`KeyResult.carried_from`).
        lint_ignore: Codes of lint rules (``OKR101``) this objective opts out of;
            written in a file as ``lint: {ignore: [OKR101]}``.

    Examples:
        >>> o = Objective(
        ...     id="obj-growth", title="Grow where our customers are",
        ...     owner="ceo", cycle="2026-Q1", level="company",
        ... )
        >>> o.level, o.ambition
        (<Level.COMPANY: 'company'>, <Ambition.COMMITTED: 'committed'>)
    """

    id: str
    title: str
    owner: str = attrs.field(converter=to_owner_id)
    cycle: str = attrs.field(converter=to_cycle_id)
    # The next two converters are for the type checker only (see okrkit.model._convert).
    level: Level = attrs.field(converter=takes_level)
    ambition: Ambition = attrs.field(default=Ambition.COMMITTED, converter=takes_ambition)
    description: str = ""
    aligned_to: tuple[Alignment, ...] = attrs.field(default=(), converter=_to_alignments)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_texts)
    key_results: tuple[KeyResult, ...] = attrs.field(default=(), converter=_to_key_results)
    final_grade: FinalGrade | None = None
    carried_from: str | None = None
    lint_ignore: tuple[str, ...] = attrs.field(default=(), converter=to_texts)

    def __attrs_post_init__(self) -> None:
        level = self.level
        if type(level) is str:  # exact values become members (see normal_enum)
            member = _LEVEL_OF.get(level)
            if member is not None:
                object.__setattr__(self, "level", member)
        ambition = self.ambition
        if type(ambition) is str:
            chosen = _AMBITION_OF.get(ambition)
            if chosen is not None:
                object.__setattr__(self, "ambition", chosen)
        if self._is_plain():
            return
        check = Checker(self, entity_id=self.id)
        ident = check.identifier("id")
        check.text("title")
        check.text("description", required=False)
        check.record("final_grade", FinalGrade, optional=True)
        check.identifier("carried_from", optional=True)
        check.identifier("owner")
        check.identifier("cycle")
        check.choice("level", Level)
        check.choice("ambition", Ambition)
        check.texts("tags")
        check.texts("lint_ignore")
        check.instances("key_results", KeyResult)
        _check_alignments(check, ident, self.aligned_to)
        own = {kr.id for kr in self.key_results if isinstance(kr, KeyResult)}
        for index, link in enumerate(self.aligned_to):
            if isinstance(link, Alignment) and link.parent in own:
                check.problem(
                    f"aligned_to[{index}]",
                    "alignment.invalid",
                    Message(
                        N_(
                            "'{id}' cannot align to its own key result '{parent}'; "
                            "align it to a parent's objective or key result"
                        ),
                        id=ident,
                        parent=link.parent,
                    ),
                )
        check.done()

    def _is_plain(self) -> bool:
        """Whether every field is already normal and plainly valid (see the fast ways out)."""
        key_results = self.key_results
        if not (
            is_id(self.id)
            and is_text(self.title)
            and is_clean_text(self.description)
            and self.final_grade is None
            and (self.carried_from is None or is_id(self.carried_from))
            and is_id(self.owner)
            and is_id(self.cycle)
            and type(self.level) is Level
            and type(self.ambition) is Ambition
            and are_texts(self.tags)
            and (self.lint_ignore == () or are_texts(self.lint_ignore))
            and type(key_results) is tuple
            and _plain_links(self.aligned_to, self.id)
        ):
            return False
        for kr in key_results:  # a loop, not all(): no generator made per objective
            if type(kr) is not KeyResult:
                return False
        if self.aligned_to:
            own = {kr.id for kr in self.key_results}
            return not any(link.parent in own for link in self.aligned_to)
        return True

    def key_result(self, key_result_id: str) -> KeyResult:
        """Return this objective's key result with id ``key_result_id``.

        Raises:
            UnknownIdError: (a ``KeyError``) when the objective has no such key result;
                the message suggests the objective's ids that look like it.

        Examples:
            >>> o = Objective(
            ...     id="obj-growth", title="Grow", owner="ceo", cycle="2026-Q1",
            ...     level="company", key_results=[KeyResult(
            ...         id="kr-revenue", title="Revenue to 12 billion VND",
            ...         metric=Metric(kind="at_least", target=12),
            ...     )],
            ... )
            >>> o.key_result("kr-revenu")
            Traceback (most recent call last):
            ...
            okrkit.errors.UnknownIdError: no key result in objective 'obj-growth' with id 'kr-revenu'; did you mean 'kr-revenue'?
        """  # noqa: E501
        for kr in self.key_results:
            if kr.id == key_result_id:
                return kr
        raise UnknownIdError.among(
            key_result_id,
            Message(N_("key result in objective {id!r}"), id=Shown(self.id)),
            [kr.id for kr in self.key_results],
        )

    def _repr_html_(self) -> str:
        """A compact HTML table of the objective's key results, for Jupyter."""
        from okrkit.model._html import objective_html

        return objective_html(self)
