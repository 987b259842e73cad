"""The alignment map as Graphviz DOT: clusters, wrapped labels, colours by status.

Each objective is one box (an HTML-like label): a coloured band with its score and
status, its title wrapped at about 30 characters, and under it each key result: a
square (■) in its status colour, its score and status in words, then its title.
Departments and teams are labelled clusters; company objectives sit above them. Lines
run from the objective above to the one below, their arrow at the top: solid for
``contributes``, dashed for ``supports``, dashed reddish purple for a dependency
(drawn from the side that waits), dotted for an initiative.

All user text (titles, names, notes, cycle names) is written through
``okrkit.graph._escape.html_label_text``, so that it can never close a tag, start a
statement or carry a control character into the DOT or the SVG that Graphviz makes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator

from okrkit.graph._escape import dot_quote, html_label_text, plain_line
from okrkit.i18n import _, format_day, format_percent, get_locale, use_locale
from okrkit.model import Initiative, Status
from okrkit.report._data import KeyResultLine, ObjectiveLine
from okrkit.report._html_kit import STATUS_COLOURS
from okrkit.report._map_data import Cluster, MapData

__all__ = ["LINK_STYLES", "STATUS_FILLS", "WRAP", "map_title", "to_dot", "wrap"]

WRAP = 30
"""The width, in characters, at which a title is wrapped (words are never broken)."""

STATUS_FILLS = {
    "not_started": "#EEEEEE",
    "on_track": "#D5EFE6",
    "at_risk": "#FBEBC8",
    "off_track": "#F8DCCB",
    "done": "#D3E5F3",
    "achieved": "#D3E5F3",
    "missed": "#F5E0EC",
}
"""A light tint of each status colour (Okabe-Ito), behind black text in a box."""

LINK_STYLES = {
    "contributes": 'style=solid, color="#4D4D4D"',
    "supports": 'style=dashed, color="#4D4D4D"',
    "depends": 'style=dashed, color="#CC79A7", penwidth=1.6, constraint=false, dir=forward',
    "drives": 'style=dotted, color="#0072B2"',
}
"""How each kind of line is drawn (a dependency runs from the side that waits)."""

_FONT = "sans-serif"
_MAX_TITLE = 160  # characters of a title a box shows; a longer one ends in "…"


def wrap(text: str, width: int = WRAP) -> list[str]:
    """``text`` cut into lines of about ``width`` characters, never inside a word.

    A single word longer than ``width`` (a web address, say) is the only thing cut.

    Examples:
        >>> wrap("Tăng doanh thu định kỳ hằng tháng (MRR) từ 4,2 tỷ lên 5,5 tỷ đồng")
        ['Tăng doanh thu định kỳ hằng', 'tháng (MRR) từ 4,2 tỷ lên 5,5', 'tỷ đồng']
    """
    flat = " ".join(text.split())
    if len(flat) > _MAX_TITLE:
        flat = flat[: _MAX_TITLE - 1].rstrip() + "…"
    return textwrap.wrap(flat, width, break_on_hyphens=False) or [""]


def map_title(data: MapData) -> tuple[str, str]:
    """The map's heading and its second line (the cycles and the date), in the active locale."""
    cycles = ", ".join(data.scorecard.cycles)
    heading = _("OKR alignment map")
    return (
        f"{heading}: {cycles}" if cycles else heading,
        _("as of {date}").format(date=format_day(data.as_of)),
    )


def to_dot(data: MapData, *, locale: str | None = None, dpi: int | None = None) -> str:
    """The map as DOT text, in ``locale`` (or the active one).

    Args:
        data: What the map shows (:func:`okrkit.report.alignment_map`).
        locale: The language of the legend, statuses and numbers.
        dpi: Written as the graph's ``dpi`` when given (PNG output reads it).
    """
    with use_locale(locale or get_locale()):
        return "\n".join(_dot_lines(data, dpi)) + "\n"


