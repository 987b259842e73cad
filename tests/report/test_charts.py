"""Burn-up points and the notebook charts: plot_progress and plot_burnup."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import okrkit
from builders import kr, objective
from okrkit import CheckIn, Cycle, Metric, OKRSet, Owner, PlannedValue
from okrkit.errors import MissingExtraError, UnknownIdError
from okrkit.i18n import format_day, gettext, use_locale
from okrkit.report import burnup_points, burnup_table, plot_burnup, plot_progress

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AS_OF = dt.date(2026, 3, 20)
Q1 = Cycle.quarter(2026, 1)


@pytest.fixture(scope="module")
def acme() -> OKRSet:
    """The Vietnamese example."""
    return okrkit.load(EXAMPLES / "acme.yaml")


def small(*objectives: okrkit.Objective, checkins: Any = ()) -> OKRSet:
    """A 2026-Q1 set of ``team``'s objectives."""
    return OKRSet(
        cycles=[Q1],
        owners=[Owner(id="team", name="Team", kind="team")],
        objectives=objectives,
        checkins=checkins,
    )


def lines(figure: Any) -> dict[str, Any]:
    """The figure's lines by label."""
    return {line.get_label(): line for line in figure.axes[0].get_lines()}


def xy(line: Any) -> list[tuple[Any, float]]:
    """A line's points, x as given."""
    return list(zip(line.get_xdata(orig=True), line.get_ydata(orig=True), strict=True))


