"""Domains and tags: their names in both languages, the filters that take them, their display."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import okrkit
from okrkit import Cycle, ValidationError, catalogue
from okrkit.catalogue import DOMAIN_TERMS, DOMAINS, TAG_TERMS, Term, Terms, fold
from okrkit.catalogue.check import VIETNAMESE_LETTERS
from okrkit.cli import main
from okrkit.i18n import use_locale

CATALOGUE = catalogue.load()
TEMPLATES = list(CATALOGUE)
SLUGS = frozenset(DOMAINS) | frozenset(CATALOGUE.tags)
"""Every domain and tag slug: English words that Vietnamese output never shows."""

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"

ENGLISH_WORD = re.compile(r"\b[a-z]+(?:-[a-z]+)*\b")
"""A run of lower-case ASCII letters and hyphens: how a slug looks inside a text."""


def slug_words(text: str) -> set[str]:
    """The domain and tag slugs written in ``text`` as words (case kept: NPS is no slug)."""
    return set(ENGLISH_WORD.findall(text)) & SLUGS


def every_term() -> list[Term]:
    """Every domain and tag term, domains first."""
    return [*DOMAIN_TERMS.values(), *TAG_TERMS.values()]


class TestNames:
    def test_domains_follow_the_documented_order(self) -> None:
        """DOMAIN_TERMS holds exactly the documented domains, in their order."""
        assert list(DOMAIN_TERMS) == list(DOMAINS)

    def test_every_tag_has_names(self) -> None:
        """Every tag of the built-in catalogue has names; a new tag without them fails here."""
        unnamed = sorted(set(CATALOGUE.tags) - set(TAG_TERMS))
        assert not unnamed, f"add these tags to catalogue/_names.py TAG_ROWS: {unnamed}"

    def test_no_name_for_a_tag_nobody_uses(self) -> None:
        """The table names only tags that templates use, so a renamed tag leaves no stale row."""
        unused = sorted(set(TAG_TERMS) - set(CATALOGUE.tags))
        assert not unused, f"no template uses these tags any more: {unused}"

    @pytest.mark.parametrize("term", every_term(), ids=lambda term: term.slug)
    def test_vietnamese_name_is_vietnamese(self, term: Term) -> None:
        """A Vietnamese name has no English slug in it, and its diacritics when written."""
        name = term.get("vi")
        assert not slug_words(name), name
        assert fold(name) == name or VIETNAMESE_LETTERS & set(name.lower()), name

    @pytest.mark.parametrize("term", every_term(), ids=lambda term: term.slug)
    def test_both_names_given(self, term: Term) -> None:
        """Each term reads in both languages, and the two names differ."""
        assert term.get("vi").strip()
        assert term.get("en").strip()
        assert term.get("vi") != term.get("en")
        assert term.get("vi_VN") == term.get("vi")
        assert term.get("fr") == term.get("en")

    @pytest.mark.parametrize("terms", [DOMAIN_TERMS, TAG_TERMS], ids=["domains", "tags"])
    def test_every_name_and_alias_finds_one_term(self, terms: Terms) -> None:
        """No slug, name or alias of one term is also one of another's, once folded."""
        owners: dict[str, set[str]] = {}
        for term in terms.values():
            for key in term.forms():
                owners.setdefault(key, set()).add(term.slug)
        shared = {key: sorted(slugs) for key, slugs in owners.items() if len(slugs) > 1}
        assert not shared

    def test_template_names(self) -> None:
        """A template gives its domain's and tags' names in the locale asked for."""
        template = CATALOGUE.get("okr-marketing-mql")
        assert template.domain_name("vi") == "tiếp thị"
        assert template.domain_name("en") == "marketing"
        assert template.tag_names("vi")[0] == "tiếp thị"
        with use_locale("vi"):
            assert template.domain_name() == "tiếp thị"

    def test_catalogue_terms(self) -> None:
        """Catalogue.domain_terms and tag_terms list what the templates use, with names."""
        assert [term.slug for term in CATALOGUE.domain_terms] == CATALOGUE.domains
        assert [term.slug for term in CATALOGUE.tag_terms] == CATALOGUE.tags

    def test_user_tags_read_as_themselves(self, tmp_path: Path) -> None:
        """A tag of a user's own template file, with no names, reads as its slug and filters."""
        template = CATALOGUE.get("okr-sales-nurture")
        text = (
            "templates:\n  - id: my-own\n    domain: sales\n    source: {document: custom}\n"
            "    level: team\n    tags: [field-visits]\n"
            "    objective: {vi: Gặp khách hàng tận nơi, en: Meet customers where they are}\n"
            "    key_results:\n      - title: {vi: Thăm khách hàng, en: Visit customers}\n"
            "        metric: {kind: milestone}\n"
        )
        path = tmp_path / "mine.yaml"
        path.write_text(text, encoding="utf-8")
        merged = catalogue.load(extra=[path])
        (mine,) = merged.search(tag="field visits")
        assert mine.tag_names("vi") == ("field visits",)
        assert template in merged.search(tag="nuoi duong khach hang tiem nang")


