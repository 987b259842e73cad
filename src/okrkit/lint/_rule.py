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
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast, runtime_checkable

from okrkit.lint._diagnostic import Finding, Severity

if TYPE_CHECKING:
    from okrkit.model import OKRSet
    from okrkit.scoring import Scorecard

__all__ = ["ENTRY_POINT_GROUP", "SOURCE_KEY", "LintContext", "LintRule", "SourceLocator"]

_T = TypeVar("_T")

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
    """What a rule reads: the set, the date, the rule's own options, what rules share.

    Every rule of one :func:`~okrkit.lint.lint` run gets a context of its own (its
    options differ) over one store of what the run has made: the scorecard
    (:meth:`scorecard`), and whatever the rules put there through :meth:`shared`
    (folded titles, the objective of each key result...), so that a set is read once
    per run however many rules need it.

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

    def shared(self, key: str, build: Callable[[], _T]) -> _T:
        """What ``build()`` makes, made once per lint run and kept for every rule of it.

        The first rule of a run to ask for ``key`` calls ``build``; every later call
        with the same ``key``, from any rule of the run, returns what it made. A new
        run starts empty, so nothing outlives the set it was made from. The value may
        be a mutable cache (a dict a rule fills as it goes); rules that share a key
        must agree on what it holds, so prefix keys with your package's name
        (``"acme.words"``; okrkit's own start with ``"okrkit."``).

        Args:
            key: The name of the value, the same for every rule that shares it.
            build: Makes the value, called with no arguments at most once per run.

        Examples:
            >>> import okrkit
            >>> from okrkit.lint import LintContext
            >>> context = LintContext(okrkit.load("examples/acme.en.yaml"), as_of=None)
            >>> made = context.shared("acme.counts", dict)
            >>> made["titles"] = 3
            >>> context.for_rule({}).shared("acme.counts", dict)
            {'titles': 3}
        """
        if key not in self._shared:
            self._shared[key] = build()
        return cast(_T, self._shared[key])

    def scorecard(self) -> Scorecard:
        """The set scored on ``as_of`` (linear), made once for every rule of a run.

        Raises:
            ValueError: when the context has no date (a rule that scores must say
                ``needs_as_of = True``).
        """
        if self.as_of is None:
            raise ValueError("this rule needs as_of")  # a rule's own mistake
        as_of = self.as_of
        return self.shared("okrkit.scorecard", lambda: self.okrs.score(as_of=as_of))

    def for_rule(self, options: Mapping[str, Any]) -> LintContext:
        """The same run's context, with another rule's options."""
        return LintContext(self.okrs, as_of=self.as_of, options=options, shared=self._shared)
