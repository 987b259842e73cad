"""An OKR set as four Parquet tables, where engines past one machine read it.

:func:`to_parquet` writes ``objectives``, ``key_results``, ``links`` and ``checkins``
(the schema is :data:`PARQUET_SCHEMA`, explained in docs/scale.md); DuckDB, Spark,
Polars, pandas and every data warehouse read them, and
:func:`okrkit.scoring.sql.rollup_sql` scores them in SQL. :func:`to_arrow_tables` gives
the same tables in memory. Both need the ``arrow`` extra (pyarrow).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from okrkit.errors import Message, Shown, WriteError, import_extra, os_reason
from okrkit.i18n import N_
from okrkit.io._arguments import an_okrset
from okrkit.io._write import write_atomically
from okrkit.model import KeyResult, Objective, OKRSet

__all__ = ["PARQUET_SCHEMA", "to_arrow_tables", "to_parquet"]

PARQUET_SCHEMA: Mapping[str, tuple[tuple[str, str, bool], ...]] = {
    "objectives": (
        ("id", "string", False),
        ("title", "string", False),
        ("description", "string", False),
        ("owner", "string", False),
        ("cycle", "string", False),
        ("cycle_start", "date32", False),
        ("cycle_end", "date32", False),
        ("level", "string", False),
        ("ambition", "string", False),
        ("tags", "list<string>", False),
        ("final_grade", "float64", True),
        ("final_reason", "string", True),
        ("carried_from", "string", True),
    ),
    "key_results": (
        ("id", "string", False),
        ("objective", "string", False),
        ("title", "string", False),
        ("description", "string", False),
        ("kind", "string", False),
        ("start", "float64", True),
        ("target", "float64", True),
        ("stretch", "float64", True),
        ("unit", "string", False),
        ("currency", "string", True),
        ("scale_low", "float64", True),
        ("scale_high", "float64", True),
        ("weight", "float64", False),
        ("due", "date32", True),
        ("owners", "list<string>", False),
        ("plan", "list<struct<on: date32, value: float64>>", False),
        ("final_grade", "float64", True),
        ("final_reason", "string", True),
        ("carried_from", "string", True),
    ),
    "links": (
        ("child", "string", False),
        ("child_kind", "string", False),
        ("parent", "string", False),
        ("parent_kind", "string", False),
        ("kind", "string", False),
        ("weight", "float64", False),
    ),
    "checkins": (
        ("key_result", "string", False),
        ("on", "date32", False),
        ("value", "float64", False),
        ("confidence", "int8", True),
        ("note", "string", True),
        ("author", "string", True),
    ),
}
"""Every table :func:`to_parquet` writes: its columns as (name, Arrow type, nullable).

