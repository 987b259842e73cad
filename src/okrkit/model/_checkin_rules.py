"""The check-in rules of an OKR set, run by column over a check-in log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.errors import Message, Problem, Shown
from okrkit.i18n import N_
from okrkit.model._checkin import CheckIn
from okrkit.model._entities import Cycle, Owner
from okrkit.model._enums import Unit
from okrkit.model._hooks import checkin_log
from okrkit.model._objective import KeyResult

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
    from okrkit.model._rules import References

__all__ = ["checkin_problems", "log_of", "outside_cycles", "same_day"]


def is_log(value: object) -> bool:
    """Tell whether ``value`` is a check-in log (without importing the layer above)."""
    return type(value).__name__ == "CheckInLog"


def log_of(checkins: CheckInLog | Sequence[CheckIn | None]) -> CheckInLog:
    """The log to check: as given, or built from the valid check-ins of a list."""
    if is_log(checkins):
        return cast("CheckInLog", checkins)
    items = cast(Sequence[Any], checkins)
    valid = [item for item in items if isinstance(item, CheckIn)]
    log = checkin_log().from_checkins(valid)  # the class checkins lends (model/_hooks.py)
    if len(valid) != len(items):  # keep the paths of the list as it was given
        positions = np.array([i for i, item in enumerate(items) if isinstance(item, CheckIn)])
        log = log.relocated(positions)
    return log


def checkin_problems(check: References, log: CheckInLog) -> None:
    """Check a log's rows against the set, by column: one pass per rule."""
    look_up = _cycles_to_look_up(check, log)
    known = _known_key_results(check, log, look_up)
    _impossible_values(check, log, known)
    authors = log.authors()
    unknown = {author for author in set(authors.values()) if not check.exists(author, Owner)}
    ids, codes = log.ids(), log.codes
    for row, author in authors.items() if unknown else ():
        if author in unknown:
            path = f"{log.where(row)}.author"
            check.need(author, Owner, path, ids[codes[row]], N_("author"))
    check.outside = outside_cycles(log, known.cycles) if look_up else ()


def _cycles_to_look_up(check: References, log: CheckInLog) -> bool:
    """Whether some check-in may fall outside some cycle of the set.

    When every check-in falls inside every cycle (one cycle, usually), no key result's
    cycle needs looking up.
    """
    known_cycles = [c for c in check.index.values() if isinstance(c, Cycle)]
    days = log.days
    return (
        bool(len(days))
        and bool(known_cycles)
        and not (
            int(days.min()) >= max(c.start.toordinal() for c in known_cycles)
            and int(days.max()) <= min(c.end.toordinal() for c in known_cycles)
        )
    )


@attrs.define
class _Known:
    """For each key result code of a log: its key result, cycle and accepted values."""

    key_results: list[KeyResult | None]
    cycles: list[Cycle | None]
    low: npt.NDArray[np.float64]
    high: npt.NDArray[np.float64]
    milestone: npt.NDArray[np.bool_]


def _known_key_results(check: References, log: CheckInLog, look_up: bool) -> _Known:
    """Look each of the log's key results up once; report the unknown ones."""
    ids, offsets = log.ids(), log.offsets
    size = len(ids)
    known = _Known(
        key_results=[None] * size,
        cycles=[None] * size,
        low=np.full(size, -np.inf),
        high=np.full(size, np.inf),
        milestone=np.zeros(size, dtype=bool),
    )
    index, objective_of = check.index, check.objective_of
    for code, ident in enumerate(ids):
        kr = index.get(ident)
        if not isinstance(kr, KeyResult):
            if ident not in check.known:  # else known from a failed entry
                path = f"{log.where(int(offsets[code]))}.key_result"
                check.need(ident, KeyResult, path, ident, N_("key result"))
            continue
        known.key_results[code] = kr
        if look_up:
            cycle = index.get(objective_of[ident].cycle)
            known.cycles[code] = cycle if isinstance(cycle, Cycle) else None
        metric = kr.metric
        if metric.is_milestone:
            known.milestone[code] = True
        elif metric.scale is not None:
            known.low[code], known.high[code] = metric.scale
        elif metric.unit in (Unit.DURATION_DAYS, Unit.DURATION_HOURS, Unit.DURATION_MINUTES):
            known.low[code] = 0.0
    return known


