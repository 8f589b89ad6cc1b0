"""to_html: page and fragment structure, every option, editor view, hostile text."""

from __future__ import annotations

import itertools
import warnings

import lxml.html
import pytest
from lxml import etree

from hanzi_annot import (
    Annotation,
    Code,
    Diagnostic,
    Document,
    HtmlOptions,
    HtmlRenderer,
    Paragraph,
    Section,
    Severity,
    Span,
    Text,
    parse_inline,
    to_html,
)
from hanzi_annot.html.write import HtmlRenderWarning, Notation, RenderContext, RubyMode

FRAGMENT = HtmlOptions(standalone=False)


def para(markup: str) -> Paragraph:
    return Paragraph(parse_inline(markup).tokens)


def article() -> Document:
    return Document(
        para("书香泉州 打造城市书房新名片"),
        (
            Section(None, (para("泉州是国家(guójiā)历史文化名城，全年举办活动三千余场。"),)),
            Section(
                para("办活动激发市民阅读热情(rèqíng)"),
                (para("老人说这里一点儿(yīdiǎnr)也不远，方案(fāng'àn)很周到。"),),
            ),
        ),
        source="泉州市文化和旅游局",
    )


def fragment(node: Document | Paragraph, **options: object) -> etree._Element:
    html = to_html(node, HtmlOptions(standalone=False, **options))  # type: ignore[arg-type]
    return lxml.html.fragment_fromstring(html)


def test_per_character_ruby_is_the_default() -> None:
    html = to_html(para("国家(guójiā)"), FRAGMENT)
    assert html == (
        '<p><ruby>国<rp aria-hidden="true">(</rp><rt lang="zh-Latn-pinyin" aria-hidden="true">'
        'guó</rt><rp aria-hidden="true">)</rp>家<rp aria-hidden="true">(</rp>'
        '<rt lang="zh-Latn-pinyin" aria-hidden="true">jiā</rt><rp aria-hidden="true">)</rp>'
        "</ruby></p>"
    )


def test_per_word_ruby_joins_syllables_with_the_apostrophe_rule() -> None:
    html = to_html(para("方案(fāng'àn)"), HtmlOptions(standalone=False, ruby=RubyMode.WORD))
    assert html == (
        '<p><ruby>方案<rp aria-hidden="true">(</rp><rt lang="zh-Latn-pinyin" aria-hidden="true">'
        'fāng\'àn</rt><rp aria-hidden="true">)</rp></ruby></p>'
    )


def test_rp_can_be_turned_off() -> None:
    root = fragment(para("国家(guójiā)"), rp=False)
    assert root.findall(".//rp") == []
    assert len(root.findall(".//rt")) == 2


def test_erhua_keeps_its_two_characters_under_one_rt() -> None:
    root = fragment(para("一点儿(yīdiǎnr)"))
    ruby = root.find("ruby")
    assert ruby is not None
    assert [rt.text for rt in ruby.findall("rt")] == ["yī", "diǎnr"]
    assert ruby.findall("rp")[1].tail == "点儿"


def test_standalone_page_has_the_parts_a_publisher_needs() -> None:
    html = to_html(article())
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-Hans">')
    root = lxml.html.document_fromstring(html)
    assert root.find("head/meta").get("charset") == "utf-8"
    assert root.findtext("head/title") == "书香泉州 打造城市书房新名片"
    assert ".ha-document" in root.findtext("head/style")
    body = root.find("body/article")
    assert body is not None
    assert [child.tag for child in body] == ["h1", "div", "section", "footer"]
    assert body.find("section/h2").text_content() == "办活动激发市民阅读热(rè)情(qíng)"
    assert body.find("footer").text_content() == "来源：泉州市文化和旅游局"


def test_fragment_is_the_article_only() -> None:
    html = to_html(article(), FRAGMENT)
    assert html.startswith('<article class="ha-document"><h1>')
    assert "<style>" not in html


def test_untitled_document_is_a_div_and_gets_a_fallback_title() -> None:
    doc = Document(None, ())
    root = lxml.html.document_fromstring(to_html(doc))
    assert root.findtext("head/title") == "无标题"
    assert root.find("body/div").get("class") == "ha-document"


def test_page_title_option_and_paragraph_page() -> None:
    html = to_html(para("泉州是历史文化名城。"), HtmlOptions(page_title="泉州"))
    root = lxml.html.document_fromstring(html)
    assert root.findtext("head/title") == "泉州"
    assert root.find("body/div/p").text == "泉州是历史文化名城。"
    default = lxml.html.document_fromstring(to_html(para("泉州是历史文化名城。")))
    assert default.findtext("head/title") == "泉州是历史文化名城。"


