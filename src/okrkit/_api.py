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
    """``okrs.score()``: :func:`okrkit.scoring.rollup` on the set and its check-ins."""
    from okrkit.scoring import rollup

    return rollup(okrs, None, as_of=as_of, strategy=strategy, **options)


def _graph(okrs: OKRSet) -> AlignmentGraph:
    """``okrs.graph``: the set's alignment graph, read-only."""
    from okrkit.graph import AlignmentGraph

    return AlignmentGraph.from_okrset(okrs).freeze()


lend(score=_score, graph=_graph)
# The check-in importers read files under the size limit that okrkit.io defines.
lend_limits(Limits)
