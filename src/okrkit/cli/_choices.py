"""Fixed choices named in the active locale: shown by their labels, typed in any language.

click's :class:`~click.Choice` shows and accepts its values as they are (``company``,
``digest``); a Vietnamese user reads ``[công ty|phòng ban|nhóm|cá nhân]`` in the help
and types ``--level "phòng ban"`` or ``--level phong-ban``. :class:`LabelledChoice`
keeps click's values (what the command receives) and adds their labels in every shipped
language, matched without accents, case or hyphens (:func:`fold`).

Examples:
    >>> from okrkit.i18n import use_locale
    >>> kinds = LabelledChoice(("scorecard", "digest"), {"scorecard": "scorecard"}.get)
    >>> kinds.convert("Scorecard", None, None)
    'scorecard'
    >>> fold("  Phòng-ban ")
    'phong ban'
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

from okrkit.errors import Shown
from okrkit.i18n import SHIPPED_LOCALES, _, use_locale

__all__ = ["LabelledChoice", "fold", "matches_word"]


def fold(text: str) -> str:
    """``text`` without accents, case, hyphens or extra spaces: how labels are matched."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return " ".join(plain.lower().replace("-", " ").replace("_", " ").split())


def matches_word(text: str, english: str, label: Callable[[], str]) -> bool:
    """Whether ``text`` is ``english`` or ``label()`` in a shipped language, folded."""
    wanted = fold(text)
    if wanted == fold(english):
        return True
    for locale in SHIPPED_LOCALES:
        with use_locale(locale):
            if wanted == fold(label()):
                return True
    return False


class LabelledChoice(click.Choice[str]):
    """A choice of ``values``, each shown by ``label(value)`` in the active locale.

    A value is accepted as it is, by its label in any shipped language, or by one of
    its ``aliases`` (short forms, such as the glossary's "bản tin" for the digest), all
    folded; the command receives the value. ``label`` returns ``None`` for a value whose
    label is the value itself.
    """

    def __init__(
        self,
        values: Sequence[str],
        label: Callable[[str], str | None],
        aliases: Callable[[str], Iterable[str]] | None = None,
    ) -> None:
        super().__init__(values, case_sensitive=False)
        self._label = label
        self._aliases = aliases

    def label(self, value: str) -> str:
        """``value``'s label in the active locale."""
        return self._label(value) or value

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        """``[label|label|...]`` in the active locale, each label one word (``phòng-ban``).

        A metavar is one word, as click's are; a hyphen reads as the space it stands
        for, and the label typed either way is accepted.
        """
        return "[" + "|".join("-".join(self.label(v).split()) for v in self.choices) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        """The value ``value`` names, by itself or by its label in any shipped language."""
        if value in self.choices:
            return str(value)
        text = str(value)
        for choice in self.choices:
            if matches_word(text, choice, functools.partial(self.label, choice)):
                return choice
        if self._aliases is not None:
            wanted = fold(text)
            for choice in self.choices:
                if any(fold(alias) == wanted for alias in self._aliases(choice)):
                    return choice
        self.fail(
            _("{value} is not one of {choices}").format(
                value=Shown(text), choices=", ".join(self.label(v) for v in self.choices)
            ),
            param,
            ctx,
        )

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        """The values and labels that start with ``incomplete``."""
        from click.shell_completion import CompletionItem

        found = [*self.choices, *(self.label(value) for value in self.choices)]
        start = fold(incomplete)
        return [
            CompletionItem(word) for word in dict.fromkeys(found) if fold(word).startswith(start)
        ]
