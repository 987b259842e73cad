"""The bilingual template catalogue.

Templates are drawn from the five Vietnamese source documents okrkit was built
from, written in Vietnamese and English, and parameterised: pick one, fill in your
numbers, and get a ready :class:`~okrkit.Objective` with its key results.

Domains and tags are slugs in files and code, read by their names in either
language (:data:`DOMAIN_TERMS`, :data:`TAG_TERMS`); filters take a slug, a name or
an alias, with or without accents.

The package reads from the bottom up: ``_sources`` (bilingual texts, source
documents, domains), ``_names`` and ``_terms`` (the names of domains and tags),
``_placeholders`` (``{name}`` in texts), ``_parameters`` (what
a user fills in), ``_template`` (the template model and its checks),
``_instantiate`` (filling a template in), ``_catalogue`` (reading files, search).

Examples:
    >>> from okrkit import catalogue, Cycle
    >>> cat = catalogue.load()
    >>> template = cat.get("okr-marketing-mql")
    >>> objective = template.instantiate(owner="lan", cycle=Cycle.quarter(2026, 1), locale="en")
    >>> objective.level.value, len(objective.key_results) > 0
    ('department', True)
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from okrkit.catalogue._catalogue import Catalogue, fold, load, read_templates
from okrkit.catalogue._parameters import Parameter, ParameterType, Period
from okrkit.catalogue._sources import DOMAINS, SOURCE_SECTIONS, Localised, Source
from okrkit.catalogue._template import KeyResultTemplate, MetricTemplate, Template
from okrkit.catalogue._terms import DOMAIN_TERMS, TAG_TERMS, Term, Terms
from okrkit.i18n import _

if TYPE_CHECKING:
    Localized = Localised  # deprecated: reached through __getattr__ below, which warns

__all__ = [
    "DOMAINS",
    "DOMAIN_TERMS",
    "SOURCE_SECTIONS",
    "TAG_TERMS",
    "Catalogue",
    "KeyResultTemplate",
    "Localised",
    "MetricTemplate",
    "Parameter",
    "ParameterType",
    "Period",
    "Source",
    "Template",
    "Term",
    "Terms",
    "fold",
    "load",
    "read_templates",
]

_RENAMED = {"Localized": "Localised"}
"""Old spellings that still work for one release, with a DeprecationWarning."""


def __getattr__(name: str) -> object:
    """Give the old spelling of a renamed name, warning that it is deprecated."""
    new = _RENAMED.get(name)
    if new is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        _("{old} is deprecated; use {new}").format(
            old=f"{__name__}.{name}", new=f"{__name__}.{new}"
        ),
        DeprecationWarning,
        stacklevel=2,
    )
    return globals()[new]
