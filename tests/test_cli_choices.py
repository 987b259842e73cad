"""Choices, strategies, output files and grades as a Vietnamese user meets them.

The fixes of the last review of issues 14 and 15: a choice of words (``--level``,
``--kind``, ``--as-of today``) shown and read in the command's language, an unknown
strategy answered with the strategies' names in that language, ``-o``'s suffix choosing
the format, and a bad ``--grade`` placed at its option, not in a Python dictionary.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from okrkit.cli import main
from okrkit.cli._choices import LabelledChoice, fold
from okrkit.i18n import use_locale
from okrkit.model import Level

ROOT = Path(__file__).resolve().parent.parent
VI = ROOT / "examples" / "acme.yaml"
EN = ROOT / "examples" / "acme.en.yaml"
ENGLISH_ENV = {"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "OKRKIT_LOCALE": None}
AS_OF = ("--as-of", "2026-03-20")


def run(*args: str) -> Result:
    """``okrkit ARGS`` in an English environment, as a user's shell runs it."""
    return CliRunner().invoke(main, list(args), env=ENGLISH_ENV, prog_name="okrkit")


LEVELS = LabelledChoice([level.value for level in Level], lambda value: Level(value).label)


class TestLabelledChoice:
    @pytest.mark.parametrize(
        ("typed", "value"),
        [
            ("department", "department"),
            ("Department", "department"),
            ("phòng ban", "department"),
            ("Phong-Ban", "department"),
            ("phong_ban", "department"),
            ("cá nhân", "individual"),
            ("CONG TY", "company"),
        ],
    )
    def test_a_value_or_a_label_in_any_language(self, typed: str, value: str) -> None:
        """The command receives the value, whatever language and accents it was typed in."""
        for locale in ("vi", "en"):
            with use_locale(locale):
                assert LEVELS.convert(typed, None, None) == value

    def test_the_metavar_in_the_locale(self) -> None:
        """One word per label, in the command's language."""
        option = click.Option(["--level"], type=LEVELS)
        with use_locale("vi"):
            assert LEVELS.get_metavar(option) == "[công-ty|phòng-ban|nhóm|cá-nhân]"
        with use_locale("en"):
            assert LEVELS.get_metavar(option) == "[company|department|team|individual]"

    def test_a_wrong_word_lists_the_labels(self) -> None:
        """The refusal lists the choices as the user reads them."""
        with use_locale("vi"), pytest.raises(click.BadParameter) as raised:
            LEVELS.convert("phòng", None, None)
        message = raised.value.format_message()
        assert "'phòng' không có trong các lựa chọn: công ty, phòng ban, nhóm, cá nhân" in message
        assert "department" not in message

    def test_aliases(self) -> None:
        """A short form the glossary allows ("bản tin") names its value too."""
        kinds = LabelledChoice(("digest",), lambda _: None, lambda _: ("bản tin",))
        assert kinds.convert("ban tin", None, None) == "digest"
        with pytest.raises(click.BadParameter):
            kinds.convert("tin", None, None)

    def test_fold(self) -> None:
        """Accents, case, hyphens, underscores and extra spaces do not count."""
        assert fold("  Đánh-giá   cuối_CHU kỳ ") == "danh gia cuoi chu ky"


class TestChoicesOnTheCommandLine:
    def test_templates_by_a_vietnamese_level(self) -> None:
        """`--level "phong ban"` lists what `--level department` lists."""
        vi = run("--locale", "vi", "templates", "list", "--level", "phong ban")
        en = run("--locale", "vi", "templates", "list", "--level", "department")
        assert vi.exit_code == 0, vi.output
        assert vi.output == en.output
        assert "phòng ban" in vi.output

    def test_a_bad_level_in_vietnamese(self) -> None:
        """A wrong level is answered with the levels in Vietnamese, and no English."""
        result = run("--locale", "vi", "templates", "list", "--level", "xx")
        assert result.exit_code == 2
        assert "công ty, phòng ban, nhóm, cá nhân" in result.stderr
        for english in ("company", "department", "individual"):
            assert english not in result.stderr

    @pytest.mark.parametrize("kind", ["bản tin", "ban tin tuan", "digest", "Digest"])
    def test_a_report_by_its_vietnamese_name(self, kind: str) -> None:
        """The digest by its glossary name, its short form, or its English value."""
        result = run("--locale", "vi", "report", str(VI), *AS_OF, "--kind", kind)
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Bản tin OKR hằng tuần")

    def test_the_kinds_in_the_help(self) -> None:
        """The help shows the kinds, and the default, in the command's language."""
        vi = run("--locale", "vi", "report", "--help")
        assert "[bảng-điểm|bản-tin-tuần|đánh-giá-cuối-chu-kỳ|cây-OKR]" in vi.output
        assert "[mặc định: bảng điểm]" in vi.output
        assert "scorecard" not in vi.output
        en = run("--locale", "en", "report", "--help")
        assert "[scorecard|digest|review|outline]" in en.output

    def test_the_map_level_in_vietnamese(self) -> None:
        """`okrkit map --level "công ty"` draws the company objectives."""
        result = run("--locale", "vi", "map", str(VI), *AS_OF, "-f", "dot", "--level", "công ty")
        assert result.exit_code == 0, result.output
        assert result.output.count("obj-co-") >= 3

    @pytest.mark.parametrize("word", ["today", "hôm nay", "Hom Nay"])
    def test_check_today_in_either_language(self, word: str) -> None:
        """`okrkit check --as-of` takes today's word in either language."""
        result = run("--locale", "vi", "check", str(VI), "--as-of", word)
        assert result.exit_code in {0, 1}, result.output