def test_tone_classes_and_palette() -> None:
    options = HtmlOptions(tone_classes=True)
    html = to_html(article(), options)
    assert ".ha-t1{" in html
    root = lxml.html.document_fromstring(html)
    assert [rt.get("class") for rt in root.iter("rt")][:2] == ["ha-t2", "ha-t1"]
    assert ".ha-t1{" not in to_html(article())


def test_tone_classes_per_syllable_in_word_mode() -> None:
    root = fragment(para("方案(fāng'àn)"), ruby=RubyMode.WORD, tone_classes=True)
    rt = root.find(".//rt")
    assert [(s.get("class"), s.text) for s in rt] == [("ha-t1", "fāng"), ("ha-t4", "àn")]
    assert rt.text_content() == "fāng'àn"


def test_tone_numbers() -> None:
    root = fragment(para("绿色(lǜsè)一点儿(yīdiǎnr)"), notation=Notation.NUMBERS)
    assert [rt.text for rt in root.iter("rt")] == ["lü4", "se4", "yi1", "dianr3"]


def test_zhuyin_notation_and_its_language_tag() -> None:
    root = fragment(para("国家(guójiā)的(de)"), notation="zhuyin")
    assert [rt.text for rt in root.iter("rt")] == ["ㄍㄨㄛˊ", "ㄐㄧㄚ", "˙ㄉㄜ"]
    assert {rt.get("lang") for rt in root.iter("rt")} == {"zh-Bopo"}
    word = fragment(para("国家(guójiā)"), notation="zhuyin", ruby="word")
    assert word.find(".//rt").text == "ㄍㄨㄛˊ ㄐㄧㄚ"


def test_zhuyin_keeps_text_it_cannot_convert() -> None:
    odd = Paragraph((Annotation("国", ("zhx",)),))
    assert fragment(odd, notation="zhuyin").find(".//rt").text == "zhx"


def test_editor_view_marks_the_annotations_diagnostics_concern() -> None:
    paragraph = para("在当地银行(yínxíng)办理，国家(guójiā)支持。")
    bank = paragraph.annotations[0]
    assert bank.span is not None
    finding = Diagnostic(
        Code.UNWRITABLE_CHARACTER, Severity.WARNING, "行 reads háng in 银行", bank.span, 1, 3
    )
    root = lxml.html.fragment_fromstring(to_html(paragraph, FRAGMENT, diagnostics=[finding]))
    first, second = root.findall(".//ruby")
    assert first.getparent().tag == "a"
    assert first.getparent().get("href") == "#ha-f1"
    assert first.get("class") == "ha-flag ha-warning"
    assert first.get("title") == "HA401 行 reads háng in 银行"
    assert first.get("data-codes") == "HA401"
    assert second.get("class") is None


def test_editor_view_ignores_diagnostics_elsewhere_and_models_without_spans() -> None:
    far = Diagnostic(Code.EMPTY_RT, Severity.INFO, "elsewhere", Span(90, 95), 1, 91)
    assert "ha-flag" not in to_html(para("国家(guójiā)"), FRAGMENT, diagnostics=[far])
    bare = Paragraph((Annotation("国家", ("guó", "jiā")),))
    near = Diagnostic(Code.EMPTY_RT, Severity.INFO, "x", Span(0, 2), 1, 1)
    assert "ha-flag" not in to_html(bare, FRAGMENT, diagnostics=[near])


