"""Round trip: from_html(to_html(doc)) == doc for generated documents of real words."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanzi_annot import Annotation, Document, HtmlOptions, Paragraph, Text, from_html, to_html
from hanzi_annot.html.write import Notation, RubyMode
from tests.strategies import documents

# Words the dictionary sample may miss: erhua, a proper noun, an apostrophe, a neutral tone.
SPECIAL = (
    Annotation("一点儿", ("yī", "diǎnr")),
    Annotation("泉州", ("Quán", "zhōu")),
    Annotation("方案", ("fāng", "àn")),
    Annotation("东西", ("dōng", "xi")),
    Annotation("西安", ("Xī", "ān")),
)


@st.composite
def varied_documents(draw: st.DrawFn) -> Document:
    """The shared document strategy, plus a source, a missing title and hard words."""
    doc = draw(documents())
    if draw(st.booleans()):
        words = draw(st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=3))
        tokens = [token for word in words for token in (Text("，"), word)]
        extra = Paragraph((Text("他说"), *tokens[1:], Text("，<b>&amp;“好”</b>。")))
        first = doc.sections[0]
        doc = attrs.evolve(
            doc, sections=(attrs.evolve(first, paragraphs=(*first.paragraphs, extra)),
                           *doc.sections[1:])
        )  # fmt: skip
    if draw(st.booleans()):
        doc = attrs.evolve(doc, source=draw(st.sampled_from(["泉州市文化和旅游局", "新华社"])))
    if draw(st.booleans()):
        doc = attrs.evolve(doc, title=None)
    return doc


OPTIONS = [
    HtmlOptions(),
    HtmlOptions(ruby=RubyMode.WORD),
    HtmlOptions(rp=False, tone_classes=True),
    HtmlOptions(ruby=RubyMode.WORD, rp=False, tone_classes=True),
    HtmlOptions(notation=Notation.NUMBERS),
    HtmlOptions(ruby=RubyMode.WORD, notation=Notation.NUMBERS, standalone=False),
]


@pytest.mark.parametrize(
    "options",
    OPTIONS,
    ids=["char", "word", "char-tones-no-rp", "word-tones-no-rp", "numbers", "word-numbers"],
)
@settings(max_examples=40, deadline=None)
@given(doc=varied_documents())
def test_round_trip(options: HtmlOptions, doc: Document) -> None:
    back = from_html(to_html(doc, options))
    assert back == doc
    assert back.diagnostics == ()


@settings(max_examples=25, deadline=None)
@given(doc=varied_documents())
def test_round_trip_zhuyin_loses_only_capitals(doc: Document) -> None:
    def lower(annotation: Annotation) -> Annotation:
        return Annotation(annotation.hanzi, tuple(s.lower() for s in annotation.syllables))

    back = from_html(to_html(doc, HtmlOptions(notation=Notation.ZHUYIN)))
    assert [lower(a) for a in back.annotations] == [lower(a) for a in doc.annotations]
    assert back.diagnostics == ()


def test_round_trip_of_a_parsed_document_keeps_equality() -> None:
    from hanzi_annot import parse

    doc = parse("书香泉州\n\n泉州是国家(guójiā)历史文化名城，覆盖12个县(市、区(qū))。")
    for options in OPTIONS:
        assert from_html(to_html(doc, options)) == doc
