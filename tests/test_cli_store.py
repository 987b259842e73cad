"""``okrkit init``, ``checkin`` and ``history`` on a temporary workspace, in vi and en."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import okrkit
from okrkit.cli import _store_commands, main
from okrkit.i18n import format_date, gettext, ngettext, use_locale
from okrkit.store import SQLiteStore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "acme.en.yaml"


def run(*args: str, locale: str | None = "en", given: str | None = None) -> tuple[int, str, str]:
    """Run okrkit with ``args`` (in ``locale``, unless None): exit code, stdout, stderr."""
    extra = [] if locale is None else ["--locale", locale]
    result = CliRunner().invoke(main, [*args, *extra], input=given)
    return result.exit_code, result.stdout, result.stderr


def said(message: str, locale: str) -> str:
    """``message`` in ``locale``, as the command says it."""
    with use_locale(locale):
        return gettext(message)


def one_line(err: str) -> bool:
    """Whether an error was told in one line, without a traceback."""
    return err.strip() != "" and "\n" not in err.strip() and "Traceback" not in err


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder, made a workspace (locale vi) holding the example."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OKRKIT_LOCALE", raising=False)
    code, _out, err = run("init", "--from", str(EXAMPLE), "--locale", "vi", locale=None)
    assert code == 0, err
    return tmp_path


class TestInit:
    def test_makes_a_workspace(self, tmp_path: Path, locale: str):
        """Init writes okrkit.toml, makes the store, saves the file, and says so."""
        folder = tmp_path / "okrs"
        code, out, err = run("init", str(folder), "--from", str(EXAMPLE), locale=locale)
        assert code == 0, err
        settings = tomllib.loads((folder / "okrkit.toml").read_text(encoding="utf-8"))
        assert settings["workspace"] == {"store": "okrkit.db", "name": "default", "locale": locale}
        with SQLiteStore(folder / "okrkit.db") as store:
            assert store.load() == okrkit.load(EXAMPLE)
        store_line = said("Created the store {store}", locale).format(store=folder / "okrkit.db")
        assert store_line in out
        with use_locale(locale):
            objectives = ngettext("{count} objective", "{count} objectives", 18)
        assert objectives.format(count=18) in out

    def test_keeps_an_existing_workspace(self, workspace: Path, locale: str):
        """A second init refuses to replace okrkit.toml, in one line; --force replaces it."""
        code, _out, err = run("init", locale=locale)
        assert code == 1
        assert one_line(err)
        assert "--force" in err
        code, out, _err = run("init", "--force", "--workspace", "sales", locale=locale)
        assert code == 0
        assert said("Using the existing store {store}", locale).split("{")[0] in out
        assert "sales" in (workspace / "okrkit.toml").read_text(encoding="utf-8")

    def test_a_bad_file_writes_nothing(self, tmp_path: Path):
        """An OKR file that does not load leaves no okrkit.toml and no store."""
        code, _out, err = run("init", str(tmp_path), "--from", str(tmp_path / "missing.yaml"))
        assert code == 1
        assert "missing.yaml" in err
        assert "Traceback" not in err
        assert not (tmp_path / "okrkit.toml").exists()
        assert not (tmp_path / "okrkit.db").exists()


class TestCheckin:
    def test_with_arguments(self, workspace: Path, locale: str):
        """A check-in is stored, and the key result's score line printed, localised."""
        code, out, err = run(
            "checkin", "kr-velocity", "33", "--on", "2026-03-30", "--confidence", "green",
            "--note", "Sprint 7", "--author", "huy", locale=locale,
        )  # fmt: skip
        assert code == 0, err
        with use_locale(locale):
            day = format_date(dt.date(2026, 3, 30))
        assert (
            said("Checked in {value} for {id} on {date}.", locale).format(
                value="33", id="kr-velocity", date=day
            )
            in out
        )
        assert said("expected {share}", locale).split("{")[0] in out
        with SQLiteStore(workspace / "okrkit.db") as store:
            latest = store.checkins().latest("kr-velocity", "2026-03-30")
        assert latest is not None
        assert (latest.value, latest.note, latest.author) == (
            33.0,
            "Sprint 7",
            "huy",
        )

    def test_the_workspace_speaks_its_language(self, workspace: Path):
        """Without --locale or OKRKIT_LOCALE, the workspace's locale (vi) is used."""
        code, out, _err = run("checkin", "kr-velocity", "33", "--on", "2026-03-30", locale=None)
        assert code == 0
        assert said("Checked in {value} for {id} on {date}.", "vi").split("{")[0] in out
        assert said("Checked in {value} for {id} on {date}.", "vi") != said(
            "Checked in {value} for {id} on {date}.", "en"
        )

    def test_the_same_value_again(self, workspace: Path, locale: str):
        """The same check-in twice says that nothing changed."""
        args = ("checkin", "kr-velocity", "33", "--on", "2026-03-30")
        run(*args, locale=locale)
        code, out, _err = run(*args, locale=locale)
        assert code == 0
        with use_locale(locale):
            day = format_date(dt.date(2026, 3, 30))
        message = said("{id} already has {value} on {date}; nothing changed.", locale)
        assert message.format(id="kr-velocity", value="33", date=day) in out

    def test_asks_at_a_terminal(self, workspace: Path, monkeypatch: pytest.MonkeyPatch):
        """With a terminal, a missing KR is chosen from a list, and the value asked for."""
        monkeypatch.setattr(_store_commands, "_can_ask", lambda: True)
        okrs = okrkit.load(EXAMPLE)
        number = [kr.id for kr in okrs.key_results].index("kr-velocity") + 1
        code, out, err = run("checkin", "--on", "2026-03-30", given=f"nope\n{number}\nlots\n34\n")
        assert code == 0, err
        assert "kr-velocity" in out
        assert "34" in out
        with SQLiteStore(workspace / "okrkit.db") as store:
            assert store.checkins().value_at("kr-velocity", "2026-03-30") == 34.0

    def test_without_a_terminal_a_missing_argument_is_an_error(self, workspace: Path):
        """Without a terminal, a missing KR or VALUE is a one-line usage error."""
        code, _out, err = run("checkin")
        assert code == 2
        assert one_line(err)
        assert "KR" in err
        code, _out, err = run("checkin", "kr-velocity")
        assert code == 2
        assert one_line(err)
        assert "VALUE" in err

    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            (("kr-velocit", "3"), "kr-velocity"),
            (("kr-velocity", "3", "--on", "2027-01-05"), "2027"),
            (("kr-velocity", "many"), "many"),
            (("kr-velocity", "3", "--on", "2026-03-30", "--author", "nobody"), "nobody"),
        ],
    )
    def test_bad_check_ins(self, workspace: Path, args: tuple[str, ...], expected: str):
        """A bad KR, day, value or author: one line, non-zero exit, nothing stored."""
        code, _out, err = run("checkin", *args)
        assert code != 0
        assert one_line(err)
        assert expected in err
        with SQLiteStore(workspace / "okrkit.db") as store:
            assert len(store.checkins()) == len(okrkit.load(EXAMPLE).checkins)

    @pytest.mark.parametrize(
        ("author", "said"),
        [
            ("nobody", "'nobody'"),
            ("team-q", "'team-qa'"),  # did you mean
            ("no body", "'no body'"),
        ],
    )
    def test_an_unknown_author_names_the_option(
        self, workspace: Path, locale: str, author: str, said: str
    ):
        """--author that is no owner's id is told at --author, not at checkins[0].author."""
        args = ("checkin", "kr-velocity", "3", "--on", "2026-03-30", "--author", author)
        code, _out, err = run(*args, locale=locale)
        assert code == 1
        assert one_line(err)
        assert err.startswith(f"--author {author}: ")
        assert said in err
        assert "checkins[" not in err
        with SQLiteStore(workspace / "okrkit.db") as store:
            assert len(store.checkins()) == len(okrkit.load(EXAMPLE).checkins)

    def test_a_known_author_is_kept(self, workspace: Path):
        """--author with an owner's id is recorded with the check-in."""
        args = ("checkin", "kr-velocity", "3", "--on", "2026-03-30", "--author", "team-qa")
        code, _out, err = run(*args)
        assert code == 0, err
        with SQLiteStore(workspace / "okrkit.db") as store:
            assert store.checkins().latest("kr-velocity", "2026-03-30").author == "team-qa"

    def test_on_a_file(self, tmp_path: Path):
        """--file appends to an OKR file, written back whole."""
        path = tmp_path / "okrs.yaml"
        path.write_bytes(EXAMPLE.read_bytes())
        code, _out, err = run(
            "checkin", "kr-velocity", "33", "--on", "2026-03-30", "-f", str(path)
        )
        assert code == 0, err
        assert okrkit.load(path).checkins.value_at("kr-velocity", "2026-03-30") == 33.0


