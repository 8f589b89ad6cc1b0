"""The corpus pipeline: sources, ordered results, workers equal to serial."""

from __future__ import annotations

import json
import pickle
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from hanzi_annot import Code
from hanzi_annot.corpus.pipeline import (
    Output,
    Pipeline,
    PipelineInput,
    PipelineOptions,
    PipelineResult,
    iter_inputs,
    iter_jsonl,
    iter_tree,
    process,
    run_pipeline,
)
from hanzi_annot.corpus.selection import Selection
from tests.pagegen import page, pages, write_jsonl


def _comparable(result: PipelineResult) -> tuple[object, ...]:
    return (result.name, result.document, result.diagnostics, dict(result.outputs), result.error)


def test_process_one_page_gives_document_diagnostics_and_outputs() -> None:
    options = PipelineOptions(outputs=list(Output))
    result = process(page(1), name="p1.txt", options=options)
    assert result.error is None
    assert result.document is not None
    assert result.document.source is not None
    assert set(result.outputs) == set(Output)
    assert "<ruby>" in result.outputs[Output.HTML]
    assert "(" not in result.outputs[Output.PLAIN].replace(f"({result.document.source})", "")
    assert json.loads(result.outputs[Output.JSON]) == json.loads(result.outputs[Output.JSONL])
    assert "\n" not in result.outputs[Output.JSONL]
    codes = {d.code for d in result.diagnostics}
    assert Code.BOILERPLATE in codes
    assert all(d.path == "p1.txt" for d in result.diagnostics)


def test_validation_findings_are_merged_in_document_order() -> None:
    result = process("标题\n他在著名(zhūmíng)的国(gúo)画馆参观。\n")
    starts = [d.span.start for d in result.diagnostics]
    assert starts == sorted(starts)
    assert {d.code.code[:3] for d in result.diagnostics} >= {"HA2"}


def test_validation_can_be_switched_off() -> None:
    result = process("标题\n他在著名(zhūmíng)画馆。\n", options=PipelineOptions(validate=False))
    assert result.diagnostics == ()


def test_unreadable_input_is_an_error_result_not_an_exception() -> None:
    result = Pipeline().process(PipelineInput("bad.txt", b"\xff\xfe\xfa bad bytes"))
    assert result.document is None
    assert result.error is not None
    assert "byte" in result.error


