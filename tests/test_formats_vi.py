"""Formats a Vietnamese reader expects: d/M/yyyy dates, amounts in words, cycle names.

Golden checks pin the Vietnamese forms ("27/3/2026", "5,5 tỷ đồng", "Quý 1/2026") and the
English ones beside them; a property states that every amount written is read back as the
same number, in both languages, in words or in full.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from builders import kr, objective
from okrkit import Cycle, OKRSet, Owner, catalogue
from okrkit.cli import main
from okrkit.errors import ParameterError, TemplateError, UsageError
from okrkit.i18n import (
    COMPACT_FROM,
    COMPACT_UNTIL,
    format_amount,
    format_currency,
    format_date,
    format_day,
    format_duration,
    format_quarter,
    format_value,
    format_year,
    gettext,
    parse_amount,
    use_locale,
)
from okrkit.model import Metric
from okrkit.store import carry_forward

DAY = dt.date(2026, 3, 27)
Q1 = Cycle(id="2026-Q1", name="Q1", start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))


class TestDates:
    @pytest.mark.parametrize(
        ("locale", "expected"),
        [
            ("vi", "27/3/2026"),
            ("vi_VN", "27/3/2026"),
            ("en", "Mar 27, 2026"),
            ("de", "27.03.2026"),
        ],
    )
    def test_a_date_as_text_writes_it(self, locale: str, expected: str) -> None:
        """Vietnamese writes d/M/yyyy; English and others keep babel's medium style."""
        assert format_date(DAY, locale=locale) == expected
        with use_locale(locale):
            assert format_date(DAY) == expected

    def test_babel_styles_on_request(self) -> None:
        """A named style or a CLDR pattern still reaches babel."""
        assert format_date(DAY, locale="vi", format="medium") == "27 thg 3, 2026"
        assert format_date(DAY, locale="en", format="yyyy-MM-dd") == "2026-03-27"

    def test_one_function_for_dates(self) -> None:
        """format_day is the same function as format_date: one way to show a date."""
        assert format_day is format_date

    def test_a_sentence_says_ngay_before_the_date(self) -> None:
        """The library's own sentences read "ngày 27/3/2026", never "ngày ngày"."""
        okrs = OKRSet(
            cycles=[Q1],
            owners=[Owner(id="team", name="Team", kind="team")],
            objectives=[objective("o1", kr("k1"))],
        )
        with use_locale("vi"):
            html = okrs.score(as_of=DAY)._repr_html_()
            assert "Bảng điểm tính đến ngày 27/3/2026:" in html
            days = Metric(kind="decrease", start=30, target=7, unit="duration_days")
            latest = gettext("latest {value} on {date}").format(
                value=format_value(days, 57), date=format_date(DAY)
            )
            assert latest == "mới nhất ngày 27/3/2026: 57 ngày"

    @pytest.mark.parametrize(
        "msgid",
        [
            "as of {date}",
            "Scorecard as of {date}:",
            "Carry-forward from {source} to {target}, as of {date}",
            "Closing cycle {cycle}, scores as of {date}",
            "The week from {since} to {as_of}",
            "As of {day}",
            "by {day}",
            "graded by the owner on {date}",
            "graded from the score on {date}",
            "the last check-in was on {day}, {days} day ago",
        ],
    )
    def test_translations_put_ngay_before_each_date(self, msgid: str) -> None:
        """Each Vietnamese sentence that shows a date has "ngày" right before it."""
        with use_locale("vi"):
            text = gettext(msgid)
        dates = re.findall(r"\{(date|day|since|as_of)\}", msgid)
        assert dates
        for name in dates:
            assert f"ngày {{{name}}}" in text, text

    def test_no_translation_says_ngay_twice(self) -> None:
        """No Vietnamese message reads "ngày ngày"."""
        po = resources.files("okrkit") / "locales" / "vi" / "LC_MESSAGES" / "okrkit.po"
        with po.open("rb") as handle:
            texts = [str(message.string) for message in read_po(handle) if message.id]
        assert not [text for text in texts if "ngày ngày" in text]

    def test_template_titles_write_dates_in_a_sentence(self) -> None:
        """A key result due by a date reads "trước ngày 28/2/2026" in Vietnamese."""
        template = catalogue.load().get("sales-dept-crm-data")
        titles = {
            locale: [
                k.title
                for k in template.instantiate(owner="me", cycle=Q1, locale=locale).key_results
            ]
            for locale in ("vi", "en")
        }
        assert any(title.endswith("trước ngày 28/2/2026") for title in titles["vi"])
        assert any(title.endswith("by Feb 28, 2026") for title in titles["en"])

    def test_every_vietnamese_template_text_says_ngay_before_a_date(self) -> None:
        """In every template, a date parameter in a Vietnamese text follows "ngày "."""
        for template in catalogue.load():
            dates = [p.name for p in template.parameters if p.type.value == "date"]
            for text in (template.objective.vi, *(k.title.vi for k in template.key_results)):
                for name in dates:
                    if f"{{{name}}}" in text:
                        assert f"ngày {{{name}}}" in text, (template.id, text)


