"""HTML input: ruby pages (ours and other tools') and inline-annotated pages → a Document.

The page is parsed with lxml.html. Headings become the title and section headings,
``<p>`` and other text blocks become paragraphs, a ``<footer>`` gives the source, and
``script``/``style``/``nav``/``aside``/``template``/``noscript`` are ignored. Inside a
paragraph, ``<ruby>`` becomes annotations (per character or per word, with or without
``<rb>``/``<rp>``, nested in any inline element); a paragraph without ruby is read with
the inline parser, so ``国家(guójiā)`` text works too. Ruby that cannot be read is kept
as text and reported (HA402-HA405) on ``Document.diagnostics``.

>>> doc = from_html("<p>泉州是<ruby>国<rt>guó</rt>家<rt>jiā</rt></ruby>历史文化名城</p>")
>>> [token.text for token in doc.sections[0].paragraphs[0].tokens]
['泉州是', '国家', '历史文化名城']
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import attrs
import lxml.html
from lxml import etree

from .diagnostics import Code, Diagnostic, InputDecodeError, Span
from .inline import candidate_alignments, choose_alignment, parse_inline
from .model import Annotation, Document, Origin, Paragraph, Section, Text, Token
from .readings import Readings, default_readings
from .source import LineIndex
from .syllables import split_syllables
from .zhuyin import from_zhuyin, is_zhuyin

__all__ = ["from_html"]

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
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SOURCE_LABEL_RE = re.compile(r"^\s*(?:来源|來源|稿源|source)\s*[:：]\s*", re.IGNORECASE)

#: One item of inline content: a text run or an element (whose tail is a later item).
_Item = str | etree._Element
#: What inline reading produces before tokens are merged: text or an annotation.
_Piece = str | Annotation


def decode_page(page: bytes) -> str:
    """Decode page bytes: a BOM, else a ``<meta charset>``, else UTF-8, else GB18030.

    libxml2 would guess Latin-1 for bytes that do not declare an encoding, which turns
    Chinese into mojibake, so the bytes are decoded here first.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if page.startswith(bom):
            return page.decode(encoding)
    declared = _CHARSET_RE.search(page[:4096])
    candidates = [declared.group(1).decode("ascii")] if declared else []
    for encoding in [*candidates, "utf-8", "gb18030"]:
        try:
            return page.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputDecodeError("the page is neither UTF-8 nor GB18030; decode it and pass a str")


def _items(element: etree._Element) -> Iterator[_Item]:
    """Yield an element's content in order: its text, then each child and its tail."""
    if element.text:
        yield element.text
    for child in element:
        yield child
        if child.tail:
            yield child.tail


def _tag(item: _Item) -> str:
    """Return the tag name of an element item; "" for text, comments and instructions."""
    if isinstance(item, str) or not isinstance(item.tag, str):
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
    heading: Paragraph | None = None
    paragraphs: list[Paragraph] = attrs.Factory(list)

    @property
    def empty(self) -> bool:
        return self.heading is None and not self.paragraphs


