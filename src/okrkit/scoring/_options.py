"""Checks of the options scoring takes: words from a fixed list, and the drivers.

A misspelt option must not score with the default: ``drivers="childern"`` would
otherwise give the very numbers of ``"both"``. Every check here raises
:class:`~okrkit.errors.ValidationError` naming the option, the value given and the
values it takes, with the closest of them when one looks like it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, get_args

import attrs

from okrkit.errors import Message, Problem, Shown, ValidationError, did_you_mean
from okrkit.i18n import N_
from okrkit.scoring._layout import Drivers
from okrkit.scoring._plan import Plan

__all__ = [
    "DRIVERS",
    "check_choice",
    "checked_drivers",
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
