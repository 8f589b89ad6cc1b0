"""The work done for one input: read it, parse it, and produce the command's result.

:func:`process` is a plain function of picklable values, so ``--jobs`` can run it in a
process pool and get exactly what a serial run gets. It never writes anything: the
result comes back as an :class:`Outcome` and the caller writes it, in input order.
"""

from __future__ import annotations

import codecs
import enum
import functools
from pathlib import Path

import attrs

from hanzi_annot.check.fixes import FixChange, apply_fixes
from hanzi_annot.check.validator import ValidateOptions, Validator
from hanzi_annot.cli.inputs import Input
from hanzi_annot.corpus.pipeline import InputFormat, read_document
from hanzi_annot.diagnostics import Code, Diagnostic, HanziAnnotError, InputDecodeError, Severity
from hanzi_annot.formats.jsonio import to_json
from hanzi_annot.formats.markup import to_markup, to_plain
from hanzi_annot.html.write import HtmlOptions, HtmlRenderer
from hanzi_annot.model import Document
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.text.decode import decode_input

#: The mark a UTF-8 file may start with; a fixed file keeps it if it had one.
_BOM = "\N{ZERO WIDTH NO-BREAK SPACE}"


class Command(enum.Enum):
    """The subcommands that work on inputs."""

    CHECK = "check"
    RENDER = "render"
    PLAIN = "plain"
    MARKUP = "markup"
    JSON = "json"
    FIX = "fix"


@attrs.frozen
class Settings:
    """Everything one run needs to process an input; frozen, hashable and picklable.

    ``select``/``ignore`` filter every diagnostic (parse and validation) by code;
    ``min_severity`` hides lighter ones. ``flag`` makes ``render`` mark annotations
    that have diagnostics.
    """

    command: Command
    encoding: str | None = None
    input_format: InputFormat = InputFormat.AUTO
    clean: bool = True
    readings: str | None = None
    select: frozenset[Code] | None = None
    ignore: frozenset[Code] = frozenset()
    min_severity: Severity = Severity.INFO
    context: bool = True
    html: HtmlOptions = attrs.field(factory=HtmlOptions)
    flag: bool = False

    def wants(self, diagnostic: Diagnostic) -> bool:
        """Whether ``diagnostic`` is reported under these settings."""
        code = diagnostic.code
        return (
            code not in self.ignore
            and (self.select is None or code in self.select)
            and diagnostic.severity >= self.min_severity
        )


@attrs.frozen
class Outcome:
    """What processing one input produced.

    ``output`` is the text to write (``None`` for ``check``), to be encoded with
    ``encoding``; ``diagnostics`` the reported findings; ``changes`` one line per fix;
    ``notes`` warnings about the output itself; ``error`` the reason the input could not
    be processed, in which case nothing else is set.
    """

    name: str
    output: str | None = None
    encoding: str = "utf-8"
    diagnostics: tuple[Diagnostic, ...] = ()
    changes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None


@functools.lru_cache(maxsize=4)
def load_readings(path: str | None) -> Readings | None:
    """Load a custom dictionary once per process (``OSError``/``ValueError`` if bad)."""
    return None if path is None else Readings.from_file(Path(path))


@functools.lru_cache(maxsize=4)
def _validator(settings: Settings) -> Validator:
    """One validator per settings, so its cache serves every input of a run."""
    options = ValidateOptions(
        ignore=settings.ignore, select=settings.select, context=settings.context
    )
    return Validator(options, load_readings(settings.readings))


def reset_caches() -> None:
    """Forget loaded dictionaries and validators, so a new run sees edited files."""
    load_readings.cache_clear()
    _validator.cache_clear()


def _decode_message(error: InputDecodeError, name: str) -> str:
    """Reword the decoder's message for the command line."""
    message = str(error).removeprefix("<input>: ")
    message = message.replace('pass encoding="gb18030"', "use --encoding gb18030")
    message = message.replace("the encoding= option", "--encoding")
    return f"{name}: {message}"


def _load(settings: Settings, item: Input, data: bytes) -> Document:
    """Read one input into a document, by its format."""
    return read_document(
        data,
        name=item.name,
        input_format=settings.input_format.resolve(str(item.relative)),
        encoding=settings.encoding,
        clean=settings.clean,
        readings=load_readings(settings.readings),
    )


def _reported(settings: Settings, document: Document) -> tuple[Diagnostic, ...]:
    """Parse and validation diagnostics of ``document`` that the settings keep."""
    found = document.diagnostics + _validator(settings).validate(document)
    kept = (d for d in found if settings.wants(d))
    return tuple(sorted(kept, key=lambda d: (d.line, d.column, d.code.code)))


