from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hanzi_annot import (
    Annotation,
    CleanOptions,
    Code,
    HtmlOptions,
    MarkupError,
    Paragraph,
    Readings,
    Severity,
    Text,
    parse,
    to_html,
    to_markup,
    to_plain,
)
from hanzi_annot.text.structure import HEADING_MAX_CHARS, find_source, is_heading_shaped

PAGES = Path(__file__).parent / "pages"
SAMPLE = PAGES / "reading_rooms_scraped.txt"
SHARED_SAMPLE = Path(__file__).parents[2] / "shared" / "samples" / "reading_rooms_scraped.txt"

SAMPLE_TITLE = "全民阅读示范城市(区)巡礼福建省泉州市:书香满城 打造城市书房新名片"


def test_sample_copy_matches_the_shared_one():
    if not SHARED_SAMPLE.exists():
        pytest.skip("no shared/ beside the clone")
    assert SAMPLE.read_bytes() == SHARED_SAMPLE.read_bytes()


@pytest.fixture(scope="module")
def sample():
    return parse(SAMPLE)


def test_sample_title_has_no_annotation_and_keeps_its_parentheses(sample):
    assert sample.title.text == SAMPLE_TITLE
    assert sample.title.annotations == ()
    assert all(isinstance(token, Text) for token in sample.title.tokens)


def test_sample_sections(sample):
    headings = [None if s.heading is None else s.heading.text for s in sample.sections]
    assert headings == [
        None,
        "建网络织密城市书房服务网",
        "办活动激发市民阅读热情",
        "强保障擦亮书香泉州金名片",
    ]
    assert [len(s.paragraphs) for s in sample.sections] == [2, 3, 3, 2]
    # headings keep their annotations
    assert [s.heading.annotations[-1].hanzi for s in sample.sections[1:]] == ["网", "热情", "名片"]


def test_sample_source_leaves_the_last_paragraph(sample):
    assert sample.source == "泉州市文化和旅游局"
    last = sample.sections[-1].paragraphs[-1]
    assert last.text.endswith("优质的公共文化服务。")
    assert "旅游局" not in to_markup(last)


def test_sample_first_paragraph_without_the_glued_title(sample):
    first = sample.sections[0].paragraphs[0]
    assert first.text.startswith("泉州是国家历史文化名城")
    assert first.tokens[1] == Annotation("国家", ("guó", "jiā"))


def test_sample_annotations_are_all_correct_readings(sample):
    annotations = list(sample.annotations)
    assert len(annotations) == 25
    readings = Readings()
    for annotation in annotations:
        for unit, syllable in zip(annotation.units, annotation.syllables, strict=True):
            assert syllable.lower() in readings.char_readings(unit[0]), (unit, syllable)
    assert sum(a.hanzi == "温度" for a in annotations) == 1


def test_sample_cleaning_diagnostics(sample):
    cleaning = [(str(d.code), d.line) for d in sample.diagnostics if d.code.code < "HA306"]
    assert cleaning == [
        ("HA301", 2),
        ("HA302", 3),
        ("HA101", 12),
        ("HA304", 17),
        ("HA305", 33),
        ("HA305", 34),
        ("HA305", 35),
        ("HA305", 36),
    ]
    widget = [d.message for d in sample.diagnostics if d.code is Code.BOILERPLATE][-1]
    assert widget == (
        "lines 36-37 (2 lines) follow site furniture (line 33) after the article's end; dropped"
    )
    repeated = next(d for d in sample.diagnostics if d.code is Code.REPEATED_BODY)
    assert repeated.message == "lines 17-31 repeat lines 3-15 (13 paragraphs); dropped"
    assert all(d.severity is Severity.INFO for d in sample.diagnostics)
    assert all(d.path == str(SAMPLE) for d in sample.diagnostics)


