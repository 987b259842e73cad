"""Scoring options: a misspelt value is refused by name, never scored as the default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import okrkit
from okrkit import OKRSet
from okrkit.errors import UsageError, ValidationError
from okrkit.report import build_scorecard
from okrkit.scoring import Grade, Linear, Pace, Stepped, Zones, rollup

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme.en.yaml"
DAY = "2026-03-20"


@pytest.fixture(scope="module")
def okrs() -> OKRSet:
    """The English example set."""
    return okrkit.load(EXAMPLE)


class TestRollupOptions:
    @pytest.mark.parametrize(
        ("options", "words"),
        [
            (
                {"drivers": "childern"},
                ["'drivers'", "both, key_results, children", "'childern'", "'children'"],
            ),
            (
                {"objective_status": "wrost"},
                ["'objective_status'", "pace, worst", "'wrost'", "did you mean 'worst'"],
            ),
            (
                {"drivers": {"obj-co-growth": "kr"}},
                ["drivers[obj-co-growth]", "both, key_results, children", "'kr'"],
            ),
            ({"drivers": ["children"]}, ["'drivers'", "both, key_results, children"]),
            ({"pace": "ratoi"}, ["'pace'", "gap, ratio", "'ratoi'", "did you mean 'ratio'"]),
        ],
    )
    def test_misspelt_value_is_refused(
        self, okrs: OKRSet, options: dict[str, Any], words: list[str]
    ) -> None:
        """An unknown value names the option, the value, the choices and the closest one."""
        with pytest.raises(ValidationError) as caught:
            okrs.score(as_of=DAY, **options)
        assert caught.value.codes == ("field.choice",)
        for word in words:
            assert word in str(caught.value)

    def test_drivers_mapping_names_objectives_only(self, okrs: OKRSet) -> None:
        """A drivers mapping naming no objective of the set is refused, with the closest id."""
        with pytest.raises(ValidationError) as caught:
            okrs.score(as_of=DAY, drivers={"obj-co-grwth": "children", "kr-co-mrr": "both"})
        assert caught.value.codes == ("id.unknown", "id.unknown")
        text = str(caught.value)
        assert "'obj-co-grwth'" in text
        assert "did you mean 'obj-co-growth'" in text
        assert "'kr-co-mrr'" in text

    def test_good_values_still_score(self, okrs: OKRSet) -> None:
        """Every documented value scores; a per-objective mapping changes only its objective."""
        both = okrs.score(as_of=DAY)
        for drivers in ("both", "key_results", "children"):
            assert 0.0 <= okrs.score(as_of=DAY, drivers=drivers).value("obj-co-growth") <= 1.0
        mapped = okrs.score(as_of=DAY, drivers={"obj-co-growth": "key_results"})
        alone = okrs.score(as_of=DAY, drivers="key_results")
        assert mapped.value("obj-co-growth") == alone.value("obj-co-growth")
        assert mapped.value("obj-co-growth") != both.value("obj-co-growth")
        worst = okrs.score(as_of=DAY, objective_status="worst")
        assert worst.value("obj-co-growth") == both.value("obj-co-growth")

    def test_unknown_option_name_is_not_ignored(self, okrs: OKRSet) -> None:
        """An option scoring does not have is an error, not a default score."""
        with pytest.raises(TypeError, match="pase"):
            okrs.score(as_of=DAY, pase="ratio")

    def test_in_vietnamese(self, okrs: OKRSet) -> None:
        """The message is in the locale it is shown in."""
        with pytest.raises(ValidationError) as caught:
            okrs.score(as_of=DAY, drivers="childern")
        assert "có phải ý bạn là 'children'" in caught.value.render(locale="vi")


class TestPaceByName:
    def test_method_name_is_that_pace(self, okrs: OKRSet) -> None:
        """pace="ratio" scores as Pace(method="ratio"); "gap" as the default."""
        ids = [kr.id for kr in okrs.key_results] + [o.id for o in okrs.objectives]
        by_name = okrs.score(as_of=DAY, pace="ratio")
        by_object = okrs.score(as_of=DAY, pace=Pace(method="ratio"))
        assert [by_name[i].status for i in ids] == [by_object[i].status for i in ids]
        default = okrs.score(as_of=DAY)
        assert [by_name[i].status for i in ids] != [default[i].status for i in ids]
        gap = okrs.score(as_of=DAY, pace="gap")
        assert [gap[i].status for i in ids] == [default[i].status for i in ids]

    def test_reports_take_a_name(self, okrs: OKRSet) -> None:
        """build_scorecard passes pace="ratio" on to the scoring instead of failing."""
        report = build_scorecard(okrs, as_of=DAY, pace="ratio", burnup=False)
        assert report.objectives

    @pytest.mark.parametrize("pace", [42, {"method": "ratio"}, Linear()])
    def test_other_objects_are_refused(self, okrs: OKRSet, pace: object) -> None:
        """Anything but a Pace or a method's name says what to pass."""
        with pytest.raises(UsageError, match=r"'pace' must be a Pace .* gap, ratio"):
            rollup(okrs, as_of=DAY, pace=pace)  # type: ignore[arg-type]


