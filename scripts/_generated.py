"""What the scripts that render generated docs pages share: write the pages, or check them.

Each generator (``lint_docs.py``, ``cli_docs.py``, ``catalogue_docs.py``) renders its
pages in English and Vietnamese (``docs/X.md`` and ``docs/X.vi.md``) and hands them to
:func:`run`, which writes them, or with ``--check`` exits 1 naming every stale page and
the command that regenerates it. tests/test_docs.py runs the same check.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


def stale(pages: Mapping[Path, str]) -> list[Path]:
    """The pages whose file on disk differs from ``pages`` (or is missing)."""
    return [
        path
        for path, text in pages.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def run(pages: Mapping[Path, str], argv: list[str], command: str) -> int:
    """Write ``pages``, or with ``--check`` in ``argv`` report the stale ones (exit 1)."""
    if "--check" in argv:
        out_of_date = stale(pages)
        for path in out_of_date:
            print(f"{path.relative_to(ROOT)} is stale: run {command}", file=sys.stderr)
        return 1 if out_of_date else 0
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0
