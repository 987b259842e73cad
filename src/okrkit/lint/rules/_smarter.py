"""SMARTER hints: one note per letter of the checklist that closes source 004.

Source 004 ends with SMARTER: Specific, Measurable, Achievable, Relevant, Time-bound,
Evaluate, Readjust. Each letter is a rule of its own (OKR501-OKR507), a note rather
than a warning, and each asks for little: it flags only what plainly misses the letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType

from okrkit.i18n import N_, _, format_day, format_number
from okrkit.lint._config import Option
from okrkit.lint._diagnostic import Finding, Severity
from okrkit.lint._rule import LintContext
from okrkit.lint.rules._base import Rule
from okrkit.lint.rules._shared import confidences, cycles, folded, statuses
from okrkit.model import Ambition, Level, MetricKind, Status

__all__ = [
    "SmarterAchievable",
    "SmarterEvaluate",
    "SmarterMeasurable",
    "SmarterReadjust",
    "SmarterRelevant",
    "SmarterSpecific",
    "SmarterTimeBound",
]

_DIGIT = re.compile(r"\d")


class _Smarter(Rule):
    severity = Severity.INFO


class SmarterSpecific(_Smarter):
    """OKR501 (S, Specific): a key result whose title is too short to say what changes.

    Flagged: a title of fewer than ``min_words`` words ("Tăng doanh thu").

    Options: ``min_words`` (4).

    Fix: say what is measured, for whom, from where to where.
    """

    code = "OKR501"
    name = "smarter-specific"
    options = MappingProxyType({"min_words": Option(int, least=0)})
    description = N_("SMARTER, specific: a key result's title says what changes, for whom.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result whose title has fewer than ``min_words`` words."""
        least = int(context.option("min_words", 4))
        if least <= 0:
            return
        # Whether the folded title has ``least`` words (as \w+ counts them): each round
        # takes a whole word, possessively, and the search stops at the ``least``-th.
        enough = re.compile(rf"(?:\W*+\w++){{{least}}}").match
        folds = folded(context)
        message = _("the key result's title is too short to say what changes")
        hint = _("say what is measured, for whom, and from where to where")
        for kr in context.okrs.key_results:
            if enough(folds[kr.title]):
                continue
            yield Finding(entity_id=kr.id, message=message, hint=hint)


