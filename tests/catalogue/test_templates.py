"""Templates as objects: the file format, parameters, rendering and instantiation."""

from __future__ import annotations

import ast
import datetime as dt
import re
import warnings
from pathlib import Path

import pytest

from okrkit import Cycle, MetricKind, TemplateError, Unit, catalogue
from okrkit.catalogue import Localised, ParameterType, Period, check, read_templates
from okrkit.catalogue._catalogue import read_template_files
from okrkit.errors import ParameterError, UnknownIdError
from okrkit.i18n import use_locale

Q1 = Cycle.quarter(2026, 1)

GOOD = """\
templates:
  - id: my-funnel
    domain: marketing
    source: {document: custom}
    level: team
    tags: [marketing, lead-generation]
    objective:
      vi: Lấp đầy phễu của {brand} bằng khách hàng tiềm năng
      en: Fill the {brand} funnel with qualified leads
    note:
      vi: Đo từng kênh riêng.
      en: Measure each channel on its own.
    parameters:
      - {name: brand, type: text, label: {vi: tên thương hiệu, en: brand name}, default: {vi: Acme Việt, en: Acme}}
      - {name: leads_now, type: count, label: {vi: số khách tiềm năng hiện có, en: leads today}, default: 100}
      - {name: leads, type: count, label: {vi: số khách tiềm năng mục tiêu, en: target leads}, default: 150, above: leads_now}
      - {name: cpl_now, type: money, label: {vi: chi phí mỗi khách hiện tại, en: cost per lead today}, default: 200000}
      - {name: cpl, type: money, label: {vi: chi phí mỗi khách mục tiêu, en: target cost per lead}, default: 150000, below: cpl_now}
      - {name: share, type: percent, label: {vi: tỷ lệ chuyển đổi, en: conversion rate}, default: 12.5}
      - {name: launch, type: date, label: {vi: ngày ra mắt, en: launch date}, default: month-2-end}
      - {name: window, type: period, label: {vi: khoảng thời gian, en: time window}, default: {vi: 3 tháng, en: 3 months}}
    key_results:
      - title: {vi: "Tăng khách tiềm năng từ {leads_now} lên {leads} trong {window}", en: "Grow leads from {leads_now} to {leads} within {window}"}
        metric: {kind: increase, start: "{leads_now}", target: "{leads}"}
      - title: {vi: "Giảm chi phí mỗi khách từ {cpl_now} xuống {cpl}", en: "Cut the cost per lead from {cpl_now} to {cpl}"}
        metric: {kind: decrease, start: "{cpl_now}", target: "{cpl}", unit: currency}
        weight: 2
      - title: {vi: "Giữ tỷ lệ chuyển đổi từ {share} trở lên", en: "Keep conversion at {share} or more"}
        metric: {kind: at_least, target: "{share}", unit: percent}
      - title: {vi: "Ra mắt trang đích mới trước {launch}", en: "Launch the new landing page by {launch}"}
        metric: {kind: milestone}
        due: "{launch}"
"""


@pytest.fixture
def template(tmp_path: Path) -> catalogue.Template:
    """A user template with one parameter of every type."""
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (found,) = read_templates(path)
    return found


def problems(text: str, tmp_path: Path) -> list[tuple[int | None, str | None, str]]:
    """(line, path, message) of each problem reading ``text`` as a template file."""
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as excinfo:
        read_templates(path)
    assert all(p.file == str(path) for p in excinfo.value.problems)
    return [(p.line, p.path, p.message) for p in excinfo.value.problems]


