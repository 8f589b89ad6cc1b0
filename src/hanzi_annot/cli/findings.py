"""One input's findings as every report format sees them, and the counts over a run."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from hanzi_annot.diagnostics import Code, Diagnostic, Severity


@attrs.frozen
class FileReport:
    """One input as reported: its findings, which of them ``fix`` settles, or its error."""

    name: str
    diagnostics: tuple[Diagnostic, ...] = ()
    fixable: frozenset[Diagnostic] = frozenset()
    error: str | None = None


@attrs.define
class Totals:
    """Counts over a whole run, for summaries and statistics."""

    files: int = 0
    unreadable: int = 0
    severities: Counter[Severity] = attrs.field(factory=Counter)
    codes: Counter[Code] = attrs.field(factory=Counter)
    fixable_codes: Counter[Code] = attrs.field(factory=Counter)

    def add(self, report: FileReport) -> None:
        """Count one input."""
        self.files += 1
        if report.error is not None:
            self.unreadable += 1
        for diagnostic in report.diagnostics:
            self.severities[diagnostic.severity] += 1
            self.codes[diagnostic.code] += 1
            if diagnostic in report.fixable:
                self.fixable_codes[diagnostic.code] += 1

    @property
    def fixable(self) -> int:
        """How many findings ``fix`` would settle."""
        return sum(self.fixable_codes.values())

    def as_dict(self) -> dict[str, int]:
        """Return the counts as a JSON-ready dict."""
        return {
            "files": self.files,
            "unreadable": self.unreadable,
            **{str(level): self.severities[level] for level in reversed(Severity)},
            "fixable": self.fixable,
        }

    def statistics(self) -> list[dict[str, Any]]:
        """Return a count per code, most frequent first."""
        return [
            {
                "code": code.code,
                "count": count,
                "fixable": self.fixable_codes[code],
                "summary": code.summary,
            }
            for code, count in sorted(self.codes.items(), key=lambda kv: (-kv[1], kv[0].code))
        ]


def fix_note(diagnostic: Diagnostic, fixable: bool) -> str:
    """Return the ``(fix: …)`` or ``(hint: …)`` ending of a finding, or nothing."""
    edit = diagnostic.edit
    if fixable:
        return f" (fix: {edit.replacement if edit and edit.replacement else 'drop the copy'})"
    advice = edit.replacement if edit is not None else diagnostic.hint
    if advice:
        return f" (hint: {advice})"
    return ""


def detail(report: FileReport) -> str:
    """Return an input's error without the input's name in front."""
    assert report.error is not None
    return report.error.removeprefix(f"{report.name}: ")
