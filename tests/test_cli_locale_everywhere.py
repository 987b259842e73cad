"""Every command speaks the chosen locale everywhere: help, usage errors, normal runs.

Each command and subcommand of ``okrkit`` (walked from the group, so that a new one is
covered from the day it is added) runs three ways, ``--help``, a usage error and a
normal run on the example, under each of three locale sources in an English
environment (``LANG=en_US.UTF-8``): ``--locale vi``, ``OKRKIT_LOCALE=vi``, and a file
that says ``locale: vi`` (the OKR file the command reads, or, for a command that reads
none, the workspace's ``okrkit.toml``). What it prints holds none of the English words
of :data:`ENGLISH`, once the user's own data (ids, titles, names, paths) and the
command line's syntax (option names, choice values) are taken out.
"""

from __future__ import annotations

import functools
import gettext as stdlib_gettext
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import click
import pytest
from babel.messages.extract import extract_from_file
from click.testing import CliRunner, Result

import okrkit
from okrkit import catalogue
from okrkit.cli import main
from okrkit.cli._choices import LabelledChoice
from okrkit.cli._peek import PEEK_LIMIT, early_locale, file_locale
from okrkit.cli._words import CLICK_MESSAGES, click_in_okrkit_words, click_plural_messages
from okrkit.i18n import gettext, ngettext, use_locale
from okrkit.store import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "acme.yaml"
TEMPLATE = "pm-retention-onboarding"
ENGLISH_ENV = {"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "OKRKIT_LOCALE": None}
SOURCES = ("option", "environment", "file")

ENGLISH = (
    "Usage",
    "Error",
    "Invalid",
    "Missing",
    "required",
    "default",
    "owner",
    "latest",
    "from",
    "to",
    "on track",
    "linear",
    "sales",
    "marketing",
    "integer",
    "range",
    "float",
    "boolean",
)
"""English words no Vietnamese output may hold (the template domains' slugs too)."""

# Letters only Vietnamese writes: proof that a message is Vietnamese, not only English-free.
VIETNAMESE = re.compile("[ạảãầấậẩẫằắặẳẵẹẻẽềếệểễịỉĩọỏõồốộổỗơờớợởỡụủũưừứựửữỳỵỷỹđ]", re.IGNORECASE)
OPTION_NAME = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*(?:/--?[A-Za-z][\w-]*)?")


def _commands(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, click.Command]]:
    yield " ".join(path) or "okrkit", command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _commands(command.commands[name], (*path, name))


COMMANDS = dict(_commands(main))
"""Every command by its path after ``okrkit`` (``"templates list"``); the group is ``okrkit``."""

# What each command runs with: a normal run on the example, and a usage error (a bad
# option value, a missing argument or option). Paths are relative to the test's folder,
# which holds okrs.yaml, checkins.csv and okrkit.toml (its store okrkit.db for history).
RUNS: dict[str, tuple[list[str], list[str]]] = {
    "okrkit": (["--version"], ["nosuchcommand"]),
    "carry-forward": (
        ["--from", "2026-Q1", "--to", "2026-Q2", "--file", "okrs.yaml", "--dry-run"],
        ["--to", "2026-Q2", "--file", "okrs.yaml"],
    ),
    "check": (["okrs.yaml"], ["okrs.yaml", "--format", "xml"]),
    "checkin": (
        ["kr-co-mrr", "5400000000", "--on", "2026-03-27", "--file", "okrs.yaml"],
        ["kr-co-mrr", "5", "--on", "31/2/2026", "--file", "okrs.yaml"],
    ),
    "close": (["2026-Q1", "--file", "okrs.yaml"], ["--file", "okrs.yaml"]),
    "demo": ([], ["-o"]),
    "export-parquet": (["okrs.yaml", "-o", "tables"], ["okrs.yaml"]),
    "graph": (["okrs.yaml"], ["okrs.yaml", "-f", "png"]),
    "history": (["kr-co-mrr"], []),
    "import-checkins": (
        ["checkins.csv", "--file", "okrs.yaml"],
        ["checkins.csv", "--file", "okrs.yaml", "--decimal", ";"],
    ),
    "init": (["ws", "--from", "okrs.yaml"], ["ws", "--from"]),
    "map": (["okrs.yaml", "-f", "mermaid", "--as-of", "2026-03-20"], ["okrs.yaml", "-f", "gif"]),
    "new": (
        ["--template", TEMPLATE, "-o", "new.yaml", "--cycle", "2026-Q2"],
        ["--template", TEMPLATE, "-o", "new.yaml", "--cycle", "Q2"],
    ),
    "report": (["okrs.yaml", "--as-of", "2026-03-20"], ["okrs.yaml", "--kind", "nope"]),
    "schema": (["-o", "schema.json"], ["-o"]),
    "score": (["okrs.yaml", "--as-of", "2026-03-20"], ["okrs.yaml", "--as-of", "20/13/2026"]),
    "templates": ([], ["nosuchcommand"]),
    "templates domains": ([], ["extra"]),
    "templates list": ([], ["--level", "boss"]),
    "templates search": (["khach hang"], []),
    "templates show": ([TEMPLATE], []),
    "templates tags": ([], ["extra"]),
}


