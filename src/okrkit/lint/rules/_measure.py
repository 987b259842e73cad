"""Whether key results can be measured: a target, an owner, dates, percents, duplicates."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator
from types import MappingProxyType

from okrkit.errors import Shown
from okrkit.i18n import N_, _, format_day, format_percent
from okrkit.lint._config import Option
from okrkit.lint._diagnostic import Finding
from okrkit.lint._rule import LintContext
from okrkit.lint.rules._base import Rule
from okrkit.lint.rules._shared import cycles, folded, objectives, owners
from okrkit.lint.rules._text import percent_change, percent_figures
from okrkit.model import Cycle, MetricKind, OwnerKind, Unit

__all__ = [
    "DueOutsideCycle",
    "KeyResultDuplicate",
    "KeyResultNoOwner",
    "KeyResultNoTarget",
    "PercentAmbiguous",
]


class KeyResultNoTarget(Rule):
    """OKR202: a key result whose target cannot be measured.

    The model already refuses a metric without a target, so two cases are left: a
    milestone (done or not) without a ``due`` date, which says neither how much nor by
    when; and a ``score`` without a ``scale``, where 9 means nothing until the reader
    knows whether it is out of 10 or 100 (the catalogue review found NPS on three
    scales). Why: a key result is quantitative and checkable (sources 002 and 003).

    Example: ``{kind: milestone}`` with no ``due``; ``{kind: increase, start: 8,
    target: 9, unit: score}`` with no ``scale``.

    Fix: give the milestone a ``due`` date inside the cycle; give the score its
    ``scale``, such as ``[0, 10]``.
    """

    code = "OKR202"
    name = "kr-no-target"
    description = N_("A key result has a measurable target: a date for a milestone, a scale.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each milestone without a due date and each score without a scale."""
        for kr in context.okrs.key_results:
            metric = kr.metric
            if metric.kind is MetricKind.MILESTONE and kr.due is None:
                yield Finding(
                    entity_id=kr.id,
                    message=_(
                        "the milestone has no due date, so nothing says when it counts as met"
                    ),
                    hint=_("set 'due' to a date inside the cycle"),
                )
            elif metric.unit is Unit.SCORE and metric.scale is None:
                yield Finding(
                    entity_id=kr.id,
                    message=_("the score has no scale, so its target cannot be read"),
                    hint=_("set 'scale' to the score's range, such as [0, 10]"),
                )


