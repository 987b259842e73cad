"""Typed usage of a linted file: file and line of each diagnostic, and opting out of a rule.

Type-checked by ``mypy --strict tests/typing``, not run by pytest.
"""

from __future__ import annotations

import attrs

import okrkit
from okrkit import KeyResult, Objective
from okrkit.lint import SOURCE_KEY, Diagnostic, SourceLocator, lint

okrs = okrkit.load("examples/acme.en.yaml")
found: list[Diagnostic] = lint(okrs)
places: list[tuple[str | None, int | None]] = [(d.location.file, d.location.line) for d in found]

locator = okrs.derived(SOURCE_KEY, lambda: None)
if isinstance(locator, SourceLocator):
    file: str = locator.file
    lines: dict[str, int] = dict(locator.lines(["objectives[0]"]))

first: Objective = okrs.objectives[0]
quiet: Objective = attrs.evolve(first, lint_ignore=("OKR101",))
codes: tuple[str, ...] = quiet.lint_ignore
kr: KeyResult = attrs.evolve(first.key_results[0], lint_ignore=["OKR201"])
kr_codes: tuple[str, ...] = kr.lint_ignore
