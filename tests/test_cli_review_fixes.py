"""The command line as a Vietnamese user types it: the fixes of issue 14's review.

Numbers in click's own messages and ranges, check-in values and confidences typed the
Vietnamese way, the owner ``okrkit new`` writes, dates typed as ``20/3/2026``, decimal
marks in examples, an unknown ``--locale`` with ``--help``, one-word metavars, and the
outline as of a date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import yaml
from babel.messages.pofile import read_po
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import catalogue
from okrkit.checkins import CheckInLog
from okrkit.cli import main
from okrkit.cli._help import command, option
from okrkit.cli._types import FloatRange, IntRange, range_words, worded_type
from okrkit.cli._words import click_in_okrkit_words
from okrkit.errors import ParameterError, UsageError, ValidationError
from okrkit.i18n import format_date, parse_date, reads_day_first, use_locale
from okrkit.model import Confidence, Cycle, OKRSet, Owner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "acme.yaml"
VI_PO = ROOT / "src" / "okrkit" / "locales" / "vi" / "LC_MESSAGES" / "okrkit.po"
ENGLISH_ENV = {"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "OKRKIT_LOCALE": None}


def run(*args: str) -> Result:
    """``okrkit ARGS`` in an English environment, as a user's shell runs it."""
    return CliRunner().invoke(main, list(args), env=ENGLISH_ENV, prog_name="okrkit")


@pytest.fixture
def okrs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the Vietnamese example, in the test's own (current) folder."""
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copyfile(EXAMPLE, tmp_path / "okrs.yaml"))


def _commands(group: click.Command, path: tuple[str, ...] = ()) -> Iterator[click.Command]:
    yield group
    if isinstance(group, click.Group):
        for name in sorted(group.commands):
            yield from _commands(group.commands[name], (*path, name))


class TestNumberTypes:
    def test_a_bad_whole_number(self, okrs: Path) -> None:
        """`--depth abc` names the type in the locale: "số nguyên", "whole number"."""
        vi = run("--locale", "vi", "map", str(okrs), "--depth", "abc")
        en = run("--locale", "en", "map", str(okrs), "--depth", "abc")
        assert vi.exit_code == en.exit_code == 2
        assert "'abc' không phải là số nguyên hợp lệ." in vi.output
        assert "'abc' is not a valid whole number." in en.output
        assert "integer" not in vi.output + en.output

    def test_out_of_range(self, okrs: Path) -> None:
        """`--depth 0` is refused in words, not as `x>=1`."""
        vi = run("--locale", "vi", "map", str(okrs), "--depth", "0")
        en = run("--locale", "en", "map", str(okrs), "--depth", "0")
        assert "phải từ 1 trở lên (nhận được 0)" in vi.output
        assert "must be 1 or more (got 0)" in en.output
        assert "x>=" not in vi.output + en.output

    def test_the_range_in_the_help(self) -> None:
        """The help shows the range in words: `[từ 1 trở lên]`, `[1 or more]`."""
        vi = " ".join(run("--locale", "vi", "map", "--help").output.split())
        en = " ".join(run("--locale", "en", "map", "--help").output.split())
        assert "[từ 1 trở lên]" in vi
        assert "[1 or more]" in en
        assert "x>=" not in vi + en

    @pytest.mark.parametrize(
        ("kind", "vi", "en"),
        [
            (IntRange(1, 5), "từ 1 đến 5", "from 1 to 5"),
            (IntRange(max=9), "từ 9 trở xuống", "9 or less"),
            (FloatRange(0.5, min_open=True), "lớn hơn 0,5", "more than 0.5"),
            (FloatRange(max=1.5, max_open=True), "nhỏ hơn 1,5", "less than 1.5"),
            (
                FloatRange(0, 1, max_open=True),
                "từ 0 trở lên và nhỏ hơn 1",
                "0 or more and less than 1",
            ),
        ],
    )
    def test_range_words(self, kind: IntRange | FloatRange, vi: str, en: str) -> None:
        """Every shape of range reads in words, its numbers formatted for the locale."""
        with use_locale("vi"):
            assert range_words(kind) == vi
        with use_locale("en"):
            assert range_words(kind) == en

    def test_a_commands_own_number_types(self) -> None:
        """`type=float` and `click.FloatRange` in an okrkit option speak the locale too."""

        @command("weigh")
        @option("--share", type=click.FloatRange(0, 1))
        @option("--count", type=int)
        def weigh(share: float | None, count: int | None) -> None:
            """Take a share and a count."""

        with use_locale("vi"), click_in_okrkit_words():
            share = CliRunner().invoke(weigh, ["--share", "1.5"])
            count = CliRunner().invoke(weigh, ["--count", "x"])
            metavars = [param.make_metavar(click.Context(weigh)) for param in weigh.params[:2]]
        assert "phải từ 0 đến 1 (nhận được 1,5)" in share.output
        assert "'x' không phải là số nguyên hợp lệ." in count.output
        assert metavars == ["SỐ", "SỐ_NGUYÊN"]

    def test_other_types_are_left_alone(self) -> None:
        """A choice, or a subclass of click's types, is given back as it is."""
        choice = click.Choice(["a", "b"])

        class Mine(click.types.IntParamType):
            """A program's own number type."""

        mine = Mine()
        assert worded_type(choice) is choice
        assert worded_type(mine) is mine


