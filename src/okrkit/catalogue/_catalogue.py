"""The catalogue: reading template files, looking templates up, searching them."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, cast

import cattrs

from okrkit.catalogue._sources import DOMAINS, Localised
from okrkit.catalogue._template import Template
from okrkit.catalogue._terms import DOMAIN_TERMS, TAG_TERMS, Term, Terms, fold
from okrkit.errors import (
    LoadError,
    Message,
    Problem,
    Shown,
    TemplateError,
    UnknownIdError,
    UsageError,
    ValidationError,
    os_reason,
)
from okrkit.errors._message import as_found
from okrkit.i18n import N_, _
from okrkit.io import FORMATS, locate, make_converter, problems_from
from okrkit.model import Level
from okrkit.model._checks import member_of

__all__ = ["Catalogue", "fold", "load", "read_template_files", "read_templates"]


_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@functools.cache
def _converter() -> cattrs.Converter:
    conv = make_converter()
    conv.register_structure_hook_func(lambda tp: tp is Any, lambda value, _type: value)
    conv.register_structure_hook_func(
        lambda tp: tp == (float | str | None), lambda value, _type: value
    )
    return conv


def read_templates(path: str | os.PathLike[str]) -> list[Template]:
    """Read the templates of one YAML file.

    Raises:
        TemplateError: listing every problem, each with the file and line.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(
            Problem(
                "file.encoding",
                N_("the file is not UTF-8 text; save it as UTF-8 (byte {position})"),
                {"position": exc.start},
                file=str(file),
                line=exc.object.count(b"\n", 0, exc.start) + 1,
            )
        ) from exc
    except ValueError as exc:  # a NUL in the path
        raise TemplateError(
            Problem(
                "file.unreadable",
                N_(
                    "the path holds a NUL character (\\0), which no file name can hold; "
                    "check the path"
                ),
                file=str(file).replace("\0", "\\0"),
            )
        ) from exc
    except OSError as exc:
        raise TemplateError(
            Problem(
                "file.unreadable",
                N_("cannot read the template file: {reason}"),
                {"reason": os_reason(exc)},
                file=str(file),
            )
        ) from exc
    return _read_text(text, str(file))


def read_template_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[Template], list[Problem]]:
    """Read every file of ``paths``: the templates read, and every problem of every file.

    The one place where template files are read together and their problems
    collected: the built-in catalogue, :func:`load` and ``python -m
    okrkit.catalogue.check`` all go through it. A file with any problem gives no
    templates. Two templates with the same id are not checked here: building a
    :class:`Catalogue` checks that.
    """
    templates: list[Template] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            templates.extend(read_templates(path))
        except TemplateError as exc:
            problems.extend(exc.problems)
    return templates, problems


def _read_or_raise(paths: Iterable[str | os.PathLike[str]]) -> list[Template]:
    """The templates of ``paths``, or one :class:`TemplateError` with every problem."""
    templates, problems = read_template_files(paths)
    if problems:
        raise TemplateError(problems)
    return templates


def _read_text(text: str, source: str) -> list[Template]:
    try:
        data, lines = FORMATS["yaml"].parse(text, source)
    except LoadError as exc:
        raise TemplateError(exc.problems) from exc
    lines = lines or {}
    problems: list[Problem] = []
    if not isinstance(data, dict) or set(data) != {"templates"}:
        problems.append(
            Problem("file.shape", N_("a template file holds one key, 'templates', with a list"))
        )
        raw_templates: list[Any] = []
    else:
        raw_templates = data["templates"] if isinstance(data["templates"], list) else []
        if not isinstance(data["templates"], list):
            problems.append(
                Problem("field.type", N_("'templates' must be a list"), path="templates")
            )
    templates: list[Template] = []
    for index, raw in enumerate(raw_templates):
        try:
            template = _converter().structure(raw, Template)
        except (ValidationError, cattrs.BaseValidationError) as exc:  # a bug propagates
            problems.extend(problems_from(exc, ("templates", index)))
            continue
        object.__setattr__(template, "file", source)
        templates.append(template)
    if problems:
        located = [locate(problem, data, lines, source) for problem in problems]
        raise TemplateError(located)
    return templates


