"""The check-in log: every check-in of an OKR set, stored by column in numpy arrays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from okrkit.checkins._columns import (
    confidence_column,
    day_column,
    factorize,
    sparse_column,
    value_column,
)
from okrkit.checkins._import import Importing
from okrkit.checkins._read import Series
from okrkit.checkins._store import Store
from okrkit.errors import Message, Problem, Shown, UsageError, ValidationError
from okrkit.i18n import N_
from okrkit.model import CheckIn, Cycle, OKRSet
from okrkit.model._words import described, label_of

__all__ = ["CheckInLog", "Series"]


class CheckInLog(Importing, Sequence[CheckIn]):
    """Every check-in, sorted by key result and day, stored by column.

    The log is the one storage of check-ins: an :class:`~okrkit.OKRSet` holds one, and
    its ``checkins`` attribute *is* the log. It reads as a sequence of
    :class:`~okrkit.CheckIn` (made on access, sorted by key result id, then day), and
    exposes its columns as read-only numpy arrays for vectorised work. A log never
    changes: :meth:`append` returns a new one.

    Two check-ins of one key result on one day are kept in the order of their values
    (an :class:`~okrkit.OKRSet` refuses them; a bare log reads the larger as the later).

    Args:
        checkins: The check-ins, in any order (see :meth:`from_checkins`).
        key_results: The ids of the key results that may be checked in, or ``None``
            to accept any.
        cycles: For each key result id, its cycle: a check-in dated outside it is
            kept, and reported in :attr:`diagnostics`.

    Raises:
        ValidationError: naming every key result not in ``key_results``.

    Examples:
        >>> import datetime as dt
        >>> import okrkit
        >>> log = okrkit.load("examples/acme.en.yaml").checkins
        >>> log.value_at("kr-velocity", dt.date(2026, 2, 1))
        28.0
        >>> log.latest("kr-velocity", as_of="2026-03-31").on
        datetime.date(2026, 3, 27)
    """

    __slots__ = ()

    def __init__(
        self,
        checkins: Iterable[CheckIn] = (),
        *,
        key_results: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
    ) -> None:
        built = self.from_checkins(checkins, known=key_results, cycles=cycles)
        for name in Store.__slots__:
            object.__setattr__(self, name, getattr(built, name))

    # -- building --------------------------------------------------------------------------

    @classmethod
    def from_checkins(
        cls,
        checkins: Iterable[CheckIn],
        *,
        known: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
    ) -> CheckInLog:
        """Build a log from :class:`~okrkit.CheckIn` objects (or another log).

        Args:
            checkins: The check-ins, in any order.
            known: The ids of the key results that may be checked in; ``None`` accepts any.
            cycles: For each key result id, its cycle (see :attr:`diagnostics`).
        """
        if isinstance(checkins, CheckInLog):
            return checkins._checked(known, cycles)
        rows = list(checkins)
        for row, checkin in enumerate(rows):
            if not isinstance(checkin, CheckIn):
                raise ValidationError(
                    Problem(
                        "field.type",
                        Message(
                            N_("each of '{field}' must be {kind} (got {value})"),
                            field="checkins",
                            kind=label_of(CheckIn, article=True),
                            value=described(checkin),
                        ),
                        path=f"checkins[{row}]",
                    )
                )
        return cls.from_columns(
            [c.key_result for c in rows],
            np.fromiter((c.on.toordinal() for c in rows), dtype=np.int32, count=len(rows)),
            np.fromiter((c.value for c in rows), dtype=np.float64, count=len(rows)),
            np.fromiter((c.confidence or 0 for c in rows), dtype=np.int8, count=len(rows)),
            notes={row: c.note for row, c in enumerate(rows) if c.note},
            authors={row: c.author for row, c in enumerate(rows) if c.author is not None},
            known=known,
            cycles=cycles,
        )

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[Sequence[Any]],
        *,
        known: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
    ) -> CheckInLog:
        """Build a log from plain rows, as a database cursor or a CSV reader gives them.

        Each row is ``(key_result, on, value)`` followed, optionally, by confidence,
        note and author.

        Raises:
            ValidationError: for a row of too few or too many fields, or a bad value
                (as :meth:`from_columns`).
            UsageError: for a row that is not a sequence at all.

        Examples:
            >>> log = CheckInLog.from_rows([("kr-1", "2026-01-09", 3), ("kr-1", "2026-01-16", 5, 4)])
            >>> len(log), log.latest("kr-1", as_of="2026-02-01").confidence
            (2, <Confidence.HIGH: 4>)
        """  # noqa: E501
        columns: list[list[Any]] = [[], [], [], [], [], []]
        for number, row in enumerate(rows):
            try:
                size = len(row)
            except TypeError:  # not a row at all: a programming error, kept a TypeError
                raise UsageError(
                    Message(
                        N_("check-in row {row} must be a tuple or a list (got {value})"),
                        row=number,
                        value=Shown(row),
                    )
                ) from None
            if not 3 <= size <= 6:
                raise ValidationError(
                    Problem(
                        "checkin.row",
                        Message(
                            N_(
                                "a check-in row holds key result, day and value, then optionally "
                                "confidence, note and author (got {count} fields)"
                            ),
                            count=len(row),
                        ),
                        path=f"checkins[{number}]",
                    )
                )
            for column, field in zip(columns, row, strict=False):
                column.append(field)
            for column in columns[len(row) :]:
                column.append(None)
        kr, days, values, confidences, notes, authors = columns
        return cls.from_columns(
            kr, days, values, confidences, notes, authors, known=known, cycles=cycles
        )

    @classmethod
    def from_columns(  # noqa: PLR0917 - the columns in the order every table has them
        cls,
        key_results: Sequence[str] | npt.NDArray[Any],
        days: Sequence[dt.date | int] | npt.NDArray[Any],
        values: Sequence[float] | npt.NDArray[Any],
        confidences: Sequence[int | str | None] | npt.NDArray[Any] | None = None,
        notes: Sequence[str | None] | Mapping[int, str] | None = None,
        authors: Sequence[str | None] | Mapping[int, str] | None = None,
        *,
        known: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
    ) -> CheckInLog:
        """Build a log from parallel columns, without making a CheckIn per row.

        Made for large data (a database query, a DataFrame's columns). Rows need not be
        sorted. ``days`` may be dates, ordinals (``date.toordinal()``), ISO text or numpy
        ``datetime64``; ``notes`` and ``authors`` may be columns or ``{row: text}``
        mappings for the few rows that have one.

        Raises:
            ValidationError: when the columns differ in length, or a value is not a
                finite number, a day not a date, a confidence not 1-5.

        Examples:
            >>> import numpy as np
            >>> log = CheckInLog.from_columns(["a", "a"], np.array(["2026-01-16", "2026-01-09"],
            ...     dtype="datetime64[D]"), [2.0, 1.0])
            >>> log.history("a")[0].value
            1.0
        """
        count = len(key_results)
        if (
            len(days) != count
            or len(values) != count
            or (confidences is not None and len(confidences) != count)
            or (isinstance(notes, Sequence) and len(notes) != count)
            or (isinstance(authors, Sequence) and len(authors) != count)
        ):
            raise ValidationError(
                Problem(
                    "value.invalid", N_("the columns of a check-in log must have the same length")
                )
            )
        ids, codes = factorize(key_results)
        return cls.from_codes(
            ids,
            codes,
            days,
            values,
            confidences,
            notes,
            authors,
            known=known,
            cycles=cycles,
        )

    @classmethod
    def from_codes(  # noqa: PLR0917 - as from_columns
        cls,
        ids: Sequence[str],
        codes: npt.NDArray[np.integer[Any]],
        days: Sequence[dt.date | int] | npt.NDArray[Any],
        values: Sequence[float] | npt.NDArray[Any],
        confidences: Sequence[int | str | None] | npt.NDArray[Any] | None = None,
        notes: Sequence[str | None] | Mapping[int, str] | None = None,
        authors: Sequence[str | None] | Mapping[int, str] | None = None,
        *,
        known: Iterable[str] | None = None,
        cycles: Mapping[str, Cycle] | None = None,
    ) -> CheckInLog:
        """Build a log from coded key results: ``ids[codes[row]]`` is row's key result.

        The form of a categorical column (pandas ``Categorical``, an Arrow dictionary
        array): no id is hashed per row. Otherwise as :meth:`from_columns`.
        """
        codes = np.asarray(codes)
        if codes.dtype.kind not in "iu" or (
            len(codes) and (codes.min() < 0 or codes.max() >= len(ids))
        ):
            raise ValidationError(
                Problem(
                    "value.invalid",
                    N_("each key result code must be a position in the list of ids"),
                )
            )
        count = len(codes)
        if len(days) != count or len(values) != count:
            raise ValidationError(
                Problem(
                    "value.invalid", N_("the columns of a check-in log must have the same length")
                )
            )
        return cls._assemble(
            list(ids),
            codes.astype(np.int32),
            day_column(days),
            value_column(values),
            confidence_column(confidences, count),
            sparse_column(notes, Message(N_("note"))),
            sparse_column(authors, Message(N_("author")), ids=True),
            None,
            known,
            cycles,
        )

    def to_frame(self) -> Any:
        """The log as a pandas DataFrame, one row per check-in.

        Columns: ``key_result`` (categorical), ``on``, ``value``, ``confidence``
        (nullable), ``note`` and ``author``. Needs the ``pandas`` extra.
        """
        from okrkit.checkins._frames import frame_of

        return frame_of(self)

    def to_arrow(self) -> Any:
        """The log as a pyarrow Table, key results dictionary-encoded, days as date32.

        Needs the ``arrow`` extra.
        """
        from okrkit.checkins._frames import table_of

        return table_of(self)

    def append(self, checkins: CheckInLog | Iterable[CheckIn]) -> CheckInLog:
        """A new log with ``checkins`` added; this log stays as it was.

        Costs one pass over the columns (no re-sort of what was already sorted).

        Examples:
            >>> from okrkit import CheckIn
            >>> log = CheckInLog.from_rows([("kr-1", "2026-01-09", 3)])
            >>> longer = log.append([CheckIn(key_result="kr-1", on="2026-01-16", value=4)])
            >>> len(log), len(longer)
            (1, 2)
        """
        other = checkins if isinstance(checkins, CheckInLog) else self.from_checkins(checkins)
        if not len(other):
            return self
        if not len(self):
            return other
        return self._merged(other)

    @classmethod
    def from_okrset(cls, okrset: OKRSet) -> CheckInLog:
        """The log of an OKR set: ``okrset.checkins`` itself."""
        return cast(CheckInLog, okrset.checkins)
