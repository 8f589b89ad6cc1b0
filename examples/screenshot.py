"""Render an article in every ruby mode and save browser screenshots to build/.

Run: .venv/bin/python examples/screenshot.py [article.txt] [--docs]
Needs Debian's chromium (/usr/bin/chromium) and Playwright for Python (test extra).
Writes build/ruby-<mode>.png and build/ruby-<mode>.html for the modes below, plus the
editor view and the dark scheme; with --docs, also small copies (the top of each page)
into docs/img/ for the HTML page of the documentation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from hanzi_annot import HtmlOptions, parse, to_html, validate

ROOT = Path(__file__).parent.parent
DEFAULT_INPUT = ROOT / "examples" / "article.txt"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VARIANTS = {
    "char": HtmlOptions(tone_classes=True),
    "word": HtmlOptions(ruby="word"),
    "zhuyin-char": HtmlOptions(notation="zhuyin"),
    "zhuyin-word": HtmlOptions(notation="zhuyin", ruby="word"),
    "editor": HtmlOptions(tone_classes=True),
    "dark": HtmlOptions(tone_classes=True),
}
#: A short page with mistakes for the editor view: a wrong reading, a missing tone.
EDITOR_TEXT = """江城老街夜市开张

夜市设在沿河老街，市民可以在当地银行(yínxíng)网点领取消费券。
摊主们说，这里的人气(rénqi)比去年旺，周末客流量(kèliúliàng)明显增加。
"""
#: The part of each page the docs show (CSS px of a 640 px wide viewport).
DOCS_CLIP = {"x": 0, "y": 0, "width": 640, "height": 330}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    docs = "--docs" in args
    names = [a for a in args if a != "--docs"]
    source = Path(names[0]) if names else DEFAULT_INPUT
    document = parse(source.read_text(encoding="utf-8"), path=source.name)
    out = ROOT / "build"
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=LAUNCH_ARGS
        )
        for name, options in VARIANTS.items():
            scheme = "dark" if name == "dark" else "light"
            page = browser.new_page(viewport={"width": 640, "height": 900}, color_scheme=scheme)
            if name == "editor":
                shown = parse(EDITOR_TEXT, path="night-market.txt")
                html = to_html(shown, options, diagnostics=validate(shown))
            else:
                html = to_html(document, options, diagnostics=())
            (out / f"ruby-{name}.html").write_text(html, encoding="utf-8")
            page.set_content(html)
            page.screenshot(path=str(out / f"ruby-{name}.png"), full_page=True)
            print(f"wrote {out / f'ruby-{name}.png'}")
            if docs:
                target = ROOT / "docs" / "img" / f"ruby-{name}.png"
                target.parent.mkdir(exist_ok=True)
                if name == "editor":
                    page.screenshot(path=str(target), full_page=True)
                else:
                    page.screenshot(path=str(target), clip=DOCS_CLIP)  # type: ignore[arg-type]
                print(f"wrote {target}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