@functools.cache
def english() -> re.Pattern[str]:
    """:data:`ENGLISH` and every template domain's slug, each as a whole word."""
    words = {*ENGLISH, *(template.domain for template in catalogue.load())}
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@functools.cache
def example() -> okrkit.OKRSet:
    """The Vietnamese example, read once."""
    return okrkit.load(EXAMPLE)


@functools.cache
def user_text() -> tuple[str, ...]:
    """The example's and the catalogue's own text: ids, titles, names, tags, notes, keys."""
    okrs = example()
    texts: set[str] = set()
    for cycle in okrs.cycles:
        texts |= {cycle.id, cycle.name}
    for owner in okrs.owners:
        texts |= {owner.id, owner.name}
    for objective in okrs.objectives:
        texts |= {objective.id, objective.title, objective.description or "", *objective.tags}
        for kr in objective.key_results:
            texts |= {kr.id, kr.title, kr.description or ""}
            for checkin in okrs.checkins_for(kr.id):
                texts |= {checkin.note or "", checkin.author or ""}
    for initiative in okrs.initiatives:
        texts |= {initiative.id, initiative.title, initiative.description or ""}
    for template in catalogue.load():
        texts |= {template.id, *(parameter.name for parameter in template.parameters)}
    return tuple(sorted((text for text in texts if text), key=len, reverse=True))


@functools.cache
def user_words() -> re.Pattern[str]:
    """:func:`user_text` as whole words (an owner's id ``son`` is no part of ``json``)."""
    alternatives = "|".join(re.escape(piece) for piece in user_text())
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def without_user_text(text: str, folder: Path) -> str:
    """``text`` without the user's data and paths: what okrkit itself wrote."""
    return user_words().sub(" ", text.replace(str(folder), " "))


def without_syntax(text: str, command: click.Command) -> str:
    """``text`` without option names and choice values, which a user types as they are.

    A choice of words (:class:`LabelledChoice`: levels, report kinds) is shown in the
    command's language, so its English values stay in and are checked.
    """
    text = OPTION_NAME.sub(" ", text)
    for param in command.params:
        if isinstance(param.type, click.Choice) and not isinstance(param.type, LabelledChoice):
            for choice in param.type.choices:
                text = re.sub(rf"(?<![\w-]){re.escape(str(choice))}(?![\w-])", " ", text)
    return text


def english_words(text: str) -> list[str]:
    """The English words of the list that ``text`` holds."""
    return english().findall(text)


@functools.cache
def plain_example() -> str:
    """The example as YAML without its ``locale``: the language comes from elsewhere."""
    return okrkit.dumps(attrs.evolve(example(), locale=None), "yaml")


def prepare(folder: Path, source: str, *, store: bool) -> None:
    """The test's folder: okrs.yaml, checkins.csv, okrkit.toml and, if asked, its store."""
    okrs = folder / "okrs.yaml"
    if source == "file":
        shutil.copyfile(EXAMPLE, okrs)
    else:
        okrs.write_text(plain_example(), encoding="utf-8")
    settings = '[workspace]\nstore = "okrkit.db"\n'
    if source == "file":
        settings += 'locale = "vi"\n'
    (folder / "okrkit.toml").write_text(settings, encoding="utf-8")
    (folder / "checkins.csv").write_text(
        "key_result,on,value\nkr-co-mrr,2026-03-25,5300000000\n", encoding="utf-8"
    )
    if store:
        with SQLiteStore(folder / "okrkit.db") as opened:
            opened.save(okrkit.load(okrs))


