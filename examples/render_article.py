"""Render one annotated article as an HTML ruby page.

    python examples/render_article.py article.txt article.html [--zhuyin]

The same as ``hanzi-annot render article.txt -o article.html``, written out so you can
see (and change) each step: read, report, render, write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import hanzi_annot
from hanzi_annot.html.write import Notation


def render_article(source: Path, target: Path, *, zhuyin: bool = False) -> int:
    """Write ``source`` as a page to ``target``; return how many problems were found."""
    document = hanzi_annot.parse(source)
    problems = [
        d for d in hanzi_annot.validate(document) if d.severity >= hanzi_annot.Severity.WARNING
    ]
    for diagnostic in problems:
        print(diagnostic, file=sys.stderr)
    options = hanzi_annot.HtmlOptions(notation=Notation.ZHUYIN if zhuyin else Notation.MARKS)
    target.write_text(
        hanzi_annot.to_html(document, options, diagnostics=problems), encoding="utf-8"
    )
    return len(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--zhuyin", action="store_true", help="bopomofo instead of pinyin")
    args = parser.parse_args(argv)
    problems = render_article(args.source, args.target, zhuyin=args.zhuyin)
    print(f"wrote {args.target} ({problems} annotation problems highlighted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
