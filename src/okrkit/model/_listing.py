"""Tuples that still answer to the spellings they replace, for one release.

okrkit gives one shape to one concept: ``key_results``, ``objectives`` and
``initiatives`` are properties holding tuples on :class:`~okrkit.OKRSet`, the alignment
graph and the scorecard alike. On the graph and the scorecard they used to be methods
returning lists; :class:`Listing` is the tuple they return now, and calling it still
works and warns.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from okrkit.i18n import _

__all__ = ["Listing", "deprecated_call"]

_T = TypeVar("_T")


def _warn(message: str, depth: int) -> None:
    """Warn at the caller ``depth`` frames above the function that calls this one."""
    warnings.warn(message, DeprecationWarning, stacklevel=depth + 2)


class Listing(tuple[_T, ...]):
    """A tuple of entities or scores; calling it is the deprecated method spelling.

    ``graph.key_results`` is a tuple; ``graph.key_results()`` still returns a list, with
    a :class:`DeprecationWarning`, until the next release.

    Examples:
        >>> import warnings
        >>> items = Listing((1, 2), "graph.key_results")
        >>> items
        (1, 2)
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     items()
        [1, 2]
        >>> caught[0].category.__name__
        'DeprecationWarning'
    """

    _name: str

    def __new__(cls, items: Iterable[_T], name: str) -> Listing[_T]:
        listing = super().__new__(cls, items)
        listing._name = name
        return listing

    def __call__(self) -> list[_T]:
        _warn(
            _("{name}() is deprecated: {name} is a tuple now; use it without the call").format(
                name=self._name
            ),
            1,
        )
        return list(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (tuple(self), self._name))


def deprecated_call(old: str, new: str, function: Callable[[], _T]) -> _T:
    """Warn that ``old`` is deprecated in favour of ``new``, then return ``function()``."""
    _warn(_("{old} is deprecated; use {new}").format(old=old, new=new), 2)
    return function()
