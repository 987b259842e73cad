"""The linter's configuration: which rules run, at what severity, with what options.

It comes from ``[tool.okrkit.lint]`` in a ``pyproject.toml`` or ``[lint]`` in an
``okrkit.toml`` workspace, or from a mapping of the same shape::

    [tool.okrkit.lint]
    disable = ["OKR301"]                 # codes or names of rules not to run
    [tool.okrkit.lint.severity]
    OKR101 = "error"                     # error, warning or info
    [tool.okrkit.lint.options.checkin-stale]
    days = 21                            # a rule's options, by its code or name

Every code or name must be a rule's that okrkit knows (its own, one registered with
:func:`~okrkit.lint.register`, or an installed package's), so that a typo is refused
rather than ignored. A rule that declares its options (``options``, a mapping of
names to :class:`Option`, as okrkit's own rules do) has each option checked: an
unknown name, or a value of the wrong kind or out of bounds, is refused. Other rules
get their options as written.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from okrkit._files import toml_syntax_error
from okrkit.errors import (
    Message,
    OKRError,
    Problem,
    Shown,
    ValidationError,
    did_you_mean,
    os_reason,
)
from okrkit.i18n import N_
from okrkit.lint._diagnostic import Severity
from okrkit.lint._rule import LintRule

__all__ = ["LintConfig", "Option"]

_KEYS = ("disable", "enable", "severity", "options")


def _names(value: Any, where: str, source: str | None) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        message = N_("{where} must be a list of rule codes or names")
        raise ValidationError(
            Problem("lint.config", message, {"where": where}, path=where, file=source)
        )
    return frozenset(value)


def _table(file: Path) -> Mapping[str, Any] | None:
    """The lint table of ``file``, or ``None`` when it has none."""
    try:
        text = file.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        reason = (
            os_reason(exc)
            if isinstance(exc, OSError)
            else Message(N_("the file is not UTF-8 text"))
        )
        message = N_("cannot read the lint configuration: {reason}")
        raise ValidationError(
            Problem("lint.config", message, {"reason": reason}, file=str(file))
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise toml_syntax_error(exc, text, str(file)) from None
    if file.name == "okrkit.toml":
        table = data.get("lint")
    else:
        table = data.get("tool", {}).get("okrkit", {}).get("lint")
    if table is None:
        return None
    if not isinstance(table, Mapping):
        message = N_("the lint configuration must be a table")
        raise ValidationError(Problem("lint.config", message, file=str(file)))
    return table


@attrs.frozen
class Option:
    """What one option of a rule takes: its kind of value, and its bounds.

    Attributes:
        kind: ``int`` (a whole number), ``float`` (any number), ``bool`` or ``str``.
        least: The smallest number it takes, or ``None``.
        most: The largest number it takes, or ``None``.
        choices: The words a ``str`` option takes.

    Examples:
        >>> print(Option(int, least=1).problem(-3))
        must be a whole number of at least 1 (got -3)
        >>> Option(int, least=1).problem(14) is None
        True
    """

    kind: type
    least: float | None = None
    most: float | None = None
    choices: tuple[str, ...] = ()

    def problem(
        self, value: object, *, path: str | None = None, file: str | None = None
    ) -> Problem | None:
        """What is wrong with ``value`` for this option, at ``path`` in ``file``; else ``None``.

        The problem's code is ``field.choice`` for a word that is none of the choices,
        ``field.type`` for a value of the wrong kind, ``value.range`` for a number out
        of bounds.
        """
        message = self._message(value)
        if message is None:
            return None
        if self.kind is str:
            code = "field.choice"
        elif self.kind is not bool and self._is_number(value):
            code = "value.range"
        else:
            code = "field.type"
        return Problem(code, message, path=path, file=file)

    def _is_number(self, value: object) -> bool:
        """Whether ``value`` is of this option's kind of number (``True`` is not one)."""
        kind = int if self.kind is int else int | float
        return not isinstance(value, bool) and isinstance(value, kind)

    def _message(self, value: object) -> Message | None:
        shown = Shown(value)
        if self.kind is bool:
            if isinstance(value, bool):
                return None
            return Message(N_("must be true or false (got {value})"), value=shown)
        if self.kind is str:
            if isinstance(value, str) and value in self.choices:
                return None
            close = did_you_mean(value, self.choices, count=1) if isinstance(value, str) else []
            if close:
                return Message(
                    N_("must be one of {choices} (got {value}); did you mean {close}?"),
                    choices=", ".join(self.choices),
                    value=shown,
                    close=Shown(close[0]),
                )
            return Message(
                N_("must be one of {choices} (got {value})"),
                choices=", ".join(self.choices),
                value=shown,
            )
        if self._is_number(value):
            number = float(value)  # type: ignore[arg-type] # an int or a float
            if (
                math.isfinite(number)
                and (self.least is None or number >= self.least)
                and (self.most is None or number <= self.most)
            ):
                return None
        bounds = {"least": self.least, "most": self.most, "value": shown}
        if self.kind is int:
            return Message(
                N_("must be a whole number of at least {least} (got {value})"), **bounds
            )
        if self.most is not None:
            return Message(N_("must be a number from {least} to {most} (got {value})"), **bounds)
        return Message(N_("must be a number of at least {least} (got {value})"), **bounds)