def splice_fixes(text: str, changes: tuple[FixChange, ...]) -> str:
    """Write each change's new pinyin into the original text; all else stays as it was.

    Only the pinyin inside each changed annotation's span is replaced, so line breaks,
    spacing, noise and unchanged annotations keep every character.

    >>> from hanzi_annot import Code, Span
    >>> change = FixChange(Span(2, 14), "著名", "zhūmíng", "zhùmíng", ("zhù", "míng"),
    ...                    (Code.WRONG_TONE,))
    >>> splice_fixes("他很著名(zhūmíng)。", (change,))
    '他很著名(zhùmíng)。'
    """
    pieces: list[str] = []
    done = 0
    for change in sorted(changes, key=lambda c: c.span.start):
        start, end = change.span.start, change.span.end
        pieces += [text[done:start], text[start:end].replace(change.before, change.after)]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _fix(settings: Settings, item: Input, data: bytes) -> Outcome:
    if settings.input_format.resolve(str(item.relative)) is not InputFormat.TEXT:
        return Outcome(item.name, error=f"{item.name}: fix works on text files only")
    text = decode_input(data, encoding=settings.encoding)
    document = _load(settings, item, data)
    found = _validator(settings).validate(document)
    kept = tuple(d for d in found if settings.wants(d))
    result = apply_fixes(document, kept, readings=load_readings(settings.readings))
    lines = []
    for change in result.changes:
        first = change.diagnostics[0]  # the change is reported where check reports it
        line, column = first.line, first.column
        codes = ", ".join(code.code for code in change.codes)
        lines.append(
            f"{item.name}:{line}:{column}: {change.hanzi}({change.before}) → "
            f"{change.hanzi}({change.after}) [{codes}]"
        )
    fixed = splice_fixes(text, result.changes)
    encoding = codecs.lookup(settings.encoding or "utf-8").name
    if encoding in ("utf-8", "utf-8-sig"):
        encoding = "utf-8"
        if data.startswith(codecs.BOM_UTF8):
            fixed = _BOM + fixed
    return Outcome(item.name, output=fixed, encoding=encoding, changes=tuple(lines))


def _render(settings: Settings, item: Input, document: Document) -> Outcome:
    flags = _reported(settings, document) if settings.flag else ()
    rendered = HtmlRenderer(settings.html, diagnostics=flags).render(document)
    return Outcome(
        item.name,
        output=rendered.html if rendered.html.endswith("\n") else rendered.html + "\n",
        diagnostics=flags,
        notes=tuple(str(d) for d in rendered.diagnostics),
    )


def _run(settings: Settings, item: Input) -> Outcome:
    data = item.read()
    if settings.command is Command.FIX:
        return _fix(settings, item, data)
    document = _load(settings, item, data)
    if settings.command is Command.CHECK:
        return Outcome(item.name, diagnostics=_reported(settings, document))
    if settings.command is Command.RENDER:
        return _render(settings, item, document)
    if settings.command is Command.PLAIN:
        return Outcome(item.name, output=to_plain(document))
    if settings.command is Command.MARKUP:
        return Outcome(item.name, output=to_markup(document))
    return Outcome(item.name, output=to_json(document) + "\n")


def process(settings: Settings, item: Input) -> Outcome:
    """Do the command's work for one input; a problem with the input becomes ``error``."""
    try:
        outcome = _run(settings, item)
        if outcome.output is not None:
            outcome.output.encode(outcome.encoding)
        return outcome
    except UnicodeEncodeError as error:
        bad = error.object[error.start : error.end]
        return Outcome(
            item.name, error=f"{item.name}: {bad!r} cannot be written in {error.encoding}"
        )
    except InputDecodeError as error:
        return Outcome(item.name, error=_decode_message(error, item.name))
    except UnicodeDecodeError as error:
        return Outcome(item.name, error=f"{item.name}: not valid {error.encoding}: {error.reason}")
    except OSError as error:
        reason = error.strerror or str(error)
        return Outcome(item.name, error=f"{item.name}: cannot read: {reason}")
    except (HanziAnnotError, ValueError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        return Outcome(item.name, error=f"{item.name}: {first}")
    except Exception as error:  # one odd input must not end the run
        return Outcome(
            item.name,
            error=f"{item.name}: internal error ({type(error).__name__}: {error}); "
            "please report it with this file",
        )