HOSTILE = [
    "<script>alert('x')</script>",
    "\"引号\" & '单引号' &amp; <b>粗</b>",
    "\u202e倒序\u202c文字\u200f",
    "]]><!-- 注释 -->",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_in_its_text_node(text: str) -> None:
    doc = Document(
        Paragraph((Text(text),)),
        (
            Section(
                Paragraph((Text(text),)), (Paragraph((Text(text), Annotation("国", ("guó",)))),)
            ),
        ),
        source=text,
    )
    html = to_html(doc, HtmlOptions(page_title=text))
    root = lxml.html.document_fromstring(html)
    assert root.findtext("head/title") == text
    assert root.find(".//h1").text == text
    assert root.find(".//h2").text == text
    assert root.find(".//p").text == text
    assert root.find(".//span[@class='ha-source']").text == text
    assert root.findall(".//script") == []
    assert root.findall(".//b") == []
    assert [e.tag for e in root.find("body").iter()] == [
        "body", "input", "aside", "label", "article", "h1", "section", "h2", "p", "ruby",
        "rp", "rt", "rp", "footer", "p", "span",
    ]  # fmt: skip


def test_control_characters_become_replacement_characters_and_are_reported() -> None:
    paragraph = para("泉州\x07市图书馆\x00开放")
    result = HtmlRenderer(FRAGMENT).render(paragraph)
    assert result.html == "<p>泉州\ufffd市图书馆\ufffd开放</p>"
    assert [d.code for d in result.diagnostics] == [Code.UNWRITABLE_CHARACTER] * 2
    first = result.diagnostics[0]
    assert first.span == Span(2, 3)
    assert "U+0007" in first.message
    assert "character 3" in first.message


@pytest.mark.parametrize("char", ["\x0c", "\x7f", "\x85", "\ufffe", "\ud800", "\U0010ffff"])
def test_every_refused_character_is_replaced(char: str) -> None:
    doc = Document(Paragraph((Text(f"标题{char}"),)), (Section(None, (para("正文。"),)),))
    with pytest.warns(HtmlRenderWarning, match=f"U\\+{ord(char):04X} in title, character 3"):
        html = to_html(doc)
    assert char not in html
    assert "<h1>标题\ufffd</h1>" in html


def test_control_characters_in_annotations_source_and_options() -> None:
    doc = Document(
        None,
        (Section(None, (Paragraph((Annotation("国\x01", ("guó\x02", "x\x03")),)),)),),
        source="局\x04",
    )
    result = HtmlRenderer(HtmlOptions(page_title="题\x05")).render(doc)
    assert len(result.diagnostics) == 5
    assert "\x01" not in result.html
    assert all(d.line == 1 and d.column == 1 for d in result.diagnostics)


def test_control_character_position_points_into_the_parsed_input() -> None:
    from hanzi_annot import parse

    doc = parse("书香泉州\n\n泉州是历史\x1b文化名城。")
    result = HtmlRenderer().render(doc)
    (diagnostic,) = result.diagnostics
    assert (diagnostic.line, diagnostic.column) == (3, 6)


def test_to_html_without_problems_warns_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        to_html(article())


def test_unknown_nodes_are_refused() -> None:
    with pytest.raises(TypeError, match="cannot render Section"):
        to_html(Section(None, ()))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot render token str"):
        to_html(Paragraph(("裸字符串",)))  # type: ignore[arg-type]


def test_a_subclass_overrides_one_piece() -> None:
    class BracketFooter(HtmlRenderer):
        def footer(self, source: str, ctx: RenderContext) -> etree._Element:
            element = etree.Element("footer")
            element.text = f"（{source}）"
            return element

    html = BracketFooter(FRAGMENT).render(article()).html
    assert "<footer>（泉州市文化和旅游局）</footer>" in html
    assert "<ruby>" in html


def test_notebook_display() -> None:
    renderer = HtmlRenderer(FRAGMENT)
    assert renderer.render(article())._repr_html_().startswith('<article class="ha-document">')
    assert renderer.render(para("国(guó)"))._repr_html_().startswith("<p><ruby>国")


def base_units(ruby: etree._Element) -> list[str]:
    """The base text before each rt of a per-character ruby (rp skipped)."""
    units: list[str] = []
    pending = ruby.text or ""
    for child in ruby:
        if child.tag == "rt":
            units.append(pending)
            pending = ""
        pending += child.tail or ""
    return units


@pytest.mark.parametrize(
    ("ruby", "rp", "notation", "tones"),
    list(itertools.product(RubyMode, [True, False], Notation, [True, False])),
)
def test_structure_no_empty_rt_no_rb_one_rt_per_unit(
    ruby: RubyMode, rp: bool, notation: Notation, tones: bool
) -> None:
    doc = article()
    options = HtmlOptions(ruby=ruby, rp=rp, notation=notation, tone_classes=tones)
    root = lxml.html.document_fromstring(to_html(doc, options))
    assert root.findall(".//rb") == []
    assert all(rt.text_content().strip() for rt in root.iter("rt"))
    rubies = list(root.iter("ruby"))
    annotations = list(doc.annotations)
    assert len(rubies) == len(annotations)
    for element, annotation in zip(rubies, annotations, strict=True):
        if ruby is RubyMode.CHAR:
            assert base_units(element) == list(annotation.units)
        else:
            assert len(element.findall("rt")) == 1


def test_the_renderer_keeps_no_state_between_renders() -> None:
    renderer = HtmlRenderer(HtmlOptions(), diagnostics=[])
    before = dict(vars(renderer))
    bad = para("泉州\x07市")
    first = renderer.render(bad)
    second = renderer.render(article())
    assert vars(renderer) == before
    assert len(first.diagnostics) == 1
    assert second.diagnostics == ()  # nothing carried over from the first render
    assert renderer.render(bad) == first