def _dot_lines(data: MapData, dpi: int | None) -> Iterator[str]:
    heading, when = map_title(data)
    yield "digraph okr_map {"
    yield (
        f'  graph [rankdir=TB, newrank=true, fontname="{_FONT}", fontsize=12, '
        "labelloc=t, labeljust=c, nodesep=0.25, ranksep=0.9, pad=0.3, "
        f'bgcolor="white", label=<{_heading_label(heading, when, bool(data.initiatives))}>'
        + (f", dpi={dpi}" if dpi else "")
        + "];"
    )
    yield f'  node [shape=plain, fontname="{_FONT}", fontsize=10];'
    yield '  edge [dir=back, arrowsize=0.7, color="#4D4D4D"];'
    boxes = {line.id: line for line in data.objectives}
    ports = _ports(data.objectives)
    yield from _cluster_lines(data, None, "  ", boxes, ports)
    for initiative in data.initiatives:
        yield f"  {dot_quote(initiative.id)} [label=<{_initiative_label(initiative)}>];"
    yield from _link_lines(data, ports)
    yield "}"


def _ports(lines: Iterable[ObjectiveLine]) -> dict[str, str]:
    """A port name for each key result: its place in its objective's box."""
    return {kr.id: f"k{n}" for line in lines for n, kr in enumerate(line.key_results)}


def _cluster_lines(
    data: MapData,
    parent: str | None,
    indent: str,
    boxes: dict[str, ObjectiveLine],
    ports: dict[str, str],
) -> Iterator[str]:
    """The clusters inside ``parent`` (``None``: the top), and the objectives in each."""
    for ident, where in data.placement.items():
        if where == parent:
            yield from _objective_lines(data, boxes[ident], indent)
    children: list[Cluster] = [c for c in data.clusters if c.parent == parent]
    for cluster in children:
        name = dot_quote(f"cluster_{cluster.id}")
        yield f"{indent}subgraph {name} {{"
        inner = indent + "  "
        shade = "#F4F4F4" if parent is None else "#FFFFFF"
        yield (
            f"{inner}graph [label=<<B>{html_label_text(cluster.name)}</B>>, "
            f'style="rounded,filled", fillcolor="{shade}", color="#B0B0B0", fontsize=12, '
            "margin=10];"
        )
        yield from _cluster_lines(data, cluster.id, inner, boxes, ports)
        yield f"{indent}}}"


def _objective_lines(data: MapData, line: ObjectiveLine, indent: str) -> Iterator[str]:
    """The objective's box, and with ``key_results="nodes"`` a box per key result."""
    expanded = data.key_results == "nodes"
    inline = data.key_results == "inline"
    label, status = _objective_label(line, inline), dot_quote(line.status.value)
    yield f"{indent}{dot_quote(line.id)} [label=<{label}>, class={status}];"
    if expanded:  # a column under the objective: each joined to it, stacked by unseen lines
        above = line.id
        for n, kr in enumerate(line.key_results):
            status = dot_quote(kr.status.value)
            yield f"{indent}{dot_quote(kr.id)} [label=<{_key_result_label(kr)}>, class={status}];"
            joined = "" if n == 0 else ", constraint=false"
            yield f"{indent}{dot_quote(line.id)} -> {dot_quote(kr.id)} [style=solid{joined}];"
            if n:
                yield f"{indent}{dot_quote(above)} -> {dot_quote(kr.id)} [style=invis];"
            above = kr.id


def _status_words(status: Status, score: float) -> str:
    return f"{format_percent(score, decimals=0)} · {status.label}"


def _lines(text: str) -> str:
    return '<BR ALIGN="LEFT"/>'.join(html_label_text(part) for part in wrap(text))


