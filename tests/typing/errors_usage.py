"""Typed usage of problems worded when shown: codes, ``render``, ``Message``, ``kind_of``."""

from __future__ import annotations

from collections.abc import Mapping

import okrkit
from okrkit.errors import (
    GENERIC_CODE,
    PROBLEM_CODES,
    Message,
    OKRError,
    Problem,
    Shown,
    ValidationError,
    kind_of,
)
from okrkit.i18n import N_


def shown_to(error: OKRError, locale: str) -> str:
    """An app shows one error in the language of whoever reads it."""
    return error.render(locale=locale)


problem = Problem(
    "value.range",
    N_("'{field}' must be greater than 0 (got {value:g})"),
    {"field": "weight", "value": -0.5},
    entity_id="kr-1",
)
code: str = problem.code
words: str = problem.message
line: str = problem.render(locale="vi")
template: str = problem.template
args: Mapping[str, object] = problem.args
text: Message = problem.text
moved: Problem = problem.located(path_prefix="objectives[0]", file="okrs.yaml", line=3)
plain = Problem(message="words of my own")
assert plain.code == GENERIC_CODE
meaning: str = PROBLEM_CODES["field.type"]

error = ValidationError([problem, plain])
codes: tuple[str, ...] = error.codes
vietnamese: str = shown_to(error, "vi")
english: str = error.render(locale="en")

hint = Message(N_("did you mean {close}?"), close=Shown("lan"))
worded: str = hint.render(locale="vi")
kind: Message = kind_of([1, 2])

try:
    okrkit.loads("a: {b: 1 c: 2}\n", "yaml")
except okrkit.LoadError as caught:
    syntax: tuple[str, ...] = caught.codes
