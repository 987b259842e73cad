"""What a notebook shows of a scorecard: Scorecard.to_frame and its HTML repr."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

import okrkit
from builders import kr, objective
from okrkit import CheckIn, Cycle, OKRSet, Owner
from okrkit.i18n import format_day, format_percent, use_locale
from okrkit.model._html import MAX_ROWS
from okrkit.scoring import Scorecard
from okrkit.scoring._export import band_code
from okrkit.scoring._frames import SCORECARD_COLUMNS

pd = pytest.importorskip("pandas")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AS_OF = dt.date(2026, 3, 20)
PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def card() -> Scorecard:
    """The Vietnamese example scored on the issue's reference date."""
    return okrkit.load(EXAMPLES / "acme.yaml").score(as_of=AS_OF)


def same(got: float, want: float | None) -> bool:
    """Equal, NaN standing for None."""
    return math.isnan(got) if want is None else got == want


class TestScorecardFrame:
    def test_columns_index_and_types(self, card: Scorecard) -> None:
        """Indexed by id; kind, status and band categoricals of codes; numbers float64."""
        frame = card.to_frame()
        assert tuple(frame.columns) == SCORECARD_COLUMNS
        assert frame.index.name == "id"
        assert frame.index.tolist() == list(card.ids())
        assert list(frame["status"].cat.categories) == [s.value for s in okrkit.Status]
        assert list(frame["band"].cat.categories) == ["off_track", "progress", "delivered"]
        assert list(frame["kind"].cat.categories) == ["key_result", "objective"]
        for name in ("value", "raw", "expected", "confidence", "forecast_value"):
            assert frame[name].dtype == "float64", name

    def test_equals_the_scorecard(self, card: Scorecard) -> None:
        """Every row holds exactly what the scorecard says of that id (example, 2026-03-20)."""
        frame = card.to_frame()
        assert len(frame) == len(card) > 0
        for ident in card:
            score, row = card[ident], frame.loc[ident]
            assert row["kind"] == score.kind.value
            assert row["value"] == score.value
            assert row["raw"] == score.raw
            assert row["expected"] == score.expected
            assert row["status"] == score.status.value
            assert row["band"] == band_code(min(1.0, max(0.0, score.value)))
            assert same(row["confidence"], score.confidence)
            forecast = score.forecast
            assert same(row["forecast_value"], None if forecast is None else forecast.value)
            assert same(row["forecast_score"], None if forecast is None else forecast.score)
        assert frame["forecast_value"].notna().any()

    def test_titles_objective_level_and_owner(self, card: Scorecard) -> None:
        """Each row names its title, and its objective's id, level and owner, for grouping."""
        okrs = okrkit.load(EXAMPLES / "acme.yaml")
        frame = card.to_frame()
        assert list(frame["level"].cat.categories) == [level.value for level in okrkit.Level]
        for parent in okrs.objectives:
            rows = [parent.id, *(kr.id for kr in parent.key_results)]
            titles = [parent.title, *(kr.title for kr in parent.key_results)]
            assert frame.loc[rows, "title"].tolist() == titles
            assert set(frame.loc[rows, "objective"]) == {parent.id}
            assert set(frame.loc[rows, "level"]) == {parent.level.value}
            assert set(frame.loc[rows, "owner"]) == {parent.owner}

    def test_the_same_in_every_locale(self, card: Scorecard) -> None:
        """Codes, not words: the frame does not change with the locale."""
        with use_locale("vi"):
            vi = card.to_frame()
        with use_locale("en"):
            en = card.to_frame()
        pd.testing.assert_frame_equal(vi, en)

    def test_what_if_shows_in_the_frame(self, card: Scorecard) -> None:
        """A what-if scorecard's frame carries the changed value."""
        better = card.what_if({"kr-velocity": 35}).to_frame()
        assert better.loc["kr-velocity", "value"] == 1.0
        assert better.loc["kr-velocity", "band"] == "delivered"


def tiny(title: str = "Objective o1", count: int = 1) -> OKRSet:
    """``count`` objectives of one key result each, one check-in on k0."""
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="team", name="Team", kind="team")],
        objectives=[
            objective(f"o{i}", kr(f"k{i}", title=title), title=title) for i in range(count)
        ],
        checkins=[CheckIn(key_result="k0", on="2026-02-13", value=4, confidence=3)],
    )


class TestHTML:
    def test_rows_and_numbers_in_the_locale(self, locale: str) -> None:
        """Each objective over its key results, scores as percents of the locale."""
        card = tiny().score(as_of=AS_OF)
        with use_locale(locale):
            html = card._repr_html_()
            assert format_day(AS_OF) in html
            assert format_percent(card.value("k0")) in html
            assert f"<td>{card['k0'].status.label}</td>" in html
        assert html.index("<code>o0</code>") < html.index("<code>k0</code>")
        assert ("Bảng điểm" if locale == "vi" else "Scorecard as of") in html

    def test_user_text_is_escaped(self) -> None:
        """A script in an objective's or key result's title shows as text."""
        html = tiny(PAYLOAD).score(as_of=AS_OF)._repr_html_()
        assert "<script>" not in html
        assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2

    def test_long_scorecards_stop_and_count_the_rest(self) -> None:
        """Past the row limit a line says how many more rows there are."""
        card = tiny(count=MAX_ROWS).score(as_of=AS_OF)  # 2 rows an objective
        with use_locale("en"):
            html = card._repr_html_()
        assert html.count("<tr>") == MAX_ROWS + 1
        assert f"and {MAX_ROWS} more rows" in html
