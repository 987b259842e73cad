"""The quality score: six criteria of 0-2 points, 0-100, explained criterion by criterion."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import Cycle, OKRSet, Owner
from okrkit.errors import UnknownIdError
from okrkit.i18n import use_locale
from okrkit.lint import ObjectiveQuality, quality

BAD = Path(__file__).parent / "data" / "bad.yaml"


def single(count: int) -> OKRSet:
    """A person's objective with ``count`` plain key results."""
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="team", name="Bình")],
        objectives=[
            objective(
                "o1",
                *(
                    kr(f"k{i}", title=f"Tăng số khách hàng mới nhóm {i} từ 0 lên 10")
                    for i in range(count)
                ),
            )
        ],
    )


class TestQuality:
    def test_rubric_shape(self, locale: str):
        """Six criteria, each 0-2 with a localised label and reason; the score follows."""
        with use_locale(locale):
            results = quality(okrkit.load(BAD))
        assert len(results) == len(okrkit.load(BAD).objectives)
        for result in results:
            assert [c.name for c in result.criteria] == [
                "kr-count",
                "outcomes",
                "measurable",
                "aligned",
                "owned",
                "wording",
            ]
            assert all(c.points in (0, 1, 2) and c.label and c.reason for c in result.criteria)
            assert result.score == round(100 * sum(c.points for c in result.criteria) / 12)

    def test_bad_scores_below_good(self):
        """The bad team objective scores lower than the example's company objective."""
        (bad,) = quality(okrkit.load(BAD), "obj-team")
        (good,) = quality(okrkit.load("examples/acme.yaml"), "obj-co-growth")
        assert bad.score < good.score
        points = {c.name: c.points for c in bad.criteria}
        assert points["aligned"] == 0
        assert points["wording"] == 1

    def test_unknown_objective(self):
        """An unknown id is an UnknownIdError."""
        with pytest.raises(UnknownIdError):
            quality(single(3), "nope")

    @given(st.integers(min_value=0, max_value=9))
    def test_score_bounds(self, count: int):
        """Any count of key results scores within 0-100, full marks on kr-count for 2-5."""
        (result,) = quality(single(count))
        assert isinstance(result, ObjectiveQuality)
        assert 0 <= result.score <= 100
        assert (result.criteria[0].points == 2) is (2 <= count <= 5)
