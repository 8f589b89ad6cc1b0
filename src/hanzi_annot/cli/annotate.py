"""``hanzi-annot annotate``: add pinyin to the chosen words of plain text.

Reads inputs as the other commands do, runs :func:`hanzi_annot.annotate` on each, and
writes canonical markup (or ``--to`` plain text, HTML or the JSON model) to standard
output, ``-o FILE`` or one file per input under ``--out-dir``.
"""

from __future__ import annotations

import argparse
import enum
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from hanzi_annot.check.annotate import Annotator, Selection, WordList, as_selection
from hanzi_annot.cli.documents import add_output_options, load_readings, read_documents
from hanzi_annot.cli.inputs import STDIN, Input, UsageError
from hanzi_annot.diagnostics import HanziAnnotError
from hanzi_annot.formats.jsonio import to_json
from hanzi_annot.formats.markup import to_markup, to_plain
from hanzi_annot.html.write import HtmlOptions, HtmlRenderer
from hanzi_annot.model import Document


class Target(enum.Enum):
    """What ``annotate`` writes, with the file suffix it uses under ``--out-dir``."""

    MARKUP = "markup"
    PLAIN = "plain"
    HTML = "html"
    JSON = "json"

    @property
    def suffix(self) -> str:
        """The suffix of an output file of this kind."""
        return {"markup": ".txt", "plain": ".txt", "html": ".html", "json": ".json"}[self.value]


def _html(document: Document) -> str:
    html = HtmlRenderer(HtmlOptions()).render(document).html
    return html if html.endswith("\n") else html + "\n"


_WRITERS: dict[Target, Callable[[Document], str]] = {
    Target.MARKUP: to_markup,
    Target.PLAIN: to_plain,
    Target.HTML: _html,
    Target.JSON: lambda document: to_json(document) + "\n",
}


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``annotate`` to its subparser."""
    add_output_options(parser, ".txt")
    group = parser.add_argument_group("annotate")
    group.add_argument(
        "--select",
        default="all",
        metavar="WHICH",
        help="all (every word), polyphones, or hskN: words above HSK 3.0 level N "
        "(default: %(default)s)",
    )
    group.add_argument(
        "--words",
        metavar="FILE",
        help="annotate exactly the words listed in FILE, one a line (overrides --select)",
    )
    group.add_argument(
        "--never",
        metavar="WORDS",
        default="",
        help="comma-separated words never to annotate",
    )
    group.add_argument(
        "--first-only", action="store_true", help="annotate a word only where it first appears"
    )
    group.add_argument(
        "--to",
        choices=[target.value for target in Target],
        default="markup",
        help="output format (default: %(default)s)",
    )


def _selection(args: argparse.Namespace) -> Selection:
    if args.words is not None:
        try:
            text = Path(args.words).read_text(encoding="utf-8-sig")
        except OSError as error:
            raise UsageError(f"--words {args.words}: {error.strerror or error}") from None
        return WordList(frozenset(line.strip() for line in text.splitlines() if line.strip()))
    try:
        return as_selection(args.select)
    except ValueError as error:
        raise UsageError(f"--select: {error}") from None


def _targets(
    args: argparse.Namespace, inputs: Sequence[Input], target: Target
) -> list[Path | None]:
    if args.output not in (None, STDIN):
        if len(inputs) > 1:
            raise UsageError(f"-o takes one input, got {len(inputs)}; use --out-dir DIR")
        return [Path(args.output)]
    if args.out_dir is not None:
        return [Path(args.out_dir) / item.relative.with_suffix(target.suffix) for item in inputs]
    if len(inputs) > 1 and target in (Target.HTML, Target.JSON):
        raise UsageError(f"annotate --to {target.value} of several inputs needs --out-dir DIR")
    return [None] * len(inputs)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Annotate every input; return 0, or 2 if an input could not be read or written."""
    target = Target(args.to)
    annotator = Annotator(
        _selection(args),
        first_only=args.first_only,
        never=[word.strip() for word in args.never.split(",") if word.strip()],
        readings=load_readings(args.readings),
    )
    documents, status = read_documents(args, err)
    inputs = [item for item, _document in documents]
    for (item, document), path in zip(documents, _targets(args, inputs, target), strict=True):
        try:
            text = _WRITERS[target](annotator.annotate(document))
            if path is None:
                out.write(text)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        except (HanziAnnotError, ValueError, OSError) as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            err.write(f"{item.name}: {reason}\n")
            status = 2
    return status