class TestCheckinValues:
    @pytest.mark.parametrize(
        ("locale", "typed", "expected"),
        [
            ("vi", "5,5 tỷ", 5_500_000_000),
            ("vi", "5.400.000.000", 5_400_000_000),
            ("vi", "5,4 tỷ đồng", 5_400_000_000),
            ("en", "5.4B", 5_400_000_000),
            ("en", "5,400,000,000", 5_400_000_000),
        ],
    )
    def test_an_amount(self, okrs: Path, locale: str, typed: str, expected: float) -> None:
        """A value typed as the locale writes numbers and amounts is read as it means."""
        day = "25/3/2026" if locale == "vi" else "2026-03-25"
        args = ["checkin", "kr-co-mrr", typed, "--on", day, "-f", str(okrs)]
        result = run(*args, "--locale", locale)
        assert result.exit_code == 0, result.output
        latest = okrkit.load(okrs).checkins_for("kr-co-mrr")[-2]  # the example has 27/3 after
        assert (latest.on, latest.value) == (dt.date(2026, 3, 25), expected)

    @pytest.mark.parametrize(("locale", "typed"), [("vi", "5,5"), ("en", "5.5")])
    def test_a_decimal(self, okrs: Path, locale: str, typed: str) -> None:
        """`5,5` in Vietnamese and `5.5` in English are five and a half."""
        args = ["checkin", "kr-co-nps", typed, "--on", "2026-03-25", "-f", str(okrs)]
        result = run(*args, "--locale", locale)
        assert result.exit_code == 0, result.output
        assert okrkit.load(okrs).checkins_for("kr-co-nps")[-2].value == 5.5

    def test_the_hint(self, okrs: Path) -> None:
        """A value that is no number is refused with examples the locale's way, by its metavar."""
        vi = run("checkin", "kr-co-stores", "5x", "-f", str(okrs), "--locale", "vi")
        en = run("checkin", "kr-co-stores", "5x", "-f", str(okrs), "--locale", "en")
        assert vi.exit_code == en.exit_code == 2
        assert "hãy ghi GIÁ_TRỊ bằng số, chẳng hạn 42 hoặc 3,5 (nhận được '5x')" in vi.output
        assert "write VALUE as a number, such as 42 or 3.5 (got '5x')" in en.output

    def test_an_amount_in_another_currency(self, okrs: Path) -> None:
        """A key result in đồng refuses dollars, and shows amounts in đồng as examples."""
        other = run("checkin", "kr-co-mrr", "5,4 triệu USD", "-f", str(okrs), "--locale", "vi")
        none = run("checkin", "kr-co-mrr", "5x", "-f", str(okrs), "--locale", "vi")
        assert other.exit_code == none.exit_code == 2
        assert "tính bằng USD, không phải VND" in other.output
        assert "hãy viết như 3,5 tỷ đồng, 500 triệu đồng hoặc 1.200.000 đồng" in none.output

    def test_a_missing_value_by_its_metavar(self, okrs: Path) -> None:
        """Without a value (and no terminal to ask at), the argument is named in Vietnamese."""
        result = run("checkin", "kr-co-mrr", "-f", str(okrs), "--locale", "vi")
        assert "thiếu GIÁ_TRỊ; ví dụ: okrkit checkin kr-co-mrr 42" in result.output
        assert "VALUE" not in result.output


