"""The corpus-scale fast path gives exactly what the straightforward path gives.

The parser memoises its work per distinct pinyin group and alignment in its
:class:`~hanzi_annot.Readings`, and the HTML renderer builds each distinct ruby fragment
once and copies it; both are checked here against a reference run that memoises and
copies nothing, over generated pages plus hand-written awkward cases.
"""

from __future__ import annotations

import contextlib
import copy
import pickle
import sys
import threading
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from hanzi_annot import Annotation, HtmlOptions, Readings, Validator, parse
from hanzi_annot.chardata import HTML_UNWRITABLE_RE, has_unwritable
from hanzi_annot.html.escape import escape_text, is_plain_text, tag_pair
from hanzi_annot.html.fragments import RenderCache, render_cache
from hanzi_annot.html.spacing import RubySpacing, WordPlan, arrange_spacing, base_width
from hanzi_annot.html.write import HtmlRenderer
from hanzi_annot.memo import Memo
from hanzi_annot.model import aligned_annotation, same_positions
from hanzi_annot.pinyin.syllables import (
    TONELESS_SYLLABLES,
    is_erhua,
    mark_tone,
    split_tone,
)
from tests.pagegen import page
from tests.threads import run_threads

# Awkward cases the generated pages lack: erhua, zhuyin, wrong tones, a repeat, a
# conflicting repeat, an unclosed group, an overlong group, an acronym, no hanzi.
AWKWARD = "\n\n".join(
    [
        "社区食堂今天开门，老人们来得早了一点儿(yīdiǎnr)，饭菜一点儿(yī diǎnr)也不贵。",
        "记者在会场(huìchǎng)(huìchǎng)看到，代表们认真(rènzhēn)(rènzhen)讨论方案(fāng'àn)。",
        "这座城市(chéngshì)的国(ㄍㄨㄛˊ)家级景区又多了一处，游客(yoúkè)人数大增(dàzēng。",
        "新建的WTO(WTO)展馆里，" + "长" * 3 + "(" + "fangan" * 16 + ")展品很多，(nǐhǎo)观众称赞。",
        "市民热情(rèqíng)地欢迎远道而来的客人(kèrén)，银行(yínxíng)门前排起长队(chángduì)。",
        'R&D投入(tóurù)同比增长，<试点>项目里5>3的地区(dìqū)&部门"达标"。',
    ]
)


def _corpus(count: int = 40) -> list[str]:
    return [page(70_000 + seed, zipf=True) for seed in range(count)] + [AWKWARD]


def _reference_readings() -> Readings:
    """Readings whose memo never keeps anything: every group is worked out afresh."""
    readings = Readings()
    readings.remember = lambda key, compute: compute()  # type: ignore[method-assign]
    readings.table = lambda kind: Memo(0)  # type: ignore[method-assign]
    return readings


def test_parser_memo_changes_nothing() -> None:
    fast_readings, reference = Readings(), _reference_readings()
    for text in _corpus() * 2:  # the second round reads every group from the memo
        fast = parse(text, readings=fast_readings)
        slow = parse(text, readings=reference)
        assert same_positions(fast, slow)
        assert fast.diagnostics == slow.diagnostics
        for annotation in fast.annotations:
            assert annotation == Annotation(annotation.hanzi, annotation.syllables)
    assert fast_readings.cache_sizes()["memo"] > 0
    assert reference.cache_sizes()["memo"] == 0


def test_awkward_cases_still_diagnosed() -> None:
    document = parse(AWKWARD)
    codes = {diagnostic.code.code for diagnostic in document.diagnostics}
    assert {"HA101", "HA102", "HA104", "HA106", "HA108"} <= codes
    assert "一点儿" in [a.hanzi for a in document.annotations]


@pytest.mark.parametrize(
    "options",
    [
        HtmlOptions(),
        HtmlOptions(standalone=False, rp=False),
        HtmlOptions(ruby="word", notation="numbers"),
        HtmlOptions(notation="zhuyin", tone_classes=True),
        HtmlOptions(ruby="word", tone_classes=True, spacing=False),
    ],
)
def test_fragment_cache_renders_identical_bytes(options: HtmlOptions) -> None:
    validator = Validator()
    for text in _corpus() * 2:
        document = parse(text)
        findings = validator.validate(document)
        fast = HtmlRenderer(options, diagnostics=findings).render(document)
        slow = HtmlRenderer(options, diagnostics=findings, cache=False).render(document)
        assert fast.html.encode() == slow.html.encode()
        assert fast.diagnostics == slow.diagnostics
    assert render_cache(options).sizes()["ruby"] > 0


