"""The alignment map: a picture of the example that fits a slide, goldens, choices, escaping.

The picture tests need Graphviz (the ``graphviz`` package and Debian's ``graphviz``
for ``dot``); without it they are skipped, except where ``OKRKIT_REQUIRE_GRAPHVIZ=1``
(as ``.ci/run`` sets it), where they fail.

Regenerate the golden DOT and Mermaid files after a change that is meant::

    OKRKIT_REGEN_GOLDEN=1 .venv/bin/pytest tests/report/test_map.py
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import html
import io
import os
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

import okrkit
from builders import kr, objective
from graph.test_export_safety import PAYLOADS as EXPORT_PAYLOADS
from okrkit import Cycle, Owner
from okrkit.cli import main
from okrkit.errors import FormatError, UnknownIdError, UsageError
from okrkit.graph._escape import plain_line
from okrkit.i18n import use_locale
from okrkit.model import Level, OKRSet, OwnerKind
from okrkit.report import alignment_map, build_scorecard, graphviz_available, to_html

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("OKRKIT_REGEN_GOLDEN") == "1"
AS_OF = dt.date(2026, 3, 20)
FILES = {"vi": "acme.yaml", "en": "acme.en.yaml"}


@functools.cache
def example(locale: str) -> OKRSet:
    """The example in ``locale``'s language."""
    return okrkit.load(ROOT / "examples" / FILES[locale])


def need_graphviz() -> None:
    """Skip without Graphviz; fail instead where CI requires the picture tests."""
    if graphviz_available():
        return
    reason = "Graphviz is not installed (apt install graphviz; pip install -e '.[dev]')"
    if os.environ.get("OKRKIT_REQUIRE_GRAPHVIZ") == "1":
        pytest.fail(f"{reason}; OKRKIT_REQUIRE_GRAPHVIZ=1 requires the map tests to run")
    pytest.skip(reason)


def png_size(image: bytes) -> tuple[int, int]:
    """The width and height a PNG's header gives."""
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", image[16:24])
    return width, height


# -- the picture ----------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_example_map_fits_a_slide(locale: str) -> None:
    """At 96 dpi: at most 4,000 pixels wide, between 1:3 and 3:1, and not blank."""
    need_graphviz()
    image = alignment_map(example(locale), as_of=AS_OF, locale=locale).to_png()
    width, height = png_size(image)
    assert width <= 4000, (width, height)
    assert 1 / 3 <= width / height <= 3, (width, height)
    import matplotlib.image

    pixels = matplotlib.image.imread(io.BytesIO(image), format="png")
    assert pixels.std() > 0.05  # not one flat colour
    # the status colours are there: some pixels are far from grey
    rgb = pixels[..., :3]
    assert (rgb.max(axis=-1) - rgb.min(axis=-1) > 0.3).mean() > 0.01


def test_svg_is_well_formed_and_holds_every_objective() -> None:
    """Graphviz's SVG parses as XML and has a node for every objective."""
    need_graphviz()
    okrs = example("vi")
    svg = alignment_map(okrs, as_of=AS_OF).to_svg()
    tree = ET.fromstring(svg)
    titles = {t.text for t in tree.iter("{http://www.w3.org/2000/svg}title") if t.text is not None}
    assert {o.id for o in okrs.objectives} <= titles


# -- goldens ----------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("form", ["dot", "mmd"])
def test_matches_golden_file(locale: str, form: str) -> None:
    """The example's DOT and Mermaid as of 2026-03-20 are the golden files."""
    chart = alignment_map(example(locale), as_of=AS_OF, locale=locale)
    text = chart.to_dot() if form == "dot" else chart.to_mermaid()
    path = GOLDEN / f"map.{locale}.{form}"
    if REGENERATE:
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                str(path),
                "now",
            )
        )
        pytest.fail(f"{path.name} differs (OKRKIT_REGEN_GOLDEN=1 to accept):\n{diff[:4000]}")


