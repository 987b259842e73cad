"""The glossary: one Vietnamese term for each OKR concept, the one place the catalogue follows.

Each :class:`Term` names a concept in English, gives *the* Vietnamese term for it, the
other forms a sentence may need (a short form, a verb), and the Vietnamese variants that
must not stand for it. Terms come from the source documents where they have one (``002``
says "liên kết", ``003`` says "mức độ tự tin"); where they have none, okrkit chose one
(``okrkit``). ``tests/test_glossary.py`` holds every Vietnamese message to the glossary,
and ``scripts/glossary_docs.py`` writes it out as ``docs/glossary.md`` and
``docs/glossary.vi.md``. How tone marks are placed is :mod:`okrkit.i18n._spelling`'s.

Examples:
    >>> term("alignment").vietnamese, term("outline").avoid
    ('liên kết', ('dàn ý', 'đề cương'))
    >>> [t.vietnamese for t in GLOSSARY if t.key.startswith("status-")]
    ['đúng tiến độ', 'có rủi ro', 'chệch hướng', 'hoàn thành']
"""

from __future__ import annotations

import dataclasses

from okrkit.errors import Message, UnknownIdError
from okrkit.i18n._locale import N_

__all__ = ["GLOSSARY", "Term", "term"]


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Term:
    """One OKR concept: its English words, its Vietnamese term, and the words to avoid.

    Attributes:
        key: The concept's stable name, such as ``"alignment"``.
        english: The English words for it as okrkit's messages write them; a message
            holding one of them (a whole word, in any case) speaks of the concept.
        vietnamese: The Vietnamese term.
        also: Other Vietnamese forms a message may use for it: a short form ("cập nhật"
            for "cập nhật tiến độ"), a verb ("chấm điểm").
        avoid: Vietnamese words that must not stand for this concept.
        labels: Whole English messages that are this concept's label (``"progress"``,
            the 0.4-0.6 band), for words too common to look for inside sentences.
        source: The source document the term comes from (``"002"``), or ``"okrkit"``.
        note: What the concept is, in English.
        note_vi: What the concept is, in Vietnamese.
    """

    key: str
    english: tuple[str, ...]
    vietnamese: str
    also: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    source: str = "okrkit"
    note: str = ""
    note_vi: str = ""

    @property
    def accepted(self) -> tuple[str, ...]:
        """The Vietnamese term, then the other forms a message may use for the concept."""
        return (self.vietnamese, *self.also)


