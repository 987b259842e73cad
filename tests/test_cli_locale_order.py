"""Who decides a command's language: --locale, OKRKIT_LOCALE, okrkit.toml, the file, LANG.

The order is ``--locale``, then ``OKRKIT_LOCALE``, then the workspace's ``locale``, then
the ``locale`` of the OKR set the command reads, then the environment (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), then English.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner, Result

import okrkit
from okrkit.cli import main
from okrkit.store import SQLiteStore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
VI = EXAMPLES / "acme.yaml"
EN = EXAMPLES / "acme.en.yaml"
AS_OF = ["--as-of", "2026-03-20"]
ENGLISH_ENV = {"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
VIETNAMESE_ENV = {"LANG": "vi_VN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}


def run(args: list[str], **env: str | None) -> Result:
    """Run okrkit with ``args`` in an environment without OKRKIT_LOCALE, plus ``env``."""
    return CliRunner().invoke(main, args, env={"OKRKIT_LOCALE": None, **env})


def is_vietnamese_scorecard(out: str) -> bool:
    """Whether ``okrkit score`` printed its scorecard in Vietnamese, not English."""
    return "Bảng điểm" in out and "Scorecard" not in out and "expected" not in out


def is_english_scorecard(out: str) -> bool:
    """Whether ``okrkit score`` printed its scorecard in English."""
    return "Scorecard" in out and "expected" in out and "Bảng điểm" not in out


class TestFileLocale:
    def test_report_speaks_the_files_language(self) -> None:
        """`okrkit report acme.yaml` in an English environment prints all-Vietnamese output."""
        result = run(["report", str(VI), *AS_OF], **ENGLISH_ENV)
        vietnamese = run(["report", str(VI), *AS_OF, "--locale", "vi"], **ENGLISH_ENV)
        english = run(["report", str(VI), *AS_OF, "--locale", "en"], **ENGLISH_ENV)
        assert result.exit_code == 0, result.stderr
        assert result.output == vietnamese.output
        assert result.output != english.output
        assert "owner:" not in result.output

    def test_score_speaks_the_files_language(self) -> None:
        """The score command reads the file's locale over the environment's, both ways."""
        vi = run(["score", str(VI), *AS_OF], **ENGLISH_ENV)
        assert vi.exit_code == 0, vi.stderr
        assert is_vietnamese_scorecard(vi.output)
        en = run(["score", str(EN), *AS_OF], **VIETNAMESE_ENV)
        assert is_english_scorecard(en.output)

    def test_locale_option_wins(self) -> None:
        """--locale en beats the file's vi."""
        result = run(["score", str(VI), *AS_OF, "--locale", "en"], **VIETNAMESE_ENV)
        assert is_english_scorecard(result.output)

    def test_environment_variable_wins(self) -> None:
        """OKRKIT_LOCALE=en beats the file's vi, and --locale beats OKRKIT_LOCALE."""
        result = run(["score", str(VI), *AS_OF], OKRKIT_LOCALE="en")
        assert is_english_scorecard(result.output)
        result = run(["score", str(VI), *AS_OF, "--locale", "vi"], OKRKIT_LOCALE="en")
        assert is_vietnamese_scorecard(result.output)

    def test_without_one_the_environment_decides(self, tmp_path: Path) -> None:
        """A file that names no locale speaks the environment's language."""
        path = tmp_path / "okrs.yaml"
        okrkit.dump(attrs.evolve(okrkit.load(VI), locale=None), path)
        assert is_vietnamese_scorecard(run(["score", str(path), *AS_OF], **VIETNAMESE_ENV).output)
        assert is_english_scorecard(run(["score", str(path), *AS_OF], **ENGLISH_ENV).output)

    def test_errors_after_reading_speak_it(self) -> None:
        """A mistake found once the file is read is told in the file's language."""
        result = run(["map", str(VI), *AS_OF, "-f", "dot", "--owner", "nobody"], **ENGLISH_ENV)
        assert result.exit_code == 1
        assert "nobody" in result.stderr
        assert "không" in result.stderr

    def test_option_errors_speak_it(self) -> None:
        """A bad option value, read before the file, is told in the file's language too."""
        result = run(["score", str(VI), *AS_OF, "--strategy", "lineer"], **ENGLISH_ENV)
        assert result.exit_code == 2
        assert "tuyến tính" in result.stderr
        assert "linear" not in result.stderr

    @pytest.mark.parametrize("fmt", ["mermaid", "dot"])
    def test_graph_speaks_it(self, fmt: str) -> None:
        """The graph's labels follow the file's locale too."""
        vi = run(["graph", str(VI), "-f", fmt], **ENGLISH_ENV)
        en = run(["graph", str(VI), "-f", fmt, "--locale", "en"], **ENGLISH_ENV)
        assert vi.exit_code == 0, vi.stderr
        assert vi.output != en.output
        assert "kết quả then chốt" in vi.output.lower() or "mục tiêu" in vi.output.lower()


class TestStoreLocale:
    @pytest.fixture
    def store(self, tmp_path: Path) -> Path:
        """A store holding the Vietnamese example (locale vi) in workspace default."""
        path = tmp_path / "s.db"
        with SQLiteStore(path) as opened:
            opened.save(okrkit.load(VI))
        return path

    def test_a_stores_set_speaks_its_locale(self, store: Path) -> None:
        """A command that reads a store's set speaks the set's locale."""
        args = ["checkin", "kr-co-mrr", "5400000000", "--on", "2026-03-27"]
        args += ["--store", str(store)]
        vi = run(args, **ENGLISH_ENV)
        assert vi.exit_code == 0, vi.stderr
        assert "Đã cập nhật" in vi.output or "5.400.000.000" in vi.output
        en = run([*args, "--locale", "en"], **VIETNAMESE_ENV)
        assert "5,400,000,000" in en.output

    def test_the_workspace_file_wins_over_the_set(
        self, store: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """okrkit.toml's locale beats the set's: it is the user's own choice."""
        (store.parent / "okrkit.toml").write_text(
            f'[workspace]\nstore = "{store.name}"\nlocale = "en"\n', encoding="utf-8"
        )
        monkeypatch.chdir(store.parent)
        result = run(
            ["checkin", "kr-co-mrr", "5400000000", "--on", "2026-03-27"], **VIETNAMESE_ENV
        )
        assert result.exit_code == 0, result.stderr
        assert "5,400,000,000" in result.output