def label_lines(dot: str) -> list[str]:
    """Every line of text inside the HTML labels of the DOT's boxes (not its heading)."""
    found = []
    boxes = "\n".join(line for line in dot.splitlines() if re.match(r'\s*"[^"]+" \[label=<', line))
    for cell in re.findall(r"<TD[^>]*>(.*?)</TD>", boxes):
        text = re.sub(r"<(?!BR)[^>]+>", "", cell).removeprefix("■ ")  # a key result's square
        found.extend(part for part in re.split(r"<BR[^>]*/>", text) if part)
    return found


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_labels_are_wrapped_without_breaking_words(locale: str) -> None:
    """No line of a box is over 30 characters, and each is made of whole words."""
    okrs = example(locale)
    dot = alignment_map(okrs, as_of=AS_OF, locale=locale).to_dot()
    words = {
        w
        for o in okrs.objectives
        for t in (o.title, *(k.title for k in o.key_results))
        for w in t.split()
    }
    for line in label_lines(dot):
        plain = html.unescape(line)
        if "·" in plain or not plain.strip():
            continue
        assert len(plain) <= 30, plain
    wrapped = [line for line in label_lines(dot) if "·" not in line]
    for line in wrapped:  # every piece is made of whole words of the titles
        for word in line.split():
            if not re.fullmatch(r"\d+%", word):
                assert html.unescape(word) in words, (word, line)


def test_clusters_group_departments_and_teams() -> None:
    """Every department and team with objectives is a labelled cluster."""
    okrs = example("vi")
    dot = alignment_map(okrs, as_of=AS_OF).to_dot()
    mermaid = alignment_map(okrs, as_of=AS_OF).to_mermaid()
    units = [o for o in okrs.owners if o.kind in (OwnerKind.DEPARTMENT, OwnerKind.TEAM)]
    with_objectives = {o.owner for o in okrs.objectives}
    for unit in units:
        if unit.id in with_objectives:
            assert f'subgraph "cluster_{unit.id}"' in dot
            assert f'subgraph g_{unit.id.replace("-", "_")}["{unit.name}"]' in mermaid
    # a team's cluster sits inside its department's
    sales = dot.index('subgraph "cluster_dept-sales"')
    team = dot.index('subgraph "cluster_team-sales-hn"')
    assert sales < team < dot.index("\n  }", sales)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_status_classes_match_the_scorecard(locale: str) -> None:
    """Each node's class is its status as okrkit.score gives it, as of 2026-03-20."""
    okrs = example(locale)
    card = okrs.score(as_of=AS_OF)
    mermaid = alignment_map(okrs, as_of=AS_OF, locale=locale, expand_key_results=True).to_mermaid()
    classes: dict[str, str] = {}
    for members, status in re.findall(r"^  class (\S+) (\w+)$", mermaid, re.MULTILINE):
        for node in members.split(","):
            classes[node] = status
    for ident in [o.id for o in okrs.objectives] + [k.id for k in okrs.key_results]:
        node = "n_" + re.sub(r"[^A-Za-z0-9_]", "_", ident)
        assert classes[node] == card[ident].status.value, ident
    dot = alignment_map(okrs, as_of=AS_OF, locale=locale).to_dot()
    for line in okrs.objectives:
        status = card[line.id].status
        node = re.search(rf'^\s*"{line.id}" \[label=<(.*)>, class="\w+"\];$', dot, re.MULTILINE)
        assert node is not None
        with use_locale(locale):
            assert status.label in node.group(1)


# -- what the map shows ----------------------------------------------------------------------


def test_owner_gives_one_department_and_everything_below() -> None:
    """--owner: the unit's objectives, its units' and all aligned below."""
    okrs = example("en")
    shown = {o.id for o in alignment_map(okrs, as_of=AS_OF, owner="dept-sales").data.objectives}
    units = {
        "dept-sales",
        "team-sales-hn",
        "team-sales-hcm",
        "team-sales-dn",
        "dung",
        "tuan",
        "phuong",
        "son",
    }
    expected = {o.id for o in okrs.objectives if o.owner in units}
    graph = okrs.graph
    for ident in list(expected):
        expected |= {d for d in graph.descendants(ident) if graph.kind(d).value == "objective"}
    assert shown == expected
    assert "obj-sales-growth" in shown
    assert "obj-co-growth" not in shown


