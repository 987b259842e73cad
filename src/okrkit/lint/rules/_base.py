"""The base of okrkit's own rules: the protocol's attributes as class constants."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from okrkit.i18n import gettext
from okrkit.lint._config import Option
from okrkit.lint._diagnostic import Finding, Severity
from okrkit.lint._rule import LintContext

__all__ = ["Rule"]


class Rule:
    """A built-in rule: a code, a name, a severity and a description, then ``check``.

    Subclasses set the class constants and write :meth:`check`; an instance is what
    the registry holds (see :class:`~okrkit.lint.LintRule`).
    """

    code: str
    name: str
    severity: Severity = Severity.WARNING
    needs_as_of: bool = False
    description: ClassVar[str]
    """What the rule checks, marked with ``N_()``; :meth:`summary` translates it."""
    options: ClassVar[Mapping[str, Option] | None] = None
    """The options :meth:`check` reads, by name, and what each takes: the configuration
    (:class:`~okrkit.lint.LintConfig`) refuses any other name, and any value that does
    not fit. ``None`` declares nothing: a rule of your own then gets its options as
    written, while okrkit's own rules without options take none."""

    def summary(self) -> str:
        """What the rule checks, in one sentence in the active locale."""
        return gettext(self.description)

    def check(self, context: LintContext) -> Iterable[Finding]:
        """Every problem the rule finds; each subclass says how."""
        raise NotImplementedError(type(self).__name__)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, name={self.name!r})"