class Catalogue:
    """A collection of templates: iterable, sized, searchable.

    Examples:
        >>> from okrkit import catalogue
        >>> cat = catalogue.load()
        >>> len(cat) >= 100
        True
        >>> cat.get("okr-marketing-mql").domain
        'marketing'
    """

    def __init__(self, templates: Iterable[Template]) -> None:
        """Gather ``templates``; two with the same id raise a :class:`TemplateError`."""
        self._templates: dict[str, Template] = {}
        problems: list[Problem] = []
        for template in templates:
            first = self._templates.get(template.id)
            if first is not None:
                problems.append(
                    Problem(
                        "template.duplicate",
                        N_(
                            "template id {id!r} is defined in {first} and again in {second}; "
                            "rename one of them"
                        ),
                        {"id": Shown(template.id), "first": first.file, "second": template.file},
                        entity_id=template.id,
                        file=template.file,
                    )
                )
                continue
            self._templates[template.id] = template
        if problems:
            raise TemplateError(problems)
        self._index = {t.id: _SearchEntry.of(t) for t in self._templates.values()}
        own_tags = {tag for t in self._templates.values() for tag in t.tags} - set(TAG_TERMS)
        self._tag_terms = Terms("tag", [*TAG_TERMS.values(), *map(Term.unnamed, sorted(own_tags))])

    def __iter__(self) -> Iterator[Template]:
        return iter(self._templates.values())

    def __len__(self) -> int:
        return len(self._templates)

    def __contains__(self, template_id: object) -> bool:
        return template_id in self._templates

    def __repr__(self) -> str:
        return f"<Catalogue of {len(self)} templates>"

    def get(self, template_id: str) -> Template:
        """Return the template with id ``template_id``.

        Raises:
            UnknownIdError: with the closest ids when there is no such template.
        """
        try:
            return self._templates[template_id]
        except KeyError:
            raise UnknownIdError.among(template_id, _("template"), self._templates) from None

    @property
    def domains(self) -> list[str]:
        """The domains that have templates, in the documented order."""
        present = {t.domain for t in self}
        return [domain for domain in DOMAINS if domain in present]

    @property
    def tags(self) -> list[str]:
        """Every tag used, sorted."""
        return sorted({tag for t in self for tag in t.tags})

    @property
    def domain_terms(self) -> list[Term]:
        """The domains that have templates, with their names, in the documented order.

        Examples:
            >>> from okrkit import catalogue
            >>> [term.get("vi") for term in catalogue.load().domain_terms][:2]
            ['sản phẩm', 'kỹ thuật']
        """
        return [DOMAIN_TERMS[domain] for domain in self.domains]

    @property
    def tag_terms(self) -> list[Term]:
        """Every tag used, with its names (a tag without names reads as its slug)."""
        return [self._tag_terms.term(tag) for tag in self.tags]

    def search(
        self,
        text: str | None = None,
        *,
        domain: str | None = None,
        tag: str | None = None,
        level: Level | str | None = None,
    ) -> list[Template]:
        """Find templates, best match first.

        The text search ignores accents and case, so "tang doanh thu" finds
        "Tăng doanh thu"; every word must appear somewhere in the template (its
        titles in either language, tags, domain or id). Matches in the objective
        count most, then tags, then key results.

        A domain or a tag is given by its slug, its name in either language or an
        alias, with or without accents: ``"sales"``, ``"kinh doanh"``, ``"ban hang"``
        and ``"doanh số"`` all mean the sales domain.

        Args:
            text: Words to look for; ``None`` or empty lists every template.
            domain: Only templates of this domain.
            tag: Only templates with this tag.
            level: Only templates of this level.

        Raises:
            ValidationError: for a domain or a tag that names nothing (the message
                gives the closest names, and every domain, in the active locale), or
                a level that is not one of :class:`~okrkit.Level`'s.
            UsageError: when ``text`` is neither text nor ``None``.

        Examples:
            >>> from okrkit import catalogue
            >>> hits = catalogue.load().search("khach hang tiem nang mql", domain="tiep thi")
            >>> hits[0].id
            'okr-marketing-mql'
        """
        if text is not None and not isinstance(text, str):
            raise UsageError(
                Message(
                    N_(
                        "search() takes the words to look for as text, such as "
                        "'tang doanh thu', or None for every template (got {value})"
                    ),
                    value=as_found(text),
                )
            )
        wanted_domain = None if domain is None else DOMAIN_TERMS.resolve(domain).slug
        wanted_tag = None if tag is None else self._tag_terms.resolve(tag).slug
        wanted_level = _level(level)
        candidates = [
            t
            for t in self
            if (wanted_domain is None or t.domain == wanted_domain)
            and (wanted_tag is None or wanted_tag in t.tags)
            and (wanted_level is None or t.level is wanted_level)
        ]
        words = _tokens(text or "")
        if not words:
            return candidates
        phrase = " ".join(words)
        scored = []
        for template in candidates:
            score = self._index[template.id].score(words, phrase)
            if score > 0:
                scored.append((-score, template.id, template))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [template for _score, _id, template in scored]


