"""Turning an imported :class:`~okrkit.checkins._sources.Table` into a check-in log.

Every row is checked: a key result (known, when the caller says which are), a day, a
finite value, a confidence when given, an author id (an owner's, when the caller says
which are), the day inside the key result's cycle (when the caller gives the cycles),
and one check-in a day per key result. The checks run by column; only the rows that
fail are looked at one by one, to say why.

All or nothing: a bad row makes one error that lists the bad rows (the first
:data:`~okrkit.errors.HINT_LIMIT` of them, then how many more), and nothing is
returned. With ``skip_bad`` the good rows make the log and each bad row is one
problem in its :attr:`~okrkit.checkins.CheckInLog.diagnostics`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.checkins._cells import BadRows, read_days, read_ids
from okrkit.checkins._headers import match_columns
from okrkit.checkins._sources import Table
from okrkit.checkins._store import DAY_BITS
from okrkit.checkins._values import read_levels, read_texts, read_values, refuse_strangers
from okrkit.errors import (
    HINT_LIMIT,
    LoadError,
    Message,
    Problem,
    Shown,
    UsageError,
    ValidationError,
)
from okrkit.errors._message import Spelled
from okrkit.i18n import N_
from okrkit.model import Cycle
from okrkit.model._checks import is_valid_id

if TYPE_CHECKING:
    from okrkit.checkins._log import CheckInLog

__all__ = ["Options", "imported"]


def _decimal(_instance: object, _attribute: object, value: object) -> None:
    if value not in {".", ","}:
        raise UsageError(
            Message(N_("'decimal' must be '.' or ',' (got {value!r})"), value=Shown(value))
        )


def _format(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise UsageError(
            Message(
                N_("'day_format' must be a strptime format such as '%d/%m/%Y' (got {value})"),
                value=Shown(value),
            )
        )


def _known(known: Iterable[str] | None) -> frozenset[str] | None:
    if known is None:
        return None
    try:
        if isinstance(known, str):  # one id is a list of one, not a set of letters
            raise TypeError(known)
        return frozenset(known)
    except TypeError as exc:
        raise UsageError(
            Message(
                N_("'known' must be a list of key result ids, such as ['kr-1'] (got {value})"),
                value=Shown(known),
            )
        ) from exc


def _authors(authors: Iterable[str] | None) -> frozenset[str] | None:
    if authors is None:
        return None
    try:
        if isinstance(authors, str):
            raise TypeError(authors)
        return frozenset(authors)
    except TypeError as exc:
        raise UsageError(
            Message(
                N_("'authors' must be a list of owner ids, such as ['lan'] (got {value})"),
                value=Shown(authors),
            )
        ) from exc


@attrs.frozen(kw_only=True)
class Options:
    """How to read an import's rows; the keywords of ``CheckInLog.from_csv`` and the like.

    Attributes:
        columns: Which of the source's columns holds each field.
        decimal: The decimal mark of the values, ``"."`` or ``","``.
        day_format: The ``strptime`` format of days not written ``YYYY-MM-DD``.
        known: The ids of the key results that may be checked in; ``None`` for any.
        authors: The ids of the owners who may be a check-in's author; ``None`` for any.
        cycles: Each key result's cycle: a check-in outside it is refused.
        skip_bad: Keep the good rows, instead of refusing the import.
    """

    columns: Mapping[str, str] | None = None
    decimal: str = attrs.field(default=".", validator=_decimal)
    day_format: str | None = attrs.field(default=None, validator=_format)
    known: frozenset[str] | None = attrs.field(default=None, converter=_known)
    authors: frozenset[str] | None = attrs.field(default=None, converter=_authors)
    cycles: Mapping[str, Cycle] | None = None
    skip_bad: bool = False


_SOURCES = {"<data frame>": N_("data frame"), "<Arrow table>": N_("Arrow table")}
"""The names of the sources in memory, as their tables name them, and as messages do."""


def imported(cls: type[CheckInLog], table: Table, options: Options) -> CheckInLog:
    """The log of ``table``'s rows, every one checked (see the module's docstring).

    Raises:
        ValidationError: (a ``LoadError`` for a file) listing the bad rows, each with
            its row number and why, unless ``options.skip_bad``.
    """
    in_memory = table.file in _SOURCES
    source = Message(_SOURCES[table.file] if in_memory else N_("file"))
    positions = match_columns(
        table.headers,
        options.columns,
        source=source,
        file=None if in_memory else table.file,
        line=table.header_line,
    )
    count = len(table.rows)
    bad = BadRows()
    for row, message in table.refused.items():
        bad.add(row, "", message)

    def column(field: str) -> Any:
        cells = table.column(positions[field])
        if len(cells[1] if isinstance(cells, tuple) else cells) != count:
            raise UsageError(
                Message(N_("the columns of a check-in table must have the same length"))
            )
        return cells

    ids, codes = read_ids(column("key_result"), bad, options.known)
    days = read_days(column("on"), bad, options.day_format)
    values = read_values(column("value"), bad, options.decimal)
    levels = (
        read_levels(column("confidence"), bad)
        if "confidence" in positions
        else np.zeros(count, dtype=np.int8)
    )
    notes = read_texts(column("note"), "note", bad) if "note" in positions else {}
    authors = read_texts(column("author"), "author", bad) if "author" in positions else {}
    if options.authors is not None:
        refuse_strangers(authors, options.authors, bad)
    if options.cycles:
        _outside(ids, codes, days, options.cycles, bad)
    _twice(ids, codes, days, table.rows, bad)
    if not bad.reasons:
        return cls.from_codes(ids, codes, days, values, levels, notes, authors)
    if not options.skip_bad:
        error = ValidationError if in_memory else LoadError
        shown = _problems(table, positions, ids, codes, bad, limit=HINT_LIMIT)
        raise error(_shortened(shown, len(bad.reasons), table.file))
    problems = _problems(table, positions, ids, codes, bad, limit=None)
    keep = ~bad.mask(count)
    log = cls.from_codes(
        ids,
        codes[keep],
        days[keep],
        values[keep],
        levels[keep],
        _kept(notes, keep),
        _kept(authors, keep),
    )
    return log.with_diagnostics(problems)


def _outside(
    ids: list[str],
    codes: npt.NDArray[np.int32],
    days: npt.NDArray[np.int32],
    cycles: Mapping[str, Cycle],
    bad: BadRows,
) -> None:
    """Refuse the rows dated outside their key result's cycle."""
    first, last = _bounds_of(ids, cycles)
    rows = np.flatnonzero((days < first[codes]) | (days > last[codes]))

    def message(row: int) -> Message:
        ident = ids[codes[row]]
        cycle = cycles[ident]
        return Message(
            N_(
                "the day {day} falls outside the cycle {cycle!r} of {id!r} ({start} to {end}); "
                "check the date, or the key result"
            ),
            day=dt.date.fromordinal(int(days[row])),
            cycle=Shown(cycle.id),
            id=Shown(ident),
            start=cycle.start,
            end=cycle.end,
        )

    bad.add_all(rows, "on", message)


