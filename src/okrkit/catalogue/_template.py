"""Templates: bilingual, parameterised objectives that become ready domain objects."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import enum
import math
import numbers
import re
from collections.abc import Iterator, Mapping
from typing import Any, cast

import attrs

from okrkit.errors import Problem, TemplateError, ValidationError
from okrkit.i18n import (
    N_,
    _,
    format_currency,
    format_date,
    format_duration,
    format_number,
    format_percent,
    get_locale,
    gettext,
    use_locale,
)
from okrkit.model import (
    Ambition,
    Cycle,
    KeyResult,
    Level,
    Metric,
    MetricKind,
    Objective,
    Owner,
    Unit,
)
from okrkit.model._checks import Checker, as_tuple

__all__ = [
    "DOMAINS",
    "SOURCE_SECTIONS",
    "KeyResultTemplate",
    "Localized",
    "MetricTemplate",
    "Parameter",
    "ParameterType",
    "Period",
    "Source",
    "Template",
]

DOMAINS: dict[str, str] = {
    "product": N_("product management and development"),
    "engineering": N_("engineering"),
    "design": N_("design"),
    "marketing": N_("marketing"),
    "sales": N_("sales"),
    "customer-service": N_("customer care, service and success"),
    "finance": N_("accounting and finance"),
    "hr": N_("human resources"),
    "education": N_("education and training"),
    "leadership": N_("leaders, directors and managers"),
    "company": N_("enterprises and SMEs"),
    "personal": N_("individuals and employees"),
}
"""The domains a template belongs to, with their descriptions (translate with gettext)."""


def _numbered(*sections: int) -> tuple[str, ...]:
    return tuple(f"{section}.{item}" for section in sections for item in range(1, 6))


SOURCE_SECTIONS: dict[str, tuple[str, ...]] = {
    "000": ("5.1", "5.2", "5.3", "5.4", "5.5", "5.6"),
    "001": (
        "ceo",
        "production-director",
        "product-director",
        "product-design",
        "sales-director",
        "customer-care-specialist",
        "customer-service-director",
        "account-manager",
    ),
    "002": ("marketing", "sales"),
    "003": ("product", "engineering", "marketing", "sales", "customer-success"),
    "004": ("2.1", "2.2", *_numbered(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)),
}
"""The sections of the five source documents that give example OKRs."""

_CUSTOM_DOCUMENT = "custom"
_TEMPLATE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARAM_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_REFERENCE = re.compile(r"^\{([a-z][a-z0-9_]*)\}$")
_LANGUAGES = ("vi", "en")


# -- small value types ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Localized:
    """A text in Vietnamese and English.

    ``text["vi"]`` or ``text.get(locale)`` picks one; any locale that is not
    Vietnamese reads the English.

    Examples:
        >>> text = Localized(vi="Tăng doanh thu", en="Grow revenue")
        >>> text["vi_VN"], text.get("fr")
        ('Tăng doanh thu', 'Grow revenue')
    """

    vi: str
    en: str

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        check.text("vi")
        check.text("en")
        check.done()

    def get(self, locale: str | None = None) -> str:
        """The text in ``locale`` (the active locale by default)."""
        language = (locale or get_locale()).replace("-", "_").split("_")[0].lower()
        return self.vi if language == "vi" else self.en

    def __getitem__(self, locale: str) -> str:
        return self.get(locale)

    def texts(self) -> tuple[str, str]:
        """Both texts, Vietnamese first."""
        return (self.vi, self.en)


@attrs.frozen(kw_only=True)
class Source:
    """Where a template comes from: a source document and its section.

    Attributes:
        document: ``"000"`` to ``"004"`` for the built-in sources, or ``"custom"``.
        section: The section key (see :data:`SOURCE_SECTIONS`); free for custom.
    """

    document: str
    section: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        document = check.text("document")
        section = check.text("section", required=document != _CUSTOM_DOCUMENT)
        if document is not None and document != _CUSTOM_DOCUMENT:
            if document not in SOURCE_SECTIONS:
                check.problem(
                    "document",
                    _("unknown source document {document!r}; use one of {known}").format(
                        document=document,
                        known=", ".join([*SOURCE_SECTIONS, _CUSTOM_DOCUMENT]),
                    ),
                )
            elif section is not None and section not in SOURCE_SECTIONS[document]:
                check.problem(
                    "section",
                    _(
                        "unknown section {section!r} of document {document}; use one of {known}"
                    ).format(
                        section=section,
                        document=document,
                        known=", ".join(SOURCE_SECTIONS[document]),
                    ),
                )
        check.done()


class ParameterType(enum.StrEnum):
    """What kind of value a template parameter takes (after source 004's placeholders)."""

    PERCENT = "percent"
    COUNT = "count"
    MONEY = "money"
    DATE = "date"
    PERIOD = "period"
    TEXT = "text"

    @property
    def is_numeric(self) -> bool:
        """Whether values of this type are numbers that a metric can use."""
        return self in (ParameterType.PERCENT, ParameterType.COUNT, ParameterType.MONEY)

    @property
    def label(self) -> str:
        """The type's name for a person, in the active locale."""
        return gettext(_TYPE_LABELS[self.value])


_TYPE_LABELS = {
    "percent": N_("percentage"),
    "count": N_("number"),
    "money": N_("amount of money"),
    "date": N_("date"),
    "period": N_("length of time"),
    "text": N_("text"),
}


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
            ValueError: for anything else.
        """
        if isinstance(value, Period):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return cls(value, "day")
        if isinstance(value, str):
            match = _PERIOD_TEXT.match(value.lower())
            if match and int(match.group(1)) > 0 and match.group(2) in _PERIOD_UNITS:
                return cls(int(match.group(1)), _PERIOD_UNITS[match.group(2)])
        raise ValueError(value)

    def render(self, locale: str | None = None) -> str:
        """The period for a person, in ``locale``."""
        return format_duration(self.count, self.unit, locale=locale)

    def __str__(self) -> str:
        return f"{self.count} {self.unit}{'s' if self.count != 1 else ''}"


_DATE_DEFAULT = re.compile(r"^(?:end|middle|month-(\d+)-(end|middle))$")


def _relative_date(spec: str, cycle: Cycle) -> dt.date | None:
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


def _describe_relative_date(spec: str) -> str:
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
    label: Localized
    default: Any = None
    min: float | None = None
    max: float | None = None
    above: str | None = None
    below: str | None = None
    currency: str = "VND"

    def __attrs_post_init__(self) -> None:
        check = Checker(self, entity_id=self.name)
        default = self.default
        if isinstance(default, Mapping) and set(default) == set(_LANGUAGES):
            try:
                object.__setattr__(self, "default", Localized(**default))
            except ValidationError as exc:
                check.extend("default", exc)
        name = self.name
        if not isinstance(name, str) or not _PARAM_NAME.match(name):
            check.problem(
                "name",
                _(
                    "'name' must be lowercase letters, digits and '_', starting with a "
                    "letter (got {value!r})"
                ).format(value=name),
            )
        kind = check.choice("type", ParameterType)
        if not isinstance(self.label, Localized):
            check.problem("label", _("'label' must give both 'vi' and 'en' texts"))
        low = check.number("min", optional=True)
        high = check.number("max", optional=True)
        if low is not None and high is not None and low > high:
            check.problem(
                "max",
                _("'max' must not be below 'min' (got min={low:g}, max={high:g})").format(
                    low=low, high=high
                ),
            )
        if kind is not None and not kind.is_numeric:
            for field in ("min", "max", "above", "below"):
                if getattr(self, field) is not None:
                    check.problem(
                        field,
                        _(
                            "'{field}' only applies to numeric parameters (got type {type!r})"
                        ).format(field=field, type=kind.value),
                    )
        check.identifier("above", optional=True)
        check.identifier("below", optional=True)
        currency = self.currency
        if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency.upper()):
            check.problem(
                "currency",
                _("'currency' must be an ISO 4217 code such as 'VND' (got {value!r})").format(
                    value=currency
                ),
            )
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
        if isinstance(default, Localized):
            default = default.get(locale)
        if (
            self.type is ParameterType.DATE
            and isinstance(default, str)
            and _DATE_DEFAULT.match(default)
        ):
            return None if cycle is None else _relative_date(default, cycle)
        return default

    def describe_default(self, locale: str) -> str:
        """The default as a person reads it, or an empty string when there is none."""
        default = self.default_for(locale)
        if default is None and isinstance(self.default, str):
            return _describe_relative_date(self.default)
        if default is None:
            return ""
        try:
            return self.render(self.coerce(default, locale), locale)
        except ValueError:
            return str(default)

    def coerce(self, value: object, locale: str) -> Any:
        """Turn ``value`` into this parameter's type, or raise ``ValueError`` saying why.

        Numbers may come as text (``"35"``, ``"1.500.000"`` in a Vietnamese locale),
        as the command line gives them.
        """
        kind = self.type
        if kind.is_numeric:
            number = _number(value, locale)
            low, high = self.bounds
            if low is not None and number < low:
                raise ValueError(
                    _("must be at least {low} (got {value})").format(
                        low=format_number(low, locale=locale),
                        value=format_number(number, locale=locale),
                    )
                )
            if high is not None and number > high:
                raise ValueError(
                    _("must be at most {high} (got {value})").format(
                        high=format_number(high, locale=locale),
                        value=format_number(number, locale=locale),
                    )
                )
            return number
        if kind is ParameterType.DATE:
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            try:
                return dt.date.fromisoformat(str(value).strip())
            except ValueError:
                raise ValueError(_("must be a date written as YYYY-MM-DD")) from None
        if kind is ParameterType.PERIOD:
            try:
                return Period.parse(value)
            except ValueError:
                raise ValueError(
                    _("must be a length of time such as '3 months' or '6 tháng'")
                ) from None
        if not isinstance(value, str) or not value.strip():
            raise ValueError(_("must be non-empty text"))
        return value.strip()

    def render(self, value: Any, locale: str) -> str:
        """Show ``value`` as a person reads it, in ``locale``."""
        kind = self.type
        if kind is ParameterType.PERCENT:
            return format_percent(float(value) / 100, locale=locale, decimals=2)
        if kind is ParameterType.MONEY:
            return format_currency(float(value), self.currency, locale=locale)
        if kind is ParameterType.COUNT:
            return format_number(float(value), locale=locale)
        if kind is ParameterType.DATE:
            return format_date(value, locale=locale)
        if kind is ParameterType.PERIOD:
            return cast(Period, value).render(locale)
        return str(value)


def _number(value: object, locale: str) -> float:
    if isinstance(value, bool):
        raise ValueError(_("must be a number"))
    if isinstance(value, numbers.Real):
        number = float(value)
    elif isinstance(value, str):
        number = _parse_number(value, locale)
    else:
        raise ValueError(_("must be a number"))
    if not math.isfinite(number):
        raise ValueError(_("must be a finite number"))
    return number


def _parse_number(text: str, locale: str) -> float:
    """Read a number typed by a person: ``1.500`` is fifteen hundred in Vietnamese.

    The locale's own grouping and decimal signs win when the text uses them
    correctly; otherwise the text is read the programmer's way (``12.5``).
    """
    from babel.numbers import NumberFormatError, parse_decimal

    cleaned = text.strip().replace("_", "").rstrip("%").strip()
    try:
        return float(parse_decimal(cleaned, locale=locale, strict=True))
    except (NumberFormatError, ValueError):
        pass
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError(_("must be a number (got {value!r})").format(value=text)) from None


# -- metrics and key results ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class MetricTemplate:
    """A metric whose numbers may be parameters: ``target: "{signups}"``.

    Attributes:
        kind: The metric kind.
        unit: The unit; ``currency`` takes the currency of the money parameter it uses.
        start: A number, a ``"{name}"`` of a numeric parameter, or ``None``.
        target: Likewise.
        stretch: Likewise.
        currency: An explicit currency for a literal money amount.
        scale: ``(low, high)`` of a score.
    """

    kind: MetricKind
    unit: Unit = Unit.COUNT
    start: float | str | None = None
    target: float | str | None = None
    stretch: float | str | None = None
    currency: str | None = None
    scale: tuple[float, float] | None = None

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        check.choice("kind", MetricKind)
        check.choice("unit", Unit)
        for field in ("start", "target", "stretch"):
            value = getattr(self, field)
            if value is None or (isinstance(value, str) and _REFERENCE.match(value)):
                continue
            check.number(field)
        check.done()

    def references(self) -> Iterator[tuple[str, str]]:
        """Each ``(field, parameter name)`` the metric refers to."""
        for field in ("start", "target", "stretch"):
            value = getattr(self, field)
            if isinstance(value, str):
                match = _REFERENCE.match(value)
                if match:
                    yield field, match.group(1)


@attrs.frozen(kw_only=True)
class KeyResultTemplate:
    """A key result of a template.

    Attributes:
        title: The title, in both languages, with ``{name}`` placeholders.
        metric: The metric, whose numbers may be parameters.
        due: ``"{name}"`` of a date parameter, or ``None``.
        weight: The weight within the objective.
    """

    title: Localized
    metric: MetricTemplate
    due: str | None = None
    weight: float = 1.0

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        if self.due is not None and not (isinstance(self.due, str) and _REFERENCE.match(self.due)):
            check.problem(
                "due",
                _("'due' must name a date parameter as '{{name}}' (got {value!r})").format(
                    value=self.due
                ),
            )
        check.positive("weight")
        check.done()


def _placeholders(text: str) -> tuple[list[str], list[str]]:
    """The names used in ``text``, and the problems with its braces."""
    names: list[str] = []
    problems: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            problems.append(
                _("a lone {brace!r}: write '{{{{' or '}}}}' for a literal brace").format(
                    brace=token
                )
            )
        elif not _PARAM_NAME.match(name):
            problems.append(
                _(
                    "{placeholder!r} is not a placeholder: only '{{name}}' is allowed, "
                    "with no attributes, indexes or formats"
                ).format(placeholder=token)
            )
        else:
            names.append(name)
    return names, problems


def _substitute(text: str, values: Mapping[str, str]) -> str:
    """Replace each ``{name}`` with its value; ``{{`` and ``}}`` become braces."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        return values[match.group(1)]

    return _PLACEHOLDER.sub(replace, text)


# -- the template --------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Template:
    """A bilingual, parameterised objective with its key results.

    Attributes:
        id: Unique id in the catalogue.
        domain: One of :data:`DOMAINS`.
        source: The source document and section it is drawn from.
        level: The level of the objective it makes.
        ambition: Committed or aspirational.
        tags: Roles, departments, company sizes and themes, for searching.
        objective: The objective's title in both languages.
        note: Advice from the source, in both languages, or ``None``.
        parameters: The values a user fills in.
        key_results: The key results.
        file: The file the template was read from, when it was.
    """

    id: str
    domain: str
    source: Source
    level: Level
    objective: Localized
    key_results: tuple[KeyResultTemplate, ...]
    ambition: Ambition = Ambition.COMMITTED
    tags: tuple[str, ...] = ()
    note: Localized | None = None
    parameters: tuple[Parameter, ...] = ()
    file: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        check = Checker(self, entity_id=self.id if isinstance(self.id, str) else None)
        if not isinstance(self.id, str) or not _TEMPLATE_ID.match(self.id):
            check.problem(
                "id",
                _("'id' must be lowercase ASCII letters, digits and '-' (got {value!r})").format(
                    value=self.id
                ),
            )
        if self.domain not in DOMAINS:
            check.problem(
                "domain",
                _("unknown domain {domain!r}; use one of {known}").format(
                    domain=self.domain, known=", ".join(DOMAINS)
                ),
            )
        check.choice("level", Level)
        check.choice("ambition", Ambition)
        tags = as_tuple(self.tags)
        for index, tag in enumerate(tags):
            if not isinstance(tag, str) or not _TAG.match(tag):
                check.problem(
                    f"tags[{index}]",
                    _("a tag is lowercase ASCII words joined by '-' (got {value!r})").format(
                        value=tag
                    ),
                )
        object.__setattr__(self, "tags", tags)
        object.__setattr__(self, "parameters", as_tuple(self.parameters))
        object.__setattr__(self, "key_results", as_tuple(self.key_results))
        if not self.key_results:
            check.problem("key_results", _("a template needs at least one key result"))
        self._check_parameters(check)
        check.done()

    def __repr__(self) -> str:
        return f"<Template {self.id!r}: {self.objective.en}>"

    # -- validation ------------------------------------------------------------------------

    def _texts(self) -> Iterator[tuple[str, str]]:
        """Every text with placeholders, with its path."""
        for language, text in zip(_LANGUAGES, self.objective.texts(), strict=True):
            yield f"objective.{language}", text
        for index, kr in enumerate(self.key_results):
            for language, text in zip(_LANGUAGES, kr.title.texts(), strict=True):
                yield f"key_results[{index}].title.{language}", text
        if self.note is not None:
            for language, text in zip(_LANGUAGES, self.note.texts(), strict=True):
                yield f"note.{language}", text

    def _check_parameters(self, check: Checker) -> None:
        params: dict[str, Parameter] = {}
        for index, param in enumerate(self.parameters):
            if param.name in params:
                check.problem(
                    f"parameters[{index}].name",
                    _("parameter {name!r} is defined twice").format(name=param.name),
                )
            params[param.name] = param
        used: set[str] = set()

        def need(path: str, name: str, numeric: bool = False, date: bool = False) -> None:
            used.add(name)
            param = params.get(name)
            if param is None:
                check.problem(
                    path,
                    _("{{{name}}} names no parameter; define it under 'parameters'").format(
                        name=name
                    ),
                )
            elif numeric and not param.type.is_numeric:
                check.problem(
                    path,
                    _(
                        "a metric number needs a percent, count or money parameter; "
                        "{name!r} is {type}"
                    ).format(name=name, type=param.type.value),
                )
            elif date and param.type is not ParameterType.DATE:
                check.problem(
                    path,
                    _("'due' needs a date parameter; {name!r} is {type}").format(
                        name=name, type=param.type.value
                    ),
                )

        for path, text in self._texts():
            names, problems = _placeholders(text)
            for problem in problems:
                check.problem(path, problem)
            for name in names:
                need(path, name)
        for index, kr in enumerate(self.key_results):
            for field, name in kr.metric.references():
                need(f"key_results[{index}].metric.{field}", name, numeric=True)
            if kr.due is not None and (match := _REFERENCE.match(kr.due)):
                need(f"key_results[{index}].due", match.group(1), date=True)
        for index, param in enumerate(self.parameters):
            if param.name not in used:
                check.problem(
                    f"parameters[{index}]",
                    _("parameter {name!r} is never used; use it or remove it").format(
                        name=param.name
                    ),
                )
            for field in ("above", "below"):
                other = getattr(param, field)
                if other is not None and (
                    other not in params or not params[other].type.is_numeric
                ):
                    check.problem(
                        f"parameters[{index}].{field}",
                        _("{field} {other!r} must name another numeric parameter").format(
                            field=field, other=other
                        ),
                    )
            self._check_default(check, index, param)

    def _check_default(self, check: Checker, index: int, param: Parameter) -> None:
        default = param.default
        if default is None:
            return
        samples = default.texts() if isinstance(default, Localized) else (default,)
        for sample in samples:
            if (
                param.type is ParameterType.DATE
                and isinstance(sample, str)
                and _DATE_DEFAULT.match(sample)
            ):
                continue
            try:
                param.coerce(sample, "en")
            except ValueError as exc:
                check.problem(
                    f"parameters[{index}].default",
                    _("the default {value!r} {reason}").format(value=sample, reason=exc),
                )

    # -- use -------------------------------------------------------------------------------

    def parameter(self, name: str) -> Parameter:
        """Return the parameter called ``name``.

        Raises:
            KeyError: when the template has no such parameter.
        """
        for param in self.parameters:
            if param.name == name:
                return param
        raise KeyError(name)

    def texts(self) -> Iterator[str]:
        """Every text of the template in both languages (titles, labels, note)."""
        for _path, text in self._texts():
            yield text
        for param in self.parameters:
            yield from param.label.texts()

    def title(self, locale: str | None = None) -> str:
        """The objective's title in ``locale``, each placeholder filled with its default.

        A placeholder without a usable default shows its label in brackets.
        """
        locale = locale or get_locale()
        with use_locale(locale):
            shown = {}
            for param in self.parameters:
                default = param.default_for(locale)
                try:
                    value = param.coerce(default, locale) if default is not None else None
                except ValueError:
                    value = None
                shown[param.name] = (
                    f"[{param.label.get(locale)}]"
                    if value is None
                    else param.render(value, locale)
                )
            return _substitute(self.objective.get(locale), shown)

    def render(self, locale: str | None = None) -> str:
        """Preview the template in ``locale``, placeholders shown as ``[label]``.

        Examples:
            >>> from okrkit import catalogue
            >>> print(catalogue.load().get("okr-marketing-mql").render("en").splitlines()[0])
            Fill the funnel with qualified leads from every channel
        """
        locale = locale or get_locale()
        labels = {param.name: f"[{param.label.get(locale)}]" for param in self.parameters}
        with use_locale(locale):
            lines = [_substitute(self.objective.get(locale), labels)]
            lines.extend(
                f"  - {_substitute(kr.title.get(locale), labels)}" for kr in self.key_results
            )
            if self.note is not None:
                lines.append(
                    gettext("Note: {note}").format(note=_substitute(self.note.get(locale), labels))
                )
        return "\n".join(lines)

    def resolve(
        self,
        params: Mapping[str, object] | None = None,
        *,
        locale: str | None = None,
        cycle: Cycle | None = None,
    ) -> dict[str, Any]:
        """Check ``params`` against the template and fill in the defaults.

        Returns:
            Every parameter's value, typed.

        Raises:
            TemplateError: listing every missing, unknown or ill-typed parameter and
                every broken ``above`` / ``below`` rule.
        """
        locale = locale or get_locale()
        given = dict(params or {})
        problems: list[Problem] = []
        values: dict[str, Any] = {}
        with use_locale(locale):
            known = {param.name for param in self.parameters}
            problems.extend(
                self._problem(
                    _("unknown parameter {name!r}; this template takes: {known}").format(
                        name=name, known=", ".join(sorted(known)) or _("none")
                    ),
                    name,
                )
                for name in sorted(set(given) - known)
            )
            for param in self.parameters:
                raw = given.get(param.name)
                if raw is None:
                    raw = param.default_for(locale, cycle)
                if raw is None:
                    if param.type is ParameterType.DATE and param.default is not None:
                        message = _(
                            "{name!r} defaults to a date in the cycle; pass the Cycle "
                            "itself (not its id) or give the date"
                        ).format(name=param.name)
                    else:
                        message = _("missing parameter {name!r} ({label})").format(
                            name=param.name, label=param.label.get(locale)
                        )
                    problems.append(self._problem(message, param.name))
                    continue
                try:
                    values[param.name] = param.coerce(raw, locale)
                except ValueError as exc:
                    problems.append(
                        self._problem(
                            _("parameter {name!r} {reason}").format(name=param.name, reason=exc),
                            param.name,
                        )
                    )
            problems.extend(self._relation_problems(values, locale))
        if problems:
            raise TemplateError(problems)
        return values

    def _problem(self, message: str, name: str) -> Problem:
        return Problem(
            message=message, entity_id=self.id, path=f"parameters.{name}", file=self.file
        )

    def _relation_problems(self, values: Mapping[str, Any], locale: str) -> Iterator[Problem]:
        for param in self.parameters:
            value = values.get(param.name)
            if value is None:
                continue
            for other, wanted in ((param.above, 1), (param.below, -1)):
                if other is None or values.get(other) is None:
                    continue
                if (value - values[other]) * wanted <= 0:
                    template = (
                        _("parameter {name!r} ({value}) must be above {other!r} ({limit})")
                        if wanted > 0
                        else _("parameter {name!r} ({value}) must be below {other!r} ({limit})")
                    )
                    yield self._problem(
                        template.format(
                            name=param.name,
                            value=param.render(value, locale),
                            other=other,
                            limit=self.parameter(other).render(values[other], locale),
                        ),
                        param.name,
                    )

    def instantiate(
        self,
        params: Mapping[str, object] | None = None,
        *,
        owner: str | Owner,
        cycle: str | Cycle,
        locale: str | None = None,
        id: str | None = None,  # noqa: A002 - the model's own word
        level: Level | str | None = None,
    ) -> Objective:
        """Make a ready objective with its key results from this template.

        Args:
            params: The parameter values by name; defaults fill the rest. Numbers may
                be given as text, as the command line does.
            owner: The owner (or its id) of the objective and its key results.
            cycle: The cycle, or its id. Pass the :class:`~okrkit.Cycle` itself when a
                date parameter relies on its default (``end``, ``month-2-end``, ...).
            locale: The language of the texts (the active locale by default).
            id: The objective's id (the template's id by default); key results get
                ``{id}-kr1``, ``{id}-kr2``, ...
            level: A level other than the template's.

        Returns:
            The objective, validated by the model.

        Raises:
            TemplateError: listing every problem with the parameters, or with the
                objects they would make (a target not above its start, ...).
        """
        locale = locale or get_locale()
        cycle_obj = cycle if isinstance(cycle, Cycle) else None
        values = self.resolve(params, locale=locale, cycle=cycle_obj)
        with use_locale(locale):
            shown = {
                param.name: param.render(values[param.name], locale) for param in self.parameters
            }
            objective_id = id or self.id
            try:
                key_results = [
                    self._key_result(
                        index,
                        kr,
                        values=values,
                        shown=shown,
                        locale=locale,
                        objective_id=objective_id,
                        owner=owner,
                    )
                    for index, kr in enumerate(self.key_results)
                ]
                return Objective(
                    id=objective_id,
                    title=_substitute(self.objective.get(locale), shown),
                    owner=owner,
                    cycle=cycle,
                    level=cast(Level, level) if level is not None else self.level,
                    ambition=self.ambition,
                    tags=self.tags,
                    key_results=key_results,
                )
            except ValidationError as exc:
                raise TemplateError(
                    [
                        dataclasses.replace(
                            problem,
                            entity_id=self.id,
                            message=_("with these parameters, {problem}").format(
                                problem=problem.message
                            ),
                            file=self.file,
                        )
                        for problem in exc.problems
                    ]
                ) from exc

    def _key_result(
        self,
        index: int,
        kr: KeyResultTemplate,
        *,
        values: Mapping[str, Any],
        shown: Mapping[str, str],
        locale: str,
        objective_id: str,
        owner: str | Owner,
    ) -> KeyResult:
        spec = kr.metric

        def number(value: float | str | None) -> float | None:
            if isinstance(value, str):
                match = _REFERENCE.match(value)
                if match:
                    return float(values[match.group(1)])
            return None if value is None else float(value)

        currency = spec.currency
        if spec.unit is Unit.CURRENCY and currency is None:
            money = [
                self.parameter(name).currency
                for _field, name in spec.references()
                if self.parameter(name).type is ParameterType.MONEY
            ]
            currency = money[0] if money else None
        try:
            metric = Metric(
                kind=spec.kind,
                start=number(spec.start),
                target=number(spec.target),
                stretch=number(spec.stretch),
                unit=spec.unit,
                currency=currency,
                scale=spec.scale,
            )
        except ValidationError as exc:
            raise ValidationError(
                [
                    attrs_problem.located(path_prefix=f"key_results[{index}].metric")
                    for attrs_problem in exc.problems
                ]
            ) from exc
        due = None
        if kr.due is not None and (match := _REFERENCE.match(kr.due)):
            due = values[match.group(1)]
        return KeyResult(
            id=f"{objective_id}-kr{index + 1}",
            title=_substitute(kr.title.get(locale), shown),
            metric=metric,
            owners=(owner,),
            weight=kr.weight,
            due=due,
        )
