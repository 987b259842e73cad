"""The kinds of nodes and edges in an alignment graph, and the dependency record."""

from __future__ import annotations

from typing import ClassVar

import attrs

from okrkit.i18n import N_
from okrkit.model._enums import LabelledEnum

__all__ = ["DependencyInfo", "EdgeKind", "NodeKind"]


class NodeKind(LabelledEnum):
    """What a node of the alignment graph holds."""

    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"
    INITIATIVE = "initiative"

    __labels__: ClassVar = {
        OBJECTIVE: N_("objective"),
        KEY_RESULT: N_("key result"),
        INITIATIVE: N_("initiative"),
    }


class EdgeKind(LabelledEnum):
    """What an edge of the alignment graph means.

    - ``has_key_result``: objective -> one of its key results.
    - ``aligns_to``: objective or key result -> a parent objective or key result; the
      edge carries the link's ``link`` kind (contributes / supports) and ``weight``.
    - ``drives``: initiative -> a key result it moves.
    - ``depends_on``: objective or key result -> one it waits on; carries a ``note``.
    """

    HAS_KEY_RESULT = "has_key_result"
    ALIGNS_TO = "aligns_to"
    DRIVES = "drives"
    DEPENDS_ON = "depends_on"

    __labels__: ClassVar = {
        HAS_KEY_RESULT: N_("has key result"),
        ALIGNS_TO: N_("aligns to"),
        DRIVES: N_("drives"),
        DEPENDS_ON: N_("depends on"),
    }


@attrs.frozen(kw_only=True)
class DependencyInfo:
    """A cross-team dependency with the owners on both sides.

    Attributes:
        dependent: The id of the objective or key result that waits.
        on: The id of the one it waits on.
        note: What is needed.
        dependent_owners: The owner ids on the waiting side.
        on_owners: The owner ids on the other side.
    """

    dependent: str
    on: str
    note: str
    dependent_owners: tuple[str, ...]
    on_owners: tuple[str, ...]

    @property
    def crosses_teams(self) -> bool:
        """Whether the two sides have no owner in common."""
        return not set(self.dependent_owners) & set(self.on_owners)
