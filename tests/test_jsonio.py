"""The document model as JSON: round trips, and clear refusals of data that does not fit."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanzi_annot import (
    Annotation,
    Document,
    JsonModelError,
    Paragraph,
    Section,
    Span,
    Text,
    document_from_dict,
    document_to_dict,
    from_json,
    parse,
    same_positions,
    to_json,
    to_markup,
    validate,
)
from hanzi_annot.formats import jsonio
from hanzi_annot.model import Provenance, provenance_fields
from tests.cli_texts import CLEAN_PAGE, WRONG_PAGE
from tests.strategies import documents

# Generating documents is slow on a busy machine; the properties, not the speed, are tested.
_PATIENT = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PATIENT
@given(documents())
def test_built_documents_round_trip(document: Document) -> None:
    loaded = from_json(to_json(document))
    assert loaded == document
    assert same_positions(loaded, document)


@_PATIENT
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


_ANNOTATION = ("sections", 0, "paragraphs", 0, "tokens", 1)


@pytest.mark.parametrize(
    ("data", "place"),
    [
        (_with((*_ANNOTATION, "syllables"), ["guó\n\n第二段", "jiā"]), "tokens[1].syllables[0]"),
        (_with((*_ANNOTATION, "syllables"), ["", "jiā"]), "tokens[1].syllables[0]"),
        (_with((*_ANNOTATION, "syllables"), ["guo)(jia", "jiā"]), "tokens[1].syllables[0]"),
        (_with((*_ANNOTATION, "syllables"), ["guo2", "jiā"]), "tokens[1].syllables[0]"),
        (_with((*_ANNOTATION, "syllables"), ["guó", "jiājiā"]), "tokens[1].syllables[1]"),
        (_with((*_ANNOTATION, "hanzi"), "ab"), "tokens[1].hanzi"),
        (_with((*_ANNOTATION, "written"), "guó)\n(jiā"), "tokens[1].written"),
        (
            _with(("sections", 0, "paragraphs", 0, "tokens", 0, "text"), "泉州\n\n是"),
            "tokens[0].text",
        ),
        (_with((*_ANNOTATION, "span"), [5, 500]), "tokens[1].span"),
        (_with(("sections", 0, "paragraphs", 0, "span"), [0, 10_000]), "paragraphs[0].span"),
        (_with(("source",), "泉州市\n\n第二段"), "source: contains a line break"),
        (_with(("source",), "局)(市"), "source: cannot contain a parenthesis"),
        (_with(("source",), ""), "source: an empty source"),
        (_with(("version",), True), "version True"),
        (_with(("version",), 0), "version 0"),
        (_with(("origin", "line_starts"), []), "origin.line_starts"),
        (_with(("origin", "line_starts"), [0, 9, 3]), "origin.line_starts"),
        (_with(("origin", "line_starts"), [0, 99]), "origin.line_starts"),
    ],
)
def test_model_invariants_are_checked_with_the_field_path(data: dict[str, Any], place: str) -> None:
    with pytest.raises(JsonModelError) as raised:
        document_from_dict(data)
    assert place in str(raised.value)


def _with_diagnostic(**changes: Any) -> dict[str, Any]:
    data = document_to_dict(parse("书香泉州\n书香泉州\n泉州是国家(guójiā)历史文化名城。"))
    data["diagnostics"][0].update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "place"),
    [
        ({"line": "x"}, "diagnostics[0].line: expected int"),
        ({"line": True}, "diagnostics[0].line: expected int"),
        ({"column": 0}, "diagnostics[0].column: must be at least 1"),
        ({"severity": "fatal"}, "diagnostics[0].severity"),
        ({"message": None}, "diagnostics[0].message"),
        ({"end": 10_000}, "diagnostics[0]: span"),
        ({"edit": {"start": 0, "end": 2}}, "missing key 'replacement'"),
    ],
)
def test_diagnostic_fields_are_typed(changes: dict[str, Any], place: str) -> None:
    with pytest.raises(JsonModelError) as raised:
        document_from_dict(_with_diagnostic(**changes))
    assert place in str(raised.value)


def test_markup_cannot_be_injected_through_a_loaded_model() -> None:
    data = _with((*_ANNOTATION, "syllables"), ["guó)\n\n第二段(", "jiā"])
    with pytest.raises(JsonModelError):
        from_json(json.dumps(data))


def test_deep_json_is_a_model_error_not_a_crash() -> None:
    deep = '{"format": "hanzi_annot.document", "version": 1, "sections": ' + "[" * 100_000
    with pytest.raises(JsonModelError, match=r"nested too deeply|not valid JSON"):
        from_json(deep + "]" * 100_000 + "}")


def test_diagnostics_keep_edit_and_hint_through_json() -> None:
    document = parse("书香泉州\n泉州是国家(guójiā)历史文化名城,很著名(zhūmíng)。")
    document = attrs.evolve(document, diagnostics=validate(document))
    loaded = from_json(to_json(document))
    assert loaded.diagnostics == document.diagnostics
    (found,) = loaded.diagnostics
    assert found.edit is not None
    assert found.edit.replacement == "zhùmíng"
    data = json.loads(to_json(document))["diagnostics"][0]
    assert data["fix"] == "zhùmíng"
    assert data["edit"] == {
        "start": found.edit.span.start,
        "end": found.edit.span.end,
        "replacement": "zhùmíng",
    }
    assert data["hint"] is None


def test_diagnostics_written_by_0_1_keep_their_fix_as_a_hint() -> None:
    data = _with_diagnostic(fix="delete one of the two annotations")
    del data["diagnostics"][0]["edit"]
    del data["diagnostics"][0]["hint"]
    (diagnostic,) = document_from_dict(data).diagnostics
    assert diagnostic.hint == "delete one of the two annotations"
    assert diagnostic.edit is None


@attrs.frozen
class _ReviewedAnnotation(Annotation):
    """An annotation with one more provenance field, as a later model might add."""

    reviewer: str | None = attrs.field(
        default=None, eq=False, metadata={"provenance": Provenance.RECORD}
    )


def test_a_new_provenance_field_is_written_without_a_name_list() -> None:
    token = _ReviewedAnnotation("国家", ("guó", "jiā"), span=Span(3, 13), reviewer="林晓")
    data = document_to_dict(Document(None, (Section(None, (Paragraph((token,)),)),)))
    written = data["sections"][0]["paragraphs"][0]["tokens"][0]
    assert written == {
        "type": "annotation",
        "hanzi": "国家",
        "syllables": ["guó", "jiā"],
        "written": None,
        "span": [3, 13],
        "reviewer": "林晓",
    }


def _names(cls: type) -> set[str]:
    return {field.name for field in attrs.fields(cls)}


def test_every_model_field_is_written_and_read_back() -> None:
    parsed = parse("书香泉州\n泉州是国家(guójiā)历史文化名城。(泉州市图书馆)\n")
    data = document_to_dict(parsed)
    assert set(data) == {"format", "version"} | _names(Document)
    paragraph = data["sections"][0]["paragraphs"][0]
    assert set(paragraph) == _names(Paragraph)
    text, annotation = paragraph["tokens"][:2]
    assert (text["type"], annotation["type"]) == ("text", "annotation")
    assert set(text) == {"type"} | _names(Text)
    assert set(annotation) == {"type"} | _names(Annotation)
    loaded = from_json(to_json(parsed))
    for name in provenance_fields(Document):
        assert getattr(loaded, name) == getattr(parsed, name)
    tokens = loaded.sections[0].paragraphs[0].tokens
    assert [getattr(t, "written", None) for t in tokens] == [None, "guójiā", None]
    assert same_positions(loaded, parsed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from([2, None, 0, 4]))
def test_to_json_writes_what_json_dumps_writes_of_the_whole_data(
    document: Document, indent: int | None
) -> None:
    # to_json encodes a paragraph at a time and splices them in; the text must be
    # exactly the one-shot encoding of document_to_dict.
    expected = json.dumps(document_to_dict(document), ensure_ascii=False, indent=indent)
    assert to_json(document, indent=indent) == expected


def test_to_json_of_many_sections_and_a_marker_lookalike_is_the_one_shot_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = ["标题"]
    for number in range(3):
        rows += [
            f"第{number}部分",
            *(f"第{number}部分第{n}段：国家(guójiā)新闻。" for n in range(300)),
        ]
    document = parse("\n".join(rows))
    assert len(document.sections) == 3
    for indent in (2, None):
        expected = json.dumps(document_to_dict(document), ensure_ascii=False, indent=indent)
        assert to_json(document, indent=indent) == expected
    # A text that holds the marker (its nonce fixed here) is written the one-shot way.
    monkeypatch.setattr(jsonio.secrets, "token_hex", lambda _n: "0123456789abcdef")
    tricky = parse("ha-paragraphs-0123456789abcdef-0\n第一段。\n第二段。")  # the title
    expected = json.dumps(document_to_dict(tricky), ensure_ascii=False, indent=2)
    assert to_json(tricky) == expected
