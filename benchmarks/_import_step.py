"""The import-checkins step of issue 11: a CSV of check-ins into a store, then a score.

okrkit's run is what ``okrkit import-checkins`` and a report after it do: open the store,
load its set (the key results and cycles every row is checked against), read the CSV
with ``CheckInLog.from_csv``, append the check-ins, then load the set back from the
store and score it once. The baseline is what a user would write instead:
``pandas.read_csv`` and ``DataFrame.to_sql`` into a fresh sqlite3 database, which checks
nothing and scores nothing.

Outside the timing: the CSV is written and the set (objectives and key results, no
check-ins) saved into a store once per size, the workspace a user already has; each run
starts from a fresh copy of that store.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attrs
import pandas as pd

from benchmarks._org import AS_OF
from benchmarks._session import Session
from benchmarks._timing import quiet_heap
from okrkit.checkins import CheckInLog
from okrkit.store import SQLiteStore

WORKSPACE = "bench"


@dataclass
class _Prepared:
    """The CSV and the store with the set in it, made once per size."""

    csv: Path
    store: Path
    parts: dict[str, float] = field(default_factory=dict)


_PREPARED: dict[tuple[Path, int], _Prepared] = {}


def _prepare(session: Session) -> _Prepared:
    key = (session.folder, session.objectives)
    if key not in _PREPARED:
        csv = session.folder / f"checkins-{session.objectives}.csv"
        with csv.open("w", encoding="utf-8", newline="") as out:
            out.write("key_result,on,value,confidence\n")
            out.writelines(
                f"{kr},{day.isoformat()},{value!r},{'' if level is None else level}\n"
                for kr, day, value, level in session.rows.checkins
            )
        store = session.folder / f"set-{session.objectives}.db"
        with SQLiteStore(store) as target:
            # The set without its check-ins: the run imports them all from the CSV.
            target.save(attrs.evolve(session.built, checkins=()), workspace=WORKSPACE)
        _PREPARED[key] = _Prepared(csv, store)
    return _PREPARED[key]


def import_and_score(csv: Path, store: Path, parts: dict[str, float]) -> Any:
    """okrkit's run: check the CSV against the store's set, append it, load and score."""
    start = time.perf_counter()
    with SQLiteStore(store) as target:
        okrs = target.load(workspace=WORKSPACE)
        loaded = time.perf_counter()
        cycles = {cycle.id: cycle for cycle in okrs.cycles}
        log = CheckInLog.from_csv(
            csv,
            known=[kr.id for kr in okrs.key_results],
            cycles={
                kr.id: cycles[objective.cycle]
                for objective in okrs.objectives
                for kr in objective.key_results
            },
        )
        read = time.perf_counter()
        target.append_checkins(log, workspace=WORKSPACE)
        appended = time.perf_counter()
        card = target.load(workspace=WORKSPACE).score(as_of=AS_OF)
    parts["load set"] = loaded - start
    parts["from_csv"] = read - loaded
    parts["append"] = appended - read
    parts["load+score"] = time.perf_counter() - appended
    return card


def pandas_to_sql(csv: Path, database: Path) -> int:
    """The baseline: ``pandas.read_csv`` then ``DataFrame.to_sql`` into a new database."""
    frame = pd.read_csv(csv)
    with sqlite3.connect(database) as connection:
        frame.to_sql("checkins", connection, index=False)
    connection.close()
    return len(frame)


def _best(repeat: int, run: Any, fresh: Any) -> tuple[float, Any]:
    """The best time of ``run()``, each run after ``fresh()`` (not timed)."""
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        fresh()
        with quiet_heap():
            start = time.perf_counter()
            result = run()
            best = min(best, time.perf_counter() - start)
    return best, result


def import_checkins(session: Session, measure: Any) -> None:
    """Time okrkit's import and score against pandas' read_csv and to_sql."""
    prepared = _prepare(session)
    _seconds, expected = session.pandas(AS_OF)  # the scores to agree with, made untimed
    database = session.folder / f"pandas-{session.objectives}.db"
    measure.baseline, _rows = _best(
        session.repeat,
        lambda: pandas_to_sql(prepared.csv, database),
        lambda: database.unlink(missing_ok=True),
    )
    run = session.folder / f"run-{session.objectives}.db"
    parts: dict[str, float] = {}

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{run}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(prepared.store, run)

    measure.ours, card = _best(
        session.repeat, lambda: import_and_score(prepared.csv, run, parts), fresh
    )
    split = ", ".join(f"{name} {seconds:.1f}" for name, seconds in parts.items())
    mismatch = session.check("import-checkins", card, expected)
    measure.note = mismatch or f"{session.checkins / 1e6:.2f}M rows; s: {split}"
