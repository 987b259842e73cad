"""Hostile values in the model: ids, "did you mean" at scale, long values, huge weights."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
import okrkit.checkins
from builders import kr, objective
from okrkit import Alignment, Cycle, Metric, OKRSet, Owner
from okrkit.errors import HINT_LIMIT, Suggestions, ValidationError, did_you_mean, shorten
from okrkit.model._checks import MAX_WEIGHT, is_valid_id

ROOT = Path(__file__).resolve().parents[2]
Q1 = Cycle.quarter(2026, 1)
TEAM = Owner(id="team", name="Team")


def _reference_rule(value: str) -> bool:
    """The id rule as written in the docs: non-empty, printable, no whitespace."""
    return value != "" and all(c.isprintable() and not c.isspace() for c in value)


class TestIds:
    @pytest.mark.parametrize(
        "ident",
        [
            "kr-1\n",
            "kr\x00",
            "kr\x1b[2J",
            "kr\u200b1",
            "\ufeffkr",
            "kr\ud800",
            "",
            "a b",
            "a\u00a0b",
        ],
    )
    def test_is_valid_id_refuses_unprintable_and_spaced_ids(self, ident: str) -> None:
        """Line breaks, NUL, ESC, zero-width characters, surrogates and spaces are refused."""
        assert not is_valid_id(ident)

    @pytest.mark.parametrize("ident", ["kr-1", "mục-tiêu-1", "obj:2026/q1", "Ω"])
    def test_is_valid_id_takes_printable_ids(self, ident: str) -> None:
        """Printable ids of any script are ids."""
        assert is_valid_id(ident)

    @given(st.text(max_size=8))
    def test_is_valid_id_is_the_documented_rule(self, value: str) -> None:
        """The fast rule agrees with the rule as documented, for any text."""
        assert is_valid_id(value) == _reference_rule(value)

    @pytest.mark.parametrize(("bad", "code"), [("\x1b", "U+001B"), ("\u200b", "U+200B")])
    def test_the_message_names_the_character(self, bad: str, code: str) -> None:
        """The refusal names the unprintable character and says to remove it."""
        with pytest.raises(ValidationError, match=r"unprintable character U.*remove it") as caught:
            Owner(id=f"lan{bad}", name="Lan")
        assert code in str(caught.value)
        assert bad not in str(caught.value), "the location quotes the id, escaped"

    def test_each_id_of_a_list_is_checked(self) -> None:
        """An owner id of a key result with a NUL is refused at its place."""
        with pytest.raises(ValidationError, match=r"'owners\[1\]' holds .* U\+0000") as caught:
            kr("k", owners=["lan", "mai\x00"])
        assert caught.value.path == "owners[1]"

    def test_a_trailing_line_break_is_refused(self) -> None:
        """An id ending in a line break keeps the message about spaces."""
        with pytest.raises(ValidationError, match="without spaces"):
            Owner(id="lan\n", name="Lan")


def _misspelt(count: int, owners: int) -> OKRSet:
    """A set whose ``count`` objectives each name an owner that does not exist."""
    return OKRSet(
        cycles=[Q1],
        owners=[TEAM, *(Owner(id=f"owner-{i:05d}", name="O") for i in range(owners))],
        objectives=[
            objective(f"o{i}", kr(f"k{i}"), owner=f"owner-{i:05d}x") for i in range(count)
        ],
    )


class TestHints:
    def test_did_you_mean_matches_difflib_on_small_sets(self) -> None:
        """Below the pool size the hints are exactly difflib's."""
        candidates = ["kr-sale", "kr-hr", "obj-sales", "kr-sales-2", "x"]
        for ident in ["kr-sales", "kr-h", "obj", "sales"]:
            expected = difflib.get_close_matches(ident, candidates, n=3)
            assert did_you_mean(ident, candidates) == expected
            assert Suggestions(candidates).closest(ident) == expected

    def test_a_huge_id_gets_no_hint_quickly(self) -> None:
        """An id far longer than every candidate is compared with none of them."""
        assert did_you_mean("x" * 1_000_000, ["kr-1", "kr-2"]) == []

    def test_only_the_first_problems_get_a_hint(self) -> None:
        """A hint for the first HINT_LIMIT unknown ids; the rest say where to add them."""
        with pytest.raises(ValidationError) as caught:
            _misspelt(HINT_LIMIT + 10, HINT_LIMIT + 10)
        messages = [p.message for p in caught.value.problems]
        assert len(messages) == HINT_LIMIT + 10
        assert sum("did you mean" in m for m in messages) == HINT_LIMIT
        assert all("add it to 'owners'" in m for m in messages[HINT_LIMIT:])
        assert "did you mean 'owner-00000'?" in messages[0]

    def test_five_thousand_misspelt_references_are_fast(self) -> None:
        """5,000 unknown owners among 5,000 are reported in under 1 s and 200 MB."""
        script = textwrap.dedent(
            """
            import json, time, tracemalloc
            from okrkit import Cycle, KeyResult, Metric, Objective, OKRSet, Owner
            from okrkit.errors import ValidationError

            cycles = [Cycle.quarter(2026, 1)]
            owners = [Owner(id=f"owner-{i:05d}", name="O") for i in range(5000)]
            metric = Metric(kind="increase", start=0, target=10)
            objectives = [
                Objective(
                    id=f"o{i}", title="O", owner=f"owner-{i:05d}x", cycle="2026-Q1",
                    level="team",
                    key_results=[KeyResult(id=f"k{i}", title="K", metric=metric)],
                )
                for i in range(5000)
            ]

            def run():
                try:
                    OKRSet(cycles=cycles, owners=owners, objectives=objectives)
                except ValidationError as error:
                    return len(error.problems), len(str(error))
                return 0, 0

            start = time.perf_counter()
            count, length = run()
            seconds = time.perf_counter() - start
            tracemalloc.start()
            run()
            peak = tracemalloc.get_traced_memory()[1]
            print(json.dumps({"count": count, "seconds": seconds, "peak": peak}))
            """
        )
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            cwd=ROOT,
        )
        found = json.loads(done.stdout.strip().splitlines()[-1])
        assert found["count"] == 5000
        assert found["seconds"] < 1.0
        assert found["peak"] < 200 * 2**20


