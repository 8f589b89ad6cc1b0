"""HTML output: a document or paragraph as a ruby page or fragment, built with lxml.

Every piece of user text goes into the tree through ``.text``/``.tail``, so lxml escapes
it; nothing is pasted into markup strings, and user CSS is neutralised before it goes
into ``<style>``. :class:`HtmlRenderer` dispatches on the node type and has one method
per piece (page, document, section, paragraph, annotation, ruby text); each receives a
:class:`RenderContext` as an argument instead of keeping state on ``self``, so one
renderer can render many nodes and a subclass can override one piece.

>>> from hanzi_annot import Paragraph, parse_inline
>>> para = Paragraph(parse_inline("国家(guójiā)").tokens)
>>> print(to_html(para, HtmlOptions(standalone=False, rp=False, ruby="word")))
<p><ruby>国家<rt lang="zh-Latn-pinyin" aria-hidden="true">guójiā</rt></ruby></p>
"""

from __future__ import annotations

import copy
import enum
import itertools
import secrets
from collections.abc import Sequence
from typing import Final

import attrs
from lxml import etree

from hanzi_annot.chardata import HTML_UNWRITABLE_RE, has_unwritable
from hanzi_annot.check.hsk import hsk_levels
from hanzi_annot.diagnostics import (
    Code,
    Diagnostic,
    DiagnosticWarning,
    ErrorPolicy,
    Reporter,
    apply_policy,
)
from hanzi_annot.html.css import (
    DEFAULT_CSS,
    EDITOR_CSS,
    LEARNER_CSS,
    PRINT_CSS,
    TONE_CSS,
    neutralise_css,
)
from hanzi_annot.html.editor import FlagIndex, anchor, finding_item
from hanzi_annot.html.escape import escape_text, is_plain_text, start_tag, tag_pair
from hanzi_annot.html.fragments import RenderCache, render_cache
from hanzi_annot.html.meta import metadata_element
from hanzi_annot.html.spacing import (
    RubySpacing,
    Word,
    WordPlan,
    arrange_spacing,
    base_width,
    margins_between,
    plan_word,
)
from hanzi_annot.model import Annotation, Document, Origin, Paragraph, Section, Text
from hanzi_annot.pinyin.syllables import join_pinyin, split_tone, to_numbered
from hanzi_annot.pinyin.zhuyin import to_zhuyin
from hanzi_annot.positions import Span

# A slot's tag: random per process, numbered per rendering. Text that lxml escaped holds
# no "<", and :func:`_fill_slots` checks the count of markers, so a marker found anywhere
# else only makes the page render without slots; the random part makes that unlikely.
_SLOT_NONCE: Final = secrets.token_hex(8)
_SLOT_NUMBERS: Final = itertools.count()

__all__ = [
    "DEFAULT_CSS",
    "TONE_CSS",
    "HtmlOptions",
    "HtmlRenderWarning",
    "HtmlRenderer",
    "Notation",
    "RenderContext",
    "RenderedHtml",
    "RubyMode",
    "to_html",
]

PINYIN_LANG = "zh-Latn-pinyin"
ZHUYIN_LANG = "zh-Bopo"
_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
#: HSK levels a learner's page offers to hide (HSK 3.0 has nine; 7-9 share one band).
HSK_LEVELS = tuple(range(1, 10))


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
    r"""Options of the HTML renderer; the defaults give a standalone page a publisher can use.

    ``standalone`` writes a whole page (doctype, head, embedded CSS), otherwise just the
    ``<article>`` or ``<p>`` for embedding. ``ruby`` is per character or per word; ``rp``
    adds the fallback parentheses for browsers without ruby. ``notation`` picks tone marks,
    tone numbers or zhuyin; ``tone_classes`` marks each syllable with ``ha-t1`` … ``ha-t5``
    and adds :data:`TONE_CSS` to the page. ``page_title`` overrides the ``<title>``;
    ``source_label`` precedes the source in the footer; ``extra_css`` is appended to the
    embedded stylesheet (every ``<`` in it is escaped as ``\3c ``, so it cannot close
    ``<style>``). ``ruby`` and ``notation`` also take the enum values as strings
    (``HtmlOptions(ruby="word", notation="zhuyin")``).

    ``spacing`` adds the ``style`` attributes that keep words together and ruby texts
    apart (see :mod:`hanzi_annot.html.spacing`); they assume :data:`DEFAULT_CSS`, so by
    default (``None``) only standalone pages get them. ``controls`` puts a pinyin
    show/hide switch on a standalone page (and, when annotations carry HSK levels, a
    choice to hide the pinyin of words up to a level); ``hide_hsk`` preselects that level.
    ``hsk_levels`` takes each annotated word's level from the HSK 3.0 list that
    :func:`~hanzi_annot.annotate` selects by, when the annotation carries none itself.
    """

    standalone: bool = True
    ruby: RubyMode = attrs.field(default=RubyMode.CHAR, converter=RubyMode)
    rp: bool = True
    notation: Notation = attrs.field(default=Notation.MARKS, converter=Notation)
    tone_classes: bool = False
    page_title: str | None = None
    source_label: str = "来源："
    extra_css: str = ""
    spacing: bool | None = None
    controls: bool = True
    hide_hsk: int | None = attrs.field(default=None)
    hsk_levels: bool = False

    @hide_hsk.validator
    def _check_level(self, _attribute: object, value: int | None) -> None:
        if value is not None and value not in HSK_LEVELS:
            raise ValueError(f"hide_hsk must be an HSK level 1-9 or None, not {value!r}")

    @property
    def spaced(self) -> bool:
        """Whether ruby gets spacing styles (``spacing``, else whether the page is whole)."""
        return self.standalone if self.spacing is None else self.spacing


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


