"""Shared test helpers."""

from __future__ import annotations

from hypothesis import settings

# Property tests check behaviour, not speed: no per-example deadline, which a loaded
# machine turns into random failures (speed is measured in benchmarks/).
settings.register_profile("hanzi_annot", deadline=None)
settings.load_profile("hanzi_annot")