def test_depth_one_is_the_company_level() -> None:
    """--depth 1: the company objectives only."""
    okrs = example("en")
    data = alignment_map(okrs, as_of=AS_OF, depth=1).data
    assert {o.level for o in data.objectives} == {Level.COMPANY}
    assert {o.id for o in data.objectives} == {
        o.id for o in okrs.objectives if o.level is Level.COMPANY
    }


def test_level_keeps_levels_down_to_it() -> None:
    """--level department: company and department objectives."""
    data = alignment_map(example("en"), as_of=AS_OF, level="department").data
    assert {o.level for o in data.objectives} == {Level.COMPANY, Level.DEPARTMENT}


def test_initiatives_and_no_key_results() -> None:
    """Initiatives on request; key results can be left out."""
    okrs = example("en")
    chart = alignment_map(okrs, as_of=AS_OF, initiatives=True)
    assert chart.data.initiatives
    assert all(link.kind != "drives" or link.target_key_result for link in chart.data.links)
    assert '"ini-setup-wizard"' in chart.to_dot()
    bare = alignment_map(okrs, as_of=AS_OF, key_results=False).to_dot()
    assert "PORT=" not in bare
    assert "kr-co-mrr" not in bare


def test_bad_choices_raise_the_librarys_errors() -> None:
    """An unknown owner, a depth of 0 and a made-up level are refused."""
    okrs = example("en")
    with pytest.raises(UnknownIdError, match="dept-sales"):
        alignment_map(okrs, owner="dept-sale")
    with pytest.raises(UsageError):
        alignment_map(okrs, depth=0)
    with pytest.raises(ValueError, match="level"):
        alignment_map(okrs, level="galaxy")


# -- the command line -------------------------------------------------------------------------


