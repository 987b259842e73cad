"""The alignment map: :func:`alignment_map` and what it draws to (DOT, Mermaid, SVG, PNG).

DOT and Mermaid are text okrkit writes itself; SVG and PNG come from Graphviz, through
the ``graphviz`` Python package (the ``map`` extra), which runs Graphviz's ``dot``
program. Without the program, asking for a picture raises
:class:`~okrkit.errors.MissingExtraError` with one line that says how to get it; DOT
and Mermaid still work.
"""

from __future__ import annotations

from typing import Any

import attrs

from okrkit.errors import FormatError, Message, MissingExtraError, import_extra
from okrkit.i18n import N_, get_locale
from okrkit.model import Level, OKRSet
from okrkit.report._data import ScorecardReport
from okrkit.report._map_data import MapData, build_map_data
from okrkit.report._map_dot import to_dot
from okrkit.report._map_mermaid import to_mermaid

__all__ = ["AlignmentMap", "alignment_map", "graphviz_available"]

PNG_DPI = 96
"""The resolution of a PNG map: one pixel per CSS pixel, as a screen shows it."""


def graphviz_available() -> bool:
    """Whether the map can be drawn here: the ``graphviz`` package and its ``dot`` program.

    Examples:
        >>> isinstance(graphviz_available(), bool)
        True
    """
    import shutil

    try:
        import graphviz  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return shutil.which("dot") is not None


@attrs.frozen(repr=False)
class AlignmentMap:
    """A picture of how objectives climb to the company's, scored on one date.

    Make one with :func:`alignment_map`. Every output is in the map's ``locale``
    (the active one when it was made, unless given).

    Attributes:
        data: What the map shows: the objectives, their clusters and links, and the
            scorecard they were scored with.
        locale: The language of its legend, statuses, dates and numbers.
    """

    data: MapData
    locale: str

    def to_dot(self) -> str:
        """The map as Graphviz DOT text, clusters, colours and wrapped labels included."""
        return to_dot(self.data, locale=self.locale)

    def to_mermaid(self) -> str:
        """The map as a Mermaid flowchart, with subgraphs and a ``classDef`` per status."""
        return to_mermaid(self.data, locale=self.locale)

    def to_svg(self) -> str:
        """The map drawn by Graphviz, as SVG text (the ``map`` extra and ``dot`` needed).

        Raises:
            MissingExtraError: without the ``graphviz`` package or the ``dot`` program.
            FormatError: when ``dot`` fails (its own words say why).
        """
        return _draw(self.to_dot(), "svg").decode("utf-8")

    def to_png(self) -> bytes:
        """The map drawn by Graphviz as a PNG image at 96 dpi.

        Raises:
            MissingExtraError: without the ``graphviz`` package or the ``dot`` program.
        """
        return _draw(to_dot(self.data, locale=self.locale, dpi=PNG_DPI), "png")

    def __repr__(self) -> str:
        return (
            f"<AlignmentMap: {len(self.data.objectives)} objectives, "
            f"as of {self.data.as_of.isoformat()}, {self.locale}>"
        )

    def _repr_svg_(self) -> str | None:
        """The picture in a notebook, when Graphviz is there (else the Mermaid text)."""
        return self.to_svg() if graphviz_available() else None

    def _repr_markdown_(self) -> str | None:
        """The Mermaid text, for a notebook without Graphviz (none where it can draw).

        A notebook shows the richest output it is given, and ranks Markdown above SVG:
        so only one of the two is offered.
        """
        if graphviz_available():
            return None
        return "```mermaid\n" + self.to_mermaid() + "```\n"


def alignment_map(
    okrs: OKRSet,
    *,
    as_of: Any = None,
    owner: str | None = None,
    level: Level | str | None = None,
    depth: int | None = None,
    key_results: bool = True,
    expand_key_results: bool = False,
    initiatives: bool = False,
    strategy: Any = "linear",
    locale: str | None = None,
    scorecard: ScorecardReport | None = None,
) -> AlignmentMap:
    """The alignment map of ``okrs``: company objectives on top, units in boxes, by status.

    Args:
        okrs: The set to draw.
        as_of: The date to score on (a ``date`` or ISO text); today by default.
        owner: Draw only this unit (a department, a team, a person) and everything
            below it: its objectives, those of the units under it, and every
            objective aligned under any of them.
        level: Draw objectives down to this level (``company``, ``department``,
            ``team``, ``individual``).
        depth: Draw this many levels from the top of the map (1: the top only, which
            for a whole set is the company level).
        key_results: List each objective's key results in its box, with their scores.
        expand_key_results: Draw each key result as a box of its own instead.
        initiatives: Draw the initiatives, each joined to the key results it drives.
        strategy: The scoring strategy, as for :meth:`~okrkit.OKRSet.score`.
        locale: The map's language; the active locale by default.
        scorecard: The scorecard report of ``okrs`` already built
            (:func:`~okrkit.report.build_scorecard`), to draw its scores instead of
            scoring the set again; the map then takes its date. The
            :class:`~okrkit.scoring.Scorecard` of :meth:`~okrkit.OKRSet.score` is
            refused, not scored again into a report (which would lose a what-if, a
            log or options of its own): pass ``build_scorecard(okrs, as_of=...)``.

    Raises:
        UnknownIdError: for an ``owner`` the set does not have.
        UsageError: for a ``depth`` below 1, a map of more than
            :data:`~okrkit.report.MAX_OBJECTIVES` objectives, a ``scorecard`` that is
            not a :class:`~okrkit.report.ScorecardReport`, or an ``as_of`` other than
            the given scorecard's date.
        ValidationError: for a ``level`` that is not one.

    Examples:
        >>> import okrkit
        >>> from okrkit.report import alignment_map
        >>> chart = alignment_map(okrkit.load("examples/acme.en.yaml"), as_of="2026-03-20",
        ...                       depth=1, locale="en")
        >>> chart.to_mermaid().splitlines()[1]
        'title: "OKR alignment map: Q1 2026 · as of Mar 20, 2026"'
    """
    data = build_map_data(
        okrs,
        as_of=as_of,
        owner=owner,
        level=level,
        depth=depth,
        key_results=key_results,
        expand_key_results=expand_key_results,
        initiatives=initiatives,
        strategy=strategy,
        scorecard=scorecard,
    )
    return AlignmentMap(data=data, locale=locale or get_locale())


def _draw(dot_text: str, fmt: str) -> bytes:
    """``dot_text`` laid out and drawn by Graphviz's ``dot`` as ``fmt``."""
    graphviz: Any = import_extra("graphviz", "map")
    try:
        return bytes(graphviz.Source(dot_text).pipe(format=fmt, quiet=True))
    except graphviz.CalledProcessError as exc:
        # dot's own words are English and name its internals: its exit status is enough
        # to report (run `dot` on the DOT text to see them).
        raise FormatError(
            Message(
                N_(
                    "Graphviz's dot could not draw the map as {format} (exit code {code}); "
                    "write it with --format dot and run dot on it to see why"
                ),
                format=fmt,
                code=str(exc.returncode),
            ),
            format=fmt,
        ) from None
    except graphviz.ExecutableNotFound:
        raise MissingExtraError(
            Message(
                N_(
                    "drawing the map needs Graphviz's dot program, which is not on the PATH; "
                    "install Graphviz (apt install graphviz, brew install graphviz) or ask "
                    "for --format dot or mermaid"
                )
            ),
            extra="map",
        ) from None
