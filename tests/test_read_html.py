"""from_html: ruby in every common shape, inline-annotated pages, page structure, bad ruby."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_annot import (
    Code,
    Document,
    HanziAnnotError,
    HtmlOptions,
    InputDecodeError,
    InvalidTextError,
    Notation,
    PathAsTextError,
    from_html,
    parse,
    to_html,
    to_markup,
    validate,
)


def body_markup(html: str) -> str:
    """The first paragraph of the page, written back as inline markup."""
    doc = from_html(html)
    return to_markup(doc.sections[0].paragraphs[0])


CASES = [
    (
        "per character, with rp",
        "<p>泉州是<ruby>国<rp>(</rp><rt>guó</rt><rp>)</rp>家<rp>(</rp><rt>jiā</rt><rp>)</rp>"
        "</ruby>历史文化名城</p>",
        "泉州是国家(guójiā)历史文化名城",
    ),
    (
        "per character, no rp",
        "<p><ruby>读<rt>dú</rt>者<rt>zhě</rt></ruby>超过三万人次</p>",
        "读者(dúzhě)超过三万人次",
    ),
    (
        "per word",
        "<p>每年安排<ruby>经费<rt>jīngfèi</rt></ruby>支持</p>",
        "每年安排经费(jīngfèi)支持",
    ),
    (
        "per word with an apostrophe",
        "<p>出台<ruby>方案<rt>fāng'àn</rt></ruby></p>",
        "出台方案(fāng'àn)",
    ),
    (
        "per word, toneless run split by the characters",
        "<p>出台<ruby>方案<rt>fang1an4</rt></ruby></p>",
        "出台方案(fāng'àn)",
    ),
    (
        "rb elements",
        "<p><ruby><rb>管</rb><rb>理</rb><rp>(</rp><rt>guǎn</rt><rt>lǐ</rt><rp>)</rp></ruby>办法</p>",
        "管理(guǎnlǐ)办法",
    ),
    (
        "rb elements under one rt",
        "<p><ruby><rb>平</rb><rb>台</rb><rt>píngtái</rt></ruby>建设</p>",
        "平台(píngtái)建设",
    ),
    (
        "rtc container",
        "<p><ruby>热情<rtc><rt>rè</rt><rt>qíng</rt></rtc></ruby>服务</p>",
        "热情(rèqíng)服务",
    ),
    (
        "ruby nested in inline elements",
        '<p><span class="hl"><b><a href="#x"><ruby>继<rt>jì</rt>续<rt>xù</rt></ruby></a></b>'
        "</span>推进</p>",
        "继续(jìxù)推进",
    ),
    (
        "erhua under one rt",
        "<p>近<ruby>一<rt>yī</rt>点儿<rt>diǎnr</rt></ruby></p>",
        "近一点儿(yīdiǎnr)",
    ),
    (
        "tone numbers",
        "<p><ruby>绿<rt>lv4</rt></ruby>色</p>",
        "绿(lǜ)色",
    ),
    (
        "zhuyin",
        "<p><ruby>国<rt>ㄍㄨㄛˊ</rt>家<rt>ㄐㄧㄚ</rt></ruby>的<ruby>书<rt>ㄕㄨ</rt></ruby></p>",
        "国家(guójiā)的书(shū)",
    ),
    (
        "formatting whitespace inside ruby",
        "<p>\n  <ruby>\n    累<rt>lěi</rt>\n    计<rt>jì</rt>\n  </ruby>服务\n</p>",
        "累计(lěijì)服务",
    ),
    (
        "capitals kept",
        "<p>福建<ruby>泉州<rt>Quánzhōu</rt></ruby></p>",
        "福建泉州(Quánzhōu)",
    ),
    (
        "inline annotations in a paragraph without ruby",
        "<p>泉州是国家(guójiā)历史文化名城，覆盖12个县(市、区(qū))。</p>",
        "泉州是国家(guójiā)历史文化名城，覆盖12个县(市、区(qū))。",
    ),
    (
        "line break",
        "<p><ruby>市<rt>shì</rt></ruby>图书馆<br>联合高校</p>",
        "市(shì)图书馆\n联合高校",
    ),
]


@pytest.mark.parametrize(("html", "markup"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_ruby_shapes(html: str, markup: str) -> None:
    assert body_markup(html) == markup


def test_separate_rubies_stay_separate_annotations() -> None:
    doc = from_html("<p><ruby>汉<rt>hàn</rt></ruby><ruby>字<rt>zì</rt></ruby></p>")
    assert [a.hanzi for a in doc.annotations] == ["汉", "字"]


PINYIN_PRO = """\
<div class="reader">
<span class="py-result-item">
  <ruby>
    <span class="py-chinese-item">阅</span>
    <rp>(</rp>
    <rt class="py-pinyin-item">yuè</rt>
    <rp>)</rp>
  </ruby>
