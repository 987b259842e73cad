"""The generated rule reference, docs/lint-rules.md, matches the rules."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from okrkit.lint import BUILT_IN

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "lint_docs.py"


def test_rule_reference_is_up_to_date():
    """Re-rendering the page gives what is committed (run scripts/lint_docs.py if not)."""
    spec = importlib.util.spec_from_file_location("lint_docs", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.render()
    assert all(f"## {rule.code}\n" in text for rule in BUILT_IN)
    assert module.PAGE.read_text(encoding="utf-8") == text, "run python scripts/lint_docs.py"
