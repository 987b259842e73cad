"""The lint configuration: rule codes and names, and each rule's options, checked up front."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

import okrkit
from okrkit import OKRSet
from okrkit.cli import main
from okrkit.errors import ValidationError
from okrkit.lint import Finding, LintConfig, LintContext, Option, Rule, lint, register
from okrkit.lint import _registry as registry

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme.en.yaml"
DAY = dt.date(2026, 3, 15)


@pytest.fixture(scope="module")
def okrs() -> OKRSet:
    """The English example set."""
    return okrkit.load(EXAMPLE)


def refused(config: dict[str, Any]) -> ValidationError:
    """The error ``config`` raises (it must raise one)."""
    with pytest.raises(ValidationError) as caught:
        LintConfig.from_mapping(config)
    return caught.value


class TestRuleNames:
    @pytest.mark.parametrize(
        ("config", "path"),
        [
            ({"disable": ["OKR31"]}, "disable"),
            ({"enable": ["OKR31"]}, "enable"),
            ({"severity": {"OKR31": "error"}}, "severity.OKR31"),
            ({"options": {"OKR31": {"days": 3}}}, "options.OKR31"),
        ],
    )
    def test_typo_is_refused_with_the_closest(self, config: dict[str, Any], path: str) -> None:
        """A code no rule has is refused wherever it is, with the rule it looks like."""
        error = refused(config)
        assert error.codes == ("id.unknown",)
        assert error.path == path
        assert "'OKR31'" in str(error)
        assert "did you mean 'OKR301'" in str(error)

    def test_nothing_like_it_says_how_rules_are_named(self) -> None:
        """A name like no rule's says to use a code such as OKR101 or a name such as kr-count."""
        error = refused({"severity": {"zzz": "error"}})
        assert "OKR101" in str(error)
        assert "kr-count" in str(error)

    def test_every_mistake_at_once(self) -> None:
        """Several mistakes make one error listing each."""
        error = refused({"disable": ["OKR31"], "severity": {"kr-cuont": "error"}})
        assert error.codes == ("id.unknown", "id.unknown")
        assert "did you mean 'kr-count'" in str(error)

    def test_codes_and_names_still_work(self, okrs: OKRSet) -> None:
        """Rules named by code or by name are configured as before."""
        config = {"disable": ["OKR301", "unaligned"], "severity": {"kr-count": "error"}}
        assert LintConfig.from_mapping(config).disable == {"OKR301", "unaligned"}
        found = {d.code for d in lint(okrs, config=config)}
        assert not found & {"OKR301", "OKR302"}

    def test_made_directly_too(self) -> None:
        """A LintConfig made in Python is checked like one read from a table."""
        with pytest.raises(ValidationError, match="did you mean 'OKR301'"):
            LintConfig(disable=frozenset({"OKR31"}))


class TestOptions:
    @pytest.mark.parametrize(
        ("options", "path", "words"),
        [
            (
                {"OKR402": {"days": "two weeks"}},
                "options.OKR402.days",
                "whole number of at least 1",
            ),
            ({"OKR402": {"days": -3}}, "options.OKR402.days", "(got -3)"),
            ({"OKR402": {"days": 2.5}}, "options.OKR402.days", "whole number"),
            ({"OKR402": {"dayz": 3}}, "options.OKR402.dayz", "did you mean 'days'"),
            ({"checkin-stale": {"days": True}}, "options.checkin-stale.days", "whole number"),
            ({"OKR102": {"min": 1}}, "options.OKR102.min", "its options are max"),
            ({"OKR301": {"days": 3}}, "options.OKR301.days", "OKR301 has no options"),
            ({"OKR201": {"milestones": "false"}}, "options.OKR201.milestones", "true or false"),
            ({"OKR201": {"language": "fr"}}, "options.OKR201.language", "one of vi, en"),
            ({"OKR206": {"threshold": 1.5}}, "options.OKR206.threshold", "from 0 to 1"),
            ({"OKR206": {"threshold": float("nan")}}, "options.OKR206.threshold", "from 0 to 1"),
            ({"OKR507": {"confidence": 9}}, "options.OKR507.confidence", "from 1 to 5"),
            ({"OKR503": {"factor": 0.5}}, "options.OKR503.factor", "at least 1"),
        ],
    )
    def test_bad_option_is_refused(
        self, okrs: OKRSet, options: dict[str, Any], path: str, words: str
    ) -> None:
        """An unknown option or a value it does not take names the key path and what fits."""
        with pytest.raises(ValidationError) as caught:
            lint(okrs, as_of=DAY, config={"options": options})
        assert caught.value.path == path
        assert words in str(caught.value)
        assert str(caught.value).startswith(path + ": ")

    def test_good_options_still_work(self, okrs: OKRSet) -> None:
        """Options of the right kind change what the rules find, by code or by name."""
        stale = {d.entity_id for d in lint(okrs, rules=["OKR402"], as_of=DAY)}
        for key in ("OKR402", "checkin-stale"):
            config = {"options": {key: {"days": 1}}}
            assert stale < {
                d.entity_id for d in lint(okrs, rules=["OKR402"], as_of=DAY, config=config)
            }
        config = {"options": {"OKR201": {"milestones": True, "language": "vi"}}}
        lint(okrs, rules=["OKR201"], config=config)
        config = {"options": {"OKR206": {"threshold": 0}, "OKR507": {"confidence": 2.5}}}
        assert lint(okrs, rules=["OKR206"], config=config)

    def test_problem_codes(self) -> None:
        """Wrong kind is field.type, out of bounds value.range, an unknown name key.unknown."""
        assert refused({"options": {"OKR402": {"days": "two weeks"}}}).codes == ("field.type",)
        assert refused({"options": {"OKR402": {"days": -3}}}).codes == ("value.range",)
        assert refused({"options": {"OKR402": {"dayz": 3}}}).codes == ("key.unknown",)
        assert refused({"options": {"OKR201": {"language": "fr"}}}).codes == ("field.choice",)

    def test_from_a_file_names_the_file(self, tmp_path: Path) -> None:
        """A configuration read from a file names it, with the key inside the lint table."""
        file = tmp_path / "pyproject.toml"
        file.write_text(
            '[tool.okrkit.lint.options.OKR402]\ndays = "two weeks"\n', encoding="utf-8"
        )
        with pytest.raises(ValidationError) as caught:
            LintConfig.from_file(file)
        assert (caught.value.file, caught.value.path) == (str(file), "options.OKR402.days")
        assert str(caught.value).startswith(f"{file}: options.OKR402.days: ")

    def test_in_vietnamese(self) -> None:
        """The message is in the locale it is shown in."""
        error = refused({"options": {"OKR402": {"days": -3}}})
        assert "số nguyên" in error.render(locale="vi")


