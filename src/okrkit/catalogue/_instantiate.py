"""Filling a template in: check the parameters, then make the objective and key results.

:func:`resolve` reads the values a user gives (defaults fill the rest) and collects
every problem with them; :func:`instantiate` turns the values into a validated
:class:`~okrkit.Objective`. :class:`~okrkit.catalogue.Template` offers both as methods.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from okrkit.catalogue._parameters import Parameter, ParameterType
from okrkit.catalogue._placeholders import reference, substitute
from okrkit.errors import (
    Message,
    ParameterError,
    Problem,
    Shown,
    TemplateError,
    UsageError,
    ValidationError,
    did_you_mean,
    kind_of,
)
from okrkit.i18n import N_, get_locale, use_locale
from okrkit.model import Cycle, KeyResult, Level, Metric, Objective, Owner, Unit

if TYPE_CHECKING:
    from okrkit.catalogue._template import KeyResultTemplate, Template

__all__ = ["instantiate", "resolve"]

_CODE = "template.parameter"
_PROBE = "probe"  # an objective id that fits, where the caller gave none


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
    given = _checked_params(template, params)
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    with use_locale(locale):
        known = [param.name for param in template.parameters]
        problems.extend(
            _unknown(template, name, known) for name in sorted(set(given) - set(known), key=str)
        )
        given = {name: value for name, value in given.items() if value is not None}
        for param in template.parameters:
            raw = given.get(param.name)
            if raw is None:
                raw = param.default_for(locale, cycle)
            if raw is None:
                problems.append(_missing(template, param))
                continue
            try:
                values[param.name] = param.coerce(raw, locale)
            except ParameterError as exc:
                problems.append(_refused(template, param, raw, exc, given=param.name in given))
        problems.extend(_relation_problems(template, values, locale, given))
    if problems:
        raise TemplateError(problems)
    return values


def _checked_params(template: Template, params: object) -> dict[Any, object]:
    """``params`` as a dict, or a :class:`UsageError` naming the template and what came."""
    if params is None:
        return {}
    if isinstance(params, Mapping):
        return dict(params)
    raise UsageError(
        Message(
            N_(
                "the parameters of template {id} must be a mapping of name to value, "
                "such as {{'target': 80}} (got {value})"
            ),
            id=Shown(template.id),
            value=kind_of(params),
        )
    )


def _unknown(template: Template, name: str, known: Sequence[str]) -> Problem:
    """A name the template has no parameter for, with the closest one it has."""
    close = did_you_mean(name, known, count=1) if isinstance(name, str) else []
    args: dict[str, object] = {
        "name": Shown(name),
        "known": ", ".join(known) or Message(N_("none")),
    }
    if close:
        message = N_(
            "unknown parameter {name!r}; did you mean {close!r}? This template takes: {known}"
        )
        args["close"] = Shown(close[0])
    else:
        message = N_("unknown parameter {name!r}; this template takes: {known}")
    return Problem(_CODE, message, args, entity_id=template.id)


def _missing(template: Template, param: Parameter) -> Problem:
    """Why ``param`` has no value: not given, or a date default without the cycle."""
    if param.type is ParameterType.DATE and param.default is not None:
        message = N_(
            "{name!r} defaults to a date in the cycle; pass the Cycle "
            "itself (not its id) or give the date"
        )
    else:
        message = N_("missing parameter {name!r} ({label})")
    args = {"name": Shown(param.name), "label": param.label}
    return Problem(_CODE, message, args, entity_id=template.id)


def _refused(
    template: Template, param: Parameter, raw: object, exc: ParameterError, *, given: bool
) -> Problem:
    """A value that does not fit ``param``: its label and name, the value, what would do.

    A value the user gave is the user's to fix: the problem names no file. A default
    that does not fit is the template file's mistake, and names the file.
    """
    reason = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Message) else str(exc)
    return Problem(
        _CODE,
        N_("{label} (parameter {name!r}) cannot be {value}: it {reason}"),
        {"label": param.label, "name": Shown(param.name), "value": Shown(raw), "reason": reason},
        **_place(template, param.name, own=not given),
    )


def _place(template: Template, name: str, *, own: bool) -> dict[str, Any]:
    """Where a parameter's problem is: the template file and key for a default, else the id."""
    if own:
        return {"entity_id": template.id, "path": f"parameters.{name}", "file": template.file}
    return {"entity_id": template.id}


def _relation_problems(
    template: Template, values: Mapping[str, Any], locale: str, given: Mapping[str, object]
) -> Iterator[Problem]:
    """A problem for each broken ``above`` / ``below`` rule between the values."""
    for param in template.parameters:
        value = values.get(param.name)
        if value is None:
            continue
        for other, wanted in ((param.above, 1), (param.below, -1)):
            if other is None or values.get(other) is None:
                continue
            if (value - values[other]) * wanted <= 0:
                message = (
                    N_("parameter {name!r} ({value}) must be above {other!r} ({limit})")
                    if wanted > 0
                    else N_("parameter {name!r} ({value}) must be below {other!r} ({limit})")
                )
                args = {
                    "name": param.name,
                    "value": param.render(value, locale),
                    "other": other,
                    "limit": template.parameter(other).render(values[other], locale),
                }
                own = param.name not in given and other not in given
                yield Problem(_CODE, message, args, **_place(template, param.name, own=own))


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
    given = _checked_params(template, params)
    cycle_obj = cycle if isinstance(cycle, Cycle) else None
    arguments = _argument_problems(template, owner=owner, cycle=cycle, id=id, level=level)
    try:
        values = resolve(template, given, locale=locale, cycle=cycle_obj)
    except TemplateError as exc:
        raise TemplateError([*arguments, *exc.problems]) from None
    if arguments:
        raise TemplateError(arguments)
    own = not any(value is not None for value in given.values())
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
                tags=template.tag_names(locale),
                key_results=key_results,
            )
        except ValidationError as exc:
            raise _made_invalid(template, exc, own=own) from exc


def _argument_problems(
    template: Template,
    *,
    owner: str | Owner,
    cycle: str | Cycle,
    id: str | None,  # noqa: A002 - the model's own word
    level: Level | str | None,
) -> list[Problem]:
    """What the model refuses in the caller's ``owner``, ``cycle``, ``id`` and ``level``.

    Checked on their own, before the template's texts and numbers join them: a
    problem here is the caller's, and names the template and the argument, never the
    template's file.
    """
    try:
        Objective(
            id=_PROBE if id is None else id,
            title=_PROBE,
            owner=owner,
            cycle=cycle,
            level=template.level if level is None else cast(Level, level),
        )
    except ValidationError as exc:
        return [
            dataclasses.replace(problem, entity_id=template.id, file=None, line=None)
            for problem in exc.problems
        ]
    return []


def _made_invalid(template: Template, exc: ValidationError, *, own: bool) -> TemplateError:
    """The model's refusal of what the parameters made, told about the template.

    Made from the template's defaults alone, it is the template file's mistake and
    names the file; made from values the user gave, it does not.
    """
    return TemplateError(
        [
            Problem(
                problem.code,
                N_("with these parameters, {problem}"),
                {"problem": problem.text},
                entity_id=template.id,
                path=problem.path,
                file=template.file if own else None,
                line=problem.line if own else None,
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
