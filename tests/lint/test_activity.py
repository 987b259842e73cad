"""OKR201 kr-activity: a key result that reads as work done rather than a change."""

from __future__ import annotations

import csv
import logging
import subprocess
import sys
import unicodedata
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builders import kr, objective
from okrkit import Cycle, Metric, MetricKind, OKRSet, Owner
from okrkit.i18n import use_locale
from okrkit.lint import Severity, lint
from okrkit.lint.rules import ActivityReading, _activity_text, read_activity, reads_as_activity
from okrkit.lint.rules._activity_text import Token, find_phrases, split_title

CORPUS = Path(__file__).resolve().parent.parent / "lint_corpus"
LOG = logging.getLogger(__name__)

# The bars the rule must clear on the activity class: the corpus it was written with,
# and the held-out one written after the word lists were frozen.
SEEN_BAR = 0.85
UNSEEN_BAR = 0.75


def one_kr_set(title: str, *, kind: str = "increase", locale: str | None = None) -> OKRSet:
    """A set of one objective whose first key result is titled ``title``."""
    metric = (
        Metric(kind=MetricKind.MILESTONE)
        if kind == "milestone"
        else Metric(kind=MetricKind(kind), start=0, target=10)
    )
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="team", name="Đội A", kind="team")],
        objectives=[objective("o1", kr("k1", title=title, metric=metric), kr("k2"))],
        locale=locale,
    )


def strip_accents(text: str) -> str:
    """``text`` as typed on a keyboard without Vietnamese accents."""
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in bare if not unicodedata.combining(c))