def test_docs_tables_are_fresh() -> None:
    """docs/templates.md (and its Vietnamese twin) list every domain and tag as the code does."""
    spec = importlib.util.spec_from_file_location("terms_docs", SCRIPTS / "terms_docs.py")
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for locale, page in script.PAGES.items():
        if locale != "en" and not page.exists():
            continue
        text = page.read_text(encoding="utf-8")
        assert script.rendered(text, locale) == text, f"{page.name} is stale: run {script.COMMAND}"


class TestFilters:
    @pytest.mark.parametrize(
        ("given", "slug"),
        [
            ("sales", "sales"),
            ("kinh doanh", "sales"),
            ("Kinh Doanh", "sales"),
            ("KINH DOANH", "sales"),
            ("bán hàng", "sales"),
            ("ban hang", "sales"),
            ("doanh so", "sales"),
            ("chăm sóc khách hàng", "customer-service"),
            ("cham soc khach hang", "customer-service"),
            ("CSKH", "customer-service"),
            ("customer service", "customer-service"),
            ("Customer-Service", "customer-service"),
            ("  tiep   thi ", "marketing"),
            ("nhân sự", "hr"),
            ("ke toan", "finance"),
        ],
    )
    def test_domain_by_slug_name_alias(self, given: str, slug: str) -> None:
        """A domain filter takes the slug, either name or an alias, with or without accents."""
        expected = [t for t in TEMPLATES if t.domain == slug]
        assert expected
        assert CATALOGUE.search(domain=given) == expected

    @pytest.mark.parametrize("term", list(DOMAIN_TERMS.values()), ids=lambda term: term.slug)
    def test_every_domain_key(self, term: Term) -> None:
        """Every key of every domain, folded, upper-cased or as written, finds its templates."""
        expected = [t for t in TEMPLATES if t.domain == term.slug]
        for key in (term.slug, *term.name.texts(), *term.aliases):
            for given in (key, key.upper(), fold(key)):
                assert CATALOGUE.search(domain=given) == expected, given

    def test_every_tag_key(self) -> None:
        """Every key of every tag, with and without accents, finds the templates with the tag."""
        for term in TAG_TERMS.values():
            expected = [t for t in TEMPLATES if term.slug in t.tags]
            for key in (term.slug, *term.name.texts(), *term.aliases):
                for given in (key, fold(key)):
                    assert CATALOGUE.search(tag=given) == expected, given

    def test_filters_combine_with_text(self) -> None:
        """Filters by name combine with a text search and a level."""
        hits = CATALOGUE.search("khach hang tiem nang", domain="tiep thi", tag="quảng cáo")
        assert [t.id for t in hits] == ["okr-marketing-mql"]

    def test_text_search_reads_domain_names(self) -> None:
        """A text search finds a template by its domain's Vietnamese name, accents or not."""
        found = {t.id for t in CATALOGUE.search("cham soc khach hang")}
        assert {t.id for t in TEMPLATES if t.domain == "customer-service"} <= found

    def test_unknown_domain(self, locale: str) -> None:
        """An unknown domain is an error naming it, the closest name and every domain."""
        with use_locale(locale), pytest.raises(ValidationError) as excinfo:
            CATALOGUE.search(domain="kinh doan")
        message = excinfo.value.render(locale)
        assert "'kinh doan'" in message
        assert repr(DOMAIN_TERMS["sales"].get(locale)) in message
        assert all(term.get(locale) in message for term in DOMAIN_TERMS.values())
        assert excinfo.value.codes == ("field.choice",)

    def test_unknown_domain_without_a_close_name(self) -> None:
        """A domain like no other still lists every domain, in the active locale."""
        with use_locale("vi"), pytest.raises(ValidationError) as excinfo:
            CATALOGUE.search(domain="zzz")
        message = excinfo.value.render("vi")
        assert message.startswith("không có lĩnh vực 'zzz'")
        assert "chăm sóc khách hàng" in message
        assert not slug_words(message.replace("'zzz'", ""))

    def test_error_shown_in_the_readers_locale(self) -> None:
        """Raised in Vietnamese, shown in English: the names follow the reader's locale."""
        with use_locale("vi"), pytest.raises(ValidationError) as excinfo:
            CATALOGUE.search(domain="cham soc khach")
        with use_locale("en"):
            shown = str(excinfo.value)
        assert "did you mean 'customer service'?" in shown
        assert "chăm sóc" not in shown

    def test_unknown_tag(self, locale: str) -> None:
        """An unknown tag is an error naming it and the closest tags."""
        with use_locale(locale), pytest.raises(ValidationError) as excinfo:
            CATALOGUE.search(tag="giu chan khach")
        message = excinfo.value.render(locale)
        assert "'giu chan khach'" in message
        assert repr(TAG_TERMS["retention"].get(locale)) in message

    @pytest.mark.parametrize("value", ["", "   ", "-"])
    def test_empty_filter_is_unknown(self, value: str) -> None:
        """An empty domain names nothing, and says so (it never means every domain)."""
        with pytest.raises(ValidationError):
            CATALOGUE.search(domain=value)


