"""HTML output: a document or paragraph as a ruby page or fragment, built with lxml.

Every piece of user text goes into the tree through ``.text``/``.tail``, so lxml escapes
it; nothing is pasted into markup strings. :class:`HtmlRenderer` dispatches on the node
type and has one method per piece (page, document, section, paragraph, annotation,
ruby text), so a subclass can override one piece and keep the rest.

>>> from hanzi_annot import Paragraph, parse_inline
>>> para = Paragraph(parse_inline("国家(guójiā)").tokens)
>>> print(to_html(para, HtmlOptions(standalone=False, rp=False)))
<p><ruby>国<rt lang="zh-Latn-pinyin">guó</rt>家<rt lang="zh-Latn-pinyin">jiā</rt></ruby></p>
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Sequence

import attrs
from lxml import etree

from hanzi_annot.chardata import HTML_UNWRITABLE_RE
from hanzi_annot.diagnostics import (
    Code,
    Diagnostic,
    DiagnosticWarning,
    ErrorPolicy,
    Reporter,
    apply_policy,
)
from hanzi_annot.html.meta import metadata_element
from hanzi_annot.model import Annotation, Document, Origin, Paragraph, Section, Text
from hanzi_annot.pinyin.syllables import join_pinyin, split_tone, to_numbered
from hanzi_annot.pinyin.zhuyin import to_zhuyin
from hanzi_annot.positions import Span

__all__ = [
    "DEFAULT_CSS",
    "TONE_CSS",
    "HtmlOptions",
    "HtmlRenderWarning",
    "HtmlRenderer",
    "Notation",
    "RenderedHtml",
    "RubyMode",
    "to_html",
]

#: The stylesheet a standalone page embeds: readable measure, room for the ruby line.
DEFAULT_CSS = """\
.ha-document{max-width:40em;margin:2em auto;padding:0 1em;line-height:2.4;
font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif}
.ha-document rt{font-size:0.6em;line-height:1;
font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif}
.ha-document footer,.ha-document .ha-meta{color:#555555;font-size:0.9em}
.ha-flag{background-color:#fff1b8;border-bottom:2px solid #c62828}
.ha-flag.ha-info{background-color:#e3f2fd;border-bottom-color:#1565c0}
"""

#: The default tone palette, one class per tone (5 is the neutral tone).
TONE_CSS = """\
.ha-t1{color:#c62828}
.ha-t2{color:#c25e00}
.ha-t3{color:#2e7d32}
.ha-t4{color:#1565c0}
.ha-t5{color:#616161}
"""

PINYIN_LANG = "zh-Latn-pinyin"
ZHUYIN_LANG = "zh-Bopo"
_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


class RubyMode(enum.Enum):
    """How ruby is laid over an annotation."""

    #: One ``<rt>`` per character (per X儿 for erhua): lines may break inside words.
    CHAR = "char"
    #: One ``<rt>`` over the whole annotated word.
    WORD = "word"


class Notation(enum.Enum):
    """How a syllable is written in the ruby text."""

    MARKS = "marks"  #: tone marks, as in the model: ``guó``
    NUMBERS = "numbers"  #: tone numbers: ``guo2``
    ZHUYIN = "zhuyin"  #: bopomofo: ``ㄍㄨㄛˊ``


@attrs.frozen
class HtmlOptions:
    """Options of the HTML renderer; the defaults give a standalone page a publisher can use.

    ``standalone`` writes a whole page (doctype, head, embedded CSS), otherwise just the
    ``<article>`` or ``<p>`` for embedding. ``ruby`` is per character or per word; ``rp``
    adds the fallback parentheses for browsers without ruby. ``notation`` picks tone marks,
    tone numbers or zhuyin; ``tone_classes`` marks each syllable with ``ha-t1`` … ``ha-t5``
    and adds :data:`TONE_CSS` to the page. ``page_title`` overrides the ``<title>``;
    ``source_label`` precedes the source in the footer; ``extra_css`` is appended to the
    embedded stylesheet. ``ruby`` and ``notation`` also take the enum values as strings
    (``HtmlOptions(ruby="word", notation="zhuyin")``).
    """

    standalone: bool = True
    ruby: RubyMode = attrs.field(default=RubyMode.CHAR, converter=RubyMode)
    rp: bool = True
    notation: Notation = attrs.field(default=Notation.MARKS, converter=Notation)
    tone_classes: bool = False
    page_title: str | None = None
    source_label: str = "来源："
    extra_css: str = ""


@attrs.frozen
class RenderedHtml:
    """What :meth:`HtmlRenderer.render` returns: the HTML and what had to change (HA401)."""

    html: str
    diagnostics: tuple[Diagnostic, ...]

    def _repr_html_(self) -> str:
        """Show the rendering in a notebook."""
        return self.html


class HtmlRenderWarning(DiagnosticWarning):
    """Issued by :func:`to_html` when a character had to be replaced (see HA401)."""


class HtmlRenderer:
    """Turn model nodes into lxml elements and serialise them once.

    ``diagnostics`` switches on the editor view: an annotation whose span overlaps a
    diagnostic gets the classes ``ha-flag ha-<severity>``, a ``data-codes`` attribute and
    a ``title`` tooltip with the messages. Subclass and override a method to change one
    piece; :meth:`render` works on a copy, so one instance can render many nodes.
    """

    def __init__(
        self, options: HtmlOptions | None = None, *, diagnostics: Sequence[Diagnostic] = ()
    ) -> None:
        self.options = options if options is not None else HtmlOptions()
        self.flags = tuple(diagnostics)
        self.origin: Origin | None = None
        self.where = ""
        self.found: list[Diagnostic] = []

    # --- entry points -------------------------------------------------------------
    def render(self, node: Document | Paragraph) -> RenderedHtml:
        """Render ``node`` as a page or fragment; report replaced characters (HA401)."""
        run = copy.copy(self)
        run.found = []
        run.origin = node.origin if isinstance(node, Document) else None
        element = run.node(node)
        if not run.options.standalone:
            html = etree.tostring(element, method="html", encoding="unicode")
        else:
            page = run.page(element, run.page_title(node))
            html = etree.tostring(
                page, method="html", encoding="unicode", doctype="<!DOCTYPE html>"
            )
        return RenderedHtml(html, tuple(run.found))

    def node(self, node: object) -> etree._Element:
        """Dispatch on the node type; an unknown type is a ``TypeError``."""
        if isinstance(node, Document):
            return self.document(node)
        if isinstance(node, Paragraph):
            self.where = "paragraph"
            return self.paragraph(node, "p")
        raise TypeError(
            f"cannot render {type(node).__name__} as HTML: pass a Document or Paragraph"
        )

    # --- pieces a subclass may override -----------------------------------------------
    def page(self, content: etree._Element, title: str) -> etree._Element:
        """Wrap ``content`` in ``<html lang="zh-Hans">`` with head, title and CSS."""
        html = etree.Element("html", lang="zh-Hans")
        head = etree.SubElement(html, "head")
        etree.SubElement(head, "meta", charset="utf-8")
        etree.SubElement(
            head, "meta", name="viewport", content="width=device-width, initial-scale=1"
        )
        etree.SubElement(head, "title").text = title or "无标题"
        etree.SubElement(head, "style").text = self.css()
        body = etree.SubElement(html, "body")
        if content.tag == "p":
            wrapper = etree.SubElement(body, "div", {"class": "ha-document"})
            wrapper.append(content)
        else:
            body.append(content)
        return html

    def page_title(self, node: Document | Paragraph) -> str:
        """Choose the ``<title>``: the option, else the document title, else the first words.

        Characters HTML cannot carry were already reported where the text is rendered;
        only a title given in the options is reported here.
        """
        if self.options.page_title is not None:
            self.where = "page title"
            return self.clean(self.options.page_title, None, 0)
        first: Paragraph | None = node if isinstance(node, Paragraph) else None
        if isinstance(node, Document):
            first = node.title or next(iter(node.blocks), None)
        text = first.text.strip()[:40] if first is not None else ""
        return HTML_UNWRITABLE_RE.sub(_REPLACEMENT, text)

    def css(self) -> str:
        """Return the embedded CSS: :data:`DEFAULT_CSS`, the tone palette if used, extras."""
        css = DEFAULT_CSS
        if self.options.tone_classes:
            css += TONE_CSS
        return css + self.options.extra_css

    def document(self, document: Document) -> etree._Element:
        """``<article>`` with ``<h1>``, the sections and a ``<footer>`` for the source.

        Without a title the wrapper is a ``<div>``, because an article needs a heading.
        """
        tag = "article" if document.title is not None else "div"
        root = etree.Element(tag, {"class": "ha-document"})
        if document.title is not None:
            self.where = "title"
            root.append(self.paragraph(document.title, "h1"))
        byline = metadata_element(document.metadata)  # <time datetime>, outlet, authors
        if byline is not None:
            root.append(byline)
        for number, section in enumerate(document.sections, 1):
            root.append(self.section(section, number))
        if document.source is not None:
            self.where = "source"
            root.append(self.footer(document.source))
        return root

    def section(self, section: Section, number: int) -> etree._Element:
        """``<section>`` with ``<h2>``; an untitled section is a ``<div class="ha-section">``."""
        if section.heading is None:
            element = etree.Element("div", {"class": "ha-section"})
        else:
            element = etree.Element("section")
            self.where = f"section {number} heading"
            element.append(self.paragraph(section.heading, "h2"))
        for index, paragraph in enumerate(section.paragraphs, 1):
            self.where = f"section {number} paragraph {index}"
            element.append(self.paragraph(paragraph, "p"))
        return element

    def footer(self, source: str) -> etree._Element:
        """``<footer><p>来源：<span class="ha-source">…</span></p></footer>``."""
        footer = etree.Element("footer")
        para = etree.SubElement(footer, "p")
        para.text = self.options.source_label
        etree.SubElement(para, "span", {"class": "ha-source"}).text = self.clean(source, None, 0)
        return footer

    def paragraph(self, paragraph: Paragraph, tag: str) -> etree._Element:
        """One paragraph, title or heading as ``tag``: text and ruby in order."""
        element = etree.Element(tag)
        column = 0
        for token in paragraph.tokens:
            if isinstance(token, Annotation):
                element.append(self.annotation(token, column))
            elif isinstance(token, Text):
                append_text(element, self.clean(token.text, token.span, column))
            else:
                raise TypeError(f"cannot render token {type(token).__name__} as HTML")
            column += len(token.text)
        return element

    def annotation(self, annotation: Annotation, column: int = 0) -> etree._Element:
        """``<ruby>`` for one annotation, per character or per word, flagged if asked."""
        ruby = etree.Element("ruby")
        hanzi = self.clean(annotation.hanzi, annotation.span, column)
        if self.options.ruby is RubyMode.WORD:
            append_text(ruby, hanzi)
            self.ruby_text(ruby, annotation.syllables, annotation.span)
        else:
            position = 0
            for unit, syllable in zip(annotation.units, annotation.syllables, strict=True):
                append_text(ruby, hanzi[position : position + len(unit)])
                position += len(unit)
                self.ruby_text(ruby, (syllable,), annotation.span)
        self.flag(ruby, annotation)
        return ruby

    def ruby_text(
        self, ruby: etree._Element, syllables: Sequence[str], span: Span | None = None
    ) -> None:
        """Append ``<rp>(</rp><rt>…</rt><rp>)</rp>`` (without the ``rp`` if so set)."""
        if self.options.rp:
            etree.SubElement(ruby, "rp").text = "("
        zhuyin = self.options.notation is Notation.ZHUYIN
        rt = etree.SubElement(ruby, "rt", lang=ZHUYIN_LANG if zhuyin else PINYIN_LANG)
        written = [self.clean(self.reading(s), span, None) for s in syllables]
        if not self.options.tone_classes:
            rt.text = self.join(syllables, written)
        elif len(syllables) == 1:
            rt.set("class", f"ha-t{tone_of(syllables[0])}")
            rt.text = written[0]
        else:
            for index, (syllable, text) in enumerate(zip(syllables, written, strict=True)):
                append_text(rt, self.separator(syllables, index))
                span_element = etree.SubElement(rt, "span", {"class": f"ha-t{tone_of(syllable)}"})
                span_element.text = text
        if self.options.rp:
            etree.SubElement(ruby, "rp").text = ")"

    def reading(self, syllable: str) -> str:
        """One syllable in the chosen notation."""
        if self.options.notation is Notation.NUMBERS:
            return to_numbered(syllable)
        if self.options.notation is Notation.ZHUYIN:
            try:
                return to_zhuyin(syllable)
            except ValueError:
                return syllable
        return syllable

    def join(self, syllables: Sequence[str], written: Sequence[str]) -> str:
        """Written syllables as one word: pinyin rules for marks, spaces for zhuyin."""
        return "".join(self.separator(syllables, i) + text for i, text in enumerate(written))

    def separator(self, syllables: Sequence[str], index: int) -> str:
        """Return what precedes syllable ``index``: apostrophe before a/o/e, space in zhuyin."""
        if index == 0:
            return ""
        if self.options.notation is Notation.ZHUYIN:
            return " "
        if self.options.notation is Notation.NUMBERS:
            return ""
        before, syllable = syllables[index - 1], syllables[index]
        pair = join_pinyin((before, syllable))  # whatever the pinyin rules put between
        return pair[len(before) : len(pair) - len(syllable)]

    def flag(self, ruby: etree._Element, annotation: Annotation) -> None:
        """Mark an annotation that editor-view diagnostics concern."""
        if not self.flags or annotation.span is None:
            return
        found = [d for d in self.flags if overlaps(d.span, annotation.span)]
        if not found:
            return
        worst = max(d.severity for d in found)
        ruby.set("class", f"ha-flag ha-{worst}")
        ruby.set("data-codes", " ".join(dict.fromkeys(d.code.code for d in found)))
        tooltip = "\n".join(f"{d.code.code} {d.message}" for d in found)
        ruby.set("title", HTML_UNWRITABLE_RE.sub(_REPLACEMENT, tooltip))

    # --- helpers ------------------------------------------------------------------
    def clean(self, text: str, span: Span | None, column: int | None) -> str:
        """Replace characters HTML cannot carry with U+FFFD, reporting each (HA401).

        ``column`` is where ``text`` starts in its paragraph's plain text (``None`` for
        ruby text), so the message can name the character even without a span.
        """
        if HTML_UNWRITABLE_RE.search(text) is None:
            return text
        for match in HTML_UNWRITABLE_RE.finditer(text):
            if column is None:
                place = f"{self.where}, ruby text"
            else:
                place = f"{self.where}, character {column + match.start() + 1}"
            self.found.append(self.unwritable(match.group(), match.start(), span, place))
        return HTML_UNWRITABLE_RE.sub(_REPLACEMENT, text)

    def unwritable(self, char: str, index: int, span: Span | None, place: str) -> Diagnostic:
        """Build the HA401 diagnostic for ``char`` at ``index`` of a piece of text."""
        code = Code.UNWRITABLE_CHARACTER
        if span is not None:
            offset = min(span.start + index, span.end)
            where = Span(offset, min(offset + 1, max(span.end, offset)))
        else:
            where = Span(0, 0)
        origin = self.origin
        if origin is not None and span is not None:
            reporter = Reporter(origin.lines, origin.path)
        else:  # no input to point into: the place is unknown, reported as 1:1
            reporter = Reporter(None, origin.path if origin else None, base=where.start)
        return reporter.diagnostic(
            code,
            where,
            f"U+{ord(char):04X} in {place} cannot be written in HTML; written as U+FFFD",
            hint="remove the control character from the input",
        )


def append_text(parent: etree._Element, text: str) -> None:
    """Append ``text`` after the last child of ``parent`` (lxml's text/tail split)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def tone_of(syllable: str) -> int:
    """Return the tone (1-5) of a syllable; 5 for text that carries no mark."""
    return split_tone(syllable)[1]


def overlaps(left: Span, right: Span) -> bool:
    """Whether two spans share a code point (an empty span counts at its start)."""
    return left.start < max(right.end, right.start + 1) and right.start < max(
        left.end, left.start + 1
    )


def to_html(
    node: Document | Paragraph,
    options: HtmlOptions | None = None,
    *,
    diagnostics: Sequence[Diagnostic] = (),
    errors: ErrorPolicy | str = ErrorPolicy.WARN,
) -> str:
    """Render a document or paragraph as HTML ruby (a page, or a fragment if so set).

    Pass validation ``diagnostics`` for the editor view. A character HTML cannot carry
    (a control character) is written as U+FFFD and, by default (``errors="warn"``), an
    :class:`HtmlRenderWarning` names it; ``errors="raise"`` raises a
    :class:`~hanzi_annot.MarkupError` instead, ``errors="collect"`` is silent. Use
    :meth:`HtmlRenderer.render` to get them as HA401 diagnostics.
    """
    result = HtmlRenderer(options, diagnostics=diagnostics).render(node)
    apply_policy(result.diagnostics, errors, category=HtmlRenderWarning, stacklevel=2)
    return result.html
