"""Which of a source's columns holds which field of a check-in.

A source (a CSV file, a sheet, a Parquet file, a DataFrame) names its columns as its
authors chose: ``KR``, ``Ngày``, ``Giá trị``. :func:`match_columns` finds each field's
column, from the caller's ``columns`` mapping first, then by the field's own name and
the common English and Vietnamese headers of :data:`HEADERS`, ignoring case, accents'
encoding (NFC or NFD), spaces, ``_`` and ``-``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from okrkit.errors import LoadError, Message, Problem, Shown, UsageError, ValidationError, shorten
from okrkit.errors._message import Spelled
from okrkit.i18n import N_

__all__ = ["FIELDS", "HEADERS", "REQUIRED", "match_columns", "normal_header"]

FIELDS = ("key_result", "on", "value", "confidence", "note", "author")
"""The fields of a check-in, in the order of a check-in table."""

REQUIRED = FIELDS[:3]
"""The fields every source must have a column for."""

HEADERS: Mapping[str, tuple[str, ...]] = {
    "key_result": (
        "key result",
        "key result id",
        "kr",
        "kr id",
        "kết quả then chốt",
        "mã kết quả then chốt",
        "mã kr",
        "kết quả",
    ),
    "on": (
        "date",
        "day",
        "check in date",
        "checkin date",
        "as of",
        "ngày",
        "ngày cập nhật",
        "ngày check in",
    ),
    "value": (
        "value",
        "actual",
        "current value",
        "giá trị",
        "giá trị hiện tại",
        "giá trị thực tế",
        "số liệu",
    ),
    "confidence": ("confidence", "độ tự tin", "mức độ tự tin", "mức tự tin", "độ tin cậy"),
    "note": ("note", "notes", "comment", "comments", "ghi chú", "nhận xét", "bình luận"),
    "author": (
        "author",
        "by",
        "updated by",
        "reported by",
        "người cập nhật",
        "người báo cáo",
        "tác giả",
    ),
}
"""The headers recognised for each field, besides its own name (compared normalised)."""


def normal_header(header: object) -> str:
    """A header as it is compared: NFC, case-folded, ``_`` and ``-`` as spaces, spaces single.

    Examples:
        >>> normal_header("  Key_Result "), normal_header("Giá  trị")
        ('key result', 'giá trị')
    """
    text = unicodedata.normalize("NFC", str(header)).casefold()
    return " ".join(text.replace("_", " ").replace("-", " ").split())


_BY_HEADER = {
    normal_header(header): field for field in FIELDS for header in (field, *HEADERS[field])
}


def _checked_mapping(columns: Mapping[str, str] | None) -> dict[str, str]:
    """The caller's ``columns``, checked: known fields, each mapped to a header's text."""
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise UsageError(
            Message(
                N_("'columns' must map check-in fields to column names (got {value})"),
                value=Shown(columns),
            )
        )
    for field, header in columns.items():
        if field not in FIELDS:
            raise UsageError(
                Message(
                    N_("unknown check-in field {field} in 'columns'; the fields are: {known}"),
                    field=Shown(field),
                    known=", ".join(FIELDS),
                )
            )
        if not isinstance(header, str) or not header:
            raise UsageError(
                Message(
                    N_("the column of {field} must be a column name (got {value})"),
                    field=field,
                    value=Shown(header),
                )
            )
    return dict(columns)


def match_columns(
    headers: Sequence[object],
    columns: Mapping[str, str] | None,
    *,
    source: str | Message,
    file: str | None = None,
    line: int | None = None,
) -> dict[str, int]:
    """The position of each field's column in ``headers``: named ones, then recognised.

    Args:
        headers: The source's column names, in order.
        columns: The caller's mapping of fields to column names, or ``None``.
        source: How messages name the source, such as "the file" or "the data frame".
        file: The file, for the problem's place (a ``LoadError`` then).
        line: The line or row of the headers in ``file``.

    Raises:
        ValidationError: (a ``LoadError`` for a file) naming the columns found and how
            to name the missing one, when a named column or a required field is absent.
        UsageError: for a ``columns`` mapping that names no field or no column.

    Examples:
        >>> match_columns(["KR", "Ngày", "Giá trị"], None, source="the file")
        {'key_result': 0, 'on': 1, 'value': 2}
        >>> match_columns(["Mã", "Ngày", "Số"], {"key_result": "Mã", "value": "Số"},
        ...     source="the file")
        {'key_result': 0, 'value': 2, 'on': 1}
    """
    wanted = _checked_mapping(columns)
    texts = [str(header) for header in headers]
    found: dict[str, int] = {}
    problems: list[Message] = []
    for field, header in wanted.items():
        at = _position(texts, header)
        if at is None:
            problems.append(
                Message(
                    N_("the {source} has no column {header} (named for {field})"),
                    source=source,
                    header=Shown(header),
                    field=field,
                )
            )
        else:
            found[field] = at
    taken = set(found.values())
    for at, text in enumerate(texts):
        recognised = _BY_HEADER.get(normal_header(text))
        if recognised and recognised not in found and recognised not in wanted and at not in taken:
            found[recognised] = at
            taken.add(at)
    absent = [field for field in REQUIRED if field not in found and field not in wanted]
    if absent:
        problems.append(_absent(source, absent, texts))
    if problems:
        error = LoadError if file is not None else ValidationError
        raise error(Problem("field.column", message, file=file, line=line) for message in problems)
    return found


def _absent(source: str | Message, absent: list[str], texts: list[str]) -> Message:
    """The message for required fields without a column: the columns there are, and how."""
    return Message(
        N_("the {source} has no column {names} (its columns: {found}); name yours with {advice}"),
        source=source,
        names=", ".join(absent),
        found=", ".join(shorten(text, 40) for text in texts) or "-",
        advice=Spelled(f"columns={{'{absent[0]}': ...}}", f"--column {absent[0]}=..."),
    )


def _position(texts: list[str], header: str) -> int | None:
    """Where ``header`` is among ``texts``: exactly, else compared normalised."""
    if header in texts:
        return texts.index(header)
    normal = normal_header(header)
    return next((i for i, text in enumerate(texts) if normal_header(text) == normal), None)
