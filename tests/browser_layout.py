"""Measure ruby layout in headless Chromium and check the page's layout rules.

``measure_page`` lays a page out and returns, for every ``<ruby>``, the boxes of its base
characters and of its ruby texts (their glyphs, not their stretched boxes), plus the
boxes of the unannotated characters around it. ``check_rules`` turns those boxes into
the figures the rules speak of (gaps, overlaps, sizes) and the list of violations.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

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
PAGES = Path(__file__).parent / "pages"
STRESS = Path(__file__).parent / "fixtures" / "ruby_stress.txt"

#: The layout rules' thresholds, in CSS px or in em as the rule says.
TOLERANCE_PX = 1.0
MIN_GAP_EM = 0.2
MIN_RATIO = 0.55
MIN_PX = 10.0
#: Space inserted between adjacent words beyond the gap: the metrics' safety margin.
MAX_EXCESS_EM = 0.1

# One record per <ruby>: its base characters (one rect each, from a Range over the text
# outside rt/rp), its rt glyph boxes, font sizes, and the unannotated characters of
# every text block (to find the line above and the neighbours).
_MEASURE = r"""
() => {
  const canvas = document.createElement("canvas").getContext("2d");
  const advance = (element, text) => {
    const cs = getComputedStyle(element);
    canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    return canvas.measureText(text).width;
  };
  // Range boxes of ruby base text include the space a ruby column adds: the leading
  // pad goes to the first character, space between characters to the one before it,
  // the trailing pad (as wide as the leading one) to the last. Glyphs are recovered
  // from those boxes and each character's advance.
  const shrink = (b, width) => {
    const middle = (b.left + b.right) / 2;
    return {l: middle - width / 2, r: middle + width / 2, t: b.top, b: b.bottom};
  };
  const charRects = (node) => {
    const boxes = [];
    for (let i = 0; i < node.length; i++) {
      const code = node.data.charCodeAt(i);
      if (code >= 0xDC00 && code < 0xE000) continue;
      const wide = code >= 0xD800 && code < 0xDC00 ? 2 : 1;
      const text = node.data.slice(i, i + wide);
      const r = document.createRange();
      r.setStart(node, i); r.setEnd(node, i + wide);
      const b = r.getBoundingClientRect();
      if (b.width === 0 || /\s/.test(text)) continue;
      boxes.push({c: text, box: b, a: advance(node.parentElement, text)});
    }
    const inRuby = node.parentElement.closest("ruby") !== null;
    // letter-spacing follows every character, the last one of a base too.
    const spacing = parseFloat(getComputedStyle(node.parentElement).letterSpacing) || 0;
    const out = [];
    boxes.forEach((item, i) => {
      const b = item.box;
      let glyph = {l: b.left, r: b.left + item.a, t: b.top, b: b.bottom};
      if (inRuby && boxes.length === 1) {
        const lead = (b.width - item.a - spacing) / 2;
        glyph = {l: b.left + lead, r: b.left + lead + item.a, t: b.top, b: b.bottom};
      } else if (inRuby && i === 0) {
        const last = boxes[boxes.length - 1];
        const lead = last.box.width - last.a - spacing;
        glyph = {l: b.left + lead, r: b.left + lead + item.a, t: b.top, b: b.bottom};
      }
      glyph.c = item.c;
      out.push(glyph);
    });
    return out;
  };
  const glyphs = (element) => {
    const r = document.createRange();
    r.selectNodeContents(element);
    const b = r.getBoundingClientRect();
    return shrink(b, Math.min(b.width, advance(element, element.textContent)));
  };
  const rubies = [];
  const plain = [];
  const blocks = document.querySelectorAll("h1, h2, h3, p, li");
  for (const block of blocks) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const parent = node.parentElement;
      if (parent.closest("rt, rp, .ha-findings, footer")) continue;
      if (parent.closest("ruby")) continue;
      for (const rect of charRects(node)) plain.push(rect);
    }
    for (const ruby of block.querySelectorAll("ruby")) {
      const units = [];
      let chars = [];
      const rts = [];
      for (const node of ruby.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) { chars.push(...charRects(node)); continue; }
        if (node.nodeName === "RT") {
          const box = glyphs(node);
          box.text = node.textContent;
          box.size = parseFloat(getComputedStyle(node).fontSize);
          box.visible = getComputedStyle(node).visibility !== "hidden"
            && getComputedStyle(node).display !== "none" && box.r > box.l;
          rts.push(box);
          units.push(chars);
          chars = [];
        } else if (node.nodeName !== "RP" && node.nodeType === Node.ELEMENT_NODE) {
          for (const inner of node.childNodes) {
            if (inner.nodeType === Node.TEXT_NODE) chars.push(...charRects(inner));
          }
        }
      }
      const outer = ruby.parentElement.nodeName === "A" ? ruby.parentElement : ruby;
      const before = outer.previousSibling;
      rubies.push({
        block: block.tagName, units, rts,
        adjacent: before !== null && ["RUBY", "A"].includes(before.nodeName),
        size: parseFloat(getComputedStyle(ruby).fontSize),
      });
    }
  }
  return {rubies, plain, width: document.documentElement.clientWidth};
}
"""


def chromium_available() -> bool:
    """Whether the Chromium the tests drive is installed."""
    return CHROMIUM.exists()


def measure_page(
    html: str,
    *,
    width: int = 720,
    color_scheme: str = "light",
    screenshot: Path | None = None,
    java_script: bool = True,
) -> dict[str, Any]:
    """Lay ``html`` out in headless Chromium and return the boxes ``_MEASURE`` collects."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        try:
            context = browser.new_context(
                viewport={"width": width, "height": 900},
                color_scheme=color_scheme,  # type: ignore[arg-type]
                java_script_enabled=java_script,
            )
            page = context.new_page()
            page.set_content(html)
            boxes: dict[str, Any] = page.evaluate(_MEASURE)
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return boxes


