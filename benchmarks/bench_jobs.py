"""How ``hanzi-annot render -j N`` scales, and where the parent's time goes (run by hand).

Writes the corpus of ``bench_corpus.py`` (distinct generated pages, Zipf-distributed
words) as one file per page, then times ``hanzi-annot render -j N --out-dir DIR`` for
each N, in a fresh process each run (the import included, as a user meets it). Besides
wall time it reports the CPU seconds of the parent process alone and of its workers,
because on a machine with as many cores as workers every CPU second the parent spends
is taken from a worker.

    python benchmarks/bench_jobs.py [--megabytes 6] [--jobs 1 --jobs 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Run in the child: the command line, then its own and its workers' CPU seconds.
_CHILD = """
import json, resource, sys, time
from hanzi_annot.cli import main
start = time.perf_counter()
status = main(sys.argv[1:])
wall = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"status": status, "wall": wall,
                  "parent": me.ru_utime + me.ru_stime,
                  "workers": workers.ru_utime + workers.ru_stime}), file=sys.stderr)
"""


def write_corpus(megabytes: float, folder: Path) -> int:
    """Write the benchmark's pages into ``folder``; return their UTF-8 size in bytes."""
    from benchmarks.bench_corpus import build_corpus

    size = 0
    for number, page in enumerate(build_corpus(megabytes)):
        (folder / f"page{number:05d}.txt").write_text(page, encoding="utf-8")
        size += len(page.encode("utf-8"))
    return size


def run(folder: Path, out: Path, jobs: int) -> dict[str, float]:
    """Render every page of ``folder`` into ``out`` with ``jobs`` processes; return timings."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-c", _CHILD, "render", "-j", str(jobs), "--out-dir", str(out)]
    done = subprocess.run([*command, str(folder)], capture_output=True, text=True, check=False)
    timings: dict[str, float] = json.loads(done.stderr.strip().splitlines()[-1])
    if timings["status"] not in (0, 1):  # 1: findings were reported, which is fine here
        raise SystemExit(f"render -j {jobs} failed:\n{done.stderr}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=6.0)
    parser.add_argument("--jobs", type=int, action="append", help="repeatable (default 1, 2)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder, out = Path(temporary, "pages"), Path(temporary, "html")
        folder.mkdir()
        size = write_corpus(args.megabytes, folder)
        files = len(list(folder.iterdir()))
        print(f"{files} pages, {size / 1e6:.2f} MB; medians of {args.repeat} runs")
        header = ("jobs", "wall s", "MB/s", "speed-up", "parent s", "workers s")
        print("{:>4} {:>7} {:>6} {:>8} {:>8} {:>9}".format(*header))
        first: float | None = None
        for jobs in args.jobs or [1, 2]:
            runs = [run(folder, out, jobs) for _ in range(args.repeat)]
            wall = statistics.median(r["wall"] for r in runs)
            parent = statistics.median(r["parent"] for r in runs)
            workers = statistics.median(r["workers"] for r in runs)
            first = first or wall
            print(
                f"{jobs:>4} {wall:>7.2f} {size / 1e6 / wall:>6.2f} {first / wall:>7.2f}x "
                f"{parent:>8.2f} {workers:>9.2f}"
            )


if __name__ == "__main__":
    main()
