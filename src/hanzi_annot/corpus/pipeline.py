"""The whole job for one document, and for a corpus: parse → validate → render.

:func:`process` runs the pipeline on one input; :func:`run_pipeline` streams a corpus
(a JSONL file, a directory tree, or any iterable of strings) through it, serially or
over worker processes, and yields results in input order. Inputs are read lazily and
only a bounded window of documents is in flight, so memory stays flat however large
the corpus is.
"""

from __future__ import annotations

import enum
import functools
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import attrs

from hanzi_annot.check.validator import ValidateOptions, Validator
from hanzi_annot.corpus.load import InputFormat as InputFormat  # re-exported: old home
from hanzi_annot.corpus.load import read_document as read_document  # re-exported: old home
from hanzi_annot.corpus.parallel import map_ordered
from hanzi_annot.diagnostics import Diagnostic, HanziAnnotError, sort_diagnostics
from hanzi_annot.formats.jsonio import to_json
from hanzi_annot.formats.markup import to_markup, to_plain
from hanzi_annot.html.write import HtmlOptions, HtmlRenderer
from hanzi_annot.model import Document
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.text.clean import CleanOptions


class Output(str, enum.Enum):
    """What :func:`process` writes for each document besides the model.

    A ``str`` enum, so ``result.outputs["html"]`` works as well as ``Output.HTML``.
    """

    HTML = "html"
    PLAIN = "plain"
    MARKUP = "markup"
    JSON = "json"

    @property
    def suffix(self) -> str:
        """The file name ending used when this output is written to a file."""
        return {"html": ".html", "plain": ".txt", "markup": ".markup.txt", "json": ".json"}[
            self.value
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


@attrs.frozen
class PipelineInput:
    """One document to process: a name for messages, its text, bytes or path, and a URL.

    ``url`` (from a JSON Lines record's ``"url"``) becomes ``document.metadata.url``
    unless the document names its own.
    """

    name: str
    content: str | bytes | Path
    url: str | None = None


@attrs.frozen
class PipelineResult:
    """What the pipeline made of one input.

    ``diagnostics`` holds parsing and validation findings in document order. ``error``
    is set (and ``document`` is ``None``) when the input could not be read or decoded;
    one bad file does not stop a corpus run.
    """

    name: str
    document: Document | None
    diagnostics: tuple[Diagnostic, ...] = ()
    outputs: Mapping[Output, str] = attrs.field(factory=dict)
    error: str | None = None

    def summary(self) -> dict[str, Any]:
        """Return a small JSON-ready dict: name, error and diagnostics as dicts."""
        return {
            "name": self.name,
            "error": self.error,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }


def _render(document: Document, output: Output, html: HtmlRenderer) -> tuple[str, list[Diagnostic]]:
    if output is Output.HTML:
        rendered = html.render(document)
        return rendered.html, list(rendered.diagnostics)
    if output is Output.PLAIN:
        return to_plain(document), []
    if output is Output.MARKUP:
        return to_markup(document), []
    return to_json(document), []


class Pipeline:
    """A reusable pipeline: holds one validator so its cache serves every document."""

    def __init__(self, options: PipelineOptions | None = None) -> None:
        self.options = options or PipelineOptions()
        self._validator = Validator(self.options.validate_options, self.options.readings)

    def process(self, item: PipelineInput) -> PipelineResult:
        """Parse, validate and render one input."""
        try:
            options = self.options
            document = read_document(
                item.content,
                name=item.name,
                input_format=options.input_format,
                encoding=options.encoding,
                clean=options.clean,
                readings=options.readings,
            )
        except (HanziAnnotError, OSError, ValueError) as error:
            return PipelineResult(item.name, None, error=str(error))
        if item.url is not None and document.metadata.url is None:
            metadata = attrs.evolve(document.metadata, url=item.url)
            document = attrs.evolve(document, metadata=metadata)
        diagnostics = list(document.diagnostics)
        if self.options.validate:
            diagnostics += self._validator.validate(document)
        outputs: dict[Output, str] = {}
        if self.options.outputs:
            flags = diagnostics if self.options.flag else ()
            renderer = HtmlRenderer(self.options.html, diagnostics=flags)
            for output in sorted(self.options.outputs, key=lambda o: o.value):
                outputs[output], found = _render(document, output, renderer)
                diagnostics += found
        return PipelineResult(item.name, document, sort_diagnostics(diagnostics), outputs)


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
    root: str | os.PathLike[str], *, patterns: Sequence[str] = ("*.txt", "*.html", "*.htm")
) -> Iterator[PipelineInput]:
    """Yield every file under ``root`` matching one of ``patterns``, in sorted order."""
    base = Path(root)
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        if any(path.match(pattern) for pattern in patterns):
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


def _process_one(options: PipelineOptions, item: PipelineInput) -> PipelineResult:
    return _pipeline_for(options).process(item)


@functools.lru_cache(maxsize=4)
def _pipeline_for(options: PipelineOptions) -> Pipeline:
    """One pipeline per options in each worker process, so its validator cache is reused."""
    return Pipeline(options)


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
    results equal the serial run's.
    """
    options = options or PipelineOptions()
    items: Iterable[PipelineInput]
    if isinstance(source, (str, os.PathLike)):
        items = iter_inputs(source, key=key)
    else:
        items = (
            item if isinstance(item, PipelineInput) else PipelineInput(f"<{index}>", str(item))
            for index, item in enumerate(cast("Iterable[str | PipelineInput]", source))
        )
    if workers == 1:
        pipeline = Pipeline(options)
        yield from map(pipeline.process, items)
        return
    yield from map_ordered(
        functools.partial(_process_one, options), items, workers=workers, batch_size=batch_size
    )
