"""Checks of the options scoring takes: words from a fixed list, and the drivers.

A misspelt option must not score with the default: ``drivers="childern"`` would
otherwise give the very numbers of ``"both"``. Every check here raises
:class:`~okrkit.errors.ValidationError` naming the option, the value given and the
values it takes, with the closest of them when one looks like it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from numbers import Number
from typing import Any, get_args

import attrs

from okrkit.errors import Message, Problem, Shown, UsageError, ValidationError, did_you_mean
from okrkit.errors._message import as_found
from okrkit.i18n import N_
from okrkit.scoring._layout import Drivers
from okrkit.scoring._plan import Plan

__all__ = [
    "DRIVERS",
    "check_choice",
    "checked_drivers",
    "checked_values",
    "choice_problem",
    "one_of",
    "unknown_objectives",
]

DRIVERS: tuple[str, ...] = get_args(Drivers)
"""What may drive an objective's score: ``drivers=``."""


def choice_problem(field: str, value: object, choices: Sequence[str]) -> Problem | None:
    """The problem of option ``field`` set to ``value``, none of ``choices``; else ``None``.

    Examples:
        >>> print(choice_problem("objective_status", "wrost", ("pace", "worst")))
        'objective_status' must be one of pace, worst (got 'wrost'); did you mean 'worst'?
        >>> choice_problem("drivers", "children", DRIVERS) is None
        True
    """
    if isinstance(value, str) and value in choices:
        return None
    close = did_you_mean(value, choices, count=1) if isinstance(value, str) else []
    words = {"field": field, "choices": ", ".join(choices), "value": Shown(value)}
    if close:
        message = Message(
            N_("'{field}' must be one of {choices} (got {value}); did you mean {close}?"),
            close=Shown(close[0]),
            **words,
        )
    else:
        message = Message(N_("'{field}' must be one of {choices} (got {value})"), **words)
    return Problem("field.choice", message)


def check_choice(field: str, value: object, choices: Sequence[str]) -> None:
    """Raise :class:`~okrkit.errors.ValidationError` unless ``value`` is one of ``choices``."""
    problem = choice_problem(field, value, choices)
    if problem is not None:
        raise ValidationError(problem)


def one_of(choices: Sequence[str]) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator: the value is one of ``choices``, or a ValidationError says so."""

    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check_choice(attribute.name, value, choices)

    return validate


def checked_drivers(drivers: object) -> Drivers | Mapping[str, Drivers]:
    """``drivers`` as given, once it is one of :data:`DRIVERS` or a mapping of them.

    A mapping's keys are checked against the plan later (:func:`unknown_objectives`).
    """
    if not isinstance(drivers, Mapping):
        check_choice("drivers", drivers, DRIVERS)
        return drivers  # type: ignore[return-value] # checked just above
    problems = [
        problem
        for ident, mode in drivers.items()
        if (problem := choice_problem(f"drivers[{ident}]", mode, DRIVERS)) is not None
    ]
    if problems:
        raise ValidationError(problems)
    return drivers


def unknown_objectives(plan: Plan, drivers: Mapping[str, Any]) -> None:
    """Refuse a ``drivers`` mapping that names what is not an objective of ``plan``."""
    objectives = plan.ids[plan.count :]
    problems = []
    for ident in drivers:
        position = plan.index.get(ident) if isinstance(ident, str) else None
        if position is not None and position >= plan.count:
            continue
        close = did_you_mean(ident, objectives, count=1) if isinstance(ident, str) else []
        if close:
            message = Message(
                N_(
                    "'drivers' names {id}, which is not an objective of this set; did you "
                    "mean {close}?"
                ),
                id=Shown(ident),
                close=Shown(close[0]),
            )
        else:
            message = Message(
                N_(
                    "'drivers' names {id}, which is not an objective of this set; name "
                    "objectives by their ids"
                ),
                id=Shown(ident),
            )
        problems.append(Problem("id.unknown", message, entity_id=str(ident)))
    if problems:
        raise ValidationError(problems)


def checked_values(plan: Plan, values: object, call: str) -> dict[str, float]:
    """Values to suppose by key result id (``what_if``, ``rollup(overrides=...)``), checked.

    ``call`` names the argument in the error for something that is not a mapping.

    Raises:
        UsageError: when ``values`` is not a mapping.
        ValidationError: listing every id that is not a key result of ``plan`` and every
            value that is not a finite number (text, a bool and the rest).
    """
    if not isinstance(values, Mapping):
        raise UsageError(
            Message(
                N_(
                    "{call} takes a mapping of key result id to value, such as "
                    "{{'kr-sales': 120}} (got {value})"
                ),
                call=call,
                value=as_found(values),
            )
        )
    problems: list[Problem] = []
    checked: dict[str, float] = {}
    for ident, value in values.items():
        position = plan.index.get(ident) if isinstance(ident, str) else None
        if position is None or position >= plan.count:
            problems.append(
                Problem(
                    "id.unknown",
                    Message(
                        N_("{id} is not a key result of this scorecard; name a key result"),
                        id=Shown(ident),
                    ),
                    entity_id=str(ident),
                )
            )
            continue
        number = _finite(value)
        if number is None:
            problems.append(
                Problem(
                    "value.range",
                    Message(
                        N_("the value for {id} must be a finite number (got {value})"),
                        id=Shown(ident),
                        value=as_found(value),
                    ),
                    entity_id=ident,
                )
            )
            continue
        checked[ident] = number
    if problems:
        raise ValidationError(problems)
    return checked


def _finite(value: object) -> float | None:
    """``value`` as a float when it is a finite number; ``None`` for text, a bool and the rest."""
    if isinstance(value, bool) or not isinstance(value, Number):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # a complex number; an int past floats
        return None
    return number if math.isfinite(number) else None
