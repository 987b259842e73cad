"""Hostile documents in each format: refused with an ``OKRError``, or loaded and usable.

Four sources of documents for each of YAML, JSON and TOML (see ``documents.py``);
with ``HYPOTHESIS_PROFILE=fuzz`` each property runs 3,000 examples, so each format gets
12,000 documents.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.checks import loads_or_refuses
from fuzz.documents import deep_documents, mutated_examples, random_documents, schema_documents
from fuzz.hostile import FORMATS

pytestmark = [
    pytest.mark.parametrize("fmt", FORMATS),
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),  # a failing 55 KB input
]

_LARGE = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class TestDocuments:
    @_LARGE
    @given(data=st.data())
    def test_random_structures(self, fmt: str, data: st.DataObject) -> None:
        """Random nested data under real and random keys never lets a stray exception out."""
        loads_or_refuses(data.draw(random_documents(fmt), label="text"), fmt)

    @_LARGE
    @given(data=st.data())
    def test_schema_shaped(self, fmt: str, data: st.DataObject) -> None:
        """Documents shaped like OKR files, with hostile values, load or are refused."""
        loads_or_refuses(data.draw(schema_documents(fmt), label="text"), fmt)

    @_LARGE
    @given(data=st.data())
    def test_mutated_examples(self, fmt: str, data: st.DataObject) -> None:
        """The example files with keys dropped, types swapped, ids renamed load or are refused."""
        loads_or_refuses(data.draw(mutated_examples(fmt), label="text"), fmt)

    @_LARGE
    @given(data=st.data())
    def test_deep_nesting(self, fmt: str, data: st.DataObject) -> None:
        """Nesting up to 20,000 deep is refused with an OKRError, never a RecursionError."""
        loads_or_refuses(data.draw(deep_documents(fmt), label="text"), fmt)
