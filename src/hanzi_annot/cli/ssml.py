"""``hanzi-annot ssml``: speech markup (or a tone3 reading list) for each input."""

from __future__ import annotations

import argparse
from typing import TextIO

from hanzi_annot.cli.documents import add_output_options, read_documents, write_results
from hanzi_annot.formats.readings_list import to_reading_list
from hanzi_annot.formats.ssml import Alphabet, to_ssml


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``ssml`` to its subparser."""
    group = parser.add_argument_group("speech")
    group.add_argument(
        "--alphabet",
        choices=[alphabet.value for alphabet in Alphabet],
        default=Alphabet.POLLY.value,
        help="x-amazon-pinyin for Amazon Polly, sapi for Azure (default: %(default)s)",
    )
    group.add_argument("--voice", metavar="NAME", help="wrap the text in <voice name=NAME>")
    group.add_argument(
        "--no-sandhi", action="store_true", help="keep the tones of 一 and 不 as written"
    )
    group.add_argument(
        "--tone3",
        action="store_true",
        help="write a per-character reading list (char, tone3, source) instead of SSML",
    )
    add_output_options(parser, ".ssml")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write SSML or the reading list for every input; return the exit status."""
    documents, status = read_documents(args, err)
    results = []
    for item, document in documents:
        if args.tone3:
            text = to_reading_list(document, sandhi=not args.no_sandhi)
        else:
            ssml = to_ssml(document, args.alphabet, voice=args.voice, sandhi=not args.no_sandhi)
            text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ssml + "\n"
        results.append((item, text))
    write_results(args, results, ".tsv" if args.tone3 else ".ssml", out)
    return status
