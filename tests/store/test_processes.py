"""Several processes at once, and a process killed mid-write: nothing lost, nothing doubled.

Each payload runs in a child process with a timeout, so that a hang fails the test
instead of the suite.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from okrkit import Cycle, KeyResult, Metric, Objective, OKRSet, Owner
from okrkit.store import SQLiteStore

WRITERS = 4
BATCHES = 50
BATCH = 10

# Appends BATCHES batches of BATCH check-ins for key result kr-<n>, one a day.
WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from okrkit import CheckIn
    from okrkit.store import SQLiteStore

    path, number, batches, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    first = dt.date(2025, 1, 1)
    with SQLiteStore(path, timeout=60) as store:
        for batch in range(batches):
            rows = [
                CheckIn(key_result=f"kr-{number}", on=first + dt.timedelta(days=batch * size + i),
                        value=batch * size + i, author="lan")
                for i in range(size)
            ]
            assert store.append_checkins(rows, author=f"writer-{number}") == size
    """
)

# Commits small batches, then holds a large write open (the rows inserted, not yet
# committed) until it is killed.
KILLED = textwrap.dedent(
    """
    import datetime as dt, sys, time
    import numpy as np
    from okrkit import CheckIn
    from okrkit.checkins import CheckInLog
    from okrkit.store import SQLiteStore
    from okrkit.store import _checkin_table as table

    path = sys.argv[1]
    first = dt.date(2025, 1, 1)
    store = SQLiteStore(path)
    for day in range(20):
        store.append_checkins([CheckIn(key_result="kr-0", on=first + dt.timedelta(days=day),
                                       value=day)])
        print("committed", flush=True)
    insert = table.insert_new

    def insert_then_wait(*args, **kwargs):
        done = insert(*args, **kwargs)
        print("inside", flush=True)
        time.sleep(60)
        return done

    table.insert_new = insert_then_wait
    days = np.arange(first.toordinal(), first.toordinal() + 700, dtype=np.int32)
    big = CheckInLog.from_columns(["kr-1"] * 700 + ["kr-2"] * 700, np.tile(days, 2),
                                  np.arange(1400, dtype=float))
    store.append_checkins(big)
    print("finished", flush=True)
    """
)


def workspace_set() -> OKRSet:
    """Key results kr-0 .. kr-3 in a two-year cycle, and the owner lan."""
    return OKRSet(
        cycles=[Cycle(id="long", name="2025-2026", start="2025-01-01", end="2026-12-31")],
        owners=[Owner(id="lan", name="Lan")],
        objectives=[
            Objective(
                id="o1",
                title="Grow",
                owner="lan",
                cycle="long",
                level="individual",
                key_results=[
                    KeyResult(
                        id=f"kr-{n}",
                        title=f"Result {n}",
                        metric=Metric(kind="increase", start=0, target=5000),
                    )
                    for n in range(WRITERS)
                ],
            )
        ],
    )


def test_four_writers_at_once(tmp_path: Path):
    """4 processes append 500 check-ins each at once: all 2,000 are there, none doubled."""
    path = tmp_path / "okrkit.db"
    with SQLiteStore(path) as store:
        store.save(workspace_set())
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(n), str(BATCHES), str(BATCH)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    try:
        for child in children:
            _out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
    finally:
        for child in children:
            child.kill()
            child.wait()
            if child.stderr is not None:
                child.stderr.close()
    with SQLiteStore(path) as store:
        log = store.checkins()
        assert len(log) == WRITERS * BATCHES * BATCH
        for n in range(WRITERS):
            series = log.series(f"kr-{n}")
            assert series is not None
            assert len(series) == BATCHES * BATCH
            assert list(series.values) == [float(v) for v in range(BATCHES * BATCH)]
        writers = {c.author for c in store.history("kr-3") if c.kind == "checkin"}
        assert writers == {"writer-3"}
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT count(*), count(DISTINCT seq) FROM checkins").fetchone()
    assert rows == (2000, 2000)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX's")
def test_killed_in_the_middle_of_a_write(tmp_path: Path):
    """A process killed inside a large write loses nothing committed, and the store reads."""
    path = tmp_path / "okrkit.db"
    with SQLiteStore(path) as store:
        store.save(workspace_set())
    with subprocess.Popen(
        [sys.executable, "-c", KILLED, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            lines = []
            for line in child.stdout:
                lines.append(line.strip())
                if line.strip() == "inside":
                    break
            assert lines.count("committed") == 20
            assert lines[-1] == "inside"
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            child.kill()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with SQLiteStore(path) as store:
        log = store.load().checkins
        assert len(log) == 20
        assert log.ids() == ("kr-0",)
