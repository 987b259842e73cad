"""The registry of lint rules: okrkit's by code, yours, and installed packages'."""

from __future__ import annotations

from okrkit._registry import Registry
from okrkit.i18n import N_
from okrkit.lint._rule import ENTRY_POINT_GROUP, LintRule
from okrkit.lint.rules import BUILT_IN

__all__ = ["RULES", "available", "get", "register"]

RULES: Registry[LintRule] = Registry(
    kind=N_("lint rule"),
    protocol=LintRule,
    requirement=N_("it needs code, name, severity, needs_as_of, summary() and check()"),
    built_in={rule.code: rule for rule in BUILT_IN},
    group=ENTRY_POINT_GROUP,
)
"""The lint rules by code: okrkit's first, then those registered, then entry points."""


def register(rule: LintRule) -> None:
    """Make ``rule`` one of the rules :func:`~okrkit.lint.lint` runs, under its code.

    Raises:
        RegistryError: when ``rule`` does not follow :class:`~okrkit.lint.LintRule`
            (pass an instance, not a class), or its code is a built-in rule's.
    """
    RULES.register(rule.code, rule)


def available() -> list[str]:
    """The code of every rule: okrkit's first, then yours, then installed packages'."""
    return RULES.available()


def get(code: str | LintRule) -> LintRule:
    """The rule of ``code`` (or a ``"package.module:attribute"`` path, or a rule as is).

    Raises:
        UnknownStrategyError: listing the known codes, and the closest of them.
        RegistryError: when an entry point gives something that is not a rule.
    """
    return RULES.get(code)