class KeyResultNoOwner(Rule):
    """OKR203: a key result that nobody owns.

    A key result without ``owners`` is accepted when its objective's owner is a person:
    that person owns it. When the objective belongs to a company, a department or a
    team, somebody in it must answer for each key result (source 001 names an owner,
    often several, on every key result).

    Example: a team objective's key result with ``owners: []``.

    Fix: list the people (or team) who answer for the key result in ``owners``.
    """

    code = "OKR203"
    name = "kr-no-owner"
    description = N_("A key result has an owner, unless its objective's owner is a person.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result without owners whose objective's owner is not a person."""
        known = owners(context)
        message = _(
            "nobody owns the key result, and its objective belongs to {owner}, not to one person"
        )
        hint = _("list in 'owners' who answers for this key result")
        for objective in context.okrs.objectives:
            owner = known.get(objective.owner)
            if owner is not None and owner.kind is OwnerKind.PERSON:
                continue
            said = None
            for kr in objective.key_results:
                if kr.owners:
                    continue
                if said is None:
                    said = message.format(owner=objective.owner if owner is None else owner.name)
                yield Finding(entity_id=kr.id, message=said, hint=hint)


class DueOutsideCycle(Rule):
    """OKR204: an initiative due outside the cycles of the key results it drives.

    A key result's own due date and planned dates are checked by the model (a set with
    one outside its cycle is refused), so what is left is the work: an initiative
    whose ``due`` date falls outside the cycle of every key result it drives cannot
    move them in time (source 001: deadlines fall inside the cycle).

    Example: an initiative due 2026-04-15 driving only key results of 2026-Q1.

    Fix: bring the due date inside the cycle, or split the work so that a part lands
    in time.
    """

    code = "OKR204"
    name = "due-outside-cycle"
    description = N_("An initiative is due inside the cycle of the key results it drives.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each initiative due outside the cycle of every key result it drives."""
        okrs = context.okrs
        holders, by_id = objectives(context), cycles(context)
        for initiative in okrs.initiatives:
            due = initiative.due
            if due is None or not initiative.drives:
                continue
            found = [by_id[holders[kr].cycle] for kr in initiative.drives]
            if any(cycle.contains(due) for cycle in found):
                continue
            cycle = _nearest(found)
            yield Finding(
                entity_id=initiative.id,
                message=_(
                    "the initiative is due on {due}, outside cycle {cycle} ({start} to {end}) "
                    "of the key results it drives"
                ).format(
                    due=format_day(due),
                    cycle=cycle.name,
                    start=format_day(cycle.start),
                    end=format_day(cycle.end),
                ),
                hint=_("bring the due date inside the cycle, or split the work"),
            )


def _nearest(cycles: list[Cycle]) -> Cycle:
    """The latest-ending of ``cycles`` (the one a late initiative misses)."""
    return max(cycles, key=lambda cycle: cycle.end)


_CLEAR = re.compile(
    r"\b(?:diem phan tram|diem %|percentage points?|points?|pp|pts?|tuong doi|relative|"
    r"so voi|compared)\b"
)


class PercentAmbiguous(Rule):
    """OKR205: a percent metric raised or cut "by N%", without saying points or relative.

    On a metric counted in percent (a conversion rate of 20%), "tăng 5%" may mean 25%
    (five percentage points) or 21% (five percent of 20). Flagged: an ``increase`` or
    ``decrease`` key result in ``percent`` whose title gives a single percent figure,
    as a change ("tăng 5%", "thêm 5%", "by 5%"), and none of "điểm phần trăm",
    "points", "pp", "tương đối", "relative". A title that says from where to where
    ("từ 20% lên 25%") is clear and passes.

    Fix: write the start and the target ("từ 20% lên 25%"), or say "điểm phần trăm"
    or "tương đối".
    """

    code = "OKR205"
    name = "kr-percent-ambiguous"
    description = N_("A percent change says whether it means percentage points or relative.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each percent key result changed "by N%" without saying which."""
        changing = (MetricKind.INCREASE, MetricKind.DECREASE)
        for kr in context.okrs.key_results:
            metric = kr.metric
            if metric.unit is not Unit.PERCENT or metric.kind not in changing:
                continue
            figure = percent_change(kr.title)
            if figure is None or len(percent_figures(kr.title)) > 1:
                continue
            if _CLEAR.search(folded(context)[kr.title]):
                continue
            start = metric.start if metric.start is not None else 0.0
            target = metric.target if metric.target is not None else 0.0
            yield Finding(
                entity_id=kr.id,
                message=_(
                    "{figure!r} on a metric in percent may mean percentage points or a "
                    "relative change"
                ).format(figure=Shown(figure)),
                hint=_(
                    "say where it starts and ends (from {start} to {target}), or write "
                    "'percentage points' or 'relative'"
                ).format(start=format_percent(start / 100), target=format_percent(target / 100)),
            )


class KeyResultDuplicate(Rule):
    """OKR206: two key results of one objective that say the same thing.

    Titles are compared without case, accents or extra spaces (difflib's ratio); a
    pair at or above ``threshold`` is flagged on the later key result. Why: each key
    result should measure a different side of the objective (source 002: 2-5 key
    results, each an outcome of its own).

    Options: ``threshold`` (0.9): the similarity, from 0 to 1, that counts as the same.

    Fix: drop one of the two, or make each measure something different.
    """

    code = "OKR206"
    name = "kr-duplicate"
    options = MappingProxyType({"threshold": Option(float, least=0, most=1)})
    description = N_("The key results of an objective measure different things.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result too similar to an earlier one of its objective."""
        threshold = float(context.option("threshold", 0.9))
        folds = folded(context)
        percents: dict[float, str] = {}  # each ratio worded once
        message = _("the key result repeats {other!r} of the same objective ({ratio} alike)")
        hint = _("drop one of the two, or make each measure something else")
        for objective in context.okrs.objectives:
            key_results = objective.key_results
            if len(key_results) < 2:  # no pair to compare
                continue
            titles = [folds[kr.title] for kr in key_results]
            for at, before, ratio in _repeats(titles, threshold):
                if ratio not in percents:
                    percents[ratio] = format_percent(ratio)
                yield Finding(
                    entity_id=key_results[at].id,
                    message=message.format(
                        other=Shown(key_results[before].id), ratio=percents[ratio]
                    ),
                    hint=hint,
                )


def _repeats(titles: list[str], threshold: float) -> Iterator[tuple[int, int, float]]:
    """``(at, before, ratio)`` for each title at least ``threshold`` alike an earlier one.

    ``ratio`` is difflib's, of the first earlier title that alike. A full match
    (``SequenceMatcher.ratio``) is slow, and most pairs are far apart: so upper bounds
    of the ratio are tried first, cheapest first, and a pair stops at the first below
    ``threshold``. They are difflib's own ``real_quick_ratio`` (from the lengths) and
    ``quick_ratio`` (from the characters both titles hold, counted), worked out by the
    same formula without a matcher, and between them a bound from the characters only
    one title holds (each occurs at least once and matches nothing).
    """
    sizes = [len(title) for title in titles]
    chars = [frozenset(title) for title in titles]
    counts: dict[int, Counter[str]] = {}
    for at in range(1, len(titles)):
        for before in range(at):
            size, other = sizes[at], sizes[before]
            length = size + other
            if _ratio(min(size, other), length) < threshold:
                continue
            alone = len(chars[at] - chars[before])
            other_alone = len(chars[before] - chars[at])
            if _ratio(min(size - alone, other - other_alone), length) < threshold:
                continue
            for side in (at, before):
                if side not in counts:
                    counts[side] = Counter(titles[side])
            theirs = counts[before].get
            common = sum(min(count, theirs(char, 0)) for char, count in counts[at].items())
            if _ratio(common, length) < threshold:
                continue
            first, second = titles[at], titles[before]
            ratio = 1.0 if first == second else _full_ratio(first, second)
            if ratio >= threshold:
                yield at, before, ratio
                break


def _full_ratio(first: str, second: str) -> float:
    """The ratio difflib gives ``first`` against ``second`` (no junk)."""
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def _ratio(matches: int, length: int) -> float:
    """The ratio of ``matches`` matching characters in ``length``, by difflib's formula."""
    return 2.0 * matches / length if length else 1.0
