"""A SARIF 2.1.0 log of a ``check`` run, for code-scanning services.

Columns count Unicode code points (``columnKind`` says so), as every hanzi-annot
position does. An input that could not be read becomes a tool execution notification
and marks the run as not successful.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any, Final
from urllib.parse import quote

from hanzi_annot import __version__
from hanzi_annot.cli.findings import FileReport
from hanzi_annot.diagnostics import Code, Severity

SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(name: str) -> str:
    return quote(PurePath(name).as_posix()) if name != "<stdin>" else "stdin"


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": code.code,
            "name": code.name.title().replace("_", ""),
            "shortDescription": {"text": code.summary},
            "defaultConfiguration": {"level": _LEVEL[code.default_severity]},
        }
        for code in Code
    ]


def _location(name: str, line: int | None = None, column: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(name)}}
    if line is not None:
        physical["region"] = {"startLine": line, "startColumn": column}
    return {"physicalLocation": physical}


def sarif_log(
    reports: Sequence[FileReport], *, detail: Callable[[FileReport], str]
) -> dict[str, Any]:
    """Build the SARIF log of ``reports``; ``detail`` words an input's error."""
    index = {code: number for number, code in enumerate(Code)}
    results = []
    notifications = []
    for report in reports:
        if report.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": detail(report)},
                    "locations": [_location(report.name)],
                }
            )
        for d in report.diagnostics:
            result: dict[str, Any] = {
                "ruleId": d.code.code,
                "ruleIndex": index[d.code],
                "level": _LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [_location(d.path or report.name, d.line, d.column)],
            }
            advice = d.edit.replacement if d.edit is not None else d.hint
            if advice is not None:
                key = "fix" if d in report.fixable else "hint"
                result["properties"] = {key: advice}
            results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hanzi-annot",
                        "version": __version__,
                        "rules": _rules(),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }
