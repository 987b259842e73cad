"""One thing wrong with an input: a stable code, words rendered when shown, and where."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from okrkit.errors._codes import GENERIC_CODE, PROBLEM_CODES
from okrkit.errors._hints import Shown, shorten
from okrkit.errors._message import N_, Message, in_locale

__all__ = ["Problem"]

_CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")


@dataclasses.dataclass(frozen=True, init=False, slots=True)
class Problem:
    """One thing wrong with an input, and where it is.

    A problem keeps a stable :attr:`code` (one of :data:`PROBLEM_CODES` for the
    problems okrkit finds), its English text and the arguments of that text. The
    words are put into a language only when the problem is shown: ``str(problem)``
    and :attr:`message` use the locale active then, :meth:`render` the one asked for.
    So an app can show the same problem in Vietnamese to one person and in English
    to another.

    Args:
        code: What kind of problem it is, such as ``"field.type"``; a plain
            message gets :data:`GENERIC_CODE`.
        message: The English text with ``{name}`` placeholders, marked with
            :func:`okrkit.i18n.N_` so that it is translated when shown; or a
            :class:`Message`; or plain text of your own.
        args: The placeholders' values. Numbers and dates are formatted for the
            locale the problem is shown in.
        template: Another name for ``message`` (the field's name).
        entity_id: The id of the cycle, owner, objective, key result, initiative
            or check-in concerned, when there is one.
        path: Where inside a file or an OKR set, e.g.
            ``objectives[2].key_results[0].metric.target``.
        file: The file the problem was found in, when loading from a file.
        line: The 1-based line in ``file``, when the format keeps lines.
        unlisted: For a problem that sums up others not listed one by one ("and 280
            more rows that cannot be imported"), how many it stands for; 0 (the
            default) for a problem of its own. A :class:`ValidationError` counts them
            in its header ("20 of 300 problems shown").

    Raises:
        UsageError: for a code that is not lower-case dotted words, or an
            ``unlisted`` that is not a whole number of 0 or more.

    Examples:
        >>> from okrkit.i18n import N_, use_locale
        >>> words = N_("'{field}' must be greater than 0 (got {value:g})")
        >>> problem = Problem("value.range", words, {"field": "weight", "value": 0.5},
        ...                   entity_id="kr-1")
        >>> print(problem)
        kr-1: 'weight' must be greater than 0 (got 0.5)
        >>> problem.render(locale="vi")
        "kr-1: 'weight' phải lớn hơn 0 (nhận được 0,5)"
        >>> Problem(message="plain words").code
        'other'
    """

    code: str
    template: str
    args: Mapping[str, object]
    entity_id: str | None
    path: str | None
    file: str | None
    line: int | None
    unlisted: int

    def __init__(
        self,
        code: str = GENERIC_CODE,
        message: str | Message | None = None,
        args: Mapping[str, object] | None = None,
        *,
        template: str | None = None,
        entity_id: str | None = None,
        path: str | None = None,
        file: str | None = None,
        line: int | None = None,
        unlisted: int = 0,
    ) -> None:
        if not isinstance(code, str) or (code not in PROBLEM_CODES and not _CODE.fullmatch(code)):
            from okrkit.errors import UsageError

            raise UsageError(
                Message(
                    N_(
                        "a problem's code is lower-case dotted words such as 'field.type' "
                        "(got {value}); pass the text as message=..."
                    ),
                    value=Shown(code),
                )
            )
        if type(unlisted) is not int or unlisted < 0:
            from okrkit.errors import UsageError

            raise UsageError(
                Message(
                    N_("'unlisted' must be a whole number, 0 or more (got {value})"),
                    value=Shown(unlisted),
                )
            )
        words = message if message is not None else template or ""
        values: dict[str, object] = {}
        if isinstance(words, Message):
            values.update(words.args)
            words = words.template
        elif code == GENERIC_CODE and args is None and template is None:
            words = words.replace("{", "{{").replace("}", "}}")  # plain words, as written
        if args:
            values.update(args)
        setter = object.__setattr__
        setter(self, "code", code)
        setter(self, "template", str(words))
        setter(self, "args", values)
        setter(self, "entity_id", entity_id)
        setter(self, "path", path)
        setter(self, "file", file)
        setter(self, "line", line)
        setter(self, "unlisted", unlisted)

    @property
    def text(self) -> Message:
        """The words of the problem, not yet in a language; for a message of your own."""
        return Message(self.template, **self.args)

    @property
    def message(self) -> str:
        """What is wrong and how to fix it, in the active locale."""
        return self.text.render()

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

    def render(self, locale: str | None = None) -> str:
        """The problem as one line, where it is then what is wrong, in ``locale``.

        With no ``locale``, in the active one (as ``str(problem)``).

        Raises:
            LocaleError: when babel does not know ``locale``.
        """
        with in_locale(locale):
            return self._line()

    def _line(self) -> str:
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
        message = self.text.render()
        return f"{prefix}: {message}" if prefix else message

    def __str__(self) -> str:
        return self._line()

    def __hash__(self) -> int:
        # The arguments may hold a list; equal problems have the same names for them.
        names = tuple(sorted(self.args))
        return hash((self.code, self.template, names, self.entity_id, self.path, self.file))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self.code, self.template, dict(self.args), self._where()))

    def _where(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "path": self.path,
            "file": self.file,
            "line": self.line,
            "unlisted": self.unlisted,
        }


def _restore(code: str, template: str, args: dict[str, object], where: dict[str, Any]) -> Problem:
    """Rebuild a pickled :class:`Problem`."""
    return Problem(code, template, args, **where)


def _shown(text: str, limit: int) -> str:
    """``text`` as it is when printable and short, else quoted and cut by :func:`shorten`."""
    return text if text.isprintable() and len(text) <= limit else shorten(text, limit)
