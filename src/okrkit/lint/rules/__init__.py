"""okrkit's own lint rules, each in the module of its family.

=========  ==================  =========================================================
code       name                checks
=========  ==================  =========================================================
OKR101     kr-count            2-5 key results per objective
OKR102     objective-count     at most 4 objectives per owner and cycle
=========  ==================  =========================================================

Codes are stable: a code once given is never reused for another check.
"""

from __future__ import annotations

from okrkit.lint.rules._base import Rule
from okrkit.lint.rules._counts import KeyResultCount, ObjectiveCount

__all__ = ["BUILT_IN", "KeyResultCount", "ObjectiveCount", "Rule"]

BUILT_IN: tuple[Rule, ...] = (KeyResultCount(), ObjectiveCount())
"""Every built-in rule, in the order of their codes."""
