"""OKRSet: cross-references, lookups and the problems it reports."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import pytest

import builders
import okrkit
from builders import kr
from okrkit import (
    CheckIn,
    Cycle,
    Initiative,
    Metric,
    Objective,
    OKRSet,
    Owner,
    UnknownIdError,
    ValidationError,
)
from okrkit.errors import UsageError

Q1 = Cycle.quarter(2026, 1)
Q2 = Cycle.quarter(2026, 2)


# The objectives here are lan's, unless a test says otherwise.
objective = functools.partial(builders.objective, owner="lan")


def okr_set(*objectives: Objective, **changes: Any) -> OKRSet:
    """A set with Q1, Q2 and two owners around the given objectives."""
    fields: dict[str, Any] = {
        "cycles": [Q1, Q2],
        "owners": [
            Owner(id="acme", name="Acme", kind="company"),  # type: ignore[arg-type]
            Owner(id="lan", name="Lan", parent="acme"),
        ],
        "objectives": objectives,
    }
    fields.update(changes)
    return OKRSet(**fields)


def problems_of(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str | None, str]]:
    """(path, message) of each problem."""
    return [(p.path, p.message) for p in excinfo.value.problems]


class TestValidSets:
    def test_lookups(self) -> None:
        """Every entity is found by id, with its kind checked."""
        okrs = okr_set(objective("o1", kr("k1"), kr("k2")))
        assert okrs.objective("o1").id == "o1"
        assert okrs.key_result("k2").title == "Result k2"
        assert okrs.objective_of("k2").id == "o1"
        assert okrs.owner("lan").parent == "acme"
        assert okrs.cycle("2026-Q2") == Q2
        assert okrs.get("k1") == okrs.key_result("k1")
        assert "k1" in okrs
        assert "nope" not in okrs
        assert [k.id for k in okrs.key_results] == ["k1", "k2"]

    def test_unknown_id_suggests_close_ones(self) -> None:
        """A wrong id raises UnknownIdError (a KeyError) with suggestions."""
        okrs = okr_set(objective("obj-sales", kr("kr-revenue")))
        with pytest.raises(UnknownIdError, match="did you mean 'kr-revenue'") as excinfo:
            okrs.key_result("kr-revenu")
        assert isinstance(excinfo.value, KeyError)
        assert excinfo.value.suggestions == ("kr-revenue",)

    def test_get_unknown_id_raises(self) -> None:
        """get() of an id nothing has raises UnknownIdError with suggestions, never None."""
        okrs = okr_set(objective("obj-sales", kr("kr-revenue")))
        with pytest.raises(UnknownIdError, match="did you mean 'kr-revenue'") as excinfo:
            okrs.get("kr-revenu")
        assert excinfo.value.suggestions == ("kr-revenue",)
        with pytest.raises(UnknownIdError):
            okrs.get("nothing-like-it")
        assert okrs.get("obj-sales") == okrs.objective("obj-sales")
        assert okrs.get("lan") == okrs.owner("lan")
        assert okrs.get("2026-Q1") == Q1

    @pytest.mark.parametrize("ident", [None, ["k1"], 1.5])
    def test_lookup_of_what_is_not_an_id(self, ident: object) -> None:
        """A lookup by something that is not an id raises UsageError naming it."""
        okrs = okr_set(objective("o1", kr("k1")))
        with pytest.raises(UsageError, match="look an entity up by its id"):
            okrs.get(ident)  # type: ignore[arg-type]
        with pytest.raises(UsageError, match="such as 'kr-growth-1'"):
            okrs.key_result(ident)  # type: ignore[arg-type]
        assert ident not in okrs

    def test_lookup_checks_kind(self) -> None:
        """An objective id is not a key result."""
        okrs = okr_set(objective("o1", kr("k1")))
        with pytest.raises(UnknownIdError):
            okrs.key_result("o1")

    def test_checkins_sorted_oldest_first(self) -> None:
        """checkins_for returns one key result's history in date order."""
        checkins = [
            CheckIn(key_result="k1", on=dt.date(2026, 1, 16), value=2),
            CheckIn(key_result="k1", on=dt.date(2026, 1, 9), value=1),
            CheckIn(key_result="k2", on=dt.date(2026, 1, 9), value=5),
        ]
        okrs = okr_set(objective("o1", kr("k1"), kr("k2")), checkins=checkins)
        assert [c.value for c in okrs.checkins_for("k1")] == [1, 2]
        assert okrs.checkins_for("k2")[0].value == 5

    def test_quarter_aligned_to_year(self) -> None:
        """A quarterly objective may align to a yearly one: the cycles overlap."""
        year = Cycle.year(2026)
        okrs = okr_set(
            objective("o-year", kr("k-year"), cycle="2026"),
            objective("o-q1", kr("k-q1"), aligned_to=["o-year", "k-year"]),
            cycles=[Q1, year],
        )
        assert okrs.objective("o-q1").aligned_to[1].parent == "k-year"

    def test_lists_become_tuples_and_sets_compare_equal(self) -> None:
        """Two sets built from equal parts are equal and hashable fields are tuples."""
        a = okr_set(objective("o1", kr("k1")))
        b = okr_set(objective("o1", kr("k1")))
        assert a == b
        assert isinstance(a.objectives, tuple)


