"""The check-in log: every key result's values over time, stored by column.

A :class:`CheckInLog` keeps, for each key result, its check-in dates, values and
confidences in date order, in compact arrays; "the value as of a date" is a binary
search, and nothing is sorted again after the log is built. It is built from
:class:`~okrkit.CheckIn` objects or, for large data, straight from columns.

Examples:
    >>> import datetime as dt
    >>> import okrkit
    >>> okrs = okrkit.load("examples/acme.en.yaml")
    >>> log = CheckInLog.from_okrset(okrs)
    >>> log.value_at("kr-velocity", dt.date(2026, 2, 1))
    28.0
    >>> log.latest("kr-velocity", as_of=dt.date(2026, 3, 31)).on
    datetime.date(2026, 3, 27)
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from okrkit.errors import Problem, ValidationError
from okrkit.i18n import _
from okrkit.model import CheckIn, Confidence, Cycle, OKRSet

__all__ = ["CheckInLog", "Series"]


@attrs.frozen
class Series:
    """One key result's check-ins, oldest first, by column.

    Attributes:
        days: The check-in dates as proleptic ordinals (``date.toordinal()``).
        values: The reported values.
        confidences: The confidence of each check-in, 0 where none was given.
    """

    days: array[int]
    values: array[float]
    confidences: array[int]

    def __len__(self) -> int:
        return len(self.days)

    def index_at(self, day: int) -> int:
        """The index of the last check-in on or before ordinal ``day``, or -1."""
        return bisect.bisect_right(self.days, day) - 1


def _today() -> dt.date:
    return dt.date.today()


class CheckInLog:
    """Check-ins per key result, in date order, with lookups as of a date.

    Args:
        checkins: The check-ins, in any order.
        key_results: The ids of the key results that may be checked in, or ``None``
            to accept any.
        cycles: For each key result id, its cycle: a check-in dated outside it is
            kept, and reported in :attr:`diagnostics`.

    Raises:
        ValidationError: naming every check-in for a key result not in
            ``key_results``.
    """

    __slots__ = ("_cycles", "_notes", "_series", "diagnostics")

    def __init__(
        self,
        checkins: Iterable[CheckIn] = (),
        *,
        key_results: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
    ) -> None:
        rows = list(checkins)
        known = None if key_results is None else set(key_results)
        problems = [
            Problem(
                message=_(
                    "check-in for unknown key result {id!r}; add the key result first"
                ).format(id=checkin.key_result),
                entity_id=checkin.key_result,
                path=f"checkins[{index}]",
            )
            for index, checkin in enumerate(rows)
            if known is not None and checkin.key_result not in known
        ]
        if problems:
            raise ValidationError(problems)
        self._cycles = dict(cycles or {})
        self._notes: dict[tuple[str, int], CheckIn] = {}
        grouped: dict[str, list[CheckIn]] = {}
        for checkin in rows:
            grouped.setdefault(checkin.key_result, []).append(checkin)
        self._series: dict[str, Series] = {}
        for kr_id, items in grouped.items():
            # Ties on one day are broken by value, so the order given never matters.
            items.sort(key=lambda c: (c.on, c.value))
            self._series[kr_id] = Series(
                array("l", (c.on.toordinal() for c in items)),
                array("d", (c.value for c in items)),
                array("b", (int(c.confidence or 0) for c in items)),
            )
            for position, checkin in enumerate(items):
                self._notes[(kr_id, position)] = checkin
        self.diagnostics: tuple[Problem, ...] = tuple(self._outside_cycles())

    @classmethod
    def from_okrset(cls, okrset: OKRSet) -> CheckInLog:
        """The log of an OKR set, each key result checked against its cycle."""
        cycles = {}
        by_id = {cycle.id: cycle for cycle in okrset.cycles}
        for objective in okrset.objectives:
            for kr in objective.key_results:
                cycles[kr.id] = by_id[objective.cycle]
        return cls(okrset.checkins, key_results=cycles, cycles=cycles)

    @classmethod
    def from_columns(
        cls,
        key_results: Sequence[str],
        days: Sequence[dt.date | int],
        values: Sequence[float],
        confidences: Sequence[int | None] | None = None,
    ) -> CheckInLog:
        """Build a log from parallel columns, without making a CheckIn per row.

        Made for large data (a database query, a DataFrame's columns). ``days`` may be
        dates or their ordinals. Rows need not be sorted.

        Raises:
            ValidationError: when the columns differ in length.
        """
        count = len(key_results)
        if (
            len(days) != count
            or len(values) != count
            or (confidences is not None and len(confidences) != count)
        ):
            raise ValidationError(_("the columns of a check-in log must have the same length"))
        log = cls.__new__(cls)
        log._cycles = {}
        log._notes = {}
        rows: dict[str, list[int]] = {}
        for row, kr_id in enumerate(key_results):
            rows.setdefault(kr_id, []).append(row)
        ordinals = [d if isinstance(d, int) else d.toordinal() for d in days]
        log._series = {}
        for kr_id, indices in rows.items():
            indices.sort(key=lambda i: (ordinals[i], float(values[i])))
            log._series[kr_id] = Series(
                array("l", [ordinals[i] for i in indices]),
                array("d", [float(values[i]) for i in indices]),
                array(
                    "b",
                    [0] * len(indices)
                    if confidences is None
                    else [int(confidences[i] or 0) for i in indices],
                ),
            )
        log.diagnostics = ()
        return log

    def _outside_cycles(self) -> Iterator[Problem]:
        for kr_id, series in self._series.items():
            cycle = self._cycles.get(kr_id)
            if cycle is None:
                continue
            first, last = cycle.start.toordinal(), cycle.end.toordinal()
            for day in series.days:
                if not first <= day <= last:
                    yield Problem(
                        message=_(
                            "check-in on {day} falls outside cycle {cycle!r} ({start} to {end})"
                        ).format(
                            day=dt.date.fromordinal(day).isoformat(),
                            cycle=cycle.id,
                            start=cycle.start.isoformat(),
                            end=cycle.end.isoformat(),
                        ),
                        entity_id=kr_id,
                    )

    # -- reading -------------------------------------------------------------------------

    def __contains__(self, key_result: object) -> bool:
        return key_result in self._series

    def __len__(self) -> int:
        return sum(len(series) for series in self._series.values())

    def key_results(self) -> list[str]:
        """The ids of the key results with at least one check-in."""
        return list(self._series)

    def series(self, key_result: str) -> Series | None:
        """The columns of one key result's check-ins, or ``None`` without any."""
        return self._series.get(key_result)

    def _checkin(self, key_result: str, position: int) -> CheckIn:
        found = self._notes.get((key_result, position))
        if found is not None:
            return found
        series = self._series[key_result]
        confidence = series.confidences[position]
        return CheckIn(
            key_result=key_result,
            on=dt.date.fromordinal(series.days[position]),
            value=series.values[position],
            confidence=Confidence(confidence) if confidence else None,
        )

    def history(self, key_result: str) -> tuple[CheckIn, ...]:
        """Every check-in of ``key_result``, oldest first."""
        series = self._series.get(key_result)
        if series is None:
            return ()
        return tuple(self._checkin(key_result, i) for i in range(len(series)))

    def latest(self, key_result: str, as_of: dt.date | None = None) -> CheckIn | None:
        """The last check-in on or before ``as_of`` (today by default), or ``None``."""
        series = self._series.get(key_result)
        if series is None:
            return None
        position = series.index_at((as_of or _today()).toordinal())
        return None if position < 0 else self._checkin(key_result, position)

    def value_at(self, key_result: str, on: dt.date) -> float | None:
        """The value of ``key_result`` on day ``on``: its last check-in up to then."""
        series = self._series.get(key_result)
        if series is None:
            return None
        position = series.index_at(on.toordinal())
        return None if position < 0 else series.values[position]