GLOSSARY: tuple[Term, ...] = (
    # -- the OKR itself
    Term(key="objective", english=("objective",), vietnamese="mục tiêu",
         avoid=("đối tượng", "mục đích"), source="002",
         note="qualitative: where to go", note_vi="định tính: đích cần đến"),
    Term(key="key-result", english=("key result",), vietnamese="kết quả then chốt",
         avoid=("kết quả chính", "kết quả khóa", "kết quả quan trọng"), source="003",
         note="quantitative: how we know we got there",
         note_vi="định lượng: cho biết đã đến đích hay chưa"),
    Term(key="initiative", english=("initiative",), vietnamese="sáng kiến",
         avoid=("dự án", "nhiệm vụ"), source="002",
         note="work that drives key results", note_vi="công việc thúc đẩy kết quả then chốt"),
    Term(key="entity", english=("entity", "entities"), vietnamese="mục",
         avoid=("đối tượng", "thực thể"),
         note="anything with an id: an objective, key result, initiative, owner or cycle",
         note_vi="bất cứ thứ gì có mã: mục tiêu, kết quả then chốt, sáng kiến, người phụ trách"
                 " hoặc chu kỳ"),
    Term(key="okr-set", english=("OKR set",), vietnamese="bộ OKR",
         note="the objectives, key results, owners and cycles of one file or store",
         note_vi="các mục tiêu, kết quả then chốt, người phụ trách và chu kỳ của một tệp"),
    Term(key="metric", english=("metric",), vietnamese="chỉ số",
         avoid=("thước đo", "số đo"), source="002",
         note="what a key result measures", note_vi="điều một kết quả then chốt đo lường"),
    Term(key="target", english=("target",), vietnamese="chỉ tiêu",
         note="the value at which a key result is met",
         note_vi="giá trị cần đạt của kết quả then chốt"),
    Term(key="baseline", english=("baseline",), vietnamese="giá trị ban đầu", also=("ban đầu",),
         avoid=("điểm xuất phát", "đường cơ sở"),
         note="where a metric starts ('start')", note_vi="giá trị lúc bắt đầu ('start')"),
    Term(key="stretch", english=("stretch",), vietnamese="mức vượt chỉ tiêu",
         also=("vượt chỉ tiêu",), avoid=("kỳ vọng", "vượt mức"),
         note="a value beyond the target", note_vi="giá trị vượt quá chỉ tiêu"),
    Term(key="milestone", english=("milestone",), vietnamese="cột mốc",
         avoid=("mốc quan trọng",), source="000",
         note="a key result met or not, by a date",
         note_vi="kết quả then chốt chỉ tính đạt hay chưa đạt, trước một hạn"),
    Term(key="due-date", english=("due date", "due"), vietnamese="hạn hoàn thành", also=("hạn",),
         avoid=("hạn chót", "deadline"),
         note="the day something is due", note_vi="ngày phải hoàn thành"),
    Term(key="percentage-points", english=("percentage points",), vietnamese="điểm phần trăm",
         note="a change of a percentage, not relative to it",
         note_vi="mức chênh giữa hai tỷ lệ phần trăm"),
    # -- levels and people
    Term(key="company", english=("company",), vietnamese="công ty",
         avoid=("doanh nghiệp", "tổ chức"), source="002",
         note="the top level", note_vi="cấp cao nhất"),
    Term(key="department", english=("department",), vietnamese="phòng ban", also=("đơn vị",),
         avoid=("bộ phận", "khối"), source="000",
         note="a level; 'đơn vị' names a team or a department alike",
         note_vi="một cấp; 'đơn vị' chỉ chung nhóm hoặc phòng ban"),
    Term(key="team", english=("team",), vietnamese="nhóm", also=("đơn vị", "đội"),
         source="003",
         note="a level; 'đội' in sentences about its people ('đội bán hàng')",
         note_vi="một cấp; 'đội' khi câu văn nói về con người ('đội bán hàng')"),
    Term(key="individual", english=("individual",), vietnamese="cá nhân", labels=("person",),
         source="002", note="a level: one person", note_vi="một cấp: một người"),
    Term(key="level", english=("level",), vietnamese="cấp", avoid=("cấp độ",),
         note="company, department, team or individual",
         note_vi="công ty, phòng ban, nhóm hoặc cá nhân"),
    Term(key="owner", english=("owner", "owns"), vietnamese="người phụ trách",
         also=("phụ trách",), avoid=("chủ sở hữu", "người sở hữu", "người chịu trách nhiệm"),
         note="who answers for an objective or key result: a person or a unit",
         note_vi="người hoặc đơn vị chịu trách nhiệm về mục tiêu, kết quả then chốt"),
    # -- how objectives relate
    Term(key="alignment", english=("alignment", "align", "aligned", "aligns", "aligning"),
         vietnamese="liên kết", avoid=("căn chỉnh", "sắp xếp", "đồng bộ"), source="002",
         note="an objective counted toward a parent objective or key result",
         note_vi="mục tiêu được tính vào mục tiêu hoặc kết quả then chốt cấp trên"),
    Term(key="dependency",
         english=("dependency", "dependencies", "depends", "depend", "dependent"),
         vietnamese="quan hệ phụ thuộc", also=("phụ thuộc",), avoid=("lệ thuộc", "ràng buộc"),
         source="002", note="one side waits on another's key result",
         note_vi="một bên chờ kết quả then chốt của bên khác"),
    Term(key="ambition", english=("ambition",), vietnamese="loại mục tiêu",
         avoid=("tham vọng", "độ táo bạo"),
         note="committed or aspirational (source 002: 'mức độ táo bạo')",
         note_vi="cam kết hay khát vọng (tài liệu 002: 'mức độ táo bạo')"),
    Term(key="committed", english=("committed", "commitment"), vietnamese="mục tiêu cam kết",
         also=("cam kết",), avoid=("bắt buộc",), source="002",
         note="expected to reach 1.0", note_vi="phải đạt 1,0"),
    Term(key="aspirational", english=("aspirational",), vietnamese="mục tiêu khát vọng",
         also=("khát vọng",), avoid=("đầy khát vọng", "thách thức", "tham vọng"), source="002",
         note="0.7 counts as success; also as a bare label, so without 'đầy'",
         note_vi="đạt 0,7 đã là thành công; bỏ 'đầy' để đứng riêng làm nhãn được"),
    Term(key="bar", english=("bar",), vietnamese="mức cần đạt", avoid=("ngưỡng đạt",),
         note="1.0 for a committed objective, 0.7 for an aspirational one",
         note_vi="1,0 với mục tiêu cam kết, 0,7 với mục tiêu khát vọng"),
    # -- the cycle, check-ins and scores
    Term(key="cycle", english=("cycle",), vietnamese="chu kỳ", avoid=("chu trình",),
         source="002", note="a quarter, a year or another period",
         note_vi="một quý, một năm hoặc khoảng thời gian khác"),
    Term(key="check-in", english=("check-in", "check-ins", "checked in", "check in"),
         vietnamese="cập nhật tiến độ", also=("cập nhật",),
         avoid=("check-in", "kiểm tra hàng tuần", "lần kiểm tra", "lượt kiểm tra"),
         source="002", note="a dated value of a key result; a record is 'lượt cập nhật'",
         note_vi="giá trị của kết quả then chốt tại một ngày; mỗi bản ghi là 'lượt cập nhật'"),
    Term(key="confidence", english=("confidence",), vietnamese="mức độ tự tin",
         avoid=("độ tự tin", "mức tự tin", "độ tin cậy", "điểm tự tin"), source="003",
         note="1-5, or red, yellow, green", note_vi="từ 1 đến 5, hoặc đỏ, vàng, xanh"),
    Term(key="expected-pace", english=("expected pace", "progress expected"),
         labels=("expected",), vietnamese="tiến độ dự kiến",
         avoid=("kỳ vọng", "tiến độ cần đạt", "cần đạt"),
         note="the progress a straight line from start to target gives by now",
         note_vi="tiến độ lẽ ra đạt được tính đến hôm nay nếu đi đều"),
    Term(key="forecast", english=("forecast",), vietnamese="dự báo",
         avoid=("dự đoán", "tiên lượng", "dự phóng"), source="003",
         note="where the check-ins project the end of the cycle",
         note_vi="giá trị cuối chu kỳ suy ra từ các lượt cập nhật"),
    Term(key="score", english=("score", "scores", "scored", "scoring"), vietnamese="điểm",
         also=("chấm điểm",), note="0 to 1, as of a day", note_vi="từ 0 đến 1, tại một ngày"),
    Term(key="scoring-strategy", english=("scoring strategy",), vietnamese="cách chấm điểm",
         avoid=("chiến lược chấm điểm",),
         note="linear, grade, zones, stepped, or your own",
         note_vi="tuyến tính (linear), thang điểm (grade), ba vùng (zones), bậc thang (stepped)"
                 " hoặc cách của bạn"),
    Term(key="grade", english=("grade", "grades", "graded", "final grade"),
         vietnamese="điểm cuối kỳ", also=("chấm", "điểm"), avoid=("điểm chốt",),
         source="003", note="the 0.0-1.0 grade at the end of the cycle",
         note_vi="điểm 0,0-1,0 chấm khi kết thúc chu kỳ"),
    Term(key="band", english=("band",), vietnamese="xếp loại", also=("mức",),
         avoid=("vùng", "dải"),
         note="of a grade: green 0.7-1.0, yellow 0.4-0.6, red 0.0-0.3 ('mức xanh')",
         note_vi="của một điểm: xanh 0,7-1,0, vàng 0,4-0,6, đỏ 0,0-0,3 ('mức xanh')"),
    Term(key="band-green", english=("green band",), vietnamese="mức xanh",
         note="0.7-1.0", note_vi="0,7-1,0"),
    Term(key="band-yellow", english=("yellow band",), vietnamese="mức vàng",
         note="0.4-0.6", note_vi="0,4-0,6"),
    Term(key="band-red", english=("red band",), vietnamese="mức đỏ",
         note="0.0-0.3", note_vi="0,0-0,3"),
    Term(key="band-delivered", english=(), labels=("delivered",), vietnamese="đã đạt",
         source="003", note="the 0.7-1.0 grades (source 003: 0.7 is good progress)",
         note_vi="điểm 0,7-1,0 (tài liệu 003: 0,7 là tiến độ tốt)"),
    Term(key="band-progress", english=(), labels=("progress",), vietnamese="đạt một phần",
         avoid=("tiến triển",), note="the 0.4-0.6 grades: progress, but short",
         note_vi="điểm 0,4-0,6: có tiến bộ nhưng chưa tới"),
    Term(key="zone", english=("zone",), vietnamese="vùng", avoid=("khu vực",),
         note="a zone of the zones strategy", note_vi="một vùng của cách chấm điểm ba vùng"),
    Term(key="zone-fail", english=(), labels=("fail",), vietnamese="chưa đạt",
         note="below the commit line", note_vi="dưới mức tối thiểu"),
    Term(key="zone-commit", english=(), labels=("commit",), vietnamese="đạt mức tối thiểu",
         avoid=("cam kết",), note="past the commit line; not 'cam kết', the committed objective",
         note_vi="qua mức tối thiểu; không gọi 'cam kết' để khỏi lẫn với mục tiêu cam kết"),
    Term(key="zone-target", english=(), labels=("target",), vietnamese="đạt chỉ tiêu",
         note="past the target line", note_vi="qua mức chỉ tiêu"),
    Term(key="zone-stretch", english=(), labels=("stretch",), vietnamese="vượt chỉ tiêu",
         note="at the stretch value", note_vi="đạt mức vượt chỉ tiêu"),
    # -- status
    Term(key="status", english=("status",), vietnamese="trạng thái", avoid=("tình trạng",),
         source="003", note="of a key result or objective as of a day",
         note_vi="của kết quả then chốt hoặc mục tiêu tại một ngày"),
    Term(key="status-on-track", english=("on track",), vietnamese="đúng tiến độ",
         avoid=("đang tiến triển", "đúng hướng"), source="003",
         note="at or ahead of the expected pace", note_vi="bằng hoặc vượt tiến độ dự kiến"),
    Term(key="status-at-risk", english=("at risk", "at-risk"), vietnamese="có rủi ro",
         avoid=("gặp rủi ro", "nguy cơ"), source="003",
         note="behind the pace, still within reach", note_vi="chậm hơn dự kiến, vẫn có thể kịp"),
    Term(key="status-off-track", english=("off track",), vietnamese="chệch hướng",
         avoid=("không đúng hướng", "không đạt tiến độ", "lệch hướng"), source="003",
         note="far behind; also the 0.0-0.3 band", note_vi="chậm xa; cũng là mức điểm 0,0-0,3"),
    Term(key="status-done", english=("done",), vietnamese="hoàn thành", avoid=("xong",),
         source="003", note="the target is reached", note_vi="đã đạt chỉ tiêu"),
    # -- what okrkit makes
    Term(key="template", english=("template",), vietnamese="mẫu",
         avoid=("khuôn mẫu", "bản mẫu"), source="004",
         note="a ready objective with parameters", note_vi="mục tiêu soạn sẵn, có tham số"),
    Term(key="parameter", english=("parameter",), vietnamese="tham số", avoid=("thông số",),
         note="a blank of a template", note_vi="chỗ trống của một mẫu"),
    Term(key="report", english=("report",), vietnamese="báo cáo", also=("báo",),
         note="a scorecard, a digest, a review or the outline",
         note_vi="bảng điểm, bản tin tuần, đánh giá cuối chu kỳ hoặc cây OKR"),
    Term(key="scorecard", english=("scorecard",), vietnamese="bảng điểm", avoid=("thẻ điểm",),
         note="every objective and key result with its score and status",
         note_vi="mọi mục tiêu, kết quả then chốt kèm điểm và trạng thái"),
    Term(key="digest", english=("digest",), vietnamese="bản tin tuần", also=("bản tin",),
         avoid=("tóm tắt", "bản tổng hợp"),
         note="what moved and what blocks, each week", note_vi="điều gì chuyển biến, vướng gì"),
    Term(key="review", english=("review",), vietnamese="đánh giá cuối chu kỳ",
         also=("đánh giá",), avoid=("rà soát", "xem xét"), source="002",
         note="the grades of a cycle that ended", note_vi="điểm của một chu kỳ đã kết thúc"),
    Term(key="retrospective", english=("retrospective",), vietnamese="nhìn lại chu kỳ",
         also=("buổi nhìn lại",), avoid=("tổng kết", "retro"), source="003",
         note="the questions asked when a cycle ends",
         note_vi="những câu hỏi đặt ra khi chu kỳ kết thúc"),
    Term(key="outline", english=("outline",), vietnamese="cây OKR", avoid=("dàn ý", "đề cương"),
         note="the objectives as a tree, in the terminal",
         note_vi="các mục tiêu dưới dạng cây, trong cửa sổ dòng lệnh"),
    Term(key="lint", english=("lint", "linter", "linting"), vietnamese="kiểm tra chất lượng",
         also=("kiểm tra",), avoid=("soát lỗi",),
         note="checking OKRs against the rules of the sources",
         note_vi="kiểm tra OKR theo các nguyên tắc của tài liệu nguồn"),
    Term(key="diagnostic", english=("diagnostic",), vietnamese="chẩn đoán",
         note="one finding of the linter: an error, a warning or a note",
         note_vi="một điều trình kiểm tra tìm thấy: lỗi, cảnh báo hoặc lưu ý"),
    Term(key="store", english=("store",), vietnamese="kho dữ liệu", also=("kho",),
         avoid=("kho lưu trữ", "bộ lưu trữ"),
         note="the SQLite file that keeps OKR sets and their history",
         note_vi="tệp SQLite lưu các bộ OKR và lịch sử thay đổi"),
    Term(key="workspace", english=("workspace",), vietnamese="không gian làm việc",
         note="a folder with okrkit.toml and its store",
         note_vi="thư mục có okrkit.toml và kho dữ liệu của nó"),
)  # fmt: skip
"""Every term of the glossary, in the order ``docs/glossary.md`` shows them."""


