"""What a notebook shows of the model: OKRSet.to_frame, the check-in frame, HTML reprs."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import CheckIn, Cycle, Metric, OKRSet, Owner
from okrkit.i18n import format_day, format_number, use_locale
from okrkit.model._frames import OKRSET_COLUMNS, OWNERS_SEPARATOR
from okrkit.model._html import MAX_ROWS
from okrkit.testing import okr_sets

pd = pytest.importorskip("pandas")

PAYLOAD = "<script>alert(1)</script>"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def small_set(*objectives: okrkit.Objective, checkins: tuple[CheckIn, ...] = ()) -> OKRSet:
    """A set in 2026-Q1 whose objectives belong to ``team``, with people ``an`` and ``binh``."""
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[
            Owner(id="team", name="Team", kind="team"),
            Owner(id="an", name="An", kind="person"),
            Owner(id="binh", name="Bình", kind="person"),
        ],
        objectives=objectives,
        checkins=checkins,
    )


@pytest.fixture(scope="module")
def acme() -> OKRSet:
    """The Vietnamese example set."""
    return okrkit.load(EXAMPLES / "acme.yaml")


class TestOKRSetFrame:
    def test_columns_and_types(self, acme: OKRSet) -> None:
        """Every documented column, in order, with its type."""
        frame = acme.to_frame()
        assert tuple(frame.columns) == OKRSET_COLUMNS
        for name in ("objective_id", "level", "ambition", "owner", "cycle", "kind", "unit"):
            assert isinstance(frame[name].dtype, pd.CategoricalDtype), name
        for name in ("objective_title", "key_result_id", "key_result_title", "owners"):
            assert isinstance(frame[name].dtype, pd.StringDtype), name
        for name in ("start", "target", "weight"):
            assert frame[name].dtype == "float64", name
        assert str(frame["due"].dtype).startswith("datetime64")
        assert list(frame["level"].cat.categories) == [
            "company",
            "department",
            "team",
            "individual",
        ]
        assert list(frame["kind"].cat.categories) == [k.value for k in okrkit.MetricKind]

    def test_one_row_per_key_result_with_its_objective(self, acme: OKRSet) -> None:
        """Each row holds a key result's own fields beside its objective's."""
        frame = acme.to_frame()
        assert len(frame) == len(acme.key_results)
        for row, key_result in zip(frame.itertuples(index=False), acme.key_results, strict=True):
            owner = acme.objective_of(key_result.id)
            metric = key_result.metric
            assert row.key_result_id == key_result.id
            assert row.key_result_title == key_result.title
            assert row.objective_id == owner.id
            assert row.objective_title == owner.title
            assert (row.level, row.ambition) == (owner.level.value, owner.ambition.value)
            assert (row.owner, row.cycle) == (owner.owner, owner.cycle)
            assert (row.kind, row.unit) == (metric.kind.value, metric.unit.value)
            assert row.weight == key_result.weight
            for got, want in ((row.start, metric.start), (row.target, metric.target)):
                assert math.isnan(got) if want is None else got == want
            if key_result.due is None:
                assert pd.isna(row.due)
            else:
                assert row.due.date() == key_result.due
            assert row.owners.split(OWNERS_SEPARATOR) == list(key_result.owners)

    def test_missing_values_are_missing(self) -> None:
        """A milestone has no start or target; no owners give an empty text."""
        okrs = small_set(
            objective("o1", kr("k1", metric=Metric(kind="milestone"), due=dt.date(2026, 2, 1)))
        )
        row = okrs.to_frame().iloc[0]
        assert math.isnan(row["start"])
        assert math.isnan(row["target"])
        assert pd.isna(row["currency"])
        assert row["owners"] == ""
        assert row["due"] == pd.Timestamp("2026-02-01")

    def test_an_empty_set_keeps_its_columns(self) -> None:
        """No key results: no rows, the same columns and types."""
        frame = small_set(objective("o1")).to_frame()
        assert len(frame) == 0
        assert tuple(frame.columns) == OKRSET_COLUMNS
        assert str(frame["due"].dtype).startswith("datetime64")

    @given(okrs=okr_sets())
    @settings(max_examples=settings.default.max_examples // 2)
    def test_rows_follow_the_key_results(self, okrs: OKRSet) -> None:
        """Any set: one row per key result, ids in the set's order."""
        frame = okrs.to_frame()
        assert frame["key_result_id"].tolist() == [k.id for k in okrs.key_results]
        assert frame["owners"].tolist() == [", ".join(k.owners) for k in okrs.key_results]


