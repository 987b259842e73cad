"""The :class:`LintRule` protocol, the :class:`LintContext` a rule reads, and the registry.

A rule is an object with a stable ``code`` (``OKR101``), a ``name`` (``kr-count``), a
default ``severity``, a ``summary()`` for people and a ``check(context)`` that yields
:class:`~okrkit.lint.Finding`s. okrkit's own rules are built in; your own are passed to
:func:`~okrkit.lint.lint`, registered with :func:`~okrkit.lint.register`, or declared
by an installed package in the ``okrkit.lint_rules`` entry-point group, and run by
``okrkit check`` like the built-in ones (see :mod:`okrkit.lint._registry`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from okrkit.lint._diagnostic import Finding, Severity

if TYPE_CHECKING:
    from okrkit.model import OKRSet
    from okrkit.scoring import Scorecard

__all__ = ["ENTRY_POINT_GROUP", "SOURCE_KEY", "LintContext", "LintRule", "SourceLocator"]

ENTRY_POINT_GROUP = "okrkit.lint_rules"
"""The entry-point group third-party packages declare lint rules in.

An entry point may name a rule instance, a rule class (made with no arguments) or a
factory function (called with no arguments) that returns one.
"""

SOURCE_KEY = "okrkit.lint.source"
"""The key under which a set read from a file keeps its :class:`SourceLocator`
(:meth:`okrkit.OKRSet.derived`); :func:`okrkit.load` puts it there."""


@runtime_checkable
class SourceLocator(Protocol):
    """Where the entities of a set read from a file are: its file, and their lines."""

    file: str

    def lines(self, paths: Collection[str]) -> Mapping[str, int]:
        """The 1-based line of each of ``paths`` (``objectives[0].key_results[1]``)."""
        ...


@runtime_checkable
class LintRule(Protocol):
    """A check of an OKR set's quality.

    Attributes:
        code: The stable code, such as ``OKR101`` (third-party rules: a prefix of
            their own, such as ``ACME001``); configuration and ``lint: {ignore: [...]}``
            name rules by it.
        name: A short name in lowercase words joined by ``-``, such as ``kr-count``.
        severity: The default severity; configuration may change it.
        needs_as_of: Whether the rule judges the set on a date (forecasts, check-ins):
            it runs only when :func:`~okrkit.lint.lint` is given ``as_of``.
    """

    code: str
    name: str
    severity: Severity
    needs_as_of: bool

    def summary(self) -> str:
        """What the rule checks, in one sentence in the active locale."""
        ...

    def check(self, context: LintContext) -> Iterable[Finding]:
        """Every problem the rule finds in ``context.okrs``."""
        ...


class LintContext:
    """What a rule reads: the set, the date, the rule's own options, a shared scorecard.

    Attributes:
        okrs: The OKR set being linted.
        as_of: The date the set is judged on, or ``None`` (rules that need one are not
            run then).
        options: The rule's options from the configuration (thresholds and such).
    """

    def __init__(
        self,
        okrs: OKRSet,
        *,
        as_of: dt.date | None,
        options: Mapping[str, Any] | None = None,
        shared: dict[str, Any] | None = None,
    ) -> None:
        self.okrs = okrs
        self.as_of = as_of
        self.options: Mapping[str, Any] = dict(options or {})
        self._shared = {} if shared is None else shared

    def option(self, name: str, default: Any) -> Any:
        """The rule's option ``name`` from the configuration, or ``default``."""
        return self.options.get(name, default)

    def scorecard(self) -> Scorecard:
        """The set scored on ``as_of`` (linear), made once for every rule of a run.

        Raises:
            ValueError: when the context has no date (a rule that scores must say
                ``needs_as_of = True``).
        """
        if self.as_of is None:
            raise ValueError("this rule needs as_of")  # a rule's own mistake
        card = self._shared.get("scorecard")
        if card is None:
            card = self._shared["scorecard"] = self.okrs.score(as_of=self.as_of)
        return card

    def for_rule(self, options: Mapping[str, Any]) -> LintContext:
        """The same run's context, with another rule's options."""
        return LintContext(self.okrs, as_of=self.as_of, options=options, shared=self._shared)
