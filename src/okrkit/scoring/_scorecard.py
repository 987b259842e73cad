"""The scorecard: every score of one roll-up, by column, with Score objects on demand."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from okrkit.checkins import CheckInLog
from okrkit.errors import Message, OKRError, Problem, Shown
from okrkit.graph import NodeKind
from okrkit.i18n import N_
from okrkit.model import Listing, Status, UnknownIdError
from okrkit.scoring._arrays import History
from okrkit.scoring._forecasts import Forecast, Forecasts, forecasts_of
from okrkit.scoring._options import checked_values
from okrkit.scoring._plan import Plan
from okrkit.scoring._score import Score, score_at, scores_at
from okrkit.scoring._status import STATUSES
from okrkit.scoring._strategies import ScoringStrategy

if TYPE_CHECKING:
    from okrkit.graph import AlignmentGraph

__all__ = ["Forecast", "Scorecard"]

Floats = npt.NDArray[np.float64]
_KR = NodeKind.KEY_RESULT
_OBJECTIVE = NodeKind.OBJECTIVE


class Scorecard:
    """Every key result's and objective's score on one date, under one strategy.

    Built by :func:`~okrkit.scoring.rollup` (or :meth:`okrkit.OKRSet.score`); never
    changes. The scores are kept by column: :meth:`ids` and :meth:`values` give them as
    arrays, and indexing by id makes a :class:`Score` when one is asked for. Iterating
    gives the ids, key results first.

    Attributes:
        as_of: The scoring date.
        strategy: The scoring strategy used.
        log: The check-in log scored.
        diagnostics: What a reader should know about the roll-up, such as objectives
            scored from the other kind of driver for want of the chosen one.
    """

    def __init__(
        self,
        *,
        plan: Plan,
        log: CheckInLog,
        as_of: dt.date,
        strategy: ScoringStrategy,
        options: Mapping[str, Any],
        source: Any,
        columns: Mapping[str, Any],
        computed: dict[int, float],
        history: History,
    ) -> None:
        self._plan = plan
        self.log = log
        self.as_of = as_of
        self.strategy = strategy
        self._options = dict(options)
        self._source = source
        self._columns = dict(columns)
        for column in self._columns.values():
            column.flags.writeable = False
        self._computed = computed
        self._history = history
        self._raws: Floats | None = None
        self._forecasts: Forecasts | None = None
        self.diagnostics: tuple[Problem, ...] = tuple(
            Problem(
                "scoring.fallback",
                Message(
                    N_(
                        "objective {id!r} has no driver of the kind asked for, so its score "
                        "comes from the other kind; set drivers for it, or align to it"
                    ),
                    id=Shown(ident),
                ),
                entity_id=ident,
            )
            for ident in plan.fallbacks
        )

    # -- the mapping -----------------------------------------------------------------------

    def __contains__(self, ident: object) -> bool:
        return ident in self._plan.index

    def __iter__(self) -> Iterator[str]:
        return iter(self._plan.ids)

    def __len__(self) -> int:
        return len(self._plan.ids)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scorecard):
            return NotImplemented
        mine, theirs = self._columns, other._columns
        return (
            self.as_of == other.as_of
            and self.strategy == other.strategy
            and self._plan.ids == other._plan.ids
            and all(
                np.array_equal(mine[name], theirs[name], equal_nan=True)
                for name in ("value", "status", "expected", "confidence")
            )
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Scorecard as of {self.as_of.isoformat()}: {len(self)} scores>"

    def _repr_html_(self) -> str:
        """A compact HTML table of the objectives and their key results, for Jupyter."""
        from okrkit.scoring._html import scorecard_html

        return scorecard_html(self)

    def to_frame(self) -> Any:
        """Every score as a pandas DataFrame indexed by ``id``, key results first.

        Columns (see docs/notebooks.md): ``kind``, ``value``, ``raw``, ``expected``,
        ``status`` and ``band`` (categoricals of stable codes), ``confidence``,
        ``forecast_value`` and ``forecast_score``. Needs the ``pandas`` extra.

        Examples:
            >>> import okrkit
            >>> card = okrkit.load("examples/acme.en.yaml").score(as_of="2026-03-20")
            >>> card.to_frame().loc["kr-velocity", ["status", "band"]].tolist()
            ['off_track', 'progress']
        """
        from okrkit.scoring._frames import scorecard_frame

        return scorecard_frame(self)

    def _position(self, ident: str) -> int:
        try:
            return self._plan.index[ident]
        except (KeyError, TypeError):
            ids = self._plan.ids  # a hint is not worth a search through a huge card
            raise UnknownIdError.among(
                str(ident),
                Message(N_("key result or objective")),
                ids if len(ids) <= 20_000 else (),
            ) from None

    def __getitem__(self, ident: str) -> Score:
        return score_at(
            self._position(ident),
            plan=self._plan,
            columns=self._columns,
            strategy=self.strategy,
            computed=self._computed,
            raws=self._raw_column,
            forecasts=self.forecasts,
        )

    def _scores(self, positions: Sequence[int]) -> list[Score]:
        """The scores at these plan positions, made together (see :func:`scores_at`)."""
        return scores_at(
            positions,
            plan=self._plan,
            columns=self._columns,
            strategy=self.strategy,
            computed=self._computed,
            raws=self._raw_column,
            forecasts=self.forecasts,
        )

    def ids(self) -> tuple[str, ...]:
        """Every id scored: key results first, then objectives (the order of :meth:`values`)."""
        return self._plan.ids

    def values(self) -> Floats:
        """Every value that rolls up, in the order of :meth:`ids` (a read-only array).

        Examples:
            >>> import okrkit
            >>> card = okrkit.load("examples/acme.en.yaml").score(as_of="2026-03-15")
            >>> values = dict(zip(card.ids(), card.values()))
            >>> bool(values["obj-eng-delivery"] == card.value("obj-eng-delivery"))
            True
        """
        values: Floats = self._columns["value"]
        return values

    def statuses(self) -> tuple[Status, ...]:
        """Every status, in the order of :meth:`ids`."""
        return tuple(STATUSES[code] for code in self._columns["status"].tolist())

    def confidences(self) -> tuple[float | None, ...]:
        """Every :attr:`Score.confidence`, in the order of :meth:`ids` (``None`` for none)."""
        return tuple(
            None if math.isnan(level) else level for level in self._columns["confidence"].tolist()
        )

    def value(self, ident: str) -> float:
        """The value that rolls up for ``ident`` (without building a :class:`Score`)."""
        return float(self._columns["value"][self._position(ident)])

    def raw(self, ident: str) -> float:
        """The raw progress of ``ident``: overshoot kept, children combined unclamped."""
        return float(self._raw_column()[self._position(ident)])

    def _raw_column(self) -> Floats:
        """Every raw progress, in plan order (made on first use, then kept)."""
        if self._raws is None:
            from okrkit.scoring._rollup import combine_levels

            raws = np.zeros(len(self._plan))
            raws[: self._plan.count] = self._columns["own_raw"]
            started = ~np.isnan(self._columns["latest"])
            combine_levels(self._plan, self.strategy, raws, started, None, cap=False)
            self._raws = raws
        return self._raws

    @property
    def key_results(self) -> Listing[Score]:
        """The scores of every key result, in plan order (a tuple).

        Calling it, ``card.key_results()``, is the spelling of okrkit 0.1: it still
        returns a list, with a :class:`DeprecationWarning`.
        """
        return Listing(self._scores(range(self._plan.count)), "Scorecard.key_results")

    @property
    def objectives(self) -> Listing[Score]:
        """The scores of every objective, in plan order (a tuple); see :attr:`key_results`."""
        objectives = range(self._plan.count, len(self._plan))
        return Listing(self._scores(objectives), "Scorecard.objectives")

    @property
    def graph(self) -> AlignmentGraph:
        """The alignment graph scored (an OKR set's graph is built on first use)."""
        graph: AlignmentGraph = (
            self._source.graph if hasattr(self._source, "graph") else self._source
        )
        return graph

    # -- as data -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The scorecard as JSON-ready data: stable codes, ``*_label`` words beside them.

        Only the labels change with the locale; :mod:`okrkit.scoring._export` lists
        every key, :func:`~okrkit.scoring.scorecard_schema` is its JSON Schema.

        Examples:
            >>> import okrkit
            >>> card = okrkit.load("examples/acme.en.yaml").score(as_of="2026-03-15")
            >>> kr = card.to_dict()["key_results"][0]
            >>> kr["id"], kr["status"], kr["band"], kr["objective"]
            ('kr-co-mrr', 'on_track', 'delivered', 'obj-co-growth')
        """
        from okrkit.scoring._export import scorecard_data

        return scorecard_data(self)

    def to_json(self, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 as it is), indented by ``indent``."""
        from okrkit.scoring._export import scorecard_json

        return scorecard_json(self, indent)

    # -- what if -----------------------------------------------------------------------

    def what_if(self, values: Mapping[str, float]) -> Scorecard:
        """The scorecard as if ``values`` had been reported for those key results.

        Reuses the plan: only the scores are computed again.

        Args:
            values: A mapping of key result id to the value to suppose, such as
                ``{"kr-velocity": 35}``; each value a finite number (not text, not a
                bool).

        Raises:
            ValidationError: listing every id that is not a key result of the
                scorecard and every value that is not a finite number.
            UsageError: when ``values`` is not a mapping.

        Examples:
            >>> import okrkit, datetime as dt
            >>> card = okrkit.load("examples/acme.en.yaml").score(as_of=dt.date(2026, 3, 15))
            >>> better = card.what_if({"kr-velocity": 35})
            >>> better.value("kr-velocity"), better.value("obj-eng-delivery") > card.value(
            ...     "obj-eng-delivery")
            (1.0, True)
        """
        from okrkit.scoring._rollup import score_plan

        checked = checked_values(self._plan, values, "what_if()")
        options = {k: v for k, v in self._options.items() if k != "overrides"}
        return score_plan(
            self._plan,
            self.log,
            self.as_of,
            self.strategy,
            options,
            source=self._source,
            overrides={**self._options.get("overrides", {}), **checked},
        )

    def leverage(self, objective: str) -> list[tuple[str, float]]:
        """Rank the key results below ``objective`` by how much each would lift it.

        Each key result's gain is how much the objective's score would rise if that key
        result alone reached its target; the largest gain comes first. For a strategy
        that combines by weighted mean (every built-in one by default) this is one
        vectorised pass over the contributors; for any other, one what-if each.

        Returns:
            ``(key result id, gain)`` pairs; a gain of 0 means reaching that target
            would not move the objective (already done, or not counted).
        """
        from okrkit.scoring._leverage import leverage

        position = self._position(objective)
        if position < self._plan.count:
            raise OKRError(Message(N_("{id!r} is not an objective"), id=Shown(objective)))
        return leverage(self, position)

    def net_confidence(self, owner: str) -> float | None:
        """Percent of ``owner``'s key results on track minus percent off track.

        Counts the key results ``owner`` owns, and those of the objectives it owns;
        ``None`` when it has none. Done and achieved key results count as on track,
        missed ones as off track.
        """
        plan = self._plan
        codes = [
            int(self._columns["status"][position])
            for position, kr in enumerate(plan.key_results)
            if owner in kr.owners
            or plan.objectives[int(plan.objective_of[position]) - plan.count].owner == owner
        ]
        if not codes:
            return None
        found = [STATUSES[code] for code in codes]
        good = (Status.ON_TRACK, Status.DONE, Status.ACHIEVED)
        on = sum(1 for s in found if s in good)
        off = sum(1 for s in found if s in (Status.OFF_TRACK, Status.MISSED))
        return 100.0 * (on - off) / len(found)

    def forecasts(self) -> Forecasts:
        """Every key result's :meth:`forecast` at once, by column (made once, then kept).

        One vectorised least-squares fit over the check-in log for all key results, in
        the order of :meth:`ids`; NaN where :meth:`forecast` gives ``None``.
        """
        if self._forecasts is None:
            self._forecasts = forecasts_of(self._plan, self.log, self.as_of, self.strategy)
        return self._forecasts

    def forecast(self, key_result: str) -> Forecast | None:
        """A least-squares projection of ``key_result`` to its due date or cycle end.

        Uses the check-ins up to the scoring date; ``None`` with fewer than two, when
        they all fall on one day, and for a milestone (done or not, never a line). With
        exactly two the line fits them exactly and the band has no width. Read from
        :meth:`forecasts`.
        """
        position = self._plan.index.get(key_result)
        if position is None or position >= self._plan.count:
            raise OKRError(Message(N_("{id!r} is not a key result"), id=Shown(key_result)))
        return self.forecasts().at(position)
