"""``okrkit carry-forward`` and ``okrkit close``, end to end on a file and on a workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

import okrkit
from builders import kr, objective
from okrkit import CheckIn, Cycle, FinalGrade, OKRSet, Owner
from okrkit.cli import main
from okrkit.i18n import gettext, use_locale
from okrkit.store import SQLiteStore

Q1 = Cycle.quarter(2026, 1)


def small_set() -> OKRSet:
    """One objective in 2026-Q1: k-done reached its target, k-half is half way."""
    return OKRSet(
        cycles=[Q1],
        owners=[Owner(id="team", name="Team", kind="team")],  # type: ignore[arg-type]
        objectives=[objective("o1", kr("k-done"), kr("k-half"))],
        checkins=[
            CheckIn(key_result="k-done", on=dt.date(2026, 3, 1), value=10),
            CheckIn(key_result="k-half", on=dt.date(2026, 3, 1), value=5),
        ],
    )


@pytest.fixture
def okr_file(tmp_path: Path) -> Path:
    """The small set, as a YAML file."""
    path = tmp_path / "okrs.yaml"
    okrkit.dump(small_set(), path)
    return path


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace folder (the current one) whose store holds the small set."""
    (tmp_path / "okrkit.toml").write_text(
        '[workspace]\nstore = "okrkit.db"\nname = "acme"\n', encoding="utf-8"
    )
    with SQLiteStore(tmp_path / "okrkit.db") as store:
        store.save(small_set(), workspace="acme")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OKRKIT_LOCALE", raising=False)
    return tmp_path


def run(*args: str, locale: str = "en") -> tuple[int, str, str]:
    """Run okrkit with ``args`` in ``locale``: exit code, standard output, standard error."""
    result = CliRunner().invoke(main, [*args, "--locale", locale])
    return result.exit_code, result.stdout, result.stderr


def said(message: str, locale: str) -> str:
    """``message`` in ``locale``, as the command says it."""
    with use_locale(locale):
        return gettext(message)


class TestCarryForward:
    def test_on_a_file(self, okr_file: Path, locale: str) -> None:
        """The file gets the copies; the output lists what moved and what stayed."""
        code, out, err = run(
            "carry-forward",
            "--from",
            "2026-Q1",
            "--to",
            "2026-Q2",
            "-f",
            str(okr_file),
            locale=locale,
        )
        assert (code, err) == (0, "")
        assert "o1-2026-Q2" in out
        assert "k-half-2026-Q2" in out
        assert said("key result", locale) in out
        assert said("done", locale) in out
        new = okrkit.load(okr_file)
        assert new.key_result("k-half-2026-Q2").carried_from == "k-half"
        assert new.key_result("k-half-2026-Q2").metric.start == 5
        assert "k-done-2026-Q2" not in new

    def test_dry_run_saves_nothing(self, okr_file: Path) -> None:
        """--dry-run lists what would move and leaves the file as it was."""
        before = okr_file.read_bytes()
        code, out, _err = run(
            "carry-forward",
            "--from",
            "2026-Q1",
            "--to",
            "2026-Q2",
            "--dry-run",
            "-f",
            str(okr_file),
        )
        assert code == 0
        assert "k-half-2026-Q2" in out
        assert "Dry run" in out
        assert okr_file.read_bytes() == before

    def test_twice(self, okr_file: Path) -> None:
        """Carrying again moves nothing, and says so."""
        args = ("carry-forward", "--from", "2026-Q1", "--to", "2026-Q2", "-f", str(okr_file))
        run(*args)
        after_first = okr_file.read_bytes()
        code, out, _err = run(*args)
        assert code == 0
        assert "Nothing to carry forward" in out
        assert okr_file.read_bytes() == after_first

    def test_as_of(self, okr_file: Path) -> None:
        """--as-of before any check-in: both key results move, from their first start."""
        code, out, _err = run(
            "carry-forward",
            "--from",
            "2026-Q1",
            "--to",
            "2026-Q2",
            "--as-of",
            "2026-02-01",
            "--dry-run",
            "-f",
            str(okr_file),
        )
        assert code == 0
        assert "k-done-2026-Q2" in out
        assert "Feb 1, 2026" in out


