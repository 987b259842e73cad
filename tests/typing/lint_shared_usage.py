"""Typed usage of what one lint run shares between rules: ``LintContext.shared``."""

from __future__ import annotations

from collections.abc import Iterator

import okrkit
from okrkit.lint import Diagnostic, Finding, LintContext, Severity, lint
from okrkit.scoring import Scorecard


class LongTitles:
    """A rule of one's own that reads a per-run table other rules may share."""

    code = "ACME001"
    name = "long-title"
    severity = Severity.INFO
    needs_as_of = False

    def summary(self) -> str:
        """What the rule checks."""
        return "A key result's title fits on one line."

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each key result whose title is longer than ``max`` characters."""
        lengths: dict[str, int] = context.shared(
            "acme.lengths", lambda: {kr.id: len(kr.title) for kr in context.okrs.key_results}
        )
        limit = int(context.option("max", 80))
        for ident, length in lengths.items():
            if length > limit:
                yield Finding(entity_id=ident, message=f"{length} characters")


okrs = okrkit.load("examples/acme.yaml")
found: list[Diagnostic] = lint(okrs, rules=[LongTitles()])
context = LintContext(okrs, as_of=None)
cache: dict[str, str] = context.shared("acme.cache", dict)
card: Scorecard = LintContext(okrs, as_of=okrs.cycles[0].start).scorecard()
confidences: tuple[float | None, ...] = card.confidences()