def _rules_named(keys: Iterable[str]) -> dict[str, LintRule]:
    """The rules okrkit knows, by code and by name; installed packages' only when needed.

    okrkit's own rules answer most configurations; the others (registered, entry
    points) are looked up only when a key names none of those.
    """
    # The rules and the registry import this module: they are looked up when used.
    from okrkit.lint._registry import RULES
    from okrkit.lint.rules import BUILT_IN

    found: dict[str, LintRule] = {}
    for own in BUILT_IN:
        found[own.code] = found[own.name] = own
    if all(key in found for key in keys):
        return found
    for key in RULES.available():
        try:
            rule = RULES.get(key)
        except OKRError:  # a package whose rule cannot be loaded names nothing here
            continue
        found.setdefault(rule.code, rule)
        found.setdefault(rule.name, rule)
    return found


def _unknown_rule(key: str, known: Iterable[str], path: str, source: str | None) -> Problem:
    close = did_you_mean(key, known, count=1)
    if close:
        message = Message(
            N_("no lint rule has the code or name {rule}; did you mean {close}?"),
            rule=Shown(key),
            close=Shown(close[0]),
        )
    else:
        message = Message(
            N_(
                "no lint rule has the code or name {rule}; name a rule by its code, such as "
                "OKR101, or its name, such as kr-count"
            ),
            rule=Shown(key),
        )
    return Problem("id.unknown", message, path=path, file=source)


def _declared(rule: LintRule) -> Mapping[str, Option] | None:
    """The options ``rule`` declares; ``None`` for a rule that reads its own as it likes.

    okrkit's own rules declare theirs, and one that declares none takes none.
    """
    from okrkit.lint.rules import BUILT_IN

    declared = getattr(rule, "options", None)
    if declared is None and any(rule is own for own in BUILT_IN):
        return {}
    if isinstance(declared, Mapping) and all(isinstance(o, Option) for o in declared.values()):
        return declared
    return None


def _option_problems(
    rule: LintRule, key: str, table: Mapping[str, Any], source: str | None
) -> list[Problem]:
    """What is wrong with ``table``, the options of ``rule`` (named ``key``)."""
    declared = _declared(rule)
    if declared is None:
        return []  # a rule that does not declare its options reads them itself
    problems = []
    for name, value in table.items():
        path = f"options.{key}.{name}"
        option = declared.get(name)
        if option is None:
            problems.append(_unknown_option(key, str(name), list(declared), path, source))
            continue
        problem = option.problem(value, path=path, file=source)
        if problem is not None:
            problems.append(problem)
    return problems


def _unknown_option(
    rule: str, name: str, known: list[str], path: str, source: str | None
) -> Problem:
    close = did_you_mean(name, known, count=1)
    if not known:
        message = Message(N_("{rule} has no options"), rule=rule)
    elif close:
        message = Message(
            N_("{rule} has no option {option}; did you mean {close}?"),
            rule=rule,
            option=Shown(name),
            close=Shown(close[0]),
        )
    else:
        message = Message(
            N_("{rule} has no option {option}; its options are {known}"),
            rule=rule,
            option=Shown(name),
            known=", ".join(known),
        )
    return Problem("key.unknown", message, path=path, file=source)


