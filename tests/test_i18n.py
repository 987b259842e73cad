"""Localisation: choosing the locale, formatting, and the message catalogues."""

from __future__ import annotations

import asyncio
import datetime as dt
import string
import threading
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import okrkit
from okrkit import Level, LocaleError, Metric, Status
from okrkit.i18n import (
    format_currency,
    format_date,
    format_duration,
    format_number,
    format_percent,
    format_value,
    get_locale,
    gettext,
    held_locale,
    ngettext,
    set_locale,
    use_locale,
)

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "src" / "okrkit" / "locales"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no locale chosen by the environment or the process."""
    for name in ("OKRKIT_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    set_locale(None)


class TestChoosing:
    def test_default_is_english(self) -> None:
        """With nothing set, okrkit speaks English."""
        assert get_locale() == "en"

    def test_environment_order(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """OKRKIT_LOCALE wins over LANG; POSIX values are read without their encoding."""
        monkeypatch.setenv("LANG", "vi_VN.UTF-8")
        assert get_locale() == "vi_VN"
        monkeypatch.setenv("OKRKIT_LOCALE", "en_GB")
        assert get_locale() == "en_GB"

    def test_held_locale_looks_up_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """held_locale keeps the locale active on entry, even if the environment changes."""
        monkeypatch.setenv("LANG", "vi_VN.UTF-8")
        with held_locale() as held:
            monkeypatch.setenv("LANG", "en_US.UTF-8")
            assert (held, get_locale(), gettext("at risk")) == ("vi_VN", "vi_VN", "có rủi ro")
        assert get_locale() == "en_US"

    def test_held_locale_decorates_at_call_time(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """As a decorator it reads the locale when the function is called, each time."""

        @held_locale()
        def word() -> tuple[str, str]:
            return get_locale(), gettext("at risk")

        monkeypatch.setenv("LANG", "vi_VN.UTF-8")
        assert word() == ("vi_VN", "có rủi ro")
        monkeypatch.setenv("LANG", "en_US.UTF-8")
        assert word() == ("en_US", "at risk")
        with use_locale("vi"):
            assert word() == ("vi", "có rủi ro")

    def test_c_locale_is_ignored(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """LANG=C means no preference, not a language."""
        monkeypatch.setenv("LANG", "C.UTF-8")
        assert get_locale() == "en"

    def test_bad_okrkit_locale_is_an_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A wrong OKRKIT_LOCALE is reported, not silently ignored."""
        monkeypatch.setenv("OKRKIT_LOCALE", "klingon")
        with pytest.raises(LocaleError, match="unknown locale 'klingon'"):
            get_locale()

    def test_set_locale_and_use_locale(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """use_locale wins inside its block; set_locale beats the environment."""
        monkeypatch.setenv("OKRKIT_LOCALE", "en")
        set_locale("vi")
        assert get_locale() == "vi"
        with use_locale("en_US"):
            assert get_locale() == "en_US"
            with use_locale("vi-VN"):
                assert get_locale() == "vi_VN"
            assert get_locale() == "en_US"
        assert get_locale() == "vi"

    def test_decorator(self) -> None:
        """use_locale also decorates a function."""

        @use_locale("vi")
        def word() -> str:
            return Status.ON_TRACK.label

        assert word() == "đúng tiến độ"
        assert Status.ON_TRACK.label == "on track"

    def test_unknown_locale(self) -> None:
        """An unknown locale raises LocaleError, an OKRError and a ValueError."""
        with pytest.raises(LocaleError) as excinfo:
            use_locale("xx_YY")
        assert isinstance(excinfo.value, okrkit.OKRError)
        assert isinstance(excinfo.value, ValueError)
        assert excinfo.value.identifier == "xx_YY"

    def test_threads_keep_their_own_locale(self) -> None:
        """A use_locale block in one thread does not leak into another."""
        seen: list[str] = []
        inside = threading.Event()
        done = threading.Event()

        def other() -> None:
            inside.wait()
            seen.append(get_locale())
            done.set()

        thread = threading.Thread(target=other)
        thread.start()
        with use_locale("vi"):
            inside.set()
            done.wait()
        thread.join()
        assert seen == ["en"]

    def test_tasks_keep_their_own_locale(self) -> None:
        """Each asyncio task keeps its own locale."""

        async def speak(locale: str) -> str:
            with use_locale(locale):
                await asyncio.sleep(0)
                return Level.TEAM.label

        async def both() -> list[str]:
            return list(await asyncio.gather(speak("vi"), speak("en")))

        assert asyncio.run(both()) == ["nhóm", "team"]

    def test_other_babel_locales_are_accepted(self) -> None:
        """Any babel locale formats its own way and reads English messages."""
        with use_locale("de_DE"):
            assert format_number(1234.5) == "1.234,5"
            assert gettext("at risk") == "at risk"


class TestFormatting:
    @pytest.mark.parametrize(
        ("locale", "expected"),
        [
            ("vi", ("1.234.567,5", "35,6%", "1.500.000\xa0₫", "31/3/2026", "12 ngày")),
            ("en", ("1,234,567.5", "35.6%", "$1,500,000", "Mar 31, 2026", "12 days")),
        ],
    )
    def test_formats_by_locale(self, locale: str, expected: tuple[str, ...]) -> None:
        """Numbers, percents, money (VND by default in vi), dates and days follow the locale."""
        with use_locale(locale):
            assert (
                format_number(1234567.5),
                format_percent(0.356),
                format_currency(1500000),
                format_date(dt.date(2026, 3, 31)),
                format_duration(12),
            ) == expected

    def test_explicit_currency(self) -> None:
        """An explicit currency wins over the locale's."""
        assert format_currency(4000, "USD", locale="vi") == "4.000\xa0US$"

    def test_durations(self) -> None:
        """Durations in other units, and timedeltas, read naturally."""
        assert format_duration(3, "month", locale="vi") == "3 tháng"
        assert format_duration(dt.timedelta(days=1), locale="en") == "1 day"
        with pytest.raises(ValueError, match="unknown unit 'fortnight'"):
            format_duration(1, "fortnight")

    @pytest.mark.parametrize(
        ("metric", "value", "vi", "en"),
        [
            (Metric(kind="increase", start=0, target=50, unit="percent"), 35, "35%", "35%"),
            (
                Metric(kind="increase", start=0, target=5e9, unit="currency", currency="VND"),
                2.3e9,
                "2.300.000.000\xa0₫",
                "₫2,300,000,000",
            ),
            (
                Metric(kind="decrease", start=30, target=7, unit="duration_days"),
                12,
                "12 ngày",
                "12 days",
            ),
            (
                Metric(kind="at_least", target=8, unit="score", scale=(0, 10)),
                8.5,
                "8,5/10",
                "8.5/10",
            ),
            (Metric(kind="milestone"), 1, "hoàn thành", "done"),
            (Metric(kind="milestone"), 0, "chưa hoàn thành", "not done"),
            (Metric(kind="increase", start=0, target=5000), 1500, "1.500", "1,500"),
        ],
    )
    def test_format_value(self, metric: Metric, value: float, vi: str, en: str) -> None:
        """A key result's value is shown by its unit in each locale."""
        assert format_value(metric, value, locale="vi") == vi
        assert format_value(metric, value, locale="en") == en


class TestMessages:
    def test_labels_translate(self) -> None:
        """Enum labels and plural messages switch language."""
        with use_locale("vi"):
            assert Level.DEPARTMENT.label == "phòng ban"
            assert ngettext("{n} key result", "{n} key results", 3).format(n=3) == (
                "3 kết quả then chốt"
            )

    def test_errors_translate(self) -> None:
        """Validation messages are written in the active locale."""
        with pytest.raises(okrkit.ValidationError) as excinfo:
            Metric(kind="increase", start=35, target=27)
        with use_locale("vi"):  # worded when shown, in the locale then
            shown = str(excinfo.value)
        assert "'target'" in shown
        assert "tăng" in shown.lower() or "lớn hơn" in shown


def _source_messages() -> set[str]:
    messages: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "src"), method_map=[("**.py", "python")]
    ):
        messages.add(message[0] if isinstance(message, tuple) else message)
    return messages


