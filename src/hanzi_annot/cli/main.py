"""``main``: turn the command line into settings, run every input, write and report.

Outputs are written here, in input order, whatever ``--jobs`` says; progress and the
summary go to standard error so standard output carries only results.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

import attrs

from hanzi_annot.cli.annotate import run as run_annotate
from hanzi_annot.cli.inputs import STDIN, Input, UsageError, collect_inputs
from hanzi_annot.cli.parser import SUFFIXES, build_parser, parse_codes
from hanzi_annot.cli.work import Command, Outcome, Settings, load_readings, process, reset_caches
from hanzi_annot.corpus.parallel import map_ordered
from hanzi_annot.corpus.pipeline import InputFormat
from hanzi_annot.diagnostics import Code, Severity
from hanzi_annot.html.write import HtmlOptions, Notation, RubyMode

#: Program name in messages.
PROG = "hanzi-annot"


@attrs.frozen
class Plan:
    """A checked command line: what to do, to which inputs, and where each result goes.

    ``targets`` has one entry per input: a file to write, or ``None`` for standard
    output (always ``None`` for ``check``).
    """

    settings: Settings
    inputs: tuple[Input, ...]
    targets: tuple[Path | None, ...]
    jobs: int
    report_json: bool = False
    fail_on: Severity = Severity.WARNING
    in_place: bool = False
    backup_suffix: str = ".bak"
    out_dir: Path | None = None


def _html_options(args: argparse.Namespace) -> HtmlOptions:
    extra_css = ""
    if args.css is not None:
        try:
            extra_css = Path(args.css).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"--css {args.css}: cannot read it ({_reason(error)})") from None
    options = HtmlOptions(
        standalone=not args.fragment,
        ruby=RubyMode(args.ruby),
        rp=not args.no_rp,
        notation=Notation(args.notation),
        tone_classes=args.tone_colors,
        page_title=args.title,
        extra_css=extra_css,
    )
    if args.source_label is not None:
        options = attrs.evolve(options, source_label=args.source_label)
    return options


def _settings(args: argparse.Namespace, command: Command) -> Settings:
    checks = hasattr(args, "select")
    settings = Settings(
        command=command,
        encoding=args.encoding,
        input_format=InputFormat(args.input_format),
        clean=args.clean,
        readings=args.readings,
        select=parse_codes(args.select, "--select") if checks and args.select else None,
        ignore=parse_codes(args.ignore, "--ignore") if checks else frozenset(),
        min_severity=Severity[args.min_severity.upper()] if checks else Severity.INFO,
        context=args.context if checks else True,
        html=_html_options(args) if command is Command.RENDER else HtmlOptions(),
        flag=command is Command.RENDER and args.flag,
    )
    try:
        load_readings(settings.readings)
    except (OSError, ValueError) as error:
        raise UsageError(f"--readings {settings.readings}: {_reason(error)}") from None
    return settings


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _targets(
    args: argparse.Namespace, command: Command, inputs: Sequence[Input]
) -> list[Path | None]:
    """Where each input's result goes; refuse plans that would overwrite an input."""
    if command is Command.CHECK:
        return [None] * len(inputs)
    if getattr(args, "in_place", False):
        if not args.backup_suffix:
            raise UsageError("--backup-suffix cannot be empty: the original would be lost")
        if any(item.is_stdin for item in inputs):
            raise UsageError("--in-place cannot rewrite standard input; use -o FILE")
        return [item.path for item in inputs]
    targets: list[Path | None]
    if args.output not in (None, STDIN):
        if len(inputs) > 1:
            raise UsageError(f"-o takes one input, got {len(inputs)}; use --out-dir DIR")
        output = Path(args.output)
        if output.is_dir():
            raise UsageError(f"-o {args.output}: is a directory; use --out-dir")
        targets = [output]
    elif args.out_dir is not None:
        out_dir = Path(args.out_dir)
        targets = [out_dir / item.relative.with_suffix(SUFFIXES[command]) for item in inputs]
    else:
        if len(inputs) > 1 and command in (Command.RENDER, Command.JSON, Command.FIX):
            raise UsageError(f"{command.value} of several inputs needs --out-dir DIR")
        return [None] * len(inputs)
    sources = {item.path.resolve(): item.name for item in inputs if item.path is not None}
    seen: dict[Path, str] = {}
    for item, target in zip(inputs, targets, strict=True):
        assert target is not None
        key = target.resolve()
        if key in sources:
            raise UsageError(
                f"{target} is the input {sources[key]}; refusing to overwrite it"
                + (" (use --in-place)" if command is Command.FIX else "")
            )
        if key in seen:
            raise UsageError(f"{seen[key]} and {item.name} would both be written to {target}")
        seen[key] = item.name
    return targets


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


def make_plan(argv: Sequence[str] | None, stdin: TextIO) -> Plan | None:
    """Parse and check the command line; ``None`` for ``codes``, which needs no inputs."""
    args = build_parser().parse_args(argv)
    if args.command == "codes":
        return None
    command = Command(args.command)
    settings = _settings(args, command)
    inputs = collect_inputs(args.inputs, pattern=args.glob, stdin=_StdinBytes(stdin))
    targets = _targets(args, command, inputs)
    out_dir = getattr(args, "out_dir", None)
    return Plan(
        settings,
        inputs,
        tuple(targets),
        jobs=args.jobs or (os.cpu_count() or 1),
        report_json=command is Command.CHECK and args.format == "json",
        fail_on=Severity[args.fail_on.upper()] if command is Command.CHECK else Severity.ERROR,
        in_place=getattr(args, "in_place", False),
        backup_suffix=getattr(args, "backup_suffix", ".bak"),
        out_dir=None if out_dir is None else Path(out_dir),
    )


