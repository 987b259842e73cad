"""Build hook: compile the gettext catalogues and ship the example ``okrkit demo`` reads.

The catalogues (.po) become .mo files inside the package: build output, ignored by
git; okrkit falls back to reading the .po files when they are missing or older. The
example lives once, in ``examples/``; a wheel carries a copy as ``okrkit/_demo/`` (an
editable install reads the checkout's).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DEMO_FILES = ("acme.yaml", "acme.en.yaml")


class CompileCataloguesHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile every src/okrkit/locales/<lang>/LC_MESSAGES/okrkit.po; ship the demo."""

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
        if self.target_name == "wheel" and version != "editable":
            for name in DEMO_FILES:
                source = Path(self.root) / "examples" / name
                build_data["force_include"][str(source)] = f"okrkit/_demo/{name}"
