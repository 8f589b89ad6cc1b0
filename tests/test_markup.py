"""Canonical markup and plain text output."""

from __future__ import annotations

from hanzi_annot import Annotation, Document, Paragraph, Section, Text, to_markup, to_plain
from hanzi_annot.pinyin.syllables import join_pinyin


def _doc() -> Document:
    return Document(
        Paragraph((Text("书香满城"),)),
        (
            Section(None, (Paragraph((Text("泉州是"), Annotation("国家", ("guó", "jiā")))),)),
            Section(
                Paragraph((Text("办活动激发"), Annotation("热情", ("rè", "qíng")))),
                (Paragraph((Text("活动丰富(多样)。"),)),),
            ),
        ),
        source="泉州市文化和旅游局",
    )


def test_document_markup_layout() -> None:
    assert to_markup(_doc()) == (
        "书香满城\n\n泉州是国家(guójiā)\n\n办活动激发热情(rèqíng)\n"
        "活动丰富(多样)。(泉州市文化和旅游局)\n"
    )


def test_document_plain_layout_keeps_literal_parentheses() -> None:
    assert to_plain(_doc()) == (
        "书香满城\n\n泉州是国家\n\n办活动激发热情\n活动丰富(多样)。(泉州市文化和旅游局)\n"
    )


def test_empty_documents() -> None:
    assert to_markup(Document(None, ())) == ""
    assert to_plain(Document(None, (), source="某局")) == "(某局)\n"


def test_join_pinyin_orthography() -> None:
    assert join_pinyin(["Xī", "ān"]) == "Xī'ān"
    assert join_pinyin(["Tiān", "ān", "mén"]) == "Tiān'ānmén"
    assert join_pinyin(["yī", "diǎnr"]) == "yīdiǎnr"
    assert join_pinyin(["dōng", "xi"], numbered=True) == "dong1xi5"
