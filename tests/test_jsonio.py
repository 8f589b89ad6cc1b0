"""The document model as JSON: round trips, and clear refusals of data that does not fit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

from hanzi_annot import (
    Document,
    JsonModelError,
    document_from_dict,
    document_to_dict,
    from_json,
    parse,
    same_positions,
    to_json,
    to_markup,
    validate,
)
from tests.cli_texts import CLEAN_PAGE, WRONG_PAGE
from tests.strategies import documents


@given(documents())
def test_built_documents_round_trip(document: Document) -> None:
    loaded = from_json(to_json(document))
    assert loaded == document
    assert same_positions(loaded, document)


@given(documents())
def test_parsed_documents_round_trip_with_positions(document: Document) -> None:
    parsed = parse(to_markup(document), path="news.txt")
    loaded = from_json(to_json(parsed, indent=None))
    assert loaded == parsed
    assert same_positions(loaded, parsed)
    assert loaded.diagnostics == parsed.diagnostics
    assert loaded.origin == parsed.origin


def test_a_scraped_page_keeps_source_diagnostics_and_written_forms() -> None:
    document = parse(CLEAN_PAGE, path="quanzhou.txt")
    loaded = from_json(to_json(document))
    assert loaded.source == "泉州市文化和旅游局"
    assert [str(d) for d in loaded.diagnostics] == [str(d) for d in document.diagnostics]
    assert [a.written for a in loaded.annotations] == ["yuèdú", "fùgài", "qū", "gòngdú"]


def test_validation_of_a_loaded_document_points_at_the_original_lines() -> None:
    document = parse(WRONG_PAGE, path="bank.txt")
    loaded = from_json(to_json(document))
    assert [str(d) for d in validate(loaded)] == [str(d) for d in validate(document)]
    assert [(d.line, d.column) for d in validate(loaded)] == [(2, 4), (3, 11)]


def test_json_text_is_readable_chinese_with_typed_tokens() -> None:
    text = to_json(parse("泉州是国家(guójiā)历史文化名城。"))
    assert "国家" in text
    assert "\\u" not in text
    tokens = json.loads(text)["sections"][0]["paragraphs"][0]["tokens"]
    assert [token["type"] for token in tokens] == ["text", "annotation", "text"]
    assert tokens[1]["syllables"] == ["guó", "jiā"]


def test_compact_json_is_one_line() -> None:
    assert "\n" not in to_json(parse("泉州是国家(guójiā)历史文化名城。"), indent=None)


def _valid() -> dict[str, Any]:
    return document_to_dict(parse("书香泉州\n泉州是国家(guójiā)历史文化名城。", path="a.txt"))


def _with(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    data = _valid()
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "other"}, "not a hanzi_annot document"),
        (_with(("version",), 99), "version 99 is not supported"),
        (_with(("version",), "1"), "version '1' is not supported"),
        (_with(("sections",), {}), "sections: expected list"),
        (_with(("sections", 0, "paragraphs", 0, "tokens", 1, "type"), "note"), "unknown token"),
        (
            _with(("sections", 0, "paragraphs", 0, "tokens", 1, "syllables"), ["guó"]),
            "sections[0].paragraphs[0].tokens[1]: 1 syllable(s)",
        ),
        (_with(("sections", 0, "paragraphs", 0, "tokens", 1, "hanzi"), 5), "hanzi: expected str"),
        (_with(("sections", 0, "paragraphs", 0, "span"), [3]), "a span is [start, end]"),
        (_with(("sections", 0, "paragraphs", 0, "span"), [9, 2]), "before its start"),
        (_with(("sections", 0, "paragraphs", 0, "span"), [True, 2]), "two integers"),
        (_with(("sections", 0, "paragraphs"), [None]), "a paragraph cannot be null"),
        (_with(("sections", 0), {"heading": None}), "missing key 'paragraphs'"),
        (_with(("title",), ["国家"]), "title: expected dict"),
        (_with(("source",), 3), "source: expected str"),
        (_with(("origin", "line_starts"), ["0"]), "origin.line_starts: expected int"),
        (_with(("diagnostics",), [{"code": "HA301"}]), "diagnostics[0]: not a diagnostic"),
        (_with(("diagnostics",), [{"code": "HA999"}]), "unknown diagnostic code"),
    ],
)
def test_data_that_does_not_fit_is_refused_with_its_place(
    data: dict[str, Any], message: str
) -> None:
    with pytest.raises(JsonModelError) as raised:
        document_from_dict(data)
    assert message in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_text_that_is_not_json_is_refused() -> None:
    with pytest.raises(JsonModelError, match="not valid JSON"):
        from_json("{国家")


def test_minimal_document_and_null_origin_load() -> None:
    document = from_json(b'{"format": "hanzi_annot.document", "version": 1, "sections": []}')
    assert document == Document(None, ())
    assert document.origin is None


def test_bytes_that_are_not_utf8_are_a_model_error() -> None:
    with pytest.raises(JsonModelError, match="not UTF-8 text: byte FF at offset 0"):
        from_json(b"\xff{}")
