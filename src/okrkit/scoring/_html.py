"""A compact HTML table of a scorecard, for Jupyter (``Scorecard._repr_html_``).

One row per objective, each followed by its key results, at most
:data:`~okrkit.model._html.MAX_ROWS` rows and then a line counting the rest. Ids and
titles are escaped; labels are translated, and scores, dates and confidences are
formatted in the active locale.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from html import escape
from typing import TYPE_CHECKING

from okrkit.i18n import _, format_day, format_number, format_percent
from okrkit.model._html import heading, named, table
from okrkit.scoring._status import STATUSES

if TYPE_CHECKING:
    from okrkit.scoring._scorecard import Scorecard

__all__ = ["scorecard_html"]

_INDENT = '<span style="padding-left:1.5em"></span>'


def _cells(card: Scorecard, position: int, title: str, *, nested: bool) -> tuple[str, ...]:
    columns = card._columns  # this module is the scorecard's own, moved out for length
    ident = card.ids()[position]
    confidence = float(columns["confidence"][position])
    label = named(ident, title)
    return (
        _INDENT + label if nested else f"<strong>{label}</strong>",
        escape(format_percent(float(columns["value"][position]))),
        escape(STATUSES[int(columns["status"][position])].label),
        escape(format_percent(float(columns["expected"][position]))),
        "–" if math.isnan(confidence) else escape(format_number(round(confidence, 1))),
    )


def _rows(card: Scorecard) -> Iterator[tuple[str, ...]]:
    plan = card._plan
    for objective in plan.objectives:
        yield _cells(card, plan.index[objective.id], objective.title, nested=False)
        for kr in objective.key_results:
            yield _cells(card, plan.index[kr.id], kr.title, nested=True)


def scorecard_html(card: Scorecard) -> str:
    """The scorecard's date, then its objectives, each over its key results."""
    headers = (
        _("Objective / key result"),
        _("Score"),
        _("Status"),
        _("Expected"),
        _("Confidence"),
    )
    title = _("Scorecard as of {date}:").format(date=format_day(card.as_of))
    return (
        '<div class="okrkit">'
        + heading(title)
        + table(headers, _rows(card), total=len(card))
        + "</div>"
    )