def test_cli_writes_each_format(tmp_path: Path) -> None:
    """The command writes Mermaid, DOT and (with Graphviz) PNG."""
    runner = CliRunner()
    source = str(ROOT / "examples" / "acme.yaml")
    result = runner.invoke(main, ["map", source, "--as-of", "2026-03-20", "-f", "mermaid"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("---\ntitle: ")
    result = runner.invoke(
        main, ["map", source, "--as-of", "2026-03-20", "-f", "dot", "--depth", "1"]
    )
    assert result.exit_code == 0
    assert "digraph okr_map" in result.stdout
    assert "obj-sales-growth" not in result.stdout
    if graphviz_available():
        out = tmp_path / "map.png"
        result = runner.invoke(
            main, ["map", source, "--as-of", "2026-03-20", "-f", "png", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert png_size(out.read_bytes())[0] <= 4000


@pytest.mark.parametrize(("locale", "words"), [("vi", "Graphviz"), ("en", "Graphviz")])
def test_png_without_dot_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str, words: str
) -> None:
    """No dot on the PATH: exit 1, one localised line on standard error, no traceback."""
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no dot anywhere
    out = tmp_path / "map.png"
    result = CliRunner().invoke(
        main,
        [
            "map",
            str(ROOT / "examples" / "acme.yaml"),
            "-f",
            "png",
            "-o",
            str(out),
            "--locale",
            locale,
        ],
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert words in lines[0]
    assert "Traceback" not in result.output
    assert "Graphviz" in lines[0]
    assert ("cài" in lines[0]) if locale == "vi" else ("install" in lines[0])
    assert not out.exists()


def test_default_format_without_dot_prints_dot_and_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without Graphviz and without --format: the DOT text, and one line saying so."""
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(
        main, ["map", str(ROOT / "examples" / "acme.en.yaml"), "--locale", "en"]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("digraph okr_map")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Graphviz" in result.stderr


# -- hostile text ------------------------------------------------------------------------------

# The export-safety payloads of the hostile input issue, and a few aimed at DOT's HTML labels.
PAYLOADS = [
    *EXPORT_PAYLOADS,
    "</TD></TR></TABLE>> ]; evil [label=<x",
    "&#60; &lt; &#x3C;",
]


def hostile_set(text: str) -> OKRSet:
    """Two objectives whose titles, key results, owner, cycle and note hold ``text``."""
    cycle = Cycle(
        id="2026-Q1", name="Q1 " + text, start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31)
    )
    owners = [
        Owner(id="acme", name="Acme", kind=OwnerKind.COMPANY),
        Owner(id="team", name="Team " + text, kind=OwnerKind.TEAM, parent="acme"),
    ]
    top = objective(
        "obj-0",
        kr("kr-0", title="K " + text),
        title="O " + text,
        owner="acme",
        level=Level.COMPANY,
    )
    below = objective("obj-1", kr("kr-1", title=text), title=text, aligned_to=["kr-0"])
    okrs = OKRSet(cycles=[cycle], owners=owners, objectives=[top, below])
    graph = okrs.graph.copy()
    graph.depends_on("obj-0", "obj-1", note=text)
    return graph.to_okrset()


MERMAID_STATEMENT = re.compile(
    "|".join(
        [
            r"flowchart BT",
            r'subgraph \w+\["[^"]*"\]',
            r"direction BT",
            r"end",
            r'\w+(\["[^"]*"\]|\("[^"]*"\)|\{\{"[^"]*"\}\})',
            r"\w+ (-->|-\.->|==>) \w+",
            r'\w+ -\. "[^"]*" \.-> \w+',
            r"classDef \w+ \S+",
            r"class [\w,]+ \w+",
        ]
    )
)


@pytest.mark.parametrize("text", PAYLOADS)
def test_hostile_titles_stay_text_in_mermaid(text: str) -> None:
    """Every line is one of the statements the map writes; a title adds none."""
    mermaid = alignment_map(hostile_set(text), as_of=AS_OF, locale="en").to_mermaid()
    head, title, rule, body = mermaid.split("\n", 3)
    assert (head, rule) == ("---", "---")
    assert title.startswith('title: "')
    statements = body.splitlines()
    for line in statements[1:]:
        assert MERMAID_STATEMENT.fullmatch(line.strip()), line
    assert sum(line.strip().startswith("subgraph ") for line in statements) == 2  # team, legend
    assert sum(line.strip() == "end" for line in statements) == 2
    assert "<script" not in mermaid
    assert "<img" not in mermaid
    assert "%%" not in body
    assert not any(line.strip().startswith(("click", "style")) for line in statements)


@pytest.mark.parametrize("text", PAYLOADS)
def test_hostile_titles_stay_text_in_dot_and_svg(text: str) -> None:
    """HTML labels hold the payload as text; the SVG has no element made of it."""
    okrs = hostile_set(text)
    dot = alignment_map(okrs, as_of=AS_OF, locale="en").to_dot()
    labels = "".join(re.findall(r"label=<(.*)>[,\]]", dot))
    assert labels
    assert "<script" not in labels
    assert "<img" not in labels
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u202e]", dot)
    if not graphviz_available():
        return
    svg = alignment_map(okrs, as_of=AS_OF, locale="en").to_svg()
    tree = ET.fromstring(svg)  # well-formed XML
    assert not [
        e for e in tree.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "img", "foreignObject")
    ]
    nodes = [
        g
        for g in tree.iter("{http://www.w3.org/2000/svg}g")
        if "node" in (g.get("class") or "").split()
    ]
    assert len(nodes) == 2  # one box per objective: the title added none
    shown = " ".join(t.text or "" for t in tree.iter("{http://www.w3.org/2000/svg}text"))
    first_word = plain_line(text).split()[0]
    assert first_word in shown


def test_html_report_embeds_the_map_as_inline_svg() -> None:
    """The HTML scorecard holds the map as inline SVG, escaped."""
    need_graphviz()
    okrs = hostile_set("<script>alert(1)</script>")
    page = to_html(
        build_scorecard(okrs, as_of=AS_OF, burnup=False),
        locale="vi",
        alignment=alignment_map(okrs, as_of=AS_OF, locale="vi"),
    )
    assert '<section class="map">' in page
    assert "<svg" in page.split('<section class="map">')[1]
    assert "<script" not in page
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    assert "&lt;script&gt;" in page


def test_notebook_shows_the_svg() -> None:
    """The SVG alone where Graphviz is, the Mermaid text where it is not; a short repr."""
    chart = alignment_map(example("en"), as_of=AS_OF, depth=1, locale="en")
    shown = chart._repr_svg_()
    if graphviz_available():
        assert shown is not None
        assert shown.lstrip().startswith("<?xml")
        assert chart._repr_markdown_() is None  # a notebook would show Markdown first
    else:
        assert shown is None
        markdown = chart._repr_markdown_()
        assert markdown is not None
        assert markdown.startswith("```mermaid\n")
    assert repr(chart) == "<AlignmentMap: 3 objectives, as of 2026-03-20, en>"


def test_nothing_to_draw_is_one_clear_line() -> None:
    """A person who owns no objective: status 1 and one line, not a blank picture."""
    result = CliRunner().invoke(
        main, ["map", str(ROOT / "examples" / "acme.en.yaml"), "--owner", "tuan", "-f", "dot"]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "tuan" in result.stderr


def test_expand_without_key_results_is_refused() -> None:
    """--expand --no-key-results cannot both hold: a usage error, not a silent choice."""
    with pytest.raises(UsageError, match="expand"):
        alignment_map(example("en"), key_results=False, expand_key_results=True)


def test_dot_nodes_carry_their_status_as_class() -> None:
    """Each box has class=<status code>, which Graphviz writes into the SVG for styling."""
    okrs = example("en")
    card = okrs.score(as_of=AS_OF)
    dot = alignment_map(okrs, as_of=AS_OF, expand_key_results=True).to_dot()
    for ident in [o.id for o in okrs.objectives] + [k.id for k in okrs.key_results]:
        assert re.search(
            rf'^\s*"{ident}" \[label=<.*>, class="{card[ident].status.value}"\];$', dot, re.M
        )


def test_links_meeting_at_the_same_ends_are_drawn_once() -> None:
    """Initiatives driving two key results of one objective: one line without key results."""
    chart = alignment_map(example("en"), as_of=AS_OF, key_results=False, initiatives=True)
    for text in (chart.to_dot(), chart.to_mermaid()):
        links = [line for line in text.splitlines() if "->" in line or "==>" in line]
        assert len(links) == len(set(links))
    assert '"ini-setup-wizard"' in chart.to_dot()


def test_dot_failing_is_the_librarys_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Graphviz's dot exiting with an error: a FormatError in okrkit's words, not dot's."""
    graphviz = pytest.importorskip("graphviz")

    def failing(*args: object, **kwargs: object) -> bytes:
        raise graphviz.CalledProcessError(1, ["dot"], stderr=b"Error: syntax error in line 1")

    monkeypatch.setattr(graphviz.Source, "pipe", failing)
    chart = alignment_map(example("vi"), as_of=AS_OF, depth=1, locale="vi")
    with pytest.raises(FormatError) as caught, use_locale("vi"):
        chart.to_svg()
    with use_locale("vi"):
        text = str(caught.value)
    assert "syntax" not in text
    assert "dot" in text


def wide_set(roots: int, per_root: int) -> OKRSet:
    """``roots`` company objectives, each with ``per_root`` team objectives under it."""
    owners = [
        Owner(id="acme", name="Acme", kind=OwnerKind.COMPANY),
        Owner(id="team", name="Team", kind=OwnerKind.TEAM, parent="acme"),
    ]
    objectives = []
    for r in range(roots):
        objectives.append(objective(f"c{r}", kr(f"kc{r}"), owner="acme", level=Level.COMPANY))
        objectives.extend(
            objective(f"t{r}-{n}", kr(f"kt{r}-{n}"), aligned_to=[f"c{r}"]) for n in range(per_root)
        )
    return OKRSet(cycles=[Cycle.quarter(2026, 1)], owners=owners, objectives=objectives)


def test_html_report_maps_as_many_levels_as_fit_a_page() -> None:
    """A set too big for a page: its company level only; too many at the top: no map."""
    from okrkit.cli._report import PAGE_MAP_OBJECTIVES, page_map

    small = wide_set(2, 3)
    chart = page_map(small, build_scorecard(small, as_of=AS_OF, burnup=False))
    assert chart is not None
    assert len(chart.data.objectives) == 8
    big = wide_set(3, 200)
    chart = page_map(big, build_scorecard(big, as_of=AS_OF, burnup=False))
    assert chart is not None
    assert [o.id for o in chart.data.objectives] == ["c0", "c1", "c2"]
    crowded = wide_set(PAGE_MAP_OBJECTIVES + 1, 0)
    assert page_map(crowded, build_scorecard(crowded, as_of=AS_OF, burnup=False)) is None


def test_html_report_of_a_big_set_still_works(tmp_path: Path) -> None:
    """The HTML report of 603 objectives: the page, with the top of the map."""
    need_graphviz()
    source = tmp_path / "big.yaml"
    okrkit.dump(wide_set(3, 200), source)
    out = tmp_path / "big.html"
    result = CliRunner().invoke(
        main, ["report", str(source), "--format", "html", "-o", str(out), "--as-of", "2026-03-20"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<section class="map">' in page


def test_map_reuses_a_built_scorecard() -> None:
    """scorecard=: the map takes its scores and date; another as_of is refused."""
    okrs = example("en")
    card = build_scorecard(okrs, as_of=AS_OF, burnup=False)
    chart = alignment_map(okrs, scorecard=card, locale="en")
    assert chart.data.scorecard is card
    assert chart.data.as_of == AS_OF
    with pytest.raises(UsageError):
        alignment_map(okrs, scorecard=card, as_of="2026-03-21")


def test_a_map_past_the_limit_is_refused_before_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    """603 objectives: refused at once, naming the count, without making a scorecard.

    A big company's map is refused in the time of reading the set, not of scoring every
    key result first; one level of it (``depth=1``) is still drawn.
    """
    big = wide_set(3, 200)

    def no_scorecard(*args: object, **kwargs: object) -> None:
        raise AssertionError("the scorecard was built for a map that is refused")

    with monkeypatch.context() as patched:
        patched.setattr("okrkit.report._map_data.build_scorecard", no_scorecard)
        with use_locale("en"), pytest.raises(UsageError) as raised:
            alignment_map(big, as_of=AS_OF)
        with pytest.raises(UnknownIdError):
            alignment_map(big, as_of=AS_OF, owner="nobody")
    message = str(raised.value)
    assert "603 objectives" in message
    assert "400" in message
    top = alignment_map(big, as_of=AS_OF, depth=1)
    assert [o.id for o in top.data.objectives] == ["c0", "c1", "c2"]
    assert [o.score for o in top.data.objectives] == [
        build_scorecard(big, as_of=AS_OF, burnup=False).objectives[n].score for n in (0, 201, 402)
    ]


def test_a_team_called_legend_keeps_its_own_mermaid_box() -> None:
    """A unit whose id is ``legend`` and the map's legend get two subgraph ids, not one."""
    okrs = example("en")
    renamed = okrkit.loads(
        okrkit.dumps(okrs, "yaml").replace("team-qa", "legend"), "yaml", source="legend.yaml"
    )
    text = alignment_map(renamed, as_of=AS_OF, locale="en").to_mermaid()
    ids = re.findall(r"^\s*subgraph (\S+?)\[", text, flags=re.MULTILINE)
    assert len(ids) == len(set(ids)), ids
    assert "g_legend" in ids
    assert "g_legend_2" in ids
