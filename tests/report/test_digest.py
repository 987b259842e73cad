"""The weekly digest as data: each list on small sets whose answer is known, and the example.

The example's slipped key results are checked against a list the test builds from the
check-ins themselves (values, dates, the cycle and the pace thresholds), not from
okrkit's scoring.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import builders
import okrkit
from builders import objective
from okrkit import (
    Alignment,
    CheckIn,
    Cycle,
    Dependency,
    KeyResult,
    Metric,
    MetricKind,
    OKRSet,
    Owner,
    Status,
)
from okrkit.errors import UsageError, ValidationError
from okrkit.i18n import use_locale
from okrkit.report import WeeklyDigest, build_digest, build_scorecard
from okrkit.testing import okr_sets

EXAMPLES = Path(__file__).parents[2] / "examples"
Q1 = Cycle.quarter(2026, 1)
Q2 = Cycle.quarter(2026, 2)
AS_OF = dt.date(2026, 3, 20)
SINCE = dt.date(2026, 3, 13)
TROUBLED = {Status.AT_RISK: 1, Status.OFF_TRACK: 2}

kr = builders.kr  # increasing from 0 to 10
hundred = functools.partial(builders.kr, target=100)


def okr_set(*objectives: okrkit.Objective, checkins: list[CheckIn], **more: object) -> OKRSet:
    """A Q1 set of ``objectives`` owned by ``team``, with ``checkins``."""
    return OKRSet(
        cycles=more.pop("cycles", [Q1]),  # type: ignore[arg-type]
        owners=[Owner(id="team", name="Nhóm A", kind="team")],  # type: ignore[arg-type]
        objectives=objectives,
        checkins=checkins,
        **more,  # type: ignore[arg-type]
    )


def at(key_result: str, month: int, day: int, value: float, confidence: int | None = None):
    """A check-in of ``key_result`` on a day of 2026."""
    return CheckIn(
        key_result=key_result, on=dt.date(2026, month, day), value=value, confidence=confidence
    )


def digest_of(okrs: OKRSet, **options: object) -> WeeklyDigest:
    """The digest of ``okrs`` for the week up to 2026-03-20."""
    return build_digest(okrs, as_of=AS_OF, **options)  # type: ignore[arg-type]


# -- the example, from first principles ---------------------------------------------------


def _own_score(metric: Metric, value: float | None) -> float:
    """The linear strategy's score of one value, written out from docs/scoring.md."""
    if value is None:
        return 0.0
    if metric.kind is MetricKind.MILESTONE:
        return 1.0 if value >= 1 else 0.0
    assert metric.target is not None
    if metric.kind is MetricKind.AT_LEAST:
        return 1.0 if value >= metric.target else 0.0
    if metric.kind is MetricKind.AT_MOST:
        return 1.0 if value <= metric.target else 0.0
    assert metric.start is not None
    return min(1.0, max(0.0, (value - metric.start) / (metric.target - metric.start)))


def _statuses_from_checkins(okrs: OKRSet, day: dt.date) -> dict[str, Status]:
    """Each key result's status on ``day``, from its check-ins, cycle and the pace rules."""
    children: dict[str, list[tuple[KeyResult, float]]] = {}
    for child in okrs.key_results:
        for link in child.aligned_to:
            children.setdefault(link.parent, []).append((child, link.weight))
    for each in okrs.objectives:  # this reckoning knows key results below key results only
        assert not any(isinstance(okrs.get(link.parent), KeyResult) for link in each.aligned_to)

    def latest(key_result: KeyResult) -> float | None:
        history = [c for c in okrs.checkins_for(key_result.id) if c.on <= day]
        return history[-1].value if history else None

    def score(key_result: KeyResult) -> float:
        own = latest(key_result)
        pairs = [(score(child), weight) for child, weight in children.get(key_result.id, [])]
        if own is not None or not pairs:
            pairs.append((_own_score(key_result.metric, own), key_result.weight))
        return sum(s * w for s, w in pairs) / sum(w for _s, w in pairs)

    found = {}
    for each in okrs.objectives:
        cycle = okrs.cycle(each.cycle)
        for key_result in each.key_results:
            assert not key_result.plan  # no phased targets in the example
            end = key_result.due or cycle.end
            elapsed = min(1.0, max(0.0, (day - cycle.start).days / (end - cycle.start).days))
            expected = elapsed * (0.7 if each.ambition.value == "aspirational" else 1.0)
            value = score(key_result)
            if value >= 1.0:
                status = Status.DONE
            elif latest(key_result) is None and key_result.id not in children:
                status = Status.NOT_STARTED
            elif value - expected > -0.2:
                status = Status.ON_TRACK
            elif value - expected > -0.4:
                status = Status.AT_RISK
            else:
                status = Status.OFF_TRACK
            found[key_result.id] = status
    return found


