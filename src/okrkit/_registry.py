"""One registry for every kind of plugin: scoring strategies now, lint rules next.

A :class:`Registry` finds an item by name, in a fixed order:

1. an item passed as itself (an instance that follows the protocol);
2. a built-in name;
3. a name given to :meth:`Registry.register`;
4. a ``"package.module:attribute"`` path naming an instance, or a class that follows
   the protocol (made with no arguments);
5. an entry point of the registry's group, naming an instance, a class or a factory
   function (called with no arguments).

Anything else raises :class:`~okrkit.errors.UnknownStrategyError`, listing the known
names and the closest of them. A path is often typed on a command line, so it is
never called unless it is a class whose methods and attributes already fit: a path
cannot run arbitrary code by naming a function or an unrelated class. Entry points
are declared by installed packages for this purpose, so a factory is accepted there,
and what it returns is checked. Entry points are read once per registry, and each is
loaded once.
"""

from __future__ import annotations

import importlib
import typing
from collections.abc import Iterable, Mapping
from importlib import metadata
from typing import Generic, TypeGuard, TypeVar

from okrkit.errors import Message, RegistryError, Shown, UnknownStrategyError, did_you_mean
from okrkit.i18n import N_, _, gettext

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """Named plugins of one kind, checked against its protocol.

    Args:
        kind: What the registry holds, for messages, marked with ``N_`` (for example
            ``N_("scoring strategy")``); translated when a message is made.
        protocol: The runtime-checkable :class:`typing.Protocol` (or base class) that
            every item is an instance of.
        requirement: What an item needs, for messages, marked with ``N_`` (for example
            ``N_("it needs score(), combine() and cap")``).
        built_in: The built-in items by name, listed first; they cannot be replaced.
        group: The entry-point group that installed packages declare items in.

    Examples:
        >>> from typing import Protocol, runtime_checkable
        >>> @runtime_checkable
        ... class Greeter(Protocol):
        ...     def greet(self) -> str: ...
        >>> class Hello:
        ...     def greet(self) -> str:
        ...         return "hello"
        >>> greeters = Registry(kind="greeter", protocol=Greeter,
        ...     requirement="it needs greet()", built_in={"hello": Hello()}, group="demo")
        >>> greeters.get("hello").greet(), greeters.available()
        ('hello', ['hello'])
    """

    def __init__(
        self,
        *,
        kind: str,
        protocol: type,
        requirement: str,
        built_in: Mapping[str, T],
        group: str,
    ) -> None:
        self.kind = kind
        self.protocol = protocol
        self.requirement = requirement
        self.group = group
        self._built_in = dict(built_in)
        self._registered: dict[str, T] = {}
        self._entry_points: dict[str, metadata.EntryPoint] | None = None
        self._loaded: dict[str, T] = {}

    def __repr__(self) -> str:
        return f"Registry(kind={self.kind!r}, group={self.group!r})"

    # -- the three doors ---------------------------------------------------------------

    def register(self, name: str, item: T) -> None:
        """Make ``item`` available as ``name`` (replacing one registered under that name).

        Raises:
            RegistryError: when ``item`` does not follow the protocol (a class is not
                an instance: register ``MyStrategy()``), or ``name`` is a built-in name.
        """
        if not self._fits(item):
            raise RegistryError(self._not_one(item))
        if name in self._built_in:
            raise RegistryError(
                _("{name!r} is a built-in {kind}; choose another name").format(
                    name=Shown(name), kind=gettext(self.kind)
                )
            )
        self._registered[name] = item

    def available(self) -> list[str]:
        """Every name :meth:`get` accepts: built-in first, then registered, then plugins."""
        names = [*self._built_in, *self._registered]
        names.extend(name for name in self._plugins() if name not in names)
        return names

    def get(self, name: str | T) -> T:
        """Find an item by name, path or entry point, in the order of the module docstring.

        Raises:
            UnknownStrategyError: when nothing has that name, or a path or object is not
                of this registry's kind; the message lists the known names.
            RegistryError: when an entry point gives something that is not of this kind.
        """
        if not isinstance(name, str):
            return self._realised(name, name)
        for found in (self._built_in, self._registered, self._loaded):
            if name in found:
                return found[name]
        if ":" in name:
            return self._realised(self._imported(name), name)
        if name in self._plugins():
            return self._loaded.setdefault(name, self._from_plugin(name))
        raise UnknownStrategyError(self._unknown(name))

    # -- checks -----------------------------------------------------------------------

    def _fits(self, item: object) -> TypeGuard[T]:
        """Whether ``item`` is an instance of the protocol (a class is not)."""
        return not isinstance(item, type) and isinstance(item, self.protocol)

    def _class_fits(self, cls: type) -> bool:
        """Whether instances of ``cls`` would fit, judged without making one."""
        if not getattr(self.protocol, "_is_protocol", False):
            return issubclass(cls, self.protocol)
        declared = {
            name for klass in cls.__mro__ for name in vars(klass).get("__annotations__", {})
        }
        for name, member in _members(self.protocol).items():
            if callable(member):  # a method
                if not callable(getattr(cls, name, None)):
                    return False
            elif not hasattr(cls, name) and name not in declared:
                return False
        return True

    def _realised(self, found: object, name: object) -> T:
        """An instance as is, or a fitting class made with no arguments; never a call."""
        if isinstance(found, type) and self._class_fits(found):
            found = found()
        if self._fits(found):
            return found
        shown = name if isinstance(name, str) else found
        raise UnknownStrategyError(self._not_one(shown))

    def _imported(self, path: str) -> object:
        module_name, _sep, attribute = path.partition(":")
        if not all(part.isidentifier() for part in [*module_name.split("."), attribute]):
            raise UnknownStrategyError(self._unknown(path))  # not "pkg.mod:attr"
        try:
            return getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise UnknownStrategyError(
                _("cannot import {kind} {name!r}: {reason}").format(
                    kind=gettext(self.kind),
                    name=Shown(path),
                    reason=_import_failure(exc, module_name, attribute),
                )
            ) from exc

    # -- entry points -----------------------------------------------------------------

    def _plugins(self) -> dict[str, metadata.EntryPoint]:
        """The group's entry points by name, read once (the first of a name wins)."""
        if self._entry_points is None:
            found: dict[str, metadata.EntryPoint] = {}
            for entry in metadata.entry_points(group=self.group):
                found.setdefault(entry.name, entry)
            self._entry_points = found
        return self._entry_points

    def _from_plugin(self, name: str) -> T:
        """Load entry point ``name``: an instance, a class or a factory function."""
        entry = self._plugins()[name]
        try:
            loaded = entry.load()
        except (ImportError, AttributeError) as exc:
            reason = _import_failure(exc, entry.module, entry.attr.rpartition(".")[2])
            raise RegistryError(
                _(
                    "cannot load entry point {name!r} ({value}) of group {group!r}: {reason}"
                ).format(
                    name=Shown(name), value=entry.value, group=Shown(self.group), reason=reason
                )
            ) from exc
        item = loaded
        if isinstance(loaded, type):
            if self._class_fits(loaded):
                item = loaded()
        elif callable(loaded) and not self._fits(loaded):
            item = loaded()  # a factory function
        if self._fits(item):
            return item
        raise RegistryError(
            _(
                "entry point {name!r} ({value}) of group {group!r} gives {item!r}, "
                "which is not a {kind}: {requirement}"
            ).format(
                name=Shown(name),
                value=entry.value,
                group=Shown(self.group),
                item=Shown(item),
                kind=gettext(self.kind),
                requirement=gettext(self.requirement),
            )
        )

    # -- messages ---------------------------------------------------------------------

    def _not_one(self, value: object) -> str:
        return _("{value!r} is not a {kind}: {requirement}").format(
            value=Shown(value), kind=gettext(self.kind), requirement=gettext(self.requirement)
        )

    def _unknown(self, name: str) -> str:
        known = self.available()
        close = did_you_mean(name, known)
        if close:
            return _(
                "unknown {kind} {name!r} (did you mean {suggestions}?); "
                "use one of {known}, or 'package.module:name'"
            ).format(
                kind=gettext(self.kind),
                name=Shown(name),
                suggestions=_quoted(close),
                known=", ".join(known),
            )
        return _("unknown {kind} {name!r}; use one of {known}, or 'package.module:name'").format(
            kind=gettext(self.kind), name=Shown(name), known=", ".join(known)
        )


def _members(protocol: type) -> dict[str, object]:
    """The members a protocol asks for (methods, properties, attributes), as typing sees them."""
    names = getattr(protocol, "__protocol_attrs__", None)  # Python 3.12 and later
    if names is None:
        names = getattr(typing, "_get_protocol_attrs")(protocol)  # noqa: B009 - Python 3.11
    return {name: getattr(protocol, name, None) for name in sorted(names)}


def _import_failure(exc: ImportError | AttributeError, module: str, attribute: str) -> Message:
    """Why ``module:attribute`` did not import, in okrkit's words (Python's are English).

    The error itself stays the cause of the one raised, for a traceback under ``--debug``.
    """
    if isinstance(exc, ModuleNotFoundError):
        return Message(
            N_("there is no module {module}; check the name, and that its package is installed"),
            module=Shown(exc.name or module),
        )
    if isinstance(exc, AttributeError) and getattr(exc, "name", None) == attribute:
        return Message(
            N_("the module {module} has nothing called {attribute}"),
            module=Shown(module),
            attribute=Shown(attribute),
        )
    return Message(
        N_("importing the module failed; run python -c 'import {module}' to see why"),
        module=module,
    )


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(repr(name) for name in names)
