"""The YAML reader: scalars as before, and hostile input refused fast."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
import yaml

import okrkit
from okrkit import Limits, LoadError
from okrkit.io._yaml import parse_yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HEAD = """\
cycles: [{id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}]
owners: [{id: lan, name: Lan}]
objectives: []
"""


def problems_of(
    text: str, fmt: str = "yaml", limits: Limits | None = None
) -> list[tuple[int | None, str | None, str]]:
    """(line, path, message) of each problem found loading ``text``."""
    with pytest.raises(LoadError) as excinfo:
        okrkit.loads(text, fmt, limits=limits)
    return [(p.line, p.path, p.message) for p in excinfo.value.problems]


class TestHostileInput:
    def test_alias_bomb_refused_fast(self) -> None:
        """Billion laughs: where aliases are allowed, a huge expansion is refused.

        By default every alias is (tests/io/test_hostile_input.py).
        """
        lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
        start = time.perf_counter()
        text = "\n".join(lines) + "\n"
        ((line, _path, message),) = problems_of(text, limits=Limits(aliases=10_000))
        assert time.perf_counter() - start < 1.0
        assert "aliases here would expand to far more data" in message
        assert line is not None

    def test_a_few_aliases_are_fine(self) -> None:
        """Where aliases are allowed, anchors, aliases and merge keys read as PyYAML reads them."""
        text = (
            "cycles: [&q1 {id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}]\n"
            "owners: [{id: lan, name: &n Lan}, {<<: {name: *n}, id: minh}]\n"
            "objectives: []\n"
        )
        okrs = okrkit.loads(text, "yaml", limits=Limits(aliases=2))
        assert okrs.owner("minh").name == "Lan"

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            ("yaml", "cycles: " + "[" * 100_000 + "]" * 100_000),
            ("yaml", "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(2_000))),
            ("json", '{"cycles": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ],
        ids=["yaml-flow", "yaml-block", "json"],
    )
    def test_deep_nesting_refused_fast(self, fmt: str, text: str) -> None:
        """Nesting far deeper than any OKR file is refused with a LoadError."""
        start = time.perf_counter()
        ((_line, _path, message),) = problems_of(text, fmt)
        assert time.perf_counter() - start < 2.0
        assert "nest" in message

    def test_lines_found_only_for_problems(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file without problems is never read a second time for lines."""

        def refuse(*_args: object) -> None:
            raise AssertionError("lines were looked for")

        monkeypatch.setattr("okrkit.io._lines.YamlLines.find", refuse)
        assert okrkit.load(EXAMPLES / "acme.yaml").objectives


class TestYamlReader:
    def test_scalars_resolve_as_before(self) -> None:
        """Plain scalars resolve as the safe loader did, with YAML 1.2 booleans and floats."""
        text = (
            "a: [on, off, yes, no, true, False, null, ~, '', 12, -3, 0x1f, 1_000, 1.5, .inf,"
            " 2026-01-09, 2026-02-30, '2026-01-09', \"12\", 1e3, 1.0e+3]\n"
        )
        assert parse_yaml(text, "x")["a"][:14] == [
            "on",
            "off",
            "yes",
            "no",
            True,
            False,
            None,
            None,
            "",
            12,
            -3,
            31,
            1000,
            1.5,
        ]
        rest = parse_yaml(text, "x")["a"][14:]
        assert rest == [
            float("inf"),
            dt.date(2026, 1, 9),
            "2026-02-30",
            "2026-01-09",
            "12",
            1000.0,
            1000.0,
        ]
        assert parse_yaml(text, "x") == yaml.load(text, Loader=_loader())

    def test_every_duplicate_key_with_its_line(self) -> None:
        """Each key written twice is reported at the line of its second writing."""
        text = HEAD + "owners: []\nobjectives: []\n"
        found = [(line, message) for line, _path, message in problems_of(text)]
        assert found == [
            (3 + 1, "key 'owners' appears twice in the same group of fields; keep one"),
            (3 + 2, "key 'objectives' appears twice in the same group of fields; keep one"),
        ]

    def test_two_documents_refused(self) -> None:
        """A stream of two documents is refused rather than half read."""
        ((line, _path, message),) = problems_of("cycles: []\n---\ncycles: []\n")
        assert line == 2
        assert "more than one YAML document" in message

    def test_tags_refused(self) -> None:
        """Tags beyond YAML's own scalar and collection tags are refused."""
        ((_line, _path, message),) = problems_of("cycles: !!set {a: null}\n")
        assert "tag" in message


def _loader() -> type:
    """PyYAML's safe loader with YAML 1.2 booleans and exponents, and lenient dates."""

    class Loader(yaml.SafeLoader):
        def construct_yaml_timestamp(self, node: yaml.Node) -> object:
            try:
                return super().construct_yaml_timestamp(node)  # type: ignore[arg-type]
            except ValueError:
                return self.construct_scalar(node)  # type: ignore[arg-type]

    bool_tag = "tag:yaml.org,2002:bool"
    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != bool_tag]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        bool_tag, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?[0-9]+[eE][-+]?[0-9]+$"),
        list("-+0123456789"),
    )
    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader
