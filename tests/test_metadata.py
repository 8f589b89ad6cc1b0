"""Article metadata: recognition under the title, HA307 notes, JSON, HTML and markup."""

from __future__ import annotations

import json

import attrs
import pytest

from hanzi_annot import Code, from_html, from_json, parse, to_html, to_json, to_markup
from hanzi_annot.corpus.pipeline import PipelineOptions, jsonl_input, run_pipeline
from hanzi_annot.model import Metadata
from hanzi_annot.text.metadata import recognize_metadata

PAGE = (
    "厦门新建三座社区图书馆\n"
    "2024-05-12 09:30 来源:厦门日报 作者:陈晓明\n"
    "记者 林海 通讯员 黄佳\n"
    "厦门市今年新建三座社区图书馆(túshūguǎn),方便市民就近借阅。\n"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "2024-05-12 09:30 来源:人民网 作者:张三",
            Metadata(published="2024-05-12T09:30", authors=["张三"], source="人民网"),
        ),
        ("记者 王五 通讯员 赵六", Metadata(authors=["王五", "赵六"])),
        ("发布时间：2024年5月12日 09:30", Metadata(published="2024-05-12T09:30")),
        ("发布时间:2024年5月12日", Metadata(published="2024-05-12")),
        ("来源：新华社", Metadata(source="新华社")),
        ("作者：张三、李四", Metadata(authors=["张三", "李四"])),
        ("编辑：李四", Metadata(editors=["李四"])),
        ("责任编辑:王芳", Metadata(editors=["王芳"])),
        ("2023/11/03 18:05:09", Metadata(published="2023-11-03T18:05:09")),
        ("日期：2024.1.5 | 来源：福建日报", Metadata(published="2024-01-05", source="福建日报")),
    ],
)
def test_recognized_lines(line: str, expected: Metadata) -> None:
    assert recognize_metadata(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "记者从市文化局获悉，新馆下月开放。",
        "2024-13-40 来源:人民网",  # no such date
        "2024-05-12 25:10",  # no such time
        "来源：",  # nothing after the label
        "来源：人民网，经授权转载。",
        "泉州是国家历史文化名城",
        "作者：张三 今天发布了新书",  # more than names after the label
        "",
    ],
)
def test_unrecognized_lines_stay_text(line: str) -> None:
    assert recognize_metadata(line) is None


def test_lines_under_the_title_become_metadata_with_notes() -> None:
    doc = parse(PAGE, path="xm.txt")
    assert doc.metadata == Metadata(
        published="2024-05-12T09:30", authors=["陈晓明", "林海", "黄佳"], source="厦门日报"
    )
    notes = [d for d in doc.diagnostics if d.code is Code.ARTICLE_METADATA]
    assert [(d.line, d.column) for d in notes] == [(2, 1), (3, 1)]
    assert "'记者 林海 通讯员 黄佳'" in notes[1].message
    assert str(notes[0]).startswith("xm.txt:2:1: HA307 '2024-05-12 09:30 来源:厦门日报")
    paragraphs = [p.text for s in doc.sections for p in s.paragraphs]
    assert paragraphs == ["厦门市今年新建三座社区图书馆,方便市民就近借阅。"]


def test_metadata_only_right_under_the_title() -> None:
    doc = parse("标题\n市民踊跃借阅新书。\n来源：新华社\n", clean=False)
    assert not doc.metadata
    assert [p.text for p in doc.sections[0].paragraphs] == ["市民踊跃借阅新书。", "来源：新华社"]


def test_json_carries_metadata() -> None:
    doc = parse(PAGE)
    data = json.loads(to_json(doc))
    assert data["metadata"]["published"] == "2024-05-12T09:30"
    assert data["metadata"]["authors"] == ["陈晓明", "林海", "黄佳"]
    assert from_json(to_json(doc)).metadata == doc.metadata


def test_old_json_without_metadata_reads() -> None:
    doc = from_json('{"format": "hanzi_annot.document", "version": 1, "sections": []}')
    assert doc.metadata == Metadata()


def test_markup_writes_metadata_back_under_the_title() -> None:
    doc = parse(PAGE)
    assert parse(to_markup(doc)) == doc


def test_html_time_and_byline_round_trip() -> None:
    doc = attrs.evolve(
        parse(PAGE),
        metadata=attrs.evolve(parse(PAGE).metadata, url="https://example.cn/a?x=1&y=<2>"),
    )
    html = to_html(doc)
    assert '<time datetime="2024-05-12T09:30">2024-05-12 09:30</time>' in html
    assert '<span class="ha-author">陈晓明</span>' in html
    assert "&amp;y=&lt;2&gt;" in html
    back = from_html(html)
    assert back == doc
    assert back.metadata.url == "https://example.cn/a?x=1&y=<2>"


def test_html_canonical_and_og_url() -> None:
    canonical = '<html><head><link rel="canonical" href="https://a.cn/1"></head><p>好。</p></html>'
    og = '<html><head><meta property="og:url" content="https://b.cn/2"></head><p>好。</p></html>'
    assert from_html(canonical).metadata.url == "https://a.cn/1"
    assert from_html(og).metadata.url == "https://b.cn/2"
    assert from_html("<p>好。</p>").metadata.url is None


def test_jsonl_url_field(tmp_path: pytest.TempPathFactory) -> None:
    record = json.dumps({"text": "标题\n正文。", "url": "https://c.cn/3"}, ensure_ascii=False)
    item = jsonl_input(record, "corpus.jsonl:1")
    assert item.url == "https://c.cn/3"
    (result,) = run_pipeline([item], PipelineOptions(validate=False))
    assert result.document is not None
    assert result.document.metadata.url == "https://c.cn/3"
