"""Run the pipeline on a Dask bag: the same job as :func:`run_pipeline`, on a cluster.

Install the extra first: ``pip install 'hanzi_annot[dask]'``. Each partition builds one
:class:`~hanzi_annot.corpus.pipeline.Pipeline` (so the validator cache serves the whole
partition); every object that crosses a process boundary (options, inputs, results) is
a plain attrs class or a str and pickles cleanly.

Typical use::

    import dask.bag as db
    from hanzi_annot.corpus.dask_bag import read_jsonl, process_bag, write_outputs

    bag = read_jsonl("corpus/*.jsonl", key="text")
    results = process_bag(bag, PipelineOptions(outputs=["html", "plain"]))
    write_outputs(results, "out/")
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from hanzi_annot.corpus.outputs import WRITERS
from hanzi_annot.corpus.pipeline import (
    Pipeline,
    PipelineInput,
    PipelineOptions,
    PipelineResult,
    jsonl_input,
)
from hanzi_annot.corpus.problems import InputProblem, ProblemKind


def _require_dask() -> Any:
    try:
        import dask.bag as bag_module
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the Dask helpers need the 'dask' extra: pip install 'hanzi_annot[dask]'"
        ) from error
    return bag_module


@attrs.frozen
class _BadLine:
    """A JSON Lines record that holds no text: it becomes an error result, not a crash."""

    name: str
    message: str


def _inputs_from_lines(
    lines: Iterable[tuple[str, str]], key: str
) -> list[PipelineInput | _BadLine]:
    inputs: list[PipelineInput | _BadLine] = []
    for name, line in lines:
        if line.strip():
            try:
                inputs.append(jsonl_input(line, name, key))
            except ValueError as error:
                inputs.append(_BadLine(name, str(error)))
    return inputs


def read_jsonl(paths: str | Sequence[str], *, key: str = "text") -> Any:
    """Read JSON Lines files into a bag of :class:`PipelineInput`, one per line.

    Each file is one partition, read lazily; inputs are named ``file:line`` as in
    :func:`~hanzi_annot.corpus.pipeline.iter_jsonl`. A line without text becomes an
    error result naming it when the bag is processed; the partition goes on.
    """
    bag_module = _require_dask()
    files = bag_module.read_text(paths, include_path=True, files_per_partition=1)

    def number(partition: Iterable[tuple[str, str]]) -> list[PipelineInput | _BadLine]:
        lines = list(partition)
        return _inputs_from_lines(
            ((f"{path}:{index}", text) for index, (text, path) in enumerate(lines, 1)), key
        )

    return files.map_partitions(number)


def _process_partition(
    items: Iterable[PipelineInput | _BadLine | str], options: PipelineOptions, partition: int
) -> list[PipelineResult]:
    pipeline = Pipeline(options)
    results = []
    for index, item in enumerate(items):
        if isinstance(item, _BadLine):
            problem = InputProblem(ProblemKind.INVALID, item.message)
            results.append(PipelineResult(item.name, None, error=item.message, problem=problem))
            continue
        if not isinstance(item, PipelineInput):
            item = PipelineInput(f"<{partition}:{index}>", str(item))
        results.append(pipeline.process(item))  # never raises: failures are results
    return results


def process_bag(bag: Any, options: PipelineOptions | None = None) -> Any:
    """Map the pipeline over a bag of inputs (or strings); returns a bag of results.

    Plain strings are named ``<partition:index>``, unique across the bag.
    """
    bag_module = _require_dask()
    dask_module: Any = importlib.import_module("dask")
    options = options or PipelineOptions()
    parts = [
        dask_module.delayed(_process_partition)(part, options, number)
        for number, part in enumerate(bag.to_delayed())
    ]
    return bag_module.from_delayed(parts)


#: Longest file name stem written, in UTF-8 bytes (file systems allow 255).
_MAX_STEM = 180


def safe_name(name: str) -> str:
    """Turn an input name into a file name; different names never give the same one.

    Letters, digits, ``_``, ``-`` and ``.`` stay; every other character becomes ``%`` and its
    UTF-8 bytes in hex (``%`` itself too), so ``a/b.txt`` and ``a_b.txt`` differ. A
    very long result keeps its start and ends in a hash of the whole name.

    >>> safe_name("a/b.txt"), safe_name("a_b.txt")
    ('a%2Fb.txt', 'a_b.txt')
    """
    escaped = "".join(
        char if char.isalnum() or char in "_-." else "".join(f"%{b:02X}" for b in char.encode())
        for char in name
    )
    if not escaped:
        return "document"
    if len(escaped.encode()) <= _MAX_STEM:
        return escaped
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    head = escaped.encode()[: _MAX_STEM - 17].decode("utf-8", "ignore")
    return f"{head}-{digest}"


def _write_partition(
    results: Iterable[PipelineResult], out_dir: str, partition: int
) -> Iterator[str]:
    root = Path(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    summary = root / f"part-{partition:05d}.jsonl"
    written: set[Path] = set()
    with summary.open("w", encoding="utf-8") as handle:
        for result in results:
            handle.write(json.dumps(result.summary(), ensure_ascii=False) + "\n")
            for output, text in result.outputs.items():
                stem = f"part-{partition:05d}-{safe_name(result.name)}"
                target = root / (stem + WRITERS[output].suffix)
                if target in written:
                    raise ValueError(f"two inputs would both be written to {target}")
                written.add(target)
                target.write_text(text, encoding="utf-8")
                yield str(target)
    yield str(summary)


def write_outputs(results: Any, out_dir: str | os.PathLike[str]) -> list[str]:
    """Write each result's outputs and one summary JSONL per partition; return paths.

    Runs the computation. Output files are named after the partition and the input
    (``file:line`` made safe for file systems by :func:`safe_name`, which never maps
    two names to one), with the output's suffix; the summaries hold names, errors and
    diagnostics.
    """
    directory = os.fspath(out_dir)
    dask_module: Any = importlib.import_module("dask")
    tasks = [
        dask_module.delayed(_write_partition_list)(part, directory, number)
        for number, part in enumerate(results.to_delayed())
    ]
    written = dask_module.compute(*tasks)
    return [path for part in written for path in part]


def _write_partition_list(
    results: Iterable[PipelineResult], out_dir: str, partition: int
) -> list[str]:
    return list(_write_partition(results, out_dir, partition))
