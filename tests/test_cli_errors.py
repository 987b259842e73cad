"""The command line refuses bad paths and values in one line, never with a traceback.

Every command is run with a missing folder, a forbidden path, bad option values and,
where it reads a file and writes one, its own input as output. Each run must exit
non-zero with exactly one line on standard error, no traceback, and leave the user's
files as they were.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from forbidden import forbidden_folder, unlock
from okrkit.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "acme.yaml"
TEMPLATE = "pm-retention-onboarding"


class Places:
    """The paths a case is built from, all inside the test's own folder."""

    def __init__(self, root: Path, forbidden: Path) -> None:
        self.root = root
        self.okrs = root / "okrs.yaml"
        shutil.copyfile(EXAMPLE, self.okrs)
        self.link = root / "link.yaml"
        self.link.symlink_to(self.okrs.name)
        self.missing = root / "missing" / "dir"
        self.forbidden = forbidden
        self.unreadable = forbidden / "okrs.yaml"


Case = Callable[[Places], list[str]]


def new(output: Path, *extra: str) -> list[str]:
    """``okrkit new`` from the retention template into ``output``, with ``extra`` options."""
    return ["new", "--template", TEMPLATE, "-o", str(output), *extra]


# (id, the arguments): every command, with each kind of bad input that applies to it.
CASES: list[tuple[str, Case]] = [
    # a missing folder
    ("schema-out-missing", lambda p: ["schema", "-o", str(p.missing / "s.json")]),
    ("report-in-missing", lambda p: ["report", str(p.missing / "okrs.yaml")]),
    ("score-in-missing", lambda p: ["score", str(p.missing / "okrs.yaml")]),
    ("graph-in-missing", lambda p: ["graph", str(p.missing / "okrs.yaml")]),
    ("graph-out-missing", lambda p: ["graph", str(p.okrs), "-o", str(p.missing / "g.mmd")]),
    ("new-out-missing", lambda p: new(p.missing / "n.yaml")),
    # a forbidden path
    ("schema-out-forbidden", lambda p: ["schema", "-o", str(p.forbidden / "s.json")]),
    ("report-in-forbidden", lambda p: ["report", str(p.unreadable)]),
    ("score-in-forbidden", lambda p: ["score", str(p.unreadable)]),
    ("graph-in-forbidden", lambda p: ["graph", str(p.unreadable)]),
    ("graph-out-forbidden", lambda p: ["graph", str(p.okrs), "-o", str(p.forbidden / "g.dot")]),
    ("new-out-forbidden", lambda p: new(p.forbidden / "n.yaml")),
    ("graph-out-under-a-file", lambda p: ["graph", str(p.okrs), "-o", str(p.okrs / "g.dot")]),
    ("new-out-is-a-folder", lambda p: new(p.root)),
    # bad option values
    ("schema-locale", lambda _p: ["schema", "--locale", "klingon"]),
    ("report-locale", lambda p: ["report", str(p.okrs), "--locale", "xx_YY_ZZ"]),
    ("score-as-of-year-0", lambda p: ["score", str(p.okrs), "--as-of", "0000-01-01"]),
    ("score-as-of-month-13", lambda p: ["score", str(p.okrs), "--as-of", "2026-13-01"]),
    ("score-strategy-colon", lambda p: ["score", str(p.okrs), "--strategy", ":"]),
    ("score-strategy-class", lambda p: ["score", str(p.okrs), "--strategy", "okrkit:OKRSet"]),
    ("score-strategy-relative", lambda p: ["score", str(p.okrs), "--strategy", ".x:y"]),
    ("score-strategy-module", lambda p: ["score", str(p.okrs), "--strategy", "os:path"]),
    ("score-strategy-missing", lambda p: ["score", str(p.okrs), "--strategy", "no.such:x"]),
    ("score-strategy-unknown", lambda p: ["score", str(p.okrs), "--strategy", "lineer"]),
    ("graph-format", lambda p: ["graph", str(p.okrs), "-f", "svg"]),
    ("graph-unknown-option", lambda p: ["graph", str(p.okrs), "--colour"]),
    ("templates-list-level", lambda _p: ["templates", "list", "--level", "boss"]),
    ("templates-search-level", lambda _p: ["templates", "search", "x", "--level", "boss"]),
    ("templates-show-unknown", lambda _p: ["templates", "show", "no-such-template"]),
    ("templates-show-no-id", lambda _p: ["templates", "show"]),
    ("unknown-command", lambda _p: ["plot"]),
    ("new-cycle-year-0", lambda p: new(p.root / "n.yaml", "--cycle", "0000")),
    ("new-cycle-q5", lambda p: new(p.root / "n.yaml", "--cycle", "2026-Q5")),
    ("new-set-syntax", lambda p: new(p.root / "n.yaml", "--set", "oops")),
    ("new-template", lambda p: ["new", "--template", "no-such", "-o", str(p.root / "n.yaml")]),
    ("new-owner-id", lambda p: new(p.root / "n.yaml", "--owner", "a b")),
    ("new-suffix", lambda p: new(p.root / "n.txt")),
    ("new-no-output", lambda _p: ["new", "--template", TEMPLATE]),
    # its own input as output
    ("graph-own-input", lambda p: ["graph", str(p.okrs), "-o", str(p.okrs)]),
    ("graph-own-input-link", lambda p: ["graph", str(p.okrs), "-o", str(p.link)]),
    ("graph-own-input-relative", lambda p: ["graph", str(p.link), "-o", f"{p.root}/./okrs.yaml"]),
]


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Places]:
    """The example copied in, a link to it, a missing folder, a forbidden one.

    Reading ``forbidden/okrs.yaml`` is made to fail with "permission denied" as the OS
    would: root may read anything, and the forbidden folder may be ``/sys``.
    """
    forbidden = forbidden_folder(tmp_path)
    found = Places(tmp_path, forbidden)
    read_bytes = Path.read_bytes

    def guarded(path: Path) -> bytes:
        if path.parent == forbidden:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    yield found
    unlock(tmp_path)


