r"""Markdown output and input: ruby that survives static-site pipelines, and reading it back.

It lives in the HTML layer because raw ``<ruby>`` is written by the HTML renderer.

:func:`to_markdown` writes the title as ``#``, headings as ``##``, one paragraph per
line, the metadata line under the title and the source closing the last paragraph, as
:func:`~hanzi_annot.to_markup` does. Each annotation is either raw ``<ruby>`` HTML
(``ruby="html"``: CommonMark, Pandoc and MkDocs pass it through; built by the HTML
renderer, so lxml escapes it) or the DenDen / markdown-it-ruby syntax
(``ruby="denden"``): ``{汉字|hàn|zì}``, one reading per character, or ``{一点儿|yīdiǎnr}``
for the whole word when an erhua syllable covers two characters. Markdown's special
characters in the text are backslash-escaped, so the text reads back as written.

:func:`from_markdown` reads such a source back (the ``{…|…}`` syntax and inline
``汉字(pinyin)`` markup) with spans into the Markdown, so validation points at its lines.

>>> from hanzi_annot import parse
>>> print(to_markdown(parse("书香泉州\n泉州是国家(guójiā)历史*文化*名城。"), ruby="denden"), end="")
# 书香泉州
<BLANKLINE>
泉州是{国家|guó|jiā}历史\*文化\*名城。
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from typing import Final

from lxml import etree

from hanzi_annot.diagnostics import (
    Code,
    Diagnostic,
    ErrorPolicy,
    Reporter,
    apply_policy,
    sort_diagnostics,
)
from hanzi_annot.html.write import HtmlOptions, HtmlRenderer, RenderContext
from hanzi_annot.model import (
    Annotation,
    Document,
    Origin,
    Paragraph,
    Text,
    Token,
    expect_node,
    group_sections,
)
from hanzi_annot.pinyin.alignment import candidate_alignments, choose_alignment, split_units
from hanzi_annot.pinyin.readings import Readings, default_readings
from hanzi_annot.pinyin.segmentation import split_syllables
from hanzi_annot.pinyin.syllables import join_pinyin, normalize_syllable
from hanzi_annot.positions import LineIndex, Span
from hanzi_annot.text.decode import (
    Line,
    Source,
    decode_raw,
    read_source,
    source_name,
    split_lines,
)
from hanzi_annot.text.inline import check_text, parse_inline
from hanzi_annot.text.metadata import metadata_line, take_metadata_lines
from hanzi_annot.text.structure import find_source

__all__ = ["MarkdownRuby", "from_markdown", "to_markdown"]


class MarkdownRuby(enum.Enum):
    """How annotations are written in Markdown."""

    HTML = "html"  #: raw ``<ruby>`` HTML
    DENDEN = "denden"  #: ``{汉字|hàn|zì}``


#: Characters escaped wherever they stand: they open emphasis, links, HTML, entities,
#: code, tables or the ruby syntax.
_SPECIAL: Final = frozenset("\\`*_[]<>{}|!~&")
#: Characters escaped only at the start of a line, where they open blocks.
_LINE_START: Final = frozenset("#>-+=")
_ORDERED_RE: Final = re.compile(r"^(\d{1,9})([.)])")
_DENDEN_RE: Final = re.compile(r"\{([^{}|\\\n]+)((?:\|[^{}|\\\n]*)+)\}")
_ESCAPE_RE: Final = re.compile(r"\\([!-/:-@\[-`{-~])")
_HEADING_RE: Final = re.compile(r"^(#{1,6})[ \t]+")


def escape_markdown(text: str, *, line_start: bool = False) -> str:
    r"""Backslash-escape what Markdown would read as markup.

    >>> print(escape_markdown("1. 第*一*步 <b>", line_start=True))
    1\. 第\*一\*步 \<b\>
    """
    escaped = "".join("\\" + char if char in _SPECIAL else char for char in text)
    if line_start:
        if escaped[:1] in _LINE_START:
            escaped = "\\" + escaped
        escaped = _ORDERED_RE.sub(r"\1\\\2", escaped)
    return escaped


def _denden(annotation: Annotation) -> str:
    if len(annotation.units) == len(annotation.hanzi):
        return "{" + annotation.hanzi + "".join("|" + s for s in annotation.syllables) + "}"
    return "{" + annotation.hanzi + "|" + join_pinyin(annotation.syllables) + "}"


def _html_ruby(annotation: Annotation, renderer: HtmlRenderer) -> str:
    element = renderer.annotation(annotation, 0, RenderContext())
    return etree.tostring(element, encoding="unicode", method="html")


def _line(paragraph: Paragraph, ruby: MarkdownRuby, renderer: HtmlRenderer) -> str:
    parts: list[str] = []
    for token in paragraph.tokens:
        if isinstance(token, Annotation):
            parts.append(
                _denden(token) if ruby is MarkdownRuby.DENDEN else _html_ruby(token, renderer)
            )
        else:
            parts.append(escape_markdown(token.text, line_start=not parts))
    return "".join(parts)


def to_markdown(
    document: Document, ruby: MarkdownRuby | str = MarkdownRuby.HTML, *, rp: bool = True
) -> str:
    """Write one article as Markdown, annotations as ``ruby`` says (``"html"``/``"denden"``).

    ``rp`` keeps the ``<rp>`` fallback parentheses in raw HTML ruby. Anything but a
    :class:`~hanzi_annot.Document` raises ``TypeError``.
    """
    expect_node(document, (Document,), "to_markdown()")
    mode = MarkdownRuby(ruby)
    renderer = HtmlRenderer(HtmlOptions(standalone=False, rp=rp))
    blocks: list[str] = []
    if document.title is not None:
        blocks.append("# " + _line(document.title, mode, renderer))
        byline = metadata_line(document.metadata)
        if byline is not None:
            blocks.append(escape_markdown(byline, line_start=True))
    for section in document.sections:
        if section.heading is not None:
            blocks.append("## " + _line(section.heading, mode, renderer))
        blocks.extend(_line(p, mode, renderer) for p in section.paragraphs)
    if document.source is not None:
        closing = escape_markdown(f"({document.source})")
        if blocks and not blocks[-1].startswith("#"):
            blocks[-1] += closing
        else:
            blocks.append(closing)
    return "\n\n".join(blocks) + "\n" if blocks else ""


# --- reading ------------------------------------------------------------------------


def _syllables(base: str, readings: list[str], known: Readings) -> tuple[str, ...] | None:
    """Pair the readings of one ``{…|…}`` group with its base, or ``None``.

    One reading per character is taken as written; a single reading over several
    characters is split into syllables the way the inline parser splits unspaced pinyin.
    """
    if len(readings) > 1 or len(base) == 1:
        normalized = tuple(normalize_syllable(r.strip()) for r in readings)
        if None in normalized or split_units(base, normalized) is None:  # type: ignore[arg-type]
            return None
        return tuple(s for s in normalized if s is not None)
    candidates = [
        found
        for found in candidate_alignments(base, split_syllables(readings[0].strip()), known)
        if found.hanzi == base
    ]
    best = choose_alignment(candidates)
    if best is None or best.unmatched == len(best.syllables):
        return None  # no split reads even one character: not this word's pinyin
    return best.syllables


def _unescape(token: Token) -> Token:
    if isinstance(token, Text):
        return Text(_ESCAPE_RE.sub(r"\1", token.text), span=token.span)
    return token


class _Reader:
    """Reads the lines of one Markdown source into tokens, collecting diagnostics."""

    def __init__(self, index: LineIndex, path: str | None, readings: Readings) -> None:
        self.index = index
        self.path = path
        self.readings = readings
        self.diagnostics: list[Diagnostic] = []

    def paragraph(self, line: Line) -> Paragraph:
        tokens: list[Token] = []
        position = 0
        for match in _DENDEN_RE.finditer(line.text):
            tokens += self.inline(line, position, match.start())
            base, readings = match.group(1), match.group(2).split("|")[1:]
            span = Span(line.start + match.start(), line.start + match.end())
            syllables = _syllables(base, readings, self.readings)
            if syllables is None:
                self.report(span, base, match.group(2)[1:])
                tokens.append(Text(match.group(), span=span))
            else:
                # The span starts at the base, as inline annotations' spans do, so the
                # validator finds each character at span.start + its index.
                covered = Span(span.start + 1, span.end)
                tokens.append(Annotation(base, syllables, written=match.group(2)[1:], span=covered))
            position = match.end()
        tokens += self.inline(line, position, len(line.text))
        return Paragraph(_merge(tokens), span=Span(line.start, line.end))

    def inline(self, line: Line, start: int, end: int) -> list[Token]:
        if start >= end:
            return []
        result = parse_inline(
            line.text[start:end],
            offset=line.start + start,
            lines=self.index,
            path=self.path,
            readings=self.readings,
        )
        self.diagnostics.extend(result.diagnostics)
        return [_unescape(token) for token in result.tokens]

    def report(self, span: Span, base: str, readings: str) -> None:
        self.diagnostics.append(
            Reporter(self.index, self.path).diagnostic(
                Code.RUBY_MISMATCH,
                span,
                f"ruby {readings!r} does not pair with {base!r}; kept as text",
                hint="give one valid syllable per character: {汉字|hàn|zì}",
            )
        )


def _merge(tokens: list[Token]) -> tuple[Token, ...]:
    """Join neighbouring text tokens, as the inline parser leaves them."""
    merged: list[Token] = []
    for token in tokens:
        previous = merged[-1] if merged else None
        if isinstance(token, Text) and isinstance(previous, Text):
            span = None
            if previous.span is not None and token.span is not None:
                span = Span(previous.span.start, token.span.end)
            merged[-1] = Text(previous.text + token.text, span=span)
        else:
            merged.append(token)
    return tuple(merged)


def _blocks(lines: tuple[Line, ...]) -> Iterator[tuple[int, Line]]:
    """Yield (heading level or 0, content line without its marker) for non-blank lines."""
    for line in lines:
        stripped = line.strip()
        if stripped.is_blank:
            continue
        marker = _HEADING_RE.match(stripped.text)
        if marker is None:
            yield 0, stripped
        else:
            yield len(marker.group(1)), stripped.drop_front(marker.end()).strip()


def from_markdown(
    source: Source,
    *,
    path: str | None = None,
    encoding: str | None = None,
    readings: Readings | None = None,
    errors: ErrorPolicy | str = ErrorPolicy.COLLECT,
) -> Document:
    r"""Read a Markdown article written with ``{汉字|hàn|zì}`` ruby (or inline markup).

    A level-1 heading before any text is the title (the lines right under it may be
    metadata), other headings start sections, and every other non-blank line is one
    paragraph (Markdown sources of Chinese articles rarely wrap lines). A parenthesised
    organisation closing the last paragraph is the source. Backslash escapes are
    undone; a ``{…|…}`` group whose readings do not pair with its characters stays text
    and is reported (HA403). Spans point into the Markdown. ``errors`` works as in
    :func:`~hanzi_annot.from_text`.

    ``source`` is the Markdown text, its bytes (UTF-8 unless ``encoding`` says
    otherwise) or the path of a file, whose name then becomes ``origin.path``; a
    ``str`` is always the text itself. ``readings`` splits a one-reading group such as
    ``{银行|yínháng}`` into syllables (the default is pypinyin's data).

    >>> doc = from_markdown("# 标题\n\n泉州是{国家|guó|jiā}历史文化名城。\n")
    >>> [a.syllables for a in doc.annotations]
    [('guó', 'jiā')]
    """
    if path is None:
        path = source_name(source)
    text = decode_raw(read_source(source), encoding, path)
    check_text(text)
    index = LineIndex.of(text)
    reader = _Reader(index, path, readings or default_readings())
    blocks = list(_blocks(split_lines(text)))
    title: Paragraph | None = None
    if blocks and blocks[0][0] == 1:
        title = reader.paragraph(blocks[0][1])
        blocks = blocks[1:]
    under_title: list[Line] = []
    for level, line in blocks if title is not None else []:
        if level:
            break
        under_title.append(line)
    metadata, used, found = take_metadata_lines(under_title, index, path)
    blocks = blocks[used:]
    reader.diagnostics.extend(found)
    closing_source: str | None = None
    if blocks and blocks[-1][0] == 0:
        last = blocks[-1][1]
        located = find_source(last.text)
        if located is not None:
            start, closing_source = located
            trimmed = last.cut_end(len(last.text) - start).strip()
            if trimmed.is_blank:
                blocks.pop()
            else:
                blocks[-1] = (0, trimmed)
    sections = group_sections((bool(level), reader.paragraph(line)) for level, line in blocks)
    return Document(
        title,
        sections,
        source=closing_source,
        metadata=metadata,
        origin=Origin(path, index),
        diagnostics=apply_policy(sort_diagnostics(reader.diagnostics), errors, stacklevel=2),
    )