</span>
<span class="py-result-item">
  <ruby>
    <span class="py-chinese-item">读</span>
    <rp>(</rp>
    <rt class="py-pinyin-item">dú</rt>
    <rp>)</rp>
  </ruby>
</span><span class="py-non-chinese-item">，</span><span class="py-result-item"><ruby><span
class="py-chinese-item">书</span><rp>(</rp><rt class="py-pinyin-item">shū</rt><rp>)</rp>
</ruby></span><span class="py-result-item"><ruby><span class="py-chinese-item">香</span>
<rp>(</rp><rt class="py-pinyin-item">xiāng</rt><rp>)</rp></ruby></span>
</div>
"""


def test_pinyin_pro_html_output() -> None:
    doc = from_html(PINYIN_PRO)
    (paragraph,) = doc.sections[0].paragraphs
    assert [(a.hanzi, a.syllables) for a in paragraph.annotations] == [
        ("阅", ("yuè",)),
        ("读", ("dú",)),
        ("书", ("shū",)),
        ("香", ("xiāng",)),
    ]
    assert paragraph.text.replace("\n", "").replace(" ", "") == "阅读，书香"
    assert doc.diagnostics == ()


def test_pinyin_pro_tone_numbers() -> None:
    html = (
        '<span class="py-result-item"><ruby><span class="py-chinese-item">书</span>'
        '<rp>(</rp><rt class="py-pinyin-item">shu1</rt><rp>)</rp></ruby></span>'
    )
    assert [a.syllables for a in from_html(html).annotations] == [("shū",)]


PAGE = """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>站点标题</title>
<style>p { color: red }</style><script>var x = "<p>脚本</p>";</script></head>
<body>
<nav><a href="/">首页</a> <a href="/news">新闻</a></nav>
<article>
  <h1>书香满城 打造城市书房新名片</h1>
  <p>泉州是<ruby>国家<rt>guójiā</rt></ruby>历史文化名城。</p>
  <!-- 编辑注释 -->
  <h2>办活动激发市民阅读<ruby>热情<rt>rèqíng</rt></ruby></h2>
  <p>各书房常态化开展读书分享会。</p>
  <div><p>全年举办活动三千余场。</p></div>
  <h3>强保障</h3>
  <p>出台管理办法。</p>
  <aside>相关推荐</aside>
  <footer>来源：泉州市文化和旅游局</footer>