def files_of(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` (not following links), with its bytes."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink() and os.access(path.parent, os.X_OK)
    }


class TestEveryCommand:
    @pytest.mark.parametrize("case", [case for _name, case in CASES], ids=[n for n, _c in CASES])
    def test_one_line_no_traceback(self, places: Places, case: Case) -> None:
        """The command fails with status 1 or 2, one line on stderr, and changes no file."""
        before = files_of(places.root)
        result = CliRunner().invoke(main, case(places))
        assert isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code in {1, 2}
        assert "Traceback" not in result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].strip()
        assert files_of(places.root) == before

    def test_usage_error_points_to_help(self) -> None:
        """A usage error is "Error: ..." and where the help is, not the usage block."""
        result = CliRunner().invoke(
            main, ["templates", "list", "--level", "boss"], prog_name="okrkit"
        )
        assert result.exit_code == 2
        assert result.stderr.startswith("Error: Invalid value for '--level'")
        assert result.stderr.rstrip().endswith("(see 'okrkit templates list --help')")

    def test_no_command_still_prints_help(self) -> None:
        """`okrkit` alone prints the help, as before, not a one-line error."""
        result = CliRunner().invoke(main, [])
        assert "Commands:" in result.output


class TestOwnInput:
    def test_graph_over_its_input_needs_force(self, places: Places) -> None:
        """`graph FILE -o FILE` keeps FILE and says why; with --force it writes the graph."""
        before = places.okrs.read_bytes()
        args = ["graph", str(places.okrs), "-o", str(places.link), "--locale", "en"]
        refused = CliRunner().invoke(main, args)
        assert refused.exit_code == 1
        assert "is the file being read" in refused.stderr
        assert "--force" in refused.stderr
        assert places.okrs.read_bytes() == before
        forced = CliRunner().invoke(main, [*args, "--force"])
        assert forced.exit_code == 0, forced.output
        assert places.link.is_symlink()
        assert places.okrs.read_text(encoding="utf-8").startswith("flowchart")

    def test_graph_replaces_another_file_whole(self, places: Places) -> None:
        """Writing over another existing file replaces it, keeps its mode, leaves no temp file."""
        out = places.root / "graph.dot"
        out.write_text("old\n", encoding="utf-8")
        out.chmod(0o644)
        result = CliRunner().invoke(main, ["graph", str(places.okrs), "-f", "dot", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith("digraph")
        assert out.stat().st_mode & 0o777 == 0o644
        assert not [p for p in places.root.iterdir() if p.name.endswith(".tmp")]


class TestRealProcess:
    @pytest.mark.parametrize(
        "args",
        [
            ["graph", "{okrs}", "-o", "missing/dir/okrs.mmd"],
            ["graph", "{okrs}", "-o", "{okrs}"],
            ["new", "--template", TEMPLATE, "-o", "n.yaml", "--cycle", "0000"],
            ["score", "{okrs}", "--strategy", ":"],
        ],
        ids=["missing-folder", "own-input", "bad-cycle", "bad-strategy"],
    )
    def test_console_script(self, tmp_path: Path, args: list[str]) -> None:
        """`python -m okrkit`, run for real, fails in one line on stderr and no traceback."""
        okrs = tmp_path / "okrs.yaml"
        shutil.copyfile(EXAMPLE, okrs)
        result = subprocess.run(
            [sys.executable, "-m", "okrkit", *(a.format(okrs=okrs) for a in args)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
        assert result.returncode in {1, 2}
        assert "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stdout == ""
        assert okrs.read_bytes() == EXAMPLE.read_bytes()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["okrs.yaml"]
