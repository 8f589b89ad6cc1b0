"""Apply the validator's fixes: rewrite what the chosen diagnostics fix, and explain.

Each diagnostic's fix covers only its own finding (one syllable, or one spelling
problem), so applying some diagnostics leaves the others' problems as they were. The
result lists each change so it can be reviewed and replayed on the same document with
:func:`replay_fixes`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping

import attrs

from hanzi_annot.check.validator import (
    Finding,
    ValidateOptions,
    Validator,
    machine_fix,
    merge_fixes,
)
from hanzi_annot.diagnostics import Code, Diagnostic, Edit
from hanzi_annot.model import Annotation, Document, Paragraph, Section
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.pinyin.syllables import join_pinyin
from hanzi_annot.positions import Span

#: The codes the validator reports; only their diagnostics carry fixes to apply.
VALIDATION_CODES = frozenset(code for code in Code if code.code.startswith("HA2"))


@attrs.frozen
class FixChange:
    """One rewritten annotation: where it is, its pinyin before and after, and why.

    ``before`` is the pinyin as it was written, ``after`` the pinyin that replaced it,
    ``syllables`` the annotation's new syllables and ``codes`` the diagnostics applied;
    ``diagnostics`` are those diagnostics themselves, so a report of the change names
    the same line and column as the check that found it.
    """

    span: Span
    hanzi: str
    before: str
    after: str
    syllables: tuple[str, ...]
    codes: tuple[Code, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def edit(self) -> Edit:
        """The change as an edit of the input: the pinyin between the parentheses.

        For a document read from text; the span of an annotation read from HTML ruby
        covers its markup, which this edit does not describe.
        """
        start = self.span.start + len(self.hanzi) + 1
        return Edit(Span(start, start + len(self.before)), self.after)


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


def _written(annotation: Annotation) -> str:
    return (
        annotation.written if annotation.written is not None else join_pinyin(annotation.syllables)
    )


def _rewrite(changes: Mapping[Span, FixChange]) -> Callable[[Annotation], Annotation]:
    def rewrite(annotation: Annotation) -> Annotation:
        change = None if annotation.span is None else changes.get(annotation.span)
        if change is None or (change.hanzi, change.before) != (
            annotation.hanzi,
            _written(annotation),
        ):
            return annotation
        return attrs.evolve(annotation, syllables=change.syllables, written=change.after)

    return rewrite


def _findings_behind(
    validator: Validator, annotation: Annotation, start: int, diagnostics: list[Diagnostic]
) -> list[Finding] | None:
    """Return the validator's finding behind each diagnostic, or ``None`` if one has none.

    The fix applied is the finding's own syllables, never a re-reading of the edit's
    text; a diagnostic the validator does not produce with that very fix (edited, or
    made with other readings) leaves the annotation alone.
    """
    findings = validator.check(annotation)
    confirmed: list[Finding] = []
    for diagnostic in diagnostics:
        finding = next(
            (
                f
                for f in findings
                if f.code is diagnostic.code
                and f.fix is not None
                and machine_fix(annotation, start, f) == (diagnostic.edit, diagnostic.hint)
                and f.span_in(annotation, start) == diagnostic.span
            ),
            None,
        )
        if finding is None:
            return None
        confirmed.append(finding)
    return confirmed


def apply_fixes(
    document: Document,
    diagnostics: Iterable[Diagnostic] | None = None,
    *,
    options: ValidateOptions | None = None,
    readings: Readings | None = None,
) -> FixResult:
    """Apply the fix of every diagnostic in ``diagnostics`` that has one.

    ``diagnostics`` defaults to validating the document with ``options`` and
    ``readings``; pass a subset to apply only those fixes. A fix changes only what its
    diagnostic is about, so the other problems of an annotation stay as they were. An
    annotation is left alone when a diagnostic's fix is not the one the validator
    (with ``readings``) gives it, or when it has no source span to place a fix on.

    >>> from hanzi_annot import parse, to_markup
    >>> result = apply_fixes(parse("他在银行(yínxíng)上班,很著名(zhūmíng)。"))
    >>> to_markup(result.document).strip()
    '他在银行(yínháng)上班,很著名(zhùmíng)。'
    >>> [(c.hanzi, c.before, c.after) for c in result.changes]
    [('银行', 'yínxíng', 'yínháng'), ('著名', 'zhūmíng', 'zhùmíng')]
    """
    validator = Validator(options, readings)
    found = tuple(validator.validate(document) if diagnostics is None else diagnostics)
    fixable = sorted(
        (
            (d.span.start, order, d)
            for order, d in enumerate(found)
            if d.code in VALIDATION_CODES and (d.edit is not None or d.hint is not None)
        ),
        key=lambda entry: entry[0],
    )
    starts = [start for start, _, _ in fixable]
    changes: list[FixChange] = []
    done: set[Span] = set()
    for annotation in document.annotations:
        span = annotation.span
        if span is None or span in done:  # no place to fix, or already fixed
            continue
        done.add(span)
        first = bisect_left(starts, span.start)
        within = fixable[first : bisect_left(starts, span.end, first)]
        mine = [d for _, _, d in sorted(within, key=lambda entry: entry[1])]
        findings = _findings_behind(validator, annotation, span.start, mine) if mine else None
        fix = None if findings is None else merge_fixes(annotation, findings)
        if fix is None:
            continue
        codes = tuple(dict.fromkeys(d.code for d in mine))
        before = _written(annotation)
        changes.append(
            FixChange(
                span, annotation.hanzi, before, fix.written, fix.syllables, codes, tuple(mine)
            )
        )
    return FixResult(replay_fixes(document, changes), tuple(changes))


def replay_fixes(document: Document, changes: Iterable[FixChange]) -> Document:
    """Apply recorded changes again; an annotation that no longer matches is skipped.

    A change applies to the annotation at the same span with the same hanzi whose pinyin
    is still written exactly as ``before``, so replaying on an edited document never
    rewrites the wrong annotation.
    """
    by_span = {change.span: change for change in changes}
    return _map_annotations(document, _rewrite(by_span))
