"""Shortcuts taken for speed give what the longer paths they skip give, on hostile input.

Each shortcut is held, in this process, to the reference it stands for: ``is_toned``'s
marked-letter test to folding the text, a group's width to splitting every syllable's
tone, ``_heading_shaped`` to :func:`is_heading_shaped` of the joined text, the
``tail_max_chars=0`` skip to measuring the line, a word's ruby texts in tone marks to
:meth:`HtmlRenderer.reading` of each syllable, and the cached renderer (page shell,
slots, a paragraph's context made only on a miss) to ``HtmlRenderer(cache=False)``.
Inputs mix headings and body lines ending in every clause mark, closing quotes and
groups, trailing (full-width) spaces, pinyin in every spelling the parser takes
(precomposed and combining marks, capitals, tone digits, full-width letters, IPA ɡ/ɑ,
erhua, zhuyin) and characters HTML cannot carry.

The last test keeps a case a first version of these shortcuts got wrong: a
``reading`` patched on :class:`HtmlRenderer` itself was not used for the spacing.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanzi_annot import (
    Annotation,
    CleanOptions,
    Document,
    HtmlOptions,
    Paragraph,
    Section,
    Text,
    parse,
    parse_inline,
)
from hanzi_annot.chardata import CLAUSE_END, CLOSING_MARKS
from hanzi_annot.check.validator import Validator
from hanzi_annot.html.spacing import Word
from hanzi_annot.html.write import HtmlRenderer, RenderedHtml
from hanzi_annot.pinyin.segmentation import count_and_first
from hanzi_annot.pinyin.syllables import (
    _TONE_DIGIT_RE,
    _TONED_LETTERS,
    fold_pinyin,
    has_tone_mark,
    is_erhua,
    is_toned,
    split_tone,
)
from hanzi_annot.text import clean
from hanzi_annot.text.decode import split_lines
from hanzi_annot.text.inline import _Group
from hanzi_annot.text.structure import _heading_shaped, is_heading_shaped
from tests.pagegen import page

_SETTINGS = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])

_COMBINING = (
    "\N{COMBINING MACRON}\N{COMBINING ACUTE ACCENT}\N{COMBINING CARON}\N{COMBINING GRAVE ACCENT}"
)
_CLOSERS = sorted(CLOSING_MARKS)
_GROUPS = [
    "(完)",
    "\N{FULLWIDTH LEFT PARENTHESIS}完\N{FULLWIDTH RIGHT PARENTHESIS}",
    "(记者 陈晓)",
    "()",
]
_SPACES = ["", " ", "\N{IDEOGRAPHIC SPACE}", "\t", "\N{NO-BREAK SPACE}", "\N{EM SPACE}"]
_ODD = ["\x01", "\x7f", "\x85", "\ufffe", "\ufdd0", "\u2028", "\u200b", "\ufeff", "&", "<"]
_FILLER = "的是在了和有我们这个城市发展建设工作推进全面人民群众服务活动文化阅读社会经济"
_FURNITURE = ["相关推荐", "评论列表", "分享到:", "责任编辑:陈晓", "好。", "完", "。"]
#: Words with spellings the parser reads: marks, digits, capitals, full-width, IPA, erhua.
_WORDS = [
    ("国家", ["guójiā", "guo2jia1", "GUÓJIĀ", "ɡuójiā", "ｇｕóｊｉā", "guó-jiā", "guojia"]),
    ("国家", ["ㄍㄨㄛˊ ㄐㄧㄚ", "gúojiā"]),
    ("一点儿", ["yīdiǎnr", "YĪDIǍNR", "yi1dian3r", "yī diǎnr", "yīdiǎn'ér", "yīdiǎnR"]),
    ("点儿", ["diǎnr", "DIǍNR", "dianr3", "diǎn ér"]),
    ("女儿", ["nǚ'ér", "nv3er2", "NǙ'ÉR", "nu:3er2"]),
    ("儿", ["ér", "er", "ÉR", "er2"]),
    ("哪儿", ["nǎr", "na3r", "NǍR"]),
    ("绿色", ["lǜsè", "lv4se4", "LǛSÈ", "lüse"]),
    ("嗯", ["ńg", "ǹg", "ňg", "ng2"]),
    ("阿", ["ā", "ɑ̄", "a1", "Ā", "ａ"]),
    ("哥哥", ["gēge", "ɡēɡe", "ge1ge5", "GĒGE"]),
]
_PINYIN_ALPHABET = _TONED_LETTERS + _COMBINING + "aeiouvüêAEIOUnmgrRNG012345０１２３ｇｕＡ'ɡɑ -:"


@st.composite
def _annotated(draw: st.DrawFn) -> str:
    hanzi, spellings = draw(st.sampled_from(_WORDS))
    spelling = draw(st.sampled_from(spellings))
    spelling = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), spelling)
    left, right = draw(st.sampled_from([("(", ")"), ("\uff08", "\uff09")]))
    return f"{hanzi}{left}{spelling}{right}"


def _pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(_FILLER, min_size=1, max_size=6),
        _annotated(),
        st.sampled_from(sorted(CLAUSE_END)),
        st.sampled_from(_CLOSERS + _GROUPS + _SPACES + _ODD),
    )


@st.composite
def _lines(draw: st.DrawFn) -> str:
    body = "".join(draw(st.lists(_pieces(), min_size=1, max_size=6)))
    ending = draw(st.sampled_from(["", *sorted(CLAUSE_END)]))
    closing = "".join(draw(st.lists(st.sampled_from(_CLOSERS + _GROUPS), max_size=2)))
    return body + ending + closing + draw(st.sampled_from(_SPACES))


@st.composite
def _pages(draw: st.DrawFn) -> str:
    lines = draw(
        st.lists(st.one_of(_lines(), st.just(""), st.sampled_from(_FURNITURE)), max_size=8)
    )
    return "\n".join([draw(_lines()), *lines]) + "\n"


_CLEANING = st.one_of(
    st.booleans(), st.builds(lambda n: CleanOptions(tail_max_chars=n), st.integers(0, 8))
)


# --- pinyin ---------------------------------------------------------------------------
def _toned_by_folding(content: str) -> bool:
    folded = fold_pinyin(content)
    return has_tone_mark(folded) or _TONE_DIGIT_RE.search(folded) is not None


@pytest.mark.parametrize("letter", _TONED_LETTERS)
def test_each_marked_letter_is_toned_by_folding_too(letter: str) -> None:
    assert _toned_by_folding(letter)
    assert _toned_by_folding(unicodedata.normalize("NFD", letter) + "ng")


@_SETTINGS
@given(st.text(_PINYIN_ALPHABET, max_size=12))
def test_is_toned_matches_folding(content: str) -> None:
    assert is_toned(content) == _toned_by_folding(content)


@_SETTINGS
@given(st.one_of(st.text(_PINYIN_ALPHABET, min_size=1, max_size=10), _annotated()))
def test_group_width_counts_erhua_as_every_syllable_split_does(content: str) -> None:
    content = content.partition("(")[2].rstrip(")") or content
    first = count_and_first(content)[1]
    width = 0 if first is None else sum(1 + is_erhua(split_tone(s)[0]) for s in first)
    assert _Group.of(content).width == width


# --- text -----------------------------------------------------------------------------
@_SETTINGS
@given(st.lists(st.one_of(_pieces(), st.sampled_from(_SPACES)), min_size=1, max_size=6))
def test_heading_shape_matches_the_joined_text(pieces: list[str]) -> None:
    tokens = [Text(piece) for piece in pieces if piece]
    tokens.insert(len(tokens) // 2, Annotation("国家", ("guó", "jiā")))
    for paragraph in (Paragraph(tuple(tokens)), Paragraph(parse_inline("".join(pieces)).tokens)):
        assert _heading_shaped(paragraph) == is_heading_shaped(paragraph.text)


@_SETTINGS
@given(_pages())
def test_a_line_that_is_not_blank_has_a_key(text: str) -> None:
    # The furniture tail skips measuring when tail_max_chars is 0: only an empty key
    # (a blank line, kept before that test) could have been "at most 0 characters".
    assert all(line.is_blank or line.key for line in split_lines(text))
    assert sorted(clean._CLOSING_CHARS) == sorted(CLOSING_MARKS)


@_SETTINGS
@given(_pages(), _CLEANING)
def test_parsing_ignores_tail_max_chars_zero_as_it_ignores_the_default(
    text: str, cleaning: bool | CleanOptions
) -> None:
    if isinstance(cleaning, CleanOptions) and cleaning.tail_max_chars == 0:
        assert parse(text, clean=cleaning) == parse(text, clean=True)
        assert parse(text, clean=cleaning).diagnostics == parse(text, clean=True).diagnostics


# --- HTML -----------------------------------------------------------------------------
def _loud(syllable: str) -> str:
    return "[" + syllable.upper() + syllable + "]"


class _LoudRenderer(HtmlRenderer):
    def reading(self, syllable: str) -> str:
        return _loud(syllable)


def _outcome(
    renderer: HtmlRenderer, node: Document | Paragraph
) -> RenderedHtml | type[BaseException]:
    try:
        return renderer.render(node)
    except Exception as error:  # the kind of failure is what is compared
        return type(error)


_OPTIONS = [
    HtmlOptions(),
    HtmlOptions(standalone=False),
    HtmlOptions(notation="numbers", tone_classes=True),
    HtmlOptions(notation="zhuyin", controls=False),
    HtmlOptions(ruby="word"),
    HtmlOptions(hsk_levels=True, hide_hsk=2),
    HtmlOptions(standalone=False, rp=False, spacing=True),
    HtmlOptions(page_title="标\x01题", extra_css="a{}\x02"),
]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(_pages(), _CLEANING, st.sampled_from(_OPTIONS))
def test_cached_pages_match_pages_built_whole(
    text: str, cleaning: bool | CleanOptions, options: HtmlOptions
) -> None:
    document = parse(text, clean=cleaning)
    findings = Validator().validate(document)
    for diagnostics in ((), findings):
        fast = HtmlRenderer(options, diagnostics=diagnostics)
        slow = HtmlRenderer(options, diagnostics=diagnostics, cache=False)
        reference = _outcome(slow, document)
        for _ in range(2):  # the second time every word is known
            assert _outcome(fast, document) == reference
        for paragraph in document.blocks:
            assert _outcome(fast, paragraph) == _outcome(slow, paragraph)


@pytest.mark.parametrize("seed", range(6))
def test_generated_pages_render_as_built_whole(seed: int) -> None:
    document = parse(page(seed, zipf=seed % 2 == 1))
    for options in _OPTIONS:
        fast, slow = HtmlRenderer(options), HtmlRenderer(options, cache=False)
        assert fast.render(document) == slow.render(document)


def test_a_word_built_in_a_section_is_reported_in_its_paragraph() -> None:
    odd = Annotation("\x01国", ("ā", "guó"))  # a model built by hand: no parser refused it
    paragraphs = (Paragraph((Text("甲"), odd, Text("乙"))), Paragraph((odd,)))
    document = Document(title=None, sections=(Section(None, paragraphs),))
    for options in (HtmlOptions(), HtmlOptions(standalone=False)):
        fast = HtmlRenderer(options).render(document)
        assert fast == HtmlRenderer(options, cache=False).render(document)
        assert [d.message.split(",")[0] for d in fast.diagnostics] == [
            "U+0001 in section 1 paragraph 1",
            "U+0001 in section 1 paragraph 2",
        ]


def _words(document: Document) -> list[Annotation]:
    return [token for paragraph in document.blocks for token in paragraph.annotations]


@_SETTINGS
@given(_pages())
def test_ruby_texts_in_tone_marks_are_each_syllables_reading(text: str) -> None:
    plain, loud = HtmlRenderer(), _LoudRenderer()
    for word in _words(parse(text)):
        units = tuple(word.units)
        assert plain._word(word) == Word(units, tuple(plain.reading(s) for s in word.syllables))
        assert loud._word(word) == Word(units, tuple(_loud(s) for s in word.syllables))


def test_a_subclass_reading_is_used_for_the_spacing_too() -> None:
    document = parse("本市推进一点儿(yīdiǎnr)改革\n全国(quánguó)著名(zhùmíng)的女儿(nǚ'ér)。\n")
    loud = _LoudRenderer().render(document)
    assert loud == _LoudRenderer(cache=False).render(document)
    assert "[QUÁNquán]" in loud.html
    assert loud.html != HtmlRenderer().render(document).html.replace("quán", "[QUÁNquán]")


def test_a_reading_set_on_the_renderer_after_a_rendering_is_used() -> None:
    document = parse("本市推进文化建设\n全国(quánguó)著名(zhùmíng)的一点儿(yīdiǎnr)。\n")
    renderer = HtmlRenderer()
    before = renderer.render(document)
    renderer.reading = _loud  # type: ignore[method-assign]
    expected = HtmlRenderer(cache=False)
    expected.reading = _loud  # type: ignore[method-assign]
    assert renderer.render(document) == expected.render(document)
    del renderer.reading
    assert renderer.render(document) == before


# --- a case a first version got wrong ------------------------------------------------
def test_a_reading_patched_on_the_renderer_class_is_used_for_spacing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Before this round an uncached renderer asked ``reading`` for every word's spacing;
    # ``_word`` now skips it in tone marks whenever the class is HtmlRenderer itself.
    document = parse("全国(quánguó)著名(zhùmíng)的革命老区，一点儿(yīdiǎnr)也不差。\n")
    subclassed = _LoudRenderer(cache=False).render(document)
    monkeypatch.setattr(HtmlRenderer, "reading", lambda self, syllable: _loud(syllable))
    patched = HtmlRenderer(cache=False)
    word = _words(document)[0]
    assert patched._word(word).texts == tuple(_loud(s) for s in word.syllables)
    assert patched.render(document) == subclassed
