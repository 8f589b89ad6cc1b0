"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent


@pytest.fixture
def fixtures_dir() -> Path:
    return TESTS / "fixtures"
