"""A third-party lint rule, as a package would ship it: every objective needs a tag.

The folder beside this package, ``okrkit_lint_demo-0.1.0.dist-info``, is what pip
leaves after installing a project whose ``pyproject.toml`` says::

    [project.entry-points."okrkit.lint_rules"]
    demo = "okrkit_lint_demo:DemoRule"

With this folder on ``sys.path``, :mod:`importlib.metadata` finds that entry point, and
``okrkit check`` runs the rule with okrkit's own.
"""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.lint import Finding, LintContext, Severity


class DemoRule:
    """DEMO001: an objective without a tag (made by the registry with no arguments)."""

    code = "DEMO001"
    name = "demo-tagged"
    severity = Severity.ERROR
    needs_as_of = False

    def summary(self) -> str:
        """What the rule checks."""
        return "Every objective has a tag."

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each objective without a tag."""
        for objective in context.okrs.objectives:
            if not objective.tags:
                yield Finding(
                    entity_id=objective.id,
                    message="the objective has no tag",
                    hint="add a tag",
                )
