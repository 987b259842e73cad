"""Typed usage of OKR201's reader: mypy --strict must accept it as a user writes it."""

from __future__ import annotations

from okrkit.lint.rules import ActivityReading, KeyResultActivity, read_activity, reads_as_activity

flagged: bool = reads_as_activity("Tổ chức 10 buổi hội thảo", "vi")
also: bool = reads_as_activity("Hold 10 workshops")
reading: ActivityReading = read_activity("Raise NPS from 8.0 to 9.5", language="en")
weights: tuple[int, int] = (reading.activity, reading.outcome)
words: tuple[str, ...] = reading.activity_words + reading.outcome_words
verdict: bool = reading.is_activity
rule = KeyResultActivity()
code: str = rule.code