class TestCheckInFrame:
    def test_tidy_types(self, acme: OKRSet) -> None:
        """The log's frame: categorical ids, datetime64 days, float values, Int8 confidence."""
        frame = acme.checkins.to_frame()
        assert list(frame.columns) == ["key_result", "on", "value", "confidence", "note", "author"]
        assert isinstance(frame["key_result"].dtype, pd.CategoricalDtype)
        assert str(frame["on"].dtype).startswith("datetime64")
        assert frame["value"].dtype == "float64"
        assert frame["confidence"].dtype == "Int8"
        assert isinstance(frame["note"].dtype, pd.StringDtype)
        assert isinstance(frame["author"].dtype, pd.StringDtype)
        first = acme.checkins[0]
        assert frame.iloc[0]["key_result"] == first.key_result
        assert frame.iloc[0]["on"].date() == first.on
        assert frame.iloc[0]["value"] == first.value

    def test_missing_confidence_and_note_are_na(self) -> None:
        """A check-in without a confidence, note or author reads as NA there."""
        okrs = small_set(
            objective("o1", kr("k1")),
            checkins=(CheckIn(key_result="k1", on="2026-01-09", value=3),),
        )
        row = okrs.checkins.to_frame().iloc[0]
        assert pd.isna(row["confidence"])
        assert pd.isna(row["note"])
        assert pd.isna(row["author"])


class TestHTML:
    def test_set_lists_objectives_with_names(self, locale: str, acme: OKRSet) -> None:
        """The set's table names each objective's owner and cycle, in the locale."""
        with use_locale(locale):
            html = acme._repr_html_()
            assert f"{format_number(len(acme.key_results))} " in html
        assert "Trần Minh Quân" in html or "Công ty Cổ phần Công nghệ Acme" in html
        assert "Quý 1/2026" in html
        words = ("Mục tiêu", "Cấp", "Người phụ trách") if locale == "vi" else ("Objective",)
        assert all(f"<th>{word}</th>" in html for word in words)

    def test_user_text_is_escaped(self) -> None:
        """A script in a title, an owner's name or a cycle's name shows as text."""
        okrs = OKRSet(
            cycles=[Cycle(id="c", name=PAYLOAD, start="2026-01-01", end="2026-03-31")],
            owners=[Owner(id="team", name=PAYLOAD, kind="team")],
            objectives=[objective("o1", kr("k1", title=PAYLOAD), title=PAYLOAD, cycle="c")],
        )
        for html in (
            okrs._repr_html_(),
            okrs.objectives[0]._repr_html_(),
            okrs.key_results[0]._repr_html_(),
        ):
            assert "<script>" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_long_tables_stop_and_count_the_rest(self, locale: str) -> None:
        """Past the row limit a line says how many more there are."""
        many = [objective(f"o{i}", kr(f"k{i}")) for i in range(MAX_ROWS + 7)]
        with use_locale(locale):
            html = small_set(*many)._repr_html_()
        assert html.count("<tr>") == MAX_ROWS + 1  # the header row and MAX_ROWS rows
        assert re.search(r"\b7\b", html.rsplit("</table>", 1)[1])
        assert ("dòng khác" if locale == "vi" else "more rows") in html

    def test_no_line_under_a_short_table(self) -> None:
        """A table within the limit has no 'more' line."""
        html = small_set(objective("o1", kr("k1")))._repr_html_()
        assert html.rsplit("</table>", 1)[1] == "</div>"

    def test_objective_shows_its_key_results_formatted(self, locale: str) -> None:
        """Start and target by unit and locale, the due date as the locale writes a day."""
        money = Metric(kind="increase", start=1_500_000, target=3_000_000, unit="currency",
                       currency="VND")  # fmt: skip
        due = dt.date(2026, 3, 15)
        obj = objective("o1", kr("k1", metric=money, weight=2, due=due))
        with use_locale(locale):
            html = obj._repr_html_()
            assert format_day(due) in html
        assert ("1.500.000" if locale == "vi" else "1,500,000") in html
        assert ("Chỉ tiêu" if locale == "vi" else "Target") in html

    def test_key_result_lists_its_fields(self, locale: str) -> None:
        """Id, kind, start, target, owners and weight, labelled in the locale."""
        key_result = kr("k1", owners=["an", "binh"], weight=1.5)
        with use_locale(locale):
            html = key_result._repr_html_()
            assert format_number(1.5) in html
        assert "<code>an</code>, <code>binh</code>" in html
        assert ("Trọng số" if locale == "vi" else "Weight") in html

    @given(title=st.text(alphabet=st.sampled_from("<>&\"'ab /"), min_size=1))
    @settings(max_examples=settings.default.max_examples // 2)
    def test_no_title_breaks_out_of_its_cell(self, title: str) -> None:
        """Whatever the title, no '<', '>' or '&' of it reaches the HTML unescaped."""
        assume(title.strip())
        html = objective("o1", kr("k1", title=title), title=title)._repr_html_()
        assert html.count("<") == html.count(">")
        assert html.count("&") == html.count("&amp;") + html.count("&lt;") + html.count(
            "&gt;"
        ) + html.count("&quot;") + html.count("&#x27;")