class TestCrossReferences:
    def test_unknown_owner_cycle_and_parent(self) -> None:
        """Each unknown reference is reported with its path and a hint."""
        with pytest.raises(ValidationError) as excinfo:
            okr_set(objective("o1", kr("k1"), owner="lann", cycle="2026-Q3", aligned_to="o9"))
        assert problems_of(excinfo) == [
            ("objectives[0].owner", "unknown owner 'lann'; did you mean 'lan'?"),
            (
                "objectives[0].cycle",
                "unknown cycle '2026-Q3'; did you mean '2026-Q2'?",
            ),
            (
                "objectives[0].aligned_to[0]",
                "unknown parent 'o9'; name an objective or key result of this OKR set",
            ),
        ]

    def test_unknown_without_close_match_says_where_to_add(self) -> None:
        """With nothing close, the hint says which section to add it to."""
        with pytest.raises(ValidationError, match="add it to 'owners'"):
            okr_set(objective("o1", owner="zzzzzz"))

    def test_duplicate_ids_across_kinds(self) -> None:
        """An objective and a key result cannot share an id."""
        with pytest.raises(ValidationError) as excinfo:
            okr_set(objective("dup", kr("dup")))
        ((path, message),) = problems_of(excinfo)
        assert path == "objectives[0].key_results[0].id"
        assert "already used at objectives[0]" in message

    def test_duplicate_owner_and_cycle_id(self) -> None:
        """An owner may not reuse a cycle's id."""
        with pytest.raises(ValidationError, match="already used at cycles\\[0\\]"):
            okr_set(owners=[Owner(id="2026-Q1", name="Q")], objectives=[])

    def test_owner_loop(self) -> None:
        """Owners whose parents form a loop are refused."""
        owners = [Owner(id="a", name="A", parent="b"), Owner(id="b", name="B", parent="a")]
        with pytest.raises(ValidationError, match="owners form a loop"):
            okr_set(owners=owners, objectives=[])

    def test_alignment_loop(self) -> None:
        """o1 -> o2 -> k1 (of o1) is a loop and is reported once with its path."""
        with pytest.raises(ValidationError) as excinfo:
            okr_set(objective("o1", kr("k1"), aligned_to="o2"), objective("o2", aligned_to="k1"))
        messages = [m for _p, m in problems_of(excinfo)]
        assert len(messages) == 1
        assert "alignment loop" in messages[0]
        assert "o1 -> o2 -> k1 -> o1" in messages[0]

    def test_key_result_aligned_to_own_objective(self) -> None:
        """A key result already counts toward its objective."""
        with pytest.raises(ValidationError, match="already counts toward its own objective"):
            okr_set(objective("o1", kr("k1", aligned_to="o1")))

    def test_cycles_must_overlap(self) -> None:
        """A Q2 objective cannot align to a Q1 objective."""
        with pytest.raises(ValidationError, match="the cycles do not overlap"):
            okr_set(objective("o1", kr("k1")), objective("o2", cycle="2026-Q2", aligned_to="k1"))

    def test_due_inside_cycle(self) -> None:
        """A key result due after its cycle ends is refused."""
        with pytest.raises(ValidationError, match="falls outside cycle '2026-Q1'"):
            okr_set(objective("o1", kr("k1", due=dt.date(2026, 4, 15))))

    def test_key_result_owners_checked(self) -> None:
        """Each key result owner must exist."""
        with pytest.raises(ValidationError) as excinfo:
            okr_set(objective("o1", kr("k1", owners=["lan", "ghost"])))
        assert problems_of(excinfo)[0][0] == "objectives[0].key_results[0].owners[1]"

    def test_initiative_drives_key_results_only(self) -> None:
        """An initiative driving an objective id is refused."""
        initiative = Initiative(id="i1", title="Work", owner="lan", drives=["k1", "o1"])
        with pytest.raises(ValidationError) as excinfo:
            okr_set(objective("o1", kr("k1")), initiatives=[initiative])
        assert problems_of(excinfo)[0][0] == "initiatives[0].drives[1]"

    def test_checkin_reference_and_author(self) -> None:
        """A check-in names an existing key result and author."""
        checkins = [
            CheckIn(key_result="k9", on=dt.date(2026, 1, 9), value=1),
            CheckIn(key_result="k1", on=dt.date(2026, 1, 9), value=1, author="ghost"),
        ]
        with pytest.raises(ValidationError) as excinfo:
            okr_set(objective("o1", kr("k1")), checkins=checkins)
        assert [p for p, _m in problems_of(excinfo)] == [
            "checkins[0].key_result",
            "checkins[1].author",
        ]

    def test_milestone_checkin_values(self) -> None:
        """A milestone takes 0 or 1 only."""
        milestone = kr("k1", metric=Metric(kind="milestone"))  # type: ignore[arg-type]
        checkin = CheckIn(key_result="k1", on=dt.date(2026, 1, 9), value=0.5)
        with pytest.raises(ValidationError, match="report 1 when done and 0 when not"):
            okr_set(objective("o1", milestone), checkins=[checkin])

    def test_schema_version_from_the_future(self) -> None:
        """A newer schema version asks the user to upgrade okrkit."""
        with pytest.raises(ValidationError, match="upgrade okrkit"):
            okr_set(schema_version=99)

    def test_wrong_item_types(self) -> None:
        """A section holding the wrong class is reported, not crashed on."""
        wanted = r"each of 'owners' must be an owner \(got a cycle\)"
        with pytest.raises(ValidationError, match=wanted):
            okr_set(owners=[Q1], objectives=[])

    def test_all_problems_together(self) -> None:
        """Problems of different kinds in one set are reported together."""
        with pytest.raises(ValidationError) as excinfo:
            okr_set(
                objective("o1", kr("k1", due=dt.date(2027, 1, 1)), owner="nobody"),
                objective("o2", kr("k1")),
            )
        assert len(excinfo.value.problems) == 3

    def test_one_checkin_a_day(self) -> None:
        """Two check-ins for one key result on one day are refused."""
        checkins = [
            CheckIn(key_result="k1", on=dt.date(2026, 1, 9), value=1),
            CheckIn(key_result="k1", on=dt.date(2026, 1, 9), value=2),
        ]
        with pytest.raises(ValidationError, match="already has a check-in on Jan 9, 2026"):
            okr_set(objective("o1", kr("k1")), checkins=checkins)