class _PageReader:
    """State of one :func:`from_html` call: the sections so far and the diagnostics."""

    def __init__(self, lines: LineIndex, path: str | None, readings: Readings) -> None:
        self.lines = lines
        self.path = path
        self.readings = readings
        self.title: Paragraph | None = None
        self.sections: list[_SectionBuilder] = []
        self.source: str | None = None
        self.diagnostics: list[Diagnostic] = []
        self.element: etree._Element | None = None  # the block being read, for positions

    # --- positions and diagnostics ----------------------------------------------------
    def place(self) -> tuple[Span, int]:
        """Return the span and line of the block being read (lxml gives lines, no columns)."""
        line = self.element.sourceline if self.element is not None else None
        if not line or line > self.lines.line_count:
            return Span(0, 0), 1
        start = self.lines.line_starts[line - 1]
        return Span(start, start), line

    def report(self, code: Code, message: str, fix: str | None = None) -> None:
        span, line = self.place()
        self.diagnostics.append(
            Diagnostic(code, code.default_severity, message, span, line, 1, fix, self.path)
        )

    # --- blocks --------------------------------------------------------------------
    def blocks(self, container: etree._Element) -> None:
        """Read a container: blocks in order, loose inline runs as paragraphs."""
        loose: list[_Item] = []
        for item in _items(container):
            if isinstance(item, str) or _tag(item) not in _BLOCKS:
                loose.append(item)
                continue
            self.paragraph_from(loose, container)
            loose = []
            self.block(item)
        self.paragraph_from(loose, container)

    def block(self, element: _Item) -> None:
        """Read one block element by its kind."""
        tag = _tag(element)
        if isinstance(element, str):
            return
        if tag in _HEADINGS:
            self.heading(element)
        elif tag == "footer":
            self.footer(element)
        elif tag == "section" or (tag == "div" and "ha-section" in _classes(element)):
            self.sections.append(_SectionBuilder())
            self.blocks(element)
        elif tag == "p" or not _has_block(element):
            self.paragraph_from(list(_items(element)), element)
        else:
            self.blocks(element)

    def heading(self, element: etree._Element) -> None:
        paragraph = self.read_paragraph(list(_items(element)), element)
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
            self.sections.append(_SectionBuilder(paragraph))

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
            self.sections.append(_SectionBuilder())
        self.sections[-1].paragraphs.append(paragraph)

    # --- inline content ----------------------------------------------------------------
    def read_paragraph(self, items: list[_Item], element: etree._Element) -> Paragraph | None:
        """Turn inline content into a paragraph; ``None`` if it holds only whitespace."""
        self.element = element
        pieces: list[_Piece] = []
        has_ruby = self.inline(items, pieces)
        if not has_ruby:
            text = "".join(p for p in pieces if isinstance(p, str)).strip()
            if not text:
                return None
            result = parse_inline(text, readings=self.readings, path=self.path)
            span, line = self.place()
            self.diagnostics.extend(
                attrs.evolve(d, span=span, line=line, column=1) for d in result.diagnostics
            )
            return Paragraph(tuple(attrs.evolve(t, span=None) for t in result.tokens))
        return Paragraph(_merge(pieces))

    def inline(self, items: list[_Item] | Iterator[_Item], pieces: list[_Piece]) -> bool:
        """Append the pieces of inline content; return whether any ruby was read."""
        has_ruby = False
        for item in items:
            tag = _tag(item)
            if isinstance(item, str):
                pieces.append(item)
            elif tag in ("", "rp", *_IGNORED):
                continue
            elif tag == "ruby":
                has_ruby = True
                pieces.extend(self.ruby(item))
            elif tag == "br":
                pieces.append("\n")
            elif tag == "rt":
                has_ruby = True
                self.report(Code.RT_WITHOUT_BASE, f"<rt>{_text_of(item)}</rt> outside <ruby>")
                pieces.append(f"({_text_of(item)})")
            else:
                has_ruby = self.inline(_items(item), pieces) or has_ruby
        return has_ruby

    def ruby(self, ruby: etree._Element) -> list[_Piece]:
        """Read one ``<ruby>``: group bases and ruby texts into segments and pair them."""
        out: list[_Piece] = []
        bases: list[str] = []
        texts: list[str] = []
        joinable = False  # whether text may extend the last base (not after an <rb>)
        for item in _items(ruby):
            tag = _tag(item)
            if isinstance(item, str):
                text = item
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
                out.extend(self.segment(bases, texts))
                bases, texts = [], []
                joinable = False
            is_rb = tag == "rb"
            if joinable and not is_rb:
                bases[-1] += text
            else:
                bases.append(text)
            joinable = not is_rb
        out.extend(self.segment(bases, texts))
        return _join_annotations(out)

    def segment(self, bases: list[str], texts: list[str]) -> list[_Piece]:
        """Pair the bases and ruby texts of one segment into annotations or text."""
        bases = [b.strip() for b in bases if b.strip()]
        if not texts:
            return list(bases)
        if not bases:
            shown = " ".join(texts)
            self.report(
                Code.RT_WITHOUT_BASE,
                f"ruby text ({shown}) has no base text before it; kept as text",
                fix="put the characters it annotates before the <rt>",
            )
            return [f"({shown})"]
        if len(bases) == len(texts):
            return [piece for b, t in zip(bases, texts, strict=True) for piece in self.pair(b, t)]
        base = "".join(bases)
        if len(texts) == 1:
            return self.pair(base, texts[0])
        if len(bases) == 1 and len(texts) <= len(base) and all(texts):
            return self.pair(base, " ".join(texts))
        shown = " ".join(texts)
        self.report(
            Code.RUBY_MISMATCH,
            f"{len(texts)} ruby texts ({shown}) over {len(bases)} base(s) {base}; kept as text",
            fix="give each character its own <rt>, or one <rt> for the word",
        )
        return [f"{base}({shown})"]

    def pair(self, base: str, text: str) -> list[_Piece]:
        """One base and its ruby text → an annotation, or text with a diagnostic."""
        if not text:
            self.report(
                Code.EMPTY_RT,
                f"empty ruby text over {base}; kept as plain text",
                fix="write the reading in the <rt> or remove it",
            )
            return [base]
        segmentations = _segmentations(text)
        if not segmentations:
            self.report(
                Code.RUBY_NOT_PINYIN,
                f"ruby text ({text}) over {base} is neither pinyin nor zhuyin; kept as text",
            )
            return [f"{base}({text})"]
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
                fix="give one syllable per character (one per X儿 for erhua)",
            )
            return [f"{base}({text})"]
        return [Annotation(base, best.syllables, written=text)]