def test_unwritable_fragments_are_rebuilt_and_reported() -> None:
    text = "会场(huìchǎng)里\x07有人"
    for _ in range(2):  # the second time must report again, not copy silently
        document = parse(text)
        result = HtmlRenderer(HtmlOptions(standalone=False)).render(document)
        assert [d.code.code for d in result.diagnostics] == ["HA401"]


def test_subclass_overriding_a_piece_is_not_cached() -> None:
    class Shouting(HtmlRenderer):
        def reading(self, syllable: str) -> str:
            return syllable.upper()

    document = parse("会场(huìchǎng)里")
    HtmlRenderer(HtmlOptions(standalone=False)).render(document)  # fills the cache
    html = Shouting(HtmlOptions(standalone=False)).render(document).html
    assert "HUÌ" in html


def test_render_cache_is_bounded() -> None:
    cache = RenderCache(maxsize=2)
    renderer = HtmlRenderer(HtmlOptions(standalone=False), cache=False)
    for index, text in enumerate(["国家(guójiā)", "会场(huìchǎng)", "方案(fāng'àn)"]):
        element = renderer.render(parse(text)).html
        cache.keep(index, etree.fromstring(element))
    assert cache.sizes()["ruby"] == 2
    assert cache.ruby(0) is None
    assert cache.ruby(2) is not None


def test_readings_memo_is_bounded() -> None:
    readings = Readings(cache_size=1)
    limit = 32_768
    for index in range(limit + 10):
        readings.remember(("test", index), lambda: None)
    assert limit // 2 <= readings.cache_sizes()["memo"] <= limit


def test_aligned_annotation_is_an_annotation() -> None:
    fast = aligned_annotation("一点儿", ("yī", "diǎnr"), "yīdiǎnr", None)
    slow = Annotation("一点儿", ("yī", "diǎnr"), written="yīdiǎnr")
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert repr(fast) == repr(slow)
    assert fast.units == ("一", "点儿")
    assert fast.written == "yīdiǎnr"


def test_has_unwritable_matches_the_regex_on_every_code_point() -> None:
    chunk = 4096
    for start in range(0, sys.maxunicode + 1, chunk):
        text = "".join(chr(code) for code in range(start, min(start + chunk, sys.maxunicode + 1)))
        assert has_unwritable(text) == (HTML_UNWRITABLE_RE.search(text) is not None)
        for code in range(start, min(start + chunk, sys.maxunicode + 1)):
            char = chr(code)
            assert has_unwritable(char) == (HTML_UNWRITABLE_RE.search(char) is not None), hex(code)


@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_has_unwritable_matches_the_regex(text: str) -> None:
    assert has_unwritable(text) == (HTML_UNWRITABLE_RE.search(text) is not None)


def _plain_by_definition(text: str) -> bool:
    return not has_unwritable(text) and escape_text(text) == text


def test_is_plain_text_on_every_code_point() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        expected = code <= 0xFFFF and _plain_by_definition(char)  # astral: checked in full
        assert is_plain_text(char) == expected, hex(code)


@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_is_plain_text_is_writable_and_escapes_to_itself(text: str) -> None:
    bmp = all(ord(char) <= 0xFFFF for char in text)
    assert is_plain_text(text) == (bmp and _plain_by_definition(text))


class _NeverMatches:
    """Stands in for the plain-pinyin pattern, so looks_like_pinyin must scan."""

    def fullmatch(self, _text: str) -> None:
        return None


@given(st.text(alphabet="abgnuzāáǎàēěīǐōòūǔǖǚü' -:25ABê\u0301\u0308", max_size=10))
def test_plain_pinyin_shortcut_agrees_with_the_scan(text: str) -> None:
    from hanzi_annot.pinyin import syllables

    fast = syllables.looks_like_pinyin(text)
    saved = syllables._PLAIN_PINYIN_RE
    syllables._PLAIN_PINYIN_RE = _NeverMatches()  # type: ignore[assignment]
    try:
        scanned = syllables.looks_like_pinyin(text)
    finally:
        syllables._PLAIN_PINYIN_RE = saved
    assert fast == scanned


