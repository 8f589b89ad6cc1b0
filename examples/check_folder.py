"""Check every article in a folder and print a report with a line per file.

    python examples/check_folder.py news/ [--glob '*.txt']

Exits 1 if any annotation is wrong (an error), like ``hanzi-annot check --fail-on
error news/``. One :class:`~hanzi_annot.Validator` serves every file, so annotations the
articles share are checked once.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import hanzi_annot


def check_folder(folder: Path, pattern: str = "*.txt") -> Counter[str]:
    """Print each file's problems and return the count of each severity over all files."""
    validator = hanzi_annot.Validator()
    totals: Counter[str] = Counter()
    for path in sorted(folder.rglob(pattern)):
        document = hanzi_annot.parse(path)
        found = validator.validate(document)
        for diagnostic in found:
            print(diagnostic)
        counts = Counter(str(d.severity) for d in found)
        totals.update(counts)
        summary = ", ".join(f"{n} {level}" for level, n in sorted(counts.items())) or "clean"
        print(f"# {path}: {sum(1 for _ in document.annotations)} annotations, {summary}")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--glob", default="*.txt")
    args = parser.parse_args(argv)
    totals = check_folder(args.folder, args.glob)
    return 1 if totals["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
