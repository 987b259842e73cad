"""The public facade: what `import okrkit` offers, and what it must not import."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

import okrkit
import okrkit.errors
import okrkit.i18n
import okrkit.io
import okrkit.model


def public_names(module: types.ModuleType) -> set[str]:
    """Names defined in a module that do not start with an underscore."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in {"annotations", "TYPE_CHECKING"}
    }


class TestExports:
    def test_all_has_no_duplicates(self) -> None:
        """Each name is exported once (ruff's RUF022 keeps the list sorted)."""
        assert len(okrkit.__all__) == len(set(okrkit.__all__))

    def test_all_matches_public_names(self) -> None:
        """Everything public in okrkit is in __all__, and nothing else."""
        assert set(okrkit.__all__) == public_names(okrkit) | {"__version__"}

    @pytest.mark.parametrize("module", [okrkit.model, okrkit.io, okrkit.errors, okrkit.i18n])
    def test_submodule_all_is_complete(self, module: types.ModuleType) -> None:
        """Each public module's __all__ names exactly what it defines for users."""
        assert set(module.__all__) <= set(vars(module))
        defined_here = {
            name
            for name in public_names(module)
            if getattr(getattr(module, name), "__module__", module.__name__).startswith(
                module.__name__
            )
        }
        assert defined_here <= set(module.__all__)

    def test_every_public_name_has_a_docstring(self) -> None:
        """Every class and function okrkit exports is documented."""
        undocumented = [
            name
            for name in okrkit.__all__
            if callable(getattr(okrkit, name))
            and not (getattr(okrkit, name).__doc__ or "").strip()
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
