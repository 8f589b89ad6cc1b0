"""A standalone page built around a kept shell is byte for byte the page lxml builds.

:meth:`HtmlRenderer.render` writes a page without findings as the article between two
pieces of a serialised shell kept per options and HSK levels. Each case here renders
with that shell and with a reference renderer that keeps nothing
(``HtmlRenderer(options, cache=False)``) and compares the bytes, the diagnostics or
the exception: over every option, documents with and without titles, metadata and
sources, editor views, overriding subclasses, copies, changed options and threads.
"""

from __future__ import annotations

import copy
import pickle
import sys
from collections.abc import Callable, Sequence

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from hanzi_annot import Annotation, Document, HtmlOptions, Paragraph, Section, Text, parse
from hanzi_annot.chardata import HTML_UNWRITABLE_RE
from hanzi_annot.check.validator import Validator
from hanzi_annot.html.escape import escape_text
from hanzi_annot.html.fragments import render_cache
from hanzi_annot.html.write import HtmlRenderer, RenderContext, RenderedHtml
from hanzi_annot.model import Metadata
from tests.pagegen import page
from tests.threads import run_threads

_Node = Document | Paragraph


@attrs.frozen
class LevelledAnnotation(Annotation):
    """An annotation that carries its own HSK level, as a caller's model may."""

    hsk: object = None


def _outcome(renderer: HtmlRenderer, node: _Node) -> RenderedHtml | type[BaseException]:
    try:
        return renderer.render(node)
    except Exception as error:  # the kind of failure is what is compared
        return type(error)


def _assert_same(fast: RenderedHtml | type[BaseException], slow: object) -> None:
    if isinstance(fast, RenderedHtml) and isinstance(slow, RenderedHtml):
        assert fast.html.encode("utf-8", "surrogatepass") == slow.html.encode(
            "utf-8", "surrogatepass"
        )
        assert fast.diagnostics == slow.diagnostics
    else:
        assert fast == slow


def _levelled(words: Sequence[tuple[str, tuple[str, ...], object]]) -> Document:
    tokens = tuple(LevelledAnnotation(hanzi, syllables, hsk=hsk) for hanzi, syllables, hsk in words)
    title = Paragraph((Text("市民热议图书馆开放"),))
    return Document(title, (Section(None, (Paragraph((*tokens, Text("。"))),)),))


_MEETING = parse("会场\n\n会场(huìchǎng)里有人，代表(dàibiǎo)认真讨论。")


# --- cases a first version of the shell got wrong ------------------------------------


@pytest.mark.parametrize("title", ["通知\x07", "通知\ufffe", "通知\ud800"])
def test_a_page_title_hook_with_unwritable_text_fails_as_the_reference_does(title: str) -> None:
    # The reference hands the title to lxml, which refuses it; the shell pasted it raw.
    class Titled(HtmlRenderer):
        def page_title(self, node: _Node, ctx: RenderContext) -> str:
            return title

    reference = _outcome(Titled(cache=False), _MEETING)
    assert isinstance(reference, type)
    assert issubclass(reference, ValueError)
    _assert_same(_outcome(Titled(), _MEETING), reference)


@pytest.mark.parametrize("levels", [{2}, [2]])
def test_a_levels_hook_returning_another_collection_still_renders(levels: object) -> None:
    class Levelled(HtmlRenderer):
        def levels(self, annotations: Sequence[Annotation]) -> frozenset[int]:
            return levels  # type: ignore[return-value]  # a set or list, as callers write

    _assert_same(_outcome(Levelled(), _MEETING), _outcome(Levelled(cache=False), _MEETING))


class _Level(int):
    """An int whose text differs from int's, as a caller's level type may."""

    def __str__(self) -> str:
        return f"L{int(self)}"


