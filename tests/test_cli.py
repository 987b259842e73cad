"""The okrkit command line, run as a user would."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import okrkit
from okrkit.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TEN_MISTAKES = Path(__file__).resolve().parent / "io" / "data" / "ten-mistakes.yaml"


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner."""
    return CliRunner()


class TestVersion:
    def test_version(self, runner: CliRunner) -> None:
        """--version prints the installed version."""
        result = runner.invoke(main, ["--version"])
        assert result.exit_code == 0
        assert okrkit.__version__ in result.output

    def test_console_script_installed(self) -> None:
        """`python -m okrkit` and the okrkit script run the same command."""
        result = subprocess.run(
            [sys.executable, "-m", "okrkit", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0
        assert okrkit.__version__ in result.stdout


class TestHelp:
    def test_every_command_listed(self, runner: CliRunner) -> None:
        """--help lists every command, and `templates --help` every template command."""
        commands = runner.invoke(main, ["--help"]).output.split("Commands:")[1].split()
        for name in ("graph", "new", "report", "schema", "score", "templates"):
            assert name in commands
        templates = runner.invoke(main, ["templates", "--help"]).output.split("Commands:")[1]
        for name in ("list", "search", "show"):
            assert name in templates.split()

    def test_help_in_every_command(self, runner: CliRunner) -> None:
        """Every command answers -h with its usage and the --locale option."""
        for args in (
            ["schema"],
            ["report"],
            ["score"],
            ["graph"],
            ["new"],
            ["templates", "list"],
            ["templates", "search"],
            ["templates", "show"],
        ):
            result = runner.invoke(main, [*args, "-h"])
            assert result.exit_code == 0, args
            assert "--locale" in result.output, args


class TestSchema:
    def test_prints_json_schema(self, runner: CliRunner) -> None:
        """The schema command prints the JSON Schema of the file format."""
        result = runner.invoke(main, ["schema"])
        assert result.exit_code == 0
        assert json.loads(result.output) == okrkit.io.json_schema()

    def test_writes_file(self, runner: CliRunner, tmp_path: Path) -> None:
        """The schema command with -o FILE writes the schema to FILE."""
        out = tmp_path / "okrkit.schema.json"
        result = runner.invoke(main, ["schema", "-o", str(out)])
        assert result.exit_code == 0
        assert json.loads(out.read_text(encoding="utf-8"))["required"] == [
            "cycles",
            "owners",
            "objectives",
        ]


class TestReport:
    def test_outline_of_example(self, runner: CliRunner) -> None:
        """The report command prints every objective and key result of the example, by level."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        result = runner.invoke(
            main, ["report", str(EXAMPLES / "acme.en.yaml"), "--kind", "outline"]
        )
        assert result.exit_code == 0, result.output
        for objective in okrs.objectives:
            assert objective.title in result.output
        for kr in okrs.key_results:
            assert f"[{kr.id}]" in result.output
        for heading in ("Company", "Department", "Team", "Individual"):
            assert heading in result.output
        assert result.output.index("Company") < result.output.index("Department")

    def test_outline_shows_latest_values(self, runner: CliRunner) -> None:
        """Each key result with check-ins shows its latest value and date."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        result = runner.invoke(
            main, ["report", str(EXAMPLES / "acme.en.yaml"), "--kind", "outline"]
        )
        lines = result.output.splitlines()
        for kr in okrs.key_results:
            (line,) = [ln for ln in lines if f"[{kr.id}]" in ln]
            if okrs.checkins_for(kr.id):
                assert "latest " in line
            else:
                assert "no check-ins yet" in line

    def test_vietnamese_example(self, runner: CliRunner) -> None:
        """The Vietnamese example prints with its diacritics intact."""
        okrs = okrkit.load(EXAMPLES / "acme.yaml")
        result = runner.invoke(main, ["report", str(EXAMPLES / "acme.yaml"), "--kind", "outline"])
        assert result.exit_code == 0, result.output
        assert okrs.objectives[0].title in result.output

    def test_bad_file_lists_problems_and_fails(self, runner: CliRunner) -> None:
        """A bad file prints every problem on stderr and exits with 1."""
        result = runner.invoke(main, ["report", str(TEN_MISTAKES)])
        assert result.exit_code == 1
        assert "10 problems found" in result.stderr
        assert "ten-mistakes.yaml:24: objectives[1].owner" in result.stderr
        assert result.stdout == ""

    def test_missing_file(self, runner: CliRunner, tmp_path: Path) -> None:
        """A missing file is reported, not a traceback."""
        result = runner.invoke(main, ["report", str(tmp_path / "nope.yaml")])
        assert result.exit_code == 1
        assert "no such file" in result.stderr


class TestLocales:
    @pytest.mark.parametrize(
        "args",
        [
            ["report", str(EXAMPLES / "acme.yaml")],
            ["templates", "list"],
            ["templates", "show", "pm-retention-onboarding"],
        ],
        ids=["report", "templates-list", "templates-show"],
    )
    def test_vietnamese_and_english_differ(self, runner: CliRunner, args: list[str]) -> None:
        """--locale vi and --locale en change the labels and number formats."""
        vi = runner.invoke(main, [*args, "--locale", "vi"])
        en = runner.invoke(main, [*args, "--locale", "en"])
        assert vi.exit_code == 0, vi.output
        assert en.exit_code == 0, en.output
        assert vi.output != en.output

    def test_report_labels_and_numbers(self, runner: CliRunner) -> None:
        """The report's headings, words, numbers and dates follow the locale."""
        args = ["report", str(EXAMPLES / "acme.yaml"), "--as-of", "2026-03-20"]
        vi = runner.invoke(main, [*args, "--locale", "vi"]).output
        en = runner.invoke(main, [*args, "--locale", "en"]).output
        assert "Bảng điểm OKR" in vi
        assert "OKR scorecard" in en
        assert "Người phụ trách" in vi
        assert "Owner" in en
        assert re.search(r"4\.200\.000\.000\s₫", vi)
        assert "₫4,200,000,000" in en
        assert "20/3/2026" in vi
        assert "Mar 20, 2026" in en

    def test_environment_variable(self, runner: CliRunner) -> None:
        """OKRKIT_LOCALE chooses the language when --locale is not given."""
        result = runner.invoke(main, ["templates", "list"], env={"OKRKIT_LOCALE": "vi"})
        assert "Mẫu" in result.output
        assert runner.invoke(main, ["templates", "list"], env={"OKRKIT_LOCALE": "en"}).output != (
            result.output
        )

    def test_bad_locale(self, runner: CliRunner) -> None:
        """An unknown locale is a usage error that names it."""
        result = runner.invoke(main, ["templates", "list", "--locale", "klingon"])
        assert result.exit_code == 2
        assert "klingon" in result.output


class TestTemplates:
    def test_search_retention_in_vietnamese(self, runner: CliRunner) -> None:
        """`templates search "giu chan khach hang" --locale vi` lists the retention templates."""
        result = runner.invoke(
            main, ["templates", "search", "giu chan khach hang", "--locale", "vi"]
        )
        assert result.exit_code == 0, result.output
        assert "pm-retention-" in result.output
        assert "giữ chân" in result.output.lower()

    def test_list_by_domain(self, runner: CliRunner) -> None:
        """--domain keeps only that domain's templates, shown by the domain's name."""
        result = runner.invoke(main, ["templates", "list", "--domain", "hr", "--locale", "en"])
        assert result.exit_code == 0
        rows = [line for line in result.output.splitlines() if line.startswith("hr-")]
        assert rows
        assert all(" human resources " in row for row in rows)

    def test_show_unknown(self, runner: CliRunner) -> None:
        """An unknown template id fails with suggestions."""
        result = runner.invoke(main, ["templates", "show", "pm-retention-onbording"])
        assert result.exit_code == 1
        assert "pm-retention-onboarding" in result.stderr

    def test_new_writes_a_ready_file(self, runner: CliRunner, tmp_path: Path) -> None:
        """`okrkit new` writes an OKR file that loads, with the values given."""
        out = tmp_path / "onboarding.yaml"
        result = runner.invoke(
            main,
            [
                "new",
                "--template",
                "pm-retention-onboarding",
                "--set",
                "activation=80",
                "--cycle",
                "2026-Q2",
                "--owner",
                "lan",
                "--owner-name",
                "Nguyễn Thị Lan",
                "-o",
                str(out),
                "--locale",
                "vi",
            ],
        )
        assert result.exit_code == 0, result.output
        okrs = okrkit.load(out)
        (objective,) = okrs.objectives
        assert objective.owner == "lan"
        assert okrs.cycles[0].id == "2026-Q2"
        assert any(kr.metric.target == 80 for kr in objective.key_results)
        assert "80%" in result.output or any("80%" in kr.title for kr in objective.key_results)

    def test_new_reports_every_bad_setting(self, runner: CliRunner, tmp_path: Path) -> None:
        """Bad --set values are all reported and no file is written."""
        out = tmp_path / "bad.yaml"
        result = runner.invoke(
            main,
            [
                "new",
                "--template",
                "pm-retention-onboarding",
                "--set",
                "activation=lots",
                "--set",
                "colour=red",
                "-o",
                str(out),
            ],
        )
        assert result.exit_code == 1
        assert "activation" in result.stderr
        assert "colour" in result.stderr
        assert not out.exists()

    def test_new_refuses_to_overwrite(self, runner: CliRunner, tmp_path: Path) -> None:
        """An existing file is kept unless --force is given."""
        out = tmp_path / "okrs.yaml"
        out.write_text("mine\n", encoding="utf-8")
        args = ["new", "--template", "pm-retention-onboarding", "-o", str(out)]
        assert runner.invoke(main, args).exit_code == 1
        assert out.read_text(encoding="utf-8") == "mine\n"
        assert runner.invoke(main, [*args, "--force"]).exit_code == 0

    def test_new_bad_setting_syntax(self, runner: CliRunner, tmp_path: Path) -> None:
        """A --set without '=' is a usage error."""
        result = runner.invoke(
            main,
            [
                "new",
                "--template",
                "pm-retention-onboarding",
                "--set",
                "oops",
                "-o",
                str(tmp_path / "x.yaml"),
            ],
        )
        assert result.exit_code == 2
        assert "name=value" in result.output


class TestGraph:
    @pytest.mark.parametrize("fmt", ["mermaid", "dot", "graphml", "json"])
    def test_formats(self, runner: CliRunner, fmt: str) -> None:
        """`okrkit graph FILE --format F` prints the graph in each format."""
        result = runner.invoke(main, ["graph", str(EXAMPLES / "acme.yaml"), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "kr-hcm-mrr" in result.output or "n_kr_hcm_mrr" in result.output

    def test_json_reads_back(self, runner: CliRunner, tmp_path: Path) -> None:
        """The JSON export, written with -o, reads back into the same graph."""
        from okrkit.io import from_node_link

        out = tmp_path / "acme.graph.json"
        result = runner.invoke(
            main, ["graph", str(EXAMPLES / "acme.yaml"), "-f", "json", "-o", str(out)]
        )
        assert result.exit_code == 0
        graph = from_node_link(out.read_text(encoding="utf-8"))
        assert graph == okrkit.load(EXAMPLES / "acme.yaml").graph

    def test_labels_follow_the_locale(self, runner: CliRunner) -> None:
        """Edge labels are localised."""
        args = ["graph", str(EXAMPLES / "acme.yaml"), "--format", "mermaid"]
        assert '"phụ thuộc vào"' in runner.invoke(main, [*args, "--locale", "vi"]).output
        assert '"depends on"' in runner.invoke(main, [*args, "--locale", "en"]).output

    def test_bad_file(self, runner: CliRunner) -> None:
        """A bad file lists its problems and exits with 1."""
        result = runner.invoke(main, ["graph", str(TEN_MISTAKES)])
        assert result.exit_code == 1
        assert "10 problems found" in result.stderr


class TestScore:
    def test_example_mid_march(self, runner: CliRunner) -> None:
        """Every objective is printed with score and status; late key results say so."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        result = runner.invoke(
            main, ["score", str(EXAMPLES / "acme.en.yaml"), "--as-of", "2026-03-15"]
        )
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        for objective in okrs.objectives:
            (line,) = [ln for ln in lines if f"[{objective.id}]" in ln]
            assert "%" in line
            assert any(word in line for word in ("on track", "at risk", "off track", "done"))
        (velocity,) = [ln for ln in lines if "[kr-velocity]" in ln]
        assert "off track" in velocity or "at risk" in velocity

    def test_strategy_and_locale(self, runner: CliRunner) -> None:
        """--strategy and --locale change the scorecard."""
        args = ["score", str(EXAMPLES / "acme.yaml"), "--as-of", "2026-03-15"]
        linear = runner.invoke(main, args).output
        grade = runner.invoke(main, [*args, "--strategy", "grade"]).output
        vietnamese = runner.invoke(main, [*args, "--locale", "vi"]).output
        assert linear != grade
        assert "chệch hướng" in vietnamese

    def test_bad_arguments(self, runner: CliRunner) -> None:
        """A bad date is a usage error; an unknown strategy lists the known ones."""
        bad_date = runner.invoke(main, ["score", str(EXAMPLES / "acme.yaml"), "--as-of", "15/3"])
        assert bad_date.exit_code == 2
        unknown = runner.invoke(
            main, ["score", str(EXAMPLES / "acme.yaml"), "--strategy", "lineer"]
        )
        assert unknown.exit_code == 2  # the example is Vietnamese: so is the answer
        assert "tuyến tính, thang điểm, ba vùng, bậc thang" in unknown.stderr
        assert "có phải ý bạn là tuyến tính?" in unknown.stderr

    def test_bad_file(self, runner: CliRunner) -> None:
        """A bad file lists its problems on stderr, prints no scorecard and exits with 1."""
        result = runner.invoke(main, ["score", str(TEN_MISTAKES), "--as-of", "2026-03-15"])
        assert result.exit_code == 1
        assert "10 problems found" in result.stderr
        assert result.stdout == ""
