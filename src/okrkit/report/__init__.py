"""Reports people read: the scorecard, the weekly digest and the end-of-cycle review.

Each report is built as data (frozen attrs classes holding numbers, dates and the
user's own text, never formatted for a locale), then rendered: as text for a terminal,
Markdown for a wiki, or one self-contained HTML page. Renderers format every number and
date in the active locale and escape every user string for their own syntax.

Examples:
    >>> import okrkit
    >>> from okrkit.report import build_scorecard
    >>> report = build_scorecard(okrkit.load("examples/acme.en.yaml"), as_of="2026-03-20")
    >>> report.as_of.isoformat(), len(report.objectives) > 0
    ('2026-03-20', True)
"""

from __future__ import annotations

from okrkit.report._burnup import burnup_points, burnup_table
from okrkit.report._data import (
    Band,
    ForecastLine,
    KeyResultLine,
    ObjectiveLine,
    ScorecardReport,
    Trend,
)
from okrkit.report._digest import build_digest
from okrkit.report._digest_data import (
    BlockedDependency,
    ConfidenceDrop,
    ForecastMiss,
    Lever,
    Movement,
    Slip,
    Stale,
    WeeklyDigest,
)
from okrkit.report._map import AlignmentMap, alignment_map, graphviz_available
from okrkit.report._map_data import MAX_OBJECTIVES, Cluster, Link, MapData
from okrkit.report._render import render
from okrkit.report._review import build_review
from okrkit.report._review_data import (
    QUESTIONS,
    CycleReview,
    Driver,
    Grade,
    OwnerCount,
    ReviewStats,
)
from okrkit.report._scorecard import build_scorecard
from okrkit.report.charts import plot_burnup, plot_progress
from okrkit.report.html import to_html
from okrkit.report.markdown import to_markdown
from okrkit.report.text import to_rich, to_text

__all__ = [
    "MAX_OBJECTIVES",
    "QUESTIONS",
    "AlignmentMap",
    "Band",
    "BlockedDependency",
    "Cluster",
    "ConfidenceDrop",
    "CycleReview",
    "Driver",
    "ForecastLine",
    "ForecastMiss",
    "Grade",
    "KeyResultLine",
    "Lever",
    "Link",
    "MapData",
    "Movement",
    "ObjectiveLine",
    "OwnerCount",
    "ReviewStats",
    "ScorecardReport",
    "Slip",
    "Stale",
    "Trend",
    "WeeklyDigest",
    "alignment_map",
    "build_digest",
    "build_review",
    "build_scorecard",
    "burnup_points",
    "burnup_table",
    "graphviz_available",
    "plot_burnup",
    "plot_progress",
    "render",
    "to_html",
    "to_markdown",
    "to_rich",
    "to_text",
]