</article>
<footer>版权所有</footer>
</body></html>
"""


def test_page_structure() -> None:
    doc = from_html(PAGE, path="page.html")
    assert to_markup(doc).splitlines() == [
        "书香满城 打造城市书房新名片",
        "",
        "泉州是国家(guójiā)历史文化名城。",
        "",
        "办活动激发市民阅读热情(rèqíng)",
        "各书房常态化开展读书分享会。",
        "全年举办活动三千余场。",
        "",
        "强保障",
        "出台管理办法。(泉州市文化和旅游局)",
    ]
    assert doc.source == "泉州市文化和旅游局"
    assert doc.origin is not None
    assert doc.origin.path == "page.html"


@pytest.mark.parametrize(
    "footer", ["（泉州市文化和旅游局）", "(泉州市文化和旅游局)", "来源:泉州市文化和旅游局"]
)
def test_footer_forms(footer: str) -> None:
    assert from_html(f"<p>正文。</p><footer>{footer}</footer>").source == "泉州市文化和旅游局"


def test_main_then_body_are_read_when_there_is_no_article() -> None:
    assert from_html("<header>头部</header><main><p>正文。</p></main>").sections[0].paragraphs[
        0
    ].text == ("正文。")
    loose = from_html("<body>散落的文字<p>段落。</p>结尾文字</body>")
    assert [p.text for p in loose.sections[0].paragraphs] == ["散落的文字", "段落。", "结尾文字"]


def test_sections_and_untitled_sections() -> None:
    html = (
        "<article><h1>标题</h1><div class='ha-section'><p>开头。</p></div>"
        "<section><h2>小标题</h2><p>内容。</p></section>"
        "<div class='ha-section'><p>另一节。</p></div></article>"
    )
    doc = from_html(html)
    assert doc.title is not None
    assert [(s.heading.text if s.heading else None, len(s.paragraphs)) for s in doc.sections] == [
        (None, 1),
        ("小标题", 1),
        (None, 1),
    ]


def test_second_h1_is_a_section_heading() -> None:
    doc = from_html("<h1>标题</h1><p>正文。</p><h1>第二部分</h1><p>更多。</p>")
    assert doc.title is not None
    assert doc.sections[1].heading is not None
    assert doc.sections[1].heading.text == "第二部分"


def test_empty_input() -> None:
    assert from_html("") == Document(None, ())
    assert from_html(b"  \n") == Document(None, ())
    assert from_html("<p>  </p><h2> </h2>") == Document(None, ())


def codes(html: str) -> list[Code]:
    return [d.code for d in from_html(html).diagnostics]


def test_rt_without_base_is_kept_and_reported() -> None:
    html = "<p>说明\n<ruby><rt>guó</rt></ruby>结束</p>"
    doc = from_html(html)
    assert doc.sections[0].paragraphs[0].text == "说明\n(guó)结束"
    (diagnostic,) = doc.diagnostics
    assert diagnostic.code is Code.RT_WITHOUT_BASE
    assert (diagnostic.line, diagnostic.column) == (2, 1)


def test_stray_rt_outside_ruby() -> None:
    doc = from_html("<p>国<rt>guó</rt>家</p>")
    assert doc.sections[0].paragraphs[0].text == "国(guó)家"
    assert [d.code for d in doc.diagnostics] == [Code.RT_WITHOUT_BASE]


def test_more_rt_than_characters_is_kept_and_reported() -> None:
    doc = from_html("<p><ruby>国<rt>guó</rt><rt>jiā</rt><rt>ren</rt></ruby></p>")
    assert doc.sections[0].paragraphs[0].text == "国(guó jiā ren)"
    assert [d.code for d in doc.diagnostics] == [Code.RUBY_MISMATCH]
    doc = from_html("<p><ruby><rb>国</rb><rt>guó</rt><rt>jiā</rt></ruby></p>")
    assert [d.code for d in doc.diagnostics] == [Code.RUBY_MISMATCH]


def test_syllables_that_do_not_pair_are_kept_and_reported() -> None:
    doc = from_html("<p><ruby>国家<rt>guó</rt></ruby>政策</p>")
    assert doc.sections[0].paragraphs[0].text == "国家(guó)政策"
    assert [d.code for d in doc.diagnostics] == [Code.RUBY_MISMATCH]


def test_several_rt_over_one_base_pair_by_character() -> None:
    assert body_markup("<p><ruby>国家<rt>guó</rt><rt>jiā</rt></ruby></p>") == "国家(guójiā)"


def test_empty_rt_keeps_the_base() -> None:
    doc = from_html("<p>历史<ruby>文<rt></rt>化<rt> </rt></ruby>名城</p>")
    assert doc.sections[0].paragraphs[0].text == "历史文化名城"
    assert [d.code for d in doc.diagnostics] == [Code.EMPTY_RT, Code.EMPTY_RT]


def test_ruby_text_that_is_not_pinyin() -> None:
    doc = from_html("<p><ruby>东京<rt>とうきょう</rt></ruby><ruby>城<rt>ㄅㄅ</rt></ruby></p>")
    assert doc.sections[0].paragraphs[0].text == "东京(とうきょう)城(ㄅㄅ)"
    assert [d.code for d in doc.diagnostics] == [Code.RUBY_NOT_PINYIN] * 2


def test_ruby_without_rt_is_plain_text() -> None:
    assert body_markup("<p><ruby>泉州</ruby>是名城</p>") == "泉州是名城"


def test_inline_diagnostics_point_at_their_place() -> None:
    doc = from_html("<p>第一段。</p>\n<p>国(zhx)家</p>", path="a.html")
    (diagnostic,) = doc.diagnostics
    assert diagnostic.code is Code.INVALID_PINYIN
    assert (diagnostic.path, diagnostic.line, diagnostic.column) == ("a.html", 2, 5)


def test_bytes_are_decoded_by_bom_or_meta() -> None:
    html = "<p>泉州是<ruby>国<rt>guó</rt></ruby>家</p>"
    assert body_markup_bytes(html.encode("utf-8")) == "泉州是国(guó)家"
    assert body_markup_bytes(b"\xef\xbb\xbf" + html.encode("utf-8")) == "泉州是国(guó)家"
    assert body_markup_bytes(html.encode("utf-16")) == "泉州是国(guó)家"
    gbk = '<meta charset="gbk">' + html
    assert body_markup_bytes(gbk.encode("gbk")) == "泉州是国(guó)家"


def body_markup_bytes(page: bytes) -> str:
    return to_markup(from_html(page).sections[0].paragraphs[0])


def test_undecodable_bytes_raise_a_clear_error() -> None:
    with pytest.raises(InputDecodeError, match="not valid utf-8 at byte offset 3"):
        from_html(b"<p>\x80</p>")


def test_gb18030_bytes_without_a_declaration_need_the_encoding() -> None:
    page = "<p>泉州是<ruby>国<rt>guó</rt></ruby>家</p>".encode("gb18030")
    with pytest.raises(InputDecodeError, match='encoding="gb18030"'):
        from_html(page)
    assert body_markup_bytes_with(page, "gb18030") == "泉州是国(guó)家"


def body_markup_bytes_with(page: bytes, encoding: str) -> str:
    return to_markup(from_html(page, encoding=encoding).sections[0].paragraphs[0])


def test_explicit_encoding_beats_the_declared_charset() -> None:
    page = '<meta charset="utf-8"><p>书香满城(shūxiāngmǎnchéng)</p>'.encode("gb18030")
    assert body_markup_bytes_with(page, "gb18030") == "书香满城(shūxiāngmǎnchéng)"


def test_unknown_declared_charset_is_ignored() -> None:
    page = '<meta charset="no-such"><p>书香</p>'
    assert body_markup_bytes(page.encode("utf-8")) == "书香"


def test_declared_latin1_over_utf8_bytes_is_an_error_not_mojibake() -> None:
    page = '<meta charset="iso-8859-1"><p>泉州是历史文化名城</p>'.encode()
    with pytest.raises(InputDecodeError, match="declares charset iso-8859-1"):
        from_html(page)
    assert body_markup_bytes_with(page, "utf-8") == "泉州是历史文化名城"
    ascii_page = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    assert body_markup_bytes(ascii_page + b"<p>Quanzhou</p>") == "Quanzhou"


def test_declared_latin1_is_honoured_for_latin1_bytes() -> None:
    page = '<meta charset="iso-8859-1"><p>Xi\u00e1n</p>'.encode("latin-1")
    assert body_markup_bytes(page) == "Xián"


def test_gb2312_declaration_reads_gbk_characters() -> None:
    html = '<meta charset="gb2312"><p>珺琪在<ruby>泉州<rt>Quánzhōu</rt></ruby></p>'
    assert body_markup_bytes(html.encode("gbk")) == "珺琪在泉州(Quánzhōu)"


def test_str_with_encoding_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="bytes and files only"):
        from_html("<p>书香</p>", encoding="utf-8")


XHTML = """\
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>书香</title></head>
<body>
<p>截至目前，全市已建成城市书房<ruby>一百<rt>yìbǎi</rt></ruby>余家。</p>
</body></html>
"""


def test_xml_declaration_in_str_and_bytes() -> None:
    for page in (XHTML, XHTML.encode("utf-8"), "\ufeff" + XHTML, b"\xef\xbb\xbf" + XHTML.encode()):
        doc = from_html(page)
        assert to_markup(doc) == "截至目前，全市已建成城市书房一百(yìbǎi)余家。\n"
        (annotation,) = doc.annotations
        assert annotation.span is not None
        assert doc.origin is not None
        assert doc.origin.locate(annotation.span.start) == (5, 24)


def test_xml_declaration_names_the_encoding_of_bytes() -> None:
    page = XHTML.replace("utf-8", "gb18030").encode("gb18030")
    assert to_markup(from_html(page)) == "截至目前，全市已建成城市书房一百(yìbǎi)余家。\n"


@pytest.mark.parametrize(
    "page",
    ["", "   \n\t", "<!-- 编辑注释 -->", "<!DOCTYPE html>", b"", b"<!-- x -->", "\ufeff"],
)
def test_page_without_content_is_an_empty_document(page: str | bytes) -> None:
    doc = from_html(page, path="empty.html")
    assert doc == Document(None, ())
    assert doc.diagnostics == ()
    assert doc.origin is not None
    assert doc.origin.path == "empty.html"


def test_lone_surrogate_is_refused_not_truncated() -> None:
    with pytest.raises(InvalidTextError, match="lone surrogate") as caught:
        from_html("<p>泉州\ud800市</p>")
    assert isinstance(caught.value, HanziAnnotError)
    assert isinstance(caught.value, ValueError)


ARTICLE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>书香泉州</title></head>
<body><article>
<h1>书香满城</h1>
<p>当地银行(yínxíng)推出阅读<ruby>服务<rt>fúwù</rt></ruby>。</p>
<p>
  <ruby>著<rt>zhū</rt>名<rt>míng</rt></ruby>作家走进书房。
</p>
</article></body></html>
"""


