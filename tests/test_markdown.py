"""Markdown: ruby that markdown-it-py renders back as written, and the brace syntax read back."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from hanzi_annot import (
    Code,
    Document,
    HtmlOptions,
    Paragraph,
    Section,
    Text,
    load,
    to_html,
    to_plain,
    validate,
)
from hanzi_annot.cli.main import main
from hanzi_annot.corpus.load import InputFormat, read_document
from hanzi_annot.html.markdown import escape_markdown, from_markdown, to_markdown
from tests.strategies import documents
from tests.writers import STRESS, all_documents, read, run_cli

RUBY_RE = re.compile(r"<ruby>.*?</ruby>")


@pytest.mark.parametrize("document", all_documents(), ids=lambda d: d.title.text[:8])
def test_markdown_it_renders_the_same_ruby(document: Document) -> None:
    rendered = MarkdownIt("commonmark").render(to_markdown(document, ruby="html"))
    expected = to_html(document, HtmlOptions(standalone=False))
    assert RUBY_RE.findall(rendered) == RUBY_RE.findall(expected)
    texts = []
    for block in lxml.html.fragments_fromstring(rendered):
        for element in list(block.iter("rt", "rp")):
            element.drop_tree()
        texts.append(block.text_content())
    assert texts == [line for line in to_plain(document).splitlines() if line]


@pytest.mark.parametrize("document", all_documents(), ids=lambda d: d.title.text[:8])
def test_denden_reads_back_to_the_same_document(document: Document) -> None:
    back = from_markdown(to_markdown(document, ruby="denden"))
    assert back == document
    assert not [d for d in back.diagnostics if d.code.code < "HA300"]


def test_stress_page_escapes_markdown_specials() -> None:
    markdown = to_markdown(read(STRESS), ruby="denden")
    assert markdown.startswith("# 社区书屋\\<新\\>开放 \\& “{一点儿|yīdiǎnr}”变化\n")
    assert "请把书放回\\*原处\\*,别把\\{书架\\}弄乱\\|谢谢。" in markdown
    assert "{东西|dōng|xi}" in markdown
    assert "{銀行|yín|háng}" in markdown
    assert markdown.rstrip().endswith("(泉州市图书馆)")
    rendered = MarkdownIt("commonmark").render(markdown)
    assert "<em>" not in rendered
    assert "社区书屋&lt;新&gt;开放 &amp;" in rendered


def test_line_start_escapes() -> None:
    assert escape_markdown("# 不是标题", line_start=True) == "\\# 不是标题"
    assert escape_markdown("2024. 年度", line_start=True) == "2024\\. 年度"
    assert escape_markdown("- 列表", line_start=True) == "\\- 列表"
    assert escape_markdown("a-b", line_start=True) == "a-b"
    document = Document(None, [Section(None, [Paragraph([Text("1. 第一条")])])])
    rendered = MarkdownIt("commonmark").render(to_markdown(document))
    assert rendered == "<p>1. 第一条</p>\n"


def test_empty_document() -> None:
    assert to_markdown(Document(None, ())) == ""
    assert from_markdown("") == Document(None, ())


def test_reader_positions_and_bad_ruby() -> None:
    source = "# 标题\n\n## 小标题\n\n他在{银行|yín|xíng}上班,{国家|guó}很大。\n"
    document = from_markdown(source, path="post.md")
    (annotation,) = document.annotations
    assert annotation.syllables == ("yín", "xíng")
    assert document.sections[0].heading.text == "小标题"
    (bad,) = [d for d in document.diagnostics if d.code is Code.RUBY_MISMATCH]
    assert (bad.line, bad.column) == (5, 19)
    assert "{国家|guó}" in document.sections[0].paragraphs[0].text
    (wrong,) = [d for d in validate(document) if d.code is Code.WRONG_IN_WORD]
    assert str(wrong).startswith("post.md:5:5: HA203 行 is read háng")


def test_reader_group_ruby_erhua_and_inline_markup() -> None:
    document = from_markdown("# 题\n\n{一点儿|yīdiǎnr}和{方案|fāngàn}与国家(guójiā)\n")
    assert [a.syllables for a in document.annotations] == [
        ("yī", "diǎnr"),
        ("fāng", "àn"),
        ("guó", "jiā"),
    ]


def test_reader_metadata_and_source() -> None:
    document = from_markdown("# 题\n\n来源：新华社 作者：张三\n\n正文。(泉州市文化和旅游局)\n")
    assert document.metadata.source == "新华社"
    assert document.source == "泉州市文化和旅游局"
    assert document.sections[0].paragraphs[0].text == "正文。"


SPECIALS = "\\`*_[]<>{}|!~&#-+=1. "


@st.composite
def markdown_documents(draw: st.DrawFn) -> Document:
    """Documents whose text also holds every character Markdown reads as markup."""
    document = draw(documents())
    noisy = st.text(alphabet=SPECIALS + "书香", min_size=1, max_size=6)

    def salt(paragraph: Paragraph) -> Paragraph:
        head = Text("书" + draw(noisy) + "书")  # a line never starts with spaces
        tokens = list(paragraph.tokens)
        if isinstance(tokens[0], Text):
            tokens[0] = Text(head.text + tokens[0].text)
        else:
            tokens.insert(0, head)
        return Paragraph(tokens)

    sections = [Section(s.heading, [salt(p) for p in s.paragraphs]) for s in document.sections]
    return Document(document.title, sections)


@settings(max_examples=40, deadline=None)
@given(document=markdown_documents())
def test_denden_round_trip_property(document: Document) -> None:
    assert from_markdown(to_markdown(document, ruby="denden")) == document


@settings(max_examples=25, deadline=None)
@given(document=markdown_documents())
def test_html_ruby_and_text_survive_markdown_it(document: Document) -> None:
    rendered = MarkdownIt("commonmark").render(to_markdown(document))
    expected = to_html(document, HtmlOptions(standalone=False))
    assert RUBY_RE.findall(rendered) == RUBY_RE.findall(expected)
    texts = []
    for block in lxml.html.fragments_fromstring(rendered):
        for element in list(block.iter("rt", "rp")):
            element.drop_tree()
        texts.append(block.text_content())
    assert texts == [line for line in to_plain(document).splitlines() if line]


MD_PAGE = "# 银行新规\n\n他在{银行|yín|xíng}工作，{行长|háng|zhǎng}也来了。\n"


def test_from_markdown_reads_a_path_and_names_it(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(MD_PAGE, encoding="utf-8")
    doc = from_markdown(page)
    assert doc.origin is not None
    assert doc.origin.path == str(page)
    assert [a.hanzi for a in doc.annotations] == ["银行", "行长"]
    assert from_markdown(MD_PAGE.encode("gb18030"), encoding="gb18030") == doc
    assert from_markdown(page, path="shown.md").origin.path == "shown.md"  # type: ignore[union-attr]


def test_from_markdown_refuses_other_types() -> None:
    with pytest.raises(TypeError, match="expected text"):
        from_markdown(3)  # type: ignore[arg-type]


def test_load_and_read_document_pick_markdown_by_suffix(tmp_path: Path) -> None:
    for name in ("page.md", "page.markdown"):
        path = tmp_path / name
        path.write_text(MD_PAGE, encoding="utf-8")
        doc = load(path)
        assert doc.annotations[0].syllables == ("yín", "xíng")
        assert doc.origin is not None
        assert doc.origin.path == str(path)
    as_text = load(tmp_path / "page.md", input_format=InputFormat.TEXT)
    assert not as_text.annotations  # the brace syntax is no inline markup
    forced = read_document(MD_PAGE, name="notes.txt", input_format=InputFormat.MARKDOWN)
    assert len(forced.annotations) == 2


def test_check_reports_ha203_in_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p.md").write_text(MD_PAGE, encoding="utf-8")
    findings = [d for d in validate(load(tmp_path / "p.md")) if d.code is Code.WRONG_IN_WORD]
    assert [(d.line, d.column) for d in findings] == [(3, 5)]
    done = run_cli("check", "p.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "3:5" in done.stdout
    assert "HA203" in done.stdout
    (tmp_path / "p.txt").write_text(MD_PAGE, encoding="utf-8")
    assert main(["check", "--from", "markdown", str(tmp_path / "p.txt")]) == 1
    assert "HA203" in capsys.readouterr().out
    assert main(["check", str(tmp_path / "p.txt")]) == 0  # as text: no annotations


def test_to_markdown_refuses_text() -> None:
    with pytest.raises(TypeError, match=r"to_markdown\(\) expects a Document, not str"):
        to_markdown("国家(guójiā)")  # type: ignore[arg-type]
