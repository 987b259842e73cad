"""Check template files: ``python -m okrkit.catalogue.check FILE [FILE ...]``.

Reads each file with the catalogue's own reader, then instantiates every template
with its defaults in Vietnamese and in English, and checks that every Vietnamese
text carries its diacritics. Prints every problem and exits with status 1 if there
is any; prints a summary and exits with 0 otherwise.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Sequence

from okrkit.catalogue._catalogue import Catalogue, read_template_files
from okrkit.catalogue._template import Template
from okrkit.errors import OKRError, Problem, Shown, TemplateError
from okrkit.errors._message import message_of
from okrkit.i18n import N_, _
from okrkit.model import Cycle

__all__ = ["VIETNAMESE_LETTERS", "check_templates", "main"]

VIETNAMESE_LETTERS = frozenset(
    "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
"""Letters only Vietnamese text has; a Vietnamese text without any lost its accents."""

_CYCLE = Cycle.quarter(2026, 1)


def _vietnamese_texts(template: Template) -> Iterable[tuple[str, str]]:
    yield "objective.vi", template.objective.vi
    for index, kr in enumerate(template.key_results):
        yield f"key_results[{index}].title.vi", kr.title.vi
    if template.note is not None:
        yield "note.vi", template.note.vi
    for param in template.parameters:
        yield f"parameters.{param.name}.label.vi", param.label.vi


def check_templates(templates: Sequence[Template]) -> list[Problem]:
    """Every problem with ``templates`` beyond what reading them already checks."""
    problems: list[Problem] = []
    for template in templates:
        for path, text in _vietnamese_texts(template):
            if not VIETNAMESE_LETTERS.intersection(text.lower()):
                problems.append(
                    Problem(
                        "template.text",
                        N_("this Vietnamese text has no diacritics: {text!r}"),
                        {"text": Shown(text)},
                        entity_id=template.id,
                        path=path,
                        file=template.file,
                    )
                )
        for locale in ("vi", "en"):
            try:
                template.instantiate(owner="owner", cycle=_CYCLE, locale=locale)
            except OKRError as exc:
                problems.extend(
                    getattr(exc, "problems", (Problem("template.parameter", message_of(exc)),))
                )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Check the files named in ``argv``; return the exit status."""
    files = list(sys.argv[1:] if argv is None else argv)
    if not files:
        print(_("usage: python -m okrkit.catalogue.check FILE [FILE ...]"), file=sys.stderr)
        return 2
    templates, problems = read_template_files(files)
    try:
        Catalogue(templates)
    except TemplateError as exc:
        problems.extend(exc.problems)
    problems.extend(check_templates(templates))
    for problem in problems:
        print(problem, file=sys.stderr)
    sections = Counter(f"{t.source.document}:{t.source.section}" for t in templates)
    print(
        _("{count} templates, {problems} problems; sections: {sections}").format(
            count=len(templates),
            problems=len(problems),
            sections=", ".join(f"{key} x{n}" for key, n in sorted(sections.items())),
        )
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
