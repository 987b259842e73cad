"""OKR103 and OKR104: an objective holds no metric and is one goal, not a task list."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import kr, objective
from okrkit import Cycle, OKRSet, Owner
from okrkit.i18n import use_locale
from okrkit.lint import Diagnostic, lint


def titled(title: str) -> OKRSet:
    """A set of one team objective titled ``title``, with two key results."""
    return OKRSet(
        cycles=[Cycle.quarter(2026, 1)],
        owners=[Owner(id="team", name="Đội A", kind="team")],
        objectives=[objective("o1", kr("k1"), kr("k2"), title=title)],
    )


def run(okrs: OKRSet, code: str) -> list[Diagnostic]:
    """What rule ``code`` alone finds in ``okrs``."""
    return lint(okrs, rules=[code])


class TestObjectiveMetric:
    @pytest.mark.parametrize(
        "title",
        [
            "Tăng doanh thu 20% trong quý",
            "Đạt doanh thu 5 tỷ đồng",
            "Win $2M in new business",
            "Grow revenue by 15 percent",
            "Sign 40 new accounts",
        ],
    )
    def test_metric_flagged(self, title: str, locale: str):
        """A number, percent or sum of money in the title is flagged, in either language."""
        with use_locale(locale):
            (found,) = run(titled(title), "OKR103")
        assert found.entity_id == "o1"
        assert found.message
        assert found.hint

    @pytest.mark.parametrize(
        "title",
        [
            "Trở thành lựa chọn số một của cửa hàng bán lẻ",
            "Khách hàng yêu thích Acme trong quý 1/2026",
            "Delight our customers in Q1 2026",
        ],
    )
    def test_words_pass(self, title: str):
        """An objective in words passes; years and period labels are not metrics."""
        assert run(titled(title), "OKR103") == []

    def test_message_is_localised(self):
        """The Vietnamese message is not the English one."""
        okrs = titled("Tăng doanh thu 20%")
        with use_locale("vi"):
            (vi,) = run(okrs, "OKR103")
        with use_locale("en"):
            (en,) = run(okrs, "OKR103")
        assert vi.message != en.message
        assert "20%" in vi.message

    @given(st.integers(min_value=0, max_value=10**9))
    def test_any_percent_is_flagged(self, number: int):
        """Whatever the number, "<n>%" in a title is a metric."""
        assert [d.code for d in run(titled(f"Tăng thị phần {number}%"), "OKR103")] == ["OKR103"]


class TestObjectiveTasks:
    @pytest.mark.parametrize(
        "title",
        [
            "Tuyển thêm người, đào tạo nhân viên mới và mở văn phòng Đà Nẵng",
            "Write the blog, run ads and host a webinar",
            "- Tuyển người\n- Đào tạo\n- Mở văn phòng",
        ],
    )
    def test_task_list_flagged(self, title: str, locale: str):
        """Three joined parts, or a bulleted list, read as tasks."""
        with use_locale(locale):
            (found,) = run(titled(title), "OKR104")
        assert found.message
        assert found.hint

    @pytest.mark.parametrize(
        "title",
        [
            "Khách hàng cũ hài lòng và gắn bó lâu dài",
            "Ship fast without breaking things",
            "Khách hàng hài lòng, trung thành và gắn bó với Acme",
            "Customers who are happy, loyal and engaged",
        ],
    )
    def test_one_goal_passes(self, title: str):
        """One goal, even told in several qualities joined by commas and "và", passes."""
        assert run(titled(title), "OKR104") == []

    def test_option_max_parts(self):
        """``max_parts`` sets how many joined parts a title may have."""
        okrs = titled("Tuyển người, đào tạo và mở văn phòng")
        assert run(okrs, "OKR104")
        assert lint(okrs, rules=["OKR104"], config={"options": {"OKR104": {"max_parts": 3}}}) == []
