"""OKR201 ``kr-activity``: a key result that counts work done instead of a change.

Source 002 puts it plainly: a key result is not the activity you complete but what
that activity changes. "Hold 10 workshops" reports effort; "Raise the share of staff
who pass the safety check from 60% to 90%" reports a result. This module reads a
title for signs of either and weighs them.

How a title is read:

1. It is cut into words; every word is folded (lower case, diacritics removed, ``đ``
   as ``d``), so "Tổ chức" and "to chuc" read the same. Numbers and template
   placeholders (``{sessions}``) become one number token; ``%`` is a word of its own.
2. Words are matched against the lists of :mod:`okrkit.lint.rules._activity_words`,
   longest phrase first, left to right: activity verbs (launch, hold, "tổ chức",
   "hoàn thành"...), outcome verbs (increase, reduce, "tăng", "giảm", "đạt"...),
   measures (rate, share, NPS, revenue, "tỷ lệ", "điểm", "doanh thu"...), thresholds
   (at least, "ít nhất"...), deliverables (workshop, report, "buổi", "báo cáo"...),
   and neutral phrases that only look like one of those once accents are gone.
3. The *head verb* is the first verb of either kind among the first eight words (so
   that a short subject such as "Đội ngũ bán hàng" or "The sales team" may come
   first).

The signals and their weights (activity A, outcome O):

- the head verb is an activity verb: A +2;
- the head verb is an outcome verb: O +3;
- a measure or a threshold comes before the head verb ("NPS reaches 50", "At least
  80% of staff take part"): O +3;
- a change between two numbers ("from 27 to 35", "từ 27 lên 35", "2 minutes
  instead of 20"): O +3;
- an outcome verb after the head, followed by a number within six words ("... so
  that churn falls by 2 points"): O +2;
- a measure anywhere: O +1; a threshold anywhere: O +1;
- a deliverable anywhere (workshop, report, "buổi", "báo cáo"): A +1.

A title reads as an activity when its activity weight is at least 2 and greater
than its outcome weight: the head verb must be an activity verb, and no measured
change may outweigh it. So "Hold 10 workshops" is an activity (a number alone
changes nothing), "Launch the referral programme so that referrals rise from 5% to
12%" is an outcome, and "Tổ chức 5 hội thảo để tăng nhận diện thương hiệu" is an
activity (the purpose names no number). The reading favours precision: a title it
cannot place is not flagged.

How it stays quick (a linter reads tens of thousands of titles): the title is folded
in place at C speed (:mod:`._activity_fold`), one pattern finds all its listed phrases
(:mod:`._activity_text`), words are counted only where a weight needs it, and a change
between numbers is looked for only when a word such as "from" or "từ" is there
(:mod:`._activity_change`). The rule and :func:`reads_as_activity` stop as soon as the
verdict is known.

Milestones: a key result whose metric is a milestone is done or not done by design
(source 000's "launch by a date"), so the rule leaves it alone; the option
``milestones = true`` checks milestones too.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

import attrs

from okrkit.errors import shorten
from okrkit.i18n import N_, _
from okrkit.lint._config import Option
from okrkit.lint._diagnostic import Finding
from okrkit.lint._rule import LintContext
from okrkit.lint.rules._activity_change import (
    change_span,
    has_change,
    merge_numbers,
    number_follows,
    words_before,
)
from okrkit.lint.rules._activity_text import find_hits, fold_title
from okrkit.lint.rules._base import Rule

__all__ = ["ActivityReading", "KeyResultActivity", "read_activity", "reads_as_activity"]

_HEAD_WINDOW = 8
_LANGUAGES = ("en", "vi")


@attrs.frozen(kw_only=True)
class ActivityReading:
    """How a key result's title reads: the signals of an activity and of an outcome.

    Attributes:
        title: The title read.
        activity: The weight of the activity signals (see :mod:`the scoring table
            <okrkit.lint.rules._activity>`).
        outcome: The weight of the outcome signals.
        activity_words: The words that read as work done, as the title writes them,
            the head verb first.
        outcome_words: The words that read as a measured change.

    Examples:
        >>> reading = read_activity("Tổ chức 10 buổi hội thảo")
        >>> reading.is_activity, reading.activity_words
        (True, ('Tổ chức', 'buổi'))
    """

    title: str
    activity: int
    outcome: int
    activity_words: tuple[str, ...] = ()
    outcome_words: tuple[str, ...] = ()

    @property
    def is_activity(self) -> bool:
        """Whether the title reads as an activity: activity weight >= 2 and above the outcome's."""
        return self.activity >= 2 and self.activity > self.outcome