def invoke(path: str, args: list[str], source: str, *, early: bool = False) -> Result:
    """Run ``okrkit PATH ARGS`` with the locale from ``source``.

    ``--locale vi`` goes before the command (``early``: an option may still want a value
    at the end) or after its arguments.
    """
    words = [] if path == "okrkit" else path.split()
    env = dict(ENGLISH_ENV)
    if source == "environment":
        env["OKRKIT_LOCALE"] = "vi"
    if source == "option":
        early = early or isinstance(COMMANDS[path], click.Group)  # its args name a command
        args = ["--locale", "vi", *words, *args] if early else [*words, *args, "--locale", "vi"]
    else:
        args = [*words, *args]
    return CliRunner().invoke(main, args, env=env, catch_exceptions=False, prog_name="okrkit")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder, the current one for the test."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_vietnamese(text: str, folder: Path, command: click.Command, *, said: bool) -> None:
    """What ``command`` wrote holds no English word of the list (and Vietnamese, if ``said``)."""
    left = without_syntax(without_user_text(text, folder), command)
    assert english_words(left) == [], text
    if said:
        assert VIETNAMESE.search(left), text


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("path", sorted(COMMANDS))
class TestEveryCommand:
    def test_help(self, path: str, source: str, folder: Path) -> None:
        """`--help` is Vietnamese from "Cách dùng:" to the last option's help."""
        prepare(folder, source, store=False)
        result = invoke(path, ["--help"], source)
        assert result.exit_code == 0, result.output
        assert "Cách dùng:" in result.output
        check_vietnamese(result.output, folder, COMMANDS[path], said=True)

    def test_usage_error(self, path: str, source: str, folder: Path) -> None:
        """A bad option value or a missing argument is told in Vietnamese, "Lỗi:" and all."""
        prepare(folder, source, store=False)
        _normal, wrong = RUNS[path]
        result = invoke(path, wrong, source, early=True)
        assert result.exit_code == 2, result.output
        assert result.output.startswith("Lỗi:"), result.output
        check_vietnamese(result.output, folder, COMMANDS[path], said=True)

    def test_unknown_option(self, path: str, source: str, folder: Path) -> None:
        """An option the command does not have is told in Vietnamese (every command, as is)."""
        prepare(folder, source, store=False)
        result = invoke(path, ["--no-such-option"], source, early=True)
        assert result.exit_code == 2, result.output
        assert "Không có tùy chọn '--no-such-option'" in result.output
        check_vietnamese(result.output, folder, COMMANDS[path], said=True)

    def test_normal_run(self, path: str, source: str, folder: Path) -> None:
        """A normal run on the example prints no English word of the list."""
        assert path in RUNS, f"give `okrkit {path}` a normal run and a usage error in RUNS"
        prepare(folder, source, store=path == "history")
        normal, _wrong = RUNS[path]
        result = invoke(path, normal, source)
        group = isinstance(COMMANDS[path], click.Group) and path != "okrkit"
        allowed = {0, 2} if group else {0, 1} if path == "check" else {0}
        assert result.exit_code in allowed, result.output
        check_vietnamese(result.output, folder, COMMANDS[path], said=True)
        if path == "schema":
            words = _schema_words(json.loads((folder / "schema.json").read_text("utf-8")))
            assert english_words(" ".join(words)) == []


def _schema_words(node: Any) -> list[str]:
    """The titles and descriptions of a JSON Schema: its text for people."""
    if isinstance(node, dict):
        found = [
            str(node[key]) for key in ("title", "description") if isinstance(node.get(key), str)
        ]
        return found + [word for value in node.values() for word in _schema_words(value)]
    if isinstance(node, list):
        return [word for value in node for word in _schema_words(value)]
    return []


