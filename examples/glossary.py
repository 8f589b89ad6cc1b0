"""Build a CSV glossary of the annotated words in some articles, most frequent first.

    python examples/glossary.py news/ > glossary.csv

A thin wrapper over :mod:`hanzi_annot.corpus.vocab`; ``hanzi-annot vocab`` writes the
full list (first occurrence, example sentence, an Anki file). Columns here: ``hanzi``,
``pinyin`` (canonical, tone marks), ``count`` (how often the word is annotated so),
``articles`` (in how many files). The same word annotated two ways gets two rows, which
is how inconsistent annotations show up.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import hanzi_annot
from hanzi_annot.corpus.vocab import build_vocabulary


def glossary_rows(paths: Iterable[Path]) -> list[tuple[str, str, int, int]]:
    """``(hanzi, pinyin, count, articles)`` for every annotated word, by count then hanzi."""
    entries = build_vocabulary(hanzi_annot.load(path) for path in paths)
    return [(e.hanzi, e.pinyin, e.count, e.articles) for e in entries]


def write_glossary(rows: Iterable[tuple[str, str, int, int]], out: TextIO) -> None:
    """Write the rows as CSV with a header line."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["hanzi", "pinyin", "count", "articles"])
    writer.writerows(rows)


def _inputs(names: Iterable[Path], pattern: str) -> list[Path]:
    found: list[Path] = []
    for name in names:
        found.extend(sorted(name.rglob(pattern)) if name.is_dir() else [name])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="files or folders")
    parser.add_argument("--glob", default="*.txt")
    parser.add_argument("-o", "--output", type=Path, help="CSV file (default: stdout)")
    args = parser.parse_args(argv)
    rows = glossary_rows(_inputs(args.inputs, args.glob))
    if args.output is None:
        write_glossary(rows, sys.stdout)
    else:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            write_glossary(rows, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