class TestLongValues:
    def test_shorten_cuts_with_an_ellipsis(self) -> None:
        """A long value's repr is cut to the limit and ends with an ellipsis."""
        assert shorten("kr-1") == "'kr-1'"
        text = shorten("x" * 1_000_000)
        assert len(text) == 80
        assert text.endswith("…")

    def test_shorten_survives_a_huge_int_and_a_broken_repr(self) -> None:
        """An int beyond repr's digit limit, or a repr that raises, still gives text."""

        class Broken:
            def __repr__(self) -> str:
                raise RuntimeError

        assert shorten(10**5000) == "<int>"
        assert shorten(Broken()) == "<Broken>"

    @pytest.mark.parametrize(
        "make",
        [
            lambda big: Owner(id=big + " ", name="Lan"),
            lambda big: kr("k", weight=big),
            lambda big: kr("k", due=big),
            lambda big: Owner(id="lan", name="Lan", kind=big),
        ],
    )
    def test_a_one_megabyte_value_gives_a_short_message(self, make: object) -> None:
        """A 1 MB value is quoted in a few dozen characters, not a megabyte."""
        big = "v" * 2**20
        with pytest.raises(ValidationError) as caught:
            make(big)  # type: ignore[operator]
        assert len(str(caught.value)) < 400

    def test_a_one_megabyte_unknown_id_gives_a_short_message(self) -> None:
        """An unknown owner id of 1 MB is quoted short in the reference problem."""
        with pytest.raises(ValidationError) as caught:
            OKRSet(cycles=[Q1], owners=[TEAM], objectives=[objective("o", owner="o" * 2**20)])
        assert len(str(caught.value)) < 400


class TestWeights:
    @pytest.mark.parametrize("weight", [1e308, float("inf"), float("nan"), MAX_WEIGHT * 2])
    def test_a_key_result_refuses_a_huge_weight(self, weight: float) -> None:
        """Weights that could overflow a weighted sum are refused."""
        with pytest.raises(ValidationError, match="'weight'"):
            kr("k", weight=weight)

    @pytest.mark.parametrize("weight", [1e308, MAX_WEIGHT + 1])
    def test_a_link_refuses_a_huge_weight(self, weight: float) -> None:
        """Alignment links take the same cap."""
        with pytest.raises(ValidationError, match="at most"):
            Alignment(parent="o", weight=weight)

    def test_the_cap_itself_is_a_weight(self) -> None:
        """A weight of exactly MAX_WEIGHT is accepted."""
        assert kr("k", weight=MAX_WEIGHT).weight == MAX_WEIGHT
        assert Alignment(parent="o", weight=MAX_WEIGHT).weight == MAX_WEIGHT

    def test_the_largest_weights_score_finitely(self) -> None:
        """Key results at the largest weight roll up to a finite score."""
        krs = [kr(f"k{i}", weight=MAX_WEIGHT) for i in range(5)]
        okrs = OKRSet(cycles=[Q1], owners=[TEAM], objectives=[objective("o", *krs)])
        card = okrs.score(as_of="2026-03-15")
        assert 0.0 <= card.value("o") <= 1.0


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "increase", "start": 0, "target": 10**400},
        {"kind": "increase", "start": 0, "target": 10, "unit": "score", "scale": (0, 10**400)},
    ],
)
def test_an_int_past_a_floats_range_is_a_validation_error(fields: dict[str, object]) -> None:
    """10**400 is refused as not finite, never an OverflowError."""
    with pytest.raises(ValidationError, match=r"finite|two numbers"):
        Metric(**fields)  # type: ignore[arg-type]


