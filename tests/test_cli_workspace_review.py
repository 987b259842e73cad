"""The workspace commands as a user meets them: fixes of a review of the store commands.

A mistyped ``--store`` creates nothing, a negative value can be checked in as typed,
``okrkit init`` records the saved set's language, ``score`` and ``report`` read the
workspace's store, and ``import-checkins`` advises ``--skip-bad`` only where it helps.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import okrkit
from okrkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
VI = ROOT / "examples" / "acme.yaml"
ENGLISH_ENV = {"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "OKRKIT_LOCALE": None}


def run(*args: str) -> Result:
    """``okrkit ARGS`` in an English environment, as a user's shell runs it."""
    return CliRunner().invoke(main, list(args), env=ENGLISH_ENV, prog_name="okrkit")


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace made from the Vietnamese example, as the current folder."""
    monkeypatch.chdir(tmp_path)
    result = run("init", "--from", str(VI))
    assert result.exit_code == 0, result.output
    return tmp_path


class TestMissingStore:
    @pytest.mark.parametrize(
        ("args", "status"),
        [
            (("check", "--store", "typo.db"), 2),
            (("history", "kr-co-mrr", "--store", "typo.db"), 1),
            (("checkin", "kr-co-mrr", "3", "--store", "typo.db"), 1),
            (("score", "--store", "typo.db"), 1),
            (("report", "--store", "typo.db"), 1),
        ],
    )
    def test_nothing_is_created(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], status: int
    ) -> None:
        """A store path with no store at it is refused, and no store file is left behind."""
        monkeypatch.chdir(tmp_path)
        result = run(*args)
        assert result.exit_code == status, result.output
        assert "typo.db: there is no store here" in result.stderr
        assert "okrkit init --from FILE" in result.stderr
        assert list(tmp_path.iterdir()) == []


class TestInitLocale:
    def test_the_sets_locale_is_the_workspaces(self, workspace: Path) -> None:
        """``init --from`` a Vietnamese file writes ``locale = "vi"``: dates read as typed."""
        assert 'locale = "vi"' in (workspace / "okrkit.toml").read_text(encoding="utf-8")
        result = run("checkin", "kr-co-central", "6,2", "--on", "20/3/2026")
        assert result.exit_code == 0, result.output
        assert "20/3/2026" in result.output

    def test_locale_asked_for_wins(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """``--locale en`` is what the workspace speaks, whatever the file's own."""
        monkeypatch.chdir(tmp_path)
        assert run("--locale", "en", "init", "--from", str(VI)).exit_code == 0
        assert 'locale = "en"' in (tmp_path / "okrkit.toml").read_text(encoding="utf-8")


class TestNegativeValues:
    @pytest.fixture
    def okrs(self, tmp_path: Path) -> Path:
        """A copy of the Vietnamese example."""
        return Path(shutil.copyfile(VI, tmp_path / "okrs.yaml"))

    @pytest.mark.parametrize("typed", ["-3", "-2,5"])
    def test_a_negative_value_as_typed(self, okrs: Path, typed: str) -> None:
        """``okrkit checkin KR -3``: a value, not an unknown option."""
        result = run("checkin", "kr-co-central", typed, "--on", "2026-03-20", "-f", str(okrs))
        assert result.exit_code == 0, result.output
        values = [
            c.value
            for c in okrkit.load(okrs).checkins
            if c.key_result == "kr-co-central" and c.on == dt.date(2026, 3, 20)
        ]
        assert values == [float(typed.replace(",", "."))]

    def test_a_mistyped_option_is_still_refused(self, okrs: Path) -> None:
        """An unknown option is refused with click's did-you-mean, in the user's language."""
        result = run("--locale", "vi", "checkin", "kr-co-central", "5", "--confidnce", "3")
        assert result.exit_code == 2
        assert "Không có tùy chọn '--confidnce'" in result.stderr
        assert "'--confidence'" in result.stderr
        before = okrs.read_text(encoding="utf-8")
        assert run("checkin", "kr-co-central", "5", "-x", "-f", str(okrs)).exit_code == 2
        assert okrs.read_text(encoding="utf-8") == before