class TestHistory:
    def test_changes_and_check_ins(self, workspace: Path, locale: str):
        """History shows who added the key result, and its check-ins with their source."""
        with SQLiteStore(workspace / "okrkit.db") as store:
            store.append_checkins(
                [okrkit.CheckIn(key_result="kr-velocity", on="2026-03-30", value=33)],
                author="huy",
                source="sprints.csv",
            )
        code, out, err = run("history", "kr-velocity", locale=locale)
        assert code == 0, err
        assert (
            said("History of the {kind} {id}", locale).format(
                kind=said("key result", locale), id="kr-velocity"
            )
            in out
        )
        assert said("added", locale) in out
        assert said("Check-ins", locale) in out
        assert "sprints.csv" in out
        assert "huy" in out
        assert "┃" not in out
        assert "━" not in out

    def test_a_changed_title(self, workspace: Path, locale: str):
        """A changed field shows its name, the old and the new value, localised."""
        okrs = okrkit.load(EXAMPLE)
        kr = okrs.key_result("kr-velocity")
        objective = okrs.objective_of("kr-velocity")
        renamed = okrkit.OKRSet(
            cycles=okrs.cycles,
            owners=okrs.owners,
            objectives=[
                objective.__class__(
                    **{
                        **{
                            f: getattr(objective, f)
                            for f in ("id", "title", "owner", "cycle", "level")
                        },
                        "key_results": [
                            kr.__class__(
                                id=kr.id, title="Ship faster", metric=kr.metric, owners=kr.owners
                            )
                        ],
                    }
                )
            ],
        )
        with SQLiteStore(workspace / "okrkit.db") as store:
            store.save(renamed, author="lan")
        code, out, _err = run("history", "kr-velocity", locale=locale)
        assert code == 0
        assert said("title", locale) in out
        assert "Ship faster" in out
        assert "lan" in out

    def test_unknown_id(self, workspace: Path):
        """An unknown id is one line with a suggestion."""
        code, _out, err = run("history", "kr-velocit")
        assert code == 1
        assert one_line(err)
        assert "kr-velocity" in err

    def test_a_file_has_no_history(self, tmp_path: Path):
        """History on a file says that it needs a store."""
        code, _out, err = run("history", "kr-velocity", "-f", str(EXAMPLE))
        assert code == 1
        assert one_line(err)
        assert "--store" in err


