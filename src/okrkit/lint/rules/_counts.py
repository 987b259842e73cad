"""Counting rules: how many key results an objective has, how many objectives an owner."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from types import MappingProxyType

from okrkit.i18n import N_, _, ngettext
from okrkit.lint._config import Option
from okrkit.lint._diagnostic import Finding
from okrkit.lint._rule import LintContext
from okrkit.lint.rules._base import Rule

__all__ = ["KeyResultCount", "ObjectiveCount"]


class KeyResultCount(Rule):
    """OKR101: an objective with fewer than 2 or more than 5 key results (sources 001, 004).

    Options: ``min`` (2) and ``max`` (5).
    """

    code = "OKR101"
    name = "kr-count"
    options = MappingProxyType({"min": Option(int, least=0), "max": Option(int, least=0)})
    description = N_("An objective has between 2 and 5 key results.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each objective whose count of key results is outside ``min``-``max``."""
        low, high = int(context.option("min", 2)), int(context.option("max", 5))
        for objective in context.okrs.objectives:
            count = len(objective.key_results)
            if low <= count <= high:
                continue
            yield Finding(
                entity_id=objective.id,
                message=ngettext(
                    "the objective has {count} key result; {low} to {high} keep it measurable "
                    "and focused",
                    "the objective has {count} key results; {low} to {high} keep it "
                    "measurable and focused",
                    count,
                ).format(count=count, low=low, high=high),
                hint=_("add the key results that would show it is reached")
                if count < low
                else _("keep the key results that matter most, or split the objective"),
            )


class ObjectiveCount(Rule):
    """OKR102: an owner with more than 4 objectives in one cycle (source 001).

    Options: ``max`` (4).
    """

    code = "OKR102"
    name = "objective-count"
    options = MappingProxyType({"max": Option(int, least=0)})
    description = N_("An owner has at most 4 objectives in a cycle.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each owner and cycle with more than ``max`` objectives."""
        high = int(context.option("max", 4))
        counts = Counter((o.owner, o.cycle) for o in context.okrs.objectives)
        message = _(
            "{owner} has {count} objectives in cycle {cycle}; more than {high} spreads the "
            "team thin"
        )
        hint = _("keep the {high} that matter most this cycle").format(high=high)
        positions: dict[str, int] = {}  # the first place of each owner in the set's list
        for position, candidate in enumerate(context.okrs.owners):
            positions.setdefault(candidate.id, position)
        for (owner, cycle), count in counts.items():
            if count <= high:
                continue
            yield Finding(
                entity_id=owner,
                message=message.format(owner=owner, count=count, cycle=cycle, high=high),
                hint=hint,
                path=f"owners[{positions.get(owner, -1)}]",
            )
