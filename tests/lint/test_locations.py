"""Diagnostics of a set read from a file name the file and the line of the entity."""

from __future__ import annotations

from pathlib import Path

import pytest

import okrkit
from okrkit.lint import SOURCE_KEY, SourceLocator, lint

BAD = """\
schema_version: 1
locale: en
cycles:
  - {id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}
owners:
  - {id: acme, name: Acme, kind: company}
  - {id: lan, name: Lan}
objectives:
  - id: o-good
    title: Delight our customers
    owner: acme
    cycle: 2026-Q1
    level: company
    key_results:
      - {id: kr-a, title: NPS from 30 to 50, metric: {kind: increase, start: 30, target: 50}}
      - {id: kr-b, title: Churn from 5 to 3, metric: {kind: decrease, start: 5, target: 3}}
  - id: o-thin
    title: Grow where customers are
    owner: acme
    cycle: 2026-Q1
    level: company
    key_results:
      - id: kr-c
        title: Revenue from 1 to 2 billion
        metric: {kind: increase, start: 1, target: 2}
"""


def write(tmp_path: Path, text: str = BAD, name: str = "okrs.yaml") -> Path:
    """Write ``text`` to ``tmp_path/name`` and return the path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestFileAndLine:
    def test_yaml_names_file_and_line(self, tmp_path: Path, locale: str):
        """OKR101 on the second objective points at its line (17) in the YAML file."""
        path = write(tmp_path)
        (found,) = lint(okrkit.load(path), rules=["OKR101"])
        assert found.entity_id == "o-thin"
        assert found.location.file == str(path)
        assert found.location.line == 17
        assert str(found.location) == f"{path}:17"

    def test_json_keeps_lines(self, tmp_path: Path):
        """A JSON file keeps the lines of its entities too."""
        okrs = okrkit.load(write(tmp_path))
        path = tmp_path / "okrs.json"
        okrkit.dump(okrs, path)
        (found,) = lint(okrkit.load(path), rules=["OKR101"])
        text = path.read_text(encoding="utf-8").splitlines()
        assert found.location.line is not None
        # The line is the objective's own: its opening brace, just before its id.
        assert '"id": "o-thin"' in text[found.location.line]

    def test_owner_path_has_a_line(self, tmp_path: Path):
        """A finding on an owner (OKR102) is placed on the owner's line."""
        many = BAD + "".join(
            f"  - {{id: o{i}, title: Objective {i}, owner: lan, cycle: 2026-Q1, "
            "level: individual}\n"
            for i in range(5)
        )
        (found,) = lint(okrkit.load(write(tmp_path, many)), rules=["OKR102"])
        assert found.location.path == "owners[1]"
        assert found.location.line == 7

    def test_toml_names_the_file_alone(self, tmp_path: Path):
        """TOML keeps no lines of entities: the diagnostic names the file, no line."""
        path = tmp_path / "okrs.toml"
        okrkit.dump(okrkit.load(write(tmp_path)), path)
        (found,) = lint(okrkit.load(path), rules=["OKR101"])
        assert (found.location.file, found.location.line) == (str(path), None)
        assert found.location.path == "objectives[1]"

    def test_loads_uses_the_source_name(self):
        """okrkit.loads places diagnostics in the ``source`` it is given."""
        okrs = okrkit.loads(BAD, "yaml", source="team.yaml")
        (found,) = lint(okrs, rules=["OKR101"])
        assert str(found.location) == "team.yaml:17"

    def test_text_read_again_only_when_asked(self, tmp_path: Path):
        """The locator reads the file when lines are asked; a file gone since gives none."""
        path = write(tmp_path)
        okrs = okrkit.load(path)
        path.unlink()
        (found,) = lint(okrs, rules=["OKR101"])
        assert (found.location.file, found.location.line) == (str(path), None)

    def test_set_built_in_python_has_no_file(self, tmp_path: Path):
        """A set made in Python from a loaded one's parts has paths, no file or line."""
        okrs = okrkit.load(write(tmp_path))
        rebuilt = okrkit.OKRSet(cycles=okrs.cycles, owners=okrs.owners, objectives=okrs.objectives)
        assert rebuilt.derived(SOURCE_KEY, lambda: None) is None
        (found,) = lint(rebuilt, rules=["OKR101"])
        assert (found.location.file, found.location.line) == (None, None)
        assert found.location.path == "objectives[1]"

    def test_locator_follows_the_protocol(self, tmp_path: Path):
        """What okrkit.load keeps is a SourceLocator that finds key results' lines."""
        locator = okrkit.load(write(tmp_path)).derived(SOURCE_KEY, lambda: None)
        assert isinstance(locator, SourceLocator)
        lines = locator.lines(["objectives[1].key_results[0]", "objectives[9]", "owners[0]"])
        assert lines == {"objectives[1].key_results[0]": 23, "owners[0]": 6}
        assert locator.lines([]) == {}

    @pytest.mark.parametrize("name", ["okrs.yaml", "okrs.json"])
    def test_with_checkins_keeps_the_place(self, tmp_path: Path, name: str):
        """A set with check-ins added keeps the file and lines of the one it came from."""
        okrs = okrkit.load(write(tmp_path))
        if name.endswith(".json"):
            okrkit.dump(okrs, tmp_path / name)
            okrs = okrkit.load(tmp_path / name)
        more = okrs.with_checkins([okrkit.CheckIn(key_result="kr-c", on="2026-02-01", value=1.5)])
        (found,) = lint(more, rules=["OKR101"])
        assert found.location.file == str(tmp_path / name)
        assert found.location.line is not None