class _Counting(Rule):
    """A rule of someone else's, reading an option it does not declare."""

    code = "TEST010"
    name = "counting"
    description = "Counts nothing."

    def check(self, context: LintContext) -> Iterator[Finding]:
        yield Finding(entity_id=None, message=f"limit {context.option('limit', 1)}")


class TestOwnRules:
    def test_registered_rule_takes_its_options_as_written(
        self, okrs: OKRSet, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A registered rule can be configured; its undeclared options pass through."""
        monkeypatch.setattr(registry.RULES, "_registered", {})
        config = {"options": {"TEST010": {"limit": "any"}}, "severity": {"counting": "error"}}
        with pytest.raises(ValidationError, match="'TEST010'"):
            LintConfig.from_mapping(config)  # not known yet
        register(_Counting())
        (found,) = lint(okrs, rules=["TEST010"], config=config)
        assert (found.message, found.severity.value) == ("limit any", "error")


class _Declaring(Rule):
    """A rule of someone else's that declares its one option, as okrkit's rules do."""

    code = "TEST011"
    name = "declaring"
    description = "Counts nothing, within a limit."
    options: ClassVar[Mapping[str, Option] | None] = {"limit": Option(int, least=1)}

    def check(self, context: LintContext) -> Iterator[Finding]:
        yield Finding(entity_id=None, message=f"limit {context.option('limit', 1)}")


class TestDeclaredOptions:
    def test_a_plugins_declared_options_are_checked(
        self, okrs: OKRSet, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``okrkit.lint.Option`` on a rule of one's own: its options are checked by name."""
        monkeypatch.setattr(registry.RULES, "_registered", {})
        register(_Declaring())
        with pytest.raises(ValidationError, match=r"options\.TEST011\.limit"):
            LintConfig.from_mapping({"options": {"TEST011": {"limit": 0}}})
        with pytest.raises(ValidationError, match="limitt"):
            LintConfig.from_mapping({"options": {"TEST011": {"limitt": 3}}})
        config = {"options": {"TEST011": {"limit": 3}}}
        (found,) = lint(okrs, rules=["TEST011"], config=config)
        assert found.message == "limit 3"


def check(*args: str) -> tuple[int, str, str]:
    """Run ``okrkit check`` with ``args``: exit code, stdout, stderr."""
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


class TestCheckCommand:
    @pytest.mark.parametrize(
        ("table", "words"),
        [
            ('[tool.okrkit.lint.options.OKR402]\ndays = "two weeks"\n', "options.OKR402.days"),
            ("[tool.okrkit.lint.options.OKR402]\ndayz = 3\n", "did you mean 'days'"),
            ('[tool.okrkit.lint]\ndisable = ["OKR31"]\n', "did you mean 'OKR301'"),
        ],
    )
    def test_bad_configuration_is_one_line_and_exit_two(
        self, tmp_path: Path, table: str, words: str
    ) -> None:
        """A bad option or code exits 2 with one line naming the file, not a bug report."""
        file = tmp_path / "okrs.yaml"
        file.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
        code, out, err = check(str(file), "--as-of", "2026-03-15", "--locale", "en")
        assert (code, out) == (2, "")
        assert len(err.strip().splitlines()) == 1
        assert "pyproject.toml" in err
        assert words in err
        assert "bug" not in err