@attrs.frozen(kw_only=True)
class LintConfig:
    """Which rules run, at what severity, with what options.

    Attributes:
        disable: Codes or names of rules not to run.
        enable: Codes or names of rules to run even if they are off by default.
        severity: A severity for some rules, by code or name.
        options: Each rule's options, by code or name (``{"OKR101": {"max": 6}}``).
        source: The file the configuration came from, for messages.

    Raises:
        ValidationError: for a code or name that is no rule's, or an option that its
            rule does not have or whose value it does not take (see the module
            docstring); naming the key (``options.OKR402.days``) and the file.
    """

    disable: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        places = [
            *(("disable", key) for key in sorted(self.disable)),
            *(("enable", key) for key in sorted(self.enable)),
            *((f"severity.{key}", key) for key in self.severity),
            *((f"options.{key}", key) for key in self.options),
        ]
        if not places:
            return
        rules = _rules_named(key for _path, key in places)
        problems = [
            _unknown_rule(key, rules, path, self.source)
            for path, key in places
            if key not in rules
        ]
        for key, table in self.options.items():
            if key in rules:
                problems.extend(_option_problems(rules[key], key, table, self.source))
        if problems:
            raise ValidationError(problems)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str | None = None) -> LintConfig:
        """Read a configuration table (the contents of ``[tool.okrkit.lint]``).

        Raises:
            ValidationError: for an unknown key, a severity that is not error, warning
                or info, options that are not a table, a code or name that is no
                rule's, or an option its rule does not take; naming the file and key.
        """
        problems = [
            Problem(
                "key.unknown",
                N_("unknown key {key!r}; the keys are {keys}"),
                {"key": Shown(key), "keys": ", ".join(_KEYS)},
                path=str(key),
                file=source,
            )
            for key in data
            if key not in _KEYS
        ]
        if problems:
            raise ValidationError(problems)
        severity: dict[str, Severity] = {}
        for rule, level in dict(data.get("severity", {})).items():
            try:
                severity[str(rule)] = Severity(level)
            except ValueError:
                message = N_("severity of {rule} must be error, warning or info (got {level!r})")
                args = {"rule": rule, "level": Shown(level)}
                path = f"severity.{rule}"
                problem = Problem("field.choice", message, args, path=path, file=source)
                raise ValidationError(problem) from None
        options = dict(data.get("options", {}))
        for rule, table in options.items():
            if not isinstance(table, Mapping):
                message = N_("the options of {rule} must be a table")
                path = f"options.{rule}"
                problem = Problem("lint.config", message, {"rule": rule}, path=path, file=source)
                raise ValidationError(problem)
        return cls(
            disable=_names(data.get("disable", []), "disable", source),
            enable=_names(data.get("enable", []), "enable", source),
            severity=severity,
            options={str(rule): dict(table) for rule, table in options.items()},
            source=source,
        )

    @classmethod
    def from_file(cls, path: str | Path) -> LintConfig:
        """The configuration in ``path``, the default when the file has none.

        An ``okrkit.toml`` keeps it in ``[lint]``; any other file (a
        ``pyproject.toml``) in ``[tool.okrkit.lint]``.

        Raises:
            ValidationError: when the file cannot be read as TOML or its table is wrong.
        """
        table = _table(Path(path))
        return cls() if table is None else cls.from_mapping(table, source=str(path))

    @classmethod
    def discover(cls, folder: str | Path = ".") -> LintConfig:
        """The configuration of the nearest ``okrkit.toml`` or ``pyproject.toml`` with one.

        Looks in ``folder`` and each folder above it; in each, ``okrkit.toml`` first. A
        file without a lint table is passed over.
        """
        start = Path(folder).resolve()
        for place in (start, *start.parents):
            for name in ("okrkit.toml", "pyproject.toml"):
                candidate = place / name
                if candidate.is_file():
                    table = _table(candidate)
                    if table is not None:
                        return cls.from_mapping(table, source=str(candidate))
        return cls()

    def _pick(self, names: Any, rule: LintRule) -> Any:
        return rule.code in names or rule.name in names

    def runs(self, rule: LintRule, *, default: bool = True) -> bool:
        """Whether ``rule`` runs: on by default unless disabled, or enabled."""
        if self._pick(self.disable, rule):
            return False
        return default or bool(self._pick(self.enable, rule))

    def severity_of(self, rule: LintRule) -> Severity:
        """The severity of ``rule``: the configured one, else its own."""
        return self.severity.get(rule.code) or self.severity.get(rule.name) or rule.severity

    def options_for(self, rule: LintRule) -> Mapping[str, Any]:
        """The options of ``rule``, by its name then its code (the code wins)."""
        return {**self.options.get(rule.name, {}), **self.options.get(rule.code, {})}
