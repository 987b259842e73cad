"""Writing files: whole or not at all, with the right mode, through links, errors in one line."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import okrkit
from forbidden import forbidden_folder, unlock
from okrkit import Cycle, OKRSet, Owner, WriteError
from okrkit.io import write_atomically
from okrkit.io._write import STALE_AFTER, is_temporary

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes and links as POSIX has them")


@pytest.fixture(scope="module")
def okrs() -> OKRSet:
    """A small OKR set to write."""
    return OKRSet(cycles=[Cycle.year(2026)], owners=[Owner(id="lan", name="Lan")], objectives=[])


@pytest.fixture
def umask() -> Iterator[None]:
    """Run the test under umask 0o022, and restore the process's own afterwards."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def forbidden(tmp_path: Path) -> Iterator[Path]:
    """A folder in which this process may not create files."""
    yield forbidden_folder(tmp_path)
    unlock(tmp_path)


def mode(path: Path) -> int:
    """The permission bits of ``path``."""
    return stat.S_IMODE(path.stat().st_mode)


def others(folder: Path, *keep: str) -> list[str]:
    """The names in ``folder`` other than ``keep``."""
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


class TestMode:
    def test_replaced_file_keeps_its_mode(self, tmp_path: Path, okrs: OKRSet, umask: None) -> None:
        """A 0644 file stays 0644 (and a 0640 one 0640), whatever the umask."""
        target = tmp_path / "okrs.yaml"
        for bits in (0o644, 0o640, 0o604):
            target.write_text("old\n", encoding="utf-8")
            target.chmod(bits)
            os.umask(0o077)
            okrkit.dump(okrs, target)
            assert mode(target) == bits
            assert okrkit.load(target) == okrs

    @pytest.mark.parametrize(
        ("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)]
    )
    def test_new_file_follows_the_umask(
        self, tmp_path: Path, okrs: OKRSet, umask: None, mask: int, expected: int
    ) -> None:
        """A new file gets 0o666 less the umask, as any program's new file does."""
        os.umask(mask)
        target = tmp_path / "okrs.json"
        okrkit.dump(okrs, target)
        assert mode(target) == expected

    def test_text_is_utf8_with_unix_newlines(self, tmp_path: Path) -> None:
        """Text is written as UTF-8 with its newlines as they are."""
        target = tmp_path / "notes.txt"
        write_atomically(target, "Mục tiêu\nKết quả then chốt\n")
        assert target.read_bytes() == "Mục tiêu\nKết quả then chốt\n".encode()


class TestLinks:
    def test_writes_through_a_symlink(self, tmp_path: Path, okrs: OKRSet) -> None:
        """Dumping to a link replaces the file it points to and keeps the link."""
        real = tmp_path / "data" / "okrs.yaml"
        real.parent.mkdir()
        real.write_text("old\n", encoding="utf-8")
        link = tmp_path / "okrs.yaml"
        link.symlink_to(Path("data") / "okrs.yaml")
        okrkit.dump(okrs, link)
        assert link.is_symlink()
        assert okrkit.load(real) == okrs
        assert others(tmp_path, "okrs.yaml", "data") == []
        assert others(real.parent, "okrs.yaml") == []

    def test_link_to_a_link_and_a_dangling_link(self, tmp_path: Path, okrs: OKRSet) -> None:
        """A chain of links is followed to its end; a dangling link gets its target made."""
        (tmp_path / "first.yaml").symlink_to("second.yaml")
        (tmp_path / "second.yaml").symlink_to("real.yaml")
        okrkit.dump(okrs, tmp_path / "first.yaml")
        assert (tmp_path / "first.yaml").is_symlink()
        assert (tmp_path / "second.yaml").is_symlink()
        assert okrkit.load(tmp_path / "real.yaml") == okrs

    def test_hard_link_is_replaced_not_written_into(self, tmp_path: Path) -> None:
        """The rename gives the path a new file: another hard link keeps the old text."""
        target = tmp_path / "okrs.yaml"
        target.write_text("old\n", encoding="utf-8")
        os.link(target, tmp_path / "backup.yaml")
        write_atomically(target, "new\n")
        assert (tmp_path / "backup.yaml").read_text(encoding="utf-8") == "old\n"


class TestErrors:
    def test_missing_folder(self, tmp_path: Path, okrs: OKRSet) -> None:
        """A missing folder is one line that names the file and the folder, and says what to do."""
        target = tmp_path / "missing" / "dir" / "okrs.yaml"
        with pytest.raises(WriteError) as excinfo:
            okrkit.dump(okrs, target)
        message = str(excinfo.value)
        assert message == (
            f"cannot write {target}: the folder {target.parent} does not exist; create it first"
        )
        assert excinfo.value.file == str(target)
        assert excinfo.value.errno == errno.ENOENT
        assert isinstance(excinfo.value, OSError)
        assert not (tmp_path / "missing").exists()

    def test_forbidden_folder(self, forbidden: Path, okrs: OKRSet) -> None:
        """A folder we may not write into is a WriteError saying "permission denied"."""
        target = forbidden / "okrs.yaml"
        with pytest.raises(WriteError, match=r"^cannot write .*okrs\.yaml: permission denied"):
            okrkit.dump(okrs, target)
        assert not target.exists()

    def test_a_file_in_the_path(self, tmp_path: Path, okrs: OKRSet) -> None:
        """A file where a folder should be says so."""
        (tmp_path / "okrs.yaml").write_text("old\n", encoding="utf-8")
        with pytest.raises(WriteError, match="is a file, not a folder"):
            okrkit.dump(okrs, tmp_path / "okrs.yaml" / "x.yaml")

    def test_target_is_a_folder(self, tmp_path: Path, okrs: OKRSet) -> None:
        """A folder named like the file is not replaced."""
        (tmp_path / "okrs.yaml").mkdir()
        with pytest.raises(WriteError, match="it is a folder"):
            okrkit.dump(okrs, tmp_path / "okrs.yaml")
        assert (tmp_path / "okrs.yaml").is_dir()

    def test_nul_in_path(self, tmp_path: Path) -> None:
        """A NUL character in a path is a WriteError, not a ValueError from the OS layer."""
        with pytest.raises(WriteError, match="NUL"):
            write_atomically(str(tmp_path / "a\0b.yaml"), "x")

    def test_failed_flush_leaves_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A full disk at fsync keeps the old file, leaves no temporary file, and says so."""
        target = tmp_path / "okrs.yaml"
        target.write_text("old\n", encoding="utf-8")

        def full(_fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(WriteError, match="the disk is full"):
            write_atomically(target, "new\n")
        assert target.read_text(encoding="utf-8") == "old\n"
        assert others(tmp_path, "okrs.yaml") == []


class TestTemporaryFiles:
    def test_name_pattern(self) -> None:
        """The temporary names are distinctive; other hidden files are not taken for them."""
        assert is_temporary(".okrs.yaml.okrkit-0123456789ab.tmp")
        for name in (
            ".okrs.yaml.swp",
            "okrs.yaml.okrkit-0123456789ab.tmp",
            ".okrs.yaml.okrkit-0123456789ab.tmp.bak",
            ".okrs.yaml.okrkit-XYZ.tmp",
            ".okrs.yaml.abc123.tmp",
        ):
            assert not is_temporary(name), name

    def test_stale_ones_are_removed_young_ones_kept(self, tmp_path: Path) -> None:
        """The next write removes okrkit's leftovers older than a minute, and nothing else."""
        stale = tmp_path / ".okrs.yaml.okrkit-00000000000a.tmp"
        other_file = tmp_path / ".plan.toml.okrkit-00000000000b.tmp"
        young = tmp_path / ".okrs.yaml.okrkit-00000000000c.tmp"
        not_ours = tmp_path / ".okrs.yaml.tmp"
        for path in (stale, other_file, young, not_ours):
            path.write_text("half a file", encoding="utf-8")
        old = time.time() - STALE_AFTER - 5
        for path in (stale, other_file, not_ours):
            os.utime(path, (old, old))
        write_atomically(tmp_path / "okrs.yaml", "new\n")
        assert others(tmp_path, "okrs.yaml") == sorted([young.name, not_ours.name])


# Runs in a child process: forks a writer 50 times, kills it with SIGKILL at a random
# moment of its loop of dumps, and looks at the file each time; then ages the leftovers
# past STALE_AFTER and writes once more. Prints what it saw as JSON.
KILLER = textwrap.dedent(
    """
    import json, os, random, signal, sys, time
    from pathlib import Path

    import okrkit
    from okrkit import Cycle, KeyResult, Metric, Objective, OKRSet, Owner

    def company(tag):
        cycle = Cycle.quarter(2026, 1)
        owners = [Owner(id=f"p{i}", name=f"Người {i}") for i in range(10)]
        objectives = [
            Objective(
                id=f"o{o}", title=f"Mục tiêu {o} {tag}", owner=f"p{o % 10}", cycle=cycle.id,
                level="team",
                key_results=[
                    KeyResult(
                        id=f"kr-{o}-{k}", title=f"Tăng {o}-{k} từ 10 lên 20 {tag}",
                        metric=Metric(kind="increase", start=10, target=20),
                    )
                    for k in range(4)
                ],
            )
            for o in range(200)
        ]
        return OKRSet(cycles=[cycle], owners=owners, objectives=objectives)

    folder, kills, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    target = folder / "okrs.json"
    old, new = company("old"), company("new")
    texts = {"old": okrkit.dumps(old, "json").encode(), "new": okrkit.dumps(new, "json").encode()}
    okrkit.dump(old, target)
    start = time.perf_counter()
    okrkit.dump(old, target)
    okrkit.dump(new, target)
    lap = time.perf_counter() - start
    rng = random.Random(seed)
    seen = []
    for _ in range(kills):
        pid = os.fork()
        if pid == 0:
            try:
                while True:
                    okrkit.dump(new, target)
                    okrkit.dump(old, target)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, lap))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        data = target.read_bytes()
        seen.append(next((name for name, text in texts.items() if text == data), "torn"))
    left = sorted(p.name for p in folder.iterdir() if p.name != "okrs.json")
    aged = time.time() - 2 * 60
    for name in left:
        os.utime(folder / name, (aged, aged))
    okrkit.dump(new, target)
    after = sorted(p.name for p in folder.iterdir() if p.name != "okrs.json")
    print(json.dumps({"seen": seen, "left": left, "after": after,
                      "last": target.read_bytes() == texts["new"]}))
    """
)


class TestKills:
    @pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
    def test_killed_writer_leaves_old_or_new_file(self, tmp_path: Path) -> None:
        """SIGKILL at 50 random moments of a dump loop: the file is always whole; leftovers go."""
        result = subprocess.run(
            [sys.executable, "-c", KILLER, str(tmp_path), "50", "20260101"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
        )
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert len(report["seen"]) == 50
        assert "torn" not in report["seen"]
        assert all(is_temporary(name) for name in report["left"]), report["left"]
        assert report["after"] == []
        assert report["last"]
