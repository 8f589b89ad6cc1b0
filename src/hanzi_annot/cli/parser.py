"""The command line's grammar: the table of subcommands, their options, value checks.

Every mistake argparse finds is raised as :class:`~hanzi_annot.cli.inputs.UsageError`
naming the subcommand, so ``main`` reports it in one line that points at that
subcommand's ``--help``. Options default to ``None`` so that a value from the
configuration file can fill what the command line leaves out.

A subcommand is one row of :data:`COMMANDS`: its name, help, kind of work, the output
it writes (a row of :data:`~hanzi_annot.corpus.outputs.WRITERS`) and its option groups.
"""

from __future__ import annotations

import argparse
import codecs
import enum
from collections.abc import Callable, Sequence
from typing import Any, Final, NoReturn, TextIO

import attrs

from hanzi_annot.cli import annotate, epub, ssml, vocab
from hanzi_annot.cli.inputs import UsageError
from hanzi_annot.corpus.outputs import Output
from hanzi_annot.corpus.pipeline import InputFormat
from hanzi_annot.diagnostics import Severity
from hanzi_annot.html.write import Notation, RubyMode

from .. import __version__

PROG: Final = "hanzi-annot"

_LEVELS = [str(level) for level in Severity]

#: Report formats of ``check``; ``full`` (grouped by file) is the default.
FORMATS: Final = ("full", "concise", "json", "jsonl", "github", "sarif")


class Kind(enum.Enum):
    """What a subcommand does with its inputs."""

    REPORT = "report"  # report diagnostics (check)
    WRITE = "write"  # write one output per input (render, plain, markup, json)
    FIX = "fix"  # rewrite inputs with their machine fixes
    LIST = "list"  # needs no inputs (codes)
    STANDALONE = "standalone"  # reads every input itself (annotate, ssml, epub, vocab)


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


def check_encoding(value: str) -> str:
    """Return the codec name of an encoding label (``ArgumentTypeError`` if unknown)."""
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None


def check_glob(value: str) -> str:
    """Accept a file name pattern; a pattern with a folder part is refused."""
    if not value or "/" in value or "\\" in value:
        raise argparse.ArgumentTypeError(
            f"expected a file name pattern such as '*.txt', got {value!r}"
        )
    return value


def _backup_suffix(value: str) -> str:
    if not value:
        raise argparse.ArgumentTypeError(
            "cannot be empty: the original would be lost (use --no-backup to keep none)"
        )
    if "/" in value or "\\" in value or "\x00" in value:
        raise argparse.ArgumentTypeError(
            f"a backup suffix ends a file name and cannot hold '/', got {value!r}"
        )
    return value


Adder = Callable[[argparse.ArgumentParser], None]

#: What runs a :attr:`Kind.STANDALONE` subcommand: (arguments, stdout, stderr) → status.
Runner = Callable[[argparse.Namespace, TextIO, TextIO], int]


def _read_inputs(parser: argparse.ArgumentParser) -> None:
    """Add the options that say which inputs to read and how (every reading command)."""
    _input_group(parser)


def _input_group(parser: argparse.ArgumentParser) -> Any:
    group = parser.add_argument_group("input")
    group.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE",
        help="files or directories to read (directories recursively); - reads standard input",
    )
    group.add_argument(
        "--glob",
        type=check_glob,
        action="append",
        metavar="PATTERN",
        help="which files to read inside directories; repeatable "
        "(default: *.txt, *.html and *.htm)",
    )
    group.add_argument(
        "--encoding",
        type=check_encoding,
        metavar="NAME",
        help="encoding of text inputs, such as gb18030 (default: UTF-8, BOM allowed)",
    )
    group.add_argument(
        "--from",
        "--input-format",  # the name of the option in the API (PipelineOptions)
        dest="input_format",
        choices=[kind.value for kind in InputFormat],
        default="auto",
        help=(
            "input format; auto reads .html/.htm as HTML, .json as the JSON model and "
            ".md/.markdown as Markdown"
        ),
    )
    group.add_argument(
        "--no-clean",
        dest="clean",
        action="store_false",
        help="keep every line as written (no removal of title copies and site furniture)",
    )
    group.add_argument(
        "--readings",
        metavar="FILE",
        help='custom dictionary: {"chars": {...}, "phrases": {...}} (see the user guide)',
    )
    return group


def _inputs(parser: argparse.ArgumentParser) -> None:
    """Add the reading options, workers and the configuration file (pipeline commands)."""
    group = _input_group(parser)
    group.add_argument(
        "-j",
        "--jobs",
        "--workers",  # the name of the option in the API (run_pipeline)
        type=_jobs,
        metavar="N",
        help="process inputs in N worker processes; 0 uses every core (default: 1)",
    )
    group.add_argument(
        "--config",
        metavar="FILE",
        help="read settings from this file instead of the nearest pyproject.toml",
    )
    group.add_argument("--isolated", action="store_true", help="ignore every configuration file")


def _checks(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("diagnostics")
    group.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="report only these codes or families, comma-separated (HA201,HA3)",
    )
    group.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="never report these codes or families, comma-separated (adds to the config's)",
    )
    group.add_argument(
        "--min-severity",
        choices=_LEVELS,
        help="hide diagnostics below this severity (default: info)",
    )
    group.add_argument(
        "--no-context",
        dest="context",
        action="store_false",
        help="skip the in-word and in-sentence checks (HA203, HA210)",
    )


def _report(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("report")
    group.add_argument(
        "--format",
        choices=[*FORMATS, "text"],
        help="report format (default: full, grouped by file; 'text' is concise)",
    )
    group.add_argument(
        "--fail-on",
        choices=_LEVELS,
        help="exit 1 when a diagnostic at least this severe is reported (default: warning)",
    )
    group.add_argument(
        "--statistics", action="store_true", help="show a count per code instead of each finding"
    )
    group.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only, no summary line"
    )
    group.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the output (auto: on a terminal unless NO_COLOR; FORCE_COLOR forces it)",
    )