class TestReadingTheStore:
    def test_score_in_a_workspace(self, workspace: Path) -> None:
        """``okrkit score`` without FILE scores the workspace's store, in its language."""
        result = run("score", "--as-of", "20/3/2026")
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Bảng điểm · tính đến ngày 20/3/2026")
        checked = run("checkin", "kr-co-central", "7,9", "--on", "20/3/2026")
        assert checked.exit_code == 0, checked.output
        again = run("score", "--as-of", "20/3/2026", "-f", "csv")
        assert any(
            line.startswith("key_result,") and ",kr-co-central," in line
            for line in again.output.splitlines()
        )

    def test_report_from_a_store_path(self, workspace: Path, tmp_path: Path) -> None:
        """``okrkit report --store PATH`` reads that store; ``-o``'s suffix picks HTML."""
        out = tmp_path / "week.html"
        store = str(workspace / "okrkit.db")
        result = run("report", "--store", store, "--as-of", "2026-03-20", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    def test_file_and_store_together(self, workspace: Path) -> None:
        """FILE with ``--store`` is a usage error."""
        result = run("--locale", "en", "score", str(VI), "--store", "okrkit.db")
        assert result.exit_code == 2
        assert "pass FILE, or --store with --workspace, not both" in result.stderr

    def test_no_file_outside_a_workspace(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without FILE and away from any workspace: a usage error that says what to do."""
        monkeypatch.chdir(tmp_path)
        result = run("report")
        assert result.exit_code == 2
        assert "missing FILE" in result.stderr
        assert "okrkit init" in result.stderr


class TestSkipBadAdvice:
    def test_a_missing_file_gets_no_row_advice(self, workspace: Path) -> None:
        """A file that is not there has no rows to fix: no word of --skip-bad."""
        result = run("--locale", "en", "import-checkins", "nofile.csv")
        assert result.exit_code == 1
        assert "--skip-bad" not in result.stderr

    def test_bad_rows_get_it_once(self, workspace: Path) -> None:
        """Bad rows: the advice, unless --skip-bad was given already."""
        rows = "key_result,date,value\nkr-co-nps,2026-03-05,x\nkr-co-nps,2026-03-07,8.3\n"
        (workspace / "rows.csv").write_text(rows, encoding="utf-8")
        bad = run("--locale", "en", "import-checkins", "rows.csv")
        assert bad.exit_code == 1
        assert "rows.csv:2" in bad.stderr
        assert bad.stderr.count("--skip-bad") == 1
        skipped = run("--locale", "en", "import-checkins", "rows.csv", "--skip-bad")
        assert skipped.exit_code == 0, skipped.output


def test_a_type_name_starts_a_sentence_with_one_capital(tmp_path: Path) -> None:
    """Click's "Directory ... is a file" reads "Thư mục ..." in Vietnamese, not "Thư Mục"."""
    taken = tmp_path / "taken.csv"
    taken.write_text("x", encoding="utf-8")
    result = run("--locale", "vi", "export-parquet", str(VI), "-o", str(taken))
    assert result.exit_code == 2
    assert "Thư mục '" in result.stderr
    assert "Thư Mục" not in result.stderr


def test_a_failed_init_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``okrkit init NEW/DIR --store sub/x.db`` that fails takes back the folders it made."""
    monkeypatch.chdir(tmp_path)
    result = run("init", "new/dir", "--store", "sub/x.db")
    assert result.exit_code == 1
    assert "x.db" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_history_speaks_the_sets_language(workspace: Path) -> None:
    """A workspace that names no language: ``history`` speaks the set's, as ``checkin`` does."""
    toml = workspace / "okrkit.toml"
    toml.write_text(
        "".join(line for line in toml.read_text("utf-8").splitlines(True) if "locale" not in line),
        encoding="utf-8",
    )
    result = run("history", "kr-co-central")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Lịch sử của kết quả then chốt kr-co-central")
