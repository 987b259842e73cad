"""The operating system's refusals reach a reader in okrkit's words, never in the OS's English.

``OSError.strerror`` ("No such file or directory", "Operation not permitted") is the C
library's text, and SQLite's and Python's import errors are English too. Each place
okrkit reports such a refusal words it with :func:`okrkit.errors.os_reason` (or the
store's and the plugin registry's own words), translated when shown: a Vietnamese reader
sees Vietnamese throughout.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import okrkit
from okrkit import Cycle, OKRSet, Owner
from okrkit.catalogue import read_templates
from okrkit.checkins import CheckInLog
from okrkit.cli import main
from okrkit.errors import LoadError, Message, OKRError, WriteError, os_reason
from okrkit.i18n import N_
from okrkit.io import write_atomically
from okrkit.store import SQLiteStore

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "acme.yaml"

OS_TEXTS = sorted({os.strerror(number) for number in errno.errorcode}, key=len, reverse=True)
"""The OS's own text for every error number it has."""

OTHER_ENGLISH = (
    "No module named",
    "has no attribute",
    "readonly database",
    "unable to open database",
    "disk I/O error",
    "database or disk is full",
)
"""Python's and SQLite's English for the failures okrkit words itself."""

COMMON = (
    "ENOENT",
    "EACCES",
    "EPERM",
    "EISDIR",
    "ENOTDIR",
    "ENOSPC",
    "EROFS",
    "EEXIST",
    "ENOTEMPTY",
    "ENAMETOOLONG",
    "ELOOP",
    "EMFILE",
    "ENFILE",
    "EBUSY",
    "EXDEV",
    "EFBIG",
    "EIO",
    "ENOMEM",
    "EAGAIN",
    "ETIMEDOUT",
    "EINVAL",
)
"""The refusals okrkit names in its own words rather than by their number."""


def os_english(text: str) -> list[str]:
    """The OS's, SQLite's or Python's English found in ``text``."""
    return [words for words in (*OS_TEXTS, *OTHER_ENGLISH) if words in text]


def refusal(name: str) -> OSError:
    """The error the OS raises for error ``name``, with its own (English) text."""
    number = getattr(errno, name)
    return OSError(number, os.strerror(number), "okrs.yaml")


def vietnamese(run: Callable[[], object]) -> str:
    """The Vietnamese words of the okrkit error that ``run`` raises."""
    with pytest.raises(OKRError) as caught:
        run()
    return caught.value.render(locale="vi")


def cli_vi(*args: str, status: int = 1) -> str:
    """What ``okrkit --locale vi ARGS`` says on stderr; it must fail with ``status``."""
    result = CliRunner().invoke(main, ["--locale", "vi", *args])
    assert result.exit_code == status, (result.output, result.exc_info)
    return result.stderr


class TestOsReason:
    @pytest.mark.parametrize("name", [n for n in COMMON if hasattr(errno, n)])
    def test_common_refusals_in_okrkit_words(self, name: str) -> None:
        """Each common refusal has words of its own in both languages, none of them the OS's."""
        reason = os_reason(refusal(name))
        english, vi = reason.render(locale="en"), reason.render(locale="vi")
        assert "error code" not in english
        assert vi != english, "not translated"
        assert os_english(english) == []
        assert os_english(vi) == []

    def test_no_error_number_shows_the_os_text(self) -> None:
        """Whatever the number, the words hold none of the OS's text, in either language."""
        for number in errno.errorcode:
            reason = os_reason(OSError(number, os.strerror(number)))
            for locale in ("en", "vi"):
                text = reason.render(locale=locale)
                assert os.strerror(number) not in text, (number, text)

    def test_another_refusal_gives_its_number(self) -> None:
        """A refusal okrkit has no words for is named by its number, never grouped."""
        reason = os_reason(OSError(10013, "An attempt was made to access a socket"))
        assert reason.render(locale="vi") == "hệ điều hành từ chối (mã lỗi 10013)"
        assert reason.render(locale="en") == "the operating system refused (error code 10013)"

    def test_an_error_without_a_number(self) -> None:
        """The kind of error says what it is; a bare OSError says nothing was said."""
        assert os_reason(PermissionError("denied")) == os_reason(refusal("EACCES"))
        assert os_reason(FileNotFoundError()) == os_reason(refusal("ENOENT"))
        assert os_reason(OSError("something")).render(locale="vi") == (
            "hệ điều hành từ chối mà không cho biết lý do"
        )

    def test_an_okrkit_error_keeps_its_words(self) -> None:
        """A WriteError (an OSError) made with okrkit's words gives those words."""
        words = Message(N_("the disk is full; free some space and try again"))
        assert os_reason(WriteError(words, file="x", errno=errno.ENOSPC)) is words


@pytest.fixture
def places(tmp_path: Path) -> Iterator[Path]:
    """A folder with a plain file ``afile``, under which no path can be a file or folder."""
    (tmp_path / "afile").write_text("not a folder\n", encoding="utf-8")
    return tmp_path


