"""The malformed-input catalogue: every class in docs/malformed.md gives its code or error.

Cases live in ``tests/fixtures/malformed_cases.txt`` (format at the top of the file).
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import hanzi_annot
from hanzi_annot import HtmlRenderer, from_html, parse, validate

FIXTURE = Path(__file__).parent / "fixtures" / "malformed_cases.txt"
DOCS = Path(__file__).parent.parent / "docs" / "malformed.md"
_CODE_POINT_RE = re.compile(r"\{U\+([0-9A-F]{4,6})\}")
_BYTE_RE = re.compile(r"\{x([0-9A-F]{2})\}")


@attrs.frozen
class Case:
    name: str
    stage: str
    expect: tuple[str, ...]
    text: str


def read_cases(path: Path) -> list[Case]:
    """Read the ``### name`` blocks of the fixture file."""
    cases: list[Case] = []
    body = path.read_text(encoding="utf-8").split("\n### ")[1:]
    for block in body:
        name, stage_line, expect_line, *lines = block.rstrip("\n").split("\n")
        stage = stage_line.removeprefix("stage: ")
        expect = tuple(expect_line.removeprefix("expect: ").split())
        text = _CODE_POINT_RE.sub(lambda m: chr(int(m.group(1), 16)), "\n".join(lines))
        cases.append(Case(name, stage, expect, text))
    return cases


CASES = read_cases(FIXTURE)


def _codes(case: Case) -> set[str]:
    if case.stage == "parse":
        found = parse(case.text).diagnostics
    elif case.stage == "validate":
        document = parse(case.text)
        found = document.diagnostics + validate(document)
    elif case.stage == "html":
        found = from_html(case.text).diagnostics
    elif case.stage == "render":
        found = HtmlRenderer().render(parse(case.text)).diagnostics
    elif case.stage == "bytes":
        parts = _BYTE_RE.split(case.text)
        raw = b"".join(
            bytes([int(part, 16)]) if odd else part.encode("utf-8")
            for odd, part in zip([False, True] * len(parts), parts, strict=False)
        )
        found = parse(raw).diagnostics
    elif case.stage == "strict":
        found = parse(case.text, errors="raise").diagnostics
    else:
        raise AssertionError(f"unknown stage {case.stage!r}")
    return {diagnostic.code.code for diagnostic in found}


def test_catalogue_has_twenty_classes_with_distinct_names() -> None:
    assert len(CASES) >= 20
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_gives_its_code_or_error(case: Case) -> None:
    if case.expect[0].startswith("HA"):
        assert set(case.expect) <= _codes(case)
    else:
        error = getattr(hanzi_annot, case.expect[0])
        with pytest.raises(error):
            _codes(case)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_is_in_the_catalogue_page(case: Case) -> None:
    page = DOCS.read_text(encoding="utf-8")
    assert f"| {case.name} |" in page
    for expected in case.expect:
        assert expected in page