def test_validation_points_at_the_line_of_the_annotation() -> None:
    doc = from_html(ARTICLE, path="page.html")
    found = [(d.code, d.path, d.line, d.column) for d in validate(doc)]
    assert found == [
        (Code.WRONG_IN_WORD, "page.html", 5, 7),
        (Code.WRONG_TONE, "page.html", 7, 9),
    ]


def test_validation_lines_through_bytes_and_crlf() -> None:
    page = ARTICLE.replace("\n", "\r\n").encode("utf-8")
    assert [(d.line, d.code) for d in validate(from_html(page))] == [
        (5, Code.WRONG_IN_WORD),
        (7, Code.WRONG_TONE),
    ]


def test_annotation_behind_an_entity_is_placed_on_its_line() -> None:
    page = "<p>第一段。</p>\n\n<p>&nbsp;&nbsp;当地银行(yínxíng)推出服务。</p>"
    (diagnostic,) = validate(from_html(page))
    assert (diagnostic.code, diagnostic.line) == (Code.WRONG_IN_WORD, 3)


def test_ruby_diagnostics_name_the_line_of_their_ruby() -> None:
    page = "<p>泉州是\n<ruby>国家<rt>guó</rt></ruby>历史文化名城，\n<ruby>文<rt></rt></ruby>化</p>"
    doc = from_html(page)
    assert [(d.code, d.line, d.column) for d in doc.diagnostics] == [
        (Code.RUBY_MISMATCH, 2, 1),
        (Code.EMPTY_RT, 3, 1),
    ]