def _segmentations(text: str) -> tuple[tuple[str, ...], ...]:
    """Every reading of a ruby text as syllables: zhuyin split at spaces, or pinyin."""
    if is_zhuyin(text):
        syllables = tuple(from_zhuyin(piece) for piece in text.split())
        if not syllables or None in syllables:
            return ()
        return (tuple(s for s in syllables if s is not None),)
    try:
        return split_syllables(text)
    except ValueError:  # pathological run with too many segmentations
        return ()


def _join_annotations(pieces: list[_Piece]) -> list[_Piece]:
    """Join adjacent annotations of one ``<ruby>`` into one (per-character ruby of a word)."""
    joined: list[_Piece] = []
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


def _merge(pieces: list[_Piece]) -> tuple[Token, ...]:
    """Join adjacent text pieces into Text tokens; trim the paragraph's outer whitespace."""
    tokens: list[Token] = []
    buffer: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            buffer.append(piece)
            continue
        if buffer:
            tokens.append(Text("".join(buffer)))
            buffer = []
        tokens.append(piece)
    if buffer:
        tokens.append(Text("".join(buffer)))
    if tokens and isinstance(tokens[0], Text):
        tokens[0] = Text(tokens[0].text.lstrip())
    if tokens and isinstance(tokens[-1], Text):
        tokens[-1] = Text(tokens[-1].text.rstrip())
    return tuple(t for t in tokens if not (isinstance(t, Text) and not t.text))


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


def from_html(
    page: str | bytes, *, path: str | None = None, readings: Readings | None = None
) -> Document:
    """Read an HTML page (or fragment) into a :class:`Document`.

    The first ``<article>`` (else ``<main>``, else the body) is read. The first ``<h1>``
    is the title; ``<h2>``-``<h6>`` and ``<section>`` start sections. Text is kept as
    written except the outer whitespace of each paragraph, and ``<br>`` reads as a line
    break. Diagnostics point at the line of the block they were found in.
    """
    text = decode_page(page) if isinstance(page, bytes) else page
    lines = LineIndex.of(text)
    reader = _PageReader(lines, path, readings or default_readings())
    if text.strip():
        root = lxml.html.document_fromstring(text)
        for element in [*root.iter(*_IGNORED), *root.iter(etree.Comment, etree.PI)]:
            _drop(element)
        body = root.find("body")
        container = body if body is not None else root
        content = next(container.iter("article"), None)
        if content is None:
            content = next(container.iter("main"), None)
        reader.blocks(content if content is not None else container)
    sections = tuple(Section(s.heading, tuple(s.paragraphs)) for s in reader.sections)
    return Document(
        reader.title,
        sections,
        reader.source,
        origin=Origin(path, lines),
        diagnostics=tuple(reader.diagnostics),
    )
