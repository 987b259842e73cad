"""Builders for hand-made OKR data in tests: a key result and an objective in one line.

Each builder fills every required field with a plain default and takes any field as a
keyword to change it, so a test states only what it is about::

    objective("o1", kr("k1"), kr("k2", weight=2), owner="acme", level="company")

Tests import them with ``from builders import kr, objective``: pytest puts ``tests/`` on
``sys.path`` (``pythonpath`` in pyproject.toml). A module that wants other defaults binds
them once, e.g. ``kr = functools.partial(builders.kr, target=100)``.
"""

from __future__ import annotations

from typing import Any

from okrkit import KeyResult, Metric, MetricKind, Objective


def kr(ident: str, *, target: float = 10, **changes: Any) -> KeyResult:
    """A key result ``ident``, titled ``Result <ident>``, increasing from 0 to ``target``."""
    fields: dict[str, Any] = {
        "id": ident,
        "title": f"Result {ident}",
        "metric": Metric(kind=MetricKind.INCREASE, start=0, target=target),
    }
    return KeyResult(**{**fields, **changes})


def objective(ident: str, *krs: KeyResult, **changes: Any) -> Objective:
    """A team objective ``ident`` of the owner ``team`` in 2026-Q1, holding ``krs``."""
    fields: dict[str, Any] = {
        "id": ident,
        "title": f"Objective {ident}",
        "owner": "team",
        "cycle": "2026-Q1",
        "level": "team",
        "key_results": krs,
    }
    return Objective(**{**fields, **changes})
