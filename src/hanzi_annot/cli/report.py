"""How ``check`` reports: one reporter per ``--format``, fed one input at a time.

Every reporter gets the same :class:`FileReport` objects (the pipeline's diagnostics,
in document order, and the input's error if it could not be read), so each format says
the same thing: ``full`` groups findings under their file, ``concise`` is one
``file:line:col`` line each, ``json`` one object, ``jsonl`` one object per line,
``github`` workflow commands and ``sarif`` a SARIF 2.1.0 log.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Final, TextIO

from hanzi_annot.cli.findings import FileReport, Totals, detail, fix_note
from hanzi_annot.cli.sarif import sarif_log
from hanzi_annot.cli.style import Style
from hanzi_annot.diagnostics import Diagnostic, Severity


class Reporter:
    """Base of the report formats: ``file`` per input, then ``finish`` once."""

    def __init__(self, out: TextIO, style: Style, statistics: bool) -> None:
        self.out = out
        self.style = style
        self.statistics = statistics

    def file(self, report: FileReport) -> None:
        """Report one input (as soon as it is done, for the streaming formats)."""

    def finish(self, totals: Totals) -> None:
        """Write what comes after the last input (a table, a whole document)."""
        if self.statistics:
            for row in totals.statistics():
                mark = "[*]" if row["fixable"] else "   "
                self.out.write(
                    f"{row['count']:>5}  {self.style.bold(row['code'])}  {mark}  {row['summary']}\n"
                )


class FullReporter(Reporter):
    """Findings grouped under their file, one indented line each (the default)."""

    def file(self, report: FileReport) -> None:
        """Write the file's name, then its error or findings, then a blank line."""
        if self.statistics or (report.error is None and not report.diagnostics):
            return
        style = self.style
        lines = [style.bold(report.name)]
        if report.error is not None:
            lines.append(f"  {style.severity(Severity.ERROR, 'error')}: {detail(report)}")
        width = max((len(f"{d.line}:{d.column}") for d in report.diagnostics), default=0)
        for d in report.diagnostics:
            where = style.dim(f"{d.line}:{d.column}".ljust(width))
            level = style.severity(d.severity, f"{d.severity!s:<7}")
            note = fix_note(d, d in report.fixable)
            lines.append(f"  {where}  {level}  {style.bold(d.code.code)}  {d.message}{note}")
        self.out.write("\n".join(lines) + "\n\n")


class ConciseReporter(Reporter):
    """One ``file:line:col: CODE message`` line per finding, as compilers print."""

    def file(self, report: FileReport) -> None:
        """Write the file's error or each finding on its own line."""
        if self.statistics:
            return
        if report.error is not None:
            level = self.style.severity(Severity.ERROR, "error")
            self.out.write(f"{report.name}: {level}: {detail(report)}\n")
        for d in report.diagnostics:
            code = self.style.severity(d.severity, d.code.code)
            note = fix_note(d, d in report.fixable)
            self.out.write(f"{_where(report, d)}:{d.line}:{d.column}: {code} {d.message}{note}\n")


def _where(report: FileReport, d: Diagnostic) -> str:
    """Return the file a finding's line and column count in (a JSON model's source)."""
    return d.path or report.name


def _diagnostic_record(report: FileReport, d: Diagnostic) -> dict[str, Any]:
    return {**d.to_dict(), "path": _where(report, d), "fixable": d in report.fixable}


def _error(report: FileReport) -> dict[str, Any]:
    return {"path": report.name, "message": detail(report)}


class JsonReporter(Reporter):
    """One JSON object for the run: diagnostics, errors and the summary; always valid."""

    def __init__(self, out: TextIO, style: Style, statistics: bool) -> None:
        super().__init__(out, style, statistics)
        self.diagnostics: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []

    def file(self, report: FileReport) -> None:
        """Keep the input's findings and error for the object written at the end."""
        if report.error is not None:
            self.errors.append(_error(report))
        self.diagnostics += [_diagnostic_record(report, d) for d in report.diagnostics]

    def finish(self, totals: Totals) -> None:
        """Write the whole object."""
        report: dict[str, Any] = {
            "version": 1,
            "diagnostics": self.diagnostics,
            "errors": self.errors,
            "summary": totals.as_dict(),
        }
        if self.statistics:
            report["statistics"] = totals.statistics()
        self.out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


class JsonLinesReporter(Reporter):
    """One JSON object per line: each finding, each input error, then the summary."""

    def _line(self, kind: str, data: Mapping[str, Any]) -> None:
        self.out.write(json.dumps({"type": kind, **data}, ensure_ascii=False) + "\n")

    def file(self, report: FileReport) -> None:
        """Write the input's error and findings, one object each."""
        if report.error is not None:
            self._line("error", _error(report))
        for d in report.diagnostics:
            self._line("diagnostic", _diagnostic_record(report, d))

    def finish(self, totals: Totals) -> None:
        """Write the statistics (if asked for) and the summary object."""
        if self.statistics:
            for row in totals.statistics():
                self._line("statistic", row)
        self._line("summary", totals.as_dict())


_GITHUB_LEVEL: Final = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: an annotation on the line of each finding."""

    def file(self, report: FileReport) -> None:
        """Write one ``::error``/``::warning``/``::notice`` command per finding or error."""
        name = _escape_property(report.name)
        if report.error is not None:
            self.out.write(
                f"::error file={name},title=hanzi-annot::{_escape_data(detail(report))}\n"
            )
        for d in report.diagnostics:
            name = _escape_property(_where(report, d))
            title = _escape_property(f"{d.code.code} ({d.code.summary})")
            message = _escape_data(d.message + fix_note(d, d in report.fixable))
            self.out.write(
                f"::{_GITHUB_LEVEL[d.severity]} file={name},line={d.line},col={d.column},"
                f"title={title}::{message}\n"
            )

    def finish(self, totals: Totals) -> None:
        """GitHub shows no table; nothing more is written."""


class SarifReporter(JsonReporter):
    """A SARIF 2.1.0 log, for code-scanning services."""

    def __init__(self, out: TextIO, style: Style, statistics: bool) -> None:
        super().__init__(out, style, statistics)
        self.reports: list[FileReport] = []

    def file(self, report: FileReport) -> None:
        """Keep the input for the log written at the end."""
        self.reports.append(report)

    def finish(self, totals: Totals) -> None:
        """Write the whole log."""
        log = sarif_log(self.reports, detail=detail)
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


#: Each ``--format`` and its reporter.
REPORTERS: Final[Mapping[str, Callable[[TextIO, Style, bool], Reporter]]] = {
    "full": FullReporter,
    "concise": ConciseReporter,
    "text": ConciseReporter,
    "json": JsonReporter,
    "jsonl": JsonLinesReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
}

#: The formats a person reads, which take colour.
HUMAN_FORMATS: Final = frozenset({"full", "concise", "text"})
