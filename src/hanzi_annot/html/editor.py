"""The editor view's findings: which annotation each finding concerns, and the list.

Findings are matched to annotations once, before rendering, in one sweep over both
sorted by position, rather than every finding per annotation. Each
finding gets an id (``ha-f1`` …) and each flagged annotation an id taken from its span
(``ha-at-<offset>``), so the list and the text link to each other both ways.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs
from lxml import etree

from hanzi_annot.diagnostics import Diagnostic, Severity
from hanzi_annot.model import Annotation
from hanzi_annot.positions import Span

__all__ = ["SEVERITY_LABELS", "Finding", "FlagIndex", "anchor", "finding_item", "overlaps"]

#: What a finding's severity is called on the page, beside its symbol.
SEVERITY_LABELS = {
    Severity.ERROR: ("\N{HEAVY MULTIPLICATION X}", "错误"),
    Severity.WARNING: ("\N{WARNING SIGN}", "警告"),
    Severity.INFO: ("\N{INFORMATION SOURCE}", "提示"),
}


@attrs.frozen
class Finding:
    """One diagnostic with its id in the list and the annotation it links to (if any)."""

    number: int
    diagnostic: Diagnostic
    target: str | None

    @property
    def id(self) -> str:
        """The list item's id."""
        return f"ha-f{self.number}"


def overlaps(left: Span, right: Span) -> bool:
    """Whether two spans share a code point (an empty span counts at its start)."""
    return left.start < max(right.end, right.start + 1) and right.start < max(
        left.end, left.start + 1
    )


def _end(span: Span) -> int:
    """Where a span stops counting: an empty span covers its start."""
    return max(span.end, span.start + 1)


def _span_order(span: Span) -> tuple[int, int]:
    return (span.start, span.end)


def anchor(span: Span) -> str:
    """Return the id of a flagged annotation (its offset in the input is unique)."""
    return f"ha-at-{span.start}"


@attrs.frozen
class FlagIndex:
    """Findings sorted by position, and for each flagged annotation the findings on it."""

    findings: tuple[Finding, ...]
    by_annotation: dict[Span, tuple[Finding, ...]] = attrs.field(eq=False)

    @classmethod
    def build(
        cls, diagnostics: Sequence[Diagnostic], annotations: Iterable[Annotation]
    ) -> FlagIndex:
        """Match ``diagnostics`` to the ``annotations`` their spans touch."""
        ordered = sorted(diagnostics, key=lambda d: (d.span.start, d.line, d.column))
        spans = sorted({a.span for a in annotations if a.span is not None}, key=_span_order)
        hits: dict[int, list[Span]] = {}
        # One sweep over both sorted lists; ``active`` holds the findings that started
        # before the current annotation's end and may still reach it.
        active: list[int] = []
        following = 0
        for span in spans:
            while following < len(ordered) and ordered[following].span.start < _end(span):
                active.append(following)
                following += 1
            active = [i for i in active if _end(ordered[i].span) > span.start]
            for index in active:
                if overlaps(ordered[index].span, span):
                    hits.setdefault(index, []).append(span)
        findings = tuple(
            Finding(index + 1, diagnostic, anchor(hits[index][0]) if index in hits else None)
            for index, diagnostic in enumerate(ordered)
        )
        by_annotation: dict[Span, list[Finding]] = {}
        for index, spans in hits.items():
            for span in spans:
                by_annotation.setdefault(span, []).append(findings[index])
        return cls(findings, {span: tuple(found) for span, found in by_annotation.items()})

    def on(self, annotation: Annotation) -> tuple[Finding, ...]:
        """Return the findings that concern ``annotation`` (none without a span)."""
        if annotation.span is None:
            return ()
        return self.by_annotation.get(annotation.span, ())


def finding_item(finding: Finding, tidy: Callable[[str], str]) -> etree._Element:
    """``<li>`` for one finding: symbol and severity, code, line:column, message, fix.

    ``tidy`` makes user text writable (control characters become U+FFFD).
    """
    diagnostic = finding.diagnostic
    item = etree.Element("li", {"id": finding.id, "class": f"ha-{diagnostic.severity}"})
    symbol, label = SEVERITY_LABELS[diagnostic.severity]
    etree.SubElement(item, "span", {"class": "ha-severity"}).text = f"{symbol} {label}"
    item[-1].tail = " "
    place = f"{diagnostic.code.code} {diagnostic.line}:{diagnostic.column}"
    if finding.target is not None:
        link = etree.SubElement(item, "a", href=f"#{finding.target}")
        link.text = place
    else:
        etree.SubElement(item, "span", {"class": "ha-place"}).text = place
    item[-1].tail = " " + tidy(diagnostic.message)
    edit = diagnostic.edit
    advice = (edit.replacement or "删去") if edit is not None else diagnostic.hint
    if advice is not None:
        fix = etree.SubElement(item, "span", {"class": "ha-fix"})
        fix.text = "（建议：" + tidy(advice) + "）"
    return item
