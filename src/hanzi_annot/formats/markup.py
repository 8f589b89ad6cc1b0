"""Text output: canonical inline markup and plain text, for a paragraph or a document.

Canonical markup is what the parser reads back to the same model: ``国家(guójiā)``
with ASCII parentheses, tone marks, no spaces, and an apostrophe before a syllable
that starts with a, o or e (``fāng'àn``), as the pinyin orthography rules write it.
"""

from __future__ import annotations

from collections.abc import Callable

from hanzi_annot.model import Annotation, Document, Paragraph, expect_node
from hanzi_annot.pinyin.syllables import join_pinyin
from hanzi_annot.text.metadata import metadata_line


def paragraph_markup(paragraph: Paragraph) -> str:
    """One paragraph in canonical inline markup."""
    parts: list[str] = []
    for token in paragraph.tokens:
        if isinstance(token, Annotation):
            parts.append(f"{token.hanzi}({join_pinyin(token.syllables)})")
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
        byline = metadata_line(document.metadata)
        if byline is not None:  # under the title, where the parser finds it again
            lines[-1:] = [byline, ""]
    for index, section in enumerate(document.sections):
        if index and lines and lines[-1] != "":
            lines.append("")
        if section.heading is not None:
            lines.append(render(section.heading))
        lines.extend(render(p) for p in section.paragraphs)
    if document.source is not None:
        if lines and lines[-1]:
            lines[-1] += f"({document.source})"
        else:
            lines.append(f"({document.source})")
    while lines and lines[-1] == "":
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
    return _document_lines(node, paragraph_markup)


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
