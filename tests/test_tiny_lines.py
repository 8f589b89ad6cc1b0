"""Pages of many short lines: copies in a row are one finding; lines are held compactly."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanzi_annot import (
    Code,
    LineIndex,
    apply_fixes,
    clean_lines,
    from_json,
    parse,
    split_lines,
    to_json,
    to_markup,
)
from hanzi_annot.model import same_positions
from hanzi_annot.text import structure
from hanzi_annot.text.clean import drop_boilerplate, drop_repeats, drop_title_copies
from hanzi_annot.text.decode import Line
from hanzi_annot.text.lines import LineTable

TITLE = "赣州新建十座城市书房"
LONG = "今年以来,赣州市在社区和公园新建城市书房十座,总面积超过两千平方米。"
OTHER = "新书房全部实行自助借还,每天开放到晚上十点,节假日照常开放。"
LAST = "市民纷纷表示,家门口的书房让读书这件事变得更方便了。"


def messages(document):
    return [d.message for d in document.diagnostics]


def test_a_line_pasted_many_times_is_one_finding_naming_the_original():
    document = parse(f"{TITLE}\n" + "国\n" * 1000)
    (finding,) = document.diagnostics
    assert finding.code is Code.REPEATED_PARAGRAPH
    assert finding.message == "lines 3-1001 (999 copies) repeat line 2; dropped"
    assert (finding.line, finding.column) == (3, 1)
    text = f"{TITLE}\n" + "国\n" * 1000
    assert text[finding.span.start : finding.span.end] == "\n".join(["国"] * 999)
    assert [p.text for p in document.paragraphs] == ["国"]


def test_copies_in_a_row_with_blank_lines_between_are_one_run_and_the_blanks_stay():
    page = f"{TITLE}\n{LONG}\n\n{LONG}\n\n  {LONG} \n{OTHER}\n"
    result = clean_lines(split_lines(page))
    (finding,) = result.diagnostics
    assert finding.message == "lines 4-6 (2 copies) repeat line 2; dropped"
    assert [line.number for line in result.lines] == [1, 2, 3, 5, 7]


def test_a_copy_that_is_not_in_a_row_is_reported_on_its_own():
    page = f"{TITLE}\n{LONG}\n{OTHER}\n{LONG}\n{LAST}\n{LONG}\n{LONG}\n"
    assert messages(parse(page)) == [
        "line 4 repeats line 2; dropped",
        "lines 6-7 (2 copies) repeat line 2; dropped",
    ]


def test_a_run_of_other_lines_ends_the_run_of_copies():
    page = f"{TITLE}\n{LONG}\n{OTHER}\n{LONG}\n{LONG}\n{LONG}\n{OTHER}\n{LAST}\n"
    assert messages(parse(page)) == [
        "lines 4-5 (2 copies) repeat line 2; dropped",
        "lines 6-7 repeat lines 2-3 (2 paragraphs); dropped",
    ]


def test_a_body_pasted_again_and_again_is_one_finding():
    body = f"{LONG}\n{OTHER}\n{LAST}\n"
    document = parse(f"{TITLE}\n" + body * 4)
    (finding,) = document.diagnostics
    assert finding.code is Code.REPEATED_BODY
    assert finding.message == "lines 5-13 (3 copies) repeat lines 2-4 (3 paragraphs); dropped"
    assert [p.text for p in document.paragraphs] == [LONG, OTHER, LAST]


def test_copies_of_different_lines_with_the_same_ends_are_not_merged():
    lines = [f"第{n}段正文写得很长很长很长很长很长很长。" for n in "一二三四五"]
    first, second = [lines[0], lines[1], lines[4]], [lines[0], lines[3], lines[4]]
    found = drop_repeats(split_lines("\n".join([TITLE, *lines, *first, *second])))
    assert [d.message for d in found.diagnostics] == [
        "lines 7-9 repeat lines 2-6 (3 paragraphs); dropped",
        "lines 10-12 repeat lines 2-6 (3 paragraphs); dropped",
    ]


def test_title_copies_in_a_row_are_one_finding_and_a_kept_line_ends_the_run():
    page = f"{TITLE}\n{TITLE}\n\n{TITLE}\n{LONG}\n{TITLE}\n{OTHER}\n"
    result = drop_title_copies(split_lines(page), path="page.txt")
    assert [str(d) for d in result.diagnostics] == [
        "page.txt:2:1: HA301 lines 2-4 (2 copies) repeat the title (line 1); dropped",
        "page.txt:6:1: HA301 line 6 repeats the title (line 1); dropped",
    ]


def test_a_page_of_nothing_but_title_copies_keeps_the_last_as_its_body():
    document = parse(f"{TITLE}\n" * 500)
    assert document.title.text == TITLE
    assert [p.text for p in document.paragraphs] == [TITLE]
    (finding,) = document.diagnostics
    assert finding.message == "lines 2-499 (498 copies) repeat the title (line 1); dropped"


def test_a_short_line_said_many_times_in_a_row_stays():
    page = f"{TITLE}\n{LONG}\n“好。”\n“好。”\n“好。”\n{OTHER}\n"
    document = parse(page)
    assert document.diagnostics == ()
    assert [p.text for p in document.paragraphs].count("“好。”") == 3


def test_fixes_still_apply_beside_a_merged_finding():
    document = parse(f"{TITLE}\n他很著名(zhūmíng)。\n" + f"{LONG}\n" * 50)
    assert messages(document) == ["lines 4-52 (49 copies) repeat line 3; dropped"]
    fixed = apply_fixes(document)
    assert to_markup(fixed.document).splitlines()[:3] == [TITLE, "", "他很著名(zhùmíng)。"]
    assert [(c.before, c.after) for c in fixed.changes] == [("zhūmíng", "zhùmíng")]


# --- LineTable ----------------------------------------------------------------

_text = st.text(alphabet="国家 \r\n书房。", max_size=60)


@settings(max_examples=200, deadline=None)
@given(_text)
def test_a_table_holds_the_lines_split_lines_gives(text):
    table = LineTable.of(text)
    assert list(table) == list(split_lines(text))
    assert len(table) == len(split_lines(text))
    assert [table[i] for i in range(-len(table), len(table))] == list(split_lines(text)) * 2


_BYLINE = "发布时间：2024-05-12 09:30 来源：赣南日报 作者：张三"
_SOURCED = f"{LAST}(赣州市文化广电新闻出版旅游局)"
_PAGE_LINES = ["", " ", TITLE, LONG, OTHER, LAST, "国", "“好。”", "相关推荐", "上一篇"]
_page_line = st.sampled_from([*_PAGE_LINES, f"{TITLE}{LONG}", _BYLINE, _SOURCED, "(完)"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_page_line, max_size=30))
def test_cleaning_a_table_gives_what_cleaning_the_tuple_gives(lines):
    text = "\n".join(lines)
    table, plain = LineTable.of(text), split_lines(text)
    for step in (drop_title_copies, drop_repeats, drop_boilerplate, clean_lines):
        compact, tupled = step(table), step(plain)
        assert isinstance(compact.lines, LineTable)
        assert isinstance(tupled.lines, tuple)
        assert list(compact.lines) == list(tupled.lines)
        assert compact.diagnostics == tupled.diagnostics


def test_a_table_refuses_a_line_that_is_not_the_text_at_its_offsets():
    table = LineTable("国家,书房")
    table.append(Line(1, 0, 2, "国家"))
    with pytest.raises(ValueError, match="line 1 is not the text at its offsets"):
        table.append(Line(1, 2, 3, "，"))
    assert list(table) == [Line(1, 0, 2, "国家")]


def test_tables_compare_by_their_lines():
    text = "标题\n正文。\n"
    assert LineTable.of(text) == LineTable.of(text)
    assert LineTable.of(text)[1:] == LineTable.collect(text, split_lines(text)[1:])
    assert LineTable.of(text) != LineTable.of("标题\n正文!\n")
    assert LineTable.of(text) != split_lines(text)
    assert repr(LineTable.of(text)) == "<LineTable of 2 lines>"
    assert LineTable.of(text).source is text
    with pytest.raises(TypeError):
        hash(LineTable.of(text))


def test_a_line_index_survives_json_and_compares_by_value():
    text = "标题\n\n正文(zhèngwén)。\r\n结尾。"
    document = parse(text)
    again = from_json(to_json(document))
    assert again.origin.lines == document.origin.lines == LineIndex.of(text)
    assert list(document.origin.lines.line_starts) == [0, 3, 4, 19]
    assert hash(LineIndex.of(text)) == hash(LineIndex.of(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(_page_line, max_size=30))
def test_parse_reads_the_same_document_from_a_table_and_from_line_objects(lines):
    text = "\n".join(lines)
    documents = []
    for smallest in (0, 10**9):  # every input a table; no input a table
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(structure, "TABLE_MIN_LINES", smallest)
            documents.append(parse(text))
    table, objects = documents
    assert same_positions(table, objects)
    assert table.diagnostics == objects.diagnostics
    assert table.metadata == objects.metadata
    assert table.source == objects.source


def test_a_long_page_with_a_byline_and_a_source_reads_as_a_short_one():
    lines = [TITLE, _BYLINE, LONG, *(f"{OTHER}{n}" for n in range(2000))]
    lines.append(_SOURCED)
    document = parse("\n".join(lines))
    assert document.metadata.authors == ("张三",)
    assert document.source == "赣州市文化广电新闻出版旅游局"
    assert [p.text for p in document.paragraphs][:2] == [LONG, f"{OTHER}0"]
    assert document.paragraphs[-1].text == LAST
    assert len(document.paragraphs) == 2002


def test_a_long_input_is_cleaned_as_a_table(monkeypatch):
    seen = []
    clean = structure.clean_lines
    monkeypatch.setattr(
        structure, "clean_lines", lambda lines, *a, **k: seen.append(lines) or clean(lines, *a, **k)
    )
    parse(f"{TITLE}\n" + "国\n" * (structure.TABLE_MIN_LINES - 1))
    parse(f"{TITLE}\n" + "国\n" * (structure.TABLE_MIN_LINES - 3))
    assert [type(lines) for lines in seen] == [LineTable, tuple]


def test_a_line_index_keeps_offsets_too_big_for_machine_integers():
    index = LineIndex((0, 10**20), 10**21)
    assert index.locate(10**20 + 4) == (2, 5)
    assert list(index.line_starts) == [0, 10**20]
    assert index == LineIndex([0, 10**20], 10**21)


def test_a_widgets_entries_in_a_row_are_one_finding():
    entries = "".join(f"城市书房第{n}期活动回顾\n" for n in range(1, 6))
    page = f"{TITLE}\n\n{LONG}\n相关推荐\n{entries}\n评论列表\n网友甲说得很好\n"
    found = [d for d in parse(page).diagnostics if d.code is Code.BOILERPLATE]
    assert [(d.line, d.message) for d in found] == [
        (4, "line 4 opens with furniture wording (相关推荐) after the article's end; dropped"),
        (
            5,
            "lines 5-9 (5 lines) follow site furniture (line 4) after the article's end; dropped",
        ),
        (11, "line 11 opens with furniture wording (评论列表) after the article's end; dropped"),
        (12, "line 12 follows site furniture (line 4) after the article's end; dropped"),
    ]
    assert found[1].span is not None
    assert page[found[1].span.start : found[1].span.end] == entries.rstrip("\n")
