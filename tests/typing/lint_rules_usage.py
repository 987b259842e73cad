"""Typed usage of the lint rules and the quality score, as a user writes it."""

from __future__ import annotations

import datetime as dt

import okrkit
from okrkit.lint import BUILT_IN, Criterion, Diagnostic, ObjectiveQuality, Rule, lint, quality

okrs = okrkit.load("examples/acme.yaml")
found: list[Diagnostic] = lint(okrs, rules=["OKR103", "OKR401"], as_of=dt.date(2026, 3, 15))
codes: list[str] = [rule.code for rule in BUILT_IN]
first: Rule = BUILT_IN[0]
scores: list[ObjectiveQuality] = quality(okrs)
best: int = max(result.score for result in scores)
reasons: list[str] = [c.reason for c in scores[0].criteria]
criterion: Criterion = scores[0].criteria[0]
