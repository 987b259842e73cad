"""The model classes: construction, normalisation and every validation rule."""

from __future__ import annotations

import datetime as dt
import math
import pickle

import attrs
import numpy as np
import pytest

from okrkit import (
    Alignment,
    Ambition,
    CheckIn,
    Confidence,
    Cycle,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Level,
    LinkKind,
    Metric,
    MetricKind,
    Objective,
    Owner,
    OwnerKind,
    Unit,
    UnknownIdError,
    ValidationError,
)
from okrkit.errors import UsageError


def messages(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    """The problem messages of a raised ValidationError."""
    return [problem.message for problem in excinfo.value.problems]


def paths(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str | None]:
    """The problem paths of a raised ValidationError."""
    return [problem.path for problem in excinfo.value.problems]


class TestCycle:
    def test_quarter_dates_and_id(self) -> None:
        """Cycle.quarter covers the calendar quarter and is named after it."""
        q4 = Cycle.quarter(2026, 4)
        assert (q4.id, q4.name, q4.start, q4.end) == (
            "2026-Q4",
            "Q4 2026",
            dt.date(2026, 10, 1),
            dt.date(2026, 12, 31),
        )

    def test_quarter_in_leap_year_ends_on_last_day(self) -> None:
        """Q1 of a leap year has 91 days."""
        assert Cycle.quarter(2028, 1).days == 91

    @pytest.mark.parametrize("quarter", [0, 5, -1, "1", True, 1.5])
    def test_quarter_out_of_range(self, quarter: int) -> None:
        """A quarter outside 1-4 is refused with the library's error."""
        with pytest.raises(ValidationError, match="'quarter' must be 1, 2, 3 or 4"):
            Cycle.quarter(2026, quarter)

    def test_year(self) -> None:
        """Cycle.year covers the calendar year."""
        year = Cycle.year(2026)
        assert (year.id, year.start, year.end, year.days) == (
            "2026",
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
            365,
        )

    def test_end_before_start(self) -> None:
        """An end before the start names both dates and the cycle id."""
        with pytest.raises(ValidationError) as excinfo:
            Cycle(id="c", name="C", start=dt.date(2026, 3, 1), end=dt.date(2026, 2, 1))
        assert paths(excinfo) == ["end"]
        assert excinfo.value.entity_id == "c"
        assert "a start on Mar 1, 2026 and an end on Feb 1, 2026" in messages(excinfo)[0]

    def test_iso_text_dates_are_read(self) -> None:
        """Dates written as ISO text become dates."""
        cycle = Cycle(id="c", name="C", start="2026-01-01", end="2026-01-31")  # type: ignore[arg-type]
        assert cycle.end == dt.date(2026, 1, 31)

    def test_contains_and_overlaps(self) -> None:
        """contains() and overlaps() include both ends."""
        q1, q2 = Cycle.quarter(2026, 1), Cycle.quarter(2026, 2)
        assert q1.contains(dt.date(2026, 3, 31))
        assert not q1.contains(dt.date(2026, 4, 1))
        assert not q1.overlaps(q2)
        assert q1.overlaps(Cycle.year(2026))

    def test_contains_takes_a_date_or_iso_text(self) -> None:
        """contains() reads ISO text and datetimes as days, as the rest of the API does."""
        q1 = Cycle.quarter(2026, 1)
        assert q1.contains("2026-02-01")
        assert not q1.contains("2026-04-01")
        assert q1.contains(dt.datetime(2026, 3, 31, 23, 59))

    @pytest.mark.parametrize("day", ["soon", "2026-02-30", 20260201, None])
    def test_contains_refuses_what_is_no_day(self, day: object) -> None:
        """contains() of something that is no day raises ValidationError naming 'day'."""
        with pytest.raises(ValidationError, match="'day' must be a date") as excinfo:
            Cycle.quarter(2026, 1).contains(day)  # type: ignore[arg-type]
        assert paths(excinfo) == ["day"]

    @pytest.mark.parametrize("other", ["2026-Q2", None, dt.date(2026, 4, 1)])
    def test_overlaps_takes_a_cycle(self, other: object) -> None:
        """overlaps() of anything but a Cycle raises UsageError saying to pass a Cycle."""
        with pytest.raises(UsageError, match=r"overlaps\(\) takes a Cycle") as excinfo:
            Cycle.quarter(2026, 1).overlaps(other)  # type: ignore[arg-type]
        if other == "2026-Q2":
            assert "okrs.cycle('2026-Q2')" in str(excinfo.value)
            assert "(got '2026-Q2')" in str(excinfo.value)

    @pytest.mark.parametrize("year", [0, -1, 10_000, "2026", 2026.5, True, None])
    def test_year_out_of_range_or_not_a_number(self, year: object) -> None:
        """Cycle.year() and Cycle.quarter() refuse a bad year with ValidationError naming it."""
        for make in (lambda: Cycle.year(year), lambda: Cycle.quarter(year, 1)):  # type: ignore[arg-type]
            with pytest.raises(ValidationError, match="'year' must be a whole number") as excinfo:
                make()
            assert paths(excinfo) == ["year"]

    def test_year_and_quarter_reported_together(self) -> None:
        """A bad year and a bad quarter are both reported, each with its value."""
        with pytest.raises(ValidationError) as excinfo:
            Cycle.quarter("2026", True)  # type: ignore[arg-type]
        assert paths(excinfo) == ["year", "quarter"]
        assert "(got '2026')" in messages(excinfo)[0]

    def test_whole_numbers_of_any_type_accepted(self) -> None:
        """A whole float or a numpy int makes the same cycle as an int."""
        assert Cycle.quarter(2026.0, 1.0) == Cycle.quarter(2026, 1)  # type: ignore[arg-type]
        assert Cycle.year(np.int64(2026)) == Cycle.year(2026)  # type: ignore[arg-type]

    def test_every_bad_field_reported_at_once(self) -> None:
        """A cycle with a bad id, empty name and bad date reports all three."""
        with pytest.raises(ValidationError) as excinfo:
            Cycle(id="a b", name=" ", start="soon", end=dt.date(2026, 1, 1))  # type: ignore[arg-type]
        assert paths(excinfo) == ["id", "name", "start"]


class TestOwner:
    def test_kind_defaults_to_person(self) -> None:
        """An owner without a kind is a person."""
        assert Owner(id="lan", name="Lan").kind is OwnerKind.PERSON

    def test_parent_may_be_an_owner_object(self) -> None:
        """Passing an Owner as parent stores its id."""
        dept = Owner(id="dept", name="Dept", kind="department")  # type: ignore[arg-type]
        assert Owner(id="lan", name="Lan", parent=dept).parent == "dept"

    def test_own_parent_refused(self) -> None:
        """An owner cannot be its own parent."""
        with pytest.raises(ValidationError, match="cannot be its own parent"):
            Owner(id="lan", name="Lan", parent="lan")

    def test_unknown_kind_lists_choices(self) -> None:
        """An unknown kind lists the accepted words."""
        with pytest.raises(ValidationError, match="company, department, team, person"):
            Owner(id="x", name="X", kind="boss")  # type: ignore[arg-type]


class TestMetric:
    def test_increase_needs_target_above_start(self) -> None:
        """The message shape matches the style guide's example."""
        with pytest.raises(ValidationError) as excinfo:
            Metric(kind=MetricKind.INCREASE, start=35, target=27)
        assert messages(excinfo) == [
            "'target' must be greater than 'start' for an increase metric "
            "(got start=35, target=27); for a falling metric use kind 'decrease'"
        ]

    def test_decrease_needs_target_below_start(self) -> None:
        """A decrease metric whose target is above its start is refused."""
        with pytest.raises(ValidationError, match="must be less than 'start'"):
            Metric(kind=MetricKind.DECREASE, start=0.8, target=1.4)

    def test_decrease_worked_example(self) -> None:
        """Bugs per feature from 1.4 down to 0.8 is a valid decrease metric."""
        metric = Metric(kind="decrease", start=1.4, target=0.8)  # type: ignore[arg-type]
        assert (metric.kind, metric.start, metric.target) == (MetricKind.DECREASE, 1.4, 0.8)

    @pytest.mark.parametrize("kind", ["increase", "decrease"])
    def test_moving_metrics_need_start(self, kind: str) -> None:
        """Increase and decrease need a baseline."""
        with pytest.raises(ValidationError, match="needs a 'start'"):
            Metric(kind=kind, target=10)  # type: ignore[arg-type]

    @pytest.mark.parametrize("kind", ["increase", "decrease", "at_least", "at_most"])
    def test_non_milestones_need_target(self, kind: str) -> None:
        """Every kind but milestone needs a target."""
        with pytest.raises(ValidationError, match="needs a 'target'"):
            Metric(kind=kind, start=1)  # type: ignore[arg-type]

    @pytest.mark.parametrize("kind", ["at_least", "at_most"])
    def test_thresholds_need_only_a_target(self, kind: str) -> None:
        """at_least and at_most need a target and nothing else."""
        assert Metric(kind=kind, target=99.9, unit="percent").start is None  # type: ignore[arg-type]

    def test_milestone_takes_no_numbers(self) -> None:
        """A milestone with start, target and stretch reports all three."""
        with pytest.raises(ValidationError) as excinfo:
            Metric(kind="milestone", start=0, target=1, stretch=2)  # type: ignore[arg-type]
        assert paths(excinfo) == ["start", "target", "stretch"]

    @pytest.mark.parametrize(
        ("kind", "start", "target", "stretch"),
        [
            ("increase", 27, 35, 30),
            ("decrease", 1.4, 0.8, 1.0),
            ("at_least", None, 99, 98),
            ("at_most", None, 5, 6),
        ],
    )
    def test_stretch_must_lie_beyond_target(
        self, kind: str, start: float | None, target: float, stretch: float
    ) -> None:
        """A stretch on the wrong side of the target is refused."""
        with pytest.raises(ValidationError, match="'stretch' must lie beyond the target"):
            Metric(kind=kind, start=start, target=target, stretch=stretch)  # type: ignore[arg-type]

    def test_stretch_beyond_target_accepted(self) -> None:
        """A stretch past the target is kept."""
        assert Metric(kind="increase", start=0, target=70, stretch=100).stretch == 100  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
    def test_non_finite_numbers_refused(self, bad: float) -> None:
        """NaN and infinities are refused."""
        with pytest.raises(ValidationError, match="finite number"):
            Metric(kind="at_least", target=bad)  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", ["10", True, [1]])
    def test_non_numbers_refused(self, bad: object) -> None:
        """Text, booleans and lists are not numbers."""
        with pytest.raises(ValidationError, match="must be a number"):
            Metric(kind="increase", start=bad, target=20)  # type: ignore[arg-type]

    def test_currency_needs_code(self) -> None:
        """A currency metric without a code is refused."""
        with pytest.raises(ValidationError, match="needs 'currency'"):
            Metric(kind="increase", start=0, target=5, unit="currency")  # type: ignore[arg-type]

    def test_currency_code_normalised(self) -> None:
        """A lowercase currency code is upper-cased."""
        metric = Metric(kind="increase", start=0, target=5, unit="currency", currency="vnd")  # type: ignore[arg-type]
        assert metric.currency == "VND"

    @pytest.mark.parametrize("code", ["VN", "dong", "12A"])
    def test_bad_currency_code(self, code: str) -> None:
        """A currency that is not three letters is refused."""
        with pytest.raises(ValidationError, match="ISO 4217"):
            Metric(kind="increase", start=0, target=5, unit="currency", currency=code)  # type: ignore[arg-type]

    def test_currency_on_other_unit(self) -> None:
        """A currency code on a count metric is a mistake."""
        with pytest.raises(ValidationError, match="only applies to unit 'currency'"):
            Metric(kind="increase", start=0, target=5, currency="USD")  # type: ignore[arg-type]

    def test_scale_bounds_values(self) -> None:
        """Start, target and stretch must lie on the scale."""
        with pytest.raises(ValidationError) as excinfo:
            Metric(kind="increase", start=8, target=11, unit="score", scale=(0, 10))  # type: ignore[arg-type]
        assert paths(excinfo) == ["target"]

    @pytest.mark.parametrize("scale", [(10, 0), (1,), ("a", "b"), (0, math.nan)])
    def test_bad_scales(self, scale: object) -> None:
        """A scale must be two finite numbers, low then high."""
        with pytest.raises(ValidationError, match="'scale'"):
            Metric(kind="increase", start=1, target=2, unit="score", scale=scale)  # type: ignore[arg-type]

    def test_scale_on_other_unit(self) -> None:
        """A scale only applies to score metrics."""
        with pytest.raises(ValidationError, match="only applies to unit 'score'"):
            Metric(kind="increase", start=1, target=2, scale=(0, 10))  # type: ignore[arg-type]

    def test_negative_duration(self) -> None:
        """A duration cannot be negative."""
        with pytest.raises(ValidationError, match="duration and cannot be negative"):
            Metric(kind="decrease", start=3, target=-1, unit="duration_days")  # type: ignore[arg-type]

    def test_accepts(self) -> None:
        """accepts() tells possible check-in values apart."""
        assert Metric(kind="milestone").accepts(1.0)  # type: ignore[arg-type]
        assert not Metric(kind="milestone").accepts(0.5)  # type: ignore[arg-type]
        score = Metric(kind="at_least", target=8, unit="score", scale=(0, 10))  # type: ignore[arg-type]
        assert score.accepts(10)
        assert not score.accepts(10.5)
        assert not Metric(kind="at_most", target=3, unit="duration_days").accepts(-1)  # type: ignore[arg-type]
        assert Metric(kind="increase", start=0, target=3).accepts(-100)  # type: ignore[arg-type]


def _metric() -> Metric:
    return Metric(kind=MetricKind.INCREASE, start=27, target=35)


class TestKeyResult:
    def test_defaults_and_single_owner(self) -> None:
        """One owner id becomes a tuple; weight defaults to 1."""
        kr = KeyResult(id="kr", title="Velocity", metric=_metric(), owners="lan")
        assert (kr.owners, kr.weight, kr.due, kr.aligned_to) == (("lan",), 1.0, None, ())

    def test_several_owners(self) -> None:
        """Several owners are kept in order."""
        kr = KeyResult(id="kr", title="T", metric=_metric(), owners=["ceo", "cto", "cpo"])
        assert kr.owners == ("ceo", "cto", "cpo")

    @pytest.mark.parametrize("weight", [0, -1])
    def test_weight_must_be_positive(self, weight: float) -> None:
        """A weight of 0 or less is refused, naming the key result."""
        with pytest.raises(ValidationError) as excinfo:
            KeyResult(id="kr-x", title="T", metric=_metric(), weight=weight)
        assert excinfo.value.entity_id == "kr-x"
        assert "'weight' must be greater than 0" in str(excinfo.value)

    @pytest.mark.parametrize("ident", ["", "kr 1", " ", "kr\t1", None])
    def test_bad_ids(self, ident: object) -> None:
        """Ids are non-empty and have no whitespace."""
        with pytest.raises(ValidationError, match="id without spaces"):
            KeyResult(id=ident, title="T", metric=_metric())  # type: ignore[arg-type]

    def test_metric_must_be_a_metric(self) -> None:
        """A dict is not a Metric when constructing in Python."""
        wanted = r"'metric' must be a metric \(got a mapping of fields\)"
        with pytest.raises(ValidationError, match=wanted):
            KeyResult(id="kr", title="T", metric={"kind": "increase"})  # type: ignore[arg-type]

    def test_kr_to_kr_alignment(self) -> None:
        """A key result may align to another key result."""
        kr = KeyResult(id="kr-team", title="T", metric=_metric(), aligned_to="kr-company")
        assert kr.aligned_to == (Alignment(parent="kr-company"),)

    def test_cannot_align_to_itself(self) -> None:
        """A self-link is refused."""
        with pytest.raises(ValidationError, match="cannot align to itself"):
            KeyResult(id="kr", title="T", metric=_metric(), aligned_to="kr")

    def test_evolve_revalidates(self) -> None:
        """attrs.evolve makes a checked copy."""
        kr = KeyResult(id="kr", title="T", metric=_metric())
        assert attrs.evolve(kr, weight=2).weight == 2.0
        with pytest.raises(ValidationError):
            attrs.evolve(kr, weight=0)

    def test_frozen(self) -> None:
        """Key results cannot be changed in place."""
        kr = KeyResult(id="kr", title="T", metric=_metric())
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            kr.weight = 3  # type: ignore[misc]


class TestObjective:
    def make(self, **changes: object) -> Objective:
        """An objective with sensible defaults, changed by keyword."""
        fields: dict[str, object] = {
            "id": "obj",
            "title": "Delight customers",
            "owner": "lan",
            "cycle": "2026-Q1",
            "level": "team",
        }
        fields.update(changes)
        return Objective(**fields)  # type: ignore[arg-type]

    def test_enums_normalised_and_defaults(self) -> None:
        """Lowercase words become enums; ambition defaults to committed."""
        objective = self.make(level="Company")
        assert objective.level is Level.COMPANY
        assert objective.ambition is Ambition.COMMITTED

    def test_model_objects_accepted_for_ids(self) -> None:
        """An Owner and a Cycle stand in for their ids."""
        objective = self.make(owner=Owner(id="lan", name="Lan"), cycle=Cycle.quarter(2026, 1))
        assert (objective.owner, objective.cycle) == ("lan", "2026-Q1")

    def test_several_parents_and_link_kinds(self) -> None:
        """aligned_to mixes bare ids and Alignment links."""
        objective = self.make(
            aligned_to=["obj-a", Alignment(parent="kr-b", kind=LinkKind.SUPPORTS, weight=3)]
        )
        assert [(a.parent, a.kind, a.weight) for a in objective.aligned_to] == [
            ("obj-a", LinkKind.CONTRIBUTES, 1.0),
            ("kr-b", LinkKind.SUPPORTS, 3.0),
        ]

    def test_duplicate_parent(self) -> None:
        """Naming a parent twice is refused."""
        with pytest.raises(ValidationError, match="named twice"):
            self.make(aligned_to=["obj-a", "obj-a"])

    def test_cannot_align_to_own_key_result(self) -> None:
        """An objective aligned to its own key result would be a loop."""
        kr = KeyResult(id="kr-1", title="T", metric=_metric())
        with pytest.raises(ValidationError, match="its own key result"):
            self.make(key_results=[kr], aligned_to="kr-1")

    def test_bad_alignment_weight(self) -> None:
        """A link weight of 0 is refused."""
        with pytest.raises(ValidationError, match="'weight' must be greater than 0"):
            Alignment(parent="obj", weight=0)

    def test_key_result_lookup(self) -> None:
        """key_result() finds a key result of the objective by id."""
        kr = KeyResult(id="kr-1", title="T", metric=_metric())
        objective = self.make(key_results=[kr])
        assert objective.key_result("kr-1") is kr
        with pytest.raises(KeyError):
            objective.key_result("kr-2")

    def test_unknown_key_result_names_it_and_suggests(self) -> None:
        """An unknown key result id raises UnknownIdError naming it and the close ids."""
        kr = KeyResult(id="kr-revenue", title="T", metric=_metric())
        objective = self.make(key_results=[kr])
        with pytest.raises(UnknownIdError) as excinfo:
            objective.key_result("kr-revenu")
        assert isinstance(excinfo.value, KeyError)
        assert excinfo.value.suggestions == ("kr-revenue",)
        assert str(excinfo.value) == (
            "no key result in objective 'obj' with id 'kr-revenu'; did you mean 'kr-revenue'?"
        )

    def test_tags(self) -> None:
        """Tags are a tuple of non-empty texts."""
        assert self.make(tags=["sales", "q1"]).tags == ("sales", "q1")
        with pytest.raises(ValidationError, match="non-empty text"):
            self.make(tags=["ok", ""])

    def test_many_problems_at_once(self) -> None:
        """Every bad field of an objective is reported together."""
        with pytest.raises(ValidationError) as excinfo:
            self.make(title="", owner="a b", level="galaxy", ambition="huge")
        assert paths(excinfo) == ["title", "owner", "level", "ambition"]
        assert str(excinfo.value).startswith("4 problems found:")


class TestInitiative:
    def test_defaults(self) -> None:
        """An initiative is planned by default and drives what it names."""
        initiative = Initiative(id="ini", title="Automate QA", owner="lan", drives="kr-bugs")
        assert (initiative.status, initiative.drives) == (InitiativeStatus.PLANNED, ("kr-bugs",))

    def test_bad_status(self) -> None:
        """An unknown status lists the choices."""
        with pytest.raises(ValidationError, match="planned, in_progress, done, dropped"):
            Initiative(id="ini", title="T", owner="lan", status="someday")  # type: ignore[arg-type]


class TestCheckIn:
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            ("red", Confidence.VERY_LOW),
            ("Yellow", Confidence.MEDIUM),
            ("green", Confidence.VERY_HIGH),
            (4, Confidence.HIGH),
            ("2", Confidence.LOW),
        ],
    )
    def test_confidence_forms(self, given: object, expected: Confidence) -> None:
        """Confidence reads 1-5 and red/yellow/green."""
        checkin = CheckIn(key_result="kr", on=dt.date(2026, 1, 9), value=1, confidence=given)  # type: ignore[arg-type]
        assert checkin.confidence is expected

    @pytest.mark.parametrize("bad", [0, 6, "purple", 2.5, True])
    def test_bad_confidence(self, bad: object) -> None:
        """Confidence outside 1-5 is refused, naming the key result."""
        with pytest.raises(ValidationError) as excinfo:
            CheckIn(key_result="kr-9", on=dt.date(2026, 1, 9), value=1, confidence=bad)  # type: ignore[arg-type]
        assert excinfo.value.entity_id == "kr-9"

    def test_value_normalised_to_float(self) -> None:
        """Whole-number values are stored as floats."""
        checkin = CheckIn(key_result="kr", on=dt.date(2026, 1, 9), value=28)
        assert isinstance(checkin.value, float)

    def test_datetime_becomes_date(self) -> None:
        """A datetime is read as its date."""
        checkin = CheckIn(key_result="kr", on=dt.datetime(2026, 1, 9, 17, 30), value=1)
        assert checkin.on == dt.date(2026, 1, 9)

    def test_confidence_labels(self) -> None:
        """Each confidence level has a label."""
        assert [c.label for c in Confidence] == ["very low", "low", "medium", "high", "very high"]


