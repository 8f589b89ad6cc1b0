"""Render the sample article as ruby and save browser screenshots to build/.

Run: .venv/bin/python examples/screenshot.py [article.txt]
Needs Debian's chromium (/usr/bin/chromium) and Playwright for Python (test extra).
Writes build/ruby-char.png, build/ruby-word.png, build/ruby-zhuyin.png and the pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from hanzi_annot import HtmlOptions, parse, to_html

ROOT = Path(__file__).parent.parent
DEFAULT_INPUT = ROOT / "tests" / "pages" / "reading_rooms_scraped.txt"
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
    "zhuyin": HtmlOptions(notation="zhuyin"),
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else DEFAULT_INPUT
    document = parse(source.read_text(encoding="utf-8"), path=source.name)
    out = ROOT / "build"
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=LAUNCH_ARGS
        )
        page = browser.new_page(viewport={"width": 820, "height": 900})
        for name, options in VARIANTS.items():
            html = to_html(document, options)
            (out / f"ruby-{name}.html").write_text(html, encoding="utf-8")
            page.set_content(html)
            page.screenshot(path=str(out / f"ruby-{name}.png"), full_page=True)
            print(f"wrote {out / f'ruby-{name}.png'}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