class TestConfidence:
    @pytest.mark.parametrize(
        ("word", "level"),
        [
            ("vàng", 3),
            ("vang", 3),
            ("VÀNG", 3),
            ("đỏ", 1),
            ("do", 1),
            ("Đỏ", 1),
            ("xanh", 5),
            ("xanh lá", 5),
            ("Xanh La", 5),
            ("yellow", 3),
            (" 4 ", 4),
        ],
    )
    def test_the_words(self, word: str, level: int, locale: str) -> None:
        """The traffic lights in either language, tone marks and case optional, in any locale."""
        with use_locale(locale):
            assert Confidence.parse(word) == level

    def test_others_are_refused(self) -> None:
        """A word that is no traffic light is refused, the Vietnamese words listed in vi."""
        with pytest.raises(ValidationError) as caught:
            Confidence.parse("tím")
        with use_locale("vi"):
            assert "đỏ, vàng, xanh" in str(caught.value)

    @pytest.mark.parametrize("word", ["vàng", "vang", "Đỏ"])
    def test_on_the_command_line(self, okrs: Path, word: str, locale: str) -> None:
        """`--confidence vang` records a medium confidence, whatever the locale."""
        args = ["checkin", "kr-co-mrr", "5300000000", "--on", "2026-03-25", "-f", str(okrs)]
        result = run(*args, "--confidence", word, "--locale", locale)
        assert result.exit_code == 0, result.output
        assert okrkit.load(okrs).checkins_for("kr-co-mrr")[-2].confidence == Confidence.parse(word)

    def test_the_refusal_on_the_command_line(self, okrs: Path) -> None:
        """An unknown word is refused with the words a Vietnamese user can type."""
        result = run("checkin", "kr-co-mrr", "5", "--confidence", "tím", "-f", str(okrs))
        assert result.exit_code == 2
        assert "hãy ghi từ 1 đến 5, hoặc đỏ, vàng, xanh hay red, yellow, green" in result.output

    def test_an_imported_csv(self) -> None:
        """A CSV's confidence column reads the same words as Confidence.parse."""
        text = "key_result,on,value,confidence\nk,2026-01-09,1,vang\nk,2026-01-16,2,do\n"
        log = CheckInLog.from_csv(io.StringIO(text), known={"k"})
        assert log.confidences.tolist() == [3, 1]

    def test_a_files_table(self) -> None:
        """A check-in table in an OKR file reads `vàng` and `do` as the traffic lights they are."""
        okrset = OKRSet(
            cycles=[Cycle.quarter(2026, 1)],
            owners=[Owner(id="team", name="Team", kind="team")],
            objectives=[objective("o1", kr("k1"))],
        )
        table = "checkins:\n  k1: |\n    2026-01-09 4 vàng team\n    2026-01-16 5 do\n"
        read = okrkit.loads(okrkit.dumps(okrset, "yaml") + table, "yaml")
        assert [c.confidence for c in read.checkins_for("k1")] == [3, 1]


class TestNewOwner:
    def written_owner(self, template: str, *args: str) -> dict[str, str]:
        """The owner `okrkit new --template TEMPLATE ARGS` writes."""
        result = run("new", "--template", template, "-o", "new.yaml", "--force", *args)
        assert result.exit_code == 0, result.output
        owners = yaml.safe_load(Path("new.yaml").read_text("utf-8"))["owners"]
        assert len(owners) == 1
        return dict(owners[0])

    def test_a_placeholder_in_the_locale(self, okrs: Path) -> None:
        """Without --owner, the owner is a placeholder named in the locale, of the level's kind."""
        vi = self.written_owner("sales-dept-revenue-market-share", "--locale", "vi")
        en = self.written_owner("sales-dept-revenue-market-share", "--locale", "en")
        assert vi == {"id": "nguoi-phu-trach", "name": "Người phụ trách", "kind": "department"}
        assert en == {"id": "owner", "name": "Owner", "kind": "department"}

    def test_each_level_its_kind(self, okrs: Path) -> None:
        """A team template's owner is a team, an individual's a person, a company's a company."""
        levels = {"company": "company", "department": "department", "team": "team"}
        levels["individual"] = "person"
        for level, kind in levels.items():
            template = next(t for t in catalogue.load() if t.level.value == level)
            assert self.written_owner(template.id).get("kind", "person") == kind  # the default

    def test_an_owner_given(self, okrs: Path) -> None:
        """`--owner lan` is named lan unless `--owner-name` says otherwise."""
        given = self.written_owner("sales-dept-revenue-market-share", "--owner", "lan")
        named = self.written_owner(
            "sales-dept-revenue-market-share", "--owner", "lan", "--owner-name", "Nguyễn Thị Lan"
        )
        assert (given["id"], given["name"]) == ("lan", "lan")
        assert (named["id"], named["name"]) == ("lan", "Nguyễn Thị Lan")


