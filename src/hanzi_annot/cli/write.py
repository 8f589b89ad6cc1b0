"""``render``, ``plain``, ``markup`` and ``json``: write one output per input.

The output comes from the pipeline's output table; several inputs on standard output
are separated by a blank line and a ``==> name <==`` header (``plain``, ``markup``) or
become JSON Lines (``json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs

from hanzi_annot.cli.check import count
from hanzi_annot.cli.files import BackgroundWriter
from hanzi_annot.cli.inputs import UsageError
from hanzi_annot.cli.parser import PROG
from hanzi_annot.cli.run import run_inputs
from hanzi_annot.cli.settings import Settings, reason
from hanzi_annot.cli.targets import plan_targets
from hanzi_annot.cli.wording import problem_text
from hanzi_annot.corpus.outputs import WRITERS, Output
from hanzi_annot.diagnostics import Code


def run_write(settings: Settings, out: TextIO, err: TextIO) -> int:
    """Write every input's output; exit 2 if an input could not be read or written."""
    output = settings.command.output
    assert output is not None
    suffix = settings.suffix or WRITERS[output].suffix
    targets = plan_targets(settings, lambda _: suffix)
    several = len(settings.inputs) > 1
    if several and targets[0] is None:
        if output is Output.HTML:
            raise UsageError(f"{settings.prog} of several inputs needs --out-dir DIR")
        if output is Output.JSON:  # one document per line
            output = Output.JSONL
            options = attrs.evolve(settings.options, outputs=[output])
            settings = attrs.evolve(settings, options=options)
    writer = BackgroundWriter()
    try:
        failed = _write_all(settings, output, targets, several, writer, out, err)
    finally:  # also on Ctrl-C: the files already handed over are finished and reported
        unwritten = writer.close()
        for target, problem in unwritten:
            err.write(f"{PROG}: error: cannot write {target}: {reason(problem)}\n")
    failed += len(unwritten)
    if several:
        where = f" to {settings.out_dir}" if settings.out_dir is not None else ""
        text = f"{count(len(settings.inputs) - failed, 'file')} written{where}"
        if failed:
            text += f"; {count(failed, 'input')} could not be processed"
        err.write(f"{PROG}: {text}\n")
    return 2 if failed else 0


def _write_all(
    settings: Settings,
    output: Output,
    targets: Sequence[Path | None],
    several: bool,
    writer: BackgroundWriter,
    out: TextIO,
    err: TextIO,
) -> int:
    """Hand every input's output to ``writer`` (or ``out``); return how many failed."""
    failed = 0
    for index, (finished, target) in enumerate(zip(run_inputs(settings), targets, strict=True)):
        result = finished.result
        problem = problem_text(result)
        if problem is not None:
            err.write(f"{PROG}: error: {problem}\n")
            failed += 1
            continue
        for note in result.diagnostics:
            if note.code is Code.UNWRITABLE_CHARACTER:
                err.write(f"{PROG}: warning: {note}\n")
        text = result.outputs[output]
        text = text if text.endswith("\n") else text + "\n"
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as error:
            bad = error.object[error.start : error.end]
            err.write(f"{PROG}: error: {finished.item.name}: {bad!r} cannot be written in utf-8\n")
            failed += 1
            continue
        if target is None:
            if several and output is not Output.JSONL:
                if index:
                    out.write("\n")
                if settings.header:
                    out.write(f"==> {finished.item.name} <==\n")
            out.write(text)
            out.flush()
            continue
        for unwritten, write_error in writer.submit(target, data):
            err.write(f"{PROG}: error: cannot write {unwritten}: {reason(write_error)}\n")
            failed += 1
    return failed
