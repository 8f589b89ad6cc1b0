"""Canonical markup and plain text output."""

from __future__ import annotations

import attrs
import pytest

from hanzi_annot import (
    Annotation,
    Document,
    Paragraph,
    Section,
    Severity,
    Text,
    from_html,
    from_json,
    parse,
    to_json,
    to_markup,
    to_plain,
    validate,
)
from hanzi_annot.pinyin.syllables import join_pinyin
from hanzi_annot.positions import LineIndex
from hanzi_annot.text.decode import split_lines
from hanzi_annot.text.metadata import metadata_line
from hanzi_annot.text.structure import build_document


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


# --- round trips that used to break ---------------------------------------------------


def _same(document: Document) -> bool:
    back = parse(to_markup(document), clean=False)
    return back == document and back.metadata == document.metadata


def test_neutral_tone_written_with_a_five_keeps_it() -> None:
    document = parse("语气词了(la5)", clean=False)
    assert to_markup(document) == "语气词了(la5)\n"
    assert _same(document)
    found = [d.code for d in validate(document)]
    assert found == [d.code for d in validate(parse(to_markup(document), clean=False))]
    assert found
    assert all(d.severity > Severity.INFO for d in validate(document))


def test_neutral_tone_without_a_digit_and_toned_groups_stay_marked() -> None:
    assert to_markup(parse("好了(hǎole)。了(le)", clean=False)) == "好了(hǎole)。了(le)\n"
    assert to_markup(parse("东西(dong1xi5)", clean=False)) == "东西(dōngxi)\n"


def test_a_title_starting_with_a_bom_keeps_it() -> None:
    document = parse("\ufeff\ufeff泉州新闻\n市民走进书房。", clean=False)
    assert document.title is not None
    assert document.title.text == "\ufeff泉州新闻"
    assert _same(document)


@pytest.mark.parametrize(
    "text",
    [
        "泉州书房\n发布时间：2024-03-08 10:05\n(泉州市文化和旅游局)\n",
        "泉州书房\n作者：林晓\n（泉州日报社）\n",
        "泉州书房\n来源：泉州日报\n(泉州市文化和旅游局)\n",
    ],
)
def test_a_source_after_a_byline_line_survives(text: str) -> None:
    document = parse(text, clean=False)
    assert document.source is not None
    assert metadata_line(document.metadata) is not None
    assert _same(document)


def test_a_title_only_document_is_written_with_a_blank_line() -> None:
    page = from_html("<h1>泉州国家(guójiā)级书房</h1>")
    assert page.title is not None
    assert page.sections == ()
    assert to_markup(page) == "泉州国家(guójiā)级书房\n\n"
    assert parse(to_markup(page)) == page
    stored = from_json(to_json(attrs.evolve(page, source="泉州日报社")))
    assert _same(stored)


def test_one_line_stays_a_paragraph_unless_a_blank_line_follows() -> None:
    assert parse("赣州是全国(quánguó)著名(zhùmíng)的革命老区。\n").title is None
    alone = parse("赣州是全国(quánguó)著名(zhùmíng)的革命老区\n\n")
    assert alone.title is not None
    assert alone.sections == ()


def test_a_blank_line_before_dropped_lines_makes_no_title() -> None:
    text = "泉州新建城市书房二十家。\n\n本站声明:转载请注明出处\n"
    lines = split_lines(text)
    kept = build_document(lines[:2], LineIndex.of(text))  # as if cleaning dropped line 3
    assert kept.title is None
    assert [p.text for p in kept.paragraphs] == ["泉州新建城市书房二十家。"]
    whole = build_document(lines[:2], LineIndex.of(text[: lines[1].end + 1]))
    assert whole.title is not None
