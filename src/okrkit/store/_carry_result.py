"""What a carry-forward reports: what moved, what stayed and why, and the new set.

:func:`okrkit.store.carry_forward` returns a :class:`CarryForward`; these are its parts.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from okrkit.errors import Problem
from okrkit.graph import NodeKind
from okrkit.i18n import N_
from okrkit.model import Cycle, OKRSet
from okrkit.model._enums import LabelledEnum

__all__ = ["CarryForward", "Moved", "Stayed", "Why"]


class Why(LabelledEnum):
    """Why a key result or objective stayed behind in its cycle.

    - ``done``: a key result whose score reached 1.0, or an objective with nothing
      unfinished left in it;
    - ``graded``: it, or its objective, has a final grade;
    - ``carried``: a copy of it is in the target cycle already.
    """

    DONE = "done"
    GRADED = "graded"
    CARRIED = "carried"

    __labels__: ClassVar = {
        DONE: N_("done"),
        GRADED: N_("graded final"),
        CARRIED: N_("carried already"),
    }


@attrs.frozen(kw_only=True)
class Moved:
    """A key result or objective copied into the target cycle.

    Attributes:
        id: The original's id, in the source cycle.
        new_id: The copy's id, in the target cycle.
        kind: Key result or objective.
        start: The copy's start: for a key result the last value reported by
            ``as_of`` (the original start when none was); ``None`` for an objective,
            a milestone, or a metric without a start.
    """

    id: str
    new_id: str
    kind: NodeKind
    start: float | None = None


@attrs.frozen(kw_only=True)
class Stayed:
    """A key result or objective of the source cycle left where it is, and why.

    Attributes:
        id: Its id.
        kind: Key result or objective.
        why: Done, graded final or carried already (:class:`Why`).
    """

    id: str
    kind: NodeKind
    why: Why


@attrs.frozen(kw_only=True)
class CarryForward:
    """What :func:`carry_forward` did, or would do: read it before saving for a dry run.

    Attributes:
        okrset: The new set: the old one, unchanged, plus the copies (and the target
            cycle when it was not in the set and something moved into it). The very
            same set when nothing moved.
        source: The id of the cycle carried from.
        target: The cycle carried into.
        moved: Every key result and objective copied, in the set's order.
        stayed: Every key result and objective of the source cycle that stayed.
        notes: What a reader should know: links left out of a copy, starts kept.
    """

    okrset: OKRSet
    source: str
    target: Cycle
    moved: tuple[Moved, ...]
    stayed: tuple[Stayed, ...]
    notes: tuple[Problem, ...] = ()
