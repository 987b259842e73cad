"""Template previews with source 004's blanks, and parameter errors in the user's terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from okrkit import Cycle, TemplateError, catalogue
from okrkit.catalogue import ParameterType, Template
from okrkit.cli import main
from okrkit.i18n import use_locale

CATALOGUE = catalogue.load()
TEMPLATES = list(CATALOGUE)
Q1 = Cycle.quarter(2026, 1)

BLANKS = {
    "vi": {
        ParameterType.PERCENT: "[phần trăm]",
        ParameterType.COUNT: "[số lượng]",
        ParameterType.MONEY: "[số tiền]",
        ParameterType.DATE: "[ngày]",
        ParameterType.PERIOD: "[thời gian]",
    },
    "en": {
        ParameterType.PERCENT: "[percent]",
        ParameterType.COUNT: "[number]",
        ParameterType.MONEY: "[amount]",
        ParameterType.DATE: "[date]",
        ParameterType.PERIOD: "[time frame]",
    },
}
"""Source 004's placeholder words, by type of value, and their English twins."""

BRACKETED = re.compile(r"\[[^\[\]]+\]")


class TestPreviews:
    def test_source_004_example(self) -> None:
        """The count of workshops shows as "[số lượng]", not as its whole label."""
        preview = CATALOGUE.get("emp-skills-growth").render("vi")
        assert "nhờ [số lượng] buổi chuyên đề hoặc hội thảo trong [thời gian]" in preview
        assert "[số workshop hoặc hội thảo]" not in preview

    def test_blank_words(self, locale: str) -> None:
        """Each type of value has its blank in each language; a text has none."""
        with use_locale(locale):
            for kind, blank in BLANKS[locale].items():
                assert kind.placeholder == blank
            assert ParameterType.TEXT.placeholder is None

    def test_every_preview_uses_the_blanks(self, locale: str) -> None:
        """Every template's preview shows only the type blanks and its text labels."""
        for template in TEMPLATES:
            allowed = set(BLANKS[locale].values()) | {
                f"[{param.label.get(locale)}]"
                for param in template.parameters
                if param.type is ParameterType.TEXT
            }
            preview = template.render(locale)
            assert set(BRACKETED.findall(preview)) <= allowed, template.id
            assert "{" not in preview

    def test_blank_for_each_placeholder(self) -> None:
        """A template with a parameter of each type shows each blank once per use."""
        template = CATALOGUE.get("me-work-sales-targets")
        lines = template.render("vi").splitlines()
        assert lines[1] == "  - Hoàn thành [phần trăm] chỉ tiêu doanh số cá nhân theo kế hoạch năm"
        assert lines[2].endswith("trong [thời gian]")
        assert lines[4].endswith("từ [phần trăm] lên [phần trăm]")

    def test_active_locale_by_default(self) -> None:
        """render() with no locale previews in the active one."""
        template = CATALOGUE.get("me-work-sales-targets")
        with use_locale("vi"):
            assert template.render() == template.render("vi")
        assert "[percent]" in template.render("en")

    def test_show_previews_with_blanks(self) -> None:
        """`okrkit templates show` prints the preview with source 004's blanks."""
        result = CliRunner().invoke(
            main, ["templates", "show", "emp-skills-growth", "--locale", "vi"]
        )
        assert result.exit_code == 0
        assert "[số lượng] buổi chuyên đề" in result.stdout


@pytest.fixture
def user_template(tmp_path: Path) -> Template:
    """A template of the user's own file whose defaults break a relation between them."""
    text = """\
templates:
  - id: my-leads
    domain: marketing
    source: {document: custom}
    level: team
    objective: {vi: Thêm khách hàng tiềm năng, en: More leads}
    parameters:
      - name: leads_now
        type: count
        label: {vi: số khách hiện có, en: leads today}
        default: 100
      - name: leads
        type: count
        label: {vi: số khách mục tiêu, en: target leads}
        default: 80
        above: leads_now
    key_results:
      - title: {vi: "Từ {leads_now} lên {leads}", en: "From {leads_now} to {leads}"}
        metric: {kind: increase, start: "{leads_now}", target: "{leads}"}
"""
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    (template,) = catalogue.read_templates(path)
    return template


