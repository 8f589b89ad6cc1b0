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

import importlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from hanzi_annot.corpus.pipeline import (
    Pipeline,
    PipelineInput,
    PipelineOptions,
    PipelineResult,
    jsonl_input,
)


def _require_dask() -> Any:
    try:
        import dask.bag as bag_module
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the Dask helpers need the 'dask' extra: pip install 'hanzi_annot[dask]'"
        ) from error
    return bag_module


def _inputs_from_lines(lines: Iterable[tuple[str, str]], key: str) -> list[PipelineInput]:
    return [jsonl_input(line, name, key) for name, line in lines if line.strip()]


def read_jsonl(paths: str | Sequence[str], *, key: str = "text") -> Any:
    """Read JSON Lines files into a bag of :class:`PipelineInput`, one per line.

    Each file is one partition, read lazily; inputs are named ``file:line`` as in
    :func:`~hanzi_annot.corpus.pipeline.iter_jsonl`.
    """
    bag_module = _require_dask()
    files = bag_module.read_text(paths, include_path=True, files_per_partition=1)

    def number(partition: Iterable[tuple[str, str]]) -> list[PipelineInput]:
        lines = list(partition)
        return _inputs_from_lines(
            ((f"{path}:{index}", text) for index, (text, path) in enumerate(lines, 1)), key
        )

    return files.map_partitions(number)


def _process_partition(
    items: Iterable[PipelineInput | str], options: PipelineOptions, partition: int
) -> list[PipelineResult]:
    pipeline = Pipeline(options)
    results = []
    for index, item in enumerate(items):
        if not isinstance(item, PipelineInput):
            item = PipelineInput(f"<{partition}:{index}>", item)
        results.append(pipeline.process(item))
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


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("_") or "document"


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
                stem = f"part-{partition:05d}-{_safe_name(result.name)}"
                target = root / (stem + output.suffix)
                if target in written:
                    raise ValueError(f"two inputs would both be written to {target}")
                written.add(target)
                target.write_text(text, encoding="utf-8")
                yield str(target)
    yield str(summary)


def write_outputs(results: Any, out_dir: str | os.PathLike[str]) -> list[str]:
    """Write each result's outputs and one summary JSONL per partition; return paths.

    Runs the computation. Output files are named after the partition and the input
    (``file:line`` made safe for file systems), with :attr:`Output.suffix`; the
    summaries hold names, errors and diagnostics.
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