def test_every_toned_letter_carries_a_tone_mark() -> None:
    from hanzi_annot.pinyin.syllables import _TONED_LETTERS, fold_pinyin, has_tone_mark

    assert all(has_tone_mark(fold_pinyin(letter)) for letter in _TONED_LETTERS)


@given(st.text(alphabet="abgnuzāáǎàēěīǐōòūǔǖǚüÁǛḿň' -:25ABê\u0301\u0308０５", max_size=10))
def test_toned_letter_shortcut_agrees_with_the_full_check(text: str) -> None:
    from hanzi_annot.pinyin.syllables import _TONE_DIGIT_RE, fold_pinyin, has_tone_mark, is_toned

    folded = fold_pinyin(text)
    assert is_toned(text) == (has_tone_mark(folded) or _TONE_DIGIT_RE.search(folded) is not None)


@given(st.sampled_from(sorted(TONELESS_SYLLABLES)), st.integers(1, 5), st.booleans(), st.booleans())
def test_erhua_shortcut_agrees_with_is_erhua(
    base: str, tone: int, erhua: bool, upper: bool
) -> None:
    from hanzi_annot.text.inline import _erhua

    syllable = mark_tone(base + "r" if erhua and is_erhua(base + "r") else base, tone)
    syllable = syllable.upper() if upper else syllable
    assert _erhua(syllable) == is_erhua(split_tone(syllable)[0])


@given(st.text(alphabet="abcdefghijklmnopqrstuwxyzāáǎàěǐòūǚü' -:25ABê", max_size=30))
def test_count_and_first_is_both_questions(text: str) -> None:
    from hanzi_annot.pinyin.segmentation import (
        count_and_first,
        count_segmentations,
        first_segmentation,
    )

    assert count_and_first(text) == (count_segmentations(text), first_segmentation(text))


def test_count_and_first_on_long_and_ambiguous_runs() -> None:
    from hanzi_annot.pinyin.segmentation import (
        count_and_first,
        count_segmentations,
        first_segmentation,
    )

    for text in ["xian" * 30, "fangan" * 14, "zhōnghuárénmíngònghéguó", "", "'", "m'n ng"]:
        assert count_and_first(text) == (count_segmentations(text), first_segmentation(text))


def _as_lxml_writes(text: str) -> tuple[str, str]:
    """``text`` serialised by lxml as an element's text and as an element's tail."""
    holder = etree.Element("p")
    holder.text = text
    as_text = etree.tostring(holder, method="html", encoding="unicode")
    holder.text = None
    etree.SubElement(holder, "b").tail = text
    as_tail = etree.tostring(holder, method="html", encoding="unicode")
    return as_text[len("<p>") : -len("</p>")], as_tail[len("<p><b></b>") : -len("</p>")]


def test_escape_text_writes_every_code_point_as_lxml_does() -> None:
    writable = [chr(code) for code in range(sys.maxunicode + 1) if not has_unwritable(chr(code))]
    for start in range(0, len(writable), 8192):
        text = "&".join(writable[start : start + 8192])  # each beside a special character
        assert _as_lxml_writes(text) == (escape_text(text), escape_text(text))


@given(st.text(alphabet=st.sampled_from("&<>\"'#;amp\r\t 国a{}=")) | st.text())
def test_escape_text_agrees_with_lxml(text: str) -> None:
    if not has_unwritable(text):
        assert _as_lxml_writes(text) == (escape_text(text), escape_text(text))


def test_tags_are_written_as_lxml_writes_them() -> None:
    for tag in ("p", "h1", "h2"):
        start, end = tag_pair(tag)
        element = etree.Element(tag)
        element.text = "x"
        assert start + "x" + end == etree.tostring(element, method="html", encoding="unicode")


def test_slots_fall_back_when_the_marker_is_ambiguous(monkeypatch: pytest.MonkeyPatch) -> None:
    from hanzi_annot.html import write

    document = parse(AWKWARD)
    options = HtmlOptions()
    expected = HtmlRenderer(options, cache=False).render(document)
    calls: list[int] = []

    def refuse(html: str, ctx: write.RenderContext) -> None:
        calls.append(len(ctx.slots))

    monkeypatch.setattr(write, "_fill_slots", refuse)
    fallback = HtmlRenderer(options).render(document)
    assert calls  # slots were tried, refused, and the page rendered without them
    assert fallback.html == expected.html
    assert fallback.diagnostics == expected.diagnostics


