"""Properties of the inline parser: nothing lost, never crashes, markup round trips."""

from __future__ import annotations

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from hanzi_annot import Annotation, Paragraph, Text, parse_inline, to_markup, to_plain
from hanzi_annot.diagnostics import Code
from hanzi_annot.pinyin.alignment import best_alignment
from hanzi_annot.pinyin.readings import default_readings
from hanzi_annot.pinyin.segmentation import first_segmentation
from hanzi_annot.positions import LineIndex
from tests.strategies import paragraphs

# Text that is dense in the characters the parser cares about.
TRICKY = st.text(
    alphabet=st.one_of(
        st.sampled_from("()（）国家著名区市西安方案儿点一不,。 'ā-"),
        st.sampled_from("guojiaxnmrv0123455:ǘǚǜüGUOÁ"),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=60,
)


def reconstruct(text: str) -> str:
    """Rebuild the input from tokens plus what the parser removed (annotation pinyin)."""
    result = parse_inline(text)
    parts: list[str] = []
    for token in result.tokens:
        assert token.span is not None
        if isinstance(token, Text):
            assert token.text == text[token.span.start : token.span.end]
            parts.append(token.text)
        else:
            removed = text[token.span.start + len(token.hanzi) : token.span.end]
            assert removed[0] in "(（"
            assert removed[-1] in ")）"
            assert token.written is not None
            assert token.written in removed
            parts.append(token.hanzi + removed)
    return "".join(parts)


@settings(max_examples=400)
@given(TRICKY)
@example("温度(wēndù)(wēndù)")
@example("县(市、区(qū))")
@example("𠮷(jí)")
def test_no_text_is_lost(text: str) -> None:
    assert reconstruct(text) == text


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=80))
def test_never_crashes_on_arbitrary_unicode(text: str) -> None:
    result = parse_inline(text)
    assert reconstruct(text) == text
    lines = LineIndex.of(text)
    for diagnostic in result.diagnostics:
        assert text[diagnostic.span.start : diagnostic.span.end]
        assert (diagnostic.line, diagnostic.column) == lines.locate(diagnostic.span.start)


@settings(max_examples=300)
@given(paragraphs())
def test_markup_round_trips(paragraph: Paragraph) -> None:
    reparsed = Paragraph(parse_inline(to_markup(paragraph)).tokens)
    assert reparsed == paragraph


@settings(max_examples=200)
@given(TRICKY)
def test_canonical_markup_is_a_fixed_point(text: str) -> None:
    once = to_markup(Paragraph(parse_inline(text).tokens))
    twice = to_markup(Paragraph(parse_inline(once).tokens))
    assert twice == once


@given(paragraphs())
def test_plain_text_drops_only_the_pinyin(paragraph: Paragraph) -> None:
    plain = to_plain(paragraph)
    assert plain == "".join(
        t.hanzi if isinstance(t, Annotation) else t.text for t in paragraph.tokens
    )
    assert "(" not in plain


def test_duplicates_only_ever_drop_identical_pinyin() -> None:
    result = parse_inline("让阅读更有温度(wēndù)(wen1du4)。")
    assert [d.code for d in result.diagnostics] == [Code.DUPLICATE_ANNOTATION]
    assert to_plain(Paragraph(result.tokens)) == "让阅读更有温度。"


_POLYPHONES = "银行长了解重还的地得一点儿不会发"
_SYLLABLES = [
    "yín", "háng", "xíng", "zhǎng", "cháng", "le", "liǎo", "jiě", "zhòng", "chóng", "huán",
    "hái", "de", "dì", "yī", "diǎnr", "diǎn", "ér", "bù", "huì", "fā", "fà", "r", "n",
]  # fmt: skip


@given(
    st.text(alphabet=_POLYPHONES, min_size=1, max_size=14),
    st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=4),
    st.sampled_from(["", "'", " "]),
)
def test_an_alignment_reads_only_the_tail_of_the_run(
    run: str, syllables: list[str], separator: str
) -> None:
    # The parser keeps alignments per (group, the run's last 2 x len(group) hanzi).
    content = separator.join(syllables)
    first = first_segmentation(content)
    assume(first is not None)
    assert first is not None
    readings = default_readings()
    tail = run[max(0, len(run) - 2 * len(content)) :]
    assert best_alignment(run, content, first, readings) == best_alignment(
        tail, content, first, readings
    )