class TestSettings:
    @pytest.mark.parametrize("strategy", [Linear, Grade, Zones, Stepped])
    def test_misspelt_combiner(self, strategy: type[Linear]) -> None:
        """combiner="minimun" is refused with the choices and the closest one."""
        with pytest.raises(ValidationError) as caught:
            strategy(combiner="minimun")  # type: ignore[arg-type]
        text = str(caught.value)
        assert "'combiner'" in text
        assert "weighted, minimum" in text
        assert "did you mean 'minimum'" in text

    def test_unknown_threshold_method(self) -> None:
        """threshold_method="nope" is refused, listing met, share and distance."""
        with pytest.raises(ValidationError, match=r"'threshold_method' .* met, share, distance"):
            Linear(threshold_method="nope")  # type: ignore[arg-type]

    def test_unknown_pace_method(self) -> None:
        """Pace(method="ratoi") is refused, with 'ratio' suggested."""
        with pytest.raises(ValidationError, match=r"'method' .*did you mean 'ratio'"):
            Pace(method="ratoi")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("value", "words"), [("x", "a number"), (float("nan"), "a finite number")]
    )
    def test_pace_thresholds_are_numbers(self, value: object, words: str) -> None:
        """A threshold that is not a finite number is refused, naming it."""
        with pytest.raises(ValidationError, match=rf"'at_risk' must be {words}"):
            Pace(at_risk=value)  # type: ignore[arg-type]

    def test_good_settings_still_work(self, okrs: OKRSet) -> None:
        """The documented settings are accepted and change the scores as before."""
        weighted = okrs.score(as_of=DAY).value("obj-co-growth")
        weakest = okrs.score(as_of=DAY, strategy=Linear(combiner="minimum"))
        assert weakest.value("obj-co-growth") < weighted
        for method in ("met", "share", "distance"):
            assert Linear(threshold_method=method).threshold_method == method  # type: ignore[arg-type]
        assert Pace(method="ratio", at_risk=0.9, off_track=0.6).thresholds() == (0.9, 0.6)


def test_an_unknown_score_option_is_named() -> None:
    """``okrs.score(pase=...)``: okrkit's error, naming the option and the close one."""
    okrs = okrkit.load(Path(__file__).parents[2] / "examples" / "acme.en.yaml")
    with pytest.raises(UsageError) as raised:
        okrs.score(as_of="2026-03-20", pase="ratio")
    message = str(raised.value)
    assert "'pase'" in message
    assert "did you mean pace?" in message
    assert "drivers, pace, objective_status, overrides" in message


def test_an_override_given_as_text_is_refused() -> None:
    """``rollup(overrides={"kr": "55"})``: a value must be a number, not text that reads as one."""
    okrs = okrkit.load(Path(__file__).parents[2] / "examples" / "acme.en.yaml")
    with pytest.raises(ValidationError, match="must be a finite number"):
        rollup(okrs, as_of="2026-03-20", overrides={"kr-co-mrr": "5500000000"})
    base = rollup(okrs, as_of="2026-03-20")
    card = rollup(okrs, as_of="2026-03-20", overrides={"kr-co-mrr": 5.5e9})
    assert card["kr-co-mrr"].value > base["kr-co-mrr"].value
