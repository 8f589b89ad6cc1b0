"""Page structure: lines of an input → a Document of sections and paragraphs."""

from __future__ import annotations

from .chardata import LINE_BREAK_RE
from .diagnostics import Diagnostic, MarkupError, Severity
from .inline import check_text, parse_inline
from .model import Document, Origin, Paragraph, Section
from .readings import Readings
from .source import LineIndex


def parse(
    text: str,
    *,
    path: str | None = None,
    readings: Readings | None = None,
    strict: bool = False,
) -> Document:
    """Parse annotated text into a :class:`Document`, one paragraph per non-empty line.

    Diagnostics are collected on ``document.diagnostics``; with ``strict=True`` any
    warning or error raises :class:`~hanzi_annot.MarkupError` carrying all of them.
    """
    check_text(text)
    lines = LineIndex.of(text)
    paragraphs: list[Paragraph] = []
    diagnostics: list[Diagnostic] = []
    start = 0
    for end, next_start in [(m.start(), m.end()) for m in LINE_BREAK_RE.finditer(text)] + [
        (len(text), len(text))
    ]:
        line = text[start:end]
        if line.strip():
            result = parse_inline(line, offset=start, lines=lines, readings=readings, path=path)
            paragraphs.append(Paragraph(result.tokens, span=None))
            diagnostics.extend(result.diagnostics)
        start = next_start
    if strict and any(d.severity >= Severity.WARNING for d in diagnostics):
        raise MarkupError(diagnostics)
    sections = (Section(None, tuple(paragraphs)),) if paragraphs else ()
    return Document(None, sections, origin=Origin(path, lines), diagnostics=tuple(diagnostics))
