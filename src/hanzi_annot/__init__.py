r"""hanzi_annot: parse, validate and render Chinese text annotated with inline pinyin.

Readers are named by what they read and take text, bytes or a path alike:
:func:`from_text` (also called :func:`parse`), :func:`from_html`, :func:`from_json`,
:func:`from_markdown`, and :func:`load`, which picks one by a file's suffix. Writers
beside HTML and markup: :func:`to_ssml` (speech), :func:`to_reading_list` (tone3 list),
:func:`to_markdown`, :func:`to_epub` and :func:`build_vocabulary`.

>>> import hanzi_annot
>>> doc = hanzi_annot.from_text("泉州是国家(guójiā)历史文化名城。")
>>> hanzi_annot.to_plain(doc)
'泉州是国家历史文化名城。\n'
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hanzi_annot.check.annotate import AboveHsk, Annotator, Select, WordList, annotate
    from hanzi_annot.check.context import ContextPredictor, Prediction
    from hanzi_annot.check.fixes import FixChange, FixResult, apply_fixes, replay_fixes
    from hanzi_annot.check.validator import ValidateOptions, Validator, validate
    from hanzi_annot.corpus.load import InputFormat, load, read_document
    from hanzi_annot.corpus.pipeline import (
        Output,
        PipelineOptions,
        PipelineResult,
        run_pipeline,
    )
    from hanzi_annot.corpus.vocab import build_vocabulary
    from hanzi_annot.diagnostics import (
        Code,
        Diagnostic,
        DiagnosticWarning,
        Edit,
        ErrorPolicy,
        HanziAnnotError,
        InputDecodeError,
        InvalidTextError,
        MarkupError,
        PathAsTextError,
        Reporter,
        Severity,
        apply_policy,
    )
    from hanzi_annot.formats.jsonio import (
        JsonModelError,
        document_from_dict,
        document_to_dict,
        from_json,
        to_json,
    )
    from hanzi_annot.formats.markup import to_markup, to_plain
    from hanzi_annot.formats.readings_list import to_reading_list
    from hanzi_annot.formats.ssml import to_ssml
    from hanzi_annot.html.epub import EpubOptions, to_epub
    from hanzi_annot.html.markdown import from_markdown, to_markdown
    from hanzi_annot.html.read import from_html
    from hanzi_annot.html.write import (
        DEFAULT_CSS,
        TONE_CSS,
        HtmlOptions,
        HtmlRenderer,
        HtmlRenderWarning,
        Notation,
        RenderedHtml,
        RubyMode,
        to_html,
    )
    from hanzi_annot.model import (
        Annotation,
        Document,
        Metadata,
        Origin,
        Paragraph,
        Paragraphs,
        Section,
        Text,
        Token,
        provenance_fields,
        same_positions,
    )
    from hanzi_annot.pinyin.readings import Readings
    from hanzi_annot.positions import LineIndex, Span
    from hanzi_annot.text.clean import Cleaned, CleanOptions, clean_lines
    from hanzi_annot.text.decode import Line, decode_input, split_lines
    from hanzi_annot.text.inline import InlineResult, parse_inline
    from hanzi_annot.text.structure import from_text, parse

#: Where each public name lives; imported on first use, so `import hanzi_annot` (and the
#: command line) loads only the layers a program touches.
_HOMES: dict[str, str] = {
    "AboveHsk": "hanzi_annot.check.annotate",
    "Annotator": "hanzi_annot.check.annotate",
    "Select": "hanzi_annot.check.annotate",
    "WordList": "hanzi_annot.check.annotate",
    "annotate": "hanzi_annot.check.annotate",
    "ContextPredictor": "hanzi_annot.check.context",
    "Prediction": "hanzi_annot.check.context",
    "FixChange": "hanzi_annot.check.fixes",
    "FixResult": "hanzi_annot.check.fixes",
    "apply_fixes": "hanzi_annot.check.fixes",
    "replay_fixes": "hanzi_annot.check.fixes",
    "ValidateOptions": "hanzi_annot.check.validator",
    "Validator": "hanzi_annot.check.validator",
    "validate": "hanzi_annot.check.validator",
    "InputFormat": "hanzi_annot.corpus.load",
    "load": "hanzi_annot.corpus.load",
    "read_document": "hanzi_annot.corpus.load",
    "Output": "hanzi_annot.corpus.pipeline",
    "PipelineOptions": "hanzi_annot.corpus.pipeline",
    "PipelineResult": "hanzi_annot.corpus.pipeline",
    "run_pipeline": "hanzi_annot.corpus.pipeline",
    "build_vocabulary": "hanzi_annot.corpus.vocab",
    "Code": "hanzi_annot.diagnostics",
    "Diagnostic": "hanzi_annot.diagnostics",
    "DiagnosticWarning": "hanzi_annot.diagnostics",
    "Edit": "hanzi_annot.diagnostics",
    "ErrorPolicy": "hanzi_annot.diagnostics",
    "HanziAnnotError": "hanzi_annot.diagnostics",
    "InputDecodeError": "hanzi_annot.diagnostics",
    "InvalidTextError": "hanzi_annot.diagnostics",
    "MarkupError": "hanzi_annot.diagnostics",
    "PathAsTextError": "hanzi_annot.diagnostics",
    "Reporter": "hanzi_annot.diagnostics",
    "Severity": "hanzi_annot.diagnostics",
    "apply_policy": "hanzi_annot.diagnostics",
    "JsonModelError": "hanzi_annot.formats.jsonio",
    "document_from_dict": "hanzi_annot.formats.jsonio",
    "document_to_dict": "hanzi_annot.formats.jsonio",
    "from_json": "hanzi_annot.formats.jsonio",
    "to_json": "hanzi_annot.formats.jsonio",
    "to_markup": "hanzi_annot.formats.markup",
    "to_plain": "hanzi_annot.formats.markup",
    "to_reading_list": "hanzi_annot.formats.readings_list",
    "to_ssml": "hanzi_annot.formats.ssml",
    "EpubOptions": "hanzi_annot.html.epub",
    "to_epub": "hanzi_annot.html.epub",
    "from_markdown": "hanzi_annot.html.markdown",
    "to_markdown": "hanzi_annot.html.markdown",
    "from_html": "hanzi_annot.html.read",
    "DEFAULT_CSS": "hanzi_annot.html.write",
    "TONE_CSS": "hanzi_annot.html.write",
    "HtmlOptions": "hanzi_annot.html.write",
    "HtmlRenderer": "hanzi_annot.html.write",
    "HtmlRenderWarning": "hanzi_annot.html.write",
    "Notation": "hanzi_annot.html.write",
    "RenderedHtml": "hanzi_annot.html.write",
    "RubyMode": "hanzi_annot.html.write",
    "to_html": "hanzi_annot.html.write",
    "Annotation": "hanzi_annot.model",
    "Document": "hanzi_annot.model",
    "Metadata": "hanzi_annot.model",
    "Origin": "hanzi_annot.model",
    "Paragraph": "hanzi_annot.model",
    "Paragraphs": "hanzi_annot.model",
    "Section": "hanzi_annot.model",
    "Text": "hanzi_annot.model",
    "Token": "hanzi_annot.model",
    "provenance_fields": "hanzi_annot.model",
    "same_positions": "hanzi_annot.model",
    "Readings": "hanzi_annot.pinyin.readings",
    "LineIndex": "hanzi_annot.positions",
    "Span": "hanzi_annot.positions",
    "Cleaned": "hanzi_annot.text.clean",
    "CleanOptions": "hanzi_annot.text.clean",
    "clean_lines": "hanzi_annot.text.clean",
    "Line": "hanzi_annot.text.decode",
    "decode_input": "hanzi_annot.text.decode",
    "split_lines": "hanzi_annot.text.decode",
    "InlineResult": "hanzi_annot.text.inline",
    "parse_inline": "hanzi_annot.text.inline",
    "from_text": "hanzi_annot.text.structure",
    "parse": "hanzi_annot.text.structure",
}

__version__ = "0.2.0"

__all__ = [
    "DEFAULT_CSS",
    "TONE_CSS",
    "AboveHsk",
    "Annotation",
    "Annotator",
    "CleanOptions",
    "Cleaned",
    "Code",
    "ContextPredictor",
    "Diagnostic",
    "DiagnosticWarning",
    "Document",
    "Edit",
    "EpubOptions",
    "ErrorPolicy",
    "FixChange",
    "FixResult",
    "HanziAnnotError",
    "HtmlOptions",
    "HtmlRenderWarning",
    "HtmlRenderer",
    "InlineResult",
    "InputDecodeError",
    "InputFormat",
    "InvalidTextError",
    "JsonModelError",
    "Line",
    "LineIndex",
    "MarkupError",
    "Metadata",
    "Notation",
    "Origin",
    "Output",
    "Paragraph",
    "Paragraphs",
    "PathAsTextError",
    "PipelineOptions",
    "PipelineResult",
    "Prediction",
    "Readings",
    "RenderedHtml",
    "Reporter",
    "RubyMode",
    "Section",
    "Select",
    "Severity",
    "Span",
    "Text",
    "Token",
    "ValidateOptions",
    "Validator",
    "WordList",
    "__version__",
    "annotate",
    "apply_fixes",
    "apply_policy",
    "build_vocabulary",
    "clean_lines",
    "decode_input",
    "document_from_dict",
    "document_to_dict",
    "from_html",
    "from_json",
    "from_markdown",
    "from_text",
    "load",
    "parse",
    "parse_inline",
    "provenance_fields",
    "read_document",
    "replay_fixes",
    "run_pipeline",
    "same_positions",
    "split_lines",
    "to_epub",
    "to_html",
    "to_json",
    "to_markdown",
    "to_markup",
    "to_plain",
    "to_reading_list",
    "to_ssml",
    "validate",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'hanzi_annot' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
