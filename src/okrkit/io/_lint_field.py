"""The ``lint`` key of objectives and key results: ``lint: {ignore: [OKR101]}``.

The model keeps the codes as ``lint_ignore``; a file writes them under ``lint``, a
mapping with room for more linter settings later. The converter renames the field
with the hooks here (see :func:`okrkit.io.make_converter`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from okrkit.errors import Message, Problem, Shown, ValidationError
from okrkit.errors._message import as_found
from okrkit.i18n import N_

__all__ = ["FILE_KEYS", "file_path", "has_lint", "lint_codes", "lint_data"]


FILE_KEYS = {"lint_ignore": "lint"}
"""Fields written in a file under another key (``lint: {ignore: [...]}``)."""


def has_lint(cls: type) -> bool:
    """Whether ``cls`` has the ``lint_ignore`` field."""
    return any(field.name == "lint_ignore" for field in attrs.fields(cls))


def lint_codes(value: Any, _type: Any) -> Any:
    """Read ``lint: {ignore: [CODE, ...]}`` as the codes; the model checks each code."""
    if not isinstance(value, Mapping):
        raise ValidationError(
            Problem(
                "field.type",
                N_("must be written as {{ignore: [OKR101]}} (got {value})"),
                {"value": as_found(value)},
            )
        )
    problems = [
        Problem(
            "key.unknown",
            Message(N_("unknown key {key!r}; the only key of lint is: ignore"), key=Shown(key)),
            path=str(key),
        )
        for key in value
        if key != "ignore"
    ]
    if problems:
        raise ValidationError(problems)
    codes = value.get("ignore", [])
    if isinstance(codes, str):
        return (codes,)
    if not isinstance(codes, list | tuple):
        raise ValidationError(
            [
                Problem(
                    "field.type",
                    Message(
                        N_("must be a list of rule codes such as [OKR101] (got {value})"),
                        value=as_found(codes),
                    ),
                    path="ignore",
                )
            ]
        )
    return tuple(codes)


def lint_data(codes: tuple[str, ...]) -> dict[str, list[str]]:
    """The codes as a file writes them: ``{"ignore": [...]}``."""
    return {"ignore": list(codes)}


_FIELD_IN_PATH = re.compile(r"(^|\.)lint_ignore(?=\[|\.|$)")


def file_path(path: str | None) -> str | None:
    """A model path as the file writes it: ``lint_ignore[0]`` is ``lint.ignore[0]``.

    Examples:
        >>> file_path("objectives[0].lint_ignore[1]")
        'objectives[0].lint.ignore[1]'
    """
    if path is None or "lint_ignore" not in path:
        return path
    return _FIELD_IN_PATH.sub(r"\1lint.ignore", path)