def read_activity(title: str, language: str | None = None) -> ActivityReading:
    """Read ``title`` for the signs of an activity and of an outcome.

    Args:
        title: A key result's title; ``{placeholders}`` count as numbers.
        language: ``"vi"`` or ``"en"`` to use only that language's verbs (measures
            and deliverables are shared, since Vietnamese titles borrow English
            words such as NPS or workshop); ``None`` uses both.

    Returns:
        The reading, with its weights and the words behind them.

    Examples:
        >>> read_activity("Raise NPS from 8.0 to 9.5").outcome_words
        ('Raise', 'from 8.0 to 9.5', 'NPS')
    """
    return _read(
        title, language if language is None or language in _LANGUAGES else _language(language)
    )


def _read(title: str, language: str | None) -> ActivityReading:
    folded, places = fold_title(title)
    cued, ends, shift = find_hits(folded, language)
    codes = cued.lower()
    # Phrase k is folded[ends[2k] : ends[2k + 1] - shift] and title[at[2k] : at[2k + 1] - cut]:
    # the same places, unless the title could not be folded in place.
    at, cut = ends, shift
    if places is not None:
        at, cut = [places.get(end - shift * (i % 2), 0) for i, end in enumerate(ends)], 0
    merged = ""  # the folded title with its numbers merged, made when first needed
    activity = outcome = 0
    doing: list[str] = []
    changing: list[str] = []
    activity_at = codes.find("a")
    head = _first(codes.find("o"), activity_at)
    if head >= 0 and ends[2 * head]:
        merged = merge_numbers(folded)
        if words_before(merged, ends[2 * head]) >= _HEAD_WINDOW:
            head = -1
    if head >= 0 and head == activity_at:
        activity = 2
        doing.append(title[at[2 * head] : at[2 * head + 1] - cut])
    elif head >= 0:
        outcome = 3
        changing.append(title[at[2 * head] : at[2 * head + 1] - cut])
    measure_at, threshold_at = codes.find("m"), codes.find("t")
    level = _first(measure_at, threshold_at)
    if level >= 0 and head < 0:
        merged = merged or merge_numbers(folded)
        outcome += 3 if words_before(merged, ends[2 * level]) < 3 else 0
    elif level >= 0:
        outcome += 3 if level < head else 0
    change = change_span(merged or merge_numbers(folded)) if cued != codes else None
    if change is not None:  # only a title with a cue of a change ("from", "từ") is searched
        outcome += 3
        start, end = change if places is None else (places.get(c, 0) for c in change)
        changing.append(title[start:end])
    later = codes.find("o", head + 1)
    while later >= 0:
        if number_follows(folded, ends[2 * later + 1] - shift):
            outcome += 2
            changing.append(title[at[2 * later] : at[2 * later + 1] - cut])
            break
        later = codes.find("o", later + 1)
    for found in (measure_at, threshold_at):
        if found >= 0:
            outcome += 1
            changing.append(title[at[2 * found] : at[2 * found + 1] - cut])
    deliverable = codes.find("d")
    if deliverable >= 0:
        activity += 1
        doing.append(title[at[2 * deliverable] : at[2 * deliverable + 1] - cut])
    return ActivityReading(
        title=title,
        activity=activity,
        outcome=outcome,
        activity_words=tuple(doing),
        outcome_words=tuple(dict.fromkeys(changing)) if len(changing) > 1 else tuple(changing),
    )


def _first(one: int, other: int) -> int:
    """The earlier of two places ``str.find`` gave, or -1 when it found neither."""
    return other if one < 0 else one if other < 0 else min(one, other)


