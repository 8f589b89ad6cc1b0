"""Validation, HTML reading and HTML rendering against spec-style fixture files.

Each file in ``tests/fixtures`` is a list of reviewed cases (title, input, expected) read
by the one fixture reader, ``tests/fixtures.py``; the inline parser's cases are run by
``test_inline.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_annot import HtmlOptions, from_html, parse, to_html, to_markup, validate
from tests.fixtures import FixtureCase, read_fixture_file, unescape

VALIDATE = read_fixture_file("validate_cases.txt")
READ_HTML = read_fixture_file("read_html_cases.txt")
RENDER_HTML = read_fixture_file("render_html_cases.txt")


def _ids(cases: list[FixtureCase]) -> list[str]:
    return [case.title for case in cases]


@pytest.mark.parametrize("cases", [VALIDATE, READ_HTML, RENDER_HTML])
def test_each_fixture_file_has_enough_cases(cases: list[FixtureCase]) -> None:
    assert len(cases) >= 10


@pytest.mark.parametrize("case", VALIDATE, ids=_ids(VALIDATE))
def test_validation_case(case: FixtureCase) -> None:
    findings = validate(parse(unescape(case.input)))
    found = [f"{d.line}:{d.column} {d.code.code} {d.severity}" for d in findings]
    assert found == case.expected.splitlines()


@pytest.mark.parametrize("case", READ_HTML, ids=_ids(READ_HTML))
def test_html_reading_case(case: FixtureCase) -> None:
    document = from_html(unescape(case.input))
    markup = to_markup(document).rstrip("\n").splitlines()
    found = markup + [f"!! {d.line}:{d.column} {d.code.code}" for d in document.diagnostics]
    assert found == unescape(case.expected).splitlines()


def _options(line: str) -> HtmlOptions:
    """Options from a ``% name=value ...`` line, for a fragment."""
    values: dict[str, object] = {"standalone": False}
    for item in line.removeprefix("%").split():
        name, value = item.split("=")
        values[name] = {"true": True, "false": False}.get(value, value)
    return HtmlOptions(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("case", RENDER_HTML, ids=_ids(RENDER_HTML))
def test_html_rendering_case(case: FixtureCase) -> None:
    first, _, rest = case.input.partition("\n")
    options, markup = (first, rest) if first.startswith("% ") else ("", case.input)
    assert to_html(parse(unescape(markup)), _options(options)) == case.expected


def test_reader_refuses_an_unclosed_case(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("# a comment\n\nfirst case\n.\ninput\n.\nexpected\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.txt:3: case 'first case' is not closed"):
        read_fixture_file(broken)


def test_reader_needs_a_dot_after_the_title(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("title\ninput\n", encoding="utf-8")
    with pytest.raises(ValueError, match="followed by a line"):
        read_fixture_file(broken)


def test_reader_refuses_repeated_titles(tmp_path: Path) -> None:
    twice = tmp_path / "twice.txt"
    twice.write_text("same\n.\na\n.\nb\n.\n\nsame\n.\nc\n.\nd\n.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="titles used twice"):
        read_fixture_file(twice)