# Usage errors beyond RUNS' one per command: a value of each kind an option or argument
# reads (a number in a range, a check-in's value, a confidence, a date), told in Vietnamese.
MORE_USAGE_ERRORS = {
    "depth not a number": (
        "map",
        ["okrs.yaml", "--depth", "abc"],
        "'abc' không phải là số nguyên hợp lệ.",
    ),
    "depth out of range": (
        "map",
        ["okrs.yaml", "--depth", "0"],
        "phải từ 1 trở lên (nhận được 0)",
    ),
    "value not a number": (
        "checkin",
        ["kr-co-stores", "5x", "--file", "okrs.yaml"],
        "hãy ghi GIÁ_TRỊ bằng số, chẳng hạn 42 hoặc 3,5 (nhận được '5x')",
    ),
    "no such confidence": (
        "checkin",
        ["kr-co-mrr", "5", "--confidence", "tím", "--file", "okrs.yaml"],
        "hãy ghi từ 1 đến 5, hoặc đỏ, vàng, xanh",
    ),
    "no such date": (
        "score",
        ["okrs.yaml", "--as-of", "31/2/2026"],
        "'31/2/2026' không phải là một ngày hợp lệ; hãy viết theo ngày/tháng/năm",
    ),
}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("case", sorted(MORE_USAGE_ERRORS))
def test_more_usage_errors(case: str, source: str, folder: Path) -> None:
    """A bad number, value, confidence or date is refused in Vietnamese words (exit 2)."""
    prepare(folder, source, store=False)
    path, args, expected = MORE_USAGE_ERRORS[case]
    result = invoke(path, args, source, early=True)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Lỗi:"), result.output
    assert expected in result.output, result.output
    check_vietnamese(result.output, folder, COMMANDS[path], said=True)


class TestTheIssuesExamples:
    @pytest.mark.parametrize(
        ("args", "env", "expected"),
        [
            (
                ["score", "--as-of", "20/03/2026", "okrs.yaml", "--locale", "vi"],
                {},
                "Bảng điểm · tính đến ngày 20/3/2026",
            ),
            (
                ["score", "--as-of", "20/13/2026", "okrs.yaml", "--locale", "vi"],
                {},
                "Lỗi: Giá trị không hợp lệ cho '--as-of': '20/13/2026' không phải là một ngày",
            ),
            (["--locale", "vi", "score", "--help"], {}, "Cách dùng: okrkit score [TÙY_CHỌN] TỆP"),
            (["nosuchcommand"], {"OKRKIT_LOCALE": "vi"}, "Lỗi: Không có lệnh 'nosuchcommand'."),
            (["score", "vi.yaml", "--as-of", "bad"], {}, "Lỗi: Giá trị không hợp lệ cho"),
        ],
    )
    def test_answered_in_vietnamese(
        self, folder: Path, args: list[str], env: dict[str, str], expected: str
    ) -> None:
        """The command lines the issue names answer in Vietnamese in an English environment."""
        prepare(folder, "option", store=False)
        shutil.copyfile(EXAMPLE, folder / "vi.yaml")
        result = CliRunner().invoke(
            main, args, env={**ENGLISH_ENV, **env}, prog_name="okrkit", catch_exceptions=False
        )
        assert expected in result.output


class TestTheGroupsLocaleOption:
    def test_before_the_command(self, folder: Path) -> None:
        """`okrkit --locale vi score --help` is Vietnamese, and so is the command's run."""
        prepare(folder, "option", store=False)
        result = CliRunner().invoke(
            main, ["--locale", "vi", "score", "--help"], env=ENGLISH_ENV, prog_name="okrkit"
        )
        assert "Cách dùng: okrkit score [TÙY_CHỌN] TỆP" in result.output
        result = CliRunner().invoke(
            main,
            ["--locale", "vi", "score", "okrs.yaml", "--as-of", "2026-03-20"],
            env=ENGLISH_ENV,
        )
        assert result.output.startswith("Bảng điểm"), result.output

    def test_the_commands_own_wins(self, folder: Path) -> None:
        """`okrkit --locale vi score ... --locale en` speaks English: the command's option wins."""
        prepare(folder, "file", store=False)
        args = ["--locale", "vi", "score", "okrs.yaml", "--as-of", "2026-03-20", "--locale", "en"]
        result = CliRunner().invoke(main, args, env=ENGLISH_ENV)
        assert result.output.startswith("Scorecard"), result.output

    def test_it_wins_over_the_environment(self, folder: Path) -> None:
        """`okrkit --locale en` beats OKRKIT_LOCALE=vi, as an option beats the environment."""
        prepare(folder, "option", store=False)
        env = {**ENGLISH_ENV, "OKRKIT_LOCALE": "vi"}
        args = ["--locale", "en", "score", "okrs.yaml", "--as-of", "2026-03-20"]
        result = CliRunner().invoke(main, args, env=env)
        assert result.output.startswith("Scorecard"), result.output


