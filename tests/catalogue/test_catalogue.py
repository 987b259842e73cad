"""The shipped template catalogue: coverage of the sources, both languages, search."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrkit import Cycle, Level, Objective, UnknownIdError, catalogue
from okrkit.catalogue import SOURCE_SECTIONS, Template
from okrkit.catalogue.check import VIETNAMESE_LETTERS, check_templates
from okrkit.errors import UsageError
from okrkit.i18n import SHIPPED_LOCALES
from okrkit.testing import template_parameters

CATALOGUE = catalogue.load()
TEMPLATES = list(CATALOGUE)
Q2 = Cycle.quarter(2026, 2)


class TestCoverage:
    def test_at_least_one_hundred_templates(self) -> None:
        """The catalogue holds at least 100 templates."""
        assert len(CATALOGUE) >= 100

    @pytest.mark.parametrize(
        ("document", "section"),
        [(doc, section) for doc, sections in SOURCE_SECTIONS.items() for section in sections],
    )
    def test_every_source_section_is_represented(self, document: str, section: str) -> None:
        """Each section of the sources that gives example OKRs has a template."""
        found = [
            t for t in CATALOGUE if t.source.document == document and t.source.section == section
        ]
        assert found, f"no template drawn from document {document}, section {section}"

    def test_every_domain_has_templates(self) -> None:
        """Every documented domain is used."""
        assert set(CATALOGUE.domains) == set(catalogue.DOMAINS)

    def test_every_text_in_both_languages_with_diacritics(self) -> None:
        """Every template reads in both languages, and no Vietnamese text lost its accents."""
        assert check_templates(TEMPLATES) == []
        for template in TEMPLATES:
            assert template.objective.vi != template.objective.en
            assert VIETNAMESE_LETTERS & set(template.objective.vi.lower())


class TestInstantiate:
    def test_every_template_with_defaults(self, locale: str) -> None:
        """Every template, with its defaults, makes a valid objective in each language."""
        for template in TEMPLATES:
            objective = template.instantiate(owner="lan", cycle=Q2, locale=locale)
            assert isinstance(objective, Objective)
            assert objective.title
            assert len(objective.key_results) == len(template.key_results)
            assert "{" not in objective.title
            for kr in objective.key_results:
                assert "{" not in kr.title
                assert kr.due is None or Q2.contains(kr.due)

    @settings(
        max_examples=5 * settings.default.max_examples // 2,
        suppress_health_check=[HealthCheck.filter_too_much],
    )
    @given(
        data=st.data(),
        template=st.sampled_from(TEMPLATES),
        locale=st.sampled_from(SHIPPED_LOCALES),
    )
    def test_every_template_with_generated_parameters(
        self, data: st.DataObject, template: Template, locale: str
    ) -> None:
        """Any parameters within the declared bounds and relations instantiate."""
        params = data.draw(template_parameters(template, cycle=Q2))
        objective = template.instantiate(params, owner="lan", cycle=Q2, locale=locale)
        assert objective.id == template.id

    def test_languages_differ(self) -> None:
        """The same template reads differently in vi and en."""
        template = CATALOGUE.get("pm-retention-onboarding")
        vi = template.instantiate(owner="lan", cycle=Q2, locale="vi")
        en = template.instantiate(owner="lan", cycle=Q2, locale="en")
        assert vi.title != en.title
        assert [kr.metric for kr in vi.key_results] == [kr.metric for kr in en.key_results]


class TestSearch:
    def test_retention_in_vietnamese_without_accents(self) -> None:
        """'giu chan khach hang' lists the retention templates, first."""
        hits = CATALOGUE.search("giu chan khach hang")
        assert hits
        retention = [t for t in CATALOGUE if "retention" in t.tags]
        assert retention
        assert {t.id for t in retention} & {t.id for t in hits[:5]}
        for template in hits[:3]:
            words = catalogue.fold(" ".join(template.texts()))
            assert "giu chan" in words

    def test_accents_and_case_do_not_matter(self) -> None:
        """The folded and accented forms of a query find the same templates."""
        assert CATALOGUE.search("TĂNG DOANH THU") == CATALOGUE.search("tang doanh thu")
        assert CATALOGUE.search("tang doanh thu")

    def test_every_word_must_match(self) -> None:
        """A word no template contains finds nothing."""
        assert CATALOGUE.search("doanh thu zzyzzx") == []

    def test_filters(self) -> None:
        """Domain, tag and level narrow the results."""
        sales = CATALOGUE.search(domain="sales")
        assert sales
        assert all(t.domain == "sales" for t in sales)
        company = CATALOGUE.search(level="company")
        assert all(t.level is Level.COMPANY for t in company)
        ceo = CATALOGUE.search(tag="ceo")
        assert ceo
        assert all("ceo" in t.tags for t in ceo)

    def test_objective_matches_rank_first(self) -> None:
        """A word in the objective outranks the same word only in a key result."""
        hits = CATALOGUE.search("onboarding")
        assert hits
        assert "onboarding" in catalogue.fold(hits[0].objective.vi + hits[0].objective.en)

    def test_empty_query_lists_all(self) -> None:
        """No text lists every template."""
        assert len(CATALOGUE.search()) == len(CATALOGUE)

    @pytest.mark.parametrize("query", [3, ["doanh thu"], b"doanh thu"])
    def test_query_that_is_not_text_is_refused(self, query: object) -> None:
        """A query that is neither text nor None raises UsageError naming it."""
        with pytest.raises(UsageError, match=r"search\(\) takes the words to look for as text"):
            CATALOGUE.search(query)  # type: ignore[arg-type]
        assert CATALOGUE.search(None) == CATALOGUE.search("")


class TestLookup:
    def test_get_unknown_suggests(self) -> None:
        """An unknown id raises UnknownIdError with close ids."""
        with pytest.raises(UnknownIdError) as excinfo:
            CATALOGUE.get("pm-retention-onbording")
        assert "pm-retention-onboarding" in excinfo.value.suggestions

    def test_sized_iterable_container(self) -> None:
        """The catalogue is iterable, sized and supports `in`."""
        assert len(list(CATALOGUE)) == len(CATALOGUE)
        assert "pm-retention-onboarding" in CATALOGUE
        assert "nope" not in CATALOGUE

    def test_load_is_cached(self) -> None:
        """Loading twice returns the same catalogue object."""
        assert catalogue.load() is catalogue.load()

    def test_date_defaults_follow_the_cycle(self) -> None:
        """A date default such as month-3-end lands in the cycle given."""
        with_dates = [t for t in CATALOGUE if any(p.type.value == "date" for p in t.parameters)]
        assert with_dates
        for cycle in (Cycle.quarter(2026, 1), Cycle.quarter(2027, 4)):
            objective = with_dates[0].instantiate(owner="me", cycle=cycle, locale="en")
            dues = [kr.due for kr in objective.key_results if kr.due is not None]
            assert all(cycle.contains(due) for due in dues)
            assert all(isinstance(due, dt.date) for due in dues)