class TestParameterErrors:
    def test_bad_value_names_parameter_and_value(self, locale: str) -> None:
        """A value that does not fit names the label, the key, the value and what would do."""
        template = CATALOGUE.get("me-work-sales-targets")
        with pytest.raises(TemplateError) as excinfo:
            template.instantiate({"attainment": "500"}, owner="lan", cycle=Q1, locale=locale)
        (problem,) = excinfo.value.problems
        label = template.parameter("attainment").label.get(locale)
        message = problem.render(locale)
        assert message.startswith(f"me-work-sales-targets: {label} (")
        assert "'attainment'" in message
        assert "'500'" in message
        assert "300%" in message  # what is accepted: at most 300%
        assert problem.code == "template.parameter"

    def test_users_mistake_names_no_library_file(self) -> None:
        """A bad value the user gave never points at the library's own template file."""
        template = CATALOGUE.get("me-work-sales-targets")
        with pytest.raises(TemplateError) as excinfo:
            template.instantiate(
                {"attainment": "abc", "repeat": 5, "period": "soon", "atainment": 1},
                owner="lan",
                cycle=Q1,
                locale="vi",
            )
        assert len(excinfo.value.problems) == 4
        assert all(problem.file is None for problem in excinfo.value.problems)
        assert str(template.file) not in str(excinfo.value)
        assert ".yaml" not in str(excinfo.value)

    def test_unknown_parameter_suggests_the_close_one(self) -> None:
        """A misspelt parameter name gets the one it looks like, and the list of names."""
        template = CATALOGUE.get("me-work-sales-targets")
        with pytest.raises(TemplateError) as excinfo:
            template.instantiate({"atainment": 90}, owner="lan", cycle=Q1, locale="en")
        (problem,) = excinfo.value.problems
        assert "unknown parameter 'atainment'; did you mean 'attainment'?" in problem.message
        assert "new_contracts" in problem.message

    def test_missing_parameter_names_its_label(self, locale: str) -> None:
        """A parameter with no default and no value is missing, by name and label."""
        template = CATALOGUE.get("me-work-sales-targets")
        required = template.parameter("attainment")
        bare = Template(
            id="bare",
            domain="sales",
            source=template.source,
            level=template.level,
            objective=template.objective,
            key_results=template.key_results,
            parameters=[
                type(required)(name=p.name, type=p.type, label=p.label)
                if p.name == "attainment"
                else p
                for p in template.parameters
            ],
        )
        with pytest.raises(TemplateError) as excinfo:
            bare.instantiate(owner="lan", cycle=Q1, locale=locale)
        (problem,) = excinfo.value.problems
        assert "'attainment'" in problem.render(locale)
        assert required.label.get(locale) in problem.render(locale)

    def test_template_default_blames_the_template_file(self, user_template: Template) -> None:
        """Defaults that break a rule are the template file's mistake: the file is named."""
        with pytest.raises(TemplateError) as excinfo:
            user_template.instantiate(owner="lan", cycle=Q1, locale="en")
        (problem,) = excinfo.value.problems
        assert problem.file == user_template.file
        assert "must be above 'leads_now'" in problem.message

    def test_given_value_breaking_a_rule_is_the_users(self, user_template: Template) -> None:
        """The same rule broken by a value the user gave names no file."""
        with pytest.raises(TemplateError) as excinfo:
            user_template.instantiate({"leads": 50}, owner="lan", cycle=Q1, locale="en")
        (problem,) = excinfo.value.problems
        assert problem.file is None
        assert "parameter 'leads' (50) must be above 'leads_now' (100)" in problem.message

    def test_shown_in_the_readers_locale(self) -> None:
        """Raised in Vietnamese and shown in English, the label is English."""
        template = CATALOGUE.get("me-work-sales-targets")
        with pytest.raises(TemplateError) as excinfo:
            template.instantiate({"attainment": "500"}, owner="lan", cycle=Q1, locale="vi")
        shown = excinfo.value.render("en")
        assert "share of the yearly sales plan achieved (parameter 'attainment')" in shown


class TestCommandLineErrors:
    @pytest.mark.parametrize("locale", ["vi", "en"])
    def test_new_with_a_bad_set(self, tmp_path: Path, locale: str) -> None:
        """`okrkit new --set attainment=abc` names the parameter and value, not a package file."""
        result = CliRunner().invoke(
            main,
            [
                "new",
                "--template",
                "me-work-sales-targets",
                "--set",
                "attainment=abc",
                "-o",
                str(tmp_path / "out.yaml"),
                "--locale",
                locale,
            ],
        )
        assert result.exit_code == 1
        label = CATALOGUE.get("me-work-sales-targets").parameter("attainment").label.get(locale)
        assert f"{label} (" in result.stderr
        assert "'attainment'" in result.stderr
        assert "'abc'" in result.stderr
        assert "templates/" not in result.stderr
        assert ".yaml" not in result.stderr
        assert not (tmp_path / "out.yaml").exists()
