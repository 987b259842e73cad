"""Forecasts of every key result at once: the same line as one key result's, by column."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import CheckIn, Cycle, Metric, MetricKind, OKRSet, Owner
from okrkit.errors import OKRError
from okrkit.scoring import (
    Forecast,
    Forecasts,
    Grade,
    Linear,
    Scorecard,
    Stepped,
    Zones,
    rollup,
)
from okrkit.testing import okr_sets

Q1 = Cycle.quarter(2026, 1)
STRATEGIES = [Linear(), Linear(threshold_method="share"), Grade(), Zones(), Stepped()]
TOLERANCE = 1e-9


def reference(card: Scorecard, ident: str) -> tuple[float, float, float] | None:
    """The forecast's value, low and high, computed the plain way (exact sums)."""
    metric = next(k for k in card.graph.key_results if k.id == ident).metric
    series = card.log.series(ident)
    if series is None or metric.kind is MetricKind.MILESTONE:
        return None
    upto = series.index_at(card.as_of.toordinal()) + 1
    xs = series.days[:upto].astype(np.float64).tolist()
    ys = series.values[:upto].tolist()
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = math.fsum(xs) / n, math.fsum(ys) / n
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    forecast = card.forecast(ident)
    assert forecast is not None
    x0 = float(forecast.on.toordinal())
    value = mean_y + slope * (x0 - mean_x)
    misses = [y - (mean_y + slope * (x - mean_x)) for x, y in zip(xs, ys, strict=True)]
    spread = math.fsum(m * m for m in misses) / (n - 2) if n > 2 else 0.0
    half = 1.96 * math.sqrt(spread * (1 + 1 / n + (x0 - mean_x) ** 2 / sxx))
    return value, value - half, value + half


def assert_matches(card: Scorecard) -> int:
    """Every key result's forecast agrees with :func:`reference`; returns how many exist."""
    forecasts = card.forecasts()
    found = 0
    for row, ident in enumerate(forecasts.ids):
        expected, got = reference(card, ident), card.forecast(ident)
        assert (expected is None) == (got is None), ident
        assert (got is None) == math.isnan(forecasts.values[row])
        if got is None or expected is None:
            continue
        found += 1
        series = card.log.series(ident)
        assert series is not None
        scale = TOLERANCE * max(1.0, float(np.abs(series.values).max()))
        np.testing.assert_allclose(
            (got.value, got.low, got.high), expected, rtol=TOLERANCE, atol=scale
        )
        metric = next(k for k in card.graph.key_results if k.id == ident).metric
        assert got.score == pytest.approx(card.strategy.score(metric, got.value), abs=1e-12)
    return found


def one_result_set(
    points: Sequence[tuple[str, float]], metric: Metric | None = None, **changes: Any
) -> OKRSet:
    """A set of one key result ``k`` (0 to 100) with check-ins at ``points``."""
    result = kr("k", metric=metric or Metric(kind="increase", start=0, target=100), **changes)  # type: ignore[arg-type]
    return OKRSet(
        cycles=[Q1],
        owners=[Owner(id="team", name="Team", kind="team")],  # type: ignore[arg-type]
        objectives=[objective("o", result)],
        checkins=[CheckIn(key_result="k", on=on, value=value) for on, value in points],
    )


class TestExample:
    @pytest.mark.parametrize("day", ["2026-01-05", "2026-02-01", "2026-03-20", "2026-06-30"])
    @pytest.mark.parametrize("strategy", STRATEGIES, ids=repr)
    def test_matches_the_plain_fit(self, examples_dir: Any, day: str, strategy: Any) -> None:
        """On the example, every forecast matches a plain least-squares fit, on any date."""
        okrs = okrkit.load(examples_dir / "acme.yaml")
        card = okrs.score(as_of=day, strategy=strategy)
        found = assert_matches(card)
        assert (found > 0) == (day != "2026-01-05")

    def test_columns_line_up_with_ids(self, examples_dir: Any) -> None:
        """Row i of the columns is key result i of the scorecard; arrays are read-only."""
        card = okrkit.load(examples_dir / "acme.yaml").score(as_of="2026-03-20")
        forecasts = card.forecasts()
        count = len(forecasts)
        assert forecasts.ids == card.ids()[:count]
        assert card.forecasts() is forecasts  # made once
        for column in (forecasts.days, forecasts.values, forecasts.scores):
            assert len(column) == count
            with pytest.raises(ValueError, match="read-only"):
                column[0] = 0
        for row in np.flatnonzero(forecasts.found).tolist():
            assert card[forecasts.ids[row]].forecast == forecasts.at(row)


