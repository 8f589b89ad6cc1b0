"""HTML rendering time at doubling sizes: one long paragraph, with and without findings.

Shows that ``to_html`` grows linearly with the number of annotations in a paragraph and
that the editor view grows linearly with the number of findings (one per annotation,
plus one finding spanning the whole input). Run by hand:

    python benchmarks/bench_html.py [--start 5000] [--steps 3]
"""

from __future__ import annotations

import argparse
import time

from hanzi_annot import Code, Diagnostic, Document, Severity, Span, parse, to_html


def findings(doc: Document) -> list[Diagnostic]:
    flags = [
        Diagnostic(Code.EMPTY_RT, Severity.INFO, "finding", a.span, 1, 1)
        for a in doc.annotations
        if a.span is not None
    ]
    flags.append(Diagnostic(Code.EMPTY_RT, Severity.INFO, "everything", Span(0, 10**9), 1, 1))
    return flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=5000)
    parser.add_argument("--steps", type=int, default=3)
    args = parser.parse_args()
    print(f"{'annotations':>11} {'page s':>8} {'editor s':>9}")
    for step in range(args.steps):
        count = args.start * 2**step
        doc = parse("标题\n\n" + "，".join(["国家(guójiā)"] * count) + "。")
        flags = findings(doc)
        began = time.perf_counter()
        to_html(doc)
        page = time.perf_counter() - began
        began = time.perf_counter()
        to_html(doc, diagnostics=flags)
        editor = time.perf_counter() - began
        print(f"{count:>11} {page:>8.2f} {editor:>9.2f}")


if __name__ == "__main__":
    main()
