"""Per-stage CPU cost of a cold and a warm pass, per MB and per new distinct word.

Each run is a fresh process (``--one``): the import and the corpus are excluded, then
the same pages are parsed, validated and rendered (standalone page, per-character
ruby) stage by stage, twice. The first pass meets every distinct word for the first
time (*cold*), the second finds every cache filled (*warm*); the difference, divided
by the number of distinct annotated (hanzi, pinyin) pairs, is what one new word costs
in each stage. Figures are ``time.process_time`` seconds (steadier than wall time on a
shared machine), medians over ``--repeat`` processes.

    python benchmarks/bench_stages.py [--megabytes 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAGES = ("parse", "validate", "html")


def run_one(megabytes: float) -> dict[str, float]:
    """In this (fresh) process: two passes, each stage timed separately."""
    from benchmarks.bench_corpus import build_corpus

    from hanzi_annot import HtmlOptions, Validator, parse, to_html

    pages = build_corpus(megabytes)
    options = HtmlOptions()
    validator = Validator()
    figures: dict[str, float] = {}
    for name in ("cold", "warm"):
        start = time.process_time()
        documents = [parse(text) for text in pages]
        parsed = time.process_time()
        findings = [validator.validate(document) for document in documents]
        validated = time.process_time()
        for document, found in zip(documents, findings, strict=True):
            to_html(document, options, diagnostics=found)
        rendered = time.process_time()
        figures[f"{name} parse"] = parsed - start
        figures[f"{name} validate"] = validated - parsed
        figures[f"{name} html"] = rendered - validated
    words = {(a.hanzi, a.written) for d in documents for a in d.annotations}
    figures["distinct words"] = len(words)
    figures["megabytes"] = sum(len(text.encode("utf-8")) for text in pages) / 1_000_000
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.megabytes)))
        return
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--one", "--megabytes", str(args.megabytes)],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(out.stdout))
    f = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    size, words = f["megabytes"], f["distinct words"]
    print(f"{size:.2f} MB, {words:.0f} distinct annotated words; CPU s, median of {len(runs)}")
    print(f"{'stage':10} {'cold s/MB':>10} {'warm s/MB':>10} {'us per new word':>16}")
    for stage in (*STAGES, "all"):
        parts = STAGES if stage == "all" else (stage,)
        cold = sum(f[f"cold {p}"] for p in parts)
        warm = sum(f[f"warm {p}"] for p in parts)
        per_word = (cold - warm) / words * 1e6
        print(f"{stage:10} {cold / size:10.3f} {warm / size:10.3f} {per_word:16.1f}")


if __name__ == "__main__":
    main()
