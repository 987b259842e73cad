"""The docs site: every page in both languages, every Python block runs, references fresh.

- Every English page ``docs/X.md`` has its Vietnamese twin ``docs/X.vi.md`` (the
  mkdocs-static-i18n suffix structure), and every twin its English page.
- Every ```python block of every page runs: the blocks of a page in order, in one
  namespace, in a temporary folder where ``examples/`` is reachable as from the
  repository's root. A block of ``>>>`` lines runs as a doctest (its shown output is
  checked). A block that cannot run as it stands (a server, Spark) is marked in the page
  by ``<!-- not-run: reason -->`` on the line before it; those are counted and kept few.
- A Vietnamese twin shows the same Python code as its English page (comments and shown
  output may be translated), unless it says ``<!-- code-localised: reason -->`` (kept
  rare), and the same API blocks (``::: name``) and snippet includes.
- Every nav title of mkdocs.yml has a Vietnamese title.
- The generated pages (every script in scripts/ with a ``pages()``: lint rules, command
  line, template catalogue, glossary) are what their scripts render now; a stale page
  names the command that regenerates it.
"""

from __future__ import annotations

import doctest
import importlib.util
import io
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
import yaml

from okrkit.i18n import set_locale, use_locale

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SCRIPTS = ROOT / "scripts"

NOT_RUN_LIMIT = 4
"""How many blocks of the English pages may be marked not-run (their twins repeat them)."""

LOCALISED_LIMIT = 2
"""How many Vietnamese twins may show examples of their own instead of the English code."""

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)\s*(?P<lang>[\w+-]*)")
_NOT_RUN = re.compile(r"^\s*<!--\s*not-run:\s*(?P<reason>.*?)\s*-->\s*$")
_LOCALISED = re.compile(r"<!--\s*code-localised:\s*(?P<reason>\S.*?)\s*-->")
_PYTHON = {"python", "py", "python3"}
_SUFFIX = ".vi.md"


def english_pages() -> list[Path]:
    """The English pages: every ``docs/*.md`` that is not a Vietnamese twin."""
    return sorted(p for p in DOCS.glob("*.md") if not p.name.endswith(_SUFFIX))


def vietnamese_pages() -> list[Path]:
    """The Vietnamese twins, ``docs/*.vi.md``."""
    return sorted(DOCS.glob(f"*{_SUFFIX}"))


def twin(page: Path) -> Path:
    """The other-language page of ``page``."""
    if page.name.endswith(_SUFFIX):
        return page.with_name(page.name.removesuffix(_SUFFIX) + ".md")
    return page.with_name(page.name.removesuffix(".md") + _SUFFIX)


@attrs.frozen
class Block:
    """One fenced Python block of a page."""

    page: Path
    line: int  # the 1-based line of the block's first line of code
    code: str
    not_run: str | None  # the reason given in <!-- not-run: ... -->, if any

    @property
    def is_doctest(self) -> bool:
        """Whether the block is an interactive session (``>>>`` lines)."""
        return self.code.lstrip().startswith(">>>")

    @property
    def where(self) -> str:
        """``docs/page.md:line``, to name the block in a failure."""
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def python_blocks(page: Path) -> list[Block]:
    """The page's fenced Python blocks, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks, index, before = [], 0, ""
    while index < len(lines):
        opened = _FENCE.match(lines[index])
        if opened is None:
            if lines[index].strip():
                before = lines[index]
            index += 1
            continue
        indent, fence = opened["indent"], opened["fence"]
        body, start = [], index + 1
        index += 1
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index][len(indent) :] if lines[index].startswith(indent) else "")
            index += 1
        if opened["lang"].lower() in _PYTHON:
            marked = _NOT_RUN.match(before)
            reason = marked["reason"] if marked else None
            blocks.append(Block(page, start + 1, "\n".join(body) + "\n", reason))
        before, index = "", index + 1
    return blocks


def localised_code(page: Path) -> str | None:
    """The reason a twin gives for examples of its own (``<!-- code-localised: ... -->``)."""
    found = _LOCALISED.search(page.read_text(encoding="utf-8"))
    return found["reason"] if found else None


def _code_lines(code: str) -> list[str]:
    """The code of a block without comments, blank lines or shown output: what must match."""
    kept = []
    for raw in code.splitlines():
        line = raw.rstrip()
        if line.startswith((">>> ", "... ")) or line in {">>>", "..."}:
            line = line[4:]
        elif code.lstrip().startswith(">>>"):
            continue  # a doctest's shown output, which a twin may translate
        line = re.sub(r"\s+#.*$", "", line) if not line.lstrip().startswith("#") else ""
        if line.strip():
            kept.append(line)
    return kept


def _included(page: Path) -> list[str]:
    """The page's mkdocstrings blocks and snippet includes, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip().startswith((":::", "--8<--"))]


