"""The whole job for one document, and for a corpus: parse → validate → render.

:func:`process` runs the pipeline on one input; :func:`run_pipeline` streams a corpus
(a JSONL file, a directory tree, or any iterable of strings) through it, serially or
over worker processes, and yields results in input order. Inputs are read lazily and
only a bounded window of documents is in flight, so memory stays flat however large
the corpus is.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, cast

import attrs

from hanzi_annot.chardata import BOM
from hanzi_annot.check.validator import ValidateOptions, Validator
from hanzi_annot.corpus.fixing import FixPlan, plan_fixes
from hanzi_annot.corpus.load import InputFormat as InputFormat  # re-exported: old home
from hanzi_annot.corpus.load import read_document as read_document  # re-exported: old home
from hanzi_annot.corpus.outputs import WRITERS, Output
from hanzi_annot.corpus.parallel import map_ordered
from hanzi_annot.corpus.problems import InputProblem, ProblemKind
from hanzi_annot.corpus.selection import Selection
from hanzi_annot.corpus.sniff import binary_kind, looks_like_gb18030
from hanzi_annot.corpus.walk import DEFAULT_PATTERNS, walk
from hanzi_annot.diagnostics import (
    Diagnostic,
    HanziAnnotError,
    InputDecodeError,
    sort_diagnostics,
)
from hanzi_annot.html.write import HtmlOptions, HtmlRenderer
from hanzi_annot.model import Document
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.text.clean import CleanOptions
from hanzi_annot.text.decode import decode_input
from hanzi_annot.text.structure import from_text

__all__ = [
    "InputFormat",
    "Output",
    "Pipeline",
    "PipelineInput",
    "PipelineOptions",
    "PipelineResult",
    "iter_inputs",
    "iter_jsonl",
    "iter_tree",
    "jsonl_input",
    "process",
    "read_document",
    "run_pipeline",
]


def _outputs(values: Iterable[Output | str]) -> frozenset[Output]:
    return frozenset(Output(value) for value in values)


@attrs.frozen
class PipelineOptions:
    """Settings of the whole pipeline; picklable, so it travels to worker processes.

    ``outputs`` chooses the renderings kept per document (none by default: the
    document and its diagnostics only). ``validate=False`` skips validation.
    ``readings`` adds your own readings and phrases (see :class:`~hanzi_annot.Readings`)
    to parsing and validation. ``flag=True`` renders HTML in the editor view:
    annotations with diagnostics are marked, as :func:`~hanzi_annot.to_html` does when
    given diagnostics. ``input_format`` says how inputs are read (by default by file
    suffix: ``.html`` as HTML, ``.json`` as the document model, the rest as text).
    ``selection`` decides which diagnostics are reported (codes, per-file ignores,
    severity), once for every stage. ``fixes=True`` also plans the machine fixes of
    text inputs and gives the fixed bytes (in the input's encoding). ``documents=False``
    leaves the document out of every result (``document`` is then ``None`` also when
    ``error`` is not set): a run that wants only outputs and diagnostics then does not
    send each document back from its worker process, which costs about as much as
    reading it.
    """

    clean: bool | CleanOptions = True
    validate: bool = True
    validate_options: ValidateOptions | None = None
    html: HtmlOptions | None = None
    outputs: frozenset[Output] = attrs.field(default=frozenset(), converter=_outputs)
    encoding: str | None = None
    flag: bool = False
    readings: Readings | None = None
    input_format: InputFormat = InputFormat.AUTO
    selection: Selection = attrs.field(factory=Selection)
    fixes: bool = False
    documents: bool = True


@attrs.frozen
class PipelineInput:
    """One document to process: a name for messages, its text, bytes or path, and a URL.

    ``url`` (from a JSON Lines record's ``"url"``) becomes ``document.metadata.url``
    unless the document names its own. ``problem`` marks an input already known to be
    unusable (a JSON Lines record with no text): processing it gives its error result,
    in its place in the run.
    """

    name: str
    content: str | bytes | Path
    url: str | None = None
    problem: InputProblem | None = None


@attrs.frozen
class PipelineResult:
    """What the pipeline made of one input.

    ``diagnostics`` holds the selected parsing, validation and writing findings in
    document order. ``error`` is set (with ``problem`` saying what kind, and
    ``document`` ``None``) when the input could not be processed; one bad input does
    not stop a corpus run. ``document`` is also ``None`` under
    ``PipelineOptions(documents=False)``. With ``PipelineOptions(fixes=True)`` a text
    input also gets ``plan`` (the edits and the diagnostics they settle) and ``fixed``
    (the new bytes, in the input's encoding; ``None`` when the plan changes nothing).
    """

    name: str
    document: Document | None
    diagnostics: tuple[Diagnostic, ...] = ()
    outputs: Mapping[Output, str] = attrs.field(factory=dict)
    error: str | None = None
    problem: InputProblem | None = None
    plan: FixPlan | None = None
    fixed: bytes | None = attrs.field(default=None, repr=False)

    def summary(self) -> dict[str, Any]:
        """Return a small JSON-ready dict: name, error and diagnostics as dicts."""
        return {
            "name": self.name,
            "error": self.error,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _failed(name: str, kind: ProblemKind, message: str, hint: str | None = None) -> PipelineResult:
    message = message.removeprefix(f"{name}: ")  # a reader that named the input already
    problem = InputProblem(kind, f"{name}: {message}", hint)
    return PipelineResult(name, None, error=str(problem), problem=problem)


def _undecodable(name: str, data: bytes, encoding: str) -> PipelineResult:
    """Say where ``data`` stops being valid ``encoding``; advise GB18030 only if it fits."""
    skip = len(codecs.BOM_UTF8) if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8) else 0
    try:
        data[skip:].decode(encoding)
    except UnicodeDecodeError as error:
        start = error.start + skip
        line = data.count(b"\n", 0, start) + 1
        bad = data[start : min(error.end + skip, start + 4)].hex(" ").upper()
        where = f"byte {bad} at offset {start} (line {line})"
    else:  # pragma: no cover - the decoder refused what decodes
        where = "undecodable bytes"
    hint = "gb18030" if encoding == "utf-8" and looks_like_gb18030(data) else None
    return _failed(name, ProblemKind.UNDECODABLE, f"not valid {encoding}: {where}", hint)


class Pipeline:
    """A reusable pipeline: holds one validator so its cache serves every document.

    It pickles with its (empty or filled) cache, so a worker process gets its own
    copy once and keeps it for every document it processes.
    """

    def __init__(self, options: PipelineOptions | None = None) -> None:
        self.options = options or PipelineOptions()
        self._validator = Validator(self.options.validate_options, self.options.readings)

    def process(self, item: PipelineInput) -> PipelineResult:
        """Parse, validate and render one input; any failure becomes an error result."""
        try:
            return self._process(item)
        except Exception as error:  # one odd document must never stop a corpus run
            return _failed(
                item.name,
                ProblemKind.INTERNAL,
                f"internal error ({type(error).__name__}: {_first_line(error)}); "
                "please report it with this input",
            )

    def _process(self, item: PipelineInput) -> PipelineResult:
        options, name = self.options, item.name
        if item.problem is not None:
            return PipelineResult(name, None, error=str(item.problem), problem=item.problem)
        kind = options.input_format.resolve(name)
        content = item.content
        if isinstance(content, Path):
            try:
                content = content.read_bytes()
            except OSError as error:
                return _failed(name, ProblemKind.UNREADABLE, f"cannot read: {_reason(error)}")
        try:
            encoding = codecs.lookup(options.encoding or "utf-8").name
        except LookupError:
            return _failed(name, ProblemKind.INVALID, f"unknown encoding {options.encoding!r}")
        if isinstance(content, bytes) and (binary := binary_kind(content)) is not None:
            return _failed(name, ProblemKind.NOT_TEXT, f"not text ({binary})")
        text: str | None = None
        try:
            if kind is InputFormat.TEXT:
                if isinstance(content, bytes):
                    text = decode_input(content, encoding=encoding)
                else:
                    text = decode_input(content)
                document = from_text(
                    text, path=name, clean=options.clean, readings=options.readings
                )
            else:
                document = read_document(
                    content,
                    name=name,
                    input_format=kind,
                    encoding=options.encoding,
                    readings=options.readings,
                )
        except InputDecodeError:
            assert isinstance(content, bytes)
            return _undecodable(name, content, encoding)
        except (HanziAnnotError, ValueError, RecursionError) as error:
            return _failed(name, ProblemKind.INVALID, _first_line(error))
        return self._finish(item, document, content, text, encoding)

    def _finish(
        self,
        item: PipelineInput,
        document: Document,
        content: str | bytes,
        text: str | None,
        encoding: str,
    ) -> PipelineResult:
        options, name = self.options, item.name
        if item.url is not None and document.metadata.url is None:
            metadata = attrs.evolve(document.metadata, url=item.url)
            document = attrs.evolve(document, metadata=metadata)
        found = list(document.diagnostics)
        if options.validate:
            found += self._validator.validate(document)
        diagnostics = options.selection.keep(sort_diagnostics(found), name)
        outputs: dict[Output, str] = {}
        if options.outputs:
            flags = diagnostics if options.flag else ()
            renderer = HtmlRenderer(options.html, diagnostics=flags)
            written: list[Diagnostic] = []
            for output in sorted(options.outputs, key=lambda o: o.value):
                rendered = WRITERS[output].write(document, renderer)
                outputs[output] = rendered.text
                written += rendered.diagnostics
            diagnostics = sort_diagnostics(diagnostics + options.selection.keep(written, name))
        kept = document if options.documents else None
        if not options.fixes or text is None:
            return PipelineResult(name, kept, diagnostics, outputs)
        plan = plan_fixes(document, diagnostics, text, readings=options.readings)
        fixed: bytes | None = None
        if plan.edits:
            new = plan.apply(text)
            if isinstance(content, bytes) and content.startswith(codecs.BOM_UTF8):
                new = BOM + new
            try:
                fixed = new.encode(encoding if isinstance(content, bytes) else "utf-8")
            except UnicodeEncodeError as error:
                bad = error.object[error.start : error.end]
                return _failed(
                    name, ProblemKind.UNWRITABLE, f"{bad!r} cannot be written in {encoding}"
                )
        return PipelineResult(name, kept, diagnostics, outputs, plan=plan, fixed=fixed)


def process(
    content: str | bytes | os.PathLike[str],
    *,
    name: str | None = None,
    options: PipelineOptions | None = None,
) -> PipelineResult:
    r"""Run the whole pipeline on one document.

    >>> result = process("标题\n泉州是国家(guójiā)历史文化名城。", options=PipelineOptions(
    ...     outputs=["plain"]))
    >>> result.outputs[Output.PLAIN]
    '标题\n\n泉州是国家历史文化名城。\n'
    """
    if isinstance(content, os.PathLike):
        content = Path(content)
        name = name or str(content)
    return Pipeline(options).process(PipelineInput(name or "<input>", content))


def iter_jsonl(path: str | os.PathLike[str], *, key: str = "text") -> Iterator[PipelineInput]:
    """Yield one input per line of a JSON Lines file, the text under ``key``.

    Each input is named ``path:line``. A line that is not JSON or lacks ``key`` raises
    ``ValueError`` naming the line, since a corpus with holes should not pass silently.
    """
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield jsonl_input(line, f"{path}:{number}", key)


def _jsonl_records(path: str | os.PathLike[str], key: str) -> Iterator[PipelineInput]:
    """Like :func:`iter_jsonl`, but a record without text becomes an input with a problem."""
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                name = f"{path}:{number}"
                try:
                    yield jsonl_input(line, name, key)
                except ValueError as error:
                    problem = InputProblem(ProblemKind.INVALID, str(error))
                    yield PipelineInput(name, "", problem=problem)


def jsonl_input(line: str, name: str, key: str = "text") -> PipelineInput:
    """Read one JSON Lines record into an input named ``name``; ``ValueError`` if unusable."""
    try:
        record = json.loads(line)
        text = record[key]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise ValueError(f"{name}: no text under {key!r}: {error}") from None
    if not isinstance(text, str):
        raise ValueError(f"{name}: value under {key!r} is not a string")
    url = record.get("url")
    return PipelineInput(name, text, url=url if isinstance(url, str) and url else None)


def iter_tree(
    root: str | os.PathLike[str], *, patterns: Sequence[str] = DEFAULT_PATTERNS
) -> Iterator[PipelineInput]:
    """Yield every file under ``root`` matching one of ``patterns``, in sorted order.

    The walk is :func:`~hanzi_annot.corpus.walk.walk`, the same as the command line's.
    """
    for path in walk(root, patterns):
        yield PipelineInput(str(path), path)


def iter_inputs(
    source: str | os.PathLike[str] | Iterable[str], *, key: str = "text"
) -> Iterator[PipelineInput]:
    """Turn a JSONL path, a directory, a file path or an iterable of strings into inputs."""
    if isinstance(source, str) and ("\n" in source or len(source) > 4096):
        raise TypeError("a str source is a path; to process one text, pass it in a list: [text]")
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            return iter_tree(path)
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            return iter_jsonl(path, key=key)
        if not path.exists():
            raise FileNotFoundError(f"no such file or directory: {path}")
        return iter([PipelineInput(str(path), path)])
    return (PipelineInput(f"<{index}>", text) for index, text in enumerate(source))


def run_pipeline(
    source: str | os.PathLike[str] | Iterable[str] | Iterable[PipelineInput],
    options: PipelineOptions | None = None,
    *,
    workers: int = 1,
    key: str = "text",
    batch_size: int = 16,
) -> Iterator[PipelineResult]:
    """Stream a corpus through the pipeline, yielding results in input order.

    ``workers > 1`` spreads batches of ``batch_size`` documents over that many
    processes; at most ``2 * workers`` batches are in flight, so memory stays flat and
    results equal the serial run's. A document that cannot be processed (unreadable,
    not text, a JSON Lines record without text) becomes an error result naming it,
    also when its worker process dies; the run goes on.
    """
    options = options or PipelineOptions()
    items: Iterable[PipelineInput]
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.suffix.lower() in (".jsonl", ".ndjson") and path.is_file():
            items = _jsonl_records(path, key)  # a record without text is one error result
        else:
            items = iter_inputs(source, key=key)
    else:
        items = (
            item if isinstance(item, PipelineInput) else PipelineInput(f"<{index}>", str(item))
            for index, item in enumerate(cast("Iterable[str | PipelineInput]", source))
        )
    yield from map_ordered(
        Pipeline(options).process,
        items,
        workers=workers,
        batch_size=batch_size,
        on_error=_lost,
    )


def _lost(item: PipelineInput, error: BaseException) -> PipelineResult:
    """Return the result of an input that failed in its worker process, run on its own."""
    if isinstance(error, BrokenProcessPool):
        why = f"its worker process stopped ({type(error).__name__})"
    else:  # the pipeline catches what a document can cause; this is a bug
        why = f"it failed in its worker process ({type(error).__name__}: {error})"
    return _failed(item.name, ProblemKind.INTERNAL, f"not processed: {why}")