def _twice(
    ids: list[str],
    codes: npt.NDArray[np.int32],
    days: npt.NDArray[np.int32],
    numbers: npt.NDArray[np.int64],
    bad: BadRows,
) -> None:
    """Refuse every check-in of a key result on a day it has one already (earlier rows win)."""
    at = np.flatnonzero(~bad.mask(len(codes)))
    keys = (codes[at].astype(np.int64) << DAY_BITS) | days[at]
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    same = ordered[1:] == ordered[:-1]
    if not same.any():
        return
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    again = np.flatnonzero(same) + 1
    rows = at[order[again]]
    firsts = at[order[starts[np.searchsorted(starts, again, side="right") - 1]]]
    first_of = dict(zip(rows.tolist(), firsts.tolist(), strict=True))

    def message(row: int) -> Message:
        return Message(
            N_(
                "{id!r} has a check-in on {day} already, in row {row}; one check-in a day "
                "per key result, so keep one"
            ),
            id=Shown(ids[codes[row]]),
            day=dt.date.fromordinal(int(days[row])),
            row=int(numbers[first_of[row]]),
        )

    bad.add_all(rows, "on", message)


def _problems(
    table: Table,
    positions: dict[str, int],
    ids: list[str],
    codes: npt.NDArray[np.int32],
    bad: BadRows,
    *,
    limit: int | None,
) -> list[Problem]:
    """A problem per bad row (the first ``limit``), in row order: file, row, column, why."""
    headers = {field: table.headers[at] for field, at in positions.items()}
    problems = []
    for row in sorted(bad.reasons)[:limit]:
        field, message = bad.message(row)
        ident = ids[codes[row]]
        problems.append(
            Problem(
                "checkin.row",
                message,
                entity_id=ident if is_valid_id(ident) else None,
                path=headers.get(field),
                file=table.file,
                line=int(table.rows[row]),
            )
        )
    return problems


def _shortened(problems: list[Problem], count: int, file: str) -> list[Problem]:
    """The problems of the first bad rows, then one that sums up the rest of the ``count``."""
    if count <= len(problems):
        return problems
    return [
        *problems,
        Problem(
            "checkin.row",
            Message(
                N_(
                    "and {count} more rows that cannot be imported; fix these and import again, "
                    "or pass {skip_bad} to import only the good rows"
                ),
                count=count - len(problems),
                skip_bad=Spelled("skip_bad=True", "--skip-bad"),
            ),
            file=file,
            unlisted=count - len(problems),
        ),
    ]


def _kept(texts: dict[int, str], keep: npt.NDArray[np.bool_]) -> dict[int, str]:
    """``texts`` of the kept rows, by their new positions."""
    if not texts:
        return texts
    position = np.cumsum(keep) - 1
    return {int(position[row]): text for row, text in texts.items() if keep[row]}


def _bounds_of(
    ids: list[str], cycles: Mapping[str, Cycle]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The first and last ordinal of each id's cycle (unbounded for an id without one)."""
    first = np.zeros(len(ids), dtype=np.int64)
    last = np.full(len(ids), dt.date.max.toordinal(), dtype=np.int64)
    for code, ident in enumerate(ids):
        cycle = cycles.get(ident)
        if cycle is not None:
            first[code], last[code] = cycle.start.toordinal(), cycle.end.toordinal()
    return first, last