def _level(level: Level | str | None) -> Level | None:
    """``level`` as a :class:`~okrkit.Level`, or a ``ValidationError`` naming the choices."""
    if level is None or isinstance(level, Level):
        return level
    return member_of(Level, level, "level", fold=True)


@dataclasses.dataclass(frozen=True, slots=True)
class _SearchEntry:
    """The folded words of one template, by how much a match counts."""

    fields: tuple[tuple[float, frozenset[str], str], ...]

    @classmethod
    def of(cls, template: Template) -> _SearchEntry:
        def field(weight: float, texts: Sequence[str]) -> tuple[float, frozenset[str], str]:
            joined = " ".join(" ".join(_tokens(text)) for text in texts)
            return (weight, frozenset(joined.split()), joined)

        krs = [text for kr in template.key_results for text in kr.title.texts()]
        labels = [text for p in template.parameters for text in p.label.texts()]
        notes = list(template.note.texts()) if isinstance(template.note, Localised) else []
        terms = [DOMAIN_TERMS.term(template.domain), *map(TAG_TERMS.term, template.tags)]
        names = [text for term in terms for text in (term.slug, *term.name.texts())]
        return cls(
            (
                field(3.0, template.objective.texts()),
                field(2.0, [*names, template.id]),
                field(1.0, krs),
                field(0.5, [*labels, *notes]),
            )
        )

    def score(self, words: Sequence[str], phrase: str) -> float:
        total = 0.0
        for word in words:
            best = 0.0
            for weight, vocabulary, _joined in self.fields:
                if word in vocabulary:
                    best = max(best, weight)
                elif len(word) >= 4 and any(v.startswith(word) for v in vocabulary):
                    best = max(best, weight / 2)
            if best == 0.0:
                return 0.0
            total += best
        if len(words) > 1:
            for weight, _vocabulary, joined in self.fields:
                if phrase in joined:
                    total += weight
        return total


def _builtin_files() -> list[Path]:
    folder = resources.files("okrkit.catalogue") / "templates"
    return sorted(
        Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith((".yaml", ".yml"))
    )


@functools.cache
def _builtin() -> tuple[Template, ...]:
    return tuple(_read_or_raise(_builtin_files()))


@functools.cache
def _builtin_catalogue() -> Catalogue:
    return Catalogue(_builtin())


def load(
    extra: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
) -> Catalogue:
    """Load the built-in catalogue, and the user's own template files with it.

    The built-in templates are read once and cached.

    Args:
        extra: The path of one YAML template file in the same format, or a list of
            them, merged in: ``load(extra="mine.yaml")`` and
            ``load(extra=["mine.yaml", "team.yaml"])`` both work.

    Raises:
        TemplateError: when a file breaks the format (with file and line), or when
            two templates share an id (naming both files).
        UsageError: when ``extra`` is neither a path nor a list of paths (a
            :class:`TypeError`).

    Examples:
        >>> from okrkit import catalogue
        >>> catalogue.load(extra=[]) is catalogue.load()
        True
    """
    if extra is None:
        return _builtin_catalogue()
    paths = _paths(extra)
    if not paths:
        return _builtin_catalogue()
    return Catalogue([*_builtin(), *_read_or_raise(paths)])


def _paths(extra: object) -> list[str | os.PathLike[str]]:
    """``extra`` as a list of paths: one path alone, or each of an iterable of them."""
    if isinstance(extra, str | os.PathLike):
        paths: list[object] = [extra]
    elif isinstance(extra, Iterable) and not isinstance(extra, bytes | bytearray | Mapping):
        paths = list(extra)
    else:
        raise _not_paths(extra)
    for path in paths:
        if not isinstance(path, str | os.PathLike) or path == "":
            raise _not_paths(path)
    return cast("list[str | os.PathLike[str]]", paths)


def _not_paths(value: object) -> UsageError:
    return UsageError(
        Message(
            N_(
                "'extra' must be the path of a template file, such as 'mine.yaml', or a "
                "list of paths (got {value})"
            ),
            value=Shown(value),
        )
    )
