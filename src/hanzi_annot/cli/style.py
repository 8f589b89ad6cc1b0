"""Colour for the human report formats: on for a terminal, off when piped.

``NO_COLOR`` (any non-empty value) turns colour off and ``FORCE_COLOR`` turns it on, as
https://no-color.org and https://force-color.org describe; ``--color always|never``
overrides both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, TextIO

import attrs

from hanzi_annot.diagnostics import Severity

_RESET: Final = "\x1b[0m"
_SEVERITY: Final = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}
_BOLD: Final = "\x1b[1m"
_DIM: Final = "\x1b[2m"


def wants_colour(choice: str, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Decide whether to colour what goes to ``stream``.

    >>> import io
    >>> wants_colour("auto", io.StringIO(), {"FORCE_COLOR": "1"})
    True
    """
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@attrs.frozen
class Style:
    """Wraps pieces of a report in colour codes, or leaves them as they are."""

    enabled: bool = False

    def _wrap(self, start: str, text: str) -> str:
        return f"{start}{text}{_RESET}" if self.enabled else text

    def severity(self, severity: Severity, text: str | None = None) -> str:
        """Colour ``text`` (default: the severity's name) by ``severity``."""
        return self._wrap(_SEVERITY[severity], str(severity) if text is None else text)

    def bold(self, text: str) -> str:
        """Make ``text`` stand out (file names, codes)."""
        return self._wrap(_BOLD, text)

    def dim(self, text: str) -> str:
        """Tone ``text`` down (positions, hints)."""
        return self._wrap(_DIM, text)
