"""Check every article in a folder and print a report with a line per file.

    python examples/check_folder.py news/ [--glob '*.txt'] [--jobs 2]

Exits 1 if any annotation is wrong (an error), like ``hanzi-annot check --fail-on
error news/``, and 2 if a file could not be read. The folder is walked and processed by
the library's corpus pipeline, the same one the command uses: one validator serves
every file, so annotations the articles share are checked once.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from hanzi_annot import PipelineOptions, run_pipeline
from hanzi_annot.corpus.pipeline import iter_tree
from hanzi_annot.corpus.selection import Selection, expand_codes
from hanzi_annot.corpus.walk import DEFAULT_PATTERNS

#: Report the annotations' validation only (HA2xx), not the page cleaning notes.
VALIDATION = PipelineOptions(selection=Selection(select=expand_codes(["HA2"])))


def check_folder(
    folder: Path, patterns: tuple[str, ...] = DEFAULT_PATTERNS, jobs: int = 1
) -> Counter[str]:
    """Print each file's problems and return the count of each severity over all files."""
    totals: Counter[str] = Counter()
    inputs = iter_tree(folder, patterns=patterns)
    for result in run_pipeline(inputs, VALIDATION, workers=jobs):
        if result.error is not None:
            print(f"# {result.name}: {result.error}")
            totals["unreadable"] += 1
            continue
        for diagnostic in result.diagnostics:
            print(diagnostic)
        counts = Counter(str(d.severity) for d in result.diagnostics)
        totals.update(counts)
        summary = ", ".join(f"{n} {level}" for level, n in sorted(counts.items())) or "clean"
        assert result.document is not None
        annotations = len(result.document.annotations)
        print(f"# {result.name}: {annotations} annotations, {summary}")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--glob", action="append", help="file name pattern (repeatable)")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    totals = check_folder(args.folder, tuple(args.glob or DEFAULT_PATTERNS), args.jobs)
    if totals["unreadable"]:
        return 2
    return 1 if totals["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
