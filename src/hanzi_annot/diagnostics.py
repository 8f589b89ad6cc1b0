"""Diagnostics and errors: typed findings with a code, a severity and a place.

Every stage collects :class:`Diagnostic` objects instead of printing or raising, so a
caller sees all problems of an input at once. Codes are stable; ``docs/diagnostics.md``
lists every one with an example. The exceptions subclass the built-in a caller would
catch anyway (``ValueError``, ``UnicodeError``, ``OSError``).
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Iterable
from typing import Any

import attrs

from hanzi_annot.positions import LineIndex, Span


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
        """Look a member up by its ``HAnnn`` string (``ValueError`` if unknown).

        ``Code("HA202")`` does the same.

        >>> Code.from_code("ha202") is Code("HA202") is Code.WRONG_TONE
        True
        """
        if isinstance(code, str):
            for member in cls:
                if member.code == code.upper():
                    return member
        raise ValueError(f"unknown diagnostic code {code!r}")

    @classmethod
    def _missing_(cls, value: object) -> Code | None:
        """Let ``Code("HA202")`` find a member by its code string."""
        if isinstance(value, str):
            try:
                return cls.from_code(value)
            except ValueError:
                return None
        return None

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
    MISREAD_IN_CONTEXT = (
        "HA210",
        Severity.WARNING,
        "a reading the character has, but not in this sentence",
    )
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
    ARTICLE_METADATA = (
        "HA307",
        Severity.INFO,
        "date, byline or source line under the title; moved to document.metadata",
    )
    FULL_WIDTH_PUNCTUATION = (
        "HA310",
        Severity.INFO,
        "ASCII punctuation between Chinese text; written full-width (opt-in)",
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
    IGNORED_CHARSET = (
        "HA406",
        Severity.WARNING,
        "the page declares a charset that is no WHATWG encoding label; read as UTF-8",
    )


@attrs.frozen
class Edit:
    """A machine fix: replace the input text at ``span`` with ``replacement``.

    Replaying an edit needs nothing but the input it points into, so a tool can apply
    it without asking the library again.

    >>> Edit(Span(5, 12), "zhùmíng").apply("他很著名(zhūmíng)。")
    '他很著名(zhùmíng)。'
    """

    span: Span
    replacement: str

    def apply(self, text: str) -> str:
        """Return ``text`` with this edit made."""
        return text[: self.span.start] + self.replacement + text[self.span.end :]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict: ``start``, ``end`` and ``replacement``."""
        return {"start": self.span.start, "end": self.span.end, "replacement": self.replacement}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edit:
        """Rebuild an edit from :meth:`to_dict` output."""
        return cls(Span(data["start"], data["end"]), data["replacement"])