def test_a_file_with_a_huge_integer_is_a_load_error() -> None:
    """The loader passes an int too large for a float on, and the model refuses it."""
    text = (
        '{"schema_version": 1, "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01",'
        ' "end": "2026-03-31"}], "owners": [{"id": "o", "name": "O"}], "objectives": [{"id":'
        ' "ob", "title": "T", "owner": "o", "cycle": "q", "level": "team", "key_results": [{"id":'
        ' "k", "title": "K", "metric": {"kind": "increase", "start": 0, "target": 1'
        + "9" * 400
        + "}}]}]}"
    )
    with pytest.raises(okrkit.LoadError, match="finite"):
        okrkit.loads(text, "json")


_HALF = "\ud800"
_SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


class TestLoneSurrogates:
    """Text built in Python is refused when it holds half of a UTF-16 pair.

    No file format can hold one: without this check, YAML raised UnicodeEncodeError
    on dump, and JSON and TOML wrote files that load then refused.
    """

    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (lambda: Owner(id="a", name=f"An {_HALF}"), "name"),
            (
                lambda: Cycle(id="c", name=f"Q{_HALF}", start="2026-01-01", end="2026-03-31"),
                "name",
            ),
            (lambda: kr("kr-1", title=f"Grow {_HALF}"), "title"),
            (lambda: kr("kr-1", description=f"why {_HALF}"), "description"),
            (lambda: objective("o-1", title=f"Win {_HALF}"), "title"),
            (lambda: objective("o-1", description=f"{_HALF}"), "description"),
            (lambda: objective("o-1", tags=["ok", f"t{_HALF}"]), "tags[1]"),
            (
                lambda: okrkit.CheckIn(key_result="kr-1", on="2026-01-09", value=1, note=_HALF),
                "note",
            ),
            (
                lambda: okrkit.Initiative(
                    id="i-1", title="Ship", owner="a", drives=["kr-1"], description=_HALF
                ),
                "description",
            ),
            (lambda: okrkit.Dependency(dependent="a", on="b", note=_HALF), "note"),
            (lambda: okrkit.FinalGrade(value=0.5, reason=f"late {_HALF}"), "reason"),
        ],
    )
    def test_refused_where_built(self, build: Any, field: str) -> None:
        """Every text field refuses it with a message naming the field and the fix."""
        with pytest.raises(ValidationError) as caught:
            build()
        problem = caught.value.problems[0]
        assert problem.path == field
        assert "lone surrogate" in problem.message
        assert "remove it" in problem.message

    def test_refused_in_a_columnar_log(self) -> None:
        """A note given by column is refused with its row, before any log exists."""
        with pytest.raises(ValidationError) as caught:
            okrkit.checkins.CheckInLog.from_columns(
                ["kr-1", "kr-1"], ["2026-01-09", "2026-01-16"], [1.0, 2.0], notes=["ok", _HALF]
            )
        assert "lone surrogate" in str(caught.value)
        assert "1" in str(caught.value.problems[0].path)

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_no_set_reaches_a_writer_with_one(self, fmt: str) -> None:
        """Changing a valid set to hold one fails at the change, so every dump works."""
        good = objective("o-1", kr("kr-1"), owner="team", cycle=Q1.id)
        okrs = OKRSet(cycles=[Q1], owners=[TEAM], objectives=[good])
        with pytest.raises(ValidationError):
            attrs.evolve(good, title=f"Win {_HALF}")
        text = okrkit.io.dumps(okrs, fmt)
        assert okrkit.io.loads(text, fmt) == okrs

    @given(st.text(max_size=6), _SURROGATES, st.text(max_size=6))
    def test_any_position_is_found(self, before: str, half: str, after: str) -> None:
        """A surrogate anywhere in the text is found, whatever surrounds it."""
        with pytest.raises(ValidationError):
            Owner(id="a", name=f"x{before}{half}{after}")

    @given(st.text(min_size=1).filter(str.strip))
    def test_text_without_one_is_taken(self, name: str) -> None:
        """Hypothesis' text holds no surrogate by default: all of it is accepted."""
        assert Owner(id="a", name=name).name == name
