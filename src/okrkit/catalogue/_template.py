"""The template model: a bilingual, parameterised objective and its key results.

A :class:`Template` checks itself on construction (every placeholder names a
parameter, every parameter is used, every default fits its type). Filling it in is
done by :mod:`okrkit.catalogue._instantiate`, reached through
:meth:`Template.resolve` and :meth:`Template.instantiate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from okrkit.catalogue import _instantiate
from okrkit.catalogue._parameters import Parameter, ParameterType, is_relative_date
from okrkit.catalogue._placeholders import placeholders, reference, substitute
from okrkit.catalogue._sources import DOMAINS, LANGUAGES, Localised, Source
from okrkit.catalogue._terms import DOMAIN_TERMS, TAG_TERMS
from okrkit.errors import Message, ParameterError, Shown, UnknownIdError
from okrkit.i18n import N_, _, get_locale, gettext, use_locale
from okrkit.model import Ambition, Cycle, Level, MetricKind, Objective, Owner, Unit
from okrkit.model._checks import Checker, as_tuple

__all__ = ["KeyResultTemplate", "MetricTemplate", "Template"]

_TEMPLATE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
_TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")


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
            if value is None or reference(value) is not None:
                continue
            check.number(field)
        check.done()

    def references(self) -> Iterator[tuple[str, str]]:
        """Each ``(field, parameter name)`` the metric refers to."""
        for field in ("start", "target", "stretch"):
            name = reference(getattr(self, field))
            if name is not None:
                yield field, name


@attrs.frozen(kw_only=True)
class KeyResultTemplate:
    """A key result of a template.

    Attributes:
        title: The title, in both languages, with ``{name}`` placeholders.
        metric: The metric, whose numbers may be parameters.
        due: ``"{name}"`` of a date parameter, or ``None``.
        weight: The weight within the objective.
    """

    title: Localised
    metric: MetricTemplate
    due: str | None = None
    weight: float = 1.0

    def __attrs_post_init__(self) -> None:
        check = Checker(self)
        if self.due is not None and reference(self.due) is None:
            check.problem(
                "due",
                "template.text",
                Message(
                    N_("'due' must name a date parameter as '{{name}}' (got {value})"),
                    value=Shown(self.due),
                ),
            )
        check.weight("weight")
        check.done()


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
    objective: Localised
    key_results: tuple[KeyResultTemplate, ...]
    ambition: Ambition = Ambition.COMMITTED
    tags: tuple[str, ...] = ()
    note: Localised | None = None
    parameters: tuple[Parameter, ...] = ()
    file: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        check = Checker(self, entity_id=self.id if isinstance(self.id, str) else None)
        if not isinstance(self.id, str) or not _TEMPLATE_ID.match(self.id):
            check.problem(
                "id",
                "id.invalid",
                Message(
                    N_("'id' must be lowercase ASCII letters, digits and '-' (got {value})"),
                    value=Shown(self.id),
                ),
            )
        if not isinstance(self.domain, str) or self.domain not in DOMAINS:
            check.problem(
                "domain",
                "field.choice",
                Message(
                    N_("unknown domain {domain!r}; use one of {known}"),
                    domain=Shown(self.domain),
                    known=", ".join(DOMAINS),
                ),
            )
        check.choice("level", Level)
        check.choice("ambition", Ambition)
        tags = as_tuple(self.tags)
        for index, tag in enumerate(tags):
            if not isinstance(tag, str) or not _TAG.match(tag):
                check.problem(
                    f"tags[{index}]",
                    "field.format",
                    Message(
                        N_("a tag is lowercase ASCII words joined by '-' (got {value})"),
                        value=Shown(tag),
                    ),
                )
        object.__setattr__(self, "tags", tags)
        object.__setattr__(self, "parameters", as_tuple(self.parameters))
        object.__setattr__(self, "key_results", as_tuple(self.key_results))
        if not self.key_results:
            check.problem(
                "key_results",
                "key.missing",
                Message(N_("a template needs at least one key result")),
            )
        self._check_parameters(check)
        check.done()

    def __repr__(self) -> str:
        return f"<Template {self.id!r}: {self.objective.en}>"

    # -- validation ------------------------------------------------------------------------

    def _texts(self) -> Iterator[tuple[str, str]]:
        """Every text with placeholders, with its path."""
        for language, text in zip(LANGUAGES, self.objective.texts(), strict=True):
            yield f"objective.{language}", text
        for index, kr in enumerate(self.key_results):
            for language, text in zip(LANGUAGES, kr.title.texts(), strict=True):
                yield f"key_results[{index}].title.{language}", text
        if self.note is not None:
            for language, text in zip(LANGUAGES, self.note.texts(), strict=True):
                yield f"note.{language}", text

    def _check_parameters(self, check: Checker) -> None:
        params: dict[str, Parameter] = {}
        for index, param in enumerate(self.parameters):
            if param.name in params:
                check.problem(
                    f"parameters[{index}].name",
                    "id.duplicate",
                    Message(N_("parameter {name!r} is defined twice"), name=Shown(param.name)),
                )
            params[param.name] = param
        used: set[str] = set()
        for path, name, wanted in self._uses(check):
            used.add(name)
            problem = _use_problem(params.get(name), name, wanted)
            if problem is not None:
                check.problem(path, "template.text", problem)
        for index, param in enumerate(self.parameters):
            if param.name not in used:
                check.problem(
                    f"parameters[{index}]",
                    "template.text",
                    Message(
                        N_("parameter {name!r} is never used; use it or remove it"),
                        name=Shown(param.name),
                    ),
                )
            for field in ("above", "below"):
                other = getattr(param, field)
                if other is not None and (
                    other not in params or not params[other].type.is_numeric
                ):
                    check.problem(
                        f"parameters[{index}].{field}",
                        "template.parameter",
                        Message(
                            N_("{field} {other!r} must name another numeric parameter"),
                            field=field,
                            other=Shown(other),
                        ),
                    )
            self._check_default(check, index, param)

    def _uses(self, check: Checker) -> Iterator[tuple[str, str, str]]:
        """Each ``(path, parameter name, what it must be)`` used; bad braces are reported."""
        for path, text in self._texts():
            names, problems = placeholders(text)
            for problem in problems:
                check.problem(path, "template.text", problem)
            for name in names:
                yield path, name, "any"
        for index, kr in enumerate(self.key_results):
            for field, name in kr.metric.references():
                yield f"key_results[{index}].metric.{field}", name, "number"
            due = reference(kr.due)
            if due is not None:
                yield f"key_results[{index}].due", due, "date"

    def _check_default(self, check: Checker, index: int, param: Parameter) -> None:
        default = param.default
        if default is None:
            return
        samples = default.texts() if isinstance(default, Localised) else (default,)
        for sample in samples:
            if param.type is ParameterType.DATE and is_relative_date(sample):
                continue
            try:
                param.coerce(sample, "en")
            except ParameterError as exc:
                check.problem(
                    f"parameters[{index}].default",
                    "template.parameter",
                    Message(N_("the default {value} {reason}"), value=Shown(sample), reason=exc),
                )

    # -- use -------------------------------------------------------------------------------

    def parameter(self, name: str) -> Parameter:
        """Return the parameter called ``name``.

        Raises:
            UnknownIdError: when the template has no such parameter (a
                :class:`KeyError`), with the closest names it has.

        Examples:
            >>> from okrkit import catalogue
            >>> template = catalogue.load().get("okr-marketing-mql")
            >>> template.parameter("ads").type.value
            'count'
            >>> template.parameter("add")
            Traceback (most recent call last):
            ...
            okrkit.errors.UnknownIdError: no parameter with id 'add'; did you mean 'ads'?
        """
        for param in self.parameters:
            if param.name == name:
                return param
        raise UnknownIdError.among(name, _("parameter"), [p.name for p in self.parameters])

    def texts(self) -> Iterator[str]:
        """Every text of the template in both languages (titles, labels, note)."""
        for _path, text in self._texts():
            yield text
        for param in self.parameters:
            yield from param.label.texts()

    def domain_name(self, locale: str | None = None) -> str:
        """The name of the template's domain in ``locale`` (the active one by default).

        Examples:
            >>> from okrkit import catalogue
            >>> catalogue.load().get("okr-sales-nurture").domain_name("vi")
            'kinh doanh'
        """
        return DOMAIN_TERMS.term(self.domain).get(locale)

    def tag_names(self, locale: str | None = None) -> tuple[str, ...]:
        """The names of the template's tags in ``locale``; a tag without names reads as itself.

        Examples:
            >>> from okrkit import catalogue
            >>> catalogue.load().get("okr-marketing-mql").tag_names("vi")[:2]
            ('tiếp thị', 'tìm kiếm khách hàng tiềm năng')
        """
        return tuple(TAG_TERMS.term(tag).get(locale) for tag in self.tags)

    def title(self, locale: str | None = None) -> str:
        """The objective's title in ``locale``, each placeholder filled with its default.

        A placeholder without a usable default shows its blank, as :meth:`render` does.
        """
        locale = locale or get_locale()
        with use_locale(locale):
            blanks = self._blanks(locale)
            shown = {}
            for param in self.parameters:
                default = param.default_for(locale)
                try:
                    value = param.coerce(default, locale) if default is not None else None
                except ParameterError:
                    value = None
                shown[param.name] = (
                    blanks[param.name] if value is None else param.render(value, locale)
                )
            return substitute(self.objective.get(locale), shown)

    def _blanks(self, locale: str) -> dict[str, str]:
        """Each parameter's blank in a preview: its type's word, or a text's label."""
        return {
            param.name: param.type.placeholder or f"[{param.label.get(locale)}]"
            for param in self.parameters
        }

    def render(self, locale: str | None = None) -> str:
        """Preview the template in ``locale``, each placeholder a blank to fill.

        A blank is source 004's word for the type of value ("[số lượng]", see
        :attr:`ParameterType.placeholder`); a text shows its label ("[tên sản phẩm]").

        Examples:
            >>> from okrkit import catalogue
            >>> template = catalogue.load().get("okr-marketing-mql")
            >>> print(template.render("en").splitlines()[1])
              - Grow email-sourced marketing qualified leads (MQL) from [number] to [number]
        """
        locale = locale or get_locale()
        with use_locale(locale):
            labels = self._blanks(locale)
            lines = [substitute(self.objective.get(locale), labels)]
            lines.extend(
                f"  - {substitute(kr.title.get(locale), labels)}" for kr in self.key_results
            )
            if self.note is not None:
                lines.append(
                    gettext("Note: {note}").format(note=substitute(self.note.get(locale), labels))
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
            UsageError: when ``params`` is not a mapping (a :class:`TypeError`).
        """
        return _instantiate.resolve(self, params, locale=locale, cycle=cycle)

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

        The objective's tags are the template's tags by their names in ``locale``
        ("giữ chân khách hàng", "retention"), as a person re-reading the file
        expects them.

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
            TemplateError: listing every problem with the parameters, the owner, the
                cycle, the id and the level, or with the objects they would make (a
                target not above its start, ...). A problem with a value you gave
                names the template id and the parameter or argument, never a file;
                only the template's own defaults that do not fit name its file.
            UsageError: when ``params`` is not a mapping (a :class:`TypeError`).
        """
        return _instantiate.instantiate(
            self, params, owner=owner, cycle=cycle, locale=locale, id=id, level=level
        )


def _use_problem(param: Parameter | None, name: str, wanted: str) -> str | None:
    """What is wrong with using ``param`` where ``wanted`` is needed, if anything."""
    if param is None:
        return _("{{{name}}} names no parameter; define it under 'parameters'").format(name=name)
    if wanted == "number" and not param.type.is_numeric:
        return _(
            "a metric number needs a percent, count or money parameter; {name!r} is {type}"
        ).format(name=Shown(name), type=param.type.value)
    if wanted == "date" and param.type is not ParameterType.DATE:
        return _("'due' needs a date parameter; {name!r} is {type}").format(
            name=Shown(name), type=param.type.value
        )
    return None
