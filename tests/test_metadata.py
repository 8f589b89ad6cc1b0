"""Article metadata: recognition under the title, HA307 notes, JSON, HTML and markup."""

from __future__ import annotations

import json

import attrs
import pytest

from hanzi_annot import (
    Code,
    HtmlOptions,
    Severity,
    from_html,
    from_json,
    parse,
    to_html,
    to_json,
    to_markup,
)
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


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024年5月12日 星期日 来源：人民网", Metadata(published="2024-05-12", source="人民网")),
        ("2024年5月12日（星期日） 来源：新华社", Metadata(published="2024-05-12", source="新华社")),
        ("2024年5月12日 周日", Metadata(published="2024-05-12")),
        (
            "发布时间：2024年5月13日 星期一 作者：张三",
            Metadata(published="2024-05-13", authors=["张三"]),
        ),
    ],
)
def test_weekday_after_the_date(line: str, expected: Metadata) -> None:
    assert recognize_metadata(line) == expected


def test_weekday_that_contradicts_the_date_keeps_the_line() -> None:
    assert recognize_metadata("2024年5月12日 星期一 来源：人民网") is None


def test_impossible_date_keeps_the_line_as_text_with_a_warning() -> None:
    doc = parse(
        "泉州新开书房\n2024-02-30 来源：泉州晚报 作者：林晓\n市民可以看书。\n", path="q.txt"
    )
    assert doc.metadata == Metadata()
    assert [p.text for p in doc.blocks][1] == "2024-02-30 来源：泉州晚报 作者：林晓"
    (note,) = [d for d in doc.diagnostics if d.code is Code.ARTICLE_METADATA]
    assert note.severity is Severity.WARNING
    assert (note.line, note.column) == (2, 1)
    assert "'2024-02-30' is no real date" in note.message


def test_scraped_html_metadata_under_the_title() -> None:
    page = "<h1>标题</h1>\n<p>2024-05-12 来源：人民网</p>\n<p>正文(zhèngwén)在这里。</p>"
    doc = from_html(page, path="p.html")
    assert doc.metadata == Metadata(published="2024-05-12", source="人民网")
    assert [p.text for p in doc.sections[0].paragraphs] == ["正文在这里。"]
    (note,) = doc.diagnostics
    assert (note.code, note.line, note.column) == (Code.ARTICLE_METADATA, 2, 4)


def test_scraped_html_weekday_and_byline_lines() -> None:
    page = (
        "<article><h1>标题</h1><p>2024年5月12日 星期日</p><p>记者 王五 通讯员 赵六</p>"
        "<p>记者从市文化局获悉，新馆下月开放。</p></article>"
    )
    doc = from_html(page)
    assert doc.metadata == Metadata(published="2024-05-12", authors=["王五", "赵六"])
    assert [p.text for p in doc.sections[0].paragraphs] == ["记者从市文化局获悉，新馆下月开放。"]


def test_scraped_html_impossible_date_stays_text() -> None:
    doc = from_html("<h1>标题</h1><p>2024-02-30 来源：人民网</p><p>正文。</p>")
    assert doc.metadata == Metadata()
    assert [p.text for p in doc.sections[0].paragraphs] == ["2024-02-30 来源：人民网", "正文。"]
    assert [d.severity for d in doc.diagnostics] == [Severity.WARNING]


def test_scraped_html_metadata_only_before_headings_and_annotations() -> None:
    doc = from_html("<h1>标题</h1><h2>小节</h2><p>2024-05-12 来源：人民网</p>")
    assert doc.metadata == Metadata()
    doc = from_html("<h1>标题</h1><p>正文(zhèngwén)</p><p>2024-05-12</p>")
    assert doc.metadata == Metadata()


def test_byline_has_no_stray_space() -> None:
    html = to_html(parse("标题\n来源：人民网\n正文。\n"), HtmlOptions(standalone=False))
    assert '<span class="ha-outlet">人民网</span></p>' in html
    html = to_html(parse("标题\n作者：张三、李四\n正文。\n"), HtmlOptions(standalone=False))
    assert '<span class="ha-author">李四</span></p>' in html


def test_metadata_is_true_when_any_field_is_set() -> None:
    assert not Metadata()
    values = {"published": "2024-05-12", "authors": ("张三",), "editors": ("李四",)}
    for field in attrs.fields(Metadata):
        value = values.get(field.name, "x")
        assert Metadata(**{field.name: value}), field.name
