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
