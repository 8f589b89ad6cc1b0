"""What `make demo` runs: check the bundled article and render it as an HTML ruby page.

Run it from anywhere: ``python examples/demo.py``. It writes ``build/demo.html`` and
prints the check report, the same report ``hanzi-annot check examples/article.txt``
prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

import hanzi_annot

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.txt"
PAGE = ROOT / "build" / "demo.html"


def main() -> int:
    name = str(ARTICLE.relative_to(ROOT))
    document = hanzi_annot.parse(ARTICLE, path=name)
    found = document.diagnostics + hanzi_annot.validate(document)
    report = sorted(found, key=lambda d: (d.line, d.column))

    print(f"Check report for {name}:")
    for diagnostic in report:
        print(f"  {diagnostic}")
    annotations = sum(1 for _ in document.annotations)
    problems = sum(d.severity >= hanzi_annot.Severity.WARNING for d in report)
    print(f"{annotations} annotations, {problems} to look at, {len(report) - problems} notes.")

    PAGE.parent.mkdir(exist_ok=True)
    options = hanzi_annot.HtmlOptions(tone_classes=True)
    page = hanzi_annot.to_html(document, options, diagnostics=report)
    PAGE.write_text(page, encoding="utf-8")
    print(f"\nThe page is at {PAGE.relative_to(ROOT)}; open {PAGE.as_uri()} in a browser.")
    print(f"From the shell: hanzi-annot render {name} -o {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
