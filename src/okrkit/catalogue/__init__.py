"""The bilingual template catalogue.

Templates are drawn from the five Vietnamese source documents okrkit was built
from, written in Vietnamese and English, and parameterised: pick one, fill in your
numbers, and get a ready :class:`~okrkit.Objective` with its key results.

Examples:
    >>> from okrkit import catalogue, Cycle
    >>> cat = catalogue.load()
    >>> template = cat.get("okr-marketing-mql")
    >>> objective = template.instantiate(owner="lan", cycle=Cycle.quarter(2026, 1), locale="en")
    >>> objective.level.value, len(objective.key_results) > 0
    ('department', True)
"""

from __future__ import annotations

from okrkit.catalogue._catalogue import Catalogue, fold, load, read_templates
from okrkit.catalogue._template import (
    DOMAINS,
    SOURCE_SECTIONS,
    KeyResultTemplate,
    Localized,
    MetricTemplate,
    Parameter,
    ParameterType,
    Period,
    Source,
    Template,
)

__all__ = [
    "DOMAINS",
    "SOURCE_SECTIONS",
    "Catalogue",
    "KeyResultTemplate",
    "Localized",
    "MetricTemplate",
    "Parameter",
    "ParameterType",
    "Period",
    "Source",
    "Template",
    "fold",
    "load",
    "read_templates",
]
