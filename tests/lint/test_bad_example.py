"""The deliberately bad example: every built-in rule fires, each naming file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import okrkit
from okrkit.i18n import use_locale
from okrkit.lint import BUILT_IN, SOURCE_KEY, Severity, SourceLocator, lint

BAD = Path(__file__).parent / "data" / "bad.yaml"
DAY = dt.date(2026, 3, 15)


def test_every_built_in_rule_fires(locale: str):
    """Linted on 2026-03-15, bad.yaml draws every built-in code, in either language."""
    okrs = okrkit.load(BAD)
    with use_locale(locale):
        found = lint(okrs, as_of=DAY)
    assert {rule.code for rule in BUILT_IN} <= {d.code for d in found}
    assert all(d.message and d.hint for d in found)


def test_each_diagnostic_names_file_and_line():
    """Every diagnostic points at bad.yaml and a line of it."""
    okrs = okrkit.load(BAD)
    assert isinstance(okrs.derived(SOURCE_KEY, lambda: None), SourceLocator)
    lines = BAD.read_text(encoding="utf-8").count("\n") + 1
    for diagnostic in lint(okrs, as_of=DAY):
        assert diagnostic.location.file is not None, diagnostic
        assert Path(diagnostic.location.file).name == "bad.yaml"
        assert diagnostic.location.line is not None, diagnostic
        assert 1 <= diagnostic.location.line <= lines


def test_example_draws_no_error():
    """The shipped examples draw warnings and notes at most, on any date in the cycle."""
    for name in ("acme.yaml", "acme.en.yaml"):
        okrs = okrkit.load(Path("examples") / name)
        for day in (None, dt.date(2026, 2, 1), DAY):
            found = lint(okrs, as_of=day)
            assert [d for d in found if d.severity is Severity.ERROR] == [], name