def test_fill_slots_refuses_a_count_mismatch() -> None:
    from hanzi_annot.html.write import RenderContext, _fill_slots

    ctx = RenderContext(slot="ha-slot-x", slots=["<ruby>国</ruby>"])
    assert _fill_slots("<p><ha-slot-x></ha-slot-x>和</p>", ctx) == "<p><ruby>国</ruby>和</p>"
    assert _fill_slots("<p><ha-slot-x></ha-slot-x><ha-slot-x></ha-slot-x></p>", ctx) is None


@given(st.text(alphabet="abcdefghijklmnopqrstuwxyzāáǎàěǐòūǚüḿ' -:25ABê", max_size=14))
def test_first_segmentation_is_the_first_split_listed(text: str) -> None:
    from hanzi_annot.pinyin.segmentation import first_segmentation, split_syllables

    listed = split_syllables(text)
    assert first_segmentation(text) == (listed[0] if listed else None)


def test_wide_blocks_are_wide_on_every_code_point() -> None:
    import re
    import unicodedata

    from hanzi_annot.html.spacing import WIDE_BLOCKS

    for low, high in re.findall(r"(.)-(.)", WIDE_BLOCKS):
        for code in range(ord(low), ord(high) + 1):
            assert unicodedata.east_asian_width(chr(code)) in "WF", hex(code)


_MIXED = "国，。a1 éĀ\u3000（）\u00b7\u2014ｇ\u4dff\u9fff\U00020000"


@given(st.text(alphabet=st.sampled_from(_MIXED)))
def test_base_width_is_the_sum_of_character_widths(text: str) -> None:
    from hanzi_annot.html import spacing

    assert spacing.base_width(text) == sum(spacing._char_width(char) for char in text)


# Words whose ruby a renderer assembles from pieces, in every case it must build instead.
PIECES = "\n\n".join(
    [
        "一点儿(yīdiǎnr)小事，女儿(nǚ'ér)和儿女(érnǚ)都在场(zàichǎng)。",
        "记者(jìzhě)发现R&D<投入>(tóurù)增加，A&B(guó)不变。",
        "专家(zhuānjiā)表示，专家(zhuānjiā)与学者(xuézhě)意见一致(yízhì)。",
    ]
)


@pytest.mark.parametrize(
    "options",
    [
        HtmlOptions(hsk_levels=True),
        HtmlOptions(tone_classes=True, rp=False, spacing=True, standalone=False),
        HtmlOptions(notation="numbers", spacing=False),
    ],
)
def test_assembled_ruby_is_what_lxml_builds(options: HtmlOptions) -> None:
    for text in [PIECES, *_corpus(8)]:
        document = parse(text)
        fast = HtmlRenderer(options).render(document)
        slow = HtmlRenderer(options, cache=False).render(document)
        assert fast.html.encode() == slow.html.encode()
    assert render_cache(options).sizes()["pieces"] > 0


def test_syllable_html_cannot_carry_is_built_and_reported() -> None:
    from hanzi_annot import Paragraph

    odd = aligned_annotation("国", ("gu\x07ó",), None, None)
    paragraph = Paragraph((odd,))
    for _ in range(2):
        fast = HtmlRenderer(HtmlOptions(standalone=False)).render(paragraph)
        slow = HtmlRenderer(HtmlOptions(standalone=False), cache=False).render(paragraph)
        assert fast == slow
        assert [d.code.code for d in fast.diagnostics] == ["HA401"]


def test_perfect_alignment_shortcut_agrees_with_scoring() -> None:
    from hanzi_annot.pinyin.alignment import candidate_alignments
    from hanzi_annot.text.inline import _perfect_alignment

    readings = Readings()
    cases = [
        ("国家", ("guó", "jiā")), ("国家", ("Guó", "JIĀ")), ("国家", ("guǒ", "jiā")),
        ("银行", ("yín", "xíng")), ("银行", ("yín", "háng")), ("行", ("hang",)),
        ("一点儿", ("yī", "diǎnr")), ("点儿", ("diǎnr",)), ("㐅", ("wǔ",)), ("好", ("hǎo",)),
    ]  # fmt: skip
    for hanzi, first in cases:
        found = candidate_alignments(hanzi, [first], readings)
        perfect = bool(found) and found[0].unmatched == found[0].inexact == 0
        expected = found[0] if perfect and found[0].hanzi == hanzi else None
        assert _perfect_alignment(hanzi, first, readings) == expected, (hanzi, first)


