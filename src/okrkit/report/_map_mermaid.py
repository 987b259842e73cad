"""The alignment map as a Mermaid flowchart: subgraphs, wrapped labels, status classes.

The same picture as the DOT map, in what Markdown hosts (GitHub, GitLab, mkdocs)
draw: each department and team is a ``subgraph``; each objective is one box whose
label holds its score and status, its wrapped title and its key results, one per line
with their score; a ``classDef`` per status colours the boxes (the Okabe-Ito palette
of the reports, with the status word always written), and a legend subgraph names
them. Lines point up: solid for ``contributes``, dotted for ``supports``, a labelled
dotted line for a dependency, a thick one for an initiative.

User text goes through :func:`okrkit.graph._escape.mermaid_text`; the heading (which
holds the cycles' names) is one clean line with the characters of markup as codes, in
JSON quotes in the front matter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from okrkit.graph._escape import mermaid_text, plain_line
from okrkit.i18n import _, format_percent, get_locale, use_locale
from okrkit.model import Status
from okrkit.report._data import KeyResultLine, ObjectiveLine
from okrkit.report._html_kit import STATUS_COLOURS
from okrkit.report._map_data import MapData
from okrkit.report._map_dot import STATUS_FILLS, map_title, wrap

__all__ = ["to_mermaid"]

_BREAK = "<br/>"


def to_mermaid(data: MapData, *, locale: str | None = None) -> str:
    """The map as Mermaid text, in ``locale`` (or the active one)."""
    with use_locale(locale or get_locale()):
        return "\n".join(_mermaid_lines(data)) + "\n"


class _Ids:
    """Mermaid node ids: ``n_`` and the entity id with other characters as ``_``, unique."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str, str], str] = {}
        self._taken: set[str] = set()

    def __call__(self, ident: str, prefix: str = "n_", *, kind: str = "entity") -> str:
        """The id of ``ident``, made once and never given to anything else.

        ``kind`` keeps the map's own parts (the legend) apart from entities of the same
        name, such as a team whose id is ``legend``.
        """
        key = (kind, prefix, ident)
        found = self._ids.get(key)
        if found is None:
            base = prefix + re.sub(r"[^A-Za-z0-9_]", "_", ident)
            found, suffix = base, 2
            while found in self._taken:
                found = f"{base}_{suffix}"
                suffix += 1
            self._taken.add(found)
            self._ids[key] = found
        return found


_TITLE_SPECIAL = re.compile("%%+|[<>&#`]")


def _title(text: str) -> str:
    """The heading for the front matter: one clean line, markup's characters as codes.

    Mermaid shows the title as text; the few characters that could start markup, an
    entity or a directive are written as Mermaid's entity codes, and a colon or a
    semicolon, harmless in a quoted title, stays as it is.
    """
    return _TITLE_SPECIAL.sub(lambda found: mermaid_text(found.group()), plain_line(text))


def _text(text: str) -> str:
    return _BREAK.join(mermaid_text(part) for part in wrap(text))


def _status(status: Status, score: float) -> str:
    return mermaid_text(f"{format_percent(score, decimals=0)} · {status.label}")


def _objective_label(line: ObjectiveLine, inline: bool) -> str:
    parts = [f"<b>{_status(line.status, line.score)}</b>", f"<b>{_text(line.title)}</b>"]
    if inline:
        parts.extend(_key_result_text(kr) for kr in line.key_results)
    return _BREAK.join(parts)


def _key_result_text(kr: KeyResultLine) -> str:
    """A key result's lines in its objective's box: its score and status, then its title."""
    return f"▪ <i>{_status(kr.status, kr.score)}</i>{_BREAK}{_text(kr.title)}"


def _mermaid_lines(data: MapData) -> Iterator[str]:
    heading, when = map_title(data)
    yield "---"
    yield "title: " + json.dumps(_title(f"{heading} · {when}"), ensure_ascii=False)
    yield "---"
    yield "flowchart BT"
    ids = _Ids()
    classes: dict[str, list[str]] = {}
    lines = {line.id: line for line in data.objectives}
    yield from _subgraph(data, None, "  ", ids, classes, lines)
    kind = mermaid_text(_("initiative"))
    for initiative in data.initiatives:
        label = f"<i>{kind}</i>{_BREAK}{_text(initiative.title)}"
        yield f'  {ids(initiative.id)}{{{{"{label}"}}}}'
    yield from _links(data, ids)
    yield from _legend(ids, classes)
    for status in Status:
        colour, fill = STATUS_COLOURS[status.value], STATUS_FILLS[status.value]
        style = f"fill:{fill},stroke:{colour},stroke-width:2px,color:#000000"
        yield f"  classDef {status.value} {style}"
    for code, members in classes.items():
        yield f"  class {','.join(members)} {code}"


def _subgraph(  # noqa: PLR0917 - one recursive walk, its state passed down
    data: MapData,
    parent: str | None,
    indent: str,
    ids: _Ids,
    classes: dict[str, list[str]],
    lines: dict[str, ObjectiveLine],
) -> Iterator[str]:
    inline, expanded = data.key_results == "inline", data.key_results == "nodes"
    for ident, where in data.placement.items():
        if where != parent:
            continue
        line = lines[ident]
        node = ids(line.id)
        yield f'{indent}{node}["{_objective_label(line, inline)}"]'
        classes.setdefault(line.status.value, []).append(node)
        if expanded:
            for kr in line.key_results:
                kr_node = ids(kr.id)
                label = f"<b>{_status(kr.status, kr.score)}</b>{_BREAK}{_text(kr.title)}"
                yield f'{indent}{kr_node}("{label}")'
                yield f"{indent}{kr_node} --> {node}"
                classes.setdefault(kr.status.value, []).append(kr_node)
    for cluster in (c for c in data.clusters if c.parent == parent):
        yield f'{indent}subgraph {ids(cluster.id, "g_")}["{mermaid_text(cluster.name)}"]'
        yield f"{indent}  direction BT"
        yield from _subgraph(data, cluster.id, indent + "  ", ids, classes, lines)
        yield f"{indent}end"


def _links(data: MapData, ids: _Ids) -> Iterator[str]:
    expanded = data.key_results == "nodes"
    waits = mermaid_text(_("depends on"))

    def end(objective: str, key_result: str | None) -> str:
        return ids(key_result) if expanded and key_result is not None else ids(objective)

    statements: dict[str, None] = {}  # links that meet at the same two ends, drawn once
    for link in data.links:
        above = end(link.target, link.target_key_result)
        below = (
            ids(link.source) if link.kind == "drives" else end(link.source, link.source_key_result)
        )
        if link.kind == "drives":
            statements[f"  {below} ==> {above}"] = None
        elif link.kind == "contributes":
            statements[f"  {below} --> {above}"] = None
        elif link.kind == "supports":
            statements[f"  {below} -.-> {above}"] = None
        else:
            statements[f'  {below} -. "{waits}" .-> {above}'] = None
    yield from statements


def _legend(ids: _Ids, classes: dict[str, list[str]]) -> Iterator[str]:
    title = mermaid_text(_("Legend"))
    yield f'  subgraph {ids("legend", "g_", kind="legend")}["{title}"]'
    for status in (
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.OFF_TRACK,
        Status.DONE,
        Status.NOT_STARTED,
    ):
        node = ids(status.value, "legend_", kind="legend")
        yield f'    {node}["{mermaid_text(status.label)}"]'
        classes.setdefault(status.value, []).append(node)
    yield "  end"
