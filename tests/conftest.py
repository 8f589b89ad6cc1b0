"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed: no per-example deadline, which a loaded
# machine turns into random failures (speed is measured in benchmarks/).
settings.register_profile("hanzi_annot", deadline=None)
settings.load_profile("hanzi_annot")

TESTS = Path(__file__).parent


@pytest.fixture
def fixtures_dir() -> Path:
    return TESTS / "fixtures"
