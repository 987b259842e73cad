"""The word lists behind OKR201 (``kr-activity``): verbs, measures, deliverables.

Each list holds phrases as people write them, separated by commas;
:mod:`okrkit.lint.rules._activity` folds them (lower case, diacritics removed) and,
for English, adds the inflected forms (``launch``, ``launches``, ``launched``,
``launching``; ``workshop``, ``workshops``). Vietnamese entries keep their accents so
that the lists stay readable; the reader compares folded forms, so a title typed
without accents reads the same.

The lists are data: to extend them, add a phrase to the fitting list. A phrase of
several words wins over a shorter one that starts at the same word (``nâng cấp``
"upgrade" over ``nâng`` "raise", ``tỷ lệ chuyển đổi`` "conversion rate" over a
verb), which is also how the ``NEUTRAL`` list settles words that only collide once
accents are gone (``giám đốc`` "director" is not ``giảm`` "reduce", ``nền tảng``
"platform" is not ``tăng`` "increase"). When a phrase sits in two lists, the first
of neutral, measure, threshold, outcome verb, activity verb, deliverable wins.
"""

from __future__ import annotations

__all__ = [
    "ACTIVITY_EN",
    "ACTIVITY_VI",
    "CHANGE_BETWEEN",
    "CHANGE_FROM",
    "CHANGE_TO",
    "DELIVERABLES",
    "IRREGULAR",
    "MEASURES",
    "NEUTRAL",
    "OUTCOME_EN",
    "OUTCOME_VI",
    "THRESHOLDS",
]


def _phrases(text: str) -> tuple[str, ...]:
    """The comma-separated phrases of ``text``, trimmed."""
    return tuple(phrase.strip() for phrase in text.split(",") if phrase.strip())


ACTIVITY_EN = _phrases(
    """analyse, analyze, attend, build, call, carry out, complete, conduct, create, deploy,
    design, develop, document, draft, establish, finalise, finalize, finish, hold,
    host, implement, install, interview, introduce, kick off, launch, make, migrate,
    organise, organize, participate, perform, plan, post, prepare, present, produce,
    publish, redesign, refactor, release, research, roll out, run, schedule, send, set up,
    ship, start, submit, train, translate, upgrade, visit, work on, write, collect,
    gather, distribute, film, record, test, map, audit, automate, digitise, digitize,
    arrange, teach, join, take part, print, review, update, define, draw up, put together"""
)
"""English verbs of work done: the red-flag words of public OKR guides."""

ACTIVITY_VI = _phrases(
    """hoàn thành, hoàn tất, hoàn thiện, tổ chức, triển khai, thực hiện, tham dự, tham gia,
    viết, xây dựng, ra mắt, thu thập, gửi, tạo, tạo ra, phát hành, soạn, soạn thảo, lập,
    chuẩn bị, thiết kế, phát triển, đào tạo, huấn luyện, đăng tải, đăng bài, cập nhật,
    nâng cấp, chạy, gọi điện, gặp, gặp gỡ, phỏng vấn, khảo sát, nghiên cứu, phân tích,
    đánh giá, kiểm tra, rà soát, cài đặt, lắp đặt, áp dụng, ban hành, công bố, thiết lập,
    quay, sản xuất, trình bày, nộp, chạy thử, thử nghiệm, tự động hóa, tự động hoá,
    số hóa, số hoá, giám sát, đặt lịch, mở lớp, tiến hành, ghé thăm, lên kế hoạch,
    biên soạn, chụp, dạy, giảng dạy, kiểm toán, ghi hình, in ấn, xuất bản, phát động,
    mở, tập huấn"""
)
"""Vietnamese verbs of work done."""

OUTCOME_EN = _phrases(
    """increase, raise, grow, reduce, cut, lift, improve, lower, decrease, boost, double,
    triple, halve, shorten, drop, bring down, keep, maintain, reach, achieve, hit, attain,
    retain, win, gain, acquire, convert, save, earn, generate, exceed, attract, sustain,
    rise, fall, climb, expand, accelerate, speed up, minimise, minimize, maximise,
    maximize, eliminate, stay, go up, go down, sign, bring in, bring back"""
)
"""English verbs that name a change in a measure, or a level reached."""

OUTCOME_VI = _phrases(
    """tăng, giảm, nâng, nâng cao, cải thiện, rút ngắn, hạ thấp, hạ, đạt, giữ, giữ vững,
    duy trì, tiết kiệm, thu hút, chinh phục, giành, mở rộng, gấp đôi, gấp ba, vượt,
    cắt giảm, kéo giảm, đẩy nhanh, thu về, mang về, mang lại, tăng trưởng, ký, ký kết, có thêm,
    chuyển đổi, bán, bán được, nhận được, nhận thêm, trả lời"""
)
"""Vietnamese verbs that name a change in a measure, or a level reached."""

