"""``hanzi-annot vocab``: the annotated words of all inputs as CSV or an Anki file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from hanzi_annot.check.hsk import hsk_levels
from hanzi_annot.cli.documents import read_documents
from hanzi_annot.cli.inputs import STDIN
from hanzi_annot.corpus.vocab import build_vocabulary, to_anki_tsv, to_csv


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``vocab`` to its subparser."""
    group = parser.add_argument_group("vocabulary")
    group.add_argument(
        "--format",
        choices=["csv", "anki"],
        default="csv",
        help="csv: counts and first occurrences; anki: word, pinyin, example (TSV)",
    )
    group.add_argument(
        "--no-hsk",
        action="store_true",
        help="leave the hsk column empty (default: levels from the shipped HSK 3.0 list)",
    )
    group.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Build one list over every input; return the exit status."""
    documents, status = read_documents(args, err)
    levels = {} if args.no_hsk else hsk_levels()
    entries = build_vocabulary((document for _item, document in documents), hsk_levels=levels)
    text = to_anki_tsv(entries) if args.format == "anki" else to_csv(entries)
    if args.output in (None, STDIN):
        out.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return status