def run(*args: str) -> tuple[int, str, str]:
    """Run the okrkit command; its exit code, standard output and standard error."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


class TestCommandLine:
    def test_list_shows_vietnamese_names(self) -> None:
        """`templates list --locale vi` names each domain in Vietnamese, no slug in sight."""
        code, out, _err = run("templates", "list", "--locale", "vi")
        assert code == 0
        rows = {line.split(" ", 1)[0]: line for line in out.splitlines()}
        for template in TEMPLATES:
            cells = rows[template.id][len(template.id) :].strip()
            assert cells.startswith(template.domain_name("vi") + "  "), cells
            assert not slug_words(cells[: len(template.domain_name("vi"))])
        header = out.splitlines()[0]
        assert not slug_words(header)

    def test_list_by_vietnamese_domain(self) -> None:
        """`--domain "cham soc khach hang"` lists the customer service templates."""
        code, out, _err = run(
            "templates", "list", "--domain", "cham soc khach hang", "--locale", "vi"
        )
        assert code == 0
        listed = {line.split(" ", 1)[0] for line in out.splitlines()}
        assert {t.id for t in TEMPLATES if t.domain == "customer-service"} <= listed
        assert not {t.id for t in TEMPLATES if t.domain != "customer-service"} & listed

    def test_unknown_domain_fails(self) -> None:
        """An unknown --domain fails, naming the value and listing the domains in Vietnamese."""
        code, out, err = run("templates", "search", "x", "--domain", "kinh doan", "--locale", "vi")
        assert code == 1
        assert not out
        assert "'kinh doan'" in err
        assert "'kinh doanh'" in err
        assert "giáo dục và đào tạo" in err

    def test_show_names_domain_tags_and_section(self) -> None:
        """`templates show` gives the domain, tags and source section by their names."""
        code, out, _err = run("templates", "show", "okr-marketing-mql", "--locale", "vi")
        assert code == 0
        assert "Lĩnh vực: tiếp thị" in out
        (tags,) = [line for line in out.splitlines() if line.startswith("Nhãn: ")]
        assert tags == "Nhãn: " + ", ".join(CATALOGUE.get("okr-marketing-mql").tag_names("vi"))
        assert not slug_words(tags)
        assert "mục tiếp thị" in out

    @pytest.mark.parametrize(("command", "kind"), [("domains", "domain"), ("tags", "tag")])
    def test_domains_and_tags_commands(self, command: str, kind: str) -> None:
        """`templates domains` and `templates tags` list every name with its count."""
        code, out, _err = run("templates", command, "--locale", "vi")
        assert code == 0
        terms = CATALOGUE.domain_terms if kind == "domain" else CATALOGUE.tag_terms
        lines = out.splitlines()[2:]
        assert len(lines) == len(terms)
        for term in terms:
            used = sum(
                (t.domain == term.slug) if kind == "domain" else (term.slug in t.tags)
                for t in TEMPLATES
            )
            assert any(
                line.startswith(term.get("vi") + " ") and line.endswith(f" {used}")
                for line in lines
            ), term.slug
        assert not slug_words(out)

    def test_new_writes_names_and_loads_back(self, tmp_path: Path) -> None:
        """`okrkit new` writes the tags by their Vietnamese names; the file loads as written."""
        out_file = tmp_path / "okrs.yaml"
        code, _out, err = run(
            "new",
            "--template",
            "okr-marketing-mql",
            "--cycle",
            "2026-Q1",
            "-o",
            str(out_file),
            "--locale",
            "vi",
        )
        assert code == 0, err
        written = out_file.read_text(encoding="utf-8")
        assert not slug_words(re.findall(r"tags: \[(.*)\]", written)[0])
        (objective,) = okrkit.load(out_file).objectives
        assert objective.tags == CATALOGUE.get("okr-marketing-mql").tag_names("vi")
        same = CATALOGUE.get("okr-marketing-mql").instantiate(
            owner="me", cycle=Cycle.quarter(2026, 1), locale="vi"
        )
        assert objective.tags == same.tags