class TestInstantiate:
    def test_defaults_in_vietnamese(self, template: catalogue.Template) -> None:
        """Defaults fill every placeholder, formatted for Vietnamese."""
        objective = template.instantiate(owner="lan", cycle=Q1, locale="vi")
        assert objective.title == "Lấp đầy phễu của Acme Việt bằng khách hàng tiềm năng"
        titles = [kr.title for kr in objective.key_results]
        assert titles[0] == "Tăng khách tiềm năng từ 100 lên 150 trong 3 tháng"
        assert titles[1] == "Giảm chi phí mỗi khách từ 200.000 đồng xuống 150.000 đồng"
        assert titles[2] == "Giữ tỷ lệ chuyển đổi từ 12,5% trở lên"
        assert titles[3] == "Ra mắt trang đích mới trước 28/2/2026"

    def test_defaults_in_english(self, template: catalogue.Template) -> None:
        """The English texts and formats come out in English."""
        objective = template.instantiate(owner="lan", cycle=Q1, locale="en")
        assert objective.title == "Fill the Acme funnel with qualified leads"
        assert objective.key_results[1].title == "Cut the cost per lead from ₫200,000 to ₫150,000"

    def test_objects(self, template: catalogue.Template) -> None:
        """Metrics, ids, owners, weights and due dates follow the template."""
        objective = template.instantiate(
            {"leads": 400}, owner="lan", cycle=Q1, locale="en", id="obj-funnel"
        )
        krs = objective.key_results
        assert [kr.id for kr in krs] == [f"obj-funnel-kr{i}" for i in range(1, 5)]
        assert krs[0].metric.target == 400
        assert (krs[1].metric.kind, krs[1].metric.unit, krs[1].metric.currency) == (
            MetricKind.DECREASE,
            Unit.CURRENCY,
            "VND",
        )
        assert krs[1].weight == 2
        assert krs[3].due == dt.date(2026, 2, 28)
        assert all(kr.owners == ("lan",) for kr in krs)
        assert objective.tags == ("marketing", "lead generation")  # the tags' English names

    def test_text_values_from_the_command_line(self, template: catalogue.Template) -> None:
        """Numbers given as text, with the locale's separators, are read."""
        objective = template.instantiate(
            {"leads": "1.500", "cpl": "120000", "share": "15", "window": "6 tháng"},
            owner="lan",
            cycle=Q1,
            locale="vi",
        )
        assert objective.key_results[0].metric.target == 1500
        assert objective.key_results[0].title.endswith("trong 6 tháng")

    def test_every_problem_listed(self, template: catalogue.Template) -> None:
        """Missing, unknown and ill-typed parameters and broken relations, all at once."""
        with pytest.raises(TemplateError) as excinfo:
            template.instantiate(
                {"leads": "many", "colour": "red", "cpl": 300000, "share": 140, "launch": "soon"},
                owner="lan",
                cycle=Q1,
                locale="en",
            )
        messages = [p.message for p in excinfo.value.problems]
        assert len(messages) == 5
        assert any("unknown parameter 'colour'" in m for m in messages)
        assert any(
            "(parameter 'leads') cannot be 'many': it must be a number" in m for m in messages
        )
        assert any(
            "(parameter 'share') cannot be 140: it must be at most 100%" in m for m in messages
        )
        assert any(
            "(parameter 'launch') cannot be 'soon': it must be a date" in m for m in messages
        )
        assert any("'cpl' (₫300,000) must be below 'cpl_now' (₫200,000)" in m for m in messages)
        assert all(p.entity_id == "my-funnel" for p in excinfo.value.problems)

    def test_relative_date_needs_the_cycle(self, template: catalogue.Template) -> None:
        """A date default relative to the cycle needs the Cycle, not its id."""
        with pytest.raises(TemplateError, match="pass the Cycle itself"):
            template.instantiate(owner="lan", cycle="2026-Q1")
        objective = template.instantiate(
            {"launch": "2026-03-01"}, owner="lan", cycle="2026-Q1", locale="en"
        )
        assert objective.key_results[3].due == dt.date(2026, 3, 1)

    def test_render_shows_blanks(self, template: catalogue.Template) -> None:
        """The preview shows each placeholder as a blank: its type's word, a text's label."""
        preview = template.render("vi")
        assert "Tăng khách tiềm năng từ [số lượng] lên [số lượng] trong [thời gian]" in preview
        assert "Lấp đầy phễu của [tên thương hiệu]" in preview
        assert "Đo từng kênh riêng." in preview
        assert "{" not in preview

    def test_title_uses_defaults(self, template: catalogue.Template) -> None:
        """title() fills the objective's placeholders with defaults."""
        assert template.title("en") == "Fill the Acme funnel with qualified leads"


