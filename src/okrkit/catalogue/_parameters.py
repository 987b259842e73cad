"""Template parameters: the values a user fills in, their types, and how they are read.

Numbers typed by a person are read in the locale's own way (``1.500`` is fifteen
hundred in Vietnamese, ``3,5 tỷ`` three and a half billion); periods read English and
Vietnamese units; a date default may be relative to the cycle (``end``, ``month-2-end``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import numbers
import re
from collections.abc import Mapping
from typing import Any, ClassVar, cast

import attrs

from okrkit.catalogue._placeholders import PARAMETER_NAME
from okrkit.catalogue._sources import LANGUAGES, Localised
from okrkit.errors import Message, ParameterError, Shown, ValidationError, shorten
from okrkit.i18n import (
    N_,
    _,
    format_amount,
    format_date,
    format_duration,
    format_number,
    format_percent,
    gettext,
    parse_amount,
    parse_date,
    reads_day_first,
)
from okrkit.model import Cycle
from okrkit.model._checks import Checker
from okrkit.model._enums import LabelledEnum

__all__ = [
    "Parameter",
    "ParameterType",
    "Period",
    "describe_relative_date",
    "is_relative_date",
    "relative_date",
]


class ParameterType(LabelledEnum):
    """What kind of value a template parameter takes (after source 004's placeholders).

    :attr:`label` gives the type's name for a person, in the active locale.
    """

    PERCENT = "percent"
    COUNT = "count"
    MONEY = "money"
    DATE = "date"
    PERIOD = "period"
    TEXT = "text"

    __labels__: ClassVar = {
        PERCENT: N_("percentage"),
        COUNT: N_("number"),
        MONEY: N_("amount of money"),
        DATE: N_("date"),
        PERIOD: N_("length of time"),
        TEXT: N_("text"),
    }

    @property
    def is_numeric(self) -> bool:
        """Whether values of this type are numbers that a metric can use."""
        return self in (ParameterType.PERCENT, ParameterType.COUNT, ParameterType.MONEY)

    @property
    def placeholder(self) -> str | None:
        """The blank a preview shows for a value of this type, in the active locale.

        Source 004's own words: "[số lượng]", "[phần trăm]", "[số tiền]", "[ngày]",
        "[thời gian]" (English "[number]", "[percent]", ...). A text has none: its
        preview shows the parameter's label, as source 004 writes "[tên dự án]".

        Examples:
            >>> from okrkit.i18n import use_locale
            >>> with use_locale("vi"):
            ...     ParameterType.COUNT.placeholder, ParameterType.TEXT.placeholder
            ('[số lượng]', None)
        """
        blank = _BLANKS.get(self)
        return None if blank is None else gettext(blank)


_BLANKS = {
    ParameterType.PERCENT: N_("[percent]"),
    ParameterType.COUNT: N_("[number]"),
    ParameterType.MONEY: N_("[amount]"),
    ParameterType.DATE: N_("[date]"),
    ParameterType.PERIOD: N_("[time frame]"),
}
"""The blank of each type of value in a preview (source 004's placeholders)."""

_PERIOD_UNITS = {
    "day": "day",
    "days": "day",
    "d": "day",
    "ngày": "day",
    "week": "week",
    "weeks": "week",
    "w": "week",
    "tuần": "week",
    "month": "month",
    "months": "month",
    "m": "month",
    "tháng": "month",
    "quarter": "quarter",
    "quarters": "quarter",
    "q": "quarter",
    "quý": "quarter",
    "year": "year",
    "years": "year",
    "y": "year",
    "năm": "year",
}
_PERIOD_TEXT = re.compile(r"^\s*(\d+)\s*([^\d\s]+)\s*$")


@attrs.frozen
class Period:
    """A length of time such as 3 months, for ``period`` parameters.

    Examples:
        >>> Period.parse("3 tháng"), Period.parse("2 weeks").render("vi")
        (Period(count=3, unit='month'), '2 tuần')
    """

    count: int
    unit: str

    @classmethod
    def parse(cls, value: object) -> Period:
        """Read ``"3 months"``, ``"6 tháng"``, ``"90 days"`` or a number of days.

        Raises:
            ParameterError: for anything else (a :class:`ValueError`), saying what
                would do.
        """
        if isinstance(value, Period):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return cls(value, "day")
        if isinstance(value, str):
            match = _PERIOD_TEXT.match(value.lower())
            if match and int(match.group(1)) > 0 and match.group(2) in _PERIOD_UNITS:
                return cls(int(match.group(1)), _PERIOD_UNITS[match.group(2)])
        raise ParameterError(
            _(
                "{value} is not a length of time; write a count and a unit such as "
                "'3 months' or '6 tháng'"
            ).format(value=shorten(value))
        )

    def render(self, locale: str | None = None) -> str:
        """The period for a person, in ``locale``."""
        return format_duration(self.count, self.unit, locale=locale)

    def __str__(self) -> str:
        return f"{self.count} {self.unit}{'s' if self.count != 1 else ''}"


_DATE_DEFAULT = re.compile(r"^(?:end|middle|month-(\d+)-(end|middle))$")


def is_relative_date(spec: object) -> bool:
    """Whether ``spec`` names a day of the cycle: ``end``, ``middle``, ``month-N-end``...

    Examples:
        >>> is_relative_date("month-2-end"), is_relative_date("2026-03-31")
        (True, False)
    """
    return isinstance(spec, str) and _DATE_DEFAULT.match(spec) is not None


def relative_date(spec: str, cycle: Cycle) -> dt.date | None:
    """Resolve ``end``, ``middle``, ``month-N-end`` or ``month-N-middle`` in ``cycle``."""
    match = _DATE_DEFAULT.match(spec)
    if match is None:
        return None
    if spec == "end":
        return cycle.end
    if spec == "middle":
        return cycle.start + dt.timedelta(days=(cycle.end - cycle.start).days // 2)
    month_index = int(match.group(1)) - 1
    year = cycle.start.year + (cycle.start.month - 1 + month_index) // 12
    month = (cycle.start.month - 1 + month_index) % 12 + 1
    day = calendar.monthrange(year, month)[1] if match.group(2) == "end" else 15
    return dt.date(year, month, day)


def describe_relative_date(spec: str) -> str:
    """Say in words which day of the cycle a relative date default means."""
    match = _DATE_DEFAULT.match(spec)
    if match is None:
        return spec
    if spec == "end":
        return _("the last day of the cycle")
    if spec == "middle":
        return _("the middle of the cycle")
    if match.group(2) == "end":
        return _("the end of month {n} of the cycle").format(n=match.group(1))
    return _("the 15th of month {n} of the cycle").format(n=match.group(1))


# -- parameters ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Parameter:
    """A value a user fills into a template.

    Attributes:
        name: The placeholder's name: ``{name}`` in texts and metrics.
        type: What kind of value it takes (:class:`ParameterType`).
        label: What the value is, in both languages.
        default: The value used when none is given (``None``: the user must give one).
            Text and period defaults may differ by language (``{vi: ..., en: ...}``);
            a date default may be ``end``, ``middle``, ``month-N-end`` or
            ``month-N-middle`` of the cycle.
        min: The smallest allowed value of a number.
        max: The largest allowed value of a number (``percent`` is 0-100 unless set).
        above: The name of a numeric parameter this one must be above.
        below: The name of a numeric parameter this one must be below.
        currency: The ISO 4217 currency of a ``money`` parameter (``VND`` by default).
    """

    name: str
    type: ParameterType
    label: Localised
    default: Any = None
    min: float | None = None
    max: float | None = None
    above: str | None = None
    below: str | None = None
    currency: str = "VND"

    def __attrs_post_init__(self) -> None:
        check = Checker(self, entity_id=self.name)
        default = self.default
        if isinstance(default, Mapping) and set(default) == set(LANGUAGES):
            try:
                object.__setattr__(self, "default", Localised(**default))
            except ValidationError as exc:
                check.extend("default", exc)
        name = self.name
        if not isinstance(name, str) or not PARAMETER_NAME.match(name):
            message = N_(
                "'name' must be lowercase letters, digits and '_', starting with a letter "
                "(got {value})"
            )
            check.problem("name", "field.format", Message(message, value=Shown(name)))
        kind = check.choice("type", ParameterType)
        if not isinstance(self.label, Localised):
            check.problem(
                "label", "key.missing", Message(N_("'label' must give both 'vi' and 'en' texts"))
            )
        low = check.number("min", optional=True)
        high = check.number("max", optional=True)
        if low is not None and high is not None and low > high:
            message = N_("'max' must not be below 'min' (got min={low:g}, max={high:g})")
            check.problem("max", "value.order", Message(message, low=low, high=high))
        if kind is not None and not kind.is_numeric:
            for field in ("min", "max", "above", "below"):
                if getattr(self, field) is not None:
                    check.problem(
                        field,
                        "value.invalid",
                        Message(
                            N_("'{field}' only applies to numeric parameters (got type {type!r})"),
                            field=field,
                            type=Shown(kind.value),
                        ),
                    )
        check.identifier("above", optional=True)
        check.identifier("below", optional=True)
        currency = self.currency
        if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency.upper()):
            message = N_("'currency' must be an ISO 4217 code such as 'VND' (got {value})")
            check.problem("currency", "field.format", Message(message, value=Shown(currency)))
        else:
            object.__setattr__(self, "currency", currency.upper())
        check.done()

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """The allowed range of a number, with the 0-100 default of percentages."""
        if self.type is ParameterType.PERCENT:
            return (
                0.0 if self.min is None else self.min,
                100.0 if self.max is None else self.max,
            )
        return (self.min, self.max)

    def default_for(self, locale: str, cycle: Cycle | None = None) -> Any:
        """The default in ``locale``: the language's text, or a date in ``cycle``."""
        default = self.default
        if isinstance(default, Localised):
            default = default.get(locale)
        if self.type is ParameterType.DATE and is_relative_date(default):
            return None if cycle is None else relative_date(default, cycle)
        return default

    def describe_default(self, locale: str) -> str:
        """The default as a person reads it, or an empty string when there is none."""
        default = self.default_for(locale)
        if default is None and isinstance(self.default, str):
            return describe_relative_date(self.default)
        if default is None:
            return ""
        try:
            return self.render(self.coerce(default, locale), locale)
        except ParameterError:
            return str(default)

    def coerce(self, value: object, locale: str) -> Any:
        """Turn ``value`` into this parameter's type, or raise ``ParameterError`` saying why.

        Numbers may come as text, as the command line gives them, read by
        :func:`okrkit.i18n.parse_amount` in ``locale``: ``"35"``, ``"1.500.000"`` or
        ``"3,5 tỷ"`` in Vietnamese, ``"$1.2M"`` for an amount in US dollars.
        """
        kind = self.type
        if kind.is_numeric:
            number = _number(value, locale, self.currency if kind is ParameterType.MONEY else None)
            low, high = self.bounds
            if low is not None and number < low:
                raise ParameterError(
                    _("must be at least {low}").format(low=self.render(low, locale))
                )
            if high is not None and number > high:
                raise ParameterError(
                    _("must be at most {high}").format(high=self.render(high, locale))
                )
            return number
        if kind is ParameterType.DATE:
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            try:
                return parse_date(str(value), locale=locale)
            except ParameterError:
                if reads_day_first(locale):
                    raise ParameterError(
                        _("must be a date written as day/month/year (31/3/2026) or YYYY-MM-DD")
                    ) from None
                raise ParameterError(_("must be a date written as YYYY-MM-DD")) from None
        if kind is ParameterType.PERIOD:
            try:
                return Period.parse(value)
            except ParameterError:
                raise ParameterError(
                    _("must be a length of time such as '3 months' or '6 tháng'")
                ) from None
        if not isinstance(value, str) or not value.strip():
            raise ParameterError(_("must be non-empty text"))
        return value.strip()

    def render(self, value: Any, locale: str) -> str:
        """Show ``value`` as a person reads it, in ``locale``."""
        kind = self.type
        if kind is ParameterType.PERCENT:
            return format_percent(float(value) / 100, locale=locale, decimals=2)
        if kind is ParameterType.MONEY:  # in words when exact: "5 tỷ đồng", "$1.2M"
            return format_amount(float(value), self.currency, locale=locale)
        if kind is ParameterType.COUNT:
            return format_amount(float(value), locale=locale)
        if kind is ParameterType.DATE:
            return format_date(value, locale=locale)
        if kind is ParameterType.PERIOD:
            return cast(Period, value).render(locale)
        return str(value)


def _number(value: object, locale: str, currency: str | None) -> float:
    if isinstance(value, bool):
        raise ParameterError(_("must be a number"))
    if isinstance(value, numbers.Real):
        try:
            number = float(value)
        except OverflowError:  # an int past a float's range
            number = math.inf
    elif isinstance(value, str):
        number = _parse_number(value, locale, currency)
    else:
        raise ParameterError(_("must be a number"))
    if not math.isfinite(number):
        raise ParameterError(_("must be a finite number"))
    return number


def _parse_number(text: str, locale: str, currency: str | None) -> float:
    """Read a number typed by a person, in figures or words (see :func:`parse_amount`).

    ``1.500`` is fifteen hundred in Vietnamese and ``3,5 tỷ`` three and a half billion;
    an amount of money may name its own currency (``1.200.000 ₫``), a percentage its sign.
    """
    try:
        return float(parse_amount(text.strip().removesuffix("%"), currency, locale=locale))
    except ParameterError:
        if currency is None:
            message = _("must be a number such as {first} or {second}").format(
                first=format_number(1500, locale=locale),
                second=format_number(12.5, locale=locale),
            )
        else:
            message = _("must be an amount of money such as {first}, {second} or {third}").format(
                first=format_amount(3_500_000_000, currency, locale=locale),
                second=format_amount(500_000_000, currency, locale=locale),
                third=format_amount(1_200_000, currency, compact=False, locale=locale),
            )
        raise ParameterError(message) from None
