"""``hanzi-annot epub``: one or more articles (or a folder of them) as one EPUB 3 book."""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path
from typing import TextIO

from hanzi_annot.cli.documents import PROG, read_documents
from hanzi_annot.cli.inputs import UsageError
from hanzi_annot.html.epub import EpubOptions, to_epub
from hanzi_annot.html.write import HtmlOptions, HtmlRenderWarning, RubyMode


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``epub`` to its subparser."""
    group = parser.add_argument_group("book")
    group.add_argument("-o", "--output", required=True, metavar="FILE", help="the .epub to write")
    group.add_argument("--title", metavar="TEXT", help="the book's title")
    group.add_argument("--creator", metavar="TEXT", help="the book's author or publisher")
    group.add_argument(
        "--ruby",
        choices=[mode.value for mode in RubyMode],
        default="char",
        help="one <rt> per character or per word (default: %(default)s)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read every input and write the book; return the exit status."""
    documents, status = read_documents(args, err)
    if not documents:
        raise UsageError("no article could be read; nothing to put in the book")
    options = EpubOptions(
        title=args.title,
        creator=args.creator,
        html=HtmlOptions(standalone=False, ruby=RubyMode(args.ruby)),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", HtmlRenderWarning)
        book = to_epub([document for _item, document in documents], options)
    for warning in caught:
        err.write(f"{PROG}: warning: {warning.message}\n")
    try:
        Path(args.output).write_bytes(book)
    except OSError as error:
        err.write(f"{PROG}: error: cannot write {args.output}: {error.strerror or error}\n")
        return 2
    err.write(f"{PROG}: {len(documents)} article(s) written to {args.output}\n")
    return status