@attrs.frozen
class Figures:
    """What the layout rules measure on one page, and every violation found."""

    rubies: int
    rts: int
    max_intra_word_gap: float  # px between neighbouring characters of one annotated word
    max_gap_spread: float  # px, largest minus smallest gap inside one word
    max_centre_offset: float  # px between the centre of a ruby text and of its base
    min_annotation_gap_em: float  # between neighbouring annotation boxes, in rt em
    max_excess_gap_em: float  # space inserted beyond 0.2 em between adjacent words' rts
    min_ratio: float  # rt font size / base font size
    min_rt_px: float
    overlaps_above: int  # ruby texts that overlap a character of another line
    violations: tuple[str, ...]

    def summary(self) -> str:
        """One line of figures for a report."""
        return (
            f"rubies={self.rubies} rts={self.rts} "
            f"intra-word gap max={self.max_intra_word_gap:.2f}px "
            f"gap spread max={self.max_gap_spread:.2f}px "
            f"centre offset max={self.max_centre_offset:.2f}px "
            f"annotation gap min={self.min_annotation_gap_em:.3f}em "
            f"excess gap max={self.max_excess_gap_em:.3f}em "
            f"rt/base min={self.min_ratio:.3f} rt min={self.min_rt_px:.2f}px "
            f"overlaps above={self.overlaps_above} violations={len(self.violations)}"
        )


def _span(rects: list[dict[str, Any]]) -> tuple[float, float]:
    return min(r["l"] for r in rects), max(r["r"] for r in rects)


