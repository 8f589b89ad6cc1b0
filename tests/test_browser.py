"""A real browser lays out ruby by the page's layout rules, in every mode.

Headless Chromium (Debian's ``chromium``, installed by ``.ci/run``) is driven with
Playwright for Python; Playwright's own browser download is not used. Locally the tests
skip when Chromium is missing; with ``CI=true`` they run or fail. The rules and how
they are measured are in ``tests/browser_layout.py``: words keep their characters
together in word mode, ruby texts never overlap and keep 0.2 em apart with no more
space inserted than needed, characters of a word are evenly spaced in character mode,
ruby text is at least 0.55 em and 10 px and never overlaps the line above.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import pytest

from hanzi_annot import Document, HtmlOptions, parse, to_html
from hanzi_annot.html.write import Notation, RubyMode
from tests.browser_layout import STRESS, check_rules, chromium_available, measure_page

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "article.txt"
SCRAPED = Path(__file__).parent / "pages" / "reading_rooms_scraped.txt"
SHOTS = ROOT / "build" / "screenshots"

MODES = {
    "char": HtmlOptions(tone_classes=True),
    "word": HtmlOptions(ruby=RubyMode.WORD),
    "zhuyin-char": HtmlOptions(notation=Notation.ZHUYIN),
    "zhuyin-word": HtmlOptions(notation=Notation.ZHUYIN, ruby=RubyMode.WORD),
    "char-no-rp": HtmlOptions(rp=False, tone_classes=True),
}
PAGES = {"sample": SAMPLE, "stress": STRESS, "scraped": SCRAPED}


def chromium_or_skip() -> None:
    if chromium_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing at /usr/bin/chromium; .ci/run installs it")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


def document(name: str) -> Document:
    return parse(PAGES[name].read_text(encoding="utf-8"), path=PAGES[name].name)


@pytest.mark.browser
@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("mode", list(MODES))
def test_layout_rules_hold(page: str, mode: str, record_property: pytest.RecordProperty) -> None:
    chromium_or_skip()
    doc = document(page)
    options = MODES[mode]
    boxes = measure_page(to_html(doc, options), screenshot=SHOTS / f"{page}-{mode}.png")
    figures = check_rules(boxes, word_mode=options.ruby is RubyMode.WORD)
    record_property("figures", figures.summary())
    expected = sum(len(a.units) if options.ruby is RubyMode.CHAR else 1 for a in doc.annotations)
    assert figures.rts == expected
    assert figures.violations == ()
    assert figures.min_rt_px >= 10
    assert figures.min_ratio >= 0.55
    if options.ruby is RubyMode.WORD:
        assert figures.max_intra_word_gap <= 1
    assert figures.min_annotation_gap_em >= 0.2 - 0.01


@pytest.mark.browser
def test_the_rules_fail_without_the_spacing_and_with_the_browsers_own_layout() -> None:
    """The rules can fail: without spacing ruby texts collide; by default words spread."""
    chromium_or_skip()
    doc = document("stress")
    unspaced = HtmlOptions(spacing=False, ruby=RubyMode.WORD)
    figures = check_rules(measure_page(to_html(doc, unspaced)), word_mode=True)
    assert figures.min_annotation_gap_em < 0
    assert any(v.startswith("rule 2") for v in figures.violations)
    native = attrs.evolve(unspaced, extra_css=".ha-document ruby{ruby-align:space-around}"
                          ".ha-document rt{margin:0}")  # fmt: skip
    figures = check_rules(measure_page(to_html(doc, native)), word_mode=True)
    assert figures.max_intra_word_gap > 10
    assert any(v.startswith("rule 1") for v in figures.violations)


@pytest.mark.browser
def test_pinyin_switch_hides_ruby_text_and_pages_without_script_show_it() -> None:
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    from tests.browser_layout import CHROMIUM, LAUNCH_ARGS

    html = to_html(document("sample"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        try:
            for scripts in (True, False):
                context = browser.new_context(java_script_enabled=scripts)
                page = context.new_page()
                page.set_content(html)
                shown = "getComputedStyle(document.querySelector('rt')).visibility"
                assert page.evaluate(shown) == "visible"
                page.keyboard.press("Tab")  # the switch is the first thing focused
                assert page.evaluate("document.activeElement.id") == "ha-show-pinyin"
                page.keyboard.press("Space")
                assert page.evaluate(shown) == "hidden"
                page.click("label[for=ha-show-pinyin]")
                assert page.evaluate(shown) == "visible"
                page.emulate_media(media="print")
                toolbar = "getComputedStyle(document.querySelector('.ha-toolbar')).display"
                assert page.evaluate(toolbar) == "none"
                context.close()
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tone_colours_are_readable_in_the_browser(scheme: str) -> None:
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    from tests.browser_layout import CHROMIUM, LAUNCH_ARGS
    from tests.test_html_page import contrast, parse_colour

    html = to_html(document("sample"), HtmlOptions(tone_classes=True))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        try:
            context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
            page = context.new_page()
            page.set_content(html)
            colours = page.evaluate(
                """() => ({
                  background: getComputedStyle(document.body).backgroundColor,
                  text: getComputedStyle(document.body).color,
                  tones: [...document.querySelectorAll('rt')].map(
                    rt => getComputedStyle(rt).color),
                })"""
            )
        finally:
            browser.close()
    background = parse_colour(colours["background"])
    assert contrast(parse_colour(colours["text"]), background) >= 7
    assert len(set(colours["tones"])) >= 4
    for tone in colours["tones"]:
        assert contrast(parse_colour(tone), background) >= 4.5, tone


@pytest.mark.browser
def test_choosing_an_hsk_level_hides_the_pinyin_of_easier_words() -> None:
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    from tests.browser_layout import CHROMIUM, LAUNCH_ARGS
    from tests.test_html_page import levelled

    html = to_html(levelled(), HtmlOptions(hide_hsk=1))
    hidden = """() => [...document.querySelectorAll('ruby')].map(
        r => [r.dataset.hsk, getComputedStyle(r.querySelector('rt')).visibility])"""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page()
            page.set_content(html)
            assert page.evaluate(hidden) == [["1", "hidden"], ["3", "visible"]]
            page.click("label[for=ha-hsk-3]")
            assert page.evaluate(hidden) == [["1", "hidden"], ["3", "hidden"]]
            page.click("label[for=ha-hsk-0]")
            assert page.evaluate(hidden) == [["1", "visible"], ["3", "visible"]]
        finally:
            browser.close()


@pytest.mark.browser
def test_editor_view_is_reachable_by_keyboard_with_a_visible_focus() -> None:
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    from hanzi_annot import validate
    from tests.browser_layout import CHROMIUM, LAUNCH_ARGS

    doc = parse("夜市开张\n\n市民可以在当地银行(yínxíng)网点领取消费券。\n")
    html = to_html(doc, diagnostics=validate(doc))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page()
            page.set_content(html)
            page.keyboard.press("Tab")  # the pinyin switch: its label shows the focus
            label = "label[for=ha-show-pinyin]"
            assert page.eval_on_selector(label, "e => getComputedStyle(e).outlineStyle") == "solid"
            page.keyboard.press("Tab")  # the flagged word
            assert page.evaluate("document.activeElement.className") == "ha-mark"
            focused = "document.activeElement"
            assert page.evaluate(f"getComputedStyle({focused}).outlineStyle") == "solid"
            page.keyboard.press("Enter")  # jumps to its finding
            assert page.evaluate("location.hash") == "#ha-f1"
            page.keyboard.press("Tab")  # the finding's link back to the word
            href = page.evaluate(f"{focused}.getAttribute('href')")
            assert href == page.evaluate("'#' + document.querySelector('a.ha-mark').id")
        finally:
            browser.close()
