"""The registry of scoring strategies: built-in names, your own, and entry points.

The lookup itself is okrkit's one generic :class:`~okrkit._registry.Registry`; this
module gives it the strategies and keeps the functions :mod:`okrkit.scoring` exports.
"""

from __future__ import annotations

from okrkit._registry import Registry
from okrkit.errors import UnknownStrategyError
from okrkit.i18n import N_, gettext
from okrkit.scoring._strategies import Grade, Linear, ScoringStrategy, Stepped, Zones

__all__ = [
    "ENTRY_POINT_GROUP",
    "UnknownStrategyError",
    "available",
    "get",
    "register",
    "strategy_label",
]

ENTRY_POINT_GROUP = "okrkit.scoring"
"""The entry-point group third-party packages register strategies in.

An entry point may name a strategy instance, a strategy class (made with no
arguments) or a factory function (called with no arguments) that returns one.
"""

STRATEGIES: Registry[ScoringStrategy] = Registry(
    kind=N_("scoring strategy"),
    protocol=ScoringStrategy,
    requirement=N_("it needs score(), combine() and cap"),
    built_in={"linear": Linear(), "grade": Grade(), "zones": Zones(), "stepped": Stepped()},
    group=ENTRY_POINT_GROUP,
)


# What a person reads for each built-in strategy (its name is what a program writes).
_LABELS = {
    "linear": N_("linear"),
    "grade": N_("grade"),
    "zones": N_("zones"),
    "stepped": N_("stepped"),
}


def strategy_label(name: str) -> str:
    """The name of strategy ``name`` for a person, in the active locale.

    A built-in strategy has a label in every shipped language; any other name (yours,
    a plugin's, a ``"package.module:name"`` path) is its own label.

    Examples:
        >>> from okrkit.i18n import use_locale
        >>> with use_locale("vi"):
        ...     strategy_label("linear"), strategy_label("mine:Strategy")
        ('tuyến tính', 'mine:Strategy')
    """
    label = _LABELS.get(name)
    return name if label is None else gettext(label)


def register(name: str, strategy: ScoringStrategy) -> None:
    """Make ``strategy`` available as ``name`` (replacing one of yours of that name).

    Raises:
        RegistryError: when ``strategy`` does not follow :class:`ScoringStrategy` (pass
            an instance, not a class), or ``name`` is a built-in name (a ``ValueError``).
    """
    STRATEGIES.register(name, strategy)


def available() -> list[str]:
    """Every strategy name that :func:`get` accepts, built-in first."""
    return STRATEGIES.available()


def get(name: str | ScoringStrategy) -> ScoringStrategy:
    """Find a strategy by name, path or entry point.

    In order: a strategy object as is, a built-in or registered name, a
    ``"package.module:attribute"`` path (a strategy instance, or a strategy class made
    with no arguments; nothing else is called), an ``okrkit.scoring`` entry point.

    Raises:
        UnknownStrategyError: listing the known names, and the closest of them.
        RegistryError: when an entry point gives something that is not a strategy.

    Examples:
        >>> get("grade")
        Grade(threshold_method='met', combiner='weighted', cap=True)
    """
    return STRATEGIES.get(name)
