"""What one lint run shares between its rules, and the quick paths of the text rules.

The quick paths (folding a title character by character, the upper bounds that spare
most pairs of titles a full difflib match, counting words only up to the minimum) must
give what the plain ways give: each is checked here against the plain way.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import Cycle, OKRSet, Owner
from okrkit.lint import Finding, LintContext, Severity, lint
from okrkit.lint.rules import Rule
from okrkit.lint.rules._text import clauses, fold
from okrkit.lint.rules._wording import _is_task


def one(*krs: Any, title: str = "Objective o1") -> OKRSet:
    """A set of one team objective, titled ``title``, holding ``krs``."""
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="team", name="Team", kind="team")],
        objectives=[objective("o1", *krs, title=title)],
    )


class _Sharing(Rule):
    """A rule that asks the run for ``test.titles`` and reports how often it was made."""

    severity = Severity.INFO
    description = "test"

    def __init__(self, code: str, made: list[int]) -> None:
        self.code = code
        self.name = code.lower()
        self.made = made

    def check(self, context: LintContext) -> Iterator[Finding]:
        def build() -> list[str]:
            self.made.append(1)
            return [kr.title for kr in context.okrs.key_results]

        titles = context.shared("test.titles", build)
        yield Finding(entity_id=None, message=f"{len(titles)} titles, made {len(self.made)}")


class TestShared:
    def test_made_once_per_run_for_every_rule(self):
        """Two rules of one run share one value; the next run makes its own."""
        made: list[int] = []
        rules = [_Sharing("TEST001", made), _Sharing("TEST002", made)]
        okrs = one(kr("k1"), kr("k2"))
        first = lint(okrs, rules=rules)
        assert [d.message for d in first] == ["2 titles, made 1", "2 titles, made 1"]
        lint(okrs, rules=rules)
        assert len(made) == 2

    def test_context_and_its_rule_contexts_share(self):
        """``for_rule`` gives a context over the same store, with the rule's options."""
        context = LintContext(one(kr("k1")), as_of=None)
        made = context.shared("test.list", list)
        made.append("x")
        other = context.for_rule({"threshold": 1})
        assert other.shared("test.list", list) == ["x"]
        assert other.option("threshold", 0) == 1
        assert LintContext(one(kr("k1")), as_of=None).shared("test.list", list) == []

    def test_scorecard_is_shared(self):
        """Every rule of a run reads one scorecard."""
        context = LintContext(one(kr("k1")), as_of=Cycle.quarter(2026, 1).start)
        assert context.scorecard() is context.for_rule({}).scorecard()

    def test_confidences_read_at_once_match_each_score(self, examples_dir: Path):
        """The confidences rules read in one go are each score's own, in id order."""
        card = okrkit.load(examples_dir / "acme.en.yaml").score(as_of="2026-03-15")
        assert card.confidences() == tuple(card[ident].confidence for ident in card.ids())
        assert any(level is not None for level in card.confidences())


def _plain_fold(text: str) -> str:
    """The fold of okrkit 0.1: NFD of the whole text, marks (Mn) dropped."""
    lowered = text.lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    bare = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(bare.split())


_MARKS = "".join(chr(point) for point in range(0x300, 0x370)) + "\u0f39\u0f71\u0f72"
_MUSIC = "\U0001d165\U0001d166\U0001d16d\U0001d16e"  # marks NFD reorders that are not Mn


class TestFold:
    @settings(max_examples=5 * settings.default.max_examples)
    @given(st.text())
    def test_same_as_whole_text_fold(self, text: str):
        """Folding character by character gives what folding the whole text gives."""
        assert fold(text) == _plain_fold(text)

    @given(st.text(alphabet="aeoAĐđăâêôơư ẮẦỂ\u1e9e\u0130K" + _MARKS, max_size=20))
    def test_same_with_marks(self, text: str):
        """Combining marks in any order fold away as when the text is folded whole."""
        assert fold(text) == _plain_fold(text)

    @given(st.text(alphabet="aă \u0301\u0f39" + _MUSIC, max_size=8))
    def test_same_with_marks_nfd_reorders_and_keeps(self, text: str):
        """Marks that NFD reorders but that are not dropped keep the order NFD gives."""
        assert fold(text) == _plain_fold(text)

    def test_kept_marks_are_reordered(self):
        """A stem mark (216) after an ornament mark (226) comes first, as NFD puts it."""
        assert fold("a\U0001d16d\U0001d165") == "a\U0001d165\U0001d16d"