def corpus(name: str) -> list[dict[str, str]]:
    """The rows of ``tests/lint_corpus/<name>``: language, label, kind, title."""
    with (CORPUS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def scores(rows: list[dict[str, str]]) -> tuple[float, float]:
    """Precision and recall of :func:`reads_as_activity` on the activity class."""
    found = [
        (reads_as_activity(r["title"], r["language"]), r["label"] == "activity") for r in rows
    ]
    true_positive = sum(1 for said, truth in found if said and truth)
    flagged = sum(1 for said, _truth in found if said)
    actual = sum(1 for _said, truth in found if truth)
    return true_positive / flagged, true_positive / actual


ACTIVITIES = [
    ("en", "Hold 10 customer workshops"),
    ("en", "Write 12 blog posts about the product"),
    ("en", "The sales team completes 12 training sessions"),
    ("en", "Launch the new pricing page"),
    ("vi", "Tổ chức 10 buổi hội thảo cho khách hàng"),
    ("vi", "Hoàn thành {n} buổi đào tạo"),
    ("vi", "Thu thập {n} phản hồi"),
    ("vi", "to chuc 5 buoi hoi thao noi bo"),
    ("vi", "Tổ chức 5 hội thảo để tăng nhận diện thương hiệu"),
]
OUTCOMES = [
    ("en", "Raise NPS from 8.0 to 9.5"),
    ("en", "Launch the referral programme so that referrals rise from 5% to 12%"),
    ("en", "At least 80% of new hires rate onboarding 4 or higher"),
    ("en", "Putting a release into production takes 2 minutes instead of 20"),
    ("vi", "Tăng tỷ lệ chuyển đổi từ {now} lên {target}"),
    ("vi", "Tỷ lệ dự án hoàn thành đúng hạn đạt 90%"),
    ("vi", "Giám đốc bán hàng ký 20 hợp đồng mới"),
    ("vi", "Giảm số lỗi trên mỗi tính năng từ 1,4 xuống 0,8"),
]


class TestReading:
    @pytest.mark.parametrize(("language", "title"), ACTIVITIES)
    def test_activities(self, language: str, title: str):
        """Work done, with or without a number, reads as an activity in both languages."""
        assert reads_as_activity(title, language)
        assert reads_as_activity(title)

    @pytest.mark.parametrize(("language", "title"), OUTCOMES)
    def test_outcomes(self, language: str, title: str):
        """A measured change reads as an outcome, even when an activity verb leads it."""
        assert not reads_as_activity(title, language)
        assert not reads_as_activity(title)

    def test_reading_names_the_words(self):
        """The reading keeps the words behind its verdict, as the title writes them."""
        reading = read_activity("Tổ chức 10 buổi hội thảo")
        assert isinstance(reading, ActivityReading)
        assert reading.activity_words == ("Tổ chức", "buổi")
        assert (reading.activity, reading.outcome) == (3, 0)
        outcome = read_activity("Raise NPS from 8.0 to 9.5")
        assert outcome.outcome_words == ("Raise", "from 8.0 to 9.5", "NPS")

    def test_language_limits_the_verbs(self):
        """A language reads only its own verbs; a locale such as vi_VN counts as vi."""
        assert reads_as_activity("Host 2 webinars for partners", "en")
        assert not reads_as_activity("Host 2 webinars for partners", "vi")
        assert reads_as_activity("Tổ chức 2 hội thảo", "vi_VN")
        assert reads_as_activity("Tổ chức 2 hội thảo", "fr")  # unknown: both lists

    def test_word_boundaries(self):
        """A verb inside a longer word, or a lookalike once accents go, is not a verb."""
        assert not reads_as_activity("Rerun rates stay below 2%")
        assert not read_activity("Nâng cao năng lực tiềm năng").activity_words
        assert not read_activity("Mỗi vị trí tuyển dụng có ít nhất 5 ứng viên").is_activity


class TestCorpus:
    def test_seen_corpus(self, caplog: pytest.LogCaptureFixture):
        """Precision and recall on the activity class of the corpus are both >= 0.85."""
        rows = corpus("corpus.csv")
        assert len(rows) >= 150
        assert {r["label"] for r in rows} == {"activity", "outcome"}
        precision, recall = scores(rows)
        line = f"OKR201 corpus ({len(rows)}): precision {precision:.3f}, recall {recall:.3f}"
        LOG.warning(line)
        print(line)  # the lead pastes this line (pytest -s)
        assert precision >= SEEN_BAR
        assert recall >= SEEN_BAR

    def test_unseen_corpus(self):
        """On the held-out corpus, written after the word lists froze, both are >= 0.75."""
        rows = corpus("unseen.csv")
        assert len(rows) >= 50
        precision, recall = scores(rows)
        line = f"OKR201 unseen ({len(rows)}): precision {precision:.3f}, recall {recall:.3f}"
        print(line)  # the lead pastes this line (pytest -s)
        assert precision >= UNSEEN_BAR
        assert recall >= UNSEEN_BAR

    @pytest.mark.parametrize("name", ["corpus.csv", "unseen.csv"])
    def test_corpus_is_balanced(self, name: str):
        """Each corpus holds both languages and both labels, each a fair share of it."""
        rows = corpus(name)
        for column, values in (("language", {"vi", "en"}), ("label", {"activity", "outcome"})):
            assert {r[column] for r in rows} == values
            for value in values:
                assert sum(r[column] == value for r in rows) >= len(rows) // 3


class TestRule:
    def test_flags_an_activity(self, locale: str):
        """The rule warns on the key result, naming the verb in a localised message."""
        with use_locale(locale):
            (found,) = lint(one_kr_set("Tổ chức 10 buổi hội thảo"), rules=["OKR201"])
        assert (found.code, found.severity, found.entity_id) == ("OKR201", Severity.WARNING, "k1")
        assert found.rule == "kr-activity"
        assert "'Tổ chức'" in found.message
        assert found.hint
        assert found.location.path == "objectives[0].key_results[0]"
        with use_locale("en"):
            english = lint(one_kr_set("Tổ chức 10 buổi hội thảo"), rules=["OKR201"])[0]
        assert (found.hint == english.hint) is (locale == "en")

    def test_outcome_passes(self):
        """A key result that states a change draws nothing."""
        okrs = one_kr_set("Raise the trial-to-paid conversion rate from 12% to 18%")
        assert lint(okrs, rules=["OKR201"]) == []

    def test_milestones_are_left_alone(self):
        """A milestone is a deliverable by design, unless the milestones option asks."""
        okrs = one_kr_set("Launch the mobile app by June 30", kind="milestone")
        assert lint(okrs, rules=["OKR201"]) == []
        config = {"options": {"kr-activity": {"milestones": True}}}
        assert [d.entity_id for d in lint(okrs, rules=["OKR201"], config=config)] == ["k1"]

    def test_set_locale_and_option_choose_language(self):
        """The set's locale chooses the verbs; the language option overrides it."""
        english = "Host 2 webinars for partners"
        assert lint(one_kr_set(english, locale="vi"), rules=["OKR201"]) == []
        config = {"options": {"OKR201": {"language": "en"}}}
        okrs = one_kr_set(english, locale="vi")
        assert len(lint(okrs, rules=["OKR201"], config=config)) == 1

    def test_opt_out(self):
        """A key result with lint: {ignore: [OKR201]}, or a config without the rule, is quiet."""
        okrs = one_kr_set("Hold 10 workshops")
        assert len(lint(okrs, rules=["OKR201"])) == 1
        assert lint(okrs, rules=["OKR201"], config={"disable": ["kr-activity"]}) == []
        loud = okrs.objectives[0].key_results[0]
        quiet = OKRSet(
            cycles=okrs.cycles,
            owners=okrs.owners,
            objectives=[objective("o1", attrs.evolve(loud, lint_ignore=("OKR201",)), kr("k2"))],
        )
        assert lint(quiet, rules=["OKR201"]) == []


_WORDS = st.sampled_from(
    [w for _lang, title in ACTIVITIES + OUTCOMES for w in title.split()]
    + ["Tăng", "giảm", "đạt", "Hoàn Thành", "ĐÀO TẠO", "{n}", "42%", "from", "to", "lên"]
)
_TITLES = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)


