"""Filling a template in: check the parameters, then make the objective and key results.

:func:`resolve` reads the values a user gives (defaults fill the rest) and collects
every problem with them; :func:`instantiate` turns the values into a validated
:class:`~okrkit.Objective`. :class:`~okrkit.catalogue.Template` offers both as methods.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from okrkit.catalogue._parameters import Parameter, ParameterType
from okrkit.catalogue._placeholders import reference, substitute
from okrkit.errors import ParameterError, Problem, Shown, TemplateError, ValidationError
from okrkit.i18n import _, get_locale, use_locale
from okrkit.model import Cycle, KeyResult, Level, Metric, Objective, Owner, Unit

if TYPE_CHECKING:
    from okrkit.catalogue._template import KeyResultTemplate, Template

__all__ = ["instantiate", "resolve"]


def resolve(
    template: Template,
    params: Mapping[str, object] | None = None,
    *,
    locale: str | None = None,
    cycle: Cycle | None = None,
) -> dict[str, Any]:
    """Check ``params`` against ``template`` and fill in the defaults.

    See :meth:`okrkit.catalogue.Template.resolve`.
    """
    locale = locale or get_locale()
    given = dict(params or {})
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    with use_locale(locale):
        known = {param.name for param in template.parameters}
        problems.extend(
            _problem(
                template,
                _("unknown parameter {name!r}; this template takes: {known}").format(
                    name=Shown(name), known=", ".join(sorted(known)) or _("none")
                ),
                name,
            )
            for name in sorted(set(given) - known)
        )
        for param in template.parameters:
            raw = given.get(param.name)
            if raw is None:
                raw = param.default_for(locale, cycle)
            if raw is None:
                problems.append(_problem(template, _missing(param, locale), param.name))
                continue
            try:
                values[param.name] = param.coerce(raw, locale)
            except ParameterError as exc:
                problems.append(
                    _problem(
                        template,
                        _("parameter {name!r} {reason}").format(
                            name=Shown(param.name), reason=exc
                        ),
                        param.name,
                    )
                )
        problems.extend(_relation_problems(template, values, locale))
    if problems:
        raise TemplateError(problems)
    return values


def _missing(param: Parameter, locale: str) -> str:
    """Why ``param`` has no value: not given, or a date default without the cycle."""
    if param.type is ParameterType.DATE and param.default is not None:
        return _(
            "{name!r} defaults to a date in the cycle; pass the Cycle "
            "itself (not its id) or give the date"
        ).format(name=Shown(param.name))
    return _("missing parameter {name!r} ({label})").format(
        name=Shown(param.name), label=param.label.get(locale)
    )


def _problem(template: Template, message: str, name: str) -> Problem:
    return Problem(
        message=message, entity_id=template.id, path=f"parameters.{name}", file=template.file
    )


def _relation_problems(
    template: Template, values: Mapping[str, Any], locale: str
) -> Iterator[Problem]:
    """A problem for each broken ``above`` / ``below`` rule between given values."""
    for param in template.parameters:
        value = values.get(param.name)
        if value is None:
            continue
        for other, wanted in ((param.above, 1), (param.below, -1)):
            if other is None or values.get(other) is None:
                continue
            if (value - values[other]) * wanted <= 0:
                message = (
                    _("parameter {name!r} ({value}) must be above {other!r} ({limit})")
                    if wanted > 0
                    else _("parameter {name!r} ({value}) must be below {other!r} ({limit})")
                )
                yield _problem(
                    template,
                    message.format(
                        name=param.name,
                        value=param.render(value, locale),
                        other=other,
                        limit=template.parameter(other).render(values[other], locale),
                    ),
                    param.name,
                )


def instantiate(
    template: Template,
    params: Mapping[str, object] | None = None,
    *,
    owner: str | Owner,
    cycle: str | Cycle,
    locale: str | None = None,
    id: str | None = None,  # noqa: A002 - the model's own word
    level: Level | str | None = None,
) -> Objective:
    """Make a ready objective with its key results from ``template``.

    See :meth:`okrkit.catalogue.Template.instantiate`.
    """
    locale = locale or get_locale()
    cycle_obj = cycle if isinstance(cycle, Cycle) else None
    values = resolve(template, params, locale=locale, cycle=cycle_obj)
    with use_locale(locale):
        shown = {
            param.name: param.render(values[param.name], locale) for param in template.parameters
        }
        objective_id = id or template.id
        try:
            key_results = [
                _key_result(
                    template,
                    index,
                    kr,
                    values=values,
                    shown=shown,
                    locale=locale,
                    objective_id=objective_id,
                    owner=owner,
                )
                for index, kr in enumerate(template.key_results)
            ]
            return Objective(
                id=objective_id,
                title=substitute(template.objective.get(locale), shown),
                owner=owner,
                cycle=cycle,
                level=cast(Level, level) if level is not None else template.level,
                ambition=template.ambition,
                tags=template.tags,
                key_results=key_results,
            )
        except ValidationError as exc:
            raise _made_invalid(template, exc) from exc


def _made_invalid(template: Template, exc: ValidationError) -> TemplateError:
    """The model's refusal of what the parameters made, told about the template."""
    return TemplateError(
        [
            dataclasses.replace(
                problem,
                entity_id=template.id,
                message=_("with these parameters, {problem}").format(problem=problem.message),
                file=template.file,
            )
            for problem in exc.problems
        ]
    )


def _key_result(
    template: Template,
    index: int,
    kr: KeyResultTemplate,
    *,
    values: Mapping[str, Any],
    shown: Mapping[str, str],
    locale: str,
    objective_id: str,
    owner: str | Owner,
) -> KeyResult:
    """The ``index``-th key result, its numbers and due date taken from ``values``."""
    spec = kr.metric

    def number(value: float | str | None) -> float | None:
        name = reference(value)
        if name is not None:
            return float(values[name])
        return None if value is None else float(value)

    currency = spec.currency
    if spec.unit is Unit.CURRENCY and currency is None:
        money = [
            template.parameter(name).currency
            for _field, name in spec.references()
            if template.parameter(name).type is ParameterType.MONEY
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
    due_name = reference(kr.due)
    return KeyResult(
        id=f"{objective_id}-kr{index + 1}",
        title=substitute(kr.title.get(locale), shown),
        metric=metric,
        owners=(owner,),
        weight=kr.weight,
        due=values[due_name] if due_name is not None else None,
    )
