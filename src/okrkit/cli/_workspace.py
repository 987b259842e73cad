"""Where a command reads and writes its OKRs: a file, a store, or the workspace's store.

A workspace is a folder with an ``okrkit.toml``::

    [workspace]
    store = "okrkit.db"   # the SQLite store, relative to the okrkit.toml
    name = "default"      # the workspace inside the store
    locale = "vi"         # the default language of the commands run in it

Commands that work on OKRs take :func:`target_options` (``--file/-f PATH``, ``--store
PATH``, ``--workspace NAME``) and call :func:`resolve_target` with them. With neither
``--file`` nor ``--store``, the ``okrkit.toml`` is looked for in the current folder and
then in each folder above it. The workspace's ``locale`` is the commands' language
unless ``--locale`` or ``OKRKIT_LOCALE`` says otherwise; without any of the three, a
target's set speaks its own ``locale`` (see :func:`~okrkit.cli._app.adopt_locale`).

A :class:`Target` reads and writes the same way whichever it is: a file is written
back whole (atomically, no ``--force`` needed: writing is the command's purpose), a
store records the changes and keeps their history.
"""

from __future__ import annotations

import abc
import functools
import os
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import attrs
import click

from okrkit._files import toml_syntax_error
from okrkit.cli._help import PathParam, option
from okrkit.cli._language import adopt_locale, choose_locale, locale_given
from okrkit.errors import (
    LoadError,
    LocaleError,
    Message,
    OKRError,
    Problem,
    Shown,
    UsageError,
    os_reason,
)
from okrkit.errors._message import as_found
from okrkit.i18n import N_, _, use_locale
from okrkit.io import dump, load, write_atomically
from okrkit.store import SQLiteStore
from okrkit.store._select import merge_checkins, select_cycle

if TYPE_CHECKING:
    from okrkit.checkins import CheckInLog
    from okrkit.model import CheckIn, OKRSet
    from okrkit.store import Change

__all__ = [
    "DEFAULT_WORKSPACE",
    "WORKSPACE_FILE",
    "FileTarget",
    "StoreTarget",
    "Target",
    "Workspace",
    "find_workspace",
    "read_workspace",
    "resolve_target",
    "target_options",
    "write_workspace",
]

WORKSPACE_FILE = "okrkit.toml"
"""The name of the file that makes a folder a workspace."""

DEFAULT_WORKSPACE = "default"
"""The workspace a store's commands use when none is named."""

_KEYS = ("store", "name", "locale")
_F = TypeVar("_F", bound=Callable[..., Any])


@attrs.frozen
class Workspace:
    """An ``okrkit.toml``, read.

    Attributes:
        file: The ``okrkit.toml`` itself.
        store: The store's path (made absolute from the file's folder).
        name: The workspace inside the store.
        locale: The default language of the commands, or ``None``.
    """

    file: Path
    store: Path
    name: str = DEFAULT_WORKSPACE
    locale: str | None = None


def _bad(file: Path, code: str, message: str, args: dict[str, object] | None = None) -> LoadError:
    return LoadError(Problem(code, message, args or {}, file=str(file)))


def _toml(file: Path) -> dict[str, Any]:
    """The TOML data of ``file``; a file that cannot be read or parsed is a LoadError."""
    try:
        text = file.read_text(encoding="utf-8")
        return tomllib.loads(text)
    except UnicodeDecodeError as exc:
        message = N_("the file is not UTF-8 text; save it as UTF-8 (byte {position})")
        raise _bad(file, "file.encoding", message, {"position": exc.start}) from None
    except OSError as exc:
        message = N_("cannot read the workspace file: {reason}")
        raise _bad(file, "file.unreadable", message, {"reason": os_reason(exc)}) from None
    except tomllib.TOMLDecodeError as exc:
        raise toml_syntax_error(exc, text, str(file)) from None