def test_sample_spans_point_into_the_original_input(sample):
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    first = sample.sections[0].paragraphs[0]
    assert text[first.span.start : first.span.end] == lines[2][len(SAMPLE_TITLE) :]
    assert sample.origin.locate(first.span.start) == (3, len(SAMPLE_TITLE) + 1)
    last = sample.sections[-1].paragraphs[-1]
    assert text[last.span.start : last.span.end] == lines[14][: -len("(泉州市文化和旅游局)")]
    for paragraph in sample.blocks:
        assert "\n" not in text[paragraph.span.start : paragraph.span.end]
        for annotation in paragraph.annotations:
            assert paragraph.span.start <= annotation.span.start < paragraph.span.end
            assert text[annotation.span.start :].startswith(annotation.hanzi + "(")
    source = next(d for d in sample.diagnostics if d.code is Code.SOURCE_ATTRIBUTION)
    assert text[source.span.start : source.span.end] == "(泉州市文化和旅游局)"
    assert (source.line, source.column) == (15, len(lines[14]) - len("(泉州市文化和旅游局)") + 1)


def test_sample_is_a_fixed_point_of_its_markup(sample):
    again = parse(to_markup(sample))
    assert again == sample
    assert to_markup(again) == to_markup(sample)
    assert [d for d in again.diagnostics if d.code is not Code.SOURCE_ATTRIBUTION] == []


def test_clean_false_keeps_every_line():
    document = parse(SAMPLE, clean=False)
    text = SAMPLE.read_text(encoding="utf-8")
    non_blank = [line for line in text.splitlines() if line.strip()]
    assert document.title.text == SAMPLE_TITLE
    assert 1 + sum((s.heading is not None) + len(s.paragraphs) for s in document.sections) == len(
        non_blank
    )
    assert document.source is None  # the page ends with furniture, not with the source
    assert not [d for d in document.diagnostics if d.code.code.startswith("HA3")]
    assert len(document.annotations) == 25 * 2


def test_clean_options_are_used():
    page = "泉州城市书房开放\n泉州各城市书房今天起恢复开放。\n本站声明\n"
    assert parse(page).sections[0].paragraphs[-1].text == "本站声明"  # short lines stay
    guessed = parse(page, clean=CleanOptions(tail_max_chars=30))
    assert guessed.sections[0].paragraphs[-1].text == "泉州各城市书房今天起恢复开放。"


def test_strict_raises_on_warnings_only():
    with pytest.warns(DeprecationWarning, match="strict"):
        parse(SAMPLE, strict=True)  # only info diagnostics
    with pytest.raises(MarkupError) as caught, pytest.warns(DeprecationWarning, match="strict"):
        parse("书房开放\n书房今天开放,家(guójiā)门口就能读书。\n", strict=True)
    assert [str(d.code) for d in caught.value.diagnostics] == ["HA105"]


def test_diagnostics_of_every_stage_in_document_order():
    page = "书房开放\n书房开放\n书房今天开放,家(guójiā)门口就能读书。\n相关推荐\n"
    document = parse(page, path="page.txt")
    assert [(str(d.code), d.line, d.column) for d in document.diagnostics] == [
        ("HA301", 2, 1),
        ("HA105", 3, 9),
        ("HA305", 4, 1),
    ]


def test_bytes_bom_crlf_and_gb18030_give_the_same_document():
    page = "泉州城市书房开放\r\n泉州各城市书房(shūfáng)今天起恢复开放。\r\n"
    expected = parse(page.replace("\r\n", "\n"))
    assert parse(page.encode()) == expected
    assert parse(b"\xef\xbb\xbf" + page.encode()) == expected
    assert parse(page.encode("gb18030"), encoding="gb18030") == expected
    document = parse(page.encode())
    annotation = document.annotations[0]
    assert document.origin.locate(annotation.span.start) == (2, 6)


def test_path_input_names_the_file(tmp_path):
    page = tmp_path / "书房.txt"
    page.write_text("书房开放\n书房今天开放。\n", encoding="utf-8")
    assert parse(page).origin.path == str(page)
    assert parse(page, path="别名.txt").origin.path == "别名.txt"


def test_empty_and_single_line_inputs():
    empty = parse("")
    assert (empty.title, empty.sections, empty.source) == (None, (), None)
    only = parse("\n  \n泉州城市书房巡礼\n")
    assert only.title is None  # a title needs a body after it
    (section,) = only.sections
    assert section.heading is None
    assert [p.text for p in section.paragraphs] == ["泉州城市书房巡礼"]
    assert section.paragraphs[0].span.start == 4