class TestExample:
    @pytest.mark.parametrize("name", ["acme.yaml", "acme.en.yaml"])
    def test_slipped_key_results_are_those_the_checkins_show(self, name: str) -> None:
        """The digest of 2026-03-20 names the key results that slipped since 2026-03-13."""
        okrs = okrkit.load(EXAMPLES / name)
        before = _statuses_from_checkins(okrs, SINCE)
        after = _statuses_from_checkins(okrs, AS_OF)
        expected = {
            ident: (before[ident], status)
            for ident, status in after.items()
            if TROUBLED.get(status, 0) > TROUBLED.get(before[ident], 0)
        }
        digest = build_digest(okrs, as_of=AS_OF)
        slipped = {s.id: (s.before, s.after) for s in digest.slipped if not s.is_objective}
        assert expected, "the example's week should see a key result slip"
        assert slipped == expected
        assert digest.since == SINCE

    def test_slipped_objectives_agree_with_the_scores(self) -> None:
        """An objective is listed when its scored status worsened to at risk or off track."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        before, after = okrs.score(as_of=SINCE), okrs.score(as_of=AS_OF)
        expected = [
            each.id
            for each in okrs.objectives
            if TROUBLED.get(after[each.id].status, 0) > TROUBLED.get(before[each.id].status, 0)
        ]
        digest = build_digest(okrs, as_of=AS_OF)
        assert sorted(s.id for s in digest.slipped if s.is_objective) == sorted(expected)

    def test_forecast_misses_are_the_scorecards(self) -> None:
        """An objective misses its forecast in the digest exactly when the scorecard says so."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        card = build_scorecard(okrs, as_of=AS_OF, burnup=False)
        expected = [line.id for line in card.objectives if line.forecast and line.forecast.misses]
        digest = build_digest(okrs, as_of=AS_OF)
        assert [miss.id for miss in digest.forecast_misses] == expected
        for miss in digest.forecast_misses:
            line = card.objective(miss.id)
            assert line.forecast is not None
            assert miss.forecast == pytest.approx(line.forecast.score)

    def test_running_cycles_and_company_levers(self) -> None:
        """The week runs in Q1; each company objective has up to three levers, best first."""
        okrs = okrkit.load(EXAMPLES / "acme.yaml")
        digest = build_digest(okrs, as_of=AS_OF)
        assert digest.cycles == ("Quý 1/2026",)
        company = [o.id for o in okrs.objectives if o.level.value == "company"]
        assert [lever.id for lever in digest.levers] == company
        card = okrs.score(as_of=AS_OF)
        for lever in digest.levers:
            best = [(i, g) for i, g in card.leverage(lever.id) if g > 0][:3]
            assert [(i, g) for i, _t, g in lever.key_results] == best


# -- each list on a small set --------------------------------------------------------------


class TestMoved:
    def test_values_changed_in_the_week_largest_score_change_first(self) -> None:
        """A new value after `since` moves; the same value, or one on `since`, does not."""
        okrs = okr_set(
            objective("o", kr("a"), kr("b"), kr("c"), kr("d"), kr("e")),
            checkins=[
                at("a", 3, 6, 2),
                at("a", 3, 16, 6),  # 0.2 -> 0.6
                at("b", 3, 18, 3),  # none -> 0.3
                at("c", 3, 6, 4),
                at("c", 3, 17, 4),  # same value again
                at("d", 3, 13, 1),  # on `since`: before the week
                at("e", 3, 1, 8),
                at("e", 3, 20, 9),  # 0.8 -> 0.9, on the report's day
            ],
        )
        moved = digest_of(okrs).moved
        assert [(m.id, m.before, m.after) for m in moved] == [
            ("a", 2.0, 6.0),
            ("b", None, 3.0),
            ("e", 8.0, 9.0),
        ]
        scores = [score for m in moved for score in (m.score_before, m.score_after)]
        assert scores == pytest.approx([0.2, 0.6, 0.0, 0.3, 0.8, 0.9])

    def test_since_widens_the_window(self) -> None:
        """With `since` two weeks back, a check-in of ten days ago counts."""
        okrs = okr_set(objective("o", kr("a")), checkins=[at("a", 3, 1, 1), at("a", 3, 10, 2)])
        assert digest_of(okrs).moved == ()
        assert [m.id for m in digest_of(okrs, since="2026-03-06").moved] == ["a"]