def read_workspace(file: Path) -> Workspace:
    """Read an ``okrkit.toml``.

    Raises:
        LoadError: naming the file, when it cannot be read, is not TOML, or holds a
            value that is not text or a key that okrkit does not know.
    """
    table = _toml(file).get("workspace")
    if not isinstance(table, dict):
        message = N_(
            'add a [workspace] table with the store\'s path, such as: store = "okrkit.db"'
        )
        raise _bad(file, "key.missing", message)
    for key, value in table.items():
        if key not in _KEYS:
            message = N_("unknown key {key!r} in [workspace]; the keys are: {known}")
            raise _bad(
                file, "key.unknown", message, {"key": Shown(key), "known": ", ".join(_KEYS)}
            )
        if not isinstance(value, str) or not value.strip():
            message = N_("'{key}' in [workspace] must be text (got {value!r})")
            raise _bad(file, "field.type", message, {"key": key, "value": as_found(value)})
    return Workspace(
        file=file,
        store=file.parent / table.get("store", "okrkit.db"),
        name=table.get("name", DEFAULT_WORKSPACE),
        locale=table.get("locale"),
    )


def find_workspace(start: Path | None = None) -> Workspace | None:
    """The workspace of ``start`` (the current folder by default) or of a folder above it.

    Returns ``None`` when no folder up to the root has an ``okrkit.toml``.

    Raises:
        LoadError: when the ``okrkit.toml`` found cannot be read (see :func:`read_workspace`).
    """
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        file = candidate / WORKSPACE_FILE
        if file.is_file():
            return read_workspace(file)
    return None


def write_workspace(
    folder: Path,
    *,
    store: str = "okrkit.db",
    name: str = DEFAULT_WORKSPACE,
    locale: str | None = None,
) -> Path:
    """Write ``folder/okrkit.toml`` whole (atomically) and return its path.

    Raises:
        WriteError: naming the file, when it cannot be written.
    """
    import tomli_w

    table: dict[str, str] = {"store": store, "name": name}
    if locale is not None:
        table["locale"] = locale
    file = folder / WORKSPACE_FILE
    write_atomically(file, tomli_w.dumps({"workspace": table}))
    return file


class Target(abc.ABC):
    """What a command reads OKRs from and writes them to: a file or a store's workspace.

    Use as a context manager, or call :meth:`close` when done.
    """

    label: str
    """How messages name the target: the file, or the store and workspace."""

    @abc.abstractmethod
    def load(self, cycle: str | None = None) -> OKRSet:
        """The OKR set, or the part of it about ``cycle`` (see ``Store.load``)."""

    @abc.abstractmethod
    def save(self, okrset: OKRSet, author: str | None = None) -> None:
        """Write ``okrset`` back: a file whole, a store as recorded changes."""

    @abc.abstractmethod
    def append_checkins(
        self,
        log: CheckInLog | Iterable[CheckIn],
        author: str | None = None,
        source: str | None = None,
    ) -> int:
        """Add check-ins, all or none; return how many were added.

        A check-in identical to the one recorded for its key result and day is not
        added again; a different value for that day replaces it.
        """

    @abc.abstractmethod
    def history(self, entity_id: str) -> tuple[Change, ...]:
        """Every recorded change of one entity; a file has none to give."""

    def close(self) -> None:  # noqa: B027 - a file target has nothing to close
        """Let go of what the target holds open."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class FileTarget(Target):
    """An OKR file (YAML, TOML or JSON), written back whole on every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = str(path)

    def load(self, cycle: str | None = None) -> OKRSet:
        okrset = load(self.path)
        adopt_locale(okrset.locale)
        return okrset if cycle is None else select_cycle(okrset, cycle)

    def save(self, okrset: OKRSet, author: str | None = None) -> None:
        dump(okrset, self.path)

    def append_checkins(
        self,
        log: CheckInLog | Iterable[CheckIn],
        author: str | None = None,
        source: str | None = None,
    ) -> int:
        okrset = load(self.path)
        merged, added = merge_checkins(okrset, log)
        if added:
            dump(merged, self.path)
        return added

    def history(self, entity_id: str) -> tuple[Change, ...]:
        raise UsageError(
            _(
                "{file} is a file, which keeps no history; history needs a store: run "
                "'okrkit init --from {file}' and use the workspace, or pass --store"
            ).format(file=self.label)
        )


