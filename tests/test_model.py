"""The document model: structure checks, equality without positions, traversal."""

from __future__ import annotations

import attrs
import pytest

from hanzi_annot import (
    Annotation,
    Document,
    Paragraph,
    Section,
    Span,
    Text,
    parse_inline,
    same_positions,
)
from hanzi_annot.diagnostics import Code, Diagnostic, Severity


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


def test_document_walks_paragraphs_in_reading_order() -> None:
    title = Paragraph((Text("标题"),))
    heading = Paragraph((Annotation("热情", ("rè", "qíng")),))
    body = Paragraph((Text("正文"), Annotation("国家", ("guó", "jiā"))))
    doc = Document(title, (Section(None, (body,)), Section(heading, (body,))), source="某局")
    assert list(doc.paragraphs()) == [title, body, heading, body]
    assert [a.hanzi for a in doc.annotations()] == ["国家", "热情", "国家"]
    assert body.text == "正文国家"
    assert body.annotations == (Annotation("国家", ("guó", "jiā")),)


def test_models_are_frozen() -> None:
    text = Text("正文")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        text.text = "改"  # type: ignore[misc]


def test_diagnostic_dict_round_trip() -> None:
    diagnostic = Diagnostic(
        Code.INVALID_PINYIN, Severity.WARNING, "bad", Span(3, 8), 1, 4, fix="x", path="a.txt"
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