def outcomes(plan: Plan) -> Iterator[Outcome]:
    """Process every input, in input order; in a process pool if ``jobs`` > 1."""
    workers = max(1, min(plan.jobs, len(plan.inputs)))
    yield from map_ordered(partial(process, plan.settings), plan.inputs, workers=workers)


class Progress:
    """A one-line counter on standard error, shown only when it is a terminal."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.enabled = total > 1 and stream.isatty()

    def step(self, done: int, name: str) -> None:
        """Show that ``done`` inputs of the total are finished, the last being ``name``."""
        if self.enabled:
            width = max(10, shutil.get_terminal_size().columns - 16)
            self.stream.write(f"\r\x1b[K[{done}/{self.total}] {name[-width:]}")
            self.stream.flush()

    def clear(self) -> None:
        """Remove the progress line before other text is written."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def list_codes(out: TextIO) -> None:
    """Print every diagnostic code with its default severity and summary."""
    for code in Code:
        out.write(f"{code.code}  {code.default_severity!s:<7}  {code.summary}\n")


def _write(target: Path, outcome: Outcome, plan: Plan) -> None:
    assert outcome.output is not None
    data = outcome.output.encode(outcome.encoding)
    if plan.in_place:
        if not outcome.changes:
            return
        shutil.copy2(target, target.with_name(target.name + plan.backup_suffix))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _summary(plan: Plan, results: Sequence[Outcome]) -> str:
    failed = sum(1 for r in results if r.error is not None)
    done = len(results) - failed
    command = plan.settings.command
    if command is Command.CHECK:
        found = [d.severity for r in results for d in r.diagnostics]
        counts = [
            _count(found.count(level), str(level))
            if level is not Severity.INFO
            else f"{found.count(level)} info"
            for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            if level in found
        ]
        text = f"{_count(done, 'file')} checked: {', '.join(counts) or 'nothing to report'}"
    elif command is Command.FIX:
        changed = sum(1 for r in results if r.changes)
        fixes = sum(len(r.changes) for r in results)
        text = f"{_count(fixes, 'fix', 'fixes')} in {changed} of {_count(done, 'file')}"
    else:
        where = f" to {plan.out_dir}" if plan.out_dir is not None else ""
        text = f"{_count(done, 'file')} written{where}"
    if failed:
        text += f"; {_count(failed, 'input')} could not be processed"
    return f"{PROG}: {text}"


def execute(plan: Plan, out: TextIO, err: TextIO) -> int:
    """Run the plan, write results and reports; return the exit status."""
    command = plan.settings.command
    progress = Progress(err, len(plan.inputs))
    results: list[Outcome] = []
    status = 0
    changes_to = err if command is Command.FIX and None in plan.targets else out
    for done, (outcome, target) in enumerate(
        zip(outcomes(plan), plan.targets, strict=True), start=1
    ):
        progress.clear()
        results.append(outcome)
        if outcome.error is not None:
            err.write(f"{PROG}: error: {outcome.error}\n")
            status = 2
        else:
            for note in outcome.notes:
                err.write(f"{PROG}: warning: {note}\n")
            if command is Command.CHECK and not plan.report_json:
                out.writelines(f"{d}\n" for d in outcome.diagnostics)
            changes_to.writelines(f"{line}\n" for line in outcome.changes)
            if outcome.output is not None and target is None:
                out.write(outcome.output)
            elif outcome.output is not None and target is not None:
                try:
                    _write(target, outcome, plan)
                except OSError as error:
                    err.write(f"{PROG}: error: cannot write {target}: {_reason(error)}\n")
                    status = 2
        out.flush()
        progress.step(done, outcome.name)
    progress.clear()
    if plan.report_json:
        report = [d.to_dict() for r in results for d in r.diagnostics]
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    if len(results) > 1 or (command is Command.CHECK and status == 0):
        err.write(_summary(plan, results) + "\n")
    if status == 0 and command is Command.CHECK:
        worst = [d for r in results for d in r.diagnostics if d.severity >= plan.fail_on]
        status = 1 if worst else 0
    return status


def _utf8(stream: TextIO) -> TextIO:
    """Make ``stream`` write UTF-8 if its locale encoding cannot carry hanzi."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8", "utf-16", "utf-32", "gb18030") and isinstance(
        stream, io.TextIOWrapper
    ):
        stream.reconfigure(encoding="utf-8")
    return stream


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``hanzi-annot`` with ``argv`` (default: the process's arguments).

    Returns the exit status: 0 done (and, for ``check``, nothing at ``--fail-on`` or
    above), 1 ``check`` found problems, 2 a usage or input/output error, reported in
    one line on standard error.
    """
    out, err = _utf8(sys.stdout), _utf8(sys.stderr)
    reset_caches()
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "run", None) is not None:  # ssml, epub, vocab
            return int(args.run(args, out, err))
        if args.command == "annotate":
            return run_annotate(args, _StdinBytes(sys.stdin), out, err)
        plan = make_plan(argv, sys.stdin)
        if plan is None:
            list_codes(out)
            return 0
        return execute(plan, out, err)
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