def test_inline_annotations_in_a_paragraph_with_ruby() -> None:
    doc = from_html(
        "<p>泉州是<ruby>国家<rt>guójiā</rt></ruby>历史文化名城，也是<b>著名</b>(zhùmíng)的侨乡。</p>"
    )
    (paragraph,) = doc.sections[0].paragraphs
    assert [(a.hanzi, a.syllables) for a in paragraph.annotations] == [
        ("国家", ("guó", "jiā")),
        ("著名", ("zhù", "míng")),
    ]
    assert to_markup(paragraph) == "泉州是国家(guójiā)历史文化名城，也是著名(zhùmíng)的侨乡。"


def test_inline_diagnostics_in_a_paragraph_with_ruby() -> None:
    doc = from_html("<p><ruby>读者<rt>dúzhě</rt></ruby>超过三万人(rzn)次。</p>", path="a.html")
    (diagnostic,) = doc.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == (Code.INVALID_PINYIN, 1, 38)
    wrong = from_html("<p><ruby>读者<rt>dúzhě</rt></ruby>十分著名(zhūmíng)。</p>")
    assert [d.code for d in validate(wrong)] == [Code.WRONG_TONE]


def test_unreadable_ruby_kept_as_text_is_not_read_again() -> None:
    doc = from_html("<p>国<rt>guó</rt>家与<ruby>城市<rt>chéng</rt></ruby>建设</p>")
    assert doc.sections[0].paragraphs[0].annotations == ()
    assert [d.code for d in doc.diagnostics] == [Code.RT_WITHOUT_BASE, Code.RUBY_MISMATCH]