@given(st.text(alphabet="()（）国家会场guójiāhuì\n ", max_size=40))
def test_unclosed_shortcut_agrees_with_the_scan(text: str) -> None:
    from unittest import mock

    from hanzi_annot import parse_inline
    from hanzi_annot.text.inline import _InlineParser

    original = _InlineParser.check_unclosed

    def always_scan(parser: _InlineParser) -> None:
        parser._groups = -1  # never equal to the count of parentheses
        original(parser)

    fast = parse_inline(text)
    with mock.patch.object(_InlineParser, "check_unclosed", always_scan):
        scanned = parse_inline(text)
    assert fast.diagnostics == scanned.diagnostics


def _reference_margins(tokens: list[WordPlan | str]) -> list[tuple[float, float]]:
    """The margins by the plain walk over every gap (words and the text between them)."""
    from hanzi_annot.html.spacing import _GAP

    plans = [token for token in tokens if isinstance(token, WordPlan)]
    left, right = [0.0] * len(plans), [0.0] * len(plans)
    index, run = -1, 0.0
    for token in [*tokens, None]:
        if isinstance(token, str):
            run += base_width(token)
            continue
        before = plans[index].after if index >= 0 else 0.0
        after = token.before if token is not None else 0.0
        gap = _GAP if index >= 0 and token is not None else 0.0
        need = before + after + gap - run if gap else before + after - run
        if need > 0:
            if token is not None:
                left[index + 1] = need
            else:
                right[index] = need
        elif index >= 0 and plans[index].spacing.letter_spacing > 0:
            right[index] = max(need, -plans[index].spacing.letter_spacing)
        index, run = index + 1, 0.0
    return list(zip(left, right, strict=True))


_overhang = st.floats(-3, 3, allow_nan=False).map(lambda x: round(x, 2))
_plans = st.builds(
    lambda spacing, before, after: WordPlan(RubySpacing(letter_spacing=spacing), before, after),
    st.sampled_from([0.0, 0.0, 0.05, 0.11, 0.4]),
    _overhang,
    _overhang,
)


@given(st.lists(st.one_of(_plans, st.text(alphabet="国，a1 ", max_size=4)), max_size=12))
def test_margins_are_the_walk_over_every_gap(tokens: list[WordPlan | str]) -> None:
    spacings = arrange_spacing(tokens)
    assert [(s.left, s.right) for s in spacings] == _reference_margins(tokens)


def test_kept_word_plans_space_as_plan_spacing_does() -> None:
    from hanzi_annot import Text
    from hanzi_annot.html.spacing import plan_spacing

    renderer = HtmlRenderer(HtmlOptions())
    for text in _corpus(6) * 2:  # the second round reads every plan from the cache
        for paragraph in parse(text).blocks:
            words = [
                renderer._word(token) if isinstance(token, Annotation) else token.text
                for token in paragraph.tokens
                if isinstance(token, (Annotation, Text))
            ]
            assert renderer.spacing(paragraph) == plan_spacing(words)


@given(
    st.text(alphabet="()（）国家儿〇a 1\U00020000\uf900", max_size=40),
    st.integers(min_value=0, max_value=40),
)
def test_run_start_is_where_the_maximal_run_starts(text: str, floor: int) -> None:
    from hanzi_annot.chardata import HANZI_RUN_RE, OPEN_PARENS
    from hanzi_annot.positions import LineIndex
    from hanzi_annot.text.inline import _InlineParser

    every_run = {m.end(): m.start() for m in HANZI_RUN_RE.finditer(text)}
    parser = _InlineParser(text, 0, LineIndex.of(text), Readings(), None)
    for position, char in enumerate(text):
        if char in OPEN_PARENS:
            expected = max(min(floor, position), every_run.get(position, position))
            assert parser.run_start(position, min(floor, position)) == expected