def test_one_paragraph_of_input_is_a_paragraph_not_a_title():
    document = parse("赣州是全国(quánguó)著名(zhùmíng)的革命老区。")
    assert document.title is None
    (section,) = document.sections
    (paragraph,) = section.paragraphs
    assert [a.hanzi for a in paragraph.annotations] == ["全国", "著名"]
    html = to_html(document, HtmlOptions(standalone=False))
    assert "<p>赣州是" in html
    assert "<h1" not in html
    two = parse("赣州概况\n赣州是全国(quánguó)著名(zhùmíng)的革命老区。")
    assert two.title is not None
    assert two.title.text == "赣州概况"


def test_a_single_paragraph_keeps_its_source():
    document = parse("书房今天开放。(泉州市图书馆)")
    assert (document.title, document.source) == (None, "泉州市图书馆")
    assert [p.text for p in document.paragraphs] == ["书房今天开放。"]


def test_source_on_its_own_line_and_without_body():
    document = parse("书房开放\n书房今天开放。\n(泉州市图书馆)\n")
    assert document.source == "泉州市图书馆"
    assert [p.text for p in document.sections[0].paragraphs] == ["书房今天开放。"]
    alone = parse("书房开放\n\n(泉州市图书馆)\n")
    assert (alone.title, alone.source) == (None, "泉州市图书馆")
    assert [p.text for p in alone.paragraphs] == ["书房开放"]


def test_title_is_never_a_source():
    assert parse("(泉州市图书馆)\n").source is None


def test_heading_rule():
    page = "\n".join(
        [
            "城市书房建设观察",
            "一、建设提速",  # followed by body: a heading
            "全市今年新建书房十二家。",
            "二、服务升级",  # followed by a heading-shaped line: a paragraph
            "三、管理创新",
            "书房引入社会力量参与运营。",
            "结语",  # last line: nothing follows, so a paragraph
        ]
    )
    document = parse(page, clean=False)
    assert [None if s.heading is None else s.heading.text for s in document.sections] == [
        "一、建设提速",
        "三、管理创新",
    ]
    assert [p.text for p in document.sections[0].paragraphs] == [
        "全市今年新建书房十二家。",
        "二、服务升级",
    ]
    assert [p.text for p in document.sections[1].paragraphs] == [
        "书房引入社会力量参与运营。",
        "结语",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("办活动激发市民阅读热情", True),
        ("全民阅读示范城市(区)", True),
        ("效果立竿见影。", False),
        ("他说:“值得。”", False),
        ("主要做法如下:", False),
        ("(完)", False),
        ("", False),
        ("书" * HEADING_MAX_CHARS, True),
        ("书" * (HEADING_MAX_CHARS + 1), False),
    ],
)
def test_heading_shape(text, expected):
    assert is_heading_shaped(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("享受公共文化服务。(泉州市文化和旅游局)", "泉州市文化和旅游局"),
        ("享受公共文化服务。（泉州市文化和旅游局） ", "泉州市文化和旅游局"),
        ("享受公共文化服务(三明市融媒体中心)", "三明市融媒体中心"),
        ("他说:“书房就在家门口。”(林晓燕)", "林晓燕"),
        ("活动将持续至年底。(完)", None),
        ("活动将持续至年底。(未完待续)", None),
        ("数据截至(2022年)", None),
        ("覆盖12个县(市、区)", None),
        ("读者可扫码预约(PM2.5)", None),
        ("书房开放时间为(上午九点)", None),
        ("书房开放时间已经延长。(记者 林晓燕)", None),
        ("全市共有城市书房(泉州市)", None),
        ("没有括号的结尾。", None),
    ],
)
def test_source_rule(text, expected):
    found = find_source(text)
    assert (None if found is None else found[1]) == expected
    if found is not None:
        assert text[found[0]] in "(（"


def test_short_last_line_without_punctuation_is_kept():
    document = parse("城市书房建设观察\n全市今年新建书房十二家。\n结语\n")
    assert "结语" in to_plain(document)
    assert document.diagnostics == ()


# Pieces of paragraph: words, an annotation, clause punctuation, closing marks, groups.
_PIECES = ["活动", "国家(guójiā)", "。", "，", "：", " ", "(完)", "）", "”", "(泉州)", "、"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_heading_shape_told_by_the_end_agrees_with_the_text(parts: list[str]) -> None:
    from hanzi_annot.text.inline import parse_inline
    from hanzi_annot.text.structure import _heading_shaped

    paragraph = Paragraph(parse_inline("".join(parts)).tokens)
    assert _heading_shaped(paragraph) == is_heading_shaped(paragraph.text)
