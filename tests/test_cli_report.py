"""`okrkit report` (scorecard, digest, review, outline; text, Markdown, HTML) and `okrkit demo`."""

from __future__ import annotations

import html.parser
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import okrkit
from okrkit.cli import main
from okrkit.cli._demo import demo_file
from okrkit.report import build_digest, build_scorecard, to_markdown, to_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
VI = EXAMPLES / "acme.yaml"
EN = EXAMPLES / "acme.en.yaml"
AS_OF = "2026-03-20"


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner."""
    return CliRunner()


class _Tags(html.parser.HTMLParser):
    """The names of the tags of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


class TestReport:
    @pytest.mark.parametrize("kind", ["scorecard", "digest"])
    def test_markdown_is_the_library_s(self, runner: CliRunner, kind: str):
        """--format md prints what okrkit.report.to_markdown gives, in the file's locale."""
        result = runner.invoke(
            main, ["report", str(EN), "--kind", kind, "--format", "md", "--as-of", AS_OF]
        )
        assert result.exit_code == 0, result.output
        okrs = okrkit.load(EN)
        build = build_scorecard if kind == "scorecard" else build_digest
        assert result.output == to_markdown(build(okrs, as_of=AS_OF), locale="en")

    def test_plain_text_when_piped(self, runner: CliRunner):
        """Text output that is not a terminal is the plain renderer's, without escapes."""
        result = runner.invoke(main, ["report", str(VI), "--as-of", AS_OF])
        assert result.exit_code == 0, result.output
        expected = to_text(build_scorecard(okrkit.load(VI), as_of=AS_OF), locale="vi")
        assert result.output.rstrip("\n") == expected.rstrip("\n")
        assert "\x1b" not in result.output

    def test_review_as_html_to_a_file(self, runner: CliRunner, tmp_path: Path):
        """-o writes one HTML page and names it on standard error."""
        out = tmp_path / "review.html"
        result = runner.invoke(
            main, ["report", str(VI), "--kind", "review", "--format", "html", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        page = out.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert '<html lang="vi">' in page
        tags = _Tags()
        tags.feed(page)
        assert "script" not in tags.tags
        assert str(out) in result.stderr

    def test_outline_is_text_only(self, runner: CliRunner):
        """The outline has no Markdown or HTML form: a usage error says so."""
        args = ["report", str(VI), "--kind", "outline", "--format", "md", "--locale", "en"]
        result = runner.invoke(main, args)
        assert result.exit_code == 2
        assert "outline" in result.output

    def test_never_over_its_own_input(self, runner: CliRunner, tmp_path: Path):
        """-o naming the file read is refused, and the file is left as it was."""
        copy = tmp_path / "okrs.yaml"
        copy.write_bytes(VI.read_bytes())
        result = runner.invoke(main, ["report", str(copy), "--format", "md", "-o", str(copy)])
        assert result.exit_code == 1
        assert copy.read_bytes() == VI.read_bytes()

    def test_since_is_for_the_digest(self, runner: CliRunner):
        """--since with another kind is a usage error, not silently ignored."""
        args = ["report", str(VI), "--since", "2026-03-01", "--locale", "en"]
        result = runner.invoke(main, args)
        assert result.exit_code == 2
        assert "--since" in result.output
        digest = runner.invoke(main, [*args, "--kind", "digest", "--as-of", AS_OF])
        assert digest.exit_code == 0, digest.output
        assert "Mar 1, 2026" in digest.output

    def test_bad_kind_and_date(self, runner: CliRunner):
        """An unknown kind, or a date in neither ISO nor (in Vietnamese) d/M/yyyy, is status 2."""
        assert runner.invoke(main, ["report", str(VI), "--kind", "weekly"]).exit_code == 2
        assert runner.invoke(main, ["report", str(VI), "--as-of", "20/13/2026"]).exit_code == 2
        assert runner.invoke(main, ["report", str(EN), "--as-of", "20/03/2026"]).exit_code == 2

    def test_script_title_is_text(self, runner: CliRunner, tmp_path: Path):
        """A hostile title stays text in Markdown and HTML."""
        okrs = okrkit.load(EN)
        first = attrs.evolve(okrs.objectives[0], title="<script>alert(1)</script>")
        hostile = attrs.evolve(okrs, objectives=(first, *okrs.objectives[1:]))
        path = tmp_path / "hostile.yaml"
        okrkit.dump(hostile, path)
        shown = {"md": r"&lt;script&gt;alert\(1\)", "html": "&lt;script&gt;alert(1)"}
        for form, text in shown.items():
            result = runner.invoke(main, ["report", str(path), "--format", form, "--as-of", AS_OF])
            assert result.exit_code == 0, result.output
            assert "<script>" not in result.output
            assert text in result.output


class TestDemo:
    def test_scorecard_and_digest_in_vietnamese(self):
        """`okrkit demo` in an English environment prints the Vietnamese example's reports."""
        env = {k: v for k, v in os.environ.items() if k != "OKRKIT_LOCALE"}
        env["LANG"] = "en_US.UTF-8"
        result = subprocess.run(
            [sys.executable, "-m", "okrkit", "demo"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "Bảng điểm OKR" in result.stdout
        assert "Bản tin OKR hằng tuần" in result.stdout
        assert "27/3/2026" in result.stdout  # the week of the example's last check-in

    def test_english_when_asked(self, runner: CliRunner):
        """--locale en reads the English twin of the example."""
        result = runner.invoke(main, ["demo", "--locale", "en"])
        assert result.exit_code == 0, result.output
        assert "OKR scorecard" in result.output
        assert okrkit.load(EN).objectives[0].title in result.output

    def test_html_names_the_file(self, runner: CliRunner, tmp_path: Path):
        """--html writes the page where -o says and names it."""
        out = tmp_path / "demo.html"
        result = runner.invoke(main, ["demo", "--html", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert str(out) in result.stderr

    def test_the_example_is_found(self):
        """The demo reads the checkout's example in a development install."""
        assert demo_file("vi").read_bytes() == VI.read_bytes()
        assert demo_file("en").read_bytes() == EN.read_bytes()
        assert demo_file("fr") == demo_file("vi")
