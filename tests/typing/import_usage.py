"""The check-in importers as a user calls them; `mypy --strict tests/typing` must accept it.

Type-checked, not run by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import okrkit
from okrkit import Cycle, Problem
from okrkit.checkins import CheckInLog


def from_files(folder: Path, okrs: okrkit.OKRSet) -> list[CheckInLog]:
    """Every importer, with the keywords users pass."""
    known = [kr.id for kr in okrs.key_results]
    cycles: Mapping[str, Cycle] = {kr.id: okrs.cycles[0] for kr in okrs.key_results}
    columns = {"key_result": "KR", "on": "Ngày", "value": "Giá trị"}
    return [
        CheckInLog.from_csv(folder / "checkins.csv"),
        CheckInLog.from_csv(
            str(folder / "checkins.csv"),
            columns=columns,
            delimiter=";",
            decimal=",",
            day_format="%d/%m/%Y",
            known=known,
            cycles=cycles,
            skip_bad=True,
            encoding="cp1258",
            limits=okrkit.Limits(size=2**30),
        ),
        CheckInLog.from_csv(io.StringIO("key_result,on,value\n")),
        CheckInLog.from_excel(folder / "checkins.xlsx", sheet="Tiến độ", columns=columns),
        CheckInLog.from_excel(folder / "checkins.xlsx", sheet=0, known=set(known)),
        CheckInLog.from_parquet(folder / "checkins.parquet", cycles=cycles, skip_bad=False),
    ]


def from_memory(frame: object, table: object) -> tuple[CheckInLog, CheckInLog]:
    """A DataFrame and an Arrow table, typed as the libraries' objects are: anything."""
    return (
        CheckInLog.from_frame(frame, columns={"value": "Giá trị"}, decimal=","),
        CheckInLog.from_arrow(table, known=frozenset({"kr-1"}), skip_bad=True),
    )


def skipped(log: CheckInLog) -> list[tuple[str | None, int | None, str]]:
    """Where each skipped row was, and why."""
    found: tuple[Problem, ...] = log.diagnostics
    return [(problem.file, problem.line, problem.message) for problem in found]


def refused(path: Path) -> list[int | None]:
    """The rows of a refused import."""
    try:
        CheckInLog.from_csv(path)
    except okrkit.ValidationError as error:
        return [problem.line for problem in error.problems]
    return []