class TestTarget:
    def test_no_workspace(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
        """Outside a workspace, a command says to run okrkit init or pass --file."""
        monkeypatch.chdir(tmp_path)
        code, _out, err = run("history", "kr-velocity")
        assert code == 1
        assert one_line(err)
        assert "okrkit init" in err
        assert "--file" in err

    def test_found_from_a_folder_below(self, workspace: Path, monkeypatch: pytest.MonkeyPatch):
        """A command in a folder below the workspace finds its okrkit.toml."""
        below = workspace / "reports" / "2026"
        below.mkdir(parents=True)
        monkeypatch.chdir(below)
        code, out, err = run("history", "kr-velocity")
        assert code == 0, err
        assert "kr-velocity" in out

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("[workspace\n", "TOML"),
            ('[workspace]\nstorage = "x.db"\n', "storage"),
            ("[other]\n", "[workspace]"),
            ("[workspace]\nname = 3\n", "name"),
        ],
    )
    def test_a_bad_workspace_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
    ):
        """A broken okrkit.toml is one line naming the file and what is wrong."""
        (tmp_path / "okrkit.toml").write_text(text, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        code, _out, err = run("history", "kr-velocity")
        assert code == 1
        assert one_line(err)
        assert "okrkit.toml" in err
        assert expected in err

    def test_file_and_store(self, tmp_path: Path):
        """--file with --store is a usage error."""
        code, _out, err = run(
            "history", "x", "--file", str(EXAMPLE), "--store", str(tmp_path / "s.db")
        )
        assert code == 2
        assert one_line(err)

    def test_a_store_elsewhere(self, tmp_path: Path):
        """--store and --workspace name a store without a workspace folder."""
        with SQLiteStore(tmp_path / "s.db") as store:
            store.save(okrkit.load(EXAMPLE), workspace="acme")
        code, out, err = run(
            "checkin", "kr-velocity", "33", "--on", "2026-03-30",
            "--store", str(tmp_path / "s.db"), "--workspace", "acme",
        )  # fmt: skip
        assert code == 0, err
        assert "kr-velocity" in out
        code, _out, err = run("history", "kr-velocity", "--store", str(tmp_path / "s.db"))
        assert code == 1
        assert "acme" in err
