"""okrkit's layers point one way: every import, lazy ones included, goes down the order.

The order and the one accepted exception are those of docs/architecture.md. Imports
inside ``if TYPE_CHECKING:`` are for annotations only and are not counted; imports
inside functions are.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import pytest

import okrkit
import okrkit.errors
import okrkit.i18n
from okrkit.errors import Problem

SRC = Path(okrkit.__file__).resolve().parent
DOCS = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"

LAYERS = (
    "_version",
    "errors",
    "i18n",
    "_files",
    "_registry",
    "model",
    "graph",
    "checkins",
    "scoring",
    "catalogue",
    "lint",
    "io",
    "store",
    "report",
    "cli",
    "testing",
    "okrkit",  # the facade: okrkit/__init__.py and okrkit/_api.py
)
"""Every layer, lowest first: a module may import its own layer and the ones before it."""

SAME_LAYER = {"__main__": "cli", "_api": "okrkit", "_syntax": "_files"}
"""Top-level modules that belong to another module's layer."""

ACCEPTED = {
    ("catalogue", "okrkit.io"): (
        "the catalogue reads template files with the same YAML reader and converter as "
        "OKR files, through io's public package (never its private modules)"
    ),
}
"""The one accepted upward import, (importing layer, imported module): the reason."""


class Import(NamedTuple):
    """One import of an okrkit module, where it is written."""

    where: str
    target: str
    lazy: bool

    def __str__(self) -> str:
        return f"{self.where} imports {self.target}{' (lazily)' if self.lazy else ''}"


def module_of(path: Path, root: Path = SRC) -> str:
    """The dotted name of the module in ``path``."""
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    """The layer of an okrkit module, or None for a module outside okrkit."""
    parts = module.split(".")
    if parts[0] != "okrkit":
        return None
    if len(parts) == 1:
        return "okrkit"
    return SAME_LAYER.get(parts[1], parts[1])


def _typing_only(tree: ast.Module) -> set[int]:
    """The nodes inside ``if TYPE_CHECKING:`` blocks (their ``else`` is counted)."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            hidden.update(id(inner) for child in node.body for inner in ast.walk(child))
    return hidden


def _targets(node: ast.AST, module: str, is_package: bool, root: Path) -> list[str]:
    """The okrkit modules an import statement (or ``import_module("...")`` call) loads."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.Call):
        func = ast.unparse(node.func)
        argument = node.args[0] if node.args else None
        if func.endswith("import_module") and isinstance(argument, ast.Constant):
            return [str(argument.value)]
        return []
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, node.module] if node.module else package)
    found = []
    for alias in node.names:  # "from okrkit import graph" imports the module okrkit.graph
        sub = root.parent.joinpath(*base.split("."), alias.name)
        is_module = sub.is_dir() or sub.with_suffix(".py").is_file()
        found.append(f"{base}.{alias.name}" if is_module else base)
    return found


def imports_in(path: Path, text: str, root: Path = SRC) -> Iterator[Import]:
    """Every okrkit import in one module's source, lazy ones included."""
    module = module_of(path, root)
    tree = ast.parse(text)
    top_level = {id(node) for node in tree.body}
    hidden = _typing_only(tree)
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        for target in _targets(node, module, path.name == "__init__.py", root):
            if target.split(".")[0] == "okrkit":
                where = f"{path.relative_to(root.parent)}:{getattr(node, 'lineno', 0)}"
                yield Import(where, target, id(node) not in top_level)


def layer_imports(sources: Mapping[Path, str], root: Path = SRC) -> Iterator[tuple[str, Import]]:
    """(importing layer, import) for every import between two layers."""
    for path, text in sources.items():
        here = layer_of(module_of(path, root))
        assert here is not None
        for found in imports_in(path, text, root):
            if layer_of(found.target) != here:
                yield here, found


def upward(sources: Mapping[Path, str], root: Path = SRC) -> list[str]:
    """Every import that points up the order, other than the accepted one."""
    bad = []
    for here, found in layer_imports(sources, root):
        there = layer_of(found.target)
        assert there is not None
        if (here, found.target) in ACCEPTED:
            continue
        if LAYERS.index(there) > LAYERS.index(here):
            bad.append(f"{found} ({here} -> {there})")
    return bad


