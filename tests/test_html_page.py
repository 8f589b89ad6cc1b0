"""The reading page: learner controls, HSK hook, print and dark styles, the editor view."""

from __future__ import annotations

import re

import attrs
import lxml.html
import pytest

from hanzi_annot import (
    Code,
    Diagnostic,
    Document,
    HtmlOptions,
    Paragraph,
    Section,
    Severity,
    parse,
    parse_inline,
    to_html,
)
from hanzi_annot.html.css import DEFAULT_CSS, EDITOR_CSS, TONE_CSS
from hanzi_annot.html.write import HtmlRenderer
from hanzi_annot.model import Annotation
from hanzi_annot.positions import Span


def parse_colour(text: str) -> tuple[float, float, float]:
    """``#rrggbb`` or ``rgb(r, g, b)`` as three 0-255 numbers."""
    if text.startswith("#"):
        return (int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16))
    numbers = re.findall(r"[\d.]+", text)
    return (float(numbers[0]), float(numbers[1]), float(numbers[2]))


def luminance(colour: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[float, float, float], two: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio of two colours."""
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast(parse_colour("#767676"), parse_colour("#ffffff")) == pytest.approx(4.54, 0.01)


def schemes(css: str) -> tuple[str, str]:
    """Split a stylesheet into its light rules and its dark-scheme block."""
    light, _, dark = css.partition("@media (prefers-color-scheme:dark){")
    return light, dark


def colours(css: str, selector: str) -> list[str]:
    return re.findall(re.escape(selector) + r"\{color:(#[0-9a-f]{6})\}", css)


def background(css: str) -> tuple[float, float, float]:
    (value,) = re.findall(r"body\{[^}]*background-color:(#[0-9a-f]{6})", css)
    return parse_colour(value)


@pytest.mark.parametrize("tone", [1, 2, 3, 4, 5])
def test_tone_colours_contrast_at_least_4_5_in_light_and_dark(tone: str) -> None:
    light_page, dark_page = schemes(DEFAULT_CSS)
    light_tones, dark_tones = schemes(TONE_CSS)
    for page, tones in ((light_page, light_tones), (dark_page, dark_tones)):
        (colour,) = colours(tones, f".ha-t{tone}")
        assert contrast(parse_colour(colour), background(page)) >= 4.5


def article() -> Document:
    doc = parse("书香泉州 打造城市书房新名片\n\n泉州是国家(guójiā)历史文化名城，读者(dúzhě)很多。")
    return doc


def test_page_has_a_pinyin_switch_before_the_article_and_a_labelled_toolbar() -> None:
    root = lxml.html.document_fromstring(to_html(article()))
    body = root.find("body")
    switch, toolbar, content = body[0], body[1], body[2]
    assert (switch.tag, switch.get("type"), switch.get("id")) == (
        "input",
        "checkbox",
        "ha-show-pinyin",
    )
    assert switch.get("checked") is not None  # shown unless the reader hides it
    assert toolbar.tag == "aside"
    assert toolbar.find("label").get("for") == "ha-show-pinyin"
    assert content.tag == "article"
    assert root.findall(".//script") == []  # the controls need no script
    css = root.findtext("head/style")
    assert "#ha-show-pinyin:not(:checked)~.ha-document rt{visibility:hidden}" in css
    assert "@media print{" in css


def test_controls_can_be_left_out_and_fragments_have_none() -> None:
    root = lxml.html.document_fromstring(to_html(article(), HtmlOptions(controls=False)))
    assert root.findall(".//input") == []
    fragment = to_html(article(), HtmlOptions(standalone=False))
    assert "<input" not in fragment


def test_ruby_text_is_hidden_from_screen_readers_and_tagged_with_its_language() -> None:
    root = lxml.html.document_fromstring(to_html(article()))
    assert root.get("lang") == "zh-Hans"
    assert {rt.get("aria-hidden") for rt in root.iter("rt")} == {"true"}
    assert {rp.get("aria-hidden") for rp in root.iter("rp")} == {"true"}
    assert {rt.get("lang") for rt in root.iter("rt")} == {"zh-Latn-pinyin"}


@attrs.frozen
class LevelledAnnotation(Annotation):
    """An annotation that carries an HSK level, as a levelled model would."""

    hsk: int | None = None


def levelled() -> Document:
    tokens = parse_inline("国家(guójiā)历史(lìshǐ)文化名城").tokens
    levels = iter([1, 3])
    marked = tuple(
        LevelledAnnotation(t.hanzi, t.syllables, span=t.span, hsk=next(levels))
        if isinstance(t, Annotation)
        else t
        for t in tokens
    )
    return Document(None, (Section(None, (Paragraph(marked),)),))


def test_hsk_levels_become_data_attributes_and_a_choice_of_levels() -> None:
    html = to_html(levelled(), HtmlOptions(hide_hsk=1))
    root = lxml.html.document_fromstring(html)
    assert [r.get("data-hsk") for r in root.iter("ruby")] == ["1", "3"]
    radios = root.findall(".//input[@type='radio']")
    assert [r.get("value") for r in radios] == ["0", "1", "3"]
    assert [r.get("value") for r in radios if r.get("checked") is not None] == ["1"]
    css = root.findtext("head/style")
    assert '#ha-hsk-3:checked~.ha-document ruby[data-hsk="1"] rt' in css
    assert '#ha-hsk-1:checked~.ha-document ruby[data-hsk="3"] rt' not in css


def test_without_levels_there_is_no_level_choice() -> None:
    html = to_html(article())
    assert "data-hsk" not in html
    assert 'type="radio"' not in html


def test_a_subclass_can_supply_levels_from_elsewhere() -> None:
    class Lookup(HtmlRenderer):
        def hsk_level(self, annotation: Annotation) -> int | None:
            return {"国家": 2}.get(annotation.hanzi)

    html = Lookup(HtmlOptions(standalone=False)).render(article()).html
    assert html.count('data-hsk="2"') == 1


def test_hide_hsk_must_be_a_level() -> None:
    with pytest.raises(ValueError, match="HSK level 1-9"):
        HtmlOptions(hide_hsk=12)


def findings(doc: Document) -> list[Diagnostic]:
    first, second = doc.annotations
    assert first.span is not None
    assert second.span is not None
    return [
        Diagnostic(Code.RUBY_MISMATCH, Severity.ERROR, "读音不符", first.span, 3, 4, hint="guójiā"),
        Diagnostic(Code.EMPTY_RT, Severity.INFO, "可以省略", second.span, 3, 20),
        Diagnostic(Code.EMPTY_RT, Severity.WARNING, "别处的问题", Span(0, 1), 3, 1),
    ]  # fmt: skip


def test_editor_view_lists_findings_linked_both_ways() -> None:
    doc = article()
    root = lxml.html.document_fromstring(to_html(doc, diagnostics=findings(doc)))
    aside = root.find(".//aside[@class='ha-findings']")
    assert aside is not None
    items = aside.findall("ol/li")
    # Ordered by position; each says severity in words, code, line:column, message, fix.
    assert [li.get("class") for li in items] == ["ha-warning", "ha-error", "ha-info"]
    assert items[1].text_content() == "✖ 错误 HA403 3:4 读音不符（建议：guójiā）"
    assert items[0].find("a") is None  # touches no annotation: no link, place as text
    for item in items[1:]:
        target = item.find("a").get("href")[1:]
        (mark,) = root.xpath(f"//a[@id='{target}']")
        assert mark.get("href") == f"#{item.get('id')}"
        assert mark.find("ruby").get("class", "").startswith("ha-flag")
    css = root.findtext("head/style")
    assert EDITOR_CSS in css
    assert "border-bottom-style:dashed" in css
    assert "border-bottom-style:dotted" in css


def test_findings_stay_out_of_a_page_read_back() -> None:
    from hanzi_annot import from_html

    doc = article()
    back = from_html(to_html(doc, diagnostics=findings(doc)))
    assert back == doc


def test_editor_view_matches_many_findings_to_annotations() -> None:
    doc = parse("标题\n\n" + "，".join(["国家(guójiā)"] * 300) + "。")
    flags = [
        Diagnostic(Code.EMPTY_RT, Severity.INFO, str(i), a.span, 1, 1)  # type: ignore[arg-type]
        for i, a in enumerate(doc.annotations)
    ]
    root = lxml.html.document_fromstring(to_html(doc, diagnostics=flags))
    marks = root.findall(".//a[@class='ha-mark']")
    assert len(marks) == 300
    assert len(root.findall(".//aside/ol/li")) == 300


def test_hsk_levels_from_the_list_let_a_page_hide_easier_words() -> None:
    from hanzi_annot import annotate

    document = annotate("市民在家门口就能借书读书，城市书房开放。", select="all")
    plain = to_html(document, HtmlOptions())
    levelled_page = to_html(document, HtmlOptions(hsk_levels=True, hide_hsk=2))
    assert "data-hsk" not in plain
    tree = lxml.html.fromstring(levelled_page)
    levels = {ruby.get("data-hsk") for ruby in tree.iter("ruby")}
    assert {"1", "2"} <= levels  # 市民/读书 are early words
    chosen = tree.get_element_by_id("ha-hsk-2")
    assert chosen.get("checked") is not None  # hide_hsk preselects the level
