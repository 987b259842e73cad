"""What okrkit's rules read once per lint run and share: folded titles, lookups by id.

Each helper takes the rule's :class:`~okrkit.lint.LintContext` and returns a value kept
in the run's shared store (:meth:`~okrkit.lint.LintContext.shared`): the first rule to
ask makes it, every other rule of the run reads it. A rule that needs the objective of
each key result, or the folded text of each title, thus pays for one pass over the set
per run, not one per rule (and never a model lookup per key result, which words an
error message each time in case the id is unknown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from okrkit.lint._rule import LintContext
from okrkit.lint.rules._text import fold

if TYPE_CHECKING:
    from okrkit.model import Cycle, Objective, Owner, Status

__all__ = [
    "Memo",
    "confidences",
    "cycles",
    "folded",
    "objectives",
    "owners",
    "statuses",
]

_V = TypeVar("_V")


class Memo(dict[str, _V], Generic[_V]):
    """A dict that makes each missing value from its key: ``memo[title]``.

    Examples:
        >>> lengths = Memo(len)
        >>> lengths["tăng"], dict(lengths)
        (4, {'tăng': 4})
    """

    def __init__(self, make: Callable[[str], _V]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> _V:
        value = self[key] = self._make(key)
        return value


def folded(context: LintContext) -> Memo[str]:
    """Each text :func:`~okrkit.lint.rules._text.fold`-ed, once per run: ``folded(c)[title]``."""
    return context.shared("okrkit.folded", lambda: Memo(fold))


def objectives(context: LintContext) -> dict[str, Objective]:
    """The objective of each id: an objective's own, and each key result's."""

    def build() -> dict[str, Objective]:
        found: dict[str, Objective] = {}
        for objective in context.okrs.objectives:
            found[objective.id] = objective
            for kr in objective.key_results:
                found[kr.id] = objective
        return found

    return context.shared("okrkit.objectives", build)


def cycles(context: LintContext) -> dict[str, Cycle]:
    """The cycles of the set, by id."""
    return context.shared(
        "okrkit.cycles", lambda: {cycle.id: cycle for cycle in context.okrs.cycles}
    )


def owners(context: LintContext) -> dict[str, Owner]:
    """The owners of the set, by id."""
    return context.shared(
        "okrkit.owners", lambda: {owner.id: owner for owner in context.okrs.owners}
    )


def statuses(context: LintContext) -> dict[str, Status]:
    """The status of every id on the run's scorecard (rules that say ``needs_as_of``)."""

    def build() -> dict[str, Status]:
        card = context.scorecard()
        return dict(zip(card.ids(), card.statuses(), strict=True))

    return context.shared("okrkit.statuses", build)


def confidences(context: LintContext) -> dict[str, float | None]:
    """The confidence of every id on the run's scorecard, ``None`` where there is none."""

    def build() -> dict[str, float | None]:
        card = context.scorecard()
        return dict(zip(card.ids(), card.confidences(), strict=True))

    return context.shared("okrkit.confidences", build)