def _by_name() -> dict[str, Term]:
    """Each term by its key, English words and labels, in that order of precedence.

    A key names its own term, then an English word, then a label: "target" is the target,
    not the zone of that name.
    """
    names: dict[str, Term] = {}
    for entry in GLOSSARY:
        names.update(dict.fromkeys(map(str.casefold, entry.labels), entry))
    for entry in GLOSSARY:
        names.update(dict.fromkeys(map(str.casefold, entry.english), entry))
    names.update({entry.key: entry for entry in GLOSSARY})
    return names


_BY_NAME = _by_name()


def term(name: str) -> Term:
    """The glossary's term for a concept, by its key or one of its English words.

    Args:
        name: A key such as ``"key-result"``, or an English word such as
            ``"Key result"`` (any case).

    Raises:
        UnknownIdError: No term has that name; the error suggests the closest ones.

    Examples:
        >>> term("check-in").vietnamese, term("check-in").also
        ('cập nhật tiến độ', ('cập nhật',))
        >>> term("progress").vietnamese, term("aspirational").avoid[0]
        ('đạt một phần', 'đầy khát vọng')
    """
    found = _BY_NAME.get(name.strip().casefold())
    if found is None:
        raise UnknownIdError.among(name, Message(N_("glossary term")), sorted(_BY_NAME))
    return found