def test_equal_levels_written_differently_do_not_share_a_shell() -> None:
    options = HtmlOptions(extra_css="/* levels written as the model writes them */")
    HtmlRenderer(options).render(_levelled([("国家", ("guó", "jiā"), 2)]))  # keeps {2}'s shell
    document = _levelled([("会场", ("huì", "chǎng"), _Level(2))])
    fast = HtmlRenderer(options).render(document)
    _assert_same(fast, HtmlRenderer(options, cache=False).render(document))


def test_a_css_set_on_one_renderer_stays_on_that_renderer() -> None:
    options = HtmlOptions(extra_css="/* one renderer's own style sheet */")
    branded = HtmlRenderer(options)
    branded.css = lambda ctx, levels=frozenset(): "body{color:#333}"  # type: ignore[method-assign]
    assert "body{color:#333}" in branded.render(_MEETING).html
    plain = HtmlRenderer(options).render(_MEETING)
    _assert_same(plain, HtmlRenderer(options, cache=False).render(_MEETING))


# --- what held up ---------------------------------------------------------------------


def test_escape_text_writes_every_title_code_point_as_lxml_does() -> None:
    writable = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if HTML_UNWRITABLE_RE.search(chr(code)) is None  # what survives page_title
    ]
    prefix = "<!DOCTYPE html>\n<html><head><title>"
    for start in range(0, len(writable), 8192):
        text = "&".join(writable[start : start + 8192])
        root = etree.Element("html")
        etree.SubElement(etree.SubElement(root, "head"), "title").text = text
        html = etree.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>")
        assert html.startswith(prefix)
        assert html[len(prefix) : html.index("</title>")] == escape_text(text)


_ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=30)
_WORDS = [("会场", ("huì", "chǎng")), ("国家", ("guó", "jiā")), ("方案", ("fāng", "àn")),
          ("一点儿", ("yī", "diǎnr"))]  # fmt: skip
