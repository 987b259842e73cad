"""The public facade: what each public module exports, and what `import okrkit` must not load."""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import itertools
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import okrkit

# Every module a user imports from: okrkit and each module or package under it whose
# dotted name has no part starting with an underscore. The test below keeps the list
# honest, so a new public module (store, report, lint, ...) is checked from day one.
PUBLIC_MODULES = [
    "okrkit",
    "okrkit.catalogue",
    "okrkit.catalogue.check",
    "okrkit.checkins",
    "okrkit.cli",
    "okrkit.errors",
    "okrkit.graph",
    "okrkit.i18n",
    "okrkit.io",
    "okrkit.lint",
    "okrkit.lint.rules",
    "okrkit.model",
    "okrkit.report",
    "okrkit.report.charts",
    "okrkit.report.html",
    "okrkit.report.markdown",
    "okrkit.report.text",
    "okrkit.scoring",
    "okrkit.scoring.sql",
    "okrkit.store",
    "okrkit.store.migrations",
    "okrkit.store.migrations.v1",
    "okrkit.store.migrations.v2",
    "okrkit.testing",
]

# Exported by convention, documented by PEP 8 rather than by a docstring of its own.
CONVENTIONAL = {"__version__"}


def public_names(module: types.ModuleType) -> set[str]:
    """Names defined in a module that do not start with an underscore."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in {"annotations", "TYPE_CHECKING"}
    }


def defined_in(module: types.ModuleType, name: str) -> bool:
    """Whether ``module`` (or a private module behind it) is where ``name`` comes from.

    A class or function knows its module; a constant does not, and counts as defined
    where it is found. Names imported from elsewhere (``typing.Any``, an okrkit class
    another module re-exports) belong to their own module.
    """
    home = getattr(getattr(module, name), "__module__", None)
    if not isinstance(home, str):
        return True
    return home == module.__name__ or home.startswith(f"{module.__name__}.")


@functools.cache
def documented_constants() -> frozenset[str]:
    """Names assigned at module level somewhere in okrkit with a docstring under them.

    Constants and type aliases carry their docstring in the source (as mkdocstrings
    reads it), not at run time: ``SHIPPED_LOCALES = ("en", "vi")`` then a string.
    """
    names: set[str] = set()
    for path in Path(okrkit.__file__).parent.rglob("*.py"):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        for statement, following in itertools.pairwise(body):
            documented = (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
                and following.value.value.strip()
            )
            if not documented:
                continue
            if isinstance(statement, ast.Assign):
                targets = statement.targets
            elif isinstance(statement, ast.AnnAssign):
                targets = [statement.target]
            else:
                continue
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    return frozenset(names)


def has_docstring(module: types.ModuleType, name: str) -> bool:
    """Whether the exported ``name`` is documented: its own docstring, or the source's."""
    value = getattr(module, name)
    # A click command keeps the function it wraps, whose docstring is its help.
    value = getattr(value, "callback", value)
    if inspect.isclass(value) or inspect.isroutine(value):
        return bool((value.__doc__ or "").strip())
    return name in documented_constants()


@pytest.fixture(params=PUBLIC_MODULES)
def module(request: pytest.FixtureRequest) -> types.ModuleType:
    """Each public module, imported."""
    return importlib.import_module(request.param)


class TestExports:
    def test_every_public_module_is_checked(self) -> None:
        """PUBLIC_MODULES names every module of okrkit without an underscore in its path."""
        found = {"okrkit"}
        for info in pkgutil.walk_packages(okrkit.__path__, prefix="okrkit."):
            if not any(part.startswith("_") for part in info.name.split(".")):
                found.add(info.name)
        assert sorted(found) == PUBLIC_MODULES

    def test_all_has_no_duplicates(self, module: types.ModuleType) -> None:
        """Each name is exported once (ruff's RUF022 keeps the list sorted)."""
        assert len(module.__all__) == len(set(module.__all__))

    def test_all_names_exist(self, module: types.ModuleType) -> None:
        """Every name in __all__ can be imported, without a deprecation warning.

        An old spelling kept for one release is reachable, but not exported: a star
        import must not warn.
        """
        missing = [name for name in module.__all__ if not hasattr(module, name)]
        assert missing == []

    def test_all_matches_public_names(self) -> None:
        """Everything public in okrkit is in __all__, and nothing else."""
        assert set(okrkit.__all__) == public_names(okrkit) | {"__version__"}

    def test_all_is_complete(self, module: types.ModuleType) -> None:
        """Each public module's __all__ names everything it defines for users."""
        for name in module.__all__:
            getattr(module, name)  # a lazily loaded name is in vars() from now on
        defined_here = {name for name in public_names(module) if defined_in(module, name)}
        assert sorted(defined_here - set(module.__all__)) == []

    def test_every_public_name_has_a_docstring(self, module: types.ModuleType) -> None:
        """Every class, function, constant and type alias a module exports is documented."""
        undocumented = [
            name
            for name in module.__all__
            if name not in CONVENTIONAL and not has_docstring(module, name)
        ]
        assert undocumented == []

    def test_version(self) -> None:
        """The version is a dotted string."""
        assert okrkit.__version__.count(".") == 2


class TestImportCost:
    def test_import_does_not_load_cli_or_extras(self) -> None:
        """`import okrkit` loads neither click, rich, hypothesis, pandas nor matplotlib."""
        code = (
            "import sys, okrkit\n"
            "heavy = {'click', 'rich', 'hypothesis', 'pandas', 'matplotlib'}\n"
            "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "[]"
