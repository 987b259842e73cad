"""The linter's core: running rules, configuration, registering a rule of your own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import okrkit
from builders import kr, objective
from okrkit import Cycle, OKRSet, Owner
from okrkit.errors import RegistryError, UnknownStrategyError, UsageError, ValidationError
from okrkit.i18n import use_locale
from okrkit.lint import (
    Diagnostic,
    Finding,
    LintConfig,
    LintContext,
    Rule,
    Severity,
    available,
    lint,
    register,
)
from okrkit.lint import _registry as registry


def one_kr_set() -> OKRSet:
    """One team objective with a single key result: OKR101 fires on it."""
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="team", name="Đội A", kind="team")],
        objectives=[objective("o1", kr("k1"))],
    )


def codes(found: list[Diagnostic]) -> list[str]:
    """The codes of ``found``, in order."""
    return [d.code for d in found]


class TestRunning:
    def test_facade_and_package(self):
        """okrkit.lint is the function; the package's names import as usual."""
        assert okrkit.lint is lint
        assert "OKR101" in codes(okrkit.lint(one_kr_set(), rules=["OKR101"]))

    def test_diagnostic_fields(self, locale: str):
        """A diagnostic has the code, severity, entity, localised message and hint, path."""
        with use_locale(locale):
            (found,) = lint(one_kr_set(), rules=["OKR101"])
        assert (found.code, found.severity, found.entity_id) == ("OKR101", Severity.WARNING, "o1")
        assert found.location.path == "objectives[0]"
        assert found.message
        assert found.hint
        with use_locale("en"):
            english = lint(one_kr_set(), rules=["OKR101"])[0].message
        assert (found.message == english) is (locale == "en")

    def test_unknown_rule(self):
        """An unknown code is refused, naming the known ones."""
        with pytest.raises(UnknownStrategyError, match="OKR101"):
            lint(one_kr_set(), rules=["OKR999"])
        with pytest.raises(UsageError):
            lint(one_kr_set(), rules="OKR101")  # type: ignore[arg-type]

    @pytest.mark.parametrize("given", ["examples/acme.yaml", Path("examples/acme.yaml"), None])
    def test_anything_but_an_okr_set_is_refused(self, given):
        """A path (or None) given to lint raises UsageError saying to load the file first."""
        with pytest.raises(UsageError, match=r"lint\(\) takes an OKR set") as excinfo:
            okrkit.lint(given)
        assert "okrkit.lint(okrkit.load(path))" in str(excinfo.value)
        assert isinstance(okrkit.lint(okrkit.load("examples/acme.yaml")), list)

    def test_example_has_no_count_problems(self):
        """The example keeps 2-5 key results per objective and at most 4 objectives per owner."""
        assert lint(okrkit.load("examples/acme.yaml"), rules=["OKR101", "OKR102"]) == []


class TestConfig:
    def test_severity_disable_and_options(self):
        """Configuration changes a rule's severity, turns it off, or changes its options."""
        okrs = one_kr_set()
        (error,) = lint(okrs, rules=["OKR101"], config={"severity": {"kr-count": "error"}})
        assert error.severity is Severity.ERROR
        assert lint(okrs, rules=["OKR101"], config={"disable": ["OKR101"]}) == []
        assert lint(okrs, rules=["OKR101"], config={"options": {"OKR101": {"min": 1}}}) == []

    def test_bad_configuration_names_the_key(self):
        """An unknown key or severity is a ValidationError naming it."""
        with pytest.raises(ValidationError, match="colour"):
            LintConfig.from_mapping({"colour": "red"})
        with pytest.raises(ValidationError, match="loud"):
            LintConfig.from_mapping({"severity": {"OKR101": "loud"}})
        with pytest.raises(ValidationError, match="disable"):
            LintConfig.from_mapping({"disable": "OKR101"})

    def test_found_in_pyproject_or_workspace(self, tmp_path: Path):
        """discover() reads okrkit.toml's [lint] before pyproject's [tool.okrkit.lint]."""
        (tmp_path / "pyproject.toml").write_text(
            '[tool.okrkit.lint]\ndisable = ["OKR102"]\n', encoding="utf-8"
        )
        inner = tmp_path / "team"
        inner.mkdir()
        assert LintConfig.discover(inner).disable == {"OKR102"}
        (inner / "okrkit.toml").write_text('[lint]\ndisable = ["OKR101"]\n', encoding="utf-8")
        assert LintConfig.discover(inner).disable == {"OKR101"}
        (inner / "okrkit.toml").write_text('store = "okrkit.db"\n', encoding="utf-8")
        assert LintConfig.discover(inner).disable == {"OKR102"}  # no [lint]: passed over


class _Shouting(Rule):
    code = "TEST001"
    name = "no-shouting"
    description = "An objective's title is not in capitals."

    def check(self, context: LintContext) -> Iterator[Finding]:
        for found in context.okrs.objectives:
            if found.title.isupper():
                yield Finding(entity_id=found.id, message="the title shouts")


class _Dated(_Shouting):
    code = "TEST002"
    name = "dated"
    needs_as_of = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        assert context.as_of is not None
        yield Finding(entity_id=None, message=f"judged on {context.as_of.isoformat()}")


class TestOwnRules:
    def test_passed_in_and_registered(self, monkeypatch: pytest.MonkeyPatch):
        """A rule object runs when passed; registered, it runs with every other rule."""
        okrs = OKRSet(
            cycles=[Cycle.quarter(2026, 1)],
            owners=[Owner(id="team", name="A")],
            objectives=[objective("o1", kr("k1"), kr("k2"), title="WIN")],
        )
        assert codes(lint(okrs, rules=[_Shouting()])) == ["TEST001"]
        monkeypatch.setattr(registry.RULES, "_registered", {})
        register(_Shouting())
        assert "TEST001" in available()
        assert "TEST001" in codes(lint(okrs))
        with pytest.raises(RegistryError):
            register(_Shouting)  # type: ignore[arg-type] # a class, not a rule

    def test_dated_rules_need_as_of(self):
        """A rule that judges on a date runs only when lint() is given one."""
        okrs = one_kr_set()
        assert lint(okrs, rules=[_Dated()]) == []
        (found,) = lint(okrs, rules=[_Dated()], as_of=dt.date(2026, 3, 20))
        assert found.message == "judged on 2026-03-20"
        assert found.location.path is None
