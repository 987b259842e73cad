"""``okrkit check``: exit codes, the four formats, escaping, locales, a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import okrkit
from okrkit.cli import main
from okrkit.cli._check_formats import github_data, github_property
from okrkit.lint import available
from okrkit.store import SQLiteStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

THIN = """\
schema_version: 1
locale: LOCALE
cycles:
  - {id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}
owners:
  - {id: acme, name: Acme, kind: company}
objectives:
  - id: o-thin
    title: "TITLE"
    owner: acme
    cycle: 2026-Q1
    level: company
    key_results:
      - id: kr-c
        title: Revenue from 1 to 2 billion
        metric: {kind: increase, start: 1, target: 2}
"""


def only_okr101(severity: str = "warning") -> str:
    """A pyproject.toml that runs OKR101 alone (at ``severity``), whatever else is installed."""
    others = [code for code in available() if code != "OKR101"]
    return (
        f"[tool.okrkit.lint]\ndisable = {json.dumps(others)}\n"
        f'[tool.okrkit.lint.severity]\nOKR101 = "{severity}"\n'
    )


ERROR_CONFIG = only_okr101("error")


def thin(tmp_path: Path, *, locale: str = "en", title: str = "Grow") -> Path:
    """An OKR file whose one objective has one key result (OKR101), in its folder.

    The folder's pyproject.toml runs OKR101 alone.
    """
    path = tmp_path / "okrs.yaml"
    path.write_text(THIN.replace("LOCALE", locale).replace("TITLE", title), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(only_okr101(), encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, str, str]:
    """Run ``okrkit check`` with ``args``: exit code, stdout, stderr."""
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


class TestExitCodes:
    @pytest.mark.parametrize("name", ["acme.yaml", "acme.en.yaml"])
    def test_examples_pass(self, name: str):
        """The shipped examples draw no error: exit 0."""
        code, out, err = check(str(EXAMPLES / name))
        assert code == 0, out + err

    def test_warnings_exit_zero(self, tmp_path: Path):
        """Warnings alone exit 0, and the summary counts them."""
        code, out, _err = check(str(thin(tmp_path)))
        assert code == 0
        assert "OKR101" in out
        assert out.strip().endswith("0 errors, 1 warning")

    def test_errors_exit_one(self, tmp_path: Path):
        """An error-severity diagnostic (by configuration) exits 1."""
        path = thin(tmp_path)
        (tmp_path / "pyproject.toml").write_text(ERROR_CONFIG, encoding="utf-8")
        code, out, _err = check(str(path))
        assert code == 1
        assert "1 error, 0 warnings" in out

    def test_config_option_wins(self, tmp_path: Path):
        """--config names the configuration; here one that disables the rule."""
        path = thin(tmp_path)
        (tmp_path / "pyproject.toml").write_text(ERROR_CONFIG, encoding="utf-8")
        other = tmp_path / "lint.toml"
        other.write_text(
            f"[tool.okrkit.lint]\ndisable = {json.dumps(available())}\n", encoding="utf-8"
        )
        code, out, _err = check(str(path), "--config", str(other))
        assert (code, out.strip()) == (0, "0 errors, 0 warnings")

    @pytest.mark.parametrize(
        "content",
        [None, "objectives: 3\n", "cycles: []\nowners: []\nobjectives:\n  - {id: o1}\n"],
    )
    def test_unusable_file_exits_two(self, tmp_path: Path, content: str | None):
        """A missing file, or one that breaks the model's rules, exits 2 with a message."""
        path = tmp_path / "okrs.yaml"
        if content is not None:
            path.write_text(content, encoding="utf-8")
        code, out, err = check(str(path))
        assert code == 2
        assert out == ""
        assert str(path) in err

    def test_bad_config_exits_two(self, tmp_path: Path):
        """A lint configuration okrkit cannot use exits 2, naming the file."""
        path = thin(tmp_path)
        (tmp_path / "pyproject.toml").write_text(
            '[tool.okrkit.lint]\nsevere = "x"\n', encoding="utf-8"
        )
        code, _out, err = check(str(path))
        assert code == 2
        assert "pyproject.toml" in err

    def test_file_and_store_together_is_a_usage_error(self, tmp_path: Path):
        """FILE with --store is a usage error (2)."""
        code, _out, err = check(str(thin(tmp_path)), "--store", str(tmp_path / "s.db"))
        assert code == 2
        assert "--store" in err