The tables are written in this order, the columns in this order; the types are
Arrow's names (``date32`` is a day, ``float64`` a double). docs/scale.md says what each
column holds.
"""

_FORMAT_VERSION = b"1"


def _arrow_types(pa: Any) -> dict[str, Any]:
    """The Arrow type of each type name :data:`PARQUET_SCHEMA` uses."""
    return {
        "string": pa.string(),
        "float64": pa.float64(),
        "date32": pa.date32(),
        "int8": pa.int8(),
        "list<string>": pa.list_(pa.string()),
        "list<struct<on: date32, value: float64>>": pa.list_(
            pa.struct([("on", pa.date32()), ("value", pa.float64())])
        ),
    }


def _schema(pa: Any, name: str) -> Any:
    types = _arrow_types(pa)
    return pa.schema(
        [
            pa.field(column, types[kind], nullable=nullable)
            for column, kind, nullable in PARQUET_SCHEMA[name]
        ],
        metadata={b"okrkit.table": name.encode(), b"okrkit.format": _FORMAT_VERSION},
    )


def _grade(entity: KeyResult | Objective) -> tuple[float | None, str | None]:
    final = entity.final_grade
    return (None, None) if final is None else (final.value, final.reason)


def _rows(
    items: Iterable[Any], columns: Mapping[str, Callable[[Any], Any]]
) -> dict[str, list[Any]]:
    """Column lists: for each column, its getter applied to every item."""
    items = list(items)
    return {name: [get(item) for item in items] for name, get in columns.items()}


def _objective_columns(okrset: OKRSet) -> dict[str, list[Any]]:
    cycles = {cycle.id: cycle for cycle in okrset.cycles}
    return _rows(
        okrset.objectives,
        {
            "id": lambda o: o.id,
            "title": lambda o: o.title,
            "description": lambda o: o.description,
            "owner": lambda o: o.owner,
            "cycle": lambda o: o.cycle,
            "cycle_start": lambda o: cycles[o.cycle].start,
            "cycle_end": lambda o: cycles[o.cycle].end,
            "level": lambda o: o.level.value,
            "ambition": lambda o: o.ambition.value,
            "tags": lambda o: list(o.tags),
            "final_grade": lambda o: _grade(o)[0],
            "final_reason": lambda o: _grade(o)[1],
            "carried_from": lambda o: getattr(o, "carried_from", None),
        },
    )


def _key_result_columns(okrset: OKRSet) -> dict[str, list[Any]]:
    pairs = [(kr, o.id) for o in okrset.objectives for kr in o.key_results]
    return _rows(
        pairs,
        {
            "id": lambda p: p[0].id,
            "objective": lambda p: p[1],
            "title": lambda p: p[0].title,
            "description": lambda p: p[0].description,
            "kind": lambda p: p[0].metric.kind.value,
            "start": lambda p: p[0].metric.start,
            "target": lambda p: p[0].metric.target,
            "stretch": lambda p: p[0].metric.stretch,
            "unit": lambda p: p[0].metric.unit.value,
            "currency": lambda p: p[0].metric.currency,
            "scale_low": lambda p: None if p[0].metric.scale is None else p[0].metric.scale[0],
            "scale_high": lambda p: None if p[0].metric.scale is None else p[0].metric.scale[1],
            "weight": lambda p: p[0].weight,
            "due": lambda p: p[0].due,
            "owners": lambda p: list(p[0].owners),
            "plan": lambda p: [{"on": step.on, "value": step.value} for step in p[0].plan],
            "final_grade": lambda p: _grade(p[0])[0],
            "final_reason": lambda p: _grade(p[0])[1],
            "carried_from": lambda p: getattr(p[0], "carried_from", None),
        },
    )


def _link_columns(okrset: OKRSet) -> dict[str, list[Any]]:
    key_results = {kr.id for kr in okrset.key_results}

    def kind_of(ident: str) -> str:
        return "key_result" if ident in key_results else "objective"

    entities: list[Objective | KeyResult] = []
    for objective in okrset.objectives:
        entities.append(objective)
        entities.extend(objective.key_results)
    links = [(entity.id, link) for entity in entities for link in entity.aligned_to]
    return _rows(
        links,
        {
            "child": lambda p: p[0],
            "child_kind": lambda p: kind_of(p[0]),
            "parent": lambda p: p[1].parent,
            "parent_kind": lambda p: kind_of(p[1].parent),
            "kind": lambda p: p[1].kind.value,
            "weight": lambda p: p[1].weight,
        },
    )


def to_arrow_tables(okrset: OKRSet) -> dict[str, Any]:
    """The four tables of :func:`to_parquet` as pyarrow Tables, by name.

    For engines that read Arrow in memory (DuckDB, Polars) without files in between.
    Needs the ``arrow`` extra.

    Raises:
        MissingExtraError: when pyarrow is not installed.

    Examples:
        >>> import okrkit
        >>> tables = to_arrow_tables(okrkit.load("examples/acme.en.yaml"))
        >>> list(tables), tables["links"].schema.field("weight").type
        (['objectives', 'key_results', 'links', 'checkins'], DataType(double))
    """
    pa: Any = import_extra("pyarrow", "arrow")
    columns = {
        "objectives": _objective_columns(okrset),
        "key_results": _key_result_columns(okrset),
        "links": _link_columns(okrset),
    }
    out = {
        name: pa.Table.from_pydict(data, schema=_schema(pa, name))
        for name, data in columns.items()
    }
    log = okrset.checkins.to_arrow()
    key_results = log.column("key_result").cast(pa.string())
    out["checkins"] = pa.Table.from_arrays(
        [key_results, *log.columns[1:]], schema=_schema(pa, "checkins")
    )
    return out


def _ready_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) if it is missing; a file there is refused."""
    shown = os.fspath(folder)
    if "\0" in shown:
        raise WriteError(
            Message(
                N_("cannot write {file!r}: a path cannot hold a NUL character"), file=Shown(shown)
            ),
            file=shown,
            errno=errno.EINVAL,
        )
    if folder.exists() and not folder.is_dir():
        raise WriteError(
            Message(
                N_("cannot write into {folder}: it is a file, not a folder; give a folder"),
                folder=shown,
            ),
            file=shown,
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(
            Message(
                N_("cannot make the folder {folder}: {reason}"),
                folder=shown,
                reason=os_reason(exc),
            ),
            file=shown,
            errno=exc.errno,
        ) from exc


def to_parquet(okrset: OKRSet, folder: str | os.PathLike[str]) -> dict[str, Path]:
    """Write an OKR set and its check-ins as four Parquet tables in ``folder``.

    ``objectives.parquet``, ``key_results.parquet``, ``links.parquet`` and
    ``checkins.parquet``, typed as :data:`PARQUET_SCHEMA` says (days as ``date32``,
    numbers as ``float64``). A missing folder is made. Every table is encoded before the
    first file is written, and each file is written whole or not at all
    (:func:`write_atomically`); files of the same names are replaced, other files in
    the folder are left alone. Needs the ``arrow`` extra.

    Args:
        okrset: The OKR set, with its check-ins.
        folder: Where to write the four files.

    Returns:
        The path of each table's file, by table name.

    Raises:
        MissingExtraError: when pyarrow is not installed.
        WriteError: when the folder cannot be made or a file cannot be written.
        UsageError: when ``okrset`` is not an :class:`~okrkit.OKRSet`.

    Examples:
        >>> import okrkit, tempfile
        >>> paths = to_parquet(okrkit.load("examples/acme.en.yaml"), tempfile.mkdtemp())
        >>> sorted(path.name for path in paths.values())
        ['checkins.parquet', 'key_results.parquet', 'links.parquet', 'objectives.parquet']
    """
    okrset = an_okrset(okrset, "to_parquet")
    pa: Any = import_extra("pyarrow", "arrow")
    pq: Any = import_extra("pyarrow.parquet", "arrow")
    payloads = {}
    for name, table in to_arrow_tables(okrset).items():
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink)
        payloads[name] = sink.getvalue().to_pybytes()
    target = Path(folder)
    _ready_folder(target)
    paths: dict[str, Path] = {}
    for name, payload in payloads.items():
        path = target / f"{name}.parquet"
        write_atomically(path, payload)
        paths[name] = path
    return paths