class TestFileFormat:
    def test_unsafe_placeholders_refused(self, tmp_path: Path) -> None:
        """Attribute, index and format access in placeholders is refused at load."""
        text = GOOD.replace("Fill the {brand} funnel", "Fill the {brand.__class__} funnel")
        found = problems(text, tmp_path)
        assert any("is not a placeholder" in message for _l, _p, message in found)

    def test_unknown_placeholder(self, tmp_path: Path) -> None:
        """A placeholder naming no parameter is reported with its path and line."""
        text = GOOD.replace("within {window}", "within {windw}")
        ((line, path, message),) = problems(text, tmp_path)
        assert path == "templates[0].key_results[0].title.en"
        assert line == 23
        assert "{windw} names no parameter" in message

    def test_unused_parameter(self, tmp_path: Path) -> None:
        """A parameter nothing uses is a mistake."""
        text = GOOD.replace("within {window}", "soon").replace("trong {window}", "sớm")
        found = problems(text, tmp_path)
        assert any("'window' is never used" in message for _l, _p, message in found)

    def test_bad_default_and_relation(self, tmp_path: Path) -> None:
        """A default of the wrong type, and a relation to a text parameter, are refused."""
        text = GOOD.replace("default: 12.5", "default: lots").replace(
            "above: leads_now", "above: brand"
        )
        found = [message for _l, _p, message in problems(text, tmp_path)]
        assert any("the default 'lots' must be a number" in m for m in found)
        assert any("above 'brand' must name another numeric parameter" in m for m in found)

    def test_unknown_domain_and_section(self, tmp_path: Path) -> None:
        """Unknown domains and source sections list the known ones."""
        text = GOOD.replace("domain: marketing", "domain: marketting").replace(
            "{document: custom}", '{document: "004", section: "99.1"}'
        )
        found = [message for _l, _p, message in problems(text, tmp_path)]
        assert any("unknown section '99.1' of document 004" in m for m in found)

    def test_both_languages_required(self, tmp_path: Path) -> None:
        """A text without its English side is refused."""
        text = GOOD.replace("      en: Fill the {brand} funnel with qualified leads\n", "")
        ((_line, path, message),) = problems(text, tmp_path)
        assert path == "templates[0].objective.en"
        assert "required key 'en' is missing" in message


class TestUserCatalogues:
    def test_extra_files_merge(self, tmp_path: Path) -> None:
        """catalogue.load(extra=[...]) adds the user's templates to the built-in ones."""
        path = tmp_path / "mine.yaml"
        path.write_text(GOOD, encoding="utf-8")
        merged = catalogue.load(extra=[path])
        assert len(merged) == len(catalogue.load()) + 1
        assert "my-funnel" in [t.id for t in merged.search("lap day pheu")]

    def test_id_clash_names_both_files(self, tmp_path: Path) -> None:
        """A user template reusing a built-in id names both files."""
        builtin = next(iter(catalogue.load()))
        path = tmp_path / "clash.yaml"
        path.write_text(GOOD.replace("id: my-funnel", f"id: {builtin.id}"), encoding="utf-8")
        with pytest.raises(TemplateError) as excinfo:
            catalogue.load(extra=[path])
        message = str(excinfo.value)
        assert str(builtin.file) in message
        assert str(path) in message


class TestValues:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("3 months", Period(3, "month")),
            ("6 tháng", Period(6, "month")),
            ("2 tuần", Period(2, "week")),
            ("1 year", Period(1, "year")),
            (90, Period(90, "day")),
        ],
    )
    def test_period_forms(self, text: object, expected: Period) -> None:
        """Periods read English and Vietnamese units."""
        assert Period.parse(text) == expected

    @pytest.mark.parametrize("bad", ["soon", "0 days", -3, "3 fortnights"])
    def test_bad_periods(self, bad: object) -> None:
        """Anything else is refused."""
        with pytest.raises(ValueError, match=re.escape(str(bad))):
            Period.parse(bad)

    def test_parameter_type_labels(self) -> None:
        """Each parameter type has a label for a person, translated by the active locale."""
        assert [kind.label for kind in ParameterType] == [
            "percentage",
            "number",
            "amount of money",
            "date",
            "length of time",
            "text",
        ]
        with use_locale("vi"):
            assert ParameterType.MONEY.label == "số tiền"
            assert ParameterType.PERIOD.label == "khoảng thời gian"

    def test_localised_falls_back_to_english(self) -> None:
        """A locale other than Vietnamese reads the English text."""
        text = Localised(vi="Xin chào", en="Hello")
        assert (text["vi_VN"], text["en_GB"], text.get("fr")) == ("Xin chào", "Hello", "Hello")