class TestClose:
    def test_on_a_file(self, okr_file: Path, locale: str) -> None:
        """Every key result and objective gets a grade; the owner's reason is kept."""
        code, out, err = run(
            "close",
            "2026-Q1",
            "--grade",
            "k-half=0,6:Late start",
            "-f",
            str(okr_file),
            locale=locale,
        )
        assert (code, err) == (0, "")
        closed = okrkit.load(okr_file)
        assert closed.key_result("k-half").final_grade == FinalGrade(
            value=0.6, reason="Late start"
        )
        assert closed.key_result("k-done").final_grade.value == 1.0  # type: ignore[union-attr]
        assert closed.objective("o1").final_grade.value == pytest.approx(0.8)  # type: ignore[union-attr]
        assert ("0,6" if locale == "vi" else "0.6") in out
        assert said("the owner's grade", locale) in out
        assert said("achieved", locale) in out
        assert ("31/3/2026" if locale == "vi" else "Mar 31, 2026") in out

    def test_closing_again(self, okr_file: Path) -> None:
        """A closed cycle is left as it is, and the output says how to change a grade."""
        run("close", "2026-Q1", "-f", str(okr_file))
        before = okr_file.read_bytes()
        code, out, _err = run("close", "2026-Q1", "-f", str(okr_file))
        assert code == 0
        assert "closed already" in out
        assert "--grade" in out
        assert okr_file.read_bytes() == before

    def test_reason_is_made_safe(self, okr_file: Path) -> None:
        """A reason with escape sequences is printed without them."""
        code, out, _err = run(
            "close", "2026-Q1", "--grade", "k-half=0.5:ok\x1b[2J now", "-f", str(okr_file)
        )
        assert code == 0
        assert "\x1b" not in out
        assert "ok now" in out


class TestWorkspace:
    def test_carry_then_close_in_the_store(self, workspace: Path, locale: str) -> None:
        """With no --file, both commands work on the workspace's store, end to end."""
        code, out, err = run(
            "carry-forward",
            "--from",
            "2026-Q1",
            "--to",
            "2026-Q2",
            "--author",
            "lan",
            locale=locale,
        )
        assert (code, err) == (0, "")
        assert "k-half-2026-Q2" in out
        code, out, err = run("close", "2026-Q1", "--grade", "k-half=0.4", locale=locale)
        assert (code, err) == (0, "")
        with SQLiteStore(workspace / "okrkit.db") as store:
            okrs = store.load(workspace="acme")
            assert okrs.key_result("k-half-2026-Q2").carried_from == "k-half"
            assert okrs.key_result("k-half").final_grade.value == 0.4  # type: ignore[union-attr]
            assert okrs.key_result("k-half-2026-Q2").final_grade is None
            assert any(
                c.author == "lan" for c in store.history("k-half-2026-Q2", workspace="acme")
            )


class TestErrors:
    @pytest.mark.parametrize(
        ("args", "needle"),
        [
            (["carry-forward", "--from", "2026-Q9", "--to", "2026-Q2"], "2026-Q9"),
            (["carry-forward", "--from", "2026-Q1", "--to", "2026-Q1"], "2026-Q1"),
            (["close", "2026-Q9"], "2026-Q9"),
            (["close", "2026-Q1", "--grade", "k-half=1.5"], "1.5"),
            (["close", "2026-Q1", "--grade", "k-hlf=0.5"], "k-half"),
        ],
    )
    def test_one_line_exit_one(self, okr_file: Path, args: list[str], needle: str) -> None:
        """A bad cycle or grade fails with one line naming it, status 1, and no traceback."""
        before = okr_file.read_bytes()
        code, out, err = run(*args, "-f", str(okr_file))
        assert code == 1
        assert out == ""
        assert needle in err
        assert len(err.strip().splitlines()) == 1
        assert "Traceback" not in err
        assert okr_file.read_bytes() == before

    @pytest.mark.parametrize("grade", ["k-half", "k-half=high", "=0.5", "k-half=0.5:a"])
    def test_grade_option_usage(self, okr_file: Path, grade: str) -> None:
        """A --grade that is not ID=VALUE[:REASON], or names an id twice, is a usage error."""
        extra = ["--grade", "k-half=0.1"] if grade.endswith(":a") else []
        code, _out, err = run("close", "2026-Q1", "--grade", grade, *extra, "-f", str(okr_file))
        assert code == 2
        assert "--grade" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize("grade", ["k-half=0,7:", "k-half=0.7:  "])
    def test_a_colon_without_a_reason(self, okr_file: Path, locale: str, grade: str) -> None:
        """--grade ID=VALUE: with nothing after the colon is refused in the command's words."""
        before = okr_file.read_bytes()
        code, _out, err = run(
            "close", "2026-Q1", "--grade", grade, "-f", str(okr_file), locale=locale
        )
        assert code == 2
        assert "--grade" in err
        words = {"en": "write a reason after the colon", "vi": "hãy ghi lý do sau dấu hai chấm"}
        assert words[locale] in err
        assert "'reason'" not in err
        if locale == "vi":
            assert "reason" not in err  # no English field name in Vietnamese
        assert okr_file.read_bytes() == before

    def test_no_workspace(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without --file, --store or an okrkit.toml, the command says what to do."""
        monkeypatch.chdir(tmp_path)
        code, _out, err = run("close", "2026-Q1")
        assert code == 1
        assert "okrkit init" in err
