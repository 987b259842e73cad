"""The arguments of catalogue.load and Template.instantiate, and the errors about them.

``load(extra=...)`` takes one path as well as a list; ``instantiate`` blames the caller's
own arguments (owner, cycle, id, level, the parameters) by the template id and the
argument's name, never the package's own template file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from okrkit import Cycle, TemplateError, catalogue
from okrkit.errors import UsageError
from okrkit.i18n import use_locale

CATALOGUE = catalogue.load()
TEMPLATE = CATALOGUE.get("pm-launch-new-product")
Q2 = Cycle.quarter(2026, 2)

MINE = """\
templates:
  - id: my-own-template
    domain: sales
    source: {document: custom}
    level: team
    tags: [sales]
    objective: {vi: Tăng doanh số, en: Grow sales}
    key_results:
      - title: {vi: Ký 10 hợp đồng mới, en: Sign 10 new contracts}
        metric: {kind: at_least, target: 10, unit: count}
"""


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    """A template file of the user's own."""
    path = tmp_path / "mine.yaml"
    path.write_text(MINE, encoding="utf-8")
    return path


class TestLoadExtra:
    def test_one_path_as_text(self, mine: Path) -> None:
        """load(extra="mine.yaml") reads that one file, not its characters."""
        cat = catalogue.load(extra=str(mine))
        assert "my-own-template" in cat
        assert len(cat) == len(CATALOGUE) + 1

    def test_one_path_as_a_path(self, mine: Path) -> None:
        """A pathlib.Path alone works too."""
        assert "my-own-template" in catalogue.load(extra=mine)

    def test_a_list_still_works(self, mine: Path) -> None:
        """A list of paths is read as before."""
        assert "my-own-template" in catalogue.load(extra=[mine])
        assert catalogue.load(extra=[]) is CATALOGUE

    def test_a_missing_file_is_one_problem(self, tmp_path: Path) -> None:
        """A missing file given alone is one problem that names the file."""
        missing = tmp_path / "nope.yaml"
        with pytest.raises(TemplateError) as excinfo:
            catalogue.load(extra=str(missing))
        (problem,) = excinfo.value.problems
        assert problem.file == str(missing)

    @pytest.mark.parametrize(
        "extra", [5, b"mine.yaml", {"a": "b.yaml"}, [5], ["ok.yaml", None], ""]
    )
    def test_what_is_not_a_path_is_refused(self, extra: object) -> None:
        """Anything but a path or a list of paths raises UsageError (a TypeError)."""
        with pytest.raises(UsageError, match="'extra' must be the path of a template file"):
            catalogue.load(extra=extra)  # type: ignore[arg-type]


class TestCallersArguments:
    @pytest.mark.parametrize(
        ("arguments", "name", "value"),
        [
            ({"owner": "la n"}, "owner", "'la n'"),
            ({"cycle": "2026 Q2"}, "cycle", "'2026 Q2'"),
            ({"id": "my objective"}, "id", "'my objective'"),
            ({"level": "galaxy"}, "level", "'galaxy'"),
        ],
    )
    def test_blames_the_argument_not_the_package_file(
        self, arguments: dict[str, str], name: str, value: str
    ) -> None:
        """A bad owner, cycle, id or level names the template id and the argument, no file."""
        given = {"owner": "lan", "cycle": "2026-Q2", **arguments}
        with pytest.raises(TemplateError) as excinfo:
            TEMPLATE.instantiate({}, locale="en", **given)  # type: ignore[arg-type]
        (problem,) = excinfo.value.problems
        assert problem.file is None
        assert problem.line is None
        assert problem.path == name
        assert problem.entity_id == TEMPLATE.id
        message = str(excinfo.value)
        assert message.startswith(f"{name} ({TEMPLATE.id}): '{name}' must be")
        assert value in message
        assert ".yaml" not in message
        assert "with these parameters" not in message

    def test_the_reviewers_case(self) -> None:
        """instantiate({}, owner="la n", cycle="2026-Q2") names neither product.yaml nor a file."""
        with pytest.raises(TemplateError) as excinfo:
            TEMPLATE.instantiate({}, owner="la n", cycle="2026-Q2")
        assert "product.yaml" not in str(excinfo.value)
        assert all(problem.file is None for problem in excinfo.value.problems)

    def test_every_problem_at_once(self) -> None:
        """Problems with the arguments and with the parameters are reported together."""
        with pytest.raises(TemplateError) as excinfo:
            TEMPLATE.instantiate({"interviews": "many"}, owner="", cycle="bad cycle")
        paths = [problem.path for problem in excinfo.value.problems]
        assert paths[:2] == ["owner", "cycle"]
        assert any("'interviews'" in problem.message for problem in excinfo.value.problems)
        assert all(problem.file is None for problem in excinfo.value.problems)

    def test_in_the_readers_locale(self) -> None:
        """The argument's problem reads in Vietnamese when shown in Vietnamese."""
        with pytest.raises(TemplateError) as excinfo:
            TEMPLATE.instantiate(owner="la n", cycle=Q2)
        with use_locale("vi"):
            shown = str(excinfo.value)
        assert shown.startswith(f"owner ({TEMPLATE.id}): 'owner' ")
        assert "must be" not in shown

    def test_good_arguments_still_make_the_objective(self) -> None:
        """Valid arguments, a Cycle and an id of the caller's own still work."""
        objective = TEMPLATE.instantiate(owner="lan", cycle=Q2, id="launch", level="department")
        assert (objective.id, objective.owner, objective.cycle) == ("launch", "lan", Q2.id)
        assert objective.key_results[0].id == "launch-kr1"


class TestParametersMapping:
    @pytest.mark.parametrize(
        ("params", "kind"), [([("interviews", 40)], "a list"), ("interviews=40", "a text")]
    )
    def test_not_a_mapping_is_refused(self, params: object, kind: str) -> None:
        """A list of pairs or a text is refused with UsageError naming the template."""
        for call in (
            lambda: TEMPLATE.instantiate(params, owner="lan", cycle=Q2),  # type: ignore[arg-type]
            lambda: TEMPLATE.resolve(params),  # type: ignore[arg-type]
        ):
            with pytest.raises(UsageError) as excinfo:
                call()
            message = str(excinfo.value)
            assert f"the parameters of template '{TEMPLATE.id}' must be a mapping" in message
            assert f"(got {kind})" in message

    def test_a_mapping_of_any_kind_works(self) -> None:
        """Any Mapping, not only a dict, is read."""
        from types import MappingProxyType

        objective = TEMPLATE.instantiate(
            MappingProxyType({"interviews": 40}), owner="lan", cycle=Q2, locale="en"
        )
        assert "40" in objective.key_results[0].title
