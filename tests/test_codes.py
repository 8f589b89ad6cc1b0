"""Every diagnostic code is unique and documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_annot import Code

DOCS = Path(__file__).parent.parent / "docs" / "diagnostics.md"


def test_codes_are_unique_and_well_formed() -> None:
    codes = [member.code for member in Code]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 5 and code.startswith("HA") and code[2:].isdigit() for code in codes)


@pytest.mark.parametrize("code", list(Code), ids=lambda c: c.code)
def test_code_is_documented_with_an_example(code: Code) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"| {code.code} |" in text
    assert f"### {code.code} " in text