class TestSlipped:
    def test_worsened_to_at_risk_or_off_track_objective_first(self) -> None:
        """On track -> off track and at risk -> off track slip; off track stays unlisted."""
        okrs = okr_set(
            objective("o1", kr("a"), kr("b")),
            objective("o2", kr("c"), kr("d")),
            checkins=[
                at("a", 3, 6, 8),
                at("a", 3, 18, 3),  # 0.8 on track -> 0.3 off track
                at("b", 3, 6, 9),  # on track throughout
                at("c", 3, 1, 4.5),  # at risk on 13 March, off track on 20 March
                at("d", 3, 1, 1),  # off track throughout
            ],
        )
        slipped = digest_of(okrs).slipped
        assert [(s.id, s.is_objective, s.before, s.after) for s in slipped] == [
            ("o1", True, Status.ON_TRACK, Status.AT_RISK),
            ("a", False, Status.ON_TRACK, Status.OFF_TRACK),
            ("c", False, Status.AT_RISK, Status.OFF_TRACK),
        ]

    def test_improvement_is_not_a_slip(self) -> None:
        """Off track -> at risk is better, not a slip."""
        okrs = okr_set(objective("o", kr("a")), checkins=[at("a", 3, 1, 1), at("a", 3, 18, 5.5)])
        assert digest_of(okrs).slipped == ()

    def test_nothing_slips_once_the_cycle_has_ended(self) -> None:
        """After the cycle the statuses are final (achieved or missed), never a slip."""
        okrs = okr_set(objective("o", kr("a")), checkins=[at("a", 3, 1, 5)])
        digest = build_digest(okrs, as_of="2026-04-03")
        assert digest.slipped == ()
        assert digest.cycles == ()


class TestStale:
    def test_silent_key_results_of_running_cycles_longest_first(self) -> None:
        """More than `stale_days` without a check-in, counted from the start when none."""
        okrs = okr_set(
            objective(
                "o",
                kr("quiet"),  # 19 days
                kr("never"),  # 78 days since 1 January
                kr("recent"),  # 10 days
                kr("edge"),  # exactly 14 days: not more than
                kr("done"),  # reached its target for good
                kr("held", metric=Metric(kind="at_least", target=5)),  # must keep holding
            ),
            objective("next", kr("later"), cycle=Q2.id),  # its cycle has not started
            cycles=[Q1, Q2],
            checkins=[
                at("quiet", 3, 1, 5),
                at("recent", 3, 10, 5),
                at("edge", 3, 6, 5),
                at("done", 1, 15, 10),
                at("held", 1, 15, 6),
            ],
        )
        stale = digest_of(okrs).stale
        assert [(s.id, s.last_on, s.days) for s in stale] == [
            ("never", None, 78),
            ("held", dt.date(2026, 1, 15), 64),
            ("quiet", dt.date(2026, 3, 1), 19),
        ]
        assert stale[0].owners == ()
        assert digest_of(okrs).stale_days == 14
        assert [s.id for s in digest_of(okrs, stale_days=18).stale] == ["never", "held", "quiet"]
        assert [s.id for s in digest_of(okrs, stale_days=19).stale] == ["never", "held"]

    def test_owner_names_and_a_parent_fed_by_others(self) -> None:
        """Owners show by name; a key result others count toward needs no check-in itself."""
        okrs = OKRSet(
            cycles=[Q1],
            owners=[Owner(id="team", name="Nhóm A", kind="team"), Owner(id="lan", name="Lan")],
            objectives=[
                objective("top", kr("parent", owners=["lan"])),
                objective("o", kr("child", aligned_to=[Alignment(parent="parent")])),
            ],
            checkins=[at("child", 3, 18, 5)],
        )
        assert digest_of(okrs).stale == ()
        alone = OKRSet(
            cycles=[Q1],
            owners=[Owner(id="team", name="Nhóm A", kind="team"), Owner(id="lan", name="Lan")],
            objectives=[objective("top", kr("solo", owners=["lan", "team"]))],
        )
        assert [s.owners for s in digest_of(alone).stale] == [("Lan", "Nhóm A")]