AMOUNTS = [
    # value, currency, locale, what format_amount writes
    (5_500_000_000, "VND", "vi", "5,5 tỷ đồng"),
    (600_000_000, "VND", "vi", "600 triệu đồng"),
    (1_200_000, "USD", "vi", "1,2 triệu USD"),
    (1_200_000_000_000, "VND", "vi", "1,2 nghìn tỷ đồng"),
    (5_000_000_000, "VND", "vi", "5 tỷ đồng"),
    (150_000, "VND", "vi", "150.000 đồng"),
    (5_512_345_678, "VND", "vi", "5.512.345.678 đồng"),
    (Decimal("4000.5"), "USD", "vi", "4.000,50 USD"),
    (-2_500_000, "VND", "vi", "-2,5 triệu đồng"),
    (2_000_000, None, "vi", "2 triệu"),
    (1_234_567, None, "vi", "1.234.567"),
    (5_500_000_000, "VND", "en", "₫5.5B"),
    (1_200_000, "USD", "en", "$1.2M"),
    (5_512_345_678, "VND", "en", "₫5,512,345,678"),
    (Decimal("4000.5"), "USD", "en", "$4,000.50"),
    (2_000_000, None, "en", "2 million"),
    (3_500_000_000, None, "en", "3.5 billion"),
    (10**15, "VND", "vi", "1.000.000.000.000.000 đồng"),
]


class TestFormatAmount:
    @pytest.mark.parametrize(("value", "currency", "locale", "expected"), AMOUNTS)
    def test_golden(
        self, value: int | Decimal, currency: str | None, locale: str, expected: str
    ) -> None:
        """Amounts in words when exact, in full otherwise, in each language's way."""
        assert format_amount(value, currency, locale=locale) == expected

    def test_in_full_on_request(self) -> None:
        """compact=False writes every digit."""
        assert format_amount(5.5e9, "VND", compact=False, locale="vi") == "5.500.000.000 đồng"
        assert format_amount(5.5e9, "VND", compact=False, locale="en") == "₫5,500,000,000"

    def test_tables_keep_full_grouping(self) -> None:
        """format_currency, for tables, is unchanged."""
        assert format_currency(5.5e9, locale="vi") == "5.500.000.000\xa0₫"
        assert format_currency(5.5e9, "VND", locale="en") == "₫5,500,000,000"

    def test_the_active_locale(self) -> None:
        """Without a locale the active one is used."""
        with use_locale("vi"):
            assert format_amount(600e6, "VND") == "600 triệu đồng"

    def test_not_a_number_and_a_bad_currency(self) -> None:
        """NaN shows as a dash; a currency that is no ISO code is a usage error."""
        assert format_amount(float("nan"), "VND") == "–"
        with pytest.raises(UsageError, match="ISO 4217"):
            format_amount(5, "đồng")

    @given(
        hundredths=st.integers(100, 99_999),
        unit=st.sampled_from([6, 9, 12]),
        locale=st.sampled_from(["vi", "en"]),
        currency=st.sampled_from([None, "VND", "USD"]),
    )
    def test_exact_amounts_are_written_in_words(
        self, hundredths: int, unit: int, locale: str, currency: str | None
    ) -> None:
        """An amount of millions, billions or trillions to two decimals is in words."""
        value = hundredths * 10 ** (unit - 2)  # 1.00 to 999.99 of the unit
        assert COMPACT_FROM <= value < COMPACT_UNTIL
        shown = format_amount(value, currency, locale=locale)
        assert shown != format_amount(value, currency, compact=False, locale=locale)
        assert not re.search(r"\d[.,]\d\d\d", shown), shown


def amounts() -> st.SearchStrategy[Decimal]:
    """Whole amounts, amounts with cents, and round amounts of every size."""
    return st.one_of(
        st.integers(-(10**17), 10**17).map(Decimal),
        st.decimals(-(10**13), 10**13, places=2, allow_nan=False, allow_infinity=False),
        st.builds(
            lambda mantissa, power, sign: Decimal(sign * mantissa).scaleb(power),
            st.integers(1, 99_999),
            st.integers(0, 13),
            st.sampled_from([1, -1]),
        ),
    )


