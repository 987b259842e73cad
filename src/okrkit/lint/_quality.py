"""The quality score: 0-100 for an objective with its key results, criterion by criterion.

The rubric has six criteria, each worth 0, 1 or 2 points, the way public OKR rubrics
score; the score is the points out of 12, as a whole number from 0 to 100.

==============  ==========================================================  ==========
criterion       2 points                                                    rules read
==============  ==========================================================  ==========
kr-count        2-5 key results (1 point: 1, 6 or 7)                        OKR101
outcomes        every key result an outcome (1 point: at least half)        OKR201
measurable      every target measurable and clear (1 point: at least half)  OKR202/205
aligned         company level, or aligned above (1 point: nothing above)    OKR302
owned           every key result owned (1 point: at least half)             OKR203
wording         no metric and no task list in the title (1 point: one)      OKR103/104
==============  ==========================================================  ==========

The criteria reuse the lint rules, so a score and a lint run never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping

import attrs

from okrkit.i18n import N_, _, gettext, ngettext
from okrkit.lint._registry import available
from okrkit.lint._run import lint
from okrkit.model import Level, Objective, OKRSet

__all__ = ["Criterion", "ObjectiveQuality", "quality"]

MAX_POINTS = 12
"""The most points an objective can have: six criteria of 2 points."""


@attrs.frozen(kw_only=True)
class Criterion:
    """One line of the rubric, as an objective scored on it.

    Attributes:
        name: The criterion's stable name, such as ``kr-count``.
        label: The criterion's name for a person, in the active locale.
        points: 0, 1 or 2.
        reason: Why it got those points, in the active locale.
    """

    name: str
    label: str
    points: int
    reason: str


@attrs.frozen(kw_only=True)
class ObjectiveQuality:
    """An objective's quality score and the criteria it comes from.

    Attributes:
        objective_id: The objective scored.
        score: 0-100: the criteria's points out of 12, rounded.
        criteria: Each criterion, with its points and reason, in the rubric's order.
    """

    objective_id: str
    score: int
    criteria: tuple[Criterion, ...]


_RULES = ("OKR101", "OKR103", "OKR104", "OKR201", "OKR202", "OKR203", "OKR205", "OKR302")


def _found(okrs: OKRSet) -> dict[str, dict[str, set[str]]]:
    """Objective id -> rule code -> the ids (objective or key results) it flagged."""
    known = set(available())
    codes = [code for code in _RULES if code in known]
    owner_of = {kr.id: o.id for o in okrs.objectives for kr in o.key_results}
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for diagnostic in lint(okrs, rules=codes):
        ident = diagnostic.entity_id
        if ident is None:
            continue
        objective = owner_of.get(ident, ident)
        found[objective][diagnostic.code].add(ident)
    return found


def _share(count: int, bad: int) -> int:
    """2 points when none is bad, 1 when at least half are good, else 0."""
    if bad == 0:
        return 2
    return 1 if count - bad >= bad else 0


def _kr_count(objective: Objective, _flags: Mapping[str, set[str]]) -> tuple[int, str]:
    count = len(objective.key_results)
    points = 2 if 2 <= count <= 5 else 1 if count in (1, 6, 7) else 0
    return points, ngettext(
        "{count} key result; 2 to 5 is the rule", "{count} key results; 2 to 5 is the rule", count
    ).format(count=count)


def _per_kr(*codes: str) -> Callable[[Objective, Mapping[str, set[str]]], tuple[int, str]]:
    """A criterion that counts the key results the rules ``codes`` flagged."""

    def criterion(objective: Objective, flags: Mapping[str, set[str]]) -> tuple[int, str]:
        bad = set().union(*(flags.get(code, set()) for code in codes))
        count = len(objective.key_results)
        flagged = len(bad & {kr.id for kr in objective.key_results})
        return _share(count, flagged), _("{bad} of {count} key results fall short").format(
            bad=flagged, count=count
        )

    return criterion


def _aligned(objective: Objective, flags: Mapping[str, set[str]]) -> tuple[int, str]:
    if objective.level is Level.COMPANY:
        return 2, _("a company objective: it sets the direction")
    if objective.aligned_to or any(kr.aligned_to for kr in objective.key_results):
        return 2, _("aligned to an objective or key result above it")
    if flags.get("OKR302"):
        return 0, _("aligned to nothing, though the set has objectives above it")
    return 1, _("aligned to nothing; the set has nothing above it to align to")


def _wording(objective: Objective, flags: Mapping[str, set[str]]) -> tuple[int, str]:
    metric, tasks = bool(flags.get("OKR103")), bool(flags.get("OKR104"))
    if metric and tasks:
        return 0, _("the title holds a metric and reads as a task list")
    if metric:
        return 1, _("the title holds a metric")
    if tasks:
        return 1, _("the title reads as a task list")
    return 2, _("one goal, in words")


_RUBRIC: tuple[
    tuple[str, str, Callable[[Objective, Mapping[str, set[str]]], tuple[int, str]]], ...
]
_RUBRIC = (
    ("kr-count", N_("number of key results"), _kr_count),
    ("outcomes", N_("outcomes, not activities"), _per_kr("OKR201")),
    ("measurable", N_("measurable targets"), _per_kr("OKR202", "OKR205")),
    ("aligned", N_("alignment"), _aligned),
    ("owned", N_("owners"), _per_kr("OKR203")),
    ("wording", N_("objective wording"), _wording),
)


def quality(okrset: OKRSet, objective_id: str | None = None) -> list[ObjectiveQuality]:
    """Score each objective of ``okrset`` (or only ``objective_id``) on the rubric.

    Args:
        okrset: The set.
        objective_id: One objective to score; every objective by default.

    Returns:
        One :class:`ObjectiveQuality` per objective, in the set's order.

    Raises:
        UnknownIdError: when ``objective_id`` is not an objective of the set.

    Examples:
        >>> import okrkit
        >>> from okrkit.lint import quality
        >>> (found,) = quality(okrkit.load("examples/acme.en.yaml"), "obj-co-growth")
        >>> found.score, [c.name for c in found.criteria][:2]
        (100, ['kr-count', 'outcomes'])
    """
    chosen = okrset.objectives if objective_id is None else (okrset.objective(objective_id),)
    found = _found(okrset)
    results = []
    for objective in chosen:
        flags = found.get(objective.id, {})
        criteria = []
        for name, label, judge in _RUBRIC:
            points, reason = judge(objective, flags)
            criteria.append(
                Criterion(name=name, label=gettext(label), points=points, reason=reason)
            )
        total = sum(criterion.points for criterion in criteria)
        results.append(
            ObjectiveQuality(
                objective_id=objective.id,
                score=round(100 * total / MAX_POINTS),
                criteria=tuple(criteria),
            )
        )
    return results
