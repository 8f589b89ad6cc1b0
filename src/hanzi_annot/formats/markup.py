"""Text output: canonical inline markup and plain text, for a paragraph or a document.

Canonical markup is what the parser reads back to the same model: ``国家(guójiā)``
with ASCII parentheses, tone marks, no spaces, and an apostrophe before a syllable
that starts with a, o or e (``fāng'àn``), as the pinyin orthography rules write it.

Three cases keep their meaning by a different spelling. An annotation whose syllables
are all neutral and that was written with tone numbers (``了(la5)``) keeps them, since
``了(la)`` would read as toneless pinyin. A document with a title and no body ends
with a blank line, which tells the parser that its one line is a title. A
document text that starts with U+FEFF gets a byte order mark before it, since a reader
drops the first one.
"""

from __future__ import annotations

from collections.abc import Callable

from hanzi_annot.chardata import BOM
from hanzi_annot.model import Annotation, Document, Paragraph, expect_node
from hanzi_annot.pinyin.syllables import has_tone_mark, is_toned, join_pinyin
from hanzi_annot.text.metadata import metadata_line


def _annotation_pinyin(annotation: Annotation) -> str:
    """Write an annotation's pinyin: tone marks, or tone numbers for a neutral-only ``la5``.

    Without a tone mark ``la`` reads as pinyin written without tones; the ``5`` keeps
    the neutral tone it was written with.
    """
    syllables = annotation.syllables
    numbered = (
        annotation.written is not None
        and is_toned(annotation.written)
        and not any(has_tone_mark(syllable) for syllable in syllables)
    )
    return join_pinyin(syllables, numbered=numbered)


def paragraph_markup(paragraph: Paragraph) -> str:
    """One paragraph in canonical inline markup."""
    parts: list[str] = []
    for token in paragraph.tokens:
        if isinstance(token, Annotation):
            parts.append(f"{token.hanzi}({_annotation_pinyin(token)})")
        else:
            parts.append(token.text)
    return "".join(parts)


def paragraph_plain(paragraph: Paragraph) -> str:
    """One paragraph as plain text: annotations removed, literal parentheses kept."""
    return paragraph.text


def _document_lines(document: Document, render: Callable[[Paragraph], str]) -> str:
    lines: list[str] = []
    if document.title is not None:
        lines += [render(document.title), ""]
    for index, section in enumerate(document.sections):
        if index and lines and lines[-1] != "":
            lines.append("")
        if section.heading is not None:
            lines.append(render(section.heading))
        lines.extend(render(p) for p in section.paragraphs)
    title_only = document.title is not None and len(lines) == 2
    byline = metadata_line(document.metadata)
    if byline is not None and lines:  # under the first line, where the parser finds it
        lines.insert(1, byline)
    if document.source is not None and title_only:
        lines[0] += f"({document.source})"  # the blank line closing the text stays last
    elif document.source is not None:
        if lines and lines[-1] and not (byline is not None and len(lines) == 2):
            lines[-1] += f"({document.source})"
        else:  # a line of its own, not closing the byline or the blank after a title
            lines.append(f"({document.source})")
    while lines and lines[-1] == "" and not title_only:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def to_markup(node: Document | Paragraph) -> str:
    """Write a document or paragraph as canonical inline markup.

    A document is written as its title, a blank line, then each section (heading line,
    paragraph lines) separated by blank lines; the source closes the last paragraph in
    parentheses, as news pages print it.

    >>> from hanzi_annot import parse_inline
    >>> to_markup(Paragraph(parse_inline("国家（guo2 jia1）").tokens))
    '国家(guójiā)'
    """
    expect_node(node, (Document, Paragraph), "to_markup()")
    if isinstance(node, Paragraph):
        return paragraph_markup(node)
    text = _document_lines(node, paragraph_markup)
    return BOM + text if text.startswith(BOM) else text


def to_plain(node: Document | Paragraph) -> str:
    """Write a document or paragraph as plain text without annotations.

    >>> from hanzi_annot import parse_inline
    >>> to_plain(Paragraph(parse_inline("12个县(市、区(qū))").tokens))
    '12个县(市、区)'
    """
    expect_node(node, (Document, Paragraph), "to_plain()")
    if isinstance(node, Paragraph):
        return paragraph_plain(node)
    return _document_lines(node, paragraph_plain)
