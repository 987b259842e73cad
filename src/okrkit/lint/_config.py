"""The linter's configuration: which rules run, at what severity, with what options.

It comes from ``[tool.okrkit.lint]`` in a ``pyproject.toml`` or ``[lint]`` in an
``okrkit.toml`` workspace, or from a mapping of the same shape::

    [tool.okrkit.lint]
    disable = ["OKR301"]                 # codes or names of rules not to run
    [tool.okrkit.lint.severity]
    OKR101 = "error"                     # error, warning or info
    [tool.okrkit.lint.options.checkin-stale]
    days = 21                            # a rule's options, by its code or name
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from okrkit._files import toml_syntax_error
from okrkit.errors import Message, Problem, Shown, ValidationError, os_reason
from okrkit.i18n import N_
from okrkit.lint._diagnostic import Severity
from okrkit.lint._rule import LintRule

__all__ = ["LintConfig"]

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


@attrs.frozen(kw_only=True)
class LintConfig:
    """Which rules run, at what severity, with what options.

    Attributes:
        disable: Codes or names of rules not to run.
        enable: Codes or names of rules to run even if they are off by default.
        severity: A severity for some rules, by code or name.
        options: Each rule's options, by code or name (``{"OKR101": {"max": 6}}``).
        source: The file the configuration came from, for messages.
    """

    disable: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    source: str | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str | None = None) -> LintConfig:
        """Read a configuration table (the contents of ``[tool.okrkit.lint]``).

        Raises:
            ValidationError: for an unknown key, a severity that is not error, warning
                or info, or options that are not a table; naming the file and key.
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
