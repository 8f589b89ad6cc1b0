"""Shared test helpers."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from hanzi_annot.cli import main
from tests.cli_texts import Result, Run

# Property tests check behaviour, not speed: no per-example deadline, which a loaded
# machine turns into random failures (speed is measured in benchmarks/).
settings.register_profile("hanzi_annot", deadline=None)
settings.load_profile("hanzi_annot")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``hanzi-annot`` in this process, with ``stdin`` as its standard input."""

    def run(*argv: str | Path, stdin: bytes = b"") -> Result:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        status = main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run