def test_a_long_section_is_rendered_in_runs_of_joined_paragraphs_with_identical_bytes() -> None:
    # Paragraphs joined as text share one slot per run (joined 256 at a time); one that
    # is built as elements (a flagged word, a control character) ends the run.
    rows = []
    for number in range(700):
        if number % 97 == 5:
            rows.append(f"第{number}段：银行(yínxíng)门前排起长队。")  # flagged
        elif number % 131 == 7:
            rows.append(f"第{number}段：控制字符\x07在这里。")  # cannot be written in HTML
        else:
            rows.append(f"第{number}段：市民热情(rèqíng)地欢迎客人(kèrén)。")
    rows.append("各区情况")  # a heading, then a run longer than one join
    rows += [f"第{number}区：书房(shūfáng)今天开放。" for number in range(600)]
    document = parse("城市书房\n" + "\n".join(rows) + "\n(新华社)")
    assert len(document.sections) == 2
    findings = Validator().validate(document)
    for options in (HtmlOptions(), HtmlOptions(standalone=False)):
        fast = HtmlRenderer(options, diagnostics=findings).render(document)
        slow = HtmlRenderer(options, diagnostics=findings, cache=False).render(document)
        assert fast.html.encode() == slow.html.encode()
        assert fast.diagnostics == slow.diagnostics
        assert fast.html.count("<p>") + fast.html.count("<p ") >= 1300


# --- the fragment cache: one copy a word, the current options, copies and pickles ----


def _ruby_element(hanzi: str) -> etree._Element:
    element = etree.Element("ruby")
    element.text = hanzi
    return element


def test_keeping_a_key_again_keeps_one_fragment() -> None:
    # Two renderers sharing a cache can both miss a word and both keep it: the second
    # copy replaces the first in the mapping, and the first must not stay behind.
    cache = RenderCache(maxsize=4)
    for _ in range(50):
        cache.keep("会场", _ruby_element("会场"))
    assert cache.sizes()["ruby"] == 1
    assert len(cache._holder) == 1


def test_threads_rendering_one_new_word_at_once_keep_one_fragment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Per-word ruby is built and kept through the element cache; two threads that meet
    # a new word together both build it. The barrier makes both miss deterministically.
    options = HtmlOptions(ruby="word", standalone=False)
    document = parse("记者在会场(huìchǎng)看到，代表们认真讨论。")
    cache = RenderCache()
    barrier = threading.Barrier(2, timeout=2)
    build = HtmlRenderer._ruby

    def slow_build(self: HtmlRenderer, *args: object, **kwargs: object) -> etree._Element:
        # A cache that lets only one thread build a new word is fine too.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return build(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(HtmlRenderer, "_ruby", slow_build)
    expected = HtmlRenderer(options, cache=False)
    results: list[str] = []

    def render() -> None:
        renderer = HtmlRenderer(options)
        renderer._cache = cache
        results.append(renderer.render(document).html)

    run_threads(lambda _number: render(), 2)
    monkeypatch.setattr(HtmlRenderer, "_ruby", build)
    assert results == [expected.render(document).html] * 2
    assert cache.sizes()["ruby"] == 1
    assert len(cache._holder) == 1


def test_options_set_after_construction_render_as_without_the_cache() -> None:
    # A renderer picks its fragment cache from the options it was built with; options
    # set afterwards (here by a subclass's constructor) must not reuse the fragments
    # kept for the earlier options.
    class PlainNumbers(HtmlRenderer):
        def __init__(self) -> None:
            super().__init__(HtmlOptions(standalone=False))
            self.options = HtmlOptions(standalone=False, ruby="word", notation="numbers")

    document = parse("省里的专家(zhuānjiā)今天到会场(huìchǎng)调研。")
    HtmlRenderer(HtmlOptions(standalone=False)).render(document)  # the earlier options' cache
    fast = PlainNumbers().render(document).html
    slow = HtmlRenderer(PlainNumbers().options, cache=False).render(document).html
    assert "zhuan1jia1" in slow
    assert fast == slow


@pytest.mark.parametrize("duplicate", [copy.deepcopy, lambda r: pickle.loads(pickle.dumps(r))])
def test_a_caching_renderer_copies_and_pickles_as_one_without_the_cache(
    duplicate: Callable[[HtmlRenderer], HtmlRenderer],
) -> None:
    # Handing a renderer to a worker process (or deep-copying it) works with cache=False;
    # the cache only speeds rendering up, so it must not make the renderer unpicklable.
    options = HtmlOptions(standalone=False)
    document = parse("新建的图书馆(túshūguǎn)今天开放，市民(shìmín)排队入馆。")
    renderer = HtmlRenderer(options)
    expected = renderer.render(document).html
    assert duplicate(HtmlRenderer(options, cache=False)).render(document).html == expected
    assert duplicate(renderer).render(document).html == expected