class TestParseAmount:
    @pytest.mark.parametrize(
        ("text", "currency", "locale", "expected"),
        [
            ("3,5 tỷ", None, "vi", 3_500_000_000),
            ("500 triệu", None, "vi", 500_000_000),
            ("1.200.000 ₫", "VND", "vi", 1_200_000),
            ("1,2 tr", None, "vi", 1_200_000),
            ("5 tỷ đồng", "VND", "vi", 5_000_000_000),
            ("600 triệu đồng", "VND", "vi", 600_000_000),
            ("1,2 triệu USD", "USD", "vi", 1_200_000),
            ("3,5 ty", None, "vi", 3_500_000_000),
            ("5 trieu dong", "VND", "vi", 5_000_000),
            ("2 nghìn tỷ", None, "vi", 2_000_000_000_000),
            ("100k", None, "vi", 100_000),
            ("5T", None, "vi", 5_000_000_000),
            ("3.5 billion", None, "en", 3_500_000_000),
            ("1.2M", None, "en", 1_200_000),
            ("$1,200", "USD", "en", 1_200),
            ("5.5B", None, "en", 5_500_000_000),
            ("5T", None, "en", 5_000_000_000_000),
            ("-$5", "USD", "en", -5),
            ("1_000_000", None, "en", 1_000_000),
        ],
    )
    def test_what_people_type(
        self, text: str, currency: str | None, locale: str, expected: int
    ) -> None:
        """The issue's examples, and the words both languages use, read as they mean."""
        assert parse_amount(text, currency, locale=locale) == expected

    @pytest.mark.parametrize(
        ("text", "vi", "en"),
        [
            ("1.200", Decimal(1200), Decimal("1.2")),
            ("1,200", Decimal("1.2"), Decimal(1200)),
            ("1.5", Decimal("1.5"), Decimal("1.5")),
            ("1,5", Decimal("1.5"), Decimal("1.5")),
            ("1.234,5", Decimal("1234.5"), Decimal("1234.5")),
        ],
    )
    def test_the_locale_reads_first(self, text: str, vi: Decimal, en: Decimal) -> None:
        """The locale's own signs win; a number they cannot read is read the other way."""
        assert (parse_amount(text, locale="vi"), parse_amount(text, locale="en")) == (vi, en)

    @pytest.mark.parametrize(
        "text", ["", "ba tỷ", "abc", "5 tháng", "1.2.3", "1,2,3", "--5", "5 kg", "5 5", "5 tỷ tỷ"]
    )
    def test_bad_input_says_what_would_do(self, text: str) -> None:
        """Text that is no amount is refused with the text and examples of what reads."""
        with pytest.raises(ParameterError) as caught:
            parse_amount(text, "VND", locale="vi")
        with use_locale("vi"):
            message = str(caught.value)
        assert message.startswith(repr(text))
        assert "3,5 tỷ đồng, 500 triệu đồng hoặc 1.200.000 đồng" in message
        assert "3.5B" in caught.value.render(locale="en")  # worded when shown

    def test_another_currency_is_refused(self) -> None:
        """An amount in another currency than the one asked for names both."""
        with pytest.raises(ParameterError, match="is in USD, not VND"):
            parse_amount("1,2 triệu USD", "VND", locale="vi")
        with pytest.raises(ParameterError, match=r"names a currency \(USD\)"):
            parse_amount("5 USD", locale="en")

    def test_only_text_is_read(self) -> None:
        """A number where text belongs is a usage error."""
        with pytest.raises(UsageError):
            parse_amount(5, locale="vi")  # type: ignore[arg-type]

    @given(
        value=amounts(),
        locale=st.sampled_from(["vi", "en"]),
        currency=st.sampled_from([None, "VND", "USD"]),
        compact=st.booleans(),
    )
    def test_what_is_written_reads_back(
        self, value: Decimal, locale: str, currency: str | None, compact: bool
    ) -> None:
        """parse_amount(format_amount(x)) == x, in words or in full, in both languages."""
        shown = format_amount(value, currency, compact=compact, locale=locale)
        assert parse_amount(shown, currency, locale=locale) == value, shown


class TestCycleNames:
    @pytest.mark.parametrize(
        ("locale", "quarter", "year"),
        [("vi", "Quý 1/2026", "Năm 2026"), ("en", "Q1 2026", "2026")],
    )
    def test_default_names_follow_the_locale(self, locale: str, quarter: str, year: str) -> None:
        """A quarter or year made in a locale is named the way that language names it."""
        assert format_quarter(2026, 1, locale=locale) == quarter
        assert format_year(2026, locale=locale) == year
        with use_locale(locale):
            assert Cycle.quarter(2026, 1).name == quarter
            assert Cycle.year(2026).name == year
            assert Cycle.quarter(2026, 1, name="Mùa xuân").name == "Mùa xuân"
        assert Cycle.quarter(2026, 1).id == "2026-Q1"

    def test_a_carried_forward_quarter_is_named_in_the_locale(self) -> None:
        """Carrying into a new quarter by its id names that quarter like Cycle.quarter."""
        okrs = OKRSet(
            cycles=[Q1],
            owners=[Owner(id="team", name="Team", kind="team")],
            objectives=[objective("o1", kr("k1"))],
        )
        with use_locale("vi"):
            carried = carry_forward(okrs, source="2026-Q1", target="2026-Q2")
        assert carried.okrset.cycle("2026-Q2").name == "Quý 2/2026"