class StoreTarget(Target):
    """One workspace of a :class:`~okrkit.store.SQLiteStore`."""

    def __init__(self, path: Path, workspace: str = DEFAULT_WORKSPACE) -> None:
        if not path.exists():  # a mistyped --store must not leave a new, empty store behind
            raise LoadError(
                Problem(
                    "file.missing",
                    Message(
                        N_(
                            "there is no store here; check the path, or make a workspace "
                            "with its store by 'okrkit init --from FILE'"
                        )
                    ),
                    file=str(path),
                )
            )
        self.store = SQLiteStore(path)
        self.workspace = workspace
        if workspace == DEFAULT_WORKSPACE:
            self.label = _("{store} (the default workspace)").format(store=path)
        else:
            self.label = _("{store} (workspace {workspace})").format(
                store=path, workspace=workspace
            )

    def load(self, cycle: str | None = None) -> OKRSet:
        okrset = self.store.load(workspace=self.workspace, cycle=cycle)
        adopt_locale(okrset.locale)
        return okrset

    def save(self, okrset: OKRSet, author: str | None = None) -> None:
        self.store.save(okrset, workspace=self.workspace, author=author)

    def append_checkins(
        self,
        log: CheckInLog | Iterable[CheckIn],
        author: str | None = None,
        source: str | None = None,
    ) -> int:
        return self.store.append_checkins(
            log, workspace=self.workspace, author=author, source=source
        )

    def history(self, entity_id: str) -> tuple[Change, ...]:
        return self.store.history(entity_id, workspace=self.workspace)

    def close(self) -> None:
        self.store.close()


def resolve_target(file: Path | None, store: Path | None, workspace: str | None) -> Target:
    """The target that ``--file``, ``--store`` and ``--workspace`` name.

    ``--file`` names an OKR file; ``--store`` a store (workspace ``default`` unless
    ``--workspace``); neither, the workspace whose ``okrkit.toml`` is in the current
    folder or one above it (its ``name`` unless ``--workspace``).

    Raises:
        click.UsageError: for ``--file`` with ``--store`` or ``--workspace``.
        UsageError: when neither is given and no ``okrkit.toml`` is found.
        LoadError: for an ``okrkit.toml``, or a store, that cannot be read.
        WriteError: for a store that cannot be created.
    """
    if file is not None:
        if store is not None or workspace is not None:
            raise click.UsageError(_("pass --file, or --store with --workspace, not both"))
        return FileTarget(file)
    if store is not None:
        return StoreTarget(store, workspace or DEFAULT_WORKSPACE)
    found = find_workspace()
    if found is None:
        raise UsageError(
            _(
                "no {name} in {folder} or any folder above it; run 'okrkit init' to make a "
                "workspace here, or pass --file or --store"
            ).format(name=WORKSPACE_FILE, folder=Path.cwd())
        )
    return StoreTarget(found.store, workspace or found.name)


def _workspace_locale(file: Path | None, store: Path | None) -> str | None:
    """The locale of the current workspace, when it names one and is what is used."""
    if file is not None or store is not None or os.environ.get("OKRKIT_LOCALE"):
        return None
    try:
        found = find_workspace()
    except OKRError:
        return None  # resolve_target reports it, in the command's language
    return None if found is None else found.locale


def _is_locale(locale: str) -> bool:
    """Whether babel knows ``locale`` (an unknown one in okrkit.toml is not used)."""
    try:
        with use_locale(locale):
            return True
    except LocaleError:
        return False


def target_options(command: _F) -> _F:
    """Add ``--file/-f``, ``--store`` and ``--workspace`` (passed on by those names).

    A command under a workspace speaks the workspace's ``locale``, unless ``--locale``
    or ``OKRKIT_LOCALE`` says otherwise (apply :func:`~okrkit.cli._app.with_locale`
    too).
    """

    @option(
        "-f",
        "--file",
        "file",
        type=PathParam(dir_okay=False, path_type=Path),
        help=N_("An OKR file (.yaml, .toml or .json) to work on instead of a store."),
    )
    @option(
        "--store",
        "store",
        type=PathParam(file_okay=True, dir_okay=False, path_type=Path),
        help=N_("A store to work on (default: the one named by okrkit.toml)."),
    )
    @option(
        "--workspace",
        "workspace",
        metavar=N_("NAME"),
        help=N_("The workspace inside the store (default: okrkit.toml's, or 'default')."),
    )
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        chosen = locale_given()
        locale = None if chosen else _workspace_locale(kwargs.get("file"), kwargs.get("store"))
        if locale is not None and _is_locale(locale):
            choose_locale(locale)  # the workspace's locale wins over the set's
        return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