class TestErrors:
    """Every error on a public path is an okrkit error that is also the builtin it replaces."""

    @pytest.mark.parametrize("bad", ["soon", "0 days", -3, "3 fortnights"])
    def test_bad_period_message(self, bad: object) -> None:
        """Period.parse raises a ParameterError that names the value and shows the form."""
        with pytest.raises(ParameterError) as excinfo:
            Period.parse(bad)
        assert isinstance(excinfo.value, ValueError)
        assert str(excinfo.value) == (
            f"{bad!r} is not a length of time; write a count and a unit such as "
            "'3 months' or '6 tháng'"
        )

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            ("share", 140, "must be at most 100%"),
            ("share", -1, "must be at least 0%"),
            ("leads", "many", "must be a number such as 1,500 or 12.5"),
            ("leads", True, "must be a number"),
            ("leads", float("nan"), "must be a finite number"),
            ("launch", "soon", "must be a date written as YYYY-MM-DD"),
            ("window", "3 fortnights", "must be a length of time such as '3 months' or '6 tháng'"),
            ("brand", "  ", "must be non-empty text"),
        ],
    )
    def test_coerce_messages(
        self, template: catalogue.Template, name: str, value: object, message: str
    ) -> None:
        """Parameter.coerce raises a ParameterError (a ValueError) saying what would fit."""
        with pytest.raises(ParameterError) as excinfo:
            template.parameter(name).coerce(value, "en")
        assert isinstance(excinfo.value, ValueError)
        assert str(excinfo.value) == message

    def test_unknown_parameter_suggests_names(self, template: catalogue.Template) -> None:
        """Template.parameter raises an UnknownIdError (a KeyError) with close names."""
        with pytest.raises(UnknownIdError) as excinfo:
            template.parameter("lead")
        assert isinstance(excinfo.value, KeyError)
        assert excinfo.value.id == "lead"
        assert excinfo.value.suggestions[0] == "leads"
        assert str(excinfo.value).startswith("no parameter with id 'lead'; did you mean 'leads'")

    def test_unknown_parameter_without_suggestion(self, template: catalogue.Template) -> None:
        """Nothing alike: the message just says there is no such parameter."""
        with pytest.raises(KeyError, match=r"^no parameter with id 'zzz'$"):
            template.parameter("zzz")


class TestDeprecatedNames:
    def test_localized_still_works_and_warns(self) -> None:
        """The American spelling Localized is the same class, with a DeprecationWarning."""
        with pytest.warns(
            DeprecationWarning,
            match=r"okrkit\.catalogue\.Localized is deprecated; use okrkit\.catalogue\.Localised",
        ):
            from okrkit.catalogue import Localized
        assert Localized is Localised
        with pytest.warns(DeprecationWarning, match="Localized is deprecated"):
            assert catalogue.Localized is Localised

    def test_new_spelling_does_not_warn(self) -> None:
        """Localised is a plain name of the package: no warning, and in __all__."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert catalogue.Localised is Localised
        assert "Localised" in catalogue.__all__
        assert "Localized" not in catalogue.__all__

    def test_unknown_name_is_an_attribute_error(self) -> None:
        """Any other missing name still raises AttributeError."""
        with pytest.raises(AttributeError, match="Localize"):
            catalogue.Localize  # noqa: B018


class TestReadingFiles:
    def test_every_file_read_and_every_problem_collected(self, tmp_path: Path) -> None:
        """read_template_files reads good files and gathers the problems of bad ones."""
        good = tmp_path / "good.yaml"
        good.write_text(GOOD, encoding="utf-8")
        bad = tmp_path / "bad.yaml"
        bad.write_text(GOOD.replace("domain: marketing", "domain: marketting"), encoding="utf-8")
        missing = tmp_path / "missing.yaml"
        templates, found = read_template_files([good, bad, missing])
        assert [t.id for t in templates] == ["my-funnel"]
        assert [p.file for p in found] == [str(bad), str(missing)]
        assert "unknown domain 'marketting'" in found[0].message
        assert found[0].line == 3
        assert found[1].message.startswith("cannot read the template file")

    def test_check_reports_and_fails(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The checker prints each problem, reading and clashing ids alike, and exits 1."""
        good = tmp_path / "good.yaml"
        good.write_text(GOOD, encoding="utf-8")
        again = tmp_path / "again.yaml"
        again.write_text(GOOD, encoding="utf-8")
        bad = tmp_path / "bad.yaml"
        bad.write_text(GOOD.replace("level: team", "level: squad"), encoding="utf-8")
        assert check.main([str(good), str(again), str(bad)]) == 1
        err = capsys.readouterr().err
        assert f"{bad}:5" in err
        assert "template id 'my-funnel' is defined in" in err

    def test_check_passes_a_good_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A good file checks clean: exit 0 and a summary."""
        good = tmp_path / "good.yaml"
        good.write_text(GOOD, encoding="utf-8")
        assert check.main([str(good)]) == 0
        assert capsys.readouterr().out.startswith("1 templates, 0 problems")


class TestLayers:
    def test_only_io_public_door_is_imported(self) -> None:
        """The catalogue imports io only through okrkit.io, never its private modules."""
        folder = Path(catalogue.__file__).parent
        reached = {
            node.module
            for path in folder.glob("*.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert "okrkit.io" in reached
        assert not [name for name in reached if name.startswith("okrkit.io.")]