class TestConfidence:
    def test_falls_largest_first(self) -> None:
        """The latest confidence is compared with the one at `since`; none is no fall."""
        okrs = okr_set(
            objective("o", kr("a"), kr("b"), kr("c"), kr("d"), kr("e")),
            checkins=[
                at("a", 3, 6, 1, 5),
                at("a", 3, 18, 2, 4),  # 5 -> 4
                at("b", 3, 6, 1, 4),
                at("b", 3, 18, 2, 2),  # 4 -> 2
                at("c", 3, 6, 1, 3),
                at("c", 3, 18, 2, 3),  # steady
                at("d", 3, 6, 1, 4),
                at("d", 3, 18, 2),  # no new confidence: still 4
                at("e", 3, 18, 2, 1),  # nothing to compare with
            ],
        )
        falls = digest_of(okrs).confidence_falls
        assert [(f.id, f.before, f.after) for f in falls] == [("b", 4, 2), ("a", 5, 4)]


class TestForecastMisses:
    def test_committed_against_one_aspirational_against_seven_tenths(self) -> None:
        """A line heading to 0.74 misses a committed bar and clears an aspirational one."""
        rising = [at("c1", 1, 1, 0), at("c1", 3, 2, 5), at("a1", 1, 1, 0), at("a1", 3, 2, 5)]
        okrs = okr_set(
            objective("committed", kr("c1")),
            objective("aspirational", kr("a1"), ambition="aspirational"),
            objective("done", kr("f1")),
            objective("silent", kr("s1")),  # no forecast without two check-ins
            checkins=[*rising, at("f1", 1, 1, 0), at("f1", 3, 2, 10)],
        )
        misses = digest_of(okrs).forecast_misses
        assert [(m.id, m.ambition.value, m.bar) for m in misses] == [
            ("committed", "committed", 1.0)
        ]
        # The line reaches 5 / 60 * 89 = 7.4166... by the cycle's end, shown to three
        # significant digits (7.42), which scores 0.742.
        assert misses[0].forecast == pytest.approx(round(5 / 60 * 89, 2) / 10)

    def test_only_objectives_of_running_cycles(self) -> None:
        """After the cycle has ended its forecasts are not news."""
        okrs = okr_set(objective("o", kr("a")), checkins=[at("a", 1, 1, 0), at("a", 3, 2, 5)])
        assert build_digest(okrs, as_of="2026-04-10").forecast_misses == ()


class TestBlocked:
    def test_dependencies_on_something_in_trouble_in_file_order(self) -> None:
        """A dependency is blocked when what it waits on is at risk or off track."""
        okrs = okr_set(
            objective("o1", kr("a")),
            objective("o2", kr("b"), kr("c")),
            checkins=[at("a", 3, 1, 1), at("b", 3, 1, 9), at("c", 3, 1, 9)],
            dependencies=[
                Dependency(dependent="c", on="a", note="cần API"),
                Dependency(dependent="o1", on="b"),  # b is on track
                Dependency(dependent="b", on="o1"),
            ],
        )
        blocked = digest_of(okrs).blocked
        assert [(b.dependent, b.on, b.status, b.note) for b in blocked] == [
            ("c", "a", Status.OFF_TRACK, "cần API"),
            ("b", "o1", Status.OFF_TRACK, ""),
        ]
        assert (blocked[0].dependent_title, blocked[0].on_title) == ("Result c", "Result a")
        assert blocked[1].on_title == "Objective o1"


class TestLevers:
    def test_top_three_gains_of_company_objectives(self) -> None:
        """Gains rank the key results; one already done gains nothing and is left out."""
        okrs = okr_set(
            objective(
                "co",
                kr("p"),
                kr("q"),
                kr("r"),
                kr("s"),
                kr("t"),
                level="company",
            ),
            objective("team-o", kr("u")),  # not a company objective
            objective("all-done", kr("v"), level="company"),  # nothing to gain
            checkins=[
                at("p", 3, 1, 2),
                at("q", 3, 1, 5),
                at("r", 3, 1, 10),
                at("s", 3, 1, 8),
                at("t", 3, 1, 9),
                at("v", 3, 1, 10),
            ],
        )
        levers = digest_of(okrs).levers
        assert [lever.id for lever in levers] == ["co"]
        assert [(i, t) for i, t, _g in levers[0].key_results] == [
            ("p", "Result p"),
            ("q", "Result q"),
            ("s", "Result s"),
        ]
        assert [g for _i, _t, g in levers[0].key_results] == pytest.approx([0.16, 0.1, 0.04])


