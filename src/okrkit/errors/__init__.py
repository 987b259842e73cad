"""The errors okrkit raises.

Every error okrkit raises derives from :class:`OKRError`, and each subclass also
derives from the builtin exception that fits it, so ``except ValueError`` keeps
working for code that does not know okrkit::

    OKRError                                   (Exception)
    ├── ValidationError                        (OKRError, ValueError)
    │   ├── LoadError                          (ValidationError)
    │   └── TemplateError                      (ValidationError)
    ├── ParameterError                         (OKRError, ValueError)
    ├── AlignmentError                         (OKRError, ValueError)
    ├── FormatError                            (OKRError, ValueError)
    ├── LocaleError                            (OKRError, ValueError)
    ├── StrategyError                          (OKRError, ValueError)
    ├── RegistryError                          (OKRError, ValueError)
    ├── UnknownIdError                         (OKRError, KeyError)
    ├── UnknownStrategyError                   (OKRError, LookupError)
    ├── UsageError                             (OKRError, TypeError)
    ├── MissingExtraError                      (OKRError, ImportError)
    └── WriteError                             (OKRError, OSError)

A :class:`ValidationError` carries every :class:`Problem` found at once, not just
the first: a file with ten mistakes reports ten problems. Each problem says where
(the entity id, the path inside the file, the file and line when known) and what
to do about it.

Lint findings are not errors: the linter returns them as values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

from okrkit.errors._hints import HINT_LIMIT, Shown, Suggestions, did_you_mean, shorten

# okrkit.i18n sits above this module (it raises LocaleError), so it lends its gettext
# here when it is imported, rather than this module importing it; see
# docs/architecture.md. Until then (only while okrkit itself is being imported)
# messages stay in English.
_gettext: Callable[[str], str] = str


def _(message: str) -> str:
    """Translate ``message`` with the gettext that :mod:`okrkit.i18n` registered."""
    return _gettext(message)


def _use_gettext(gettext: Callable[[str], str]) -> None:
    """Translate this module's messages with ``gettext``; called by :mod:`okrkit.i18n`."""
    global _gettext  # noqa: PLW0603 - filled in once, by the layer above
    _gettext = gettext


__all__ = [
    "HINT_LIMIT",
    "AlignmentError",
    "FormatError",
    "LoadError",
    "LocaleError",
    "MissingExtraError",
    "OKRError",
    "ParameterError",
    "Problem",
    "RegistryError",
    "Shown",
    "StrategyError",
    "Suggestions",
    "TemplateError",
    "UnknownIdError",
    "UnknownStrategyError",
    "UsageError",
    "ValidationError",
    "WriteError",
    "did_you_mean",
    "import_extra",
    "shorten",
]


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        message: What is wrong and how to fix it, in the active locale.
        entity_id: The id of the cycle, owner, objective, key result, initiative
            or check-in concerned, when there is one.
        path: Where inside a file or an OKR set, e.g.
            ``objectives[2].key_results[0].metric.target``.
        file: The file the problem was found in, when loading from a file.
        line: The 1-based line in ``file``, when the format keeps lines (YAML, JSON).

    Examples:
        >>> print(Problem(message="'weight' must be greater than 0 (got 0)", entity_id="kr-1"))
        kr-1: 'weight' must be greater than 0 (got 0)
    """

    message: str
    entity_id: str | None = None
    path: str | None = None
    file: str | None = None
    line: int | None = None

    def located(
        self,
        *,
        path_prefix: str | None = None,
        file: str | None = None,
        line: int | None = None,
    ) -> Problem:
        """Return a copy placed under ``path_prefix`` and in ``file`` at ``line``.

        Values already set on the problem win over the ones given, except the path,
        which is joined to the prefix.
        """
        path = self.path
        if path_prefix:
            if not path:
                path = path_prefix
            elif path.startswith("["):
                path = path_prefix + path
            else:
                path = f"{path_prefix}.{path}"
        return dataclasses.replace(
            self,
            path=path,
            file=self.file if self.file is not None else file,
            line=self.line if self.line is not None else line,
        )

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file if self.line is None else f"{self.file}:{self.line}")
        # A path holds the file's own keys, an id the file's own text: either may be
        # unprintable or huge, so each is quoted and cut when it is.
        place = _shown(self.path or "", 200)
        if self.entity_id is not None:
            ident = _shown(self.entity_id, 80)
            place = f"{place} ({ident})" if place else ident
        if place:
            where.append(place)
        prefix = ": ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


def _shown(text: str, limit: int) -> str:
    """``text`` as it is when printable and short, else quoted and cut by :func:`shorten`."""
    return text if text.isprintable() and len(text) <= limit else shorten(text, limit)


class OKRError(Exception):
    """The root of every error okrkit raises."""


class ValidationError(OKRError, ValueError):
    """Input that breaks a rule of the model, with every problem found.

    Attributes:
        problems: Every problem found, in the order found; never empty.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = Problem(message=problems)
        if isinstance(problems, Problem):
            problems = (problems,)
        self.problems = tuple(problems)
        if not self.problems:
            raise UsageError("ValidationError needs at least one problem")
        super().__init__(self._summary(self.problems))

    @staticmethod
    def _summary(problems: Sequence[Problem]) -> str:
        if len(problems) == 1:
            return str(problems[0])
        header = _("{count} problems found:").format(count=len(problems))
        return "\n".join([header, *(f"  - {problem}" for problem in problems)])

    @property
    def entity_id(self) -> str | None:
        """The entity id of the first problem, for the common single-problem case."""
        return self.problems[0].entity_id

    @property
    def path(self) -> str | None:
        """The path of the first problem, for the common single-problem case."""
        return self.problems[0].path

    @property
    def file(self) -> str | None:
        """The file of the first problem, when it came from a file."""
        return self.problems[0].file

    @property
    def line(self) -> int | None:
        """The line of the first problem, when the format keeps lines."""
        return self.problems[0].line


