"""Random bytes, decoded any way, given to ``loads``; and written to a file for ``load``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit
from fuzz.checks import loads_or_refuses
from fuzz.documents import EXAMPLES
from fuzz.hostile import FORMATS, no_escape

pytestmark = [
    pytest.mark.parametrize("fmt", FORMATS),
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),  # a failing 55 KB input
]

_CODECS = st.sampled_from(
    [
        ("utf-8", "surrogateescape"),  # undecodable bytes become lone surrogates
        ("utf-8", "replace"),
        ("utf-8", "ignore"),
        ("latin-1", "strict"),
        ("cp1252", "replace"),
        ("utf-16", "surrogatepass"),
        ("utf-16-le", "replace"),
        ("utf-32", "replace"),
        ("ascii", "backslashreplace"),
        ("cp1258", "replace"),  # Vietnamese Windows
    ]
)
_HEAD = (EXAMPLES / "acme.en.yaml").read_bytes()[:3_000]


@st.composite
def hostile_bytes(draw: st.DrawFn) -> bytes:
    """Random bytes, or the start of an example file with bytes flipped, cut or let in."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=400))
    data = bytearray(_HEAD[: draw(st.integers(0, len(_HEAD)))])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=8))
    head = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"]))
    return head + bytes(data)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the files of every example (a function-scoped one would be shared)."""
    return tmp_path_factory.mktemp("bytes")


class TestBytes:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(data=hostile_bytes(), codec=_CODECS)
    def test_loads_of_decoded_bytes(self, fmt: str, data: bytes, codec: tuple[str, str]) -> None:
        """Bytes decoded with any codec and error handler load or are refused."""
        try:
            text = data.decode(*codec)
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        loads_or_refuses(text, fmt)

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(data=hostile_bytes())
    def test_load_of_a_file_of_bytes(self, fmt: str, scratch: Path, data: bytes) -> None:
        """A file of random bytes (not UTF-8, a BOM, NUL) loads or is refused."""
        file = scratch / f"okrs.{fmt}"
        file.write_bytes(data)
        no_escape(lambda: okrkit.load(file), data)
