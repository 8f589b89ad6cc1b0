"""``hanzi-annot check``: report every input's findings in the chosen format."""

from __future__ import annotations

import os
from typing import TextIO

from hanzi_annot.cli.findings import FileReport, Totals
from hanzi_annot.cli.progress import Progress
from hanzi_annot.cli.report import HUMAN_FORMATS, REPORTERS
from hanzi_annot.cli.run import run_inputs
from hanzi_annot.cli.settings import Settings
from hanzi_annot.cli.style import Style, wants_colour
from hanzi_annot.cli.wording import problem_text
from hanzi_annot.diagnostics import Severity


def count(number: int, word: str, plural: str | None = None) -> str:
    """Return ``1 file``, ``2 files``: a number with its noun."""
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _summary(totals: Totals) -> str:
    checked = totals.files - totals.unreadable
    found = [
        count(totals.severities[level], str(level))
        if level is not Severity.INFO
        else f"{totals.severities[level]} info"
        for level in reversed(Severity)
        if totals.severities[level]
    ]
    text = f"{count(checked, 'file')} checked: {', '.join(found) or 'nothing to report'}"
    if totals.fixable:
        text += f" ({totals.fixable} fixable with hanzi-annot fix)"
    if totals.unreadable:
        text += f"; {count(totals.unreadable, 'input')} could not be read"
    return text


def run_check(settings: Settings, out: TextIO, err: TextIO) -> int:
    """Report every input; exit 2 if one could not be read, else 1 if findings, else 0."""
    human = settings.report_format in HUMAN_FORMATS
    style = Style(human and wants_colour(settings.color, out, os.environ))
    reporter = REPORTERS[settings.report_format](out, style, settings.statistics)
    totals = Totals()
    progress = Progress(err, len(settings.inputs))
    failing = False
    for done, finished in enumerate(run_inputs(settings), start=1):
        progress.clear()
        result = finished.result
        settled = frozenset(result.plan.settled) if result.plan is not None else frozenset()
        report = FileReport(finished.item.name, result.diagnostics, settled, problem_text(result))
        reporter.file(report)
        totals.add(report)
        failing = failing or any(d.severity >= settings.fail_on for d in result.diagnostics)
        out.flush()
        progress.step(done, finished.item.name)
    progress.clear()
    reporter.finish(totals)
    if not settings.quiet:
        err.write(f"{settings.prog.split()[0]}: {_summary(totals)}\n")
    if totals.unreadable:
        return 2
    return 1 if failing else 0