@attrs.frozen(init=False)
class Diagnostic:
    """One finding: what (code, message), how bad (severity), where, and how to fix it.

    ``line`` and ``column`` are 1-based and count code points in the original input;
    build diagnostics with a :class:`Reporter`, which computes them from the span.
    ``edit`` is a machine fix (replacement text for a span), ``hint`` advice for a
    person; a diagnostic has at most one of them. ``str(diagnostic)`` gives the
    ``file:line:col: CODE message`` form compilers use.
    """

    code: Code
    severity: Severity
    message: str
    span: Span
    line: int
    column: int
    path: str | None = attrs.field(default=None, kw_only=True)
    edit: Edit | None = attrs.field(default=None, kw_only=True)
    hint: str | None = attrs.field(default=None, kw_only=True)

    def __init__(
        self,
        code: Code,
        severity: Severity,
        message: str,
        span: Span,
        line: int,
        column: int,
        fix: str | None = None,
        path: str | None = None,
        *,
        edit: Edit | None = None,
        hint: str | None = None,
    ) -> None:
        if fix is not None:  # the 0.1 signature: a fix string, kept as advice
            warnings.warn(
                "Diagnostic(fix=...) is deprecated; pass edit=Edit(span, text) or hint=...",
                DeprecationWarning,
                stacklevel=2,
            )
            if edit is None and hint is None:
                hint = fix
        self.__attrs_init__(  # made by attrs because of init=False
            code, severity, message, span, line, column, path=path, edit=edit, hint=hint
        )

    @property
    def fix(self) -> str | None:
        """Deprecated: the edit's replacement, else the hint (use ``edit`` or ``hint``)."""
        warnings.warn(
            "Diagnostic.fix is deprecated; use Diagnostic.edit (a machine fix) or "
            "Diagnostic.hint (advice)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self._fix_text()

    def _fix_text(self) -> str | None:
        return self.edit.replacement if self.edit is not None else self.hint

    def __str__(self) -> str:
        where = self.path if self.path is not None else "<input>"
        text = f"{where}:{self.line}:{self.column}: {self.code.code} {self.message}"
        fix = self._fix_text()
        if fix is not None:
            text += f" (fix: {fix or 'delete it'})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict for tools (``code`` as its ``HAnnn`` string).

        ``fix`` repeats the edit's replacement or the hint, as earlier versions wrote it.
        """
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "start": self.span.start,
            "end": self.span.end,
            "code": self.code.code,
            "severity": str(self.severity),
            "message": self.message,
            "fix": self._fix_text(),
            "edit": None if self.edit is None else self.edit.to_dict(),
            "hint": self.hint,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        """Rebuild a diagnostic from :meth:`to_dict` output.

        Data without ``edit`` and ``hint`` keys (written by 0.1) keeps its ``fix`` text
        as a hint: it cannot tell where a replacement would go.
        """
        edit = data.get("edit")
        hint = data.get("hint")
        if "edit" not in data and "hint" not in data:
            hint = data.get("fix")
        return cls(
            code=Code.from_code(data["code"]),
            severity=Severity[data["severity"].upper()],
            message=data["message"],
            span=Span(data["start"], data["end"]),
            line=data["line"],
            column=data["column"],
            edit=None if edit is None else Edit.from_dict(edit),
            hint=hint,
            path=data.get("path"),
        )


@attrs.frozen
class Reporter:
    r"""Turns findings into diagnostics placed in the original input: the one place that does.

    ``lines`` indexes the input the spans point into; ``path`` names it. Without an
    index every diagnostic is on line 1 and its column counts from ``base`` (the offset
    of the first character of the text being checked).

    >>> reporter = Reporter(LineIndex.of("标题\n  他很著名(zhūmíng)。"), "a.txt")
    >>> str(reporter.diagnostic(Code.WRONG_TONE, Span(7, 8), "著 is never read zhū"))
    'a.txt:2:5: HA202 著 is never read zhū'
    """

    lines: LineIndex | None = None
    path: str | None = None
    base: int = 0

    def locate(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of an offset into the input."""
        if self.lines is not None:
            return self.lines.locate(offset)
        return 1, max(offset - self.base, 0) + 1

    def diagnostic(
        self,
        code: Code,
        span: Span,
        message: str,
        *,
        severity: Severity | None = None,
        edit: Edit | None = None,
        hint: str | None = None,
    ) -> Diagnostic:
        """Return the diagnostic for ``code`` at ``span`` (default severity unless given)."""
        line, column = self.locate(span.start)
        return Diagnostic(
            code,
            code.default_severity if severity is None else severity,
            message,
            span,
            line,
            column,
            path=self.path,
            edit=edit,
            hint=hint,
        )

    def place(self, diagnostic: Diagnostic) -> Diagnostic:
        """Return ``diagnostic`` with the line, column and path of its span in this input."""
        line, column = self.locate(diagnostic.span.start)
        return attrs.evolve(diagnostic, line=line, column=column, path=self.path)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Return diagnostics in document order (by offset, then code)."""
    return tuple(sorted(diagnostics, key=lambda d: (d.span.start, d.span.end, d.code.code)))


class HanziAnnotError(Exception):
    """Base class of every exception this library raises on purpose."""


class MarkupError(HanziAnnotError, ValueError):
    """Raised under :attr:`ErrorPolicy.RAISE` when a stage found problems; carries them all."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        lines = "\n".join(str(d) for d in self.diagnostics)
        super().__init__(f"{len(self.diagnostics)} problem(s) in the input:\n{lines}")


class InvalidTextError(HanziAnnotError, ValueError):
    """Raised for text that cannot be processed at all, such as a lone surrogate."""


class InputDecodeError(HanziAnnotError, UnicodeError):
    """Raised when input bytes are not valid in the expected encoding.

    The parts of the message are fields, so a caller can word its own message:
    ``encoding`` (the codec tried), ``offset`` (byte offset of the first bad byte, or
    ``None`` when the problem is not one place), ``line`` (1-based, or ``None``),
    ``reason`` (what is wrong, without advice), ``hint`` (what to do) and ``path``.
    """

    def __init__(
        self,
        message: str,
        *,
        encoding: str | None = None,
        offset: int | None = None,
        line: int | None = None,
        reason: str = "",
        hint: str = "",
        path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.encoding = encoding
        self.offset = offset
        self.line = line
        self.reason = reason or message
        self.hint = hint
        self.path = path


class PathAsTextError(HanziAnnotError, ValueError):
    """Raised when a ``str`` given as text is really the name of an existing file.

    Readers take a ``str`` as the text itself; read a file with
    :func:`~hanzi_annot.load` or by passing a :class:`pathlib.Path`.
    """


class DiagnosticWarning(UserWarning):
    """The warning category under :attr:`ErrorPolicy.WARN`: one warning per diagnostic."""


class ErrorPolicy(enum.Enum):
    """What a reader or writer does with the diagnostics it finds.

    ``COLLECT`` (the default) only returns them; ``WARN`` also issues a
    :class:`DiagnosticWarning` for each one at or above the threshold; ``RAISE`` raises
    one :class:`MarkupError` carrying all of those, if there are any.
    """

    COLLECT = "collect"
    WARN = "warn"
    RAISE = "raise"

    @classmethod
    def of(cls, value: ErrorPolicy | str) -> ErrorPolicy:
        """Accept a member or its name in any case (``"raise"``); ``ValueError`` otherwise."""
        if isinstance(value, ErrorPolicy):
            return value
        if isinstance(value, str):
            try:
                return cls(value.lower())
            except ValueError:
                pass
        names = ", ".join(repr(member.value) for member in cls)
        raise ValueError(f"unknown error policy {value!r}; expected one of {names}")


def apply_policy(
    diagnostics: Iterable[Diagnostic],
    errors: ErrorPolicy | str = ErrorPolicy.COLLECT,
    *,
    threshold: Severity = Severity.WARNING,
    category: type[DiagnosticWarning] = DiagnosticWarning,
    stacklevel: int = 2,
) -> tuple[Diagnostic, ...]:
    """Apply an error policy to a stage's diagnostics and return them all, unchanged.

    Only diagnostics at or above ``threshold`` are warned about (as ``category``) or
    raised; every reader and writer calls this once with everything it found.
    ``stacklevel`` is passed on to :func:`warnings.warn` as seen from the caller.

    >>> from hanzi_annot.positions import Span
    >>> found = [Reporter().diagnostic(Code.INVALID_PINYIN, Span(0, 3), "gúx is no pinyin")]
    >>> apply_policy(found, "collect") == tuple(found)
    True
    >>> apply_policy(found, "raise")
    Traceback (most recent call last):
    ...
    hanzi_annot.diagnostics.MarkupError: 1 problem(s) in the input:
    <input>:1:1: HA103 gúx is no pinyin
    """
    policy = ErrorPolicy.of(errors)
    found = tuple(diagnostics)
    if policy is ErrorPolicy.COLLECT:
        return found
    serious = [d for d in found if d.severity >= threshold]
    if policy is ErrorPolicy.RAISE:
        if serious:
            raise MarkupError(serious)
        return found
    for diagnostic in serious:
        warnings.warn(str(diagnostic), category, stacklevel=stacklevel + 1)
    return found