class TestDurations:
    @pytest.mark.parametrize(
        ("unit", "vietnamese", "english"),
        [
            ("minute", "36 phút", "36 minutes"),
            ("hour", "36 giờ", "36 hours"),
            ("day", "36 ngày", "36 days"),
            ("week", "36 tuần", "36 weeks"),
            ("month", "36 tháng", "36 months"),
            ("quarter", "36 quý", "36 quarters"),
            ("year", "36 năm", "36 years"),
        ],
    )
    def test_each_unit_reads_as_titles_write_it(
        self, unit: str, vietnamese: str, english: str
    ) -> None:
        """Hours are "giờ", as titles say, never CLDR's short "tiếng"; English keeps its own."""
        assert format_duration(36, unit, locale="vi") == vietnamese
        assert format_duration(36, unit, locale="vi_VN") == vietnamese
        assert format_duration(36, unit, locale="en") == english

    def test_an_hours_metric_in_a_table(self) -> None:
        """A duration_hours value shows its number the Vietnamese way, then "giờ"."""
        metric = Metric(kind="decrease", start=58, target=36, unit="duration_hours")
        assert format_value(metric, 1234.5, locale="vi") == "1.234,5 giờ"
        assert format_value(metric, 1, locale="vi") == "1 giờ"


class TestTemplateAmounts:
    def test_a_money_title_shows_the_amount_in_words(self) -> None:
        """A money parameter lands in a title as "5 tỷ đồng", read from "3,5 tỷ" too."""
        template = catalogue.load().get("sales-dept-revenue-market-share")
        default = template.instantiate(owner="me", cycle=Q1, locale="vi")
        assert default.key_results[0].title.startswith("Đạt doanh thu 5 tỷ đồng ")
        given = template.instantiate({"revenue": "3,5 tỷ"}, owner="me", cycle=Q1, locale="vi")
        assert given.key_results[0].title.startswith("Đạt doanh thu 3,5 tỷ đồng ")
        assert given.key_results[0].metric.target == 3.5e9
        english = template.instantiate({"revenue": "3.5B"}, owner="me", cycle=Q1, locale="en")
        assert english.key_results[0].title.startswith("Reach ₫3.5B ")

    def test_a_bad_amount_is_refused_with_examples(self) -> None:
        """An amount that does not read names the value and shows what would do."""
        template = catalogue.load().get("sales-dept-revenue-market-share")
        with use_locale("vi"), pytest.raises(TemplateError) as caught:
            template.instantiate({"revenue": "1,2 triệu USD"}, owner="me", cycle=Q1)
        with use_locale("vi"):
            message = str(caught.value)
        assert "'1,2 triệu USD'" in message
        assert "3,5 tỷ đồng, 500 triệu đồng hoặc 1.200.000 đồng" in message


@given(
    text=st.text(
        alphabet=st.sampled_from("0123456789.,_ -+$₫đtrỷiệuTBMk USDồng\u00a0x"), max_size=24
    )
)
def test_any_text_reads_or_is_refused(text: str) -> None:
    """Whatever is typed, parse_amount returns a number or raises ParameterError."""
    for locale in ("vi", "en"):
        with contextlib.suppress(ParameterError):
            assert isinstance(parse_amount(text, "VND", locale=locale), Decimal)


def test_the_command_line_reads_an_amount_in_words(tmp_path: Path) -> None:
    """`okrkit new --set revenue="3,5 tỷ"` writes 3 500 000 000 and names the quarter in vi."""
    output = tmp_path / "okrs.yaml"
    args = ["new", "--locale", "vi", "--template", "sales-dept-revenue-market-share"]
    args += ["--set", "revenue=3,5 tỷ", "--cycle", "2026-Q2", "-o", str(output)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    written = okrkit.load(output)
    assert written.cycle("2026-Q2").name == "Quý 2/2026"
    (revenue, *_others) = written.objectives[0].key_results
    assert revenue.metric.target == 3_500_000_000
    assert revenue.title.startswith("Đạt doanh thu 3,5 tỷ đồng ")
