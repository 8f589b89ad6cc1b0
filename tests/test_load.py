"""load() and the readers named by what they read: text, bytes and paths alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_annot import (
    InputFormat,
    PathAsTextError,
    from_html,
    from_json,
    from_text,
    load,
    parse,
    read_document,
    to_json,
    to_markup,
)
from hanzi_annot.corpus import pipeline

ARTICLE = "书香泉州\n泉州是国家(guójiā)历史文化名城。\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    document = from_text(ARTICLE)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    markdown = "# 书香泉州\n\n泉州是{国家|guójiā}历史文化名城。\n"
    (tmp_path / "a.md").write_text(markdown, encoding="utf-8")
    (tmp_path / "a.notes").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.json").write_text(to_json(document), encoding="utf-8")
    page = "<h1>书香泉州</h1><p>泉州是<ruby>国家<rt>guójiā</rt></ruby>历史文化名城。</p>"
    for suffix in ("html", "htm", "xhtml", "HTML"):
        (tmp_path / f"b.{suffix}").write_text(page, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "name", ["a.txt", "a.md", "a.notes", "a.json", "b.html", "b.htm", "b.xhtml", "b.HTML"]
)
def test_load_chooses_the_reader_by_suffix(folder: Path, name: str) -> None:
    document = load(folder / name)
    assert to_markup(document) == "书香泉州\n\n泉州是国家(guójiā)历史文化名城。\n"
    assert document == from_text(ARTICLE)


def test_load_takes_a_str_path_and_names_the_document_by_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    document = load("a.txt")
    assert document.origin is not None
    assert document.origin.path == "a.txt"


def test_load_format_overrides_the_suffix(folder: Path) -> None:
    (folder / "page.txt").write_text("<p>书香</p>", encoding="utf-8")
    assert to_markup(load(folder / "page.txt", input_format=InputFormat.HTML)) == "书香\n"
    assert to_markup(load(folder / "page.txt")) == "<p>书香</p>\n"


def test_load_refuses_what_is_no_path() -> None:
    with pytest.raises(TypeError, match=r"load\(\) expects a file path"):
        load(b"a.txt")  # type: ignore[arg-type]


def test_readers_take_text_bytes_and_paths_alike(folder: Path) -> None:
    expected = from_text(ARTICLE)
    assert from_text(folder / "a.txt") == from_text(ARTICLE.encode()) == expected
    json_text = (folder / "a.json").read_text(encoding="utf-8")
    assert from_json(folder / "a.json") == from_json(json_text.encode()) == expected
    html_file = folder / "b.html"
    assert from_html(html_file) == from_html(html_file.read_bytes()) == expected


@pytest.mark.parametrize("reader", [from_text, from_json, from_html, parse])
def test_every_reader_refuses_a_str_that_names_a_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch, reader: object
) -> None:
    monkeypatch.chdir(folder)
    with pytest.raises(PathAsTextError, match=r"use hanzi_annot.load\('a.txt'\) or pass Path"):
        reader("a.txt")  # type: ignore[operator]


def test_parse_is_from_text() -> None:
    assert parse is from_text


def test_read_document_keeps_its_old_home(folder: Path) -> None:
    assert pipeline.read_document is read_document
    assert pipeline.InputFormat is InputFormat
    text = (folder / "a.txt").read_bytes()
    assert read_document(text, name="a.txt") == read_document(folder / "b.html", name="b.html")
