"""Feed the inputs through the library's pipeline, in input order, with their snapshots.

Files are read here, in the main process, so ``fix --in-place`` knows exactly what it
read (:class:`~hanzi_annot.cli.files.Snapshot`); the work itself is
:func:`~hanzi_annot.corpus.pipeline.run_pipeline`, serial or over ``--jobs`` workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs

from hanzi_annot.cli.files import Snapshot
from hanzi_annot.cli.inputs import Input
from hanzi_annot.cli.parser import Kind
from hanzi_annot.cli.settings import Settings
from hanzi_annot.corpus.pipeline import PipelineInput, PipelineResult, run_pipeline
from hanzi_annot.corpus.problems import InputProblem, ProblemKind

#: The most files handed to a worker process at once with ``--jobs``.
MAX_BATCH: Final = 8


@attrs.frozen
class Done:
    """One input with its pipeline result and, for a file, what was read of it.

    ``data`` (the bytes read) is kept only for ``fix``, which writes them unchanged
    when there is nothing to fix and diffs against them.
    """

    item: Input
    result: PipelineResult
    snapshot: Snapshot | None = None
    data: bytes | None = attrs.field(default=None, repr=False)


def _missing(item: Input) -> PipelineResult:
    assert item.problem is not None
    problem = InputProblem(ProblemKind.UNREADABLE, item.problem)
    return PipelineResult(item.name, None, error=item.problem, problem=problem)


def run_inputs(settings: Settings) -> Iterator[Done]:
    """Yield every input's result in input order (inputs with a problem included)."""
    snapshots: dict[int, Snapshot] = {}
    read: dict[int, bytes] = {}
    keep = settings.command.kind is Kind.FIX

    def items() -> Iterator[PipelineInput]:
        for index, item in enumerate(settings.inputs):
            if item.problem is not None:
                continue
            if item.path is None:
                data = item.data or b""
            else:
                try:
                    data, snapshots[index] = Snapshot.read(item.path)
                except OSError:  # the pipeline reads it again and says why it cannot
                    yield PipelineInput(item.name, item.path)
                    continue
            if keep:
                read[index] = data
            yield PipelineInput(item.name, data)

    workers = max(1, min(settings.jobs, len(settings.inputs)))
    # Files go to workers a few at a time (each hand-over costs the parent about a
    # quarter of a millisecond), but never so many that a short run leaves one idle.
    batch_size = max(1, min(MAX_BATCH, len(settings.inputs) // (4 * workers)))
    results = run_pipeline(items(), settings.options, workers=workers, batch_size=batch_size)
    for index, item in enumerate(settings.inputs):
        if item.problem is not None:
            yield Done(item, _missing(item))
        else:
            result = next(results)
            yield Done(item, result, snapshots.pop(index, None), read.pop(index, None))
    # Run the pipeline to its end, so its worker processes are shut down and joined now
    # rather than terminated whenever the generator is collected.
    leftover = next(results, None)
    assert leftover is None, "the pipeline gave more results than there were inputs"
