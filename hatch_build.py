"""Build hook: compile the gettext catalogues (.po) into .mo files inside the package.

The .mo files are build output (ignored by git); okrkit falls back to reading the
.po files when they are missing or older.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCataloguesHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile every src/okrkit/locales/<lang>/LC_MESSAGES/okrkit.po."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Write each .mo next to its .po and ship it as a build artifact."""
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root) / "src" / "okrkit" / "locales"
        for po in sorted(root.glob("*/LC_MESSAGES/okrkit.po")):
            language = po.parent.parent.name
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=language, domain="okrkit")
            mo = po.with_suffix(".mo")
            with mo.open("wb") as handle:
                write_mo(handle, catalog)
            build_data["artifacts"].append(str(mo.relative_to(self.root)))
