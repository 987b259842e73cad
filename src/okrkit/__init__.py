"""okrkit: Objectives and Key Results for Python.

Typed, immutable domain objects; loading and saving whole OKR sets as YAML, TOML
or JSON; and, in the modules around them, an alignment graph, scoring, templates,
a linter and reports.

Examples:
    >>> import okrkit
    >>> okrkit.Cycle.quarter(2026, 1).id
    '2026-Q1'
"""

from __future__ import annotations

# First: lends OKRSet the work of the layers above the model (okrkit/_api.py).
from okrkit import _api  # noqa: F401
from okrkit._version import __version__
from okrkit.errors import (
    AlignmentError,
    FormatError,
    LoadError,
    LocaleError,
    OKRError,
    Problem,
    TemplateError,
    ValidationError,
    WriteError,
)
from okrkit.io import Limits, dump, dumps, load, loads

# okrkit.lint is the linter's function here; its names are in the package okrkit.lint
# (``from okrkit.lint import Diagnostic``), which this import does not hide.
from okrkit.lint import lint
from okrkit.model import (
    SCHEMA_VERSION,
    Alignment,
    Ambition,
    CheckIn,
    Confidence,
    Cycle,
    Dependency,
    FinalGrade,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Level,
    LinkKind,
    Metric,
    MetricKind,
    Objective,
    OKRSet,
    Owner,
    OwnerKind,
    PlannedValue,
    Status,
    Unit,
    UnknownIdError,
)

__all__ = [
    "SCHEMA_VERSION",
    "Alignment",
    "AlignmentError",
    "Ambition",
    "CheckIn",
    "Confidence",
    "Cycle",
    "Dependency",
    "FinalGrade",
    "FormatError",
    "Initiative",
    "InitiativeStatus",
    "KeyResult",
    "Level",
    "Limits",
    "LinkKind",
    "LoadError",
    "LocaleError",
    "Metric",
    "MetricKind",
    "OKRError",
    "OKRSet",
    "Objective",
    "Owner",
    "OwnerKind",
    "PlannedValue",
    "Problem",
    "Status",
    "TemplateError",
    "Unit",
    "UnknownIdError",
    "ValidationError",
    "WriteError",
    "__version__",
    "dump",
    "dumps",
    "lint",
    "load",
    "loads",
]
