"""``okrkit score --format text|json|csv [-o OUT]``: scorecards for programs and spreadsheets."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import okrkit
from okrkit.cli import main
from okrkit.cli._score import CSV_COLUMNS, csv_cell
from okrkit.i18n import use_locale

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "acme.yaml"
AS_OF = "2026-03-20"
HOSTILE = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']


def score(*args: str, locale: str = "vi") -> tuple[int, str, str]:
    """Run ``okrkit score`` on the example with ``args``: exit code, stdout, stderr."""
    result = CliRunner().invoke(
        main, ["score", str(EXAMPLE), "--as-of", AS_OF, "--locale", locale, *args]
    )
    return result.exit_code, result.stdout, result.stderr


def expected_dict(locale: str, path: Path = EXAMPLE) -> dict[str, object]:
    """The scorecard's to_dict() of the file at ``path``, in ``locale``."""
    with use_locale(locale):
        return okrkit.load(path).score(as_of=dt.date(2026, 3, 20)).to_dict()


class TestJson:
    @pytest.mark.parametrize("locale", ["vi", "en"])
    def test_is_to_dict(self, locale: str) -> None:
        """--format json prints Scorecard.to_dict() in the chosen locale, and nothing else."""
        code, out, err = score("--format", "json", locale=locale)
        assert code == 0, err
        assert err == ""
        assert json.loads(out) == expected_dict(locale)

    def test_written_to_a_file(self, tmp_path: Path) -> None:
        """-o writes the JSON whole to the file and says so on stderr."""
        out_file = tmp_path / "card.json"
        code, out, err = score("-f", "json", "-o", str(out_file))
        assert code == 0, err
        assert out == ""
        assert str(out_file) in err
        assert json.loads(out_file.read_text(encoding="utf-8")) == expected_dict("vi")

    def test_unsafe_characters_are_escaped(self, tmp_path: Path) -> None:
        """Bidirectional overrides and C1 controls in titles are JSON escapes, same data."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        first = okrs.objectives[0]
        okrs = attrs.evolve(
            okrs, objectives=(attrs.evolve(first, title="a\u202eb\x9bc"), *okrs.objectives[1:])
        )
        path = tmp_path / "okrs.yaml"
        okrkit.dump(okrs, path)
        result = CliRunner().invoke(main, ["score", str(path), "--as-of", AS_OF, "-f", "json"])
        assert result.exit_code == 0, result.stderr
        assert "\u202e" not in result.stdout
        assert "\\u202e" in result.stdout
        assert json.loads(result.stdout)["objectives"][0]["title"] == "a\u202eb\x9bc"


class TestCsv:
    def rows(self, text: str) -> list[dict[str, str]]:
        """The CSV's rows, checked to start with the documented header."""
        reader = csv.reader(io.StringIO(text))
        header = next(reader)
        assert tuple(header) == CSV_COLUMNS
        return [dict(zip(header, row, strict=True)) for row in reader]

    def test_one_row_per_objective_then_its_key_results(self) -> None:
        """Each objective is followed by its key results, with codes and labels."""
        code, out, err = score("--format", "csv")
        assert code == 0, err
        rows = self.rows(out)
        okrs = okrkit.load(EXAMPLE)
        expected = [
            (kind, ident)
            for objective in okrs.objectives
            for kind, ident in [
                ("objective", objective.id),
                *(("key_result", kr.id) for kr in objective.key_results),
            ]
        ]
        assert [(row["kind"], row["id"]) for row in rows] == expected
        data = expected_dict("vi")
        entries = {e["id"]: e for e in [*data["objectives"], *data["key_results"]]}  # type: ignore[misc]
        for row in rows:
            entry = entries[row["id"]]
            assert row["status"] == entry["status"]
            assert row["status_label"] == entry["status_label"]
            assert row["band"] == entry["band"]
            assert float(row["value"]) == entry["value"]
            if row["kind"] == "key_result":
                assert row["objective"] == entry["objective"]
                forecast = entry["forecast"]
                assert row["forecast_on"] == ("" if forecast is None else forecast["on"])

    def test_codes_do_not_change_with_the_locale(self) -> None:
        """In vi and en the CSV differs only in the *_label columns."""
        vi = self.rows(score("-f", "csv", locale="vi")[1])
        en = self.rows(score("-f", "csv", locale="en")[1])
        codes = [c for c in CSV_COLUMNS if not c.endswith("_label")]
        assert [[r[c] for c in codes] for r in vi] == [[r[c] for c in codes] for r in en]
        assert [r["status_label"] for r in vi] != [r["status_label"] for r in en]

    def test_formula_injection(self, tmp_path: Path) -> None:
        """Titles and ids a spreadsheet would run as formulas come out as text, with a '."""
        okrs = okrkit.load(EXAMPLES / "acme.en.yaml")
        objectives = [
            attrs.evolve(objective, title=HOSTILE[n % len(HOSTILE)])
            for n, objective in enumerate(okrs.objectives)
        ]
        path = tmp_path / "okrs.yaml"
        okrkit.dump(attrs.evolve(okrs, objectives=objectives), path)
        out_file = tmp_path / "card.csv"
        result = CliRunner().invoke(
            main, ["score", str(path), "--as-of", AS_OF, "-f", "csv", "-o", str(out_file)]
        )
        assert result.exit_code == 0, result.stderr
        rows = self.rows(out_file.read_bytes().decode("utf-8"))  # a \r kept as written
        titles = [row["title"] for row in rows if row["kind"] == "objective"]
        assert titles == ["'" + objective.title for objective in objectives]
        for row in rows:
            for cell in row.values():
                if cell.startswith("-"):  # a negative number is a number, not a formula
                    float(cell)
                else:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r"))

    @pytest.mark.parametrize("text", HOSTILE)
    def test_cell(self, text: str) -> None:
        """csv_cell quotes every risky start, and leaves other text and numbers as they are."""
        assert csv_cell(text) == "'" + text
        assert csv_cell("Tăng = 5") == "Tăng = 5"
        assert csv_cell(0.25) == "0.25"
        assert csv_cell(None) == ""


class TestTextAndOutput:
    def test_text_to_a_file_is_plain(self, tmp_path: Path) -> None:
        """-o with the text format writes the tree without colour codes."""
        out_file = tmp_path / "card.txt"
        code, _out, err = score("-o", str(out_file))
        assert code == 0, err
        text = out_file.read_text(encoding="utf-8")
        assert text.startswith("Bảng điểm")
        assert "\x1b" not in text
        assert "[obj-co-growth]" in text
        assert text == score()[1]

    def test_refuses_its_own_input(self, tmp_path: Path) -> None:
        """-o naming the file read is refused unless --force."""
        path = tmp_path / "okrs.yaml"
        path.write_bytes(EXAMPLE.read_bytes())
        result = CliRunner().invoke(main, ["score", str(path), "-f", "json", "-o", str(path)])
        assert result.exit_code == 1
        assert "--force" in result.stderr
        assert path.read_bytes() == EXAMPLE.read_bytes()

    def test_unknown_format_is_a_usage_error(self) -> None:
        """An unknown --format is a usage error, status 2, naming the choices."""
        code, _out, err = score("--format", "xml")
        assert code == 2
        assert "csv" in err
