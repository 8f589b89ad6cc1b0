"""Peak memory of streaming a JSONL corpus through the pipeline (run by hand).

Generates corpora of the given sizes (``tests/pagegen.py``), then streams each through
``run_pipeline`` in a fresh process that renders HTML and plain text for every page and
keeps nothing, and reports the process's peak resident memory (ru_maxrss) and its
throughput. Flat memory means the peak does not grow with the corpus.

    python benchmarks/bench_stream.py [--sizes 10 100] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
from hanzi_annot.corpus.pipeline import PipelineOptions, run_pipeline
path, workers = sys.argv[1], int(sys.argv[2])
options = PipelineOptions(outputs=["html", "plain"])
start = time.perf_counter()
pages = annotations = 0
for result in run_pipeline(path, options, workers=workers):
    pages += 1
    annotations += len(result.document.annotations) if result.document else 0
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"pages": pages, "annotations": annotations, "seconds": seconds,
                  "peak_mb": own, "worker_peak_mb": children}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="+", default=[10.0, 100.0])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.pagegen import write_corpus_bytes

    with tempfile.TemporaryDirectory() as folder:
        for megabytes in args.sizes:
            corpus = Path(folder) / f"corpus-{megabytes:g}mb.jsonl"
            started = time.perf_counter()
            count = write_corpus_bytes(corpus, megabytes)
            seconds = time.perf_counter() - started
            print(f"generated {megabytes:g} MB ({count} pages) in {seconds:.0f} s")
            output = subprocess.run(
                [sys.executable, "-c", CHILD, str(corpus), str(args.workers)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            figures = json.loads(output)
            size = corpus.stat().st_size / 1_000_000
            print(
                f"{size:7.1f} MB  {figures['pages']:6d} pages  "
                f"{size / figures['seconds']:5.2f} MB/s  peak RSS {figures['peak_mb']:6.1f} MB"
                + (
                    f"  (workers' peak {figures['worker_peak_mb']:.1f} MB)"
                    if args.workers > 1
                    else ""
                )
            )


if __name__ == "__main__":
    main()