class LoadError(ValidationError):
    """A file that cannot be read, parsed or turned into an OKR set.

    Every problem names the file, and the line where the format keeps lines.
    """


class FormatError(OKRError, ValueError):
    """A file format okrkit does not know (judged from a suffix or a name).

    Attributes:
        format: The format or suffix that was asked for.
    """

    def __init__(self, message: str, *, format: str) -> None:  # noqa: A002
        self.format = format
        super().__init__(message)


class WriteError(OKRError, OSError):
    """A file that cannot be written, in one line that names it and says why.

    Raised for a missing folder, permission denied, a full disk and any other refusal
    of the OS; okrkit writes whole files or nothing, so the file on disk is left as it
    was.

    Attributes:
        file: The path that was to be written, as given.
        errno: The OS error number, when the OS gave one.
    """

    def __init__(self, message: str, *, file: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.file = file
        self.errno = errno  # OSError's own field, filled in for `except OSError` code


class TemplateError(ValidationError):
    """A template that cannot be loaded, rendered or instantiated, with every problem.

    Loading names the template file and line; instantiating names the template id
    and each parameter that is missing, unknown or of the wrong type.
    """


class LocaleError(OKRError, ValueError):
    """A locale identifier that babel does not know.

    Attributes:
        identifier: The identifier that was asked for.
    """

    def __init__(self, identifier: str) -> None:
        self.identifier = identifier
        super().__init__(identifier)

    def __str__(self) -> str:
        # Built when shown, not when raised: translating needs the active locale,
        # which may be the very identifier that failed.
        return _(
            "unknown locale {identifier}; use a language code such as 'vi' or 'en', "
            "optionally with a territory such as 'vi_VN'"
        ).format(identifier=shorten(self.identifier))


class AlignmentError(OKRError, ValueError):
    """A change that would break the alignment graph, which stays as it was.

    Raised for an alignment loop, a second objective for a key result, an id that
    names nothing, an alignment across cycles that do not overlap, or any change to a
    read-only view.

    Attributes:
        ids: The ids of the entities involved.
    """

    def __init__(self, message: str, *, ids: Sequence[str] = ()) -> None:
        self.ids = tuple(ids)
        super().__init__(message)


class StrategyError(OKRError, ValueError):
    """A scoring strategy broke a promise of its protocol; the message names it.

    For example a score that is NaN, or a combination outside its inputs' range.

    Attributes:
        strategy: The strategy, as its ``repr``.
    """

    def __init__(self, message: str, *, strategy: str) -> None:
        super().__init__(message)
        self.strategy = strategy


class ParameterError(OKRError, ValueError):
    """A value that does not fit a template parameter; the message says what would.

    Raised by :meth:`okrkit.catalogue.Parameter.coerce`; instantiating a template
    gathers these into one :class:`TemplateError` that names each parameter.
    """


class RegistryError(OKRError, ValueError):
    """A plugin that cannot be registered: not of the expected kind, or a built-in name."""


class UsageError(OKRError, TypeError):
    """An okrkit function called in a way it does not support; the message says how to."""


class UnknownIdError(OKRError, KeyError):
    """An id that names nothing in the OKR set, with the closest ids that do.

    Attributes:
        id: The id asked for.
        suggestions: Known ids that look like it, closest first.
    """

    def __init__(self, ident: str, kind: str, suggestions: Sequence[str] = ()) -> None:
        self.id = ident
        self.suggestions = tuple(suggestions)
        if self.suggestions:
            close = ", ".join(map(shorten, self.suggestions))
            message = _("no {kind} with id {id}; did you mean {suggestions}?").format(
                kind=kind, id=shorten(ident), suggestions=close
            )
        else:
            message = _("no {kind} with id {id}").format(kind=kind, id=shorten(ident))
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])

    @classmethod
    def among(cls, ident: str, kind: str, candidates: Iterable[str]) -> UnknownIdError:
        """The error for ``ident``, suggesting the ``candidates`` that look like it."""
        return cls(ident, kind, did_you_mean(ident, candidates))


class UnknownStrategyError(OKRError, LookupError):
    """A scoring strategy name that nothing provides; the message lists the known ones."""


class MissingExtraError(OKRError, ImportError):
    """An optional dependency is not installed; the message says which extra to install.

    Attributes:
        extra: The okrkit extra that brings the dependency, such as ``pandas``.
    """

    def __init__(self, message: str, *, extra: str) -> None:
        super().__init__(message)
        self.extra = extra


def import_extra(module: str, extra: str) -> object:
    """Import the optional ``module``, or raise :class:`MissingExtraError` naming ``extra``.

    For okrkit's optional dependencies (pandas, pyarrow, matplotlib), and for
    plugins that have their own.

    Examples:
        >>> import_extra("json", "none").__name__
        'json'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            _(
                "this needs {module}, which is not installed; install it with: "
                'pip install "okrkit[{extra}]"'
            ).format(module=module, extra=extra),
            extra=extra,
        ) from exc
