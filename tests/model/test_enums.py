"""The enums of the OKR vocabulary: labels in every locale, and reading a confidence."""

from __future__ import annotations

import enum

import pytest

from okrkit import Confidence, MetricKind, Status, Unit, ValidationError
from okrkit.graph import EdgeKind, NodeKind
from okrkit.i18n import N_, use_locale
from okrkit.model._enums import Labelled, LabelledEnum

LABELLED = [MetricKind, Unit, Status, Confidence, NodeKind, EdgeKind]


class TestLabels:
    @pytest.mark.parametrize("enum_type", LABELLED, ids=lambda cls: cls.__name__)
    def test_every_member_has_a_label(self, enum_type: type[Labelled], locale: str) -> None:
        """Each member of each labelled enum, the graph's included, has a label."""
        with use_locale(locale):
            assert all(member.label for member in enum_type)  # type: ignore[attr-defined]

    @pytest.mark.parametrize(
        ("member", "vi", "en"),
        [
            (Unit.DURATION_DAYS, "ngày", "days"),
            (Status.ON_TRACK, "đúng tiến độ", "on track"),
            (Confidence.LOW, "thấp", "low"),
            (NodeKind.KEY_RESULT, "kết quả then chốt", "key result"),
            (EdgeKind.ALIGNS_TO, "liên kết với", "aligns to"),
        ],
    )
    def test_label_in_each_locale(self, member: Labelled, vi: str, en: str) -> None:
        """A label is a word a person reads, in the active locale."""
        with use_locale("vi"):
            assert member.label == vi
        with use_locale("en"):
            assert member.label == en

    def test_graph_kinds_share_the_base(self) -> None:
        """The graph's kinds are labelled string enums like the model's."""
        assert issubclass(NodeKind, LabelledEnum)
        assert issubclass(EdgeKind, LabelledEnum)
        assert NodeKind.choices() == "objective, key_result, initiative"

    def test_a_new_enum_labels_its_members(self) -> None:
        """Any string or integer enum can take the base, with labels keyed by member."""

        class Light(Labelled, enum.IntEnum):
            RED = 1
            GREEN = 2
            __labels__ = {RED: N_("red"), GREEN: N_("green")}  # noqa: RUF012

        class Speed(LabelledEnum):
            SLOW = "slow"
            FAST = "fast"
            __labels__ = {SLOW: N_("slow"), FAST: N_("fast")}  # noqa: RUF012

        assert [member.label for member in Light] == ["red", "green"]
        assert [member.label for member in Speed] == ["slow", "fast"]
        assert len(Light) == len(Speed) == 2  # the mapping is not a member


class TestConfidenceParse:
    @pytest.mark.parametrize("bad", [0, 6, "purple", 2.5, True, None])
    def test_refusal_is_an_okrkit_error(self, bad: object) -> None:
        """Anything but 1-5 or red/yellow/green raises a ValidationError naming the value."""
        with pytest.raises(ValidationError) as excinfo:
            Confidence.parse(bad)
        assert isinstance(excinfo.value, ValueError)
        shown = {True: "true", None: "an empty value"}.get(bad, repr(bad))  # type: ignore[call-overload]
        assert str(excinfo.value) == (
            f"'confidence' must be 1-5 or one of red, yellow, green (got {shown})"
        )

    def test_refusal_in_vietnamese(self) -> None:
        """The refusal is written in the active locale."""
        with use_locale("vi"), pytest.raises(ValidationError, match="phải từ 1 đến 5"):
            Confidence.parse("purple")
