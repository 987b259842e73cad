"""What the linter says: a :class:`Diagnostic`, its :class:`Severity` and where it is."""

from __future__ import annotations

from typing import ClassVar

import attrs

from okrkit.i18n import N_
from okrkit.model._enums import LabelledEnum

__all__ = ["Diagnostic", "Finding", "Location", "Severity"]


class Severity(LabelledEnum):
    """How much a diagnostic matters: an error fails ``okrkit check``, the rest advise."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    __labels__: ClassVar = {
        ERROR: N_("error"),
        WARNING: N_("warning"),
        INFO: N_("note"),
    }

    @property
    def rank(self) -> int:
        """0 for an error, 1 for a warning, 2 for a note: the order of a listing."""
        return (Severity.ERROR, Severity.WARNING, Severity.INFO).index(self)


@attrs.frozen(kw_only=True)
class Location:
    """Where a diagnostic points: a path inside the set, and a file and line when known.

    Attributes:
        path: The entity's place in the set, such as ``objectives[2].key_results[0]``.
        file: The file the set was read from, when it was read from one.
        line: The 1-based line of the entity in that file (YAML and JSON keep lines).
    """

    path: str | None = None
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.file is None:
            return self.path or ""
        return self.file if self.line is None else f"{self.file}:{self.line}"


@attrs.frozen(kw_only=True)
class Finding:
    """What a rule reports; the linter adds the code, the severity and the location.

    Attributes:
        entity_id: The objective, key result, initiative or owner concerned.
        message: What is wrong, in the active locale.
        hint: How to fix it, in the active locale.
        path: The entity's place in the set, when the rule knows it better than the
            linter (which finds objectives, key results and initiatives by id).
    """

    entity_id: str | None
    message: str
    hint: str = ""
    path: str | None = None


@attrs.frozen(kw_only=True)
class Diagnostic:
    """One thing the linter found.

    Attributes:
        code: The rule's stable code, such as ``OKR101``.
        severity: Error, warning or note.
        entity_id: The objective, key result, initiative or owner concerned.
        message: What is wrong, in the active locale.
        hint: How to fix it, in the active locale.
        location: Where it is: a path in the set, and a file and line when the set was
            read from a file.
        rule: The rule's name, such as ``kr-count``.
    """

    code: str
    severity: Severity
    entity_id: str | None
    message: str
    hint: str
    location: Location
    rule: str = ""

    def __str__(self) -> str:
        where = str(self.location)
        head = f"{where}: " if where else ""
        ident = f" [{self.entity_id}]" if self.entity_id else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{head}{self.severity.value} {self.code}{ident}: {self.message}{hint}"