class TestClicksWords:
    def test_given_back_after_the_command(self) -> None:
        """Once okrkit's command ends, click's functions are its own again, in English."""
        import click.core
        import click.exceptions

        before = (click.core._, click.exceptions._, click.exceptions.ngettext)
        CliRunner().invoke(main, ["--locale", "vi", "nosuchcommand"], env=ENGLISH_ENV)
        assert (click.core._, click.exceptions._, click.exceptions.ngettext) == before

        @click.command()
        @click.option("--count", type=int)
        def other(count: int) -> None:
            """Another program's command."""

        with use_locale("vi"):
            result = CliRunner().invoke(other, ["--count", "x"])
        assert "Usage:" in result.output
        assert "Error: Invalid value for '--count'" in result.output

    def test_other_threads_keep_theirs(self) -> None:
        """While okrkit's command runs, another thread's click still speaks its own words."""
        import click.core

        seen: list[str] = []
        with use_locale("vi"), click_in_okrkit_words():
            assert click.core._("Missing command.") == "Thiếu lệnh."
            thread = threading.Thread(target=lambda: seen.append(click.core._("Missing command.")))
            thread.start()
            thread.join()
        assert seen == ["Missing command."]
        assert click.core._ is stdlib_gettext.gettext

    def test_every_message_of_click_is_in_the_catalogue(self) -> None:
        """Each message click can show a user is listed for okrkit's catalogue, and in vi."""
        listed = set(CLICK_MESSAGES)
        with use_locale("en"):
            plurals = set(click_plural_messages(1))
        missing, untranslated = [], []
        for message in _click_messages():
            if isinstance(message, tuple):
                singular, plural = message
                if singular not in plurals:
                    missing.append(singular)
                with use_locale("vi"):
                    if ngettext(singular, plural, 2) in (singular, plural):
                        untranslated.append(singular)
                continue
            if message not in listed:
                missing.append(message)
            with use_locale("vi"):
                if gettext(message) == message:
                    untranslated.append(message)
        assert missing == []
        assert untranslated == []

    def test_a_plural_is_worded(self) -> None:
        """A plural message of click goes through okrkit's catalogue too."""
        result = CliRunner().invoke(
            main, ["--locale", "vi", "schema", "extra", "more"], env=ENGLISH_ENV
        )
        assert "Thừa đối số (extra more)" in result.output


# Messages click words for the programmer who writes a command, never for its user.
_FOR_PROGRAMMERS = {
    "d",
    "Windows error: {error}",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Unknown standard stream '{name}'",
    "Unknown color {colour!r}",
    "Invalid start character for option ({option})",
    "Choice({choices})",
}


def _click_messages() -> list[str | tuple[str, str]]:
    """What click's own modules word with gettext, less what only a programmer sees."""
    folder = Path(click.__file__).parent
    found: list[str | tuple[str, str]] = []
    for module in sorted(folder.glob("*.py")):
        for _line, message, _comments, _context in extract_from_file("python", str(module)):
            key = message[0] if isinstance(message, tuple) else message
            if key not in _FOR_PROGRAMMERS and message not in found:
                found.append(message)
    return found


