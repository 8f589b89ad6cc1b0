"""Throughput and peak memory of every stage, against two references (run by hand).

Builds a corpus of distinct generated pages (``tests/pagegen.py``; default 5 MB) and
processes it page by page. Words are drawn uniformly from the phrase dictionary (the
worst case: almost every annotation is new to every cache) or, with ``--zipf``, with
the skewed frequencies of real text. For each stage it reports the median of ``--repeat`` runs
in MB/s of UTF-8 input and the peak traced memory of one extra run. References:

* naive — what a user might write instead: one regex for annotations, then
  ``pypinyin.pinyin(word, heteronym=True)`` per annotation and ruby HTML built by
  string pasting;
* bare scan — one ``re.finditer`` pass with an annotation regex: the floor.

    python benchmarks/bench_pipeline.py [--megabytes 5] [--repeat 5] [--zipf]
"""

from __future__ import annotations

import argparse
import gc
import html
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.pagegen import page

from hanzi_annot import HtmlOptions, Validator, parse, to_html, to_plain

ANNOTATION_RE = re.compile(
    r"([\u4e00-\u9fff]+)[(\uff08]([a-zA-Z\u00c0-\u01dc\u0300-\u030c' ]+)[)\uff09]"
)


def build_corpus(megabytes: float, zipf: bool = False, first_seed: int = 10_000) -> list[str]:
    pages: list[str] = []
    size = 0
    seed = 0
    while size < megabytes * 1_000_000:
        text = page(first_seed + seed, zipf=zipf)
        pages.append(text)
        size += len(text.encode("utf-8"))
        seed += 1
    return pages


def naive(pages: Sequence[str]) -> list[str]:
    """The script a user would write without this library."""
    from pypinyin import Style, pinyin

    out = []
    for text in pages:
        parts = []
        last = 0
        for match in ANNOTATION_RE.finditer(text):
            word, written = match.group(1), match.group(2)
            readings = pinyin(word, style=Style.TONE, heteronym=True)
            ok = all(any(r in written for r in options) for options in readings)
            parts.append(html.escape(text[last : match.start()]))
            css = "" if ok else ' class="bad"'
            parts.append(f"<ruby{css}>{html.escape(word)}<rt>{html.escape(written)}</rt></ruby>")
            last = match.end()
        parts.append(html.escape(text[last:]))
        out.append("<p>" + "".join(parts) + "</p>")
    return out


def bare_scan(pages: Sequence[str]) -> int:
    return sum(1 for text in pages for _ in ANNOTATION_RE.finditer(text))


def median_time(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mb(run: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1_000_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--zipf",
        action="store_true",
        help="draw words with Zipf frequencies, as news text does (default: uniform, the "
        "worst case for caches)",
    )
    args = parser.parse_args()

    pages = build_corpus(args.megabytes, zipf=args.zipf)
    megabytes = sum(len(p.encode("utf-8")) for p in pages) / 1_000_000
    annotations = bare_scan(pages)
    distinct = len({m.group(0) for p in pages for m in ANNOTATION_RE.finditer(p)})
    print(
        f"corpus: {megabytes:.2f} MB, {len(pages)} pages, {annotations} annotations "
        f"({distinct} distinct), words {'Zipf' if args.zipf else 'uniform'}"
    )

    documents = [parse(p) for p in pages]
    validator = Validator()
    for document in documents:  # warm the per-character tables once, as a long run would
        validator.validate(document)
    char = HtmlOptions()
    word = HtmlOptions(ruby="word")

    def end_to_end() -> None:
        checker = Validator()
        for text in pages:
            document = parse(text)
            diagnostics = checker.validate(document)
            to_html(document, char, diagnostics=diagnostics)

    stages: list[tuple[str, Callable[[], Any]]] = [
        ("clean + parse", lambda: [parse(p) for p in pages]),
        ("validate", lambda: [v.validate(d) for v in [Validator()] for d in documents]),
        ("to_html (char ruby)", lambda: [to_html(d, char) for d in documents]),
        ("to_html (word ruby)", lambda: [to_html(d, word) for d in documents]),
        ("to_plain", lambda: [to_plain(d) for d in documents]),
        ("end to end", end_to_end),
        ("reference: naive script", lambda: naive(pages)),
        ("reference: bare re.finditer", lambda: bare_scan(pages)),
    ]
    rates: dict[str, float] = {}
    print(f"{'stage':32} {'MB/s':>9} {'seconds':>9} {'peak MB':>9}")
    for name, run in stages:
        seconds = median_time(run, args.repeat)
        rates[name] = megabytes / seconds
        print(f"{name:32} {rates[name]:9.2f} {seconds:9.3f} {peak_mb(run):9.1f}")
    e2e = rates["end to end"]
    print(f"end to end vs naive script: {e2e / rates['reference: naive script']:.2f}x faster")
    print(f"bare scan vs end to end:    {rates['reference: bare re.finditer'] / e2e:.1f}x faster")


if __name__ == "__main__":
    main()