def source_files(root: Path = SRC) -> dict[Path, str]:
    """Every module of okrkit, by path."""
    return {path: path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.py"))}


SOURCES = source_files()


class TestLayers:
    def test_every_module_has_a_layer(self) -> None:
        """A new top-level module or package must be placed in LAYERS first."""
        unplaced = sorted(
            {layer for path in SOURCES if (layer := layer_of(module_of(path))) not in LAYERS}
        )
        assert unplaced == []

    def test_no_import_points_up(self) -> None:
        """No module imports a higher layer, at the top or inside a function."""
        assert upward(SOURCES) == []

    def test_no_cycle_between_layers(self) -> None:
        """The layers import each other without a cycle (the accepted import included)."""
        graph = nx.DiGraph()
        for here, found in layer_imports(SOURCES):
            graph.add_edge(here, layer_of(found.target))
        assert sorted(sorted(cycle) for cycle in nx.simple_cycles(graph)) == []

    def test_the_accepted_exception_is_documented(self) -> None:
        """Each accepted upward import is named in docs/architecture.md."""
        text = DOCS.read_text(encoding="utf-8")
        for layer, target in ACCEPTED:
            assert f"`okrkit.{layer}` -> `{target}`" in text


class TestTheWalk:
    """The walk itself: it must see what a careless change would add."""

    def model_module(self, tmp_path: Path, source: str) -> dict[Path, str]:
        """A fake okrkit/model/_extra.py holding ``source``, and the folders around it."""
        root = tmp_path / "okrkit"
        for package in ("model", "scoring", "graph"):
            (root / package).mkdir(parents=True)
            (root / package / "__init__.py").write_text("")
        path = root / "model" / "_extra.py"
        return {path: textwrap.dedent(source)}

    def test_a_lazy_upward_import_fails(self, tmp_path: Path) -> None:
        """``from okrkit.scoring import rollup`` inside a model function is caught."""
        sources = self.model_module(
            tmp_path,
            """
            def score(okrs):
                from okrkit.scoring import rollup

                return rollup(okrs)
            """,
        )
        found = upward(sources, tmp_path / "okrkit")
        assert found == [
            "okrkit/model/_extra.py:3 imports okrkit.scoring (lazily) (model -> scoring)"
        ]

    @pytest.mark.parametrize(
        "source",
        [
            "import okrkit.graph",
            "from okrkit import graph",
            "from .. import graph",
            "from ..graph import AlignmentGraph",
            "import importlib\nimportlib.import_module('okrkit.graph')",
            "from okrkit import OKRSet",  # the facade sits on top of everything
        ],
    )
    def test_every_spelling_is_caught(self, tmp_path: Path, source: str) -> None:
        """Absolute, relative, ``from okrkit import`` and import_module all count."""
        sources = self.model_module(tmp_path, source)
        assert len(upward(sources, tmp_path / "okrkit")) == 1

    def test_annotations_only_imports_are_not_counted(self, tmp_path: Path) -> None:
        """Imports under ``if TYPE_CHECKING:`` are allowed; its ``else`` branch is not."""
        sources = self.model_module(
            tmp_path,
            """
            from typing import TYPE_CHECKING

            if TYPE_CHECKING:
                from okrkit.scoring import Scorecard
            else:
                from okrkit.graph import AlignmentGraph
            """,
        )
        assert [line.split(" (")[-1] for line in upward(sources, tmp_path / "okrkit")] == [
            "model -> graph)"
        ]


def run(code: str) -> str:
    """Run ``code`` in a fresh interpreter and return what it prints."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    ).stdout.strip()


class TestRegistrationFromAbove:
    """The conveniences that need higher layers work, whatever the user imports first."""

    def test_importing_the_model_alone_gets_everything(self) -> None:
        """``import okrkit.model`` alone: check-ins become a log, score() and graph work."""
        out = run(
            """
            import datetime as dt
            from okrkit.model import CheckIn, Cycle, KeyResult, Metric, Objective, OKRSet, Owner

            okrs = OKRSet(
                cycles=[Cycle.quarter(2026, 1)],
                owners=[Owner(id="ceo", name="Minh", kind="person")],
                objectives=[Objective(
                    id="o", title="Grow", owner="ceo", cycle="2026-Q1", level="company",
                    key_results=[KeyResult(id="kr", title="Users from 0 to 10",
                        metric=Metric(kind="increase", start=0, target=10))],
                )],
                checkins=[CheckIn(key_result="kr", on=dt.date(2026, 2, 1), value=5)],
            )
            card = okrs.score(as_of=dt.date(2026, 3, 1))
            print(type(okrs.checkins).__name__, card.value("kr"), okrs.graph.roots()[0].id)
            """
        )
        assert out == "CheckInLog 0.5 o"

    def test_import_okrkit_loads_neither_graph_nor_scoring(self) -> None:
        """The lent conveniences import networkx and scoring only when first used."""
        out = run(
            """
            import sys, okrkit
            heavy = {"networkx", "pandas", "okrkit.graph._graph", "okrkit.scoring"}
            print(sorted(heavy & set(sys.modules)))
            """
        )
        assert out == "[]"

    def test_errors_are_worded_by_i18n(self) -> None:
        """okrkit.i18n lends its gettext to okrkit.errors, which never imports it."""
        assert okrkit.errors._gettext is okrkit.i18n.gettext
        error = okrkit.errors.ValidationError([Problem(message="a"), Problem(message="b")])
        with okrkit.i18n.use_locale("vi"):  # worded when shown, in the locale then
            assert str(error).startswith("Phát hiện 2 lỗi")