_ANNOTATIONS = st.builds(
    lambda word, hsk: LevelledAnnotation(word[0], word[1], hsk=hsk),
    st.sampled_from(_WORDS),
    st.one_of(st.none(), st.integers(0, 10), st.booleans()),
)
_PARAGRAPHS = st.lists(
    st.one_of(_ANNOTATIONS, st.builds(Text, _ANY_TEXT.filter(bool))), max_size=4
).map(lambda tokens: Paragraph(tuple(tokens)))
_DOCUMENTS = st.builds(
    Document,
    st.one_of(st.none(), _PARAGRAPHS),
    st.lists(
        st.builds(Section, st.one_of(st.none(), _PARAGRAPHS), st.lists(_PARAGRAPHS, max_size=3)),
        max_size=3,
    ),
    st.one_of(st.none(), _ANY_TEXT),
    st.builds(
        Metadata,
        published=st.one_of(st.none(), st.just("2024-05-12T09:30"), _ANY_TEXT),
        authors=st.lists(_ANY_TEXT, max_size=2),
        source=st.one_of(st.none(), _ANY_TEXT),
        url=st.one_of(st.none(), st.just("https://example.cn/a?b=1&c=<2>")),
    ),
)
_OPTIONS = st.builds(
    HtmlOptions,
    controls=st.booleans(),
    hsk_levels=st.booleans(),
    hide_hsk=st.one_of(st.none(), st.integers(1, 9)),
    page_title=st.one_of(st.none(), st.just('快讯 & <要闻> "今日"\r'), _ANY_TEXT),
    extra_css=st.one_of(st.just(""), st.just("p{}</style><script>x</script>"), _ANY_TEXT),
    tone_classes=st.booleans(),
    notation=st.sampled_from(["marks", "numbers", "zhuyin"]),
    ruby=st.sampled_from(["char", "word"]),
    rp=st.booleans(),
    spacing=st.sampled_from([None, True, False]),
    source_label=st.one_of(st.just("来源："), _ANY_TEXT),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(_OPTIONS, st.lists(_DOCUMENTS, min_size=1, max_size=3))
def test_every_option_and_document_renders_as_the_reference(
    options: HtmlOptions, documents: list[Document]
) -> None:
    renderer = HtmlRenderer(options)
    for document in documents * 2:  # the second round reuses every shell
        fast = _outcome(renderer, document)
        _assert_same(fast, _outcome(HtmlRenderer(options, cache=False), document))


@pytest.mark.parametrize("options", [HtmlOptions(), HtmlOptions(hsk_levels=True, hide_hsk=1)])
def test_editor_views_and_lone_paragraphs_render_as_the_reference(options: HtmlOptions) -> None:
    document = parse(page(83_001, zipf=True))
    findings = Validator().validate(document)
    elsewhere = [attrs.evolve(f, span=attrs.evolve(f.span, start=0, end=0)) for f in findings]
    paragraph = document.sections[0].paragraphs[0]
    for flags in ((), findings, elsewhere):
        for node in (document, paragraph, Document(None, ()), Document(paragraph, ())):
            fast = HtmlRenderer(options, diagnostics=flags).render(node)
            _assert_same(fast, HtmlRenderer(options, diagnostics=flags, cache=False).render(node))


def test_pages_with_different_levels_render_as_the_reference() -> None:
    options = HtmlOptions(hide_hsk=3)
    pages = [
        _levelled([("国家", ("guó", "jiā"), 1)]),
        _levelled([("国家", ("guó", "jiā"), 1), ("会场", ("huì", "chǎng"), 3)]),
        _levelled([("方案", ("fāng", "àn"), 7), ("会场", ("huì", "chǎng"), None)]),
    ]
    renderer = HtmlRenderer(options)
    for document in pages * 2:
        _assert_same(renderer.render(document), HtmlRenderer(options, cache=False).render(document))
    assert render_cache(options).sizes()["shells"] >= 3


def test_options_set_after_creation_copies_and_pickles_render_as_the_reference() -> None:
    first, second = HtmlOptions(), HtmlOptions(controls=False, hsk_levels=True, page_title="要闻")
    renderer = HtmlRenderer(first)
    renderer.render(_MEETING)
    renderer.options = second
    expected = HtmlRenderer(second, cache=False).render(_MEETING)
    _assert_same(renderer.render(_MEETING), expected)
    duplicates: list[Callable[[HtmlRenderer], HtmlRenderer]] = [
        copy.copy,
        copy.deepcopy,
        lambda kept: pickle.loads(pickle.dumps(kept)),
    ]
    for duplicate in duplicates:
        _assert_same(duplicate(renderer).render(_MEETING), expected)


def test_subclasses_overriding_title_document_and_findings_render_as_the_reference() -> None:
    class Custom(HtmlRenderer):
        def page_title(self, node: _Node, ctx: RenderContext) -> str:
            return "本报 <专稿> & " + super().page_title(node, ctx)

        def document(self, document: Document, ctx: RenderContext) -> etree._Element:
            element = super().document(document, ctx)
            element.set("data-edition", "晚报")
            return element

        def findings(self, ctx: RenderContext) -> etree._Element:
            return etree.Element("aside", {"class": "ha-findings"})

    options = HtmlOptions(hsk_levels=True)
    HtmlRenderer(options).render(_MEETING)  # keeps the ordinary shell
    for flags in ((), Validator().validate(_MEETING)):
        fast = Custom(options, diagnostics=flags).render(_MEETING)
        _assert_same(fast, Custom(options, diagnostics=flags, cache=False).render(_MEETING))


def test_eight_threads_share_one_renderer() -> None:
    options = HtmlOptions(hsk_levels=True, hide_hsk=2, extra_css="/* eight threads */")
    documents = [parse(page(84_000 + seed, zipf=True)) for seed in range(24)]
    expected = [HtmlRenderer(options, cache=False).render(d).html for d in documents]
    renderer = HtmlRenderer(options)
    wrong: list[int] = []

    def work(first: int) -> None:
        for _ in range(2):
            for index in range(first, len(documents), 8):
                if renderer.render(documents[index]).html != expected[index]:
                    wrong.append(index)

    run_threads(work)
    assert wrong == []
    assert render_cache(options).sizes()["shells"] > 1
