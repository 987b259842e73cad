"""The catalogue: instantiation with random values, and reading hostile template files."""

from __future__ import annotations

import functools
import random
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.documents import broken_text, yaml_data
from fuzz.hostile import emit, hostile_numbers, hostile_texts, hostile_values, no_escape
from fuzz.mutations import mutated
from okrkit import Cycle, Owner, catalogue
from okrkit.catalogue import Period, Template

pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr"
)  # a failing input is large

_TEMPLATES = Path(catalogue.__file__).parent / "templates"


@functools.cache
def _catalogue() -> catalogue.Catalogue:
    return catalogue.load()


@functools.cache
def _template_files() -> tuple[Any, ...]:
    return tuple(
        yaml_data(path.read_text(encoding="utf-8")) for path in sorted(_TEMPLATES.glob("*.yaml"))
    )


def _templates() -> st.SearchStrategy[Template]:
    return st.sampled_from(sorted(_catalogue(), key=lambda template: template.id))


_PARAMETER_VALUES = st.one_of(
    st.integers(-10, 500).map(str),
    st.sampled_from(["1.500", "1,5", "1.500.000", "35%", "3 tháng", "2 weeks", "0 days", "end"]),
    st.sampled_from(["2026-03-31", "2026-02-30", "month-2-end", "99999-01-01"]),
    st.dates(),
    st.datetimes(),
    st.builds(Period, st.integers(-5, 10**6), st.sampled_from(["day", "week", "eon", ""])),
    hostile_numbers(raw=False),
    hostile_values(raw=False),
)
_CYCLES = st.one_of(
    st.just(Cycle.quarter(2026, 1)),
    st.builds(Cycle.year, st.integers(1, 9999)),
    st.builds(Cycle.quarter, st.integers(1, 9999), st.integers(1, 4)),
    hostile_texts(),
)


@st.composite
def parameters(draw: st.DrawFn, template: Template) -> dict[Any, Any]:
    """Values for some of ``template``'s parameters, and for some it does not have."""
    names = [param.name for param in template.parameters]
    chosen = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    values: dict[Any, Any] = {name: draw(_PARAMETER_VALUES) for name in chosen}
    if draw(st.integers(0, 4)) == 0:
        values[draw(hostile_texts())] = draw(_PARAMETER_VALUES)
    return values


class TestInstantiate:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_random_parameter_values(self, data: st.DataObject) -> None:
        """Random values for a template's parameters give a TemplateError or an objective."""
        template = data.draw(_templates(), label="template")
        params = data.draw(parameters(template), label="params")
        owner = data.draw(st.sampled_from(["lan", Owner(id="lan", name="Lan")]) | hostile_texts())
        options: dict[str, Any] = {
            "owner": owner,
            "cycle": data.draw(_CYCLES, label="cycle"),
            "locale": data.draw(st.sampled_from(["vi", "en", "vi_VN", "xx", ""]) | st.none()),
            "id": data.draw(st.none() | st.sampled_from(["obj-x"]) | hostile_texts()),
            "level": data.draw(st.none() | st.sampled_from(["team", "nope"]) | hostile_texts()),
        }
        subject = (template.id, params, options)
        no_escape(lambda: template.resolve(params, locale=options["locale"]), subject)
        no_escape(lambda: template.instantiate(params, **options), subject)

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(template=_templates(), locale=st.sampled_from(["vi", "en"]))
    def test_defaults_with_a_far_cycle(self, template: Template, locale: str) -> None:
        """Every template with its defaults, in a cycle at the ends of the calendar."""
        for cycle in (Cycle.quarter(1, 1), Cycle.year(9999), Cycle.quarter(2026, 4)):
            instantiate = partial(template.instantiate, owner="lan", cycle=cycle, locale=locale)
            no_escape(instantiate, (template.id, cycle))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the template files of every example."""
    return tmp_path_factory.mktemp("templates")


class TestReading:
    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data())
    def test_mutated_template_files(self, scratch: Path, data: st.DataObject) -> None:
        """A built-in template file, mutated, gives a TemplateError or templates that work."""
        source = data.draw(st.sampled_from(_template_files()))
        rnd = random.Random(data.draw(st.integers(0, 2**32 - 1)))
        text = data.draw(broken_text(emit(data.draw(mutated(source)), "yaml", rnd)))
        file = scratch / "templates.yaml"
        file.write_text(text, encoding="utf-8", errors="surrogatepass")
        templates = no_escape(lambda: catalogue.read_templates(file), text)
        for template in templates or ():
            no_escape(partial(template.instantiate, owner="lan", cycle=Cycle.year(2026)), text)
            no_escape(partial(catalogue.Catalogue([template]).search, "x"), text)

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.binary(max_size=300), head=st.sampled_from([b"", b"templates:\n  - ", b"\xff"]))
    def test_template_file_of_bytes(self, scratch: Path, data: bytes, head: bytes) -> None:
        """A template file of random bytes (not UTF-8 as well) gives a TemplateError."""
        file = scratch / "bytes.yaml"
        file.write_bytes(head + data)
        no_escape(lambda: catalogue.read_templates(file), head + data)
        no_escape(lambda: catalogue.load([file]), head + data)

    @given(
        query=st.none() | hostile_texts(),
        domain=st.none() | hostile_texts(),
        level=st.none() | st.sampled_from(["team", "x"]) | hostile_texts(),
    )
    def test_search(self, query: str | None, domain: str | None, level: str | None) -> None:
        """Searching the catalogue for any text gives results or an OKRError."""
        subject = (query, domain, level)
        no_escape(
            lambda: _catalogue().search(query, domain=domain, tag=query, level=level), subject
        )