class TestUnknownStrategy:
    def test_in_vietnamese(self) -> None:
        """The strategies by their Vietnamese names, the close one suggested."""
        result = run("--locale", "vi", "score", str(VI), *AS_OF, "--strategy", "zone")
        assert result.exit_code == 2
        assert "không có cách chấm điểm nào tên 'zone' (có phải ý bạn là ba vùng?)" in (
            result.stderr
        )
        assert "tuyến tính, thang điểm, ba vùng, bậc thang" in result.stderr
        for english in ("linear", "grade", "zones", "stepped", "package.module"):
            assert english not in result.stderr

    def test_in_english(self) -> None:
        """In English: the names, and the close one."""
        result = run("--locale", "en", "map", str(EN), *AS_OF, "--strategy", "lineer")
        assert result.exit_code == 2
        assert "no scoring strategy is called 'lineer' (did you mean linear?)" in result.stderr
        assert "linear, grade, zones, stepped" in result.stderr

    def test_a_plugin_path_is_left_to_scoring(self) -> None:
        """A ``package.module:name`` is not judged by the option; scoring says what is wrong."""
        result = run("--locale", "en", "score", str(EN), *AS_OF, "--strategy", "nowhere:Thing")
        assert result.exit_code == 1
        assert "nowhere" in result.stderr


class TestOutputSuffix:
    @pytest.mark.parametrize(
        ("args", "name", "starts"),
        [
            (("report", str(EN), *AS_OF), "week.html", "<!DOCTYPE html>"),
            (("report", str(EN), *AS_OF), "week.md", "# "),
            (("score", str(EN), *AS_OF), "card.csv", "kind,kind_label,id"),
            (("score", str(EN), *AS_OF), "card.json", "{"),
            (("graph", str(EN)), "graph.dot", "digraph"),
            (("graph", str(EN)), "graph.graphml", "<graphml"),
            (("map", str(EN), *AS_OF), "map.dot", "digraph"),
            (("map", str(EN), *AS_OF), "map.mmd", "---"),
            (("check", str(EN)), "lint.sarif", "{"),
        ],
    )
    def test_the_suffix_chooses_the_format(
        self, tmp_path: Path, args: tuple[str, ...], name: str, starts: str
    ) -> None:
        """Without --format, the file's suffix says what to write."""
        out = tmp_path / name
        result = run(*args, "-o", str(out))
        assert result.exit_code in {0, 1}, result.output  # check exits 1 on lint errors
        assert out.read_text(encoding="utf-8").startswith(starts)

    def test_sarif_is_sarif(self, tmp_path: Path) -> None:
        """`-o lint.sarif` is a SARIF log."""
        out = tmp_path / "lint.sarif"
        run("check", str(EN), "-o", str(out))
        assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"

    def test_a_map_png(self, tmp_path: Path) -> None:
        """`okrkit map -o map.png` writes a PNG image, not SVG in a file called .png."""
        if shutil.which("dot") is None:
            pytest.skip("Graphviz's dot is not installed")
        out = tmp_path / "map.png"
        result = run("map", str(EN), *AS_OF, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    def test_another_suffix_keeps_the_default(self, tmp_path: Path) -> None:
        """A suffix that names no format leaves the default."""
        out = tmp_path / "card.out"
        assert run("score", str(EN), *AS_OF, "-o", str(out)).exit_code == 0
        assert out.read_text(encoding="utf-8").startswith("Scorecard")

    @pytest.mark.parametrize("locale", ["vi", "en"])
    def test_a_format_against_the_suffix_is_refused(self, tmp_path: Path, locale: str) -> None:
        """`-f dot -o map.png` is a usage error, and nothing is written."""
        out = tmp_path / "map.png"
        result = run("--locale", locale, "map", str(EN), *AS_OF, "-f", "dot", "-o", str(out))
        assert result.exit_code == 2
        assert not out.exists()
        said = {
            "vi": "có đuôi .png, tức là tệp png, nhưng --format lại yêu cầu dot",
            "en": "ends in .png, which holds png, but --format asks for dot",
        }
        assert said[locale] in result.stderr

    def test_the_same_format_given_twice_is_fine(self, tmp_path: Path) -> None:
        """--format and the suffix may agree."""
        out = tmp_path / "week.html"
        result = run("report", str(EN), *AS_OF, "--format", "html", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


class TestGradeErrors:
    @pytest.fixture
    def workspace(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        """A workspace made from the Vietnamese example, as the current folder."""
        monkeypatch.chdir(tmp_path)
        result = run("--locale", "vi", "init", "--from", str(VI))
        assert result.exit_code == 0, result.output
        return tmp_path

    def test_a_bad_grade_is_placed_at_its_option(self, workspace: Path) -> None:
        """Each bad grade is named by its --grade option, in Vietnamese, nothing saved."""
        result = run(
            "--locale", "vi", "close", "2026-Q1", "--grade", "kr-co-mrr=2", "--grade", "kr-nope=1"
        )
        assert result.exit_code == 1
        assert "--grade kr-co-mrr: điểm cuối kỳ phải nằm trong khoảng 0,0 đến 1,0" in (
            result.stderr
        )
        assert "--grade kr-nope: 'kr-nope' không phải" in result.stderr
        assert "grades[" not in result.stderr
