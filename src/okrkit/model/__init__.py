"""The OKR domain model: frozen, validated, keyword-only classes.

Every class here is immutable; :func:`attrs.evolve` makes a changed copy and
validates it again. Construction checks every field and raises one
:class:`~okrkit.errors.ValidationError` listing every problem found.
"""

from __future__ import annotations

from okrkit.errors import UnknownIdError
from okrkit.model._checkin import CheckIn
from okrkit.model._checks import DateLike, as_date
from okrkit.model._entities import Cycle, Dependency, Initiative, Owner
from okrkit.model._enums import (
    Ambition,
    Confidence,
    InitiativeStatus,
    Level,
    LinkKind,
    MetricKind,
    OwnerKind,
    Status,
    Unit,
)
from okrkit.model._listing import Listing
from okrkit.model._metric import FinalGrade, Metric, PlannedValue
from okrkit.model._objective import Alignment, KeyResult, Objective
from okrkit.model._okrset import SCHEMA_VERSION, OKRSet

__all__ = [
    "SCHEMA_VERSION",
    "Alignment",
    "Ambition",
    "CheckIn",
    "Confidence",
    "Cycle",
    "DateLike",
    "Dependency",
    "FinalGrade",
    "Initiative",
    "InitiativeStatus",
    "KeyResult",
    "Level",
    "LinkKind",
    "Listing",
    "Metric",
    "MetricKind",
    "OKRSet",
    "Objective",
    "Owner",
    "OwnerKind",
    "PlannedValue",
    "Status",
    "Unit",
    "UnknownIdError",
    "as_date",
]
