"""Scoring never produces NaN or infinity, and no formatter prints "NaN%"."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pytest

from builders import kr, objective
from okrkit import CheckIn, Cycle, Metric, OKRSet, Owner
from okrkit.errors import StrategyError
from okrkit.i18n import format_currency, format_number, format_percent, format_value
from okrkit.scoring import Linear

Q1 = Cycle.quarter(2026, 1)
MID_MARCH = dt.date(2026, 3, 15)


class _Returns:
    """A scalar strategy whose score or combination is a chosen bad value."""

    cap = False

    def __init__(self, score: object = None, combined: object = None) -> None:
        self.bad_score = score
        self.bad_combined = combined

    def __repr__(self) -> str:
        return "Returns()"

    def score(
        self, metric: Metric, value: float | None, *, history: Sequence[float] = ()
    ) -> float:
        if self.bad_score is not None:
            return self.bad_score  # type: ignore[return-value]
        return Linear().score(metric, value)

    def combine(self, scores: Sequence[tuple[float, float]]) -> float:
        if self.bad_combined is not None:
            return self.bad_combined  # type: ignore[return-value]
        return Linear().combine(scores)


def _okrs() -> OKRSet:
    return OKRSet(
        cycles=[Q1],
        owners=[Owner(id="team", name="Team")],
        objectives=[objective("o", kr("a"), kr("b"))],
        checkins=[CheckIn(key_result="a", on=dt.date(2026, 3, 1), value=5)],
    )


class TestScoresStayFinite:
    @pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, "abc"])
    def test_a_score_that_is_no_finite_number_is_the_strategys_fault(self, bad: object) -> None:
        """A score of infinity, NaN or text raises StrategyError naming the strategy."""
        with pytest.raises(StrategyError, match="finite number") as caught:
            _okrs().score(as_of=MID_MARCH, strategy=_Returns(score=bad))
        assert caught.value.strategy == "Returns()"

    @pytest.mark.parametrize("bad", [math.inf, math.nan])
    def test_a_combination_that_is_no_finite_number_is_refused(self, bad: float) -> None:
        """A combination of infinity or NaN raises StrategyError."""
        with pytest.raises(StrategyError, match="combined"):
            _okrs().score(as_of=MID_MARCH, strategy=_Returns(combined=bad))


class TestFormatting:
    @pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
    @pytest.mark.parametrize("locale", ["en", "vi"])
    def test_nan_and_infinity_show_a_dash(self, bad: float, locale: str) -> None:
        """NaN and infinity show as a dash, never "NaN%" or "∞"."""
        metric = Metric(kind="increase", start=0, target=50, unit="percent")
        shown = {
            format_percent(bad, locale=locale),
            format_number(bad, locale=locale),
            format_currency(bad, "VND", locale=locale),
            format_value(metric, bad, locale=locale),
        }
        assert shown == {"–"}