class TestFormats:
    def test_json(self, tmp_path: Path):
        """--format json: a list of diagnostics with stable keys, file and line."""
        path = thin(tmp_path)
        code, out, _err = check(str(path), "--format", "json")
        assert code == 0
        (found,) = json.loads(out)
        assert set(found) == {
            "code", "rule", "severity", "entity_id", "message", "hint", "file", "line", "path"
        }  # fmt: skip
        assert (found["code"], found["severity"], found["line"]) == ("OKR101", "warning", 8)
        assert found["file"] == str(path)

    def test_json_codes_never_translated(self, tmp_path: Path):
        """In Vietnamese the codes and severities stay; the message is Vietnamese."""
        path = thin(tmp_path, locale="vi")
        _code, out, _err = check(str(path), "--format", "json")
        (found,) = json.loads(out)
        assert (found["code"], found["severity"], found["rule"]) == (
            "OKR101", "warning", "kr-count"
        )  # fmt: skip
        assert "kết quả then chốt" in found["message"]

    def test_sarif_structure(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
        """--format sarif: a SARIF 2.1.0 log with the driver's rules and located results."""
        thin(tmp_path)
        monkeypatch.chdir(tmp_path)
        code, out, _err = check("okrs.yaml", "--format", "sarif")
        assert code == 0
        log = json.loads(out)
        assert log["version"] == "2.1.0"
        assert log["$schema"].endswith("sarif-2.1.0.json")
        (run,) = log["runs"]
        driver = run["tool"]["driver"]
        assert driver["name"] == "okrkit"
        assert driver["version"] == okrkit.__version__
        ids = [rule["id"] for rule in driver["rules"]]
        assert "OKR101" in ids
        for rule in driver["rules"]:
            assert set(rule) >= {"id", "name", "shortDescription", "helpUri"}
            assert rule["shortDescription"]["text"]
            assert rule["helpUri"].startswith("https://")
            assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        (result,) = run["results"]
        assert result["ruleId"] == "OKR101"
        assert driver["rules"][result["ruleIndex"]]["id"] == "OKR101"
        assert result["level"] == "warning"
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "okrs.yaml"
        assert physical["region"]["startLine"] == 8

    def test_github(self, tmp_path: Path):
        """--format github: one workflow command per diagnostic, file and line given."""
        path = thin(tmp_path)
        code, out, _err = check(str(path), "--format", "github")
        assert code == 0
        (line,) = out.splitlines()
        prop = github_property(str(path))
        assert line.startswith(f"::warning file={prop},line=8,title=OKR101::")

    def test_output_file(self, tmp_path: Path):
        """-o writes the output whole to a file and says so on stderr."""
        out_file = tmp_path / "report.sarif"
        code, out, err = check(str(thin(tmp_path)), "--format", "sarif", "-o", str(out_file))
        assert (code, out) == (0, "")
        assert str(out_file) in err
        assert json.loads(out_file.read_text(encoding="utf-8"))["version"] == "2.1.0"


class TestEscaping:
    def test_github_escapes(self):
        """%, CR and LF are escaped in data; also : and , in properties."""
        assert github_data("100%\r\nok") == "100%25%0D%0Aok"
        assert github_property("C:\\a,b") == "C%3A\\a%2Cb"

    def test_hostile_title_and_file_name(self, tmp_path: Path):
        """A file name with , and : and a message with escapes cannot break the command."""
        folder = tmp_path / "a,b:c"
        folder.mkdir()
        path = thin(folder, title="Grow \\u001b[31m red \\n ::error::x")
        code, out, _err = check(str(path), "--format", "github", "--locale", "en")
        assert code == 0
        (line,) = out.splitlines()
        assert "\x1b" not in out
        assert "a%2Cb%3Ac" in line
        assert line.count("::") == 2

    def test_text_has_no_escape_sequences(self, tmp_path: Path):
        """Plain text output carries no escape sequence from user data."""
        path = thin(tmp_path, title="Grow \\u001b[2J now")
        _code, out, _err = check(str(path))
        assert "\x1b" not in out


class TestLocale:
    def test_vietnamese_summary(self, tmp_path: Path):
        """A Vietnamese file speaks Vietnamese: severity label and summary."""
        _code, out, _err = check(str(thin(tmp_path, locale="vi")))
        assert "OKR101" in out
        assert "warning" not in out
        assert "error" not in out

    def test_locale_option(self, tmp_path: Path):
        """--locale en wins over the file's vi."""
        _code, out, _err = check(str(thin(tmp_path, locale="vi")), "--locale", "en")
        assert "0 errors, 1 warning" in out


class TestStore:
    def test_store_and_as_of(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
        """--store lints the store's set; --as-of is accepted; no file, so paths only."""
        okrs = okrkit.load(thin(tmp_path))
        with SQLiteStore(tmp_path / "s.db") as store:
            store.save(okrs)
        monkeypatch.chdir(tmp_path)  # the configuration is found from the current folder
        code, out, _err = check("--store", "s.db", "--format", "json", "--as-of", "2026-02-01")
        assert code == 0
        (found,) = json.loads(out)
        assert (found["file"], found["line"], found["path"]) == (None, None, "objectives[0]")

    def test_bad_as_of_is_a_usage_error(self, tmp_path: Path):
        """--as-of that is no date exits 2."""
        code, _out, err = check(str(thin(tmp_path)), "--as-of", "soon")
        assert code == 2
        assert "YYYY-MM-DD" in err