def _impossible_values(check: References, log: CheckInLog, known: _Known) -> None:
    """Report the values a key result's metric cannot take, by column."""
    codes, values = log.codes, log.values
    wrong = np.where(
        known.milestone[codes],
        (values != 0.0) & (values != 1.0),
        (values < known.low[codes]) | (values > known.high[codes]),
    )
    for row in np.flatnonzero(wrong).tolist():
        kr = known.key_results[codes[row]]
        assert kr is not None  # rows of unknown key results are never flagged
        check.add(
            f"{log.where(row)}.value",
            kr.id,
            "value.range",
            Message(
                N_(
                    "value {value:g} on {on} is not possible for a metric of kind '{kind}': {rule}"
                ),
                value=float(values[row]),
                on=dt.date.fromordinal(int(log.days[row])),
                kind=kr.metric.kind.value,
                rule=_accepts_rule(kr),
            ),
        )


def outside_cycles(log: CheckInLog, cycles: Sequence[Cycle | None]) -> tuple[Problem, ...]:
    """The check-ins dated outside their key result's cycle, as diagnostics.

    ``cycles`` holds the cycle of each code of the log (``None``: not checked). Such
    check-ins are kept; this says where they are.
    """
    bounds: dict[str, tuple[int, int]] = {}
    first = np.zeros(len(cycles), dtype=np.int64)
    last = np.full(len(cycles), dt.date.max.toordinal(), dtype=np.int64)
    for code, cycle in enumerate(cycles):
        if cycle is not None:
            found = bounds.get(cycle.id)
            if found is None:
                found = bounds[cycle.id] = (cycle.start.toordinal(), cycle.end.toordinal())
            first[code], last[code] = found
    codes, days = log.codes, log.days
    outside = (days < first[codes]) | (days > last[codes])
    problems = []
    for row in np.flatnonzero(outside).tolist():
        code = int(codes[row])
        cycle = cycles[code]
        assert cycle is not None  # only rows with a cycle can fall outside one
        problems.append(
            Problem(
                "date.outside_cycle",
                Message(
                    N_("check-in on {day} falls outside cycle {cycle!r} ({start} to {end})"),
                    day=dt.date.fromordinal(int(days[row])),
                    cycle=Shown(cycle.id),
                    start=cycle.start,
                    end=cycle.end,
                ),
                entity_id=log.ids()[code],
                path=log.where(row),
            )
        )
    return tuple(problems)


def same_day(check: References, log: CheckInLog, shift: int = 0) -> None:
    """Report every second check-in of a key result on one day.

    With ``shift``, only pairs where one check-in came from position ``shift`` of the
    input on (the ones being added) are reported.
    """
    codes, days = log.codes, log.days
    if len(codes) < 2:
        return
    same = np.flatnonzero((codes[1:] == codes[:-1]) & (days[1:] == days[:-1]))
    origin = log.source_positions()
    for row in same.tolist():
        first, second = sorted((row, row + 1), key=lambda r: int(origin[r]))
        if int(origin[second]) < shift:
            continue
        ident = log.ids()[codes[row]]
        check.add(
            log.where(second),
            ident,
            "id.duplicate",
            Message(
                N_(
                    "{id!r} already has a check-in on {on} (at {first}); one check-in a "
                    "day per key result, so keep one"
                ),
                id=Shown(ident),
                on=dt.date.fromordinal(int(days[row])),
                first=log.where(first),
            ),
        )


def _accepts_rule(kr: KeyResult) -> Message:
    metric = kr.metric
    if metric.is_milestone:
        return Message(N_("report 1 when done and 0 when not"))
    if metric.scale is not None:
        return Message(
            N_("report a value on the scale {low:g}-{high:g}"),
            low=metric.scale[0],
            high=metric.scale[1],
        )
    return Message(N_("a duration cannot be negative"))