@attrs.frozen
class RenderContext:
    """What one rendering passes down to every piece, instead of state on the renderer.

    ``where`` names the part being rendered, for messages; ``origin`` places a span in
    the input; ``flags`` holds the editor view's findings; ``report`` collects the
    HA401 diagnostics of this rendering (the one mutable part, owned by the call).
    ``slot``, when :meth:`HtmlRenderer.render` sets it, is the tag of an empty element
    that stands for a ruby fragment whose serialisation ``slots`` holds, in order.
    """

    where: str = ""
    origin: Origin | None = None
    flags: FlagIndex = attrs.field(factory=lambda: FlagIndex.build((), ()))
    report: list[Diagnostic] = attrs.field(factory=list, eq=False)
    slot: str = ""
    slots: list[str] = attrs.field(factory=list, eq=False)

    def at(self, where: str) -> RenderContext:
        """Return the same context for another part of the page (sharing ``report``)."""
        return RenderContext(where, self.origin, self.flags, self.report, self.slot, self.slots)


class HtmlRenderer:
    """Turn model nodes into lxml elements and serialise them once.

    ``diagnostics`` switches on the editor view: an annotation whose span overlaps a
    diagnostic is wrapped in a link to its findings and gets the classes
    ``ha-flag ha-<severity>``, a ``data-codes`` attribute and a ``title``; a standalone
    page lists every finding after the article, each linking back to its annotation.
    The renderer keeps no state between calls: each method gets a :class:`RenderContext`.
    Subclass and override a method to change one piece.

    ``cache`` (default on) keeps, per options, each distinct word's serialised ruby
    and spacing plan and each syllable's serialised ruby text, so a new word is
    assembled from pieces lxml wrote and a known one reused (see
    :mod:`hanzi_annot.html.fragments`); the output is the same either way. A subclass
    overriding a method the fragments depend on is never cached.
    """

    #: Methods whose results a cached fragment stands for; overriding one turns it off.
    _FRAGMENT_METHODS = (
        "annotation", "ruby_text", "reading", "join", "separator", "hsk_level", "clean",
        "spacing",
    )  # fmt: skip
    #: Methods that see the tree before it is serialised; overriding one turns off slots.
    _SLOT_METHODS = ("render", "node", "page", "document", "section", "paragraph", "flag")
    #: Methods that build a page around the article; overriding one builds every page's
    #: shell anew instead of reusing the one kept per options (see :meth:`_shell`).
    _SHELL_METHODS = ("page", "css", "level_css", "controls")

    def __init__(
        self,
        options: HtmlOptions | None = None,
        *,
        diagnostics: Sequence[Diagnostic] = (),
        cache: bool = True,
    ) -> None:
        self.options = options if options is not None else HtmlOptions()
        self.flags = tuple(diagnostics)
        self._caching = cache
        self._bind()

    def _bind(self) -> None:
        """Take the fragment cache of the current options (if caching and not overridden).

        Done again whenever ``options`` changed since, or an attribute was set on the
        renderer (a method replaced on this one object), so a renderer never reuses
        fragments kept for other options or made by other methods.
        """
        options = self.options
        use = self._caching and self._inherits(self._FRAGMENT_METHODS)
        self._cache: RenderCache | None = render_cache(options) if use else None
        self._slots = self._cache is not None and self._inherits(self._SLOT_METHODS)
        self._shells = self._slots and self._inherits(self._SHELL_METHODS)
        self._bound = options  # last: a thread rendering meanwhile binds again
        self._bound_names: frozenset[str] = frozenset()  # set first: it is one of them
        self._bound_names = frozenset(self.__dict__)

    def _inherits(self, names: Sequence[str]) -> bool:
        """Tell whether every method named in ``names`` is the renderer's own, unchanged.

        Neither a subclass, nor this object (an attribute set on it), nor a patch of
        :class:`HtmlRenderer` itself may have replaced one: each is compared with the
        function the class was defined with.
        """
        kind = type(self)
        return self.__dict__.keys().isdisjoint(names) and all(
            getattr(kind, name) is _OWN_METHODS[name] for name in names
        )

    def __getstate__(self) -> dict[str, object]:
        """Pickle and copy without the cache (shared, with locks); it is found again."""
        state = dict(self.__dict__)
        state.pop("_cache", None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        slots = state.get("_slots")
        self.__dict__.update(state)
        self._bind()
        if slots is False:  # a copy made to render without slots keeps doing so
            self._slots = self._shells = False

    # --- entry points -------------------------------------------------------------
    def render(self, node: Document | Paragraph) -> RenderedHtml:
        """Render ``node`` as a page or fragment; report replaced characters (HA401)."""
        if self.options is not self._bound or self.__dict__.keys() != self._bound_names:
            self._bind()  # options or a method set since: the cache must follow them
        annotations = list(node.annotations) if isinstance(node, (Document, Paragraph)) else []
        ctx = RenderContext(
            origin=node.origin if isinstance(node, Document) else None,
            flags=FlagIndex.build(self.flags, annotations if self.flags else ()),
            slot=f"ha-slot-{_SLOT_NONCE}-{next(_SLOT_NUMBERS)}" if self._slots else "",
        )
        element = self.node(node, ctx)
        if not self.options.standalone:
            html = etree.tostring(element, method="html", encoding="unicode")
        else:
            title, levels = self.page_title(node, ctx), self.levels(annotations)
            # A title HTML cannot carry (from an overriding page_title) goes to lxml,
            # which refuses it as it refuses it in a page built whole.
            writable = type(title) is str and not has_unwritable(title)
            shell = self._shell(element, ctx, levels) if writable else None
            if shell is not None:
                # Exactly what serialising the page writes: the shell's parts are lxml's,
                # the title is text escaped as lxml escapes it, the article lxml's own.
                head, body, end = shell
                article = etree.tostring(element, method="html", encoding="unicode")
                html = "".join((head, escape_text(_title_text(title)), body, article, end))
            else:
                page = self.page(element, title, ctx, levels)
                html = etree.tostring(
                    page, method="html", encoding="unicode", doctype="<!DOCTYPE html>"
                )
        if ctx.slots:
            filled = _fill_slots(html, ctx)
            if filled is None:  # the marker turned up elsewhere: render without slots
                plain = copy.copy(self)
                plain._slots = False
                return plain.render(node)
            html = filled
        return RenderedHtml(html, tuple(ctx.report))

    def _shell(
        self, content: etree._Element, ctx: RenderContext, levels: frozenset[int]
    ) -> tuple[str, str, str] | None:
        """Return the serialised page around an article, cut where its title and body go.

        :meth:`page` depends on the options, the HSK levels on the page and whether
        there are findings, not on the article; so a page without findings is the
        article between two pieces of one serialised shell, built by lxml once per
        options (the cache's) and levels. ``None`` (build the page) for anything else:
        no cache, a piece of the page replaced (by a subclass or on this renderer),
        findings to list, a lone paragraph (wrapped in a ``div`` by :meth:`page`),
        levels that are not a frozenset of ints, or a shell whose building reported
        something (HA401 in the extra CSS), which each page must report.
        """
        cache = self._cache
        if cache is None or not self._shells or ctx.flags.findings:
            return None
        if content.tag == "p" or content.tag == ctx.slot:
            return None
        # Levels are written into the style sheet and controls as text: only plain ints
        # in a frozenset key a shell (an int subclass may write itself otherwise).
        if type(levels) is not frozenset or any(type(level) is not int for level in levels):
            return None
        # Diagnostics given are always listed as findings, so a shell is never the editor
        # view's and its levels alone tell the shells of one set of options apart.
        shell = cache.shells.find(levels)
        if shell is None:
            shell = self._build_shell(ctx, levels) or ()
            cache.shells.put(levels, shell)
        return shell or None

    def _build_shell(
        self, ctx: RenderContext, levels: frozenset[int]
    ) -> tuple[str, str, str] | None:
        """Serialise :meth:`page` around a marker element, with the marker as its title."""
        marker = f"ha-shell-{_SLOT_NONCE}"
        scratch = RenderContext(ctx.where, ctx.origin, ctx.flags)
        page = self.page(etree.Element(marker), marker, scratch, levels)
        if scratch.report:
            return None
        html = etree.tostring(page, method="html", encoding="unicode", doctype="<!DOCTYPE html>")
        element = f"<{marker}></{marker}>"
        if html.count(marker) != 3 or html.count(element) != 1:
            return None  # the marker turned up elsewhere: never expected
        head, _, rest = html.partition(marker)  # the title comes first, then the element
        body, _, end = rest.partition(element)
        return head, body, end

    def node(self, node: object, ctx: RenderContext) -> etree._Element:
        """Dispatch on the node type; an unknown type is a ``TypeError``."""
        if isinstance(node, Document):
            return self.document(node, ctx)
        if isinstance(node, Paragraph):
            return self.paragraph(node, "p", ctx.at("paragraph"))
        raise TypeError(
            f"cannot render {type(node).__name__} as HTML: pass a Document or Paragraph"
        )

    # --- pieces a subclass may override -----------------------------------------------
    def page(
        self,
        content: etree._Element,
        title: str,
        ctx: RenderContext,
        levels: frozenset[int] = frozenset(),
    ) -> etree._Element:
        """Wrap ``content`` in ``<html lang="zh-Hans">`` with head, CSS, controls, findings."""
        html = etree.Element("html", lang="zh-Hans")
        head = etree.SubElement(html, "head")
        etree.SubElement(head, "meta", charset="utf-8")
        etree.SubElement(
            head, "meta", name="viewport", content="width=device-width, initial-scale=1"
        )
        etree.SubElement(head, "title").text = _title_text(title)
        etree.SubElement(head, "style").text = self.css(ctx.at("stylesheet"), levels)
        body = etree.SubElement(html, "body")
        if self.options.controls:
            for control in self.controls(levels):
                body.append(control)
        if content.tag == "p" or (ctx.slot and content.tag == ctx.slot):  # a lone paragraph
            wrapper = etree.SubElement(body, "div", {"class": "ha-document"})
            wrapper.append(content)
        else:
            body.append(content)
        if ctx.flags.findings:
            body.append(self.findings(ctx.at("findings")))
        return html

    def page_title(self, node: Document | Paragraph, ctx: RenderContext) -> str:
        """Choose the ``<title>``: the option, else the document title, else the first words.

        Characters HTML cannot carry were already reported where the text is rendered;
        only a title given in the options is reported here.
        """
        if self.options.page_title is not None:
            return self.clean(self.options.page_title, None, 0, ctx.at("page title"))
        first: Paragraph | None = node if isinstance(node, Paragraph) else None
        if isinstance(node, Document):
            first = node.title or next(iter(node.blocks), None)
        text = first.text.strip()[:40] if first is not None else ""
        return HTML_UNWRITABLE_RE.sub(_REPLACEMENT, text)

    def css(self, ctx: RenderContext, levels: frozenset[int] = frozenset()) -> str:
        """Return the embedded CSS: defaults, palette, controls, editor, print, extras.

        ``extra_css`` is cleaned (HA401 for control characters) and neutralised
        (:func:`~hanzi_annot.html.css.neutralise_css`) so it stays inside ``<style>``.
        """
        css = DEFAULT_CSS
        if self.options.tone_classes:
            css += TONE_CSS
        if self.options.controls:
            css += LEARNER_CSS + self.level_css(levels)
        if self.flags:
            css += EDITOR_CSS
        css += PRINT_CSS
        extra = self.clean(self.options.extra_css, None, 0, ctx.at("extra CSS"))
        return css + neutralise_css(extra)

    def level_css(self, levels: frozenset[int]) -> str:
        """CSS that hides ruby text of words up to the HSK level whose radio is chosen."""
        if not levels:
            return ""
        rules = []
        for level in sorted(levels):
            hidden = ",".join(
                f'#ha-hsk-{level}:checked~.ha-document ruby[data-hsk="{lower}"] rt'
                for lower in sorted(levels)
                if lower <= level
            )
            rules.append(hidden + "{visibility:hidden}")
        for name in ["hsk-0", *(f"hsk-{level}" for level in sorted(levels))]:
            label = f".ha-toolbar label[for=ha-{name}]"
            rules.append(f'#ha-{name}:checked~{label}::before{{content:"\\25c9\\00a0"}}')
            rules.append(f"#ha-{name}:focus-visible~{label}{{outline:3px solid #1565c0}}")
        return "\n".join(rules) + "\n"

    def controls(self, levels: frozenset[int]) -> list[etree._Element]:
        """Build the learner's switches (before the article) and their labelled toolbar.

        Plain form controls whose state CSS reads (no script): a checkbox shows or hides
        all ruby text; with HSK levels in the document, radio buttons hide the ruby text
        of words up to a level. Without CSS they are ordinary labelled controls.
        """
        elements = []
        show = etree.Element(
            "input",
            {"type": "checkbox", "id": "ha-show-pinyin", "class": "ha-switch", "checked": ""},
        )
        elements.append(show)
        chosen = self.options.hide_hsk if self.options.hide_hsk in levels else 0
        if levels:
            for level in (0, *sorted(levels)):
                radio = etree.Element(
                    "input",
                    {"type": "radio", "name": "ha-hsk", "id": f"ha-hsk-{level}",
                     "class": "ha-switch", "value": str(level)},
                )  # fmt: skip
                if level == chosen:
                    radio.set("checked", "")
                elements.append(radio)
        toolbar = etree.Element("aside", {"class": "ha-toolbar", "aria-label": "阅读设置"})
        label = etree.SubElement(toolbar, "label", {"for": "ha-show-pinyin"})
        label.text = "显示拼音"
        if levels:
            group = etree.SubElement(toolbar, "fieldset")
            etree.SubElement(group, "legend").text = "隐藏拼音："
            etree.SubElement(group, "label", {"for": "ha-hsk-0"}).text = "不隐藏"
            for level in sorted(levels):
                choice = etree.SubElement(group, "label", {"for": f"ha-hsk-{level}"})
                choice.text = f"HSK {level} 级及以下"
        elements.append(toolbar)
        return elements

    def levels(self, annotations: Sequence[Annotation]) -> frozenset[int]:
        """Return the HSK levels the annotations carry (see :meth:`hsk_level`)."""
        found = (self.hsk_level(annotation) for annotation in annotations)
        return frozenset(level for level in found if level is not None)

    def hsk_level(self, annotation: Annotation) -> int | None:
        """Return the HSK level of an annotated word, if the model carries one.

        The hook behind ``data-hsk``: an annotation with an integer ``hsk`` attribute
        (1-9) gets it; with ``HtmlOptions(hsk_levels=True)`` other words get their level
        in the HSK 3.0 list (7 stands for the 7-9 band). Override this method to take
        levels from elsewhere.
        """
        # The model's own class has no such attribute; asking it for one raises inside.
        level = None if type(annotation) is Annotation else getattr(annotation, "hsk", None)
        if isinstance(level, int) and not isinstance(level, bool) and level in HSK_LEVELS:
            return level
        if self.options.hsk_levels:
            return hsk_levels().get(annotation.hanzi)
        return None

    def document(self, document: Document, ctx: RenderContext) -> etree._Element:
        """``<article>`` with ``<h1>``, the sections and a ``<footer>`` for the source.

        Without a title the wrapper is a ``<div>``, because an article needs a heading.
        """
        tag = "article" if document.title is not None else "div"
        root = etree.Element(tag, {"class": "ha-document"})
        if document.title is not None:
            root.append(self.paragraph(document.title, "h1", ctx.at("title")))
        byline = metadata_element(document.metadata)  # <time datetime>, outlet, authors
        if byline is not None:
            root.append(byline)
        for number, section in enumerate(document.sections, 1):
            root.append(self.section(section, number, ctx))
        if document.source is not None:
            root.append(self.footer(document.source, ctx.at("source")))
        return root

    def section(self, section: Section, number: int, ctx: RenderContext) -> etree._Element:
        """``<section>`` with ``<h2>``; an untitled section is a ``<div class="ha-section">``."""
        if section.heading is None:
            element = etree.Element("div", {"class": "ha-section"})
        else:
            element = etree.Element("section")
            heading = ctx.at(f"section {number} heading")
            element.append(self.paragraph(section.heading, "h2", heading))
        run = _Run()  # paragraphs in a row joined as text: one slot holds them all
        for index, paragraph in enumerate(section.paragraphs, 1):
            where = f"section {number} paragraph {index}"
            html = self._paragraph_html(paragraph, "p", ctx, where) if ctx.slot else None
            if html is not None:
                run.add(html)
                continue
            run.close(element, ctx)
            element.append(self.paragraph(paragraph, "p", ctx.at(where)))
        run.close(element, ctx)
        return element

    def footer(self, source: str, ctx: RenderContext) -> etree._Element:
        """``<footer><p>来源：<span class="ha-source">…</span></p></footer>``."""
        footer = etree.Element("footer")
        para = etree.SubElement(footer, "p")
        para.text = self.clean(self.options.source_label, None, 0, ctx.at("source label"))
        etree.SubElement(para, "span", {"class": "ha-source"}).text = self.clean(
            source, None, 0, ctx
        )
        return footer

    def paragraph(self, paragraph: Paragraph, tag: str, ctx: RenderContext) -> etree._Element:
        """One paragraph, title or heading as ``tag``: text and ruby in order."""
        if ctx.slot:
            html = self._paragraph_html(paragraph, tag, ctx)
            if html is not None:  # the whole paragraph stands in one slot
                ctx.slots.append(html)
                return etree.Element(ctx.slot)
        spacings = self.spacing(paragraph)
        element = etree.Element(tag)
        spacing = iter(spacings)
        column = 0
        last: etree._Element | None = None  # len() of an lxml element is O(children)
        for token in paragraph.tokens:
            if isinstance(token, Annotation):
                last = self.annotation(token, column, ctx, next(spacing))
                element.append(last)
            elif isinstance(token, Text):
                text = self.clean(token.text, token.span, column, ctx)
                if last is None:
                    element.text = (element.text or "") + text
                else:
                    last.tail = (last.tail or "") + text
            else:
                raise TypeError(f"cannot render token {type(token).__name__} as HTML")
            column += len(token.text)
        return element

    def _paragraph_html(
        self, paragraph: Paragraph, tag: str, ctx: RenderContext, where: str | None = None
    ) -> str | None:
        """Return the serialised paragraph, joined from kept ruby and escaped text, or None.

        Exactly what lxml writes for the element :meth:`paragraph` builds: the tags are
        lxml's, each ruby is its kept lxml serialisation and the text between them is
        escaped by :func:`~hanzi_annot.html.escape.escape_text`, which a test holds to
        lxml's output on every code point. ``None`` (build the element) when something
        needs more: a flagged annotation, text HTML cannot carry, an unknown token.
        One pass over the tokens decides that, gathers what :meth:`spacing` needs (slots
        are only used with the renderer's own ``spacing``) and writes the text between
        the words; a second writes the words, each one lookup when it was met before
        with the same margins. ``where``, if given, names the paragraph in messages: the
        context for it is made only when a word has to be built.
        """
        cache = self._cache
        assert cache is not None  # slots are only used with the cache
        spaced = self.options.spaced
        flagged = ctx.flags.by_annotation
        known = cache.words.recent
        plans: list[WordPlan] = []
        runs = [0.0]  # the width of plain text before each word, and after the last
        open_tag, close_tag = tag_pair(tag)
        parts = [open_tag]  # the text escaped now; each word's place filled below
        words: list[tuple[int, Annotation, int]] = []  # (place in parts, word, column)
        column = 0
        for token in paragraph.tokens:  # decide first: nothing is built twice or reported twice
            if isinstance(token, Annotation):
                if flagged and token.span is not None and flagged.get(token.span):
                    return None
                if spaced:
                    plan = known.get((token.hanzi, token.syllables))
                    plans.append(plan if isinstance(plan, WordPlan) else self._plan(token))
                    runs.append(0.0)
                words.append((len(parts), token, column))
                parts.append("")
            elif isinstance(token, Text):
                text = token.text
                if not is_plain_text(text):
                    if has_unwritable(text):
                        return None
                    text = escape_text(text)
                if spaced:
                    runs[-1] += base_width(token.text)
                parts.append(text)
            else:
                return None
            column += len(token.text)
        lefts, rights = margins_between(plans, runs) if spaced else ([], [])
        kept = cache.html.recent
        own_levels = not self.options.hsk_levels  # then only a subclass of Annotation has one
        left = right = letter_spacing = 0.0
        for number, (place, token, at) in enumerate(words):
            level = None if own_levels and type(token) is Annotation else self.hsk_level(token)
            if spaced:
                left, right = lefts[number], rights[number]
                letter_spacing = plans[number].spacing.letter_spacing
            key = (token.hanzi, token.syllables, level, left, right, letter_spacing)
            html = kept.get(key)
            if html is None:
                if where is not None:
                    ctx, where = ctx.at(where), None
                html = self._slot_html(token, at, ctx, RubySpacing(left, right, letter_spacing))
            parts[place] = html
        parts.append(close_tag)
        return "".join(parts)

    def spacing(self, paragraph: Paragraph) -> list[RubySpacing]:
        """One :class:`~hanzi_annot.html.spacing.RubySpacing` per annotation of a paragraph."""
        if not self.options.spaced:
            return [RubySpacing() for _ in paragraph.annotations]
        words: list[WordPlan | str] = []
        for token in paragraph.tokens:
            if isinstance(token, Annotation):
                words.append(self._plan(token))
            elif isinstance(token, Text):
                words.append(token.text)
        return arrange_spacing(words)

    def _plan(self, token: Annotation) -> WordPlan:
        """Return the word's spacing plan, kept per (hanzi, syllables) when caching."""
        cache = self._cache
        if cache is None:
            return plan_word(self._word(token))
        key = (token.hanzi, token.syllables)
        plan = cache.words.find(key)
        if not isinstance(plan, WordPlan):
            plan = plan_word(self._word(token))
            cache.words.put(key, plan)
        return plan

    def _word(self, token: Annotation) -> Word:
        """Return the annotation as :func:`~hanzi_annot.html.spacing.plan_spacing` sees it."""
        zhuyin = self.options.notation is Notation.ZHUYIN
        if self.options.ruby is RubyMode.WORD:
            units: tuple[str, ...] = (token.hanzi,)
            texts: tuple[str, ...] = (
                self.join(token.syllables, [self.reading(s) for s in token.syllables]),
            )
        elif self.options.notation is Notation.MARKS and self._inherits(("reading",)):
            units, texts = token.units, token.syllables  # a syllable reads as itself
        else:
            units = tuple(token.units)
            texts = tuple(self.reading(s) for s in token.syllables)
        return Word(units, texts, zhuyin)

    def annotation(
        self,
        annotation: Annotation,
        column: int,
        ctx: RenderContext,
        spacing: RubySpacing | None = None,
    ) -> etree._Element:
        """``<ruby>`` for one annotation, per character or per word, flagged if asked."""
        spacing = spacing or RubySpacing()
        cache = self._cache
        if cache is None:
            return self.flag(self._ruby(annotation, column, ctx, spacing), annotation, ctx)
        if ctx.slot and (annotation.span is None or not ctx.flags.on(annotation)):
            # Unflagged: its serialisation stands in for it, built by lxml once.
            ctx.slots.append(self._slot_html(annotation, column, ctx, spacing))
            return etree.Element(ctx.slot)
        return self.flag(self._cached_ruby(annotation, column, ctx, spacing), annotation, ctx)

    def _slot_html(
        self, annotation: Annotation, column: int, ctx: RenderContext, spacing: RubySpacing
    ) -> str:
        """Return the kept lxml serialisation of an unflagged annotation's ruby (built once)."""
        cache = self._cache
        assert cache is not None
        level = self.hsk_level(annotation)
        # The spacing's figures rather than the object: a tuple of them hashes in C.
        key = (
            annotation.hanzi, annotation.syllables, level,
            spacing.left, spacing.right, spacing.letter_spacing,
        )  # fmt: skip
        html = cache.html.find(key)
        if html is None:
            html = self._assembled_ruby(annotation, level, spacing, ctx)
            if html is not None:
                cache.html.put(key, html)
                return html
            reported = len(ctx.report)
            ruby = self._cached_ruby(annotation, column, ctx, spacing)
            html = etree.tostring(ruby, method="html", encoding="unicode")
            if len(ctx.report) == reported:
                cache.html.put(key, html)
        return html

    def _assembled_ruby(
        self, annotation: Annotation, level: int | None, spacing: RubySpacing, ctx: RenderContext
    ) -> str | None:
        """Serialise a per-character ``<ruby>`` from kept pieces, or ``None`` if it cannot be.

        What lxml writes for :meth:`_ruby`'s element is its start tag, then per unit the
        unit's text and its ruby text, then the end tag. Every tag is lxml's (each start
        tag written once per attribute values by
        :func:`~hanzi_annot.html.escape.start_tag`), the text is escaped by
        :func:`~hanzi_annot.html.escape.escape_text` and each syllable's ruby text is
        serialised by lxml once (:meth:`_ruby_text_pieces`), so a new word costs
        lookups, not a tree. ``None`` (build the element) for per-word ruby and for text
        HTML cannot carry, which must be reported where it stands.
        """
        cache = self._cache
        if cache is None or self.options.ruby is not RubyMode.CHAR:
            return None
        if has_unwritable(annotation.hanzi):
            return None
        attributes: list[tuple[str, str]] = []
        style = spacing.ruby_style()
        if style is not None:
            attributes.append(("style", style))
        if level is not None:
            attributes.append(("data-hsk", str(level)))
        parts = [start_tag("ruby", tuple(attributes))]
        rt_style = spacing.rt_style()
        # Without tone classes every <rt> of the word has the same attributes.
        same_rt = None
        if not self.options.tone_classes:
            same_rt = start_tag("rt", self._rt_attributes(annotation.syllables[:1], rt_style))
        for unit, syllable in zip(annotation.units, annotation.syllables, strict=True):
            pieces = cache.pieces.find(syllable)
            if pieces is None:
                pieces = self._ruby_text_pieces(syllable, ctx)
                if pieces is None:
                    return None
                cache.pieces.put(syllable, pieces)
            before, after = pieces
            parts.append(escape_text(unit))
            parts.append(before)
            parts.append(same_rt or start_tag("rt", self._rt_attributes((syllable,), rt_style)))
            parts.append(after)
        parts.append(tag_pair("ruby")[1])
        return "".join(parts)

    def _ruby_text_pieces(self, syllable: str, ctx: RenderContext) -> tuple[str, str] | None:
        """Serialise one syllable's ruby text with lxml, cut around its ``<rt>`` start tag.

        :meth:`ruby_text` fills an attribute-less ``<ruby>`` (whose tags are cut off)
        without spacing; what comes before and after the ``<rt …>`` start tag is the same
        whatever the spacing, which only changes that tag. ``None`` when building it
        reported something (HA401), so the caller builds the element and the report
        names its place.
        """
        scratch = RenderContext(ctx.where, None, ctx.flags)
        ruby = etree.Element("ruby")
        self.ruby_text(ruby, (syllable,), scratch, None, RubySpacing())
        if scratch.report:
            return None
        html = etree.tostring(ruby, method="html", encoding="unicode")
        start, end = tag_pair("ruby")
        html = html[len(start) : len(html) - len(end)]
        rt_start = start_tag("rt", self._rt_attributes((syllable,), None))
        before, found, after = html.partition(rt_start)
        if not found or rt_start in after:  # escaped text holds no "<": never expected
            return None
        return before, after

    def _cached_ruby(
        self, annotation: Annotation, column: int, ctx: RenderContext, spacing: RubySpacing
    ) -> etree._Element:
        """:meth:`_ruby`, copied from the fragment cache when it holds the word."""
        cache = self._cache
        assert cache is not None
        level = self.hsk_level(annotation)
        # The margins depend on the neighbours, so they are left out of the kept fragment
        # and set on the copy; ``style`` is then the ruby's only attribute, so setting it
        # last keeps the attribute order. With ``data-hsk`` the whole spacing is the key.
        own = spacing if level is not None else RubySpacing(letter_spacing=spacing.letter_spacing)
        key = (annotation.hanzi, annotation.syllables, level, own)
        ruby = cache.ruby(key)
        if ruby is None:
            reported = len(ctx.report)
            ruby = self._ruby(annotation, column, ctx, own)
            if len(ctx.report) == reported:  # a copy reports nothing, so keep only these
                cache.keep(key, ruby)
        if own is not spacing:
            style = spacing.ruby_style()
            if style is not None:
                ruby.set("style", style)
        return ruby

    def _ruby(
        self, annotation: Annotation, column: int, ctx: RenderContext, spacing: RubySpacing
    ) -> etree._Element:
        """Build the ``<ruby>`` of :meth:`annotation`, element by element."""
        ruby = etree.Element("ruby")
        style = spacing.ruby_style()
        if style is not None:
            ruby.set("style", style)
        level = self.hsk_level(annotation)
        if level is not None:
            ruby.set("data-hsk", str(level))
        hanzi = self.clean(annotation.hanzi, annotation.span, column, ctx)
        if self.options.ruby is RubyMode.WORD:
            append_text(ruby, hanzi)
            self.ruby_text(ruby, annotation.syllables, ctx, annotation.span, spacing)
        else:
            position = 0
            for unit, syllable in zip(annotation.units, annotation.syllables, strict=True):
                append_text(ruby, hanzi[position : position + len(unit)])
                position += len(unit)
                self.ruby_text(ruby, (syllable,), ctx, annotation.span, spacing)
        return ruby

    def ruby_text(
        self,
        ruby: etree._Element,
        syllables: Sequence[str],
        ctx: RenderContext,
        span: Span | None = None,
        spacing: RubySpacing | None = None,
    ) -> None:
        """Append ``<rp>(</rp><rt>…</rt><rp>)</rp>`` (without the ``rp`` if so set).

        Ruby text is ``aria-hidden``: a screen reader reads the characters once, not
        characters and pinyin.
        """
        if self.options.rp:
            etree.SubElement(ruby, "rp", {"aria-hidden": "true"}).text = "("
        rt = etree.SubElement(ruby, "rt")
        style = spacing.rt_style() if spacing is not None else None
        for name, value in self._rt_attributes(syllables, style):
            rt.set(name, value)
        where = ctx.at(f"{ctx.where}, ruby text")
        written = [self.clean(self.reading(s), span, None, where) for s in syllables]
        if not self.options.tone_classes:
            rt.text = self.join(syllables, written)
        elif len(syllables) == 1:
            rt.text = written[0]
        else:
            for index, (syllable, text) in enumerate(zip(syllables, written, strict=True)):
                append_text(rt, self.separator(syllables, index))
                span_element = etree.SubElement(rt, "span", {"class": f"ha-t{tone_of(syllable)}"})
                span_element.text = text
        if self.options.rp:
            etree.SubElement(ruby, "rp", {"aria-hidden": "true"}).text = ")"

    def _rt_attributes(
        self, syllables: Sequence[str], style: str | None
    ) -> tuple[tuple[str, str], ...]:
        """Return the attributes of :meth:`ruby_text`'s ``<rt>``, in the order they are written."""
        zhuyin = self.options.notation is Notation.ZHUYIN
        attributes = [("lang", ZHUYIN_LANG if zhuyin else PINYIN_LANG), ("aria-hidden", "true")]
        if style is not None:
            attributes.append(("style", style))
        if self.options.tone_classes and len(syllables) == 1:
            attributes.append(("class", f"ha-t{tone_of(syllables[0])}"))
        return tuple(attributes)

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

    def flag(
        self, ruby: etree._Element, annotation: Annotation, ctx: RenderContext
    ) -> etree._Element:
        """Mark an annotation that editor-view findings concern; return what to insert.

        A flagged ``<ruby>`` is wrapped in ``<a class="ha-mark" href="#ha-fN">`` (the first
        finding on it), so it is reachable by keyboard and by touch; the ruby keeps the
        classes, ``data-codes`` and a ``title`` with the messages.
        """
        found = ctx.flags.on(annotation)
        if not found or annotation.span is None:
            return ruby
        worst = max(f.diagnostic.severity for f in found)
        ruby.set("class", f"ha-flag ha-{worst}")
        ruby.set("data-codes", " ".join(dict.fromkeys(f.diagnostic.code.code for f in found)))
        tooltip = "\n".join(f"{f.diagnostic.code.code} {f.diagnostic.message}" for f in found)
        ruby.set("title", HTML_UNWRITABLE_RE.sub(_REPLACEMENT, tooltip))
        link = etree.Element(
            "a", {"class": "ha-mark", "id": anchor(annotation.span), "href": f"#{found[0].id}"}
        )
        link.append(ruby)
        return link

    def findings(self, ctx: RenderContext) -> etree._Element:
        """``<aside class="ha-findings">``: every finding, linked to its annotation."""
        aside = etree.Element("aside", {"class": "ha-findings", "aria-labelledby": "ha-findings"})
        heading = etree.SubElement(aside, "h2", id="ha-findings")
        heading.text = f"检查结果（{len(ctx.flags.findings)}）"
        listing = etree.SubElement(aside, "ol")

        def tidy(text: str) -> str:
            return self.clean(text, None, 0, ctx)

        for finding in ctx.flags.findings:
            listing.append(finding_item(finding, tidy))
        return aside

    # --- helpers ------------------------------------------------------------------
    def clean(self, text: str, span: Span | None, column: int | None, ctx: RenderContext) -> str:
        """Replace characters HTML cannot carry with U+FFFD, reporting each (HA401).

        ``column`` is where ``text`` starts in its paragraph's plain text (``None`` for
        ruby text), so the message can name the character even without a span.
        """
        if not has_unwritable(text):
            return text
        for match in HTML_UNWRITABLE_RE.finditer(text):
            if column is None:
                place = ctx.where
            else:
                place = f"{ctx.where}, character {column + match.start() + 1}"
            ctx.report.append(self.unwritable(match.group(), match.start(), span, place, ctx))
        return HTML_UNWRITABLE_RE.sub(_REPLACEMENT, text)

    def unwritable(
        self, char: str, index: int, span: Span | None, place: str, ctx: RenderContext
    ) -> Diagnostic:
        """Build the HA401 diagnostic for ``char`` at ``index`` of a piece of text."""
        code = Code.UNWRITABLE_CHARACTER
        if span is not None:
            offset = min(span.start + index, span.end)
            where = Span(offset, min(offset + 1, max(span.end, offset)))
        else:
            where = Span(0, 0)
        origin = ctx.origin
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


class _Run:
    """Serialised paragraphs in a row, held for one slot.

    A section of a million short paragraphs holds its output once, not an element and
    a string per paragraph. Every ``JOIN`` paragraphs are joined into one chunk, and
    the chunks once at the end, so each character is copied twice whatever the run's
    length.
    """

    #: How many serialised paragraphs are joined into one chunk at a time.
    JOIN: Final = 256

    __slots__ = ("chunks", "pieces")

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pieces: list[str] = []

    def add(self, html: str) -> None:
        self.pieces.append(html)
        if len(self.pieces) >= self.JOIN:
            self.chunks.append("".join(self.pieces))
            self.pieces.clear()

    def close(self, element: etree._Element, ctx: RenderContext) -> None:
        """Put the run in one slot at the end of ``element``, if it has anything; empty it."""
        if self.chunks or self.pieces:
            self.chunks.append("".join(self.pieces))
            ctx.slots.append("".join(self.chunks))
            element.append(etree.Element(ctx.slot))
            self.chunks.clear()
            self.pieces.clear()


#: The methods :meth:`HtmlRenderer._inherits` looks for, as the class defines them.
_OWN_METHODS: Final = {
    name: vars(HtmlRenderer)[name]
    for name in {
        *HtmlRenderer._FRAGMENT_METHODS,
        *HtmlRenderer._SLOT_METHODS,
        *HtmlRenderer._SHELL_METHODS,
    }
}


def _title_text(title: str) -> str:
    """Return the text of a page's ``<title>``: the title, or 无标题 ("untitled") for none."""
    return title or "无标题"


def _fill_slots(html: str, ctx: RenderContext) -> str | None:
    """Put each slot's serialised fragment in place of its empty element, in order.

    The marker's tag holds a random nonce, and text that lxml escaped cannot hold
    ``<``; should it still appear anywhere else the counts differ and ``None`` says
    to render without slots.
    """
    parts = html.split(f"<{ctx.slot}></{ctx.slot}>")
    if len(parts) != len(ctx.slots) + 1:
        return None
    out = [parts[0]]
    for fragment, rest in zip(ctx.slots, parts[1:], strict=True):
        out.append(fragment)
        out.append(rest)
    return "".join(out)


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