def _activity_head(title: str, language: str | None) -> str | None:
    """The head verb of ``title`` if it reads as an activity, else ``None``.

    The verdict of :func:`read_activity` without the rest of the reading: it stops
    as soon as the outcome's weight reaches the activity's, and quotes no words but
    the head verb, which is the first word of an activity's reading.
    """
    folded, places = fold_title(title)
    cued, ends, shift = find_hits(folded, language)
    codes = cued.lower()
    head, outcome_at = codes.find("a"), codes.find("o")
    if head < 0 or 0 <= outcome_at < head:
        return None  # no head verb, or an outcome verb: at most 1 for the activity
    merged = ""
    if ends[2 * head]:
        merged = merge_numbers(folded)
        if words_before(merged, ends[2 * head]) >= _HEAD_WINDOW:
            return None
    activity = 3 if codes.find("d") >= 0 else 2
    measure_at, threshold_at = codes.find("m"), codes.find("t")
    outcome = (measure_at >= 0) + (threshold_at >= 0)
    if 0 <= measure_at < head or 0 <= threshold_at < head:
        return None  # a level before the head verb: 3 for the outcome
    later = codes.find("o", head + 1)
    while later >= 0 and outcome < activity:
        if number_follows(folded, ends[2 * later + 1] - shift):
            outcome += 2
            break
        later = codes.find("o", later + 1)
    if outcome >= activity or (cued != codes and has_change(merged or merge_numbers(folded))):
        return None  # a change between two numbers: 3 for the outcome
    if places is None:
        return title[ends[2 * head] : ends[2 * head + 1] - shift]
    return title[places.get(ends[2 * head], 0) : places.get(ends[2 * head + 1] - shift, 0)]


def _language(language: str | None) -> str | None:
    """``"vi"`` or ``"en"`` from a locale such as ``vi_VN``; ``None`` for any other."""
    if language is None:
        return None
    head = str(language).replace("-", "_").split("_")[0].lower()
    return head if head in _LANGUAGES else None


def reads_as_activity(title: str, language: str | None = None) -> bool:
    """Tell whether a key result's title reads as an activity rather than an outcome.

    Args:
        title: A key result's title; ``{placeholders}`` count as numbers.
        language: ``"vi"``, ``"en"`` (or a locale such as ``vi_VN``) to use only that
            language's verbs; ``None`` uses both.

    Examples:
        >>> reads_as_activity("Hold 10 customer workshops")
        True
        >>> reads_as_activity("Raise NPS from 8.0 to 9.5")
        False
        >>> reads_as_activity("to chuc 5 buoi hoi thao", "vi")
        True
    """
    if language is not None and language not in _LANGUAGES:
        language = _language(language)
    return _activity_head(title, language) is not None


class KeyResultActivity(Rule):
    """OKR201: a key result that reads as an activity, not an outcome.

    A key result is not the work done but what the work changes (source 002), so
    "Tổ chức 10 buổi hội thảo" or "Hold 10 workshops" reports effort, and a number in
    it does not make it a result. The title is read for activity verbs (launch, hold,
    "tổ chức", "hoàn thành"...) against outcome signals (increase, reduce, "tăng",
    "giảm", "đạt", a rate, a share, a score, "from 27 to 35", "từ 27 lên 35"), with or
    without accents; ``read_activity`` shows the words and weights (see Linting
    OKRs). On the 153 labelled key results of ``tests/lint_corpus`` the rule's
    precision is 1.00 and its recall 0.99; on 50 held-out ones, 1.00 and 0.92.

    A key result whose metric is a milestone is left alone: a deliverable by a date
    is what a milestone measures (source 000).

    Options: ``milestones`` (``false``): check milestones too; ``language`` (the set's
    ``locale``): ``vi`` or ``en`` to read with that language's verbs only.

    Example: "Hoàn thành 12 buổi đào tạo" is flagged; "Tăng tỷ lệ nhân viên đạt bài
    kiểm tra từ 60% lên 90%" and "Launch the referral programme so that referrals
    rise from 5% to 12%" are not.

    Fix: say what changes because of the work ("Raise the share of ... from X to
    Y") and move the work into an initiative; if the deliverable itself is the
    result, make the metric a milestone; or opt out with ``lint: {ignore: [OKR201]}``.
    """

    code = "OKR201"
    name = "kr-activity"
    options = MappingProxyType(
        {"milestones": Option(bool), "language": Option(str, choices=("vi", "en"))}
    )
    description = N_("A key result states an outcome, a change measured, not an activity.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result whose title reads as work done rather than a change."""
        milestones = bool(context.option("milestones", False))
        language = _language(context.option("language", None) or context.okrs.locale)
        message = _(
            "the key result reads as an activity: {words} counts work done, "
            "not a change in results"
        )
        hint = _(
            "say what changes because of it, e.g. 'Raise the share of ... from "
            "X to Y'; if the deliverable itself is the result, make the metric "
            "a milestone"
        )
        for objective in context.okrs.objectives:
            for kr in objective.key_results:
                if kr.metric.is_milestone and not milestones:
                    continue
                head = _activity_head(kr.title, language)
                if head is not None:
                    yield Finding(
                        entity_id=kr.id, message=message.format(words=shorten(head)), hint=hint
                    )
