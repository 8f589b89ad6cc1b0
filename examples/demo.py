"""What `make demo` runs: parse the bundled article, report what was found, write output.

Run it from the repository root: ``python examples/demo.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import hanzi_annot

HERE = Path(__file__).parent
BUILD = HERE.parent / "build"


def main() -> int:
    article = HERE / "article.txt"
    document = hanzi_annot.parse(article.read_text(encoding="utf-8"), path=str(article))
    BUILD.mkdir(exist_ok=True)
    markup = BUILD / "demo.txt"
    markup.write_text(hanzi_annot.to_markup(document), encoding="utf-8")
    print(f"Parsed {article.name}: {sum(1 for _ in document.annotations())} annotations")
    for diagnostic in document.diagnostics:
        print(diagnostic)
    print(f"Canonical markup written to {markup}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