class TestProperties:
    @settings(max_examples=2 * settings.default.max_examples)
    @given(title=_TITLES, language=st.sampled_from([None, "vi", "en"]))
    def test_case_and_accents_do_not_matter(self, title: str, language: str | None):
        """The verdict is the same in upper case, lower case and without diacritics."""
        verdict = reads_as_activity(title, language)
        assert reads_as_activity(title.upper(), language) is verdict
        assert reads_as_activity(title.lower(), language) is verdict
        assert reads_as_activity(strip_accents(title), language) is verdict

    @settings(max_examples=settings.default.max_examples)
    @given(
        verb=st.sampled_from(["Tăng", "Giảm", "Raise", "Cut", "Nâng", "Reduce", "Grow"]),
        measure=st.sampled_from(["tỷ lệ giữ chân", "NPS", "churn", "doanh thu", "the win rate"]),
        start=st.integers(0, 10_000),
        target=st.integers(0, 10_000),
        link=st.sampled_from([("from", "to"), ("từ", "lên"), ("từ", "xuống")]),
    )
    def test_a_measured_change_is_never_flagged(
        self, verb: str, measure: str, start: int, target: int, link: tuple[str, str]
    ):
        """A title that is only an outcome pattern (verb, measure, from X to Y) is not flagged."""
        title = f"{verb} {measure} {link[0]} {start} {link[1]} {target}"
        assert not reads_as_activity(title)
        assert not reads_as_activity(f"Hold 3 workshops so that {title.lower()}")


# Titles that stress the quick fold: listed phrases, numbers that merge ("3,5", "8.0"),
# percent signs stuck to words, placeholders, accents typed apart (NFD), and letters it
# cannot fold in place (Greek, "ß", "İ", a ligature).
_LISTED = sorted(_activity_text._lexicon())
_PIECES = st.one_of(
    st.sampled_from(_LISTED),
    st.sampled_from([w for _lang, title in ACTIVITIES + OUTCOMES for w in title.split()]),
    st.sampled_from(["3,5", "8.0", "20%", "%", "{n}", "{số buổi}", "Q1", "1.000.000", "x2"]),
    st.sampled_from(["Đ", "đ", "ồ", "e\u0301", "İ", "ß", "ΑΣ", "ﬁ", "ø", "²", "٣", "–", "…"]),
    st.sampled_from(["s", "es", "from", "to", "từ", "lên", "instead of", "thay vì"]),
    st.text(alphabet="abcdđestuơư0123456789%{}_-,. ", max_size=4),
)
_SEPARATORS = st.sampled_from([" ", " ", " ", "  ", ", ", "-", "", "%", "/", "\n", "“"])
_ODD_TITLES = st.lists(st.tuples(_PIECES, _SEPARATORS), max_size=12).map(
    lambda pairs: "".join(piece + separator for piece, separator in pairs)
)
_LANGUAGES = st.sampled_from([None, "vi", "en"])