def _outputs(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("output")
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
        help="write one file per input into DIR, keeping the directory layout",
    )
    group.add_argument(
        "--no-header",
        action="store_true",
        help="several inputs on standard output: no '==> name <==' line before each",
    )


def _suffix(parser: argparse.ArgumentParser) -> None:
    # Join the "output" group _outputs made, so --help shows one such heading.
    groups = [group for group in parser._action_groups if group.title == "output"]
    (groups[0] if groups else parser.add_argument_group("output")).add_argument(
        "--suffix",
        metavar="SUFFIX",
        help="file name ending under --out-dir (default: the format's, e.g. .markup.txt)",
    )


def _fix(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("fix")
    group.add_argument(
        "--in-place",
        action="store_true",
        help="rewrite changed inputs safely, keeping the original (see --backup-suffix)",
    )
    group.add_argument(
        "--backup-suffix",
        type=_backup_suffix,
        default=".bak",
        metavar="SUFFIX",
        help="with --in-place, the original is kept as FILE+SUFFIX; an existing backup "
        "is never replaced (FILE+SUFFIX.1 is used) (default: %(default)s)",
    )
    group.add_argument(
        "--no-backup",
        action="store_true",
        help="with --in-place, keep no backup (for files under version control)",
    )
    group.add_argument(
        "--diff", action="store_true", help="print a unified diff of the fixes; change nothing"
    )
    group.add_argument(
        "-q", "--quiet", action="store_true", help="do not list the fixes, only problems"
    )


def _html(parser: argparse.ArgumentParser) -> None:
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
    group.add_argument(
        "--hsk-levels",
        action="store_true",
        help="mark each annotated word with its HSK 3.0 level, so the page can hide the "
        "pinyin of easier words",
    )
    group.add_argument(
        "--tone-colors",
        "--tone-classes",  # HtmlOptions.tone_classes
        action="store_true",
        help="colour syllables by tone",
    )
    group.add_argument(
        "--title",
        "--page-title",  # HtmlOptions.page_title
        metavar="TEXT",
        help="the page <title> (default: the title)",
    )
    group.add_argument(
        "--source-label", metavar="TEXT", help="text before the source in the footer"
    )
    group.add_argument("--css", metavar="FILE", help="CSS file appended to the page's styles")
    group.add_argument(
        "--flag",
        action="store_true",
        help="validate, and highlight annotations with diagnostics (editor view)",
    )


@attrs.frozen
class Subcommand:
    """One row of the command table: a subcommand and everything that defines it."""

    name: str
    help: str
    kind: Kind
    output: Output | None = None
    options: tuple[Adder, ...] = ()
    run: Runner | None = None


#: Every subcommand. A new one that writes a format is one row here and one in
#: :data:`~hanzi_annot.corpus.outputs.WRITERS`.
COMMANDS: Final = (
    Subcommand(
        "check", "report diagnostics (exit 1 if problems)", Kind.REPORT, None,
        (_inputs, _checks, _report),
    ),
    Subcommand(
        "render", "write HTML ruby", Kind.WRITE, Output.HTML,
        (_inputs, _checks, _outputs, _suffix, _html),
    ),
    Subcommand(
        "plain", "write plain text", Kind.WRITE, Output.PLAIN, (_inputs, _outputs, _suffix)
    ),
    Subcommand(
        "markup", "write cleaned, canonical inline markup", Kind.WRITE, Output.MARKUP,
        (_inputs, _outputs, _suffix),
    ),
    Subcommand(
        "json", "write the document model as JSON (JSON Lines for several inputs)",
        Kind.WRITE, Output.JSON, (_inputs, _outputs, _suffix),
    ),
    Subcommand(
        "fix", "apply the machine fixes check offers, and list them", Kind.FIX, None,
        (_inputs, _checks, _outputs, _fix),
    ),
    Subcommand(
        "annotate", "add pinyin to the chosen words of plain text", Kind.STANDALONE, None,
        (_read_inputs, annotate.add_options), annotate.run,
    ),
    Subcommand(
        "ssml", "write SSML for speech engines, annotations as <phoneme> (or a tone3 list)",
        Kind.STANDALONE, None, (_read_inputs, ssml.add_options), ssml.run,
    ),
    Subcommand(
        "epub", "write all inputs as one EPUB 3 book, a chapter each", Kind.STANDALONE, None,
        (_read_inputs, epub.add_options), epub.run,
    ),
    Subcommand(
        "vocab", "list every annotated word of all inputs (CSV, or TSV for Anki)",
        Kind.STANDALONE, None, (_read_inputs, vocab.add_options), vocab.run,
    ),
    Subcommand("codes", "list every diagnostic code", Kind.LIST),
)  # fmt: skip

#: Subcommands by name.
BY_NAME: Final = {command.name: command for command in COMMANDS}


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """Build the ``hanzi-annot`` parser; also return each subcommand's own parser."""
    parser = _Parser(
        prog=PROG,
        description="Check, render and convert Chinese text annotated with inline pinyin.",
        epilog="Exit status: 0 done and clean; 1 check found problems (or fix --diff "
        "would change something); 2 a usage error, or an input that could not be read.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    subparsers: dict[str, argparse.ArgumentParser] = {}
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        for add in command.options:
            add(sub)
        subparsers[command.name] = sub
    return parser, subparsers


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse ``argv``; a stray option is blamed on the subcommand it was given to."""
    parser, subparsers = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        subparsers[args.command].error(f"unrecognized arguments: {' '.join(extras)}")
    return args