@pytest.mark.parametrize(
    "options",
    [
        HtmlOptions(hsk_levels=True),
        HtmlOptions(hsk_levels=True, hide_hsk=2, controls=False),
        HtmlOptions(page_title="本站 <新闻> & 时事", extra_css="ruby{color:#333}"),
        HtmlOptions(tone_classes=True, notation="zhuyin"),
    ],
)
def test_page_shell_renders_identical_bytes(options: HtmlOptions) -> None:
    # Pages carry different sets of HSK levels, so several shells are built and reused.
    titles = ["", "市民 <热议> “双减” & 教育", "图书馆(túshūguǎn)开放"]
    texts = [f"{titles[i % 3]}\n\n{text}" if i % 3 else text for i, text in enumerate(_corpus())]
    for text in texts * 2:
        document = parse(text)
        for findings in ((), Validator().validate(document)):
            fast = HtmlRenderer(options, diagnostics=findings).render(document)
            slow = HtmlRenderer(options, diagnostics=findings, cache=False).render(document)
            assert fast.html.encode() == slow.html.encode()
            assert fast.diagnostics == slow.diagnostics
    assert render_cache(options).sizes()["shells"] > (1 if options.hsk_levels else 0)


def test_page_shell_reports_unwritable_css_on_every_page() -> None:
    options = HtmlOptions(extra_css="ruby{color:red}\x07")
    for _ in range(3):
        result = HtmlRenderer(options).render(parse("会场\n\n会场(huìchǎng)里有人。"))
        assert [d.code.code for d in result.diagnostics] == ["HA401"]
        assert "\x07" not in result.html


def test_page_shell_follows_an_overridden_piece() -> None:
    class Branded(HtmlRenderer):
        def css(self, ctx: object, levels: frozenset[int] = frozenset()) -> str:
            return "body{background:#fff}"

    document = parse("会场\n\n会场(huìchǎng)里有人。")
    HtmlRenderer().render(document)  # keeps the ordinary shell
    html = Branded().render(document).html
    assert "<style>body{background:#fff}</style>" in html


def test_a_word_built_in_a_section_paragraph_is_reported_there() -> None:
    from hanzi_annot import Document, Paragraph, Section, Text

    odd = Annotation("国", ("guó\x07",))  # ruby text HTML cannot carry: built, reported
    body = [Paragraph([Text("第一段。")]), Paragraph([Text("我们的"), odd, Text("。")])]
    document = Document(Paragraph([Text("标题")]), [Section(None, body)])
    for options in (HtmlOptions(), HtmlOptions(standalone=False)):
        fast = HtmlRenderer(options).render(document)
        slow = HtmlRenderer(options, cache=False).render(document)
        assert fast.html == slow.html
        assert [d.message for d in fast.diagnostics] == [d.message for d in slow.diagnostics]
        assert [d.code.code for d in fast.diagnostics] == ["HA401"]
        assert "section 1 paragraph 2" in fast.diagnostics[0].message


def test_a_method_set_on_one_renderer_turns_its_caches_off() -> None:
    document = parse("会场\n\n会场(huìchǎng)里有人。")
    options = HtmlOptions(standalone=False)
    shouting = HtmlRenderer(options)
    shouting.render(document)  # bound to the shared cache first
    shouting.reading = lambda syllable: syllable.upper()  # type: ignore[method-assign]
    assert "HUÌ" in shouting.render(document).html
    plain = HtmlRenderer(options).render(document)
    assert plain.html == HtmlRenderer(options, cache=False).render(document).html
    assert "HUÌ" not in plain.html


def test_a_method_set_in_place_of_another_attribute_is_noticed() -> None:
    document = parse("会场\n\n会场(huìchǎng)里有人。")
    renderer = HtmlRenderer(HtmlOptions(standalone=False))
    renderer.note = "an attribute of the caller's"  # type: ignore[attr-defined]
    renderer.render(document)
    del renderer.note  # type: ignore[attr-defined]
    renderer.reading = lambda syllable: syllable.upper()  # type: ignore[method-assign]
    assert "HUÌ" in renderer.render(document).html  # as many attributes as before