class TestItemsThatAreNotEntities:
    @pytest.mark.parametrize(
        "section", ["cycles", "owners", "objectives", "initiatives", "dependencies", "checkins"]
    )
    @pytest.mark.parametrize("bad", [None, 3])
    def test_refused_with_section_and_index(self, section: str, bad: object) -> None:
        """A None (or a number) among a section's items is refused, naming the place."""
        with pytest.raises(ValidationError) as excinfo:
            okr_set(**{section: [bad]})
        ((path, message),) = problems_of(excinfo)
        assert path == f"{section}[0]"
        assert f"each of '{section}' must be" in message
        assert ("got an empty value" if bad is None else "got 3") in message

    def test_section_given_as_none(self) -> None:
        """A whole section given as None is refused, not read as an empty one."""
        with pytest.raises(ValidationError, match=r"objectives\[0\]: each of 'objectives'"):
            okr_set(objectives=None)
        with pytest.raises(ValidationError, match=r"checkins\[0\]: each of 'checkins'"):
            okr_set(checkins=None)

    def test_every_problem_reported_at_once(self) -> None:
        """Items that are not entities come with the set's other problems, check-ins too."""
        with pytest.raises(ValidationError) as excinfo:
            okr_set(
                objective("o1", kr("k1"), owner="nobody"),
                None,
                3,
                cycles=[Q1, None],
                checkins=[CheckIn(key_result="k1", on=dt.date(2026, 1, 9), value=1), None],
            )
        assert [path for path, _message in problems_of(excinfo)] == [
            "cycles[1]",
            "objectives[1]",
            "objectives[2]",
            "checkins[1]",
            "objectives[0].owner",
        ]

    def test_with_checkins_refuses_every_row_that_is_no_checkin(self) -> None:
        """with_checkins names each row that is not a check-in and adds nothing."""
        okrs = okr_set(objective("o1", kr("k1")))
        good = CheckIn(key_result="k1", on=dt.date(2026, 1, 9), value=1)
        with pytest.raises(ValidationError) as excinfo:
            okrs.with_checkins([None, good, "k1"])  # type: ignore[list-item]
        assert [path for path, _message in problems_of(excinfo)] == ["checkins[0]", "checkins[2]"]
        assert len(okrs.with_checkins([good]).checkins) == 1
        assert len(okrs.checkins) == 0

    def test_a_set_of_entities_still_works(self) -> None:
        """A set of real entities builds, scores, dumps and lints as before."""
        okrs = okr_set(
            objective("o1", kr("k1")),
            initiatives=[Initiative(id="i1", title="Do it", owner="lan", drives=["k1"])],
            checkins=[CheckIn(key_result="k1", on=dt.date(2026, 1, 9), value=5)],
        )
        assert okrs.score(as_of=dt.date(2026, 1, 10)).value("k1") == pytest.approx(0.5)
        assert okrkit.loads(okrkit.dumps(okrs, "yaml"), "yaml") == okrs
        assert isinstance(okrkit.lint(okrs), list)
        assert "o1" in okrs.graph