def _same_line(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return min(a["b"], b["b"]) - max(a["t"], b["t"]) > 0


def _gaps(chars: list[dict[str, Any]]) -> Iterator[float]:
    for left, right in itertools.pairwise(chars):
        if _same_line(left, right):
            yield right["l"] - left["r"]


def check_rules(boxes: dict[str, Any], *, word_mode: bool) -> Figures:
    """Compute the figures of the layout rules and list every violation.

    Rule 1 (word mode): the characters of a word keep the advance of plain text and the
    ruby text is centred over the word. Rule 2: neighbouring annotation boxes on one
    line do not overlap and are at least 0.2 em (of the annotation font) apart; where
    two annotated words meet, no more than that is inserted. Rule 3 (character mode):
    every syllable sits over its character and a word's characters are evenly spaced.
    Rule 4: the annotation font is at least 0.55 em of the base and 10 px, and no
    annotation overlaps a character of another line.
    """
    violations: list[str] = []
    intra: list[float] = [0.0]
    spread: list[float] = [0.0]
    centre: list[float] = [0.0]
    ann_gaps: list[float] = []
    excess: list[float] = [0.0]
    ratios: list[float] = []
    sizes: list[float] = []
    above = 0
    rubies = boxes["rubies"]
    flat: list[tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]], int]] = []
    for index, ruby in enumerate(rubies):
        chars = [c for unit in ruby["units"] for c in unit]
        word = "".join(c["c"] for c in chars)
        gaps = list(_gaps(chars))
        if gaps:
            spread.append(max(gaps) - min(gaps))
            if spread[-1] > TOLERANCE_PX:
                violations.append(f"rule 3: uneven gaps {gaps} in {word}")
            if word_mode:
                intra.append(max(gaps))
                if max(gaps) > TOLERANCE_PX:
                    violations.append(f"rule 1: gap {max(gaps):.2f}px inside {word}")
            else:
                intra.append(max(gaps))
        for unit, rt in zip(ruby["units"], ruby["rts"], strict=True):
            if not rt["visible"]:
                continue
            ratios.append(rt["size"] / ruby["size"])
            sizes.append(rt["size"])
            base = chars if word_mode else unit
            left, right = _span(base)
            offset = abs((rt["l"] + rt["r"]) / 2 - (left + right) / 2)
            centre.append(offset)
            if offset > TOLERANCE_PX:
                violations.append(f"rule 1/3: {rt['text']} off centre by {offset:.2f}px")
            flat.append((rt, ruby, base, index))
    for (rt, _ruby, base, index), (nxt, nruby, nbase, nindex) in itertools.pairwise(flat):
        if not _same_line(rt, nxt) or nxt["l"] < rt["l"]:
            continue
        gap = (nxt["l"] - rt["r"]) / max(rt["size"], nxt["size"])
        ann_gaps.append(gap)
        if gap < MIN_GAP_EM - 0.01:
            violations.append(f"rule 2: {rt['text']}|{nxt['text']} {gap:.3f}em apart")
        if index != nindex and nindex == index + 1 and nruby["adjacent"]:
            base_gap = nbase[0]["l"] - base[-1]["r"]
            if _same_line(base[-1], nbase[0]) and base_gap > TOLERANCE_PX:
                excess.append(gap - MIN_GAP_EM)
                if gap - MIN_GAP_EM > MAX_EXCESS_EM:
                    violations.append(
                        f"rule 2: {base_gap:.2f}px inserted between {rt['text']} and "
                        f"{nxt['text']}, leaving {gap:.3f}em"
                    )
    for ratio, size in zip(ratios, sizes, strict=False):
        if ratio < MIN_RATIO - 1e-3 or size < MIN_PX - 1e-3:
            violations.append(f"rule 4: annotation {size:.2f}px, {ratio:.3f} of the base")
            break
    others = boxes["plain"] + [c for ruby in rubies for unit in ruby["units"] for c in unit]
    for rt, _, base, _ in flat:
        for char in others:
            if char in base:
                continue
            if (
                min(rt["r"], char["r"]) - max(rt["l"], char["l"]) > 0.5
                and min(rt["b"], char["b"]) - max(rt["t"], char["t"]) > 0.5
                and char["b"] <= base[0]["t"] + 0.5
            ):
                above += 1
                violations.append(f"rule 4: {rt['text']} overlaps {char['c']} above")
                break
    return Figures(
        rubies=len(rubies),
        rts=len(flat),
        max_intra_word_gap=max(intra),
        max_gap_spread=max(spread),
        max_centre_offset=max(centre),
        min_annotation_gap_em=min(ann_gaps, default=float("inf")),
        max_excess_gap_em=max(excess),
        min_ratio=min(ratios, default=0.0),
        min_rt_px=min(sizes, default=0.0),
        overlaps_above=above,
        violations=tuple(violations),
    )