class TestDates:
    @pytest.mark.parametrize("typed", ["20/3/2026", "20/03/2026", "20-3-2026", "20.3.2026"])
    def test_day_first_in_vietnamese(self, typed: str) -> None:
        """Vietnamese reads day/month/year, with any of the usual separators."""
        assert parse_date(typed, locale="vi") == dt.date(2026, 3, 20)
        assert parse_date(f"  {typed} ", locale="vi_VN") == dt.date(2026, 3, 20)

    def test_iso_only_in_english(self) -> None:
        """English reads ISO only, and says why a day/month date is not read."""
        assert parse_date("2026-03-20", locale="en") == dt.date(2026, 3, 20)
        with pytest.raises(ParameterError, match="could be March 5 or May 3") as caught:
            parse_date("20/3/2026", locale="en")
        assert isinstance(caught.value, ValueError)
        with pytest.raises(ParameterError) as plain:  # no d/M/yyyy typed, no word on it
            parse_date("soon", locale="en")
        assert (
            str(plain.value) == "'soon' is not a date; write it as YYYY-MM-DD, such as 2026-03-31"
        )
        assert not reads_day_first("en")
        assert reads_day_first("vi")

    @pytest.mark.parametrize("typed", ["31/2/2026", "2026-02-30", "20/3/26", "3/2026", "", "x"])
    def test_no_date(self, typed: str) -> None:
        """A day the calendar lacks, or another shape, is refused with the accepted forms."""
        with pytest.raises(ParameterError) as caught:
            parse_date(typed, locale="vi")
        with use_locale("vi"):
            assert "hãy viết theo ngày/tháng/năm, như 31/3/2026" in str(caught.value)

    def test_not_text(self) -> None:
        """A date object is not text to read: a usage error (TypeError)."""
        with pytest.raises(UsageError):
            parse_date(dt.date(2026, 3, 20))  # type: ignore[arg-type]

    @given(st.dates(min_value=dt.date(1000, 1, 1)))
    @settings(max_examples=settings.default.max_examples)
    def test_what_okrkit_writes_reads_back(self, day: dt.date) -> None:
        """A date formatted for Vietnamese reads back as that date; ISO in every locale."""
        assert parse_date(format_date(day, locale="vi"), locale="vi") == day
        for locale in ("vi", "en"):
            assert parse_date(day.isoformat(), locale=locale) == day

    def test_on_the_command_line(self, okrs: Path) -> None:
        """`--as-of 20/3/2026` scores as `--as-of 2026-03-20` in Vietnamese; English refuses."""
        typed = run("score", str(okrs), "--as-of", "20/3/2026", "--locale", "vi")
        iso = run("score", str(okrs), "--as-of", "2026-03-20", "--locale", "vi")
        english = run("score", str(okrs), "--as-of", "20/3/2026", "--locale", "en")
        assert typed.exit_code == 0, typed.output
        assert typed.output == iso.output
        assert english.exit_code == 2
        assert "could be March 5 or May 3" in english.output

    def test_the_linters_as_of(self, okrs: Path) -> None:
        """`okrkit check --as-of` reads the same dates, and still `today`."""
        result = run("check", str(okrs), "--as-of", "20/3/2026", "--locale", "vi")
        assert result.exit_code in {0, 1}, result.output
        bad = run("check", str(okrs), "--as-of", "40/3/2026", "--locale", "vi")
        assert bad.exit_code == 2
        assert "cũng có thể ghi hôm nay" in bad.output
        spoken = run("check", str(okrs), "--as-of", "Hôm nay", "--locale", "vi")
        assert spoken.exit_code in {0, 1}, spoken.output

    def test_a_template_date(self, okrs: Path) -> None:
        """`--set analysis_date=31/5/2026` is the 31st of May in Vietnamese; English refuses it."""
        args = ["new", "--template", "sales-dept-crm-data", "-o", "new.yaml", "--cycle", "2026-Q2"]
        vi = run(*args, "--set", "analysis_date=31/5/2026", "--locale", "vi")
        assert vi.exit_code == 0, vi.output
        assert "trước ngày 31/5/2026" in Path("new.yaml").read_text("utf-8")
        en = run(*args, "--force", "--set", "analysis_date=31/5/2026", "--locale", "en")
        assert en.exit_code == 1
        assert "it must be a date written as YYYY-MM-DD" in en.output