class TestLocale:
    def test_no_locale_by_default(self) -> None:
        """A set names no locale unless told."""
        assert okr_set().locale is None

    @pytest.mark.parametrize(
        ("given", "kept"),
        [("vi", "vi"), ("en", "en"), ("vi-VN", "vi_VN"), (" fr_CA ", "fr_CA")],
    )
    def test_kept_in_babels_spelling(self, given: str, kept: str) -> None:
        """A locale babel knows is kept as babel spells it, so equal sets compare equal."""
        okrs = okr_set(locale=given)
        assert okrs.locale == kept
        assert okrs == okr_set(locale=kept)
        assert okrs != okr_set(locale=None)

    @pytest.mark.parametrize("bad", ["klingon", "", "vi\ud800", 5, ["vi"]])
    def test_unknown_or_not_text_refused(self, bad: object) -> None:
        """Anything but a locale babel knows is one problem at path 'locale', naming it."""
        with pytest.raises(ValidationError) as excinfo:
            okr_set(locale=bad)
        ((path, message),) = problems_of(excinfo)
        assert path == "locale"
        assert "such as vi, en or vi_VN" in message

    def test_reported_with_the_other_problems(self) -> None:
        """A bad locale comes first among the set's other problems, not instead of them."""
        with pytest.raises(ValidationError) as excinfo:
            okr_set(objective("o1", owner="nobody"), locale="xx")
        paths = [path for path, _message in problems_of(excinfo)]
        assert paths[0] == "locale"
        assert len(paths) == 2

    def test_with_checkins_keeps_it(self) -> None:
        """Adding check-ins keeps the set's locale."""
        okrs = okr_set(objective("o1", kr("k1")), locale="vi")
        more = okrs.with_checkins([CheckIn(key_result="k1", on=dt.date(2026, 1, 9), value=1)])
        assert more.locale == "vi"
