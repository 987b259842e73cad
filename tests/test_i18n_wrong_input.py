"""The formatters refuse plausible wrong input with okrkit's error, never a wrong result.

``None`` is not today's date nor a value of zero, text is not a number, and a currency
code is three letters, for ``format_currency`` as for ``format_amount``.
"""

from __future__ import annotations

import datetime as dt
import decimal
from fractions import Fraction

import numpy as np
import pytest

from okrkit import Metric
from okrkit.errors import OKRError, ParameterError, UsageError
from okrkit.i18n import (
    format_amount,
    format_currency,
    format_date,
    format_day,
    format_duration,
    format_number,
    format_percent,
    format_value,
    use_locale,
)

METRICS = {
    "percent": Metric(kind="increase", start=0, target=50, unit="percent"),
    "count": Metric(kind="increase", start=0, target=50, unit="count"),
    "currency": Metric(kind="increase", start=0, target=5e6, unit="currency", currency="VND"),
    "duration": Metric(kind="decrease", start=30, target=12, unit="duration_days"),
    "score": Metric(kind="increase", start=5, target=8, unit="score", scale=(0, 10)),
    "milestone": Metric(kind="milestone", unit="count"),
}


class TestDates:
    def test_none_is_not_today(self) -> None:
        """format_date(None) is refused, naming the argument, instead of showing today."""
        with pytest.raises(UsageError, match=r"'value' must be a date.*got an empty value"):
            format_date(None)  # type: ignore[arg-type]
        with pytest.raises(UsageError):
            format_day(None)  # type: ignore[arg-type]

    @pytest.mark.parametrize(("locale", "expected"), [("vi", "31/3/2026"), ("en", "Mar 31, 2026")])
    def test_iso_text_is_read(self, locale: str, expected: str) -> None:
        """ISO text is read as the date it writes, in every locale."""
        assert format_date("2026-03-31", locale=locale) == expected
        assert format_date(" 2026-03-31 ", locale=locale) == expected

    def test_other_text_is_refused(self) -> None:
        """Text that is not an ISO date raises ParameterError quoting it, even in Vietnamese."""
        for text in ("31/3/2026", "tomorrow", "2026-02-30"):
            with pytest.raises(ParameterError, match="is not a date; write it as YYYY-MM-DD"):
                format_date(text, locale="vi")

    def test_a_number_is_refused(self) -> None:
        """A number is not a date."""
        with pytest.raises(UsageError, match=r"\(got 20,260,331\)"):
            format_date(20260331)  # type: ignore[arg-type]

    def test_dates_and_datetimes_still_work(self) -> None:
        """A date and a datetime format as before."""
        assert format_date(dt.date(2026, 3, 31), locale="vi") == "31/3/2026"
        assert format_date(dt.datetime(2026, 3, 31, 9, 30), locale="vi") == "31/3/2026"


class TestValues:
    @pytest.mark.parametrize("unit", sorted(METRICS))
    def test_no_value_is_refused_for_every_unit(self, unit: str) -> None:
        """format_value(metric, None) says there is no value and what to do, for every unit."""
        with pytest.raises(UsageError, match=r"'value' is empty \(None\).*no check-in"):
            format_value(METRICS[unit], None)  # type: ignore[arg-type]

    def test_no_value_message_in_vietnamese(self) -> None:
        """The refusal reads in the active locale."""
        with pytest.raises(UsageError) as excinfo:
            format_value(METRICS["count"], None)  # type: ignore[arg-type]
        with use_locale("vi"):
            assert "chưa có lượt cập nhật tiến độ" in str(excinfo.value)

    @pytest.mark.parametrize("unit", sorted(METRICS))
    def test_text_is_refused_for_every_unit(self, unit: str) -> None:
        """Text is not a value, whatever the metric's unit."""
        with pytest.raises(UsageError, match=r"'value' must be a number.*\(got 'x'\)"):
            format_value(METRICS[unit], "x")  # type: ignore[arg-type]

    def test_numbers_of_other_kinds_still_work(self) -> None:
        """Numbers of numpy, Decimals and fractions are numbers."""
        count = METRICS["count"]
        assert format_value(count, np.float64(12.5), locale="en") == "12.5"
        assert format_value(count, np.int64(12), locale="en") == "12"
        assert format_value(count, decimal.Decimal("12.5"), locale="vi") == "12,5"  # type: ignore[arg-type]
        assert format_value(count, Fraction(1, 2), locale="en") == "0.5"  # type: ignore[arg-type]
        assert format_value(METRICS["milestone"], True, locale="en") == "done"


class TestNumbers:
    @pytest.mark.parametrize("value", ["x", "12", None, [1], b"1"])
    def test_format_number_refuses_what_is_not_a_number(self, value: object) -> None:
        """format_number raises UsageError (a TypeError) naming the value, not InvalidOperation."""
        with pytest.raises(UsageError, match=r"'value' must be a number") as excinfo:
            format_number(value)  # type: ignore[arg-type]
        assert isinstance(excinfo.value, OKRError)
        assert isinstance(excinfo.value, TypeError)

    def test_the_other_number_formatters_refuse_too(self) -> None:
        """format_percent, format_currency, format_duration and format_amount refuse text."""
        with pytest.raises(UsageError, match="'fraction' must be a number"):
            format_percent("0.5")  # type: ignore[arg-type]
        with pytest.raises(UsageError, match="'amount' must be a number"):
            format_currency("1000", "VND")  # type: ignore[arg-type]
        with pytest.raises(UsageError, match="'value' must be a number"):
            format_duration(None)  # type: ignore[arg-type]
        with pytest.raises(UsageError, match="'value' must be a number"):
            format_amount("5 tỷ", "VND")  # type: ignore[arg-type]

    def test_nan_still_shows_a_dash(self) -> None:
        """NaN is a number: it still shows as an en dash."""
        assert format_number(float("nan")) == "–"
        assert format_value(METRICS["count"], float("nan")) == "–"


class TestCurrency:
    @pytest.mark.parametrize("code", ["XXXX", "US", "", "12A", 840])
    def test_format_currency_refuses_what_format_amount_refuses(self, code: object) -> None:
        """format_currency refuses a code that is not three letters, as format_amount does."""
        with pytest.raises(UsageError, match="'currency' must be an ISO 4217 code") as amount:
            format_amount(1, code)  # type: ignore[arg-type]
        with pytest.raises(UsageError, match="'currency' must be an ISO 4217 code") as money:
            format_currency(1, code)  # type: ignore[arg-type]
        assert str(money.value) == str(amount.value)

    def test_a_code_in_lower_case_is_read(self) -> None:
        """A three-letter code is read whatever its case, as format_amount reads it."""
        assert format_currency(4000, "usd", locale="en") == "$4,000"

    def test_nan_with_a_wrong_code_is_still_refused(self) -> None:
        """The code is checked before the amount is shown, even as a dash."""
        with pytest.raises(UsageError):
            format_currency(float("nan"), "XXXX")
