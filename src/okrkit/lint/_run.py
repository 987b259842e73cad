"""Running the rules over a set: :func:`lint`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from okrkit.errors import Message, UsageError
from okrkit.i18n import N_, _, held_locale
from okrkit.lint._config import LintConfig
from okrkit.lint._diagnostic import Diagnostic, Finding, Location, Severity
from okrkit.lint._registry import available, get
from okrkit.lint._rule import SOURCE_KEY, LintContext, LintRule, SourceLocator
from okrkit.model import KeyResult, Objective, OKRSet
from okrkit.model._checks import as_date
from okrkit.model._words import described

__all__ = ["entity_paths", "lint"]


def entity_paths(okrs: OKRSet) -> dict[str, str]:
    """Where each entity of ``okrs`` sits in the set, by id (as a file lists them)."""
    paths: dict[str, str] = {}
    for i, cycle in enumerate(okrs.cycles):
        paths.setdefault(cycle.id, f"cycles[{i}]")
    for i, owner in enumerate(okrs.owners):
        paths.setdefault(owner.id, f"owners[{i}]")
    for i, objective in enumerate(okrs.objectives):
        paths[objective.id] = f"objectives[{i}]"
        for j, kr in enumerate(objective.key_results):
            paths[kr.id] = f"objectives[{i}].key_results[{j}]"
    for i, initiative in enumerate(okrs.initiatives):
        paths.setdefault(initiative.id, f"initiatives[{i}]")
    return paths


def _ignored(okrs: OKRSet) -> dict[str, frozenset[str]]:
    """The codes each objective or key result opts out of (``lint: {ignore: [...]}``)."""
    found: dict[str, frozenset[str]] = {}
    for objective in okrs.objectives:
        entities: tuple[Objective | KeyResult, ...] = (objective, *objective.key_results)
        for entity in entities:
            codes = getattr(entity, "lint_ignore", ())
            if codes:
                found[entity.id] = frozenset(codes)
    return found


def _config(config: LintConfig | Mapping[str, Any] | None) -> LintConfig:
    if config is None:
        return LintConfig()
    if isinstance(config, LintConfig):
        return config
    if isinstance(config, Mapping):
        return LintConfig.from_mapping(config)
    raise UsageError(
        _("config must be a LintConfig or a mapping, not {kind}").format(
            kind=type(config).__name__
        )
    )


def _check_okrset(okrset: object) -> None:
    """Refuse anything but an OKR set, saying how to get one."""
    if not isinstance(okrset, OKRSet):
        raise UsageError(
            Message(
                N_(
                    "lint() takes an OKR set (got {value}); to check a file, load it first: "
                    "okrkit.lint(okrkit.load(path))"
                ),
                value=described(okrset),
            )
        )


def _rules(rules: Iterable[str | LintRule] | None) -> list[LintRule]:
    if rules is None:
        return [get(code) for code in available()]
    if isinstance(rules, str):
        raise UsageError(_("rules must be a list of codes or rules, not one text"))
    return [get(rule) for rule in rules]


def lint(
    okrset: OKRSet,
    *,
    rules: Iterable[str | LintRule] | None = None,
    config: LintConfig | Mapping[str, Any] | None = None,
    as_of: Any = None,
) -> list[Diagnostic]:
    """Check ``okrset`` against the rules of good OKRs; return what they find.

    Args:
        okrset: The set to check.
        rules: The rules to run, by code (``"OKR101"``), path or object; every rule
            okrkit has, yours (:func:`~okrkit.lint.register`) and installed packages'
            (the ``okrkit.lint_rules`` entry points) by default.
        config: Which rules run, at what severity, with what options
            (:class:`~okrkit.lint.LintConfig`, or a mapping shaped like
            ``[tool.okrkit.lint]``).
        as_of: The date to judge forecasts and check-ins on; rules that need one run
            only when it is given.

    Returns:
        The diagnostics, in the order of the set (by line when it came from a file),
        errors before warnings at one place. An entity that says ``lint: {ignore:
        [CODE]}`` gets none of that code.

    Raises:
        UnknownStrategyError: for a rule code nothing has.
        ValidationError: for a configuration mapping that is wrong.
        UsageError: when ``okrset`` is not an :class:`~okrkit.OKRSet`, such as a
            file's path (load it first with :func:`okrkit.load`).

    Examples:
        >>> import okrkit
        >>> found = okrkit.lint(okrkit.load("examples/acme.en.yaml"), rules=["OKR101"])
        >>> [d.code for d in found]
        []
    """
    _check_okrset(okrset)
    chosen = _rules(rules)
    settings = _config(config)
    day = None if as_of is None else as_date(as_of)
    base = LintContext(okrset, as_of=day)
    paths = entity_paths(okrset)
    ignored = _ignored(okrset)
    found = _Found()
    with held_locale():  # rules word thousands of messages
        for rule in chosen:
            if not settings.runs(rule) or (rule.needs_as_of and day is None):
                continue
            severity = settings.severity_of(rule)
            source = _Source(rule.code, rule.name, severity, severity.rank)
            for finding in rule.check(base.for_rule(settings.options_for(rule))):
                ident = finding.entity_id
                if ident is not None and ident in ignored and rule.code in ignored[ident]:
                    continue
                path = finding.path or (None if ident is None else paths.get(ident))
                found.add(source, finding, path)
    return found.diagnostics(okrset, paths)


class _Source(NamedTuple):
    """The rule a finding came from, as its diagnostic shows it."""

    code: str
    name: str
    severity: Severity
    rank: int


class _Found:
    """What the rules found, in parallel lists (a large run makes few objects per finding).

    Each finding becomes a diagnostic, a location and nothing else the collector keeps:
    no tuple per finding, and sort keys that are plain integers. A run that finds tens
    of thousands of problems spends much of its time there, the garbage collector's
    included, which scans every container made while the run lasts.
    """

    def __init__(self) -> None:
        self.sources: list[_Source] = []
        self.findings: list[Finding] = []
        self.paths: list[str | None] = []

    def add(self, source: _Source, finding: Finding, path: str | None) -> None:
        """Keep one finding of ``source``'s rule, at ``path``."""
        self.sources.append(source)
        self.findings.append(finding)
        self.paths.append(path)

    def diagnostics(self, okrset: OKRSet, paths: Mapping[str, str]) -> list[Diagnostic]:
        """The diagnostics of what was found, located, in the order of the set.

        By line when the set came from a file, then by the entity's place in the set,
        errors before warnings at one place, then by code; a stable sort, so a rule's
        own order comes last.
        """
        if not self.findings:
            return []
        locator = okrset.derived(SOURCE_KEY, lambda: None)
        lines: Mapping[str, int] = {}
        file = None
        if isinstance(locator, SourceLocator):
            file = locator.file
            lines = locator.lines({path for path in self.paths if path is not None})
        order = {path: n for n, path in enumerate(paths.values())}
        codes = {code: n for n, code in enumerate(sorted({s.code for s in self.sources}))}
        last, width = 10**9, len(codes)
        places: dict[str | None, tuple[Location, int]] = {}  # a location is frozen
        made: list[Diagnostic] = []
        keys: list[int] = []
        for source, finding, path in zip(self.sources, self.findings, self.paths, strict=True):
            place = places.get(path)
            if place is None:
                line = None if path is None else lines.get(path)
                rank = order.get(path or "", last)
                where = (last if line is None else line) * (last + 1) + rank
                place = places[path] = (Location(path=path, file=file, line=line), where)
            made.append(
                Diagnostic(
                    code=source.code,
                    severity=source.severity,
                    entity_id=finding.entity_id,
                    message=finding.message,
                    hint=finding.hint,
                    location=place[0],
                    rule=source.name,
                )
            )
            # (line, place in the set, severity, code) as one integer, compared alike
            keys.append((place[1] * 3 + source.rank) * width + codes[source.code])
        return [made[n] for n in sorted(range(len(made)), key=keys.__getitem__)]
