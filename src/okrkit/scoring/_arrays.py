"""The arrays that vectorised scoring strategies read: metrics and histories by column."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

from okrkit.model import Metric, MetricKind

__all__ = ["KIND_CODE", "History", "MetricArrays", "round12", "round12_array"]

KIND_CODE: dict[MetricKind, int] = {kind: code for code, kind in enumerate(MetricKind)}
"""The code of each metric kind in :attr:`MetricArrays.kinds`, in declaration order."""

_ROUNDED_BELOW = 1e6  # past this, 12 decimals are beyond a float's precision anyway


def round12(value: float) -> float:
    """Round to 12 decimals the way :func:`round12_array` does, bit for bit.

    Decimal inputs then give the decimal answers people expect (1.4 -> 0.8 at 1.1 is
    0.5, not 0.49999999999999983), and the scalar and vectorised scores agree.
    """
    if abs(value) >= _ROUNDED_BELOW:
        return value
    return round(value * 1e12) / 1e12


def round12_array(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """:func:`round12` of every element."""
    small = np.abs(values) < _ROUNDED_BELOW
    return np.where(small, np.rint(np.where(small, values, 0.0) * 1e12) / 1e12, values)


def _column(metrics: Sequence[Metric], name: str) -> npt.NDArray[np.float64]:
    return np.fromiter(
        (np.nan if (v := getattr(m, name)) is None else v for m in metrics),
        dtype=np.float64,
        count=len(metrics),
    )


@attrs.frozen(eq=False)
class MetricArrays:
    """The metrics of many key results, by column, for ``score_array``.

    Attributes:
        metrics: The :class:`~okrkit.Metric` objects themselves, in the same order.
        kinds: Each metric's kind as its :data:`KIND_CODE`.
        starts: Each start, NaN where there is none.
        targets: Each target, NaN where there is none (1.0 is not filled in for
            milestones).
        stretches: Each stretch value, NaN where there is none.
    """

    metrics: tuple[Metric, ...]
    kinds: npt.NDArray[np.int8]
    starts: npt.NDArray[np.float64]
    targets: npt.NDArray[np.float64]
    stretches: npt.NDArray[np.float64]

    @classmethod
    def of(cls, metrics: Sequence[Metric]) -> MetricArrays:
        """The columns of ``metrics``.

        Examples:
            >>> MetricArrays.of([Metric(kind="increase", start=0, target=10)]).targets
            array([10.])
        """
        return cls(
            metrics=tuple(metrics),
            kinds=np.fromiter(
                (KIND_CODE[m.kind] for m in metrics), dtype=np.int8, count=len(metrics)
            ),
            starts=_column(metrics, "start"),
            targets=_column(metrics, "target"),
            stretches=_column(metrics, "stretch"),
        )

    def __len__(self) -> int:
        return len(self.metrics)


@attrs.frozen(eq=False)
class History:
    """What each key result reported before its latest value, for ``score_array``.

    Key result ``i``'s earlier values are ``values[starts[i]:stops[i]]``, oldest first;
    its latest value (the one scored) is not among them.

    Attributes:
        values: A column of values (the check-in log's).
        starts: Where each key result's earlier values start.
        stops: Where they stop (exclusive).
    """

    values: npt.NDArray[np.float64]
    starts: npt.NDArray[np.int64]
    stops: npt.NDArray[np.int64]

    @classmethod
    def empty(cls, size: int) -> History:
        """No earlier values for any of ``size`` key results."""
        none = np.zeros(size, dtype=np.int64)
        return cls(values=np.zeros(0), starts=none, stops=none)

    def of(self, key_result: int) -> tuple[float, ...]:
        """The earlier values of key result number ``key_result``."""
        return tuple(self.values[self.starts[key_result] : self.stops[key_result]].tolist())

    def rows(
        self, mask: npt.NDArray[np.bool_]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Every earlier value of the key results in ``mask``, with whose it is.

        Returns:
            For each value, the position of its key result among the selected ones, and
            the values themselves.
        """
        starts, stops = self.starts[mask], self.stops[mask]
        counts = np.maximum(stops - starts, 0)
        owner = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        first = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        return owner, self.values[first + np.arange(int(counts.sum()), dtype=np.int64)]
