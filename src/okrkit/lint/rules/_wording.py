"""How an objective is worded: no metric in it, and one goal rather than a task list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType

from okrkit.errors import Shown
from okrkit.i18n import N_, _
from okrkit.lint._config import Option
from okrkit.lint._diagnostic import Finding
from okrkit.lint._rule import LintContext
from okrkit.lint.rules._activity_text import Kind, find_phrases, split_title
from okrkit.lint.rules._base import Rule
from okrkit.lint.rules._shared import folded
from okrkit.lint.rules._text import clauses, folded_metric, most_clauses

__all__ = ["ObjectiveMetric", "ObjectiveTasks"]


class ObjectiveMetric(Rule):
    """OKR103: an objective whose title holds a metric: a number, a percent or money.

    Why: an objective says where to go in words that inspire; the numbers belong to its
    key results (sources 002 and 003, "an inspiring objective without metrics").
    Years and period labels (2026, Q1, "quý 1/2026") are not metrics.

    Example: "Tăng doanh thu 20%" is flagged; "Trở thành lựa chọn số một của cửa hàng
    bán lẻ" is not.

    Fix: move the number into a key result and say in the title why it matters.
    """

    code = "OKR103"
    name = "objective-metric"
    description = N_("An objective holds no metric: no number, percent or money.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each objective whose title holds a number, a percent or a sum of money."""
        folds = folded(context)
        message = _(
            "the objective's title holds the metric {figure!r}; an objective says where to "
            "go, its key results measure it"
        )
        hint = _("move the number into a key result and word the objective as a goal")
        for objective in context.okrs.objectives:
            figure = folded_metric(folds[objective.title])
            if figure is None:
                continue
            yield Finding(
                entity_id=objective.id,
                message=message.format(figure=Shown(figure)),
                hint=hint,
            )


_NUMBERED = re.compile(r"^\s*\d+[.)]\s")


class ObjectiveTasks(Rule):
    """OKR104: an objective whose title reads as a list of tasks.

    Flagged when the title joins more than ``max_parts`` tasks with commas, semicolons,
    "và"/"and", or lists them as bullets or lines. A joined part counts as a task when it
    starts with an action verb of the activity rule's lists ("tuyển", "đào tạo", "mở",
    "launch", "hire"...): "hài lòng, trung thành và gắn bó" is one goal told three
    ways, not three tasks. Why: an objective is one qualitative goal (source 002); a
    list of things to do belongs in initiatives.

    Options: ``max_parts`` (2): how many joined parts a title may have.

    Example: "Tuyển thêm người, đào tạo nhân viên mới và mở văn phòng Đà Nẵng" is
    flagged; "Khách hàng cũ hài lòng và gắn bó lâu dài" is not.

    Fix: name the one result the tasks serve; move the tasks into initiatives.
    """

    code = "OKR104"
    name = "objective-tasks"
    options = MappingProxyType({"max_parts": Option(int, least=0)})
    description = N_("An objective is one goal, not a list of tasks.")

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Each objective whose title has more than ``max_parts`` joined parts."""
        limit = int(context.option("max_parts", 2))
        folds = folded(context)
        message = _(
            "the objective's title reads as a list of {count} tasks; an objective is one goal"
        )
        hint = _("name the one result these tasks serve, and move the tasks into initiatives")
        for objective in context.okrs.objectives:
            title = objective.title
            listed = "\n" in title.strip() or bool(_NUMBERED.match(title))
            if not listed and most_clauses(title, folds[title]) <= limit:
                continue  # the tasks among the parts are fewer still
            parts = [part for part in clauses(title, folds[title]) if _is_task(part)]
            if len(parts) <= limit and not listed:
                continue
            yield Finding(
                entity_id=objective.id, message=message.format(count=len(parts)), hint=hint
            )


# Verbs that start a task in an objective's title, beyond the activity rule's lists
# (which are about key results): folded, as clauses() gives the parts.
_TASK_VERBS = frozenset(
    # Folded words that are verbs whatever their accents were: "tuyển", "thuê", "xây";
    # not "mở", "chuyển", "nâng", which fold onto "mô", "chuyên", "năng" too.
    [
        "tuyen",
        "thue",
        "xay",
        "hire",
        "recruit",
        "open",
        "build",
        "move",
        "buy",
        "sell",
        "sign",
        "fix",
        "upgrade",
        "migrate",
    ]
)


def _is_task(part: str) -> bool:
    """Whether a part of a title starts with an action verb (a task, not a quality)."""
    first = part.split(" ", 1)[0]
    if first in _TASK_VERBS:
        return True
    tokens = split_title(part)
    return any(
        hit.first == 0 and hit.kind is Kind.ACTIVITY for hit in find_phrases(part, tokens, None)
    )
