"""The Dask recipe on a real local cluster (two worker processes) equals the serial run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from hanzi_annot.corpus.pipeline import Output, PipelineOptions, PipelineResult, run_pipeline
from tests.pagegen import write_jsonl

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")

from hanzi_annot.corpus.dask_bag import process_bag, read_jsonl, write_outputs  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    return [
        write_jsonl(tmp_path / f"part{n}.jsonl", 5, start=200 + 10 * n, key="body")
        for n in range(3)
    ]


def _key(result: PipelineResult) -> tuple[object, ...]:
    return (result.name, result.document, result.diagnostics, dict(result.outputs))


@pytest.mark.slow
def test_cluster_results_equal_the_serial_run(client: object, corpus: list[Path]) -> None:
    options = PipelineOptions(outputs=["plain", "html"])
    bag = read_jsonl([str(p) for p in corpus], key="body")
    distributed_results = process_bag(bag, options).compute()
    serial = [r for path in corpus for r in run_pipeline(path, options, key="body")]
    assert len(distributed_results) == 15
    assert [_key(r) for r in distributed_results] == [_key(r) for r in serial]


@pytest.mark.slow
def test_write_outputs_per_partition(client: object, corpus: list[Path], tmp_path: Path) -> None:
    bag = read_jsonl([str(p) for p in corpus], key="body")
    results = process_bag(bag, PipelineOptions(outputs=[Output.PLAIN]))
    written = write_outputs(results, tmp_path / "out")
    summaries = sorted(p for p in written if p.endswith(".jsonl"))
    assert len(summaries) == 3
    lines = Path(summaries[0]).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    assert json.loads(lines[0])["name"].endswith("part0.jsonl:1")
    plain = [p for p in written if p.endswith(".txt")]
    assert len(plain) == 15


def test_plain_strings_in_a_bag_get_unique_names(tmp_path: Path) -> None:
    texts = [f"标题{n}\n正文国家(guójiā)第{n}段。\n" for n in range(4)]
    bag = dask_bag.from_sequence(texts, npartitions=2)
    results = process_bag(bag, PipelineOptions(outputs=["plain"]))
    computed = results.compute(scheduler="sync")
    assert [r.name for r in computed] == ["<0:0>", "<0:1>", "<1:0>", "<1:1>"]
    assert [r.document.title.text for r in computed if r.document and r.document.title] == [
        f"标题{n}" for n in range(4)
    ]
    import dask

    with dask.config.set(scheduler="sync"):
        written = write_outputs(results, tmp_path / "out")
    assert len([p for p in written if p.endswith(".txt")]) == 4


def test_a_bad_line_or_document_does_not_fail_its_partition(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text(
        '{"text": "标题\\n国家(guójiā)。"}\n{"body": 1}\n{"text": "标题\\ud800"}\nnot json\n'
        '{"text": "标题\\n正文。"}\n',
        encoding="utf-8",
    )
    computed = process_bag(read_jsonl(str(corpus))).compute(scheduler="sync")
    assert [(r.name.rsplit(":", 1)[1], r.error is None) for r in computed] == [
        ("1", True),
        ("2", False),
        ("3", False),
        ("4", False),
        ("5", True),
    ]
    assert all(r.error.startswith(r.name) for r in computed if r.error is not None)


def test_output_names_never_collide(tmp_path: Path) -> None:
    import dask

    from hanzi_annot.corpus.pipeline import PipelineInput

    items = [PipelineInput("a/b.txt", "标题\n甲。"), PipelineInput("a_b.txt", "标题\n乙。")]
    results = process_bag(dask_bag.from_sequence(items, npartitions=1), PipelineOptions(
        outputs=[Output.MARKUP]))  # fmt: skip
    with dask.config.set(scheduler="sync"):
        written = write_outputs(results, tmp_path / "out")
    outputs = sorted(Path(p).name for p in written if p.endswith(".markup.txt"))
    assert outputs == ["part-00000-a%2Fb.txt.markup.txt", "part-00000-a_b.txt.markup.txt"]
    texts = {Path(p).read_text(encoding="utf-8") for p in written if p.endswith(".markup.txt")}
    assert len(texts) == 2
