"""Fixes as edits of the original text: what ``fix`` changes, and which findings it settles.

The plan is made from the very diagnostics ``check`` reports, so both commands agree on
every finding and position. A validation fix rewrites only the pinyin of its
annotation; a repeated annotation (``HA101``) loses its copy. Everything else of the
input keeps every character.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from hanzi_annot.check.fixes import FixChange, apply_fixes
from hanzi_annot.diagnostics import Diagnostic, Edit
from hanzi_annot.model import Document
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.positions import Span


@attrs.frozen
class FixPlan:
    """The edits that fix a document, and the diagnostics they settle (in order)."""

    edits: tuple[Edit, ...] = ()
    settled: tuple[Diagnostic, ...] = ()

    def apply(self, text: str) -> str:
        r"""Return ``text`` with every edit made; the rest stays as it was.

        >>> plan = FixPlan((Edit(Span(3, 7), "háng"),))
        >>> plan.apply("银行(xíng)")
        '银行(háng)'
        """
        pieces: list[str] = []
        done = 0
        for edit in self.edits:
            pieces += [text[done : edit.span.start], edit.replacement]
            done = edit.span.end
        pieces.append(text[done:])
        return "".join(pieces)


def _pinyin_edit(change: FixChange, text: str) -> Edit | None:
    """Return the edit of the pinyin run inside the change's annotation, if it is found there."""
    start = text.find(change.before, change.span.start, change.span.end)
    if start < 0:
        return None
    return Edit(Span(start, start + len(change.before)), change.after)


def _settles(change: FixChange, diagnostic: Diagnostic) -> bool:
    return (
        diagnostic.edit is not None
        and diagnostic.code in change.codes
        and change.span.start <= diagnostic.span.start < change.span.end
    )


def plan_fixes(
    document: Document,
    diagnostics: Iterable[Diagnostic],
    text: str | None = None,
    *,
    readings: Readings | None = None,
) -> FixPlan:
    """Plan the fix of every diagnostic in ``diagnostics`` that has a machine fix.

    A diagnostic's edit is made as it stands, except the validator's (``HA2xx``): those
    of one annotation are merged by :func:`~hanzi_annot.apply_fixes` into one pinyin
    rewrite. ``text`` is the decoded input the document was parsed from; without it
    only the edits made as they stand and the validator's fixes whose pinyin is exactly
    where the annotation's span says are planned.
    """
    found = tuple(diagnostics)
    fixable = [d for d in found if d.edit is not None and d.code.code.startswith("HA2")]
    candidates: list[tuple[Edit, tuple[Diagnostic, ...]]] = [
        (d.edit, (d,)) for d in found if d.edit is not None and not d.code.code.startswith("HA2")
    ]
    if fixable:
        result = apply_fixes(document, fixable, readings=readings)
        for change in result.changes:
            edit = _pinyin_edit(change, text) if text is not None else None
            if edit is not None:
                candidates.append((edit, tuple(d for d in fixable if _settles(change, d))))
    edits: list[Edit] = []
    settled: list[Diagnostic] = []
    end = 0
    for edit, ones in sorted(candidates, key=lambda pair: pair[0].span.start):
        if edit.span.start < end:  # overlapping edits: keep the first, report the rest
            continue
        edits.append(edit)
        settled += ones
        end = edit.span.end
    order = {id(d): index for index, d in enumerate(found)}
    return FixPlan(tuple(edits), tuple(sorted(settled, key=lambda d: order[id(d)])))