class TestArguments:
    def test_since_after_as_of_is_refused_with_both_dates(self, locale: str) -> None:
        """The message names both days, formatted for the reader's locale."""
        okrs = okr_set(objective("o", kr("a")), checkins=[])
        with pytest.raises(ValidationError) as caught:
            build_digest(okrs, as_of="2026-03-20", since="2026-03-21")
        with use_locale(locale):  # worded when shown, in the locale then
            message = str(caught.value)
        shown = {"vi": ("21/3/2026", "20/3/2026"), "en": ("Mar 21, 2026", "Mar 20, 2026")}
        for day in shown[locale]:
            assert day in message

    @pytest.mark.parametrize(
        ("days", "error"),
        [(-1, ValidationError), (1.5, UsageError), (True, UsageError), ("14", UsageError)],
    )
    def test_stale_days_must_be_whole_days(self, days: object, error: type[Exception]) -> None:
        """A negative, fractional or non-number threshold is refused, naming the argument."""
        okrs = okr_set(objective("o", kr("a")), checkins=[])
        with pytest.raises(error, match="stale_days"):
            build_digest(okrs, as_of=AS_OF, stale_days=days)  # type: ignore[arg-type]

    def test_a_bad_date_or_source_is_refused(self) -> None:
        """Text that is not a date, and a source that is not a set or store, are errors."""
        okrs = okr_set(objective("o", kr("a")), checkins=[])
        with pytest.raises(ValidationError, match="since"):
            build_digest(okrs, as_of=AS_OF, since="last week")
        with pytest.raises(UsageError):
            build_digest([okrs], as_of=AS_OF)

    def test_since_defaults_to_a_week_before(self) -> None:
        """Without `since` the week is the seven days up to the report's date."""
        okrs = okr_set(objective("o", kr("a")), checkins=[])
        assert digest_of(okrs).since == SINCE
        assert build_digest(okrs, as_of=AS_OF, since=AS_OF).since == AS_OF


# -- properties --------------------------------------------------------------------------


@st.composite
def weeks(draw: st.DrawFn) -> tuple[OKRSet, dt.date, dt.date]:
    """A generated set with a report date near one of its cycles, and a start of week."""
    okrs = draw(okr_sets(max_objectives=5, max_checkins=12, max_dependencies=3))
    cycle = draw(st.sampled_from(okrs.cycles))
    as_of = cycle.start + dt.timedelta(days=draw(st.integers(-5, cycle.days + 5)))
    since = as_of - dt.timedelta(days=draw(st.integers(0, 30)))
    return okrs, as_of, since


class TestProperties:
    @settings(max_examples=settings.default.max_examples)
    @given(weeks(), st.integers(0, 60))
    def test_every_list_keeps_its_promise(
        self, week: tuple[OKRSet, dt.date, dt.date], stale_days: int
    ) -> None:
        """Each item is what its list says, in the documented order, on any set."""
        okrs, as_of, since = week
        digest = build_digest(okrs, as_of=as_of, since=since, stale_days=stale_days)
        for slip in digest.slipped:
            assert slip.after in TROUBLED
            assert TROUBLED[slip.after] > TROUBLED.get(slip.before, 0)
        changes = [abs(m.score_after - m.score_before) for m in digest.moved]
        assert changes == sorted(changes, reverse=True)
        assert all(m.before != m.after for m in digest.moved)
        assert all(s.days > stale_days for s in digest.stale)
        assert [s.days for s in digest.stale] == sorted(
            (s.days for s in digest.stale), reverse=True
        )
        assert all(f.after < f.before for f in digest.confidence_falls)
        assert all(m.forecast + 1e-9 < m.bar for m in digest.forecast_misses)
        assert all(b.status in TROUBLED for b in digest.blocked)
        for lever in digest.levers:
            gains = [g for _i, _t, g in lever.key_results]
            assert 0 < len(gains) <= 3
            assert all(g > 0 for g in gains)
            assert gains == sorted(gains, reverse=True)
