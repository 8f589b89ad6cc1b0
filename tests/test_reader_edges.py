"""Readers agree with each other at their edges: names, encodings, readings, edits."""

from __future__ import annotations

from pathlib import Path

import pytest

import hanzi_annot
from hanzi_annot import Code, JsonModelError, Readings, from_html, from_markdown, load
from hanzi_annot.corpus.pipeline import PipelineOptions, process


def test_load_of_a_json_file_names_it_in_the_origin_and_in_errors(tmp_path: Path) -> None:
    good = tmp_path / "news.json"
    good.write_text(hanzi_annot.to_json(hanzi_annot.parse("标题\n国家(guójiā)。")), "utf-8")
    assert load(good).origin is not None
    assert load(good).origin.path == str(good)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(JsonModelError, match=r"bad\.json: not valid JSON"):
        load(bad)


def test_from_json_turns_every_value_error_into_its_own_error() -> None:
    digits = "1" * 5000  # json refuses to convert a number this long, with ValueError
    text = '{"format": "hanzi_annot.document", "version": ' + digits + ', "sections": []}'
    with pytest.raises(JsonModelError, match="not valid JSON"):
        hanzi_annot.from_json(text)


def test_read_document_ignores_an_encoding_for_text_already_decoded() -> None:
    for name in ("a.txt", "a.html", "a.md"):
        document = hanzi_annot.read_document("国家(guójiā)", name=name, encoding="gb18030")
        assert [a.hanzi for a in document.annotations] == ["国家"]


def test_markdown_inline_groups_use_the_callers_readings() -> None:
    readings = Readings(extra_chars={"㐅": ["xi1"], "㐀": ["an1"]})
    text = "他说㐅㐀(xian)好。"
    from_text = hanzi_annot.parse(text, readings=readings).annotations
    assert from_markdown(text, readings=readings).annotations == from_text
    assert [a.hanzi for a in from_text] == ["㐅㐀"]


def test_an_html_copy_is_deleted_where_it_stands_in_the_page() -> None:
    page = "<p>前言很长的一段文字。国家(guójiā)(guójiā)</p>"
    (copy,) = (d for d in from_html(page).diagnostics if d.code is Code.DUPLICATE_ANNOTATION)
    assert copy.edit is not None
    assert copy.edit.span == copy.span
    assert page[copy.edit.span.start : copy.edit.span.end] == "(guójiā)"


def test_an_unknown_encoding_is_an_input_error_not_an_internal_one() -> None:
    result = process(b"abc", name="a.txt", options=PipelineOptions(encoding="nope"))
    assert result.error == "a.txt: unknown encoding 'nope'"
    assert result.problem is not None
    assert result.problem.kind.value == "invalid"
