"""A real browser lays every ruby text over its own base, centred, in both ruby modes.

Headless Chromium (Debian's ``chromium``, installed by ``.ci/run``) is driven with
Playwright for Python; Playwright's own browser download is not used. Locally the test
skips when Chromium is missing; with ``CI=true`` it runs or fails.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from hanzi_annot import HtmlOptions, parse, to_html
from hanzi_annot.html.write import Notation, RubyMode

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SAMPLE = Path(__file__).parent / "pages" / "reading_rooms_scraped.txt"
#: How far (CSS px) the centre of an rt's text may sit from the centre of its base text.
TOLERANCE = 1.0

# For each <rt>: the box of the base text since the previous <rt> (rp skipped), and its own.
MEASURE = """
() => {
  const out = [];
  for (const ruby of document.querySelectorAll("ruby")) {
    let nodes = [];
    for (const node of ruby.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) { nodes.push(node); continue; }
      if (node.nodeName === "RP") continue;
      if (node.nodeName !== "RT") continue;
      const range = document.createRange();
      range.setStart(nodes[0], 0);
      const last = nodes[nodes.length - 1];
      range.setEnd(last, last.length);
      const base = range.getBoundingClientRect();
      const inner = document.createRange();
      inner.selectNodeContents(node);  // the rt's glyphs, not its stretched box
      const rt = inner.getBoundingClientRect();
      out.push({
        base: range.toString(), text: node.textContent,
        baseTop: base.top, baseBottom: base.bottom, baseLeft: base.left, baseRight: base.right,
        rtBottom: rt.bottom, rtTop: rt.top, rtLeft: rt.left, rtRight: rt.right,
      });
      nodes = [];
    }
  }
  return out;
}
"""


def chromium_or_skip() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing at /usr/bin/chromium; .ci/run installs it")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


def measure(html: str, width: int = 720) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.set_content(html)
            boxes: list[dict[str, Any]] = page.evaluate(MEASURE)
        finally:
            browser.close()
    return boxes


@pytest.mark.browser
@pytest.mark.parametrize(
    "options",
    [
        HtmlOptions(),
        HtmlOptions(ruby=RubyMode.WORD),
        HtmlOptions(rp=False, tone_classes=True),
        HtmlOptions(notation=Notation.ZHUYIN),
    ],
    ids=["char", "word", "char-no-rp", "zhuyin"],
)
def test_every_rt_sits_centred_above_its_base(
    options: HtmlOptions, record_property: pytest.RecordProperty
) -> None:
    chromium_or_skip()
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    boxes = measure(to_html(doc, options))
    expected = sum(len(a.units) if options.ruby is RubyMode.CHAR else 1 for a in doc.annotations)
    assert len(boxes) == expected
    centre_offsets = []
    for box in boxes:
        assert box["baseRight"] - box["baseLeft"] > 5, box  # the base was laid out
        assert box["rtRight"] - box["rtLeft"] > 2, box
        # Above: the rt's text box ends above the middle of the base's, and its own
        # middle is above the base's top (content boxes may share the font's leading).
        base_middle = (box["baseTop"] + box["baseBottom"]) / 2
        assert box["rtBottom"] < base_middle, box
        assert (box["rtTop"] + box["rtBottom"]) / 2 < box["baseTop"], box
        base_centre = (box["baseLeft"] + box["baseRight"]) / 2
        rt_centre = (box["rtLeft"] + box["rtRight"]) / 2
        centre_offsets.append(abs(rt_centre - base_centre))
    record_property("max_centre_offset_px", round(max(centre_offsets), 3))
    worst = max(range(len(boxes)), key=centre_offsets.__getitem__)
    assert max(centre_offsets) <= TOLERANCE, boxes[worst]