class TestEverySiteInVietnamese:
    def test_a_missing_lint_configuration(self, tmp_path: Path) -> None:
        """`check --config` on a file that is not there names it in Vietnamese."""
        missing = str(tmp_path / "nofile.toml")
        said = cli_vi("check", "--config", missing, str(EXAMPLE), status=2)  # input unusable
        assert "không có tệp hay thư mục này" in said
        assert os_english(said) == []

    def test_a_parquet_folder_that_cannot_be_made(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`export-parquet` into a folder the OS refuses (EPERM, as /sys does) says why."""
        pytest.importorskip("pyarrow")
        target = tmp_path / "pq"
        make_folder = Path.mkdir

        def refused(path: Path, *args: Any, **kwargs: Any) -> None:
            if path == target:
                raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(path))
            make_folder(path, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", refused)
        said = cli_vi("export-parquet", str(EXAMPLE), "-o", str(target))
        assert "không tạo được thư mục" in said
        assert "không có quyền truy cập" in said
        assert os_english(said) == []

    def test_an_okr_file_under_a_file(self, places: Path) -> None:
        """Reading a path through a file (ENOTDIR) says a part of the path is a file."""
        said = vietnamese(lambda: okrkit.load(places / "afile" / "okrs.yaml"))
        assert "một phần của đường dẫn là tệp" in said
        assert os_english(said) == []

    def test_an_okr_file_that_is_a_folder(self, places: Path) -> None:
        """Reading a folder as an OKR file says it is a folder."""
        (places / "okrs.yaml").mkdir()
        said = vietnamese(lambda: okrkit.load(places / "okrs.yaml"))
        assert "thư mục" in said
        assert os_english(said) == []

    def test_a_write_the_disk_refuses(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A read-only disk at the last step of a write is named, the old file kept."""
        target = tmp_path / "okrs.yaml"
        target.write_text("old\n", encoding="utf-8")

        def read_only(_source: object, _target: object) -> None:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(os, "replace", read_only)
        said = vietnamese(lambda: write_atomically(target, "new\n"))
        assert "ổ đĩa chỉ cho phép đọc" in said
        assert os_english(said) == []
        assert target.read_text(encoding="utf-8") == "old\n"

    def test_a_template_file_that_is_a_folder(self, tmp_path: Path) -> None:
        """A template file that is a folder (EISDIR) is named in Vietnamese."""
        (tmp_path / "mine.yaml").mkdir()
        said = vietnamese(lambda: read_templates(tmp_path / "mine.yaml"))
        assert "không đọc được tệp mẫu" in said
        assert "thư mục" in said
        assert os_english(said) == []

    def test_a_workspace_file_that_cannot_be_read(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An okrkit.toml the OS refuses to read is named, with why, in Vietnamese."""
        workspace = tmp_path / "okrkit.toml"
        workspace.write_text('[workspace]\nstore = "okrkit.db"\n', encoding="utf-8")
        read_text = Path.read_text

        def refused(path: Path, *args: Any, **kwargs: Any) -> str:
            if path.name == "okrkit.toml":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return read_text(path, *args, **kwargs)

        monkeypatch.setattr(Path, "read_text", refused)
        monkeypatch.chdir(tmp_path)
        said = cli_vi("history", "kr-1")
        assert "không đọc được tệp cấu hình không gian làm việc" in said
        assert "không có quyền truy cập" in said
        assert os_english(said) == []

    def test_a_workbook_under_a_file(self, places: Path) -> None:
        """Importing check-ins from a path through a file names the path's mistake."""
        said = vietnamese(lambda: CheckInLog.from_excel(places / "afile" / "log.xlsx"))
        assert "một phần của đường dẫn là tệp" in said
        assert os_english(said) == []

    def test_a_workspace_folder_under_a_file(self, places: Path) -> None:
        """`init` in a folder that cannot be made says why in Vietnamese."""
        said = cli_vi("init", str(places / "afile" / "ws"))
        assert "không tạo được thư mục" in said
        assert "một phần của đường dẫn là tệp" in said
        assert os_english(said) == []

    def test_a_store_sqlite_will_not_write(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """SQLite's "readonly database" becomes okrkit's words for a read-only store."""
        path = tmp_path / "okrkit.db"
        SQLiteStore(path).close()
        connect = sqlite3.connect

        def read_only(database: Path, **kwargs: Any) -> sqlite3.Connection:
            return connect(f"{Path(database).as_uri()}?mode=ro", uri=True, **kwargs)

        monkeypatch.setattr(sqlite3, "connect", read_only)
        okrs = OKRSet(
            cycles=[Cycle.quarter(2026, 1)], owners=[Owner(id="a", name="A")], objectives=[]
        )

        def save() -> None:
            with SQLiteStore(path) as store:
                store.save(okrs)

        said = vietnamese(save)
        assert "kho dữ liệu chỉ cho phép đọc" in said
        assert os_english(said) == []

    @pytest.mark.parametrize(
        ("strategy", "words"),
        [
            ("nomod.anywhere:Thing", "không có mô-đun 'nomod'"),
            ("json:nothing_here", "mô-đun 'json' không có thứ gì tên là 'nothing_here'"),
        ],
    )
    def test_a_plugin_path_that_does_not_import(self, strategy: str, words: str) -> None:
        """A scoring strategy path that does not import is explained without Python's English."""
        result = CliRunner().invoke(
            main, ["--locale", "vi", "score", str(EXAMPLE), "--strategy", strategy]
        )
        assert result.exit_code != 0
        assert words in result.stderr
        assert os_english(result.stderr) == []


def test_load_error_is_still_a_load_error(places: Path) -> None:
    """The new words change nothing else: the error is the same class, naming the file."""
    with pytest.raises(LoadError) as caught:
        okrkit.load(places / "afile" / "okrs.yaml")
    assert caught.value.codes == ("file.unreadable",)
    assert caught.value.file is not None
    assert caught.value.file.endswith("okrs.yaml")