def test_jsonl_source_names_each_line(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", 3, key="body")
    names = [item.name for item in iter_jsonl(corpus, key="body")]
    assert names == [f"{corpus}:1", f"{corpus}:2", f"{corpus}:3"]
    results = list(run_pipeline(corpus, key="body"))
    assert [r.document.title for r in results if r.document] == [
        r.document.title for r in (process(p) for p in pages(3)) if r.document
    ]


def test_jsonl_with_a_broken_line_names_it(tmp_path: Path) -> None:
    corpus = tmp_path / "broken.jsonl"
    corpus.write_text('{"text": "标题"}\n{"body": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.jsonl:2: no text under 'text'"):
        list(iter_jsonl(corpus))
    corpus.write_text('{"text": 3}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not a string"):
        list(iter_jsonl(corpus))


def test_a_jsonl_record_without_text_is_one_error_result_in_a_run(tmp_path: Path) -> None:
    corpus = tmp_path / "holes.jsonl"
    corpus.write_text('{"text": "标题\\n正文。"}\n{"body": "x"}\n[1\n{"text": "标题"}\n', "utf-8")
    for workers in (1, 2):
        results = list(run_pipeline(corpus, workers=workers))
        assert [r.error is None for r in results] == [True, False, False, True]
        assert results[1].error == f"{corpus}:2: no text under 'text': 'text'"
        assert results[2].error is not None
        assert results[2].error.startswith(f"{corpus}:3: no text under 'text'")


def test_directory_tree_source_reads_text_and_html(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(page(5), encoding="utf-8")
    (tmp_path / "two.html").write_text(
        "<html><body><h1>标题</h1><p><ruby>国<rt>guó</rt></ruby>家。</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "skip.csv").write_text("x", encoding="utf-8")
    results = list(run_pipeline(tmp_path))
    assert [Path(r.name).name for r in results] == ["one.txt", "two.html"]
    html_doc = results[1].document
    assert html_doc is not None
    assert [a.hanzi for a in html_doc.annotations] == ["国"]


def test_single_file_and_missing_path(tmp_path: Path) -> None:
    single = tmp_path / "one.txt"
    single.write_text(page(2), encoding="utf-8")
    assert [item.name for item in iter_inputs(single)] == [str(single)]
    with pytest.raises(FileNotFoundError):
        iter_inputs(tmp_path / "missing.txt")


def test_workers_give_the_serial_results_in_order() -> None:
    texts = list(pages(24, start=100))
    options = PipelineOptions(outputs=["plain"])
    serial = [_comparable(r) for r in run_pipeline(texts, options)]
    parallel = [_comparable(r) for r in run_pipeline(texts, options, workers=2, batch_size=3)]
    assert parallel == serial
    assert [r[0] for r in serial] == [f"<{i}>" for i in range(24)]


def test_results_can_leave_the_document_out_and_keep_everything_else() -> None:
    texts = [*pages(6, start=300), "标题\n\n这里有一个错误(guójiā)。"]
    full = list(run_pipeline(texts, PipelineOptions(outputs=["html"], fixes=True)))
    lean_options = PipelineOptions(outputs=["html"], fixes=True, documents=False)
    for workers in (1, 2):
        lean = list(run_pipeline(texts, lean_options, workers=workers, batch_size=2))
        assert all(r.document is None and r.error is None for r in lean)
        assert [(r.diagnostics, dict(r.outputs), r.fixed) for r in lean] == [
            (r.diagnostics, dict(r.outputs), r.fixed) for r in full
        ]
    assert all(r.document is not None for r in full)
    assert any(r.diagnostics for r in full)


def test_workers_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(run_pipeline(["标题"], workers=0))


def test_results_and_options_pickle() -> None:
    options = PipelineOptions(outputs=["html"])
    result = process(page(7), options=options)
    assert _comparable(pickle.loads(pickle.dumps(result))) == _comparable(result)
    assert pickle.loads(pickle.dumps(options)) == options
    assert result.summary()["name"] == "<input>"


def test_options_differing_only_in_severity_keep_their_own_severity_in_workers() -> None:
    from hanzi_annot import Severity, ValidateOptions

    loud = PipelineOptions(validate_options=ValidateOptions(severity={"HA202": Severity.INFO}))
    quiet = PipelineOptions()
    assert loud != quiet
    texts = ["标题\n这座著名(zhūmíng)古镇。\n"] * 3
    for options, level in ((loud, Severity.INFO), (quiet, Severity.ERROR), (loud, Severity.INFO)):
        results = run_pipeline(texts, options, workers=2, batch_size=1)
        assert {d.severity for r in results for d in r.diagnostics} == {level}


def test_html_marks_findings_only_in_the_editor_view() -> None:
    text = "标题\n这座著名(zhūmíng)古镇。\n"
    plain_view = process(text, options=PipelineOptions(outputs=["html"]))
    editor_view = process(text, options=PipelineOptions(outputs=["html"], flag=True))
    assert "<ruby class=" not in plain_view.outputs[Output.HTML]
    assert 'class="ha-flag ha-error"' in editor_view.outputs[Output.HTML]


def test_outputs_can_be_looked_up_by_name() -> None:
    result = process("标题\n正文。\n", options=PipelineOptions(outputs=["plain"]))
    assert result.outputs["plain"] == result.outputs[Output.PLAIN]


def test_one_text_given_as_a_path_is_refused_clearly() -> None:
    with pytest.raises(TypeError, match=r"pass it in a list"):
        list(run_pipeline("标题\n正文国家(guójiā)。\n"))


def test_user_readings_reach_parsing_and_validation() -> None:
    from hanzi_annot import Readings

    text = "标题\n新建的\U0002a700(wu)字路口。\n"  # a character with no known reading
    plain = process(text)
    assert plain.document is not None
    assert not list(plain.document.annotations)  # toneless and no reading: kept as text
    mine = Readings(extra_chars={"\U0002a700": "wu3"})
    result = process(text, options=PipelineOptions(readings=mine))
    assert result.document is not None
    assert [a.hanzi for a in result.document.annotations] == ["\U0002a700"]
    assert [d.code.code for d in result.diagnostics] == ["HA204"]  # only: tones missing


def test_one_reader_for_text_html_and_json(tmp_path: Path) -> None:
    from hanzi_annot import to_json
    from hanzi_annot.corpus.pipeline import InputFormat, read_document

    text_doc = read_document("标题\n泉州是国家(guójiā)历史文化名城。\n", name="a.txt")
    saved = tmp_path / "a.json"
    saved.write_text(to_json(text_doc), encoding="utf-8")
    assert read_document(saved, name=str(saved)) == text_doc
    page = "<h1>标题</h1><p>泉州是<ruby>国<rt>guó</rt>家<rt>jiā</rt></ruby>历史文化名城。</p>"
    assert read_document(page, name="a.html") == text_doc
    assert read_document(page.encode(), name="page", input_format=InputFormat.HTML) == text_doc
    assert InputFormat.AUTO.resolve("NEWS.HTM") is InputFormat.HTML
    assert InputFormat.TEXT.resolve("a.html") is InputFormat.TEXT
    (result,) = run_pipeline([PipelineInput("a.json", saved)])
    assert result.document == text_doc


def test_one_bad_document_never_stops_a_run_serial_or_in_workers() -> None:
    items = [
        PipelineInput("good.txt", "标题\n泉州是国家(guójiā)历史文化名城。\n"),
        PipelineInput("deep.json", "[" * 100_000),
        PipelineInput("surrogate.txt", "标题\ud800\n正文。\n"),
        PipelineInput("logo.txt", b"\x89PNG\r\n\x1a\n"),
        PipelineInput("gbk.txt", "泉州是国家历史文化名城。".encode("gb18030")),
        PipelineInput("missing.txt", Path("/nonexistent/missing.txt")),
        PipelineInput("last.txt", "标题\n正文。\n"),
    ]
    for workers in (1, 2):
        results = list(run_pipeline(items, workers=workers, batch_size=1))
        assert [r.name for r in results] == [item.name for item in items]
        assert [r.problem.kind.value if r.problem else None for r in results] == [
            None,
            "invalid",
            "invalid",
            "not-text",
            "undecodable",
            "unreadable",
            None,
        ]
        assert all(r.error is not None and r.error.startswith(r.name) for r in results[1:6])
        assert results[4].problem is not None
        assert results[4].problem.encoding_hint == "gb18030"


def test_a_crash_inside_the_pipeline_is_an_error_result(monkeypatch: pytest.MonkeyPatch) -> None:
    import hanzi_annot.corpus.pipeline as pipeline_module

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated")

    monkeypatch.setattr(pipeline_module, "from_text", broken)
    (result,) = run_pipeline(["标题\n正文。"])
    assert result.document is None
    assert (
        result.error
        == "<0>: internal error (RuntimeError: simulated); please report it with this input"
    )


def test_the_walker_is_shared_and_skips_links_out_of_the_tree(tmp_path: Path) -> None:
    from hanzi_annot.corpus.walk import DEFAULT_PATTERNS, walk

    (tmp_path / "tree" / "b").mkdir(parents=True)
    (tmp_path / "tree" / "a.txt").write_text("标题\n正文。", encoding="utf-8")
    (tmp_path / "tree" / "b" / "c.htm").write_text("<p>国家</p>", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("标题\n正文。", encoding="utf-8")
    (tmp_path / "tree" / "link.txt").symlink_to(tmp_path / "outside.txt")
    (tmp_path / "tree" / "inner.txt").symlink_to(tmp_path / "tree" / "a.txt")
    (tmp_path / "tree" / "loop").symlink_to(tmp_path / "tree", target_is_directory=True)
    found = [p.relative_to(tmp_path / "tree").as_posix() for p in walk(tmp_path / "tree")]
    assert found == ["a.txt", "b/c.htm", "inner.txt"]
    assert [item.name for item in iter_tree(tmp_path / "tree")] == [
        str(tmp_path / "tree" / name) for name in ("a.txt", "b/c.htm", "inner.txt")
    ]
    assert DEFAULT_PATTERNS == ("*.txt", "*.html", "*.htm")


def test_fixes_are_planned_from_the_reported_diagnostics() -> None:
    text = "标题\n今天举行双拥(shuāngyōng)(shuāngyōng)活动,十分著名(zhūmíng)。\n"
    options = PipelineOptions(fixes=True)
    (result,) = run_pipeline([text], options)
    assert result.plan is not None
    assert [d.code.code for d in result.plan.settled] == ["HA101", "HA202"]
    assert result.fixed == text.replace("(shuāngyōng)(shuāngyōng)", "(shuāngyōng)").replace(
        "zhūmíng", "zhùmíng"
    ).encode("utf-8")
    only = PipelineOptions(fixes=True, selection=Selection(ignore=frozenset({Code.WRONG_TONE})))
    (partial,) = run_pipeline([text], only)
    assert partial.plan is not None
    assert [d.code.code for d in partial.plan.settled] == ["HA101"]
    assert b"zh\xc5\xabm\xc3\xadng" in (partial.fixed or b"")


class _KillsItsWorker:
    """Content whose unpickling ends the worker process, as a crash in native code would."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        import os

        return os._exit, (3,)


@pytest.mark.parametrize("batch_size", [1, 4])
def test_a_killed_worker_gives_an_error_result_naming_its_input(batch_size: int) -> None:
    items = [PipelineInput(f"{n}.txt", "标题\n泉州是国家(guójiā)历史文化名城。") for n in range(12)]
    items[5] = PipelineInput("doomed.txt", _KillsItsWorker())  # type: ignore[arg-type]
    results = list(run_pipeline(items, workers=2, batch_size=batch_size))
    assert [r.name for r in results] == [item.name for item in items]
    doomed = results[5]
    assert doomed.error == (
        "doomed.txt: not processed: its worker process stopped (BrokenProcessPool)"
    )
    assert doomed.problem is not None
    assert doomed.problem.kind.value == "internal"
    # What was in flight with it ran again, alone, and was processed.
    assert [r.name for r in results if r.error is not None] == ["doomed.txt"]


def test_an_error_in_a_worker_says_what_it_was_not_that_the_worker_died() -> None:
    from hanzi_annot.corpus.pipeline import _lost

    died = _lost(PipelineInput("a.txt", "x"), BrokenProcessPool("gone"))
    raised = _lost(PipelineInput("b.txt", "x"), RuntimeError("a bug"))
    assert died.error == "a.txt: not processed: its worker process stopped (BrokenProcessPool)"
    assert raised.error == (
        "b.txt: not processed: it failed in its worker process (RuntimeError: a bug)"
    )