MEASURES = _phrases(
    """rate, share, percentage, percent, %, score, nps, csat, ces, net promoter, retention,
    churn, revenue, arr, mrr, arpu, ltv, cac, conversion, satisfaction, margin, profit,
    uptime, latency, velocity, adoption, engagement, rating, roi, turnover, attrition,
    market share, open rate, click through rate, bounce rate, response time, cycle time,
    lead time, time to, per, ratio, accuracy, quota, yield, productivity, occupancy,
    utilisation, utilization, sales revenue, sales volume, tỷ lệ, tỉ lệ, điểm,
    doanh thu, doanh số, lợi nhuận, biên lợi nhuận, thị phần, hài lòng, giữ chân,
    tỷ lệ chuyển đổi, tỉ lệ chuyển đổi, tương tác, năng suất, thời gian, chi phí, tốc độ,
    số sao, lượt, tỷ suất, mức độ, mức, phần trăm, điểm đánh giá, tỷ trọng, độ chính xác,
    khách hàng quay lại, dòng tiền, chỉ tiêu, người dùng hoạt động, số người dùng"""
)
"""Words that name a measure: a rate, a share, a score, money, time."""

DELIVERABLES = _phrases(
    """workshop, meeting, session, webinar, event, report, plan, document, documentation,
    post, article, blog, video, course, training, survey, interview, call, demo, feature,
    guide, handbook, policy, process, playbook, roadmap, prototype, mockup, presentation,
    newsletter, email, brochure, whitepaper, ebook, case study, conference, meetup,
    seminar, class, lesson, campaign, page, manual, checklist, template, project, sprint,
    buổi, cuộc họp, hội thảo, báo cáo, kế hoạch, tài liệu, bài viết, bài đăng, sự kiện,
    khóa, khoá, khóa học, chương trình, quy trình, chính sách, cuộc gọi, cuộc khảo sát,
    bản tin, tính năng, chức năng, dự án, cẩm nang, sổ tay, lớp, hội nghị, chiến dịch,
    bài giảng, đợt, lộ trình, bộ tài liệu, video hướng dẫn, ấn phẩm"""
)
"""Things made or events held: counting them counts work done."""

THRESHOLDS = _phrases(
    """at least, at most, no more than, fewer than, less than, more than, under, below,
    above, or more, or less, or better, no fewer than, ít nhất, tối thiểu, tối đa,
    không quá, dưới, trở lên, không vượt quá, ở mức, trên mức, không dưới,
    không thấp hơn, không cao hơn"""
)
"""Words that set a line a measure must stay on one side of."""

NEUTRAL = _phrases(
    """giám đốc, giám khảo, việt nam, tiếng việt, người việt, hà nội, lặp lại, tiềm năng,
    khả năng, năng lực, kỹ năng, năng lượng, sáng tạo, quy mô, mô hình, đặt hàng, đặt ra,
    đặt mục tiêu, điểm mạnh, điểm yếu, điểm bán, điểm chạm, tự động, đi kèm, bán hàng,
    nhân viên, hàng tuần, hàng tháng, hàng quý, đánh giá cao, lên đến, nền tảng, hạ tầng,
    quà tặng, dịch vụ, quay lại, quay trở lại, chất lượng, mục tiêu, cơ hội, tăng ca,
    hàng hóa, hàng hoá, mặt hàng, khách hàng, đơn hàng, ngân hàng, cửa hàng, hạng,
    phát sinh, tổ chức của, open source"""
)
"""Phrases that look like a listed word once accents are gone, and are not one."""

CHANGE_FROM = _phrases("from, từ")
"""The word that opens a change: ``from`` 27 ``to`` 35, ``từ`` 27 ``lên`` 35."""

CHANGE_TO = _phrases("to, lên, xuống, đến, tới, còn, về")
"""The words that close a change before its second number."""

CHANGE_BETWEEN = _phrases("instead of, rather than, down from, up from, thay vì, thay cho")
"""The words between a new number and the old one: 2 minutes ``instead of`` 20."""

IRREGULAR: dict[str, tuple[str, ...]] = {
    "build": ("built",),
    "hold": ("held",),
    "make": ("made",),
    "run": ("ran",),
    "send": ("sent",),
    "write": ("wrote", "written"),
    "keep": ("kept",),
    "win": ("won",),
    "rise": ("rose", "risen"),
    "fall": ("fell", "fallen"),
    "grow": ("grew", "grown"),
    "go": ("went", "gone"),
    "draw": ("drew", "drawn"),
    "put": ("put",),
}
"""English verbs whose past forms the regular rules would miss."""
