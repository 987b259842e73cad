"""Typed usage of the strategies' labels: mypy --strict must accept it as a user writes it."""

from __future__ import annotations

from okrkit.i18n import use_locale
from okrkit.scoring import available, strategy_label

with use_locale("vi"):
    labels: dict[str, str] = {name: strategy_label(name) for name in available()}
own: str = strategy_label("package.module:Strategy")
