"""Profile one pass of the end-to-end corpus job (clean + parse + validate + HTML).

Prints the functions with the most cumulative and own time, so the next bottleneck is
visible; ``--warm`` profiles the second pass (caches filled) instead of the first.

    python benchmarks/profile_corpus.py [--megabytes 1] [--warm] [--limit 30]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_corpus import build_corpus, library_stages  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--stage", default="end to end")
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--limit", type=int, default=30)
    args = parser.parse_args()
    pages = build_corpus(args.megabytes)
    run = library_stages()[args.stage]
    if args.warm:
        run(pages)
    profiler = cProfile.Profile()
    profiler.runcall(run, pages)
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(args.limit)
    stats.sort_stats("cumulative").print_stats(args.limit)


if __name__ == "__main__":
    main()