class TestWorkedNumbers:
    def test_three_points_on_a_noisy_line(self) -> None:
        """Values 10, 30, 20 on days 0, 10, 20 project by slope 0.5 to 31 March."""
        okrs = one_result_set([("2026-01-01", 10), ("2026-01-11", 30), ("2026-01-21", 20)])
        forecast = okrs.score(as_of="2026-02-01").forecast("k")
        assert forecast is not None
        days = (dt.date(2026, 3, 31) - dt.date(2026, 1, 11)).days  # from the mean day
        assert forecast.on == dt.date(2026, 3, 31)
        assert forecast.value == pytest.approx(20 + 0.5 * days)
        # The residuals are -5, 10, -5: s2 = 150 / 1, sxx = 200.
        half = 1.96 * math.sqrt(150 * (1 + 1 / 3 + days**2 / 200))
        assert (forecast.low, forecast.high) == pytest.approx(
            (forecast.value - half, forecast.value + half)
        )
        assert forecast.score == pytest.approx(forecast.value / 100)

    def test_two_points_give_no_band(self) -> None:
        """With two check-ins the line goes through both: low, value and high agree."""
        okrs = one_result_set([("2026-01-01", 0), ("2026-01-31", 30)], due="2026-03-02")
        forecast = okrs.score(as_of="2026-02-01").forecast("k")
        assert forecast == Forecast(
            on=dt.date(2026, 3, 2), value=60.0, low=60.0, high=60.0, score=0.6
        )

    @pytest.mark.parametrize(
        ("points", "metric", "as_of"),
        [
            ([("2026-01-01", 5)], None, "2026-03-01"),
            ([("2026-01-01", 5), ("2026-03-01", 9)], None, "2026-02-01"),
            ([], None, "2026-03-01"),
            ([("2026-01-01", 0), ("2026-02-01", 1)], Metric(kind="milestone"), "2026-03-01"),
        ],
        ids=["one check-in", "second after the date", "none", "milestone"],
    )
    def test_no_forecast(self, points: Any, metric: Any, as_of: str) -> None:
        """Fewer than two check-ins up to the date, or a milestone: no forecast, NaN."""
        card = one_result_set(points, metric).score(as_of=as_of)
        assert card.forecast("k") is None
        forecasts = card.forecasts()
        assert not forecasts.found.any()
        assert np.isnan(
            [forecasts.values, forecasts.lows, forecasts.highs, forecasts.scores]
        ).all()

    def test_every_check_in_on_one_day(self) -> None:
        """Two values on one day (a bare log allows it) draw no line."""
        okrs = one_result_set([("2026-01-05", 1)])
        log = okrs.checkins.append([CheckIn(key_result="k", on="2026-01-05", value=2)])
        assert len(log.history("k")) == 2
        card = rollup(okrs, log, as_of=dt.date(2026, 2, 1))
        assert card.forecast("k") is None
        assert not card.forecasts().found.any()

    def test_a_scalar_only_strategy(self) -> None:
        """A strategy without score_array scores each projected value with score()."""

        class Halves:
            cap = True

            def score(self, metric: Metric, value: float | None, *, history: Any = ()) -> float:
                return 0.0 if value is None else value / 200

            def combine(self, scores: Sequence[tuple[float, float]]) -> float:
                return Linear().combine(scores)

        okrs = one_result_set([("2026-01-01", 0), ("2026-01-31", 30)], due="2026-03-02")
        forecast = okrs.score(as_of="2026-02-01", strategy=Halves()).forecast("k")
        assert forecast is not None
        assert forecast.score == pytest.approx(0.3)

    def test_an_objective_has_no_forecast(self) -> None:
        """Asking for an objective's forecast is an error naming it."""
        card = one_result_set([]).score(as_of="2026-02-01")
        with pytest.raises(OKRError, match="'o' is not a key result"):
            card.forecast("o")


class TestProperties:
    @settings(max_examples=2 * settings.default.max_examples)
    @given(
        okrs=okr_sets(max_objectives=4, max_key_results=2, max_checkins=16),
        strategy=st.sampled_from(STRATEGIES),
        data=st.data(),
    )
    def test_generated_sets(self, okrs: OKRSet, strategy: Any, data: st.DataObject) -> None:
        """On any generated set and date, every forecast matches the plain fit."""
        days = sorted({c.on for c in okrs.checkins}) or [dt.date(2026, 1, 1)]
        as_of = data.draw(st.sampled_from(days) | st.dates(days[0], days[-1]))
        assert_matches(okrs.score(as_of=as_of, strategy=strategy))

    @given(
        points=st.lists(
            st.tuples(
                st.integers(0, 89),
                st.floats(-1e9, 1e9, allow_nan=False) | st.integers(-1000, 1000).map(float),
            ),
            min_size=2,
            max_size=30,
        ),
        as_of=st.integers(0, 120),
    )
    def test_one_key_result(self, points: list[tuple[int, float]], as_of: int) -> None:
        """For any check-ins of one key result, the vectorised fit is the plain one."""
        first = Q1.start
        by_day = {first + dt.timedelta(days=day): value for day, value in points}
        okrs = one_result_set([(on.isoformat(), value) for on, value in by_day.items()])
        assert_matches(okrs.score(as_of=first + dt.timedelta(days=as_of)))


def test_forecasts_type_is_public() -> None:
    """Forecasts is the type Scorecard.forecasts() returns."""
    card = one_result_set([("2026-01-01", 0), ("2026-01-31", 30)]).score(as_of="2026-02-01")
    assert isinstance(card.forecasts(), Forecasts)
