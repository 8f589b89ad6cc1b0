"""The document model: structure checks, equality without positions, traversal."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from hanzi_annot import (
    Annotation,
    Document,
    Paragraph,
    Paragraphs,
    Section,
    Span,
    Text,
    parse_inline,
    same_positions,
    to_json,
    to_markup,
    to_plain,
)
from hanzi_annot.diagnostics import Code, Diagnostic, Severity
from hanzi_annot.model import Provenance, provenance_fields


def test_annotation_pairs_syllables_with_hanzi() -> None:
    assert Annotation("一点儿", ("yī", "diǎnr")).units == ("一", "点儿")
    assert Annotation("儿童", ("ér", "tóng")).units == ("儿", "童")


@pytest.mark.parametrize(
    ("hanzi", "syllables"),
    [("国家", ("guó",)), ("国", ("guó", "jiā")), ("", ("guó",)), ("国", ()), ("点", ("diǎnr",))],
)
def test_annotation_refuses_misaligned_syllables(hanzi: str, syllables: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="syllable"):
        Annotation(hanzi, syllables)


def test_equality_ignores_positions_and_spelling() -> None:
    left = parse_inline("建设国家(guójiā)").tokens
    right = parse_inline("  建设国家（guo2 jia1）"[2:]).tokens
    assert left == right
    moved = tuple(attrs.evolve(t, span=Span(100, 101)) for t in left)
    assert moved == left
    assert not same_positions(moved, left)
    assert same_positions(left, parse_inline("建设国家(guójiā)").tokens)


def test_same_positions_compares_types_and_plain_values() -> None:
    assert not same_positions(Text("a"), Annotation("国", ("guó",)))
    assert same_positions(None, None)
    assert not same_positions((Text("a"),), (Text("a"), Text("b")))


def test_span_refuses_reversed_ranges() -> None:
    with pytest.raises(ValueError, match="before its start"):
        Span(5, 2)


def _document() -> tuple[Document, Paragraph, Paragraph, Paragraph]:
    title = Paragraph((Text("标题"),))
    heading = Paragraph((Annotation("热情", ("rè", "qíng")),))
    body = Paragraph((Text("正文"), Annotation("国家", ("guó", "jiā"))))
    doc = Document(title, (Section(None, (body,)), Section(heading, (body,))), source="某局")
    return doc, title, heading, body


def test_document_collections_are_read_only_properties() -> None:
    doc, title, heading, body = _document()
    assert doc.blocks == (title, body, heading, body)
    assert doc.paragraphs == (body, body)  # body paragraphs, like Section.paragraphs
    assert doc.paragraphs == tuple(p for s in doc.sections for p in s.paragraphs)
    assert [a.hanzi for a in doc.annotations] == ["国家", "热情", "国家"]
    assert isinstance(doc.annotations, tuple)
    assert isinstance(doc.paragraphs, Paragraphs)
    assert isinstance(doc.blocks, Paragraphs)
    assert isinstance(doc.sections[0].paragraphs, Paragraphs)
    assert body.text == "正文国家"
    assert body.annotations == (Annotation("国家", ("guó", "jiā")),)


def test_calling_the_old_methods_warns_and_keeps_their_meaning() -> None:
    doc, title, heading, body = _document()
    with pytest.warns(DeprecationWarning, match=r"use Document.blocks"):
        walked = doc.paragraphs()
    assert list(walked) == [title, body, heading, body]  # the method's old result
    with pytest.warns(DeprecationWarning, match=r"Document.annotations \(no call\)"):
        found = doc.annotations()
    assert next(found).hanzi == "国家"


def test_provenance_fields_are_tagged_in_metadata() -> None:
    assert provenance_fields(Text) == ("span",)
    assert provenance_fields(Annotation) == ("written", "span")
    assert provenance_fields(Annotation, Provenance.RECORD) == ("written",)
    assert provenance_fields(Paragraph, Provenance.POSITION) == ("span",)
    assert provenance_fields(Document) == ("origin", "diagnostics")
    assert provenance_fields(Section) == ()


def test_same_positions_ignores_record_fields_only() -> None:
    first = Annotation("国家", ("guó", "jiā"), written="guójiā", span=Span(0, 10))
    assert same_positions(first, attrs.evolve(first, written="guo2jia1"))
    assert not same_positions(first, attrs.evolve(first, span=Span(0, 11)))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: to_plain("全国(quánguó)"),
            r"to_plain\(\) expects a Document or a Paragraph, not str",
        ),
        (lambda: to_markup(Section(None, ())), r"to_markup\(\) expects .* not Section"),
        (lambda: to_markup(None), r"not NoneType"),
        (lambda: to_json("国家(guójiā)"), r"to_json\(\) expects a Document, not str"),
    ],
)
def test_writers_name_the_type_they_expect(call: Callable[[], object], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()


def test_models_are_frozen() -> None:
    text = Text("正文")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        text.text = "改"  # type: ignore[misc]


def test_diagnostic_dict_round_trip() -> None:
    diagnostic = Diagnostic(
        Code.INVALID_PINYIN, Severity.WARNING, "bad", Span(3, 8), 1, 4, hint="x", path="a.txt"
    )
    data = diagnostic.to_dict()
    assert data["code"] == "HA103"
    assert data["severity"] == "warning"
    assert Diagnostic.from_dict(data) == diagnostic
    assert str(diagnostic) == "a.txt:1:4: HA103 bad (fix: x)"


def test_code_lookup() -> None:
    assert Code.from_code("ha101") is Code.DUPLICATE_ANNOTATION
    assert str(Code.DUPLICATE_ANNOTATION) == "HA101"
    with pytest.raises(ValueError, match="unknown diagnostic code"):
        Code.from_code("HA999")