def _all_pages() -> list[Path]:
    return english_pages() + vietnamese_pages()


class TestTwins:
    """Every page exists in English and in Vietnamese."""

    @pytest.mark.parametrize("page", english_pages(), ids=lambda p: p.name)
    def test_english_page_has_vietnamese_twin(self, page: Path) -> None:
        """docs/X.md has docs/X.vi.md."""
        missing = twin(page)
        assert missing.exists(), f"docs/{page.name} has no Vietnamese twin docs/{missing.name}"

    @pytest.mark.parametrize("page", vietnamese_pages(), ids=lambda p: p.name)
    def test_vietnamese_page_has_english_page(self, page: Path) -> None:
        """docs/X.vi.md has docs/X.md (the default language the site falls back to)."""
        assert twin(page).exists(), f"docs/{page.name} has no English page docs/{twin(page).name}"

    @pytest.mark.parametrize("page", vietnamese_pages(), ids=lambda p: p.name)
    def test_twin_shows_the_same_code(self, page: Path) -> None:
        """A twin's Python blocks are its English page's, comments and output aside.

        A twin whose examples are written in Vietnamese on purpose (Vietnamese titles
        and ids for a Vietnamese reader) says so with ``<!-- code-localised: reason -->``;
        its blocks still run, and there are as many as in the English page.
        """
        english = twin(page)
        if not english.exists():
            pytest.skip(f"docs/{english.name} does not exist (the twin test says so)")
        ours, theirs = python_blocks(page), python_blocks(english)
        assert len(ours) == len(theirs), (
            f"docs/{page.name} has {len(ours)} Python blocks, docs/{english.name} {len(theirs)}"
        )
        if localised_code(page) is not None:
            return
        for index, (mine, original) in enumerate(zip(ours, theirs, strict=True)):
            assert (_code_lines(mine.code), mine.not_run is None) == (
                _code_lines(original.code),
                original.not_run is None,
            ), f"docs/{page.name}: Python block {index + 1} differs from docs/{english.name}'s"

    @pytest.mark.parametrize("page", vietnamese_pages(), ids=lambda p: p.name)
    def test_twin_includes_the_same_parts(self, page: Path) -> None:
        """A twin has its English page's API blocks (``::: name``) and snippet includes."""
        english = twin(page)
        if not english.exists():
            pytest.skip(f"docs/{english.name} does not exist (the twin test says so)")
        assert _included(page) == _included(english), (
            f"docs/{page.name} does not include what docs/{english.name} includes "
            "(mkdocstrings blocks '::: name' and snippets '--8<--' stay as they are)"
        )


class TestMarkers:
    """The blocks marked not-run are few and say why."""

    def test_not_run_blocks_are_few(self) -> None:
        """At most NOT_RUN_LIMIT blocks of the English pages are left unrun."""
        marked = [b.where for p in english_pages() for b in python_blocks(p) if b.not_run]
        assert len(marked) <= NOT_RUN_LIMIT, f"{len(marked)} blocks are not run: {marked}"

    def test_localised_code_is_rare(self) -> None:
        """At most LOCALISED_LIMIT twins keep examples of their own, each saying why."""
        marked = {p.name: localised_code(p) for p in vietnamese_pages() if localised_code(p)}
        assert len(marked) <= LOCALISED_LIMIT, f"twins with examples of their own: {marked}"

    def test_every_marker_gives_a_reason(self) -> None:
        """``<!-- not-run: -->`` without a reason is refused."""
        empty = [b.where for p in _all_pages() for b in python_blocks(p) if b.not_run == ""]
        assert not empty, f"not-run markers without a reason: {empty}"

    def test_the_parser_sees_blocks_and_markers(self, tmp_path: Path) -> None:
        """A marked block, a doctest and a plain block, indented in a list, are all found."""
        page = tmp_path / "page.md"
        page.write_text(
            "# Page\n\n<!-- not-run: needs Spark -->\n```python\nspark.stop()\n```\n\n"
            "- item\n\n    ```python\n    >>> 1 + 1\n    2\n    ```\n\n```py\nx = 1\n```\n"
            "```sh\nokrkit --help\n```\n",
            encoding="utf-8",
        )
        found = python_blocks(page)
        assert [(b.line, b.not_run, b.is_doctest) for b in found] == [
            (5, "needs Spark", False),
            (11, None, True),
            (16, None, False),
        ]
        assert found[1].code == ">>> 1 + 1\n2\n"


