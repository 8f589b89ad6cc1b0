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
