"""An OKR set as a pandas DataFrame: one row per key result, beside its objective.

pandas is an optional extra, imported when a frame is asked for. The columns are tidy
and typed (see :data:`OKRSET_COLUMNS` and :func:`okrset_frame`); the enumerations
become categoricals of their file values, in the enum's order, so that frames of two
sets have the same categories and concatenate cleanly.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np

from okrkit.errors import import_extra
from okrkit.model._enums import Ambition, Level, MetricKind, Unit

if TYPE_CHECKING:
    from okrkit.model._okrset import OKRSet

__all__ = ["OKRSET_COLUMNS", "OWNERS_SEPARATOR", "categories", "okrset_frame"]

OKRSET_COLUMNS = (
    "objective_id",
    "objective_title",
    "level",
    "ambition",
    "owner",
    "cycle",
    "key_result_id",
    "key_result_title",
    "kind",
    "unit",
    "currency",
    "start",
    "target",
    "weight",
    "due",
    "owners",
)
"""The columns of :meth:`okrkit.OKRSet.to_frame`, in order."""

OWNERS_SEPARATOR = ", "
"""What joins a key result's owner ids in the ``owners`` column.

Ids never hold a space, so ``frame["owners"].str.split(", ")`` gives them back.
"""


def categories(enum: type[Any]) -> list[str]:
    """The file values of ``enum``'s members, in their order: a categorical's categories."""
    return [member.value for member in enum]


def _number(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _days(values: list[dt.date | None]) -> Any:
    """Dates as a ``datetime64[s]`` array, NaT for none."""
    return np.array(
        ["NaT" if day is None else day.isoformat() for day in values], dtype="datetime64[s]"
    )


def okrset_frame(okrs: OKRSet) -> Any:
    """One row per key result of ``okrs``, its objective's fields beside it.

    The rows follow the file's order: objectives, then each one's key results. An
    objective without key results has no row. Needs the ``pandas`` extra.
    """
    pd: Any = import_extra("pandas", "pandas")
    rows = [(objective, kr) for objective in okrs.objectives for kr in objective.key_results]
    objectives = [objective for objective, _kr in rows]
    key_results = [kr for _objective, kr in rows]
    metrics = [kr.metric for kr in key_results]

    def categorical(values: list[str], enum: type[Any] | None = None) -> Any:
        if enum is None:
            return pd.Categorical(values)
        return pd.Categorical(values, categories=categories(enum))

    def text(values: list[str | None]) -> Any:
        return pd.array(values, dtype=pd.StringDtype())

    return pd.DataFrame(
        {
            "objective_id": categorical([o.id for o in objectives]),
            "objective_title": text([o.title for o in objectives]),
            "level": categorical([o.level.value for o in objectives], Level),
            "ambition": categorical([o.ambition.value for o in objectives], Ambition),
            "owner": categorical([o.owner for o in objectives]),
            "cycle": categorical([o.cycle for o in objectives]),
            "key_result_id": text([kr.id for kr in key_results]),
            "key_result_title": text([kr.title for kr in key_results]),
            "kind": categorical([m.kind.value for m in metrics], MetricKind),
            "unit": categorical([m.unit.value for m in metrics], Unit),
            "currency": text([m.currency for m in metrics]),
            "start": pd.array([_number(m.start) for m in metrics], dtype="float64"),
            "target": pd.array([_number(m.target) for m in metrics], dtype="float64"),
            "weight": pd.array([float(kr.weight) for kr in key_results], dtype="float64"),
            "due": _days([kr.due for kr in key_results]),
            "owners": text([OWNERS_SEPARATOR.join(kr.owners) for kr in key_results]),
        },
        columns=list(OKRSET_COLUMNS),
    )