class TestDecimalMarks:
    def test_the_grade_hint(self, okrs: Path) -> None:
        """The example of `--grade` writes 0,7 in Vietnamese and 0.7 in English."""
        vi = run("close", "2026-Q1", "-f", str(okrs), "--grade", "kr-co-mrr", "--locale", "vi")
        en = run("close", "2026-Q1", "-f", str(okrs), "--grade", "kr-co-mrr", "--locale", "en")
        assert "kr-sales=0,7:bắt đầu muộn" in vi.output
        assert "kr-sales=0.7:late start" in en.output

    # Vietnamese messages that keep a decimal point: not numbers a person reads or types
    # the Vietnamese way, but a version, or what a file or table holds, in its own syntax.
    KEPT = frozenset(
        {
            "Shell completion is not supported for Bash versions older than 4.4.",
            "a check-in's value must be a number such as 28 or 29.5 (got {value!r})",
            "rows such as '2026-01-16 29.5 4 lan Waiting on CI'; write - for no confidence or "
            "no author",
            "{value} is not a number, such as 28 or 29.5",
        }
    )

    def test_vietnamese_examples_use_a_comma(self) -> None:
        """No Vietnamese message shows a number with a decimal point, but those kept above."""
        with VI_PO.open("rb") as handle:
            catalog = read_po(handle)
        pointed = {
            message.id
            for message in catalog
            if message.id
            and isinstance(message.string, str)
            and re.search(r"(?<![\w.])[0-9]+\.[0-9]+(?![\w.])", message.string)
        }
        assert pointed <= self.KEPT


class TestUnknownLocaleAndHelp:
    @pytest.mark.parametrize(
        "args",
        [
            ["--locale", "xx", "--help"],
            ["--help", "--locale", "xx"],
            ["score", "--help", "--locale", "xx"],
            ["score", "--locale", "xx", "--help"],
            ["templates", "list", "--locale=xx", "-h"],
        ],
    )
    def test_refused_in_one_line(self, args: list[str]) -> None:
        """--help with an unknown --locale is refused as any command is: one line, status 2."""
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert result.output.count("\n") == 1, result.output
        assert result.output.startswith("Error: Invalid value for '--locale': unknown locale 'xx'")

    def test_as_the_environment_says(self) -> None:
        """With `OKRKIT_LOCALE=xx`, `schema --help` fails as `schema` does, in one line."""
        env = {**ENGLISH_ENV, "OKRKIT_LOCALE": "xx"}
        helped = CliRunner().invoke(main, ["schema", "--help"], env=env)
        ran = CliRunner().invoke(main, ["schema"], env=env)
        assert (helped.exit_code, helped.output) == (ran.exit_code, ran.output)
        assert helped.exit_code != 0
        assert helped.output.count("\n") == 1
        assert "unknown locale 'xx'" in helped.output

    def test_a_known_locale_still_helps(self) -> None:
        """`--locale vi --help`, in any order, shows the help in Vietnamese."""
        for args in (["--locale", "vi", "--help"], ["score", "--help", "--locale", "vi"]):
            result = run(*args)
            assert result.exit_code == 0
            assert result.output.startswith("Cách dùng:")


class TestMetavars:
    @pytest.mark.parametrize("locale", ["vi", "en"])
    def test_one_word_each(self, locale: str) -> None:
        """Every option and argument of every command has a metavar of one word."""
        spaced = []
        with use_locale(locale):
            for each in _commands(main):
                ctx = click.Context(each)
                for param in each.get_params(ctx):
                    metavar = param.make_metavar(ctx)
                    if re.search(r"\s", metavar):
                        spaced.append(f"{each.name} {param.name}: {metavar}")
        assert spaced == []

    def test_a_folder(self) -> None:
        """`export-parquet -o` writes a folder: THƯ_MỤC, FOLDER."""
        assert "-o, --output THƯ_MỤC" in run("--locale", "vi", "export-parquet", "--help").output
        assert "-o, --output FOLDER" in run("--locale", "en", "export-parquet", "--help").output


class TestOutlineAsOf:
    def test_no_check_in_after_the_date(self, okrs: Path) -> None:
        """`--as-of 2026-03-20` shows each key result's latest check-in on or before it."""
        args = ["report", str(okrs), "--kind", "outline", "--locale", "vi"]
        then = run(*args, "--as-of", "2026-03-20")
        now = run(*args)
        assert then.exit_code == now.exit_code == 0, then.output
        assert "mới nhất ngày 27/3/2026: 5.310.000.000" in now.output
        assert "27/3/2026" not in then.output
        assert "mới nhất ngày 20/3/2026: 5.200.000.000" in then.output
        assert then.output.splitlines()[0].endswith("tính đến ngày 20/3/2026")

    def test_before_any_check_in(self, okrs: Path) -> None:
        """Before the first check-in, a key result has none yet."""
        result = run("report", str(okrs), "--kind", "outline", "--as-of", "2025-12-31")
        assert "mới nhất" not in result.output
        assert "chưa cập nhật lần nào" in result.output
