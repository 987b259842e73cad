r"""The outputs of ``okrkit check``: JSON, SARIF 2.1.0, GitHub workflow commands, plain text.

Each takes the diagnostics of :func:`okrkit.lint` and writes them in its own syntax,
every piece of user text escaped for that syntax: JSON and SARIF through
:func:`json.dumps` (and ``\uXXXX`` for the characters an editor or a terminal should
not get raw), workflow commands with GitHub's percent escapes, text without escape
sequences or control characters. Codes, severities and keys never change with the
language; messages and hints are in the active locale.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from okrkit._version import __version__
from okrkit.cli._safe import terminal_text
from okrkit.i18n import format_number, ngettext
from okrkit.lint import Diagnostic, LintRule, Severity

__all__ = [
    "DOCS_URL",
    "SARIF_SCHEMA",
    "diagnostics_json",
    "diagnostics_sarif",
    "github_commands",
    "github_data",
    "github_property",
    "plain_lines",
    "summary",
]

DOCS_URL = "https://okrkit.readthedocs.io/en/latest/lint-rules/"
"""The rule reference (docs/lint-rules.md); each rule is at ``#`` and its code in lowercase."""

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
"""The JSON Schema of SARIF 2.1.0, as ``$schema`` names it."""

# Characters a terminal or an editor should not get raw in JSON: as \uXXXX escapes.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _json_text(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    """The diagnostics as a JSON list, one object each with stable keys.

    Keys: ``code``, ``rule``, ``severity`` (``error``, ``warning`` or ``info``),
    ``entity_id``, ``message``, ``hint``, ``file``, ``line``, ``path``; ``file`` and
    ``line`` are ``null`` when unknown.

    Examples:
        >>> from okrkit.lint import Location
        >>> found = Diagnostic(code="OKR101", severity=Severity.WARNING, entity_id="o1",
        ...     message="m", hint="h", location=Location(path="objectives[0]"))
        >>> json.loads(diagnostics_json([found]))[0]["severity"]
        'warning'
    """
    return _json_text(
        [
            {
                "code": found.code,
                "rule": found.rule,
                "severity": found.severity.value,
                "entity_id": found.entity_id,
                "message": found.message,
                "hint": found.hint,
                "file": found.location.file,
                "line": found.location.line,
                "path": found.location.path,
            }
            for found in diagnostics
        ]
    )


def _uri(file: str) -> str:
    """``file`` as a SARIF artifact URI: relative to the current folder when under it."""
    path = Path(file)
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        return path.resolve().as_uri() if path.is_absolute() else quote(path.as_posix())
    return quote(relative.as_posix())


def _sarif_location(found: Diagnostic) -> dict[str, Any]:
    where = found.location
    location: dict[str, Any] = {}
    if where.file is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(where.file)}}
        if where.line is not None:
            physical["region"] = {"startLine": where.line}
        location["physicalLocation"] = physical
    if where.path is not None or found.entity_id is not None:
        logical: dict[str, Any] = {"kind": "object"}
        if found.entity_id is not None:
            logical["name"] = found.entity_id
        if where.path is not None:
            logical["fullyQualifiedName"] = where.path
        location["logicalLocations"] = [logical]
    return location


def _sarif_rule(rule: LintRule, severity: Severity) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "helpUri": f"{DOCS_URL}#{rule.code.lower()}",
        "defaultConfiguration": {"level": _SARIF_LEVELS[severity]},
    }


def diagnostics_sarif(
    diagnostics: Sequence[Diagnostic], rules: Sequence[tuple[LintRule, Severity]]
) -> str:
    """The diagnostics as a SARIF 2.1.0 log, for code-scanning tools.

    One run whose ``tool.driver`` is okrkit with ``rules`` (id, name, short
    description in the active locale, a link to the rule's docs); one result per
    diagnostic with its rule, level (``error``, ``warning`` or ``note``), message (and
    hint), and its file and line when known.

    Args:
        diagnostics: What :func:`okrkit.lint` found.
        rules: The rules that ran, each with its configured severity.
    """
    listed = {rule.code: (rule, severity) for rule, severity in rules}
    index = {code: position for position, code in enumerate(listed)}
    results = []
    for found in diagnostics:
        text = found.message if not found.hint else f"{found.message}\n{found.hint}"
        result: dict[str, Any] = {
            "ruleId": found.code,
            "level": _SARIF_LEVELS[found.severity],
            "message": {"text": text},
        }
        if found.code in index:
            result["ruleIndex"] = index[found.code]
        location = _sarif_location(found)
        if location:
            result["locations"] = [location]
        results.append(result)
    driver = {
        "name": "okrkit",
        "version": __version__,
        "informationUri": DOCS_URL,
        "rules": [_sarif_rule(rule, severity) for rule, severity in listed.values()],
    }
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return _json_text(log)


def github_data(text: str) -> str:
    r"""``text`` as the message of a workflow command: ``%``, CR and LF escaped.

    Examples:
        >>> github_data("50% done\nnext")
        '50%25 done%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """``text`` as a property of a workflow command: also ``:`` and ``,`` escaped.

    Examples:
        >>> github_property("a,b:c")
        'a%2Cb%3Ac'
    """
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_safe(text: str) -> str:
    """User text with no escape sequence or control, its lines kept apart."""
    return "\n".join(terminal_text(line) for line in text.splitlines())


def github_commands(diagnostics: Iterable[Diagnostic]) -> str:
    """The diagnostics as GitHub Actions workflow commands, one line each.

    ``::error file=F,line=L,title=CODE::message`` (``warning``, ``notice`` for the
    other severities); the hint follows the message on a line of its own.

    Examples:
        >>> from okrkit.lint import Location
        >>> found = Diagnostic(code="OKR101", severity=Severity.WARNING, entity_id="o1",
        ...     message="1 key result", hint="add one",
        ...     location=Location(file="okrs.yaml", line=8))
        >>> print(github_commands([found]), end="")
        ::warning file=okrs.yaml,line=8,title=OKR101::1 key result%0Aadd one
    """
    lines = []
    for found in diagnostics:
        where = found.location
        properties = []
        if where.file is not None:
            properties.append(f"file={github_property(_github_safe(where.file))}")
            if where.line is not None:
                properties.append(f"line={where.line}")
        properties.append(f"title={github_property(_github_safe(found.code))}")
        text = found.message if not found.hint else f"{found.message}\n{found.hint}"
        command = _GITHUB_COMMANDS[found.severity]
        lines.append(f"::{command} {','.join(properties)}::{github_data(_github_safe(text))}")
    return "".join(line + "\n" for line in lines)


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    """``N errors, M warnings`` (and notes, when there are any), in the active locale."""
    errors = sum(1 for found in diagnostics if found.severity is Severity.ERROR)
    warnings = sum(1 for found in diagnostics if found.severity is Severity.WARNING)
    notes = len(diagnostics) - errors - warnings
    parts = [
        ngettext("{count} error", "{count} errors", errors).format(count=format_number(errors)),
        ngettext("{count} warning", "{count} warnings", warnings).format(
            count=format_number(warnings)
        ),
    ]
    if notes:
        parts.append(
            ngettext("{count} note", "{count} notes", notes).format(count=format_number(notes))
        )
    return ", ".join(parts)


def plain_lines(diagnostics: Sequence[Diagnostic]) -> str:
    """One line per diagnostic, as compilers write them, then the summary.

    ``FILE:LINE: SEVERITY CODE [ID]: message (hint)``, the severity in the active
    locale; where there is no file, the path in the set.
    """
    out = []
    for found in diagnostics:
        where = terminal_text(str(found.location))
        head = f"{where}: " if where else ""
        ident = f" [{terminal_text(found.entity_id)}]" if found.entity_id else ""
        hint = f" ({terminal_text(found.hint)})" if found.hint else ""
        out.append(
            f"{head}{found.severity.label} {terminal_text(found.code)}{ident}: "
            f"{terminal_text(found.message)}{hint}"
        )
    out.append(summary(diagnostics))
    return "".join(line + "\n" for line in out)
