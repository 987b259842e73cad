"""The linear roll-up as one SQL query, for engines past one machine.

:func:`rollup_sql` returns a query over the four Parquet tables that
:func:`okrkit.io.to_parquet` writes (``objectives``, ``key_results``, ``links``,
``checkins``). It gives ``(id, kind, score)`` for every key result and objective: the
numbers of :meth:`okrkit.OKRSet.score` with the ``"linear"`` strategy, within 1e-9.

The query keeps to SQL that DuckDB (1.0 and later) and Spark SQL (4.1 and later)
both run, and nothing that only one of them has:

- ``WITH RECURSIVE`` whose recursive member is a ``UNION ALL`` of an anchor and a
  plain inner join (no aggregate, window or subquery on the recursive side): the
  shape Spark 4.1 added and DuckDB has always run;
- inner and left joins, ``GROUP BY`` with ``SUM`` and ``MAX``, ``CASE``, ``COALESCE``,
  ``NULLIF``, ``LEAST``, ``GREATEST`` and ``ROUND(x, 12)``: core SQL in both;
- ``DATE 'YYYY-MM-DD'`` literals, and doubles written ``0E0`` and ``1E0`` (a double
  in both; ``0.0`` would be a decimal);
- identifiers as plain words, never quoted: no quote is shared (DuckDB before 2.0
  refuses backticks, Spark reads double quotes as text), so table names are checked
  to be plain dotted names instead; the column ``on``, a keyword, is always written
  after its table's alias (``c.on``), which both accept (Spark unless
  ``spark.sql.ansi.enforceReservedKeywords`` is turned on).

How it works: a key result's own score is its latest value on or before ``as_of``,
scored as :class:`~okrkit.scoring.Linear` does and clamped to [0, 1]. A weighted mean
is linear, so a parent's score is the sum, over every path from a key result up to
it, of that key result's own score times each step's share (the weight of the step
over the weights that count toward the parent); the recursive part walks those paths
upward. An owner's final grade, once its cycle is over, starts paths of its own and
stops the paths that arrive from below. The query therefore has one row per path
while it runs: in a tree, about the number of key results times the depth.

Examples:
    >>> sql = rollup_sql(as_of="2026-03-15", tables={"checkins": "lake.okr.checkins"})
    >>> "DATE '2026-03-15'" in sql, "FROM lake.okr.checkins AS c" in sql
    (True, True)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from okrkit.errors import (
    Message,
    Problem,
    Shown,
    UnknownIdError,
    UnknownStrategyError,
    ValidationError,
)
from okrkit.i18n import N_
from okrkit.model import DateLike, as_date

__all__ = ["TABLES", "rollup_sql"]

TABLES = ("objectives", "key_results", "links", "checkins")
"""The tables the query reads; each is named by itself unless ``tables=`` says otherwise."""

# The longest chain of alignment the query follows: far past any real company's, and a
# stop for a loop in hand-made tables (okrkit refuses loops, so its tables have none).
_MAX_STEPS = 1000

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")

# The query, with the four table names, {day} (ISO), {as_of} (its DATE literal) and
# {max_steps} to fill in. Doubles are written 0E0 and 1E0: in Spark 0.0 is a decimal.
_LINEAR = """\
-- okrkit linear roll-up as of {day}: (id, kind, score) for every key result and objective
WITH RECURSIVE
nodes AS (
  SELECT k.id AS id, 'key_result' AS kind, o.cycle_end AS cycle_end,
         k.final_grade AS final_grade
  FROM {key_results} AS k JOIN {objectives} AS o ON o.id = k.objective
  UNION ALL
  SELECT o.id, 'objective', o.cycle_end, o.final_grade FROM {objectives} AS o
),
-- after its cycle, an owner's final grade stands in for the computed score
graded AS (
  SELECT id, final_grade AS grade FROM nodes
  WHERE final_grade IS NOT NULL AND cycle_end < {as_of}
),
last_day AS (
  SELECT c.key_result, MAX(c.on) AS day FROM {checkins} AS c
  WHERE c.on <= {as_of} GROUP BY c.key_result
),
-- two check-ins of one key result on one day: the larger counts as the later
latest AS (
  SELECT c.key_result, MAX(c.value) AS value
  FROM {checkins} AS c
  JOIN last_day AS d ON d.key_result = c.key_result AND c.on = d.day
  GROUP BY c.key_result
),
own AS (
  SELECT k.id, k.weight, CASE WHEN l.value IS NULL THEN 0 ELSE 1 END AS started,
    CASE
      WHEN l.value IS NULL THEN 0E0
      WHEN k.kind IN ('increase', 'decrease') THEN ROUND(LEAST(1E0, GREATEST(0E0,
        COALESCE((l.value - k.start) / NULLIF(k.target - k.start, 0E0), 0E0))), 12)
      WHEN k.kind = 'milestone' THEN CASE WHEN l.value >= 1E0 THEN 1E0 ELSE 0E0 END
      WHEN k.kind = 'at_least' THEN
        CASE WHEN l.value >= COALESCE(k.target, 0E0) THEN 1E0 ELSE 0E0 END
      WHEN k.kind = 'at_most' THEN
        CASE WHEN l.value <= COALESCE(k.target, 0E0) THEN 1E0 ELSE 0E0 END
      ELSE 0E0
    END AS score
  FROM {key_results} AS k LEFT JOIN latest AS l ON l.key_result = k.id
),
-- what counts toward what: a key result toward its objective by its own weight, and
-- a contributes link by the link's weight (supports links never count)
edges AS (
  SELECT child, parent, weight FROM (
    SELECT k.id AS child, k.objective AS parent, k.weight AS weight FROM {key_results} AS k
    UNION ALL
    SELECT l.child, l.parent, l.weight FROM {links} AS l WHERE l.kind = 'contributes'
  ) AS candidates
  WHERE weight > 0E0
),
parents AS (SELECT DISTINCT parent AS id FROM edges),
-- the weights that count toward each parent: its children's, and a key result's own
-- when it has been checked in
totals AS (
  SELECT id, SUM(weight) AS total FROM (
    SELECT parent AS id, weight FROM edges
    UNION ALL
    SELECT o.id, o.weight FROM own AS o JOIN parents AS p ON p.id = o.id
    WHERE o.started = 1 AND o.weight > 0E0
  ) AS counted
  GROUP BY id
),
sources AS (
  SELECT id AS node, grade AS amount FROM graded
  UNION ALL
  SELECT o.id, CASE WHEN t.id IS NULL THEN o.score ELSE o.score * o.weight / t.total END
  FROM own AS o
  LEFT JOIN totals AS t ON t.id = o.id
  LEFT JOIN graded AS g ON g.id = o.id
  WHERE g.id IS NULL
),
shares AS (
  SELECT e.child, e.parent, e.weight / t.total AS share
  FROM edges AS e
  JOIN totals AS t ON t.id = e.parent
  LEFT JOIN graded AS g ON g.id = e.parent
  WHERE g.id IS NULL
),
-- every path upward: a source's amount times each step's share (okrkit's tables never
-- loop; the step count stops one that hand-made tables might hold)
flow AS (
  SELECT node, amount, 0 AS step FROM sources
  UNION ALL
  SELECT s.parent, f.amount * s.share, f.step + 1
  FROM flow AS f JOIN shares AS s ON s.child = f.node
  WHERE f.step < {max_steps}
)
SELECT n.id AS id, n.kind AS kind,
       LEAST(1E0, GREATEST(0E0, COALESCE(SUM(f.amount), 0E0))) AS score
