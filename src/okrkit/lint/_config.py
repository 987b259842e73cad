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

from okrkit.errors import Problem, ValidationError
from okrkit.i18n import _
from okrkit.lint._diagnostic import Severity
from okrkit.lint._rule import LintRule

__all__ = ["LintConfig"]

_KEYS = ("disable", "enable", "severity", "options")


def _names(value: Any, where: str, source: str | None) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(
            [
                Problem(
                    message=_("{where} must be a list of rule codes or names").format(where=where),
                    path=where,
                    file=source,
                )
            ]
        )
    return frozenset(value)


def _table(file: Path) -> Mapping[str, Any] | None:
    """The lint table of ``file``, or ``None`` when it has none."""
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problem = Problem(
            message=_("cannot read the lint configuration: {reason}").format(reason=exc),
            file=str(file),
        )
        raise ValidationError([problem]) from None
    if file.name == "okrkit.toml":
        table = data.get("lint")
    else:
        table = data.get("tool", {}).get("okrkit", {}).get("lint")
    if table is None:
        return None
    if not isinstance(table, Mapping):
        problem = Problem(message=_("the lint configuration must be a table"), file=str(file))
        raise ValidationError([problem])
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
                message=_("unknown key {key!r}; the keys are {keys}").format(
                    key=key, keys=", ".join(_KEYS)
                ),
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
                raise ValidationError(
                    [
                        Problem(
                            message=_(
                                "severity of {rule} must be error, warning or info (got {level!r})"
                            ).format(rule=rule, level=level),
                            path=f"severity.{rule}",
                            file=source,
                        )
                    ]
                ) from None
        options = dict(data.get("options", {}))
        for rule, table in options.items():
            if not isinstance(table, Mapping):
                raise ValidationError(
                    [
                        Problem(
                            message=_("the options of {rule} must be a table").format(rule=rule),
                            path=f"options.{rule}",
                            file=source,
                        )
                    ]
                )
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
