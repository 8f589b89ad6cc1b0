"""``main``: turn the command line into settings, run the subcommand, report.

Results go to standard output in input order whatever ``--jobs`` says; progress,
summaries and errors go to standard error. Exit status: 0 done and clean, 1 ``check``
found problems at ``--fail-on`` or above (or ``fix --diff`` would change something),
2 a usage error or an input that could not be read or written, 130 interrupted.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Final, TextIO

from hanzi_annot.cli.check import run_check
from hanzi_annot.cli.fix import run_fix
from hanzi_annot.cli.inputs import UsageError
from hanzi_annot.cli.parser import BY_NAME, PROG, Kind, parse_arguments
from hanzi_annot.cli.progress import Progress
from hanzi_annot.cli.settings import Settings, make_settings
from hanzi_annot.cli.write import run_write
from hanzi_annot.diagnostics import Code

__all__ = ["Progress", "list_codes", "main"]

#: What runs each kind of subcommand.
RUNNERS: Final[Mapping[Kind, Callable[[Settings, TextIO, TextIO], int]]] = {
    Kind.REPORT: run_check,
    Kind.WRITE: run_write,
    Kind.FIX: run_fix,
}


class _StdinBytes:
    """Standard input as bytes, read only if ``-`` is named.

    ``main`` may be called from Python with ``sys.stdin`` replaced by a text stream that
    has no ``buffer`` (or set to ``None``); then its text is encoded as UTF-8.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    def read(self) -> bytes:
        """Return all of standard input as bytes."""
        if self.stream is None:
            return b""
        buffer = getattr(self.stream, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read()
            return data
        return self.stream.read().encode("utf-8")


def list_codes(out: TextIO) -> None:
    """Print every diagnostic code with its default severity and summary."""
    for code in Code:
        out.write(f"{code.code}  {code.default_severity!s:<7}  {code.summary}\n")


def _utf8(stream: TextIO) -> TextIO:
    """Make ``stream`` write UTF-8 if its locale encoding cannot carry hanzi."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8", "utf-16", "utf-32", "gb18030") and isinstance(
        stream, io.TextIOWrapper
    ):
        stream.reconfigure(encoding="utf-8")
    return stream


def _run(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    args = parse_arguments(argv)
    command = BY_NAME[args.command]
    if command.kind is Kind.LIST:
        list_codes(out)
        return 0
    if command.run is not None:
        try:
            return command.run(args, out, err)
        except UsageError as error:
            error.prog = error.prog or f"{PROG} {command.name}"
            raise
    try:
        settings = make_settings(args, command, _StdinBytes(sys.stdin))
    except UsageError as error:
        error.prog = error.prog or f"{PROG} {command.name}"
        raise
    return RUNNERS[command.kind](settings, out, err)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``hanzi-annot`` with ``argv`` (default: the process's arguments).

    Returns the exit status (see the module's documentation); every problem is
    reported on standard error, never as a traceback.
    """
    out, err = _utf8(sys.stdout), _utf8(sys.stderr)
    try:
        return _run(argv, out, err)
    except UsageError as error:
        err.write(f"{error.prog or PROG}: error: {error}\n")
        return 2
    except SystemExit as leave:  # --help and --version
        return leave.code if isinstance(leave.code, int) else 0
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (``hanzi-annot plain dir | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as error:  # a user never sees a traceback
        err.write(f"{PROG}: error: internal error ({type(error).__name__}: {error})\n")
        return 2
