"""Diagnostics and errors: typed findings with a code, a severity and a place.

Every stage collects :class:`Diagnostic` objects instead of printing or raising, so a
caller sees all problems of an input at once. Codes are stable; ``docs/diagnostics.md``
lists every one with an example. The exceptions subclass the built-in a caller would
catch anyway (``ValueError``, ``UnicodeError``, ``OSError``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from hanzi_annot.positions import Span


class Severity(enum.IntEnum):
    """How much a diagnostic matters; ordered, so ``severity >= Severity.WARNING`` works."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


class Code(enum.Enum):
    """Every diagnostic code with its default severity and a one-line summary.

    Families: ``HA1xx`` inline markup, ``HA2xx`` validation, ``HA3xx`` page cleaning and
    structure, ``HA4xx`` HTML reading and writing.
    """

    def __init__(self, code: str, severity: Severity, summary: str) -> None:
        self.code = code
        self.default_severity = severity
        self.summary = summary

    def __str__(self) -> str:
        return self.code

    @classmethod
    def from_code(cls, code: str) -> Code:
        """Look a member up by its ``HAnnn`` string (``ValueError`` if unknown)."""
        for member in cls:
            if member.code == code.upper():
                return member
        raise ValueError(f"unknown diagnostic code {code!r}")

    # --- HA1xx: inline markup (inline.py) ---
    DUPLICATE_ANNOTATION = ("HA101", Severity.INFO, "identical annotation repeated; dropped")
    CONFLICTING_ANNOTATION = (
        "HA102",
        Severity.WARNING,
        "a second, different annotation follows; kept as text",
    )
    INVALID_PINYIN = ("HA103", Severity.WARNING, "looks like pinyin but is not valid pinyin")
    NO_HANZI_BEFORE = ("HA104", Severity.WARNING, "pinyin with no hanzi before it")
    TOO_MANY_SYLLABLES = ("HA105", Severity.WARNING, "more syllables than hanzi before them")
    UNCLOSED_PARENTHESIS = ("HA106", Severity.WARNING, "annotation parenthesis never closed")
    UNMATCHED_READING = (
        "HA107",
        Severity.INFO,
        "toneless Latin text matching no reading of the hanzi; kept as text",
    )
    GROUP_TOO_LONG = (
        "HA108",
        Severity.WARNING,
        "pinyin group too long to be an annotation; kept as text",
    )
    # --- HA2xx: validation (validation.py) ---
    NOT_A_READING = ("HA201", Severity.ERROR, "syllable is no reading of its character")
    WRONG_TONE = ("HA202", Severity.ERROR, "right syllable with a tone the character never has")
    WRONG_IN_WORD = (
        "HA203",
        Severity.WARNING,
        "a reading the character has, but not in this word",
    )
    TONES_MISSING = ("HA204", Severity.WARNING, "annotation written without tones")
    MISPLACED_TONE_MARK = ("HA205", Severity.WARNING, "tone mark on the wrong vowel")
    U_UMLAUT_SPELLING = ("HA206", Severity.WARNING, "ü written as v or u:")
    MISSING_APOSTROPHE = (
        "HA207",
        Severity.WARNING,
        "no apostrophe before a syllable starting with a, o or e",
    )
    NEUTRAL_TONE = (
        "HA208",
        Severity.INFO,
        "neutral tone the dictionaries do not list for this character",
    )
    UNKNOWN_CHARACTER = ("HA209", Severity.INFO, "character unknown to the dictionary")
    # --- HA3xx: cleaning and structure (clean.py, structure.py) ---
    REPEATED_TITLE = ("HA301", Severity.INFO, "title repeated; the copy is dropped")
    GLUED_TITLE = (
        "HA302",
        Severity.INFO,
        "title copy glued to the start of the first paragraph; split off",
    )
    REPEATED_PARAGRAPH = ("HA303", Severity.INFO, "paragraph repeats an earlier one; dropped")
    REPEATED_BODY = ("HA304", Severity.INFO, "run of paragraphs repeats earlier ones; dropped")
    BOILERPLATE = ("HA305", Severity.INFO, "site furniture after the article; dropped")
    SOURCE_ATTRIBUTION = (
        "HA306",
        Severity.INFO,
        "source organisation at the end of the article; moved to document.source",
    )
    # --- HA4xx: HTML (render_html.py, read_html.py) ---
    UNWRITABLE_CHARACTER = (
        "HA401",
        Severity.WARNING,
        "a control character HTML cannot carry was written as U+FFFD",
    )
    RT_WITHOUT_BASE = ("HA402", Severity.WARNING, "ruby text with no base text before it")
    RUBY_MISMATCH = (
        "HA403",
        Severity.WARNING,
        "ruby text does not pair with its base characters; kept as text",
    )
    EMPTY_RT = ("HA404", Severity.WARNING, "empty ruby text; the base is kept as plain text")
    RUBY_NOT_PINYIN = (
        "HA405",
        Severity.WARNING,
        "ruby text is neither pinyin nor zhuyin; kept as text",
    )


@attrs.frozen
class Diagnostic:
    """One finding: what (code, message), how bad (severity), where, and a fix if known.

    ``line`` and ``column`` are 1-based and count code points in the original input.
    ``str(diagnostic)`` gives the ``file:line:col: CODE message`` form compilers use.
    """

    code: Code
    severity: Severity
    message: str
    span: Span
    line: int
    column: int
    fix: str | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = self.path if self.path is not None else "<input>"
        text = f"{where}:{self.line}:{self.column}: {self.code.code} {self.message}"
        if self.fix is not None:
            text += f" (fix: {self.fix})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict for tools (``code`` as its ``HAnnn`` string)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "start": self.span.start,
            "end": self.span.end,
            "code": self.code.code,
            "severity": str(self.severity),
            "message": self.message,
            "fix": self.fix,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        """Rebuild a diagnostic from :meth:`to_dict` output."""
        return cls(
            code=Code.from_code(data["code"]),
            severity=Severity[data["severity"].upper()],
            message=data["message"],
            span=Span(data["start"], data["end"]),
            line=data["line"],
            column=data["column"],
            fix=data.get("fix"),
            path=data.get("path"),
        )


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Return diagnostics in document order (by offset, then code)."""
    return tuple(sorted(diagnostics, key=lambda d: (d.span.start, d.span.end, d.code.code)))


class HanziAnnotError(Exception):
    """Base class of every exception this library raises on purpose."""


class MarkupError(HanziAnnotError, ValueError):
    """Raised in strict mode when parsing found problems; carries every diagnostic."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        lines = "\n".join(str(d) for d in self.diagnostics)
        super().__init__(f"{len(self.diagnostics)} problem(s) in the input:\n{lines}")


class InvalidTextError(HanziAnnotError, ValueError):
    """Raised for text that cannot be processed at all, such as a lone surrogate."""


class InputDecodeError(HanziAnnotError, UnicodeError):
    """Raised when input bytes are not valid in the expected encoding."""