class TestStrategies:
    def test_a_label_names_a_strategy(self, folder: Path) -> None:
        """`--strategy "ba vung"` (zones, without accents) scores and says "ba vùng"."""
        prepare(folder, "file", store=False)
        args = ["score", "okrs.yaml", "--as-of", "2026-03-20", "--strategy", "ba vung"]
        result = CliRunner().invoke(main, args, env=ENGLISH_ENV)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[0].endswith("· ba vùng")

    def test_english_keeps_the_names(self, folder: Path) -> None:
        """In English the header and the help say "linear", as before."""
        prepare(folder, "option", store=False)
        args = ["score", "okrs.yaml", "--as-of", "2026-03-20", "--locale", "en"]
        result = CliRunner().invoke(main, args, env=ENGLISH_ENV)
        assert result.output.splitlines()[0].endswith("· linear")
        help_text = CliRunner().invoke(main, ["score", "--help"], env=ENGLISH_ENV).output
        assert "[default: linear]" in " ".join(help_text.split())


class TestEarlyLocale:
    @pytest.mark.parametrize(
        ("name", "text", "expected"),
        [
            ("a.yaml", "# Acme\nschema_version: 1\nlocale: vi\n", "vi"),
            ("a.yaml", "locale: 'vi'  # the language\n", "vi"),
            ("a.yml", "objectives:\n  - locale: vi\n", None),
            ("a.json", '{"locale": "vi", "cycles": []}', "vi"),
            ("a.json", '{"cycles": [{"locale": "en"}], "note": "locale", "locale": "vi"}', "vi"),
            ("a.json", '[{"locale": "vi"}]', None),
            ("a.toml", 'locale = "vi"\n[[cycles]]\nid = "q1"\n', "vi"),
            ("a.toml", '[meta]\nlocale = "vi"\n', None),
            ("a.yaml", "locale: klingon\n", None),
        ],
    )
    def test_the_files_own_locale(
        self, tmp_path: Path, name: str, text: str, expected: str | None
    ) -> None:
        """Only a top-level `locale` counts, in each format; an unknown one is no answer."""
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert file_locale(path) == expected

    def test_a_bounded_peek(self, tmp_path: Path) -> None:
        """The peek reads the file's first bytes only: a locale written after them is not read."""
        path = tmp_path / "big.yaml"
        path.write_text("# " + "x" * PEEK_LIMIT + "\nlocale: vi\n", encoding="utf-8")
        assert file_locale(path) is None
        assert file_locale(tmp_path / "missing.yaml") is None
        assert file_locale(tmp_path) is None  # a folder cannot be read

    def test_the_order(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """--locale, then OKRKIT_LOCALE, then the file named, else okrkit.toml's."""
        prepare(folder, "file", store=False)
        (folder / "en.yaml").write_text("locale: en\n", encoding="utf-8")
        monkeypatch.delenv("OKRKIT_LOCALE", raising=False)
        assert early_locale(["score", "en.yaml"]) == "en"
        assert early_locale(["score", "en.yaml", "--locale=vi"]) == "vi"
        assert early_locale(["templates", "list"]) == "vi"  # okrkit.toml's
        assert early_locale(["graph", "okrs.yaml", "-o", "en.yaml"]) == "vi"  # -o is written
        assert early_locale(["checkin", "--store", "x.db"]) is None  # a store is not read
        monkeypatch.setenv("OKRKIT_LOCALE", "en")
        assert early_locale(["score", "okrs.yaml"]) == "en"
        assert (
            early_locale(["score", "okrs.yaml", "--locale", "vi", "--", "--locale", "en"]) == "vi"
        )


class TestEndToEnd:
    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            (["--locale", "vi", "score", "--help"], "Cách dùng: okrkit score [TÙY_CHỌN] TỆP"),
            (["score", "acme.yaml", "--as-of", "bad"], "Lỗi: Giá trị không hợp lệ cho '--as-of'"),
        ],
    )
    def test_the_console_script(self, tmp_path: Path, args: list[str], expected: str) -> None:
        """The installed `okrkit` command, run as a user runs it, answers in Vietnamese."""
        shutil.copyfile(EXAMPLE, tmp_path / "acme.yaml")
        env = {key: value for key, value in os.environ.items() if key not in ENGLISH_ENV}
        env["LANG"] = "en_US.UTF-8"
        done = subprocess.run(
            [sys.executable, "-m", "okrkit", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert expected in done.stdout + done.stderr
        assert english_words(OPTION_NAME.sub(" ", done.stderr)) == []