class TestBurnupPoints:
    def test_weekly_from_the_cycle_start_to_as_of(self, acme: OKRSet) -> None:
        """The cycle's start, a week apart, then the date; each the set's score that day."""
        points = burnup_points(acme, "obj-eng-delivery", as_of=AS_OF)
        days = [day for day, _score in points]
        assert days[0] == Q1.start
        assert days[-1] == AS_OF
        assert all(b - a == dt.timedelta(days=7) for a, b in itertools.pairwise(days[:-1]))
        assert 0 < (days[-1] - days[-2]).days <= 7
        for day, score in points:
            assert score == acme.score(as_of=day).value("obj-eng-delivery")

    def test_stops_at_the_cycle_end(self, acme: OKRSet) -> None:
        """A date after the cycle ends: the last point is the cycle's last day."""
        points = burnup_points(acme, "obj-co-growth", as_of="2026-06-30")
        assert points[-1][0] == Q1.end
        assert len(points) == len({day for day, _score in points})

    def test_nothing_before_the_cycle(self, acme: OKRSet) -> None:
        """Before the cycle starts there is nothing to draw."""
        assert burnup_points(acme, "obj-co-growth", as_of="2025-12-31") == []
        assert burnup_points(acme, "obj-co-growth", as_of=Q1.start) == [
            (Q1.start, acme.score(as_of=Q1.start).value("obj-co-growth"))
        ]

    def test_unknown_objective(self, acme: OKRSet) -> None:
        """A key result or a mistyped id is refused, with a suggestion."""
        with pytest.raises(UnknownIdError, match="obj-co-growth"):
            burnup_points(acme, "obj-co-growt", as_of=AS_OF)
        with pytest.raises(UnknownIdError):
            burnup_points(acme, "kr-velocity", as_of=AS_OF)
        with pytest.raises(UnknownIdError):
            burnup_table(acme, ["nope"], as_of=AS_OF)

    def test_the_table_scores_each_day_once(
        self, acme: OKRSet, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every objective and key result together: one score of the set per day."""
        calls: list[dt.date] = []
        real = OKRSet.score

        def counted(self: OKRSet, **kwargs: Any) -> Any:
            calls.append(kwargs["as_of"])
            return real(self, **kwargs)

        monkeypatch.setattr(OKRSet, "score", counted)
        ids = [o.id for o in acme.objectives] + [k.id for k in acme.key_results]
        table = burnup_table(acme, ids, as_of=AS_OF)
        assert len(calls) == len(set(calls)) == len(table["obj-co-growth"])
        assert table["kr-velocity"][-1] == (AS_OF, real(acme, as_of=AS_OF).value("kr-velocity"))


class TestPlotBurnup:
    def test_lines(self, acme: OKRSet) -> None:
        """The points, the pace from 0 to the ambition's bar over the cycle, the bar."""
        with use_locale("en"):
            figure = plot_burnup(acme, "obj-co-growth", as_of=AS_OF)
        drawn = lines(figure)
        assert list(drawn) == ["Score", "Expected pace", "Aspirational target (70%)"]
        assert xy(drawn["Score"]) == burnup_points(acme, "obj-co-growth", as_of=AS_OF)
        assert xy(drawn["Expected pace"]) == [(Q1.start, 0.0), (Q1.end, 0.7)]  # aspirational
        assert list(drawn["Aspirational target (70%)"].get_ydata()) == [0.7, 0.7]
        assert figure.axes[0].get_title() == acme.objective("obj-co-growth").title

    def test_committed_bar_is_one(self, acme: OKRSet) -> None:
        """A committed objective is judged against 100%."""
        with use_locale("en"):
            drawn = lines(plot_burnup(acme, "obj-eng-delivery", as_of=AS_OF))
        assert list(drawn["Committed target (100%)"].get_ydata()) == [1.0, 1.0]

    def test_labels_and_dates_in_vietnamese(self, acme: OKRSet) -> None:
        """Labels translated; the date ticks as Vietnamese writes a day."""
        with use_locale("vi"):
            figure = plot_burnup(acme, "obj-co-growth", as_of=AS_OF)
            expected_tick = format_day(dt.date(2026, 2, 1))
            pace = gettext("Expected pace")
        axes = figure.axes[0]
        assert axes.get_xlabel() == "Ngày"
        assert axes.get_ylabel() == "Điểm"
        assert pace != "Expected pace"
        assert pace in lines(figure)
        figure.canvas.draw()  # tick labels are written when drawn, in the chart's locale
        ticks = [label.get_text() for label in axes.get_xticklabels()]
        assert expected_tick in ticks
        assert all("%" in label.get_text() for label in axes.get_yticklabels())


class TestPlotProgress:
    def test_key_result_against_start_target_and_pace(self, acme: OKRSet) -> None:
        """Check-ins up to the date, start and target lines, pace from start to target."""
        key_result = acme.key_result("kr-co-mrr")
        with use_locale("en"):
            drawn = lines(plot_progress(acme, "kr-co-mrr", as_of="2026-02-15"))
        assert list(drawn) == ["Check-ins", "Expected pace", "Start", "Target"]
        want = [(c.on, c.value) for c in acme.checkins_for("kr-co-mrr")]
        assert xy(drawn["Check-ins"]) == [p for p in want if p[0] <= dt.date(2026, 2, 15)]
        metric = key_result.metric
        assert xy(drawn["Expected pace"]) == [(Q1.start, metric.start), (Q1.end, metric.target)]
        assert drawn["Start"].get_ydata()[0] == metric.start
        assert drawn["Target"].get_ydata()[0] == metric.target

    def test_pace_through_the_plan_to_the_due_date(self) -> None:
        """A phased key result's pace goes through its planned values to its due date."""
        planned = kr(
            "k1",
            target=100,
            due=dt.date(2026, 3, 1),
            plan=[PlannedValue(on=dt.date(2026, 2, 1), value=20)],
        )
        drawn = lines(plot_progress(small(objective("o1", planned)), "k1", as_of=AS_OF))
        assert xy(drawn[okrkit.i18n.gettext("Expected pace")]) == [
            (Q1.start, 0.0),
            (dt.date(2026, 2, 1), 20.0),
            (dt.date(2026, 3, 1), 100.0),
        ]

    def test_milestone_has_no_pace_or_start(self) -> None:
        """A milestone: its 0/1 check-ins against a target of 1."""
        okrs = small(
            objective("o1", kr("k1", metric=Metric(kind="milestone"))),
            checkins=[CheckIn(key_result="k1", on="2026-02-06", value=1)],
        )
        with use_locale("en"):
            drawn = lines(plot_progress(okrs, "k1", as_of=AS_OF))
        assert list(drawn) == ["Check-ins", "Target"]
        assert xy(drawn["Check-ins"]) == [(dt.date(2026, 2, 6), 1.0)]

    def test_objective_draws_each_key_result(self, acme: OKRSet) -> None:
        """One line of weekly scores per key result, and the pace to 100%."""
        with use_locale("en"):
            figure = plot_progress(acme, "obj-eng-delivery", as_of=AS_OF)
        key_results = acme.objective("obj-eng-delivery").key_results
        drawn = figure.axes[0].get_lines()
        assert len(drawn) == len(key_results) + 1
        table = burnup_table(acme, [k.id for k in key_results], as_of=AS_OF)
        for line, key_result in zip(drawn, key_results, strict=False):
            assert xy(line) == table[key_result.id]
        assert drawn[-1].get_label() == "Expected pace"

    def test_unknown_id(self, acme: OKRSet) -> None:
        """An id that is neither a key result nor an objective is refused."""
        with pytest.raises(UnknownIdError, match="kr-velocity"):
            plot_progress(acme, "kr-velocit", as_of=AS_OF)

    def test_dollar_and_underscore_titles_draw_as_text(self) -> None:
        """Markup of mathtext in a title stays text; a leading '_' stays in the legend."""
        title = "Cut cost from $5 to $3_a ^b"
        okrs = small(objective("o1", kr("k1", title="_hidden?"), title=title))
        figure = plot_progress(okrs, "o1", as_of=AS_OF)
        figure.savefig(io.BytesIO(), format="png")  # unescaped, mathtext would raise here
        assert figure.axes[0].get_title() == title.replace("$", r"\$")
        assert figure.axes[0].get_legend().get_texts()[0].get_text() == " _hidden?"


class TestInIPython:
    def shell(self, monkeypatch: pytest.MonkeyPatch) -> Any:
        """A stand-in IPython shell with IPython's own PNG formatter."""
        formatters = pytest.importorskip("IPython.core.formatters")
        png = formatters.PNGFormatter()
        shell = types.SimpleNamespace(
            display_formatter=types.SimpleNamespace(formatters={"image/png": png})
        )
        monkeypatch.setitem(
            sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell)
        )
        return png

    def test_a_figure_shows_itself_as_png(
        self, acme: OKRSet, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """In a shell, a chart that is a cell's value displays as a PNG image."""
        png = self.shell(monkeypatch)
        figure = plot_burnup(acme, "obj-co-growth", as_of=AS_OF)
        assert png(figure).startswith(b"\x89PNG")

    def test_a_shell_that_shows_figures_is_left_alone(
        self, acme: OKRSet, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A display the shell already has for figures is kept."""
        from matplotlib.figure import Figure

        png = self.shell(monkeypatch)
        png.for_type(Figure, lambda _figure: b"mine")
        figure = plot_progress(acme, "kr-co-mrr", as_of=AS_OF)
        assert png(figure) == b"mine"


class TestExtra:
    def test_missing_matplotlib_names_the_extra(
        self, acme: OKRSet, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without matplotlib a chart says to install okrkit[plot]."""
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        for plot in (plot_burnup, plot_progress):
            with pytest.raises(MissingExtraError, match=r"okrkit\[plot\]") as caught:
                plot(acme, "obj-co-growth", as_of=AS_OF)
            assert caught.value.extra == "plot"

    def test_no_pyplot_and_no_import_until_drawn(self) -> None:
        """Importing okrkit.report loads no matplotlib; a chart never loads pyplot."""
        code = (
            "import sys, okrkit, okrkit.report as r\n"
            "assert 'matplotlib' not in sys.modules\n"
            f"okrs = okrkit.load({str(EXAMPLES / 'acme.en.yaml')!r})\n"
            "r.plot_burnup(okrs, 'obj-co-growth', as_of='2026-03-20')\n"
            "assert 'matplotlib' in sys.modules and 'matplotlib.pyplot' not in sys.modules\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