FROM nodes AS n LEFT JOIN flow AS f ON f.node = n.id
GROUP BY n.id, n.kind
ORDER BY n.kind, n.id
"""


def _checked(key: str, name: object) -> str:
    """``name``, once it is shown to be a plain dotted identifier (nothing else is written)."""
    if not isinstance(name, str) or not _IDENTIFIER.fullmatch(name):
        raise ValidationError(
            Problem(
                "value.invalid",
                Message(
                    N_(
                        "the table name for {table} must be a plain name or dotted path of "
                        "letters, digits and underscores, such as lake.okr.{table} (got {value})"
                    ),
                    table=key,
                    value=Shown(name),
                ),
                path=f"tables[{key!r}]",
            )
        )
    return name


def _table_names(tables: Mapping[str, str] | None) -> dict[str, str]:
    given = dict(tables or {})
    for key in given:
        if key not in TABLES:
            raise UnknownIdError.among(str(key), Message(N_("table")), TABLES)
    return {key: _checked(key, given.get(key, key)) for key in TABLES}


def rollup_sql(
    strategy: str = "linear",
    *,
    as_of: DateLike | None = None,
    tables: Mapping[str, str] | None = None,
) -> str:
    """The roll-up of ``strategy`` as one SQL query over the Parquet tables.

    The query returns ``(id, kind, score)``: one row for every key result
    (``kind = 'key_result'``) and objective (``'objective'``), key results first,
    each sorted by id; ``score`` is the value that rolls up, as the scorecard's
    :meth:`~okrkit.scoring.Scorecard.value` gives it with the same strategy and date.
    It runs on DuckDB and on Spark SQL 4.1 or later (see the module docstring and
    docs/scale.md). Statuses, expected progress, confidence and forecasts stay with
    okrkit.

    Args:
        strategy: The scoring strategy; only ``"linear"`` (okrkit's default) has SQL.
        as_of: The scoring date (a date, a datetime, ISO text or a pandas
            ``Timestamp``), written into the query as a ``DATE`` literal; today by
            default.
        tables: The name to read for each table, by table name (see :data:`TABLES`),
            such as ``{"checkins": "lake.okr.checkins"}``; the others keep their own
            names. Each must be a plain name or a dotted path of letters, digits and
            underscores, and is written as it is: no quote works in both engines.

    Returns:
        The query text.

    Raises:
        UnknownStrategyError: for any strategy other than ``"linear"``.
        ValidationError: for a date that cannot be read, or a table name that is not
            a plain dotted name.
        UnknownIdError: for a key of ``tables`` that is not one of :data:`TABLES`.

    Examples:
        >>> print(rollup_sql(as_of="2026-03-15").splitlines()[0])
        -- okrkit linear roll-up as of 2026-03-15: (id, kind, score) for every key result and objective
        >>> rollup_sql("grade")
        Traceback (most recent call last):
        ...
        okrkit.errors.UnknownStrategyError: only the 'linear' scoring strategy has SQL today (got 'grade'); score with okrkit itself for the others
    """  # noqa: E501
    if not isinstance(strategy, str) or strategy != "linear":
        raise UnknownStrategyError(
            Message(
                N_(
                    "only the 'linear' scoring strategy has SQL today (got {name}); score "
                    "with okrkit itself for the others"
                ),
                name=Shown(strategy),
            )
        )
    day = dt.date.today() if as_of is None else as_date(as_of)
    names = _table_names(tables)
    # A date's isoformat is digits and dashes only: nothing else reaches the query.
    return _LINEAR.format(
        day=day.isoformat(), as_of=f"DATE '{day.isoformat()}'", max_steps=_MAX_STEPS, **names
    )