def _nav_titles(items: list[object]) -> Iterator[str]:
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                yield str(title)
                if isinstance(value, list):
                    yield from _nav_titles(value)


def test_every_nav_title_has_a_vietnamese_title() -> None:
    """The Vietnamese site shows every section and page of the nav by a Vietnamese title."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (i18n,) = (p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    (vi,) = (language for language in i18n["languages"] if language["locale"] == "vi")
    missing = [t for t in _nav_titles(config["nav"]) if t not in vi["nav_translations"]]
    assert not missing, f"mkdocs.yml: add these nav titles to vi's nav_translations: {missing}"


def _run_doctest(block: Block, namespace: dict[str, object]) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block.code, namespace, block.where, str(block.page), block.line - 1)
    out = io.StringIO()
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    runner.run(test, out=out.write, clear_globs=False)
    namespace.update(test.globs)
    assert not runner.failures, f"{block.where}: the doctest fails\n{out.getvalue()}"


def _run_page(page: Path) -> Iterator[Block]:
    """Run the page's blocks in order in one namespace; yield each block as it has run."""
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem.replace('.', '_')}"}
    module = types.ModuleType(str(namespace["__name__"]))
    module.__dict__.update(namespace)
    sys.modules[module.__name__] = module  # classes and dataclasses defined in a page
    namespace = module.__dict__
    try:
        for block in python_blocks(page):
            if block.not_run is not None:
                continue
            if block.is_doctest:
                _run_doctest(block, namespace)
            else:
                padded = "\n" * (block.line - 1) + block.code  # tracebacks name the page's line
                exec(compile(padded, str(block.page), "exec"), namespace)
            yield block
    finally:
        sys.modules.pop(module.__name__, None)


@pytest.fixture
def docs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary working folder with examples/ in it; the page's global changes undone.

    A page may set the process's locale or register a scoring strategy or a lint rule
    (``register("strict", ...)``): the locale is reset and the registries get back what
    they held, so that no other test sees what a page did.
    """
    from okrkit.lint._registry import RULES
    from okrkit.scoring._registry import STRATEGIES

    for registry in (STRATEGIES, RULES):
        monkeypatch.setattr(registry, "_registered", dict(registry._registered))
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    try:
        yield tmp_path
    finally:
        set_locale(None)
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")


@pytest.mark.parametrize(
    "page",
    [p for p in _all_pages() if any(b.not_run is None for b in python_blocks(p))],
    ids=lambda p: p.name,
)
def test_python_blocks_run(page: Path, docs_folder: Path) -> None:
    """Every Python block of the page runs, in order, as a reader would run it."""
    with use_locale("en"):
        ran = list(_run_page(page))
    assert ran


def _load_script(name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_script_{name}", SCRIPTS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generators() -> list[str]:
    """The scripts that render pages in both languages (they define ``pages()``)."""
    return sorted(
        path.stem
        for path in SCRIPTS.glob("*.py")
        if not path.name.startswith("_") and "\ndef pages(" in path.read_text(encoding="utf-8")
    )


def test_the_known_generators_are_found() -> None:
    """The lint rules, the command line and the catalogue are among the generators."""
    assert {"lint_docs", "cli_docs", "catalogue_docs"} <= set(generators())


@pytest.mark.parametrize("script", generators())
def test_generated_reference_is_fresh(script: str) -> None:
    """A generated page is what its script renders now, in English and Vietnamese."""
    module = _load_script(script)
    pages = module.pages()
    assert {path.name for path in pages} == {
        name for path in pages for name in (path.name, twin(path).name)
    }, "a generated page comes with its twin"
    for path, text in pages.items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        assert current == text, f"docs/{path.name} is stale: run {module.COMMAND}"
