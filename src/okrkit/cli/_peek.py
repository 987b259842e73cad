"""The language a command line asks for, found before click reads a word of it.

click parses the options first and only then runs the command, so a language
chosen by the command (``--locale``, an OKR file's ``locale``) would come too late for
``--help``, for a bad option value or for a missing argument. :func:`early_locale`
looks at the command line first, in the order every command keeps (see
:mod:`okrkit.cli._app`):

1. ``--locale X`` or ``--locale=X``, anywhere before ``--`` (the last one wins, as
   in click);
2. ``OKRKIT_LOCALE``;
3. the ``locale`` of the OKR file named on the command line (a ``.yaml``, ``.yml``,
   ``.json`` or ``.toml`` file that exists), read by :func:`file_locale` from the
   file's first :data:`PEEK_LIMIT` bytes: never a full load, a file that cannot be
   read simply says nothing;
4. without a file or a store named, the ``locale`` of the workspace's
   ``okrkit.toml``.

A value babel does not know is passed over here; the ``--locale`` option reports it
when click reads it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from okrkit.cli._workspace import find_workspace
from okrkit.errors import LocaleError, OKRError
from okrkit.i18n import use_locale

__all__ = ["PEEK_LIMIT", "early_locale", "file_locale"]

PEEK_LIMIT = 64 * 1024
"""How many bytes of an OKR file :func:`file_locale` reads (``locale`` is written first)."""

_DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".toml"})
_SETTINGS_FILES = frozenset({"okrkit.toml", "pyproject.toml"})
# Options whose value is a file written or a configuration, never the OKRs read.
_NOT_READ = frozenset({"-o", "--output", "--config"})
_KEY = r"""(?:locale|"locale"|'locale')"""
_VALUE = r"""(?:"(?P<double>[^"\n]*)"|'(?P<single>[^'\n]*)'|(?P<plain>[^\s#'"][^\s#]*))"""
_YAML = re.compile(rf"^{_KEY}[ \t]*:[ \t]*{_VALUE}", re.MULTILINE)
_TOML = re.compile(rf"^{_KEY}[ \t]*=[ \t]*{_VALUE}", re.MULTILINE)
_TOML_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _known(locale: str | None) -> str | None:
    """``locale`` as babel spells it, or ``None`` when it is empty or unknown."""
    if not locale or not locale.strip():
        return None
    try:
        with use_locale(locale.strip()) as known:
            return known
    except LocaleError:
        return None


def _before_end_of_options(args: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """Each word before ``--``, with the word after it (``None`` for the last)."""
    words = list(args)
    if "--" in words:
        words = words[: words.index("--")]
    for index, word in enumerate(words):
        yield word, words[index + 1] if index + 1 < len(words) else None


def _option_locale(args: Sequence[str]) -> str | None:
    """The last known locale given with ``--locale X`` or ``--locale=X``."""
    chosen = None
    for word, following in _before_end_of_options(args):
        if word == "--locale" and following is not None:
            chosen = _known(following) or chosen
        elif word.startswith("--locale="):
            chosen = _known(word.partition("=")[2]) or chosen
    return chosen


def _named_files(args: Sequence[str]) -> tuple[list[Path], bool]:
    """The OKR files named on the command line, and whether a store is named."""
    files: list[Path] = []
    store = False
    skip = False
    for word, _following in _before_end_of_options(args):
        if skip:
            skip = False
            continue
        name, equals, value = word.partition("=")
        if word in _NOT_READ:
            skip = True
            continue
        if word == "--store" or (equals and name == "--store"):
            store = True
            continue
        if word.startswith("-") and not (equals and name not in _NOT_READ):
            continue
        candidate = Path(value if word.startswith("-") else word)
        if candidate.suffix.lower() in _DATA_SUFFIXES and candidate.name not in _SETTINGS_FILES:
            try:
                if candidate.is_file():
                    files.append(candidate)
            except (OSError, ValueError):
                continue
    return files, store


def _value(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    return match.group("double") or match.group("single") or match.group("plain")


def _json_locale(text: str) -> str | None:
    """The string value of the top-level key ``locale`` of a JSON object, if it shows."""
    depth = 0
    after = ""  # the last structural token
    key: str | None = None  # a key at depth 1, waiting for its colon
    wanted = False  # the next token is the value of "locale"
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if wanted:
            if not token.startswith('"'):
                return None
            found = json.loads(token)
            return found if isinstance(found, str) else None
        if token.startswith('"'):
            key = token if depth == 1 and after in {"{", ","} else None
            continue
        if token == ":":
            wanted = key == '"locale"'
        elif token in "{[":
            depth += 1
        elif token in "}]":
            depth -= 1
        key = None
        after = token
    return None


def file_locale(path: Path) -> str | None:
    """The ``locale`` an OKR file declares at its top level, from its first bytes only.

    Reads at most :data:`PEEK_LIMIT` bytes (okrkit writes ``locale`` first) and looks
    for a top-level ``locale`` key the way the file's format writes one: a YAML
    mapping key at the start of a line, a TOML key before the first table, a key of
    the outer JSON object. Nothing is parsed in full and nothing is checked: a file
    that is missing, unreadable or says no locale (or one babel does not know) gives
    ``None``.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     file = Path(folder) / "okrs.json"
        ...     _ = file.write_text('{"cycles": [{"locale": "en"}], "locale": "vi"}')
        ...     file_locale(file), file_locale(Path(folder) / "missing.yaml")
        ('vi', None)
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(PEEK_LIMIT)
    except (OSError, ValueError):
        return None
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _known(_json_locale(text))
    if suffix == ".toml":
        table = _TOML_TABLE.search(text)
        return _known(_value(_TOML.search(text[: table.start()] if table else text)))
    return _known(_value(_YAML.search(text)))


def _workspace_locale() -> str | None:
    try:
        found = find_workspace()
    except (OKRError, OSError):
        return None  # the command reports it, once it runs
    return None if found is None else _known(found.locale)


def early_locale(args: Sequence[str]) -> str | None:
    """The language the command line ``args`` asks for, before click parses it.

    ``None`` when nothing asks for one: the environment's language applies (``LANG``).
    See the module's docstring for the order.

    Examples:
        >>> early_locale(["score", "okrs.yaml", "--locale=vi"])
        'vi'
        >>> early_locale(["--locale", "vi", "score", "--", "--locale", "en"])
        'vi'
    """
    chosen = _option_locale(args) or _known(os.environ.get("OKRKIT_LOCALE"))
    if chosen is not None:
        return chosen
    files, store = _named_files(args)
    if files or store:
        return next((found for found in map(file_locale, files) if found), None)
    return _workspace_locale()
