"""Typed use of the alignment map, as a user's code calls it (mypy --strict checks it)."""

from __future__ import annotations

import datetime as dt

import okrkit
from okrkit.report import (
    AlignmentMap,
    Cluster,
    Link,
    MapData,
    alignment_map,
    build_scorecard,
    graphviz_available,
    to_html,
)


def draw(path: str) -> str:
    """Draw one department's map in every way there is."""
    okrs = okrkit.load(path)
    chart: AlignmentMap = alignment_map(
        okrs, as_of=dt.date(2026, 3, 20), owner="dept-sales", depth=2, locale="vi"
    )
    data: MapData = chart.data
    clusters: tuple[Cluster, ...] = data.clusters
    links: tuple[Link, ...] = data.links
    where: str | None = data.placement[data.objectives[0].id]
    text: str = chart.to_mermaid() + chart.to_dot()
    if graphviz_available():
        image: bytes = chart.to_png()
        page: str = to_html(build_scorecard(okrs, as_of="2026-03-20"), alignment=chart)
        text += page + str(len(image))
    return text + str(len(clusters) + len(links)) + (where or "")
