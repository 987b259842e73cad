"""The OKR quality linter: the sources' writing rules, checked by machine.

:func:`lint` runs every rule over a set and returns diagnostics (:class:`Diagnostic`): a stable
code, a severity, the entity, a message and a hint in the active locale, and where it
is (the file and line when the set was read from one). Rules follow the
:class:`LintRule` protocol; okrkit's own are in :mod:`okrkit.lint.rules`, yours are
registered with :func:`register` or declared in the ``okrkit.lint_rules`` entry-point
group. :class:`LintConfig` says which run, at what severity, with what options.

Examples:
    >>> import okrkit
    >>> from okrkit.lint import lint
    >>> [d.code for d in lint(okrkit.load("examples/acme.yaml"), rules=["OKR102"])]
    []
"""

from __future__ import annotations

from okrkit.lint._config import LintConfig, Option
from okrkit.lint._diagnostic import Diagnostic, Finding, Location, Severity
from okrkit.lint._quality import Criterion, ObjectiveQuality, quality
from okrkit.lint._registry import available, get, register
from okrkit.lint._rule import ENTRY_POINT_GROUP, SOURCE_KEY, LintContext, LintRule, SourceLocator
from okrkit.lint._run import entity_paths, lint
from okrkit.lint.rules import BUILT_IN, Rule

__all__ = [
    "BUILT_IN",
    "ENTRY_POINT_GROUP",
    "SOURCE_KEY",
    "Criterion",
    "Diagnostic",
    "Finding",
    "LintConfig",
    "LintContext",
    "LintRule",
    "Location",
    "ObjectiveQuality",
    "Option",
    "Rule",
    "Severity",
    "SourceLocator",
    "available",
    "entity_paths",
    "get",
    "lint",
    "quality",
    "register",
]
