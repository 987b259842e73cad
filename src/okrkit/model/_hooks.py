"""What the layers above lend the model, so that the model never imports them.

Three conveniences of :class:`~okrkit.OKRSet` need work done by layers above the
model:

- ``OKRSet(checkins=[CheckIn, ...])`` builds a :class:`~okrkit.checkins.CheckInLog`;
- ``okrs.graph`` builds an :class:`~okrkit.graph.AlignmentGraph`;
- ``okrs.score()`` runs :func:`~okrkit.scoring.rollup`.

Their signatures and docstrings stay on :class:`~okrkit.OKRSet`; the work is lent
(dependency inversion by registration): :mod:`okrkit.checkins` lends its log class
when it is imported, and ``okrkit/_api.py`` lends ``graph`` and ``score``.
``okrkit/__init__.py`` imports both, and Python runs a package's ``__init__`` before
any of its modules, so every hook is filled before user code can reach the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

from okrkit.errors import Message, UsageError
from okrkit.i18n import N_

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
    from okrkit.graph import AlignmentGraph
    from okrkit.model._checks import DateLike
    from okrkit.model._okrset import OKRSet
    from okrkit.scoring import Scorecard

__all__ = ["ScoreFunction", "checkin_log", "graph_of", "lend", "score_of"]


class ScoreFunction(Protocol):
    """**Protocol:** how ``okrs.score()`` scores a set (scoring's ``rollup``)."""

    def __call__(
        self, okrs: OKRSet, /, *, as_of: DateLike | None, strategy: Any, **options: Any
    ) -> Scorecard:
        """Score every key result and objective of ``okrs``."""
        ...


_lent: dict[str, object] = {}


def lend(
    *,
    checkin_log: type[CheckInLog] | None = None,
    graph: Callable[[OKRSet], AlignmentGraph] | None = None,
    score: ScoreFunction | None = None,
) -> None:
    """Give the model the implementations it needs from a layer above.

    Args:
        checkin_log: The check-in log class (lent by :mod:`okrkit.checkins`).
        graph: Builds a set's read-only alignment graph (lent by ``okrkit._api``).
        score: Scores a set (lent by ``okrkit._api``).
    """
    given = {"checkin_log": checkin_log, "graph": graph, "score": score}
    _lent.update((name, value) for name, value in given.items() if value is not None)


def _borrow(name: str, layer: str) -> object:
    try:
        return _lent[name]
    except KeyError:
        # Only reachable while okrkit itself is being imported: a bug in okrkit.
        raise UsageError(
            Message(
                N_("{layer} has not been loaded yet; import okrkit before using OKR sets"),
                layer=layer,
            )
        ) from None


def checkin_log() -> type[CheckInLog]:
    """The check-in log class, lent by :mod:`okrkit.checkins`."""
    return cast("type[CheckInLog]", _borrow("checkin_log", "okrkit.checkins"))


def graph_of() -> Callable[[OKRSet], AlignmentGraph]:
    """What builds ``okrs.graph``, lent by ``okrkit._api``."""
    return cast("Callable[[OKRSet], AlignmentGraph]", _borrow("graph", "okrkit.graph"))


def score_of() -> ScoreFunction:
    """What runs ``okrs.score()``, lent by ``okrkit._api``."""
    return cast(ScoreFunction, _borrow("score", "okrkit.scoring"))
