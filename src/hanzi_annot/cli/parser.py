"""The command line's grammar: subcommands, their options, and checks of option values.

Every mistake argparse finds is raised as :class:`~hanzi_annot.cli.inputs.UsageError`
instead of printing the usage block and exiting, so ``main`` reports it in one line.
"""

from __future__ import annotations

import argparse
import codecs
from collections.abc import Iterable
from typing import NoReturn

from hanzi_annot.cli import epub, ssml, vocab
from hanzi_annot.cli.annotate import add_options as add_annotate_options
from hanzi_annot.cli.inputs import UsageError
from hanzi_annot.cli.work import Command
from hanzi_annot.corpus.pipeline import InputFormat
from hanzi_annot.diagnostics import Code, Severity
from hanzi_annot.html.write import Notation, RubyMode

from .. import __version__

_LEVELS = [str(level) for level in Severity]


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises :class:`UsageError` instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)", prog=self.prog)


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (all cores) or more, got {number}")
    return number


def _encoding(value: str) -> str:
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None


def _glob(value: str) -> str:
    if not value or "/" in value or "\\" in value:
        raise argparse.ArgumentTypeError(
            f"expected a file name pattern such as '*.txt', got {value!r}"
        )
    return value


def parse_codes(values: Iterable[str], option: str) -> frozenset[Code]:
    """Expand ``HA201,HA3``-style lists: a full code, or a prefix naming a family.

    >>> sorted(c.code for c in parse_codes(["HA30"], "--select"))[:2]
    ['HA301', 'HA302']
    """
    codes: set[Code] = set()
    for value in values:
        for part in value.split(","):
            prefix = part.strip().upper()
            if not prefix:
                continue
            found = {code for code in Code if code.code.startswith(prefix)}
            if not prefix.startswith("HA") or not found:
                raise UsageError(
                    f"{option}: {part.strip()!r} is no diagnostic code or family "
                    f"(list them with: hanzi-annot codes)"
                )
            codes |= found
    return frozenset(codes)


def _input_options() -> _Parser:
    common = _Parser(add_help=False)
    group = common.add_argument_group("input")
    group.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE",
        help="files or directories to read (directories recursively); - reads standard input",
    )
    group.add_argument(
        "--glob",
        type=_glob,
        default="*.txt",
        metavar="PATTERN",
        help="which files to read inside directories (default: %(default)s)",
    )
    group.add_argument(
        "--encoding",
        type=_encoding,
        metavar="NAME",
        help="encoding of text inputs, such as gb18030 (default: UTF-8, BOM allowed)",
    )
    group.add_argument(
        "--from",
        dest="input_format",
        choices=[kind.value for kind in InputFormat],
        default="auto",
        help="input format; auto reads .html/.htm as HTML and .json as the JSON model",
    )
    group.add_argument(
        "--no-clean",
        dest="clean",
        action="store_false",
        help="keep every line as written (no removal of title copies and site furniture)",
    )
    group.add_argument(
        "--readings",
        metavar="JSON",
        help='custom dictionary: {"chars": {...}, "phrases": {...}} (see the user guide)',
    )
    group.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="process inputs in N worker processes; 0 uses every core (default: 1)",
    )
    return common


def _validation_options() -> _Parser:
    common = _Parser(add_help=False)
    group = common.add_argument_group("diagnostics")
    group.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help="report only these codes or families, comma-separated (HA201,HA3)",
    )
    group.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="never report these codes or families, comma-separated",
    )
    group.add_argument(
        "--min-severity",
        choices=_LEVELS,
        default="info",
        help="hide diagnostics below this severity (default: %(default)s)",
    )
    group.add_argument(
        "--no-context",
        dest="context",
        action="store_false",
        help="skip the in-word and in-sentence checks (HA203, HA210)",
    )
    return common