class TestLabels:
    @pytest.mark.parametrize(
        "enum_type", [MetricKind, Unit, Level, OwnerKind, Ambition, LinkKind, InitiativeStatus]
    )
    def test_every_member_has_a_label(self, enum_type: type[MetricKind]) -> None:
        """Every enum member has a non-empty human label."""
        assert all(member.label for member in enum_type)

    def test_label_reads_naturally(self) -> None:
        """Labels are words, not identifiers."""
        assert MetricKind.AT_LEAST.label == "at least"
        assert InitiativeStatus.IN_PROGRESS.label == "in progress"


class TestPickle:
    @pytest.mark.parametrize(
        "obj",
        [
            Cycle.quarter(2026, 1),
            Owner(id="lan", name="Lan", kind=OwnerKind.TEAM),
            Metric(kind=MetricKind.INCREASE, start=27, target=35, unit=Unit.PERCENT),
            KeyResult(id="kr-1", title="T", metric=_metric(), owners=["lan"], aligned_to="obj-a"),
            Objective(
                id="obj",
                title="T",
                owner="lan",
                cycle="2026-Q1",
                level=Level.TEAM,
                key_results=[KeyResult(id="kr-1", title="T", metric=_metric())],
            ),
            Initiative(id="ini", title="T", owner="lan", drives="kr-1"),
            CheckIn(
                key_result="kr-1",
                on=dt.date(2026, 1, 9),
                value=28,
                confidence=Confidence.VERY_HIGH,
            ),
            Alignment(parent="obj-a", kind=LinkKind.SUPPORTS),
        ],
        ids=lambda obj: type(obj).__name__,
    )
    def test_round_trip(self, obj: object) -> None:
        """Every model object survives pickling unchanged, repr included."""
        again = pickle.loads(pickle.dumps(obj))
        assert again == obj
        assert repr(again) == repr(obj)
        assert repr(obj).startswith(f"{type(obj).__name__}(")
