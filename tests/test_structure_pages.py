"""Each tests/pages/NAME.txt is parsed and compared with tests/pages/NAME.json.

The JSON holds what a reader expects of the page: title, sections (heading and paragraph
texts), source, annotated words in order, and which lines cleaning removed under which
code. Adding a page means adding both files.
"""

import json
from pathlib import Path

import pytest

from hanzi_annot import parse, to_markup

PAGES = Path(__file__).parent / "pages"
NAMES = sorted(path.stem for path in PAGES.glob("*.json"))


def expected_of(name):
    return json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))


def summary(document):
    removed = {}
    for diagnostic in document.diagnostics:
        if diagnostic.code.code.startswith("HA3") and diagnostic.code.code != "HA306":
            removed.setdefault(diagnostic.code.code, []).append(diagnostic.line)
    return {
        "title": document.title.text,
        "sections": [
            {
                "heading": None if section.heading is None else section.heading.text,
                "paragraphs": [paragraph.text for paragraph in section.paragraphs],
            }
            for section in document.sections
        ],
        "source": document.source,
        "annotations": [annotation.hanzi for annotation in document.annotations],
        "cleaning": removed,
    }


def test_every_page_has_its_expectations():
    assert sorted(path.stem for path in PAGES.glob("*.txt")) == NAMES
    assert len(NAMES) >= 6


@pytest.mark.parametrize("name", NAMES)
def test_page(name):
    expected = expected_of(name)
    encoding = expected.pop("encoding")
    document = parse(PAGES / f"{name}.txt", encoding=encoding)
    assert summary(document) == expected


@pytest.mark.parametrize("name", NAMES)
def test_page_markup_is_a_fixed_point(name):
    encoding = expected_of(name)["encoding"]
    document = parse(PAGES / f"{name}.txt", encoding=encoding)
    markup = to_markup(document)
    again = parse(markup)
    assert again == document
    assert to_markup(again) == markup


def test_nothing_dropped_from_a_page_without_noise():
    document = parse(PAGES / "no_noise.txt")
    assert [str(d.code) for d in document.diagnostics] == ["HA306"]