class SmarterMeasurable(_Smarter):
    """OKR502 (M, Measurable): a key result whose title shows no number.

    The metric has its numbers, but the people who read the title should see them
    too. Milestones (done or not) are left alone.

    Fix: put the start and the target in the title ("from 27 to 35 points").
    """

    code = "OKR502"
    name = "smarter-measurable"
    description = N_("SMARTER, measurable: a key result's title shows its numbers.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result other than a milestone whose title has no digit."""
        message = _("the key result's title shows no number, so readers cannot see the bar")
        hint = _("write the start and the target into the title")
        search = _DIGIT.search
        for kr in context.okrs.key_results:
            if kr.metric.kind is MetricKind.MILESTONE or search(kr.title):
                continue
            yield Finding(entity_id=kr.id, message=message, hint=hint)


class SmarterAchievable(_Smarter):
    """OKR503 (A, Achievable): a committed key result that multiplies its start.

    A committed objective is expected to reach 1.0; a key result of one that rises
    to more than ``factor`` times its start, or falls to less than its start divided
    by ``factor``, is more likely a stretch.

    Options: ``factor`` (3).

    Fix: mark the objective aspirational, or set a target the team can commit to.
    """

    code = "OKR503"
    name = "smarter-achievable"
    options = MappingProxyType({"factor": Option(float, least=1)})
    description = N_("SMARTER, achievable: a committed key result's target is within reach.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result of a committed objective whose target is far from its start."""
        factor = float(context.option("factor", 3))
        message = _(
            "the committed key result moves {ratio} times from its start; a commitment is "
            "expected to reach 1.0"
        )
        hint = _("mark the objective aspirational, or set a target the team can commit to")
        # Many key results move by the same rounded ratio: word each ratio once.
        said: dict[float, str] = {}
        for objective in context.okrs.objectives:
            if objective.ambition is not Ambition.COMMITTED:
                continue
            for kr in objective.key_results:
                start, target = kr.metric.start, kr.metric.target
                if start is None or target is None or start <= 0 or target <= 0:
                    continue
                ratio = max(target / start, start / target)
                if ratio <= factor:
                    continue
                shown = round(ratio, 1)
                text = said.get(shown)
                if text is None:
                    text = said[shown] = message.format(ratio=format_number(shown))
                yield Finding(entity_id=kr.id, message=text, hint=hint)


class SmarterRelevant(_Smarter):
    """OKR504 (R, Relevant): a company objective that does not say why it matters.

    Objectives below the company level show their relevance by alignment (OKR302); a
    company objective shows it by connecting to the mission (source 003, the first
    step). Flagged: a company objective with no ``description``.

    Fix: write in its description how it serves the company's mission this cycle.
    """

    code = "OKR504"
    name = "smarter-relevant"
    description = N_("SMARTER, relevant: a company objective says how it serves the mission.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each company objective without a description."""
        message = _("the company objective does not say how it serves the mission")
        hint = _("write in its description why it matters this cycle")
        for objective in context.okrs.objectives:
            if objective.level is not Level.COMPANY or objective.description.strip():
                continue
            yield Finding(entity_id=objective.id, message=message, hint=hint)


class SmarterTimeBound(_Smarter):
    """OKR505 (T, Time-bound): a key result of a long cycle with no date inside it.

    In a quarter the cycle's end is the deadline; in a cycle longer than ``max_days``
    days a key result without a ``due`` date or a ``plan`` leaves the whole year to
    "later".

    Options: ``max_days`` (100).

    Fix: set a ``due`` date, or a ``plan`` of values by date.
    """

    code = "OKR505"
    name = "smarter-time-bound"
    options = MappingProxyType({"max_days": Option(int, least=1)})
    description = N_("SMARTER, time-bound: a key result of a long cycle has a date or a plan.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result without due date or plan in a cycle over ``max_days`` days."""
        longest = int(context.option("max_days", 100))
        by_id = cycles(context)
        message = _("the key result has no date inside a cycle of {days} days")
        hint = _("set a due date, or a plan of values by date")
        said: dict[int, str] = {}  # by the cycle's days
        for objective in context.okrs.objectives:
            cycle = by_id[objective.cycle]
            if cycle.days <= longest:
                continue
            for kr in objective.key_results:
                if kr.due is not None or kr.plan:
                    continue
                text = said.get(cycle.days)
                if text is None:
                    text = said[cycle.days] = message.format(days=format_number(cycle.days))
                yield Finding(entity_id=kr.id, message=text, hint=hint)


class SmarterEvaluate(_Smarter):
    """OKR506 (E, Evaluate): an objective of an ended cycle that nobody graded.

    Source 003: at the end of a cycle each objective is graded from 0.0 to 1.0 and
    talked over in a retrospective. Flagged, on a date after its cycle's end: an
    objective without a ``final_grade``.

    Fix: record the grade and its reason (``final_grade``) at the retrospective.
    """

    code = "OKR506"
    name = "smarter-evaluate"
    needs_as_of = True
    description = N_("SMARTER, evaluate: an objective is graded once its cycle ends.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each objective without a final grade whose cycle ended before ``as_of``."""
        as_of = context.as_of
        assert as_of is not None  # needs_as_of
        by_id = cycles(context)
        message = _("the cycle ended on {day} and the objective has no grade")
        hint = _("record its final grade and the reason at the retrospective")
        said: dict[str, str] = {}  # by cycle
        for objective in context.okrs.objectives:
            cycle = by_id[objective.cycle]
            if cycle.end >= as_of or objective.final_grade is not None:
                continue
            text = said.get(cycle.id)
            if text is None:
                text = said[cycle.id] = message.format(day=format_day(cycle.end))
            yield Finding(entity_id=objective.id, message=text, hint=hint)


class SmarterReadjust(_Smarter):
    """OKR507 (R, Readjust): a key result off track that its owner doubts too.

    Flagged, while the cycle runs: a key result whose status is off track and whose
    latest confidence is at most ``confidence`` (2, low, on the 1-5 scale): both the
    numbers and the owner say it will not get there.

    Options: ``confidence`` (2).

    Fix: change its initiatives now, or agree on a new target at the next check-in.
    """

    code = "OKR507"
    name = "smarter-readjust"
    options = MappingProxyType({"confidence": Option(float, least=1, most=5)})
    needs_as_of = True
    description = N_("SMARTER, readjust: a key result off track and doubted gets a new plan.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result of a running cycle, off track, with low confidence."""
        as_of = context.as_of
        assert as_of is not None  # needs_as_of
        low = float(context.option("confidence", 2))
        by_id, status, confidence = cycles(context), statuses(context), confidences(context)
        message = _("the key result is off track and its owner's confidence is {confidence} of 5")
        hint = _("change its initiatives now, or agree a new target at the next check-in")
        said: dict[float, str] = {}  # by confidence
        for objective in context.okrs.objectives:
            if not by_id[objective.cycle].contains(as_of):
                continue
            for kr in objective.key_results:
                level = confidence[kr.id]
                if status[kr.id] is not Status.OFF_TRACK or level is None or level > low:
                    continue
                text = said.get(level)
                if text is None:
                    text = said[level] = message.format(confidence=format_number(level))
                yield Finding(entity_id=kr.id, message=text, hint=hint)
