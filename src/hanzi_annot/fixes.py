"""Apply the validator's fixes: rewrite annotations whose fix is unambiguous, and explain.

Only an annotation whose diagnostics all carry the same fix is rewritten; everything
else is left exactly as it was. The result lists each change so it can be reviewed and
replayed on the same document with :func:`replay_fixes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import attrs

from .diagnostics import Code, Diagnostic, Span
from .markup import join_pinyin
from .model import Annotation, Document, Paragraph, Section
from .readings import Readings
from .syllables import split_syllables
from .validate import ValidateOptions, validate


@attrs.frozen
class FixChange:
    """One rewritten annotation: where it is, its pinyin before and after, and why.

    ``before`` is the pinyin as it was written, ``after`` the canonical pinyin that
    replaced it, and ``syllables`` the annotation's new syllables.
    """

    span: Span
    hanzi: str
    before: str
    after: str
    syllables: tuple[str, ...]
    codes: tuple[Code, ...]


@attrs.frozen
class FixResult:
    """The fixed document and every change made to it, in document order."""

    document: Document
    changes: tuple[FixChange, ...]


def _map_annotations(document: Document, rewrite: Callable[[Annotation], Annotation]) -> Document:
    """Return ``document`` with every annotation passed through ``rewrite``."""

    def paragraph(node: Paragraph) -> Paragraph:
        tokens = tuple(rewrite(t) if isinstance(t, Annotation) else t for t in node.tokens)
        return attrs.evolve(node, tokens=tokens)

    def section(node: Section) -> Section:
        heading = None if node.heading is None else paragraph(node.heading)
        return attrs.evolve(
            node, heading=heading, paragraphs=tuple(paragraph(p) for p in node.paragraphs)
        )

    title = None if document.title is None else paragraph(document.title)
    return attrs.evolve(
        document, title=title, sections=tuple(section(s) for s in document.sections)
    )


def _fix_syllables(hanzi: str, fix: str) -> tuple[str, ...] | None:
    """Return the first segmentation of ``fix`` that pairs with ``hanzi``, if any."""
    for syllables in split_syllables(fix):
        try:
            Annotation(hanzi, syllables)
        except ValueError:
            continue
        return syllables
    return None


def _written(annotation: Annotation) -> str:
    return (
        annotation.written if annotation.written is not None else join_pinyin(annotation.syllables)
    )


def _rewrite(changes: Mapping[Span, FixChange]) -> Callable[[Annotation], Annotation]:
    def rewrite(annotation: Annotation) -> Annotation:
        change = None if annotation.span is None else changes.get(annotation.span)
        if change is None or change.before != _written(annotation):
            return annotation
        return attrs.evolve(annotation, syllables=change.syllables, written=change.after)

    return rewrite


def apply_fixes(
    document: Document,
    diagnostics: Iterable[Diagnostic] | None = None,
    *,
    options: ValidateOptions | None = None,
    readings: Readings | None = None,
) -> FixResult:
    """Rewrite every annotation that has exactly one fix among ``diagnostics``.

    ``diagnostics`` defaults to :func:`~hanzi_annot.validate` on the document. An
    annotation with no fix, or with diagnostics that disagree, is left alone; so is
    one without a source span, since a fix cannot be placed on it.

    >>> from hanzi_annot import parse, to_markup
    >>> result = apply_fixes(parse("他在银行(yínxíng)上班,很著名(zhūmíng)。"))
    >>> to_markup(result.document).strip()
    '他在银行(yínháng)上班,很著名(zhùmíng)。'
    >>> [(c.hanzi, c.before, c.after) for c in result.changes]
    [('银行', 'yínxíng', 'yínháng'), ('著名', 'zhūmíng', 'zhùmíng')]
    """
    if diagnostics is None:
        diagnostics = validate(document, options=options, readings=readings)
    found = tuple(diagnostics)
    changes: list[FixChange] = []
    done: set[Span] = set()
    for annotation in document.annotations():
        span = annotation.span
        if span is None or span in done:  # no place to fix, or already fixed
            continue
        done.add(span)
        mine = [d for d in found if span.start <= d.span.start < span.end]
        fixes = {d.fix for d in mine}
        if len(fixes) != 1 or None in fixes:
            continue
        fix = fixes.pop()
        assert fix is not None
        after = _fix_syllables(annotation.hanzi, fix)
        before = _written(annotation)
        if after is None or fix == before:
            continue
        codes = tuple(dict.fromkeys(d.code for d in mine))
        changes.append(FixChange(span, annotation.hanzi, before, fix, after, codes))
    return FixResult(replay_fixes(document, changes), tuple(changes))


def replay_fixes(document: Document, changes: Iterable[FixChange]) -> Document:
    """Apply recorded changes again; an annotation that no longer matches is skipped.

    A change applies to the annotation with the same span and the same syllables it had
    before, so replaying on an edited document never rewrites the wrong annotation.
    """
    by_span = {change.span: change for change in changes}
    return _map_annotations(document, _rewrite(by_span))