def _output_options(suffix: str, *, in_place: bool = False) -> _Parser:
    common = _Parser(add_help=False)
    group = common.add_argument_group("output")
    where = group.add_mutually_exclusive_group()
    where.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (one input only); - is standard output, the default",
    )
    where.add_argument(
        "--out-dir",
        metavar="DIR",
        help=f"write one {suffix} file per input into DIR, keeping directory layout",
    )
    if in_place:
        where.add_argument(
            "--in-place",
            action="store_true",
            help="rewrite changed inputs, keeping the original beside it (see --backup-suffix)",
        )
        group.add_argument(
            "--backup-suffix",
            default=".bak",
            metavar="SUFFIX",
            help="with --in-place, the original is kept as FILE+SUFFIX (default: %(default)s)",
        )
    return common


def _html_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("HTML")
    group.add_argument(
        "--fragment", action="store_true", help="write only the <article>, not a whole page"
    )
    group.add_argument(
        "--ruby",
        choices=[mode.value for mode in RubyMode],
        default="char",
        help="one <rt> per character or per word (default: %(default)s)",
    )
    group.add_argument(
        "--notation",
        choices=[kind.value for kind in Notation],
        default="marks",
        help="tone marks, tone numbers or zhuyin (default: %(default)s)",
    )
    group.add_argument("--no-rp", action="store_true", help="leave out the <rp> parentheses")
    group.add_argument("--tone-colors", action="store_true", help="colour syllables by tone")
    group.add_argument("--title", metavar="TEXT", help="the page <title> (default: the title)")
    group.add_argument(
        "--source-label", metavar="TEXT", help="text before the source in the footer"
    )
    group.add_argument("--css", metavar="FILE", help="CSS file appended to the page's styles")
    group.add_argument(
        "--flag",
        action="store_true",
        help="validate, and highlight annotations with diagnostics (editor view)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the ``hanzi-annot`` parser with every subcommand."""
    parser = _Parser(
        prog="hanzi-annot",
        description="Check, render and convert Chinese text annotated with inline pinyin.",
        epilog="Exit status: 0 done and clean, 1 check found problems, 2 usage or I/O error.",
    )
    parser.add_argument("--version", action="version", version=f"hanzi-annot {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    inputs, checks = _input_options(), _validation_options()

    check = commands.add_parser(
        "check", parents=[inputs, checks], help="report diagnostics (exit 1 if problems)"
    )
    check.add_argument(
        "--format", choices=["text", "json"], default="text", help="report format (default: text)"
    )
    check.add_argument(
        "--fail-on",
        choices=_LEVELS,
        default="warning",
        help="exit 1 when a diagnostic at least this severe is reported (default: %(default)s)",
    )

    render = commands.add_parser(
        "render", parents=[inputs, checks, _output_options(".html")], help="write HTML ruby"
    )
    _html_options(render)
    commands.add_parser("plain", parents=[inputs, _output_options(".txt")], help="write plain text")
    commands.add_parser(
        "markup",
        parents=[inputs, _output_options(".txt")],
        help="write cleaned, canonical inline markup",
    )
    commands.add_parser(
        "json", parents=[inputs, _output_options(".json")], help="write the document model as JSON"
    )
    commands.add_parser(
        "fix",
        parents=[inputs, checks, _output_options(".txt", in_place=True)],
        help="apply unambiguous fixes and list them",
    )
    annotate = commands.add_parser(
        "annotate", parents=[inputs, _output_options(".txt")], help="add pinyin to plain text"
    )
    add_annotate_options(annotate)
    commands.add_parser("codes", help="list every diagnostic code")
    for writer in (ssml, epub, vocab):  # self-contained writers: they set args.run
        writer.register(commands, [inputs])
    return parser


#: The file suffix each writing command gives its outputs under --out-dir.
SUFFIXES = {
    Command.RENDER: ".html",
    Command.PLAIN: ".txt",
    Command.MARKUP: ".txt",
    Command.JSON: ".json",
    Command.FIX: ".txt",
}
