"""Use the Parquet export and the roll-up SQL as a user would; `mypy --strict tests/typing`.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import okrkit
from okrkit.io import PARQUET_SCHEMA, to_arrow_tables, to_parquet
from okrkit.scoring.sql import TABLES, rollup_sql


def export(path: str, folder: Path) -> dict[str, Path]:
    """Write a file's set as Parquet tables; the paths come back by table name."""
    return to_parquet(okrkit.load(path), folder)


def in_memory(okrs: okrkit.OKRSet) -> dict[str, Any]:
    """The same tables as pyarrow Tables (typed Any: pyarrow is an optional extra)."""
    return to_arrow_tables(okrs)


def columns(table: str) -> list[str]:
    """The documented columns of one table."""
    return [name for name, _type, _nullable in PARQUET_SCHEMA[table]]


def nightly(day: dt.date, catalog: str) -> str:
    """The roll-up over a catalog's tables, for a pipeline to run."""
    tables: Mapping[str, str] = {name: f"{catalog}.okr.{name}" for name in TABLES}
    return rollup_sql("linear", as_of=day, tables=tables)


def today() -> str:
    """The defaults: linear, as of today, the tables under their own names."""
    return rollup_sql() + rollup_sql(as_of="2026-03-15") + rollup_sql(as_of=dt.datetime.now())
