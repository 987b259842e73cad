"""Typed usage of the glossary: mypy --strict must accept it as a user writes it."""

from __future__ import annotations

from collections.abc import Mapping

from okrkit.i18n import GLOSSARY, SPELLINGS, Term, modern_spelling, old_spellings, term

alignment: Term = term("alignment")
vietnamese: str = alignment.vietnamese
accepted: tuple[str, ...] = alignment.accepted
avoid: tuple[str, ...] = alignment.avoid
keys: list[str] = [entry.key for entry in GLOSSARY if entry.source == "002"]
fixed: str = modern_spelling("Tự động hoá")
found: list[str] = old_spellings("tuỳ chọn")
spellings: Mapping[str, str] = SPELLINGS