def _catalog(language: str) -> dict[str, object]:
    path = LOCALES / language / "LC_MESSAGES" / "okrkit.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    out: dict[str, object] = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        out[key] = message
    return out


def _fields(text: str) -> list[str]:
    return sorted(
        f"{name}!{conversion}:{spec}"
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


class TestCatalogues:
    def test_po_is_up_to_date_with_the_source(self, locale: str) -> None:
        """Every marked message is in the .po, and the .po holds no stale ones.

        When this fails, run `python scripts/update_translations.py` and translate
        the new Vietnamese entries.
        """
        source = _source_messages()
        catalog = set(_catalog(locale))
        assert sorted(source - catalog) == [], "messages missing from the .po"
        assert sorted(catalog - source) == [], "stale messages in the .po"

    def test_every_vietnamese_message_is_translated(self) -> None:
        """No Vietnamese entry is empty or fuzzy, and each keeps its placeholders."""
        problems = []
        for key, message in _catalog("vi").items():
            strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
            if message.fuzzy or not all(strings):  # type: ignore[attr-defined]
                problems.append(f"untranslated: {key!r}")
                continue
            problems.extend(
                f"placeholders differ: {key!r} -> {text!r}"
                for text in strings
                if _fields(text) != _fields(key)
            )
        assert problems == []

    def test_po_is_read_when_mo_is_missing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without a compiled .mo, the .po is compiled in memory."""
        from okrkit.i18n import _locale as i18n

        folder = tmp_path / "okrkit" / "locales" / "vi" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "okrkit.po").write_bytes(
            (LOCALES / "vi" / "LC_MESSAGES" / "okrkit.po").read_bytes()
        )
        monkeypatch.setattr(i18n.resources, "files", lambda _package: tmp_path / "okrkit")
        i18n._translations.cache_clear()
        try:
            assert i18n._translations("vi").gettext("at risk") == "có rủi ro"
        finally:
            monkeypatch.undo()
            i18n._translations.cache_clear()


@pytest.mark.parametrize("value", [1e25, -3e40, 1.7e308])
def test_huge_numbers_format_without_a_decimal_error(value: float) -> None:
    """Babel's 28-digit decimal context is widened: every finite float formats."""
    from okrkit.i18n import format_currency, format_duration, format_number, format_percent

    for locale in ("vi", "en"):
        assert format_number(value, locale=locale)
        assert format_percent(value, locale=locale).endswith("%")
        assert format_currency(value, locale=locale)
        assert format_duration(value, locale=locale)
