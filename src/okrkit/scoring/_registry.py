"""The registry of scoring strategies: built-in names, your own, and entry points."""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from okrkit.errors import RegistryError, UnknownStrategyError
from okrkit.i18n import _
from okrkit.scoring._strategies import Grade, Linear, ScoringStrategy, Stepped, Zones

__all__ = ["ENTRY_POINT_GROUP", "UnknownStrategyError", "available", "get", "register"]

ENTRY_POINT_GROUP = "okrkit.scoring"
"""The entry-point group third-party packages register strategies in."""

_BUILT_IN: dict[str, ScoringStrategy] = {
    "linear": Linear(),
    "grade": Grade(),
    "zones": Zones(),
    "stepped": Stepped(),
}
_REGISTERED: dict[str, ScoringStrategy] = {}


def register(name: str, strategy: ScoringStrategy) -> None:
    """Make ``strategy`` available as ``name`` (replacing one of yours of that name).

    Raises:
        RegistryError: when ``strategy`` does not follow :class:`ScoringStrategy`, or
            ``name`` is a built-in name (a ``ValueError``).
    """
    if not isinstance(strategy, ScoringStrategy):
        raise RegistryError(
            _("{value!r} is not a scoring strategy: it needs score(), combine() and cap").format(
                value=strategy
            )
        )
    if name in _BUILT_IN:
        raise RegistryError(
            _("{name!r} is a built-in strategy; choose another name").format(name=name)
        )
    _REGISTERED[name] = strategy


def available() -> list[str]:
    """Every strategy name that :func:`get` accepts, built-in first."""
    names = [*_BUILT_IN, *_REGISTERED]
    names.extend(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name not in names)
    return names


def get(name: str | ScoringStrategy) -> ScoringStrategy:
    """Find a strategy by name, path or entry point.

    In order: a strategy object as is, a built-in or registered name, a
    ``"package.module:attribute"`` path, an ``okrkit.scoring`` entry point.

    Raises:
        UnknownStrategyError: listing the known names.

    Examples:
        >>> get("grade")
        Grade(threshold_method='met', combiner='weighted', cap=True)
    """
    if not isinstance(name, str):
        if isinstance(name, ScoringStrategy):
            return name
        raise UnknownStrategyError(_("{value!r} is not a scoring strategy").format(value=name))
    if name in _BUILT_IN:
        return _BUILT_IN[name]
    if name in _REGISTERED:
        return _REGISTERED[name]
    if ":" in name:
        module_name, _sep, attribute = name.partition(":")
        try:
            found = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise UnknownStrategyError(
                _("cannot import scoring strategy {name!r}: {reason}").format(
                    name=name, reason=exc
                )
            ) from exc
        return get(found() if isinstance(found, type) else found)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            loaded = entry.load()
            return get(loaded() if isinstance(loaded, type) else loaded)
    raise UnknownStrategyError(
        _(
            "unknown scoring strategy {name!r}; use one of {known}, or 'package.module:name'"
        ).format(name=name, known=", ".join(available()))
    )
