"""Reading inputs into documents and writing one result per input, for the writers.

The ``ssml``, ``epub`` and ``vocab`` commands share this: inputs are named and read as
for every other command (files, directories with ``--glob``, ``-`` for standard input,
``--from``, ``--encoding``, ``--no-clean``, ``--readings``), and an input that cannot be
read is reported in one line without stopping the others.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from hanzi_annot.cli.inputs import STDIN, Input, UsageError, collect_inputs
from hanzi_annot.cli.wording import problem_text
from hanzi_annot.corpus.load import InputFormat
from hanzi_annot.corpus.pipeline import Pipeline, PipelineInput, PipelineOptions
from hanzi_annot.corpus.walk import DEFAULT_PATTERNS
from hanzi_annot.model import Document
from hanzi_annot.pinyin.readings import Readings

#: Program name in messages.
PROG = "hanzi-annot"


class _Stdin:
    """Standard input as bytes, read only when ``-`` is named."""

    def read(self) -> bytes:
        stream = sys.stdin
        if stream is None:
            return b""
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read()
            return data
        return stream.read().encode("utf-8")


def load_readings(path: str | None) -> Readings | None:
    """Return the ``--readings`` dictionary, or ``None`` for the default one."""
    if path is None:
        return None
    try:
        return Readings.from_file(path)
    except (OSError, ValueError) as error:
        raise UsageError(f"--readings {path}: {error}") from None


def read_documents(
    args: argparse.Namespace, err: TextIO
) -> tuple[list[tuple[Input, Document]], int]:
    """Read every input named on the command line; return the documents and a status.

    The status is 2 when some input could not be read (each reported on ``err``).
    """
    readings = load_readings(args.readings)
    patterns = tuple(args.glob) if args.glob else DEFAULT_PATTERNS
    inputs = collect_inputs(args.inputs, patterns=patterns, stdin=_Stdin())
    pipeline = Pipeline(
        PipelineOptions(
            validate=False,
            encoding=args.encoding,
            clean=args.clean,
            readings=readings,
            input_format=InputFormat(args.input_format),
        )
    )
    documents: list[tuple[Input, Document]] = []
    status = 0
    for item in inputs:
        if item.problem is not None:
            err.write(f"{PROG}: error: {item.problem}\n")
            status = 2
            continue
        content = item.data if item.data is not None else item.path
        assert content is not None  # an input without a problem has data or a path
        result = pipeline.process(PipelineInput(item.name, content))
        if result.document is None:  # the same words as check and render use
            err.write(f"{PROG}: error: {problem_text(result)}\n")
            status = 2
            continue
        documents.append((item, result.document))
    return documents, status


def write_results(
    args: argparse.Namespace,
    results: Sequence[tuple[Input, str]],
    suffix: str,
    out: TextIO,
) -> None:
    """Write one text per input: to ``-o FILE``, into ``--out-dir``, or to standard output.

    Several inputs need ``--out-dir``, because their outputs are whole documents each.
    """
    output, out_dir = getattr(args, "output", None), getattr(args, "out_dir", None)
    if out_dir is not None:
        for item, text in results:
            target = Path(out_dir) / item.relative.with_suffix(suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return
    if len(results) > 1:
        raise UsageError(f"{args.command} of several inputs needs --out-dir DIR")
    for _item, text in results:
        if output in (None, STDIN):
            out.write(text)
        else:
            Path(output).write_text(text, encoding="utf-8")


def add_output_options(parser: argparse.ArgumentParser, suffix: str) -> None:
    """Add ``-o``/``--out-dir`` (exclusive) to a writer's parser."""
    group = parser.add_argument_group("output").add_mutually_exclusive_group()
    group.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (one input only); - is stdout"
    )
    group.add_argument(
        "--out-dir", metavar="DIR", help=f"write one {suffix} file per input into DIR"
    )
