"""alignment_map(scorecard=...): the report of build_scorecard, and nothing else.

A ``Scorecard`` from ``OKRSet.score()`` is refused with okrkit's error that says what to
pass, rather than an ``AttributeError`` from deep inside the map.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import okrkit
from okrkit.errors import UsageError
from okrkit.i18n import use_locale
from okrkit.report import alignment_map, build_scorecard

ROOT = Path(__file__).parents[2]
AS_OF = dt.date(2026, 3, 20)
OKRS = okrkit.load(ROOT / "examples" / "acme.en.yaml")


class TestScorecardArgument:
    def test_a_scorecard_from_score_is_refused_with_what_to_pass(self) -> None:
        """okrs.score(...) is refused with UsageError naming build_scorecard and its date."""
        card = OKRS.score(as_of=AS_OF)
        with pytest.raises(UsageError) as excinfo:
            alignment_map(OKRS, scorecard=card)  # type: ignore[arg-type]
        message = str(excinfo.value)
        assert "not the Scorecard of OKRSet.score()" in message
        assert "scorecard=build_scorecard(okrs, as_of=2026-03-20)" in message
        assert isinstance(excinfo.value, TypeError)

    def test_the_refusal_reads_in_vietnamese(self) -> None:
        """The refusal is worded in the reader's locale, the code in it unchanged."""
        with pytest.raises(UsageError) as excinfo:
            alignment_map(OKRS, scorecard=OKRS.score(as_of=AS_OF))  # type: ignore[arg-type]
        with use_locale("vi"):
            shown = str(excinfo.value)
        assert "bảng điểm" in shown
        assert "build_scorecard(okrs, as_of=2026-03-20)" in shown

    @pytest.mark.parametrize(("value", "kind"), [({"obj-1": 0.5}, "a mapping"), ("x", "a text")])
    def test_anything_else_is_refused(self, value: object, kind: str) -> None:
        """Any other value is refused by its kind, with what to pass instead."""
        with pytest.raises(UsageError, match=rf"build_scorecard \(got {kind}"):
            alignment_map(OKRS, scorecard=value)  # type: ignore[arg-type]

    def test_the_report_still_works(self) -> None:
        """The report of build_scorecard is drawn as before."""
        report = build_scorecard(OKRS, as_of=AS_OF, burnup=False)
        chart = alignment_map(OKRS, scorecard=report, locale="en")
        assert chart.data.scorecard is report
