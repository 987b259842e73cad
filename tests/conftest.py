"""Shared test configuration: hypothesis profiles, the locale fixture, example data.

Hypothesis profiles (choose with ``HYPOTHESIS_PROFILE``):

- ``default``: 60 examples a property;
- ``fast``: 10 examples a property, for a quick run while editing (about half the time);
- ``fuzz``: 3,000 examples a property, for the fuzz suite on demand
  (``HYPOTHESIS_PROFILE=fuzz pytest tests/fuzz``): 12,000 hostile documents per file
  format; see docs/testing.md.

A property that needs more (or fewer) examples than the others says so relative to the
profile, ``@settings(max_examples=2 * settings.default.max_examples)``, so that the
``fast`` profile speeds it up too. Shared builders of test data are in ``builders.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from okrkit.i18n import SHIPPED_LOCALES

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fast",
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=3_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def examples_dir() -> Path:
    """The repository's examples/ folder."""
    return EXAMPLES


@pytest.fixture(params=SHIPPED_LOCALES)
def locale(request: pytest.FixtureRequest) -> str:
    """Each locale okrkit ships translations for (``en``, ``vi``), one test run each."""
    return str(request.param)
