"""HTML input: ruby pages (ours and other tools') and inline-annotated pages → a Document.

The page is parsed with lxml.html. Headings become the title and section headings,
``<p>`` and other text blocks become paragraphs, a ``<footer>`` gives the source, and
``script``/``style``/``nav``/``aside``/``template``/``noscript`` are ignored. Inside a
paragraph, ``<ruby>`` becomes annotations (per character or per word, with or without
``<rb>``/``<rp>``, nested in any inline element) and the text around it is read with the
inline parser, so ``国家(guójiā)`` text works too. Ruby that cannot be read is kept as
text and reported (HA402-HA405) on ``Document.diagnostics``. Tokens carry spans into the
decoded page, so diagnostics and validation name the line they come from.

>>> doc = from_html("<p>泉州是<ruby>国<rt>guó</rt>家<rt>jiā</rt></ruby>历史文化名城</p>")
>>> [token.text for token in doc.sections[0].paragraphs[0].tokens]
['泉州是', '国家', '历史文化名城']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Final

import attrs
import lxml.html
from lxml import etree

from hanzi_annot.chardata import CLOSE_PARENS, OPEN_PARENS, is_hanzi
from hanzi_annot.diagnostics import (
    Code,
    Diagnostic,
    ErrorPolicy,
    InvalidTextError,
    Reporter,
    apply_policy,
    sort_diagnostics,
)
from hanzi_annot.html.decode import IgnoredCharset, blank_xml_declaration, decode_page_noting
from hanzi_annot.html.meta import read_page_metadata
from hanzi_annot.html.places import Run, RunPlaces, tag_offsets
from hanzi_annot.model import (
    Annotation,
    Document,
    Metadata,
    Origin,
    Paragraph,
    ParagraphsBuilder,
    Section,
    Text,
    Token,
)
from hanzi_annot.pinyin.alignment import candidate_alignments, choose_alignment
from hanzi_annot.pinyin.readings import Readings, default_readings
from hanzi_annot.pinyin.segmentation import split_syllables
from hanzi_annot.pinyin.syllables import join_pinyin
from hanzi_annot.pinyin.zhuyin import is_zhuyin, split_zhuyin
from hanzi_annot.positions import LineIndex, Span
from hanzi_annot.text.decode import Source, decode_raw, read_source, source_name
from hanzi_annot.text.inline import check_text, parse_inline
from hanzi_annot.text.metadata import MAX_METADATA_LINES, merge_metadata, take_metadata

__all__ = ["from_html"]

#: A page this long keeps its plain paragraphs as offsets into it (see ``Paragraphs``);
#: a shorter one keeps them as objects, which are faster to read again.
COMPACT_MIN_CHARS: Final = 500_000

_IGNORED = ("script", "style", "nav", "aside", "template", "noscript")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = (
    frozenset(
        (
            "address",
            "article",
            "blockquote",
            "dd",
            "details",
            "dialog",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "header",
            "hgroup",
            "hr",
            "li",
            "main",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "tr",
            "ul",
        )
    )
    | _HEADINGS
)
#: Elements never used as a position (ruby texts), left out to save time on big pages.
_UNPLACED = frozenset({"rp", "rt", "rtc", "rb", *_IGNORED})
_RUBY_END_RE = re.compile(r"</ruby\s*>", re.IGNORECASE)
#: libxml2 gives up on elements nested deeper than this, even with ``huge_tree``.
_MAX_DEPTH: Final = 2048
#: Characters an lxml tree refuses (XML 1.0 has no place for them), read as U+FFFD.
_NOT_XML_RE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_REPLACEMENT: Final = "\N{REPLACEMENT CHARACTER}"
_SOURCE_LABEL_RE = re.compile(r"^\s*(?:来源|來源|稿源|source)\s*[:：]\s*", re.IGNORECASE)


#: One item of inline content: a text run or an element (whose tail is a later item).
_Item = Run | etree._Element
#: What inline reading produces: text still to parse for ``国家(guójiā)``, text kept as
#: it is (unreadable ruby), or an annotation.
_Piece = Run | Text | Annotation


def _tag(item: _Item) -> str:
    """Return the tag name of an element item; "" for text, comments and instructions."""
    if isinstance(item, Run) or not isinstance(item.tag, str):
        return ""
    return item.tag


def _classes(element: etree._Element) -> frozenset[str]:
    return frozenset((element.get("class") or "").split())


def _has_block(element: etree._Element) -> bool:
    """Tell whether any descendant is a block element (so this one is a container)."""
    return any(_tag(child) in _BLOCKS for child in element.iterdescendants())


def _text_of(element: etree._Element) -> str:
    """Return all text inside an element (descendants' tails included, its own not)."""
    return "".join(element.itertext())


@attrs.define
class _SectionBuilder:
    paragraphs: ParagraphsBuilder  # plain paragraphs kept as offsets into the page
    heading: Paragraph | None = None

    @property
    def empty(self) -> bool:
        return self.heading is None and not self.paragraphs


class _PageReader:
    """State of one :func:`from_html` call: the sections so far and the diagnostics.

    Positions are code-point offsets into the decoded page. An element is placed at its
    start tag (at the start of its line when the tag cannot be matched); text is placed
    exactly where it occurs literally after its element's start tag, else at that tag.
    Where a diagnostic belongs is passed along as an argument, never kept as state.
    """

    def __init__(
        self,
        page: str,
        lines: LineIndex,
        tags: dict[etree._Element, int],
        path: str | None,
        readings: Readings,
    ) -> None:
        self.page = page
        self.lines = lines
        self.tags = tags
        self.path = path
        self.readings = readings
        self.title: Paragraph | None = None
        self.sections: list[_SectionBuilder] = []
        self.source: str | None = None
        self.diagnostics: list[Diagnostic] = []
        self.ruby_ends = [found.end() for found in _RUBY_END_RE.finditer(page)]

    # --- positions and diagnostics ----------------------------------------------------
    def anchor(self, element: etree._Element) -> int:
        """Return the offset of an element's start tag, else of the start of its line."""
        if element in self.tags:
            return self.tags[element]
        line = element.sourceline
        if not line or line > self.lines.line_count:
            return 0
        return self.lines.line_start(line)

    def items(self, element: etree._Element) -> Iterator[_Item]:
        """Yield an element's content in order: its text, then each child and its tail."""
        if element.text:
            yield Run(element.text, element)
        for child in element:
            yield child
            if child.tail:
                yield Run(child.tail, child)

    def report(
        self, code: Code, message: str, where: int, fix: str | None = None, end: int | None = None
    ) -> None:
        """Record an HTML diagnostic at offset ``where`` of the page (``fix`` is advice)."""
        span = Span(where, where if end is None else end)
        reporter = Reporter(self.lines, self.path)
        self.diagnostics.append(reporter.diagnostic(code, span, message, hint=fix))

    def add(self, diagnostic: Diagnostic) -> None:
        """Record a diagnostic with the line and column of its span in the page."""
        self.diagnostics.append(Reporter(self.lines, self.path).place(diagnostic))

    # --- blocks --------------------------------------------------------------------
    def blocks(self, container: etree._Element) -> None:
        """Read a container: blocks in order, loose inline runs as paragraphs.

        Nested containers are read with an explicit stack rather than recursion, so a
        page nested thousands of elements deep reads like a flat one.
        """
        stack: list[tuple[etree._Element, Iterator[_Item], list[_Item]]] = [
            (container, self.items(container), [])
        ]
        while stack:
            element, items, loose = stack[-1]
            for item in items:
                if isinstance(item, Run) or _tag(item) not in _BLOCKS:
                    loose.append(item)
                    continue
                self.paragraph_from(loose, element)
                loose.clear()
                inner = self.block(item)
                if inner is not None:
                    stack.append((inner, self.items(inner), []))
                    break
            else:
                self.paragraph_from(loose, element)
                stack.pop()

    def block(self, element: etree._Element) -> etree._Element | None:
        """Read one block element by its kind; return it if it is a container to read."""
        tag = _tag(element)
        if tag in _HEADINGS:
            self.heading(element)
        elif tag == "footer":
            self.footer(element)
        elif tag == "section" or (tag == "div" and "ha-section" in _classes(element)):
            self.new_section()
            return element
        elif tag == "p" or not _has_block(element):
            self.paragraph_from(list(self.items(element)), element)
        else:
            return element
        return None

    def heading(self, element: etree._Element) -> None:
        paragraph = self.read_paragraph(list(self.items(element)), element)
        if paragraph is None:
            return
        if (
            element.tag == "h1"
            and self.title is None
            and not any(not s.empty for s in self.sections)
        ):
            self.title = paragraph
        elif self.sections and self.sections[-1].empty:
            self.sections[-1].heading = paragraph
        else:
            self.new_section(paragraph)

    def footer(self, element: etree._Element) -> None:
        """Take the source: a ``.ha-source`` element exactly, else the unlabelled footer text."""
        marked = [e for e in element.iter() if "ha-source" in _classes(e)]
        if marked:
            self.source = _text_of(marked[0])
            return
        text = _SOURCE_LABEL_RE.sub("", _text_of(element).strip())
        text = text.removeprefix("(").removesuffix(")").strip()
        text = text.removeprefix("\N{FULLWIDTH LEFT PARENTHESIS}")
        text = text.removesuffix("\N{FULLWIDTH RIGHT PARENTHESIS}").strip()
        if text:
            self.source = text

    def paragraph_from(self, items: list[_Item], element: etree._Element) -> None:
        paragraph = self.read_paragraph(items, element)
        if paragraph is None:
            return
        if not self.sections:
            self.new_section()
        self.sections[-1].paragraphs.append(paragraph)

    def new_section(self, heading: Paragraph | None = None) -> None:
        source = self.page if len(self.page) >= COMPACT_MIN_CHARS else None
        self.sections.append(_SectionBuilder(ParagraphsBuilder(source), heading))

    # --- inline content ----------------------------------------------------------------
    def read_paragraph(self, items: list[_Item], element: etree._Element) -> Paragraph | None:
        """Turn inline content into a paragraph; ``None`` if it holds only whitespace.

        Ruby becomes annotations, and text outside ruby is read by the inline parser,
        so ``国家(guójiā)`` works in any paragraph, with or without ruby.
        """
        if not items:
            return None
        pieces = self.inline(items)
        tokens: list[Token] = []
        runs: list[Run] = []
        for piece in [*pieces, None]:
            if isinstance(piece, Run):
                runs.append(piece)
                continue
            if runs:
                tokens.extend(self.parse_runs(runs))
                runs = []
            if piece is not None:
                tokens.append(piece)
        merged = _join_texts(tokens)
        if not merged:
            return None
        spans = [t.span for t in merged if t.span is not None]
        span = Span(min(s.start for s in spans), max(s.end for s in spans)) if spans else None
        return Paragraph(merged, span=span)

    def parse_runs(self, runs: list[Run]) -> list[Token]:
        """Read adjacent text runs with the inline parser; place tokens in the page."""
        text = "".join(run.text for run in runs)
        places = RunPlaces.of(self.page, runs, self.anchor)
        if not any(char in text for char in OPEN_PARENS + CLOSE_PARENS):
            return [Text(text, places.span(Span(0, len(text))))]  # nothing to parse
        result = parse_inline(text, readings=self.readings, path=self.path)
        for diagnostic in result.diagnostics:
            edit = diagnostic.edit
            if edit is not None:  # the edit points into the run too: move it with the span
                edit = attrs.evolve(edit, span=places.span(edit.span))
            self.add(attrs.evolve(diagnostic, span=places.span(diagnostic.span), edit=edit))
        return [
            attrs.evolve(token, span=places.span(token.span)) if token.span is not None else token
            for token in result.tokens
        ]

    def inline(self, items: list[_Item]) -> list[_Piece]:
        """Return the pieces of inline content, reading nested elements with a stack."""
        pieces: list[_Piece] = []
        stack: list[Iterator[_Item]] = [iter(items)]
        while stack:
            for item in stack[-1]:
                tag = _tag(item)
                if isinstance(item, Run):
                    pieces.append(item)
                elif tag in ("", "rp", *_IGNORED):
                    continue
                elif tag == "ruby":
                    pieces.extend(self.ruby(item))
                elif tag == "br":
                    pieces.append(Text("\n", Span(self.anchor(item), self.anchor(item))))
                elif tag == "rt":
                    where = self.anchor(item)
                    shown = _text_of(item)
                    self.report(Code.RT_WITHOUT_BASE, f"<rt>{shown}</rt> outside <ruby>", where)
                    pieces.append(Text(f"({shown})", Span(where, where)))
                else:
                    stack.append(self.items(item))
                    break
            else:
                stack.pop()
        return pieces

    def ruby_span(self, start: int) -> Span:
        """Return the span from a ``<ruby>`` start tag to the first ``</ruby>`` after it."""
        index = bisect_left(self.ruby_ends, start)
        return Span(start, self.ruby_ends[index] if index < len(self.ruby_ends) else start)

    def ruby(self, ruby: etree._Element) -> list[_Piece]:
        """Read one ``<ruby>``: group bases and ruby texts into segments and pair them."""
        where = self.anchor(ruby)
        span = self.ruby_span(where)
        nested = next((e for e in ruby.iterdescendants("ruby", "rt") if _misplaced(e, ruby)), None)
        if nested is not None:
            shown = _flat_text(ruby).strip()
            self.report(
                Code.RUBY_MISMATCH,
                f"<{_tag(nested)}> nested inside another element of <ruby> ({shown}); kept as text",
                where,
                fix="write one <ruby> per word, with its <rt> as a direct child",
            )
            return [Text(shown, span)]
        out: list[str | Text | Annotation] = []
        bases: list[str] = []
        texts: list[str] = []
        joinable = False  # whether text may extend the last base (not after an <rb>)
        for item in self.items(ruby):
            tag = _tag(item)
            if isinstance(item, Run):
                text = item.text
            elif tag in ("rt", "rtc"):
                rts = list(item.iter("rt")) if tag == "rtc" else [item]
                texts.extend(_text_of(rt).strip() for rt in rts or [item])
                joinable = False
                continue
            elif tag in ("", "rp", *_IGNORED):
                continue
            else:
                text = _text_of(item)
            if not text.strip():
                continue
            if texts:
                out.extend(self.segment(bases, texts, where))
                bases, texts = [], []
                joinable = False
            is_rb = tag == "rb"
            if joinable and not is_rb:
                bases[-1] += text
            else:
                bases.append(text)
            joinable = not is_rb
        out.extend(self.segment(bases, texts, where))
        return [self.placed(piece, ruby, span) for piece in _join_annotations(out)]

    def placed(self, piece: str | Text | Annotation, ruby: etree._Element, span: Span) -> _Piece:
        """Give a piece of a ``<ruby>`` its place: an annotation from its first character."""
        if isinstance(piece, str):
            return Run(piece, ruby)
        if isinstance(piece, Annotation):
            found = self.page.find(piece.hanzi[0], span.start, span.end)
            span = Span(found, span.end) if found >= 0 else span
        return attrs.evolve(piece, span=span)

    def segment(
        self, bases: list[str], texts: list[str], where: int
    ) -> list[str | Text | Annotation]:
        """Pair the bases and ruby texts of one segment into annotations or text."""
        bases = [b.strip() for b in bases if b.strip()]
        if not texts:
            return list(bases)
        if not bases:
            shown = " ".join(texts)
            self.report(
                Code.RT_WITHOUT_BASE,
                f"ruby text ({shown}) has no base text before it; kept as text",
                where,
                fix="put the characters it annotates before the <rt>",
            )
            return [Text(f"({shown})")]
        if len(bases) == len(texts):
            return [
                piece for b, t in zip(bases, texts, strict=True) for piece in self.pair(b, t, where)
            ]
        base = "".join(bases)
        if len(texts) == 1:
            return self.pair(base, texts[0], where)
        if len(bases) == 1 and len(texts) <= len(base) and all(texts):
            return self.pair(base, " ".join(texts), where)
        shown = " ".join(texts)
        self.report(
            Code.RUBY_MISMATCH,
            f"{len(texts)} ruby texts ({shown}) over {len(bases)} base(s) {base}; kept as text",
            where,
            fix="give each character its own <rt>, or one <rt> for the word",
        )
        return [Text(f"{base}({shown})")]

    def pair(self, base: str, text: str, where: int) -> list[str | Text | Annotation]:
        """One base and its ruby text → an annotation, or text with a diagnostic."""
        if not text:
            self.report(
                Code.EMPTY_RT,
                f"empty ruby text over {base}; kept as plain text",
                where,
                fix="write the reading in the <rt> or remove it",
            )
            return [base]
        if not all(is_hanzi(char) for char in base):
            self.report(
                Code.RUBY_MISMATCH,
                f"ruby text ({text}) over {base}, which is not all Chinese characters; "
                "kept as text",
                where,
                fix="annotate only Chinese characters",
            )
            return [Text(f"{base}({text})")]
        segmentations = _segmentations(text)
        if not segmentations:
            self.report(
                Code.RUBY_NOT_PINYIN,
                f"ruby text ({text}) over {base} is neither pinyin nor zhuyin; kept as text",
                where,
            )
            return [Text(f"{base}({text})")]
        found = [
            a for a in candidate_alignments(base, segmentations, self.readings) if a.hanzi == base
        ]
        best = choose_alignment(found)
        fewest = min(len(segmentation) for segmentation in segmentations)
        if best is not None and best.unmatched and len(best.syllables) != fewest:
            best = None  # "guó" over 国家 is one syllable, not gu·ó: do not force a split
        if best is None:
            self.report(
                Code.RUBY_MISMATCH,
                f"ruby text ({text}) does not pair with the {len(base)} character(s) {base}; "
                "kept as text",
                where,
                fix="give one syllable per character (one per X儿 for erhua)",
            )
            return [Text(f"{base}({text})")]
        written = join_pinyin(best.syllables, numbered=True) if is_zhuyin(text) else text
        return [Annotation(base, best.syllables, written=written)]


def _segmentations(text: str) -> tuple[tuple[str, ...], ...]:
    """Every reading of a ruby text as syllables: zhuyin, or pinyin."""
    if is_zhuyin(text):
        return split_zhuyin(text)
    try:
        return split_syllables(text)
    except ValueError:  # pathological run with too many segmentations
        return ()


def _misplaced(element: etree._Element, ruby: etree._Element) -> bool:
    """Tell whether a ``<ruby>`` or ``<rt>`` inside ``ruby`` stands where none can be read."""
    parent = element.getparent()
    if _tag(element) == "ruby" or parent is None:
        return True
    return parent is not ruby and not (_tag(parent) == "rtc" and parent.getparent() is ruby)


def _flat_text(element: etree._Element) -> str:
    """Return the text in an element with each ruby text in parentheses and ``<rp>`` left out.

    Walks with a stack, not recursion, so any depth of nesting reads.
    """
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        tag = _tag(node)
        if closing or tag in ("rp", *_IGNORED):
            if closing and tag == "rt":
                parts.append(")")
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if tag == "rt":
            parts.append("(")
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return "".join(parts)


def _join_annotations(pieces: list[str | Text | Annotation]) -> list[str | Text | Annotation]:
    """Join adjacent annotations of one ``<ruby>`` into one (per-character ruby of a word)."""
    joined: list[str | Text | Annotation] = []
    for piece in pieces:
        last = joined[-1] if joined else None
        if isinstance(piece, Annotation) and isinstance(last, Annotation):
            joined[-1] = Annotation(
                last.hanzi + piece.hanzi,
                last.syllables + piece.syllables,
                written=f"{last.written} {piece.written}",
            )
        else:
            joined.append(piece)
    return joined


def _join_texts(tokens: list[Token]) -> tuple[Token, ...]:
    """Join adjacent Text tokens; trim the paragraph's outer whitespace."""
    joined: list[Token] = []
    for token in tokens:
        last = joined[-1] if joined else None
        if isinstance(token, Text) and isinstance(last, Text):
            joined[-1] = Text(last.text + token.text, _span_over(last.span, token.span))
        else:
            joined.append(token)
    if joined and isinstance(joined[0], Text):
        joined[0] = attrs.evolve(joined[0], text=joined[0].text.lstrip())
    if joined and isinstance(joined[-1], Text):
        joined[-1] = attrs.evolve(joined[-1], text=joined[-1].text.rstrip())
    return tuple(t for t in joined if not (isinstance(t, Text) and not t.text))


def _span_over(first: Span | None, second: Span | None) -> Span | None:
    """Return the span from the start of one to the end of the other (or the one given)."""
    if first is None or second is None:
        return first or second
    return Span(min(first.start, second.start), max(first.end, second.end))


def _drop(element: etree._Element) -> None:
    """Remove an element but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _replace_unreadable(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Turn characters an lxml tree cannot hold into U+FFFD; say where each run was.

    Same length, so every offset after them stays where it was.
    """
    runs = [(m.start(), m.end(), m.group()) for m in _NOT_XML_RE.finditer(text)]
    if not runs:
        return text, runs
    return _NOT_XML_RE.sub(lambda m: _REPLACEMENT * len(m.group()), text), runs


def _too_deep(parser: etree.HTMLParser) -> int | None:
    """Return the line where libxml2 stopped at its nesting limit, if it did."""
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" and "depth" in entry.message.lower():
            return entry.line or 1
    return None


def _take_metadata(reader: _PageReader, sections: list[Section]) -> Metadata:
    """Move date, byline and source paragraphs right under the title into metadata.

    As the text reader does: only paragraphs of plain text before any heading count.
    """
    if reader.title is None or not sections or sections[0].heading is not None:
        return Metadata()
    first = sections[0]
    candidates = []
    for paragraph in first.paragraphs[:MAX_METADATA_LINES]:
        if paragraph.annotations:
            break
        candidates.append((paragraph.text, paragraph.span))
    found, used, diagnostics = take_metadata(candidates, reader.lines, reader.path)
    reader.diagnostics.extend(diagnostics)
    if used == len(first.paragraphs):
        sections.pop(0)
    elif used:
        sections[0] = Section(None, first.paragraphs[used:])
    return found


def from_html(
    page: Source,
    *,
    path: str | None = None,
    readings: Readings | None = None,
    encoding: str | None = None,
    errors: ErrorPolicy | str = ErrorPolicy.COLLECT,
) -> Document:
    r"""Read an HTML page (or fragment) into a :class:`Document`.

    ``page`` is the page's text, its bytes, or the path of a file (``path`` then
    defaults to the file's name); a ``str`` is always markup, never a file name.

    The first ``<article>`` (else ``<main>``, else the body) is read. The first ``<h1>``
    is the title; ``<h2>``-``<h6>`` and ``<section>`` start sections. Text is kept as
    written except the outer whitespace of each paragraph, and ``<br>`` reads as a line
    break. A page with no content (empty, whitespace, only comments) gives an empty
    document. Date, byline and source paragraphs right under the title become
    ``metadata`` with an ``HA307`` note each, as in text input.

    Bytes (of a file too) are decoded by their BOM, else ``encoding``, else the page's
    ``<meta charset>`` or XML declaration when it names a WHATWG encoding label (any
    other label is ignored with an ``HA406`` warning), else as UTF-8; bytes that are not
    valid in that encoding raise :class:`~hanzi_annot.InputDecodeError`, as does a page
    that declares Latin-1 (or ASCII, Windows-1252) while its bytes are UTF-8. Lone
    surrogates in a ``str``, markup lxml cannot parse, or elements nested more than 2048
    deep raise :class:`~hanzi_annot.InvalidTextError` (a ``ValueError``). Control
    characters an HTML tree cannot hold (NUL, U+0008, U+FFFE …) are read as U+FFFD and
    reported (``HA401``). Diagnostics are collected on ``Document.diagnostics``;
    ``errors`` (an :class:`~hanzi_annot.ErrorPolicy` or its name) can warn about
    warnings and errors or raise one :class:`~hanzi_annot.MarkupError` carrying them.

    Tokens carry spans into the decoded page and ``Document.origin`` indexes its lines,
    so diagnostics, and :func:`~hanzi_annot.validate` findings, name the right line.
    Annotations read from ruby start at their first character in the ``<ruby>``; inline
    annotations are placed exactly when their text stands in the page as it reads (no
    entities in it), else at the start tag of their element. Zhuyin ruby texts and
    inline ``国(ㄍㄨㄛˊ)`` are read as the pinyin they stand for (``written`` holds it in
    tone numbers, which mark every tone as zhuyin does).

    >>> doc = from_html('<?xml version="1.0" encoding="utf-8"?>\n<p>著名(zhùmíng)</p>')
    >>> doc.origin.locate(doc.sections[0].paragraphs[0].tokens[0].span.start)
    (2, 4)
    """
    if path is None:
        path = source_name(page)
    raw = read_source(page)
    ignored: IgnoredCharset | None = None
    if isinstance(raw, bytes):
        text, ignored = decode_page_noting(raw, encoding, path)
    else:
        text = decode_raw(raw, encoding, path)
    check_text(text)
    text = blank_xml_declaration(text)
    text, unreadable = _replace_unreadable(text)
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = etree.fromstring(text, parser)
    except etree.LxmlError as error:
        raise InvalidTextError(f"the page could not be read as HTML: {error}") from error
    deep = _too_deep(parser)
    if deep is not None:
        raise InvalidTextError(
            f"{path or '<input>'}:{deep}: elements are nested more than {_MAX_DEPTH} deep; "
            "the HTML parser cannot read past that point, so nothing is read"
        )
    lines = LineIndex.of(text)
    tags = tag_offsets(text, lines, root, _UNPLACED) if root is not None else {}
    reader = _PageReader(text, lines, tags, path, readings or default_readings())
    metadata = read_page_metadata(root) if root is not None else None
    if ignored is not None:
        reader.report(
            Code.IGNORED_CHARSET,
            f"charset {ignored.label!r} is no WHATWG encoding label; the page is read as UTF-8",
            ignored.offset,
            fix='declare <meta charset="utf-8"> (or the real encoding), or pass encoding=',
        )
    for start, end, chars in unreadable:
        shown = " ".join(f"U+{ord(char):04X}" for char in chars[:3])
        reader.report(
            Code.UNWRITABLE_CHARACTER,
            f"{shown}{' …' if len(chars) > 3 else ''} cannot be held in an HTML tree; "
            "read as U+FFFD",
            start,
            end=end,
        )
    if root is not None:
        for element in [*root.iter(*_IGNORED), *root.iter(etree.Comment, etree.PI)]:
            _drop(element)
        body = root.find("body")
        container = body if body is not None else root
        content = next(container.iter("article"), None)
        if content is None:
            content = next(container.iter("main"), None)
        reader.blocks(content if content is not None else container)
    sections = [Section(s.heading, s.paragraphs.result()) for s in reader.sections]
    found = _take_metadata(reader, sections)
    return Document(
        reader.title,
        sections,
        reader.source,
        metadata=merge_metadata(metadata or Metadata(), found),
        origin=Origin(path, reader.lines),
        diagnostics=apply_policy(sort_diagnostics(reader.diagnostics), errors, stacklevel=2),
    )
