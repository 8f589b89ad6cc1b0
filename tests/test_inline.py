"""The inline parser against the spec-style cases in fixtures/inline_cases.txt."""

from __future__ import annotations

import attrs
import pytest

from hanzi_annot import Annotation, Code, InvalidTextError, Severity, Text, parse_inline
from hanzi_annot.pinyin.alignment import choose_alignment
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.positions import Span
from tests.fixtures import read_fixture_file, unescape


@attrs.frozen
class Case:
    title: str
    text: str
    expected: str
    diagnostics: tuple[str, ...]


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for case in read_fixture_file("inline_cases.txt"):
        tokens, *diagnostics = case.expected.splitlines()
        cases.append(Case(case.title, unescape(case.input), tokens, tuple(diagnostics)))
    return cases


def render_tokens(tokens: tuple[Text | Annotation, ...]) -> str:
    return "".join(
        f"[{t.hanzi}|{' '.join(t.syllables)}]" if isinstance(t, Annotation) else t.text
        for t in tokens
    )


CASES = load_cases()


def test_fixture_file_has_every_case() -> None:
    assert len(CASES) >= 50
    assert len({case.title for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.title for case in CASES])
def test_inline_case(case: Case) -> None:
    result = parse_inline(case.text)
    assert render_tokens(result.tokens) == case.expected
    found = tuple(f"{d.code.code}@{d.line}:{d.column}" for d in result.diagnostics)
    assert found == case.diagnostics


@pytest.mark.parametrize("case", CASES, ids=[case.title for case in CASES])
def test_tokens_tile_the_input(case: Case) -> None:
    """Token spans cover the input exactly; literal text is byte-for-byte the input."""
    result = parse_inline(case.text)
    position = 0
    for token in result.tokens:
        assert token.span is not None
        assert token.span.start == position
        if isinstance(token, Text):
            assert case.text[token.span.start : token.span.end] == token.text
        else:
            assert case.text[token.span.start :].startswith(token.hanzi)
        position = token.span.end
    assert position == len(case.text)


def test_annotation_keeps_pinyin_as_written() -> None:
    (annotation,) = parse_inline("著名（zhu4 ming2）").tokens
    assert isinstance(annotation, Annotation)
    assert annotation.written == "zhu4 ming2"
    assert annotation == Annotation("著名", ("zhù", "míng"))


def test_hanzi_are_never_normalised() -> None:
    # U+F900 is a compatibility ideograph that NFC/NFKC would turn into U+8C48.
    text = "\uf900(qì)字保持原样"
    tokens = parse_inline(text).tokens
    assert tokens[0] == Annotation("\uf900", ("qì",))
    assert "".join(t.text for t in tokens) == "\uf900字保持原样"


def test_offset_and_line_index_point_into_the_original() -> None:
    from hanzi_annot.positions import LineIndex

    original = "标题一行\n推进国家(guójiā)(guǒjiā)建设"
    start = original.index("推")
    result = parse_inline(original[start:], offset=start, lines=LineIndex.of(original))
    (diagnostic,) = result.diagnostics
    assert (diagnostic.line, diagnostic.column) == (2, 13)
    assert original[diagnostic.span.start : diagnostic.span.end] == "(guǒjiā)"
    assert result.tokens[1].span is not None
    assert original[result.tokens[1].span.start : result.tokens[1].span.end] == "国家(guójiā)"


def test_diagnostic_renders_like_a_compiler_message() -> None:
    (diagnostic,) = parse_inline("温度(wēndù)(wēndù)", path="news.txt").diagnostics
    assert str(diagnostic).startswith("news.txt:1:10: HA101 ")
    assert diagnostic.severity is Severity.INFO
    assert diagnostic.code is Code.DUPLICATE_ANNOTATION


def test_lone_surrogate_is_refused_with_its_position() -> None:
    with pytest.raises(InvalidTextError, match=r"U\+D800 at offset 2"):
        parse_inline("国家\ud800")


def test_user_readings_decide_alignment() -> None:
    # U+2A700 has no reading in the dictionary: toneless pinyin over it is taken for a
    # label, until the caller adds the reading.
    rare = "\U0002a700"
    assert parse_inline(f"这是{rare}(wu)字").tokens == (Text(f"这是{rare}(wu)字"),)
    readings = Readings(extra_chars={rare: ["wǔ"]})
    tokens = parse_inline(f"这是{rare}(wu)字", readings=readings).tokens
    assert tokens[1] == Annotation(rare, ("wu",))


def test_choose_alignment_of_nothing_is_none() -> None:
    assert choose_alignment([]) is None


def test_tie_breaks_prefer_fewer_syllables() -> None:
    # U+2A700 has no known reading, so both splits match nothing equally: the
    # one-syllable reading wins the tie.
    rare = "\U0002a700"
    (text, annotation) = parse_inline(f"{rare}{rare}(xiān)").tokens
    assert isinstance(annotation, Annotation)
    assert annotation.syllables == ("xiān",)
    assert text == Text(rare)


def test_a_negative_offset_is_refused_when_a_token_would_start_before_the_input() -> None:
    # Spans are built without their check only from offsets known to be valid.
    with pytest.raises(ValueError, match="span start must be >= 0"):
        parse_inline("国家(guójiā)", offset=-1)
    assert parse_inline("国家(guójiā)", offset=3).tokens[0].span == Span(3, 13)