def _plain_duplicates(okrs: OKRSet, threshold: float) -> list[tuple[str, str, float]]:
    """OKR206 the plain way: every pair through difflib, the first match per key result."""
    found = []
    for obj in okrs.objectives:
        seen: list[tuple[str, str]] = []
        for result in obj.key_results:
            title = _plain_fold(result.title)
            for other, other_title in seen:
                matcher = difflib.SequenceMatcher(None, title, other_title, autojunk=False)
                if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                    ratio = matcher.ratio()
                    if ratio >= threshold:
                        found.append((result.id, other, ratio))
                        break
            seen.append((result.id, title))
    return found


_WORDS = ["tăng", "doanh", "thu", "khách", "hàng", "raise", "revenue", "20%", "mới", "new"]


def _titles() -> st.SearchStrategy[list[str]]:
    """Two to six titles, many of them near each other (words of one small list)."""
    words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join)
    loose = st.text(alphabet="abcăđ 1,", min_size=1, max_size=12).filter(str.strip)
    return st.lists(st.one_of(words, loose, words.map(str.upper)), min_size=2, max_size=6)


class TestDuplicateBounds:
    @settings(max_examples=3 * settings.default.max_examples)
    @given(_titles(), st.sampled_from([0.0, 0.5, 0.7, 0.8, 0.9, 1.0]))
    def test_same_findings_as_every_pair_through_difflib(
        self, titles: list[str], threshold: float
    ):
        """The bounds spare difflib only pairs it would not flag: findings are the same."""
        okrs = one(*(kr(f"k{n}", title=title) for n, title in enumerate(titles)))
        config = {"options": {"OKR206": {"threshold": threshold}}}
        found = lint(okrs, rules=["OKR206"], config=config)
        expected = _plain_duplicates(okrs, threshold)
        assert [d.entity_id for d in found] == [ident for ident, _other, _ratio in expected]
        for diagnostic, (_ident, other, _ratio) in zip(found, expected, strict=True):
            assert repr(other) in diagnostic.message


class TestShortTitles:
    @given(
        st.lists(
            st.text(alphabet="ab ,-ăđ1\u0301", min_size=1, max_size=14).filter(str.strip),
            min_size=1,
            max_size=5,
        ),
        st.integers(min_value=0, max_value=6),  # a negative count is refused
    )
    def test_same_as_counting_every_word(self, titles: list[str], least: int):
        """OKR501 flags exactly the titles with fewer than ``min_words`` folded words."""
        okrs = one(*(kr(f"k{n}", title=title) for n, title in enumerate(titles)))
        found = lint(okrs, rules=["OKR501"], config={"options": {"OKR501": {"min_words": least}}})
        short = [r.id for r in okrs.key_results if _count_words(r.title) < least]
        assert [d.entity_id for d in found] == short


def _count_words(text: str) -> int:
    """The words of ``text`` the plain way: every one found, folded."""
    return len(re.findall(r"\w+", _plain_fold(text)))


_JOINED = ["tuyển người", "mở văn phòng", "hire staff", "open", "khách hàng hài lòng"]


class TestTaskLists:
    @example(title="tuyển người, mở văn phòng và hire staff", limit=2)
    @example(title="open & sign & build cũng như fix", limit=3)
    @given(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(_JOINED), st.text(alphabet="ab ,;&\n-1.", max_size=6)),
                st.sampled_from([", ", "; ", " và ", " and ", " & ", " cũng như ", "\n- ", " "]),
            ),
            min_size=1,
            max_size=6,
        ).map(lambda pairs: "".join(part + joiner for part, joiner in pairs)),
        st.integers(min_value=0, max_value=3),
    )
    def test_same_as_splitting_every_title(self, title: str, limit: int):
        """OKR104 flags what splitting each title into its tasks flags, no more, no less."""
        title = f"hire {title}"
        okrs = one(kr("k1"), kr("k2"), title=title)
        found = lint(okrs, rules=["OKR104"], config={"options": {"OKR104": {"max_parts": limit}}})
        parts = [part for part in clauses(title) if _is_task(part)]
        listed = "\n" in title.strip() or bool(re.match(r"^\s*\d+[.)]\s", title))
        assert bool(found) == (len(parts) > limit or listed)
