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

Each problem has a stable code (:data:`PROBLEM_CODES`) and keeps its words as a
:class:`Message`: English text and arguments, put into a language only when shown,
in the locale active then (``str(error)``) or the one asked for
(``error.render(locale="vi")``). docs/errors.md lists the codes.

When the operating system refuses (a missing file, permission denied, a full disk),
:func:`os_reason` says why in okrkit's words, never in the OS's own English.

Lint findings are not errors: the linter returns them as values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from okrkit.errors import _message as _words
from okrkit.errors._codes import GENERIC_CODE, PROBLEM_CODES
from okrkit.errors._hints import HINT_LIMIT, Shown, Suggestions, did_you_mean, shorten
from okrkit.errors._message import Message, kind_of
from okrkit.errors._message import in_locale as _in_locale
from okrkit.errors._message import lend as _lend
from okrkit.errors._os import os_reason
from okrkit.errors._problem import Problem

# okrkit.i18n sits above this module (it raises LocaleError), so it lends its gettext
# and its formatters here when it is imported, rather than this module importing it;
# see docs/architecture.md. Until then (only while okrkit itself is being imported)
# messages stay in English.
_gettext: Callable[[str], str] = str


def _use_gettext(gettext: Callable[[str], str]) -> None:
    """Translate this module's messages with ``gettext``; called by :mod:`okrkit.i18n`."""
    global _gettext  # noqa: PLW0603 - filled in once, by the layer above
    _gettext = gettext
    _lend(gettext=gettext)


__all__ = [
    "GENERIC_CODE",
    "HINT_LIMIT",
    "PROBLEM_CODES",
    "AlignmentError",
    "FormatError",
    "LoadError",
    "LocaleError",
    "Message",
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
    "kind_of",
    "os_reason",
    "shorten",
]


class OKRError(Exception):
    """The root of every error okrkit raises.

    An error made with a :class:`Message` words it when shown, in the locale active
    then, like a :class:`Problem`; :meth:`render` words it in the locale asked for.
    """

    def __str__(self) -> str:
        if len(self.args) == 1 and isinstance(self.args[0], Message):
            return self.args[0].render()
        return super().__str__()

    def render(self, locale: str | None = None) -> str:
        """The error's message in ``locale``, or in the active locale when ``None``.

        Raises:
            LocaleError: when babel does not know ``locale``.

        Examples:
            >>> from okrkit.i18n import N_
            >>> error = UsageError(Message(N_("{count} problems found:"), count=1500))
            >>> error.render(locale="vi"), error.render(locale="en")
            ('Phát hiện 1.500 lỗi:', '1,500 problems found:')
        """
        with _in_locale(locale):
            return str(self)


class ValidationError(OKRError, ValueError):
    """Input that breaks a rule of the model, with every problem found.

    Its message lists the problems, worded when it is shown (``str(error)``), in the
    locale active then, or by :meth:`~OKRError.render` in the one asked for.

    Attributes:
        problems: Every problem found, in the order found; never empty.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem] | Problem | str | Message) -> None:
        if isinstance(problems, str | Message):
            problems = Problem(message=problems)
        if isinstance(problems, Problem):
            problems = (problems,)
        self.problems = tuple(problems)
        if not self.problems:
            raise UsageError(Message(_words.N_("a validation error needs at least one problem")))
        # The problems are the error's arguments: a pickled error comes back whole.
        super().__init__(self.problems)

    def __str__(self) -> str:
        problems = self.problems
        if len(problems) == 1:
            return str(problems[0])
        header = _header(problems).render()
        return "\n".join([header, *(f"  - {problem}" for problem in problems)])

    @property
    def codes(self) -> tuple[str, ...]:
        """The code of each problem, in order, for an app that acts on the kind of problem."""
        return tuple(problem.code for problem in self.problems)

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


def _header(problems: Sequence[Problem]) -> Message:
    """The line above the problems: how many, and how many of them are listed.

    A problem that sums up others (:attr:`Problem.unlisted`) counts as those, not as
    one: 20 bad rows and "and 280 more" are "20 of 300 problems shown".
    """
    listed = sum(1 for problem in problems if not problem.unlisted)
    total = listed + sum(problem.unlisted for problem in problems)
    if listed == total:
        return Message(_words.N_("{count} problems found:"), count=total)
    return Message(_words.N_("{shown} of {count} problems shown:"), shown=listed, count=total)


class LoadError(ValidationError):
    """A file that cannot be read, parsed or turned into an OKR set.

    Every problem names the file, and the line where the format keeps lines.
    """


class FormatError(OKRError, ValueError):
    """A file format okrkit does not know (judged from a suffix or a name).

    Attributes:
        format: The format or suffix that was asked for.
    """

    def __init__(self, message: str | Message, *, format: str) -> None:  # noqa: A002
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

    def __init__(self, message: str | Message, *, file: str, errno: int | None = None) -> None:
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
        return Message(
            _words.N_(
                "unknown locale {identifier}; use a language code such as 'vi' or 'en', "
                "optionally with a territory such as 'vi_VN'"
            ),
            identifier=Shown(self.identifier),
        ).render()


class AlignmentError(OKRError, ValueError):
    """A change that would break the alignment graph, which stays as it was.

    Raised for an alignment loop, a second objective for a key result, an id that
    names nothing, an alignment across cycles that do not overlap, or any change to a
    read-only view.

    Attributes:
        ids: The ids of the entities involved.
    """

    def __init__(self, message: str | Message, *, ids: Sequence[str] = ()) -> None:
        self.ids = tuple(ids)
        super().__init__(message)


class StrategyError(OKRError, ValueError):
    """A scoring strategy broke a promise of its protocol; the message names it.

    For example a score that is NaN, or a combination outside its inputs' range.

    Attributes:
        strategy: The strategy, as its ``repr``.
    """

    def __init__(self, message: str | Message, *, strategy: str) -> None:
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

    def __init__(self, ident: str, kind: str | Message, suggestions: Sequence[str] = ()) -> None:
        self.id = ident
        self.suggestions = tuple(suggestions)
        if self.suggestions:
            close = ", ".join(map(shorten, self.suggestions))
            message = Message(
                _words.N_("no {kind} with id {id}; did you mean {suggestions}?"),
                kind=kind,
                id=Shown(ident),
                suggestions=close,
            )
        else:
            message = Message(_words.N_("no {kind} with id {id}"), kind=kind, id=Shown(ident))
        super().__init__(message)

    def __str__(self) -> str:
        # Not KeyError's: that one quotes its argument.
        return OKRError.__str__(self)

    @classmethod
    def among(cls, ident: str, kind: str | Message, candidates: Iterable[str]) -> UnknownIdError:
        """The error for ``ident``, suggesting the ``candidates`` that look like it."""
        return cls(ident, kind, did_you_mean(ident, candidates))


class UnknownStrategyError(OKRError, LookupError):
    """A scoring strategy name that nothing provides; the message lists the known ones."""


class MissingExtraError(OKRError, ImportError):
    """An optional dependency is not installed; the message says which extra to install.

    Attributes:
        extra: The okrkit extra that brings the dependency, such as ``pandas``.
    """

    def __init__(self, message: str | Message, *, extra: str) -> None:
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
            Message(
                _words.N_(
                    "this needs {module}, which is not installed; install it with: "
                    'pip install "okrkit[{extra}]"'
                ),
                module=module,
                extra=extra,
            ),
            extra=extra,
        ) from exc
