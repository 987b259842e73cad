"""A check-in: a value reported for a key result on a day.

Check-ins come by the million and live in the numpy columns of a
:class:`~okrkit.checkins.CheckInLog`; a :class:`CheckIn` object is made when someone
asks for one, or writes one by hand.
"""

from __future__ import annotations

import datetime as dt
import math

import attrs

from okrkit.errors import ValidationError
from okrkit.model._checks import Checker, is_clean_text, is_valid_id
from okrkit.model._convert import (
    takes_confidence,
    takes_date,
    to_key_result_id,
    to_optional_owner_id,
)
from okrkit.model._enums import Confidence

__all__ = ["CheckIn"]


@attrs.frozen(kw_only=True)
class CheckIn:
    """A value reported for a key result on a day, with how confident the owner is.

    Attributes:
        key_result: The id of the key result.
        on: The day the value was true.
        value: The metric's value on that day (1 or 0 for a milestone).
        confidence: Optional 1-5 confidence; red, yellow and green are accepted
            and read as 1, 3 and 5.
        note: Optional comment: what moved, what blocks.
        author: Optional id of the owner who reported it.

    Examples:
        >>> CheckIn(key_result="kr-velocity", on="2026-01-09", value=28, confidence="green")
        CheckIn(key_result='kr-velocity', on=datetime.date(2026, 1, 9), value=28.0, confidence=<Confidence.VERY_HIGH: 5>, note='', author=None)
    """  # noqa: E501

    key_result: str = attrs.field(converter=to_key_result_id)
    # The next two converters are for the type checker only (see okrkit.model._convert).
    on: dt.date = attrs.field(converter=takes_date)
    value: float
    confidence: Confidence | None = attrs.field(default=None, converter=takes_confidence)
    note: str = ""
    author: str | None = attrs.field(default=None, converter=to_optional_owner_id)

    def __attrs_post_init__(self) -> None:
        # Check-ins come by the million: take a fast way out when every field is
        # already in its normal form and valid; anything else gets the full check.
        value = self.value
        author = self.author
        if (
            type(self.key_result) is str
            and is_valid_id(self.key_result)
            and type(self.on) is dt.date
            and type(value) is float
            and math.isfinite(value)
            and (self.confidence is None or type(self.confidence) is Confidence)
            and is_clean_text(self.note)
            and (author is None or (type(author) is str and is_valid_id(author)))
        ):
            return
        self._check()

    def _check(self) -> None:
        check = Checker(self)
        ident = check.identifier("key_result")
        check.entity_id = ident
        check.date("on")
        check.number("value")
        self._check_confidence(check)
        check.text("note", required=False)
        check.identifier("author", optional=True)
        check.done()

    def _check_confidence(self, check: Checker) -> None:
        value = self.confidence
        if value is None:
            return
        try:
            confidence = Confidence.parse(value)
        except ValidationError as error:  # placed on this check-in's field
            check.problem("confidence", "value.range", error.problems[0].text)
            return
        object.__setattr__(self, "confidence", confidence)
