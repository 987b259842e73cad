"""Where OKR sets live between runs: the :class:`Store` protocol and :class:`SQLiteStore`.

A store keeps whole OKR sets by workspace, every check-in, and the history of every
change: who changed what, when, the old and the new value. Nothing is deleted: an
entity left out of a later :meth:`~Store.save` stays, and :meth:`~Store.retire` takes
one out of what :meth:`~Store.load` returns while its history stays. ``as_of`` gives
the set as it was recorded by a date or a time.

:class:`SQLiteStore` is the embedded default, on the standard library's ``sqlite3``;
another backend plugs in by implementing :class:`Store` (see docs/store.md).

The end of a cycle works on any set, from a store or a file: :func:`carry_forward`
copies what is unfinished into the next cycle, :func:`close_cycle` gives everything a
final grade (see docs/cycles.md).

Examples:
    >>> import pathlib, tempfile
    >>> import okrkit
    >>> from okrkit.store import SQLiteStore
    >>> okrs = okrkit.load("examples/acme.en.yaml")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "okrs.db"
    >>> with SQLiteStore(path) as store:
    ...     added = store.save(okrs, author="lan")
    ...     store.load() == okrs, store.save(okrs)
    (True, ())
"""

from __future__ import annotations

from okrkit.store._carry import carry_forward, next_id
from okrkit.store._carry_result import CarryForward, Moved, Stayed, Why
from okrkit.store._close import Closed, Graded, GradeLike, close_cycle
from okrkit.store._protocol import Change, Store
from okrkit.store._schema import SCHEMA_VERSION
from okrkit.store._sqlite import SQLiteStore

__all__ = [
    "SCHEMA_VERSION",
    "CarryForward",
    "Change",
    "Closed",
    "GradeLike",
    "Graded",
    "Moved",
    "SQLiteStore",
    "Stayed",
    "Store",
    "Why",
    "carry_forward",
    "close_cycle",
    "next_id",
]