def plain_phrases(tokens: list[Token], language: str | None) -> list[tuple[str, int, int]]:
    """The listed phrases of ``tokens`` found word by word: longest first, left to right."""
    table = _activity_text._lexicon()
    longest = max(len(phrase.split()) for phrase in table)
    words = [token.word for token in tokens]
    found: list[tuple[str, int, int]] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            entry = table.get(" ".join(words[i : i + n]))
            if entry is not None and (entry[1] is None or language in (None, entry[1])):
                found.append((entry[0].value, i, i + n - 1))
                i += n
                break
        else:
            i += 1
    return found


class TestQuickPaths:
    """The quick ways of reading a title give what the plain ways give."""

    @settings(max_examples=4 * settings.default.max_examples)
    @given(title=_ODD_TITLES, language=_LANGUAGES)
    @example(title="Tăng 20%s khách", language=None)
    @example(title="Hold 3 workshops 20%es", language="en")
    @example(title="Tự động hóa 5 quy trình lên 8", language="vi")
    @example(title="Mở {n}lớp từ {a} lên {b}%", language="vi")
    @example(title="Giảm lỗi từ 1,4 xuống 0,8 %, thay vì 2", language=None)
    def test_folding_in_place_reads_as_cutting_word_by_word(
        self, title: str, language: str | None
    ):
        """A title folded in place is read exactly as when it is cut by split_title."""
        quick = read_activity(title, language)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_activity_text, "quick_fold", lambda _title: None)
            plain = read_activity(title, language)
        assert quick == plain

    @settings(max_examples=4 * settings.default.max_examples)
    @given(title=_ODD_TITLES, language=_LANGUAGES)
    @example(title="Tăng 20%s khách", language=None)
    @example(title="Hold 3 workshops 20%es", language="en")
    @example(title="Tự động hóa 5 quy trình lên 8", language="vi")
    @example(title="Mở {n}lớp từ {a} lên {b}%", language="vi")
    @example(title="Giảm lỗi từ 1,4 xuống 0,8 %, thay vì 2", language=None)
    def test_phrases_are_found_as_a_plain_scan_finds_them(self, title: str, language: str | None):
        """One pattern finds the same phrases as trying each word, longest phrase first."""
        tokens = split_title(title)
        found = [(h.kind.value, h.first, h.last) for h in find_phrases(title, tokens, language)]
        assert found == plain_phrases(tokens, language)

    @settings(max_examples=4 * settings.default.max_examples)
    @given(title=_ODD_TITLES, language=_LANGUAGES)
    @example(title="Tăng 20%s khách", language=None)
    @example(title="Hold 3 workshops 20%es", language="en")
    @example(title="Tự động hóa 5 quy trình lên 8", language="vi")
    @example(title="Mở {n}lớp từ {a} lên {b}%", language="vi")
    @example(title="Giảm lỗi từ 1,4 xuống 0,8 %, thay vì 2", language=None)
    def test_the_verdict_is_the_readings(self, title: str, language: str | None):
        """reads_as_activity, which stops early, says what the full reading says."""
        assert reads_as_activity(title, language) is read_activity(title, language).is_activity

    def test_reading_many_distinct_titles_is_quick(self):
        """20,000 distinct titles are read in well under half a second (in a child process).

        The reading took about 27 µs a title before its quick paths; now about 8.
        """
        code = f"""
import csv, time
from okrkit.lint.rules import read_activity
with open({str(CORPUS / "corpus.csv")!r}, encoding="utf-8") as handle:
    rows = list(csv.DictReader(handle))
titles = [f"{{rows[i % len(rows)]['title']}} {{i}}" for i in range(20_000)]
best = 9.0
for _ in range(3):
    start = time.perf_counter()
    for title in titles:
        read_activity(title, "vi")
    best = min(best, time.perf_counter() - start)
print(best)
"""
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
        )
        seconds = float(done.stdout)
        LOG.warning("OKR201: 20,000 distinct titles read in %.3f s", seconds)
        assert seconds < 0.5
