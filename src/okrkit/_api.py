"""The conveniences of :class:`~okrkit.OKRSet` that need the layers above the model.

``okrs.score()`` and ``okrs.graph`` are declared on :class:`~okrkit.OKRSet` (their
signatures and docstrings are there, for mypy, the API docs and ``help()``), but the
work is done by scoring and the graph, which sit above the model. This module lends
that work to the model (see ``okrkit/model/_hooks.py``); ``okrkit/__init__.py``
imports it, so it runs before user code can reach an OKR set, whatever it imports
first.

It imports scoring and the graph only when one of them is first used, so that
``import okrkit`` loads neither networkx nor the scoring engine. It also imports
the layers that lend their own work on import: :mod:`okrkit.i18n` (the messages of
:mod:`okrkit.errors`) and :mod:`okrkit.checkins` (the log ``OKRSet(checkins=...)``
builds); and it lends the check-in importers :class:`okrkit.Limits`, which io
defines, so that an imported file is held to the same size limit as an OKR file.
"""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Any

from okrkit import checkins as _checkins  # noqa: F401 - lends the log class on import
from okrkit import i18n as _i18n  # noqa: F401 - lends okrkit.errors its gettext on import
from okrkit.checkins._import import lend_limits
from okrkit.io import Limits
from okrkit.model._hooks import lend

if TYPE_CHECKING:
    from okrkit.graph import AlignmentGraph
    from okrkit.model import DateLike, OKRSet
    from okrkit.scoring import Scorecard

__all__: list[str] = []


def _score(okrs: OKRSet, /, *, as_of: DateLike | None, strategy: Any, **options: Any) -> Scorecard:
    """``okrs.score()``: :func:`okrkit.scoring.rollup` on the set and its check-ins.

    Raises:
        UsageError: for an option ``rollup`` does not take (a typo, most often).
    """
    from okrkit.scoring import rollup

    known = _rollup_options()
    unknown = sorted(set(options) - set(known))
    if unknown:
        from okrkit.errors import Message, UsageError, did_you_mean
        from okrkit.i18n import N_

        close = did_you_mean(unknown[0], known, count=1)
        raise UsageError(
            Message(
                N_("score() takes no option {name}{close}; its options are {known}"),
                name=repr(unknown[0]),
                close=Message(N_(" (did you mean {option}?)"), option=close[0]) if close else "",
                known=", ".join(known),
            )
        )
    return rollup(okrs, None, as_of=as_of, strategy=strategy, **options)


@functools.cache
def _rollup_options() -> tuple[str, ...]:
    """What ``okrs.score(**options)`` may pass on to :func:`okrkit.scoring.rollup`."""
    from okrkit.scoring import rollup

    taken = inspect.signature(rollup).parameters.values()
    return tuple(
        p.name for p in taken if p.kind is p.KEYWORD_ONLY and p.name not in {"as_of", "strategy"}
    )


def _graph(okrs: OKRSet) -> AlignmentGraph:
    """``okrs.graph``: the set's alignment graph, read-only."""
    from okrkit.graph import AlignmentGraph

    return AlignmentGraph.from_okrset(okrs).freeze()


lend(score=_score, graph=_graph)
# The check-in importers read files under the size limit that okrkit.io defines.
lend_limits(Limits)