FLOW = """\
{schema_version: 1, locale: en,
 cycles: [{id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}],
 owners: [{id: acme, name: Acme, kind: company}],
 objectives: [
   {id: o-a, title: Delight our customers, owner: acme, cycle: 2026-Q1, level: company,
    key_results: [{id: kr-a, title: NPS from 30 to 50,
                   metric: {kind: increase, start: 30, target: 50}}]}]}
"""

ODD = """\
schema_version: 1
locale: en
cycles:
  - {id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}
owners:
  - name: Acme
    id: acme
    kind: company
objectives:
  - # the first
    id: o-a
    title: Delight our customers
    owner: acme
    cycle: 2026-Q1
    level: company
    description: |
      Copied from the old plan:
      - id: kr-b
    key_results:
      - id: kr-a
        title: NPS from 30 to 50
        metric: {kind: increase, start: 30, target: 50}
      - title: Churn from 5 to 3
        id: kr-b
        metric: {kind: decrease, start: 5, target: 3}
"""


def parsed_lines(path: Path, paths: list[str]) -> dict[str, int]:
    """The lines the parsing finder gives (the locator without the set: no ids)."""
    from okrkit.io._lines import YamlLines
    from okrkit.io._locator import FileLocator

    return dict(FileLocator(str(path), YamlLines(path.read_bytes())).lines(paths))


def every_entity_path(okrs: okrkit.OKRSet) -> list[str]:
    """The path of every entity of ``okrs`` (what diagnostics point at)."""
    from okrkit.lint._run import entity_paths

    return list(entity_paths(okrs).values())


class TestLinesById:
    """Lines found by the entities' ids are the ones parsing the file gives."""

    @pytest.mark.parametrize("source", ["examples/acme.yaml", "tests/lint/data/bad.yaml"])
    @pytest.mark.parametrize("suffix", [".yaml", ".json", None])
    def test_every_entity_as_parsing_finds_it(
        self, tmp_path: Path, source: str, suffix: str | None
    ):
        """Every entity's line, in the file as written and dumped, is the parser's."""
        path = Path(__file__).parents[2] / source
        if suffix is not None:
            okrkit.dump(okrkit.load(path), tmp_path / f"okrs{suffix}")
            path = tmp_path / f"okrs{suffix}"
        okrs = okrkit.load(path)
        paths = every_entity_path(okrs)
        locator = okrs.derived(SOURCE_KEY, lambda: None)
        assert isinstance(locator, SourceLocator)
        lines = locator.lines(paths)
        assert lines == parsed_lines(path, paths)
        assert set(lines) == set(paths)

    def test_acme_en_as_json_every_diagnostic(self, tmp_path: Path):
        """acme.en.yaml dumped as JSON: each diagnostic's line is the parser's."""
        path = tmp_path / "acme.json"
        okrkit.dump(okrkit.load(Path(__file__).parents[2] / "examples/acme.en.yaml"), path)
        found = lint(okrkit.load(path), as_of="2026-03-15")
        paths = [d.location.path for d in found if d.location.path is not None]
        expected = parsed_lines(path, paths)
        assert [d.location.line for d in found] == [
            expected.get(d.location.path or "") for d in found
        ]

    def test_bad_example_every_diagnostic(self):
        """Every diagnostic of tests/lint/data/bad.yaml is on the line parsing gives."""
        path = Path(__file__).parent / "data" / "bad.yaml"
        found = lint(okrkit.load(path), as_of="2026-03-15")
        assert found
        expected = parsed_lines(path, [d.location.path or "" for d in found])
        for diagnostic in found:
            assert diagnostic.location.line == expected.get(diagnostic.location.path or "")

    def test_flow_style_falls_back(self, tmp_path: Path):
        """A file in flow style has no ids at line starts: the parser finds the lines."""
        path = write(tmp_path, FLOW)
        locator = okrkit.load(path).derived(SOURCE_KEY, lambda: None)
        assert isinstance(locator, SourceLocator)
        paths = ["cycles[0]", "owners[0]", "objectives[0]", "objectives[0].key_results[0]"]
        assert locator.lines(paths) == {
            "cycles[0]": 2,
            "owners[0]": 3,
            "objectives[0]": 5,
            "objectives[0].key_results[0]": 6,
        }

    def test_odd_shapes_fall_back(self, tmp_path: Path):
        """An id after another key or a comment, an id copied into a text: parsed for."""
        path = write(tmp_path, ODD)
        locator = okrkit.load(path).derived(SOURCE_KEY, lambda: None)
        assert isinstance(locator, SourceLocator)
        paths = [
            "owners[0]",
            "objectives[0]",
            "objectives[0].key_results[0]",
            "objectives[0].key_results[1]",
            "objectives[0].key_results[1].metric",
        ]
        # The owner's item opens on its name; the objective on the line after its
        # comment; kr-b is written twice (once in the description) and opens on its title.
        assert locator.lines(paths) == {
            "owners[0]": 6,
            "objectives[0]": 11,
            "objectives[0].key_results[0]": 20,
            "objectives[0].key_results[1]": 23,
            "objectives[0].key_results[1].metric": 25,
        }
        assert locator.lines(paths) == parsed_lines(path, paths)

    def test_crlf_and_quoted_ids(self, tmp_path: Path):
        """Windows line ends and quoted ids give the same lines as parsing."""
        text = BAD.replace("id: o-thin", "id: 'o-thin'").replace("id: kr-c", 'id: "kr-c"')
        path = tmp_path / "okrs.yaml"
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
        locator = okrkit.load(path).derived(SOURCE_KEY, lambda: None)
        assert isinstance(locator, SourceLocator)
        paths = ["objectives[1]", "objectives[1].key_results[0]", "owners[1]"]
        assert locator.lines(paths) == {
            "objectives[1]": 17,
            "objectives[1].key_results[0]": 23,
            "owners[1]": 7,
        }