def test_rendered_page_validates_at_its_own_lines() -> None:
    source = from_html(ARTICLE)
    page = to_html(source)
    again = from_html(page)
    assert again == source
    lines = page.splitlines()
    for diagnostic in validate(again):
        assert "<ruby" in lines[diagnostic.line - 1]


# --- one decoding path for text, bytes and files --------------------------------------


def test_a_gbk_page_read_as_a_path_follows_its_meta_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="gbk"></head><body><p>书香(shūxiāng)满城</p></body></html>'
    file = tmp_path / "page.html"
    file.write_bytes(page.encode("gbk"))
    from_bytes = from_html(page.encode("gbk"))
    from_path = from_html(file)
    assert from_path == from_bytes
    assert to_markup(from_path) == "书香(shūxiāng)满城\n"
    assert from_path.origin is not None
    assert from_path.origin.path == str(file)


def test_a_str_naming_a_file_is_refused_not_parsed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.html").write_text("<p>书香</p>", encoding="utf-8")
    with pytest.raises(PathAsTextError, match=r"load\('page.html'\)"):
        from_html("page.html")


def test_a_wrong_type_names_what_is_expected() -> None:
    with pytest.raises(TypeError, match=r"expected text \(str\), bytes or a path"):
        from_html(["<p>书香</p>"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "label",
    ["base64", "hex", "zlib", "rot13", "utf-7", "unicode_escape", "cp037", "x-user-defined"],
)
def test_a_charset_that_is_no_whatwg_label_is_not_obeyed(label: str) -> None:
    page = f'<meta charset="{label}">\n<p>书香+AF8-满城</p>'.encode()
    document = from_html(page)
    assert to_markup(document) == "书香+AF8-满城\n"  # read as UTF-8, nothing decoded away
    (diagnostic,) = document.diagnostics
    assert diagnostic.code is Code.IGNORED_CHARSET
    assert (diagnostic.line, diagnostic.column) == (1, 1)
    assert label in diagnostic.message


@pytest.mark.parametrize(("label", "codec"), [("GBK", "gbk"), ("x-gbk", "gbk"), ("big5", "big5")])
def test_whatwg_labels_are_obeyed(label: str, codec: str) -> None:
    page = f'<meta charset="{label}"><p>書香</p>'.encode(codec)
    document = from_html(page)
    assert to_markup(document) == "書香\n"
    assert document.diagnostics == ()


# --- hostile markup: nothing lost, nothing merged, no crash ---------------------------


def test_content_nested_deeper_than_libxml2s_default_limit_is_read() -> None:
    depth = 600  # libxml2 stops at 256 levels unless asked for more
    page = "<div>" * depth + "<p>国家(guójiā)</p>" + "</div>" * depth + "<p>后文。</p>"
    assert to_markup(from_html(page)) == "国家(guójiā)\n后文。\n"


def test_inline_elements_nested_deeply_are_read_without_recursion() -> None:
    depth = 1800  # more than Python's default recursion limit of frames
    page = "<p>" + "<span>" * depth + "书香(shūxiāng)" + "</span>" * depth + "</p>"
    assert to_markup(from_html(page)) == "书香(shūxiāng)\n"


def test_content_nested_past_the_parser_limit_is_an_error_not_a_cut() -> None:
    page = "<p>开头。</p>\n" + "<div>" * 3000 + "<p>国家</p>" + "</div>" * 3000
    with pytest.raises(InvalidTextError, match=r"<input>:2: elements are nested more than 2048"):
        from_html(page)


@pytest.mark.parametrize(
    "page",
    [
        "<p>a<!--x-->\x08b</p>",
        "<p>a<?pi x?>\x08b</p>",
        "<p>a<script>x</script>\x08b</p>",
        "<p>a<nav>x</nav>\x08b</p>",
        "<p>a<!--x-->\ufffeb</p>",
        "<p>国\x00家</p>",
    ],
)
def test_controls_an_html_tree_cannot_hold_are_replaced_and_reported(page: str) -> None:
    document = from_html(page)
    text = to_markup(document)
    assert "\ufffd" in text
    assert len(text) == len(to_markup(from_html(page.replace(page[-6:], page[-6:]))))
    (diagnostic,) = document.diagnostics
    assert diagnostic.code is Code.UNWRITABLE_CHARACTER
    assert page[diagnostic.span.start] not in "<>"  # it points at the character


def test_nul_is_reported_where_it_stands() -> None:
    document = from_html("<p>第一行</p>\n<p>国\x00家</p>")
    (diagnostic,) = document.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code.code) == (2, 5, "HA401")
    assert "U+0000" in diagnostic.message
    assert document.sections[0].paragraphs[1].text == "国\ufffd家"


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        ("<p><ruby><ruby>国<rt>guó</rt></ruby>家<rt>jiā</rt></ruby></p>", "国(guó)家(jiā)"),
        ("<p><ruby>国<span><rt>guó</rt></span></ruby>家</p>", "国(guó)家"),
        ("<p><ruby>国<b>家<rt>jiā</rt></b><rt>guó</rt></ruby></p>", "国家(jiā)(guó)"),
    ],
)
def test_misplaced_ruby_text_never_runs_into_the_base(page: str, kept: str) -> None:
    document = from_html(page)
    paragraph = document.sections[0].paragraphs[0]
    assert paragraph.text == kept
    assert paragraph.annotations == ()
    assert [d.code for d in document.diagnostics] == [Code.RUBY_MISMATCH]


