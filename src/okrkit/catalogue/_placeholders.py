"""Placeholders in template texts: ``{name}`` stands for a parameter's value.

Only a bare name is a placeholder: no attributes, indexes or formats, so a template
file can never reach into Python objects. ``{{`` and ``}}`` write literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from okrkit.errors import Shown
from okrkit.i18n import _

__all__ = ["PARAMETER_NAME", "placeholders", "reference", "substitute"]

PARAMETER_NAME = re.compile(r"^[a-z][a-z0-9_]*\Z")
"""What a parameter's name looks like: lowercase letters, digits and ``_``."""

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_REFERENCE = re.compile(r"^\{([a-z][a-z0-9_]*)\}\Z")


def reference(value: object) -> str | None:
    """The parameter name of a value that is exactly ``"{name}"``, else ``None``.

    Examples:
        >>> reference("{target}"), reference("35"), reference(35)
        ('target', None, None)
    """
    if not isinstance(value, str):
        return None
    match = _REFERENCE.match(value)
    return match.group(1) if match else None


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """The names used in ``text``, and the problems with its braces."""
    names: list[str] = []
    problems: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            problems.append(
                _("a lone {brace!r}: write '{{{{' or '}}}}' for a literal brace").format(
                    brace=Shown(token)
                )
            )
        elif not PARAMETER_NAME.match(name):
            problems.append(
                _(
                    "{placeholder!r} is not a placeholder: only '{{name}}' is allowed, "
                    "with no attributes, indexes or formats"
                ).format(placeholder=Shown(token))
            )
        else:
            names.append(name)
    return names, problems


def substitute(text: str, values: Mapping[str, str]) -> str:
    """Replace each ``{name}`` with its value; ``{{`` and ``}}`` become braces.

    Examples:
        >>> substitute("Grow {what} {{sic}}", {"what": "revenue"})
        'Grow revenue {sic}'
    """

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        return values[match.group(1)]

    return _PLACEHOLDER.sub(replace, text)
