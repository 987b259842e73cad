"""okrkit's own lint rules, each in the module of its family.

=========  ==================  =========================================================
code       name                checks
=========  ==================  =========================================================
OKR101     kr-count            2-5 key results per objective
OKR102     objective-count     at most 4 objectives per owner and cycle
OKR103     objective-metric    an objective holds no number, percent or money
OKR104     objective-tasks     an objective is one goal, not a task list
OKR201     kr-activity         a key result states an outcome, not an activity
OKR202     kr-no-target        a milestone has a due date, a score a scale
OKR203     kr-no-owner         a key result has an owner (or its objective a person)
OKR204     due-outside-cycle   an initiative is due inside its key results' cycle
OKR205     kr-percent-ambig..  a percent change says points or relative
OKR206     kr-duplicate        no two near-identical key results in an objective
OKR301     kr-no-initiative    some initiative drives each key result
OKR302     unaligned           objectives below the company level are aligned
OKR303     dependency-unans..  a cross-team dependency is answered by the other side
OKR304     level-inverted      no objective aligned under a lower level
OKR401     forecast-short      forecast reaches 1.0 (committed) or 0.4 (aspirational)
OKR402     checkin-stale       a check-in at least every 14 days
OKR403     keep-already-broken a "keep" key result starts on the right side of its line
OKR501-7   smarter-*           SMARTER: one note per letter of source 004's checklist
=========  ==================  =========================================================

Codes are stable: a code once given is never reused for another check.
"""

from __future__ import annotations

from okrkit.lint.rules._activity import (
    ActivityReading,
    KeyResultActivity,
    read_activity,
    reads_as_activity,
)
from okrkit.lint.rules._alignment import (
    DependencyUnanswered,
    KeyResultNoInitiative,
    LevelInverted,
    Unaligned,
)
from okrkit.lint.rules._base import Rule
from okrkit.lint.rules._counts import KeyResultCount, ObjectiveCount
from okrkit.lint.rules._dated import CheckInStale, ForecastShort, KeepAlreadyBroken
from okrkit.lint.rules._measure import (
    DueOutsideCycle,
    KeyResultDuplicate,
    KeyResultNoOwner,
    KeyResultNoTarget,
    PercentAmbiguous,
)
from okrkit.lint.rules._smarter import (
    SmarterAchievable,
    SmarterEvaluate,
    SmarterMeasurable,
    SmarterReadjust,
    SmarterRelevant,
    SmarterSpecific,
    SmarterTimeBound,
)
from okrkit.lint.rules._wording import ObjectiveMetric, ObjectiveTasks

__all__ = [
    "BUILT_IN",
    "ActivityReading",
    "CheckInStale",
    "DependencyUnanswered",
    "DueOutsideCycle",
    "ForecastShort",
    "KeepAlreadyBroken",
    "KeyResultActivity",
    "KeyResultCount",
    "KeyResultDuplicate",
    "KeyResultNoInitiative",
    "KeyResultNoOwner",
    "KeyResultNoTarget",
    "LevelInverted",
    "ObjectiveCount",
    "ObjectiveMetric",
    "ObjectiveTasks",
    "PercentAmbiguous",
    "Rule",
    "SmarterAchievable",
    "SmarterEvaluate",
    "SmarterMeasurable",
    "SmarterReadjust",
    "SmarterRelevant",
    "SmarterSpecific",
    "SmarterTimeBound",
    "Unaligned",
    "read_activity",
    "reads_as_activity",
]

BUILT_IN: tuple[Rule, ...] = (
    KeyResultCount(),
    ObjectiveCount(),
    ObjectiveMetric(),
    ObjectiveTasks(),
    KeyResultActivity(),
    KeyResultNoTarget(),
    KeyResultNoOwner(),
    DueOutsideCycle(),
    PercentAmbiguous(),
    KeyResultDuplicate(),
    KeyResultNoInitiative(),
    Unaligned(),
    DependencyUnanswered(),
    LevelInverted(),
    ForecastShort(),
    CheckInStale(),
    KeepAlreadyBroken(),
    SmarterSpecific(),
    SmarterMeasurable(),
    SmarterAchievable(),
    SmarterRelevant(),
    SmarterTimeBound(),
    SmarterEvaluate(),
    SmarterReadjust(),
)
"""Every built-in rule, in the order of their codes."""