def _objective_label(line: ObjectiveLine, inline: bool) -> str:
    colour, fill = STATUS_COLOURS[line.status.value], STATUS_FILLS[line.status.value]
    rows = [
        f'<TR><TD ALIGN="LEFT" BGCOLOR="{colour}"><FONT COLOR="#000000">'
        f"<B>{html_label_text(_status_words(line.status, line.score))}</B></FONT></TD></TR>",
        f'<TR><TD ALIGN="LEFT"><B>{_lines(line.title)}<BR ALIGN="LEFT"/></B></TD></TR>',
    ]
    if inline:
        for n, kr in enumerate(line.key_results):
            swatch = STATUS_COLOURS[kr.status.value]
            words = html_label_text(_status_words(kr.status, kr.score))
            rows.append(
                f'<TR><TD ALIGN="LEFT" PORT="k{n}"><FONT COLOR="{swatch}">■</FONT> '
                f'<I>{words}</I><BR ALIGN="LEFT"/>{_lines(kr.title)}<BR ALIGN="LEFT"/></TD></TR>'
            )
    return (
        f'<TABLE BORDER="2" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" '
        f'COLOR="{colour}" BGCOLOR="{fill}">' + "".join(rows) + "</TABLE>"
    )


def _key_result_label(kr: KeyResultLine) -> str:
    colour, fill = STATUS_COLOURS[kr.status.value], STATUS_FILLS[kr.status.value]
    return (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
        f'COLOR="{colour}" BGCOLOR="{fill}"><TR><TD ALIGN="LEFT">'
        f"<B>{html_label_text(_status_words(kr.status, kr.score))}</B></TD></TR>"
        f'<TR><TD ALIGN="LEFT">{_lines(kr.title)}<BR ALIGN="LEFT"/></TD></TR></TABLE>'
    )


def _initiative_label(initiative: Initiative) -> str:
    kind = _("initiative")
    return (
        '<TABLE BORDER="1" CELLBORDER="0" CELLPADDING="3" COLOR="#0072B2" STYLE="ROUNDED">'
        f'<TR><TD ALIGN="LEFT"><I>{html_label_text(kind)}</I></TD></TR>'
        f'<TR><TD ALIGN="LEFT">{_lines(initiative.title)}<BR ALIGN="LEFT"/></TD></TR></TABLE>'
    )


def _end(data: MapData, objective: str, key_result: str | None, ports: dict[str, str]) -> str:
    """A line's end: the key result's own row when the box lists it, else the box."""
    if key_result is None or data.key_results == "none":
        return dot_quote(objective)
    if data.key_results == "nodes":
        return dot_quote(key_result)
    return f"{dot_quote(objective)}:{ports[key_result]}"


def _link_lines(data: MapData, ports: dict[str, str]) -> Iterator[str]:
    """One line per link; links that meet at the same two ends are drawn once."""
    drawn: set[tuple[str, str, str]] = set()
    for link in data.links:
        style = LINK_STYLES[link.kind]
        below = (
            dot_quote(link.source)
            if link.kind == "drives"
            else _end(data, link.source, link.source_key_result, ports)
        )
        above = _end(data, link.target, link.target_key_result, ports)
        if (below, above, link.kind) in drawn:
            continue
        drawn.add((below, above, link.kind))
        if link.kind == "depends":
            extra = f", tooltip={dot_quote(plain_line(link.note))}" if link.note else ""
            yield f"  {below} -> {above} [{style}{extra}];"
        else:  # drawn from the node above, the arrow pointing back up at it
            yield f"  {above} -> {below} [{style}];"


def _heading_label(heading: str, when: str, initiatives: bool) -> str:
    legend = "".join(
        f'<TD ALIGN="LEFT"><FONT COLOR="{STATUS_COLOURS[s.value]}">■</FONT> '
        f"{html_label_text(s.label)}  </TD>"
        for s in (
            Status.ON_TRACK,
            Status.AT_RISK,
            Status.OFF_TRACK,
            Status.DONE,
            Status.NOT_STARTED,
        )
    )
    lines = "".join(
        f'<TD ALIGN="LEFT">{html_label_text(words)}  </TD>'
        for words in (
            _("solid line: contributes to"),
            _("dashed line: supports"),
            _("purple dashed line: depends on"),
            *([_("blue dotted line: an initiative drives")] if initiatives else []),
        )
    )
    return (
        '<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">'
        '<TR><TD COLSPAN="20"><FONT POINT-SIZE="18">'
        f"<B>{html_label_text(heading)}</B></FONT></TD></TR>"
        f'<TR><TD COLSPAN="20">{html_label_text(when)}</TD></TR>'
        f"<TR>{legend}{lines}</TR></TABLE>"
    )