@pytest.mark.parametrize("base", ["A", "国A", "1"])
def test_a_latin_letter_or_digit_is_no_annotated_base(base: str) -> None:
    document = from_html(f"<p><ruby>{base}<rt>ā</rt></ruby>股</p>")
    assert document.sections[0].paragraphs[0].annotations == ()
    assert [d.code for d in document.diagnostics] == [Code.RUBY_MISMATCH]


@pytest.mark.parametrize(
    "tail",
    [
        "<!--" * 40_000,
        "<script" * 40_000,
        "<style>" * 40_000,
        "".join(f"<t{i}></t{i}>" for i in range(40_000)),
        "<p><ruby>国<rt>guó</rt></p>" * 20_000,
    ],
    ids=["open comments", "script starts", "open styles", "distinct tags", "unclosed rubies"],
)
def test_pages_that_were_quadratic_to_place_are_read(tail: str) -> None:
    # Each of these took minutes when every tag or ruby rescanned the page; linear
    # reading takes well under a second (timings live in benchmarks/read_html_scaling.py).
    document = from_html("<p>国家</p>" + tail)
    assert document.sections[0].paragraphs[0].text.startswith("国家")


def test_tag_offsets_skip_comments_and_raw_text() -> None:
    page = "<!-- <p> --><script>'<p>'</script><p>书香</p><style>p{}</style><p>满城</p>"
    document = from_html(page)
    first, second = document.sections[0].paragraphs
    assert first.span is not None
    assert second.span is not None
    assert page[first.span.start : first.span.end] == "书香"
    assert page[second.span.start : second.span.end] == "满城"


# --- zhuyin in -----------------------------------------------------------------------


def test_a_zhuyin_page_reads_back_and_passes_its_own_check() -> None:
    body = "赣州是全国(quánguó)著名(zhùmíng)的革命老区，他的(de)一点儿(yīdiǎnr)心意。"
    document = parse("书香泉州\n" + body)
    page = to_html(document, HtmlOptions(notation=Notation.ZHUYIN))
    back = from_html(page)
    assert [(a.hanzi, a.syllables) for a in back.annotations] == [
        (a.hanzi, a.syllables) for a in document.annotations
    ]
    assert [a.written for a in back.annotations][:3] == ["quan2 guo2", "zhu4 ming2", "de5"]
    assert validate(document) == ()  # 的(de): a neutral-tone reading carries no mark
    assert validate(back) == ()  # zhuyin's neutral dot is a tone


def test_zhuyin_rt_without_spaces_is_split_by_the_characters() -> None:
    document = from_html("<p><ruby>全国<rt>ㄑㄩㄢˊㄍㄨㄛˊ</rt></ruby>各地</p>")
    (annotation,) = document.annotations
    assert annotation.syllables == ("quán", "guó")
